/**
 * The slots the connected account must report (it sits on their committee; the period ended; the reporting window
 * is open), each with its deadline and live status, and the report form: the value in the goal's decimals and the
 * evidence, signed in the wallet as the oracle's EIP-712 report (`eth_signTypedData_v4`, typed data from the one
 * builder the CLI's `oracle:sign` uses, scripts/formats/signed-reports.ts), then sent (`reportSigned`) or saved as
 * the signed-reports file `oracle:relay` and the relayer view accept.
 */
import { useEffect, useId, useRef, useState } from "react";
import type { Address } from "viem";
import { useConfig } from "wagmi";
import { readContract, signTypedData } from "wagmi/actions";
import { textHash } from "../../../scripts/formats/content-hash.js";
import {
  firstFreeNonce,
  reportTypedData,
  signedFileText,
  type SignedReport,
} from "../../../scripts/formats/signed-reports.js";
import { metricOracleAbi } from "../abis";
import { TxStatus } from "../components/TxStatus";
import { useAppConfig } from "../context";
import { isoTime, tokenText } from "../format";
import { revertSentence } from "../revert";
import { useTransaction } from "../tx";
import { useLiveSlots, type LiveSlot } from "./chain";
import { slotName, type EvaluatorData, type ReportableSlot } from "./data";
import { MetricField, metricValue } from "./MetricField";

const ZERO_HASH = `0x${"0".repeat(64)}` as const;

export function ReportSlots(props: { data: EvaluatorData; slots: ReportableSlot[]; later: number; account: Address }) {
  const { data, slots, account } = props;
  const live = useLiveSlots(slots, account);
  const [picked, setPicked] = useState<number | undefined>(undefined);
  const chosen = picked === undefined ? undefined : slots[picked];
  return (
    <section aria-labelledby="report-h">
      <h2 id="report-h">Slots to report ({slots.length})</h2>
      {slots.length === 0 ? (
        <p>No slot waits for your report: you sit on no committee, or no period of theirs has ended.</p>
      ) : (
        <div className="scroll" role="region" aria-label="Slots to report" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Slot</th>
                <th scope="col">Report by</th>
                <th scope="col">Status</th>
                <th scope="col">Your report</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {slots.map((s, i) => {
                const l = live[i];
                const name = slotName(data, s);
                return (
                  <tr
                    key={`${s.missionId}-${s.version}-${s.goalId}-${s.period}`}
                    data-testid={`slot-${s.goalId}-${s.period}`}
                  >
                    <th scope="row">
                      {name} <span className="muted">({s.metricKey})</span>
                    </th>
                    <td>{isoTime(s.reportingDeadline)}</td>
                    <td data-testid="slot-status">{l === undefined ? "…" : liveStatus(l, s.decimals)}</td>
                    <td data-testid="slot-mine">{l?.mine === undefined ? "not yet" : tokenText(l.mine, s.decimals)}</td>
                    <td>
                      {l !== undefined && l.mine === undefined && canReport(l.status) && (
                        <button type="button" onClick={() => setPicked(i)} aria-label={`Report ${name}`}>
                          Report
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {props.later > 0 && (
        <p className="muted">
          {props.later} more {props.later === 1 ? "period opens" : "periods open"} for reports once they end.
        </p>
      )}
      {chosen !== undefined && <ReportForm key={picked} data={data} slot={chosen} account={account} />}
    </section>
  );
}

const canReport = (status: string) => status === "None" || status === "Collecting" || status === "Proposed";

/** A slot's live status in words: reports toward the quorum, the value proposed, disputed, final. */
export function liveStatus(l: LiveSlot, decimals: number): string {
  switch (l.status) {
    case "None":
      return "no report yet";
    case "Collecting":
      return `${l.reportCount} of ${l.quorum} reports`;
    case "Proposed":
      return `${tokenText(l.value, decimals)} proposed until ${isoTime(l.challengeEnd)}`;
    case "Disputed":
      return `${tokenText(l.value, decimals)} disputed`;
    case "Final":
      return `final: ${tokenText(l.value, decimals)}`;
    default:
      return l.status.toLowerCase();
  }
}

function ReportForm(props: { data: EvaluatorData; slot: ReportableSlot; account: Address }) {
  const { slot, account } = props;
  const config = useAppConfig();
  const wagmi = useConfig();
  const { state: tx, send, busy } = useTransaction({ metricDecimals: slot.decimals });
  const [valueText, setValueText] = useState("");
  const [evidence, setEvidence] = useState("");
  const [signing, setSigning] = useState<string>("");
  const evidenceId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const value = metricValue(valueText, slot.decimals);
  const name = slotName(props.data, slot);

  /** Asks the wallet to sign the report (the oracle's first free nonce, valid to the reporting deadline). */
  async function sign(): Promise<SignedReport | undefined> {
    if (value === undefined) return undefined;
    try {
      setSigning("Sign: confirm in your wallet…");
      const nonce = await firstFreeNonce((wordPos) =>
        readContract(wagmi, {
          address: config.contracts.oracle,
          abi: metricOracleAbi,
          functionName: "nonceBitmap",
          args: [account, wordPos],
        }),
      );
      const report = {
        missionId: slot.missionId,
        version: slot.version,
        goalId: slot.goalId,
        period: slot.period,
        value,
        evidenceHash: evidence.trim() === "" ? ZERO_HASH : textHash(evidence.trim()),
      };
      const domain = { chainId: BigInt(config.chain.id), oracle: config.contracts.oracle };
      const typed = reportTypedData(domain, report, account, nonce, slot.reportingDeadline);
      const signature = await signTypedData(wagmi, { account, ...typed });
      setSigning(`Signed with nonce ${nonce}.`);
      return { report, reporter: account, nonce, deadline: slot.reportingDeadline, signature };
    } catch (err) {
      setSigning(`Sign failed: ${revertSentence(err)}`);
      return undefined;
    }
  }

  async function submit() {
    const signed = await sign();
    if (signed === undefined) return;
    await send("Submit report", {
      address: config.contracts.oracle,
      abi: metricOracleAbi,
      functionName: "reportSigned",
      args: [signed],
      account,
    });
  }

  async function download() {
    const signed = await sign();
    if (signed === undefined) return;
    const file = signedFileText({
      chainId: BigInt(config.chain.id),
      oracle: config.contracts.oracle,
      reports: [signed],
    });
    const name = `report-m${slot.missionId}-g${slot.goalId}-p${slot.period}-n${signed.nonce}.json`;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([file], { type: "application/json" }));
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000); // once the browser has read it
    setSigning(
      `Saved ${name}: anyone can relay it (the relayer view below, or oracle:relay --file) until ${isoTime(signed.deadline)}.`,
    );
  }

  return (
    <form className="fund" onSubmit={(e) => (e.preventDefault(), void submit())} aria-labelledby="report-form-h">
      <h3 id="report-form-h" ref={heading} tabIndex={-1}>
        Report {name}
      </h3>
      <MetricField
        label="Value"
        decimals={slot.decimals}
        text={valueText}
        onChange={setValueText}
        hint={`The oracle stores it as an integer with the goal's ${slot.decimals} decimals.`}
      />
      <label htmlFor={evidenceId}>Evidence (a link or a description; its keccak256 is signed)</label>
      <textarea id={evidenceId} rows={2} value={evidence} onChange={(e) => setEvidence(e.target.value)} />
      <div className="row">
        <button type="submit" disabled={busy || value === undefined}>
          Sign and submit
        </button>
        <button type="button" disabled={busy || value === undefined} onClick={() => void download()}>
          Sign and download
        </button>
      </div>
      <p aria-live="polite" data-testid="sign-status" className={signing.startsWith("Sign failed") ? "error" : ""}>
        {signing}
      </p>
      <TxStatus state={tx} />
    </form>
  );
}
