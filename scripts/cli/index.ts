import type { TaskDefinition } from "hardhat/types/tasks";
import { dataTasks } from "./data.js";
import { deployTasks } from "./deploy.js";
import { escrowTasks } from "./escrow.js";
import { missionTasks } from "./mission.js";
import { oracleTasks } from "./oracle.js";
import { poolTasks } from "./pool.js";

/// Every CLI task of the suite, one module per task group.
export const tasks: TaskDefinition[] = [
  ...missionTasks,
  ...oracleTasks,
  ...escrowTasks,
  ...poolTasks,
  ...dataTasks,
  ...deployTasks,
];
