import type { ExportArgs } from "../../../scripts/cli/actions/data.js";

/** `data:export`'s flags as a task receives them with only `--out` given: every other flag at its default. */
export function exportArgs(out: string): ExportArgs {
  return {
    out,
    fromBlock: "",
    toBlock: "",
    chunk: "2000",
    rpc: "",
    registry: "",
    oracle: "",
    escrowFactory: "",
    poolFactory: "",
  };
}
