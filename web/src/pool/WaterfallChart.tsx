/**
 * A classed pool's waterfall (issue #15, docs/capital-structure.md) as a small SVG chart — no chart library: for the
 * cumulative amount the points paid, one horizontal stacked bar per class in seniority order across the class's
 * band (its principal, then its return up to its cap): principal paid, return paid to the class, the provider's cut
 * of it, not paid yet; then the provider's total cut, the guarantee and what the caps hold back for the outcome
 * payers. The split is `waterfallSplit` (scripts/core/capital-waterfall.ts, the pure mirror of the contract's
 * `CapitalWaterfall.split`, as `pool:show` draws it) with each class's cap folded as the factory folds it
 * (`foldedCapWad` over the pool's term). A "what if" field redraws the same chart for any total, with no transaction.
 * The chart is an image whose accessible name says the figures; the table below it lists them class by class.
 */
import { useId, useState } from "react";
import { waterfallSplit, type ClassSplit } from "../../../scripts/core/capital-waterfall.js";
import { foldedCapWad } from "../../../scripts/formats/capital-terms.js";
import { formatTokens, parseTokens, percentBps, shortAddress, type TokenUnits } from "../format";
import type { CapitalView, ClassView } from "./read";

const WAD = 10n ** 18n;
const W = 320;
const ROW = 34;
const BAR = 16;
const PARTS = [
  { key: "principal", name: "principal paid", colour: "#0969da" },
  { key: "toClass", name: "return paid", colour: "#1a7f37" },
  { key: "providerCut", name: "provider's cut", colour: "#9a6700" },
  { key: "open", name: "not yet paid", colour: "#d0d7de" },
] as const;

/** What a class's band has not paid yet: its principal and capped return, less what was paid into them. */
const openOf = (s: ClassSplit): bigint => s.target + s.room - s.principal - s.toClass - s.providerCut;

export function WaterfallChart(props: {
  classes: readonly ClassView[];
  capital: CapitalView;
  paid: bigint;
  termSeconds: bigint;
  units: TokenUnits;
}) {
  const { classes, capital, units } = props;
  const fmt = (x: bigint) => formatTokens(x, units);
  const [typed, setTyped] = useState("");
  const inputId = useId();
  const hintId = useId();
  const whatIf = typed.trim() === "" ? undefined : parseTokens(typed, units.decimals);
  const total = whatIf ?? props.paid;
  const split = waterfallSplit(
    classes.map((c) => ({ target: c.terms.target, capWad: foldedCapWad(c.terms, props.termSeconds) ?? WAD })),
    BigInt(capital.providerBps),
    total,
  );
  const cut = split.classes.reduce((a, s) => a + s.providerCut, 0n);
  const heading =
    whatIf === undefined
      ? `Under the ${fmt(total)} the points have paid so far`
      : `If the points paid ${fmt(total)} in total`;
  const said = split.classes.map((s, i) => {
    const name = classes[i]?.terms.name ?? `class ${i}`;
    return (
      `${name}: principal ${fmt(s.principal)} of ${fmt(s.target)}, return ${fmt(s.toClass)} of ${fmt(s.room)}, ` +
      `provider's cut ${fmt(s.providerCut)}, not yet paid ${fmt(openOf(s))}`
    );
  });
  const alt = `${heading}: ${said.join("; ")}; the caps hold back ${fmt(split.cappedBack)} for the outcome payers.`;
  const H = split.classes.length * ROW + 4;
  return (
    <section aria-labelledby="waterfall-h" data-testid="waterfall">
      <h3 id="waterfall-h">Waterfall: what each class gets</h3>
      <figure className="chart">
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={alt} width="100%" style={{ maxWidth: `${W}px` }}>
          {split.classes.map((s, i) => {
            const band = s.target + s.room;
            const values = [s.principal, s.toClass, s.providerCut, openOf(s)];
            let x = 0;
            const y = i * ROW + 14;
            return (
              <g key={i}>
                <text x={0} y={y - 3} fontSize="10">
                  {classes[i]?.terms.name ?? `class ${i}`}: {fmt(band)} band
                </text>
                {values.map((v, k) => {
                  const w = band === 0n ? 0 : (Number((v * 10_000n) / band) / 10_000) * W;
                  const rect = <rect key={k} x={x} y={y} width={w} height={BAR} fill={PARTS[k]?.colour} />;
                  x += w;
                  return rect;
                })}
                {band > 0n && (
                  <line
                    x1={(Number((s.target * 10_000n) / band) / 10_000) * W}
                    x2={(Number((s.target * 10_000n) / band) / 10_000) * W}
                    y1={y - 2}
                    y2={y + BAR + 2}
                    stroke="#24292f"
                  />
                )}
              </g>
            );
          })}
        </svg>
        <figcaption data-testid="waterfall-caption">
          {heading}. {PARTS.map((p) => `${legendMark(p.key)}: ${p.name}`).join("; ")}; the tick marks where principal
          ends and the capped return begins.
        </figcaption>
      </figure>
      <table data-testid="waterfall-table">
        <caption className="visually-hidden">{heading}, class by class</caption>
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col">Principal paid</th>
            <th scope="col">Return paid</th>
            <th scope="col">Provider&apos;s cut</th>
            <th scope="col">Not yet paid</th>
          </tr>
        </thead>
        <tbody>
          {split.classes.map((s, i) => (
            <tr key={i} data-testid={`waterfall-class-${i}`}>
              <th scope="row">{classes[i]?.terms.name ?? `class ${i}`}</th>
              <td>
                {fmt(s.principal)} of {fmt(s.target)}
              </td>
              <td>
                {fmt(s.toClass)} of {fmt(s.room)}
              </td>
              <td>{fmt(s.providerCut)}</td>
              <td>{fmt(openOf(s))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="facts">
        <dt>Provider&apos;s cut</dt>
        <dd data-testid="waterfall-provider">
          {capital.providerBps === 0
            ? "none (no provider incentive)"
            : `${fmt(cut)} (${percentBps(capital.providerBps)} of every return above principal, to ${shortAddress(capital.provider)})`}
        </dd>
        <dt>Guarantee</dt>
        <dd data-testid="waterfall-guarantee">{guaranteeText(capital, fmt)}</dd>
        <dt>Held back for the outcome payers</dt>
        <dd data-testid="waterfall-capped">{fmt(split.cappedBack)} (paid above every class&apos;s capped return)</dd>
      </dl>
      <label htmlFor={inputId}>What if the points paid this in total ({units.symbol})</label>
      <input
        id={inputId}
        inputMode="decimal"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        aria-describedby={hintId}
        aria-invalid={typed.trim() !== "" && whatIf === undefined}
        data-testid="waterfall-what-if"
      />
      <p id={hintId} className="muted">
        {typed.trim() !== "" && whatIf === undefined
          ? `Not an amount of ${units.symbol} (at most ${units.decimals} decimals).`
          : "Redraws the chart above for that total; no transaction. Leave it empty for what was paid so far."}
      </p>
    </section>
  );
}

/** The legend's colour named in words, so the caption reads without colour vision. */
function legendMark(key: (typeof PARTS)[number]["key"]): string {
  return { principal: "Blue", toClass: "green", providerCut: "amber", open: "grey" }[key];
}

/** Where the guarantee stands: none, not posted, posted, or called and returned at the last point. */
function guaranteeText(capital: CapitalView, fmt: (x: bigint) => string): string {
  if (capital.guarantee === 0n) return "none";
  const by = `${fmt(capital.guarantee)} by ${shortAddress(capital.guarantor)}`;
  const s = capital.status;
  if (!s.posted) return `${by}: not posted (a guarantee never posted covers nothing)`;
  if (!s.settled) return `${by}: posted; covers the senior classes' principal shortfall at the last point`;
  return `${by}: called ${fmt(s.called)} at the last point, ${fmt(s.returned)} returned to the guarantor`;
}
