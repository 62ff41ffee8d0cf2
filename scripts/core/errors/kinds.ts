/**
 * What one entry of the error table is made of: the kind of each argument (how it is printed), what the caller knows
 * about a revert (`RevertContext`), and the helpers the per-domain tables share.
 */
import type { TokenUnits } from "../units.js";
import type { EnumName } from "./enums.js";

/** How one argument of an error is printed. */
export type ArgKind =
  /** As it is (ids, counts, indexes, hashes). */
  | "plain"
  /** A checksummed address. */
  | "address"
  /** Unix seconds → ISO time. */
  | "time"
  /** Seconds → `14 d`. */
  | "duration"
  /** Token base units → whole tokens with the symbol (when the context knows the token). */
  | "amount"
  /** A goal-scaled metric value → with the goal's decimals (when the context knows them). */
  | "metric"
  /** 1e18 = 100 % → a percentage. */
  | "wad"
  /** 10 000 = 100 % → a percentage. */
  | "bps"
  /** A packed bytes32 hashtag → `#text`. */
  | "hashtag"
  /** A bytes1 character → the character. */
  | "char"
  /** A member of one of the suite's enums, by name. */
  | { enum: EnumName };

/** The suite contracts whose errors share a selector (`WrongState(uint8)`, `NotAClone()`…) and need naming. */
export type SuiteContract = "OutcomeEscrow" | "ImpactPool";

/** What the caller knows about a revert that the revert data does not say. */
export interface RevertContext {
  /** The contract called: names the status of `WrongState(uint8)` (an escrow's Status or a pool's Phase). */
  contract?: SuiteContract;
  /** The token of the amounts in the error (the escrow's or pool's token, the bond token…). */
  token?: TokenUnits;
  /** Decimals of the goal whose metric values the error carries. */
  metricDecimals?: number;
}

/** One table entry: the kinds of the error's arguments, by ABI name, and its sentence. */
export interface ErrorFormat {
  args: Record<string, ArgKind>;
  say: (f: Record<string, string>, raw: Record<string, unknown>, ctx: RevertContext) => string;
}

/** A table entry whose sentence reads the arguments it declares (typed by their names). */
export function entry<const N extends string>(
  args: Record<N, ArgKind>,
  say: (f: Record<N, string>, raw: Record<N, unknown>, ctx: RevertContext) => string,
): ErrorFormat {
  return { args, say };
}

/** An entry for an error without arguments. */
export const fixed = (sentence: string): ErrorFormat => entry({}, () => sentence);

/** The arguments naming a metric slot, and the slot as words. */
export const SLOT = { missionId: "plain", goalId: "plain", period: "plain" } as const;
export const slot = (f: { missionId: string; goalId: string; period: string }): string =>
  `mission ${f.missionId} goal ${f.goalId} period ${f.period}`;
export const SLOT_STATUS = { enum: "IMetricFeed.SlotStatus" } as const;
export const MISSION_STATUS = { enum: "IMissionRegistry.MissionStatus" } as const;
export const direction = (lowerIsBetter: unknown): string => (lowerIsBetter === true ? "falling" : "rising");
export const count = (n: string, one: string, many = `${one}s`): string => `${n} ${n === "1" ? one : many}`;
