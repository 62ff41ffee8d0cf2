/**
 * A committee version as a person writes it — comma-separated members, quorum, challenge window, bond token, bond
 * (whole tokens), arbiter, optional adapter — checked field by field into the oracle's `CommitteeInput` (the bond
 * stays text: its base units need the bond token's decimals, read from the chain by the caller). One check for
 * `oracle:committee` and the web app's steward page; each error is the CLI's line `--<field>: <message> (got "…")`.
 */
import type { Address } from "viem";
import { CliError } from "../core/cli-error.js";
import { parseFlag } from "./flag.js";
import { decimalAmount, hexAddress as address, positiveUintFlag, uintFlag } from "./primitives.js";

export const ZERO_ADDRESS: Address = "0x0000000000000000000000000000000000000000";

/** The fields as typed (the task's flags, the page's inputs); `adapter` "" for none. */
export interface CommitteeFields {
  members: string;
  quorum: string;
  window: string;
  bondToken: string;
  bond: string;
  arbiter: string;
  adapter: string;
}

/** The checked committee: the oracle's `CommitteeInput` but for the bond, still whole-token text. */
export interface CommitteeText {
  members: Address[];
  quorum: number;
  challengeWindow: number;
  bondToken: Address;
  bondText: string;
  arbiter: Address;
  adapter: Address;
}

/** Checks every field in order; throws a CliError naming the first bad one. */
export function parseCommitteeFields(fields: CommitteeFields): CommitteeText {
  const members = fields.members.split(",").map((m, i) => parseFlag(`members.${i}`, address, m.trim()));
  const quorum = Number(
    parseFlag(
      "quorum",
      positiveUintFlag.refine((q) => q <= BigInt(members.length), "must be ≤ the number of members"),
      fields.quorum,
    ),
  );
  const committee: CommitteeText = {
    members,
    quorum,
    challengeWindow: Number(
      parseFlag(
        "window",
        uintFlag.refine((w) => w < 2n ** 32n, "must fit in uint32"),
        fields.window,
      ),
    ),
    bondToken: parseFlag("bondToken", address, fields.bondToken),
    bondText: parseFlag("bond", decimalAmount(), fields.bond),
    arbiter: parseFlag("arbiter", address, fields.arbiter),
    adapter: fields.adapter === "" ? ZERO_ADDRESS : parseFlag("adapter", address, fields.adapter),
  };
  if (new Set(members.map((m) => m.toLowerCase())).size !== members.length)
    throw new CliError("--members: duplicate member");
  return committee;
}
