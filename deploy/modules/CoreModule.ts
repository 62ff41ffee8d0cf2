import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The core suite: MissionRegistry, MetricOracle (the metric feed every consumer reads), OutcomeEscrowFactory,
 * ScheduledEscrowFactory (escrows paid by a payment schedule, issue #12) and ImpactPoolFactory (EIP-1167 clones of
 * one implementation each, which each factory deploys itself).
 *
 * Future ids are the contract names, so the address book
 * (`deploy/deployments/<deployment-id>/deployed_addresses.json`) has keys `CoreModule#MissionRegistry`,
 * `CoreModule#MetricOracle`, `CoreModule#OutcomeEscrowFactory`, `CoreModule#ScheduledEscrowFactory`,
 * `CoreModule#ImpactPoolFactory`, which `resolveAddress()` finds by their `#<ContractName>` suffix. No parameters:
 * nothing in the core suite differs between networks.
 */
export default buildModule("CoreModule", (m) => {
  const registry = m.contract("MissionRegistry", [], { id: "MissionRegistry" });
  const oracle = m.contract("MetricOracle", [registry], { id: "MetricOracle" });
  const escrowFactory = m.contract("OutcomeEscrowFactory", [registry, oracle], { id: "OutcomeEscrowFactory" });
  // Scheduled escrows check their slots against the same registry and settle from the same feed.
  const scheduledEscrowFactory = m.contract("ScheduledEscrowFactory", [registry, oracle], {
    id: "ScheduledEscrowFactory",
  });

  // ImpactPoolFactory deploys its own ImpactPool implementation; pools read the same oracle and registry. Both link
  // deployed libraries: a scheduled pool's settlement (ScheduleSettlement), the factory's schedule checks
  // (PoolScheduleChecks) and a classed pool's capital waterfall (CapitalWaterfall, docs/capital-structure.md) —
  // inlined they would pass the 24 KiB code limit (docs/payment-schedules.md, Revisions).
  const settlement = m.library("ScheduleSettlement", { id: "ScheduleSettlement" });
  const checks = m.library("PoolScheduleChecks", { id: "PoolScheduleChecks" });
  const waterfall = m.library("CapitalWaterfall", { id: "CapitalWaterfall" });
  const poolFactory = m.contract("ImpactPoolFactory", [registry, oracle], {
    id: "ImpactPoolFactory",
    libraries: { ScheduleSettlement: settlement, PoolScheduleChecks: checks, CapitalWaterfall: waterfall },
  });

  return { registry, oracle, escrowFactory, scheduledEscrowFactory, poolFactory };
});
