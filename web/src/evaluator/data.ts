/**
 * What the evaluator console lists, from the indexer's tables (validated with zod): committees, goals, metric slots,
 * disputes and the missions' hashtags. Which of them concern the connected account — the committees it sits on, the
 * disputes it arbitrates — is decided here; the live state of each slot is then read from the chain by the page.
 */
import { getAddress, type Address } from "viem";
import { z } from "zod";
import { graphql, page } from "../indexer";

const big = z.union([z.string(), z.number()]).transform((v) => BigInt(v));
const address = z.string().transform((a): Address => getAddress(a));

const committeeRow = z.object({
  missionId: big,
  version: z.number(),
  members: z.string().transform((m) =>
    m
      .split("|")
      .filter((a) => a !== "")
      .map((a) => getAddress(a)),
  ),
  quorum: z.number(),
  challengeWindow: z.number(),
  bondToken: address,
  bondAmount: big,
  arbiter: address,
});
export type CommitteeRow = z.infer<typeof committeeRow>;

const goalRow = z.object({
  missionId: big,
  goalId: z.number(),
  metricKey: z.string(),
  decimals: z.number(),
  firstPeriodEnd: big,
  periodLength: big,
  periodCount: z.number(),
  reportingWindow: big,
});
export type GoalRow = z.infer<typeof goalRow>;

const slotRow = z.object({
  missionId: big,
  goalId: z.number(),
  period: z.number(),
  status: z.string(),
  committeeVersion: z.number().nullable(),
  proposedValue: big.nullable(),
  disputed: z.boolean(),
});
export type IndexedSlot = z.infer<typeof slotRow>;

const disputeRow = z.object({
  missionId: big,
  goalId: z.number(),
  period: z.number(),
  disputer: address,
  bondToken: address,
  bond: big,
  outcome: z.string(),
});
export type DisputeRow = z.infer<typeof disputeRow>;

export interface EvaluatorData {
  committees: CommitteeRow[];
  goals: GoalRow[];
  slots: IndexedSlot[];
  disputes: DisputeRow[];
  hashtags: Map<bigint, string>;
}

/** Every committee, goal, slot, open dispute and mission hashtag the indexer holds (a thousand of each at most). */
export async function fetchEvaluatorData(base: string): Promise<EvaluatorData> {
  const data = await graphql(
    base,
    `
      {
        committees(limit: 1000) {
          items {
            missionId
            version
            members
            quorum
            challengeWindow
            bondToken
            bondAmount
            arbiter
          }
        }
        goals(limit: 1000) {
          items {
            missionId
            goalId
            metricKey
            decimals
            firstPeriodEnd
            periodLength
            periodCount
            reportingWindow
          }
        }
        metricValues(limit: 1000) {
          items {
            missionId
            goalId
            period
            status
            committeeVersion
            proposedValue
            disputed
          }
        }
        disputes(where: { outcome: "pending" }, limit: 1000) {
          items {
            missionId
            goalId
            period
            disputer
            bondToken
            bond
            outcome
          }
        }
        missions(limit: 1000) {
          items {
            missionId
            hashtag
          }
        }
      }
    `,
    z.object({
      committees: page(committeeRow),
      goals: page(goalRow),
      metricValues: page(slotRow),
      disputes: page(disputeRow),
      missions: page(z.object({ missionId: big, hashtag: z.string() })),
    }),
  );
  return {
    committees: data.committees.items,
    goals: data.goals.items,
    slots: data.metricValues.items,
    disputes: data.disputes.items,
    hashtags: new Map(data.missions.items.map((m) => [m.missionId, m.hashtag])),
  };
}

/** One slot of one committee version: what a report, a dispute or a resolution names. */
export interface SlotRef {
  missionId: bigint;
  version: number;
  goalId: number;
  period: number;
}

export interface ReportableSlot extends SlotRef {
  decimals: number;
  metricKey: string;
  periodEnd: bigint;
  reportingDeadline: bigint;
}

/**
 * The slots `account` may report at `now` as a member of a committee: each goal period of those missions that has
 * ended and whose reporting window is still open (the registry's `periodWindow` rule), soonest deadline first; and
 * how many periods open later.
 */
export function reportableSlots(
  data: EvaluatorData,
  account: Address,
  now: bigint,
): { open: ReportableSlot[]; later: number } {
  const open: ReportableSlot[] = [];
  let later = 0;
  for (const c of data.committees.filter((c) => c.members.includes(account))) {
    for (const g of data.goals.filter((g) => g.missionId === c.missionId)) {
      for (let period = 1; period <= g.periodCount; period++) {
        const periodEnd = g.firstPeriodEnd + BigInt(period - 1) * g.periodLength;
        const reportingDeadline = periodEnd + g.reportingWindow;
        if (periodEnd >= now) later++;
        else if (reportingDeadline >= now) {
          open.push({
            ...c,
            goalId: g.goalId,
            period,
            decimals: g.decimals,
            metricKey: g.metricKey,
            periodEnd,
            reportingDeadline,
          });
        }
      }
    }
  }
  open.sort((a, b) =>
    a.reportingDeadline < b.reportingDeadline ? -1 : a.reportingDeadline > b.reportingDeadline ? 1 : 0,
  );
  return { open, later };
}

/** The goal row of a slot (its decimals), when the indexer has it. */
export const goalOf = (data: EvaluatorData, s: { missionId: bigint; goalId: number }): GoalRow | undefined =>
  data.goals.find((g) => g.missionId === s.missionId && g.goalId === s.goalId);

/** The committee version a slot is bound to. */
export const committeeOf = (data: EvaluatorData, s: { missionId: bigint; version: number }): CommitteeRow | undefined =>
  data.committees.find((c) => c.missionId === s.missionId && c.version === s.version);

/** `#hashtag goal g, period p`: a slot as the page names it. */
export const slotName = (data: EvaluatorData, s: SlotRef): string =>
  `#${data.hashtags.get(s.missionId) ?? `mission ${s.missionId}`} goal ${s.goalId}, period ${s.period}`;
