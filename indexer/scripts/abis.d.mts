/** Types of abis.mjs (the ABI generator, plain JavaScript so it runs before anything is compiled). */
export declare const ARTIFACTS: Record<string, string>;
/** Writes indexer/generated/abis.ts from the artifacts; returns its path. */
export declare function writeAbis(): string;
