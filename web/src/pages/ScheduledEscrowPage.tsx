/**
 * A scheduled escrow (issue #12): its payer tiers and each payment point — due date and no-data cut-off, trigger
 * state, per term the units, price, paid and the cap that bound, and per point paid and still possible (the same
 * figures as `escrow:show`, through the same shared code) — and what the connected account can do: deposit into a
 * tier (approve, then deposit), settle a point once it can, claim, get its refund. A chunk of its own, loaded when
 * the escrow page finds a scheduled escrow.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Address } from "viem";
import { useConnection, usePublicClient } from "wagmi";
import { scheduledEscrowAbi } from "../abis";
import { AmountAction } from "../components/AmountAction";
import { SchedulePoint as Point, ScheduleFacts, TierTable } from "../components/SchedulePoint";
import { SendButton } from "../components/SendButton";
import { TxStatus } from "../components/TxStatus";
import { formatTokens, isoTime, percentWad, shortAddress, type TokenUnits } from "../format";
import { revertSentence } from "../revert";
import { href, PageHeading } from "../router";
import { readScheduledEscrow, type PointView, type ScheduledEscrowView } from "../schedule";
import { useTokenUnits } from "../token";
import { useTransaction, type SendTx } from "../tx";

export function ScheduledEscrowPage({ address }: { address: Address }) {
  const client = usePublicClient();
  const account = useConnection().address;
  const view = useQuery({
    queryKey: ["scheduled-escrow", address, account],
    queryFn: () => {
      if (client === undefined) throw new Error("no chain client");
      return readScheduledEscrow(client, address, account);
    },
    enabled: client !== undefined,
  });
  const units = useTokenUnits(view.data?.terms.token);
  if (view.isError) {
    return (
      <>
        <PageHeading>Scheduled escrow {shortAddress(address)}</PageHeading>
        <p role="alert" className="error">
          This scheduled escrow could not be read ({revertSentence(view.error)}).
        </p>
      </>
    );
  }
  if (view.data === undefined || units === undefined)
    return <p aria-live="polite">Reading scheduled escrow {address} from the chain…</p>;
  const v = view.data;
  return (
    <>
      <p className="crumbs">
        <a href={href.missions()}>Missions</a> ›{" "}
        <a href={href.mission(v.terms.missionId)}>mission {v.terms.missionId.toString()}</a> › scheduled escrow
      </p>
      <PageHeading>Scheduled escrow {shortAddress(address)}</PageHeading>
      <p className="muted">
        <span className="visually-hidden">Full address: </span>
        <code className="address">{address}</code>
      </p>
      <section aria-labelledby="sched-h">
        <h2 id="sched-h">Payment schedule</h2>
        <ScheduleFacts
          inLabel="Deposited"
          windowLabel="Funding"
          open={v.fundingOpen}
          closesAt={v.terms.fundingDeadline}
          ledger={v.ledger}
          stillPossible={v.bounds.stillPossible}
          cap={v.header.cap}
          units={units}
        >
          <dt>Who is paid</dt>
          <dd>{v.terms.beneficiaries.map((b) => `${shortAddress(b.account)} (${b.weight} parts)`).join(", ")}</dd>
        </ScheduleFacts>
        <TierTable
          tiers={v.header.tiers.map((t) => t.coPayWad)}
          books={v.ledger.tierBooks}
          mine={v.mine?.deposits}
          mineLabel="You deposited"
          units={units}
        />
      </section>
      {v.points.map((p, i) => (
        <Point key={i} index={i} p={p} units={units} />
      ))}
      <Actions address={address} v={v} units={units} />
    </>
  );
}

function Actions({ address, v, units }: { address: Address; v: ScheduledEscrowView; units: TokenUnits }) {
  const account = useConnection().address;
  const { state: tx, send, busy } = useTransaction({ token: units });
  const [tier, setTier] = useState(v.header.tiers.length - 1);
  if (account === undefined || v.mine === undefined) {
    return (
      <section aria-labelledby="act-h">
        <h2 id="act-h">Your part</h2>
        <p>Connect a wallet (top of the page) to deposit into a tier, settle a point, claim or get a refund.</p>
      </section>
    );
  }
  const mine = v.mine;
  const fmt = (x: bigint) => formatTokens(x, units);
  const settleable = v.points.flatMap((p, i) => (p.preview !== undefined ? [i] : []));
  return (
    <section aria-labelledby="act-h">
      <h2 id="act-h">Your part</h2>
      <dl className="facts">
        <dt>Your {units.symbol} balance</dt>
        <dd data-testid="my-balance">{fmt(mine.balance)}</dd>
        <dt>You can claim</dt>
        <dd data-testid="my-claimable">{fmt(mine.claimable)}</dd>
        <dt>You can get back</dt>
        <dd data-testid="my-refundable">{fmt(mine.refundable)}</dd>
      </dl>
      {v.fundingOpen && (
        <>
          <label htmlFor="tier-select">Payer tier</label>
          <select id="tier-select" value={tier} onChange={(e) => setTier(Number(e.target.value))}>
            {v.header.tiers.map((t, i) => (
              <option key={i} value={i}>
                tier {i} ({t.coPayWad === 0n ? "in order" : `co-pays ${percentWad(t.coPayWad)}`})
              </option>
            ))}
          </select>
          <AmountAction
            button="Deposit"
            what="deposit"
            step="Deposit"
            call={(amount) => ({
              address,
              abi: scheduledEscrowAbi,
              functionName: "deposit",
              args: [BigInt(tier), amount],
              account,
            })}
            hint={`Deposits close ${isoTime(v.terms.fundingDeadline)}. Your wallet asks to approve the amount first when this escrow may not yet spend it, then to deposit into tier ${tier}.`}
            units={units}
            token={v.terms.token}
            spender={address}
            allowance={mine.allowance}
            account={account}
            send={send}
            busy={busy}
          />
        </>
      )}
      <div className="row">
        {settleable.map((i) => (
          <SettleButton key={i} index={i} p={v.points[i]} address={address} account={account} send={send} busy={busy} />
        ))}
        {mine.claimable > 0n && (
          <SendButton
            send={send}
            busy={busy}
            step="Claim"
            request={{ address, abi: scheduledEscrowAbi, functionName: "claim", account }}
          >
            Claim {fmt(mine.claimable)}
          </SendButton>
        )}
        {mine.refundable > 0n && (
          <SendButton
            send={send}
            busy={busy}
            step="Refund"
            request={{ address, abi: scheduledEscrowAbi, functionName: "refund", account }}
          >
            Get {fmt(mine.refundable)} back
          </SendButton>
        )}
      </div>
      <TxStatus state={tx} />
    </section>
  );
}

/** Settles point `index` with the bytes and proof the CLI sends (permissionless). */
function SettleButton(props: {
  index: number;
  p: PointView | undefined;
  address: Address;
  account: Address;
  send: SendTx;
  busy: boolean;
}) {
  if (props.p === undefined) return null;
  const { bytes, proof } = props.p.call;
  return (
    <SendButton
      send={props.send}
      busy={props.busy}
      step={`Settle point ${props.index}`}
      request={{
        address: props.address,
        abi: scheduledEscrowAbi,
        functionName: "settlePoint",
        args: [BigInt(props.index), bytes, proof],
        account: props.account,
      }}
    >
      Settle point {props.index}
    </SendButton>
  );
}
