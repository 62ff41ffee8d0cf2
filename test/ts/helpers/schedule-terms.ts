/**
 * Builders shared by the schedule terms-format tests (test/ts/formats/schedule-terms*.test.ts): a valid schedule that
 * touches every field, its conversion as an escrow of mission 7, the one-line refusal of a change to it.
 */
import { expect } from "chai";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CliError } from "../../../scripts/core/cli.js";
import { readEscrowTerms } from "../../../scripts/formats/escrow-terms-file.js";
import { scheduleOf } from "../../../scripts/formats/schedule-terms.js";

export const E18 = 10n ** 18n;
export type Json = Record<string, unknown>;

/** A valid schedule touching every field: a curve point, a rate-card point, a cumulative point, caps and tiers. */
export function validSchedule(): Json {
  const curveTerm = (weight: string, goalId: number) => ({
    kind: "curve",
    goalId,
    period: 1,
    weight,
    curve: { kind: "linear", baseline: 0, target: 100 },
  });
  return {
    points: [
      {
        deadline: 1_000,
        pot: "0.5",
        cap: "40000",
        trigger: { any: true, conditions: [{ goalId: 9, period: 1, threshold: 50 }] },
        terms: [curveTerm("0.6", 0), { ...curveTerm("0.4", 1), ceiling: "1.6", key: 1, capPerPoint: "5000" }],
      },
      {
        deadline: 2_000,
        pot: "0.5",
        terms: [
          { kind: "rateCard", goalId: 2, period: 2, key: 2, source: "count", price: "1200", capPerPoint: "30000" },
          {
            kind: "rateCard",
            goalId: 3,
            period: 2,
            key: 3,
            source: "improvement",
            reference: 400,
            lowerIsBetter: true,
            scale: "0.1",
            price: "2500",
          },
        ],
      },
      { deadline: 2_000, cumulative: true, pot: "1", terms: [curveTerm("1", 0)] },
    ],
    keyCaps: [
      { key: 2, cap: "30000" },
      { key: 3, cap: "20000" },
    ],
    cap: "60000",
    tiers: [{ coPay: "0.2" }, {}],
  };
}

/** Converts as an escrow of mission 7 does (slots may leave their missionId out). */
export const convert = (s: unknown) => scheduleOf(s, { decimals: 18, now: 0n, missionId: 7n });

/** The one-line CliError `change` (applied to a valid schedule) produces. */
export function errorOf(change: (s: Json) => void): string {
  const s = validSchedule();
  change(s);
  try {
    convert(s);
  } catch (err) {
    expect(err).to.be.instanceOf(CliError);
    const message = (err as Error).message;
    expect(message).to.not.include("\n");
    return message;
  }
  throw new Error("expected the schedule to be refused");
}

/** The object at `keys` inside `s`. */
export function at(s: Json, ...keys: (string | number)[]): Json {
  let node: unknown = s;
  for (const key of keys) node = (node as Record<string | number, unknown>)[key];
  return node as Json;
}
export const points = (s: Json) => s.points as Json[];

/** `readEscrowTerms` on a document instead of a file. */
export function readEscrowTermsFrom(doc: unknown): unknown {
  const file = path.join(tmpdir(), `schedule-terms-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return readEscrowTerms(file);
}
