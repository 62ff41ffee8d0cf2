/**
 * The create page's what-if: a result per slot (the metric's integer value, as the oracle stores it) and the money
 * committed, in; what each point, term and payer tier (a schedule) or each outcome and the providers' pot (an escrow
 * or pool paid once) would pay, out — through the settlement mirror (web/src/create/whatif.ts), to the wei.
 */
import { useId, useState } from "react";
import { slotKey } from "../../../scripts/outcomes/schedule-preview.js";
import type { TermsCheck } from "../create/terms";
import { outcomesWhatIf, scheduleWhatIf } from "../create/whatif";
import { formatTokens, parseTokens, percentWad, type TokenUnits } from "../format";

type Checked = Extract<TermsCheck, { ok: true }>;

export function WhatIf({ checked, units }: { checked: Checked; units: TokenUnits }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [funds, setFunds] = useState<Record<number, string>>({});
  const prefix = useId();
  const given = new Map<string, bigint>();
  for (const slot of checked.slots) {
    const text = values[slot.key]?.trim() ?? "";
    if (/^-?\d+$/.test(text)) given.set(slot.key, BigInt(text));
  }
  const tiers = checked.schedule?.tiers ?? [{ coPayWad: 0n }];
  const tierFunds = tiers.map((_, t) => parseTokens(funds[t] ?? "", units.decimals) ?? 0n);
  const fmt = (x: bigint) => formatTokens(x, units);
  return (
    <section aria-labelledby="whatif-h">
      <h2 id="whatif-h">What if</h2>
      <p>Try results before anything is sent: a slot left empty has no final value yet.</p>
      <fieldset>
        <legend>Results</legend>
        {checked.slots.map((slot) => (
          <div key={slot.key}>
            <label htmlFor={`${prefix}-${slot.key}`}>
              Mission {slot.missionId.toString()} goal {slot.goalId} period {slot.period}
            </label>
            <input
              id={`${prefix}-${slot.key}`}
              inputMode="numeric"
              autoComplete="off"
              value={values[slot.key] ?? ""}
              onChange={(e) => setValues({ ...values, [slot.key]: e.target.value })}
            />
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>Money committed ({units.symbol})</legend>
        {tiers.map((tier, t) => (
          <div key={t}>
            <label htmlFor={`${prefix}-funds-${t}`}>
              {checked.schedule === undefined
                ? "Deposited in total"
                : `Tier ${t} (${tier.coPayWad === 0n ? "in order" : `co-pays ${percentWad(tier.coPayWad)}`})`}
            </label>
            <input
              id={`${prefix}-funds-${t}`}
              inputMode="decimal"
              autoComplete="off"
              value={funds[t] ?? ""}
              onChange={(e) => setFunds({ ...funds, [t]: e.target.value })}
            />
          </div>
        ))}
      </fieldset>
      {checked.schedule !== undefined ? (
        <SchedulePayments checked={checked} tierFunds={tierFunds} given={given} fmt={fmt} />
      ) : (
        <OutcomePayments checked={checked} funds={tierFunds[0] ?? 0n} given={given} fmt={fmt} />
      )}
    </section>
  );
}

function SchedulePayments(props: {
  checked: Checked;
  tierFunds: bigint[];
  given: Map<string, bigint>;
  fmt: (x: bigint) => string;
}) {
  const schedule = props.checked.schedule;
  if (schedule === undefined) return null;
  const { points, totalPaid } = scheduleWhatIf(schedule, props.tierFunds, props.given);
  const { fmt } = props;
  return (
    <div className="scroll" role="region" aria-label="What each point pays" tabIndex={0} aria-live="polite">
      <table>
        <caption>What each point pays: {fmt(totalPaid)} in all</caption>
        <thead>
          <tr>
            <th scope="col">Point</th>
            <th scope="col">Pays</th>
            <th scope="col">Per term (cap that bound)</th>
            <th scope="col">Per tier</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.index}>
              <th scope="row">{p.index}</th>
              {"error" in p ? (
                <td colSpan={3} data-testid={`whatif-point-${p.index}`}>
                  {p.error}
                </td>
              ) : (
                <>
                  <td data-testid={`whatif-point-${p.index}`}>
                    {fmt(p.preview.amount)}
                    {p.preview.resolution === "Achieved" ? "" : ` (${p.preview.resolution})`}
                    {p.preview.triggerHeld || p.preview.resolution !== "Achieved" ? "" : " (trigger fails)"}
                    {p.preview.capHit === "None" ? "" : `, cap ${p.preview.capHit}`}
                  </td>
                  <td>
                    {p.preview.terms.map((t) => (
                      <div key={t.termIndex} data-testid={`whatif-point-${p.index}-term-${t.termIndex}`}>
                        term {t.termIndex}: {fmt(t.paid)} of {fmt(t.raw)} ({t.capHit})
                      </div>
                    ))}
                  </td>
                  <td data-testid={`whatif-point-${p.index}-tiers`}>
                    {p.preview.parts.map((part, t) => `tier ${t}: ${fmt(part)}`).join(", ")}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OutcomePayments(props: {
  checked: Checked;
  funds: bigint;
  given: Map<string, bigint>;
  fmt: (x: bigint) => string;
}) {
  const c = props.checked.created;
  const outcomes = c.contract === "escrow" ? c.terms.outcomes : c.contract === "pool" ? c.terms.basket : [];
  const result = outcomesWhatIf(outcomes, props.given, (o) => slotKey(o.missionId, o.goalId, o.period), props.funds);
  return (
    <div aria-live="polite">
      <ul>
        {outcomes.map((o, i) => (
          <li key={i} data-testid={`whatif-outcome-${i}`}>
            Outcome {i} (goal {o.goalId} period {o.period}, weight {percentWad(o.weightWad)}): achievement{" "}
            {percentWad(result.achievements[i] ?? 0n)}
          </li>
        ))}
      </ul>
      <p data-testid="whatif-pot">
        Achievement {percentWad(result.compositeWad)}
        {c.contract === "escrow"
          ? `: the providers get ${props.fmt(result.pot)}, the funders ${props.fmt(props.funds - result.pot)} back.`
          : " of the basket: the pool's repayment follows from it."}
      </p>
    </div>
  );
}
