// Dates and labels as people read them (en-GB).
import type { ActionStatus } from "./bindings/ActionStatus";
import type { AttendanceStatus } from "./bindings/AttendanceStatus";
import type { Role } from "./bindings/Role";
import type { ItemKind } from "./bindings/ItemKind";
import type { MeetingStatus } from "./bindings/MeetingStatus";

// Dates are written here rather than by the browser's Intl: the app is in English only,
// the text then matches the readout's (chrono's "%A %-d %B %Y"), and the start of the
// window does not load ICU's date formatting (about 3 MB and a formatter built for each
// date; docs/benchmarks.md, start-up).
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** The day of "2027-01-14", or null for anything that is not a real date. */
function calendarDay(iso: string): { year: number; month: number; day: number; weekday: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day, weekday: d.getUTCDay() };
}

/** "Thursday 14 January 2027" from "2027-01-14". */
export function longDate(iso: string): string {
  const d = calendarDay(iso);
  return d ? `${WEEKDAYS[d.weekday]} ${d.day} ${MONTHS[d.month - 1]} ${d.year}` : iso;
}

export const STATUS_LABELS: Record<MeetingStatus, string> = {
  planned: "Planned",
  agenda_circulated: "Agenda circulated",
  held: "Held",
  readout_drafted: "Readout drafted",
  readout_approved: "Readout approved",
  published: "Published",
};

export const STATUS_ORDER: MeetingStatus[] = ["planned", "agenda_circulated", "held", "readout_drafted", "readout_approved", "published"];

export const KIND_LABELS: Record<ItemKind, string> = {
  standing_update: "Standing update",
  discussion: "Discussion",
  network_proposal: "Network proposal",
  any_other_business: "Any other business",
};

export function minutes(n: number): string {
  return `${n} min`;
}

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  dropped: "Dropped",
};

/** "14 Jan 2027" from "2027-01-14". */
export function shortDate(iso: string): string {
  const d = calendarDay(iso);
  return d ? `${d.day} ${MONTHS[d.month - 1].slice(0, 3)} ${d.year}` : iso;
}

export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  registered: "Not yet checked in",
  in_person: "In person",
  dialled_in: "Dialled in",
  apologies: "Apologies",
  absent: "Did not attend",
};

/** The one key that records each status on the check-in list. */
export const ATTENDANCE_KEYS: Record<string, AttendanceStatus> = { i: "in_person", d: "dialled_in", a: "apologies", n: "absent", r: "registered" };

/** "1 network", "3 networks". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export const ROLE_LABELS: Record<Role, string> = {
  chair: "Chair",
  vice_chair: "Vice-chair",
  committee_member: "Committee member",
  nominated_representative: "Nominated representative",
  forum_team: "Forum team",
};

/** Time in a meeting: "1 h 29 min", "45 min". */
export function timeInMeeting(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** "15:01" from "2025-01-20T15:01:10". */
export function clockTime(iso: string | null): string {
  return iso ? iso.slice(11, 16) : "";
}
