import "./styles.scss";
import { api } from "./api";
import { byId, h, mount } from "./dom";
import { currentPath, navigate, route, start } from "./router";
import { networkForm, networkImport, networkList, networkView } from "./screens/networks";
import { welcome } from "./screens/welcome";
import { errorsFrom, heading, pageTitle, render } from "./ui";

const NAV = [{ key: "networks", label: "Networks", href: "#/networks" }];

function setNav(current: string): void {
  mount(
    byId("navigation"),
    NAV.map((item) =>
      h(
        "li",
        { class: `govuk-header__navigation-item${item.key === current ? " govuk-header__navigation-item--active" : ""}` },
        h("a", { class: "govuk-header__link", href: item.href, "aria-current": item.key === current ? "page" : null }, item.label),
      ),
    ),
  );
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
  const main = byId("main-content");
  let status;
  try {
    status = await api.appStatus();
  } catch (e) {
    cannotOpen(main, errorsFrom(e)[0].message);
    return;
  }
  byId("footer-text").textContent = `Forum Desk keeps the forum's records on this computer only, in ${status.dataDir}.`;
  const isEmpty = status.isEmpty;
  route("/", "", (m) => {
    if (isEmpty && currentPath() === "/") welcome(m);
    else navigate("/networks");
  });
  route("/welcome", "", welcome);
  route("/networks", "networks", networkList);
  route("/networks/new", "networks", networkForm);
  route("/networks/import", "networks", networkImport);
  route("/networks/:id", "networks", networkView);
  route("/networks/:id/edit", "networks", networkForm);
  start(main, setNav);
}

void boot();
