/** The frame of every page: a skip link, the header with the wallet, the page of the current route. */
import { lazy, Suspense } from "react";
import { Wallet } from "./components/Wallet";
import { EscrowPage } from "./pages/EscrowPage";
import { MissionPage } from "./pages/MissionPage";
import { MissionsPage } from "./pages/MissionsPage";
import { PoolPage } from "./pages/PoolPage";
import { href, PageHeading, useRoute } from "./router";

/** The evaluator console is a chunk of its own, fetched when its route opens (the first page stays light). */
const EvaluatePage = lazy(() => import("./pages/EvaluatePage"));
/** Loaded when first opened: its JSON Schema validator stays out of the first page's bundle. */
const StewardPage = lazy(() => import("./pages/StewardPage").then((m) => ({ default: m.StewardPage })));
/** Loaded when first opened: the terms formats, the settlement mirror and the charts stay out of the first page. */
const CreatePage = lazy(() => import("./pages/CreatePage"));

export function App() {
  const route = useRoute();
  return (
    <>
      <a className="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById("main")?.focus())}>
        Skip to content
      </a>
      <header className="top">
        <a className="brand" href={href.missions()}>
          Collective Impact
        </a>
        <nav aria-label="Pages">
          <a href={href.evaluate()}>Evaluate</a>
          <a href={href.steward()}>Steward</a>
          <a href={href.create()}>Create</a>
        </nav>
        <Wallet />
      </header>
      <main id="main" tabIndex={-1}>
        {route.page === "missions" && <MissionsPage />}
        {route.page === "mission" && <MissionPage key={route.missionId.toString()} missionId={route.missionId} />}
        {route.page === "escrow" && <EscrowPage key={route.address} address={route.address} />}
        {route.page === "pool" && <PoolPage key={route.address} address={route.address} />}
        {route.page === "evaluate" && (
          <Suspense fallback={<p aria-live="polite">Loading the evaluator console…</p>}>
            <EvaluatePage />
          </Suspense>
        )}
        {route.page === "steward" && (
          <Suspense fallback={<p aria-live="polite">Loading the steward's page…</p>}>
            <StewardPage />
          </Suspense>
        )}
        {route.page === "create" && (
          <Suspense fallback={<p aria-live="polite">Loading the create page…</p>}>
            <CreatePage />
          </Suspense>
        )}
        {route.page === "notFound" && (
          <>
            <PageHeading>Page not found</PageHeading>
            <p>
              Nothing lives at <code>{route.path}</code>. <a href={href.missions()}>See all missions</a>.
            </p>
          </>
        )}
      </main>
    </>
  );
}
