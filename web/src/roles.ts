/** A participant's roles for the page, from the CLI's own table (`scripts/formats/roles.ts`). */
import { ROLE_NAMES, roleNames as names } from "../../scripts/formats/roles.js";

/** Each role's bit and name, in the registry's order. */
export const ROLES: readonly (readonly [bit: number, name: string])[] = ROLE_NAMES.map((name, i) => [1 << i, name]);

/** `funder, supporter`; "participant" for a mask with no known role. */
export const roleNames = (roles: number): string => names(roles).join(", ") || "participant";
