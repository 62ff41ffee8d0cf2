/**
 * A scheduled impact pool (issue #12) — and a classed one (issue #13), which is a scheduled pool with investor
 * classes — as its page reads it from the chain: the terms of the factory's `ScheduledPoolCreated` event (its
 * payment points and tranche schedule), each point's header (`pointHeader`: the committee versions pinned for it),
 * the ledger, the `PointSettled` events and each open point's `previewPayment` through the same `readPointViews` as
 * the scheduled escrow's page; the connected account's commitment per tier and refund; and for a classed pool the
 * factory's `CapitalStructureCreated` event, each class's raise, what it was distributed (its token's
 * `ClassDistributed` events) and the account's class shares and claimable amount.
 */
import type { Address, PublicClient } from "viem";
import { pointOf } from "../../../scripts/outcomes/schedule-points.js";
import { erc20Abi, impactPoolAbi, impactPoolFactoryAbi, poolShareClassAbi } from "../abis";
import { readPointViews } from "../schedule";

export async function readScheduledPool(
  client: PublicClient,
  pool: Address,
  factory: Address,
  classed: boolean,
  account: Address | undefined,
) {
  const [created] = await client.getContractEvents({
    address: factory,
    abi: impactPoolFactoryAbi,
    eventName: "ScheduledPoolCreated",
    args: { pool },
    fromBlock: 0n,
    strict: true,
  });
  if (created === undefined) throw new Error(`no ScheduledPoolCreated event for ${pool}`);
  const terms = created.args.terms;
  const points = terms.paymentSchedule.points.map(pointOf);
  const [ledger, headers, settledLogs, block] = await Promise.all([
    client.readContract({ address: pool, abi: impactPoolAbi, functionName: "ledger" }),
    Promise.all(
      points.map((_, i) =>
        client.readContract({ address: pool, abi: impactPoolAbi, functionName: "pointHeader", args: [BigInt(i)] }),
      ),
    ),
    client.getContractEvents({
      address: pool,
      abi: impactPoolAbi,
      eventName: "PointSettled",
      fromBlock: 0n,
      strict: true,
    }),
    client.getBlock(),
  ]);
  const header = headers[0];
  if (header === undefined) throw new Error(`the scheduled pool ${pool} has no point`);
  const settledBy = new Map(settledLogs.map((log) => [Number(log.args.index), log.args]));
  const commitmentsOpen = block.timestamp <= BigInt(terms.raiseDeadline);
  const { views, bounds } = await readPointViews(client, {
    points,
    settledBy,
    header,
    versionsOf: (i) => headers[i]?.versions ?? 0n,
    ledger,
    gracePeriod: BigInt(terms.gracePeriod),
    closed: commitmentsOpen ? "commitments are open until the raise deadline" : undefined,
    preview: (i, call) =>
      client.readContract({
        address: pool,
        abi: impactPoolAbi,
        functionName: "previewPayment",
        args: [BigInt(i), call.bytes, call.proof],
      }),
  });
  const tiers = header.tiers.map((t) => t.coPayWad);
  const mine =
    account === undefined
      ? undefined
      : {
          allowance: await client.readContract({
            address: terms.token,
            abi: erc20Abi,
            functionName: "allowance",
            args: [account, pool],
          }),
          tierCommitments: await Promise.all(
            tiers.map((_, t) =>
              client.readContract({
                address: pool,
                abi: impactPoolAbi,
                functionName: "tierCommitmentOf",
                args: [account, BigInt(t)],
              }),
            ),
          ),
        };
  return {
    terms,
    ledger,
    header,
    tiers,
    points: views,
    bounds,
    commitmentsOpen,
    mine,
    ...(classed ? await readClasses(client, pool, factory, account) : { classes: [], capital: undefined }),
  };
}

export type ScheduledPoolView = Awaited<ReturnType<typeof readScheduledPool>>;

/**
 * Each class of a classed pool, in seniority order, with the connected account's part in it; and the structure's
 * guarantee and provider incentive, with where the guarantee stands (its `GuaranteeCommitted`, `GuaranteeCalled` and
 * `GuaranteeReturned` events).
 */
async function readClasses(client: PublicClient, pool: Address, factory: Address, account: Address | undefined) {
  const [created] = await client.getContractEvents({
    address: factory,
    abi: impactPoolFactoryAbi,
    eventName: "CapitalStructureCreated",
    args: { pool },
    fromBlock: 0n,
    strict: true,
  });
  if (created === undefined) throw new Error(`no CapitalStructureCreated event for ${pool}`);
  const { capital, classTokens } = created.args;
  const classes = await Promise.all(
    capital.classes.map(async (terms, i) => {
      const address = classTokens[i];
      if (address === undefined) throw new Error(`class ${i} of ${pool} has no share token`);
      const [raised, distributions, shares, claimable] = await Promise.all([
        // The class's supply is its raise, stored by the pool (docs/capital-structure.md).
        client.readContract({ address: pool, abi: impactPoolAbi, functionName: "classRaised", args: [BigInt(i)] }),
        client.getContractEvents({
          address,
          abi: poolShareClassAbi,
          eventName: "ClassDistributed",
          fromBlock: 0n,
          strict: true,
        }),
        account === undefined
          ? 0n
          : client.readContract({ address, abi: poolShareClassAbi, functionName: "balanceOf", args: [account] }),
        account === undefined
          ? 0n
          : client.readContract({ address, abi: poolShareClassAbi, functionName: "claimable", args: [account] }),
      ]);
      const distributed = distributions.reduce((sum, log) => sum + log.args.amount, 0n);
      return { index: i, terms, address, raised, distributed, shares, claimable };
    }),
  );
  const none = capital.guarantee === 0n; // no guarantee: no guarantee event to read
  const from = { address: pool, abi: impactPoolAbi, fromBlock: 0n, strict: true } as const;
  const [posted, called, returned] = await Promise.all([
    none ? [] : client.getContractEvents({ ...from, eventName: "GuaranteeCommitted" }),
    none ? [] : client.getContractEvents({ ...from, eventName: "GuaranteeCalled" }),
    none ? [] : client.getContractEvents({ ...from, eventName: "GuaranteeReturned" }),
  ]);
  const guarantee = {
    posted: posted.length > 0,
    called: called.flatMap((log) => log.args.toClasses).reduce((a, b) => a + b, 0n),
    returned: returned.reduce((a, log) => a + log.args.amount, 0n),
    settled: called.length > 0 || returned.length > 0,
  };
  const { guarantor, provider, providerBps } = capital;
  return { classes, capital: { guarantor, guarantee: capital.guarantee, provider, providerBps, status: guarantee } };
}

export type CapitalView = NonNullable<ScheduledPoolView["capital"]>;

export type ClassView = ScheduledPoolView["classes"][number];
