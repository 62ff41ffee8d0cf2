/** Missions: every mission the indexer knows, searchable by #hashtag, each with its money at a glance. */
import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useId, useState } from "react";
import { useAppConfig } from "../context";
import { fetchMissions, INDEXER_POLL_MS } from "../indexer";
import { href, PageHeading } from "../router";

export function MissionsPage() {
  const config = useAppConfig();
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search);
  const missions = useQuery({
    queryKey: ["missions", deferred],
    queryFn: () => fetchMissions(config.indexerUrl, deferred),
    refetchInterval: INDEXER_POLL_MS,
  });
  const searchId = useId();
  return (
    <>
      <PageHeading>Missions</PageHeading>
      <p>Shared social missions with measured goals. Money in their escrows pays only for verified results.</p>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={searchId}>Search by #hashtag</label>
        <input
          id={searchId}
          type="search"
          value={search}
          placeholder="#ReadingForAll"
          autoComplete="off"
          onChange={(e) => setSearch(e.target.value)}
        />
      </form>
      {missions.isPending && <p aria-live="polite">Loading missions…</p>}
      {missions.isError && (
        <p role="alert" className="error">
          {missions.error.message}
        </p>
      )}
      {missions.data !== undefined && (
        <>
          <p aria-live="polite" className="muted">
            {missions.data.length === 1 ? "1 mission" : `${missions.data.length} missions`}
            {deferred.trim() === "" ? "" : ` matching “${deferred.trim()}”`}
          </p>
          <ul className="cards" aria-label="Missions">
            {missions.data.map((m) => (
              <li key={m.missionId.toString()} className="card">
                <h2>
                  <a href={href.mission(m.missionId)}>#{m.hashtag}</a>
                </h2>
                <dl className="facts">
                  <dt>Status</dt>
                  <dd>{m.status}</dd>
                  <dt>Participants</dt>
                  <dd>{m.participantCount}</dd>
                  <dt>Escrows</dt>
                  <dd>{m.escrowCount}</dd>
                  <dt>Pledges</dt>
                  <dd>{m.pledgeCount}</dd>
                </dl>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
