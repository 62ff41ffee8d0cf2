/** A token's decimals and symbol, read once from the chain (cached by TanStack Query for the session). */
import type { Address } from "viem";
import { useReadContracts } from "wagmi";
import { erc20Abi } from "./abis";
import type { TokenUnits } from "./format";

export function useTokenUnits(token: Address | undefined): TokenUnits | undefined {
  const { data } = useReadContracts({
    allowFailure: false,
    contracts: [
      { address: token, abi: erc20Abi, functionName: "decimals" },
      { address: token, abi: erc20Abi, functionName: "symbol" },
    ],
    query: { enabled: token !== undefined, staleTime: Infinity },
  });
  return data === undefined ? undefined : { decimals: data[0], symbol: data[1] };
}
