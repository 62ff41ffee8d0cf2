/**
 * A token's units for the whole-token columns: its `decimals()` and `symbol()`, the exporter's only view calls. The
 * indexer reads them the same way (through Ponder's client) into its `token` table. Imports only viem.
 */
import { ContractFunctionExecutionError, erc20Abi, getAddress, type Address } from "viem";

/** What either client offers: a view call of the ERC-20 ABI (a viem PublicClient, or Ponder's `context.client`). */
export interface TokenReader {
  readContract(args: { address: Address; abi: typeof erc20Abi; functionName: "decimals" | "symbol" }): Promise<unknown>;
}

export type TokenUnit = { decimals: number; symbol: string | null };

/**
 * `decimals()` and `symbol()` of `token`; undefined for a contract that does not answer `decimals()` (not an ERC-20
 * with decimals: its human columns stay empty). A symbol that reverts or is not a string is null.
 */
export async function tokenUnit(client: TokenReader, token: Address): Promise<TokenUnit | undefined> {
  const address = getAddress(token);
  const decimals = await readOptional(() => client.readContract({ address, abi: erc20Abi, functionName: "decimals" }));
  if (typeof decimals !== "number") return undefined;
  const symbol = await readOptional(() => client.readContract({ address, abi: erc20Abi, functionName: "symbol" }));
  return { decimals, symbol: typeof symbol === "string" ? symbol : null };
}

/** A view call's result, or undefined when the contract reverts or returns nothing decodable (any other error throws). */
async function readOptional<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof ContractFunctionExecutionError) return undefined;
    throw err;
  }
}
