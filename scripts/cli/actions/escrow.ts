import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { ZeroAddress } from "ethers";
import { CliError, flags, parseAmountFlag, parseFlag, progressBar, runTask, type TaskResult } from "../../core/cli.js";
import { resolveAddress } from "../../core/address-book.js";
import { checkTermSlots, termsToken } from "../../core/terms-checks.js";
import {
  approveIfNeeded,
  decodeRevert,
  erc20,
  revertReason,
  latestTime,
  permitContext,
  requireClone,
  requireKind,
  signPermit,
  simulateThenSend,
} from "../../core/chain.js";
import { toContractTerms, toScheduledTerms, type ContractTerms } from "../../formats/escrow-terms.js";
import { readEscrowTerms } from "../../formats/escrow-terms-file.js";
import { checkMissionRef, missionRef } from "../../core/mission-ops.js";
import { ENUMS } from "../../core/errors.js";
import { goalFacts, hashtagOf, outcomeLines } from "../../core/terms-view.js";
import { durationText, formatTokens, isoTime, percentWad, type TokenUnits } from "../../core/units.js";
import {
  MissionRegistry__factory,
  OutcomeEscrowFactory__factory,
  OutcomeEscrow__factory,
} from "../../../typechain-types/index.js";
import { connect, provider, requireCode, unitsOf, type EscrowConn } from "./escrow-common.js";
import { isScheduledEscrow, showScheduledEscrow } from "./escrow-scheduled.js";
import { createScheduledEscrow, settleScheduledPoint } from "./escrow-scheduled-send.js";

const STATUS = ENUMS["IOutcomeEscrow.Status"];
const WAD = 10n ** 18n;

/** The escrow at `--escrow`, refused (one line) unless it is a clone its factory created (`isEscrow`). */
async function escrowAt(conn: EscrowConn, address: string) {
  const checked = await requireClone(provider(conn), "escrow", parseFlag("escrow", flags.address, address));
  return OutcomeEscrow__factory.connect(checked, conn.signer);
}

async function factoryAt(conn: EscrowConn, factoryFlag?: string) {
  const address = resolveAddress("OutcomeEscrowFactory", conn.chainId, "factory", factoryFlag);
  const factory = OutcomeEscrowFactory__factory.connect(await requireCode(conn, "factory", address), conn.signer);
  await requireKind("factory", address, "OutcomeEscrowFactory", () => factory.escrowCount());
  return factory;
}

/* ----------------------------------------------------------------------------------------------------------
 * Core functions (exported for tests): validate everything first, then send.
 * -------------------------------------------------------------------------------------------------------- */

export async function createEscrow(conn: EscrowConn, terms: ContractTerms, factoryFlag?: string): Promise<string> {
  const factory = await factoryAt(conn, factoryFlag);
  const receipt = await (await factory.createEscrow(terms)).wait();
  for (const log of receipt?.logs ?? []) {
    const parsed = factory.interface.parseLog(log);
    if (parsed?.name === "EscrowCreated") return String(parsed.args.escrow);
  }
  throw new CliError("the factory emitted no EscrowCreated event");
}

/** How a deposit was paid: an allowance already in place, a signed EIP-2612 permit, or an approval first. */
export type FundPath = "allowance" | "permit" | "approval";

/** What `fundEscrow` did: the amount credited (base units), how it was paid, the token's units, the deposit's tx. */
export interface FundResult {
  credited: bigint;
  path: FundPath;
  units: TokenUnits;
  hash: string;
}

/** How long a permit signed for a deposit stays valid, from the latest block. */
const PERMIT_TTL = 3600n;

/**
 * Deposits `--amount` into an escrow (credited to `--for` when given). Every check that can fail comes first — the
 * escrow is open, the funding deadline has not passed, the sender holds the amount — and only then is the token
 * moved: with the allowance already given, else with an EIP-2612 permit signed by the sender when the token has one
 * (`depositWithPermit`: one transaction, no approval left behind), else by approving exactly the amount first.
 */
export async function fundEscrow(
  conn: EscrowConn,
  escrowFlag: string,
  amountFlag: string,
  forFlag = "",
): Promise<FundResult> {
  const escrow = await escrowAt(conn, escrowFlag);
  const funder = forFlag === "" ? undefined : parseFlag("for", flags.address, forFlag);
  if (funder === ZeroAddress) throw new CliError("--for: the funder may not be the zero address");
  const terms = await escrow.terms();
  const token = erc20(terms.token, conn.signer);
  const units = await unitsOf(conn, terms.token);
  const amount = parseAmountFlag("amount", amountFlag, units.decimals);
  const status = Number(await escrow.status());
  if (status !== 0)
    throw new CliError(`--escrow: the escrow is settled (${STATUS[status] ?? status}); deposits are closed`);
  const now = await latestTime(provider(conn));
  // Deposits are taken up to the deadline second; the next block is at least one second after the latest.
  if (now >= terms.fundingDeadline) throw new CliError(`--escrow: funding closed at ${isoTime(terms.fundingDeadline)}`);
  const me = await conn.signer.getAddress();
  const held = await token.balanceOf(me);
  if (held < amount) {
    const fmt = (v: bigint) => formatTokens(v, units);
    throw new CliError(`--amount: ${me} holds ${fmt(held)}, less than the ${fmt(amount)} to deposit`);
  }
  const spender = await escrow.getAddress();
  const pay = async (): Promise<{ path: FundPath; hash: string }> => {
    const deposit = () =>
      funder === undefined
        ? simulateThenSend(escrow, "deposit", [amount])
        : simulateThenSend(escrow, "depositFor", [funder, amount]);
    if ((await token.allowance(me, spender)) >= amount) return { path: "allowance", hash: (await deposit()).hash };
    // depositWithPermit credits the caller: a deposit for someone else takes the approval path.
    const permit = funder === undefined ? await permitContext(terms.token, conn.signer, me, conn.chainId) : undefined;
    if (permit !== undefined) {
      const signed = await signPermit(conn.signer, permit, spender, amount, now + PERMIT_TTL);
      const args = [amount, signed.deadline, signed.v, signed.r, signed.s];
      return { path: "permit", hash: (await simulateThenSend(escrow, "depositWithPermit", args)).hash };
    }
    await approveIfNeeded(token, me, spender, amount);
    return { path: "approval", hash: (await deposit()).hash };
  };
  const before = await escrow.depositOf(funder ?? me);
  const { path, hash } = await pay();
  return { credited: (await escrow.depositOf(funder ?? me)) - before, path, units, hash };
}

export async function settleEscrow(conn: EscrowConn, escrowFlag: string): Promise<string> {
  const escrow = await escrowAt(conn, escrowFlag);
  if ((await escrow.status()) !== 0n) throw new CliError("--escrow: already settled");
  try {
    await escrow.settle.staticCall();
  } catch (err) {
    const parsed = decodeRevert(err);
    if (parsed?.name === "OutcomePending") {
      throw new CliError(
        `--escrow: outcome not final yet; refunds open after ${isoTime(BigInt(String(parsed.args.noDataAfter)))} if it never is`,
      );
    }
    const reason = revertReason(err, { contract: "OutcomeEscrow" });
    if (reason !== undefined) throw new CliError(`--escrow: ${reason}`);
    throw err;
  }
  await (await escrow.settle()).wait();
  return STATUS[Number(await escrow.status())]!;
}

export async function claimEscrow(conn: EscrowConn, escrowFlag: string, accountFlag = ""): Promise<bigint> {
  const escrow = await escrowAt(conn, escrowFlag);
  const account =
    accountFlag === "" ? await conn.signer.getAddress() : parseFlag("account", flags.address, accountFlag);
  const amount = await escrow.claimable(account);
  if (amount === 0n) throw new CliError(`--account: ${account} has nothing to claim`);
  await (await escrow.claimFor(account)).wait();
  return amount;
}

export async function refundEscrow(conn: EscrowConn, escrowFlag: string, accountFlag = ""): Promise<bigint> {
  const escrow = await escrowAt(conn, escrowFlag);
  const account =
    accountFlag === "" ? await conn.signer.getAddress() : parseFlag("account", flags.address, accountFlag);
  const amount = await escrow.refundable(account);
  if (amount === 0n) throw new CliError(`--account: ${account} has nothing to refund`);
  await (await escrow.refundFor(account)).wait();
  return amount;
}

/** An amount of an escrow's token in whole tokens with its symbol (`100.5 USD`). */
export async function escrowAmount(conn: EscrowConn, escrowFlag: string, amount: bigint): Promise<string> {
  const escrow = await escrowAt(conn, escrowFlag);
  return formatTokens(amount, await unitsOf(conn, (await escrow.terms()).token));
}

/**
 * The human view of an escrow: its full terms (token, mission, deadlines, every outcome's curve in the goal's unit,
 * beneficiaries with their shares), the funding bar (vs the minimum), the achievement bar and the pots; with
 * `accountFlag`, that account's position (deposit, claimable, refundable, beneficiary weight).
 */
export async function showEscrow(conn: EscrowConn, escrowFlag: string, accountFlag = ""): Promise<string> {
  const account = accountFlag === "" ? undefined : parseFlag("account", flags.address, accountFlag);
  const address = await requireCode(conn, "escrow", parseFlag("escrow", flags.address, escrowFlag));
  // A scheduled escrow (issue #12) has its own view; anything else must be an outcome escrow's clone.
  if (await isScheduledEscrow(conn.signer, address)) return showScheduledEscrow(conn.signer, address, account);
  const outcome = OutcomeEscrow__factory.connect(address, conn.signer);
  await requireKind("escrow", address, "OutcomeEscrow or ScheduledEscrow", () => outcome.status(), {
    contract: "OutcomeEscrow",
  });
  const escrow = await escrowAt(conn, address);
  const [terms, status, totals] = await Promise.all([escrow.terms(), escrow.status(), escrow.totals()]);
  const units = await unitsOf(conn, terms.token);
  const fmt = (v: bigint) => formatTokens(v, units);
  const registry = await OutcomeEscrowFactory__factory.connect(await escrow.factory(), conn.signer).registry();
  const facts = await goalFacts(conn.signer, registry, terms.outcomes);
  const hashtag = await hashtagOf(conn.signer, registry, terms.missionId);
  const [total, pot, refundPot, composite] = [totals[0], totals[1], totals[2], totals[3]];
  const fundingFraction =
    terms.minFunding > 0n ? Number((total * 10_000n) / terms.minFunding) / 10_000 : total > 0n ? 1 : 0;
  const totalWeight = terms.beneficiaries.reduce((sum, b) => sum + b.weight, 0n);
  const noDataAfter = terms.settlementDeadline + terms.gracePeriod;
  const lines = [
    `escrow      ${await escrow.getAddress()}`,
    `token       ${units.symbol} (${terms.token}, ${units.decimals} decimals)`,
    `mission     ${terms.missionId}${hashtag === "" ? "" : ` ${hashtag}`}, goal version ${terms.goalVersion}`,
    `status      ${STATUS[Number(status)]}`,
    `funding     ${progressBar(fundingFraction)}  ${fmt(total)}${terms.minFunding > 0n ? ` of minimum ${fmt(terms.minFunding)}` : " (no minimum)"}`,
    `deadlines   funding ${isoTime(terms.fundingDeadline)}, settlement ${isoTime(terms.settlementDeadline)} + ${durationText(terms.gracePeriod)} grace (no data after ${isoTime(noDataAfter)})`,
    `achievement ${progressBar(Number((composite * 10_000n) / WAD) / 10_000)}${status === 0n ? " (not settled)" : ""}`,
    `pots        beneficiaries ${fmt(pot)}, funders ${fmt(refundPot)}`,
    "outcomes",
    ...outcomeLines(terms.outcomes, facts),
    "beneficiaries",
    ...terms.beneficiaries.map(
      (b) =>
        `  ${b.account} weight ${b.weight} (${percentWad(totalWeight === 0n ? 0n : (b.weight * WAD) / totalWeight)})`,
    ),
  ];
  if (account !== undefined) {
    const [deposit, claimable, refundable] = await Promise.all([
      escrow.depositOf(account),
      escrow.claimable(account),
      escrow.refundable(account),
    ]);
    const weight = terms.beneficiaries.find((b) => b.account === account)?.weight;
    lines.push(
      `account     ${account}: deposit ${fmt(deposit)}, claimable ${fmt(claimable)}, refundable ${fmt(refundable)}${weight === undefined ? "" : `, beneficiary weight ${weight}`}`,
    );
  }
  return lines.join("\n");
}

export async function listEscrows(conn: EscrowConn, missionFlag = "", factoryFlag?: string): Promise<string[]> {
  const factory = await factoryAt(conn, factoryFlag);
  if (missionFlag === "") return [...(await factory.escrows(0, await factory.escrowCount()))];
  const mission = await missionRef(missionFlag, async () =>
    MissionRegistry__factory.connect(await factory.registry(), conn.signer),
  );
  return [...(await factory.missionEscrows(mission, 0, await factory.missionEscrowCount(mission)))];
}

/** One line of `escrow:list`: address, mission, status by name, funded (vs the minimum) in tokens, funding deadline. */
export async function escrowLine(conn: EscrowConn, address: string): Promise<string> {
  const escrow = OutcomeEscrow__factory.connect(address, conn.signer);
  const [terms, status, totals] = await Promise.all([escrow.terms(), escrow.status(), escrow.totals()]);
  const units = await unitsOf(conn, terms.token);
  const minimum = terms.minFunding > 0n ? ` of minimum ${formatTokens(terms.minFunding, units)}` : "";
  return `${address}  mission ${terms.missionId}  ${STATUS[Number(status)]}  funded ${formatTokens(totals[0], units)}${minimum}  funding deadline ${isoTime(terms.fundingDeadline)}`;
}

/* ----------------------------------------------------------------------------------------------------------
 * Task actions: parse and validate input before connecting or sending anything.
 * -------------------------------------------------------------------------------------------------------- */

type Hre = HardhatRuntimeEnvironment;

export const createAction = (
  args: { file: string; token: string; factory: string; from: string },
  hre: Hre,
): Promise<TaskResult> =>
  runTask(async () => {
    const parsed = readEscrowTerms(args.file);
    if (args.factory !== "") parseFlag("factory", flags.address, args.factory);
    const tokenFlag = args.token === "" ? undefined : parseFlag("token", flags.address, args.token);
    const conn = await connect(hre, args.from);
    // Amounts are whole tokens of the escrow's token; relative times ("+30d") count from the latest block. Conversion
    // errors still come before any transaction.
    const token = await termsToken(conn.signer, conn.chainId, parsed.token, tokenFlag);
    if (parsed.schedule !== undefined) {
      // A payment schedule: a scheduled escrow, whose factory checks every slot every point reads.
      const now = await latestTime(provider(conn));
      const scheduled = toScheduledTerms(parsed, now, token.decimals, args.file, token.address);
      console.log(`scheduled escrow created at ${await createScheduledEscrow(conn, scheduled, args.factory)}`);
      return;
    }
    const terms = toContractTerms(parsed, await latestTime(provider(conn)), token.decimals, args.file, token.address);
    const factory = await factoryAt(conn, args.factory);
    await checkTermSlots(
      conn.signer,
      factory,
      terms.outcomes.map((o, i) => ({
        field: `outcomes.${i}`,
        missionField: "missionId",
        missionId: o.missionId,
        goalId: o.goalId,
        period: o.period,
        lowerIsBetter: o.curve.lowerIsBetter,
      })),
      {
        noDataAfter: terms.settlementDeadline + BigInt(terms.gracePeriod),
        noDataField: "settlementDeadline",
        goalVersion: terms.goalVersion,
        fundingDeadline: terms.fundingDeadline,
      },
      `${args.file}: `,
    );
    console.log(`escrow created at ${await createEscrow(conn, terms, args.factory)}`);
  });

export const fundAction = (
  args: { escrow: string; amount: string; for: string; from: string },
  hre: Hre,
): Promise<TaskResult> =>
  runTask(async () => {
    parseFlag("escrow", flags.address, args.escrow);
    if (args.for !== "") parseFlag("for", flags.address, args.for);
    const funded = await fundEscrow(await connect(hre, args.from), args.escrow, args.amount, args.for);
    const how = { allowance: "the existing allowance", permit: "a signed permit", approval: "an approval" }[
      funded.path
    ];
    console.log(
      `deposited into ${args.escrow} with ${how}: credited ${formatTokens(funded.credited, funded.units)}${args.for === "" ? "" : ` to ${args.for}`} (tx ${funded.hash})`,
    );
  });

export const settleAction = (args: { escrow: string; point: string; from: string }, hre: Hre): Promise<TaskResult> =>
  runTask(async () => {
    parseFlag("escrow", flags.address, args.escrow);
    if (args.point !== "") {
      // A scheduled escrow settles point by point.
      const point = Number(parseFlag("point", flags.uint, args.point));
      const paid = await settleScheduledPoint(await connect(hre, args.from), args.escrow, point);
      console.log(`point ${point} settled: paid ${paid} (token base units)`);
      return;
    }
    console.log(`settled: ${await settleEscrow(await connect(hre, args.from), args.escrow)}`);
  });

export const claimAction = (args: { escrow: string; account: string; from: string }, hre: Hre): Promise<TaskResult> =>
  runTask(async () => {
    parseFlag("escrow", flags.address, args.escrow);
    if (args.account !== "") parseFlag("account", flags.address, args.account);
    const conn = await connect(hre, args.from);
    const claimed = await claimEscrow(conn, args.escrow, args.account);
    console.log(`claimed ${await escrowAmount(conn, args.escrow, claimed)}`);
  });

export const refundAction = (args: { escrow: string; account: string; from: string }, hre: Hre): Promise<TaskResult> =>
  runTask(async () => {
    parseFlag("escrow", flags.address, args.escrow);
    if (args.account !== "") parseFlag("account", flags.address, args.account);
    const conn = await connect(hre, args.from);
    const refunded = await refundEscrow(conn, args.escrow, args.account);
    console.log(`refunded ${await escrowAmount(conn, args.escrow, refunded)}`);
  });

export const showAction = (args: { escrow: string; account: string }, hre: Hre): Promise<TaskResult> =>
  runTask(async () => {
    parseFlag("escrow", flags.address, args.escrow);
    if (args.account !== "") parseFlag("account", flags.address, args.account);
    console.log(await showEscrow(await connect(hre), args.escrow, args.account));
  });

export const listAction = (args: { mission: string; factory: string }, hre: Hre): Promise<TaskResult> =>
  runTask(async () => {
    if (args.factory !== "") parseFlag("factory", flags.address, args.factory);
    if (args.mission !== "") checkMissionRef(args.mission);
    const conn = await connect(hre);
    const list = await listEscrows(conn, args.mission, args.factory);
    if (list.length === 0) console.log("no escrows");
    for (const address of list) console.log(await escrowLine(conn, address));
  });
