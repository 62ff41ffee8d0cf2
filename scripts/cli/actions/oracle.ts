import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { z } from "zod";
import { ZeroAddress, type ContractRunner } from "ethers";
import {
  CliError,
  flags,
  parseAmountFlag,
  parseFlag,
  parseMetricFlag,
  runTask,
  type TaskResult,
} from "../../core/cli.js";
import { exampleTokenAddress, resolveAddress } from "../../core/address-book.js";
import {
  approveIfNeeded,
  erc20,
  latestTime,
  openChain,
  requireCode,
  requireErc20,
  requireKind,
  isUnreachable,
  senderOf,
  simulateThenSend,
} from "../../core/chain.js";
import {
  firstFreeNonce,
  refusalOf,
  skippedEntries,
  type Refused,
  type SignedReport,
  readMetricFile,
  readSignedFile,
  relaySignedReports,
  reporterAccount,
  rpcClients,
  signReports,
  writeSignedFile,
} from "../../reporter/reporter.js";
import { getAddress } from "viem";
import { missionRef } from "../../core/mission-ops.js";
import { decimalAmount } from "../../formats/primitives.js";
import { durationText, formatTokens, isoTime, metricText } from "../../core/units.js";
import { ENUMS } from "../../core/errors.js";
import { MetricOracle__factory, MissionRegistry__factory, type MetricOracle } from "../../../typechain-types/index.js";

const STATUS = ENUMS["IMetricFeed.SlotStatus"];
const uint8 = flags.uint.refine((v) => v <= 255n, "must be at most 255");
const uint16Positive = flags.positiveUint.refine((v) => v <= 65_535n, "must be at most 65535");
/** A metric value as typed: decimal text in the goal's own decimals, scaled once the goal is read. */
const metricValue = decimalAmount("must be a decimal number in the goal's unit, e.g. 70.1");

interface SlotArgs {
  oracle: string;
  mission: string;
  goal: string;
  period: string;
  committee?: string;
}

/**
 * The slot named by the flags, with the committee version it is read under: `--mission` is an id or a #hashtag
 * (looked up in the oracle's registry), `--committee` a version (default: the mission's current one).
 */
async function parseSlot(args: SlotArgs, oracle: MetricOracle) {
  const mission = await missionRef(args.mission, () => registryOf(oracle));
  const goal = Number(parseFlag("goal", uint8, args.goal));
  const period = Number(parseFlag("period", uint16Positive, args.period));
  const committee =
    args.committee === undefined || args.committee === ""
      ? undefined
      : Number(parseFlag("committee", uint16Positive, args.committee));
  return { mission, goal, period, version: await versionOf(oracle, mission, committee) };
}

/** The committee version a slot command acts on: `--committee`, else the mission's current version. */
async function versionOf(oracle: MetricOracle, mission: bigint, committee: number | undefined): Promise<number> {
  const current = Number(await oracle.committeeVersion(mission));
  if (current === 0) throw new CliError(`--mission: mission ${mission} has no committee`);
  if (committee === undefined) return current;
  if (committee > current) {
    throw new CliError(
      `--committee: mission ${mission} has committee version${current === 1 ? " 1" : `s 1 to ${current}`}, not ${committee}`,
    );
  }
  return committee;
}

/** The registry the oracle reads missions and goals from. */
async function registryOf(oracle: MetricOracle) {
  return MissionRegistry__factory.connect(await oracle.registry(), oracle.runner);
}

/** Decimals of the slot's goal (metric values are scaled integers with them); GoalNotFound reads as one line. */
async function goalDecimals(oracle: MetricOracle, slot: { mission: bigint; goal: number }): Promise<number> {
  return Number((await (await registryOf(oracle)).getGoal(slot.mission, slot.goal)).decimals);
}

/** The oracle, connected to the `--from` account (`""`: the first account; read-only tasks pass `""`). */
async function connect(hre: HardhatRuntimeEnvironment, oracleFlag: string, fromFlag = "") {
  const chain = await openChain(hre);
  const flagged = resolveAddress("MetricOracle", chain.chainId, "oracle", oracleFlag);
  const signer = await senderOf(chain, fromFlag);
  const address = await requireCode(chain, "oracle", flagged);
  const oracle = MetricOracle__factory.connect(address, signer);
  await requireKind("oracle", address, "MetricOracle", () => oracle.nonceBitmap(ZeroAddress, 0));
  return { ...chain, signer, oracle };
}

export async function committeeAction(
  args: {
    oracle: string;
    mission: string;
    members: string;
    quorum: string;
    window: string;
    bondToken: string;
    bond: string;
    arbiter: string;
    adapter: string;
    from: string;
  },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    const mission = await missionRef(args.mission, async () => registryOf((await connect(hre, args.oracle)).oracle));
    if (args.members === "") {
      const { oracle, signer } = await connect(hre, args.oracle, args.from);
      const version = await oracle.committeeVersion(mission);
      if (version === 0n) throw new CliError(`--mission: mission ${mission} has no committee`);
      const c = await oracle.getCommittee(mission, version);
      const bond = (await bondToken(signer, c.bondToken)).format(c.bondAmount);
      console.log(`mission ${mission} committee v${version}: ${c.quorum} of ${c.members.length}`);
      for (const m of c.members) console.log(`  member ${m}`);
      console.log(`  challenge window ${durationText(c.challengeWindow)}, bond ${bond} (token ${c.bondToken})`);
      console.log(`  arbiter ${c.arbiter}, adapter ${c.adapter}`);
      return;
    }
    const members = args.members.split(",").map((m, i) => parseFlag(`members.${i}`, flags.address, m.trim()));
    const quorum = Number(
      parseFlag(
        "quorum",
        flags.positiveUint.refine((q) => q <= BigInt(members.length), "must be ≤ the number of members"),
        args.quorum,
      ),
    );
    const input = {
      members,
      quorum,
      challengeWindow: Number(
        parseFlag(
          "window",
          flags.uint.refine((w) => w < 2n ** 32n, "must fit in uint32"),
          args.window,
        ),
      ),
      bondToken: parseFlag("bondToken", flags.address, args.bondToken),
      bondText: parseFlag("bond", decimalAmount(), args.bond),
      arbiter: parseFlag("arbiter", flags.address, args.arbiter),
      adapter:
        args.adapter === ""
          ? "0x0000000000000000000000000000000000000000"
          : parseFlag("adapter", flags.address, args.adapter),
    };
    if (new Set(members.map((m) => m.toLowerCase())).size !== members.length)
      throw new CliError("--members: duplicate member");
    const { oracle, signer } = await connect(hre, args.oracle, args.from);
    const bondUnits = await requireErc20(signer, "--bondToken", input.bondToken);
    // The bond is in whole tokens of the bond token; the oracle stores it as a uint96 of base units.
    const bondAmount = parseAmountFlag("bond", input.bondText, bondUnits.decimals, {
      value: 2n ** 96n - 1n,
      symbol: bondUnits.symbol,
    });
    const { bondText: _text, ...committee } = input;
    const receipt = await (await oracle.setCommittee(mission, { ...committee, bondAmount })).wait();
    const version = await oracle.committeeVersion(mission);
    console.log(`committee v${version} set for mission ${mission} (tx ${receipt?.hash})`);
  });
}

export async function reportAction(
  args: SlotArgs & { value: string; evidenceHash: string; from: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    const valueText = parseFlag("value", metricValue, args.value);
    const evidenceHash =
      args.evidenceHash === "" ? `0x${"0".repeat(64)}` : parseFlag("evidenceHash", flags.bytes32, args.evidenceHash);
    const { oracle } = await connect(hre, args.oracle, args.from);
    const slot = await parseSlot(args, oracle);
    const decimals = await goalDecimals(oracle, slot);
    const value = parseMetricFlag("value", valueText, decimals);
    const receipt = await (
      await oracle.report({
        missionId: slot.mission,
        version: slot.version,
        goalId: slot.goal,
        period: slot.period,
        value,
        evidenceHash,
      })
    ).wait();
    console.log(
      `reported ${metricText(value, decimals)} for mission ${slot.mission} goal ${slot.goal} period ${slot.period} (tx ${receipt?.hash})`,
    );
  });
}

export async function signAction(
  args: { oracle: string; file: string; out: string; key: string; nonce: string; ttl: string; chainId: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    const reports = readMetricFile(args.file);
    const account = reporterAccount(args.key === "" ? undefined : args.key);
    const ttl = parseFlag("ttl", flags.positiveUint, args.ttl);
    const { chainId, oracleAddress, nonce, deadline } =
      args.chainId === ""
        ? await signingContextOnline(hre, args, account.address, ttl)
        : signingContextOffline(args, ttl);
    const signed = await signReports(account, { chainId, oracle: oracleAddress }, reports, nonce, deadline);
    writeSignedFile(args.out, { chainId, oracle: oracleAddress, reports: signed });
    console.log(
      `signed ${signed.length} report(s) as ${account.address} (nonces ${nonce}…${nonce + BigInt(signed.length) - 1n}) → ${args.out}`,
    );
  });
}

interface SigningContext {
  chainId: bigint;
  oracleAddress: `0x${string}`;
  nonce: bigint;
  deadline: bigint;
}

/** With a network: the chain id, the oracle's next nonce for the signer and the chain's clock come from it. */
async function signingContextOnline(
  hre: HardhatRuntimeEnvironment,
  args: { oracle: string; nonce: string },
  signer: string,
  ttl: bigint,
): Promise<SigningContext> {
  const { ethers, chainId, oracle } = await connect(hre, args.oracle);
  const nonce =
    args.nonce === ""
      ? await firstFreeNonce((w) => oracle.nonceBitmap(signer, w))
      : parseFlag("nonce", flags.uint, args.nonce);
  const deadline = (await latestTime(ethers.provider)) + ttl;
  return { chainId, oracleAddress: getAddress(await oracle.getAddress()), nonce, deadline };
}

/**
 * Offline (`--chain-id`): nothing touches a network. The oracle is `--oracle` or the address book of that chain, the
 * first nonce must be given, and the deadline is this machine's clock + `--ttl`.
 */
function signingContextOffline(args: { oracle: string; nonce: string; chainId: string }, ttl: bigint): SigningContext {
  const chainId = parseFlag("chainId", flags.positiveUint, args.chainId);
  const oracleAddress = getAddress(resolveAddress("MetricOracle", chainId, "oracle", args.oracle));
  if (args.nonce === "") {
    throw new CliError("--nonce: required with --chain-id (offline, the oracle's next nonce cannot be read)");
  }
  const nonce = parseFlag("nonce", flags.uint, args.nonce);
  const deadline = BigInt(Math.floor(Date.now() / 1000)) + ttl;
  return { chainId, oracleAddress, nonce, deadline };
}

export async function relayAction(
  args: { file: string; rpc: string; key: string; batchSize: string; from: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    if (args.file === "") throw new CliError("--file: required (a signed reports file)");
    if (args.rpc !== "" && args.from !== "")
      throw new CliError("--from: not used with --rpc (the relayer there is --key)");
    const batchSize = Number(
      parseFlag(
        "batchSize",
        flags.positiveUint.refine((b) => b <= 256n, "must be at most 256"),
        args.batchSize,
      ),
    );
    const signed = readSignedFile(args.file);
    const { wallet, publicClient } =
      args.rpc === "" ? await networkRelayer(hre, args.from, signed.chainId) : await rpcRelayer(args, signed.chainId);
    const relayer = wallet.account?.address;
    if (relayer === undefined) throw new CliError("relayer: the wallet client has no account");
    // A report the oracle refuses alone (a used nonce, an expired signature, a non-member…) is refused in a batch
    // too: it is explained, not sent; when none is left, nothing is sent.
    const sendable: { index: number; report: SignedReport }[] = [];
    const refused: Refused[] = [];
    for (const [index, report] of signed.reports.entries()) {
      const reason = await refusalOf(publicClient, signed.oracle, report, relayer);
      if (reason === undefined) sendable.push({ index, report });
      else refused.push({ index, reason });
    }
    const first = refused[0];
    if (sendable.length === 0 && first !== undefined) {
      if (refused.length === 1) throw new CliError(`report ${first.index}: ${first.reason}`);
      for (const r of refused) console.log(`report ${r.index} not relayed: ${r.reason}`);
      throw new CliError(
        `none of the ${refused.length} reports can be relayed (report ${first.index}: ${first.reason})`,
      );
    }
    for (const r of refused) console.log(`report ${r.index} not relayed: ${r.reason}`);
    const reports = sendable.map((entry) => entry.report);
    const hashes = await relaySignedReports(wallet, publicClient, signed.oracle, reports, batchSize);
    // Reports refused only in the batch (a second report of one member, a slot the batch itself proposed…).
    const skipped = await skippedEntries(publicClient, signed.oracle, sendable, hashes, batchSize, relayer);
    for (const r of skipped) console.log(`report ${r.index} skipped by the oracle: ${r.reason}`);
    const accepted = sendable.length - skipped.length;
    const count = accepted === signed.reports.length ? `${accepted}` : `${accepted} of ${signed.reports.length}`;
    console.log(`relayed ${count} report(s) in ${hashes.length} transaction(s): ${hashes.join(", ")}`);
  });
}

/** The relayer on the selected network: its `--from` account; the network must be the chain the reports are for. */
async function networkRelayer(hre: HardhatRuntimeEnvironment, fromFlag: string, signedFor: bigint) {
  const chain = await openChain(hre);
  if (chain.chainId !== signedFor) {
    throw new CliError(`chainId: reports were signed for chain ${signedFor}, the network is chain ${chain.chainId}`);
  }
  const publicClient = await chain.connection.viem.getPublicClient();
  const sender = await senderOf(chain, fromFlag);
  const wallet = await chain.connection.viem.getWalletClient(getAddress(sender.address));
  return { wallet, publicClient };
}

/** The relayer on any JSON-RPC URL (`--rpc`), signing with `--key`; an unreachable URL is one line naming the flag. */
async function rpcRelayer(args: { rpc: string; key: string }, signedFor: bigint) {
  const url = parseFlag("rpc", z.string().url("must be a URL"), args.rpc);
  const { wallet, publicClient } = rpcClients(url, reporterAccount(args.key === "" ? undefined : args.key));
  let chainId: bigint;
  try {
    chainId = BigInt(await publicClient.getChainId());
  } catch (err) {
    if (isUnreachable(err)) throw new CliError(`--rpc: cannot reach ${url} (is the node running? is the URL right?)`);
    throw err;
  }
  if (chainId !== signedFor) {
    throw new CliError(`chainId: reports were signed for chain ${signedFor}, the RPC is chain ${chainId}`);
  }
  return { wallet, publicClient };
}

/**
 * Disputes a proposed value, posting the committee's bond. Every check that can fail comes before the approval —
 * the slot is Proposed, its challenge window is open, the sender holds the bond — and the approval is exactly the
 * bond, which the oracle takes in full.
 */
export async function disputeAction(
  args: SlotArgs & { from: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    const { oracle, signer, ethers } = await connect(hre, args.oracle, args.from);
    const slot = await parseSlot(args, oracle);
    const { version } = slot;
    const status = Number(await oracle.slotStatus(slot.mission, version, slot.goal, slot.period));
    if (STATUS[status] !== "Proposed") throw new CliError(`--period: slot is ${STATUS[status]}, not Proposed`);
    const { challengeEnd } = await oracle.getSlot(slot.mission, version, slot.goal, slot.period);
    // The window includes its last second; the next block is at least one second after the latest.
    if ((await latestTime(ethers.provider)) >= challengeEnd) {
      throw new CliError(`--period: the challenge window closed at ${isoTime(challengeEnd)}`);
    }
    const c = await oracle.getCommittee(slot.mission, version);
    const bond = await bondToken(signer, c.bondToken);
    const held = await bond.token.balanceOf(signer.address);
    if (held < c.bondAmount) {
      throw new CliError(
        `--from: ${signer.address} holds ${bond.format(held)}, less than the ${bond.format(c.bondAmount)} bond`,
      );
    }
    await approveIfNeeded(bond.token, signer.address, await oracle.getAddress(), c.bondAmount);
    const receipt = await simulateThenSend(oracle, "dispute", [slot.mission, version, slot.goal, slot.period]);
    console.log(
      `disputed mission ${slot.mission} goal ${slot.goal} period ${slot.period}, bond ${bond.format(c.bondAmount)} (tx ${receipt.hash})`,
    );
  });
}

/** The bond token of a committee with its units: `format` prints base units as whole tokens with the symbol. */
async function bondToken(runner: ContractRunner, address: string) {
  const token = erc20(address, runner);
  const units = { decimals: await token.decimals(), symbol: await token.symbol() };
  return { token, ...units, format: (amount: bigint) => formatTokens(amount, units) };
}

/**
 * Anyone ends a dispute the arbiter left unresolved past the arbitration period: the slot becomes Unresolved and the
 * bond is credited back to the disputer (who then withdraws it with `oracle:withdraw-bond`).
 */
export async function expireDisputeAction(
  args: SlotArgs & { from: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    const { oracle, signer, ethers } = await connect(hre, args.oracle, args.from);
    const slot = await parseSlot(args, oracle);
    const { version } = slot;
    const status = STATUS[Number(await oracle.slotStatus(slot.mission, version, slot.goal, slot.period))];
    if (status !== "Disputed") throw new CliError(`--period: slot is ${status}, not Disputed`);
    const { challengeEnd } = await oracle.getSlot(slot.mission, version, slot.goal, slot.period);
    const expiresAt = challengeEnd + (await oracle.ARBITRATION_PERIOD());
    // Expirable once a block is later than expiresAt; the next block is at least one second after the latest.
    if ((await latestTime(ethers.provider)) < expiresAt) {
      throw new CliError(`--period: the arbiter may still resolve the dispute until ${isoTime(expiresAt)}`);
    }
    const d = await oracle.getDispute(slot.mission, version, slot.goal, slot.period);
    const c = await oracle.getCommittee(slot.mission, version);
    const bond = await bondToken(signer, c.bondToken);
    const receipt = await simulateThenSend(oracle, "expireDispute", [slot.mission, version, slot.goal, slot.period]);
    console.log(
      `dispute on mission ${slot.mission} goal ${slot.goal} period ${slot.period} expired: slot Unresolved, bond ${bond.format(d.bond)} credited back to ${d.disputer} (tx ${receipt.hash})`,
    );
  });
}

/** Withdraws every bond of `--token` the sender was credited (a returned bond, or a forfeited one it received). */
export async function withdrawBondAction(
  args: { oracle: string; token: string; from: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    if (args.token !== "") parseFlag("token", flags.address, args.token);
    const { oracle, signer, chainId } = await connect(hre, args.oracle, args.from);
    const address = exampleTokenAddress(chainId, "token", args.token);
    const units = await requireErc20(signer, "--token", address);
    const claimable = await oracle.claimableBond(address, signer.address);
    if (claimable === 0n)
      throw new CliError(`--from: ${signer.address} has no ${units.symbol} bond to withdraw (${address})`);
    const receipt = await simulateThenSend(oracle, "withdrawBond", [address]);
    console.log(
      `withdrew ${formatTokens(claimable, units)} of dispute bonds to ${signer.address} (tx ${receipt.hash})`,
    );
  });
}

export async function resolveAction(
  args: SlotArgs & { value: string; invalid: boolean; from: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    if (args.invalid === (args.value !== "")) throw new CliError("--value: give either --value N or --invalid");
    const valueText = args.invalid ? "0" : parseFlag("value", metricValue, args.value);
    const { oracle } = await connect(hre, args.oracle, args.from);
    const slot = await parseSlot(args, oracle);
    const { version } = slot;
    const decimals = await goalDecimals(oracle, slot);
    const value = parseMetricFlag("value", valueText, decimals);
    const tx = args.invalid
      ? await oracle.resolveInvalid(slot.mission, version, slot.goal, slot.period)
      : await oracle.resolve(slot.mission, version, slot.goal, slot.period, value);
    const receipt = await tx.wait();
    console.log(
      `resolved mission ${slot.mission} goal ${slot.goal} period ${slot.period}: ${args.invalid ? "invalid" : metricText(value, decimals)} (tx ${receipt?.hash})`,
    );
  });
}

export async function finalizeAction(
  args: SlotArgs & { from: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    const { oracle } = await connect(hre, args.oracle, args.from);
    const slot = await parseSlot(args, oracle);
    const { version } = slot;
    const receipt = await (await oracle.finalize(slot.mission, version, slot.goal, slot.period)).wait();
    const [value] = await oracle.finalValue(slot.mission, version, slot.goal, slot.period);
    const shown = metricText(value, await goalDecimals(oracle, slot));
    console.log(
      `finalized mission ${slot.mission} goal ${slot.goal} period ${slot.period} = ${shown} (tx ${receipt?.hash})`,
    );
  });
}

export async function statusAction(
  args: SlotArgs & { account?: string },
  hre: HardhatRuntimeEnvironment,
): Promise<TaskResult> {
  return runTask(async () => {
    const account =
      args.account === undefined || args.account === "" ? undefined : parseFlag("account", flags.address, args.account);
    const { oracle, signer } = await connect(hre, args.oracle);
    const slot = await parseSlot(args, oracle);
    const { version } = slot;
    const status = STATUS[Number(await oracle.slotStatus(slot.mission, version, slot.goal, slot.period))];
    const s = await oracle.getSlot(slot.mission, version, slot.goal, slot.period);
    console.log(`mission ${slot.mission} goal ${slot.goal} period ${slot.period}: ${status}`);
    const c = await oracle.getCommittee(slot.mission, version);
    const bond = await bondToken(signer, c.bondToken);
    if (s.committeeVersion !== 0n) {
      const decimals = await goalDecimals(oracle, slot);
      const metric = (v: bigint) => metricText(v, decimals);
      console.log(
        `  committee v${s.committeeVersion}: ${s.reportCount} of ${c.quorum} reports, deadline ${isoTime(s.reportingDeadline)}`,
      );
      for (const m of c.members) {
        const [reported, value] = await oracle.reportOf(slot.mission, version, slot.goal, slot.period, m);
        console.log(`  ${m}: ${reported ? metric(value) : "-"}`);
      }
      if (status === "Proposed" || status === "Disputed")
        console.log(`  proposed ${metric(s.value)}, challenge until ${isoTime(s.challengeEnd)}`);
      if (status === "Final") console.log(`  final ${metric(s.value)} at ${isoTime(s.finalizedAt)}`);
      const d = await oracle.getDispute(slot.mission, version, slot.goal, slot.period);
      if (d.disputer !== ZeroAddress) console.log(`  disputed by ${d.disputer}, bond ${bond.format(d.bond)}`);
      if (status === "Disputed") {
        const expiresAt = s.challengeEnd + (await oracle.ARBITRATION_PERIOD());
        console.log(`  the arbiter may resolve until ${isoTime(expiresAt)}; then anyone: oracle:expire-dispute`);
      }
    }
    const who = account ?? signer.address;
    const claimable = await oracle.claimableBond(c.bondToken, who);
    console.log(`  ${who} can withdraw ${bond.format(claimable)} of bonds (oracle:withdraw-bond)`);
  });
}
