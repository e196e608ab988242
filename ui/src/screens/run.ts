// Running the meeting: one item at a time, its slot and the time used, notes with a
// live preview and outcomes at hand. Every edit is saved as the chair types.
import { api } from "../api";
import type { Agenda } from "../bindings/Agenda";
import { debounce, h, mount } from "../dom";
import { blocks } from "../markdown";
import { navigate, onLeave, type Params } from "../router";
import { backLink, clearErrors, errorsFrom, heading, pageTitle, render, showErrors, textareaField } from "../ui";
import { actionCard, newActionFields, prefixed, readNewAction, updateForm } from "./actions";

/** The review of earlier actions happens under this standing item (see forum-core). */
const CARRY_ITEM_TITLE = "Actions from previous meetings";

// The owner typed last, offered for the next action: most actions in a meeting go to
// the same few owners.
let lastOwner = "Forum team";

/** Saves `value` with `save` after typing pauses, and at once on `flush`. */
function autosave(save: (v: string) => Promise<unknown>, status: HTMLElement, main: HTMLElement) {
  let pending: string | null = null;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    if (pending === null) return running;
    const v = pending;
    pending = null;
    status.textContent = "Saving…";
    running = running
      .then(() => save(v))
      .then(() => {
        if (pending === null) status.textContent = "Saved";
      })
      .catch((e) => {
        status.textContent = "Not saved";
        showErrors(main, errorsFrom(e));
      });
    return running;
  };
  const later = debounce(() => void run(), 400);
  return {
    change(v: string) {
      pending = v;
      status.textContent = "Unsaved changes…";
      later();
    },
    flush: run,
  };
}

let timerHandle: number | undefined;

export async function runMeeting(main: HTMLElement, params: Params): Promise<void> {
  const meetingId = Number(params.id);
  let agenda: Agenda;
  try {
    agenda = await api.getAgenda(meetingId);
  } catch (e) {
    render(main, backLink("#/meetings", "Back to meetings"));
    showErrors(main, errorsFrom(e));
    return;
  }
  const n = Math.min(Math.max(Number(params.n) || 1, 1), Math.max(agenda.items.length, 1));
  const item = agenda.items[n - 1];
  if (!item) {
    render(main, backLink(`#/meetings/${meetingId}`, "Back to the meeting"), h("p", { class: "govuk-body" }, "This agenda has no items yet."));
    return;
  }
  pageTitle(`${item.title} (running)`);

  const noteStatus = h("span", { class: "govuk-body-s fd-muted", id: "notes-status", role: "status" }, "Saved");
  const outcomeStatus = h("span", { class: "govuk-body-s fd-muted", id: "outcomes-status", role: "status" }, "Saved");
  const notes = autosave((v) => api.saveNotes(item.id, v), noteStatus, main);
  const outcomes = autosave((v) => api.saveOutcomes(item.id, v.split("\n")), outcomeStatus, main);
  const actionsPanel = h("section", { "aria-labelledby": "run-actions-heading", id: "run-actions" });
  const drawActions = async () => {
    try {
      const [all, networks] = await Promise.all([api.meetingActions(meetingId), api.listNetworks({ search: null, kind: null, includeInactive: false })]);
      const mine = all.agreed.filter((a) => a.itemId === item.id);
      const quickAdd = async (ev: Event) => {
        ev.preventDefault();
        try {
          const input = readNewAction("qa");
          await api.createAction(meetingId, item.id, input);
          lastOwner = input.ownerText ?? lastOwner;
          clearErrors(main);
          await drawActions();
          const status = document.getElementById("action-added");
          if (status) status.textContent = `Action added: ${input.description}`;
          notesArea.focus();
        } catch (e) {
          showErrors(main, prefixed("qa", e));
        }
      };
      mount(
        actionsPanel,
        h("h2", { class: "govuk-heading-m", id: "run-actions-heading" }, "Actions"),
        h("p", { class: "govuk-visually-hidden", id: "action-added", role: "status" }),
        item.title === CARRY_ITEM_TITLE
          ? h(
              "div",
              { id: "carried-actions" },
              h("h3", { class: "govuk-heading-s" }, "From previous meetings"),
              all.carried.length ? all.carried.map((a) => actionCard(a, a.status === "done" || a.status === "dropped" ? null : updateForm(a, meetingId, main, () => void drawActions()))) : h("p", { class: "govuk-body" }, "No open actions from earlier meetings."),
            )
          : null,
        mine.length ? h("ul", { class: "govuk-list govuk-list--bullet", id: "item-actions" }, mine.map((a) => h("li", {}, `${a.description} — ${a.ownerNetworkName ?? a.ownerText ?? ""}`))) : null,
        h(
          "form",
          { novalidate: true, onsubmit: quickAdd, id: "quick-action" },
          ...newActionFields("qa", networks, { ownerText: lastOwner }),
          h("button", { type: "submit", class: "govuk-button govuk-button--secondary", id: "add-action" }, "Add action"),
          h("p", { class: "govuk-body-s fd-muted" }, "Alt+A in the notes: the selected text (or the current line) becomes an action; Enter adds it."),
        ),
      );
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  };

  /** Alt+A: the selected notes text (or the line at the caret) becomes a new action. */
  const startAction = () => {
    const { selectionStart: a, selectionEnd: b, value } = notesArea;
    let text = value.slice(a, b).trim();
    if (!text && document.activeElement === notesArea) {
      const start = value.lastIndexOf("\n", a - 1) + 1;
      const end = value.indexOf("\n", a);
      text = value.slice(start, end === -1 ? value.length : end).replace(/^[-*\d.\s]+/, "").trim();
    }
    const field = document.getElementById("field-qadescription") as HTMLInputElement | null;
    if (!field) return;
    if (text) field.value = text;
    field.focus();
  };

  const flushAll = async () => {
    await Promise.all([notes.flush(), outcomes.flush()]);
  };
  onLeave(flushAll);

  const preview = h("div", { class: "fd-preview", id: "notes-preview", role: "region", "aria-label": "Preview of the notes" });
  const showPreview = debounce(async (text: string) => {
    try {
      mount(preview, ...blocks(await api.previewMarkdown(text)));
    } catch {
      // The preview is a convenience; the notes themselves are saved separately.
    }
  }, 200);

  const notesField = textareaField("notes", "Notes", item.notes, { rows: 12, hint: "Markdown: **bold**, *italic*, - lists, [links](https://…). Saved as you type." , labelClass: "govuk-label--m" });
  const notesArea = notesField.querySelector("textarea") as HTMLTextAreaElement;
  notesArea.addEventListener("input", () => {
    notes.change(notesArea.value);
    showPreview(notesArea.value);
  });
  notesArea.addEventListener("blur", () => void notes.flush());
  notesField.appendChild(noteStatus);

  const outcomesField = textareaField("outcomes", "Outcomes", item.outcomes.join("\n"), { rows: 6, hint: "Decisions and agreed points, one per line", labelClass: "govuk-label--m" });
  const outcomesArea = outcomesField.querySelector("textarea") as HTMLTextAreaElement;
  outcomesArea.addEventListener("input", () => outcomes.change(outcomesArea.value));
  outcomesArea.addEventListener("blur", () => void outcomes.flush());
  outcomesField.appendChild(outcomeStatus);

  const go = async (to: number) => {
    if (to < 1 || to > agenda.items.length) return;
    await flushAll();
    navigate(`/meetings/${meetingId}/run/${to}`);
  };

  // Time used on this item since it was opened.
  const started = Date.now();
  const clock = h("span", { id: "item-clock" }, "0:00");
  window.clearInterval(timerHandle);
  timerHandle = window.setInterval(() => {
    if (!document.body.contains(clock)) return window.clearInterval(timerHandle);
    const s = Math.floor((Date.now() - started) / 1000);
    clock.textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
    clock.classList.toggle("fd-overtime", s > item.durationMinutes * 60);
  }, 1000);

  const nav = h(
    "div",
    { class: "govuk-button-group fd-run-nav", id: "run-nav" },
    h("button", { type: "button", class: "govuk-button govuk-button--secondary", id: "prev-item", disabled: n === 1, onclick: () => go(n - 1) }, "Previous item"),
    h("button", { type: "button", class: "govuk-button", id: "next-item", disabled: n === agenda.items.length, onclick: () => go(n + 1) }, "Next item"),
    h("span", { class: "govuk-body-s fd-muted" }, "Or Alt and the left or right arrow"),
  );
  render(
    main,
    backLink(`#/meetings/${meetingId}`, "Back to the meeting"),
    ...heading(item.title, `Item ${n} of ${agenda.items.length} · ${agenda.meeting.title}`),
    h(
      "p",
      { class: "govuk-body", id: "item-slot" },
      h("strong", {}, item.slot.label),
      ` · ${item.durationMinutes} minutes · time on this item `,
      clock,
      item.presenter ? ` · ${item.presenter}` : null,
      item.proposedByName ? ` · proposed by ${item.proposedByName}` : null,
    ),
    item.description ? h("p", { class: "govuk-body fd-muted" }, item.description) : null,
    nav,
    h(
      "div",
      { class: "govuk-grid-row" },
      h("div", { class: "govuk-grid-column-one-half" }, notesField),
      h("div", { class: "govuk-grid-column-one-half" }, h("h2", { class: "govuk-heading-m" }, "Preview"), preview),
    ),
    h("div", { class: "govuk-grid-row" }, h("div", { class: "govuk-grid-column-one-half" }, outcomesField), h("div", { class: "govuk-grid-column-one-half" }, actionsPanel)),
  );
  await drawActions();
  mount(preview, ...blocks(await api.previewMarkdown(item.notes).catch(() => [])));
  keyHandler = (ev: KeyboardEvent) => {
    if (!ev.altKey) return;
    if (ev.key === "a" || ev.key === "A" || ev.code === "KeyA") {
      ev.preventDefault();
      startAction();
    } else if (ev.key === "ArrowRight") {
      ev.preventDefault();
      void go(n + 1);
    } else if (ev.key === "ArrowLeft") {
      ev.preventDefault();
      void go(n - 1);
    }
  };
}

let keyHandler: ((ev: KeyboardEvent) => void) | null = null;
document.addEventListener("keydown", (ev) => {
  if (keyHandler && document.getElementById("run-nav")) keyHandler(ev);
});
