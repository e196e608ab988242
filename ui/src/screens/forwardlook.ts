// The forward look for a meeting's cycle: who has sent needs and strengths (and whom to
// chase), the picture of needs against strengths by theme, and each need with the other
// networks whose strengths could help. Submissions come in here: a lead's file, a form
// export, or typed by the chair.
import { open, save } from "@tauri-apps/plugin-dialog";
import { api } from "../api";
import type { Entry } from "../bindings/Entry";
import type { ForwardLook } from "../bindings/ForwardLook";
import type { StatementChange } from "../bindings/StatementChange";
import type { SubmissionsPreview } from "../bindings/SubmissionsPreview";
import type { ThemeGroup } from "../bindings/ThemeGroup";
import { svg } from "../svg";
import { h, mount } from "../dom";
import { longDate, plural } from "../format";
import { navigate, type Params } from "../router";
import { backLink, clearErrors, dataTable, errorsFrom, filePathField, flash, heading, inputValue, pageTitle, render, showErrors } from "../ui";
import { formImport } from "./formimport";


/** Needs to the left, strengths to the right, one row per theme: where help is short shows at once. */
function picture(groups: ThemeGroup[]): Element {
  const rowH = 30;
  const labelW = 300;
  const half = 170;
  const width = labelW + half * 2 + 20;
  const height = groups.length * rowH + 40;
  const max = Math.max(1, ...groups.map((g) => Math.max(g.needs.length, g.strengths.length)));
  const centre = labelW + half + 10;
  const scale = (n: number) => (n / max) * (half - 30);
  const rows = groups.map((g, i) => {
    const y = 30 + i * rowH;
    const name = g.theme ?? "No theme";
    return svg(
      "g",
      {},
      svg("text", { x: labelW - 8, y: y + 15, "text-anchor": "end", "font-size": 14, fill: "#0b0c0c" }, name.length > 38 ? `${name.slice(0, 37)}…` : name),
      svg("rect", { x: centre - scale(g.needs.length), y: y + 3, width: scale(g.needs.length), height: rowH - 8, fill: "#a3195b" }),
      svg("text", { x: centre - scale(g.needs.length) - 6, y: y + 15, "text-anchor": "end", "font-size": 13, fill: "#0b0c0c" }, String(g.needs.length)),
      svg("rect", { x: centre, y: y + 3, width: scale(g.strengths.length), height: rowH - 8, fill: "#1d70b8" }),
      svg("text", { x: centre + scale(g.strengths.length) + 6, y: y + 15, "font-size": 13, fill: "#0b0c0c" }, String(g.strengths.length)),
    );
  });
  return svg(
    "svg",
    { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "picture-title picture-desc", class: "fd-chart", id: "themes-picture" },
    svg("title", { id: "picture-title" }, "Needs and strengths by theme"),
    svg("desc", { id: "picture-desc" }, "Needs to the left of the centre line, strengths to the right. The table below has the figures."),
    svg("text", { x: centre - 10, y: 18, "text-anchor": "end", "font-size": 14, "font-weight": 700, fill: "#a3195b" }, "Needs"),
    svg("text", { x: centre + 10, y: 18, "font-size": 14, "font-weight": 700, fill: "#1d70b8" }, "Strengths"),
    svg("line", { x1: centre, x2: centre, y1: 24, y2: height - 10, stroke: "#0b0c0c", "stroke-width": 1 }),
    ...rows,
  );
}

function who(e: Entry): string {
  return `${e.networkName} (${e.department})`;
}

function entries(list: Entry[]): HTMLElement {
  if (!list.length) return h("p", { class: "govuk-body fd-muted" }, "None yet.");
  return h("ul", { class: "govuk-list govuk-list--bullet" }, list.map((e) => h("li", {}, e.text, h("span", { class: "fd-muted" }, ` (${who(e)})`))));
}

function changesList(changes: StatementChange[]): HTMLElement {
  return h(
    "ul",
    { class: "govuk-list govuk-list--bullet", id: "submission-changes" },
    changes.map((c) => h("li", {}, `${c.kind === "need" ? "Need" : "Strength"} ${c.rank}: `, h("del", {}, c.before ?? "(none)"), " becomes ", h("ins", {}, c.after ?? "(none)"))),
  );
}

/** The lead's file: import it, or (when the network already sent something else) show the changes and ask. */
function fileImport(id: number, main: HTMLElement): HTMLElement {
  const box = h("div", { id: "file-import-result" });
  const run = async (replace: boolean) => {
    clearErrors(main);
    const path = inputValue("submission-file").trim();
    if (!path) {
      showErrors(main, [{ field: "submission-file", message: "Enter the path of the submission file, or choose it" }]);
      return;
    }
    try {
      const r = await api.importSubmissionFile(path, id, replace);
      if (r.outcome === "needs_confirmation") {
        mount(
          box,
          h(
            "div",
            { class: "govuk-warning-text" },
            h("span", { class: "govuk-warning-text__icon", "aria-hidden": "true" }, "!"),
            h("strong", { class: "govuk-warning-text__text" }, h("span", { class: "govuk-visually-hidden" }, "Warning"), `${r.network} already sent needs and strengths for this forum. This file would change:`),
          ),
          changesList(r.changes),
          h(
            "div",
            { class: "govuk-button-group" },
            h("button", { type: "button", class: "govuk-button", id: "confirm-replace", onclick: () => run(true) }, "Replace (keep the earlier one in the history)"),
            h("button", { type: "button", class: "govuk-button govuk-button--secondary", onclick: () => mount(box) }, "Keep the current one"),
          ),
        );
        (box.querySelector("#confirm-replace") as HTMLElement | null)?.focus();
        return;
      }
      const what = r.unchanged ? "no change to its needs and strengths" : r.replaced ? "needs and strengths replaced" : "needs and strengths added";
      flash(`Imported ${r.network}'s submission: ${what}; ${plural(r.proposalsAdded, "agenda proposal")} added${r.registered ? "; registration recorded" : ""}.`);
      navigate(`/meetings/${id}/forward-look`);
    } catch (e) {
      showErrors(main, errorsFrom(e).map((x) => ({ ...x, field: x.field === "file" ? "submission-file" : x.field })));
    }
  };
  const choose = async () => {
    const picked = await open({ title: "Choose a submission file", multiple: false, directory: false, filters: [{ name: "Forum Desk submission", extensions: ["json"] }] });
    return typeof picked === "string" ? picked : null;
  };
  return h(
    "form",
    {
      novalidate: true,
      id: "submission-file-form",
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        void run(false);
      },
    },
    filePathField("submission-file", "A network lead's submission file", "The .json file a lead saved with Forum Desk. Its agenda items go to the proposals, its registration to the check-in list.", choose, (e) => showErrors(main, errorsFrom(e))),
    h("button", { class: "govuk-button govuk-button--secondary", type: "submit", id: "import-submission-file" }, "Import the file"),
    box,
  );
}

export async function forwardLook(main: HTMLElement, params: Params): Promise<void> {
  const id = Number(params.id);
  let look: ForwardLook;
  try {
    look = await api.forwardLook(id);
  } catch (e) {
    render(main, backLink(`#/meetings/${id}`, "Back to the meeting"));
    showErrors(main, errorsFrom(e));
    return;
  }
  pageTitle(`Forward look: ${look.meetingTitle}`);
  const total = look.submissions.length + look.chase.length;
  const exportCsv = async () => {
    try {
      const path = await save({ title: "Save the forward look", defaultPath: `forward-look-${look.meetingDate}.csv`, filters: [{ name: "CSV", extensions: ["csv"] }] });
      if (!path) return;
      const n = await api.exportForwardLook(id, path);
      mount(main.querySelector("#csv-done") as HTMLElement, `Saved ${plural(n, "need")} with their matches to ${path}.`);
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  };
  const groupTable = dataTable(
    "themes-table",
    "Needs and strengths by theme",
    ["Theme", "Needs", "Strengths"],
    look.themes.map((g) =>
      h("tr", { class: "govuk-table__row" }, h("th", { scope: "row", class: "govuk-table__header" }, g.theme ?? "No theme"), h("td", { class: "govuk-table__cell govuk-table__cell--numeric" }, String(g.needs.length)), h("td", { class: "govuk-table__cell govuk-table__cell--numeric" }, String(g.strengths.length))),
    ),
    "govuk-visually-hidden",
    [1, 2],
  );
  render(
    main,
    backLink(`#/meetings/${id}`, "Back to the meeting"),
    ...heading("Needs and strengths", `${look.meetingTitle}, ${longDate(look.meetingDate)}`),
    h("p", { class: "govuk-body-l", id: "submitted-count" }, `${look.submissions.length} of ${plural(total, "network")} have sent their top three needs and strengths.`),
    h(
      "div",
      { class: "govuk-button-group" },
      h("a", { href: `#/meetings/${id}/submissions/new`, class: "govuk-button govuk-button--secondary", role: "button", draggable: "false", id: "enter-submission" }, "Enter for a network"),
      h("a", { href: `#/meetings/${id}/submissions/import`, class: "govuk-button govuk-button--secondary", role: "button", draggable: "false", id: "import-form" }, "Import from a form…"),
      h("button", { type: "button", class: "govuk-button govuk-button--secondary", id: "export-forward-look", onclick: exportCsv }, "Save as CSV…"),
    ),
    h("p", { class: "govuk-body", id: "csv-done", role: "status" }),
    fileImport(id, main),

    h("h2", { class: "govuk-heading-l" }, "Matches"),
    look.matches.length
      ? h(
          "ol",
          { class: "govuk-list fd-matches", id: "matches" },
          look.matches.map((m) =>
            h(
              "li",
              { class: "fd-match" },
              h("p", { class: "govuk-body govuk-!-margin-bottom-1" }, h("strong", {}, m.need.text)),
              h("p", { class: "govuk-body-s govuk-!-margin-bottom-2 fd-muted" }, `Need ${m.need.rank} of ${who(m.need)}${m.need.theme ? `, ${m.need.theme}` : ""}`),
              m.helpers.length
                ? h(
                    "ul",
                    { class: "govuk-list govuk-list--bullet" },
                    m.helpers.map((x) => {
                      const why = [x.why.sameTheme ? "same theme" : null, x.why.sharedTerms.length ? `shared words: ${x.why.sharedTerms.join(", ")}` : null].filter(Boolean).join("; ");
                      return h("li", {}, h("strong", {}, x.strength.networkName), ` (${x.strength.department}) is good at: ${x.strength.text}`, h("span", { class: "fd-muted" }, ` (${why})`));
                    }),
                  )
                : h("p", { class: "govuk-body-s" }, "No other network has listed a strength that matches yet."),
            ),
          ),
        )
      : h("p", { class: "govuk-body" }, "No needs yet."),

    h("h2", { class: "govuk-heading-l" }, "Where help is short"),
    look.themes.length ? h("figure", { class: "fd-figure fd-figure--wide" }, picture(look.themes)) : h("p", { class: "govuk-body" }, "Nothing to show yet."),
    look.themes.length ? groupTable : null,
    look.themes.length
      ? h(
          "div",
          { id: "by-theme" },
          h("h2", { class: "govuk-heading-l" }, "By theme"),
          look.themes.map((g) =>
            h(
              "div",
              { class: "fd-theme" },
              h("h3", { class: "govuk-heading-m" }, g.theme ?? "No theme"),
              h(
                "div",
                { class: "govuk-grid-row" },
                h("div", { class: "govuk-grid-column-one-half" }, h("h4", { class: "govuk-heading-s" }, "Needs"), entries(g.needs)),
                h("div", { class: "govuk-grid-column-one-half" }, h("h4", { class: "govuk-heading-s" }, "Strengths"), entries(g.strengths)),
              ),
            ),
          ),
        )
      : null,

    h("h2", { class: "govuk-heading-l" }, `Not sent yet (${look.chase.length})`),
    look.chase.length
      ? dataTable(
          "chase",
          "Networks that have not sent their needs and strengths, and whom to ask",
          ["Network", "Department", "Contact"],
          look.chase.map((c) =>
            h(
              "tr",
              { class: "govuk-table__row" },
              h("th", { scope: "row", class: "govuk-table__header" }, c.name),
              h("td", { class: "govuk-table__cell" }, c.department),
              h("td", { class: "govuk-table__cell" }, c.contacts.length ? c.contacts.map((e, i) => [i ? ", " : "", h("a", { href: `mailto:${e}`, class: "govuk-link", "data-external": "" }, e)]) : "No contact recorded"),
            ),
          ),
        )
      : h("p", { class: "govuk-body" }, "Every active network has sent theirs."),

    h("h2", { class: "govuk-heading-l" }, "Each network's submission"),
    dataTable(
      "submissions",
      "Networks that have sent their needs and strengths",
      ["Network", "Needs", "Strengths", "From"],
      look.submissions.map((s) =>
        h(
          "tr",
          { class: "govuk-table__row" },
          h("th", { scope: "row", class: "govuk-table__header" }, h("a", { href: `#/meetings/${id}/submissions/${s.networkId}`, class: "govuk-link" }, s.networkName), h("div", { class: "govuk-hint govuk-!-margin-0" }, s.department)),
          h("td", { class: "govuk-table__cell" }, h("ol", { class: "govuk-list govuk-list--number" }, s.needs.map((n) => h("li", {}, n.text)))),
          h("td", { class: "govuk-table__cell" }, h("ol", { class: "govuk-list govuk-list--number" }, s.strengths.map((n) => h("li", {}, n.text)))),
          h("td", { class: "govuk-table__cell" }, `${s.submittedBy ?? ""} (${s.source === "file" ? "file" : s.source === "form" ? "form" : "typed in"})`),
        ),
      ),
    ),
  );
}

export async function submissionsImport(main: HTMLElement, params: Params): Promise<void> {
  const id = Number(params.id);
  await formImport<SubmissionsPreview>(main, id, {
    title: "Import needs and strengths",
    intro: "Choose the answers of a form that asked each network for its top three needs and strengths: a CSV from Google Forms or an XLSX from Microsoft Forms. Nothing is saved until you press Import, and then every row is imported or none is.",
    hint: "A network that answers twice counts once; its later answer is kept.",
    backHref: `#/meetings/${id}/forward-look`,
    backText: "Back to needs and strengths",
    fields: ["ignore", "network", "department", "name", "email", "meeting_date", "timestamp", "need_1", "need_2", "need_3", "strength_1", "strength_2", "strength_3"],
    preview: (path, mapping) => api.previewSubmissions(path, id, mapping),
    summary: (p) => [
      `${p.answers} answers in ${p.file}; ${plural(p.submitting, "network")} with needs or strengths for this forum.`,
      p.repeats ? `${p.repeats} answers repeat an earlier one from the same network (the later one counts).` : null,
      p.otherMeetings ? `${p.otherMeetings} answers are for another meeting date and are left out.` : null,
      p.replacing.length ? `Replaces the earlier submission of ${p.replacing.join(", ")} (kept in the history).` : null,
    ],
    run: async (path, mapping, resolutions) => {
      const r = await api.importSubmissions(path, id, mapping, resolutions);
      const created = r.networksCreated ? `, ${plural(r.networksCreated, "network")} added to the register` : "";
      return `Imported the needs and strengths of ${plural(r.saved, "network")} (${r.replaced} replacing earlier ones)${created}.`;
    },
    after: `/meetings/${id}/forward-look`,
  });
}
