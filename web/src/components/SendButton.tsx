/** A button that sends one transaction, as step `step`, through the page's `useTransaction` (off while one is under way). */
import type { ReactNode } from "react";
import type { SendTx, TxRequest } from "../tx";

export function SendButton(props: {
  step: string;
  request: TxRequest;
  send: SendTx;
  busy: boolean;
  children: ReactNode;
}) {
  return (
    <button type="button" disabled={props.busy} onClick={() => void props.send(props.step, props.request)}>
      {props.children}
    </button>
  );
}
