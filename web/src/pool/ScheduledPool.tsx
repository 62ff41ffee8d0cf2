/**
 * A pool paid by a payment schedule (issue #12): what its points have paid and can still pay, its payer tiers (each
 * tier's terms, commitments and payments, the account's commitment per tier, a commit form per tier while
 * commitments are open), each payment point (the scheduled escrow's `SchedulePoint`: trigger, units, price, cap,
 * paid; a button to settle it once it can), the tranche timeline, and — a classed pool (issue #13) — its investor
 * classes (web/src/pool/Classes) and their waterfall chart (web/src/pool/WaterfallChart). A chunk of its own, loaded when the pool page finds a scheduled pool.
 */
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useConnection, usePublicClient } from "wagmi";
import { impactPoolAbi } from "../abis";
import { AmountAction } from "../components/AmountAction";
import { ScheduleFacts, SchedulePoint, TierTable } from "../components/SchedulePoint";
import { SendButton } from "../components/SendButton";
import { TxStatus } from "../components/TxStatus";
import { isoTime, type TokenUnits } from "../format";
import { revertSentence } from "../revert";
import { useTransaction } from "../tx";
import { Classes } from "./Classes";
import type { Phase } from "./Progress";
import { readScheduledPool, type ScheduledPoolView } from "./read";
import { TrancheTimeline } from "./TrancheTimeline";
import { WaterfallChart } from "./WaterfallChart";

export function ScheduledPool(props: {
  pool: Address;
  factory: Address;
  config: { token: Address; capitalTarget: bigint; raiseDeadline: number };
  disbursedBits: bigint;
  phase: Phase;
  classed: boolean;
  units: TokenUnits;
}) {
  const { pool, units } = props;
  const client = usePublicClient();
  const account = useConnection().address;
  const view = useQuery({
    queryKey: ["scheduled-pool", pool, account],
    queryFn: () => {
      if (client === undefined) throw new Error("no chain client");
      return readScheduledPool(client, pool, props.factory, props.classed, account);
    },
    enabled: client !== undefined,
  });
  const tx = useTransaction({ contract: "ImpactPool", token: units });
  if (view.isError) {
    return (
      <p role="alert" className="error">
        The payment schedule could not be read ({revertSentence(view.error)}).
      </p>
    );
  }
  if (view.data === undefined) return <p aria-live="polite">Reading the payment schedule…</p>;
  const v = view.data;
  return (
    <>
      <section aria-labelledby="sched-h">
        <h2 id="sched-h">Payment schedule</h2>
        <p>
          Outcome payers commit into a payer tier until <strong>{isoTime(props.config.raiseDeadline)}</strong>; then
          each point below pays the investors{props.classed ? " down the classes' waterfall" : ""} from the commitments,
          by its own terms, once its results are final.
        </p>
        <ScheduleFacts
          inLabel="Committed"
          windowLabel="Commitments"
          open={v.commitmentsOpen}
          closesAt={props.config.raiseDeadline}
          ledger={v.ledger}
          stillPossible={v.bounds.stillPossible}
          cap={v.header.cap}
          units={units}
        />
        <Tiers v={v} pool={pool} token={props.config.token} units={units} tx={tx} account={account} />
        <TrancheTimeline
          schedule={v.terms.schedule}
          capitalTarget={props.config.capitalTarget}
          disbursedBits={props.disbursedBits}
          units={units}
        />
      </section>
      {v.points.map((p, i) => (
        <div key={i}>
          <SchedulePoint index={i} p={p} units={units} />
          {p.preview !== undefined && account !== undefined && (
            <SendButton
              send={tx.send}
              busy={tx.busy}
              step={`Settle point ${i}`}
              request={{
                address: pool,
                abi: impactPoolAbi,
                functionName: "settlePoint",
                args: [BigInt(i), p.call.bytes, p.call.proof],
                account,
              }}
            >
              Settle point {i}
            </SendButton>
          )}
        </div>
      ))}
      {props.classed && (
        <Classes
          pool={pool}
          token={props.config.token}
          phase={props.phase}
          commitmentsOpen={v.commitmentsOpen}
          classes={v.classes}
          allowance={v.mine?.allowance}
          units={units}
          tx={tx}
        />
      )}
      {props.classed && v.capital !== undefined && (
        <WaterfallChart
          classes={v.classes}
          capital={v.capital}
          paid={v.ledger.totalPaid}
          termSeconds={BigInt(v.terms.settlementDeadline) - BigInt(v.terms.raiseDeadline)}
          units={units}
        />
      )}
      <TxStatus state={tx.state} />
    </>
  );
}

function Tiers(props: {
  v: ScheduledPoolView;
  pool: Address;
  token: Address;
  units: TokenUnits;
  tx: ReturnType<typeof useTransaction>;
  account: Address | undefined;
}) {
  const { v, units, account } = props;
  const mine = v.mine;
  return (
    <>
      <TierTable
        tiers={v.tiers}
        books={v.ledger.tierBooks}
        mine={mine?.tierCommitments}
        mineLabel="You committed"
        units={units}
      />
      <p className="muted">
        After the last point, or a failed raise, each payer gets back per tier its share of what the tier did not pay
        (“You can get back” below sums your tiers).
      </p>
      {account !== undefined &&
        v.commitmentsOpen &&
        v.tiers.map((_, t) => (
          <AmountAction
            key={t}
            button={`Commit to tier ${t}`}
            what={`commit to tier ${t}`}
            step={`Commit to tier ${t}`}
            call={(amount) => ({
              address: props.pool,
              abi: impactPoolAbi,
              functionName: "commitTier",
              args: [BigInt(t), amount],
              account,
            })}
            hint="As an outcome payer, you pay for results: what the points do not pay comes back to you after the last one. Your wallet asks to approve exactly this amount first when needed."
            units={units}
            token={props.token}
            spender={props.pool}
            allowance={mine?.allowance}
            account={account}
            send={props.tx.send}
            busy={props.tx.busy}
          />
        ))}
    </>
  );
}
