/**
 * One mission, for its steward: its status and steward read from the registry on chain, then what the steward may do
 * — activate it while it is a Draft, amend its goals with the document in the editor (the same checks and hash as
 * `mission:amend`; the document must carry this mission's hashtag), set its committee. Anyone else sees why the
 * buttons are off.
 */
import { hexToString, type Address } from "viem";
import { useReadContract } from "wagmi";
import { missionRegistryAbi } from "../abis";
import { useAppConfig } from "../context";
import { shortAddress } from "../format";
import { goalArgs, normalHashtag, type DocumentCheck } from "../missionDoc";
import { href } from "../router";
import { useTransaction } from "../tx";
import { STATUS_NAMES } from "../../../scripts/formats/roles.js";
import { CommitteeForm } from "./CommitteeForm";
import { SendButton } from "./SendButton";
import { TxStatus } from "./TxStatus";

export function ManageMission(props: { missionId: bigint; account: Address | undefined; checked?: DocumentCheck }) {
  const { registry } = useAppConfig().contracts;
  const { missionId, account } = props;
  const { state, send, busy } = useTransaction();
  const mission = useReadContract({
    address: registry,
    abi: missionRegistryAbi,
    functionName: "getMission",
    args: [missionId],
  });
  if (mission.data === undefined) {
    return (
      <section aria-labelledby="manage-h">
        <h2 id="manage-h">Mission {missionId.toString()}</h2>
        {mission.isError ? (
          <p className="error">Cannot read the mission from the chain: {mission.error.shortMessage}</p>
        ) : (
          <p>Reading the mission from the chain…</p>
        )}
      </section>
    );
  }
  const { steward, status } = mission.data;
  const hashtag = hexToString(mission.data.hashtag, { size: 32 }).replace(/\0+$/, "");
  const statusName = STATUS_NAMES[status] ?? "None";
  const isSteward = account !== undefined && account.toLowerCase() === steward.toLowerCase();
  const doc = props.checked?.ok === true ? props.checked.mission : undefined;
  const ownDocument = doc !== undefined && normalHashtag(doc.doc.hashtag) === hashtag;
  const amendable = statusName === "Draft" || statusName === "Active";
  const amendHint = !amendable
    ? `A ${statusName} mission's goals cannot change.`
    : doc === undefined
      ? "Write a valid document above: its goals become the new version."
      : !ownDocument
        ? `The document's hashtag ${doc.doc.hashtag} is not this mission's (#${hashtag}).`
        : `New goal version from the document above (${doc.goals.length} ${doc.goals.length === 1 ? "goal" : "goals"}, hash ${doc.contentHash.slice(0, 10)}…).`;
  return (
    <section aria-labelledby="manage-h" data-testid="manage">
      <h2 id="manage-h">
        Mission {missionId.toString()} <a href={href.mission(missionId)}>#{hashtag}</a>
      </h2>
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="mission-status">{statusName}</dd>
        <dt>Steward</dt>
        <dd title={steward}>
          {shortAddress(steward)}
          {isSteward ? " (you)" : ""}
        </dd>
        <dt>Goal versions</dt>
        <dd data-testid="version-count">{mission.data.versionCount}</dd>
      </dl>
      {!isSteward && (
        <p>
          Only the steward, <span className="address">{steward}</span>, may activate this mission, amend its goals or
          set its committee{account === undefined ? ": connect its wallet." : "."}
        </p>
      )}
      <h3>Activate</h3>
      <p className="muted">Draft → Active: from then on the goals of every version are hard-wired.</p>
      <SendButton
        step="Activate"
        send={send}
        busy={busy || !isSteward || statusName !== "Draft"}
        request={{ address: registry, abi: missionRegistryAbi, functionName: "activate", args: [missionId], account }}
      >
        Activate
      </SendButton>
      <h3>Amend the goals</h3>
      <p className="muted" data-testid="amend-hint">
        {amendHint}
      </p>
      <button
        type="button"
        disabled={busy || !isSteward || !amendable || !ownDocument}
        onClick={() =>
          doc !== undefined &&
          void send("Amend goals", {
            address: registry,
            abi: missionRegistryAbi,
            functionName: "amendGoals",
            args: [missionId, doc.doc.metadata?.uri ?? "", doc.contentHash, goalArgs(doc.goals)],
            account,
          })
        }
      >
        Amend goals
      </button>
      <TxStatus state={state} />
      <CommitteeForm missionId={missionId} account={account} isSteward={isSteward} />
    </section>
  );
}
