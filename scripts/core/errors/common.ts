/** Errors shared by several contracts (`WrongState`, the factories' listings) and those of ERC-20 and the OpenZeppelin utilities. */
import { enumName } from "./enums.js";
import { count, entry, fixed, slot, type ErrorFormat } from "./kinds.js";

export const COMMON_ERRORS: Record<string, ErrorFormat> = {
  /* ---- WrongState: the registry (mission), the oracle (slot), an escrow (Status) or a pool (Phase) ---- */
  WrongState: entry(
    { missionId: "plain", goalId: "plain", period: "plain", status: "plain", phase: "plain" },
    (f, raw, ctx) => {
      if (raw.goalId !== undefined) {
        return `${slot(f)} is ${enumName("IMetricFeed.SlotStatus", Number(raw.status))}, which does not allow this`;
      }
      if (raw.missionId !== undefined) {
        return `mission ${f.missionId} is ${enumName("IMissionRegistry.MissionStatus", Number(raw.status))}, which does not allow this`;
      }
      const code = Number(raw.status ?? raw.phase);
      if (ctx.contract === "OutcomeEscrow") {
        return `the escrow is ${enumName("IOutcomeEscrow.Status", code)}, which does not allow this`;
      }
      if (ctx.contract === "ImpactPool") {
        return `the pool is in phase ${enumName("IImpactPool.Phase", code)}, which does not allow this`;
      }
      return `the contract's state (escrow ${enumName("IOutcomeEscrow.Status", code)}, or pool ${enumName("IImpactPool.Phase", code)}) does not allow this`;
    },
  ),

  /* ---- Both factories' listings (AddressList) ---- */
  IndexOutOfBounds: entry(
    { index: "plain", length: "plain" },
    (f) => `index ${f.index} is past the end of the list (${count(f.length, "entry", "entries")})`,
  ),

  /* ---- ERC-20 and OpenZeppelin utilities ---- */
  ERC20InsufficientBalance: entry(
    { sender: "address", balance: "amount", needed: "amount" },
    (f) => `${f.sender} holds ${f.balance}, less than the ${f.needed} needed`,
  ),
  ERC20InsufficientAllowance: entry(
    { spender: "address", allowance: "amount", needed: "amount" },
    (f) => `${f.spender} may spend only ${f.allowance} of the ${f.needed} needed; approve more`,
  ),
  ERC20InvalidApprover: entry({ approver: "address" }, (f) => `the approver ${f.approver} is invalid`),
  ERC20InvalidReceiver: entry({ receiver: "address" }, (f) => `the receiver ${f.receiver} is invalid`),
  ERC20InvalidSender: entry({ sender: "address" }, (f) => `the sender ${f.sender} is invalid`),
  ERC20InvalidSpender: entry({ spender: "address" }, (f) => `the spender ${f.spender} is invalid`),
  SafeERC20FailedOperation: entry(
    { token: "address" },
    (f) => `the token ${f.token} refused the transfer (or returned false)`,
  ),
  SafeCastOverflowedUintDowncast: entry(
    { bits: "plain", value: "plain" },
    (f) => `${f.value} is out of range: it does not fit in ${f.bits} bits`,
  ),
  SafeCastOverflowedIntDowncast: entry(
    { bits: "plain", value: "plain" },
    (f) => `${f.value} is out of range: it does not fit in a signed ${f.bits}-bit integer`,
  ),
  ReentrancyGuardReentrantCall: fixed("a reentrant call was refused"),
  ECDSAInvalidSignature: fixed("the signature is invalid"),
  ECDSAInvalidSignatureLength: entry({ length: "plain" }, (f) => `the signature has ${f.length} bytes, not 65`),
  ECDSAInvalidSignatureS: entry({ s: "plain" }, (f) => `the signature's s value ${f.s} is malleable`),
  InvalidAccountNonce: entry(
    { account: "address", currentNonce: "plain" },
    (f) => `the nonce of ${f.account} is ${f.currentNonce}; the signature used another one`,
  ),
  InvalidShortString: fixed("the string is not a valid short string"),
  StringTooLong: entry({ str: "plain" }, (f) => `"${f.str}" is too long`),
};
