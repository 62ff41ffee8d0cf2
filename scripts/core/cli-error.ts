/**
 * The CLI's user-facing failure, in a module of its own with no imports: the task definitions that Hardhat loads
 * with its config (options, signer) need it before anything is compiled, so it must not pull in the revert decoder
 * (which reads the generated ABIs).
 */

/** A user-facing failure: printed as one line (`error: <message>`), exit code 1, no stack trace. */
export class CliError extends Error {
  override name = "CliError";
}
