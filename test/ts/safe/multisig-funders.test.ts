import { expect } from "chai";
import { keccak256, toUtf8Bytes } from "ethers";
import { call, execSafeTransaction } from "../../../scripts/fixtures/safe.js";
import {
  E18,
  WAD,
  MISSION,
  GOAL,
  V1,
  CHALLENGE_WINDOW,
  EscrowStatus,
  world,
  stewardSetsUp,
  funderEscrow,
} from "../helpers/safe-world.js";

/**
 * Safe multisigs as first-class actors, with the REAL Safe 1.4.1 contracts (SafeL2 singleton, SafeProxyFactory,
 * MultiSend, MultiSendCallOnly, CompatibilityFallbackHandler, SignMessageLib, CreateCall, SimulateTxAccessor from
 * `@safe-global/safe-contracts`) driven by `@safe-global/protocol-kit`: every Safe action below is a Safe transaction
 * signed (EIP-712) by two of three owners and executed by a relayer that is not an owner.
 * Here the funder; the steward, the arbiter and the evaluator in multisig-actors.test.ts.
 */

describe("Safe multisigs as funders (real Safe 1.4.1 + protocol-kit)", function () {
  it("a Safe funder approves and deposits in ONE MultiSend transaction, and claims its refund after a partial outcome", async function () {
    const w = await world();
    await stewardSetsUp(w);
    const now = BigInt(await w.networkHelpers.time.latest());
    const { escrow, escrowAddress } = await funderEscrow(w, now + 30n * 60n, 0n);

    const safeDeposit = 1_000n * E18;
    const otherDeposit = 500n * E18;
    await (await w.token.mint(w.funderSafe.address, safeDeposit)).wait();
    const tokenAddress = await w.token.getAddress();
    const receipt = await execSafeTransaction(
      w.env,
      w.funderSafe,
      [
        call(tokenAddress, w.token.interface.encodeFunctionData("approve", [escrowAddress, safeDeposit])),
        call(escrowAddress, escrow.interface.encodeFunctionData("deposit", [safeDeposit])),
      ],
      [0, 1],
      await w.relayFor(w.funderSafe),
    );
    // One Safe transaction (nonce 0 → 1): a delegatecall into the real MultiSendCallOnly (protocol-kit's default batch).
    expect(await w.funderSafe.contract.getFunction("nonce")()).to.equal(1n);
    const safeLogs = receipt.logs
      .filter((l) => l.address === w.funderSafe.address)
      .map((l) => w.funderSafe.contract.interface.parseLog(l))
      .filter((l) => l !== null);
    const multisig = safeLogs.find((l) => l.name === "SafeMultiSigTransaction");
    expect(multisig?.args.to).to.equal(w.deployment.MultiSendCallOnly);
    expect(multisig?.args.operation).to.equal(1n); // DelegateCall
    expect(safeLogs.filter((l) => l.name === "ExecutionSuccess")).to.have.length(1);
    const deposited = receipt.logs
      .filter((l) => l.address === escrowAddress)
      .map((l) => escrow.interface.parseLog(l))
      .find((l) => l?.name === "Deposited");
    expect([deposited?.args.funder, deposited?.args.payer, deposited?.args.credited]).to.deep.equal([
      w.funderSafe.address,
      w.funderSafe.address,
      safeDeposit,
    ]);
    expect(await escrow.depositOf(w.funderSafe.address)).to.equal(safeDeposit);
    expect(await w.token.balanceOf(w.funderSafe.address)).to.equal(0n);
    expect(await w.token.allowance(w.funderSafe.address, escrowAddress)).to.equal(0n);

    await (await w.token.mint(w.otherFunder.address, otherDeposit)).wait();
    await (await w.token.connect(w.otherFunder).approve(escrowAddress, otherDeposit)).wait();
    await (await escrow.connect(w.otherFunder).deposit(otherDeposit)).wait();

    // The committee finds 2.60 against baseline 1.00 → target 5.00: achievement (260 - 100) / 400 = 40 %.
    await w.networkHelpers.time.increaseTo(w.firstPeriodEnd + 1n);
    const evidence = keccak256(toUtf8Bytes("evidence"));
    for (const member of [w.evaluatorA, w.evaluatorB]) {
      await (
        await w.oracle
          .connect(member)
          .report({ missionId: MISSION, version: V1, goalId: GOAL, period: 1, value: 260n, evidenceHash: evidence })
      ).wait();
    }
    await w.networkHelpers.time.increase(CHALLENGE_WINDOW + 1);
    await (await w.oracle.finalize(MISSION, V1, GOAL, 1)).wait();
    await (await escrow.settle()).wait();
    expect(await escrow.status()).to.equal(BigInt(EscrowStatus.Achieved));
    // 1,500 deposited: 40 % = 600 to the beneficiary, 900 refunded pro rata: 600 to the Safe, 300 to the other funder.
    const [total, beneficiaryPot, refundPot, composite] = await escrow.totals();
    expect([total, beneficiaryPot, refundPot, composite]).to.deep.equal([
      1_500n * E18,
      600n * E18,
      900n * E18,
      (4n * WAD) / 10n,
    ]);
    expect(await escrow.refundable(w.funderSafe.address)).to.equal(600n * E18);

    // An owner alone has nothing to refund: the deposit is the Safe's.
    const owner = await w.ethers.getSigner(w.funderSafe.owners[0]!);
    await expect(escrow.connect(owner).refund())
      .to.be.revertedWithCustomError(escrow, "NothingToRefund")
      .withArgs(owner.address);

    await execSafeTransaction(
      w.env,
      w.funderSafe,
      [call(escrowAddress, escrow.interface.encodeFunctionData("refund"))],
      [1, 2],
      await w.relayFor(w.funderSafe),
    );
    expect(await w.token.balanceOf(w.funderSafe.address)).to.equal(600n * E18);
    expect(await escrow.depositOf(w.funderSafe.address)).to.equal(0n);
    expect(await escrow.refundable(w.funderSafe.address)).to.equal(0n);
    await (await escrow.connect(w.otherFunder).refund()).wait();
    await (await escrow.connect(w.beneficiary).claim()).wait();
    expect(await w.token.balanceOf(w.otherFunder.address)).to.equal(300n * E18);
    expect(await w.token.balanceOf(w.beneficiary.address)).to.equal(600n * E18);
    expect(await w.token.balanceOf(escrowAddress)).to.equal(0n);
  });

  it("a Safe funder's deposit in an underfunded escrow comes back in full through the Safe", async function () {
    const w = await world();
    await stewardSetsUp(w);
    const fundingDeadline = BigInt(await w.networkHelpers.time.latest()) + 30n * 60n;
    const { escrow, escrowAddress } = await funderEscrow(w, fundingDeadline, 2_000n * E18);
    const amount = 1_234_567_890_123_456_789n;
    await (await w.token.mint(w.funderSafe.address, amount)).wait();
    const receipt = await execSafeTransaction(
      w.env,
      w.funderSafe,
      [
        call(await w.token.getAddress(), w.token.interface.encodeFunctionData("approve", [escrowAddress, amount])),
        call(escrowAddress, escrow.interface.encodeFunctionData("deposit", [amount])),
      ],
      [0, 2],
      await w.relayFor(w.funderSafe),
      false, // this time through the full MultiSend (which could also delegatecall)
    );
    const multisig = receipt.logs
      .filter((l) => l.address === w.funderSafe.address)
      .map((l) => w.funderSafe.contract.interface.parseLog(l))
      .find((l) => l?.name === "SafeMultiSigTransaction");
    expect([multisig?.args.to, multisig?.args.operation]).to.deep.equal([w.deployment.MultiSend, 1n]);
    expect(await escrow.depositOf(w.funderSafe.address)).to.equal(amount);

    await w.networkHelpers.time.increaseTo(fundingDeadline + 1n);
    await (await escrow.settle()).wait();
    expect(await escrow.status()).to.equal(BigInt(EscrowStatus.Refunding));
    expect(await escrow.refundable(w.funderSafe.address)).to.equal(amount);
    await execSafeTransaction(
      w.env,
      w.funderSafe,
      [call(escrowAddress, escrow.interface.encodeFunctionData("refund"))],
      [0, 1],
      await w.relayFor(w.funderSafe),
    );
    expect(await w.token.balanceOf(w.funderSafe.address)).to.equal(amount);
    expect(await w.token.balanceOf(escrowAddress)).to.equal(0n);
    expect(await w.funderSafe.contract.getFunction("nonce")()).to.equal(2n);
  });
});
