// The web app's build: React, a relative base (the built app is served from any path), and read access to the
// repo's shared TypeScript (scripts/core: ABIs, revert sentences, units) outside this folder.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  plugins: [react()],
  server: { fs: { allow: [".."] } },
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1024 },
});
