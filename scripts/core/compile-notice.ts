/**
 * A one-line notice before the first solc run of a process, on stderr: a build from scratch with solc-js (the npm
 * `solc` package, nothing downloaded) takes minutes on a small machine, and Hardhat's own spinner shows only on a
 * terminal. Nothing is printed when every file is a cache hit (solc never runs). Registered by hardhat.config.ts as
 * the `solidity` hook handlers of a local plugin.
 */
import type { SolidityHooks } from "hardhat/types/hooks";

/** A notice printer that writes its line once (the first call returns true, later ones false). */
export function compileNotice(write: (line: string) => void): (version: string) => boolean {
  let noticed = false;
  return (version) => {
    if (noticed) return false;
    noticed = true;
    write(
      `compiling Solidity with solc ${version} (solc-js from npm; a first build takes a few minutes, later ones only what changed)…`,
    );
    return true;
  };
}

/** The process's notice, on stderr. */
const notice = compileNotice((line) => process.stderr.write(`${line}\n`));

const handlers: Partial<SolidityHooks> = {
  async invokeSolc(context, compiler, solcInput, solcConfig, next) {
    notice(solcConfig.version);
    return next(context, compiler, solcInput, solcConfig);
  },
};

/** The hook handler factory Hardhat loads lazily (`hookHandlers.solidity`). */
export default (): Promise<Partial<SolidityHooks>> => Promise.resolve(handlers);
