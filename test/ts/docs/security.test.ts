import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";

/** Every file under `dir` whose name ends with `suffix`. */
function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, suffix) : full.endsWith(suffix) ? [full] : [];
  });
}

/** Solidity test sources by contract name: the text of the file that declares `contract <Name>`. */
function solidityContracts(): Map<string, string> {
  const contracts = new Map<string, string>();
  for (const file of filesUnder("test/contracts", ".sol")) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^contract (\w+)/gm)) contracts.set(m[1]!, text);
  }
  return contracts;
}

/** The trust-model table of SECURITY.md: one row per line, cells trimmed (header and separator dropped). */
function trustTable(): { role: string; can: string; never: string; proof: string }[] {
  const doc = readFileSync("SECURITY.md", "utf8");
  const section = doc.split("## Trust model")[1]?.split("\n## ")[0] ?? "";
  const rows = section.split("\n").filter((line) => line.startsWith("|"));
  return rows.slice(2).map((line) => {
    const [role = "", can = "", never = "", proof = ""] = line
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
    return { role, can, never, proof };
  });
}

describe("SECURITY.md", () => {
  const rows = trustTable();
  const contracts = solidityContracts();
  const allSolidity = [...contracts.values()].join("\n");

  it("has a trust-model table whose every 'can never' names at least one proof", () => {
    expect(rows.length).to.be.greaterThan(10);
    const unproven = rows.filter((r) => r.never !== "" && r.never !== "—" && !/`[^`]+`/.test(r.proof));
    expect(unproven.map((r) => `${r.role}: ${r.never.slice(0, 60)}`)).to.deep.equal([]);
  });

  it("names only tests and files that exist (Contract.test_X in that contract, a bare test_X after it)", () => {
    const missing: string[] = [];
    let checked = 0;
    for (const { proof } of rows) {
      let current: string | undefined; // the contract named last in this cell
      for (const [, ref] of proof.matchAll(/`([^`]+)`/g)) {
        const name = ref!;
        checked += 1;
        if (name.includes("/")) {
          if (!existsSync(name)) missing.push(name);
          continue;
        }
        const dotted = /^(\w+)\.(\w+)$/.exec(name);
        if (dotted !== null) {
          current = dotted[1]!;
          const text = contracts.get(current);
          if (text === undefined || !new RegExp(`function ${dotted[2]}\\(`).test(text)) missing.push(name);
          continue;
        }
        const text = current === undefined ? allSolidity : (contracts.get(current) ?? "");
        if (!new RegExp(`function ${name}\\(`).test(text))
          missing.push(current === undefined ? name : `${current}.${name}`);
      }
    }
    expect(checked, "references checked").to.be.greaterThan(25);
    expect(missing, `SECURITY.md names tests that do not exist: ${missing.join(", ")}`).to.deep.equal([]);
  });

  it("the README's security section points to it and claims no role SECURITY.md does not list", () => {
    const readme = readFileSync("README.md", "utf8");
    const section = readme.split("## Security model")[1]?.split("\n## ")[0] ?? "";
    expect(section).to.include("SECURITY.md");
    const roles = rows.map((r) => r.role.toLowerCase()).join(" ");
    // Bullets that open with a role ("**Stewards**", "**Arbiters**", "**Multisigs.**"): SECURITY.md lists it.
    const ROLE_IN_TABLE: Record<string, string> = { steward: "steward", arbiter: "arbiter", multisig: "safe" };
    const named = [...section.matchAll(/^- \*\*([A-Za-z]+)/gm)].map(([, w]) => w!.toLowerCase().replace(/s$/, ""));
    expect(named).to.include.members(["steward", "arbiter", "multisig"]);
    for (const word of named) {
      const role = ROLE_IN_TABLE[word];
      if (role !== undefined) expect(roles, `README's "${word}" bullet`).to.include(role);
    }
  });
});
