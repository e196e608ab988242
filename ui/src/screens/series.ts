// The forum as a series: how often it meets (in Settings), and planning a run of
// meetings at once with the calendar for all of them in one file.
import { save } from "@tauri-apps/plugin-dialog";
import { api } from "../api";
import type { Cadence } from "../bindings/Cadence";
import type { DayRule } from "../bindings/DayRule";
import type { Meeting } from "../bindings/Meeting";
import type { Week } from "../bindings/Week";
import type { Weekday } from "../bindings/Weekday";
import { h, mount } from "../dom";
import { longDate } from "../format";
import { navigate } from "../router";
import { backLink, clearErrors, dataTable, errorsFrom, flash, heading, pageTitle, render, selectField, showErrors, takeFlash, textField } from "../ui";

const EVERY: { value: Cadence["every"]; label: string; hint?: string }[] = [
  { value: "monthly", label: "Monthly" },
  { value: "bimonthly", label: "Every two months" },
  { value: "quarterly", label: "Quarterly", hint: "January, April, July and October" },
  { value: "none", label: "No fixed pattern", hint: "You choose the date of each meeting" },
];
const WEEKS: { value: Week; label: string }[] = [
  { value: "first", label: "first" },
  { value: "second", label: "second" },
  { value: "third", label: "third" },
  { value: "fourth", label: "fourth" },
  { value: "last", label: "last" },
];
const WEEKDAYS: { value: Weekday; label: string }[] = [
  { value: "mon", label: "Monday" },
  { value: "tue", label: "Tuesday" },
  { value: "wed", label: "Wednesday" },
  { value: "thu", label: "Thursday" },
  { value: "fri", label: "Friday" },
];

/** GOV.UK radios: a fieldset with a legend, one radio per choice. */
function radios(name: string, legend: string, value: string, choices: { value: string; label: string; hint?: string; extra?: HTMLElement }[]): HTMLElement {
  return h(
    "div",
    { class: "govuk-form-group", id: `group-${name}` },
    h(
      "fieldset",
      { class: "govuk-fieldset" },
      h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s" }, legend),
      h(
        "div",
        { class: "govuk-radios govuk-radios--small", "data-module": "govuk-radios" },
        ...choices.map((c) =>
          h(
            "div",
            { class: "govuk-radios__item" },
            h("input", { class: "govuk-radios__input", id: `field-${name}-${c.value}`, name, type: "radio", value: c.value, checked: c.value === value, "aria-describedby": c.hint ? `hint-${name}-${c.value}` : null }),
            h("label", { class: "govuk-label govuk-radios__label", for: `field-${name}-${c.value}` }, c.label),
            c.hint ? h("div", { class: "govuk-hint govuk-radios__hint", id: `hint-${name}-${c.value}` }, c.hint) : null,
            c.extra ?? null,
          ),
        ),
      ),
    ),
  );
}

function checkedValue(form: HTMLElement, name: string): string {
  return (form.querySelector(`input[name="${name}"]:checked`) as HTMLInputElement | null)?.value ?? "";
}

function readCadence(form: HTMLElement): Cadence {
  const every = checkedValue(form, "every") as Cadence["every"];
  if (every === "none") return { every: "none" };
  let on: DayRule = { rule: "as_latest" };
  const rule = checkedValue(form, "rule");
  if (rule === "weekday") {
    on = { rule: "weekday", week: (form.querySelector("#field-week") as HTMLSelectElement).value as Week, weekday: (form.querySelector("#field-weekday") as HTMLSelectElement).value as Weekday };
  } else if (rule === "day_of_month") {
    const day = (form.querySelector("#field-day") as HTMLInputElement).value.trim();
    on = { rule: "day_of_month", day: /^\d{1,2}$/.test(day) ? Number(day) : 0 };
  }
  return { every, on };
}

/** The Settings section: how often the forum meets. */
export function cadenceSection(cadence: Cadence): HTMLElement {
  const on: DayRule = cadence.every === "none" ? { rule: "as_latest" } : cadence.on;
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    clearErrors(form);
    try {
      await api.setCadence(readCadence(form));
      flash("Saved how often the forum meets. New meeting and Plan the next meetings follow it.");
      navigate("/settings");
    } catch (e) {
      showErrors(form, errorsFrom(e));
    }
  };
  const weekday = h(
    "div",
    { class: "govuk-radios__conditional fd-actions", id: "conditional-weekday" },
    selectField("week", "Week of the month", on.rule === "weekday" ? on.week : "fourth", WEEKS),
    selectField("weekday", "Day", on.rule === "weekday" ? on.weekday : "wed", WEEKDAYS),
  );
  const day = h("div", { class: "govuk-radios__conditional" }, textField("day", "Day of the month", on.rule === "day_of_month" ? String(on.day) : "", { widthClass: "govuk-input--width-2", hint: "1 to 31; in a shorter month, its last day" }));
  return h(
    "form",
    { novalidate: true, id: "cadence-form", onsubmit: submit },
    radios("every", "How often the forum meets", cadence.every, EVERY),
    radios("rule", "On which day", on.rule, [
      { value: "as_latest", label: "The same week and weekday as the latest meeting", hint: "The second Thursday stays the second Thursday" },
      { value: "weekday", label: "A weekday of the month", extra: weekday },
      { value: "day_of_month", label: "A day of the month", extra: day },
    ]),
    h("button", { class: "govuk-button govuk-button--secondary", type: "submit", id: "save-cadence" }, "Save"),
  );
}

/** Plan the next N meetings at once, then save their calendar in one file. */
export async function planMeetings(main: HTMLElement): Promise<void> {
  pageTitle("Plan the next meetings");
  let describe: string;
  try {
    describe = (await api.suggestMeeting()).cadence;
  } catch (e) {
    render(main, backLink("#/meetings", "Back to meetings"));
    showErrors(main, errorsFrom(e));
    return;
  }
  const result = h("div", { id: "plan-result" });
  const saveCalendar = async (planned: Meeting[]) => {
    try {
      const from = planned[0].date;
      const to = planned[planned.length - 1].date;
      const path = await save({ title: "Save the calendar for these meetings", defaultPath: `leaders-of-networks-forum-${from}-to-${to}.ics`, filters: [{ name: "Calendar", extensions: ["ics"] }] });
      if (!path) return;
      const n = await api.exportCalendar(from, to, path);
      flash(`Saved ${n} meetings to ${path}.`);
      result.prepend(takeFlash() ?? "");
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  };
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    clearErrors(form);
    const count = (form.querySelector("#field-count") as HTMLSelectElement).value;
    const button = form.querySelector("button[type=submit]") as HTMLButtonElement;
    button.disabled = true;
    try {
      const planned = await api.planMeetings(Number(count));
      flash(`Planned ${planned.length} meeting${planned.length === 1 ? "" : "s"}: each can be changed on its page.`);
      mount(
        result,
        takeFlash(),
        dataTable(
          "planned-meetings",
          "The meetings just planned",
          ["Date", "Meeting", "Time"],
          planned.map((m) =>
            h(
              "tr",
              { class: "govuk-table__row" },
              h("td", { class: "govuk-table__cell" }, longDate(m.date)),
              h("td", { class: "govuk-table__cell" }, h("a", { class: "govuk-link", href: `#/meetings/${m.id}` }, m.title)),
              h("td", { class: "govuk-table__cell fd-slot" }, `${m.startTime} to ${m.endTime}`),
            ),
          ),
          "govuk-table__caption--m",
        ),
        h(
          "div",
          { class: "govuk-button-group" },
          h("button", { type: "button", class: "govuk-button", id: "save-calendar", onclick: () => saveCalendar(planned) }, "Save the calendar for these meetings…"),
          h("a", { class: "govuk-link", href: "#/meetings" }, "Back to meetings"),
        ),
      );
      form.remove();
    } catch (e) {
      button.disabled = false;
      showErrors(form, errorsFrom(e));
    }
  };
  const counts = Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));
  render(
    main,
    backLink("#/meetings", "Back to meetings"),
    ...heading("Plan the next meetings", "Leaders of Networks Forum"),
    h("p", { class: "govuk-body", id: "plan-cadence" }, `${describe}. `, h("a", { class: "govuk-link", href: "#/settings" }, "Change how often the forum meets"), "."),
    h("p", { class: "govuk-body" }, "Each meeting takes the times, place, joining and registration details and the standing items of the one before it."),
    h(
      "form",
      { novalidate: true, id: "plan-form", onsubmit: submit },
      selectField("count", "How many meetings", "3", counts),
      h("button", { class: "govuk-button", type: "submit", id: "plan" }, "Plan these meetings"),
    ),
    result,
  );
}
