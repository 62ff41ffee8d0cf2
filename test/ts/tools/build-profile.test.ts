import { expect } from "chai";
import hre from "hardhat";
import { compileNotice } from "../../../scripts/core/compile-notice.js";

/**
 * One build for everything: Ignition (`suite:deploy`, `ignition deploy`) builds with the `production` profile, the
 * tests, the demo and `npm run build` with `default`. The two resolve to the same compiler settings, so each reuses
 * the other's cache in either order (no second compile of every file), and a compile that does run says so first.
 */
describe("build profiles and the compile notice", function () {
  it("the production profile resolves to exactly the default profile", function () {
    const { default: base, production } = hre.config.solidity.profiles;
    expect(production).to.deep.equal(base);
    expect(production?.isolated).to.equal(false);
  });

  it("the mutation profile (npm run mutate) is the default profile with the optimizer off, and nothing else", function () {
    const { default: base, mutation } = hre.config.solidity.profiles;
    // The profile as JSON with every compiler's optimizer settings left out.
    const off = (p: typeof base): unknown =>
      JSON.parse(JSON.stringify(p, (key, value: unknown) => (key === "optimizer" ? undefined : value)));
    expect(mutation?.compilers[0]?.settings).to.have.nested.property("optimizer.enabled", false);
    expect(base?.compilers[0]?.settings).to.have.nested.property("optimizer.enabled", true);
    expect(off(mutation)).to.deep.equal(off(base));
  });

  it("after the test run's default build, a production build has nothing to compile (all cache hits)", async function () {
    const roots = await hre.solidity.getRootFilePaths({ scope: "contracts" });
    for (const buildProfile of ["default", "production"]) {
      const jobs = await hre.solidity.getCompilationJobs(roots, { buildProfile, quiet: true, scope: "contracts" });
      if (!("compilationJobsPerFile" in jobs)) throw new Error(`${buildProfile}: ${JSON.stringify(jobs)}`);
      expect(jobs.compilationJobsPerFile.size, `${buildProfile}: files to compile`).to.equal(0);
      expect(jobs.cacheHits.size, `${buildProfile}: cache hits`).to.equal(roots.length);
    }
  });

  it("a compile says what it is doing, once, before solc runs (a registered solidity hook)", async function () {
    const lines: string[] = [];
    const notice = compileNotice((line) => lines.push(line));
    expect(notice("0.8.30")).to.equal(true);
    expect(notice("0.8.30")).to.equal(false);
    expect(lines).to.deep.equal([
      "compiling Solidity with solc 0.8.30 (solc-js from npm; a first build takes a few minutes, later ones only what changed)…",
    ]);
    const plugin = hre.config.plugins.find((p) => p.id === "collective-impact-compile-notice");
    const handlers = await (await plugin?.hookHandlers?.solidity?.())?.default();
    expect(handlers?.invokeSolc).to.be.a("function");
  });
});
