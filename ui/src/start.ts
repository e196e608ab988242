// What the first screen needs, handed to the page by the app before its script runs
// (src-tauri/src/desktop.rs, start_script): no IPC round trip while the window is still
// being drawn. Taken once, on the first load only: after a reload (switching between
// chair and lead mode) the page asks through the commands like every later screen.
import type { StartData } from "./bindings/StartData";

declare global {
  interface Window {
    __FORUM_DESK_START__?: StartData;
  }
}

export function takeStartData(): StartData | null {
  const data = window.__FORUM_DESK_START__ ?? null;
  delete window.__FORUM_DESK_START__;
  const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  if (!data || nav?.type !== "navigate") return null;
  return data;
}
