/**
 * Pledge to a mission from its page (participants only): where the pledge is described (a URI) and its text, whose
 * keccak256 the registry records — the CLI's own hash rule (`scripts/formats/content-hash.ts`).
 */
import { useId, useState } from "react";
import type { Address } from "viem";
import { textHash } from "../../../scripts/formats/content-hash.js";
import { missionRegistryAbi } from "../abis";
import { useAppConfig } from "../context";
import { useTransaction } from "../tx";
import { TxStatus } from "./TxStatus";

export function PledgeForm({ missionId, account }: { missionId: bigint; account: Address }) {
  const { registry } = useAppConfig().contracts;
  const [uri, setUri] = useState("");
  const [text, setText] = useState("");
  const { state, send, busy } = useTransaction();
  const uriId = useId();
  const textId = useId();
  return (
    <form
      className="pledge"
      onSubmit={(e) => {
        e.preventDefault();
        void send("Pledge", {
          address: registry,
          abi: missionRegistryAbi,
          functionName: "pledge",
          args: [missionId, uri.trim(), textHash(text)],
          account,
        }).then((ok) => {
          if (ok) {
            setUri("");
            setText("");
          }
        });
      }}
    >
      <h3>Pledge</h3>
      <label htmlFor={uriId}>Where your pledge is described (a link)</label>
      <input id={uriId} type="url" value={uri} placeholder="ipfs://…" onChange={(e) => setUri(e.target.value)} />
      <label htmlFor={textId}>What you pledge</label>
      <textarea id={textId} value={text} rows={3} onChange={(e) => setText(e.target.value)} />
      <button type="submit" disabled={busy || text.trim() === ""}>
        Pledge
      </button>
      <TxStatus state={state} />
    </form>
  );
}
