/**
 * What the connected account can do in any pool: invest (an unclassed pool: approve exactly, then invest), commit
 * (a basket pool; a scheduled pool commits per tier in its own section), redeem, withdraw after a failed raise, get a
 * refund; its balance, allowance, shares, commitment and what each button would pay, read live from the chain.
 */
import type { Address } from "viem";
import { useBlock, useConnection, useReadContracts } from "wagmi";
import { erc20Abi, impactPoolAbi } from "../abis";
import { AmountAction } from "../components/AmountAction";
import { SendButton } from "../components/SendButton";
import { TxStatus } from "../components/TxStatus";
import { formatTokens, isoTime, type TokenUnits } from "../format";
import { useTransaction } from "../tx";
import type { Phase } from "./Progress";

export function PoolActions(props: {
  pool: Address;
  token: Address;
  units: TokenUnits;
  shareUnits: TokenUnits;
  phase: Phase;
  raiseDeadline: number;
  /** A scheduled pool: outcome payers commit per tier (its own section), not here. */
  scheduled: boolean;
  /** A classed pool: investors invest per class (its own section), not here. */
  classed: boolean;
}) {
  const { pool, token, units, shareUnits, phase } = props;
  const account = useConnection().address;
  const block = useBlock({ watch: true });
  const reads = useReadContracts({
    allowFailure: false,
    contracts:
      account === undefined
        ? []
        : [
            { address: token, abi: erc20Abi, functionName: "balanceOf", args: [account] },
            { address: token, abi: erc20Abi, functionName: "allowance", args: [account, pool] },
            { address: pool, abi: impactPoolAbi, functionName: "balanceOf", args: [account] },
            { address: pool, abi: impactPoolAbi, functionName: "commitmentOf", args: [account] },
            { address: pool, abi: impactPoolAbi, functionName: "previewRefund", args: [account] },
          ],
    query: { enabled: account !== undefined },
  });
  const [balance, allowance, shares, commitment, refundable] = reads.data ?? [];
  const redeemable = useReadContracts({
    allowFailure: false,
    contracts: [{ address: pool, abi: impactPoolAbi, functionName: "previewRedeem", args: [shares ?? 0n] }],
    query: { enabled: shares !== undefined && phase === "Settled" },
  }).data?.[0];
  const { state: tx, send, busy } = useTransaction({ contract: "ImpactPool", token: units });
  /** What every transaction button and form of this section shares. */
  const sendable = { send, busy };

  if (account === undefined) {
    return (
      <section aria-labelledby="act-h">
        <h2 id="act-h">Your part</h2>
        <p>Connect a wallet (top of the page) to invest, commit to the outcome fund, redeem or get a refund.</p>
      </section>
    );
  }
  const raiseOpen =
    phase === "Raising" && (block.data === undefined || block.data.timestamp <= BigInt(props.raiseDeadline));
  const withdrawable = phase === "Raise failed" ? shares : 0n;
  const show = (v: bigint | undefined, u = units) => (v === undefined ? "…" : formatTokens(v, u));

  /** What both amount forms share: the token, the pool as its spender, the account's allowance, the transaction. */
  const amountAction = { ...sendable, units, token, spender: pool, allowance, account };
  /** The pool's `invest` or `commit` of an amount, from the account. */
  const poolCall = (functionName: "invest" | "commit") => (amount: bigint) => ({
    address: pool,
    abi: impactPoolAbi,
    functionName,
    args: [amount],
    account,
  });

  return (
    <section aria-labelledby="act-h">
      <h2 id="act-h">Your part</h2>
      <dl className="facts">
        <dt>Your {units.symbol} balance</dt>
        <dd data-testid="my-balance">{show(balance)}</dd>
        <dt>Allowed to this pool</dt>
        <dd data-testid="my-allowance">{show(allowance)}</dd>
        {!props.classed && (
          // A classed pool's shares are its class tokens (each class's section shows yours).
          <>
            <dt>Your shares</dt>
            <dd data-testid="my-shares">{show(shares, shareUnits)}</dd>
          </>
        )}
        {!props.scheduled && (
          // A scheduled pool's commitments are per tier (its tier table shows yours).
          <>
            <dt>Your outcome-fund commitment</dt>
            <dd data-testid="my-commitment">{show(commitment)}</dd>
          </>
        )}
        {!props.classed && (
          <>
            <dt>Your shares redeem for</dt>
            <dd>{phase === "Settled" ? show(redeemable) : "nothing until the pool settles"}</dd>
            <dt>You can withdraw</dt>
            <dd>{show(withdrawable)}</dd>
          </>
        )}
        <dt>You can get back</dt>
        <dd>{show(refundable)}</dd>
      </dl>
      {phase === "Raising" && !props.classed && (
        <AmountAction
          {...amountAction}
          button="Invest"
          what="invest"
          step="Invest"
          call={poolCall("invest")}
          hint={`The raise ${raiseOpen ? "closes" : "closed"} ${isoTime(props.raiseDeadline)}. Your wallet asks to approve exactly this amount first when the pool may not yet spend it, then to invest; you receive one share per ${units.symbol}.`}
        />
      )}
      {(phase === "Raising" || phase === "Funded") && !props.scheduled && (
        <AmountAction
          {...amountAction}
          button="Commit"
          what="commit to the outcome fund"
          step="Commit"
          call={poolCall("commit")}
          hint="As an outcome payer, you pay for results: what the results do not earn comes back to you after settlement. Your wallet asks to approve exactly this amount first when needed."
        />
      )}
      <div className="row">
        {phase === "Settled" && shares !== undefined && shares > 0n && (
          <SendButton
            {...sendable}
            step="Redeem"
            request={{ address: pool, abi: impactPoolAbi, functionName: "redeem", args: [shares], account }}
          >
            Redeem {formatTokens(shares, shareUnits)}
          </SendButton>
        )}
        {withdrawable !== undefined && withdrawable > 0n && (
          <SendButton
            {...sendable}
            step="Withdraw"
            request={{ address: pool, abi: impactPoolAbi, functionName: "withdraw", account }}
          >
            Withdraw {formatTokens(withdrawable, units)}
          </SendButton>
        )}
        {refundable !== undefined && refundable > 0n && (
          <SendButton
            {...sendable}
            step="Refund"
            request={{ address: pool, abi: impactPoolAbi, functionName: "refund", account }}
          >
            Get {formatTokens(refundable, units)} back
          </SendButton>
        )}
      </div>
      <TxStatus state={tx} />
    </section>
  );
}
