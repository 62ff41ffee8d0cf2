/**
 * What needs EIP-712 hashing for permits, a chunk of its own (loaded when a page first checks a token), so that the
 * first page does not carry it: which domain a token's permits use (`matchingDomain`), and the
 * `eth_signTypedData_v4` signature of an EIP-2612 permit of exactly `value` from `owner` to `spender`, split into the
 * (v, r, s) a `depositWithPermit` takes: the token's current nonce, valid for `PERMIT_TTL` seconds from the latest
 * block's time (the chain's clock, not the browser's), in that domain.
 */
import { domainSeparator, parseSignature, type Address, type Hex } from "viem";
import type { Config } from "wagmi";
import { getBlock, readContract, signTypedData } from "wagmi/actions";
import { PERMIT_TTL, permitAbi, type PermitDomain } from "./permit";

/**
 * The first domain that hashes to the token's `DOMAIN_SEPARATOR()`, or null: its ERC-5267 `eip712Domain()` (the
 * fields its bits name), else its `name()` with version "1" on this chain (as the CLI's `permitContext`).
 */
export function matchingDomain(token: {
  separator: Hex;
  eip5267: readonly [Hex, string, string, bigint, Address, Hex, readonly bigint[]] | undefined;
  name: string | undefined;
  chainId: bigint;
  token: Address;
}): PermitDomain | null {
  const candidates: PermitDomain[] = [];
  if (token.eip5267 !== undefined) {
    const [fields, name, version, chainId, verifyingContract, salt] = token.eip5267;
    const bits = Number(fields);
    candidates.push({
      ...(bits & 0x01 ? { name } : {}),
      ...(bits & 0x02 ? { version } : {}),
      ...(bits & 0x04 ? { chainId } : {}),
      ...(bits & 0x08 ? { verifyingContract } : {}),
      ...(bits & 0x10 ? { salt } : {}),
    });
  }
  if (token.name !== undefined) {
    candidates.push({ name: token.name, version: "1", chainId: token.chainId, verifyingContract: token.token });
  }
  return candidates.find((domain) => domainSeparator({ domain }) === token.separator) ?? null;
}

/** Asks the wallet for the permit's signature (see the file's comment). */
export async function signPermit(
  wagmi: Config,
  permit: { domain: PermitDomain; token: Address; owner: Address; spender: Address; value: bigint },
): Promise<{ deadline: bigint; v: number; r: Hex; s: Hex }> {
  const { domain, token, owner, spender, value } = permit;
  const [nonce, block] = await Promise.all([
    readContract(wagmi, { address: token, abi: permitAbi, functionName: "nonces", args: [owner] }),
    getBlock(wagmi),
  ]);
  const deadline = block.timestamp + PERMIT_TTL;
  const signature = await signTypedData(wagmi, {
    account: owner,
    domain,
    primaryType: "Permit",
    types: {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    message: { owner, spender, value, nonce, deadline },
  });
  const { v, yParity, r, s } = parseSignature(signature);
  return { deadline, v: v === undefined ? 27 + yParity : Number(v), r, s };
}
