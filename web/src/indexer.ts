/**
 * Lists and histories from the indexer's API (indexer/src/api): Ponder's GraphQL for missions, slots, participants,
 * pledges and endorsements, and the `/missions/:id` dashboard for a mission's escrows and pools. Every response is
 * validated with zod; amounts arrive as decimal strings and become bigints here.
 */
import { getAddress, type Address } from "viem";
import { z } from "zod";

/** How often a page re-reads its lists: the indexer follows the chain a block or so behind a transaction. */
export const INDEXER_POLL_MS = 4_000;

const big = z.union([z.string(), z.number()]).transform((v) => BigInt(v));
const address = z.string().transform((a): Address => getAddress(a));

export const missionRow = z.object({
  missionId: big,
  hashtag: z.string(),
  steward: address,
  status: z.string(),
  participantCount: z.number(),
  pledgeCount: z.number(),
  endorsementCount: z.number(),
  escrowCount: z.number(),
  funded: big,
  pending: big,
});
export type MissionRow = z.infer<typeof missionRow>;

export const escrowRow = z.object({
  address: address,
  missionId: big,
  token: address,
  fundingDeadline: big,
  totalDeposited: big,
  depositCount: z.number(),
  status: z.string(),
  balance: big,
});
export type EscrowRow = z.infer<typeof escrowRow>;

export const poolRow = z.object({
  address: address,
  name: z.string(),
  symbol: z.string(),
  token: address,
  capitalTarget: big,
  phase: z.string(),
  totalInvested: big,
});
export type PoolRow = z.infer<typeof poolRow>;

export const slotRow = z.object({
  goalId: z.number(),
  period: z.number(),
  status: z.string(),
  reportCount: z.number(),
  proposedValue: big.nullable(),
  finalValue: big.nullable(),
  disputed: z.boolean(),
});
export type SlotRow = z.infer<typeof slotRow>;

export const participantRow = z.object({ account: address, roles: z.number() });
export type ParticipantRow = z.infer<typeof participantRow>;

export const pledgeRow = z.object({ account: address, pledgeIndex: z.number(), uri: z.string() });
export type PledgeRow = z.infer<typeof pledgeRow>;

export const endorsementRow = z.object({ endorser: address, participant: address });
export type EndorsementRow = z.infer<typeof endorsementRow>;

export const page = <T extends z.ZodTypeAny>(row: T) => z.object({ items: z.array(row) });

export async function graphql<T extends z.ZodTypeAny>(base: string, query: string, shape: T): Promise<z.infer<T>> {
  const res = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  if (!res.ok) throw new Error(`indexer: HTTP ${res.status} from /graphql`);
  const body = z
    .object({ data: shape.optional(), errors: z.array(z.object({ message: z.string() })).optional() })
    .parse(await res.json());
  if (body.errors !== undefined && body.errors.length > 0) throw new Error(`indexer: ${body.errors[0]?.message}`);
  if (body.data === undefined) throw new Error("indexer: empty GraphQL answer");
  return body.data;
}

const MISSION_FIELDS =
  "missionId hashtag steward status participantCount pledgeCount endorsementCount escrowCount funded pending";

/** Missions whose hashtag contains `search` (without `#`, any case the indexer stored), newest first. */
export async function fetchMissions(base: string, search: string): Promise<MissionRow[]> {
  const text = search.replace(/^#/, "").trim();
  const where = text === "" ? "" : `where: { hashtag_contains_nocase: ${JSON.stringify(text)} }, `;
  const data = await graphql(
    base,
    `{ missions(${where}orderBy: "missionId", orderDirection: "desc", limit: 200) { items { ${MISSION_FIELDS} } } }`,
    z.object({ missions: page(missionRow) }),
  );
  return data.missions.items;
}

/** The missions `steward` steers, newest first. */
export async function fetchStewardMissions(base: string, steward: Address): Promise<MissionRow[]> {
  const data = await graphql(
    base,
    `{ missions(where: { steward: "${steward.toLowerCase()}" }, orderBy: "missionId", orderDirection: "desc", limit: 200) { items { ${MISSION_FIELDS} } } }`,
    z.object({ missions: page(missionRow) }),
  );
  return data.missions.items;
}

export interface MissionDetail {
  mission: MissionRow;
  escrows: EscrowRow[];
  pools: PoolRow[];
  slots: SlotRow[];
  participants: ParticipantRow[];
  pledges: PledgeRow[];
  endorsements: EndorsementRow[];
}

/** A mission with its escrows, pools, metric slots, participants, pledges and endorsements. */
export async function fetchMission(base: string, missionId: bigint): Promise<MissionDetail> {
  const res = await fetch(`${base}/missions/${missionId}`);
  if (res.status === 404) throw new Error(`There is no mission ${missionId}.`);
  if (!res.ok) throw new Error(`indexer: HTTP ${res.status} from /missions/${missionId}`);
  const dashboard = z
    .object({ mission: missionRow, escrows: z.array(escrowRow), pools: z.array(poolRow) })
    .parse(await res.json());
  const id = missionId.toString();
  const lists = await graphql(
    base,
    `{
      metricValues(where: { missionId: "${id}" }, orderBy: "period", limit: 1000) {
        items { goalId period status reportCount proposedValue finalValue disputed }
      }
      participants(where: { missionId: "${id}" }, limit: 1000) { items { account roles } }
      pledges(where: { missionId: "${id}" }, limit: 1000) { items { account pledgeIndex uri } }
      endorsements(where: { missionId: "${id}" }, limit: 1000) { items { endorser participant } }
    }`,
    z.object({
      metricValues: page(slotRow),
      participants: page(participantRow),
      pledges: page(pledgeRow),
      endorsements: page(endorsementRow),
    }),
  );
  return {
    ...dashboard,
    slots: lists.metricValues.items,
    participants: lists.participants.items,
    pledges: lists.pledges.items,
    endorsements: lists.endorsements.items,
  };
}
