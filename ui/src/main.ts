import "./styles.scss";
import { api } from "./api";
import { byId, h, mount } from "./dom";
import { currentPath, lazy, replaceWith, route, start } from "./router";
import { forgetPrefetchedMeetings, meetingForm, meetingList, prefetchMeetings } from "./screens/meetings";
import { leaveSearch, searchBox, searchScreen } from "./screens/search";
import { takeStartData } from "./start";
import { errorsFrom, heading, pageTitle, render } from "./ui";

// Every screen but the meetings list (where a chair's window opens) and the search (its
// box is in the header) is loaded when first opened.
const showWelcome = lazy(() => import("./screens/welcome"), (m) => m.welcome);

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
  if (href) void import("@tauri-apps/plugin-opener").then(({ openUrl }) => openUrl(href)).catch(() => undefined);
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
  if (currentPath() === "/" || currentPath() === "/meetings") prefetchMeetings(startData);
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
    else if (now.isEmpty && currentPath() === "/") await showWelcome(m, {});
    else replaceWith("/meetings");
  });
  route("/meetings", "meetings", meetingList);
  route("/meetings/new", "meetings", meetingForm);
  route("/meetings/plan", "meetings", lazy(() => import("./screens/series"), (m) => m.planMeetings));
  route("/meetings/:id", "meetings", lazy(() => import("./screens/agenda"), (m) => m.meetingPage));
  route("/meetings/:id/edit", "meetings", meetingForm);
  route("/meetings/:id/items/new", "meetings", lazy(() => import("./screens/agenda"), (m) => m.itemForm));
  route("/meetings/:id/items/:itemId/edit", "meetings", lazy(() => import("./screens/agenda"), (m) => m.itemForm));
  route("/meetings/:id/run/:n", "meetings", lazy(() => import("./screens/run"), (m) => m.runMeeting));
  route("/meetings/:id/readout", "meetings", lazy(() => import("./screens/publish"), (m) => m.exportReadout));
  route("/meetings/:id/email/:kind", "meetings", lazy(() => import("./screens/email"), (m) => m.meetingEmail));
  route("/meetings/:id/attendance", "meetings", lazy(() => import("./screens/checkin"), (m) => m.checkInList));
  route("/meetings/:id/registrations/import", "meetings", lazy(() => import("./screens/registrations"), (m) => m.registrationImport));
  route("/meetings/:id/attendance/teams", "meetings", lazy(() => import("./screens/teamsimport"), (m) => m.teamsImport));
  route("/attendance", "attendance", lazy(() => import("./screens/attendance"), (m) => m.attendanceOverview));
  route("/meetings/:id/forward-look", "meetings", lazy(() => import("./screens/forwardlook"), (m) => m.forwardLook));
  route("/meetings/:id/submissions/import", "meetings", lazy(() => import("./screens/forwardlook"), (m) => m.submissionsImport));
  route("/meetings/:id/submissions/new", "meetings", lazy(() => import("./screens/submission"), (m) => m.submissionPage));
  route("/meetings/:id/submissions/:networkId", "meetings", lazy(() => import("./screens/submission"), (m) => m.submissionPage));
  route("/lead", "lead", lazy(() => import("./screens/lead"), (m) => m.leadTask));
  route("/settings", "settings", lazy(() => import("./screens/settings"), (m) => m.settingsScreen));
  route("/people", "people", lazy(() => import("./screens/people"), (m) => m.peopleList));
  route("/people/:id", "people", lazy(() => import("./screens/people"), (m) => m.personPage));
  route("/actions", "actions", lazy(() => import("./screens/actions"), (m) => m.actionLog));
  route("/actions/email", "actions", lazy(() => import("./screens/email"), (m) => m.reminderEmails));
  route("/actions/:id", "actions", lazy(() => import("./screens/actions"), (m) => m.actionPage));
  route("/welcome", "", showWelcome);
  route("/search", "search", searchScreen);
  route("/networks", "networks", lazy(() => import("./screens/networks"), (m) => m.networkList));
  route("/networks/new", "networks", lazy(() => import("./screens/networks"), (m) => m.networkForm));
  route("/networks/import", "networks", lazy(() => import("./screens/networks"), (m) => m.networkImport));
  route("/networks/:id", "networks", lazy(() => import("./screens/networks"), (m) => m.networkView));
  route("/networks/:id/edit", "networks", lazy(() => import("./screens/networks"), (m) => m.networkForm));
  start(main, setNav);
}

void boot();
