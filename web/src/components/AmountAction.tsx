/**
 * An amount of the contract's token to put in — an escrow's deposit, a pool's investment or commitment: the amount
 * field (parsed with the token's decimals, a bad amount named in the hint), then, on submit, an approval of exactly
 * that amount when the contract may not yet spend it, then the call itself. Both are sent through the page's
 * `useTransaction`, so its `<TxStatus>` reports each step. An `alternative` adds a second button for the same amount
 * (an escrow's "Sign permit and deposit").
 */
import { useId, useState } from "react";
import type { Address } from "viem";
import { erc20Abi } from "../abis";
import { parseTokens, type TokenUnits } from "../format";
import type { SendTx, TxRequest } from "../tx";

export function AmountAction(props: {
  /** The button's label ("Fund", "Invest"). */
  button: string;
  /** What the amount is for, after "Amount to" in the field's label ("deposit", "invest"). */
  what: string;
  /** The transaction step of the call, as `<TxStatus>` names it ("Deposit", "Invest"). */
  step: string;
  /** The call that takes the amount. */
  call: (amount: bigint) => TxRequest;
  /** The hint under the field while the amount is valid. */
  hint: string;
  units: TokenUnits;
  token: Address;
  /** The contract the token is approved to. */
  spender: Address;
  /** What `spender` may spend of the account's tokens now (undefined: not read yet, so approve). */
  allowance: bigint | undefined;
  account: Address;
  send: SendTx;
  busy: boolean;
  /** A second way to send the amount, as a second button (a permit signature and the call in one transaction). */
  alternative?: { button: string; run: (amount: bigint) => Promise<unknown> };
}) {
  const [text, setText] = useState("");
  const inputId = useId();
  const hintId = useId();
  const { units } = props;
  const amount = parseTokens(text, units.decimals);
  const invalid = text.trim() !== "" && (amount === undefined || amount === 0n);

  async function approveThenCall(value: bigint) {
    if (props.allowance === undefined || props.allowance < value) {
      const approved = await props.send("Approve", {
        address: props.token,
        abi: erc20Abi,
        functionName: "approve",
        args: [props.spender, value],
        account: props.account,
      });
      if (!approved) return;
    }
    await props.send(props.step, props.call(value));
  }

  return (
    <form
      className="fund"
      onSubmit={(e) => {
        e.preventDefault();
        if (amount !== undefined && amount > 0n) void approveThenCall(amount);
      }}
    >
      <label htmlFor={inputId}>
        Amount to {props.what} ({units.symbol})
      </label>
      <input
        id={inputId}
        inputMode="decimal"
        autoComplete="off"
        value={text}
        aria-describedby={hintId}
        aria-invalid={invalid}
        onChange={(e) => setText(e.target.value)}
      />
      <p id={hintId} className={invalid ? "error" : "muted"}>
        {invalid ? `Write a positive amount with at most ${units.decimals} decimals, like 250 or 12.5.` : props.hint}
      </p>
      <div className="row">
        <button type="submit" disabled={props.busy || amount === undefined || amount === 0n}>
          {props.button}
        </button>
        {props.alternative !== undefined && (
          <button
            type="button"
            disabled={props.busy || amount === undefined || amount === 0n}
            onClick={() => {
              if (amount !== undefined && amount > 0n) void props.alternative?.run(amount);
            }}
          >
            {props.alternative.button}
          </button>
        )}
      </div>
    </form>
  );
}
