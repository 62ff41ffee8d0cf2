/**
 * The configured network as a viem chain (what wagmi is given): its id, name and RPC URL, and its block explorer when
 * `config.json` names one — then every confirmed transaction links to it (`explorerTxUrl`); the local Hardhat chain
 * has none, so no link.
 */
import { defineChain, type Chain } from "viem";
import type { AppConfig } from "./config.js";

export function chainOf(config: AppConfig) {
  return defineChain({
    id: config.chain.id,
    name: config.chain.name,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [config.chain.rpcUrl] } },
    ...(config.chain.explorerUrl === undefined
      ? {}
      : { blockExplorers: { default: { name: "Explorer", url: config.chain.explorerUrl } } }),
  });
}

/** The block explorer's page of transaction `hash` on `chain`, or undefined when the chain has no explorer. */
export function explorerTxUrl(chain: Pick<Chain, "blockExplorers"> | undefined, hash: string): string | undefined {
  const base = chain?.blockExplorers?.default.url;
  return base === undefined ? undefined : `${base.replace(/\/$/, "")}/tx/${hash}`;
}
