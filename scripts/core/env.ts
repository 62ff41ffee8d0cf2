/**
 * Loads `.env` (dotenv) and makes an empty variable mean unset, everywhere: `cp .env.example .env` leaves
 * `LOCALHOST_RPC_URL=`, `FUZZ_SEED=`… empty, and every `process.env.X ?? default` and Hardhat `configVariable`
 * must then see them as missing, not as "". Imported first by hardhat.config.ts.
 */
import "dotenv/config";

/** Deletes every empty variable of `env` (default: `process.env`); returns the names deleted. */
export function unsetEmptyVariables(env: NodeJS.ProcessEnv = process.env): string[] {
  const empty = Object.keys(env).filter((name) => env[name] === "");
  for (const name of empty) Reflect.deleteProperty(env, name);
  return empty;
}

unsetEmptyVariables();
