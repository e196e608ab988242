// Importing a form export (registrations, or needs and strengths): choose the file,
// check the columns (guessed, or as last time), settle each network name the register
// does not know, then import, all or nothing.
import { open } from "@tauri-apps/plugin-dialog";
import { api } from "../api";
import type { ColumnPlan } from "../bindings/ColumnPlan";
import type { FormField } from "../bindings/FormField";
import type { FormKind } from "../bindings/FormKind";
import type { MatchReason } from "../bindings/MatchReason";
import type { Network } from "../bindings/Network";
import type { NetworkChoice } from "../bindings/NetworkChoice";
import type { NetworkQuestion } from "../bindings/NetworkQuestion";
import type { NetworkResolution } from "../bindings/NetworkResolution";
import { h, mount } from "../dom";
import { longDate } from "../format";
import { navigate } from "../router";
import { backLink, clearErrors, dataTable, errorsFrom, filePathField, flash, heading, inputValue, pageTitle, render, showErrors } from "../ui";

/** What every form preview says. */
export interface FormPreview {
  file: string;
  kind: FormKind;
  columns: ColumnPlan[];
  remembered: boolean;
  networks: NetworkQuestion[];
}

/** One kind of form import: its words, its fields, and the two calls. */
export interface FormImportKind<P extends FormPreview> {
  title: string;
  intro: string;
  hint: string;
  backHref: string;
  backText: string;
  fields: FormField[];
  preview: (path: string, mapping: FormField[] | null) => Promise<P>;
  summary: (p: P) => (string | null)[];
  run: (path: string, mapping: FormField[], resolutions: NetworkResolution[]) => Promise<string>;
  after: string;
}

const FIELD_LABELS: Record<FormField, string> = {
  ignore: "Not imported",
  name: "Name",
  email: "Email address",
  pronouns: "Pronouns",
  network: "Network",
  department: "Department or agency",
  meeting_date: "Meeting date",
  timestamp: "When they answered",
  need_1: "Need 1",
  need_2: "Need 2",
  need_3: "Need 3",
  strength_1: "Strength 1",
  strength_2: "Strength 2",
  strength_3: "Strength 3",
};

const REASONS: Record<MatchReason, string> = {
  sameName: "same name",
  department: "same department",
  acronym: "department's initials",
  emailDomain: "email address",
  similarWords: "similar words",
};

export async function formImport<P extends FormPreview>(main: HTMLElement, meetingId: number, kind: FormImportKind<P>): Promise<void> {
  let networks: Network[];
  let title: string;
  let date: string;
  try {
    const [m, n] = await Promise.all([api.getMeeting(meetingId), api.listNetworks({ search: null, kind: null, includeInactive: false })]);
    [networks, title, date] = [n, m.title, m.date];
  } catch (e) {
    render(main, backLink(kind.backHref, kind.backText));
    showErrors(main, errorsFrom(e));
    return;
  }
  pageTitle(`${kind.title}: ${title}`);
  const result = h("div", { id: "import-plan", "aria-live": "polite" });
  let path = "";
  let preview: P | null = null;

  const read = async (mapping: FormField[] | null) => {
    clearErrors(main);
    mount(result, h("p", { class: "govuk-body", role: "status" }, "Reading the file…"));
    try {
      preview = await kind.preview(path, mapping);
      showPlan(preview);
    } catch (e) {
      // Columns stay on screen so a wrong mapping can be corrected.
      if (preview && mapping) showPlan(preview, mapping);
      else mount(result);
      showErrors(main, errorsFrom(e));
    }
  };

  const mappingNow = (): FormField[] => Array.from(result.querySelectorAll<HTMLSelectElement>("select[data-column]")).map((s) => s.value as FormField);

  const showPlan = (p: P, mapping?: FormField[]) => {
    const columns = dataTable(
      "columns",
      "Columns in the file",
      ["Column", "First answers", "Imported as"],
      p.columns.map((c, i) =>
        h(
          "tr",
          { class: "govuk-table__row" },
          h("th", { scope: "row", class: "govuk-table__header" }, c.header),
          h("td", { class: "govuk-table__cell fd-samples" }, c.samples.join(" · ") || "(empty)"),
          h(
            "td",
            { class: "govuk-table__cell" },
            h(
              "select",
              { class: "govuk-select", "data-column": i, "aria-label": `Imported as, for the column ${c.header}`, onchange: () => read(mappingNow()) },
              kind.fields.map((f) => h("option", { value: f, selected: (mapping ? mapping[i] : c.field) === f }, FIELD_LABELS[f])),
            ),
          ),
        ),
      ),
      "govuk-table__caption--m",
    );
    const named = p.networks.filter((q) => q.said !== "");
    mount(
      result,
      p.remembered ? h("p", { class: "govuk-inset-text" }, "The columns are as you set them for the last import from this form.") : null,
      columns,
      h("h2", { class: "govuk-heading-m" }, "Networks"),
      named.length
        ? h("p", { class: "govuk-body" }, "Check each network name from the form. Those Forum Desk is sure of are chosen for you; choose the rest, or add them to the register.")
        : h("p", { class: "govuk-body" }, "The file names no networks."),
      ...named.map((q, i) => networkQuestion(q, i, networks)),
      h("h2", { class: "govuk-heading-m" }, "Summary"),
      h("ul", { class: "govuk-list govuk-list--bullet", id: "import-summary" }, kind.summary(p).filter((line) => line !== null).map((line) => h("li", {}, line))),
      h("button", { class: "govuk-button", type: "button", id: "run-import", onclick: runImport }, kind.title),
    );
  };

  const runImport = async () => {
    if (!preview) return;
    const button = document.getElementById("run-import") as HTMLButtonElement;
    const resolutions: NetworkResolution[] = [];
    const errors = [];
    for (const [i, q] of preview.networks.filter((q) => q.said !== "").entries()) {
      const choice = readChoice(i);
      if (choice) resolutions.push({ key: q.key, choice });
      else errors.push({ field: `network-${i}`, message: `Choose a network for \u201c${q.said}\u201d, or add it as a new network` });
    }
    if (errors.length) {
      showErrors(main, errors);
      return;
    }
    button.disabled = true;
    button.textContent = "Importing…";
    try {
      flash(await kind.run(path, mappingNow(), resolutions));
      navigate(kind.after);
    } catch (e) {
      button.disabled = false;
      button.textContent = kind.title;
      showErrors(main, errorsFrom(e));
    }
  };

  const choose = async () => {
    const picked = await open({ title: "Choose the form export", multiple: false, directory: false, filters: [{ name: "Form export", extensions: ["csv", "xlsx"] }] });
    return typeof picked === "string" ? picked : null;
  };
  const readFile = async (ev: Event) => {
    ev.preventDefault();
    path = inputValue("file").trim();
    if (!path) {
      showErrors(main, [{ field: "file", message: "Enter the path of the form export, or choose it" }]);
      return;
    }
    preview = null;
    await read(null);
  };

  render(
    main,
    backLink(kind.backHref, kind.backText),
    ...heading(kind.title, `${title}, ${longDate(date)}`),
    h("p", { class: "govuk-body" }, kind.intro),
    h(
      "form",
      { novalidate: true, id: "file-form", onsubmit: readFile },
      filePathField("file", "Form export", kind.hint, choose, (e) => showErrors(main, errorsFrom(e))),
      h("button", { class: "govuk-button govuk-button--secondary", type: "submit", id: "read-file" }, "Read the file"),
    ),
    result,
  );
}

/** One network name from the form, with the guesses first, every network, or a new one. */
export function networkQuestion(q: NetworkQuestion, i: number, networks: Network[]): HTMLElement {
  const sure = q.chosen !== null;
  const guessIds = new Set(q.guesses.map((g) => g.networkId));
  const rows = q.rows.length > 6 ? `${q.rows.slice(0, 6).join(", ")} and ${q.rows.length - 6} more` : q.rows.join(", ");
  const createBox = h("div", { class: "govuk-inset-text", id: `create-${i}`, hidden: true });
  const select = h(
    "select",
    {
      class: "govuk-select fd-wide-select",
      id: `field-network-${i}`,
      "data-question": i,
      "aria-describedby": `said-${i}`,
      onchange: (ev: Event) => toggleCreate((ev.target as HTMLSelectElement).value === "create", createBox, q, i),
    },
    sure ? null : h("option", { value: "", selected: true }, "Choose a network"),
    q.guesses.length
      ? h(
          "optgroup",
          { label: "Likely" },
          q.guesses.map((g) => h("option", { value: `n:${g.networkId}`, selected: q.chosen === g.networkId }, `${g.networkName} (${g.department}), ${Math.round(g.confidence * 100)}% sure: ${REASONS[g.reason]}`)),
        )
      : null,
    h(
      "optgroup",
      { label: "All networks" },
      networks.filter((n) => !guessIds.has(n.id)).map((n) => h("option", { value: `n:${n.id}` }, `${n.name} (${n.department})`)),
    ),
    h("optgroup", { label: "Other" }, h("option", { value: "create" }, "Add as a new network…"), h("option", { value: "none" }, "No network (for example the forum team)")),
  );
  return h(
    "div",
    { class: "govuk-form-group", id: `group-network-${i}`, "data-said": q.said },
    h("label", { class: "govuk-label govuk-label--s", for: `field-network-${i}` }, `\u201c${q.said}\u201d`),
    h("div", { class: "govuk-hint", id: `said-${i}` }, `${sure ? "Matched" : "Not matched yet"}; row${q.rows.length === 1 ? "" : "s"} ${rows}`),
    select,
    createBox,
  );
}

function toggleCreate(on: boolean, box: HTMLElement, q: NetworkQuestion, i: number): void {
  box.hidden = !on;
  if (!on || box.childElementCount) return;
  const [name, department] = splitSaid(q.said);
  const field = (key: string, label: string, value: string) =>
    h("div", { class: "govuk-form-group", id: `group-${key}-${i}` }, h("label", { class: "govuk-label", for: `field-${key}-${i}` }, label), h("input", { class: "govuk-input", id: `field-${key}-${i}`, value, autocomplete: "off" }));
  mount(box, field("new-name", "New network's name", name), field("new-department", "Its department or agency", department));
}

/** "DfE LGBT network (Department for Education)" → its two halves, as a start. */
function splitSaid(said: string): [string, string] {
  const m = /^(.*) \((.*)\)$/.exec(said);
  return m ? [m[1], m[2]] : [said.startsWith("@") ? "LGBT+ network" : said, said.replace(/^@/, "")];
}

/** The chair's answer for the i-th network question shown, or null when not chosen. */
export function readChoice(i: number): NetworkChoice | null {
  const value = inputValue(`network-${i}`);
  if (value.startsWith("n:")) return { kind: "existing", networkId: Number(value.slice(2)) };
  if (value === "none") return { kind: "no_network" };
  if (value === "create") return { kind: "create", name: inputValue(`new-name-${i}`), department: inputValue(`new-department-${i}`) };
  return null;
}
