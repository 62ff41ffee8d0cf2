import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { HDNodeWallet } from "ethers";
import type { network } from "hardhat";
import type {
  ImpactPool,
  ImpactPoolFactory,
  MetricOracle,
  MissionRegistry,
  MockERC20,
  OutcomeEscrow,
  OutcomeEscrowFactory,
  ScheduledEscrow,
  ScheduledEscrowFactory,
} from "../../typechain-types/index.js";
import type { LoadedMission } from "../formats/mission-doc.js";
import type { PoolTermsStruct } from "../formats/pool-terms.js";
import { progressBar } from "../core/cli.js";

export type Connection = Awaited<ReturnType<typeof network.create>>;

/** A named actor of the story, one local account each. */
export interface Actor {
  name: string;
  organisation: string;
  signer: HardhatEthersSigner;
  /** Index of the account in Hardhat's default mnemonic (for viem signing). */
  index: number;
}

/** The crowd beyond the default accounts: deterministic wallets with ETH set by `hardhat_setBalance`. */
export interface Crowd {
  funders: HDNodeWallet[];
  investors: HDNodeWallet[];
  payers: HDNodeWallet[];
}

/** Everything the demo chapters share; each chapter adds its contracts here. */
export interface DemoContext {
  conn: Connection;
  ethers: Connection["ethers"];
  cast: Record<string, Actor>;
  crowd: Crowd;
  registry?: MissionRegistry;
  oracle?: MetricOracle;
  escrowFactory?: OutcomeEscrowFactory;
  /** The outcome token (a mock "demo pound") and the dispute bond token. */
  token?: MockERC20;
  bondToken?: MockERC20;
  escrows: Record<string, OutcomeEscrow>;
  /** Chapter 6c: the scheduled escrow factory and the rate-card escrow it created. */
  scheduledEscrowFactory?: ScheduledEscrowFactory;
  scheduledEscrow?: ScheduledEscrow;
  poolFactory?: ImpactPoolFactory;
  /** The impact pool of chapter 4b and the terms it was created with (the basket and schedule are calldata). */
  pool?: { contract: ImpactPool; terms: PoolTermsStruct };
  missions: Record<string, { id: bigint; loaded: LoadedMission }>;
  /** Tokens minted by the demo: token address → holder → amount (the only source of tokens in the story). */
  minted: Map<string, Map<string, bigint>>;
  /** Human labels of addresses (actors, crowd, contracts). */
  labels: Map<string, string>;
  startBlock: bigint;
  say: (line?: string) => void;
  progress: (label: string, done: number, total: number) => void;
}

/** The people of the story (Hardhat default accounts 0…n-1, in this order). */
export const CAST: [key: string, name: string, organisation: string][] = [
  ["council", "Priya", "Riverside Council (steward of #ReadingForAll)"],
  ["healthBoard", "Morag", "Leith Health Board (steward of #HealthyAgeingLeith)"],
  ["foundation", "Amara", "Northern Lights Foundation (funder)"],
  ["buddies", "Ben", "Riverside Volunteer Network (provider)"],
  ["university", "Chen", "City University evaluation lab (evaluator)"],
  ["fund", "Dara", "Commons Impact Fund (investor)"],
  ["befrienders", "Eilidh", "Leith Befrienders (provider)"],
  ["neighbour", "Femi", "a neighbour (supporter)"],
  ["libraries", "Sol", "Riverside Libraries (provider)"],
  ["statistician", "Tomasz", "independent statistician (evaluator)"],
  ["auditor", "Grace", "parents' panel auditor (evaluator)"],
  ["arbiter", "Okafor", "mission arbitration panel (arbiter)"],
];

export async function createContext(conn: Connection, say = console.log): Promise<DemoContext> {
  const { ethers } = conn;
  const signers = await ethers.getSigners();
  const cast: Record<string, Actor> = {};
  const labels = new Map<string, string>();
  CAST.forEach(([key, name, organisation], index) => {
    const signer = signers[index];
    if (signer === undefined) throw new Error(`demo: need ${CAST.length} local accounts`);
    cast[key] = { name, organisation, signer, index };
    labels.set(signer.address, `${name} (${organisation.replace(/ \(.*\)$/, "")})`);
  });
  const tty = process.stdout.isTTY === true;
  const progress = (label: string, done: number, total: number): void => {
    const line = `  ${label.padEnd(34)} ${progressBar(total === 0 ? 1 : done / total)} ${done}/${total}`;
    if (tty) process.stdout.write(`\r${line}${done === total ? "\n" : ""}`);
    else if (done === total || done % Math.max(1, Math.ceil(total / 4)) === 0) say(line);
  };
  return {
    conn,
    ethers,
    cast,
    crowd: { funders: [], investors: [], payers: [] },
    escrows: {},
    missions: {},
    minted: new Map(),
    labels,
    startBlock: BigInt(await ethers.provider.getBlockNumber()),
    say,
    progress,
  };
}

export function actor(ctx: DemoContext, key: string): Actor {
  const found = ctx.cast[key];
  if (found === undefined) throw new Error(`demo: no actor "${key}"`);
  return found;
}

export function registryOf(ctx: DemoContext): MissionRegistry {
  if (ctx.registry === undefined) throw new Error("demo: the registry chapter has not run");
  return ctx.registry;
}

export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo: ${what} is not set up yet (chapter order)`);
  return value;
}

export function missionOf(ctx: DemoContext, key: string): { id: bigint; loaded: LoadedMission } {
  return need(ctx.missions[key], `mission "${key}"`);
}

/** Mints `amount` of `token` to `to` and records it in the ledger. */
export async function mint(ctx: DemoContext, token: MockERC20, to: string, amount: bigint): Promise<void> {
  await (await token.mint(to, amount)).wait();
  const key = await token.getAddress();
  const book = ctx.minted.get(key) ?? new Map<string, bigint>();
  book.set(to, (book.get(to) ?? 0n) + amount);
  ctx.minted.set(key, book);
}

/** `1234.5` demo pounds in base units (18 decimals). */
export const gbp = (whole: number): bigint => BigInt(Math.round(whole * 100)) * 10n ** 16n;

/** Base units as `£1,234.56`. */
export function formatGbp(amount: bigint): string {
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const pence = abs / 10n ** 16n;
  const pounds = (pence / 100n).toLocaleString("en-GB");
  return `${negative ? "−" : ""}£${pounds}.${(pence % 100n).toString().padStart(2, "0")}`;
}

/** A date of the story: `2030-07-31`. */
export const day = (ts: bigint | number): string => new Date(Number(ts) * 1000).toISOString().slice(0, 10);
