/**
 * Whether a token takes EIP-2612 permits, and its EIP-712 domain (`usePermitDomain`). A token that does not gets no
 * permit button: the page offers approve + deposit alone. The signature itself is web/src/permit-sign.ts, a
 * chunk loaded on the first click (typed-data hashing stays out of the first page).
 */
import { useQuery } from "@tanstack/react-query";
import type { Address, TypedDataDomain } from "viem";
import { usePublicClient } from "wagmi";

/**
 * The standard EIP-2612 + ERC-5267 views (not a contract of the suite: any permit token has them), as a JSON literal:
 * viem's `parseAbi` would bring its parser into the first page's bundle.
 */
export const permitAbi = [
  {
    type: "function",
    name: "nonces",
    stateMutability: "view",
    inputs: [{ name: "owner", type: "address" }],
    outputs: [{ name: "", type: "uint256" }],
  },
  {
    type: "function",
    name: "DOMAIN_SEPARATOR",
    stateMutability: "view",
    inputs: [],
    outputs: [{ name: "", type: "bytes32" }],
  },
  {
    type: "function",
    name: "eip712Domain",
    stateMutability: "view",
    inputs: [],
    outputs: [
      { name: "fields", type: "bytes1" },
      { name: "name", type: "string" },
      { name: "version", type: "string" },
      { name: "chainId", type: "uint256" },
      { name: "verifyingContract", type: "address" },
      { name: "salt", type: "bytes32" },
      { name: "extensions", type: "uint256[]" },
    ],
  },
  {
    type: "function",
    name: "name",
    stateMutability: "view",
    inputs: [],
    outputs: [{ name: "", type: "string" }],
  },
] as const;

/** How long a signed permit stays valid, in seconds of chain time. */
export const PERMIT_TTL = 3_600n;

/** A token's EIP-712 domain as a permit signature needs it (the fields its ERC-5267 `fields` bits name). */
export type PermitDomain = TypedDataDomain;

/**
 * `token`'s permit domain, or null when it takes no EIP-2612 permit (undefined while unknown). As the CLI's
 * `permitContext` (scripts/core/chain.ts): `nonces(owner)` and `DOMAIN_SEPARATOR()` must answer, and a domain must hash
 * to that separator — the token's ERC-5267 `eip712Domain()`, else its `name()` with version "1" (OpenZeppelin's
 * default); a token whose domain cannot be rebuilt would refuse the signature, so it counts as having none.
 */
export function usePermitDomain(token: Address, owner: Address | undefined) {
  const client = usePublicClient();
  return useQuery({
    queryKey: ["permit-domain", token, owner],
    enabled: client !== undefined && owner !== undefined,
    staleTime: Infinity,
    queryFn: async (): Promise<PermitDomain | null> => {
      if (client === undefined || owner === undefined) return null;
      // A view the token lacks reverts (or returns nothing): that is the answer "no such view", not a failure.
      const optional = <T>(read: Promise<T>) => read.catch(() => undefined);
      const call = <const F extends "DOMAIN_SEPARATOR" | "eip712Domain" | "name">(functionName: F) =>
        client.readContract({ address: token, abi: permitAbi, functionName });
      const [nonce, separator, eip5267, name] = await Promise.all([
        optional(client.readContract({ address: token, abi: permitAbi, functionName: "nonces", args: [owner] })),
        optional(call("DOMAIN_SEPARATOR")),
        optional(call("eip712Domain")),
        optional(call("name")),
      ]);
      if (nonce === undefined || separator === undefined) return null;
      // Hashing typed data is a chunk of its own (web/src/permit-sign.ts), kept out of the first page.
      const { matchingDomain } = await import("./permit-sign");
      const chainId = BigInt(await client.getChainId());
      return matchingDomain({ separator, eip5267, name, chainId, token });
    },
  });
}
