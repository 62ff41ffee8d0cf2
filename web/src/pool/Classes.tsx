/**
 * A classed pool's investor classes (issue #13, docs/capital-structure.md), most senior first: each class's raise
 * as a bar (raised of its target), its return cap, what the waterfall has distributed to it so far, and the
 * connected account's shares and claimable amount (from its class token on chain); invest in a class while the raise
 * is open (approve exactly, then `investClass`), claim a class's distributions (`claim` on its token), and after a
 * failed raise withdraw a class's capital (`withdraw` on its token).
 */
import type { Address } from "viem";
import { useConnection } from "wagmi";
import { impactPoolAbi, poolShareClassAbi } from "../abis";
import { AmountAction } from "../components/AmountAction";
import { SendButton } from "../components/SendButton";
import { formatTokens, percentWad, tokenText, type TokenUnits } from "../format";
import type { useTransaction } from "../tx";
import { Bar, type Phase } from "./Progress";
import type { ClassView } from "./read";

/** A class's return cap in words: a multiple of its principal, a simple annual rate, or both (the tighter binds). */
export function capWords(terms: { maxMultipleWad: bigint; maxRateWad: bigint }): string {
  const caps = [
    terms.maxMultipleWad === 0n ? undefined : `${tokenText(terms.maxMultipleWad, 18)}× its principal`,
    terms.maxRateWad === 0n ? undefined : `${percentWad(terms.maxRateWad)} a year (simple) over the bond's term`,
  ].filter((c): c is string => c !== undefined);
  return `at most ${caps.join(" and at most ")}`;
}

export function Classes(props: {
  pool: Address;
  token: Address;
  phase: Phase;
  commitmentsOpen: boolean;
  classes: readonly ClassView[];
  allowance: bigint | undefined;
  units: TokenUnits;
  tx: ReturnType<typeof useTransaction>;
}) {
  const { units, tx } = props;
  const account = useConnection().address;
  const fmt = (x: bigint) => formatTokens(x, units);
  const raiseOpen = props.phase === "Raising" && props.commitmentsOpen;
  return (
    <section aria-labelledby="classes-h">
      <h2 id="classes-h">Investor classes</h2>
      <p>
        Each point's payment goes down the classes in order: a class is repaid its principal, then its return up to its
        cap, before the next class gets anything; losses hit the most junior class first.
      </p>
      {props.classes.map((c) => {
        const id = `class-${c.index}`;
        const shares = (x: bigint) => `${tokenText(x, units.decimals)} ${c.terms.symbol}`;
        return (
          <article key={c.index} className="goal" aria-labelledby={`${id}-h`} data-testid={id}>
            <h3 id={`${id}-h`}>
              {c.terms.name} ({c.terms.symbol}), seniority {c.terms.seniority}
            </h3>
            <dl className="facts">
              <dt>Raised</dt>
              <dd data-testid={`${id}-raised`}>
                {fmt(c.raised)} of {fmt(c.terms.target)}
              </dd>
              <dt>Return cap</dt>
              <dd data-testid={`${id}-cap`}>{capWords(c.terms)}</dd>
              <dt>Distributed so far</dt>
              <dd data-testid={`${id}-distributed`}>{fmt(c.distributed)}</dd>
              {account !== undefined && (
                <>
                  <dt>Your shares</dt>
                  <dd data-testid={`${id}-my-shares`}>{shares(c.shares)}</dd>
                  <dt>You can claim</dt>
                  <dd data-testid={`${id}-claimable`}>{fmt(c.claimable)}</dd>
                </>
              )}
            </dl>
            <Bar label={`of ${c.terms.name}'s target raised`} value={c.raised} max={c.terms.target} />
            {account !== undefined && raiseOpen && c.raised < c.terms.target && (
              <AmountAction
                button={`Invest in ${c.terms.name}`}
                what={`invest in ${c.terms.name}`}
                step={`Invest in ${c.terms.name}`}
                call={(amount) => ({
                  address: props.pool,
                  abi: impactPoolAbi,
                  functionName: "investClass",
                  args: [BigInt(c.index), amount],
                  account,
                })}
                hint={`At most ${fmt(c.terms.target - c.raised)} more; you receive one ${c.terms.symbol} share per ${units.symbol}. Your wallet asks to approve exactly this amount first when the pool may not yet spend it.`}
                units={units}
                token={props.token}
                spender={props.pool}
                allowance={props.allowance}
                account={account}
                send={tx.send}
                busy={tx.busy}
              />
            )}
            {account !== undefined && (
              <div className="row">
                {c.claimable > 0n && (
                  <SendButton
                    send={tx.send}
                    busy={tx.busy}
                    step={`Claim from ${c.terms.name}`}
                    request={{ address: c.address, abi: poolShareClassAbi, functionName: "claim", account }}
                  >
                    Claim {fmt(c.claimable)} from {c.terms.name}
                  </SendButton>
                )}
                {props.phase === "Raise failed" && c.shares > 0n && (
                  <SendButton
                    send={tx.send}
                    busy={tx.busy}
                    step={`Withdraw from ${c.terms.name}`}
                    request={{ address: c.address, abi: poolShareClassAbi, functionName: "withdraw", account }}
                  >
                    Withdraw {fmt(c.shares)} from {c.terms.name}
                  </SendButton>
                )}
              </div>
            )}
          </article>
        );
      })}
    </section>
  );
}
