/**
 * An EIP-1193 wallet for the browser tests, injected into every page before the app loads: it announces itself by
 * EIP-6963 (`eip6963:announceProvider`, as MetaMask or Rabby do) and forwards every request to a Hardhat node, whose
 * accounts are unlocked, as `account` (eth_sendTransaction and eth_signTypedData_v4 only for it) — so the app signs and sends through a wallet exactly as in production and
 * the page never holds a key. The node's JSON-RPC errors (with their revert data) reach the app unchanged.
 */
import type { BrowserContext } from "playwright-core";
import { z } from "zod";

const rpcAnswer = z.object({
  result: z.unknown().optional(),
  error: z.object({ code: z.number(), message: z.string(), data: z.unknown().optional() }).optional(),
});

/**
 * The page side, run by `addInitScript` before any script of the app. Plain JavaScript text, not a TypeScript
 * function: the test runner's transpiler may add helpers to a function's body that do not exist in the page.
 */
const PAGE_WALLET = `(() => {
  const bridge = window.__testWalletRpc;
  const listeners = new Map();
  const provider = {
    isTestWallet: true,
    async request(args) {
      const answer = JSON.parse(await bridge(args.method, JSON.stringify(args.params ?? [])));
      if (answer.error !== undefined) {
        throw Object.assign(new Error(answer.error.message), { code: answer.error.code, data: answer.error.data });
      }
      return answer.result;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return provider;
    },
    removeListener(event, listener) {
      listeners.get(event)?.delete(listener);
      return provider;
    },
  };
  const info = {
    uuid: "4f6a1b2c-0000-4000-8000-00000000c1c0",
    name: "Test Wallet",
    icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='32' height='32'/%3E",
    rdns: "org.collective-impact.test-wallet",
  };
  const announce = () =>
    window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
  window.addEventListener("eip6963:requestProvider", announce);
  announce();
})();`;

/** Installs the wallet in every page of `context`, acting as `account` on the node at `rpcUrl`. */
export async function installTestWallet(context: BrowserContext, rpcUrl: string, account: string): Promise<void> {
  let id = 0;
  let connected = false;
  const forward = async (method: string, params: unknown[]): Promise<string> => {
    const res = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }),
    });
    const answer = rpcAnswer.parse(await res.json());
    return JSON.stringify(answer.error === undefined ? { result: answer.result } : { error: answer.error });
  };
  await context.exposeFunction("__testWalletRpc", async (method: string, paramsJson: string): Promise<string> => {
    const params = z.array(z.unknown()).parse(JSON.parse(paramsJson));
    switch (method) {
      case "eth_requestAccounts":
        connected = true;
        return JSON.stringify({ result: [account] });
      case "eth_accounts":
        // As a real wallet: no account for a site until it asked for one (and the person agreed).
        return JSON.stringify({ result: connected ? [account] : [] });
      case "wallet_switchEthereumChain":
      case "wallet_addEthereumChain":
        return JSON.stringify({ result: null });
      case "wallet_requestPermissions":
        connected = true;
        return JSON.stringify({ result: [{ parentCapability: "eth_accounts" }] });
      case "wallet_getPermissions":
        return JSON.stringify({ result: connected ? [{ parentCapability: "eth_accounts" }] : [] });
      case "eth_sendTransaction": {
        const tx = z.object({ from: z.string() }).passthrough().parse(params[0]);
        if (tx.from.toLowerCase() !== account.toLowerCase()) {
          return JSON.stringify({ error: { code: 4100, message: `the test wallet signs only for ${account}` } });
        }
        return forward(method, params);
      }
      case "eth_signTypedData_v4": {
        // As a real wallet: it signs typed data (an EIP-2612 permit, an EIP-712 report) only for its own account;
        // the node's unlocked account signs it.
        const signer = z.string().parse(params[0]);
        if (signer.toLowerCase() !== account.toLowerCase()) {
          return JSON.stringify({ error: { code: 4100, message: `the test wallet signs only for ${account}` } });
        }
        return forward(method, params);
      }
      default:
        return forward(method, params);
    }
  });
  await context.addInitScript({ content: PAGE_WALLET });
}
