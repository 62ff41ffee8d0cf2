import type { Signer } from "ethers";
import { CliError, progressBar } from "../../core/cli.js";
import { decodeRevert, isRevertOrBadData, latestTime, requireErc20, revertReason } from "../../core/chain.js";
import { enumName } from "../../core/errors.js";
import { durationText, formatTokens, isoTime, percentWad, tokenText, type TokenUnits } from "../../core/units.js";
import {
  IMetricFeed__factory,
  ScheduledEscrowFactory__factory,
  ScheduledEscrow__factory,
} from "../../../typechain-types/index.js";
import { NO_CAP, TermKind, UnitSource, type PointStruct } from "../../formats/schedule-structs.js";
import {
  capHitName,
  conditionHolds,
  laneVersion,
  pointCall,
  pointOf,
  scheduleBounds,
} from "../../outcomes/schedule-points.js";
import { WAD } from "../../outcomes/wad.js";

export { pointCall, pointOf };

/**
 * A scheduled escrow as the CLI reads it (issue #12): the clone, its factory, and the terms of the factory's
 * `ScheduledEscrowCreated` event — the one reader both `escrow:settle --point` and `escrow:show` use, so the point
 * bytes and proofs sent or previewed are exactly what the escrow committed to.
 */

/**
 * The scheduled escrow at `address` (code already checked), refused in one line naming `--escrow` unless it is a
 * `ScheduledEscrow` whose factory created it (`isEscrow`): the escrow, its creation terms and its points.
 */
export async function scheduledEscrowAt(signer: Signer, address: string) {
  const escrow = ScheduledEscrow__factory.connect(address, signer);
  let factoryAddress: string;
  try {
    factoryAddress = await escrow.factory();
    await escrow.header();
  } catch (err) {
    if (!isRevertOrBadData(err)) throw err;
    const why = revertReason(err);
    throw new CliError(`--escrow: ${address} is not a ScheduledEscrow${why === undefined ? "" : ` (${why})`}`);
  }
  const factory = ScheduledEscrowFactory__factory.connect(factoryAddress, signer);
  if (!(await factory.isEscrow(address))) {
    throw new CliError(`--escrow: ${address} was not created by the scheduled escrow factory ${factoryAddress}`);
  }
  const [created] = await factory.queryFilter(factory.filters.ScheduledEscrowCreated(undefined, address));
  if (created === undefined) throw new CliError(`--escrow: no ScheduledEscrowCreated event for ${address}`);
  const terms = created.args.terms;
  return { escrow, terms, points: terms.paymentSchedule.points.map(pointOf) };
}

/** Whether `address` answers as a `ScheduledEscrow` (`header()` and `factory()`): how `escrow:show` tells the kind. */
export async function isScheduledEscrow(signer: Signer, address: string): Promise<boolean> {
  const escrow = ScheduledEscrow__factory.connect(address, signer);
  try {
    await escrow.header();
    await escrow.factory();
    return true;
  } catch (err) {
    if (isRevertOrBadData(err)) return false;
    throw err;
  }
}

/** A cap in tokens, or "none" for `type(uint128).max`. */
const capText = (cap: bigint, units: TokenUnits) => (cap === NO_CAP ? "none" : formatTokens(cap, units));
/** A WAD quantity (units, achievement) as exact decimal text. */
const wadText = (wad: bigint) => tokenText(wad, 18);
/** A slot as the CLI names it. */
const slotText = (s: { missionId: bigint; goalId: number; period: number }) =>
  `mission ${s.missionId} goal ${s.goalId} period ${s.period}`;

/** What `scheduleLines` renders: a schedule's points, header, ledger and settlements, from an escrow or a pool. */
export interface ScheduleSource {
  points: PointStruct[];
  /** The terms the escrow or pool was created with: the grace period and the key caps are read. */
  terms: { gracePeriod: bigint; paymentSchedule: { keyCaps: readonly bigint[] } };
  header: { cap: bigint; tiers: readonly { coPayWad: bigint }[] };
  ledger: {
    totalCommitted: bigint;
    totalPaid: bigint;
    keyPaid: readonly bigint[];
    tierBooks: readonly { committed: bigint; paid: bigint }[];
  };
  /** The `PointSettled` events' arguments. */
  settled: readonly SettledPoint[];
  feed: ReturnType<typeof IMetricFeed__factory.connect>;
  /** The pinned committee versions of point `i`'s slots (an escrow: the same word for every point). */
  versionsOf: (point: number) => bigint;
  /** `previewPayment(i, bytes, proof)` of the escrow or pool. */
  preview: (
    i: number,
    bytes: string,
    proof: string[],
  ) => Promise<PointFigures & { resolution: bigint; triggerHeld: boolean }>;
  units: TokenUnits;
}

type PointFigures = {
  amount: bigint;
  capHit: bigint;
  terms: readonly { unitsWad: bigint; raw: bigint; paid: bigint; capHit: bigint }[];
};
type SettledPoint = PointFigures & { index: bigint; resolution: bigint; triggerHeld: boolean };

/**
 * The one renderer of a payment schedule (`escrow:show` of a scheduled escrow, `pool:show` of a scheduled pool):
 * `head` — caps, paid vs still possible, payer tiers with committed / paid / refundable — and `points` — one block
 * per point: deadline and no-data cut-off, cap, each trigger condition (holds / fails / pending now, from the feed),
 * each term (units source, price or curve, caps), its settlement from `PointSettled` or its preview now, and paid vs
 * still possible with a bar.
 */
export async function scheduleLines(v: ScheduleSource): Promise<{ head: string[]; points: string[] }> {
  const { points, terms, header, ledger, settled, feed, versionsOf, units } = v;
  const { gracePeriod, paymentSchedule } = terms;
  const keyCaps = paymentSchedule.keyCaps;
  const fmt = (value: bigint) => formatTokens(value, units);
  const settledBy = new Map(settled.map((args) => [Number(args.index), args]));
  const allSettled = points.every((_, i) => settledBy.has(i));
  const paid = ledger.totalPaid;
  const { bounds, stillPossible } = scheduleBounds(points, (i) => settledBy.has(i), {
    cap: header.cap,
    keyCaps,
    funds: ledger.totalCommitted,
    totalPaid: paid,
    keyPaid: ledger.keyPaid,
  });
  const versionOf = (point: number, lane: number) => laneVersion(versionsOf(point), lane);

  /** A slot's state now: its final value, or its status name when not final. */
  const slotNow = async (
    s: { missionId: bigint; goalId: number; period: number },
    point: number,
    lane: number,
  ): Promise<{ value?: bigint; status: string }> => {
    const status = enumName(
      "IMetricFeed.SlotStatus",
      await feed.slotStatus(s.missionId, versionOf(point, lane), s.goalId, s.period),
    );
    if (status !== "Final") return { status };
    const [value] = await feed.finalValue(s.missionId, versionOf(point, lane), s.goalId, s.period);
    return { value, status: "Final" };
  };

  const head = [
    `caps        overall ${capText(header.cap, units)}${keyCaps.length === 0 ? "" : `; keys ${keyCaps.map((c, k) => `${k}: ${capText(c, units)}`).join(", ")}`}`,
    `paid        ${progressBar(paid + stillPossible === 0n ? 0 : Number((paid * 10_000n) / (paid + stillPossible)) / 10_000)}  ${fmt(paid)} paid, still possible ${fmt(stillPossible)}`,
    "tiers",
    ...header.tiers.map((tier, t) => {
      const book = ledger.tierBooks[t];
      const committed = book?.committed ?? 0n;
      const tierPaid = book?.paid ?? 0n;
      const kind = tier.coPayWad === 0n ? "ordered" : `co-pay ${percentWad(tier.coPayWad)}`;
      const unused = committed - tierPaid;
      return `  tier ${t} ${kind}: committed ${fmt(committed)}, paid ${fmt(tierPaid)}, refundable ${allSettled ? fmt(unused) : `${fmt(0n)} until the last point settles (${fmt(unused)} unused so far)`}`;
    }),
  ];
  const lines: string[] = [];
  for (const [i, point] of points.entries()) {
    const cutOff = point.deadline + gracePeriod;
    lines.push(
      `point ${i}     deadline ${isoTime(point.deadline)}, no data after ${isoTime(cutOff)}; cap ${capText(point.cap, units)}${point.cumulative ? "; cumulative (true-up)" : ""}${point.potWad > 0n ? `; pot ${percentWad(point.potWad)} of the funds` : ""}`,
    );
    const conditions = point.trigger.conditions;
    if (conditions.length === 0) lines.push("  trigger   none (always holds)");
    else lines.push(`  trigger   ${point.trigger.any ? "any" : "all"} of`);
    for (const [c, cond] of conditions.entries()) {
      const state = await slotNow(cond, i, 8 + c);
      const holds =
        state.value === undefined
          ? `pending (${state.status})`
          : conditionHolds(cond, state.value)
            ? `holds (value ${state.value})`
            : `fails (value ${state.value})`;
      lines.push(`    ${slotText(cond)} ${cond.lowerIsBetter ? "<=" : ">="} ${cond.threshold}: ${holds}`);
    }
    for (const [t, term] of point.terms.entries()) {
      const keyCap = keyCaps[term.key];
      const caps = [
        `cap per point ${capText(term.capPerPoint, units)}`,
        ...(keyCap === undefined || keyCap === NO_CAP
          ? []
          : [`key ${term.key} cap ${fmt(keyCap)} (${fmt(ledger.keyPaid[term.key] ?? 0n)} counted so far)`]),
      ].join(", ");
      const how =
        term.kind === TermKind.RateCard
          ? `rate card, ${term.source === UnitSource.Improvement ? `improvement on ${term.referenceValue} (${term.lowerIsBetter ? "falling" : "rising"})` : "count"}${term.scaleWad === WAD ? "" : ` × ${wadText(term.scaleWad)}`}, ${fmt(term.price)} per unit`
          : `curve ${enumName("PayoutCurves.Kind", term.curve.kind)} ${term.curve.baseline} → ${term.curve.target}, weight ${percentWad(term.weightWad)}, ceiling ${percentWad(term.ceilingWad)}`;
      lines.push(`  term ${t}    ${slotText(term)} key ${term.key}: ${how}; ${caps}`);
    }
    const settled = settledBy.get(i);
    let result: PointFigures | undefined;
    let what: string;
    if (settled !== undefined) {
      result = settled;
      what = `settled ${enumName("OutcomeLib.Resolution", settled.resolution)}${settled.triggerHeld ? "" : ", trigger did not hold"}: paid ${fmt(settled.amount)}`;
    } else {
      const { bytes, proof } = pointCall(points, i);
      try {
        const preview = await v.preview(i, bytes, proof);
        result = preview;
        what = `preview now (${enumName("OutcomeLib.Resolution", preview.resolution)}${preview.triggerHeld ? "" : ", trigger does not hold"}): would pay ${fmt(preview.amount)}`;
      } catch (err) {
        const decoded = decodeRevert(err);
        if (decoded?.name === "PointPending") {
          // The slots that can still change: the terms' (lane t) and the trigger's conditions' (lane 8 + c).
          const slots = [
            ...point.terms.map((term, t) => ({ slot: term, lane: t })),
            ...point.trigger.conditions.map((cond, c) => ({ slot: cond, lane: 8 + c })),
          ];
          const open: string[] = [];
          for (const { slot, lane } of slots) {
            const state = await slotNow(slot, i, lane);
            const text = `${slotText(slot)} (${state.status})`;
            if (state.value === undefined && state.status !== "Unresolved" && !open.includes(text)) open.push(text);
          }
          what = `pending: slot ${open.join(", ")} not final (no data after ${isoTime(cutOff)})`;
        } else {
          const reason = revertReason(err);
          if (reason === undefined) throw err;
          what = `pending: ${reason}`;
        }
      }
    }
    if (result !== undefined) {
      what += `; cap that bound: ${capHitName(result.capHit)}`;
      lines.push(`  payment   ${what}`);
      for (const [t, r] of result.terms.entries()) {
        lines.push(
          `    term ${t}: units ${wadText(r.unitsWad)}, ${fmt(r.raw)} before caps, ${fmt(r.paid)} after (cap that bound: ${capHitName(r.capHit)})`,
        );
      }
    } else lines.push(`  payment   ${what}`);
    const pointPaid = settled?.amount ?? 0n;
    const possible = settled !== undefined ? 0n : (bounds[i] ?? 0n);
    const whole = pointPaid + possible;
    lines.push(
      `  paid      ${progressBar(whole === 0n ? 0 : Number((pointPaid * 10_000n) / whole) / 10_000)}  ${fmt(pointPaid)} paid, still possible ${fmt(possible)}`,
    );
  }

  return { head, points: lines };
}

/**
 * The human view of a scheduled escrow: header (token, mission, funding, deadlines, payer tiers with committed /
 * paid / refundable, overall paid vs still possible), then one block per point — deadline and no-data cut-off,
 * cap, each trigger condition (holds / fails / pending now, from the feed), each term (units source, price or curve,
 * caps), its settlement from `PointSettled` or its preview now (`previewPayment`), and paid vs still possible with a
 * bar; with `account`, that funder's deposits per tier and refundable, and that beneficiary's claimable.
 */
export async function showScheduledEscrow(signer: Signer, address: string, account?: string): Promise<string> {
  const { escrow, terms, points } = await scheduledEscrowAt(signer, address);
  const units = await requireErc20(signer, "--escrow", terms.token);
  const fmt = (v: bigint) => formatTokens(v, units);
  const [header, ledger, settledLogs] = await Promise.all([
    escrow.header(),
    escrow.ledger(),
    escrow.queryFilter(escrow.filters.PointSettled()),
  ]);
  if (signer.provider === null) throw new CliError("the signer is not connected to a network");
  const now = await latestTime(signer.provider);
  const view = await scheduleLines({
    points,
    terms,
    header,
    ledger,
    settled: settledLogs.map((log) => log.args),
    feed: IMetricFeed__factory.connect(header.feed, signer),
    versionsOf: () => header.versions,
    preview: (i, bytes, proof) => escrow.previewPayment(i, bytes, proof),
    units,
  });
  const totalWeight = terms.beneficiaries.reduce((sum, b) => sum + b.weight, 0n);
  const lines = [
    `escrow      ${address} (scheduled: ${points.length} points)`,
    `token       ${units.symbol} (${terms.token}, ${units.decimals} decimals)`,
    `mission     ${terms.missionId}, goal version ${terms.goalVersion}`,
    `funding     ${fmt(ledger.totalCommitted)} deposited, funding ${now > terms.fundingDeadline ? "closed" : "open until"} ${isoTime(terms.fundingDeadline)}; grace ${durationText(terms.gracePeriod)} after each point's deadline`,
    ...view.head,
    "beneficiaries",
    ...terms.beneficiaries.map(
      (b) =>
        `  ${b.account} weight ${b.weight} (${percentWad(totalWeight === 0n ? 0n : (b.weight * WAD) / totalWeight)})`,
    ),
    ...view.points,
  ];

  if (account !== undefined) {
    const deposits = await Promise.all(header.tiers.map((_, t) => escrow.depositOf(account, t)));
    const [claimable, claimed, refundable] = await Promise.all([
      escrow.claimable(account),
      escrow.claimedOf(account),
      escrow.refundable(account),
    ]);
    const weight = terms.beneficiaries.find((b) => b.account === account)?.weight;
    lines.push(
      `account     ${account}: deposits ${deposits.map((d, t) => `tier ${t} ${fmt(d)}`).join(", ")}; refundable ${fmt(refundable)}${weight === undefined ? "" : `; beneficiary weight ${weight}, claimable ${fmt(claimable)}, claimed ${fmt(claimed)}`}`,
    );
  }
  return lines.join("\n");
}
