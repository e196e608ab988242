// Attendance over time: each meeting by mode (a chart with its data table beside it),
// each network's record over the last four meetings, and the networks nobody has
// represented for a year, with whom to contact.
import { api } from "../api";
import type { AttendanceOverview } from "../bindings/AttendanceOverview";
import type { MeetingAttendance } from "../bindings/MeetingAttendance";
import { svg } from "../svg";
import { h } from "../dom";
import { shortDate } from "../format";
import { dataTable, errorsFrom, heading, pageTitle, render, showErrors } from "../ui";

const SERIES = [
  { key: "inPerson", label: "In person", colour: "#a3195b" },
  { key: "dialledIn", label: "Dialled in", colour: "#1d70b8" },
  { key: "apologies", label: "Apologies", colour: "#505a5f" },
] as const;


/** Stacked bars, one per meeting: in person, dialled in, apologies. */
function chart(meetings: MeetingAttendance[]): Element {
  const width = 640;
  const height = 260;
  const left = 36;
  const bottom = 40;
  const top = 12;
  const plotH = height - top - bottom;
  const max = Math.max(4, ...meetings.map((m) => m.counts.inPerson + m.counts.dialledIn + m.counts.apologies));
  const step = Math.ceil(max / 4);
  const scaleMax = step * 4;
  const slot = (width - left) / Math.max(meetings.length, 1);
  const barW = Math.min(48, slot * 0.6);
  const y = (v: number) => top + plotH - (v / scaleMax) * plotH;
  const grid = [0, 1, 2, 3, 4].map((i) =>
    svg("g", {}, svg("line", { x1: left, x2: width, y1: y(i * step), y2: y(i * step), stroke: "#b1b4b6", "stroke-width": 1 }), svg("text", { x: left - 6, y: y(i * step) + 4, "text-anchor": "end", "font-size": 14, fill: "#0b0c0c" }, String(i * step))),
  );
  const bars = meetings.map((m, i) => {
    const x = left + slot * i + (slot - barW) / 2;
    let base = 0;
    const parts = SERIES.map((s) => {
      const v = m.counts[s.key];
      const rect = svg("rect", { x, y: y(base + v), width: barW, height: (v / scaleMax) * plotH, fill: s.colour });
      base += v;
      return rect;
    });
    const label = svg("text", { x: x + barW / 2, y: height - bottom + 16, "text-anchor": "middle", "font-size": 13, fill: "#0b0c0c" }, shortDate(m.date).replace(/^\d+ /, ""));
    return svg("g", {}, ...parts, label);
  });
  const total = meetings.reduce((n, m) => n + m.counts.people, 0);
  return svg(
    "svg",
    { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "chart-title chart-desc", class: "fd-chart", id: "attendance-chart" },
    svg("title", { id: "chart-title" }, "Attendance per meeting by mode, last two years"),
    svg("desc", { id: "chart-desc" }, `${meetings.length} meetings, ${total} attendances in all. The table beside the chart has the figures.`),
    ...grid,
    ...bars,
  );
}

function legend(): HTMLElement {
  return h(
    "ul",
    { class: "fd-legend", "aria-hidden": "true" },
    SERIES.map((s) => h("li", {}, h("span", { class: "fd-legend__swatch", style: `background:${s.colour}` }), s.label)),
  );
}

export async function attendanceOverview(main: HTMLElement): Promise<void> {
  pageTitle("Attendance");
  let o: AttendanceOverview;
  try {
    o = await api.attendanceOverview();
  } catch (e) {
    render(main, ...heading("Attendance"));
    showErrors(main, errorsFrom(e));
    return;
  }
  const byId = new Map(o.networks.map((n) => [n.networkId, n]));
  const missing = o.notRepresented.map((id) => byId.get(id)).filter((n) => n !== undefined);
  const cell = (t: string | number, numeric = false) => h("td", { class: `govuk-table__cell${numeric ? " govuk-table__cell--numeric" : ""}` }, String(t));
  const meetingRows = o.meetings.map((m) =>
    h("tr", { class: "govuk-table__row" }, h("th", { scope: "row", class: "govuk-table__header" }, h("a", { href: `#/meetings/${m.meetingId}/attendance`, class: "govuk-link" }, shortDate(m.date))), cell(m.counts.networks, true), cell(m.counts.people, true), cell(m.counts.inPerson, true), cell(m.counts.dialledIn, true), cell(m.counts.apologies, true)),
  );
  render(
    main,
    ...heading("Attendance"),
    h("h2", { class: "govuk-heading-m", id: "not-reached" }, `Networks not represented in the last year (${missing.length})`),
    missing.length
      ? dataTable(
          "not-represented",
          "Networks nobody has represented at a meeting in the last twelve months, and whom to contact",
          ["Network", "Department", "Last attended", "Contact"],
          missing.map((n) =>
            h(
              "tr",
              { class: "govuk-table__row" },
              h("th", { scope: "row", class: "govuk-table__header" }, n.name),
              cell(n.department),
              cell(n.lastAttended ? shortDate(n.lastAttended) : "Never"),
              h("td", { class: "govuk-table__cell" }, n.contacts.length ? n.contacts.map((c, i) => [i ? ", " : "", h("a", { href: `mailto:${c}`, class: "govuk-link", "data-external": "" }, c)]) : "No contact recorded"),
            ),
          ),
        )
      : h("p", { class: "govuk-body" }, "Every active network has been represented in the last year."),
    h("h2", { class: "govuk-heading-m" }, "Each meeting"),
    o.meetings.length
      ? h(
          "div",
          {},
          h("figure", { class: "fd-figure" }, chart(o.meetings), legend()),
          dataTable("by-meeting", "Attendance per meeting", ["Meeting", "Networks", "People", "In person", "Dialled in", "Apologies"], meetingRows, "govuk-visually-hidden", [1, 2, 3, 4, 5]),
        )
      : h("p", { class: "govuk-body" }, "No meeting in the last two years has attendance recorded."),
    h("h2", { class: "govuk-heading-m" }, "Each network"),
    dataTable(
      "by-network",
      "Each network's attendance, least recently represented first",
      ["Network", "Department", "Last four meetings", "Last attended"],
      o.networks.map((n) =>
        h("tr", { class: "govuk-table__row" }, h("th", { scope: "row", class: "govuk-table__header" }, n.name), cell(n.department), cell(`${n.attendedOfLastFour} of ${n.lastFour}`, true), cell(n.lastAttended ? shortDate(n.lastAttended) : "Never")),
      ),
      "govuk-visually-hidden",
      [2],
    ),
  );
}
