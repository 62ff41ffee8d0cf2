/**
 * The relayer: anyone loads one or more signed-reports files (what "Sign and download" saves and `oracle:sign`
 * writes; checked with the shared zod schema and bound to this chain and this oracle), sees each report with the
 * oracle's answer to it alone (`reportSigned` simulated: a used nonce, an expired signature, a non-member… in the
 * revert decoder's sentence), and sends the acceptable ones in one transaction (`reportBatch`); afterwards each
 * report's `reportOf` says whether the oracle recorded it.
 */
import { useId, useState } from "react";
import type { Address } from "viem";
import { useConfig, useReadContracts } from "wagmi";
import { simulateContract } from "wagmi/actions";
import { signedFileSchema, toSignedFile, type SignedReport } from "../../../scripts/formats/signed-reports.js";
import { metricOracleAbi } from "../abis";
import { TxStatus } from "../components/TxStatus";
import { useAppConfig } from "../context";
import { isoTime, shortAddress, tokenText } from "../format";
import { revertSentence } from "../revert";
import { useTransaction } from "../tx";
import { goalOf, slotName, type EvaluatorData } from "./data";

interface Loaded {
  file: string;
  signed: SignedReport;
  /** Why the oracle would refuse it alone now; undefined when it would record it. */
  refusal: string | undefined;
}

export function Relayer({ data, account }: { data: EvaluatorData; account: Address }) {
  const config = useAppConfig();
  const wagmi = useConfig();
  const [loaded, setLoaded] = useState<Loaded[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const { state: tx, send, busy } = useTransaction();
  const inputId = useId();
  const hintId = useId();
  const oracle = config.contracts.oracle;
  const recorded = useReadContracts({
    allowFailure: false,
    contracts: loaded.map(({ signed: { report: r, reporter } }) => ({
      address: oracle,
      abi: metricOracleAbi,
      functionName: "reportOf" as const,
      args: [r.missionId, r.version, r.goalId, r.period, reporter] as const,
    })),
    query: { enabled: loaded.length > 0 },
  });

  async function refusalOf(signed: SignedReport): Promise<string | undefined> {
    try {
      await simulateContract(wagmi, {
        address: oracle,
        abi: metricOracleAbi,
        functionName: "reportSigned",
        args: [signed],
        account,
      });
      return undefined;
    } catch (err) {
      const goal = goalOf(data, signed.report);
      return revertSentence(err, goal === undefined ? {} : { metricDecimals: goal.decimals });
    }
  }

  async function load(files: FileList | null) {
    const found: Loaded[] = [];
    const wrong: string[] = [];
    for (const file of Array.from(files ?? [])) {
      let raw: unknown;
      try {
        raw = JSON.parse(await file.text());
      } catch {
        wrong.push(`${file.name}: not a JSON file`);
        continue;
      }
      const parsed = signedFileSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        wrong.push(`${file.name}: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
        continue;
      }
      const signed = toSignedFile(parsed.data);
      if (signed.chainId !== BigInt(config.chain.id) || signed.oracle !== oracle) {
        wrong.push(
          `${file.name}: signed for chain ${signed.chainId} and oracle ${signed.oracle}, not this app's chain ${config.chain.id} and oracle ${oracle}`,
        );
        continue;
      }
      for (const s of signed.reports) {
        const twice = found.some((f) => f.signed.reporter === s.reporter && f.signed.nonce === s.nonce);
        if (!twice) found.push({ file: file.name, signed: s, refusal: await refusalOf(s) });
      }
    }
    setLoaded(found);
    setProblems(wrong);
  }

  const ready = loaded.filter((l) => l.refusal === undefined).map((l) => l.signed);
  return (
    <section aria-labelledby="relay-h">
      <h2 id="relay-h">Relay signed reports</h2>
      <p>
        Anyone may send an evaluator's signed report: the signature, not the sender, says who reported. Your wallet pays
        the gas.
      </p>
      <label htmlFor={inputId}>Signed-report files (JSON, one or more)</label>
      <input
        id={inputId}
        type="file"
        accept="application/json,.json"
        multiple
        aria-describedby={hintId}
        onChange={(e) => void load(e.target.files)}
      />
      <p id={hintId} className="muted">
        Files saved by “Sign and download” or written by <code>oracle:sign</code>, for this chain and this oracle.
      </p>
      {problems.map((p) => (
        <p key={p} role="alert" className="error">
          {p}
        </p>
      ))}
      {loaded.length > 0 && (
        <div className="scroll" role="region" aria-label="Loaded reports" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Slot</th>
                <th scope="col">Value</th>
                <th scope="col">Reporter</th>
                <th scope="col">Valid until</th>
                <th scope="col">Oracle</th>
              </tr>
            </thead>
            <tbody>
              {loaded.map((l, i) => {
                const r = l.signed.report;
                const goal = goalOf(data, r);
                const done = recorded.data?.[i]?.[0] === true;
                return (
                  <tr key={`${l.signed.reporter}-${l.signed.nonce}`} data-testid={`relay-${i}`}>
                    <th scope="row">{slotName(data, r)}</th>
                    <td>{goal === undefined ? r.value.toString() : tokenText(r.value, goal.decimals)}</td>
                    <td title={l.signed.reporter}>{shortAddress(l.signed.reporter)}</td>
                    <td>{isoTime(l.signed.deadline)}</td>
                    <td data-testid="relay-state">
                      {done ? "recorded" : l.refusal === undefined ? "ready to send" : `refused: ${l.refusal}`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {loaded.length > 0 && (
        <button
          type="button"
          disabled={busy || ready.length === 0}
          onClick={() =>
            void send("Relay", {
              address: oracle,
              abi: metricOracleAbi,
              functionName: "reportBatch",
              args: [ready],
              account,
            }).then(async (ok) => {
              // Sent: what the oracle says of each report now (a recorded one's nonce is used).
              if (ok)
                setLoaded(await Promise.all(loaded.map(async (l) => ({ ...l, refusal: await refusalOf(l.signed) }))));
            })
          }
        >
          Send {ready.length} {ready.length === 1 ? "report" : "reports"} in one transaction
        </button>
      )}
      <TxStatus state={tx} />
    </section>
  );
}
