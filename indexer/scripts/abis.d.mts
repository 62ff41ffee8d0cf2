/** Types of abis.mjs (the indexer's entry to tools/gen-abis.mjs, plain JavaScript so it runs before any build). */
export declare const KINDS: string[];
/** Writes both generated ABI files; returns the indexer's and each contract kind's artifact (under artifacts/). */
export declare function writeAbis(): { out: string; files: Record<string, string> };
