/** Types of abis.mjs (the indexer's entry to tools/gen-abis.mjs, plain JavaScript so it runs before any build). */
export declare const KINDS: string[];
/** Writes both generated ABI files; returns the indexer's and each contract kind's artifact (under artifacts/). */
export declare function writeAbis(): { out: string; files: Record<string, string> };
/** Events of indexed contract kinds the indexer does not handle yet (kind → event names; tools/gen-abis.mjs). */
export declare const NOT_INDEXED_EVENTS: Record<string, Set<string>>;
