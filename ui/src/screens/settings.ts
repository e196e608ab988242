// Settings: whom this copy is for (the chair, or a network lead), backups, retention,
// the forum's mailbox and the emails' templates, and the themes needs and strengths are
// grouped by.
import { open, save } from "@tauri-apps/plugin-dialog";
import { api } from "../api";
import type { AppMode } from "../bindings/AppMode";
import type { Cadence } from "../bindings/Cadence";
import type { EmailSettings } from "../bindings/EmailSettings";
import type { EmailTemplate } from "../bindings/EmailTemplate";
import type { Overview } from "../bindings/Overview";
import type { Theme } from "../bindings/Theme";
import { h, mount } from "../dom";
import { navigate } from "../router";
import { cadenceSection } from "./series";
import { clearErrors, confirmPanel, dataTable, errorsFrom, flash, heading, inputValue, pageTitle, render, showErrors, textareaField, textField } from "../ui";

/** Switches the copy between chair and lead mode; the window is rebuilt for the new menu. */
export async function setMode(mode: AppMode, main: HTMLElement): Promise<void> {
  try {
    await api.setAppMode(mode);
    location.hash = mode === "lead" ? "#/lead" : "#/meetings";
    location.reload();
  } catch (e) {
    showErrors(main, errorsFrom(e));
  }
}

function themeRow(t: Theme, main: HTMLElement): HTMLElement {
  const box = h("div", { id: `theme-delete-${t.id}` });
  const name = h("input", { class: "govuk-input", id: `field-theme-${t.id}-name`, value: t.name, "aria-label": `Name of the theme ${t.name}` });
  const keywords = h("input", { class: "govuk-input", id: `field-theme-${t.id}-keywords`, value: t.keywords, "aria-label": `Words that suggest the theme ${t.name}` });
  const saveTheme = async () => {
    clearErrors(main);
    try {
      await api.updateTheme(t.id, { name: name.value, keywords: keywords.value });
      flash(`Saved the theme ${name.value}.`);
      navigate("/settings");
    } catch (e) {
      showErrors(main, errorsFrom(e).map((x) => ({ ...x, field: x.field ? `theme-${t.id}-${x.field}` : null })));
    }
  };
  const remove = () =>
    confirmPanel(box, `Delete the theme ${t.name}? Needs and strengths filed under it keep their words and lose the theme.`, "Delete theme", `confirm-delete-theme-${t.id}`, async () => {
      try {
        await api.deleteTheme(t.id);
        flash(`Deleted the theme ${t.name}.`);
        navigate("/settings");
      } catch (e) {
        showErrors(main, errorsFrom(e));
      }
    });
  return h(
    "tr",
    { class: "govuk-table__row" },
    h("td", { class: "govuk-table__cell", id: `group-theme-${t.id}-name` }, name),
    h("td", { class: "govuk-table__cell", id: `group-theme-${t.id}-keywords` }, keywords),
    h(
      "td",
      { class: "govuk-table__cell" },
      h(
        "div",
        { class: "govuk-button-group govuk-!-margin-bottom-0" },
        h("button", { type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-0", onclick: saveTheme }, "Save", h("span", { class: "govuk-visually-hidden" }, ` ${t.name}`)),
        h("button", { type: "button", class: "govuk-button govuk-button--warning govuk-!-margin-bottom-0", onclick: remove }, "Delete", h("span", { class: "govuk-visually-hidden" }, ` ${t.name}`)),
      ),
      box,
    ),
  );
}

/** One email's template: subject and text with their placeholders, saved or reset. */
function templateForm(t: EmailTemplate): HTMLElement {
  const prefix = `template-${t.kind}`;
  const saveTemplate = async (ev: Event) => {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    clearErrors(form);
    try {
      await api.saveEmailTemplate(t.kind, inputValue(`${prefix}-subject`), inputValue(`${prefix}-body`));
      flash(`Saved the template for ${t.label.toLowerCase()}.`);
      navigate("/settings");
    } catch (e) {
      showErrors(form, errorsFrom(e).map((x) => ({ ...x, field: x.field ? `${prefix}-${x.field}` : null })));
    }
  };
  const reset = async () => {
    try {
      await api.resetEmailTemplate(t.kind);
      flash(`The template for ${t.label.toLowerCase()} is back to the default.`);
      navigate("/settings");
    } catch (e) {
      showErrors(document.getElementById(`${prefix}-form`) ?? document.body, errorsFrom(e));
    }
  };
  const changed = t.subject !== t.defaultSubject || t.body !== t.defaultBody;
  return h(
    "form",
    { novalidate: true, id: `${prefix}-form`, class: "fd-template", onsubmit: saveTemplate },
    h("h3", { class: "govuk-heading-s" }, t.label, changed ? h("span", { class: "fd-muted" }, " (changed)") : null),
    textField(`${prefix}-subject`, "Subject", t.subject, { widthClass: "govuk-!-width-full" }),
    textareaField(`${prefix}-body`, "Text", t.body, { rows: 10 }),
    h(
      "details",
      { class: "govuk-details" },
      h("summary", { class: "govuk-details__summary" }, h("span", { class: "govuk-details__summary-text" }, "Placeholders this email fills")),
      h("div", { class: "govuk-details__text" }, h("ul", { class: "govuk-list" }, t.placeholders.map((p) => h("li", {}, h("code", {}, `{${p.name}}`), `: ${p.meaning}`)))),
    ),
    h(
      "div",
      { class: "govuk-button-group" },
      h("button", { type: "submit", class: "govuk-button govuk-button--secondary", id: `${prefix}-save` }, "Save", h("span", { class: "govuk-visually-hidden" }, ` the template for ${t.label.toLowerCase()}`)),
      h("button", { type: "button", class: "govuk-button govuk-button--secondary", id: `${prefix}-reset`, onclick: reset, disabled: !changed }, "Reset to default", h("span", { class: "govuk-visually-hidden" }, ` for ${t.label.toLowerCase()}`)),
    ),
  );
}

/** The forum's mailbox and the emails' templates. */
function emailSection(email: EmailSettings): HTMLElement {
  const saveMailbox = async (ev: Event) => {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    clearErrors(form);
    try {
      const saved = await api.setForumEmail(inputValue("forumEmail"));
      flash(saved ? `The forum's mailbox is ${saved}.` : "The forum's mailbox is cleared.");
      navigate("/settings");
    } catch (e) {
      showErrors(form, errorsFrom(e));
    }
  };
  return h(
    "section",
    { id: "email-settings", "aria-labelledby": "email-settings-heading" },
    h("h2", { class: "govuk-heading-m", id: "email-settings-heading" }, "Emails"),
    h(
      "p",
      { class: "govuk-body" },
      "Forum Desk drafts the emails around each forum as files your mail program opens, ready to check and send; it sends nothing itself. Each goes To the forum's mailbox, with everyone else in Bcc.",
    ),
    h(
      "form",
      { novalidate: true, id: "mailbox-form", onsubmit: saveMailbox },
      textField("forumEmail", "The forum's mailbox", email.forumEmail ?? "", { type: "email", autocomplete: "email", spellcheck: false, widthClass: "govuk-!-width-two-thirds", hint: "Also named on the website's event post." }),
      h("button", { class: "govuk-button govuk-button--secondary", type: "submit", id: "save-mailbox" }, "Save the mailbox"),
    ),
    h("p", { class: "govuk-body" }, "The subject and text of each email. Words in braces, such as {meeting_date}, are filled in from the records; you can change the text again before saving each email."),
    ...email.templates.map(templateForm),
  );
}

export async function settingsScreen(main: HTMLElement): Promise<void> {
  pageTitle("Settings");
  let status: Overview;
  let themes: Theme[];
  let years: number;
  let cadence: Cadence;
  let email: EmailSettings;
  try {
    [status, themes, [years], cadence, email] = await Promise.all([api.appStatus(), api.listThemes(), api.stalePeople(), api.getCadence(), api.emailSettings()]);
  } catch (e) {
    render(main, ...heading("Settings"));
    showErrors(main, errorsFrom(e));
    return;
  }
  const addTheme = async (ev: Event) => {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    clearErrors(form);
    try {
      const name = (form.querySelector("#field-name") as HTMLInputElement).value;
      const keywords = (form.querySelector("#field-keywords") as HTMLInputElement).value;
      await api.createTheme({ name, keywords });
      flash(`Added the theme ${name}.`);
      navigate("/settings");
    } catch (e) {
      showErrors(form, errorsFrom(e));
    }
  };
  const other: AppMode = status.mode === "chair" ? "lead" : "chair";
  const backupStatus = h("p", { class: "govuk-body", id: "backup-status", role: "status" });
  const restoreBox = h("div", { id: "restore-confirm" });
  const backupNow = async () => {
    try {
      const stamp = new Date().toISOString().slice(0, 10);
      const path = await save({ title: "Back up the forum's records", defaultPath: `forum-desk-backup-${stamp}.db`, filters: [{ name: "Forum Desk backup", extensions: ["db"] }] });
      if (!path) return;
      await api.backupNow(path);
      mount(backupStatus, `Backed up to ${path}. It holds personal data: keep it somewhere safe.`);
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  };
  const restore = async () => {
    try {
      const picked = await open({ title: "Choose a backup to restore", multiple: false, directory: false, defaultPath: `${status.dataDir}/backups`, filters: [{ name: "Forum Desk backup", extensions: ["db"] }] });
      if (typeof picked !== "string") return;
      confirmPanel(restoreBox, `Replace the records with the backup ${picked}? The records as they are now are kept in the backups folder first, so this can be undone by restoring that copy.`, "Restore this backup", "confirm-restore", async () => {
        try {
          const kept = await api.restoreBackup(picked);
          flash(`Restored. The records as they were are kept in ${kept}.`);
          navigate("/meetings");
        } catch (e) {
          showErrors(main, errorsFrom(e));
        }
      });
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  };
  const saveRetention = async (ev: Event) => {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    clearErrors(form);
    const value = (form.querySelector("#field-retentionYears") as HTMLInputElement).value.trim();
    try {
      await api.setRetentionYears(/^\d+$/.test(value) ? Number(value) : 0);
      flash(`People's details are now offered for erasure after ${value} years without taking part.`);
      navigate("/settings");
    } catch (e) {
      showErrors(form, errorsFrom(e));
    }
  };
  render(
    main,
    ...heading("Settings"),
    h("h2", { class: "govuk-heading-m" }, "Who uses this copy"),
    h("p", { class: "govuk-body", id: "mode-now" }, status.mode === "chair" ? "This copy is for the forum chair (or the team that runs the forum)." : "This copy is for a network lead sending their network's submission."),
    h(
      "button",
      { type: "button", class: "govuk-button govuk-button--secondary", id: "switch-mode", onclick: () => setMode(other, main) },
      other === "lead" ? "Switch to network lead mode" : "Switch to forum chair mode",
    ),
    status.mode === "chair"
      ? h(
          "div",
          {},
          h("h2", { class: "govuk-heading-m" }, "How often the forum meets"),
          h("p", { class: "govuk-body" }, "New meeting suggests the next date by this pattern, and Plan the next meetings plans a run of them."),
          cadenceSection(cadence),
          h("h2", { class: "govuk-heading-m" }, "Backups"),
          h("p", { class: "govuk-body" }, `Forum Desk copies the records on the first start of each day (the last 14 are kept) and before every upgrade, in ${status.dataDir}/backups.`),
          h(
            "div",
            { class: "govuk-button-group" },
            h("button", { type: "button", class: "govuk-button govuk-button--secondary", id: "backup-now", onclick: backupNow }, "Back up now…"),
            h("button", { type: "button", class: "govuk-button govuk-button--secondary", id: "restore", onclick: restore }, "Restore a backup…"),
          ),
          backupStatus,
          restoreBox,
          h("h2", { class: "govuk-heading-m" }, "Keeping people's details"),
          h(
            "form",
            { novalidate: true, id: "retention-form", onsubmit: saveRetention },
            textField("retentionYears", "Offer to erase people's details after this many years without taking part", String(years), { widthClass: "govuk-input--width-3", hint: "The People screen lists them, for you to erase." }),
            h("button", { class: "govuk-button govuk-button--secondary", type: "submit", id: "save-retention" }, "Save"),
          ),
          emailSection(email),
          h("h2", { class: "govuk-heading-m" }, "Themes"),
          h("p", { class: "govuk-body" }, "Needs and strengths are grouped by theme. Forum Desk suggests one for each statement from the words below (separate them with commas); you can always change it."),
          dataTable("themes", "Themes", ["Theme", "Words that suggest it", "Change"], themes.map((t) => themeRow(t, main))),
          h(
            "form",
            { novalidate: true, id: "theme-form", onsubmit: addTheme },
            h("h3", { class: "govuk-heading-s" }, "Add a theme"),
            textField("name", "Theme name", ""),
            textField("keywords", "Words that suggest it (optional)", "", { widthClass: "govuk-!-width-full" }),
            h("button", { class: "govuk-button", type: "submit", id: "add-theme" }, "Add theme"),
          ),
        )
      : null,
  );
}
