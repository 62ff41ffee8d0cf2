/**
 * An outcome escrow: its terms in plain words, how far it is funded, and what the connected account can do — fund
 * (approve, then deposit; or, when the token takes EIP-2612 permits, one signed permit and `depositWithPermit`), claim, get a refund, settle. Balances, allowance, deposit, claimable and refundable are
 * read live from the chain; every failure is the revert decoder's sentence.
 */
import { lazy, Suspense, useId } from "react";
import type { Address } from "viem";
import { useQuery } from "@tanstack/react-query";
import { useBlock, useConfig, useConnection, usePublicClient, useReadContract, useReadContracts } from "wagmi";
import { curveText } from "../../../scripts/core/curve-text";
import { erc20Abi, missionRegistryAbi, outcomeEscrowAbi, scheduledEscrowAbi } from "../abis";
import { AmountAction } from "../components/AmountAction";
import { SendButton } from "../components/SendButton";
import { TxStatus } from "../components/TxStatus";
import { useAppConfig } from "../context";
import { formatTokens, isoTime, percentWad, shortAddress, type TokenUnits } from "../format";
import { usePermitDomain } from "../permit";
import { revertSentence } from "../revert";
import { href, PageHeading } from "../router";
import { useTokenUnits } from "../token";
import { useTransaction } from "../tx";

const STATUS = ["Open", "Achieved", "Refunding"] as const;

/** A scheduled escrow's page is a chunk of its own (its point proofs need keccak and the settlement mirror). */
const ScheduledEscrowPage = lazy(() =>
  import("./ScheduledEscrowPage").then((m) => ({ default: m.ScheduledEscrowPage })),
);

/** The escrow at `address`: a scheduled escrow (it answers `header()`) or a one-settlement outcome escrow. */
export function EscrowPage({ address }: { address: Address }) {
  const client = usePublicClient();
  // A boolean with data from the first answer on, so a refresh after a transaction never unmounts the page (an
  // errored query without data would go back to pending); what else fails, the outcome escrow's page says.
  const scheduled = useQuery({
    queryKey: ["escrow-kind", address],
    queryFn: async () => {
      if (client === undefined) throw new Error("no chain client");
      return client.readContract({ address, abi: scheduledEscrowAbi, functionName: "header" }).then(
        () => true,
        () => false,
      );
    },
    enabled: client !== undefined,
    staleTime: Infinity,
  });
  if (scheduled.data === undefined) return <p aria-live="polite">Reading escrow {address} from the chain…</p>;
  if (scheduled.data) {
    return (
      <Suspense fallback={<p aria-live="polite">Loading the scheduled escrow's page…</p>}>
        <ScheduledEscrowPage address={address} />
      </Suspense>
    );
  }
  return <OutcomeEscrowPage address={address} />;
}

function OutcomeEscrowPage({ address }: { address: Address }) {
  const escrow = useReadContracts({
    allowFailure: false,
    contracts: [
      { address, abi: outcomeEscrowAbi, functionName: "terms" },
      { address, abi: outcomeEscrowAbi, functionName: "totals" },
      { address, abi: outcomeEscrowAbi, functionName: "status" },
    ],
  });
  const token = escrow.data?.[0].token;
  const units = useTokenUnits(token);
  if (escrow.isPending) return <p aria-live="polite">Reading escrow {address} from the chain…</p>;
  if (escrow.isError) {
    return (
      <>
        <PageHeading>Escrow {shortAddress(address)}</PageHeading>
        <p role="alert" className="error">
          This address is not an escrow of the suite on this network ({revertSentence(escrow.error)}).
        </p>
      </>
    );
  }
  const [terms, [totalDeposited, beneficiaryPot, refundPot, compositeWad], statusCode] = escrow.data;
  const status = STATUS[statusCode] ?? `status ${statusCode}`;
  return (
    <>
      <p className="crumbs">
        <a href={href.missions()}>Missions</a> ›{" "}
        <a href={href.mission(terms.missionId)}>mission {terms.missionId.toString()}</a> › escrow
      </p>
      <PageHeading>Outcome escrow {shortAddress(address)}</PageHeading>
      <p className="muted">
        <span className="visually-hidden">Full address: </span>
        <code className="address">{address}</code>
      </p>
      {units === undefined ? (
        <p>Reading the token…</p>
      ) : (
        <>
          <Funding
            total={totalDeposited}
            minFunding={terms.minFunding}
            units={units}
            status={status}
            beneficiaryPot={beneficiaryPot}
            refundPot={refundPot}
            compositeWad={compositeWad}
          />
          <Terms terms={terms} units={units} />
          <Actions
            address={address}
            token={terms.token}
            units={units}
            status={status}
            fundingDeadline={terms.fundingDeadline}
          />
        </>
      )}
    </>
  );
}

function Funding(props: {
  total: bigint;
  minFunding: bigint;
  units: TokenUnits;
  status: string;
  beneficiaryPot: bigint;
  refundPot: bigint;
  compositeWad: bigint;
}) {
  const barId = useId();
  const { total, minFunding, units } = props;
  // The bar's scale: the minimum funding, or the total itself when there is none (a full bar).
  const scale = minFunding > 0n ? minFunding : total > 0n ? total : 1n;
  const percent = Number(((total > scale ? scale : total) * 10_000n) / scale) / 100;
  return (
    <section aria-labelledby="funding-h">
      <h2 id="funding-h">Funding</h2>
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="escrow-status">{props.status}</dd>
        <dt>Deposited in total</dt>
        <dd data-testid="escrow-total">{formatTokens(total, units)}</dd>
        <dt>Minimum funding</dt>
        <dd>{minFunding > 0n ? formatTokens(minFunding, units) : "none"}</dd>
        {props.status !== "Open" && (
          <>
            <dt>Achievement</dt>
            <dd>{percentWad(props.compositeWad)}</dd>
            <dt>For the providers</dt>
            <dd>{formatTokens(props.beneficiaryPot, units)}</dd>
            <dt>Back to funders</dt>
            <dd>{formatTokens(props.refundPot, units)}</dd>
          </>
        )}
      </dl>
      <label htmlFor={barId}>
        {minFunding > 0n ? `${percent} % of the minimum funding` : "No minimum: every deposit counts"}
      </label>
      <progress id={barId} max={100} value={percent}>
        {percent} %
      </progress>
    </section>
  );
}

type EscrowTerms = {
  missionId: bigint;
  fundingDeadline: number;
  minFunding: bigint;
  settlementDeadline: number;
  gracePeriod: number;
  outcomes: readonly {
    missionId: bigint;
    goalId: number;
    period: number;
    weightWad: bigint;
    curve: Parameters<typeof curveText>[0];
  }[];
  beneficiaries: readonly { account: Address; weight: bigint }[];
};

function Terms({ terms, units }: { terms: EscrowTerms; units: TokenUnits }) {
  const { registry } = useAppConfig().contracts;
  const goals = useReadContracts({
    allowFailure: false,
    contracts: terms.outcomes.map((o) => ({
      address: registry,
      abi: missionRegistryAbi,
      functionName: "getGoal" as const,
      args: [o.missionId, o.goalId] as const,
    })),
  });
  const totalWeight = terms.beneficiaries.reduce((sum, b) => sum + b.weight, 0n);
  const noDataAfter = terms.settlementDeadline + terms.gracePeriod;
  return (
    <section aria-labelledby="terms-h">
      <h2 id="terms-h">Terms in plain words</h2>
      <p>
        Deposits are accepted until <strong>{isoTime(terms.fundingDeadline)}</strong>. Once the results are final, the
        providers below are paid the share of the money that the results earned; the rest goes back to the funders in
        proportion to what each deposited.
      </p>
      <h3>Who is paid</h3>
      <ul>
        {terms.beneficiaries.map((b) => (
          <li key={b.account}>
            <span title={b.account}>{shortAddress(b.account)}</span>: {b.weight.toString()} of {totalWeight.toString()}{" "}
            parts of the providers’ pot
          </li>
        ))}
      </ul>
      <h3>For what</h3>
      <ul>
        {terms.outcomes.map((o, i) => {
          const decimals = goals.data?.[i]?.decimals;
          return (
            <li key={i}>
              {percentWad(o.weightWad)} of the money on mission {o.missionId.toString()} goal {o.goalId} in period{" "}
              {o.period}, by this rule: {curveText(o.curve, decimals)}
              {o.curve.lowerIsBetter ? " (lower is better)" : ""}.
            </li>
          );
        })}
      </ul>
      <h3>When everyone gets their money back</h3>
      <ul>
        {terms.minFunding > 0n && <li>If less than {formatTokens(terms.minFunding, units)} was deposited.</li>}
        <li>If the results are not final by {isoTime(noDataAfter)}.</li>
      </ul>
    </section>
  );
}

function Actions(props: {
  address: Address;
  token: Address;
  units: TokenUnits;
  status: string;
  fundingDeadline: number;
}) {
  const { address: escrow, token, units } = props;
  const connection = useConnection();
  const account = connection.address;
  const block = useBlock({ watch: true });
  const reads = useReadContracts({
    allowFailure: false,
    contracts:
      account === undefined
        ? []
        : [
            { address: token, abi: erc20Abi, functionName: "balanceOf", args: [account] },
            { address: token, abi: erc20Abi, functionName: "allowance", args: [account, escrow] },
            { address: escrow, abi: outcomeEscrowAbi, functionName: "depositOf", args: [account] },
            { address: escrow, abi: outcomeEscrowAbi, functionName: "claimable", args: [account] },
            { address: escrow, abi: outcomeEscrowAbi, functionName: "refundable", args: [account] },
          ],
    query: { enabled: account !== undefined },
  });
  const committee = useReadContract({ address: escrow, abi: outcomeEscrowAbi, functionName: "committeeVersion" });
  const permit = usePermitDomain(token, account);
  const permitDomain = permit.data ?? undefined;
  const wagmi = useConfig();
  const { state: tx, send, busy } = useTransaction({ contract: "OutcomeEscrow", token: units });
  /** What every transaction button and form of this section shares. */
  const sendable = { send, busy };

  if (account === undefined) {
    return (
      <section aria-labelledby="act-h">
        <h2 id="act-h">Your part</h2>
        <p>Connect a wallet (top of the page) to fund this escrow, claim or get a refund.</p>
      </section>
    );
  }

  const [balance, allowance, deposited, claimable, refundable] = reads.data ?? [];
  const fundingOpen =
    props.status === "Open" && (block.data === undefined || block.data.timestamp <= BigInt(props.fundingDeadline));

  return (
    <section aria-labelledby="act-h">
      <h2 id="act-h">Your part</h2>
      <dl className="facts">
        <dt>Your {units.symbol} balance</dt>
        <dd data-testid="my-balance">{balance === undefined ? "…" : formatTokens(balance, units)}</dd>
        <dt>Allowed to this escrow</dt>
        <dd>{allowance === undefined ? "…" : formatTokens(allowance, units)}</dd>
        <dt>Your deposit</dt>
        <dd data-testid="my-deposit">{deposited === undefined ? "…" : formatTokens(deposited, units)}</dd>
        <dt>You can claim</dt>
        <dd>{claimable === undefined ? "…" : formatTokens(claimable, units)}</dd>
        <dt>You can get back</dt>
        <dd>{refundable === undefined ? "…" : formatTokens(refundable, units)}</dd>
      </dl>
      {props.status === "Open" && (
        <AmountAction
          button="Fund"
          what="deposit"
          step="Deposit"
          call={(amount) => ({
            address: escrow,
            abi: outcomeEscrowAbi,
            functionName: "deposit",
            args: [amount],
            account,
          })}
          hint={`Funding ${fundingOpen ? "closes" : "closed"} ${isoTime(props.fundingDeadline)}. Fund: your wallet asks to approve the amount first when this escrow may not yet spend it, then to deposit.${permitDomain === undefined ? "" : ` Sign permit and deposit: your wallet asks for one signature (a permit of exactly this amount, valid for an hour) and sends one transaction.`}${permit.data === null ? ` ${units.symbol} takes no permit signature (EIP-2612), so funding needs the approval.` : ""}`}
          alternative={
            permitDomain === undefined
              ? undefined
              : {
                  button: "Sign permit and deposit",
                  run: (amount) =>
                    send("Sign permit and deposit", async () => {
                      const { signPermit } = await import("../permit-sign");
                      const permit = { domain: permitDomain, token, owner: account, spender: escrow, value: amount };
                      const { deadline, v, r, s } = await signPermit(wagmi, permit);
                      return {
                        address: escrow,
                        abi: outcomeEscrowAbi,
                        functionName: "depositWithPermit",
                        args: [amount, deadline, v, r, s],
                        account,
                      };
                    }),
                }
          }
          units={units}
          token={token}
          spender={escrow}
          allowance={allowance}
          account={account}
          {...sendable}
        />
      )}
      <div className="row">
        {claimable !== undefined && claimable > 0n && (
          <SendButton
            {...sendable}
            step="Claim"
            request={{ address: escrow, abi: outcomeEscrowAbi, functionName: "claim", account }}
          >
            Claim {formatTokens(claimable, units)}
          </SendButton>
        )}
        {refundable !== undefined && refundable > 0n && (
          <SendButton
            {...sendable}
            step="Refund"
            request={{ address: escrow, abi: outcomeEscrowAbi, functionName: "refund", account }}
          >
            Get {formatTokens(refundable, units)} back
          </SendButton>
        )}
        {props.status === "Open" && !fundingOpen && (
          <SendButton
            {...sendable}
            step="Settle"
            request={{ address: escrow, abi: outcomeEscrowAbi, functionName: "settle", account }}
          >
            Settle
          </SendButton>
        )}
      </div>
      <TxStatus state={tx} />
      {committee.data !== undefined && (
        <p className="muted">Results come from the mission's evaluator committee (version {committee.data}).</p>
      )}
    </section>
  );
}
