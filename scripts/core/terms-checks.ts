/**
 * The checks `escrow:create` and `pool:create` run on a terms file against the chain before anything is sent, one
 * function for both: the token (`termsToken`) and every registry slot the terms name (`checkTermSlots`) — an escrow's
 * outcomes, a pool's basket and its milestones. They are the checks of the factories' one validation path
 * (`contracts/outcomes/OutcomeTermChecks.sol`: an Active mission, an existing goal, a period in range, the curve
 * running the goal's way, a no-data cut-off after the slot can last change, and for escrows the pinned goal version
 * and a funding deadline before the period ends), read from the same registry and oracle the factory reads, so a
 * file the CLI accepts is one the factory accepts — but refused in one line naming the field.
 */
import type { ContractRunner, Provider } from "ethers";
import { IMetricFeed__factory, IMissionRegistry__factory } from "../../typechain-types/index.js";
import { EXAMPLE_TOKEN_KEY, readAddressBook } from "./address-book.js";
import { decodeRevert, requireErc20 } from "./chain.js";
import { CliError } from "./cli.js";
import { durationText, isoTime } from "./units.js";
import { TermKind, UnitSource, type ScheduleStruct } from "../formats/schedule-structs.js";

/** `IMissionRegistry.MissionStatus` by index. */
const MISSION_STATUS = ["None", "Draft", "Active", "Concluded"] as const;

/**
 * The token of a terms file: `--token` when given; else the file's `token`, and when that is not an ERC-20 on this
 * chain, the example deployment's ExampleToken with a printed note; else (no token in the file) the example
 * deployment's ExampleToken. Each candidate is checked to be an ERC-20; a problem is one line naming the field.
 */
export async function termsToken(
  runner: ContractRunner & { provider: Provider | null },
  chainId: bigint,
  fileToken: string | undefined,
  tokenFlag: string | undefined,
  note: (line: string) => void = console.log,
): Promise<{ address: string; decimals: number; symbol: string }> {
  if (tokenFlag !== undefined) return { address: tokenFlag, ...(await requireErc20(runner, "--token", tokenFlag)) };
  const example = readAddressBook(chainId)[EXAMPLE_TOKEN_KEY];
  if (fileToken === undefined) {
    if (example === undefined) {
      throw new CliError(
        `token: required (in the file, or with --token; only the example deployment, \`suite:deploy --example\`, has a default)`,
      );
    }
    return { address: example, ...(await requireErc20(runner, "token", example)) };
  }
  try {
    return { address: fileToken, ...(await requireErc20(runner, "token", fileToken)) };
  } catch (err) {
    if (!(err instanceof CliError) || example === undefined) throw err;
    note(`note: ${err.message}; using the example deployment's ExampleToken ${example} (pass --token to choose)`);
    return { address: example, ...(await requireErc20(runner, "token", example)) };
  }
}

/** One registry slot named by a terms file: an outcome term (with its curve's direction) or a pool milestone. */
export interface TermSlot {
  /** Where it is in the file, e.g. `basket.2`, `outcomes.0`, `tranches.3.milestone`. */
  field: string;
  /** The field holding its mission id (`missionId` for an escrow, whose outcomes share the escrow's). */
  missionField: string;
  missionId: bigint;
  goalId: number;
  period: number;
  /** An outcome term's curve direction; undefined for a milestone (no curve: the goal's direction decides). */
  lowerIsBetter?: boolean;
  /** The field named when `lowerIsBetter` disagrees with the goal (default `<field>.curve`). */
  directionField?: string;
  /** Whether the slot must be able to be final by the cut-off (default: when `lowerIsBetter` is set). */
  checkCutoff?: boolean;
}

export interface TermSlotRules {
  /** Settlement deadline + grace: must not come before any slot can last change. */
  noDataAfter: bigint;
  /** The field named when the cut-off is too early (`settlementDeadline`). */
  noDataField: string;
  /** An escrow's pinned goal version: every goal must belong to it. */
  goalVersion?: number;
  /** An escrow's funding deadline: no later than the end of every outcome's period. */
  fundingDeadline?: bigint;
}

/** The registry and oracle a factory checks terms against (both factories expose `registry()` and `feed()`). */
export interface TermsFactory {
  registry(): Promise<string>;
  feed(): Promise<string>;
}

/**
 * Checks every slot of a terms file against the registry and oracle of `factory`, in the factory's order, and throws
 * one line naming the field (prefixed with `prefix`, e.g. the file name) at the first problem. Reverts other than the
 * registry's and oracle's "not found" errors are not caught.
 */
export async function checkTermSlots(
  runner: ContractRunner,
  factory: TermsFactory,
  slots: TermSlot[],
  rules: TermSlotRules,
  prefix = "",
): Promise<void> {
  const registry = IMissionRegistry__factory.connect(await factory.registry(), runner);
  const feed = IMetricFeed__factory.connect(await factory.feed(), runner);
  const fail = (field: string, message: string): never => {
    throw new CliError(`${prefix}${field}: ${message}`);
  };
  /** Challenge window + arbitration period of each mission's current committee version (what a new contract pins). */
  const settling = new Map<bigint, bigint>();
  for (const s of slots) {
    const mission = await registry.getMission(s.missionId).catch((err: unknown) => {
      if (decodeRevert(err)?.name === "MissionNotFound") fail(s.missionField, `no mission ${s.missionId}`);
      throw err;
    });
    const status = MISSION_STATUS[Number(mission.status)] ?? String(mission.status);
    if (status !== "Active") {
      fail(s.missionField, `mission ${s.missionId} is ${status}; escrows and pools need an Active mission`);
    }
    const goal = await registry.getGoal(s.missionId, s.goalId).catch((err: unknown) => {
      if (decodeRevert(err)?.name === "GoalNotFound")
        fail(`${s.field}.goalId`, `mission ${s.missionId} has no goal ${s.goalId}`);
      throw err;
    });
    const slotName = `mission ${s.missionId} goal ${s.goalId}`;
    if (s.period < 1 || s.period > Number(goal.periodCount)) {
      fail(`${s.field}.period`, `${slotName} has periods 1…${goal.periodCount}, not ${s.period}`);
    }
    const falls = goal.target < goal.baseline;
    if (s.lowerIsBetter !== undefined && s.lowerIsBetter !== falls) {
      const way = (lower: boolean) => (lower ? "falls" : "rises");
      fail(
        s.directionField ?? `${s.field}.curve`,
        `${way(s.lowerIsBetter)} but ${slotName} ${way(falls)} (baseline ${goal.baseline} → target ${goal.target}); ${s.directionField === undefined ? "a curve" : "it"} must run the goal's way`,
      );
    }
    if (rules.goalVersion !== undefined && Number(goal.version) !== rules.goalVersion) {
      fail(
        `${s.field}.goalId`,
        `${slotName} is in goal version ${goal.version}, not the pinned goalVersion ${rules.goalVersion}`,
      );
    }
    const periodEnd = goal.firstPeriodEnd + BigInt(s.period - 1) * goal.periodLength;
    if (rules.fundingDeadline !== undefined && rules.fundingDeadline > periodEnd) {
      fail(
        "fundingDeadline",
        `${isoTime(rules.fundingDeadline)} is after period ${s.period} of ${slotName} ends (${isoTime(periodEnd)}): funding must close before the outcome is known`,
      );
    }
    if (!(s.checkCutoff ?? s.lowerIsBetter !== undefined)) continue; // a milestone: read at disbursal, no cut-off
    let window = settling.get(s.missionId);
    if (window === undefined) {
      const version = await feed.committeeVersion(s.missionId);
      const timeline = await feed.slotTimeline(s.missionId, version, s.goalId, s.period).catch((err: unknown) => {
        if (decodeRevert(err)?.name === "CommitteeNotFound") {
          fail(
            s.missionField,
            `mission ${s.missionId} has no oracle committee yet (its steward sets one with oracle:committee)`,
          );
        }
        throw err;
      });
      window = timeline.challengeWindow + timeline.arbitrationPeriod;
      settling.set(s.missionId, window);
    }
    const reportingDeadline = periodEnd + goal.reportingWindow;
    const earliest = reportingDeadline + window;
    if (rules.noDataAfter < earliest) {
      fail(
        rules.noDataField,
        `settlement deadline + grace (${isoTime(rules.noDataAfter)}) is before ${s.field} (${slotName} period ${s.period}) can be final at ${isoTime(earliest)}: its reporting deadline ${isoTime(reportingDeadline)} + challenge window and arbitration period ${durationText(window)}`,
      );
    }
  }
}

/**
 * The registry slots of a payment schedule, point by point, as `checkTermSlots` checks them: every term's slot (its
 * direction when it has one: a curve's, an improvement rate card's; a count has none) must be able to be final by the
 * point's cut-off (`deadline + gracePeriod`); a trigger condition's slot must exist and run the condition's way, but
 * need not be one a term pays on, and no data at the cut-off only makes it false. `field` is the block's field
 * (`schedule`); `escrow` names an escrow's slots' mission field `missionId` (the escrow's), else each slot's own.
 */
export function scheduleSlots(
  schedule: ScheduleStruct,
  gracePeriod: bigint,
  opts: { field?: string; escrow?: boolean } = {},
): { noDataAfter: bigint; noDataField: string; slots: TermSlot[] }[] {
  const field = opts.field ?? "schedule";
  const missionField = (at: string) => (opts.escrow === true ? "missionId" : `${at}.missionId`);
  return schedule.points.map((p, i) => {
    const point = `${field}.points.${i}`;
    const terms = p.terms.map((t, j): TermSlot => {
      const at = `${point}.terms.${j}`;
      const curve = t.kind === TermKind.Curve;
      const improvement = !curve && t.source === UnitSource.Improvement;
      return {
        field: at,
        missionField: missionField(at),
        missionId: t.missionId,
        goalId: t.goalId,
        period: t.period,
        lowerIsBetter: curve ? t.curve.lowerIsBetter : improvement ? t.lowerIsBetter : undefined,
        ...(curve ? {} : { directionField: `${at}.lowerIsBetter` }),
        checkCutoff: true,
      };
    });
    const conditions = p.trigger.conditions.map((c, j): TermSlot => {
      const at = `${point}.trigger.conditions.${j}`;
      const slot = { field: at, missionField: missionField(at), missionId: c.missionId, goalId: c.goalId };
      return { ...slot, period: c.period, lowerIsBetter: c.lowerIsBetter, directionField: `${at}.lowerIsBetter` };
    });
    const cutoff = { noDataAfter: p.deadline + gracePeriod, noDataField: `${point}.deadline` };
    return { ...cutoff, slots: [...terms, ...conditions.map((c) => ({ ...c, checkCutoff: false }))] };
  });
}

/**
 * Checks every slot of a payment schedule against the registry and oracle of `factory` (`checkTermSlots`, point by
 * point with the point's own cut-off); `rules` carries an escrow's pinned goal version and funding deadline. The
 * first problem is one line naming the field, prefixed with `prefix` (the file).
 */
export async function checkScheduleSlots(
  runner: ContractRunner,
  factory: TermsFactory,
  schedule: ScheduleStruct,
  rules: { gracePeriod: bigint; goalVersion?: number; fundingDeadline?: bigint; escrow?: boolean },
  prefix = "",
): Promise<void> {
  for (const point of scheduleSlots(schedule, rules.gracePeriod, { escrow: rules.escrow })) {
    const { goalVersion, fundingDeadline } = rules;
    const pointRules = { noDataAfter: point.noDataAfter, noDataField: point.noDataField, goalVersion, fundingDeadline };
    await checkTermSlots(runner, factory, point.slots, pointRules, prefix);
  }
}
