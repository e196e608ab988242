// Circulating: an email drafted from the records (recipients in Bcc, who is left out and
// why, subject and text the chair can edit), saved as an .eml file that the chair's own
// mail program opens as a draft. Forum Desk sends nothing.
import { open, save } from "@tauri-apps/plugin-dialog";
import { api } from "../api";
import type { Draft } from "../bindings/Draft";
import type { EmailKind } from "../bindings/EmailKind";
import type { EmailRequest } from "../bindings/EmailRequest";
import type { RecipientKind } from "../bindings/RecipientKind";
import { h, mount } from "../dom";
import { navigate, type Params } from "../router";
import { backLink, checkbox, clearErrors, errorsFrom, flash, heading, inputValue, pageTitle, render, showErrors, takeFlash, textareaField, textField } from "../ui";

const TITLES: Record<EmailKind, string> = {
  agenda: "Email the agenda to those registered",
  readout: "Email the readout",
  call: "Email the call for needs, strengths and agenda items",
  chase: "Chase the networks that have not sent theirs",
  reminders: "Email reminders",
};

const KIND_OF: Record<RecipientKind, string> = {
  registered: "registered",
  mailbox: "network mailbox",
  lead: "recorded under the network",
  named: "named as the owner",
};

const MEETING_KINDS: EmailKind[] = ["agenda", "readout", "call", "chase"];

/** The meeting page's links to each email about the meeting. */
export function circulateLinks(meetingId: number): HTMLElement {
  return h(
    "div",
    { id: "circulate" },
    h("h2", { class: "govuk-heading-s" }, "Circulate"),
    h("p", { class: "govuk-body-s fd-muted" }, "Each is an email file to check and send from your own mail program."),
    ...MEETING_KINDS.map((k) => h("div", {}, h("a", { href: `#/meetings/${meetingId}/email/${k}`, class: "govuk-button govuk-button--secondary fd-wide", role: "button", draggable: "false", id: `email-${k}` }, TITLES[k]))),
  );
}

function fileSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${Math.ceil(bytes / 1024)} KB`;
}

function row(key: string, value: Node | string): HTMLElement {
  return h("div", { class: "govuk-summary-list__row" }, h("dt", { class: "govuk-summary-list__key" }, key), h("dd", { class: "govuk-summary-list__value" }, value));
}

/** One draft: who gets it and who does not, then its subject and text to edit. */
function draftSection(d: Draft, several: boolean): HTMLElement {
  const recipients = d.recipients.length
    ? h(
        "details",
        { class: "govuk-details govuk-!-margin-bottom-0", id: `bcc-${d.key}` },
        h("summary", { class: "govuk-details__summary" }, h("span", { class: "govuk-details__summary-text" }, `${d.recipients.length} ${d.recipients.length === 1 ? "address" : "addresses"}, each hidden from the others`)),
        h(
          "div",
          { class: "govuk-details__text" },
          h(
            "ul",
            { class: "govuk-list fd-recipients" },
            d.recipients.map((r) => h("li", {}, `${r.name} <${r.email}>`, h("span", { class: "fd-muted" }, ` (${KIND_OF[r.kind]}${r.network && r.network !== r.name ? `, ${r.network}` : ""})`))),
          ),
        ),
      )
    : h("p", { class: "govuk-body govuk-!-margin-bottom-0" }, "Nobody: add the addresses in your mail program.");
  const headingId = `draft-${d.key}-heading`;
  return h(
    "section",
    { class: "fd-draft", id: `draft-${d.key}`, "aria-labelledby": headingId },
    h("h2", { class: "govuk-heading-m", id: headingId }, several ? d.label : "The email"),
    h(
      "dl",
      { class: "govuk-summary-list", id: `summary-${d.key}` },
      row("To", d.forumEmail ? `Leaders of Networks Forum <${d.forumEmail}>` : "The forum's mailbox (not set yet)"),
      row("Bcc", recipients),
      d.leftOut.length
        ? row(
            "Left out",
            h(
              "ul",
              { class: "govuk-list", id: `left-out-${d.key}` },
              d.leftOut.map((l) => h("li", {}, h("strong", {}, l.network ? `${l.name} (${l.network})` : l.name), `: ${l.why}`)),
            ),
          )
        : null,
      d.attachments.length ? row("Attached", h("ul", { class: "govuk-list", id: `attached-${d.key}` }, d.attachments.map((a) => h("li", {}, `${a.fileName} (${fileSize(a.size)})`)))) : null,
    ),
    d.unknownPlaceholders.length
      ? h(
          "div",
          { class: "govuk-warning-text", id: `unknown-${d.key}` },
          h("span", { class: "govuk-warning-text__icon", "aria-hidden": "true" }, "!"),
          h(
            "strong",
            { class: "govuk-warning-text__text" },
            h("span", { class: "govuk-visually-hidden" }, "Warning"),
            `The template has ${d.unknownPlaceholders.map((u) => `{${u}}`).join(", ")}, which this email cannot fill: it is left in the text below. Change the text here, or the template in Settings.`,
          ),
        )
      : null,
    textField(`${d.key}-subject`, "Subject", d.subject, { widthClass: "govuk-!-width-full" }),
    textareaField(`${d.key}-body`, "Text", d.body, { rows: Math.min(24, Math.max(8, d.body.split("\n").length + 2)) }),
  );
}

/** Asks for the forum's mailbox where it is missing: every email goes to it. */
function mailboxForm(again: () => void): HTMLElement {
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    clearErrors(form);
    try {
      await api.setForumEmail(inputValue("forumEmail"));
      flash("The forum's mailbox is saved. It is also in Settings.");
      again();
    } catch (e) {
      showErrors(form, errorsFrom(e));
    }
  };
  return h(
    "div",
    { class: "govuk-inset-text", id: "mailbox-missing" },
    h("p", { class: "govuk-body" }, "The forum's mailbox is not set. Each email goes To the forum's mailbox, with everyone else in Bcc, so that nobody sees another person's address."),
    h(
      "form",
      { novalidate: true, id: "mailbox-form", onsubmit: submit },
      textField("forumEmail", "The forum's mailbox", "", { type: "email", autocomplete: "email", spellcheck: false, widthClass: "govuk-!-width-two-thirds" }),
      h("button", { type: "submit", class: "govuk-button govuk-button--secondary", id: "save-mailbox" }, "Save the mailbox"),
    ),
  );
}

async function emailScreen(main: HTMLElement, request: EmailRequest, back: { href: string; text: string }, caption: string, again: () => void): Promise<void> {
  const kind = request.kind;
  let drafts: Draft[];
  try {
    drafts = await api.previewEmail(request);
  } catch (e) {
    render(main, backLink(back.href, back.text), ...heading(TITLES[kind], caption));
    showErrors(main, errorsFrom(e));
    return;
  }
  pageTitle(TITLES[kind]);
  const status = h("div", { id: "email-status" });
  const several = kind === "reminders";
  const saveEmail = async () => {
    clearErrors(main);
    const texts = drafts.map((d) => ({ key: d.key, subject: inputValue(`${d.key}-subject`), body: inputValue(`${d.key}-body`) }));
    try {
      const path = several
        ? await open({ title: "Choose a folder for the reminders (one email per owner)", directory: true, multiple: false })
        : await save({ title: "Save the email", defaultPath: drafts[0].fileName, filters: [{ name: "Email", extensions: ["eml"] }] });
      if (typeof path !== "string") return;
      const written = await api.writeEmail(request, texts, path);
      flash(
        written.length === 1 ? `Saved ${written[0]}. Open it in your mail program to check it and send it.` : `Saved ${written.length} emails. Open each in your mail program to check it and send it.`,
        undefined,
        written.length > 1 ? written : undefined,
      );
      mount(status, takeFlash());
      status.scrollIntoView();
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  };
  const forumEmail = drafts[0]?.forumEmail ?? null;
  const options =
    kind === "readout"
      ? checkbox("includeNetworks", "Also send it to every network's mailbox", request.includeNetworks, {
          onchange: (c) => {
            request.includeNetworks = c;
            void emailScreen(main, request, back, caption, again);
          },
        })
      : null;
  render(
    main,
    backLink(back.href, back.text),
    ...heading(TITLES[kind], caption),
    status,
    h(
      "p",
      { class: "govuk-body", id: "email-intro" },
      "Forum Desk sends nothing. It saves the email as a file that Outlook, Thunderbird or Apple Mail opens as a draft, ready for you to check and send. Everyone is in Bcc, so nobody sees another person's address.",
    ),
    forumEmail ? null : mailboxForm(again),
    options,
    drafts.length ? null : h("p", { class: "govuk-body", id: "no-drafts" }, "There are no open actions, so there is nobody to remind."),
    ...drafts.map((d) => draftSection(d, several)),
    drafts.length
      ? h(
          "div",
          { class: "govuk-button-group" },
          h("button", { type: "button", class: "govuk-button", id: "save-email", onclick: saveEmail }, several ? `Save the ${drafts.length === 1 ? "email" : `${drafts.length} emails`} in a folder…` : "Save the email…"),
        )
      : null,
  );
}

/** `#/meetings/:id/email/:kind`. */
export async function meetingEmail(main: HTMLElement, params: Params): Promise<void> {
  const id = Number(params.id);
  const kind = params.kind as EmailKind;
  if (!MEETING_KINDS.includes(kind)) {
    navigate(`/meetings/${id}`);
    return;
  }
  const title = await api.getMeeting(id).then((m) => m.title).catch(() => "");
  await emailScreen(main, { kind, meetingId: id, includeNetworks: false }, { href: `#/meetings/${id}`, text: "Back to the meeting" }, title, () => navigate(`/meetings/${id}/email/${kind}`));
}

/** `#/actions/email`: one reminder per owner of open actions. */
export async function reminderEmails(main: HTMLElement): Promise<void> {
  await emailScreen(main, { kind: "reminders", meetingId: null, includeNetworks: false }, { href: "#/actions", text: "Back to actions" }, "Open actions, one email per owner", () => navigate("/actions/email"));
}
