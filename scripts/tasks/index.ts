import type { TaskDefinition } from "hardhat/types/tasks";
import { poolTasks } from "./pool.js";

/// Every CLI task of the suite, one module per task group.
export const tasks: TaskDefinition[] = [...poolTasks];
