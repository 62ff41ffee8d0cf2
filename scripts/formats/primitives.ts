import { getAddress } from "ethers";
import { z } from "zod";

/**
 * A 20-byte address in a terms file: any all-lower or all-upper case hex is accepted (no checksum to check), but a
 * MIXED-case address must carry a valid EIP-55 checksum — a wrong one usually means a mistyped character, so it is
 * refused with one line naming the field and the checksummed form of what was typed. Output: the checksummed address.
 */
export const eip55Address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte address")
  .superRefine((value, ctx) => {
    const hex = value.slice(2);
    const mixed = /[a-f]/.test(hex) && /[A-F]/.test(hex);
    if (mixed && getAddress(value.toLowerCase()) !== value) {
      ctx.addIssue({
        code: "custom",
        message: `bad EIP-55 checksum (mixed-case address; did you mean ${getAddress(value.toLowerCase())}?)`,
      });
    }
  })
  .transform((value) => getAddress(value.toLowerCase()));
