/**
 * What the app talks to, loaded at run time from `/config.json` (written by `npm run app` from the Ignition address
 * book, see web/scripts/config.ts) and validated here: the chain, the indexer's API and the suite's addresses. The
 * build holds no address, so one build serves any network.
 */
import { getAddress, type Address } from "viem";
import { z } from "zod";

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 20-byte 0x address")
  .transform((a): Address => getAddress(a));

export const appConfigSchema = z.object({
  chain: z.object({
    id: z.number().int().positive(),
    name: z.string().min(1),
    rpcUrl: z.string().url(),
    /** A block explorer's base URL (`…/tx/<hash>` links), when the network has one. */
    explorerUrl: z.string().url().optional(),
  }),
  /** The indexer's HTTP API (GraphQL at `/graphql`, dashboards at `/missions/:id`). */
  indexerUrl: z.string().url(),
  contracts: z.object({
    registry: address,
    oracle: address,
    escrowFactory: address,
    poolFactory: address.optional(),
    /** Creates scheduled escrows (the create page's escrows with a payment schedule). */
    scheduledEscrowFactory: address.optional(),
  }),
});
export type AppConfig = z.infer<typeof appConfigSchema>;

/** Fetches and validates `config.json` next to the page; throws one line naming the first problem. */
export async function loadConfig(url = "config.json"): Promise<AppConfig> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`config.json: HTTP ${res.status}`);
  const parsed = appConfigSchema.safeParse(await res.json());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`config.json: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return parsed.data;
}
