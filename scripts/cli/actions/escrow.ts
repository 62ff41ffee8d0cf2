import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { formatUnits, type Provider, type Signer } from "ethers";
import { CliError, flags, parseAmountFlag, parseFlag, progressBar, runTask, type TaskResult } from "../../core/cli.js";
import { readAddressBook, resolveAddress } from "../../core/address-book.js";
import {
  approveIfNeeded,
  decodeRevert,
  erc20,
  latestTime,
  openChain,
  requireErc20,
  requireKind,
  senderOf,
} from "../../core/chain.js";
import { readEscrowTerms, toContractTerms, type ContractTerms } from "../../formats/escrow-terms.js";
import { checkMissionRef, missionRef } from "../../core/mission-ops.js";
import {
  MissionRegistry__factory,
  OutcomeEscrowFactory__factory,
  OutcomeEscrow__factory,
} from "../../../typechain-types/index.js";

/** What the core functions need from a network connection (the task's own, or a test's). */
export interface EscrowConn {
  signer: Signer;
  chainId: bigint;
}

const STATUS = ["Open", "Achieved", "Refunding"] as const;
const WAD = 10n ** 18n;

/** A connection sending from the `--from` account (`""`: the first account; read-only tasks pass `""`). */
async function connect(hre: HardhatRuntimeEnvironment, fromFlag = ""): Promise<EscrowConn> {
  const chain = await openChain(hre);
  return { signer: await senderOf(chain, fromFlag), chainId: chain.chainId };
}

/** Fails with a one-line error naming the flag when nothing is deployed at `address`. */
async function requireCode(conn: EscrowConn, flag: string, address: string): Promise<string> {
  const code = await provider(conn).getCode(address);
  if (code === "0x") throw new CliError(`--${flag}: no contract at ${address} on chain ${conn.chainId}`);
  return address;
}

function provider(conn: EscrowConn): Provider {
  if (conn.signer.provider === null) throw new CliError("the signer is not connected to a network");
  return conn.signer.provider;
}

async function escrowAt(conn: EscrowConn, address: string) {
  const checked = await requireCode(conn, "escrow", parseFlag("escrow", flags.address, address));
  const escrow = OutcomeEscrow__factory.connect(checked, conn.signer);
  await requireKind("escrow", checked, "OutcomeEscrow", () => escrow.status(), { contract: "OutcomeEscrow" });
  return escrow;
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

export async function fundEscrow(
  conn: EscrowConn,
  escrowFlag: string,
  amountFlag: string,
  forFlag = "",
): Promise<bigint> {
  const escrow = await escrowAt(conn, escrowFlag);
  const funder = forFlag === "" ? undefined : parseFlag("for", flags.address, forFlag);
  const terms = await escrow.terms();
  const token = erc20(terms.token, conn.signer);
  const amount = parseAmountFlag("amount", amountFlag, await token.decimals());
  const now = await latestTime(provider(conn));
  if (now >= terms.fundingDeadline) throw new CliError(`--escrow: funding closed at ${terms.fundingDeadline}`);
  const me = await conn.signer.getAddress();
  await approveIfNeeded(token, me, await escrow.getAddress(), amount);
  const before = await escrow.depositOf(funder ?? me);
  await (await (funder === undefined ? escrow.deposit(amount) : escrow.depositFor(funder, amount))).wait();
  return (await escrow.depositOf(funder ?? me)) - before;
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
        `--escrow: outcome not final yet; refunds open after ${parsed.args.noDataAfter} if it never is`,
      );
    }
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

/** The human view of an escrow: terms, funding bar (vs the minimum) and achievement bar. */
export async function showEscrow(conn: EscrowConn, escrowFlag: string): Promise<string> {
  const escrow = await escrowAt(conn, escrowFlag);
  const [terms, status, totals] = await Promise.all([escrow.terms(), escrow.status(), escrow.totals()]);
  const token = erc20(terms.token, conn.signer);
  const [decimals, symbol] = [await token.decimals(), await token.symbol()];
  const fmt = (v: bigint) => `${formatUnits(v, decimals)} ${symbol}`;
  const [total, pot, refundPot, composite] = [totals[0], totals[1], totals[2], totals[3]];
  const fundingFraction =
    terms.minFunding > 0n ? Number((total * 10_000n) / terms.minFunding) / 10_000 : total > 0n ? 1 : 0;
  const lines = [
    `escrow      ${await escrow.getAddress()}`,
    `mission     #${terms.missionId} (goal version ${terms.goalVersion})`,
    `status      ${STATUS[Number(status)]}`,
    `funding     ${progressBar(fundingFraction)}  ${fmt(total)}${terms.minFunding > 0n ? ` of minimum ${fmt(terms.minFunding)}` : ""}`,
    `deadlines   funding ${new Date(Number(terms.fundingDeadline) * 1000).toISOString()}, settlement ${new Date(Number(terms.settlementDeadline) * 1000).toISOString()} + ${terms.gracePeriod}s grace`,
    `achievement ${progressBar(Number((composite * 10_000n) / WAD) / 10_000)}${status === 0n ? " (not settled)" : ""}`,
    `pots        beneficiaries ${fmt(pot)}, funders ${fmt(refundPot)}`,
    "outcomes",
    ...terms.outcomes.map(
      (o) =>
        `  goal ${o.goalId} period ${o.period} weight ${formatUnits(o.weightWad, 16)} % curve ${["binary", "linear", "thresholdLinear", "stepped"][Number(o.curve.kind)]}`,
    ),
    "beneficiaries",
    ...terms.beneficiaries.map((b) => `  ${b.account} weight ${b.weight}`),
  ];
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

/**
 * The escrow's token: `--token` when given, else the file's. A file token that is not an ERC-20 on this chain falls
 * back, with a printed note, to the ExampleToken recorded by the chain's example deployment (so the example terms work
 * as written against `suite:deploy --example`); otherwise it is refused in one line naming the field.
 */
async function escrowToken(conn: EscrowConn, fileToken: string, tokenFlag: string | undefined): Promise<string> {
  if (tokenFlag !== undefined) {
    await requireErc20(conn.signer, "--token", tokenFlag);
    return tokenFlag;
  }
  try {
    await requireErc20(conn.signer, "token", fileToken);
    return fileToken;
  } catch (err) {
    const example = readAddressBook(conn.chainId)["ExampleMissionModule#ExampleToken"];
    if (!(err instanceof CliError) || example === undefined) throw err;
    console.log(
      `note: ${err.message}; using the example deployment's ExampleToken ${example} (pass --token to choose)`,
    );
    return example;
  }
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
    // Relative times ("+30d") count from the latest block; conversion errors still come before any transaction.
    const terms = {
      ...toContractTerms(parsed, await latestTime(provider(conn)), args.file),
      token: await escrowToken(conn, parsed.token, tokenFlag),
    };
    console.log(`escrow created at ${await createEscrow(conn, terms, args.factory)}`);
  });

export const fundAction = (
  args: { escrow: string; amount: string; for: string; from: string },
  hre: Hre,
): Promise<TaskResult> =>
  runTask(async () => {
    parseFlag("escrow", flags.address, args.escrow);
    if (args.for !== "") parseFlag("for", flags.address, args.for);
    const credited = await fundEscrow(await connect(hre, args.from), args.escrow, args.amount, args.for);
    console.log(`credited ${credited} (base units)`);
  });

export const settleAction = (args: { escrow: string; from: string }, hre: Hre): Promise<TaskResult> =>
  runTask(async () => {
    parseFlag("escrow", flags.address, args.escrow);
    console.log(`settled: ${await settleEscrow(await connect(hre, args.from), args.escrow)}`);
  });

export const claimAction = (args: { escrow: string; account: string; from: string }, hre: Hre): Promise<TaskResult> =>
  runTask(async () => {
    parseFlag("escrow", flags.address, args.escrow);
    if (args.account !== "") parseFlag("account", flags.address, args.account);
    console.log(`claimed ${await claimEscrow(await connect(hre, args.from), args.escrow, args.account)} (base units)`);
  });

export const refundAction = (args: { escrow: string; account: string; from: string }, hre: Hre): Promise<TaskResult> =>
  runTask(async () => {
    parseFlag("escrow", flags.address, args.escrow);
    if (args.account !== "") parseFlag("account", flags.address, args.account);
    console.log(
      `refunded ${await refundEscrow(await connect(hre, args.from), args.escrow, args.account)} (base units)`,
    );
  });

export const showAction = (args: { escrow: string }, hre: Hre): Promise<TaskResult> =>
  runTask(async () => {
    parseFlag("escrow", flags.address, args.escrow);
    console.log(await showEscrow(await connect(hre), args.escrow));
  });

export const listAction = (args: { mission: string; factory: string }, hre: Hre): Promise<TaskResult> =>
  runTask(async () => {
    if (args.factory !== "") parseFlag("factory", flags.address, args.factory);
    if (args.mission !== "") checkMissionRef(args.mission);
    const list = await listEscrows(await connect(hre), args.mission, args.factory);
    console.log(list.length === 0 ? "no escrows" : list.join("\n"));
  });
