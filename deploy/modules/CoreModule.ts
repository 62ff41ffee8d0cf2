import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The core suite: MissionRegistry, MetricOracle (the metric feed every consumer reads) and
 * OutcomeEscrowFactory (EIP-1167 clones of one OutcomeEscrow implementation, which the factory deploys itself).
 *
 * Future ids are the contract names, so the address book
 * (`deploy/deployments/<deployment-id>/deployed_addresses.json`) has keys `CoreModule#MissionRegistry`,
 * `CoreModule#MetricOracle`, `CoreModule#OutcomeEscrowFactory`, which `resolveAddress()` finds by their
 * `#<ContractName>` suffix. No parameters: nothing in the core suite differs between networks.
 */
export default buildModule("CoreModule", (m) => {
  const registry = m.contract("MissionRegistry", [], { id: "MissionRegistry" });
  const oracle = m.contract("MetricOracle", [registry], { id: "MetricOracle" });
  const escrowFactory = m.contract("OutcomeEscrowFactory", [registry, oracle], { id: "OutcomeEscrowFactory" });

  // ── ImpactPool ─────────────────────────────────────────────────────────────────────────────────────────────
  // LEAD: add the impact-pool factory here when the ImpactPool branch is merged, e.g.
  //   const poolFactory = m.contract("ImpactPoolFactory", [registry, oracle], { id: "ImpactPoolFactory" });
  // and return it below (`poolFactory`); its address book key will be `CoreModule#ImpactPoolFactory`.
  // ───────────────────────────────────────────────────────────────────────────────────────────────────────────

  return { registry, oracle, escrowFactory };
});
