/** The validated run-time config, for every component below the root. */
import { createContext, useContext } from "react";
import type { AppConfig } from "./config";

export const ConfigContext = createContext<AppConfig | undefined>(undefined);

export function useAppConfig(): AppConfig {
  const config = useContext(ConfigContext);
  if (config === undefined) throw new Error("useAppConfig outside ConfigContext");
  return config;
}
