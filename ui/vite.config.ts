import { defineConfig } from "vite";
import { viteSingleFile } from "vite-plugin-singlefile";

// The built UI is embedded in the binary by Tauri; relative asset paths keep it
// loadable from the app's custom protocol.
export default defineConfig({
  base: "./",
  // The stylesheet is written into index.html: linked, it arrived after the script had
  // drawn the meetings, and WebKit then styled and laid the page out a second time (about
  // 18 ms of the window's start, docs/benchmarks.md). The script stays a file of its own,
  // as do the screens it loads later. The CSS file is still written, for the start-up
  // probe's styled page (public/styled.html).
  plugins: [viteSingleFile({ useRecommendedBuildConfig: false, inlinePattern: ["assets/index.css"], deleteInlinedFiles: false })],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    // The start reads only the code of the first screen (the meetings list and the
    // header's search); every other screen is its own file, loaded when first opened
    // (ui/src/main.ts, lazy): 37 KB to compile at start instead of 143 KB.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // Stable names: the files are embedded, so there is no cache to bust, and the
    // start-up probe's styled page (public/styled.html) links the stylesheet by name.
    rollupOptions: { output: { assetFileNames: "assets/[name][extname]", entryFileNames: "assets/[name].js", chunkFileNames: "assets/[name].js" } },
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
