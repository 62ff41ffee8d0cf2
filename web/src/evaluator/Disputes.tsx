/**
 * Proposed values anyone may dispute within their challenge window, by posting the committee's bond: the bond in
 * its token's decimals and symbol, the account's balance and allowance of it, then approve (only when the allowance
 * is short, exactly the bond) and `dispute`. Slots come from the indexer; their live state from the chain.
 */
import type { Address } from "viem";
import { useBlock, useReadContracts } from "wagmi";
import { erc20Abi, metricOracleAbi } from "../abis";
import { TxStatus } from "../components/TxStatus";
import { useAppConfig } from "../context";
import { formatTokens, isoTime, tokenText } from "../format";
import { useTokenUnits } from "../token";
import { useTransaction } from "../tx";
import { useLiveSlots, type LiveSlot } from "./chain";
import { committeeOf, goalOf, slotName, type CommitteeRow, type EvaluatorData, type SlotRef } from "./data";

export function Disputes({ data, account }: { data: EvaluatorData; account: Address }) {
  const block = useBlock({ watch: true });
  const candidates: SlotRef[] = data.slots
    .filter((s) => s.status === "Proposed" && !s.disputed && s.committeeVersion !== null)
    .map((s) => ({ missionId: s.missionId, version: s.committeeVersion ?? 0, goalId: s.goalId, period: s.period }));
  const live = useLiveSlots(candidates, account);
  // One state for the section: a disputed value leaves the list, the confirmation stays.
  const tx = useTransaction();
  const now = block.data?.timestamp;
  const open = candidates
    .map((slot, i) => ({ slot, live: live[i] }))
    .filter(
      (c): c is { slot: SlotRef; live: LiveSlot } =>
        c.live !== undefined &&
        c.live.status === "Proposed" &&
        (now === undefined || BigInt(c.live.challengeEnd) >= now),
    );
  return (
    <section aria-labelledby="dispute-h">
      <h2 id="dispute-h">Proposed values open to dispute ({open.length})</h2>
      <p>
        A value the committee proposed becomes final when its challenge window closes. If you hold evidence that it is
        wrong, dispute it: you post the committee's bond, and the arbiter decides. The bond comes back to you when the
        arbiter sets another value or declares the slot invalid; it goes to the mission's steward when the arbiter
        confirms the proposed value.
      </p>
      {open.length === 0 ? (
        <p>No proposed value can be disputed now.</p>
      ) : (
        <ul className="cards">
          {open.map(({ slot, live: l }) => {
            const committee = committeeOf(data, slot);
            return committee === undefined ? null : (
              <DisputeCard
                key={`${slot.missionId}-${slot.version}-${slot.goalId}-${slot.period}`}
                data={data}
                slot={slot}
                live={l}
                committee={committee}
                account={account}
                tx={tx}
              />
            );
          })}
        </ul>
      )}
      <TxStatus state={tx.state} />
    </section>
  );
}

function DisputeCard(props: {
  data: EvaluatorData;
  slot: SlotRef;
  live: LiveSlot;
  committee: CommitteeRow;
  account: Address;
  tx: ReturnType<typeof useTransaction>;
}) {
  const { slot, committee, account } = props;
  const { oracle } = useAppConfig().contracts;
  const units = useTokenUnits(committee.bondToken);
  const decimals = goalOf(props.data, slot)?.decimals;
  const { busy } = props.tx;
  const ctx = { metricDecimals: decimals, token: units };
  const send = (step: string, request: Parameters<typeof props.tx.send>[1]) => props.tx.send(step, request, ctx);
  const reads = useReadContracts({
    allowFailure: false,
    contracts: [
      { address: committee.bondToken, abi: erc20Abi, functionName: "balanceOf", args: [account] },
      { address: committee.bondToken, abi: erc20Abi, functionName: "allowance", args: [account, oracle] },
    ],
  });
  const [balance, allowance] = reads.data ?? [];
  const bond = committee.bondAmount;
  const name = slotName(props.data, slot);
  const testId = `dispute-${slot.missionId}-${slot.goalId}-${slot.period}`;

  async function dispute() {
    if (allowance === undefined || allowance < bond) {
      const approved = await send("Approve bond", {
        address: committee.bondToken,
        abi: erc20Abi,
        functionName: "approve",
        args: [oracle, bond],
        account,
      });
      if (!approved) return;
    }
    await send("Dispute", {
      address: oracle,
      abi: metricOracleAbi,
      functionName: "dispute",
      args: [slot.missionId, slot.version, slot.goalId, slot.period],
      account,
    });
  }

  return (
    <li className="card" data-testid={testId}>
      <h3>{name}</h3>
      <dl className="facts">
        <dt>Proposed</dt>
        <dd>{decimals === undefined ? props.live.value.toString() : tokenText(props.live.value, decimals)}</dd>
        <dt>Challenge closes</dt>
        <dd>{isoTime(props.live.challengeEnd)}</dd>
        <dt>Bond</dt>
        <dd data-testid="bond">{units === undefined ? "…" : formatTokens(bond, units)}</dd>
        <dt>Your balance</dt>
        <dd data-testid="bond-balance">
          {balance === undefined || units === undefined ? "…" : formatTokens(balance, units)}
        </dd>
      </dl>
      <button type="button" disabled={busy || units === undefined} onClick={() => void dispute()}>
        Dispute <span className="visually-hidden">{name} </span>({units === undefined ? "…" : formatTokens(bond, units)}{" "}
        bond)
      </button>
    </li>
  );
}
