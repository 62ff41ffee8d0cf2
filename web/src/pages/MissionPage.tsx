/**
 * A mission: its goals (baseline, target, direction, periods) from the registry on chain, each period's slot status
 * and value from the indexer (a chart per goal, and the same figures as a table), its escrows and pools, participants, pledges and endorsements.
 */
import { useQuery } from "@tanstack/react-query";
import { useReadContract, useReadContracts } from "wagmi";
import { missionRegistryAbi } from "../abis";
import { GoalChart, slotStatus, slotValue } from "../components/GoalChart";
import { JoinMission } from "../components/JoinMission";
import { VirtualList } from "../components/VirtualList";
import { useAppConfig } from "../context";
import { formatTokens, isoTime, shortAddress, tokenText } from "../format";
import { fetchMission, INDEXER_POLL_MS, type EscrowRow, type SlotRow } from "../indexer";
import { roleNames } from "../roles";
import { href, PageHeading } from "../router";
import { useTokenUnits } from "../token";

export function MissionPage({ missionId }: { missionId: bigint }) {
  const config = useAppConfig();
  const detail = useQuery({
    queryKey: ["mission", missionId.toString()],
    queryFn: () => fetchMission(config.indexerUrl, missionId),
    refetchInterval: INDEXER_POLL_MS,
  });
  if (detail.isPending) return <p aria-live="polite">Loading mission {missionId.toString()}…</p>;
  if (detail.isError) {
    return (
      <>
        <PageHeading>Mission {missionId.toString()}</PageHeading>
        <p role="alert" className="error">
          {detail.error.message}
        </p>
      </>
    );
  }
  const { mission, escrows, pools, slots, participants, pledges, endorsements } = detail.data;
  return (
    <>
      <p className="crumbs">
        <a href={href.missions()}>Missions</a> › mission {missionId.toString()}
      </p>
      <PageHeading>#{mission.hashtag}</PageHeading>
      <dl className="facts">
        <dt>Status</dt>
        <dd>{mission.status}</dd>
        <dt>Steward</dt>
        <dd title={mission.steward}>{shortAddress(mission.steward)}</dd>
        <dt>Participants</dt>
        <dd>{mission.participantCount}</dd>
      </dl>
      <JoinMission missionId={missionId} />
      <Goals missionId={missionId} slots={slots} />
      <section aria-labelledby="escrows-h">
        <h2 id="escrows-h">Escrows ({escrows.length})</h2>
        {escrows.length === 0 ? (
          <p>No escrow pays on this mission yet.</p>
        ) : (
          <ul className="cards">
            {escrows.map((e) => (
              <EscrowCard key={e.address} escrow={e} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="pools-h">
        <h2 id="pools-h">Impact pools ({pools.length})</h2>
        {pools.length === 0 ? (
          <p>No impact pool pays on this mission yet.</p>
        ) : (
          <ul>
            {pools.map((p) => (
              <li key={p.address}>
                <a href={href.pool(p.address)}>
                  {p.name} ({p.symbol})
                </a>{" "}
                — {p.phase}, <span title={p.address}>{shortAddress(p.address)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="participants-h">
        <h2 id="participants-h">Participants ({participants.length})</h2>
        <VirtualList
          label="Participants"
          items={participants}
          rowKey={(p) => p.account}
          row={(p) => (
            <>
              <span title={p.account}>{shortAddress(p.account)}</span> — {roleNames(p.roles)}
            </>
          )}
        />
      </section>
      <section aria-labelledby="pledges-h">
        <h2 id="pledges-h">Pledges ({pledges.length})</h2>
        {pledges.length === 0 ? (
          <p>No pledge yet.</p>
        ) : (
          <VirtualList
            label="Pledges"
            items={pledges}
            rowKey={(p) => `${p.account}-${p.pledgeIndex}`}
            row={(p) => (
              <>
                <span title={p.account}>{shortAddress(p.account)}</span>: pledge {p.pledgeIndex + 1}
                {p.uri === "" ? "" : <span className="uri"> — {p.uri}</span>}
              </>
            )}
          />
        )}
      </section>
      <section aria-labelledby="endorsements-h">
        <h2 id="endorsements-h">Endorsements ({endorsements.length})</h2>
        {endorsements.length === 0 ? (
          <p>No endorsement yet.</p>
        ) : (
          <VirtualList
            label="Endorsements"
            items={endorsements}
            rowKey={(e) => `${e.endorser}-${e.participant}`}
            row={(e) => (
              <>
                {shortAddress(e.endorser)} endorses {shortAddress(e.participant)}
              </>
            )}
          />
        )}
      </section>
    </>
  );
}

function EscrowCard({ escrow }: { escrow: EscrowRow }) {
  const units = useTokenUnits(escrow.token);
  return (
    <li className="card">
      <h3>
        <a href={href.escrow(escrow.address)} className="address">
          Escrow {escrow.address}
        </a>
      </h3>
      <dl className="facts">
        <dt>Status</dt>
        <dd>{escrow.status}</dd>
        <dt>Deposited</dt>
        <dd>{formatTokens(escrow.totalDeposited, units)}</dd>
        <dt>Funders</dt>
        <dd>{escrow.depositCount}</dd>
        <dt>Funding closes</dt>
        <dd>{isoTime(escrow.fundingDeadline)}</dd>
      </dl>
    </li>
  );
}

function Goals({ missionId, slots }: { missionId: bigint; slots: readonly SlotRow[] }) {
  const { registry } = useAppConfig().contracts;
  const mission = useReadContract({
    address: registry,
    abi: missionRegistryAbi,
    functionName: "getMission",
    args: [missionId],
  });
  const goalCount = mission.data?.goalCount ?? 0;
  const goals = useReadContracts({
    allowFailure: false,
    contracts: Array.from({ length: goalCount }, (_, goalId) => ({
      address: registry,
      abi: missionRegistryAbi,
      functionName: "getGoal" as const,
      args: [missionId, goalId] as const,
    })),
    query: { enabled: goalCount > 0 },
  });
  return (
    <section aria-labelledby="goals-h">
      <h2 id="goals-h">Goals</h2>
      {(mission.isPending || goals.isPending) && goalCount !== 0 && <p>Reading the goals from the chain…</p>}
      {mission.isError && <p className="error">Cannot read the mission from the chain: {mission.error.shortMessage}</p>}
      {goals.data?.map((g, goalId) => {
        const falling = g.target < g.baseline;
        const periods = Array.from({ length: g.periodCount }, (_, i) => i + 1);
        return (
          <article key={goalId} className="goal" aria-labelledby={`goal-${goalId}`}>
            <h3 id={`goal-${goalId}`}>Goal {goalId}</h3>
            <p>
              From <strong>{tokenText(g.baseline, g.decimals)}</strong> to{" "}
              <strong>{tokenText(g.target, g.decimals)}</strong> ({falling ? "lower is better" : "higher is better"}),
              over {g.periodCount} {g.periodCount === 1 ? "period" : "periods"} of {Math.round(g.periodLength / 86_400)}{" "}
              days; the first ends {isoTime(g.firstPeriodEnd)}.
            </p>
            <GoalChart goalId={goalId} goal={g} slots={slots} />
            <table>
              <caption className="visually-hidden">Goal {goalId}: each period's result</caption>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  <th scope="col">Ends</th>
                  <th scope="col">Status</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {periods.map((period) => {
                  const slot = slots.find((s) => s.goalId === goalId && s.period === period);
                  const value = slotValue(slot);
                  const end = BigInt(g.firstPeriodEnd) + BigInt(period - 1) * BigInt(g.periodLength);
                  return (
                    <tr key={period} data-testid={`goal-${goalId}-row-${period}`}>
                      <th scope="row">{period}</th>
                      <td>{isoTime(end)}</td>
                      <td>{slot === undefined ? "no report yet" : slotStatus(slot)}</td>
                      <td>{value === null ? "—" : tokenText(value, g.decimals)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </article>
        );
      })}
    </section>
  );
}
