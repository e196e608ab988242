// Importing a Teams attendance report onto the check-in list: choose the report, see
// whom it matched and how, who joined without registering (and their network, guessed
// from their address), the organiser and the forum team, the phone lines and who did
// not join; settle what needs settling, then import, all or nothing.
import { open } from "@tauri-apps/plugin-dialog";
import { api } from "../api";
import type { Network } from "../bindings/Network";
import type { NetworkResolution } from "../bindings/NetworkResolution";
import type { TeamsImportResult } from "../bindings/TeamsImportResult";
import type { TeamsLine } from "../bindings/TeamsLine";
import type { TeamsPreview } from "../bindings/TeamsPreview";
import { h, mount } from "../dom";
import { ATTENDANCE_LABELS, clockTime, longDate, plural, ROLE_LABELS, timeInMeeting } from "../format";
import type { Params } from "../router";
import { navigate } from "../router";
import { backLink, checkbox, clearErrors, dataTable, errorsFrom, type FieldError, filePathField, flash, heading, inputValue, isChecked, pageTitle, render, showErrors } from "../ui";
import { networkQuestion, readChoice } from "./formimport";

export async function teamsImport(main: HTMLElement, params: Params): Promise<void> {
  const id = Number(params.id);
  let networks: Network[];
  let title: string;
  let date: string;
  try {
    const [m, n] = await Promise.all([api.getMeeting(id), api.listNetworks({ search: null, kind: null, includeInactive: false })]);
    [networks, title, date] = [n, m.title, m.date];
  } catch (e) {
    render(main, backLink(`#/meetings/${id}/attendance`, "Back to check-in"));
    showErrors(main, errorsFrom(e));
    return;
  }
  pageTitle(`Import Teams attendance: ${title}`);
  const plan = h("div", { id: "teams-plan", "aria-live": "polite" });
  let path = "";
  let preview: TeamsPreview | null = null;

  const readFile = async (ev: Event) => {
    ev.preventDefault();
    clearErrors(main);
    path = inputValue("file").trim();
    if (!path) {
      showErrors(main, [{ field: "file", message: "Enter the path of the attendance report, or choose it" }]);
      return;
    }
    preview = null;
    mount(plan, h("p", { class: "govuk-body", role: "status" }, "Reading the report…"));
    try {
      preview = await api.previewTeamsAttendance(path, id);
      showPlan(preview);
    } catch (e) {
      mount(plan);
      showErrors(main, errorsFrom(e));
    }
  };

  const showPlan = (p: TeamsPreview) => {
    const named = p.networks.filter((q) => q.said !== "");
    const absentCount = p.notJoined.filter((n) => n.wouldBeAbsent).length;
    const nothingToDo = p.changes === 0 && !p.phoneChanges;
    mount(
      plan,
      h("h2", { class: "govuk-heading-m" }, "The report"),
      h(
        "dl",
        { class: "govuk-summary-list", id: "report-summary" },
        summaryRow("Meeting in Teams", p.title ?? "No title given"),
        summaryRow("Date", p.reportDate ? longDate(p.reportDate) : "Not given"),
        summaryRow("Joined", `${people(p.matched.length + p.walkIns.length + p.team.length)} and ${plural(p.phone.length, "phone line")}`),
      ),
      p.otherDate
        ? h(
            "div",
            { id: "other-date" },
            h(
              "div",
              { class: "govuk-warning-text" },
              h("span", { class: "govuk-warning-text__icon", "aria-hidden": "true" }, "!"),
              h(
                "strong",
                { class: "govuk-warning-text__text" },
                h("span", { class: "govuk-visually-hidden" }, "Warning"),
                p.reportDate ? `This report is for ${longDate(p.reportDate)}, but the meeting is on ${longDate(p.meetingDate)}.` : `This report does not say which day it is for; the meeting is on ${longDate(p.meetingDate)}.`,
              ),
            ),
            checkbox("any-date", "This is the right report: import it for this meeting", false),
          )
        : null,
      nothingToDo ? h("p", { class: "govuk-inset-text", id: "already-in" }, "This report is already on the check-in list: importing it again changes nothing.") : null,
      section(
        "teams-matched",
        `Registered and joined (${p.matched.length})`,
        "Marked as dialled in, with their time in the meeting. Someone you marked as in the room stays so.",
        ["Name", "Network", "Time in meeting", "Check-in"],
        p.matched.map((l) =>
          row(
            nameCell(l),
            l.networkName ?? "No network",
            timeCell(l),
            checkInText(l),
          ),
        ),
      ),
      section(
        "teams-team",
        `Organiser and forum team (${p.team.length})`,
        "Recognised from the report's organiser and your list of people; not offered as walk-ins.",
        ["Name", "Role", "Time in meeting", "Check-in"],
        p.team.map((l) =>
          row(
            nameCell(l),
            [l.organiser ? "Organiser" : null, l.role ? ROLE_LABELS[l.role] : null].filter((x) => x).join(", ") || "Organiser",
            timeCell(l),
            !l.recorded ? "Not in your list of people: not recorded" : l.registrationId === null ? "Added as dialled in" : checkInText(l),
          ),
        ),
      ),
      walkIns(p),
      named.length
        ? h(
            "div",
            { id: "teams-networks" },
            h("h3", { class: "govuk-heading-s" }, "Their networks"),
            h("p", { class: "govuk-body" }, "Guessed from each address's domain and the register. Those Forum Desk is sure of are chosen for you; choose the rest, or add them to the register."),
            ...named.map((q, i) => networkQuestion(q, i, networks)),
          )
        : null,
      h("h2", { class: "govuk-heading-m" }, `Phone (${p.phone.length})`),
      h(
        "p",
        { class: "govuk-body", id: "teams-phone" },
        p.phone.length
          ? `${plural(p.phone.length, "phone line")}, counted as dialled in without names (Teams masks the numbers): ${p.phone.map((l) => l.name).join(", ")}.`
          : "Nobody joined by phone.",
      ),
      section(
        "teams-not-joined",
        `Registered, did not join (${p.notJoined.length})`,
        null,
        ["Name", "Network", "Now"],
        p.notJoined.map((n) => row(n.name, n.networkName ?? "No network", ATTENDANCE_LABELS[n.status])),
      ),
      absentCount
        ? checkbox("mark-absent", `Mark the ${people(absentCount)} not yet checked in as did not attend`, false, { hint: "Apologies already recorded, and anyone you have checked in, are kept." })
        : null,
      h("button", { class: "govuk-button", type: "button", id: "run-import", onclick: runImport }, "Import attendance"),
    );
  };

  const runImport = async () => {
    if (!preview) return;
    const p = preview;
    clearErrors(main);
    const leaveOut = p.walkIns.filter((_, i) => !isChecked(`walkin-${i}`)).map((l) => l.key);
    const asked = new Set(p.walkIns.filter((l) => !leaveOut.includes(l.key)).map((l) => l.networkKey));
    const resolutions: NetworkResolution[] = [];
    const errors: FieldError[] = [];
    for (const [i, q] of p.networks.filter((q) => q.said !== "").entries()) {
      const choice = readChoice(i);
      if (choice) resolutions.push({ key: q.key, choice });
      else if (asked.has(q.key)) errors.push({ field: `network-${i}`, message: `Choose a network for \u201c${q.said}\u201d, or add it as a new network` });
    }
    if (p.otherDate && !isChecked("any-date")) errors.unshift({ field: "any-date", message: "Confirm that this is the right report, or choose the report of this meeting" });
    if (errors.length) {
      showErrors(main, errors);
      return;
    }
    const button = document.getElementById("run-import") as HTMLButtonElement;
    button.disabled = true;
    button.textContent = "Importing…";
    try {
      const r = await api.importTeamsAttendance(path, id, { markAbsent: isChecked("mark-absent"), anyDate: isChecked("any-date"), resolutions, leaveOut });
      flash(resultText(r));
      navigate(`/meetings/${id}/attendance`);
    } catch (e) {
      button.disabled = false;
      button.textContent = "Import attendance";
      showErrors(main, errorsFrom(e));
    }
  };

  const choose = async () => {
    const picked = await open({ title: "Choose the Teams attendance report", multiple: false, directory: false, filters: [{ name: "Attendance report", extensions: ["csv", "txt", "tsv"] }] });
    return typeof picked === "string" ? picked : null;
  };

  render(
    main,
    backLink(`#/meetings/${id}/attendance`, "Back to check-in"),
    ...heading("Import Teams attendance", `${title}, ${longDate(date)}`),
    h(
      "p",
      { class: "govuk-body" },
      "In Teams, open the meeting's Attendance and download the report. Choose it here: nothing is saved until you press Import attendance, and then all of it is saved or none of it.",
    ),
    h(
      "form",
      { novalidate: true, id: "file-form", onsubmit: readFile },
      filePathField("file", "Attendance report", "The file Teams downloads (.csv), or the same saved from Excel.", choose, (e) => showErrors(main, errorsFrom(e))),
      h("button", { class: "govuk-button govuk-button--secondary", type: "submit", id: "read-file" }, "Read the report"),
    ),
    plan,
  );
}

function summaryRow(key: string, value: string): HTMLElement {
  return h("div", { class: "govuk-summary-list__row" }, h("dt", { class: "govuk-summary-list__key" }, key), h("dd", { class: "govuk-summary-list__value" }, value));
}

function section(id: string, title: string, hint: string | null, headers: string[], rows: HTMLElement[]): HTMLElement {
  return h(
    "div",
    { class: "fd-teams-section" },
    h("h2", { class: "govuk-heading-m" }, title),
    hint ? h("p", { class: "govuk-hint" }, hint) : null,
    rows.length ? dataTable(id, title, headers, rows) : h("p", { class: "govuk-body", id }, "Nobody."),
  );
}

type Cell = string | HTMLElement | (string | HTMLElement | null)[];

function row(...cells: Cell[]): HTMLElement {
  return h("tr", { class: "govuk-table__row" }, cells.map((c, i) => (i === 0 ? h("th", { scope: "row", class: "govuk-table__header" }, c) : h("td", { class: "govuk-table__cell" }, c))));
}

/** What the import does to a registration: its status before and after. */
function checkInText(l: TeamsLine): string {
  if (!l.changes) return "Already recorded";
  if (l.statusBefore === "in_person") return "In person (kept), time recorded";
  if (l.statusBefore === "dialled_in") return "Dialled in, time recorded";
  return `${ATTENDANCE_LABELS[l.statusBefore ?? "registered"]} → Dialled in`;
}

/** The name on the list, and the name in Teams when it differs. */
function nameCell(l: TeamsLine): (string | HTMLElement | null)[] {
  const shown = l.knownAs ?? l.name;
  const how = l.matchedBy === "email" ? "matched by email" : l.matchedBy === "name" ? "matched by name" : null;
  const teamsName = shown !== l.name ? `in Teams: ${l.name}` : null;
  const note = [teamsName, how].filter((x) => x).join("; ");
  return [shown, note ? h("div", { class: "govuk-hint govuk-!-margin-0" }, note) : null];
}

function timeCell(l: TeamsLine): (string | HTMLElement | null)[] {
  const span = l.firstJoin && l.lastLeave ? `${clockTime(l.firstJoin)} to ${clockTime(l.lastLeave)}` : null;
  return [timeInMeeting(l.minutes), span ? h("div", { class: "govuk-hint govuk-!-margin-0" }, span) : null];
}

/** Those who joined without registering, each added unless the chair unticks them. */
function walkIns(p: TeamsPreview): HTMLElement {
  const networkText = (l: TeamsLine) => {
    if (l.networkName) return l.networkName;
    const q = p.networks.find((x) => x.key === l.networkKey);
    if (!q || q.said === "") return "No network";
    const best = q.guesses[0];
    if (q.chosen !== null && best) return `${best.networkName} (guessed from ${q.said}, ${Math.round(best.confidence * 100)}% sure)`;
    return `Not sure (${q.said}): choose below`;
  };
  return section(
    "teams-walkins",
    `Joined without registering (${p.walkIns.length})`,
    "Added to the check-in list as walk-ins who dialled in. Untick anyone you do not want on the list.",
    ["Name", "Time in meeting", "Network", "Add"],
    p.walkIns.map((l, i) =>
      row(
        [l.name, l.email ? h("div", { class: "govuk-hint govuk-!-margin-0" }, l.email) : null],
        timeCell(l),
        networkText(l),
        h(
          "div",
          { class: "govuk-checkboxes govuk-checkboxes--small fd-add-cell" },
          h(
            "div",
            { class: "govuk-checkboxes__item" },
            h("input", { class: "govuk-checkboxes__input", id: `field-walkin-${i}`, type: "checkbox", checked: true, "data-key": l.key }),
            h("label", { class: "govuk-label govuk-checkboxes__label", for: `field-walkin-${i}` }, "Add", h("span", { class: "govuk-visually-hidden" }, ` ${l.name}`)),
          ),
        ),
      ),
    ),
  );
}

function resultText(r: TeamsImportResult): string {
  if (r.unchanged) return "The Teams attendance was already on the check-in list: nothing changed.";
  const parts = [
    `${people(r.checkedIn)} checked in as dialled in`,
    r.added ? `${people(r.added)} added to the list` : null,
    r.networksCreated ? `${plural(r.networksCreated, "network")} added to the register` : null,
    plural(r.phone, "phone line"),
    r.markedAbsent ? `${people(r.markedAbsent)} marked as did not attend` : null,
  ].filter((x) => x);
  return `Imported the Teams attendance: ${parts.join(", ")}.`;
}

/** "1 person", "3 people". */
function people(n: number): string {
  return `${n} ${n === 1 ? "person" : "people"}`;
}
