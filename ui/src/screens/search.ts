// Search everything: the box in the header of every screen, and the results screen it
// fills as the chair types. Snippets arrive as runs of text; the words found become
// <mark> elements built here, never HTML from the records.
import { api } from "../api";
import type { SearchField } from "../bindings/SearchField";
import type { SearchGroup } from "../bindings/SearchGroup";
import type { SearchHit } from "../bindings/SearchHit";
import type { SearchKind } from "../bindings/SearchKind";
import type { SearchResults } from "../bindings/SearchResults";
import type { SearchTarget } from "../bindings/SearchTarget";
import type { SnippetRun } from "../bindings/SnippetRun";
import { h, mount } from "../dom";
import { shortDate } from "../format";
import { navigate, rewriteAddress, withQuery, type Params } from "../router";
import { clearErrors, errorsFrom, heading, pageTitle, render, selectField, showErrors, textField } from "../ui";

const KIND_LABELS: Record<SearchKind, string> = {
  meeting: "Meetings",
  item: "Agenda items and notes",
  outcome: "Outcomes",
  action: "Actions and updates",
  proposal: "Proposals",
  statement: "Needs and strengths",
  network: "Networks",
  person: "People",
};

const FIELD_LABELS: Record<SearchField, string> = {
  title: "Title",
  location: "Location",
  description: "Description",
  notes: "Notes",
  outcome: "Outcome",
  owner: "Owner",
  update: "Update",
  decline_reason: "Reason declined",
  name: "Name",
  department: "Department",
  parent: "Parent department",
  email: "Email",
  need: "Need",
  strength: "Strength",
  detail: "Detail",
  pronouns: "Pronouns",
};

/** Fields that are the record's own name: the hit's link shows them highlighted. */
const NAMING: SearchField[] = ["title", "name"];

/** Hits a kind shows among all kinds, and when it is the only kind asked for. */
const FEW = 5;
const MANY = 50;

/** Where a hit opens: an item's notes open on that item (the run-the-meeting screen). */
export function targetHref(t: SearchTarget): string {
  switch (t.to) {
    case "meeting":
      return `#/meetings/${t.meetingId}`;
    case "item":
      return `#/meetings/${t.meetingId}/run/${t.position}`;
    case "action":
      return `#/actions/${t.actionId}`;
    case "proposal":
      return `#/meetings/${t.meetingId}`;
    case "submission":
      return `#/meetings/${t.meetingId}/submissions/${t.networkId}`;
    case "network":
      return `#/networks/${t.networkId}`;
    case "person":
      return `#/people/${t.personId}`;
  }
}

/** The runs of a snippet: words found as <mark>, the rest as text. */
function runs(list: SnippetRun[]): (Node | string)[] {
  return list.map((r) => (r.highlighted ? h("mark", { class: "fd-mark-found" }, r.text) : r.text));
}

// ---------------------------------------------------------------------------------
// The header's box

let box: HTMLInputElement | null = null;
/** Set while the results screen shows: new words go straight to it. */
let typed: ((text: string, focusResults: boolean) => void) | null = null;
/** Asked by Enter before the results screen was open: focus its results once shown. */
let focusWhenShown = false;

function editable(el: EventTarget | null): boolean {
  const e = el as HTMLElement | null;
  return !!e && (e.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(e.tagName));
}

function showResults(text: string, focusResults: boolean): void {
  if (typed) {
    typed(text, focusResults);
    return;
  }
  focusWhenShown = focusResults;
  navigate(withQuery("/search", { q: text }));
}

/**
 * The search landmark for the header: a labelled box (`/` or Ctrl+K from anywhere),
 * results as you type, Enter to move to them.
 */
export function searchBox(): HTMLElement {
  const input = h("input", {
    class: "govuk-input fd-search__input",
    id: "search-box",
    name: "q",
    type: "search",
    autocomplete: "off",
    spellcheck: "false",
    placeholder: "Search everything",
    "aria-keyshortcuts": "/ Control+K",
    "aria-describedby": "search-keys",
  });
  box = input;
  // Results once typing pauses; Enter at once (and the pause's search is dropped, so it
  // cannot arrive after Enter's and take the focus request with it).
  let pause: number | undefined;
  input.addEventListener("input", () => {
    window.clearTimeout(pause);
    pause = window.setTimeout(() => showResults(input.value, false), 150);
  });
  const form = h(
    "form",
    {
      class: "fd-search",
      role: "search",
      "aria-label": "Search the records",
      id: "search-form",
      novalidate: true,
      "data-keeps-focus": true,
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        window.clearTimeout(pause);
        showResults(input.value, true);
      },
    },
    h("label", { class: "govuk-visually-hidden", for: "search-box" }, "Search meetings, notes, actions, networks and people"),
    input,
    h("span", { class: "govuk-visually-hidden", id: "search-keys" }, "Press slash or Control K to come back here; results show as you type; Enter moves to them."),
    h("button", { type: "submit", class: "govuk-button govuk-button--inverse fd-search__button", id: "search-button" }, "Search"),
  );
  return form;
}

// `/` (when not typing in a field) or Ctrl+K from anywhere: to the box, its text selected.
document.addEventListener("keydown", (ev) => {
  if (!box || !document.body.contains(box)) return;
  const slash = ev.key === "/" && !ev.ctrlKey && !ev.metaKey && !ev.altKey && !editable(ev.target);
  const ctrlK = (ev.ctrlKey || ev.metaKey) && !ev.altKey && ev.key.toLowerCase() === "k";
  if (!slash && !ctrlK) return;
  ev.preventDefault();
  box.focus();
  box.select();
});

/** Called on every screen change: the box shows the words only on the results screen. */
export function leaveSearch(nav: string): void {
  if (nav === "search") return;
  typed = null;
  if (box && document.activeElement !== box) box.value = "";
}

// ---------------------------------------------------------------------------------
// The results screen

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface State {
  q: string;
  kind: SearchKind | "";
  year: string;
  from: string;
  to: string;
  network: string;
}

function address(s: State): string {
  return withQuery("/search", { q: s.q, kind: s.kind, year: s.year, from: s.from, to: s.to, network: s.network });
}

export async function searchScreen(main: HTMLElement, params: Params): Promise<void> {
  pageTitle("Search");
  const state: State = {
    // Words typed while this screen was on its way are newer than the address's.
    q: box && document.activeElement === box ? box.value : params.q ?? "",
    kind: (params.kind && params.kind in KIND_LABELS ? params.kind : "") as SearchKind | "",
    year: /^\d{4}$/.test(params.year ?? "") ? (params.year as string) : "",
    from: ISO_DATE.test(params.from ?? "") ? (params.from as string) : "",
    to: ISO_DATE.test(params.to ?? "") ? (params.to as string) : "",
    network: /^\d+$/.test(params.network ?? "") ? (params.network as string) : "",
  };
  if (box && document.activeElement !== box) box.value = state.q;

  // Enter in the box moves the focus here (and the router leaves it here).
  const summary = h("p", { class: "govuk-body govuk-!-font-weight-bold", id: "search-summary", role: "status", "aria-live": "polite", tabindex: "-1", "data-keeps-focus": true });
  const results = h("div", { id: "search-results" });
  const filters = h("div", { class: "fd-toolbar", id: "search-filters" });

  // Each answer carries its number; one that comes back after a newer question was
  // asked is dropped, so a slow answer never replaces a newer one. Enter's request to
  // move to the results waits for whichever answer is shown next.
  let asked = 0;
  let focusPending = focusWhenShown;
  focusWhenShown = false;
  const run = async () => {
    const mine = ++asked;
    rewriteAddress(address(state));
    if (!state.q.trim()) {
      summary.textContent = "Type in the search box at the top of the page: a word, part of a name, or \u201ca phrase in quotes\u201d.";
      mount(results);
      return;
    }
    try {
      const r = await api.search({
        text: state.q,
        kind: state.kind || null,
        year: state.year ? Number(state.year) : null,
        from: state.from || null,
        to: state.to || null,
        networkId: state.network ? Number(state.network) : null,
        limit: state.kind ? MANY : FEW,
      });
      if (mine !== asked) return;
      clearErrors(main);
      draw(r);
      if (focusPending) {
        focusPending = false;
        summary.focus();
      }
    } catch (e) {
      if (mine !== asked) return;
      showErrors(main, errorsFrom(e));
    }
  };

  const draw = (r: SearchResults) => {
    const words = `\u201c${state.q.trim()}\u201d`;
    const count = `${r.total.toLocaleString("en-GB")}${r.more ? "+" : ""}`;
    summary.textContent = r.groups.length
      ? `${count} result${r.total === 1 && !r.more ? "" : "s"} for ${words}${r.message ? `. ${r.message}` : ""}`
      : r.message ?? `No results for ${words}. Check the spelling, try fewer words, or clear a filter.`;
    mount(results, r.groups.map((g) => group(g, state)));
  };

  typed = (text, focusResults) => {
    state.q = text;
    focusPending ||= focusResults;
    void run();
  };

  const change = (key: "kind" | "year" | "from" | "to" | "network") => (ev: Event) => {
    const value = (ev.target as HTMLSelectElement | HTMLInputElement).value;
    if (key === "kind") state.kind = value as SearchKind | "";
    else state[key] = value;
    // A year and a range of dates are two ways of saying when: the newer choice wins.
    if (key === "year" && value) {
      state.from = state.to = "";
      for (const id of ["field-from", "field-to"]) {
        const input = document.getElementById(id) as HTMLInputElement | null;
        if (input) input.value = "";
      }
    }
    if ((key === "from" || key === "to") && value && state.year) {
      state.year = "";
      const select = document.getElementById("field-year") as HTMLSelectElement | null;
      if (select) select.value = "";
    }
    void run();
  };

  render(main, ...heading("Search"), filters, summary, results);
  // The results first; the filters' choices as they come.
  const first = run();
  const [years, networks] = await Promise.all([
    api.listMeetings().then((list) => [...new Set(list.map((m) => m.meeting.date.slice(0, 4)))].sort().reverse()).catch(() => [] as string[]),
    api.listNetworks({ search: null, kind: null, includeInactive: true }).catch(() => []),
  ]);
  const kind = selectField("searchKind", "Kind", state.kind, [{ value: "", label: "Everything" }, ...Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))]);
  const year = selectField("year", "Year", state.year, [{ value: "", label: "Any year" }, ...years.map((y) => ({ value: y, label: y }))]);
  const network = selectField("searchNetwork", "Network", state.network, [
    { value: "", label: "Any network" },
    ...networks.map((n) => ({ value: String(n.id), label: `${n.name} (${n.department})` })),
  ]);
  kind.querySelector("select")?.addEventListener("change", change("kind"));
  year.querySelector("select")?.addEventListener("change", change("year"));
  network.querySelector("select")?.addEventListener("change", change("network"));
  network.querySelector("select")?.classList.add("fd-search__network");
  const from = textField("from", "From", state.from, { type: "date", widthClass: "govuk-input--width-10" });
  const to = textField("to", "To", state.to, { type: "date", widthClass: "govuk-input--width-10" });
  from.querySelector("input")?.addEventListener("change", change("from"));
  to.querySelector("input")?.addEventListener("change", change("to"));
  mount(filters, kind, year, from, to, network);
  await first;
}

function group(g: SearchGroup, state: State): HTMLElement {
  const id = `results-${g.kind}`;
  const label = KIND_LABELS[g.kind];
  const count = `${g.count.toLocaleString("en-GB")}${g.more ? "+" : ""}`;
  const hidden = g.more || g.count > g.hits.length;
  return h(
    "section",
    { class: "fd-results", "aria-labelledby": id, "data-kind": g.kind },
    h("h2", { class: "govuk-heading-m", id }, label, h("span", { class: "fd-muted fd-results__count" }, ` ${count}`)),
    h("ol", { class: "govuk-list fd-results__list" }, g.hits.map(hit)),
    hidden && !state.kind
      ? h("p", { class: "govuk-body" }, h("a", { class: "govuk-link", href: `#${address({ ...state, kind: g.kind })}`, id: `more-${g.kind}` }, `Show more ${label.toLowerCase()}`))
      : hidden
        ? h("p", { class: "govuk-body-s fd-muted" }, `The best ${g.hits.length} are shown. Choose a year or a network to narrow them.`)
        : null,
  );
}

function hit(x: SearchHit): HTMLElement {
  // The words were found in the record's own name (or all of it, as in a short action):
  // its link shows them, and no snippet repeats it.
  const naming = NAMING.includes(x.field) || x.snippet.map((r) => r.text).join("") === x.title;
  const meta = [naming ? null : FIELD_LABELS[x.field], x.context, x.meeting ? `${x.meeting.title}, ${shortDate(x.meeting.date)}` : null].filter(Boolean).join(" \u00b7 ");
  return h(
    "li",
    { class: "fd-result" },
    h("a", { class: "govuk-link fd-result__title", href: targetHref(x.target) }, naming ? runs(x.snippet) : x.title),
    meta ? h("p", { class: "govuk-body-s fd-muted govuk-!-margin-bottom-1" }, meta) : null,
    naming ? null : h("p", { class: "govuk-body fd-result__snippet" }, runs(x.snippet)),
  );
}
