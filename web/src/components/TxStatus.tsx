/**
 * The state of the transactions a button sends, for eyes and screen readers: which step is waiting for the wallet
 * or the chain, which one is confirmed (with a block-explorer link when the network has one), or why it failed, in
 * the revert decoder's one sentence.
 */
import { useAppConfig } from "../context";

export type TxState =
  | { phase: "idle" }
  | { phase: "wallet"; step: string }
  | { phase: "pending"; step: string; hash: `0x${string}` }
  | { phase: "confirmed"; step: string; hash: `0x${string}`; block: bigint }
  | { phase: "failed"; step: string; sentence: string };

export function TxStatus({ state }: { state: TxState }) {
  const { chain } = useAppConfig();
  const link = (hash: string) =>
    chain.explorerUrl === undefined ? null : (
      <>
        {" "}
        <a href={`${chain.explorerUrl.replace(/\/$/, "")}/tx/${hash}`} target="_blank" rel="noreferrer">
          view the transaction
        </a>
      </>
    );
  return (
    <div className="tx" aria-live="polite" data-testid="tx-status">
      {state.phase === "wallet" && <p>{state.step}: confirm in your wallet…</p>}
      {state.phase === "pending" && (
        <p>
          {state.step}: pending, waiting for the chain…{link(state.hash)}
        </p>
      )}
      {state.phase === "confirmed" && (
        <p className="ok">
          {state.step}: confirmed in block {state.block.toString()}.{link(state.hash)}
        </p>
      )}
      {state.phase === "failed" && (
        <p role="alert" className="error" data-testid="tx-error">
          {state.step} failed: {state.sentence}
        </p>
      )}
    </div>
  );
}
