/**
 * The arbiter's view (shown only to an account that arbitrates a committee): each open dispute of its committees,
 * with the proposed value, who disputed and the bond, and the two rulings — `resolve` with the correct value (in the
 * goal's decimals; a value other than the proposed one returns the bond to the disputer, the same one sends it to
 * the steward) or `resolveInvalid` (the slot becomes Unresolved and the bond returns) — before the arbitration
 * period ends.
 */
import { useState } from "react";
import type { Address } from "viem";
import { useReadContract } from "wagmi";
import { metricOracleAbi } from "../abis";
import { TxStatus } from "../components/TxStatus";
import { useAppConfig } from "../context";
import { formatTokens, isoTime, shortAddress, tokenText } from "../format";
import { useTokenUnits } from "../token";
import { useTransaction } from "../tx";
import { useLiveSlots, type LiveSlot } from "./chain";
import { committeeOf, goalOf, slotName, type DisputeRow, type EvaluatorData, type SlotRef } from "./data";
import { MetricField, metricValue } from "./MetricField";

/** The pending disputes `account` arbitrates (the arbiter of the slot's committee version). */
export function arbitrated(data: EvaluatorData, account: Address): { slot: SlotRef; dispute: DisputeRow }[] {
  return data.disputes.flatMap((d) => {
    const version = data.slots.find(
      (s) => s.missionId === d.missionId && s.goalId === d.goalId && s.period === d.period,
    )?.committeeVersion;
    if (version === undefined || version === null) return [];
    const slot = { missionId: d.missionId, version, goalId: d.goalId, period: d.period };
    return committeeOf(data, slot)?.arbiter === account ? [{ slot, dispute: d }] : [];
  });
}

export function Arbitration(props: { data: EvaluatorData; account: Address; disputes: ReturnType<typeof arbitrated> }) {
  const { oracle } = useAppConfig().contracts;
  const live = useLiveSlots(
    props.disputes.map((d) => d.slot),
    props.account,
  );
  const period = useReadContract({ address: oracle, abi: metricOracleAbi, functionName: "ARBITRATION_PERIOD" });
  // One state for the section: a ruled dispute leaves the list, its confirmation stays.
  const tx = useTransaction();
  const open = props.disputes
    .map((d, i) => ({ ...d, live: live[i] }))
    .filter((d): d is typeof d & { live: LiveSlot } => d.live?.status === "Disputed");
  return (
    <section aria-labelledby="arbiter-h">
      <h2 id="arbiter-h">Disputes you arbitrate ({open.length})</h2>
      {open.length === 0 ? (
        <p>No dispute waits for your ruling.</p>
      ) : (
        <ul className="cards">
          {open.map((d) => (
            <Ruling
              key={`${d.slot.missionId}-${d.slot.version}-${d.slot.goalId}-${d.slot.period}`}
              data={props.data}
              account={props.account}
              slot={d.slot}
              dispute={d.dispute}
              live={d.live}
              until={period.data === undefined ? undefined : BigInt(d.live.challengeEnd) + period.data}
              tx={tx}
            />
          ))}
        </ul>
      )}
      <TxStatus state={tx.state} />
    </section>
  );
}

function Ruling(props: {
  data: EvaluatorData;
  account: Address;
  slot: SlotRef;
  dispute: DisputeRow;
  live: LiveSlot;
  until: bigint | undefined;
  tx: ReturnType<typeof useTransaction>;
}) {
  const { slot, dispute, account } = props;
  const { oracle } = useAppConfig().contracts;
  const units = useTokenUnits(dispute.bondToken);
  const decimals = goalOf(props.data, slot)?.decimals ?? 0;
  const proposed = tokenText(props.live.value, decimals);
  const [valueText, setValueText] = useState(proposed);
  const { busy } = props.tx;
  const ctx = { metricDecimals: decimals, token: units };
  const send = (step: string, request: Parameters<typeof props.tx.send>[1]) => props.tx.send(step, request, ctx);
  const value = metricValue(valueText, decimals);
  const args = [slot.missionId, slot.version, slot.goalId, slot.period] as const;
  const bond = units === undefined ? "…" : formatTokens(dispute.bond, units);
  const name = slotName(props.data, slot);
  const outcome =
    value === props.live.value
      ? `Confirms the proposed value: the ${bond} bond goes to the mission's steward.`
      : `Sets another value than the proposed ${proposed}: the ${bond} bond returns to the disputer.`;
  return (
    <li className="card" data-testid={`ruling-${slot.missionId}-${slot.goalId}-${slot.period}`}>
      <h3>{name}</h3>
      <dl className="facts">
        <dt>Proposed</dt>
        <dd>{proposed}</dd>
        <dt>Disputed by</dt>
        <dd title={dispute.disputer}>{shortAddress(dispute.disputer)}</dd>
        <dt>Bond</dt>
        <dd>{bond}</dd>
        <dt>Rule by</dt>
        <dd>{props.until === undefined ? "…" : isoTime(props.until)}</dd>
      </dl>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (value === undefined) return;
          void send("Resolve", {
            address: oracle,
            abi: metricOracleAbi,
            functionName: "resolve",
            args: [...args, value],
            account,
          });
        }}
      >
        <MetricField
          label="Correct value"
          decimals={decimals}
          text={valueText}
          onChange={setValueText}
          hint={outcome}
        />
        <div className="row">
          <button type="submit" disabled={busy || value === undefined}>
            Resolve <span className="visually-hidden">{name} </span>with this value
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void send("Declare invalid", {
                address: oracle,
                abi: metricOracleAbi,
                functionName: "resolveInvalid",
                args,
                account,
              })
            }
          >
            Declare <span className="visually-hidden">{name} </span>invalid
          </button>
        </div>
      </form>
    </li>
  );
}
