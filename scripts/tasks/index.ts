import type { TaskDefinition } from "hardhat/types/tasks";
import { escrowTasks } from "./escrow.js";

/// Every CLI task of the suite, one module per task group.
export const tasks: TaskDefinition[] = [...escrowTasks];
