/**
 * A participant's roles: the registry's bit flags (`IMissionRegistry.Role`: funder 1, provider 2, evaluator 4,
 * investor 8, supporter 16), by name. No dependency: the CLI (`mission-doc.ts` re-exports it) and the web app share it.
 */
export const ROLE_NAMES = ["funder", "provider", "evaluator", "investor", "supporter"] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/** The role names of a bit mask. */
export function roleNames(mask: number): RoleName[] {
  return ROLE_NAMES.filter((_, i) => (mask & (1 << i)) !== 0);
}

/** A mission's lifecycle (`IMissionRegistry.MissionStatus`), by the number the registry returns. */
export const STATUS_NAMES = ["None", "Draft", "Active", "Concluded"] as const;
