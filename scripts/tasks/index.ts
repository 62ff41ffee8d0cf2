import type { TaskDefinition } from "hardhat/types/tasks";

/// Every CLI task of the suite, one module per task group.
export const tasks: TaskDefinition[] = [];
