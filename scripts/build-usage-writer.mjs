#!/usr/bin/env node
// Second step of `npm run build`: bundles the usage writer thread's entry (docs/decisions/0020) beside the server
// bundle, as build/server/usage-writer-thread.js, which the server starts as a worker thread on SQLite. Remix's build
// makes one server bundle per app; a worker thread needs a file of its own. Packages stay external, as in the server
// bundle, so the thread loads the same libSQL build from node_modules as the web thread.
import path from "node:path";
import { build } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

const root = path.resolve(import.meta.dirname, "..");

await build({
  root,
  configFile: false,
  logLevel: "warn",
  plugins: [tsconfigPaths()],
  build: {
    ssr: path.join(root, "app/lib/usage/writer-thread-entry.server.ts"),
    outDir: path.join(root, "build/server"),
    emptyOutDir: false,
    target: "node22",
    rollupOptions: { output: { format: "esm", entryFileNames: "usage-writer-thread.js", inlineDynamicImports: true } },
  },
});
