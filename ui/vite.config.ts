import { defineConfig } from "vite";

// The built UI is embedded in the binary by Tauri; relative asset paths keep it
// loadable from the app's custom protocol.
export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    // One small bundle: the app starts from local files, so splitting buys nothing.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // Stable names: the files are embedded, so there is no cache to bust, and the
    // start-up probe's styled page (public/styled.html) links the stylesheet by name.
    rollupOptions: { output: { assetFileNames: "assets/[name][extname]", entryFileNames: "assets/[name].js" } },
  },
  css: {
    preprocessorOptions: {
      scss: {
        loadPaths: ["node_modules"],
        quietDeps: true,
        silenceDeprecations: ["import", "global-builtin", "mixed-decls", "color-functions", "slash-div", "if-function"],
      },
    },
  },
});
