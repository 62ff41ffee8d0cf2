/**
 * The wallet side: one wagmi config for the configured chain. Wallets are found by EIP-6963 (every injected wallet
 * announces itself: MetaMask, Rabby, …) plus the plain `window.ethereum` one, and the Safe Apps connector when the app
 * runs inside a Safe (an iframe of the Safe web app). The page never holds a key: every signature is the wallet's.
 */
import { createConfig, http } from "wagmi";
import { injected, safe } from "wagmi/connectors";
import { chainOf } from "./chain";
import type { AppConfig } from "./config";

export { chainOf };

export function wagmiConfig(config: AppConfig) {
  const chain = chainOf(config);
  /** Inside a Safe the app is framed by the Safe web app; outside, the Safe connector has nothing to talk to. */
  const framed = typeof window !== "undefined" && window.parent !== window;
  return createConfig({
    chains: [chain],
    multiInjectedProviderDiscovery: true,
    connectors: framed ? [safe(), injected()] : [injected()],
    transports: { [chain.id]: http(config.chain.rpcUrl) },
  });
}
