/**
 * The one way the app sends a transaction: simulate first (a revert is explained before the wallet asks anything),
 * let the wallet sign and send, wait for the receipt, then refresh every query (chain reads and indexer lists). The
 * state drives `<TxStatus>`; a failure is the revert decoder's sentence.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useConfig } from "wagmi";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import type { RevertContext } from "../../scripts/core/errors/kinds.js";
import type { TxState } from "./components/TxStatus";
import { revertSentence } from "./revert";

export type TxRequest = Parameters<typeof simulateContract>[1];

export function useTransaction(ctx: RevertContext = {}) {
  const wagmi = useConfig();
  const queryClient = useQueryClient();
  const [state, setState] = useState<TxState>({ phase: "idle" });

  /**
   * Sends `request` as the step `step` ("Approve", "Deposit"…); true once it is confirmed. `request` may be a function
   * that prepares it (asks the wallet for a signature the call carries): the step then waits for both. `callCtx`: what this call's
   * revert sentence needs, when one hook sends for several contracts (a list of slots with their own decimals).
   */
  async function send(
    step: string,
    request: TxRequest | (() => Promise<TxRequest>),
    callCtx: RevertContext = ctx,
  ): Promise<boolean> {
    try {
      setState({ phase: "wallet", step });
      // A request to prepare first (a permit to sign in the wallet) fails, like the call, as this step.
      const call = typeof request === "function" ? await request() : request;
      const simulated = await simulateContract(wagmi, call);
      const hash = await writeContract(wagmi, simulated.request);
      setState({ phase: "pending", step, hash });
      const receipt = await waitForTransactionReceipt(wagmi, { hash });
      if (receipt.status !== "success") {
        setState({ phase: "failed", step, sentence: "the transaction reverted on chain" });
        return false;
      }
      setState({ phase: "confirmed", step, hash, block: receipt.blockNumber });
      return true;
    } catch (err) {
      setState({ phase: "failed", step, sentence: revertSentence(err, callCtx) });
      return false;
    } finally {
      await queryClient.invalidateQueries();
    }
  }

  return { state, send, busy: state.phase === "wallet" || state.phase === "pending" };
}

/** `useTransaction`'s `send`: sends a request as a named step; true once it is confirmed. */
export type SendTx = ReturnType<typeof useTransaction>["send"];
