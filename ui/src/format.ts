// Dates and labels as people read them (en-GB).
import type { ActionStatus } from "./bindings/ActionStatus";
import type { AttendanceStatus } from "./bindings/AttendanceStatus";
import type { Role } from "./bindings/Role";
import type { ItemKind } from "./bindings/ItemKind";
import type { MeetingStatus } from "./bindings/MeetingStatus";

/** "Thursday 14 January 2027" from "2027-01-14". */
export function longDate(iso: string): string {
  const d = new Date(`${iso}T12:00:00`);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric" });
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
  const d = new Date(`${iso}T12:00:00`);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
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
