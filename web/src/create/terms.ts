/**
 * A terms file on the create page, checked exactly as `escrow:create` / `pool:create` check it: parsed JSON, the
 * shared zod schema (`parseEscrowTerms`, `poolTermsSchema` through `buildPoolTerms`), then the CLI's own conversion
 * to the factory's struct (`toContractTerms`, `toScheduledTerms`, `buildPoolTerms`, `buildScheduledPoolTerms`, and
 * for a scheduled pool with a `capital` section `buildClassedPoolTerms`, the terms and capital structure
 * `createClassedPool` takes) — so the page's one-line error names the same field as the terminal, and the structs
 * sent are the ones the CLI sends.
 */
import { CliError } from "../../../scripts/core/cli-error.js";
import {
  parseEscrowTerms,
  toContractTerms,
  toScheduledTerms,
  type ContractTerms,
  type ScheduledContractTerms,
} from "../../../scripts/formats/escrow-terms.js";
import type { CapitalStructureStruct } from "../../../scripts/formats/capital-terms.js";
import type { CurveStruct } from "../../../scripts/formats/outcome-terms.js";
import {
  buildClassedPoolTerms,
  buildPoolTerms,
  buildScheduledPoolTerms,
  type PoolTermsStruct,
  type ScheduledPoolTermsStruct,
} from "../../../scripts/formats/pool-terms.js";
import type { ScheduleStruct } from "../../../scripts/formats/schedule-structs.js";
import { TermKind } from "../../../scripts/formats/schedule-structs.js";
import { slotKey } from "../../../scripts/outcomes/schedule-preview.js";

export type TermsKind = "escrow" | "pool";

/** What the factory call takes, by contract. */
export type Created =
  | { contract: "escrow"; terms: ContractTerms }
  | { contract: "scheduledEscrow"; terms: ScheduledContractTerms }
  | { contract: "pool"; terms: PoolTermsStruct }
  | { contract: "scheduledPool"; terms: ScheduledPoolTermsStruct }
  | { contract: "classedPool"; terms: ScheduledPoolTermsStruct; capital: CapitalStructureStruct };

/** A slot the terms read (a term's or a trigger condition's), for the what-if inputs. */
export interface SlotRef {
  key: string;
  missionId: bigint;
  goalId: number;
  period: number;
}

/** A curve (or a rate card) to chart: its label and what the preview needs. */
export type Chartable =
  | { label: string; kind: "curve"; curve: CurveStruct; ceilingWad: bigint }
  | {
      label: string;
      kind: "rateCard";
      price: bigint;
      scaleWad: bigint;
      reference: bigint;
      improvement: boolean;
      lowerIsBetter: boolean;
      capPerPoint: bigint;
    };

export type TermsCheck =
  | { ok: true; created: Created; schedule?: ScheduleStruct; charts: Chartable[]; slots: SlotRef[] }
  | { ok: false; error: string };

const WAD = 10n ** 18n;

function slotsOf(refs: readonly { missionId: bigint; goalId: number; period: number }[]): SlotRef[] {
  const seen = new Map<string, SlotRef>();
  for (const r of refs) {
    const key = slotKey(r.missionId, r.goalId, r.period);
    if (!seen.has(key)) seen.set(key, { key, missionId: r.missionId, goalId: r.goalId, period: r.period });
  }
  return [...seen.values()];
}

function scheduleParts(schedule: ScheduleStruct): { charts: Chartable[]; slots: SlotRef[] } {
  const charts = schedule.points.flatMap((p, i) =>
    p.terms.map((t, k): Chartable => {
      const label = `Point ${i} term ${k}: goal ${t.goalId} period ${t.period}`;
      return t.kind === TermKind.Curve
        ? { label, kind: "curve", curve: t.curve, ceilingWad: t.ceilingWad }
        : {
            label,
            kind: "rateCard",
            price: t.price,
            scaleWad: t.scaleWad,
            reference: t.referenceValue,
            improvement: t.source === 1,
            lowerIsBetter: t.lowerIsBetter,
            capPerPoint: t.capPerPoint,
          };
    }),
  );
  const slots = slotsOf(schedule.points.flatMap((p) => [...p.terms, ...p.trigger.conditions]));
  return { charts, slots };
}

function outcomeParts(outcomes: readonly { missionId: bigint; goalId: number; period: number; curve: CurveStruct }[]) {
  return {
    charts: outcomes.map((o, i): Chartable => ({
      label: `Outcome ${i}: goal ${o.goalId} period ${o.period}`,
      kind: "curve",
      curve: o.curve,
      ceilingWad: WAD,
    })),
    slots: slotsOf(outcomes),
  };
}

/**
 * Checks `text` as a terms file of `kind` for a token with `decimals` at chain time `now` (relative times count
 * from it); `token` replaces the file's (the page's token field). One line naming the field when it fails.
 */
export function checkTerms(kind: TermsKind, text: string, now: bigint, decimals: number, token?: string): TermsCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `JSON: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}` };
  }
  try {
    if (kind === "escrow") {
      const parsed = parseEscrowTerms(raw);
      if (parsed.schedule !== undefined) {
        const terms = toScheduledTerms(parsed, now, decimals, undefined, token ?? parsed.token);
        const schedule = terms.paymentSchedule;
        return { ok: true, created: { contract: "scheduledEscrow", terms }, schedule, ...scheduleParts(schedule) };
      }
      const terms = toContractTerms(parsed, now, decimals, undefined, token ?? parsed.token);
      return { ok: true, created: { contract: "escrow", terms }, ...outcomeParts(terms.outcomes) };
    }
    const opts = { now, decimals, ...(token === undefined ? {} : { token }) };
    if (typeof raw === "object" && raw !== null && "schedule" in raw) {
      // As `pool:create`: a schedule with a `capital` section is a classed pool (createClassedPool, issue #13).
      if ("capital" in raw) {
        const { terms, capital } = buildClassedPoolTerms(raw, opts);
        const schedule = terms.paymentSchedule;
        return { ok: true, created: { contract: "classedPool", terms, capital }, schedule, ...scheduleParts(schedule) };
      }
      const terms = buildScheduledPoolTerms(raw, opts);
      const schedule = terms.paymentSchedule;
      return { ok: true, created: { contract: "scheduledPool", terms }, schedule, ...scheduleParts(schedule) };
    }
    const terms = buildPoolTerms(raw, opts);
    return { ok: true, created: { contract: "pool", terms }, ...outcomeParts(terms.basket) };
  } catch (err) {
    if (err instanceof CliError) return { ok: false, error: err.message };
    throw err; // not the file's fault: a bug, left to surface
  }
}
