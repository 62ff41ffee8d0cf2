import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";

/** The relative modules `file` imports at load time (`import … from`, `export … from`, bare `import "…"`; not `import type`). */
function staticImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/^(?:import(?! type)[^;]*?from|export(?! type)[^;]*?from|import)\s+"(\.[^"]+)"/gms)];
  return specs.map(([, spec]) => {
    const resolved = path.join(path.dirname(file), spec!);
    const ts = resolved.replace(/\.js$/, ".ts");
    return existsSync(ts) ? ts : resolved;
  });
}

describe("hardhat.config.ts loads on a fresh clone", () => {
  it("imports nothing that needs generated files (the ABIs, typechain) before the first build", () => {
    const seen = new Set<string>();
    const queue = ["hardhat.config.ts"];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file) || !file.endsWith(".ts")) continue;
      seen.add(file);
      queue.push(...staticImports(file));
    }
    expect(seen.size, "modules loaded with the config").to.be.greaterThan(40);
    const generated = [...seen].filter((f) => /abis\.(generated|ts$)|typechain-types|core[/\\]errors\.ts/.test(f));
    expect(generated, "the config's import graph reaches generated code").to.deep.equal([]);
  });
});
