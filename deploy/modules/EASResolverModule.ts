import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import CoreModule from "./CoreModule.js";

/**
 * The EAS schema resolver on top of the core suite, for networks where the Ethereum Attestation Service is
 * deployed (its address is the `easAddress` parameter). Committee members' EAS attestations then count as
 * oracle reports once a committee names the resolver as its adapter (`oracle:committee --adapter …`).
 *
 * Ignition modules are static graphs (a parameter's value cannot switch a contract on or off), so the resolver
 * is its own module: `suite:deploy` deploys it after CoreModule, into the same deployment, whenever the network's
 * parameters file has `EASResolverModule.easAddress`. Address book key: `EASResolverModule#EASReportResolver`.
 */
export default buildModule("EASResolverModule", (m) => {
  const { oracle } = m.useModule(CoreModule);
  const easAddress = m.getParameter<string>("easAddress");
  const easResolver = m.contract("EASReportResolver", [easAddress, oracle], { id: "EASReportResolver" });
  return { easResolver };
});
