/**
 * An impact pool: its terms in plain words (the basket through the shared curve text, the tranche schedule as a
 * timeline), how far the raise and the outcome fund are, its phase, and what the connected account can do — invest
 * or commit (approve exactly, then the call), redeem, withdraw after a failed raise, get a refund. Scalars, state
 * and every balance are read live from the chain; the basket and the schedule from the factory's `PoolCreated`
 * event (the pool keeps only their hashes); every failure is the revert decoder's sentence.
 */
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import type { Address } from "viem";
import { useBlock, useConnection, usePublicClient, useReadContracts } from "wagmi";
import { curveText } from "../../../scripts/core/curve-text";
import { erc20Abi, impactPoolAbi, impactPoolFactoryAbi, missionRegistryAbi } from "../abis";
import { AmountAction } from "../components/AmountAction";
import { SendButton } from "../components/SendButton";
import { TxStatus } from "../components/TxStatus";
import { useAppConfig } from "../context";
import { formatTokens, isoTime, percentWad, shortAddress, type TokenUnits } from "../format";
import { revertSentence } from "../revert";
import { href, PageHeading } from "../router";
import { useTokenUnits } from "../token";
import { useTransaction } from "../tx";

const PHASE = ["Raising", "Funded", "Raise failed", "Settled"] as const;
type Phase = (typeof PHASE)[number];

export function PoolPage({ address }: { address: Address }) {
  const pool = useReadContracts({
    allowFailure: false,
    contracts: [
      { address, abi: impactPoolAbi, functionName: "config" },
      { address, abi: impactPoolAbi, functionName: "state" },
      { address, abi: impactPoolAbi, functionName: "name" },
      { address, abi: impactPoolAbi, functionName: "factory" },
    ],
  });
  const units = useTokenUnits(pool.data?.[0].token);
  const shareUnits = useTokenUnits(pool.isSuccess ? address : undefined);
  if (pool.isPending) return <p aria-live="polite">Reading pool {address} from the chain…</p>;
  if (pool.isError) {
    return (
      <>
        <PageHeading>Pool {shortAddress(address)}</PageHeading>
        <p role="alert" className="error">
          This address is not an impact pool of the suite on this network ({revertSentence(pool.error)}).
        </p>
      </>
    );
  }
  const [config, state, name, factory] = pool.data;
  const phase: Phase = PHASE[state.phase] ?? "Raising";
  return (
    <>
      <p className="crumbs">
        <a href={href.missions()}>Missions</a> › impact pool
      </p>
      <PageHeading>Impact pool {name}</PageHeading>
      <p className="muted">
        <span className="visually-hidden">Full address: </span>
        <code className="address">{address}</code>
      </p>
      {units === undefined || shareUnits === undefined ? (
        <p>Reading the token…</p>
      ) : (
        <>
          <Progress
            phase={phase}
            raised={state.totalShares}
            capitalTarget={config.capitalTarget}
            committed={state.fundCommitted}
            fundCap={config.fundCap}
            units={units}
          />
          <Terms
            pool={address}
            factory={factory}
            config={config}
            disbursedBits={state.disbursedTranches}
            units={units}
          />
          <Actions
            pool={address}
            token={config.token}
            units={units}
            shareUnits={shareUnits}
            phase={phase}
            raiseDeadline={config.raiseDeadline}
          />
        </>
      )}
    </>
  );
}

/** A labelled bar of `value` out of `max` (full when `max` is zero). */
function Bar({ label, value, max }: { label: string; value: bigint; max: bigint }) {
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

function Progress(props: {
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

type PoolConfig = {
  capitalTarget: bigint;
  fundCap: bigint;
  raiseDeadline: number;
  settlementDeadline: number;
  gracePeriod: number;
  repayment: { thresholdWad: bigint; principalAtWad: bigint; maxReturnWad: bigint };
};

/** The basket and the schedule, from the factory's `PoolCreated` event for this pool. */
function usePoolTerms(pool: Address, factory: Address) {
  const client = usePublicClient();
  return useQuery({
    queryKey: ["poolCreated", factory, pool],
    enabled: client !== undefined,
    staleTime: Infinity,
    queryFn: async () => {
      if (client === undefined) throw new Error("no chain client");
      const [event] = await client.getContractEvents({
        address: factory,
        abi: impactPoolFactoryAbi,
        eventName: "PoolCreated",
        args: { pool },
        fromBlock: "earliest",
        strict: true,
      });
      if (event === undefined) throw new Error(`the factory ${factory} has no PoolCreated event for ${pool}`);
      return event.args.terms;
    },
  });
}

function Terms(props: {
  pool: Address;
  factory: Address;
  config: PoolConfig;
  disbursedBits: bigint;
  units: TokenUnits;
}) {
  const { config, units } = props;
  const { registry } = useAppConfig().contracts;
  const terms = usePoolTerms(props.pool, props.factory);
  const basket = terms.data?.basket ?? [];
  const goals = useReadContracts({
    allowFailure: false,
    contracts: basket.map((o) => ({
      address: registry,
      abi: missionRegistryAbi,
      functionName: "getGoal" as const,
      args: [o.missionId, o.goalId] as const,
    })),
  });
  const { thresholdWad, principalAtWad, maxReturnWad } = config.repayment;
  return (
    <section aria-labelledby="terms-h">
      <h2 id="terms-h">Terms in plain words</h2>
      <p>
        Investors put in {units.symbol} until <strong>{isoTime(config.raiseDeadline)}</strong> and receive one share per{" "}
        {units.symbol}. The raise succeeds only if <strong>{formatTokens(config.capitalTarget, units)}</strong> is
        reached by then; otherwise every investor withdraws what they put in and every outcome payer gets their
        commitment back. Outcome payers commit up to <strong>{formatTokens(config.fundCap, units)}</strong> in total to
        pay for results.
      </p>
      <p>
        From {isoTime(config.settlementDeadline)} the pool settles on the basket's achievement: below{" "}
        {percentWad(thresholdWad)} investors get back only the capital not yet paid out to providers; at{" "}
        {percentWad(principalAtWad)} the outcome fund repays what was paid out; at 100 % it repays that plus{" "}
        {percentWad(maxReturnWad)}, linearly between, and never more than the outcome fund. Results not final by{" "}
        {isoTime(config.settlementDeadline + config.gracePeriod)} count as no achievement. What the outcome payers did
        not pay goes back to them.
      </p>
      <h3>The basket of outcomes</h3>
      {terms.isError ? (
        <p role="alert" className="error">
          The basket and schedule could not be read ({terms.error.message}).
        </p>
      ) : terms.isPending ? (
        <p>Reading the basket and schedule…</p>
      ) : (
        <ul>
          {basket.map((o, i) => (
            <li key={i}>
              {percentWad(o.weightWad)} of the achievement: mission{" "}
              <a href={href.mission(o.missionId)}>{o.missionId.toString()}</a> goal {o.goalId} in period {o.period}, by
              this rule: {curveText(o.curve, goals.data?.[i]?.decimals)}
              {o.curve.lowerIsBetter ? " (lower is better)" : ""}.
            </li>
          ))}
        </ul>
      )}
      {terms.data !== undefined && (
        <>
          <h3>When the providers are paid</h3>
          <ol className="timeline" aria-label="Tranche schedule">
            {terms.data.schedule.tranches.map((t, i) => {
              const provider = terms.data.schedule.providers[t.provider] ?? "";
              const disbursed = (props.disbursedBits >> BigInt(i)) & 1n;
              return (
                <li key={i} data-testid={`tranche-${i}`}>
                  <strong>{isoTime(t.dueAt)}</strong>:{" "}
                  {formatTokens((config.capitalTarget * BigInt(t.shareBps)) / 10_000n, units)} to{" "}
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
      )}
    </section>
  );
}

function Actions(props: {
  pool: Address;
  token: Address;
  units: TokenUnits;
  shareUnits: TokenUnits;
  phase: Phase;
  raiseDeadline: number;
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
        <dt>Your shares</dt>
        <dd data-testid="my-shares">{show(shares, shareUnits)}</dd>
        <dt>Your outcome-fund commitment</dt>
        <dd data-testid="my-commitment">{show(commitment)}</dd>
        <dt>Your shares redeem for</dt>
        <dd>{phase === "Settled" ? show(redeemable) : "nothing until the pool settles"}</dd>
        <dt>You can withdraw</dt>
        <dd>{show(withdrawable)}</dd>
        <dt>You can get back</dt>
        <dd>{show(refundable)}</dd>
      </dl>
      {phase === "Raising" && (
        <AmountAction
          {...amountAction}
          button="Invest"
          what="invest"
          step="Invest"
          call={poolCall("invest")}
          hint={`The raise ${raiseOpen ? "closes" : "closed"} ${isoTime(props.raiseDeadline)}. Your wallet asks to approve exactly this amount first when the pool may not yet spend it, then to invest; you receive one share per ${units.symbol}.`}
        />
      )}
      {(phase === "Raising" || phase === "Funded") && (
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
