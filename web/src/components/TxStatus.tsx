/**
 * The state of the transactions a button sends, for eyes and screen readers: which step is waiting for the wallet
 * or the chain, which one is confirmed (with a block-explorer link when the network has one), or why it failed, in
 * the revert decoder's one sentence.
 */
import { useChains } from "wagmi";
import { explorerTxUrl } from "../chain";

export type TxState =
  | { phase: "idle" }
  | { phase: "wallet"; step: string }
  | { phase: "pending"; step: string; hash: `0x${string}` }
  | { phase: "confirmed"; step: string; hash: `0x${string}`; block: bigint }
  | { phase: "failed"; step: string; sentence: string };

export function TxStatus({ state }: { state: TxState }) {
  // The configured chain (web/src/chain.ts): its `blockExplorers` when the network has one.
  const [chain] = useChains();
  const link = (hash: string) => {
    const url = explorerTxUrl(chain, hash);
    return url === undefined ? null : (
      <>
        {" "}
        <a href={url} target="_blank" rel="noreferrer">
          view the transaction on the block explorer
        </a>
      </>
    );
  };
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
