/** When a pool's providers are paid: each tranche's due date, amount, provider, milestone and whether it was paid. */
import { formatTokens, isoTime, shortAddress, type TokenUnits } from "../format";

export interface TrancheSchedule {
  providers: readonly string[];
  tranches: readonly {
    provider: number;
    dueAt: number;
    shareBps: number;
    hasMilestone: boolean;
    missionId: bigint;
    goalId: number;
    period: number;
    minValue: bigint;
  }[];
}

export function TrancheTimeline(props: {
  schedule: TrancheSchedule;
  capitalTarget: bigint;
  disbursedBits: bigint;
  units: TokenUnits;
}) {
  const { schedule, units } = props;
  return (
    <>
      <h3>When the providers are paid</h3>
      <ol className="timeline" aria-label="Tranche schedule">
        {schedule.tranches.map((t, i) => {
          const provider = schedule.providers[t.provider] ?? "";
          const disbursed = (props.disbursedBits >> BigInt(i)) & 1n;
          return (
            <li key={i} data-testid={`tranche-${i}`}>
              <strong>{isoTime(t.dueAt)}</strong>:{" "}
              {formatTokens((props.capitalTarget * BigInt(t.shareBps)) / 10_000n, units)} to{" "}
              <span title={provider}>{shortAddress(provider)}</span>
              {t.hasMilestone
                ? ` once mission ${t.missionId} goal ${t.goalId} period ${t.period} is final at ${t.minValue} or better`
                : ""}
              {" — "}
              {disbursed === 1n ? "disbursed" : "not disbursed yet"}
            </li>
          );
        })}
      </ol>
    </>
  );
}
