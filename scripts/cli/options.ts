import type { task } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { TaskResult } from "../core/cli.js";
export { FROM_OPTION } from "../core/signer.js";

/**
 * Options shared by several tasks, and the one place where required options are checked.
 *
 * Hardhat 3 has no required named options: every option has a default. Required ones default to `""`, and
 * `lazyAction` refuses an empty one before the action runs, with one line naming the flag (`--file: required`).
 */
export const REGISTRY_OPTION = {
  name: "registry",
  description: "MissionRegistry address (default: the address book)",
  defaultValue: "",
} as const;
export const MISSION_OPTION = { name: "mission", description: "Mission id or #hashtag", defaultValue: "" } as const;
export const ORACLE_OPTION = {
  name: "oracle",
  description: "MetricOracle address (default: address book)",
  defaultValue: "",
} as const;
export const GOAL_OPTION = { name: "goal", description: "goal id", defaultValue: "" } as const;
export const PERIOD_OPTION = { name: "period", description: "period (1-based)", defaultValue: "" } as const;
export const COMMITTEE_OPTION = {
  name: "committee",
  description: "committee version of the slot (default: the mission's current one)",
  defaultValue: "",
} as const;

/** The options that name one oracle slot: `--oracle`, `--mission`, `--goal`, `--period` and `--committee`. */
export function withSlotOptions<T extends ReturnType<typeof task>>(t: T) {
  return t
    .addOption(ORACLE_OPTION)
    .addOption(MISSION_OPTION)
    .addOption(GOAL_OPTION)
    .addOption(PERIOD_OPTION)
    .addOption(COMMITTEE_OPTION);
}
export const ESCROW_FACTORY_OPTION = {
  name: "factory",
  description: "OutcomeEscrowFactory address (default: the address book)",
  defaultValue: "",
} as const;
export const ESCROW_OPTION = { name: "escrow", description: "Escrow address", defaultValue: "" } as const;
export const POOL_FACTORY_OPTION = {
  name: "factory",
  description: "ImpactPoolFactory address (default: address book)",
  defaultValue: "",
} as const;
export const POOL_OPTION = { name: "pool", description: "pool address", defaultValue: "" } as const;
export const AMOUNT_OPTION = {
  name: "amount",
  description: "amount in whole tokens, e.g. 1000.5",
  defaultValue: "",
} as const;

type Action<A> = (args: A, hre: HardhatRuntimeEnvironment) => Promise<TaskResult>;

/** The first of `required` left empty, or undefined when every required option was given. */
export function missingOption<A extends object>(args: A, required: readonly (keyof A & string)[]): string | undefined {
  return required.find((name) => args[name] === "");
}

/**
 * A lazily loaded task action whose `required` options are checked first: an empty one prints
 * `error: --<flag>: required` and fails the task (exit code 1) before the action module is even loaded.
 */
export function lazyAction<A extends object>(
  required: readonly NoInfer<keyof A & string>[],
  load: () => Promise<Action<A>>,
): () => Promise<{ default: Action<A> }> {
  return () =>
    Promise.resolve({
      default: async (args: A, hre: HardhatRuntimeEnvironment): Promise<TaskResult> => {
        const missing = missingOption(args, required);
        if (missing !== undefined) {
          const error = `--${missing}: required`;
          console.error(`error: ${error}`);
          return { success: false, error };
        }
        return (await load())(args, hre);
      },
    });
}
