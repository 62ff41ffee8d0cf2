import { task } from "hardhat/config";
import { ESCROW_FACTORY_OPTION, FROM_OPTION, lazyAction } from "../options.js";

/**
 * `escrow:create`: Creates an outcome escrow from a terms file (schemas/escrow-terms.schema.json); a file with a
 * payment schedule creates a scheduled escrow (through a ScheduledEscrowFactory).
 */
export const escrowCreateTask = task(
  "escrow:create",
  "Creates an outcome escrow from a terms file (schemas/escrow-terms.schema.json); with a schedule, a scheduled escrow",
)
  .addOption({ name: "file", description: "Terms JSON file", defaultValue: "" })
  .addOption({
    name: "token",
    description: "ERC-20 to escrow (overrides the file; default: the file's, else the example deployment's token)",
    defaultValue: "",
  })
  .addOption({
    ...ESCROW_FACTORY_OPTION,
    description: `${ESCROW_FACTORY_OPTION.description}; a ScheduledEscrowFactory for a file with a schedule`,
  })
  .addOption(FROM_OPTION)
  .setAction(lazyAction(["file"], async () => (await import("../actions/escrow.js")).createAction))
  .build();
