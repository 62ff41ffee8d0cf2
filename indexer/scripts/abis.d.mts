/** Types of abis.mjs (the indexer's entry to tools/gen-abis.mjs, plain JavaScript so it runs before any build). */
export declare const KINDS: string[];
/** Writes both generated ABI files; returns the indexer's and each contract kind's artifact (under artifacts/). */
export declare function writeAbis(): { out: string; files: Record<string, string> };
/** Events a linked library emits in a kind's context, added to its ABI (kind → [library, event]; tools/gen-abis.mjs). */
export declare const LIBRARY_EVENTS: Record<string, [library: string, event: string][]>;
/** Events of followed kinds the indexer does not handle yet (kind → event names; tools/gen-abis.mjs). */
export declare const NOT_INDEXED_EVENTS: Record<string, Set<string>>;
