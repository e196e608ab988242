// Hash routes ("#/networks/3"). Only hashes that start with "#/" are routes; plain
// anchors (the skip link, error summary links) move focus and leave the route alone.

export type Params = Record<string, string>;
export type Screen = (main: HTMLElement, params: Params) => Promise<void> | void;

interface Route {
  pattern: RegExp;
  keys: string[];
  screen: Screen;
  nav: string;
}

const routes: Route[] = [];

/** `path` like "/networks/:id/edit"; `nav` names the menu item to mark as current. */
export function route(path: string, nav: string, screen: Screen): void {
  const keys: string[] = [];
  const pattern = new RegExp(
    "^" +
      path.replace(/:(\w+)/g, (_, k: string) => {
        keys.push(k);
        return "([^/]+)";
      }) +
      "$",
  );
  routes.push({ pattern, keys, screen, nav });
}

export function navigate(path: string): void {
  if (location.hash === `#${path}`) void show();
  else location.hash = path;
}

/** Shows `path` in place of the current address (no new history entry). */
export function replaceWith(path: string): void {
  history.replaceState(history.state, "", `#${path}`);
  void show();
}

export function currentPath(): string {
  return location.hash.startsWith("#/") ? location.hash.slice(1) : "/";
}

let onNav: (nav: string) => void = () => {};

// Work a screen must finish before the next one shows (saving what was typed).
let leaveHooks: (() => Promise<void>)[] = [];

/** Runs `fn` before the current screen is left, and when the window is hidden or closed. */
export function onLeave(fn: () => Promise<void>): void {
  leaveHooks.push(fn);
}

function runLeaveHooks(): Promise<unknown> {
  const hooks = leaveHooks;
  leaveHooks = [];
  return Promise.all(hooks.map((h) => h().catch(() => undefined)));
}
let main: HTMLElement;

export function start(mainEl: HTMLElement, setNav: (nav: string) => void): void {
  main = mainEl;
  onNav = setNav;
  window.addEventListener("hashchange", () => {
    if (location.hash === "" || location.hash.startsWith("#/")) void show();
  });
  // In-page anchors: move focus to the target instead of changing the route.
  document.addEventListener("click", (ev) => {
    const a = (ev.target as Element | null)?.closest?.("a[href^='#']");
    const href = a?.getAttribute("href") ?? "";
    if (!a || href.startsWith("#/")) return;
    ev.preventDefault();
    const target = document.getElementById(href.slice(1));
    if (target) {
      if (!target.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA|BUTTON|A)$/.test(target.tagName)) target.setAttribute("tabindex", "-1");
      target.focus();
      target.scrollIntoView({ block: "center" });
    }
  });
  const flushNow = () => {
    for (const h of leaveHooks) void h().catch(() => undefined);
  };
  window.addEventListener("pagehide", flushNow);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flushNow();
  });
  void show();
}

// Which showing is the latest: a screen that sends the window elsewhere (the start's
// redirect from "/") must not then take the focus and the scroll from the one it opened.
let showing = 0;

/**
 * A screen whose code is loaded the first time it is opened (a separate file of the
 * build): the window's start reads and compiles only the code of its first screen
 * (start-up budget, docs/benchmarks.md). Not shown if the window has moved on while
 * the code was loading.
 */
export function lazy<M>(load: () => Promise<M>, pick: (module: M) => Screen): Screen {
  return async (main, params) => {
    const mine = showing;
    const screen = pick(await load());
    if (mine === showing) await screen(main, params);
  };
}

async function show(): Promise<void> {
  const mine = ++showing;
  await runLeaveHooks();
  // "/search?q=words": the query's fields are parameters too (the path's win).
  const [path, query] = splitQuery(currentPath());
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    const params: Params = Object.fromEntries(new URLSearchParams(query));
    r.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])));
    onNav(r.nav);
    await r.screen(main, params);
    if (mine !== showing) return;
    // Tell assistive technology the page changed, as a full page load would; but not
    // while someone is typing in a control that asked to keep the focus (the header's
    // search box, whose results this screen is).
    if (!document.activeElement?.closest("[data-keeps-focus]")) main.focus({ preventScroll: true });
    window.scrollTo(0, 0);
    return;
  }
  navigate("/");
}

function splitQuery(path: string): [string, string] {
  const at = path.indexOf("?");
  return at === -1 ? [path, ""] : [path.slice(0, at), path.slice(at + 1)];
}

/** "/search?q=a+b" from a path and its query fields (empty ones left out). */
export function withQuery(path: string, fields: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Records `path` as the current address without showing it again (no hashchange). */
export function rewriteAddress(path: string): void {
  if (location.hash !== `#${path}`) history.replaceState(history.state, "", `#${path}`);
}
