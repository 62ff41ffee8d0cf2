/**
 * An impact pool: how far the raise and the outcome fund are, its phase, its terms and what the connected account
 * can do. A basket pool shows its basket in plain words and its tranche timeline (web/src/pool/BasketTerms); a pool
 * paid by a payment schedule — and a classed pool, which is one — loads a chunk of its own (web/src/pool/
 * ScheduledPool: its payment points, payer tiers and, when classed, each investor class). Scalars, state and every
 * balance are read live from the chain; terms from the factory's creation events; every failure is the revert
 * decoder's sentence.
 */
import { lazy, Suspense } from "react";
import { zeroAddress, type Address } from "viem";
import { useReadContracts } from "wagmi";
import { impactPoolAbi } from "../abis";
import { shortAddress } from "../format";
import { BasketTerms } from "../pool/BasketTerms";
import { PoolActions } from "../pool/PoolActions";
import { PHASE, Progress, type Phase } from "../pool/Progress";
import { revertSentence } from "../revert";
import { href, PageHeading } from "../router";
import { useTokenUnits } from "../token";

/** A scheduled (or classed) pool's sections: a chunk of their own (the points' proofs and the settlement mirror). */
const ScheduledPool = lazy(() => import("../pool/ScheduledPool").then((m) => ({ default: m.ScheduledPool })));

export function PoolPage({ address }: { address: Address }) {
  const pool = useReadContracts({
    allowFailure: false,
    contracts: [
      { address, abi: impactPoolAbi, functionName: "config" },
      { address, abi: impactPoolAbi, functionName: "state" },
      { address, abi: impactPoolAbi, functionName: "name" },
      { address, abi: impactPoolAbi, functionName: "factory" },
      { address, abi: impactPoolAbi, functionName: "isScheduled" },
      { address, abi: impactPoolAbi, functionName: "classToken", args: [0n] },
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
  const [config, state, name, factory, scheduled, firstClass] = pool.data;
  const classed = firstClass !== zeroAddress;
  const phase: Phase = PHASE[state.phase] ?? "Raising";
  const kind = classed ? "classed impact pool" : scheduled ? "scheduled impact pool" : "impact pool";
  return (
    <>
      <p className="crumbs">
        <a href={href.missions()}>Missions</a> › {kind}
      </p>
      <PageHeading>
        {kind.charAt(0).toUpperCase() + kind.slice(1)} {name}
      </PageHeading>
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
          {scheduled ? (
            <Suspense fallback={<p aria-live="polite">Loading the payment schedule…</p>}>
              <ScheduledPool
                pool={address}
                factory={factory}
                config={config}
                disbursedBits={state.disbursedTranches}
                phase={phase}
                classed={classed}
                units={units}
              />
            </Suspense>
          ) : (
            <BasketTerms
              pool={address}
              factory={factory}
              config={config}
              disbursedBits={state.disbursedTranches}
              units={units}
            />
          )}
          <PoolActions
            pool={address}
            token={config.token}
            units={units}
            shareUnits={shareUnits}
            phase={phase}
            raiseDeadline={config.raiseDeadline}
            scheduled={scheduled}
            classed={classed}
          />
        </>
      )}
    </>
  );
}
