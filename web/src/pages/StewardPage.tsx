/**
 * The steward's page: write a mission's goal document (a JSON editor, the repo's examples one click away), checked
 * live by the CLI's own schema and rules with its content hash (`scripts/formats/mission-doc-rules.ts`), then create
 * the mission (`MissionRegistry.createMission`), and for a mission the connected account steers: activate it, amend
 * its goals with the edited document, set its committee on the oracle.
 */
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { Address } from "viem";
import { useBlock, useConfig, useConnection } from "wagmi";
import { readContract } from "wagmi/actions";
import { missionRegistryAbi } from "../abis";
import { ManageMission } from "../components/ManageMission";
import { TxStatus } from "../components/TxStatus";
import { useAppConfig } from "../context";
import { fetchStewardMissions, INDEXER_POLL_MS } from "../indexer";
import { checkDocument, EXAMPLES, goalArgs, type DocumentCheck } from "../missionDoc";
import { parseField } from "../fields";
import { hexAddress } from "../../../scripts/formats/primitives.js";
import { href, PageHeading } from "../router";
import { useTransaction } from "../tx";

export function StewardPage() {
  const account = useConnection().address;
  // Relative schedules ("+30d") resolve against the chain's latest block time, as the CLI resolves them.
  const block = useBlock({ watch: true });
  const now = block.data === undefined ? Math.floor(Date.now() / 1000) : Number(block.data.timestamp);
  const [text, setText] = useState("");
  const checked = text.trim() === "" ? undefined : checkDocument(text, now);
  const [selected, setSelected] = useState<bigint | undefined>(undefined);
  return (
    <>
      <PageHeading>Steward</PageHeading>
      <p>
        Write a mission's goal document, create the mission, then steer it: activate it, amend its goals, set the
        committee of evaluators that reports its metrics.
      </p>
      <DocumentEditor text={text} onChange={setText} checked={checked} />
      <CreateMission checked={checked} account={account} onCreated={setSelected} />
      {account !== undefined && <MyMissions account={account} selected={selected} onSelect={setSelected} />}
      {selected !== undefined && (
        <ManageMission key={selected.toString()} missionId={selected} account={account} checked={checked} />
      )}
    </>
  );
}

function DocumentEditor(props: { text: string; onChange: (text: string) => void; checked: DocumentCheck | undefined }) {
  const names = Object.keys(EXAMPLES).sort();
  const [example, setExample] = useState(names[0] ?? "");
  const ids = { example: useId(), doc: useId(), status: useId() };
  const { checked } = props;
  return (
    <section aria-labelledby="doc-h">
      <h2 id="doc-h">Mission document</h2>
      <div className="row end">
        <div>
          <label htmlFor={ids.example}>Example</label>
          <select id={ids.example} value={example} onChange={(e) => setExample(e.target.value)}>
            {names.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </div>
        <button type="button" onClick={() => props.onChange(EXAMPLES[example] ?? "")}>
          Load example
        </button>
      </div>
      <label htmlFor={ids.doc}>Mission document (JSON, schemas/mission.schema.json)</label>
      <textarea
        id={ids.doc}
        className="doc"
        rows={14}
        spellCheck={false}
        autoComplete="off"
        value={props.text}
        aria-describedby={ids.status}
        aria-invalid={checked?.ok === false}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <div id={ids.status} aria-live="polite" data-testid="doc-check">
        {checked === undefined && <p className="muted">Paste a document or load an example.</p>}
        {checked?.ok === false && <p className="error">{checked.error}</p>}
        {checked?.ok === true && (
          <p className="ok">
            Valid: {checked.mission.doc.hashtag}, {checked.mission.goals.length}{" "}
            {checked.mission.goals.length === 1 ? "goal" : "goals"}. Content hash{" "}
            <code className="address" data-testid="content-hash">
              {checked.mission.contentHash}
            </code>
          </p>
        )}
      </div>
    </section>
  );
}

function CreateMission(props: {
  checked: DocumentCheck | undefined;
  account: Address | undefined;
  onCreated: (missionId: bigint) => void;
}) {
  const { registry } = useAppConfig().contracts;
  const wagmi = useConfig();
  const { state, send, busy } = useTransaction();
  const [stewardText, setStewardText] = useState("");
  const [uriText, setUriText] = useState("");
  const [created, setCreated] = useState<{ id: bigint; hashtag: string } | undefined>(undefined);
  const ids = { steward: useId(), stewardHint: useId(), uri: useId() };
  const mission = props.checked?.ok === true ? props.checked.mission : undefined;
  // The CLI's defaults: the steward is the field, else the document's, else the sender; the URI the document's.
  const stewardSource = stewardText.trim() !== "" ? stewardText.trim() : (mission?.doc.steward ?? props.account);
  const steward = stewardSource === undefined ? undefined : parseField("steward", hexAddress, stewardSource);
  const uri = uriText.trim() !== "" ? uriText.trim() : (mission?.doc.metadata?.uri ?? "");

  async function create() {
    if (mission === undefined || props.account === undefined || steward?.ok !== true) return;
    const sent = await send("Create mission", {
      address: registry,
      abi: missionRegistryAbi,
      functionName: "createMission",
      args: [mission.doc.hashtag, steward.value, uri, mission.contentHash, goalArgs(mission.goals)],
      account: props.account,
    });
    if (!sent) return;
    const id = await readContract(wagmi, {
      address: registry,
      abi: missionRegistryAbi,
      functionName: "missionIdOf",
      args: [mission.doc.hashtag],
    });
    setCreated({ id, hashtag: mission.doc.hashtag });
    props.onCreated(id);
  }

  return (
    <section aria-labelledby="create-h">
      <h2 id="create-h">Create the mission</h2>
      {props.account === undefined && <p>Connect a wallet (top of the page) to create a mission.</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label htmlFor={ids.steward}>Steward address</label>
        <input
          id={ids.steward}
          autoComplete="off"
          value={stewardText}
          placeholder={mission?.doc.steward ?? props.account ?? "0x…"}
          aria-describedby={ids.stewardHint}
          aria-invalid={steward?.ok === false}
          onChange={(e) => setStewardText(e.target.value)}
        />
        <p id={ids.stewardHint} className={steward?.ok === false ? "error" : "muted"}>
          {steward?.ok === false ? steward.error : "Empty: the document's steward, else your account."}
        </p>
        <label htmlFor={ids.uri}>Metadata URI</label>
        <input
          id={ids.uri}
          autoComplete="off"
          value={uriText}
          placeholder={mission?.doc.metadata?.uri ?? "ipfs://…"}
          onChange={(e) => setUriText(e.target.value)}
        />
        <button
          type="submit"
          disabled={busy || props.account === undefined || mission === undefined || steward?.ok !== true}
        >
          Create mission
        </button>
      </form>
      <TxStatus state={state} />
      {created !== undefined && (
        <p data-testid="created">
          Mission {created.id.toString()} <a href={href.mission(created.id)}>{created.hashtag}</a> is created, in Draft.
        </p>
      )}
    </section>
  );
}

/** The missions the account steers (from the indexer), to pick the one to manage. */
function MyMissions(props: { account: Address; selected: bigint | undefined; onSelect: (id: bigint) => void }) {
  const config = useAppConfig();
  const id = useId();
  const mine = useQuery({
    queryKey: ["steward-missions", props.account],
    queryFn: () => fetchStewardMissions(config.indexerUrl, props.account),
    refetchInterval: INDEXER_POLL_MS,
  });
  const ids = (mine.data ?? []).map((m) => m.missionId);
  if (props.selected !== undefined && !ids.includes(props.selected)) ids.unshift(props.selected);
  return (
    <section aria-labelledby="mine-h">
      <h2 id="mine-h">Your missions</h2>
      {mine.isError && <p className="error">{mine.error.message}</p>}
      {ids.length === 0 ? (
        <p>{mine.isPending ? "Loading your missions…" : "You steer no mission yet."}</p>
      ) : (
        <>
          <label htmlFor={id}>Mission to manage</label>
          <select
            id={id}
            value={props.selected?.toString() ?? ""}
            onChange={(e) => e.target.value !== "" && props.onSelect(BigInt(e.target.value))}
          >
            {props.selected === undefined && <option value="">Pick a mission</option>}
            {ids.map((missionId) => {
              const row = mine.data?.find((m) => m.missionId === missionId);
              return (
                <option key={missionId.toString()} value={missionId.toString()}>
                  {missionId.toString()}
                  {row === undefined ? "" : ` #${row.hashtag} (${row.status})`}
                </option>
              );
            })}
          </select>
        </>
      )}
    </section>
  );
}
