import { api } from "../api";
import type { Meeting } from "../bindings/Meeting";
import type { MeetingInput } from "../bindings/MeetingInput";
import type { MeetingSummary } from "../bindings/MeetingSummary";
import type { StartData } from "../bindings/StartData";
import { h } from "../dom";
import { longDate, STATUS_LABELS, STATUS_ORDER } from "../format";
import { navigate, type Params } from "../router";
import { backLink, checkbox, clearErrors, confirmPanel, dataTable, errorsFrom, flash, heading, inputValue, isChecked, pageTitle, render, showErrors, textField, textareaField } from "../ui";

function statusTag(m: Meeting): HTMLElement {
  if (m.cancelledAt) return h("strong", { class: "govuk-tag govuk-tag--red" }, "Cancelled");
  const colour = m.status === "published" ? "govuk-tag--green" : m.status === "planned" ? "govuk-tag--grey" : "govuk-tag--blue";
  return h("strong", { class: `govuk-tag ${colour}` }, STATUS_LABELS[m.status]);
}

function meetingRows(list: MeetingSummary[]): HTMLElement[] {
  return list.map((s) =>
    h(
      "tr",
      { class: "govuk-table__row", "data-id": s.meeting.id },
      h("td", { class: "govuk-table__cell" }, longDate(s.meeting.date), h("span", { class: "fd-time" }, `${s.meeting.startTime} to ${s.meeting.endTime}`)),
      h("td", { class: "govuk-table__cell" }, h("a", { href: `#/meetings/${s.meeting.id}`, class: "govuk-link" }, s.meeting.title)),
      h("td", { class: "govuk-table__cell" }, statusTag(s.meeting)),
      h("td", { class: "govuk-table__cell govuk-table__cell--numeric" }, String(s.itemCount)),
      h("td", { class: "govuk-table__cell govuk-table__cell--numeric" }, String(s.openActions)),
    ),
  );
}

function meetingTable(caption: string, list: MeetingSummary[], id: string): HTMLElement {
  return dataTable(id, caption, ["Date", "Meeting", "Status", "Items", "Open actions"], meetingRows(list), "govuk-table__caption--m", [3, 4]);
}

// Past meetings shown at first: three years. Twenty years of history is 80 rows, which
// cost start-up time for rows nobody reads at the start of a session. The same number
// as the start's data holds (START_PAST, src-tauri/core/src/overview.rs).
const RECENT_PAST = 12;

/**
 * The past meetings, the most recent first, with a button for the rest: `past` may be
 * only the first ones (the start's data), `total` is how many there are.
 */
function pastMeetings(past: MeetingSummary[], total: number): HTMLElement[] {
  const table = meetingTable("Past", past.slice(0, RECENT_PAST), "past-meetings");
  if (total <= RECENT_PAST) return [table];
  // Not disabled while the rest is asked for: a disabled button loses the keyboard focus.
  let asking = false;
  const more = h(
    "button",
    {
      type: "button",
      class: "govuk-button govuk-button--secondary",
      id: "show-all-past",
      onclick: async () => {
        if (asking) return;
        asking = true;
        let all = past;
        try {
          if (past.length < total) all = (await api.listMeetings()).filter((m) => !m.upcoming);
        } catch (e) {
          asking = false;
          // One message, replaced at each failed try.
          document.getElementById("show-all-error")?.remove();
          more.after(h("p", { class: "govuk-error-message", id: "show-all-error", role: "alert" }, errorsFrom(e)[0].message));
          return;
        }
        document.getElementById("show-all-error")?.remove();
        const rows = meetingRows(all.slice(RECENT_PAST));
        table.querySelector("tbody")?.append(...rows);
        more.remove();
        // Focus the first row that was not shown before, so keyboard users carry on there.
        rows[0]?.querySelector("a")?.focus();
      },
    },
    `Show all ${total} past meetings`,
  );
  return [table, more];
}

// The start-up probe learns once when the first meetings screen has its data.
let probed = false;

/** The start's milestones in this page, in ms since it began loading (for the probe). */
function pageMarks(): string {
  const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  const page = nav ? [`html=${nav.responseEnd.toFixed(0)}`, `interactive=${nav.domInteractive.toFixed(0)}`] : [];
  // Each file the page loaded: when it was asked for and when it had all arrived.
  const files = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).map((r) => {
    const name = r.name.split("/").pop()?.replace(/[^a-z]/g, "") ?? "file";
    return `${name}=${r.startTime.toFixed(0)}-${r.responseEnd.toFixed(0)}`;
  });
  const marks = performance.getEntriesByType("mark").map((m) => `${m.name}=${m.startTime.toFixed(0)}`);
  const now = performance.now();
  return [...page, ...files, ...marks, `shown=${now.toFixed(0)}`, `wall=${(performance.timeOrigin + now).toFixed(1)}`].join(" ");
}

// The list asked for at start-up, used by the first meetings screen only: the meetings
// it shows, and how many past meetings there are in all.
interface Listed {
  list: MeetingSummary[];
  pastTotal: number;
}
let prefetched: Promise<Listed> | null = null;

function listAll(): Promise<Listed> {
  return api.listMeetings().then((list) => ({ list, pastTotal: list.filter((m) => !m.upcoming).length }));
}

/** The start's data, or (without it) the list asked for now, for the first screen. */
export function prefetchMeetings(start?: StartData | null): void {
  prefetched = start ? Promise.resolve({ list: start.meetings, pastTotal: start.pastMeetings }) : listAll();
  prefetched.catch(() => undefined); // a failure is shown when the screen asks again
}

// Another screen came first (the welcome, a lead's task): the list may change before
// the meetings screen shows, so it asks afresh then.
export function forgetPrefetchedMeetings(): void {
  prefetched = null;
}

export async function meetingList(main: HTMLElement): Promise<void> {
  pageTitle("Meetings");
  let list: MeetingSummary[];
  let pastTotal: number;
  const early = prefetched;
  prefetched = null;
  try {
    ({ list, pastTotal } = await (early ?? listAll()).catch(() => listAll()));
    if (!probed) performance.mark("meetings");
  } catch (e) {
    render(main, ...heading("Meetings"));
    showErrors(main, errorsFrom(e));
    return;
  }
  const upcoming = list.filter((m) => m.upcoming);
  const past = list.filter((m) => !m.upcoming);
  render(
    main,
    ...heading("Meetings", "Leaders of Networks Forum"),
    h(
      "div",
      { class: "govuk-button-group" },
      h("a", { href: "#/meetings/new", class: "govuk-button", role: "button", draggable: "false", id: "new-meeting" }, "New meeting"),
      h("a", { href: "#/meetings/plan", class: "govuk-button govuk-button--secondary", role: "button", draggable: "false", id: "plan-meetings" }, "Plan the next meetings"),
    ),
    list.length === 0 ? h("p", { class: "govuk-body", id: "no-meetings" }, "No meetings yet. Plan the next forum with New meeting, or the year ahead with Plan the next meetings.") : null,
    upcoming.length ? meetingTable("Upcoming", upcoming, "upcoming-meetings") : null,
    ...(past.length ? pastMeetings(past, pastTotal) : []),
  );
  if (!probed) {
    probed = true;
    void api.probeReady(pageMarks()).catch(() => undefined);
  }
}

function meetingFields(input: MeetingInput): HTMLElement[] {
  return [
    textField("title", "Title (optional)", input.title, { hint: "Leave empty for “Leaders of Networks Forum” and the month and year", widthClass: "govuk-!-width-full" }),
    textField("date", "Date", input.date, { hint: "For example 2027-01-14", widthClass: "govuk-input--width-10" }),
    h(
      "div",
      { class: "fd-actions" },
      textField("startTime", "Start time", input.startTime, { hint: "24-hour clock, for example 15:00", widthClass: "govuk-input--width-5" }),
      textField("endTime", "End time", input.endTime, { hint: "For example 16:00", widthClass: "govuk-input--width-5" }),
    ),
    textField("location", "Location", input.location, { hint: "A room and building, or Online", widthClass: "govuk-!-width-full" }),
    textField("onlineLink", "Online link (optional)", input.onlineLink ?? "", { hint: "The video call's web address", widthClass: "govuk-!-width-full", spellcheck: false }),
    textareaField("dialIn", "Dial-in details (optional)", input.dialIn ?? "", { rows: 2 }),
    textField("registrationLink", "Registration form link (optional)", input.registrationLink ?? "", { widthClass: "govuk-!-width-full", spellcheck: false }),
    textField("registrationEmail", "Register by email to (optional)", input.registrationEmail ?? "", {
      hint: "The mailbox people write to with their name, network and the meeting date, when there is no form",
      type: "email",
      widthClass: "govuk-!-width-two-thirds",
      spellcheck: false,
    }),
    textField("registrationDeadline", "Registration deadline (optional)", input.registrationDeadline ?? "", { hint: "The last day to register, for example 2027-01-07", widthClass: "govuk-input--width-10" }),
    textField("readoutAuthor", "Readout author (optional)", input.readoutAuthor ?? "", { widthClass: "govuk-!-width-two-thirds" }),
  ];
}

function readMeetingForm(): MeetingInput {
  const opt = (name: string) => inputValue(name).trim() || null;
  return {
    title: inputValue("title"),
    date: inputValue("date"),
    startTime: inputValue("startTime"),
    endTime: inputValue("endTime"),
    location: inputValue("location"),
    onlineLink: opt("onlineLink"),
    dialIn: opt("dialIn"),
    registrationLink: opt("registrationLink"),
    registrationEmail: opt("registrationEmail"),
    registrationDeadline: opt("registrationDeadline"),
    readoutAuthor: opt("readoutAuthor"),
  };
}

export async function meetingForm(main: HTMLElement, params: Params): Promise<void> {
  const editing = params.id ? Number(params.id) : null;
  let input: MeetingInput;
  let copyFrom: number | null = null;
  let copyNote: HTMLElement | null = null;
  let cadence = "";
  try {
    if (editing === null) {
      const s = await api.suggestMeeting();
      input = s.input;
      copyFrom = s.copyFrom;
      cadence = s.cadence;
      if (copyFrom !== null && s.standingItems.length) {
        copyNote = checkbox("copyStanding", `Copy the standing items from ${s.copyFromTitle ?? "the last meeting"}`, true, { hint: s.standingItems.join(", ") });
      }
    } else {
      const m = await api.getMeeting(editing);
      input = { ...m };
    }
  } catch (e) {
    render(main, backLink("#/meetings", "Back to meetings"));
    showErrors(main, errorsFrom(e));
    return;
  }
  const title = editing === null ? "New meeting" : "Edit meeting";
  pageTitle(title);
  const back = editing === null ? "#/meetings" : `#/meetings/${editing}`;
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const button = document.getElementById("save-meeting") as HTMLButtonElement;
    button.disabled = true;
    try {
      const copy = isChecked("copyStanding") ? copyFrom : null;
      const m = editing === null ? await api.createMeeting(readMeetingForm(), copy) : await api.updateMeeting(editing, readMeetingForm());
      flash(editing === null ? `${m.title} is planned.` : `${m.title} was saved.`);
      navigate(`/meetings/${m.id}`);
    } catch (e) {
      button.disabled = false;
      showErrors(main, errorsFrom(e));
    }
  };
  render(
    main,
    backLink(back),
    h(
      "div",
      { class: "govuk-grid-row" },
      h(
        "div",
        { class: "govuk-grid-column-two-thirds" },
        ...heading(title),
        editing === null
          ? h(
              "p",
              { class: "govuk-body", id: "cadence-note" },
              `${cadence}. The date, times, place and registration details below follow the last meeting: change whatever differs. `,
              h("a", { class: "govuk-link", href: "#/settings" }, "Change how often the forum meets"),
              ".",
            )
          : null,
        h(
          "form",
          { novalidate: true, id: "meeting-form", onsubmit: submit },
          ...meetingFields(input),
          copyNote,
          h(
            "div",
            { class: "govuk-button-group" },
            h("button", { class: "govuk-button", type: "submit", id: "save-meeting" }, editing === null ? "Plan meeting" : "Save changes"),
            h("a", { href: back, class: "govuk-link" }, "Cancel"),
          ),
        ),
      ),
    ),
  );
  clearErrors(main);
}

/** The status control: one step forward or back. */
export function statusControl(m: Meeting, onChange: () => void, container: HTMLElement): HTMLElement {
  const i = STATUS_ORDER.indexOf(m.status);
  const next = STATUS_ORDER[i + 1];
  const prev = STATUS_ORDER[i - 1];
  const move = async (to: (typeof STATUS_ORDER)[number]) => {
    try {
      await api.setMeetingStatus(m.id, to);
      flash(`The meeting is now: ${STATUS_LABELS[to]}.`);
      onChange();
    } catch (e) {
      showErrors(container, errorsFrom(e));
    }
  };
  return h(
    "div",
    { class: "govuk-button-group", id: "status-control" },
    next ? h("button", { type: "button", class: "govuk-button govuk-button--secondary", id: "status-next", onclick: () => move(next) }, `Mark as ${STATUS_LABELS[next].toLowerCase()}`) : null,
    prev ? h("button", { type: "button", class: "govuk-button govuk-button--secondary", id: "status-back", onclick: () => move(prev) }, `Back to ${STATUS_LABELS[prev].toLowerCase()}`) : null,
  );
}

export { statusTag };

/** The confirmation shown before deleting a meeting. */
export function confirmDeleteMeeting(m: Meeting, box: HTMLElement, container: HTMLElement): void {
  const doDelete = async () => {
    try {
      await api.deleteMeeting(m.id);
      flash(`${m.title} was deleted.`);
      navigate("/meetings");
    } catch (e) {
      box.replaceChildren();
      showErrors(container, errorsFrom(e));
    }
  };
  confirmPanel(box, `Delete ${m.title} and its agenda for good? This cannot be undone.`, "Yes, delete it", "confirm-delete", doDelete);
}
