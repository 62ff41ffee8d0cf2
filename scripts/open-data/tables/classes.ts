/** A classed impact pool's tables (issue #13, docs/capital-structure.md): its classes, what each point paid each
 * class, its guarantee, and the transfers of its class share tokens. */
import { EVENT_COLUMNS, tokens, type TableSpec } from "./columns.js";

export const CLASS_TABLES = {
  pool_classes: {
    about:
      "One row per investor class of a classed pool (CapitalStructureCreated; 1–3 classes in seniority order, " +
      "each its own share token): its terms and cap, and running totals from the pool's and the class token's " +
      "events. distributed = paid + undrawnReturned + guaranteeReceived (what reached the class token's " +
      "accumulator); distributed − claimed is still claimable by its holders, less the accumulator's rounding dust.",
    columns: [
      ["pool", "Pool address"],
      ["classIndex", "Index in seniority order (0 = most senior, paid first)"],
      ["token", "The class's share token (an ERC-20 with permit; one share per unit of the pool's token invested)"],
      ["name", "Share token name"],
      ["symbol", "Share token symbol"],
      ["seniority", "Seniority rank from the terms (strictly increasing with classIndex)"],
      ["target", "Capital the class raises"],
      tokens("target"),
      ["maxMultipleWad", "Multiple cap on what the class receives, of its target (1e18 = 1×; 0: none)"],
      ["maxRateWad", "Simple annual rate cap over the bond's term (1e18 = 100 %; 0: none)"],
      [
        "capWad",
        "The cap the waterfall applies: the tighter of the two, the rate cap as 1e18 + rate × (settlementDeadline − " +
          "raiseDeadline) / 365 days, rounded down",
      ],
      ["cap", "Most the class receives from outcome payments: target + target × (capWad − 1e18) / 1e18, rounded down"],
      tokens("cap"),
      ["provider", "Provider paid the incentive out of the class's return (empty: none)"],
      ["providerBps", "Provider's share of the class's return above principal, in basis points"],
      ["raised", "Σ ClassInvested into the class"],
      tokens("raised"),
      ["withdrawn", "Σ Withdrawn by the class's holders after a failed raise"],
      tokens("withdrawn"),
      ["paid", "Σ of the class's part of each settled point (Distributed), after the provider's cut"],
      tokens("paid"),
      ["undrawnReturned", "Capital never disbursed, returned to the class at the last point (UndrawnReturned)"],
      tokens("undrawnReturned"),
      ["guaranteeReceived", "What the guarantee covered of the class's principal shortfall (GuaranteeCalled)"],
      tokens("guaranteeReceived"),
      ["distributed", "Σ ClassDistributed: everything accrued to the class's holders"],
      tokens("distributed"),
      ["perShareX64", "The class token's accumulator after its last distribution (per share, × 2^64, rounded down)"],
      ["claimed", "Σ Claimed by the class's holders"],
      tokens("claimed"),
      ["createdBlock", "Block of CapitalStructureCreated"],
    ],
  },
  pool_class_points: {
    about:
      "What each settled point of a classed pool paid each class (Distributed), one row per (pool, point, class). " +
      "pointProviderCut and pointCappedBack are the point's totals, repeated on each class row of the point: sum " +
      "them over points, not rows. The last point's row also carries the undrawn capital returned and the " +
      "guarantee called for the class.",
    columns: [
      ["pool", "Pool address"],
      ["pointIndex", "Index of the point in the pool's schedule"],
      ["classIndex", "Index of the class (0 = most senior)"],
      [
        "paid",
        "The class's part of the point's payment down the waterfall (principal, then capped return, net of the provider's cut)",
      ],
      tokens("paid"),
      ["undrawnReturned", "Last point only: capital never disbursed returned to the class"],
      tokens("undrawnReturned"),
      ["guaranteeCalled", "Last point only: what the guarantee paid the class"],
      tokens("guaranteeCalled"),
      ["pointProviderCut", "The point's provider incentive (its total over every class)"],
      tokens("pointProviderCut"),
      ["pointCappedBack", "The point's payment above every class's cap, held back for the outcome payers' refunds"],
      tokens("pointCappedBack"),
      ...EVENT_COLUMNS,
    ],
  },
  pool_guarantees: {
    about:
      "One row per classed pool whose terms name a guarantee: the guarantor and amount, and what was posted " +
      "(GuaranteeCommitted), called for the senior classes' principal shortfall at the last point (GuaranteeCalled, " +
      "per class in pool_classes.guaranteeReceived) and returned to the guarantor (GuaranteeReturned). A guarantee " +
      "never posted covers nothing.",
    columns: [
      ["pool", "Pool address"],
      ["guarantor", "Who posts the guarantee"],
      ["guarantee", "Amount of the guarantee in the terms"],
      tokens("guarantee"),
      ["committed", "Amount posted (GuaranteeCommitted; 0 until then)"],
      tokens("committed"),
      ["committedBlock", "Block of GuaranteeCommitted (empty until posted)"],
      ["called", "Σ paid to the senior classes at the last point"],
      tokens("called"),
      ["returned", "Paid back to the guarantor at the last point"],
      tokens("returned"),
    ],
  },
  pool_class_transfers: {
    about: "Every transfer of class shares (each class token's ERC-20 Transfer events): mints, burns and transfers.",
    columns: [
      ["pool", "Pool address"],
      ["classIndex", "Index of the class"],
      ["token", "The class's share token"],
      ["kind", "mint (ClassInvested), burn (Withdrawn after a failed raise) or transfer"],
      ["from", "Sender (zero address for a mint)"],
      ["to", "Recipient (zero address for a burn)"],
      ["shares", "Shares moved (1 share = 1 base unit of the pool's token)"],
      tokens("shares"),
      ...EVENT_COLUMNS,
    ],
  },
} as const satisfies Record<string, TableSpec>;
