// The chair enters (or corrects) a network's needs and strengths for a cycle. Saving new
// words keeps the earlier version in the history; moving a statement to another theme
// only refiles it.
import { api } from "../api";
import type { Network } from "../bindings/Network";
import type { Submission } from "../bindings/Submission";
import type { Theme } from "../bindings/Theme";
import { h } from "../dom";
import { longDate, shortDate } from "../format";
import { navigate, type Params } from "../router";
import { backLink, clearErrors, errorsFrom, flash, heading, inputValue, pageTitle, render, selectField, showErrors } from "../ui";
import { readStatements, statementFields } from "./lead";

function sameWords(current: Submission, kind: "needs" | "strengths", typed: { text: string; detail: string | null }[]): boolean {
  const filled = typed.filter((s) => s.text.trim() !== "");
  const list = current[kind];
  return filled.length === list.length && filled.every((s, i) => s.text.trim() === list[i].text && (s.detail ?? "") === (list[i].detail ?? ""));
}

export async function submissionPage(main: HTMLElement, params: Params): Promise<void> {
  const id = Number(params.id);
  const networkId = params.networkId ? Number(params.networkId) : null;
  let networks: Network[];
  let themes: Theme[];
  let history: Submission[];
  let meetingTitle: string;
  let meetingDate: string;
  try {
    const [m, n, t, hist] = await Promise.all([api.getMeeting(id), api.listNetworks({ search: null, kind: null, includeInactive: false }), api.listThemes(), networkId === null ? Promise.resolve([]) : api.submissionHistory(id, networkId)]);
    [networks, themes, history, meetingTitle, meetingDate] = [n, t, hist, m.title, m.date];
  } catch (e) {
    render(main, backLink(`#/meetings/${id}/forward-look`, "Back to needs and strengths"));
    showErrors(main, errorsFrom(e));
    return;
  }
  const current = history.find((s) => s.supersededAt === null) ?? null;
  const network = networks.find((n) => n.id === networkId);
  const title = network ? `${network.name}: needs and strengths` : "Enter needs and strengths";
  pageTitle(title);
  const toInput = (list: Submission["needs"]) => list.map((s) => ({ text: s.text, detail: s.detail, theme: s.theme }));

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    clearErrors(form);
    const chosen = networkId ?? Number(inputValue("networkId"));
    if (!chosen) {
      showErrors(form, [{ field: "networkId", message: "Choose the network" }]);
      return;
    }
    // Blank rows at the end are left out; the rest must be complete.
    const trim = (l: ReturnType<typeof readStatements>) => {
      while (l.length && l[l.length - 1].text.trim() === "") l.pop();
      return l;
    };
    const needs = trim(readStatements("needs"));
    const strengths = trim(readStatements("strengths"));
    try {
      if (current && sameWords(current, "needs", needs) && sameWords(current, "strengths", strengths)) {
        // Only themes changed: refile, no new version.
        const all = [...current.needs.map((s, i) => [s, needs[i]] as const), ...current.strengths.map((s, i) => [s, strengths[i]] as const)];
        for (const [s, typed] of all) {
          const theme = themes.find((t) => t.name === typed.theme)?.id ?? null;
          if (theme !== s.themeId) await api.setStatementTheme(s.id, theme);
        }
        flash("Themes saved.");
      } else {
        await api.saveSubmission(id, { networkId: chosen, submittedBy: inputValue("submittedBy") || null, needs, strengths });
        flash(current ? "Saved. The earlier version is kept in the history." : "Saved.");
      }
      navigate(`/meetings/${id}/forward-look`);
    } catch (e) {
      showErrors(form, errorsFrom(e));
    }
  };

  const earlier = history.filter((s) => s.supersededAt !== null);
  render(
    main,
    backLink(`#/meetings/${id}/forward-look`, "Back to needs and strengths"),
    ...heading(title, `${meetingTitle}, ${longDate(meetingDate)}`),
    h(
      "form",
      { novalidate: true, id: "submission-form", onsubmit: submit },
      networkId === null
        ? selectField("networkId", "Network", "", [{ value: "", label: "Choose the network" }, ...networks.map((n) => ({ value: String(n.id), label: `${n.name} (${n.department})` }))])
        : null,
      statementFields("needs", current ? toInput(current.needs) : [], themes),
      statementFields("strengths", current ? toInput(current.strengths) : [], themes),
      h("input", { type: "hidden", id: "field-submittedBy", value: current?.submittedBy ?? "" }),
      h("button", { class: "govuk-button", type: "submit", id: "save-submission" }, "Save"),
    ),
    earlier.length
      ? h(
          "div",
          { id: "history" },
          h("h2", { class: "govuk-heading-m" }, "Earlier versions"),
          earlier.map((s) =>
            h(
              "div",
              { class: "govuk-inset-text" },
              h("p", { class: "govuk-body govuk-!-font-weight-bold" }, `Sent ${shortDate(s.submittedAt.slice(0, 10))}${s.submittedBy ? ` by ${s.submittedBy}` : ""}, replaced ${shortDate((s.supersededAt ?? "").slice(0, 10))}`),
              h("p", { class: "govuk-body govuk-!-margin-bottom-1" }, "Needs:"),
              h("ol", { class: "govuk-list govuk-list--number" }, s.needs.map((n) => h("li", {}, n.text))),
              h("p", { class: "govuk-body govuk-!-margin-bottom-1" }, "Strengths:"),
              h("ol", { class: "govuk-list govuk-list--number" }, s.strengths.map((n) => h("li", {}, n.text))),
            ),
          ),
        )
      : null,
  );
}
