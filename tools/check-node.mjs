// Runs after `npm ci`/`npm install`: a broken install must never look like success.
// Hardhat 3 needs Node >= 22.13, and npm running under an older Node silently skips Hardhat's native EDR package.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const FIX = `run npm under Node 22: npx -y -p node@22 -c "npm ci"`;
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`error: Node ${process.versions.node} is too old for Hardhat 3 (needs >= 22.13); ${FIX}`);
  process.exit(1);
}
try {
  require("@nomicfoundation/edr");
} catch (err) {
  const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
  console.error(
    `error: Hardhat's native EDR package for ${process.platform}-${process.arch} is missing (${reason}); ${FIX}`,
  );
  process.exit(1);
}
