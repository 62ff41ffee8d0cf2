/**
 * A metric value typed in the goal's own unit (`72.5` for a goal with one decimal), parsed by the CLI's amount
 * parser into the integer the oracle stores (725) — at most `decimals` decimals and a uint64 — with its label and a
 * hint that turns into the error when the text is not such a number.
 */
import { useId } from "react";
import { parseTokens } from "../format";

const UINT64_MAX = 2n ** 64n - 1n;

/** The scaled value of `text`, or undefined when it is not a metric value of `decimals` decimals. */
export function metricValue(text: string, decimals: number): bigint | undefined {
  const parsed = parseTokens(text, decimals);
  return parsed !== undefined && parsed <= UINT64_MAX ? parsed : undefined;
}

export function MetricField(props: {
  label: string;
  decimals: number;
  text: string;
  onChange: (text: string) => void;
  /** What the value means, while it is one. */
  hint: string;
}) {
  const id = useId();
  const hintId = useId();
  const invalid = props.text.trim() !== "" && metricValue(props.text, props.decimals) === undefined;
  return (
    <>
      <label htmlFor={id}>
        {props.label} ({props.decimals} {props.decimals === 1 ? "decimal" : "decimals"})
      </label>
      <input
        id={id}
        inputMode="decimal"
        autoComplete="off"
        value={props.text}
        aria-describedby={hintId}
        aria-invalid={invalid}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <p id={hintId} className={invalid ? "error" : "muted"}>
        {invalid ? `Write a number with at most ${props.decimals} decimals.` : props.hint}
      </p>
    </>
  );
}
