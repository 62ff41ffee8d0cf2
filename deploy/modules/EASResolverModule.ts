import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import CoreModule from "./CoreModule.js";

/**
 * The EAS schema resolver on top of the core suite, for networks where the Ethereum Attestation Service is
 * deployed (its address is the `easAddress` parameter). The resolver reports the attestations of one attester (the
 * `attester` parameter: an evaluator's EAS identity) as itself, once a committee version lists it as a member and
 * names it as its adapter (`oracle:committee --members …,<resolver> --adapter <resolver>`).
 *
 * Ignition modules are static graphs (a parameter's value cannot switch a contract on or off), so the resolver
 * is its own module: `suite:deploy` deploys it after CoreModule, into the same deployment, whenever the network's
 * parameters file has `EASResolverModule.easAddress`. Address book key: `EASResolverModule#EASReportResolver`.
 */
export default buildModule("EASResolverModule", (m) => {
  const { oracle } = m.useModule(CoreModule);
  const easAddress = m.getParameter<string>("easAddress");
  const attester = m.getParameter<string>("attester");
  const easResolver = m.contract("EASReportResolver", [easAddress, oracle, attester], { id: "EASReportResolver" });
  return { easResolver };
});
