/** A pool's raise and outcome fund as figures and bars, and the labelled bar every pool section uses. */
import { useId } from "react";
import { formatTokens, type TokenUnits } from "../format";

export const PHASE = ["Raising", "Funded", "Raise failed", "Settled"] as const;
export type Phase = (typeof PHASE)[number];

/** A labelled bar of `value` out of `max` (full when `max` is zero). */
export function Bar({ label, value, max }: { label: string; value: bigint; max: bigint }) {
  const barId = useId();
  const scale = max > 0n ? max : 1n;
  const percent = Number(((value > scale ? scale : value) * 10_000n) / scale) / 100;
  return (
    <>
      <label htmlFor={barId}>
        {percent} % {label}
      </label>
      <progress id={barId} max={100} value={percent}>
        {percent} %
      </progress>
    </>
  );
}

export function Progress(props: {
  phase: Phase;
  raised: bigint;
  capitalTarget: bigint;
  committed: bigint;
  fundCap: bigint;
  units: TokenUnits;
}) {
  const { units } = props;
  return (
    <section aria-labelledby="progress-h">
      <h2 id="progress-h">Raise and outcome fund</h2>
      <dl className="facts">
        <dt>Phase</dt>
        <dd data-testid="pool-phase">{props.phase}</dd>
        <dt>Invested</dt>
        <dd data-testid="pool-raised">
          {formatTokens(props.raised, units)} of {formatTokens(props.capitalTarget, units)}
        </dd>
        <dt>Committed by outcome payers</dt>
        <dd data-testid="pool-fund">
          {formatTokens(props.committed, units)} of at most {formatTokens(props.fundCap, units)}
        </dd>
      </dl>
      <Bar label="of the capital target raised" value={props.raised} max={props.capitalTarget} />
      <Bar label="of the outcome fund's cap committed" value={props.committed} max={props.fundCap} />
    </section>
  );
}
