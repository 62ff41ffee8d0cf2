/**
 * Pure pieces of a classed impact pool's rows (issue #13, `docs/capital-structure.md`) that the indexer's handlers
 * use as well: the `pool_classes` rows and the `pool_guarantees` row of `CapitalStructureCreated` (with each class's
 * effective cap, as `CapitalWaterfall.prepare` folds it), the `pool_class_points` rows of `Distributed`, the
 * `pool_class_transfers` row of a class token's `Transfer`, and a holder's claimable as the class token computes it
 * (`PoolShareClass.claimable`). At run time it imports only viem. Rows come without the event columns (`Meta`).
 */
import { getAddress, zeroAddress, type Address } from "viem";
import type { EventOf, Kind, Meta } from "../decode.js";

/** The decoded arguments of event `N` of contract kind `K`. */
type Args<K extends Kind, N extends EventOf<K>["eventName"]> = Extract<EventOf<K>, { eventName: N }>["args"];
type CapitalCreated = Args<"poolFactory", "CapitalStructureCreated">;
/** One class's terms as the event carries them (`IImpactPoolFactory.ShareClassTerms`). */
type ShareClassTerms = CapitalCreated["capital"]["classes"][number];

const WAD = 10n ** 18n;
const YEAR = 365n * 86_400n;
/** `CapitalWaterfall.prepare`'s "no multiple cap" (type(uint128).max). */
const NO_MULTIPLE_CAP = (1n << 128n) - 1n;

/** One investor class of a classed pool: its terms, and running totals from its pool's and its token's events. */
export type PoolClassRow = {
  pool: Address;
  classIndex: number;
  token: Address;
} & ShareClassTerms & {
    capWad: bigint;
    cap: bigint;
    provider: Address | null;
    providerBps: number;
    raised: bigint;
    withdrawn: bigint;
    paid: bigint;
    undrawnReturned: bigint;
    guaranteeReceived: bigint;
    distributed: bigint;
    perShareX64: bigint;
    claimed: bigint;
    createdBlock: bigint;
  };

/** A classed pool's guarantee (only pools whose terms name one): the amount, and what was posted, called, returned. */
export type PoolGuaranteeRow = {
  pool: Address;
  guarantor: Address;
  guarantee: bigint;
  committed: bigint;
  committedBlock: bigint | null;
  called: bigint;
  returned: bigint;
};

/** What one settled point paid one class (`Distributed`), and what the last point added to it. */
export type PoolClassPointRow = {
  pool: Address;
  pointIndex: number;
  classIndex: number;
  paid: bigint;
  undrawnReturned: bigint;
  guaranteeCalled: bigint;
  pointProviderCut: bigint;
  pointCappedBack: bigint;
} & Meta;

/** A transfer of class shares (mint, burn or transfer between holders). */
export type PoolClassTransferRow = {
  pool: Address;
  classIndex: number;
  token: Address;
  kind: "mint" | "burn" | "transfer";
  from: Address;
  to: Address;
  shares: bigint;
} & Meta;

/**
 * A class's cap as a WAD multiple of its target: the tighter of its multiple cap (none at 0) and its rate cap over the
 * bond's term (raise deadline → settlement deadline; `WAD + rate × term / 365 days`, rounded down; none at 0).
 */
export function classCapWad(maxMultipleWad: bigint, maxRateWad: bigint, term: bigint): bigint {
  let cap = maxMultipleWad === 0n ? NO_MULTIPLE_CAP : maxMultipleWad;
  if (maxRateWad !== 0n) {
    const rateCap = WAD + (maxRateWad * term) / YEAR;
    if (rateCap < cap) cap = rateCap;
  }
  return cap;
}

/**
 * The `pool_classes` rows and the `pool_guarantees` row (undefined without a guarantee) of `CapitalStructureCreated`,
 * given the pool's deadlines (its `ScheduledPoolCreated` terms).
 */
export function capitalRows(
  a: CapitalCreated,
  deadlines: { raiseDeadline: bigint; settlementDeadline: bigint },
  createdBlock: bigint,
): { classes: PoolClassRow[]; guarantee: PoolGuaranteeRow | undefined } {
  const pool = getAddress(a.pool);
  const c = a.capital;
  const term =
    deadlines.settlementDeadline > deadlines.raiseDeadline
      ? deadlines.settlementDeadline - deadlines.raiseDeadline
      : 0n;
  const provider = getAddress(c.provider);
  const classes = c.classes.map((k, i): PoolClassRow => {
    const capWad = classCapWad(k.maxMultipleWad, k.maxRateWad, term);
    return {
      pool,
      classIndex: i,
      token: getAddress(a.classTokens[i] ?? zeroAddress),
      ...k,
      capWad,
      // Principal + the return band, as the waterfall rounds it (down).
      cap: k.target + (k.target * (capWad - WAD)) / WAD,
      provider: provider === zeroAddress ? null : provider,
      providerBps: c.providerBps,
      raised: 0n,
      withdrawn: 0n,
      paid: 0n,
      undrawnReturned: 0n,
      guaranteeReceived: 0n,
      distributed: 0n,
      perShareX64: 0n,
      claimed: 0n,
      createdBlock,
    };
  });
  const guarantee: PoolGuaranteeRow | undefined =
    c.guarantee === 0n
      ? undefined
      : {
          pool,
          guarantor: getAddress(c.guarantor),
          guarantee: c.guarantee,
          committed: 0n,
          committedBlock: null,
          called: 0n,
          returned: 0n,
        };
  return { classes, guarantee };
}

/** The `pool_class_points` rows of `Distributed` for the pool's `classCount` classes (without the event columns). */
export function classPointRows(
  pool: Address,
  a: Args<"pool", "Distributed">,
  classCount: number,
): Omit<PoolClassPointRow, keyof Meta>[] {
  // A point index below the schedule's 16 points, so it fits a number.
  const pointIndex = Number(a.point);
  return a.toClasses.slice(0, classCount).map((paid, classIndex) => ({
    pool,
    pointIndex,
    classIndex,
    paid,
    undrawnReturned: 0n,
    guaranteeCalled: 0n,
    pointProviderCut: a.providerCut,
    pointCappedBack: a.cappedBack,
  }));
}

/** The `pool_class_transfers` row of a class token's `Transfer` (without the event columns). */
export function classTransferRow(
  cls: { pool: Address; classIndex: number; token: Address },
  a: Args<"poolClass", "Transfer">,
): Omit<PoolClassTransferRow, keyof Meta> {
  const from = getAddress(a.from);
  const to = getAddress(a.to);
  const kind = from === zeroAddress ? "mint" : to === zeroAddress ? "burn" : "transfer";
  return { ...cls, kind, from, to, shares: a.value };
}

/**
 * A holder's accumulator book, as `PoolShareClass` keeps it: its balance and its correction (magnified by 2^64). Its
 * claimable is `(perShareX64 × balance + correction) >> 64`, the token's own formula, so it is the token's to the wei.
 */
export type Holding = { balance: bigint; correctionX64: bigint };

/** The book after `shares` arrive (mint or transfer in) while the accumulator is `perShareX64`. */
export const received = (h: Holding, shares: bigint, perShareX64: bigint): Holding => ({
  balance: h.balance + shares,
  correctionX64: h.correctionX64 - perShareX64 * shares,
});

/** The book after `shares` leave (transfer out or burn) while the accumulator is `perShareX64`. */
export const sent = (h: Holding, shares: bigint, perShareX64: bigint): Holding => ({
  balance: h.balance - shares,
  correctionX64: h.correctionX64 + perShareX64 * shares,
});

/** The book after a claim of `amount`. */
export const claimedFrom = (h: Holding, amount: bigint): Holding => ({
  balance: h.balance,
  correctionX64: h.correctionX64 - (amount << 64n),
});

/** What the holder can claim under accumulator `perShareX64` (`PoolShareClass.claimable`). */
export const claimableOf = (h: Holding, perShareX64: bigint): bigint =>
  (perShareX64 * h.balance + h.correctionX64) >> 64n;
