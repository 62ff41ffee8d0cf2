import { expect } from "chai";
import { readFileSync } from "node:fs";
import {
  SCHEDULE_NOT_DEPLOYABLE as ESCROW_NOT_DEPLOYABLE,
  toContractTerms,
  toEscrowSchedule,
} from "../../../scripts/formats/escrow-terms.js";
import { readEscrowTerms } from "../../../scripts/formats/escrow-terms-file.js";
import {
  buildPoolSchedule,
  buildScheduledPoolTerms,
  buildPoolTerms,
  SCHEDULED_POOL,
} from "../../../scripts/formats/pool-terms.js";
import { NO_CAP } from "../../../scripts/formats/schedule-terms.js";
import { E18, readEscrowTermsFrom, validSchedule, type Json } from "../helpers/schedule-terms.js";

const TOKEN = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

describe("the schedule examples (examples/escrows: scheduled escrows; examples/pools: a scheduled pool)", () => {
  const escrows = ["examples/escrows/rate-card-escrow.json", "examples/escrows/cohort-bond-escrow.json"];
  const POOL = "examples/pools/yearly-outcomes-pool.json";

  it("each escrow example passes the checker, and the OutcomeEscrow conversion refuses it in one line", () => {
    for (const file of escrows) {
      const terms = readEscrowTerms(file);
      expect(terms.description, file).to.include("ScheduledEscrowFactory");
      const s = toEscrowSchedule(terms, 0n, 18, file);
      expect(s.points.length, file).to.be.greaterThan(1);
      expect(() => toContractTerms(terms, 0n, 18, file, TOKEN)).to.throw(`${file}: ${ESCROW_NOT_DEPLOYABLE}`);
    }
    const rateCard = toEscrowSchedule(readEscrowTerms(escrows[0]!), 0n, 18);
    expect(rateCard.cap).to.equal(60_000n * E18);
    expect(rateCard.keyCaps).to.deep.equal([NO_CAP, 20_000n * E18]);
    expect(rateCard.points.map((p) => p.cap)).to.deep.equal([40_000n * E18, 40_000n * E18]);
    const bond = toEscrowSchedule(readEscrowTerms(escrows[1]!), 0n, 18);
    expect(bond.points.map((p) => [p.cumulative, p.trigger.any, p.trigger.conditions.length])).to.deep.equal([
      [false, false, 1],
      [false, false, 1],
      [true, true, 2],
    ]);
  });

  it("the pool example passes the checker (two payer tiers, one a 20 % co-payment) and converts for createScheduledPool only", () => {
    const raw = JSON.parse(readFileSync(POOL, "utf8")) as Json;
    expect(raw.description).to.include("createScheduledPool");
    const s = buildPoolSchedule(raw, { now: 0n, decimals: 6 });
    expect(s.tiers).to.deep.equal([{ coPayWad: E18 / 5n }, { coPayWad: 0n }]);
    expect(s.points.map((p) => p.potWad)).to.deep.equal(Array(3).fill(333_333_333_333_333_333n));
    expect(() => buildPoolTerms(raw, { now: 0n, decimals: 6, token: TOKEN })).to.throw(SCHEDULED_POOL);
    const terms = buildScheduledPoolTerms(raw, { now: 0n, decimals: 6, token: TOKEN });
    expect(terms.paymentSchedule).to.deep.equal(s);
    expect(terms.capitalTarget).to.equal(100_000n * 10n ** 6n);
    expect(terms).to.not.have.property("basket");
  });

  it("a terms file has exactly one of outcomes/basket and schedule; a pool's repayment goes with its basket", () => {
    const escrow = JSON.parse(readFileSync("examples/escrows/reading-escrow.json", "utf8")) as Json;
    const both = { ...escrow, schedule: validSchedule() };
    expect(() => readEscrowTermsFrom(both)).to.throw("schedule: write exactly one of outcomes and schedule");
    const pool = JSON.parse(readFileSync(POOL, "utf8")) as Json;
    const repaid = { ...pool, repayment: { threshold: "0.3", principalAt: "0.6", maxReturn: "0.2" } };
    expect(() => buildPoolSchedule(repaid, { now: 0n, decimals: 6 })).to.throw(
      "repayment: only with a basket (a schedule's payments are what investors receive)",
    );
    const neither = { ...pool, schedule: undefined };
    expect(() => buildPoolSchedule(neither, { now: 0n, decimals: 6 })).to.throw(
      "basket: write exactly one of basket and schedule",
    );
  });
});
