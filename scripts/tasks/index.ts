import type { TaskDefinition } from "hardhat/types/tasks";
import { oracleTasks } from "./oracle.js";

/// Every CLI task of the suite, one module per task group.
export const tasks: TaskDefinition[] = [...oracleTasks];
