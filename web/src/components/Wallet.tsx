/**
 * The wallet in the header: one button per wallet found (EIP-6963 announcements, the injected `window.ethereum`, the
 * Safe when framed by one), the connected account and network, a switch when the wallet is on another chain.
 */
import { useConnect, useConnection, useConnectors, useDisconnect, useSwitchChain } from "wagmi";
import { useAppConfig } from "../context";
import { shortAddress } from "../format";
import { revertSentence } from "../revert";

export function Wallet() {
  const config = useAppConfig();
  const connection = useConnection();
  const connectors = useConnectors();
  const connect = useConnect();
  const disconnect = useDisconnect();
  const switchChain = useSwitchChain();

  if (connection.status === "connected") {
    const wrongChain = connection.chainId !== config.chain.id;
    return (
      <section className="wallet" aria-label="Wallet">
        <span title={connection.address}>
          <span className="visually-hidden">Connected account </span>
          <span data-testid="account">{shortAddress(connection.address)}</span>
          {connection.connector.name === "" ? "" : ` · ${connection.connector.name}`}
        </span>
        {wrongChain ? (
          <button type="button" onClick={() => switchChain.mutate({ chainId: config.chain.id })}>
            Switch to {config.chain.name}
          </button>
        ) : (
          <span className="chain">{config.chain.name}</span>
        )}
        <button type="button" onClick={() => disconnect.mutate({})}>
          Disconnect
        </button>
      </section>
    );
  }
  // The EIP-6963 wallets make the generic "Injected" one redundant once at least one has announced itself.
  const announced = connectors.filter((c) => c.id !== "injected");
  const shown = announced.length > 0 ? announced : connectors;
  return (
    <section className="wallet" aria-label="Wallet">
      {shown.length === 0 && <span>No wallet found: install a browser wallet to fund.</span>}
      {shown.map((connector) => (
        <button
          type="button"
          key={connector.uid}
          disabled={connect.isPending}
          onClick={() => connect.mutate({ connector, chainId: config.chain.id })}
        >
          Connect {connector.name}
        </button>
      ))}
      {connect.error !== null && (
        <p role="alert" className="error">
          {revertSentence(connect.error)}
        </p>
      )}
    </section>
  );
}
