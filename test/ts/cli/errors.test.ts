import { expect } from "chai";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { AbiCoder, encodeBytes32String, Interface, ZeroAddress } from "ethers";
import * as suiteAbis from "../../../scripts/core/abis.js";
import { revertReason, suiteErrorInterface } from "../../../scripts/core/chain.js";
import { describeError, ENUMS, ERRORS, type RevertContext } from "../../../scripts/core/errors.js";
import { duplicateErrorNames } from "../../../scripts/core/errors/index.js";
import { userMessage } from "../../../scripts/core/cli.js";
import {
  durationText,
  formatTokens,
  isoTime,
  metricText,
  percentBps,
  percentWad,
  tokenText,
} from "../../../scripts/core/units.js";

const A = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const B = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const T2030 = BigInt(Date.parse("2030-06-30T23:59:59Z") / 1000);
const USDC = { decimals: 6, symbol: "USDC" };

/** A revert of `signature` with `args`, as Hardhat's in-process error carries it (`data`). */
function reverted(signature: string, args: unknown[]): { data: string } {
  const iface = suiteErrorInterface();
  const fragment = iface.getError(signature);
  if (fragment === null) throw new Error(`no suite error ${signature}`);
  return { data: iface.encodeErrorResult(fragment, args) };
}

/** The one-line sentence of a revert of `signature` with `args`. */
function sentence(signature: string, args: unknown[], context: RevertContext = {}): string {
  const text = revertReason(reverted(signature, args), context);
  if (text === undefined) throw new Error(`${signature} was not decoded`);
  expect(text, signature).to.not.include("\n");
  return text;
}

/** Every `.sol` file under `dir`. */
function solidityFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? solidityFiles(file) : file.endsWith(".sol") ? [file] : [];
  });
}

describe("the error table (core/errors.ts)", () => {
  const errorEntries = Object.values(suiteAbis).flatMap((abi) =>
    abi.flatMap((entry) => (entry.type === "error" ? [entry] : [])),
  );

  it("has an entry for every custom error of the suite's ABIs, naming each argument with a kind of its type", () => {
    expect(errorEntries.length).to.be.greaterThan(100);
    for (const error of errorEntries) {
      const format = ERRORS[error.name];
      expect(format, `ERRORS has no entry for ${error.name}`).to.not.equal(undefined);
      for (const input of error.inputs) {
        const kind = format?.args[input.name];
        expect(kind, `${error.name}.${input.name}`).to.not.equal(undefined);
        const enumType = /^enum (.+)$/.exec(input.internalType)?.[1];
        // An enum argument prints by name (WrongState's, whose enum depends on the contract, names it itself).
        if (enumType !== undefined && error.name !== "WrongState") {
          expect(kind, `${error.name}.${input.name}`).to.deep.equal({ enum: enumType });
        }
        if (input.type === "address") expect(kind, `${error.name}.${input.name}`).to.equal("address");
      }
    }
  });

  it("declares no error and no argument that no ABI has (a typo would print '?')", () => {
    for (const [name, format] of Object.entries(ERRORS)) {
      const variants = errorEntries.filter((e) => e.name === name);
      expect(variants.length, `${name} is in no ABI`).to.be.greaterThan(0);
      const inAbis = new Set<string>(variants.flatMap((e) => e.inputs.map((i) => i.name)));
      for (const arg of Object.keys(format.args)) expect(inAbis.has(arg), `${name}.${arg}`).to.equal(true);
    }
  });

  it("is assembled from domain tables that never define the same error twice (one would hide the other)", () => {
    expect(duplicateErrorNames()).to.deep.equal([]);
  });

  it("names every enum member as the Solidity sources do, in code order", () => {
    const sources = solidityFiles("contracts")
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    for (const [key, names] of Object.entries(ENUMS)) {
      const [container, enumName] = key.split(".");
      const body = new RegExp(
        `(?:interface|library|contract) ${container}\\b[\\s\\S]*?enum ${enumName} \\{([^}]*)\\}`,
      ).exec(sources)?.[1];
      expect(body, `enum ${key} in contracts/`).to.not.equal(undefined);
      const members = (body ?? "")
        .split(",")
        .map((m) => m.trim())
        .filter((m) => m !== "");
      expect([...names], key).to.deep.equal(members);
    }
  });

  it("oracle reports: before the period ends, by a non-member, twice — times as ISO, one sentence each", () => {
    expect(sentence("PeriodNotEnded", [1n, 0, 2, T2030])).to.equal(
      "mission 1 goal 0 period 2 has not ended yet: reports open after 2030-06-30T23:59:59Z (PeriodNotEnded)",
    );
    expect(sentence("NotCommitteeMember", [1n, 2, A])).to.equal(
      `${A} is not a member of committee v2 of mission 1 (NotCommitteeMember)`,
    );
    expect(sentence("AlreadyReported", [1n, 0, 1, A])).to.equal(
      `${A} already reported for mission 1 goal 0 period 1 (AlreadyReported)`,
    );
    expect(sentence("ReportingClosed", [1n, 0, 1, T2030])).to.equal(
      "reporting for mission 1 goal 0 period 1 closed at 2030-06-30T23:59:59Z (ReportingClosed)",
    );
  });

  it("resolve by a non-arbiter, finalize inside the window or twice, dispute after the window, committee by a non-steward", () => {
    expect(sentence("NotArbiter", [1n, 1, B])).to.equal(
      `${B} is not the arbiter of committee v1 of mission 1 (NotArbiter)`,
    );
    expect(sentence("ChallengeWindowOpen", [1n, 0, 1, T2030])).to.equal(
      "the challenge window of mission 1 goal 0 period 1 is open until 2030-06-30T23:59:59Z; finalize after it (ChallengeWindowOpen)",
    );
    // Finalizing a Final slot: the slot status by name.
    expect(sentence("WrongState(uint256,uint8,uint16,uint8)", [1n, 0, 1, 4])).to.equal(
      "mission 1 goal 0 period 1 is Final, which does not allow this (WrongState)",
    );
    expect(sentence("ChallengeWindowClosed", [1n, 0, 1, T2030])).to.equal(
      "the challenge window of mission 1 goal 0 period 1 closed at 2030-06-30T23:59:59Z (ChallengeWindowClosed)",
    );
    expect(sentence("NotMissionSteward", [1n, A])).to.equal(
      `${A} is not the steward of mission 1; only the steward sets its committee (NotMissionSteward)`,
    );
    expect(sentence("ValueNotFinal", [1n, 0, 1, 2])).to.equal(
      "mission 1 goal 0 period 1 is Proposed, not Final (ValueNotFinal)",
    );
  });

  it("a relayed signature replayed or expired", () => {
    expect(sentence("NonceUsed", [A, 5n])).to.equal(
      `nonce 5 of ${A} was already used: the signed report was relayed before (or cancelled) (NonceUsed)`,
    );
    expect(sentence("SignatureExpired", [A, T2030])).to.equal(
      `the signature of ${A} expired at 2030-06-30T23:59:59Z; sign the report again (SignatureExpired)`,
    );
  });

  it("escrow terms: wrong curve direction, missing mission, wrong goal version, past deadline, period out of range", () => {
    expect(sentence("CurveDirectionMismatch", [1n, true])).to.equal(
      "outcome 1: the curve is falling but the goal is rising (CurveDirectionMismatch)",
    );
    expect(sentence("CurveDirection", [100n, 50n, false], { metricDecimals: 1 })).to.equal(
      "a rising curve needs a target above its baseline (baseline 10, target 5) (CurveDirection)",
    );
    expect(sentence("MissionNotActive", [7n, 0])).to.equal("there is no mission 7 (MissionNotActive)");
    expect(sentence("MissionNotActive", [1n, 1])).to.equal(
      "mission 1 is Draft; escrows and pools need an Active mission (MissionNotActive)",
    );
    expect(sentence("MissionNotFound", [7n])).to.equal("there is no mission 7 (MissionNotFound)");
    expect(sentence("GoalNotInVersion", [0n, 3, 2, 1])).to.equal(
      "outcome 0: goal 3 belongs to goal version 2, not the pinned version 1 (GoalNotInVersion)",
    );
    expect(sentence("FundingDeadlinePassed", [T2030, T2030 + 86_400n])).to.equal(
      "the funding deadline 2030-06-30T23:59:59Z is already past (now 2030-07-01T23:59:59Z) (FundingDeadlinePassed)",
    );
    expect(sentence("TermPeriodOutOfRange", [0n, 5, 4])).to.equal(
      "outcome 0: period 5 is out of range (the goal has periods 1 to 4) (TermPeriodOutOfRange)",
    );
    expect(sentence("NoDataCutOffTooEarly", [0n, T2030, T2030 + 3600n])).to.equal(
      "outcome 0: the no-data cut-off 2030-06-30T23:59:59Z (settlement deadline + grace) is before 2030-07-01T00:59:59Z, when its slot can last change (NoDataCutOffTooEarly)",
    );
  });

  it("amounts out of range in whole tokens with the symbol when the token is known, in base units otherwise", () => {
    expect(sentence("TermsOverflow", [2n ** 127n, 2n ** 127n], { token: USDC })).to.equal(
      "the capital target 170141183460469231731687303715884.105728 USDC plus the fund cap 170141183460469231731687303715884.105728 USDC is out of range (it must fit the pool's 128-bit pots) (TermsOverflow)",
    );
    expect(sentence("RaiseFull", [1_000_500_000n], { token: USDC })).to.equal(
      "the raise is full: the capital target of 1000.5 USDC is met (RaiseFull)",
    );
    expect(sentence("FundFull", [80n * 10n ** 6n])).to.equal(
      "the outcome fund is full: its cap of 80000000 base units is met (FundFull)",
    );
    expect(sentence("ERC20InsufficientBalance", [A, 0n, 12_500_000n], { token: USDC })).to.equal(
      `${A} holds 0 USDC, less than the 12.5 USDC needed (ERC20InsufficientBalance)`,
    );
    expect(sentence("SafeCastOverflowedUintDowncast", [96, 2n ** 96n])).to.equal(
      "79228162514264337593543950336 is out of range: it does not fit in 96 bits (SafeCastOverflowedUintDowncast)",
    );
  });

  it("status enums by name: escrow Status and pool Phase (one selector) by the contract called, mission status", () => {
    const wrong = reverted("WrongState(uint8)", [1]);
    expect(revertReason(wrong, { contract: "OutcomeEscrow" })).to.equal(
      "the escrow is Achieved, which does not allow this (WrongState)",
    );
    expect(revertReason(wrong, { contract: "ImpactPool" })).to.equal(
      "the pool is in phase Funded, which does not allow this (WrongState)",
    );
    expect(revertReason(wrong)).to.equal(
      "the contract's state (escrow Achieved, or pool Funded) does not allow this (WrongState)",
    );
    expect(sentence("WrongState(uint256,uint8)", [1n, 3])).to.equal(
      "mission 1 is Concluded, which does not allow this (WrongState)",
    );
    expect(sentence("MilestoneNotMet", [0n, 2, 0n, 500n], { metricDecimals: 2 })).to.equal(
      "the milestone of tranche 0 is not met: its slot is Proposed, not Final (MilestoneNotMet)",
    );
    expect(sentence("MilestoneNotMet", [0n, 4, 450n, 500n], { metricDecimals: 2 })).to.equal(
      "the milestone of tranche 0 is not met: the final value 4.5 does not reach 5 (MilestoneNotMet)",
    );
  });

  it("field enums by name: GoalField, TermField, TrancheField, CurveField", () => {
    expect(sentence("InvalidGoal", [2n, 4])).to.equal(
      "goal 2 is invalid: its first period end is not after the current block (field FirstPeriodEnd) (InvalidGoal)",
    );
    expect(sentence("ZeroAmountTerm", [3])).to.equal("the fund cap is zero (ZeroAmountTerm)");
    expect(sentence("InvalidName", [1, 40n])).to.equal("the symbol has 40 bytes; it must have 1 to 31 (InvalidName)");
    expect(sentence("InvalidTranche", [1n, 1])).to.equal(
      "tranche 1 is invalid: it is due after the settlement deadline (field DueAt) (InvalidTranche)",
    );
    expect(sentence("CurveUnusedField", [0, 2])).to.equal(
      "a Binary curve does not use the field CapWad; leave it out (CurveUnusedField)",
    );
    expect(sentence("TrancheSharesSum", [10_050n])).to.equal(
      "the tranche shares sum to 100.5 %, above 100 % (TrancheSharesSum)",
    );
    expect(sentence("TermWeightSum(uint256)", [9n * 10n ** 17n])).to.equal(
      "the outcome weights sum to 90 %, not 100 % (TermWeightSum)",
    );
    // The payment schedule's variant names the point.
    expect(sentence("TermWeightSum(uint256,uint256)", [2n, 9n * 10n ** 17n])).to.equal(
      "point 2: the curve weights sum to 90 %, not 100 % (TermWeightSum)",
    );
  });

  it("payment schedules and scheduled escrows", () => {
    expect(sentence("PointPending", [3n])).to.equal(
      "a slot point 3 reads can still change (proposed, disputed, or no value before its cut-off); settle it later (PointPending)",
    );
    expect(sentence("EarlierPointOpen", [2n, 0n])).to.equal(
      "point 2 is cumulative and needs every earlier point settled; point 0 is not (EarlierPointOpen)",
    );
    expect(sentence("PointsOpen", [1n])).to.equal(
      "refunds open once every point has settled; point 1 has not (PointsOpen)",
    );
  });

  it("hashtags as text, escrow times, registry errors", () => {
    expect(sentence("HashtagNotFound", [encodeBytes32String("nope")])).to.equal(
      "no mission has the hashtag #nope (HashtagNotFound)",
    );
    expect(sentence("HashtagInvalidCharacter", [3n, "0x21"])).to.equal(
      'the hashtag has "!" at index 3; only a-z, 0-9 and _ are allowed (HashtagInvalidCharacter)',
    );
    expect(sentence("OutcomePending(uint256,uint256)", [T2030, T2030 - 10n])).to.equal(
      "the outcome is not final yet (now 2030-06-30T23:59:49Z); if it never is, settling refunds everyone after 2030-06-30T23:59:59Z (OutcomePending)",
    );
    expect(sentence("NotSteward", [1n, A])).to.equal(`${A} is not the steward of mission 1 (NotSteward)`);
  });

  it("a class share token's errors: its own NothingToWithdraw(account) beside the oracle's bond one, balance, pool", () => {
    expect(sentence("NothingToWithdraw(address)", [A])).to.equal(
      `${A} has no class shares to withdraw (only after a failed raise) (NothingToWithdraw)`,
    );
    expect(sentence("NothingToWithdraw(address,address)", [A, A])).to.equal(
      `${A} has no bond to withdraw in token ${A} (NothingToWithdraw)`,
    );
    expect(sentence("NotPool", [A])).to.equal(`only the class's pool may do this, not ${A} (NotPool)`);
  });

  it("an error the table does not know reads Name(arg=value, …); a require message and a panic read as such", () => {
    const mystery = new Interface(["error Mystery(uint256 amount, address who)"]);
    const data = mystery.encodeErrorResult("Mystery", [5n, ZeroAddress]);
    const parsed = mystery.parseError(data);
    expect(parsed).to.not.equal(null);
    if (parsed !== null) expect(describeError(parsed)).to.equal(`Mystery(amount=5, who=${ZeroAddress})`);
    const coder = AbiCoder.defaultAbiCoder();
    const message = { data: "0x08c379a0" + coder.encode(["string"], ["no way"]).slice(2) };
    expect(revertReason(message)).to.equal("reverted: no way");
    const panic = { data: "0x4e487b71" + coder.encode(["uint256"], [0x11]).slice(2) };
    expect(revertReason(panic)).to.equal("reverted with panic 0x11 (arithmetic overflow)");
    expect(revertReason(new Error("not a revert"))).to.equal(undefined);
  });

  it("runTask's userMessage prints any contract revert as its sentence (no stack trace)", () => {
    expect(userMessage(reverted("NonceUsed", [A, 0n]))).to.match(/^nonce 0 of 0x[0-9a-fA-F]{40} was already used/);
    // A viem error carries the data down its cause chain.
    const viemLike = Object.assign(new Error("execution reverted"), {
      cause: { cause: { raw: reverted("SignatureExpired", [A, T2030]).data } },
    });
    expect(userMessage(viemLike)).to.equal(
      `the signature of ${A} expired at 2030-06-30T23:59:59Z; sign the report again (SignatureExpired)`,
    );
    expect(userMessage(new TypeError("a bug"))).to.equal(undefined);
  });
});

describe("units a person reads (core/units.ts)", () => {
  it("whole tokens exact with the symbol, ISO times, durations, percentages, metric values", () => {
    expect(tokenText(1_000_500_000n, 6)).to.equal("1000.5");
    expect(tokenText(10n ** 18n, 18)).to.equal("1");
    expect(tokenText(1n, 18)).to.equal("0.000000000000000001");
    expect(tokenText(0n, 6)).to.equal("0");
    expect(tokenText(725n, 0)).to.equal("725");
    expect(formatTokens(12_500_000n, USDC)).to.equal("12.5 USDC");
    expect(formatTokens(12_500_000n, undefined)).to.equal("12500000 base units");
    expect(isoTime(T2030)).to.equal("2030-06-30T23:59:59Z");
    expect(isoTime(2n ** 64n)).to.equal("18446744073709551616 (unix seconds)");
    expect(durationText(14 * 86_400)).to.equal("14 d");
    expect(durationText(7200n)).to.equal("2 h");
    // One format for every duration (it was also core/terms-checks.ts's `span`, whose expectations these are).
    expect(durationText(90)).to.equal("1 min 30 s");
    expect(durationText(2_595_600n)).to.equal("30 d 1 h");
    expect(durationText(0n)).to.equal("0 s");
    expect(percentWad(85n * 10n ** 16n)).to.equal("85 %");
    expect(percentWad(125n * 10n ** 15n)).to.equal("12.5 %");
    expect(percentBps(10_050)).to.equal("100.5 %");
    expect(metricText(725n, 1)).to.equal("72.5");
    expect(metricText(725n, undefined)).to.equal("725");
  });
});
