/**
 * The evaluator console (`#/evaluate`): the slots the connected account must report as a committee member (sign the
 * EIP-712 report in the wallet, then send it or save it for a relayer), the relayer's view of signed-report files,
 * the proposed values anyone may dispute with a bond, and — for an arbiter only — the disputes to rule on. Lists come
 * from the indexer; every slot's state, balance and allowance is read live from the chain. Loaded lazily: the first
 * page does not download it.
 */
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useBlock, useConnection } from "wagmi";
import { useAppConfig } from "../context";
import { Arbitration, arbitrated } from "../evaluator/Arbitration";
import { fetchEvaluatorData, reportableSlots, type EvaluatorData } from "../evaluator/data";
import { Disputes } from "../evaluator/Disputes";
import { Relayer } from "../evaluator/Relayer";
import { ReportSlots } from "../evaluator/ReportSlots";
import { INDEXER_POLL_MS } from "../indexer";
import { PageHeading } from "../router";

export default function EvaluatePage() {
  const config = useAppConfig();
  const account = useConnection().address;
  const block = useBlock({ watch: true });
  const data = useQuery({
    queryKey: ["evaluator"],
    queryFn: () => fetchEvaluatorData(config.indexerUrl),
    refetchInterval: INDEXER_POLL_MS,
  });
  return (
    <>
      <PageHeading>Evaluator console</PageHeading>
      <p>
        Committee members report each goal's measured value once its period ends, by signing a report in their wallet.
        The quorum's median is proposed; anyone may dispute it with a bond during the challenge window, and the
        committee's arbiter rules on disputes.
      </p>
      {account === undefined ? (
        <p>Connect a wallet (top of the page) to report, relay, dispute or rule.</p>
      ) : data.isPending || block.data === undefined ? (
        <p aria-live="polite">Loading committees and slots…</p>
      ) : data.isError ? (
        <p role="alert" className="error">
          {data.error.message}
        </p>
      ) : (
        <Console data={data.data} account={account} now={block.data.timestamp} />
      )}
    </>
  );
}

function Console(props: { data: EvaluatorData; account: Address; now: bigint }) {
  const { open, later } = reportableSlots(props.data, props.account, props.now);
  const rulings = arbitrated(props.data, props.account);
  const arbiter = props.data.committees.some((c) => c.arbiter === props.account);
  return (
    <>
      <ReportSlots data={props.data} slots={open} later={later} account={props.account} />
      <Relayer data={props.data} account={props.account} />
      <Disputes data={props.data} account={props.account} />
      {arbiter && <Arbitration data={props.data} account={props.account} disputes={rulings} />}
    </>
  );
}
