import { task } from "hardhat/config";
import { lazyAction } from "../options.js";

/** `data:export`: Rebuilds missions, reports, escrows, pools and payouts from events and writes JSON/CSV tables. */
export const dataExportTask = task(
  "data:export",
  "Rebuilds missions, reports, escrows, pools and payouts from events and writes JSON/CSV tables",
)
  .addOption({ name: "out", description: "Output directory", defaultValue: "out" })
  .addOption({
    name: "fromBlock",
    description:
      "First block to read (default: the deployment's first block, from its Ignition journal; 0 with address flags)",
    defaultValue: "",
  })
  .addOption({ name: "toBlock", description: "Last block to read (default: latest)", defaultValue: "" })
  .addOption({ name: "chunk", description: "Blocks per eth_getLogs request", defaultValue: "2000" })
  .addOption({
    name: "rpc",
    description: "Read from this JSON-RPC URL instead of the Hardhat network (no network config needed)",
    defaultValue: "",
  })
  .addOption({ name: "registry", description: "MissionRegistry address (default: address book)", defaultValue: "" })
  .addOption({ name: "oracle", description: "MetricOracle address (default: address book)", defaultValue: "" })
  .addOption({
    name: "escrowFactory",
    description: "OutcomeEscrowFactory address (default: address book)",
    defaultValue: "",
  })
  .addOption({
    name: "poolFactory",
    description: "ImpactPoolFactory address (default: address book; none recorded = no pools)",
    defaultValue: "",
  })
  .addOption({
    name: "scheduledEscrowFactory",
    description: "ScheduledEscrowFactory address (default: address book; none recorded = no scheduled escrows)",
    defaultValue: "",
  })
  .addOption({
    name: "fromIndexer",
    description: "Download the same files from a running indexer (its base URL) instead of reading logs",
    defaultValue: "",
  })
  .setAction(lazyAction(["out"], async () => (await import("../actions/data.js")).exportAction))
  .build();
