/**
 * One payment point of a schedule (a scheduled escrow's or a scheduled pool's): due date and no-data cut-off, its
 * trigger now, its cap, what it paid or would pay now and what it can still pay, and per term the units, price or
 * curve, the amount before and after caps and the cap that bound — the figures of `readPointViews`; and the schedule's
 * payer tiers (`TierTable`) and totals (`ScheduleFacts`).
 */
import { enumName } from "../../../scripts/core/errors/enums.js";
import { TermKind, UnitSource } from "../../../scripts/formats/schedule-structs.js";
import { capHitName } from "../../../scripts/outcomes/schedule-points.js";
import type { ReactNode } from "react";
import { formatTokens, isoTime, percentWad, tokenText, type TokenUnits } from "../format";
import { NO_CAP, type PointView } from "../schedule";

export const capText = (cap: bigint, units: TokenUnits) => (cap === NO_CAP ? "none" : formatTokens(cap, units));
const slotText = (s: { goalId: number; period: number }) => `goal ${s.goalId} period ${s.period}`;

function triggerText(p: PointView): string {
  const conditions = p.point.trigger.conditions;
  if (conditions.length === 0) return "none (always holds)";
  const each = conditions.map((c, k) => {
    const now = p.conditions[k];
    const state =
      now === undefined || !("holds" in now)
        ? `pending (${enumName("IMetricFeed.SlotStatus", now?.status ?? 0)})`
        : `${now.holds ? "holds" : "fails"} (value ${now.value})`;
    return `${slotText(c)} ${c.lowerIsBetter ? "≤" : "≥"} ${c.threshold}: ${state}`;
  });
  return `${p.point.trigger.any ? "any" : "all"} of: ${each.join("; ")}`;
}

export function SchedulePoint({ index, p, units }: { index: number; p: PointView; units: TokenUnits }) {
  const fmt = (x: bigint) => formatTokens(x, units);
  const figures = p.settled ?? p.preview;
  const id = `point-${index}`;
  const state =
    p.settled !== undefined
      ? `settled (${enumName("OutcomeLib.Resolution", p.settled.resolution)}${p.settled.triggerHeld ? "" : ", trigger did not hold"})`
      : p.preview !== undefined
        ? `open; would pay ${fmt(p.preview.amount)} now (${enumName("OutcomeLib.Resolution", p.preview.resolution)}${p.preview.triggerHeld ? "" : ", trigger does not hold"})`
        : `open: ${p.previewError ?? "not previewed"}`;
  return (
    <section aria-labelledby={`${id}-h`} className="goal" data-testid={id}>
      <h2 id={`${id}-h`}>
        Point {index}: due {isoTime(p.point.deadline)}
      </h2>
      <dl className="facts">
        <dt>State</dt>
        <dd data-testid={`${id}-state`}>{state}</dd>
        <dt>No data after</dt>
        <dd>{isoTime(p.cutOff)}</dd>
        <dt>Trigger</dt>
        <dd>{triggerText(p)}</dd>
        <dt>Point cap</dt>
        <dd>
          {capText(p.point.cap, units)}
          {p.point.cumulative ? "; cumulative (true-up)" : ""}
        </dd>
        <dt>Paid</dt>
        <dd data-testid={`${id}-paid`}>{fmt(p.settled?.amount ?? 0n)}</dd>
        <dt>Still possible</dt>
        <dd data-testid={`${id}-possible`}>{fmt(p.possible)}</dd>
        {figures !== undefined && (
          <>
            <dt>Cap that bound</dt>
            <dd data-testid={`${id}-cap-hit`}>{capHitName(figures.capHit)}</dd>
          </>
        )}
      </dl>
      <div className="scroll" role="region" aria-label={`Terms of point ${index}`} tabIndex={0}>
        <table>
          <caption className="visually-hidden">Terms of point {index}</caption>
          <thead>
            <tr>
              <th scope="col">Term</th>
              <th scope="col">Pays for</th>
              <th scope="col">Units</th>
              <th scope="col">Before caps</th>
              <th scope="col">{p.settled !== undefined ? "Paid" : "Would pay"}</th>
              <th scope="col">Cap that bound</th>
            </tr>
          </thead>
          <tbody>
            {p.point.terms.map((term, t) => {
              const r = figures?.terms[t];
              const how =
                term.kind === TermKind.RateCard
                  ? `${fmt(term.price)} per unit of ${slotText(term)}${term.source === UnitSource.Improvement ? ` below/above ${term.referenceValue}` : ""}; cap ${capText(term.capPerPoint, units)}`
                  : `${percentWad(term.weightWad)} of the pot on ${slotText(term)}, curve ${term.curve.baseline} → ${term.curve.target}`;
              return (
                <tr key={t}>
                  <th scope="row">{t}</th>
                  <td>{how}</td>
                  <td data-testid={`${id}-term-${t}-units`}>{r === undefined ? "–" : tokenText(r.unitsWad, 18)}</td>
                  <td>{r === undefined ? "–" : fmt(r.raw)}</td>
                  <td data-testid={`${id}-term-${t}-paid`}>{r === undefined ? "–" : fmt(r.paid)}</td>
                  <td>{r === undefined ? "–" : capHitName(r.capHit)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A schedule's payer tiers: how each pays, what was committed and paid, and (connected) what the account put in. */
export function TierTable(props: {
  tiers: readonly bigint[];
  books: readonly { committed: bigint; paid: bigint }[];
  /** The account's amount per tier, or undefined when no wallet is connected. */
  mine: readonly bigint[] | undefined;
  /** The account's column heading ("You deposited", "You committed"). */
  mineLabel: string;
  units: TokenUnits;
}) {
  const fmt = (x: bigint) => formatTokens(x, props.units);
  const { mine } = props;
  return (
    <div className="scroll" role="region" aria-label="Payer tiers" tabIndex={0}>
      <table>
        <caption className="visually-hidden">Payer tiers</caption>
        <thead>
          <tr>
            <th scope="col">Tier</th>
            <th scope="col">Pays</th>
            <th scope="col">Committed</th>
            <th scope="col">Paid</th>
            {mine !== undefined && <th scope="col">{props.mineLabel}</th>}
          </tr>
        </thead>
        <tbody>
          {props.tiers.map((coPayWad, t) => (
            <tr key={t}>
              <th scope="row">{t}</th>
              <td>{coPayWad === 0n ? "in order" : `co-pays ${percentWad(coPayWad)}`}</td>
              <td data-testid={`tier-${t}-committed`}>{fmt(props.books[t]?.committed ?? 0n)}</td>
              <td data-testid={`tier-${t}-paid`}>{fmt(props.books[t]?.paid ?? 0n)}</td>
              {mine !== undefined && <td data-testid={`my-tier-${t}`}>{fmt(mine[t] ?? 0n)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A schedule's totals: what came in and until when, what its points paid and can still pay, its overall cap. */
export function ScheduleFacts(props: {
  /** What the money in is called ("Deposited", "Committed") and the window it comes in ("Funding", "Commitments"). */
  inLabel: string;
  windowLabel: string;
  open: boolean;
  closesAt: number | bigint;
  ledger: { totalCommitted: bigint; totalPaid: bigint };
  stillPossible: bigint;
  cap: bigint;
  units: TokenUnits;
  /** More facts after these. */
  children?: ReactNode;
}) {
  const fmt = (x: bigint) => formatTokens(x, props.units);
  return (
    <dl className="facts">
      <dt>{props.inLabel}</dt>
      <dd data-testid="sched-committed">{fmt(props.ledger.totalCommitted)}</dd>
      <dt>{props.windowLabel}</dt>
      <dd>
        {props.open ? "open until" : "closed"} {isoTime(props.closesAt)}
      </dd>
      <dt>Paid</dt>
      <dd data-testid="sched-paid">{fmt(props.ledger.totalPaid)}</dd>
      <dt>Still possible</dt>
      <dd data-testid="sched-possible">{fmt(props.stillPossible)}</dd>
      <dt>Overall cap</dt>
      <dd>{capText(props.cap, props.units)}</dd>
      {props.children}
    </dl>
  );
}
