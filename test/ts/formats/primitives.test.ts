import { expect } from "chai";
import {
  duration,
  eip55Address,
  positiveUintFlag,
  resolveTime,
  time,
  timeSeconds,
  toBaseUnits,
  toDuration,
  uint,
  uintFlag,
} from "../../../scripts/formats/primitives.js";

const message = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

describe("input primitives (formats/primitives.ts)", () => {
  it("addresses: any single case, a mixed case only with a valid EIP-55 checksum; output checksummed", () => {
    const good = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";
    expect(eip55Address.parse(good.toLowerCase())).to.equal(good);
    expect(eip55Address.parse(good)).to.equal(good);
    expect(message(eip55Address.safeParse(good.replace("E", "e")))).to.match(/^bad EIP-55 checksum .*did you mean/);
    expect(message(eip55Address.safeParse("0x12"))).to.equal("must be a 0x-prefixed 20-byte address");
  });

  it("integers: flags take digits, JSON takes integers or digit strings beyond 2^53", () => {
    expect(uintFlag.parse("0")).to.equal(0n);
    expect(message(uintFlag.safeParse("-1"))).to.equal("must be a non-negative integer");
    expect(message(positiveUintFlag.safeParse("0"))).to.equal("must be greater than zero");
    expect(uint.parse("123456789012345678901234567890")).to.equal(123456789012345678901234567890n);
    expect(uint.parse(7)).to.equal(7n);
    expect(message(uint.safeParse(1.5))).to.equal("must be a non-negative integer");
  });

  it("amounts: whole tokens to base units exactly, never rounded", () => {
    expect(toBaseUnits("12.5", 6)).to.deep.equal({ ok: true, value: 12_500_000n });
    expect(toBaseUnits("1.0000001", 6)).to.deep.equal({ ok: false, reason: "more than 6 decimals" });
    expect(toBaseUnits("1e3", 6).ok).to.equal(false);
  });

  it("durations and times: seconds, '30d', ISO date-times and '+30d' from a given now", () => {
    expect(toDuration(duration.parse("30d"))).to.equal(2_592_000n);
    expect(toDuration(duration.parse(60))).to.equal(60n);
    expect(duration.safeParse("30 days").success).to.equal(false);
    expect(timeSeconds(time.parse("+1h"), 1_000n)).to.equal(4_600n);
    expect(timeSeconds(time.parse("2030-01-01T00:00:00Z"), 0n)).to.equal(1_893_456_000n);
    expect(timeSeconds(time.parse(1_700_000_000), 0n)).to.equal(1_700_000_000n);
    expect(time.safeParse("tomorrow").success).to.equal(false);
    expect(resolveTime("+2w", 0)).to.equal(1_209_600);
  });
});
