import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { ZeroAddress } from "ethers";
import { CliError, flags, parseAmountFlag, parseFlag, runTask, type TaskResult } from "../../core/cli.js";
import { formatTokens } from "../../core/units.js";
import { exampleTokenAddress } from "../../core/address-book.js";
import {
  erc20,
  isRevertOrBadData,
  openChain,
  requireErc20,
  requireLocalChain,
  revertReason,
  senderOf,
  type Chain,
} from "../../core/chain.js";
import { MockERC20__factory } from "../../../typechain-types/index.js";

/** What a token task reports: an amount and a balance in base units, with the token's units. */
export interface TokenAmounts {
  token: string;
  decimals: number;
  symbol: string;
  account: string;
  balance: bigint;
}

/**
 * The local faucet: mints `--amount` whole tokens of the example token (or `--token`, any token with an open
 * `mint(address,uint256)`) to `--to`. Refused on any chain but the local one (31337), before anything else is read.
 */
export async function mintTokens(
  chain: Chain,
  args: { to: string; amount: string; token: string; from: string },
): Promise<TokenAmounts & { minted: bigint; hash: string }> {
  requireLocalChain(chain, "token:mint");
  const to = parseFlag("to", flags.address, args.to);
  if (to === ZeroAddress) throw new CliError("--to: may not be the zero address");
  const address = exampleTokenAddress(chain.chainId, "token", args.token);
  const sender = await senderOf(chain, args.from);
  const { decimals, symbol } = await requireErc20(sender, args.token === "" ? "token" : "--token", address);
  const amount = parseAmountFlag("amount", args.amount, decimals);
  const token = MockERC20__factory.connect(address, sender);
  try {
    await token.mint.staticCall(to, amount);
  } catch (err) {
    const reason = revertReason(err);
    if (reason !== undefined) throw new CliError(`mint: ${reason}`);
    if (isRevertOrBadData(err)) {
      throw new CliError(
        `--token: ${address} (${symbol}) has no open mint(address,uint256); token:mint mints the example token of a local deployment`,
      );
    }
    throw err;
  }
  const receipt = await (await token.mint(to, amount)).wait();
  if (receipt === null) throw new CliError("mint: the transaction was dropped");
  const balance = await erc20(address, sender).balanceOf(to);
  return { token: address, decimals, symbol, account: to, balance, minted: amount, hash: receipt.hash };
}

/** The balance of `--account` (default: the first account) in `--token` (default: the example token). */
export async function tokenBalance(chain: Chain, args: { token: string; account: string }): Promise<TokenAmounts> {
  const account =
    args.account === "" ? (await senderOf(chain, "")).address : parseFlag("account", flags.address, args.account);
  const address = exampleTokenAddress(chain.chainId, "token", args.token);
  const { decimals, symbol } = await requireErc20(
    chain.ethers.provider,
    args.token === "" ? "token" : "--token",
    address,
  );
  const balance = await erc20(address, chain.ethers.provider).balanceOf(account);
  return { token: address, decimals, symbol, account, balance };
}

type Hre = HardhatRuntimeEnvironment;

export const mintAction = (
  args: { to: string; amount: string; token: string; from: string },
  hre: Hre,
): Promise<TaskResult> =>
  runTask(async () => {
    const r = await mintTokens(await openChain(hre), args);
    const fmt = (v: bigint) => formatTokens(v, r);
    console.log(`minted ${fmt(r.minted)} to ${r.account}; balance now ${fmt(r.balance)} (tx ${r.hash})`);
  });

export const balanceAction = (args: { token: string; account: string }, hre: Hre): Promise<TaskResult> =>
  runTask(async () => {
    const r = await tokenBalance(await openChain(hre), args);
    console.log(`${r.account}: ${formatTokens(r.balance, r)} (token ${r.token})`);
  });
