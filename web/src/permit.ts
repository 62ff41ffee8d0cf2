/**
 * EIP-2612 permits from the wallet: whether a token takes them (it answers `nonces(owner)` and ERC-5267's
 * `eip712Domain()` with a name, version, chain id and verifying contract, and that domain hashes to its
 * `DOMAIN_SEPARATOR()`), and the `eth_signTypedData_v4` signature of a permit of exactly `value` to `spender`, split
 * into the (v, r, s) a `depositWithPermit` takes. A token that fails any of these checks gets no permit button: the
 * page offers approve + deposit alone.
 */
import { useQuery } from "@tanstack/react-query";
import { domainSeparator, parseAbi, parseSignature, type Address, type Hex } from "viem";
import { useConfig, usePublicClient } from "wagmi";
import { getBlock, signTypedData } from "wagmi/actions";

/** The standard EIP-2612 + ERC-5267 views (not a contract of the suite: any permit token has them). */
export const permitAbi = parseAbi([
  "function nonces(address owner) view returns (uint256)",
  "function DOMAIN_SEPARATOR() view returns (bytes32)",
  "function eip712Domain() view returns (bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)",
]);

/** ERC-5267's `fields` bits for name, version, chain id and verifying contract (no salt, no extension). */
const NAME_VERSION_CHAIN_CONTRACT = 0x0f;
/** How long a signed permit stays valid, in seconds of chain time. */
export const PERMIT_TTL = 3_600n;

export interface PermitDomain {
  name: string;
  version: string;
  chainId: bigint;
  verifyingContract: Address;
}

/** `token`'s permit domain, or undefined when it takes no EIP-2612 permit (or `owner` is not known yet). */
export function usePermitDomain(token: Address, owner: Address | undefined) {
  const client = usePublicClient();
  return useQuery({
    queryKey: ["permit-domain", token, owner],
    enabled: client !== undefined && owner !== undefined,
    staleTime: Infinity,
    queryFn: async (): Promise<PermitDomain | null> => {
      if (client === undefined || owner === undefined) return null;
      const read = async () => {
        const [[fields, name, version, chainId, verifyingContract], separator] = await Promise.all([
          client.readContract({ address: token, abi: permitAbi, functionName: "eip712Domain" }),
          client.readContract({ address: token, abi: permitAbi, functionName: "DOMAIN_SEPARATOR" }),
          client.readContract({ address: token, abi: permitAbi, functionName: "nonces", args: [owner] }),
        ]);
        if (Number(fields) !== NAME_VERSION_CHAIN_CONTRACT) return null;
        const domain = { name, version, chainId, verifyingContract };
        return domainSeparator({ domain }) === separator ? domain : null;
      };
      // A token without these views reverts (or returns nothing): that is the answer "no permit", not a failure.
      return read().catch(() => null);
    },
  });
}

/**
 * Asks the wallet to sign a permit of `value` from `owner` to `spender` (the token's current nonce, valid for
 * `PERMIT_TTL` seconds from the latest block's time): the deadline and the signature's (v, r, s).
 */
export function usePermitSigner() {
  const wagmi = useConfig();
  const client = usePublicClient();
  return async (
    domain: PermitDomain,
    owner: Address,
    spender: Address,
    value: bigint,
  ): Promise<{ deadline: bigint; v: number; r: Hex; s: Hex }> => {
    if (client === undefined) throw new Error("no chain client");
    const [nonce, block] = await Promise.all([
      client.readContract({
        address: domain.verifyingContract,
        abi: permitAbi,
        functionName: "nonces",
        args: [owner],
      }),
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
  };
}
