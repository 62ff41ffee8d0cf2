/** A participant's roles: the registry's bit flags (IMissionRegistry.Role), by name. */
export const ROLES: readonly (readonly [bit: number, name: string])[] = [
  [1, "funder"],
  [2, "provider"],
  [4, "evaluator"],
  [8, "investor"],
  [16, "supporter"],
];

/** `funder, supporter`; "participant" for a mask with no known role. */
export const roleNames = (roles: number): string =>
  ROLES.filter(([bit]) => (roles & bit) !== 0)
    .map(([, name]) => name)
    .join(", ") || "participant";
