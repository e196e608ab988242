// Publishing a meeting: the readout (PDF to circulate, post for the website) with its
// options remembered per meeting and a live preview, and the agenda before the meeting.
import { save } from "@tauri-apps/plugin-dialog";
import { api } from "../api";
import type { Format } from "../bindings/Format";
import type { ReadoutOptions } from "../bindings/ReadoutOptions";
import { debounce, h, mount } from "../dom";
import { blocks } from "../markdown";
import type { Params } from "../router";
import { backLink, checkbox, errorsFrom, flash, heading, inputValue, isChecked, pageTitle, render, showErrors, takeFlash, textareaField, textField } from "../ui";

function readOptions(): ReadoutOptions {
  return {
    title: inputValue("title"),
    excerpt: inputValue("excerpt"),
    intro: inputValue("intro"),
    includeActions: isChecked("includeActions"),
    includeAgenda: isChecked("includeAgenda"),
    includeNames: isChecked("includeNames"),
    includeAttendance: isChecked("includeAttendance"),
    includeForwardLook: isChecked("includeForwardLook"),
  };
}

export async function exportReadout(main: HTMLElement, params: Params): Promise<void> {
  const id = Number(params.id);
  let options: ReadoutOptions;
  let title: string;
  try {
    [options, title] = await Promise.all([api.readoutOptions(id), api.getMeeting(id).then((m) => m.title)]);
  } catch (e) {
    render(main, backLink("#/meetings", "Back to meetings"));
    showErrors(main, errorsFrom(e));
    return;
  }
  pageTitle(`Publish the readout: ${title}`);
  const preview = h("div", { class: "fd-preview fd-document", id: "readout-preview", "aria-live": "off" });
  const status = h("div", { id: "export-status" });
  const refresh = debounce(async () => {
    try {
      const doc = await api.previewReadout(id, readOptions());
      mount(preview, h("h2", { class: "govuk-heading-l" }, doc.title), doc.subtitle ? h("p", { class: "govuk-body-l fd-muted" }, doc.subtitle) : null, ...blocks(doc.blocks));
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  }, 200);
  const exportAs = async (format: Format) => {
    try {
      const ext = format === "pdf" ? "pdf" : "md";
      const path = await save({
        title: format === "pdf" ? "Save the readout as PDF" : "Save the website post",
        defaultPath: format === "pdf" ? "readout.pdf" : "readout.md",
        filters: [{ name: format === "pdf" ? "PDF" : "Markdown", extensions: [ext] }],
      });
      if (!path) return;
      const written = await api.exportReadout(id, format, readOptions(), path);
      flash(`Saved ${written}`);
      mount(status, takeFlash());
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  };
  const form = h(
    "form",
    { novalidate: true, id: "readout-form", onsubmit: (ev: Event) => ev.preventDefault(), oninput: () => refresh(), onchange: () => refresh() },
    textField("title", "Title", options.title, { hint: "Empty: What happened at our latest Leaders of Networks Forum", widthClass: "govuk-!-width-full" }),
    textField("excerpt", "Excerpt (for the website)", options.excerpt, { widthClass: "govuk-!-width-full" }),
    textareaField("intro", "Opening paragraph", options.intro, { rows: 4, hint: "Empty: a paragraph drafted from the meeting. Markdown works here." }),
    checkbox("includeActions", "Include the actions (agreed and carried forward)", options.includeActions),
    checkbox("includeAttendance", "Include the attendance: networks represented and the counts", options.includeAttendance),
    checkbox("includeNames", "Name the people who took part", options.includeNames, {
      hint: "Only with their agreement: being named can reveal a person's sexual orientation or gender identity. Without this, the readout names networks, not people.",
    }),
    checkbox("includeForwardLook", "Include the forward look: needs matched with other networks' strengths", options.includeForwardLook),
    checkbox("includeAgenda", "Include the agenda as a table of item and time", options.includeAgenda),
    h(
      "div",
      { class: "govuk-button-group" },
      h("button", { type: "button", class: "govuk-button", id: "save-pdf", onclick: () => exportAs("pdf") }, "Save as PDF…"),
      h("button", { type: "button", class: "govuk-button govuk-button--secondary", id: "save-post", onclick: () => exportAs("markdown") }, "Save website post…"),
    ),
  );
  render(
    main,
    backLink(`#/meetings/${id}`, "Back to the meeting"),
    ...heading("Publish the readout", title),
    status,
    h("div", { class: "govuk-grid-row" }, h("div", { class: "govuk-grid-column-one-third" }, form), h("div", { class: "govuk-grid-column-two-thirds" }, h("h2", { class: "govuk-heading-m" }, "Preview"), preview)),
  );
  refresh();
}

/** The agenda's export buttons, for the meeting page. */
export function agendaExport(meetingId: number, main: HTMLElement): HTMLElement {
  const exportAs = async (format: Format) => {
    try {
      const kind = { pdf: ["PDF", "pdf", "agenda.pdf"], markdown: ["Markdown", "md", "agenda.md"], ics: ["Calendar invitation", "ics", "leaders-of-networks-forum.ics"] }[format];
      const path = await save({ title: "Save the agenda", defaultPath: kind[2], filters: [{ name: kind[0], extensions: [kind[1]] }] });
      if (!path) return;
      const written = await api.exportAgenda(meetingId, format, path);
      flash(`Saved ${written}`);
      const banner = takeFlash();
      if (banner) main.prepend(banner);
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  };
  // The event post announces the meeting on the website; it is dated today, so the site
  // shows it at once (Jekyll leaves out posts dated in the future).
  const eventPost = async () => {
    try {
      const date = (await api.getMeeting(meetingId)).date;
      const path = await save({ title: "Save the event post for the website", defaultPath: `${date}-leaders-of-networks-forum.md`, filters: [{ name: "Markdown", extensions: ["md"] }] });
      if (!path) return;
      flash(`Saved ${await api.exportEvent(meetingId, path)}`);
      const banner = takeFlash();
      if (banner) main.prepend(banner);
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  };
  return h(
    "div",
    { class: "govuk-button-group" },
    h("button", { type: "button", class: "govuk-button govuk-button--secondary", id: "agenda-pdf", onclick: () => exportAs("pdf") }, "Agenda as PDF…"),
    h("button", { type: "button", class: "govuk-button govuk-button--secondary", id: "agenda-md", onclick: () => exportAs("markdown") }, "Agenda as Markdown…"),
    h("button", { type: "button", class: "govuk-button govuk-button--secondary", id: "agenda-ics", onclick: () => exportAs("ics") }, "Calendar invitation…"),
    h("button", { type: "button", class: "govuk-button govuk-button--secondary", id: "event-post", onclick: eventPost }, "Event post for the website…"),
  );
}
