// Network lead mode: one task. The lead fills in their network's top three needs and
// strengths, any agenda proposals and their registration, and saves a file to send to
// the chair. The draft is kept as they type; nothing else is stored in a lead's copy.
import { save } from "@tauri-apps/plugin-dialog";
import { api } from "../api";
import type { Attending } from "../bindings/Attending";
import type { StatementInput } from "../bindings/StatementInput";
import type { SubmissionFile } from "../bindings/SubmissionFile";
import type { Theme } from "../bindings/Theme";
import { debounce, h, mount } from "../dom";
import { clearErrors, errorsFrom, filePathField, heading, inputValue, pageTitle, render, selectField, showErrors, textareaField, textField } from "../ui";

const ATTENDING: { value: Attending | ""; label: string }[] = [
  { value: "in_person", label: "I will attend in person" },
  { value: "dialled_in", label: "I will dial in" },
  { value: "apologies", label: "I send my apologies" },
  { value: "", label: "I am not registering now" },
];

export function statementFields(kind: "needs" | "strengths", list: StatementInput[], themes: Theme[]): HTMLElement {
  const word = kind === "needs" ? "Need" : "Strength";
  const choices = [{ value: "", label: "Suggest one for me" }, ...themes.map((t) => ({ value: t.name, label: t.name }))];
  return h(
    "fieldset",
    { class: "govuk-fieldset", id: `fieldset-${kind}` },
    h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m" }, kind === "needs" ? "Your top three needs" : "Your top three strengths"),
    h("div", { class: "govuk-hint" }, kind === "needs" ? "What your network most needs help with, most important first. One short sentence each." : "What your network is good at and could help others with, strongest first."),
    [1, 2, 3].map((i) => {
      const s = list[i - 1] ?? { text: "", detail: null, theme: null };
      return h(
        "div",
        { class: "fd-statement" },
        textField(`${kind}.${i}.text`, `${word} ${i}${i > 1 ? " (optional)" : ""}`, s.text, { widthClass: "govuk-!-width-full" }),
        h(
          "div",
          { class: "fd-statement__more" },
          selectField(`${kind}.${i}.theme`, "Theme", s.theme ?? "", choices),
          textareaField(`${kind}.${i}.detail`, "More detail (optional)", s.detail ?? "", { rows: 2 }),
        ),
      );
    }),
  );
}

export function readStatements(kind: "needs" | "strengths"): StatementInput[] {
  return [1, 2, 3].map((i) => ({ text: inputValue(`${kind}.${i}.text`), detail: inputValue(`${kind}.${i}.detail`) || null, theme: inputValue(`${kind}.${i}.theme`) || null }));
}

function readDraft(base: SubmissionFile): SubmissionFile {
  const attending = (document.querySelector("input[name='attending']:checked") as HTMLInputElement | null)?.value ?? "";
  const leadName = inputValue("lead.name");
  return {
    ...base,
    meeting: { date: inputValue("meeting.date").trim(), title: null },
    network: { name: inputValue("network.name"), department: inputValue("network.department"), email: inputValue("network.email") || null },
    lead: leadName || inputValue("lead.email") ? { name: leadName, email: inputValue("lead.email") || null, pronouns: inputValue("lead.pronouns") || null } : null,
    needs: readStatements("needs"),
    strengths: readStatements("strengths"),
    proposals: [1, 2].map((i) => ({ title: inputValue(`proposals.${i}.title`), minutes: Number(inputValue(`proposals.${i}.minutes`)) || 0, description: inputValue(`proposals.${i}.description`) || null })),
    registration: attending ? { attending: attending as Attending } : null,
  };
}

export async function leadTask(main: HTMLElement): Promise<void> {
  pageTitle("Your network's submission");
  let draft: SubmissionFile;
  let themes: Theme[];
  try {
    [draft, themes] = await Promise.all([api.leadDraft(), api.listThemes()]);
  } catch (e) {
    render(main, ...heading("Your network's submission"));
    showErrors(main, errorsFrom(e));
    return;
  }
  const status = h("p", { class: "govuk-body-s fd-saved", id: "draft-status", role: "status" });
  const keep = debounce(async () => {
    try {
      await api.saveLeadDraft(readDraft(draft));
      mount(status, "Draft kept on this computer.");
    } catch (e) {
      mount(status, `Could not keep the draft: ${errorsFrom(e)[0].message}`);
    }
  }, 500);
  const done = h("div", { id: "export-done", "aria-live": "polite" });
  const exportFile = async (ev: Event) => {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    clearErrors(form);
    mount(done);
    const path = inputValue("file").trim();
    if (!path) {
      showErrors(form, [{ field: "file", message: "Choose where to save the file" }]);
      return;
    }
    try {
      await api.exportLeadSubmission(readDraft(draft), path);
      mount(
        done,
        h(
          "div",
          { class: "govuk-panel govuk-panel--confirmation" },
          h("h2", { class: "govuk-panel__title" }, "Submission saved"),
          h("div", { class: "govuk-panel__body" }, "Email the file to the forum chair."),
        ),
        h("p", { class: "govuk-body", id: "saved-path" }, `Saved to ${path}. It holds only what you entered on this page.`),
      );
      done.scrollIntoView();
    } catch (e) {
      showErrors(form, errorsFrom(e).map((x) => ({ ...x, field: x.field === "submission" ? null : x.field })));
    }
  };
  const choose = async () => {
    const name = (inputValue("network.name") || "network").replace(/[^\p{L}\p{N}]+/gu, "-").toLowerCase();
    const picked = await save({ title: "Save the submission file", defaultPath: `${name}-submission.json`, filters: [{ name: "Forum Desk submission", extensions: ["json"] }] });
    return picked ?? null;
  };
  const d = draft;
  const radios = h(
    "div",
    { class: "govuk-radios govuk-radios--small", "data-module": "govuk-radios" },
    ATTENDING.map((a, i) =>
      h(
        "div",
        { class: "govuk-radios__item" },
        h("input", { class: "govuk-radios__input", id: `attending-${i}`, name: "attending", type: "radio", value: a.value, checked: (d.registration?.attending ?? "") === a.value }),
        h("label", { class: "govuk-label govuk-radios__label", for: `attending-${i}` }, a.label),
      ),
    ),
  );
  const proposals = [1, 2].map((i) => {
    const p = d.proposals[i - 1];
    return h(
      "div",
      { class: "fd-statement" },
      textField(`proposals.${i}.title`, `Item ${i}: title (optional)`, p?.title ?? "", { widthClass: "govuk-!-width-full" }),
      textField(`proposals.${i}.minutes`, "Minutes needed", p?.minutes ? String(p.minutes) : "", { widthClass: "govuk-input--width-3", type: "text" }),
      textareaField(`proposals.${i}.description`, "What it is about (optional)", p?.description ?? "", { rows: 2 }),
    );
  });
  const form = h(
    "form",
    { novalidate: true, id: "lead-form", onsubmit: exportFile, oninput: () => keep(), onchange: () => keep() },
    h(
      "fieldset",
      { class: "govuk-fieldset" },
      h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m" }, "Your network"),
      textField("network.name", "Network name", d.network.name, { hint: "As the forum knows it, for example Rainbow Network" }),
      textField("network.department", "Department or agency", d.network.department),
      textField("network.email", "Network's shared mailbox (optional)", d.network.email ?? "", { type: "email", spellcheck: false }),
    ),
    h(
      "fieldset",
      { class: "govuk-fieldset" },
      h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m" }, "You"),
      textField("lead.name", "Your name", d.lead?.name ?? "", { autocomplete: "name" }),
      textField("lead.email", "Your work email (optional)", d.lead?.email ?? "", { type: "email", spellcheck: false, autocomplete: "email" }),
      textField("lead.pronouns", "Your pronouns (optional)", d.lead?.pronouns ?? "", { widthClass: "govuk-input--width-10" }),
    ),
    textField("meeting.date", "Date of the forum", d.meeting.date, { hint: "As in the invitation, written like 2027-01-14", widthClass: "govuk-input--width-10" }),
    statementFields("needs", d.needs, themes),
    statementFields("strengths", d.strengths, themes),
    h(
      "fieldset",
      { class: "govuk-fieldset" },
      h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m" }, "Items for the agenda (optional)"),
      h("div", { class: "govuk-hint" }, "Something your network would like time for at the forum."),
      proposals,
    ),
    h(
      "div",
      { class: "govuk-form-group", id: "group-registration" },
      h("fieldset", { class: "govuk-fieldset" }, h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m" }, "Will you come to the forum?"), radios),
    ),
    h("h2", { class: "govuk-heading-m" }, "Send it"),
    filePathField("file", "Where to save the file", "Then email the file to the forum chair. It holds only what you entered here.", choose, (e) => showErrors(main, errorsFrom(e))),
    h("button", { class: "govuk-button", type: "submit", id: "save-submission" }, "Save submission file"),
    status,
  );
  render(
    main,
    h(
      "div",
      { class: "govuk-grid-row" },
      h(
        "div",
        { class: "govuk-grid-column-two-thirds" },
        ...heading("Your network's submission", "Leaders of Networks Forum"),
        h("p", { class: "govuk-body-l" }, "Tell the forum what your network needs help with and what it is good at. The chair matches needs with other networks' strengths."),
        form,
        done,
      ),
    ),
  );
}
