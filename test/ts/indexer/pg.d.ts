/** node-postgres ships no types and @types/pg is no dependency of ours: the indexer test types the three calls it makes. */
declare module "pg";
