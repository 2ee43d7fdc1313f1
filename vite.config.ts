import { vitePlugin as remix } from "@remix-run/dev";
import { installGlobals } from "@remix-run/node";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

installGlobals({ nativeFetch: true });

// `shopify app dev` passes the tunnel URL as SHOPIFY_APP_URL; HMR must go through it.
const appUrl = new URL(process.env.SHOPIFY_APP_URL || "http://localhost:3000");
const port = Number(process.env.PORT || 3000);
const hmr =
  appUrl.hostname === "localhost"
    ? { protocol: "ws", host: "localhost", port: 64999, clientPort: 64999 }
    : { protocol: "wss", host: appUrl.hostname, port: Number(process.env.FRONTEND_PORT) || 8002, clientPort: 443 };

/** Vite's default browser target ("modules"), spelled out so that the server build's CSS matches the client's. */
const BROWSER_CSS_TARGET = ["es2020", "edge88", "firefox78", "chrome87", "safari14"];

export default defineConfig(({ isSsrBuild }) => ({
  server: { port, hmr, fs: { allow: ["app", "node_modules"] } },
  plugins: [
    remix({
      ignoredRouteFiles: ["**/.*", "**/*.test.*"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tsconfigPaths(),
  ],
  // The server bundle runs on Node 22 (app/db.server.ts uses a top-level await); the browser bundle keeps Vite's default.
  // CSS is built for the browsers in both: the server renders the stylesheet's hashed URL, which must be the file the
  // client build names, or hydration fails on the <link>.
  build: { assetsInlineLimit: 0, cssTarget: BROWSER_CSS_TARGET, ...(isSsrBuild ? { target: "node22" } : {}) },
  optimizeDeps: { include: ["@shopify/app-bridge-react", "@shopify/polaris"] },
}));
