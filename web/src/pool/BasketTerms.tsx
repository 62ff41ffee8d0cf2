/**
 * A basket pool's terms in plain words — the raise, the repayment curve, the basket through the shared curve text —
 * and its tranche timeline, from the factory's `PoolCreated` event (the pool keeps only their hashes).
 */
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient, useReadContracts } from "wagmi";
import { curveText } from "../../../scripts/core/curve-text";
import { impactPoolFactoryAbi, missionRegistryAbi } from "../abis";
import { useAppConfig } from "../context";
import { formatTokens, isoTime, percentWad, type TokenUnits } from "../format";
import { href } from "../router";
import { TrancheTimeline } from "./TrancheTimeline";

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

export function BasketTerms(props: {
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
        <TrancheTimeline
          schedule={terms.data.schedule}
          capitalTarget={config.capitalTarget}
          disbursedBits={props.disbursedBits}
          units={units}
        />
      )}
    </section>
  );
}
