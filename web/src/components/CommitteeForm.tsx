/**
 * A mission's committee on the oracle: the current version read from the chain, and for the steward a form for the
 * next one (`MetricOracle.setCommittee`): members, quorum, challenge window, dispute bond (token and whole-token
 * amount, in the token's decimals), arbiter, optional adapter — checked by the CLI's own `oracle:committee` rules
 * (`scripts/formats/committee-input.ts`), each error naming its field before anything is sent.
 */
import { useId, useState } from "react";
import type { Address } from "viem";
import { useConfig, useReadContract } from "wagmi";
import { readContract } from "wagmi/actions";
import { erc20Abi, metricOracleAbi } from "../abis";
import { useAppConfig } from "../context";
import { checked } from "../fields";
import { formatTokens, parseTokens } from "../format";
import { useTokenUnits } from "../token";
import { useTransaction } from "../tx";
import { parseCommitteeFields, type CommitteeFields } from "../../../scripts/formats/committee-input.js";
import { TxStatus } from "./TxStatus";

const UINT96_MAX = 2n ** 96n - 1n;

const FIELDS: readonly (readonly [key: keyof CommitteeFields, label: string, hint: string])[] = [
  ["members", "Members", "Comma-separated addresses of the evaluators (1 to 16)."],
  ["quorum", "Quorum", "Reports needed for a value (1 ≤ k ≤ members)."],
  ["window", "Challenge window (seconds)", "How long a proposed value can be disputed; 86400 is a day."],
  ["bondToken", "Bond token", "The ERC-20 a disputer bonds."],
  ["bond", "Bond (whole tokens)", "The dispute bond, e.g. 100."],
  ["arbiter", "Arbiter", "Who resolves disputes: neither you nor a member."],
  ["adapter", "Adapter (optional)", "A contract member that reports as itself (e.g. the EAS resolver)."],
];

export function CommitteeForm(props: { missionId: bigint; account: Address | undefined; isSteward: boolean }) {
  const { oracle } = useAppConfig().contracts;
  const wagmi = useConfig();
  const { state, send, busy } = useTransaction();
  const [fields, setFields] = useState<CommitteeFields>({
    members: "",
    quorum: "",
    window: "86400",
    bondToken: "",
    bond: "",
    arbiter: "",
    adapter: "",
  });
  const [error, setError] = useState<string | undefined>(undefined);
  const baseId = useId();
  const version = useReadContract({
    address: oracle,
    abi: metricOracleAbi,
    functionName: "committeeVersion",
    args: [props.missionId],
  });
  const current = useReadContract({
    address: oracle,
    abi: metricOracleAbi,
    functionName: "getCommittee",
    args: [props.missionId, version.data ?? 0],
    query: { enabled: version.data !== undefined && version.data > 0 },
  });

  const units = useTokenUnits(current.data?.bondToken);

  async function submit() {
    setError(undefined);
    const input = checked(() => parseCommitteeFields(fields));
    if (!input.ok) return setError(input.error);
    const { bondText, ...committee } = input.value;
    const decimals = await readContract(wagmi, {
      address: committee.bondToken,
      abi: erc20Abi,
      functionName: "decimals",
    });
    // The bond is in whole tokens of the bond token; the oracle stores it as a uint96 of base units.
    const bondAmount = parseTokens(bondText, decimals);
    if (bondAmount === undefined || bondAmount === 0n || bondAmount > UINT96_MAX)
      return setError(`bond: must be a positive amount with at most ${decimals} decimals, below 2^96 base units`);
    await send("Set committee", {
      address: oracle,
      abi: metricOracleAbi,
      functionName: "setCommittee",
      args: [props.missionId, { ...committee, bondAmount }],
      account: props.account,
    });
  }

  const c = current.data;
  return (
    <>
      <h3>Committee</h3>
      <p className="address" data-testid="committee">
        {version.data === 0 || c === undefined
          ? "No committee yet: nobody can report this mission's metrics."
          : `Version ${version.data}: ${c.quorum} of ${c.members.length} (${c.members.join(", ")}), challenge window ${c.challengeWindow} s, bond ${units === undefined ? `${c.bondAmount} base units` : formatTokens(c.bondAmount, units)}, arbiter ${c.arbiter}.`}
      </p>
      <form
        className="committee"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset disabled={!props.isSteward}>
          <legend>Next committee version</legend>
          {FIELDS.map(([key, label, hint]) => (
            <div key={key}>
              <label htmlFor={`${baseId}-${key}`}>{label}</label>
              <input
                id={`${baseId}-${key}`}
                autoComplete="off"
                spellCheck={false}
                value={fields[key]}
                aria-describedby={`${baseId}-${key}-hint`}
                onChange={(e) => setFields({ ...fields, [key]: e.target.value })}
              />
              <p id={`${baseId}-${key}-hint`} className="muted">
                {hint}
              </p>
            </div>
          ))}
          <button type="submit" disabled={busy}>
            Set committee
          </button>
        </fieldset>
      </form>
      {error !== undefined && (
        <p role="alert" className="error" data-testid="committee-error">
          {error}
        </p>
      )}
      <TxStatus state={state} />
    </>
  );
}
