/**
 * What every `oracle:*` action shares: the oracle connected to the `--from` account, the slot the flags name (mission
 * id or #hashtag, goal, period, committee version), the goal's decimals metric values are scaled with, and the
 * committee's bond token with its units.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { ZeroAddress, type ContractRunner } from "ethers";
import { CliError, flags, parseFlag } from "../../core/cli.js";
import { resolveAddress } from "../../core/address-book.js";
import { erc20, openChain, requireCode, requireKind, senderOf } from "../../core/chain.js";
import { missionRef } from "../../core/mission-ops.js";
import { decimalAmount } from "../../formats/primitives.js";
import { formatTokens } from "../../core/units.js";
import { ENUMS } from "../../core/errors.js";
import { MetricOracle__factory, MissionRegistry__factory, type MetricOracle } from "../../../typechain-types/index.js";

export const STATUS = ENUMS["IMetricFeed.SlotStatus"];
const uint8 = flags.uint.refine((v) => v <= 255n, "must be at most 255");
export const uint16Positive = flags.positiveUint.refine((v) => v <= 65_535n, "must be at most 65535");
/** A metric value as typed: decimal text in the goal's own decimals, scaled once the goal is read. */
export const metricValue = decimalAmount("must be a decimal number in the goal's unit, e.g. 70.1");

export interface SlotArgs {
  oracle: string;
  mission: string;
  goal: string;
  period: string;
  committee?: string;
}

/**
 * The slot named by the flags, with the committee version it is read under: `--mission` is an id or a #hashtag
 * (looked up in the oracle's registry), `--committee` a version (default: the mission's current one).
 */
async function parseSlot(args: SlotArgs, oracle: MetricOracle) {
  const mission = await missionRef(args.mission, () => registryOf(oracle));
  const goal = Number(parseFlag("goal", uint8, args.goal));
  const period = Number(parseFlag("period", uint16Positive, args.period));
  const committee =
    args.committee === undefined || args.committee === ""
      ? undefined
      : Number(parseFlag("committee", uint16Positive, args.committee));
  return { mission, goal, period, version: await versionOf(oracle, mission, committee) };
}

/** A parsed slot. */
type Slot = Awaited<ReturnType<typeof parseSlot>>;

/** The slot as the oracle's functions take it: mission, committee version, goal, period. */
function slotKey(slot: Slot): [bigint, number, number, number] {
  return [slot.mission, slot.version, slot.goal, slot.period];
}

/** The committee version a slot command acts on: `--committee`, else the mission's current version. */
async function versionOf(oracle: MetricOracle, mission: bigint, committee: number | undefined): Promise<number> {
  const current = Number(await oracle.committeeVersion(mission));
  if (current === 0) throw new CliError(`--mission: mission ${mission} has no committee`);
  if (committee === undefined) return current;
  if (committee > current) {
    throw new CliError(
      `--committee: mission ${mission} has committee version${current === 1 ? " 1" : `s 1 to ${current}`}, not ${committee}`,
    );
  }
  return committee;
}

/** The registry the oracle reads missions and goals from. */
export async function registryOf(oracle: MetricOracle) {
  return MissionRegistry__factory.connect(await oracle.registry(), oracle.runner);
}

/** Decimals of the slot's goal (metric values are scaled integers with them); GoalNotFound reads as one line. */
export async function goalDecimals(oracle: MetricOracle, slot: { mission: bigint; goal: number }): Promise<number> {
  return Number((await (await registryOf(oracle)).getGoal(slot.mission, slot.goal)).decimals);
}

/** The oracle, connected to the `--from` account (`""`: the first account; read-only tasks pass `""`). */
export async function connect(hre: HardhatRuntimeEnvironment, oracleFlag: string, fromFlag = "") {
  const chain = await openChain(hre);
  const flagged = resolveAddress("MetricOracle", chain.chainId, "oracle", oracleFlag);
  const signer = await senderOf(chain, fromFlag);
  const address = await requireCode(chain, "oracle", flagged);
  const oracle = MetricOracle__factory.connect(address, signer);
  await requireKind("oracle", address, "MetricOracle", () => oracle.nonceBitmap(ZeroAddress, 0));
  return { ...chain, signer, oracle };
}

/** The oracle connected to `--from` and the slot the flags name; `key` is the slot as the oracle's functions take it. */
export async function openSlot(hre: HardhatRuntimeEnvironment, args: SlotArgs, fromFlag = "") {
  const connected = await connect(hre, args.oracle, fromFlag);
  const slot = await parseSlot(args, connected.oracle);
  const name = `mission ${slot.mission} goal ${slot.goal} period ${slot.period}`;
  return { ...connected, slot, key: slotKey(slot), name };
}

/** The bond token of a committee with its units: `format` prints base units as whole tokens with the symbol. */
export async function bondToken(runner: ContractRunner, address: string) {
  const token = erc20(address, runner);
  const units = { decimals: await token.decimals(), symbol: await token.symbol() };
  return { token, ...units, format: (amount: bigint) => formatTokens(amount, units) };
}
