import { defineConfig } from "vite";

// The build lands inside the Python package so `pip install` ships the explorer
// without Node.js at run time; FastAPI serves index.html at / and files at /assets.
export default defineConfig({
  base: "/",
  build: {
    outDir: "../api/static",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    // Vite would inline small assets as data: URLs and a module-preload polyfill
    // as an inline script; the CSP forbids inline scripts, so keep both out.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { "/graphql": "http://127.0.0.1:8000", "/export": "http://127.0.0.1:8000" },
  },
});
