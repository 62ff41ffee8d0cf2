/** OutcomeEscrowFactory and OutcomeEscrow events → escrows, escrow_outcomes, escrow_beneficiaries, money tables. */
import { getAddress, type Address } from "viem";
import type { Decoded, Meta } from "../decode.js";
import type { DepositRow, EscrowRowBase, PayoutRow, State } from "../state.js";
import { escrowSettlement, escrowTermRows, escrowTerms } from "./shared.js";

export function reduceEscrowFactory(state: State, { event: e, meta: m }: Decoded<"escrowFactory">): void {
  if (e.eventName !== "EscrowCreated") return;
  const t = e.args.terms;
  const escrow = getAddress(e.args.escrow);
  state.escrows.set(escrow, {
    escrow,
    ...escrowTerms(e.args),
    depositCount: 0,
    totalDeposited: 0n,
    status: "Open",
    settleReason: null,
    compositeWad: null,
    beneficiaryPot: null,
    refundPot: null,
    totalClaimed: 0n,
    totalRefunded: 0n,
    balance: 0n,
    createdBlock: m.blockNumber,
  });
  const { outcomes, beneficiaries } = escrowTermRows(escrow, t);
  state.escrowOutcomes.push(...outcomes);
  state.escrowBeneficiaries.push(...beneficiaries);
}

export function reduceEscrow(state: State, { address, event: e, meta: m }: Decoded<"escrow">): void {
  const row = { contract: address, contractKind: "escrow" } as const;
  switch (e.eventName) {
    case "Deposited":
      escrowDeposit(state, row, e.args, m, state.escrow(address));
      return;
    case "Settled": {
      const escrow = state.escrow(address);
      const settled = escrowSettlement(e.args);
      escrow.status = settled.status;
      escrow.settleReason = settled.reason;
      escrow.compositeWad = settled.compositeWad;
      escrow.beneficiaryPot = settled.payoutPot;
      escrow.refundPot = settled.refundPot;
      state.settlements.push({ ...row, ...settled, ...m });
      return;
    }
    case "Claimed":
    case "Refunded":
      escrowPayout(state, row, e, m, state.escrow(address));
  }
}

/**
 * A deposit into an escrow (outcome or scheduled): a `deposits` row, and the escrow row's totals (`depositCount`,
 * `totalDeposited`, `balance`). Returns the funder credited.
 */
export function escrowDeposit(
  state: State,
  row: Pick<DepositRow, "contract" | "contractKind">,
  args: { funder: Address; payer: Address; credited: bigint },
  m: Meta,
  escrow: Pick<EscrowRowBase, "depositCount" | "totalDeposited" | "balance">,
): Address {
  const amount = args.credited;
  const [account, payer] = [getAddress(args.funder), getAddress(args.payer)];
  state.deposits.push({ ...row, kind: "deposit", account, payer, amount, ...m });
  escrow.depositCount += 1;
  escrow.totalDeposited += amount;
  escrow.balance += amount;
  return account;
}

/**
 * A beneficiary's claim or a funder's refund of an escrow (outcome or scheduled): a `payouts` row, and the escrow
 * row's totals (`totalClaimed` or `totalRefunded`, `balance`).
 */
export function escrowPayout(
  state: State,
  row: Pick<PayoutRow, "contract" | "contractKind">,
  event: { eventName: "Claimed" | "Refunded"; args: { account: Address; amount: bigint } },
  m: Meta,
  escrow: Pick<EscrowRowBase, "totalClaimed" | "totalRefunded" | "balance">,
): void {
  const { amount } = event.args;
  const kind = event.eventName === "Claimed" ? "claim" : "refund";
  state.payouts.push({ ...row, kind, account: getAddress(event.args.account), amount, shares: null, ...m });
  if (kind === "claim") escrow.totalClaimed += amount;
  else escrow.totalRefunded += amount;
  escrow.balance -= amount;
}
