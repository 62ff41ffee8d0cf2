/**
 * The hash a pledge or an endorsement records for its text: keccak256 of the text's UTF-8 bytes. One function for
 * the CLI (`mission:pledge --content`, `mission:endorse --contribution`) and the web app's pledge form.
 */
import { keccak256, stringToBytes, type Hex } from "viem";

export function textHash(text: string): Hex {
  return keccak256(stringToBytes(text));
}
