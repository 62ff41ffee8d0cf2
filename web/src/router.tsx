/**
 * A hash router in a few lines (no dependency): `#/` missions, `#/missions/<id>`, `#/escrows/<address>`, `#/pools/<address>`,
 * `#/evaluate` the evaluator console, `#/steward` the steward's page, `#/create` a new escrow or pool. Hash URLs
 * work from any static server and inside a Safe's iframe. After each navigation the page's `<h1>` takes the focus,
 * so a screen reader announces the new page and the keyboard starts from its top.
 */
import { useEffect, useRef, useSyncExternalStore, type ReactNode } from "react";

export type Route =
  | { page: "missions" }
  | { page: "mission"; missionId: bigint }
  | { page: "escrow"; address: `0x${string}` }
  | { page: "pool"; address: `0x${string}` }
  | { page: "evaluate" }
  | { page: "steward" }
  | { page: "create" }
  | { page: "notFound"; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "") || "/";
  if (path === "/") return { page: "missions" };
  if (path === "/evaluate") return { page: "evaluate" };
  if (path === "/steward") return { page: "steward" };
  if (path === "/create") return { page: "create" };
  const mission = /^\/missions\/(\d+)$/.exec(path);
  if (mission?.[1] !== undefined) return { page: "mission", missionId: BigInt(mission[1]) };
  const escrow = /^\/escrows\/(0x[0-9a-fA-F]{40})$/.exec(path);
  if (escrow?.[1] !== undefined && escrow[1].startsWith("0x"))
    return { page: "escrow", address: `0x${escrow[1].slice(2)}` };
  const pool = /^\/pools\/(0x[0-9a-fA-F]{40})$/.exec(path);
  if (pool?.[1] !== undefined && pool[1].startsWith("0x")) return { page: "pool", address: `0x${pool[1].slice(2)}` };
  return { page: "notFound", path };
}

export const href = {
  missions: () => "#/",
  mission: (missionId: bigint) => `#/missions/${missionId}`,
  escrow: (address: string) => `#/escrows/${address}`,
  pool: (address: string) => `#/pools/${address}`,
  evaluate: () => "#/evaluate",
  steward: () => "#/steward",
  create: () => "#/create",
};

function subscribe(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, () => window.location.hash));
}

/** A page's heading: focused when the page opens (not on the first load, where the browser starts at the top). */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (document.activeElement !== document.body || window.history.length > 1) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
