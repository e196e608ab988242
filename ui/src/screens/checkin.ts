// The check-in list at the door: each registered person with a one-key status, a walk-in
// form that takes seconds, a filter, and the counts at the top.
import { api } from "../api";
import type { AttendanceStatus } from "../bindings/AttendanceStatus";
import type { CheckIn } from "../bindings/CheckIn";
import type { Network } from "../bindings/Network";
import type { Registration } from "../bindings/Registration";
import { debounce, h, mount } from "../dom";
import { ATTENDANCE_KEYS, ATTENDANCE_LABELS, clockTime, longDate, timeInMeeting } from "../format";
import type { Params } from "../router";
import { backLink, clearErrors, dataTable, errorsFrom, heading, inputValue, pageTitle, render, selectField, showErrors, textField } from "../ui";

const MARKS: AttendanceStatus[] = ["in_person", "dialled_in", "apologies", "absent"];
const KEY_OF: Record<string, string> = Object.fromEntries(Object.entries(ATTENDANCE_KEYS).map(([k, s]) => [s, k.toUpperCase()]));

export async function checkInList(main: HTMLElement, params: Params): Promise<void> {
  const id = Number(params.id);
  let list: CheckIn;
  let networks: Network[];
  let title: string;
  let date: string;
  try {
    const [meeting, l, n] = await Promise.all([api.getMeeting(id), api.checkInList(id), api.listNetworks({ search: null, kind: null, includeInactive: false })]);
    [list, networks, title, date] = [l, n, meeting.title, meeting.date];
  } catch (e) {
    render(main, backLink(`#/meetings/${id}`, "Back to the meeting"));
    showErrors(main, errorsFrom(e));
    return;
  }
  pageTitle(`Check-in: ${title}`);
  const counts = h("div", { id: "counts", "aria-live": "polite" });
  const body = h("tbody", { class: "govuk-table__body" });
  let filter: AttendanceStatus | "" = "";
  let search = "";

  const showCounts = () => {
    const c = list.counts;
    const item = (label: string, n: number, key: string) => h("div", { class: "fd-count", "data-count": key }, h("span", { class: "fd-count__n" }, String(n)), h("span", { class: "fd-count__label" }, label));
    mount(
      counts,
      h(
        "div",
        { class: "fd-counts" },
        item("registered", list.registrations.length, "all"),
        item("in person", c.inPerson, "in_person"),
        item("dialled in", c.dialledIn, "dialled_in"),
        c.phone ? item("of them by phone, without names", c.phone, "phone") : null,
        item("apologies", c.apologies, "apologies"),
        item("did not attend", c.absent, "absent"),
        item("not yet checked in", c.registered, "registered"),
        item("networks represented", c.networks, "networks"),
      ),
    );
  };

  const visible = (r: Registration) =>
    (filter === "" || r.status === filter) && (search === "" || `${r.name} ${r.networkName ?? ""} ${r.department ?? ""}`.toLowerCase().includes(search));

  const setStatus = async (r: Registration, status: AttendanceStatus) => {
    try {
      await api.setAttendance(r.id, status);
      list = await api.checkInList(id);
      showCounts();
      showRows(r.id);
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  };

  // The time in the meeting, once a Teams report has given it to anyone on the list.
  const timed = () => list.registrations.some((r) => r.minutesInMeeting !== null);
  const timeCell = (r: Registration) =>
    h(
      "td",
      { class: "govuk-table__cell" },
      r.minutesInMeeting === null ? "" : timeInMeeting(r.minutesInMeeting),
      r.firstJoin && r.lastLeave ? h("div", { class: "govuk-hint govuk-!-margin-0" }, `${clockTime(r.firstJoin)} to ${clockTime(r.lastLeave)}`) : null,
    );

  const rowOf = (r: Registration) => {
    const tr = h(
      "tr",
      { class: "govuk-table__row fd-checkin-row", tabindex: "0", "data-registration": r.id, "data-status": r.status, "aria-label": `${r.name}, ${ATTENDANCE_LABELS[r.status]}` },
      h("td", { class: "govuk-table__cell" }, h("strong", {}, r.name), r.pronouns ? h("span", { class: "govuk-hint govuk-!-margin-0" }, ` (${r.pronouns})`) : null),
      h("td", { class: "govuk-table__cell" }, r.networkName ?? "No network", r.department ? h("div", { class: "govuk-hint govuk-!-margin-0" }, r.department) : null),
      timed() ? timeCell(r) : null,
      h(
        "td",
        { class: "govuk-table__cell" },
        h(
          "div",
          { class: "fd-marks", role: "group", "aria-label": `Record how ${r.name} took part` },
          MARKS.map((s) =>
            h(
              "button",
              {
                type: "button",
                class: `govuk-button govuk-button--secondary fd-mark${r.status === s ? " fd-mark--on" : ""}`,
                "aria-pressed": String(r.status === s),
                "aria-keyshortcuts": KEY_OF[s],
                tabindex: "-1",
                onclick: () => setStatus(r, r.status === s ? "registered" : s),
              },
              ATTENDANCE_LABELS[s],
            ),
          ),
        ),
      ),
    );
    tr.addEventListener("keydown", (ev: KeyboardEvent) => {
      if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.target !== tr) return;
      const status = ATTENDANCE_KEYS[ev.key.toLowerCase()];
      if (status) {
        ev.preventDefault();
        void setStatus(r, status);
      } else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        ev.preventDefault();
        const sibling = ev.key === "ArrowDown" ? tr.nextElementSibling : tr.previousElementSibling;
        (sibling as HTMLElement | null)?.focus();
      }
    });
    return tr;
  };

  const showRows = (focusId?: number) => {
    const rows = list.registrations.filter(visible).map(rowOf);
    mount(body, rows.length ? rows : h("tr", { class: "govuk-table__row" }, h("td", { class: "govuk-table__cell", colspan: timed() ? "4" : "3" }, list.registrations.length ? "Nobody matches the filter." : "Nobody has registered yet. Import the registration form's answers, or add people as they arrive.")));
    if (focusId !== undefined) (body.querySelector(`[data-registration="${focusId}"]`) as HTMLElement | null)?.focus();
  };

  const walkIn = async (ev: Event) => {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    clearErrors(form);
    const network = inputValue("walkin-network");
    try {
      const r = await api.registerPerson(id, { name: inputValue("walkin-name"), email: inputValue("walkin-email") || null, pronouns: null, networkId: network ? Number(network) : null, status: inputValue("walkin-mode") as AttendanceStatus }, true);
      list = await api.checkInList(id);
      showCounts();
      showRows();
      form.reset();
      mount(byIdIn(form, "walkin-done"), `Added ${r.name}, ${ATTENDANCE_LABELS[r.status].toLowerCase()}.`);
      (form.querySelector("#field-walkin-name") as HTMLElement | null)?.focus();
    } catch (e) {
      showErrors(form, errorsFrom(e).map((x) => ({ ...x, field: x.field ? `walkin-${x.field}` : null })));
    }
  };

  const filterSelect = selectField("filter", "Show", "", [{ value: "", label: "Everyone" }, ...(["registered", ...MARKS] as AttendanceStatus[]).map((s) => ({ value: s, label: ATTENDANCE_LABELS[s] }))]);
  filterSelect.querySelector("select")?.addEventListener("change", (ev) => {
    filter = (ev.target as HTMLSelectElement).value as AttendanceStatus | "";
    showRows();
  });
  const searchField = textField("find", "Find a name or network", "", { widthClass: "govuk-!-width-full" });
  searchField.querySelector("input")?.addEventListener(
    "input",
    debounce((ev: Event) => {
      search = (ev.target as HTMLInputElement).value.trim().toLowerCase();
      showRows();
    }, 120),
  );

  const networkChoices = [{ value: "", label: "No network" }, ...networks.map((n) => ({ value: String(n.id), label: `${n.name} (${n.department})` }))];
  render(
    main,
    backLink(`#/meetings/${id}`, "Back to the meeting"),
    ...heading("Check-in", `${title}, ${longDate(date)}`),
    counts,
    h(
      "p",
      { class: "govuk-body" },
      h("a", { href: `#/meetings/${id}/registrations/import`, class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-0", role: "button", draggable: "false", id: "import-registrations" }, "Import registrations…"),
      " ",
      h("a", { href: `#/meetings/${id}/attendance/teams`, class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-0", role: "button", draggable: "false", id: "import-teams" }, "Import Teams attendance…"),
    ),
    h(
      "form",
      { novalidate: true, id: "walkin-form", class: "fd-walkin", onsubmit: walkIn },
      h("h2", { class: "govuk-heading-m" }, "Add a walk-in"),
      h(
        "div",
        { class: "fd-walkin__fields" },
        textField("walkin-name", "Name", "", { autocomplete: "off" }),
        selectField("walkin-network", "Network", "", networkChoices),
        textField("walkin-email", "Email (optional)", "", { type: "email", spellcheck: false }),
        selectField("walkin-mode", "How", "in_person", [
          { value: "in_person", label: "In person" },
          { value: "dialled_in", label: "Dialled in" },
        ]),
        h("button", { class: "govuk-button", type: "submit", id: "add-walkin" }, "Add walk-in"),
      ),
      h("p", { class: "govuk-body govuk-!-margin-bottom-0", id: "walkin-done", role: "status" }),
    ),
    h("h2", { class: "govuk-heading-m" }, "Registered"),
    h("div", { class: "fd-filters" }, filterSelect, searchField),
    h("p", { class: "govuk-hint", id: "keys-hint" }, "Select a person (Tab or the arrow keys), then press I for in person, D for dialled in, A for apologies, N for did not attend, R to clear."),
    dataTable("checkin", "People registered for this meeting", timed() ? ["Name", "Network", "Time in meeting", "How they took part"] : ["Name", "Network", "How they took part"], []),
  );
  const table = main.querySelector("#checkin tbody");
  table?.replaceWith(body);
  showCounts();
  showRows();
}

function byIdIn(root: HTMLElement, id: string): HTMLElement {
  return (root.querySelector(`#${id}`) as HTMLElement | null) ?? root;
}
