/**
 * Create an escrow or a pool from a terms file: load one (an example, a file from disk, or paste it) and edit it,
 * checked live by the CLI's own schema and conversion (web/src/create/terms.ts, one line naming the field); a chart
 * of each curve or rate card; a what-if preview — a result per slot in, what each point and term (or outcome) pays
 * out, through the settlement mirror; for a classed pool its capital structure in plain words; then the factory call
 * the CLI's `escrow:create` / `pool:create` makes (`createClassedPool` for a classed pool), from the wallet. A chunk of
 * its own, loaded when `#/create` opens.
 */
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { isAddress, parseEventLogs, type Abi, type Address } from "viem";
import { useBlock, useConnection, usePublicClient } from "wagmi";
import { z } from "zod";
import { impactPoolFactoryAbi, outcomeEscrowFactoryAbi, scheduledEscrowFactoryAbi } from "../abis";
import { CurveChart } from "../components/CurveChart";
import { TxStatus } from "../components/TxStatus";
import { useAppConfig } from "../context";
import { CapitalSummary } from "../create/CapitalSummary";
import { checkTerms, type TermsCheck, type TermsKind } from "../create/terms";
import { href, PageHeading } from "../router";
import { useTokenUnits } from "../token";
import { useTransaction } from "../tx";
import { WhatIf } from "../components/WhatIf";

/** The repo's example terms files, by kind and name, as written. */
const EXAMPLES: Record<TermsKind, Record<string, string>> = {
  escrow: examples(
    import.meta.glob<string>("../../../examples/escrows/*.json", { query: "?raw", import: "default", eager: true }),
  ),
  pool: examples(
    import.meta.glob<string>("../../../examples/pools/*.json", { query: "?raw", import: "default", eager: true }),
  ),
};
function examples(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([file, text]) => [file.replace(/^.*\//, ""), text]));
}

/** The factories' ABIs as plain `Abi`s: the struct goes in as the CLI builds it (bigints where viem takes numbers). */
const ESCROW_FACTORY: Abi = outcomeEscrowFactoryAbi;
const SCHEDULED_FACTORY: Abi = scheduledEscrowFactoryAbi;
const POOL_FACTORY: Abi = impactPoolFactoryAbi;

export default function CreatePage() {
  const [kind, setKind] = useState<TermsKind>("escrow");
  const [text, setText] = useState("");
  const [tokenText, setTokenText] = useState("");
  const block = useBlock({ watch: true });
  const now = block.data?.timestamp ?? BigInt(Math.floor(Date.now() / 1000));
  const typed = tokenText.trim();
  const token: Address | undefined = isAddress(typed) ? typed : undefined;
  const units = useTokenUnits(token);
  const decimals = units?.decimals ?? 18;
  const checked = text.trim() === "" ? undefined : checkTerms(kind, text, now, decimals, token);
  const ids = { kind: useId(), token: useId() };
  return (
    <>
      <PageHeading>Create an escrow or a pool</PageHeading>
      <p>
        Load or write a terms file, see each curve and what the terms pay for the results you try, then create the
        contract from your wallet — the same checks and the same call as <code>escrow:create</code> and{" "}
        <code>pool:create</code>.
      </p>
      <div className="row end">
        <div>
          <label htmlFor={ids.kind}>Contract</label>
          <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value === "pool" ? "pool" : "escrow")}>
            <option value="escrow">Escrow (schemas/escrow-terms.schema.json)</option>
            <option value="pool">Impact pool (schemas/pool-terms.schema.json)</option>
          </select>
        </div>
        <div>
          <label htmlFor={ids.token}>Token (ERC-20 address; replaces the file's)</label>
          <input
            id={ids.token}
            value={tokenText}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setTokenText(e.target.value)}
          />
        </div>
      </div>
      <p className="muted">
        {units === undefined
          ? "Amounts are read with 18 decimals until a token is given."
          : `Amounts in whole ${units.symbol} (${units.decimals} decimals).`}
      </p>
      <TermsEditor kind={kind} text={text} onChange={setText} checked={checked} />
      {checked?.ok === true && (
        <>
          <section aria-labelledby="curves-h">
            <h2 id="curves-h">Curves</h2>
            <div className="charts">
              {checked.charts.map((c, i) => (
                <CurveChart key={i} chart={c} units={units ?? { decimals, symbol: "tokens" }} />
              ))}
            </div>
          </section>
          <WhatIf checked={checked} units={units ?? { decimals, symbol: "tokens" }} />
          {checked.created.contract === "classedPool" && (
            <CapitalSummary capital={checked.created.capital} units={units ?? { decimals, symbol: "tokens" }} />
          )}
          <Create checked={checked} />
        </>
      )}
    </>
  );
}

function TermsEditor(props: {
  kind: TermsKind;
  text: string;
  onChange: (text: string) => void;
  checked: TermsCheck | undefined;
}) {
  const names = Object.keys(EXAMPLES[props.kind]).sort();
  const [example, setExample] = useState("");
  const chosen = names.includes(example) ? example : (names[0] ?? "");
  const ids = { example: useId(), file: useId(), text: useId(), status: useId() };
  const { checked } = props;
  return (
    <section aria-labelledby="terms-h">
      <h2 id="terms-h">Terms file</h2>
      <div className="row end">
        <div>
          <label htmlFor={ids.example}>Example</label>
          <select id={ids.example} value={chosen} onChange={(e) => setExample(e.target.value)}>
            {names.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </div>
        <button type="button" onClick={() => props.onChange(EXAMPLES[props.kind][chosen] ?? "")}>
          Load example
        </button>
        <div>
          <label htmlFor={ids.file}>Or a file from your computer</label>
          <input
            id={ids.file}
            type="file"
            accept="application/json,.json"
            onChange={(e) => void e.target.files?.[0]?.text().then(props.onChange)}
          />
        </div>
      </div>
      <label htmlFor={ids.text}>Terms file (JSON)</label>
      <textarea
        id={ids.text}
        className="doc"
        rows={16}
        spellCheck={false}
        value={props.text}
        aria-describedby={ids.status}
        aria-invalid={checked?.ok === false}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <p
        id={ids.status}
        data-testid="terms-check"
        aria-live="polite"
        className={checked?.ok === false ? "error" : "muted"}
      >
        {checked === undefined
          ? "Paste, load or write a terms file."
          : checked.ok
            ? `Valid: ${describe(checked)}.`
            : checked.error}
      </p>
    </section>
  );
}

function describe(checked: Extract<TermsCheck, { ok: true }>): string {
  const c = checked.created;
  switch (c.contract) {
    case "scheduledEscrow":
      return `a scheduled escrow on mission ${c.terms.missionId}, ${c.terms.paymentSchedule.points.length} points`;
    case "escrow":
      return `an escrow on mission ${c.terms.missionId}, ${c.terms.outcomes.length} outcomes`;
    case "scheduledPool":
      return `a scheduled pool "${c.terms.name}", ${c.terms.paymentSchedule.points.length} points`;
    case "pool":
      return `a pool "${c.terms.name}", ${c.terms.basket.length} outcomes in its basket`;
    case "classedPool":
      return `a classed pool "${c.terms.name}", ${c.capital.classes.length} investor classes, ${c.terms.paymentSchedule.points.length} points`;
  }
}

function Create({ checked }: { checked: Extract<TermsCheck, { ok: true }> }) {
  const { contracts } = useAppConfig();
  const account = useConnection().address;
  const { state: tx, send, busy } = useTransaction();
  const c = checked.created;
  const pool = { factory: contracts.poolFactory, abi: POOL_FACTORY };
  const target =
    c.contract === "scheduledEscrow"
      ? {
          factory: contracts.scheduledEscrowFactory,
          abi: SCHEDULED_FACTORY,
          fn: "createEscrow",
          args: [c.terms],
          what: "scheduled escrow",
        }
      : c.contract === "escrow"
        ? { factory: contracts.escrowFactory, abi: ESCROW_FACTORY, fn: "createEscrow", args: [c.terms], what: "escrow" }
        : c.contract === "pool"
          ? { ...pool, fn: "createPool", args: [c.terms], what: "pool" }
          : c.contract === "scheduledPool"
            ? { ...pool, fn: "createScheduledPool", args: [c.terms], what: "scheduled pool" }
            : { ...pool, fn: "createClassedPool", args: [c.terms, c.capital], what: "classed pool" };
  const factory = target.factory;
  return (
    <section aria-labelledby="create-h">
      <h2 id="create-h">Create</h2>
      {account === undefined ? (
        <p>Connect a wallet (top of the page) to create the {target.what}.</p>
      ) : factory === undefined ? (
        <p>This network's configuration names no factory for a {target.what}.</p>
      ) : (
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void send(`Create ${target.what}`, {
              address: factory,
              abi: target.abi,
              functionName: target.fn,
              args: target.args,
              account,
            })
          }
        >
          Create {target.what}
        </button>
      )}
      <TxStatus state={tx} />
      {tx.phase === "confirmed" && <CreatedLink hash={tx.hash} abi={target.abi} />}
    </section>
  );
}

/** The contract a confirmed creation made, from its receipt's creation event, as a link to its page. */
function CreatedLink({ hash, abi }: { hash: `0x${string}`; abi: Abi }) {
  const client = usePublicClient();
  const created = useQuery({
    queryKey: ["created", hash],
    queryFn: async () => {
      if (client === undefined) throw new Error("no chain client");
      const receipt = await client.getTransactionReceipt({ hash });
      for (const log of parseEventLogs({ abi, logs: receipt.logs })) {
        const args: unknown = log.args;
        const found = z
          .object({ escrow: z.string() })
          .or(z.object({ pool: z.string() }))
          .safeParse(args);
        if (found.success) {
          return "escrow" in found.data
            ? { href: href.escrow(found.data.escrow), address: found.data.escrow, what: "escrow" }
            : { href: href.pool(found.data.pool), address: found.data.pool, what: "pool" };
        }
      }
      throw new Error("the factory emitted no creation event");
    },
  });
  if (created.data === undefined) return null;
  return (
    <p data-testid="created">
      Created:{" "}
      <a href={created.data.href}>
        the new {created.data.what} at {created.data.address}
      </a>
    </p>
  );
}
