import "./styles.scss";
import { api } from "./api";
import { byId, h, mount } from "./dom";
import { currentPath, replaceWith, route, start } from "./router";
import { openUrl } from "@tauri-apps/plugin-opener";
import { actionLog, actionPage } from "./screens/actions";
import { attendanceOverview } from "./screens/attendance";
import { checkInList } from "./screens/checkin";
import { registrationImport } from "./screens/registrations";
import { teamsImport } from "./screens/teamsimport";
import { peopleList, personPage } from "./screens/people";
import { forwardLook, submissionsImport } from "./screens/forwardlook";
import { leadTask } from "./screens/lead";
import { settingsScreen } from "./screens/settings";
import { submissionPage } from "./screens/submission";
import { itemForm, meetingPage } from "./screens/agenda";
import { forgetPrefetchedMeetings, meetingForm, meetingList, prefetchMeetings } from "./screens/meetings";
import { networkForm, networkImport, networkList, networkView } from "./screens/networks";
import { exportReadout } from "./screens/publish";
import { meetingEmail, reminderEmails } from "./screens/email";
import { runMeeting } from "./screens/run";
import { leaveSearch, searchBox, searchScreen } from "./screens/search";
import { planMeetings } from "./screens/series";
import { welcome } from "./screens/welcome";
import { takeStartData } from "./start";
import { errorsFrom, heading, pageTitle, render } from "./ui";

const CHAIR_NAV = [
  { key: "meetings", label: "Meetings", href: "#/meetings" },
  { key: "actions", label: "Actions", href: "#/actions" },
  { key: "attendance", label: "Attendance", href: "#/attendance" },
  { key: "people", label: "People", href: "#/people" },
  { key: "networks", label: "Networks", href: "#/networks" },
  { key: "settings", label: "Settings", href: "#/settings" },
];
// A lead's copy has one task; the chair's screens are not offered.
const LEAD_NAV = [
  { key: "lead", label: "Your submission", href: "#/lead" },
  { key: "settings", label: "Settings", href: "#/settings" },
];
let NAV = CHAIR_NAV;

// Links in notes open in the system browser, never inside the app's window.
document.addEventListener("click", (ev) => {
  const a = (ev.target as Element | null)?.closest?.("a[data-external]");
  if (!a) return;
  ev.preventDefault();
  const href = a.getAttribute("href");
  if (href) void openUrl(href).catch(() => undefined);
});

/** Builds the menu once; each screen change only marks the current item. */
function setNav(current: string): void {
  leaveSearch(current);
  const list = byId("navigation");
  if (!list.childElementCount) {
    mount(
      list,
      NAV.map((item) => h("li", { class: "govuk-header__navigation-item", "data-nav": item.key }, h("a", { class: "govuk-header__link", href: item.href }, item.label))),
    );
  }
  for (const li of Array.from(list.children)) {
    const active = (li as HTMLElement).dataset.nav === current;
    li.classList.toggle("govuk-header__navigation-item--active", active);
    const link = li.querySelector("a");
    if (active) link?.setAttribute("aria-current", "page");
    else link?.removeAttribute("aria-current");
  }
}

/** Shown instead of every screen when the database cannot be opened. */
function cannotOpen(main: HTMLElement, message: string): void {
  pageTitle("Cannot open the records");
  setNav("");
  render(
    main,
    ...heading("Forum Desk cannot open its records"),
    h("p", { class: "govuk-body", id: "open-error" }, message),
    h("p", { class: "govuk-body" }, "Nothing has been changed. Close Forum Desk and start it again once the problem is fixed."),
  );
}

async function boot(): Promise<void> {
  performance.mark("script");
  const main = byId("main-content");
  const startData = takeStartData();
  // The meetings screen is where a chair's window opens: its list comes with the start
  // data, or is asked for alongside the status rather than after it (start-up budget,
  // docs/benchmarks.md).
  if (currentPath() === "/" || currentPath() === "/meetings") prefetchMeetings(startData?.meetings);
  let status;
  try {
    status = startData?.status ?? (await api.appStatus());
    performance.mark("status");
  } catch (e) {
    cannotOpen(main, errorsFrom(e)[0].message);
    return;
  }
  NAV = status.mode === "lead" ? LEAD_NAV : CHAIR_NAV;
  // The chair's records can be searched from every screen; a lead's copy has one task.
  if (status.mode !== "lead") byId("header-search").replaceChildren(searchBox());
  byId("footer-text").textContent = `Forum Desk keeps the forum's records on this computer only, in ${status.dataDir}.`;
  // The start's status describes the window as it opened: only a first screen of "/"
  // may use it.
  let first = currentPath() === "/";
  route("/", "", async (m) => {
    // Asked afresh after the first time: the sample forum may have been loaded since.
    const now = first ? status : await api.appStatus().catch(() => status);
    first = false;
    if (now.mode === "lead" || (now.isEmpty && currentPath() === "/")) forgetPrefetchedMeetings();
    // The address is replaced rather than pushed: no hashchange to wait for, and Back
    // does not return to this redirect.
    if (now.mode === "lead") replaceWith("/lead");
    else if (now.isEmpty && currentPath() === "/") welcome(m);
    else replaceWith("/meetings");
  });
  route("/meetings", "meetings", meetingList);
  route("/meetings/new", "meetings", meetingForm);
  route("/meetings/plan", "meetings", planMeetings);
  route("/meetings/:id", "meetings", meetingPage);
  route("/meetings/:id/edit", "meetings", meetingForm);
  route("/meetings/:id/items/new", "meetings", itemForm);
  route("/meetings/:id/items/:itemId/edit", "meetings", itemForm);
  route("/meetings/:id/run/:n", "meetings", runMeeting);
  route("/meetings/:id/readout", "meetings", exportReadout);
  route("/meetings/:id/email/:kind", "meetings", meetingEmail);
  route("/meetings/:id/attendance", "meetings", checkInList);
  route("/meetings/:id/registrations/import", "meetings", registrationImport);
  route("/meetings/:id/attendance/teams", "meetings", teamsImport);
  route("/attendance", "attendance", attendanceOverview);
  route("/meetings/:id/forward-look", "meetings", forwardLook);
  route("/meetings/:id/submissions/import", "meetings", submissionsImport);
  route("/meetings/:id/submissions/new", "meetings", submissionPage);
  route("/meetings/:id/submissions/:networkId", "meetings", submissionPage);
  route("/lead", "lead", leadTask);
  route("/settings", "settings", settingsScreen);
  route("/people", "people", peopleList);
  route("/people/:id", "people", personPage);
  route("/actions", "actions", actionLog);
  route("/actions/email", "actions", reminderEmails);
  route("/actions/:id", "actions", actionPage);
  route("/welcome", "", welcome);
  route("/search", "search", searchScreen);
  route("/networks", "networks", networkList);
  route("/networks/new", "networks", networkForm);
  route("/networks/import", "networks", networkImport);
  route("/networks/:id", "networks", networkView);
  route("/networks/:id/edit", "networks", networkForm);
  start(main, setNav);
}

void boot();
