import { createRequire } from "node:module";
import { ContractFactory, type Contract, type Signer } from "ethers";
import { z } from "zod";

/**
 * The real Ethereum Attestation Service contracts (SchemaRegistry + EAS), deployed from the compiled artifacts the
 * `@ethereum-attestation-service/eas-contracts` package ships (EAS pins solc 0.8.29, so it is not recompiled here).
 */
const require = createRequire(import.meta.url);
const artifactSchema = z.object({ abi: z.array(z.unknown()), bytecode: z.string().regex(/^0x[0-9a-fA-F]+$/) });

export function easArtifact(name: "EAS" | "SchemaRegistry"): z.infer<typeof artifactSchema> {
  return artifactSchema.parse(
    require(`@ethereum-attestation-service/eas-contracts/artifacts/contracts/${name}.sol/${name}.json`),
  );
}

export interface EasDeployment {
  schemaRegistry: Contract;
  eas: Contract;
}

/** Deploys SchemaRegistry and EAS (pointing at it) from `signer`. */
export async function deployEas(signer: Signer): Promise<EasDeployment> {
  const reg = easArtifact("SchemaRegistry");
  const schemaRegistry = (await new ContractFactory(reg.abi as never, reg.bytecode, signer).deploy()) as Contract;
  await schemaRegistry.waitForDeployment();
  const easArt = easArtifact("EAS");
  const eas = (await new ContractFactory(easArt.abi as never, easArt.bytecode, signer).deploy(
    await schemaRegistry.getAddress(),
  )) as Contract;
  await eas.waitForDeployment();
  return { schemaRegistry, eas };
}

/** The metric schema the EAS report resolver understands. */
export const METRIC_SCHEMA = "uint256 missionId,uint8 goalId,uint16 period,uint64 value,bytes32 evidenceHash";
