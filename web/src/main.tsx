/** Entry: loads `/config.json`, then mounts the app with its wallet (wagmi) and data (TanStack Query) providers. */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { WagmiProvider } from "wagmi";
import { App } from "./App";
import { ConfigContext } from "./context";
import { loadConfig } from "./config";
import { wagmiConfig } from "./wagmi";
import "./styles.css";

const root = createRoot(document.getElementById("root") ?? document.body);
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

loadConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <ConfigContext.Provider value={config}>
          <WagmiProvider config={wagmiConfig(config)}>
            <QueryClientProvider client={queryClient}>
              <App />
            </QueryClientProvider>
          </WagmiProvider>
        </ConfigContext.Provider>
      </StrictMode>,
    ),
  (error: unknown) =>
    root.render(
      <main>
        <h1>The app cannot start</h1>
        <p role="alert">{error instanceof Error ? error.message : String(error)}</p>
      </main>,
    ),
);
