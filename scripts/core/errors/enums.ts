/**
 * Every enum of the suite's interfaces, by name: the error table prints status and field codes through it, and the
 * exporter and the indexer label enum values with it. No imports, so anything may use it.
 */

/** Every enum of the suite's interfaces, keyed as the ABIs name them (`internalType: "enum <key>"`), in code order. */
export const ENUMS = {
  "IMetricFeed.SlotStatus": ["None", "Collecting", "Proposed", "Disputed", "Final", "Unresolved"],
  "IMetricOracle.UnresolvedReason": ["NoQuorum", "ArbiterInvalid", "ArbitrationExpired"],
  "IOutcomeEscrow.Status": ["Open", "Achieved", "Refunding"],
  "IOutcomeEscrow.SettleReason": ["Achieved", "NoData", "Underfunded"],
  "IMissionRegistry.MissionStatus": ["None", "Draft", "Active", "Concluded"],
  "IMissionRegistry.Role": ["Funder", "Provider", "Evaluator", "Investor", "Supporter"],
  "IMissionRegistry.GoalField": [
    "BaselineTarget",
    "PeriodCount",
    "PeriodLength",
    "ReportingWindow",
    "FirstPeriodEnd",
    "Decimals",
    "Schedule",
  ],
  "IImpactPool.Phase": ["Raising", "Funded", "RaiseFailed", "Settled"],
  "IImpactPoolFactory.TermField": ["Name", "Symbol", "CapitalTarget", "FundCap"],
  "IImpactPoolFactory.TrancheField": ["Provider", "DueAt", "ShareBps", "Milestone"],
  "PayoutCurves.Kind": ["Binary", "Linear", "ThresholdLinear", "Stepped"],
  "PayoutCurves.CurveField": ["Steps", "BaselineTarget", "CapWad", "Threshold"],
  "OutcomeLib.Resolution": ["Pending", "Achieved", "NoData"],
  "IPaymentSchedule.CapHit": ["None", "TermPerPoint", "TermOverall", "Point", "Overall", "Funds"],
  "IPaymentSchedule.TermKind": ["Curve", "RateCard"],
  "IPaymentSchedule.UnitSource": ["Count", "Improvement"],
} as const;
export type EnumName = keyof typeof ENUMS;

/** The name of enum `type`'s member `value`, or `#<value>` for a code the enum does not have. */
export function enumName(type: EnumName, value: bigint | number): string {
  const names: readonly string[] = ENUMS[type];
  return names[Number(value)] ?? `#${value}`;
}
