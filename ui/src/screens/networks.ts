import { open, save } from "@tauri-apps/plugin-dialog";
import { api } from "../api";
import type { Network } from "../bindings/Network";
import type { NetworkInput } from "../bindings/NetworkInput";
import type { NetworkType } from "../bindings/NetworkType";
import { debounce, h, mount } from "../dom";
import { navigate, type Params } from "../router";
import { backLink, filePathField, checkbox, clearErrors, confirmPanel, dataTable, errorsFrom, flash, heading, inputValue, pageTitle, render, selectField, showErrors, textField } from "../ui";

const TYPES: { value: NetworkType; label: string }[] = [
  { value: "ministerial department", label: "Ministerial department" },
  { value: "non ministerial department", label: "Non-ministerial department" },
  { value: "agency", label: "Agency" },
  { value: "other", label: "Other" },
];

const typeLabel = (t: NetworkType) => TYPES.find((x) => x.value === t)?.label ?? t;

// The list's search and filters survive a visit to a network and back.
const listState = { search: "", kind: "", includeInactive: false };

export async function networkList(main: HTMLElement): Promise<void> {
  pageTitle("Networks");
  const results = h("div", { id: "network-results" });
  const count = h("p", { class: "govuk-body", id: "network-count", role: "status", "aria-live": "polite" });

  const refresh = async () => {
    try {
      const list = await api.listNetworks({
        search: listState.search || null,
        kind: (listState.kind || null) as NetworkType | null,
        includeInactive: listState.includeInactive,
      });
      count.textContent = `${list.length} network${list.length === 1 ? "" : "s"}`;
      mount(results, list.length ? table(list) : h("p", { class: "govuk-body", id: "no-networks" }, emptyText()));
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  };

  const search = textField("search", "Search networks", listState.search, { hint: "Name, department, parent or email", type: "search", widthClass: "govuk-!-width-full" });
  search.querySelector("input")?.addEventListener(
    "input",
    debounce((ev: Event) => {
      listState.search = (ev.target as HTMLInputElement).value;
      void refresh();
    }, 120),
  );
  const kind = selectField("kind-filter", "Type", listState.kind, [{ value: "", label: "All types" }, ...TYPES]);
  kind.querySelector("select")?.addEventListener("change", (ev) => {
    listState.kind = (ev.target as HTMLSelectElement).value;
    void refresh();
  });
  const inactive = checkbox("inactive", "Show deactivated networks", listState.includeInactive, {
    onchange: (checked) => {
      listState.includeInactive = checked;
      void refresh();
    },
  });

  render(
    main,
    ...heading("Networks", "Register"),
    h(
      "div",
      { class: "fd-actions" },
      h("a", { href: "#/networks/new", class: "govuk-button", role: "button", draggable: "false", id: "add-network" }, "Add a network"),
      h("a", { href: "#/networks/import", class: "govuk-button govuk-button--secondary", role: "button", draggable: "false", id: "import-networks" }, "Import directory"),
      h("button", { class: "govuk-button govuk-button--secondary", type: "button", id: "export-networks", onclick: () => exportDirectory(main) }, "Export directory"),
    ),
    h("div", { class: "fd-toolbar", role: "search" }, h("div", { style: null }, search), kind, inactive),
    count,
    results,
  );
  await refresh();
}

function emptyText(): string {
  if (listState.search || listState.kind) return "No networks match. Try fewer words or another type.";
  return "There are no networks yet. Add one, or import the website's directory.";
}

function table(list: Network[]): HTMLElement {
  return dataTable(
    "network-table",
    "Networks in the register",
    ["Network", "Department", "Type", "Email"],
    list.map((n) =>
      h(
        "tr",
        { class: "govuk-table__row", "data-id": n.id },
        h(
          "td",
          { class: "govuk-table__cell" },
          h("a", { href: `#/networks/${n.id}`, class: "govuk-link" }, n.name),
          n.active ? null : [" ", h("strong", { class: "govuk-tag fd-tag--inactive" }, "Deactivated")],
        ),
        h("td", { class: "govuk-table__cell" }, n.department, n.parent ? h("span", { class: "govuk-body-s fd-muted govuk-!-display-block govuk-!-margin-0" }, n.parent) : null),
        h("td", { class: "govuk-table__cell" }, typeLabel(n.kind)),
        h("td", { class: "govuk-table__cell" }, n.email ?? ""),
      ),
    ),
  );
}

async function exportDirectory(main: HTMLElement): Promise<void> {
  try {
    const path = await save({ title: "Export the networks directory", defaultPath: "networks.yml", filters: [{ name: "YAML", extensions: ["yml", "yaml"] }] });
    if (!path) return;
    const n = await api.exportNetworks(path);
    flash(`Exported ${n} active network${n === 1 ? "" : "s"} to ${path}`);
    navigate("/networks");
  } catch (e) {
    showErrors(main, errorsFrom(e));
  }
}

function row(key: string, value: Node | string): HTMLElement {
  return h("div", { class: "govuk-summary-list__row" }, h("dt", { class: "govuk-summary-list__key" }, key), h("dd", { class: "govuk-summary-list__value" }, value));
}

export async function networkView(main: HTMLElement, params: Params): Promise<void> {
  const id = Number(params.id);
  let n: Network;
  try {
    n = await api.getNetwork(id);
  } catch (e) {
    render(main, backLink("#/networks", "Back to networks"));
    showErrors(main, errorsFrom(e));
    return;
  }
  pageTitle(n.name);

  const setActive = async (active: boolean) => {
    try {
      await api.setNetworkActive(id, active);
      const undo = { label: "Undo", run: async () => setActive(!active) };
      flash(active ? `${n.name} is active again.` : `${n.name} is deactivated. It stays in the history but is left out of new work and the exported directory.`, undo);
      navigate(`/networks/${id}`);
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  };

  const confirmBox = h("div", { id: "delete-confirm" });
  const askDelete = () =>
    confirmPanel(confirmBox, `Delete ${n.name} for good? This cannot be undone. Deactivating keeps it in the history instead.`, "Yes, delete it", "confirm-delete", doDelete);
  const doDelete = async () => {
    try {
      await api.deleteNetwork(id);
      flash(`${n.name} was deleted.`);
      navigate("/networks");
    } catch (e) {
      mount(confirmBox);
      showErrors(main, errorsFrom(e));
    }
  };

  render(
    main,
    backLink("#/networks", "Back to networks"),
    ...heading(n.name, n.department),
    n.active ? null : h("p", { class: "govuk-body" }, h("strong", { class: "govuk-tag fd-tag--inactive" }, "Deactivated")),
    h(
      "dl",
      { class: "govuk-summary-list", id: "network-details" },
      row("Network", n.name),
      row("Department or agency", n.department),
      row("Type", typeLabel(n.kind)),
      row("Parent department", n.parent ?? "None"),
      row("Email", n.email ?? "None"),
      row("Status", n.active ? "Active" : "Deactivated"),
    ),
    h(
      "div",
      { class: "govuk-button-group" },
      h("a", { href: `#/networks/${id}/edit`, class: "govuk-button", role: "button", draggable: "false", id: "edit-network" }, "Edit"),
      n.active
        ? h("button", { class: "govuk-button govuk-button--secondary", type: "button", id: "deactivate", onclick: () => setActive(false) }, "Deactivate")
        : h("button", { class: "govuk-button govuk-button--secondary", type: "button", id: "reactivate", onclick: () => setActive(true) }, "Reactivate"),
      h("button", { class: "govuk-button govuk-button--warning", type: "button", id: "delete-network", onclick: askDelete }, "Delete"),
    ),
    confirmBox,
  );
}

export async function networkForm(main: HTMLElement, params: Params): Promise<void> {
  const editing = params.id ? Number(params.id) : null;
  let input: NetworkInput = { name: "", department: "", kind: "", parent: null, email: null };
  if (editing !== null) {
    try {
      const n = await api.getNetwork(editing);
      // A network known by its department only has an empty name field to fill in.
      input = { name: n.nameKnown ? n.name : "", department: n.department, kind: n.kind, parent: n.parent, email: n.email };
    } catch (e) {
      render(main, backLink("#/networks", "Back to networks"));
      showErrors(main, errorsFrom(e));
      return;
    }
  }
  const title = editing === null ? "Add a network" : `Edit ${input.name || `the ${input.department} network`}`;
  pageTitle(title);
  const back = editing === null ? "#/networks" : `#/networks/${editing}`;

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const value: NetworkInput = {
      name: inputValue("name"),
      department: inputValue("department"),
      kind: inputValue("kind"),
      parent: inputValue("parent") || null,
      email: inputValue("email") || null,
    };
    const button = form.querySelector("button[type=submit]") as HTMLButtonElement;
    button.disabled = true;
    try {
      const saved = editing === null ? await api.createNetwork(value) : await api.updateNetwork(editing, value);
      flash(editing === null ? `${saved.name} was added.` : `${saved.name} was saved.`);
      navigate(`/networks/${saved.id}`);
    } catch (e) {
      button.disabled = false;
      showErrors(main, errorsFrom(e));
    }
  };

  const form = h(
    "form",
    { novalidate: true, id: "network-form", onsubmit: submit },
    textField("name", "Network name", input.name, { hint: "The network's own name, for example Rainbow Network. Leave it empty if you do not know it yet." }),
    textField("department", "Department or agency", input.department),
    selectField("kind", "Type", input.kind, [{ value: "", label: "Choose a type" }, ...TYPES]),
    textField("parent", "Parent department (optional)", input.parent ?? "", { hint: "For an agency, the department it belongs to" }),
    textField("email", "Email (optional)", input.email ?? "", { type: "email", spellcheck: false, hint: "The network's shared mailbox" }),
    h(
      "div",
      { class: "govuk-button-group" },
      h("button", { class: "govuk-button", type: "submit", id: "save-network" }, editing === null ? "Add network" : "Save changes"),
      h("a", { href: back, class: "govuk-link" }, "Cancel"),
    ),
  );
  render(main, backLink(back), h("div", { class: "govuk-grid-row" }, h("div", { class: "govuk-grid-column-two-thirds" }, ...heading(title), form)));
  clearErrors(main);
}

export function networkImport(main: HTMLElement): void {
  pageTitle("Import the networks directory");
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const path = inputValue("file").trim();
    if (!path) {
      showErrors(main, [{ field: "file", message: "Enter the path of the networks directory file, or choose it" }]);
      return;
    }
    const button = document.getElementById("run-import") as HTMLButtonElement;
    button.disabled = true;
    button.textContent = "Importing…";
    try {
      const s = await api.importNetworks(path);
      const details = [
        ...(s.withoutName.length ? [`No network name, kept as “name not known” until you add it: ${s.withoutName.join("; ")}.`] : []),
        ...(s.withoutEmail.length ? [`No email: ${s.withoutEmail.join("; ")}.`] : []),
      ];
      flash(`Imported the directory: ${s.added} added, ${s.updated} updated, ${s.unchanged} unchanged.`, undefined, details);
      navigate("/networks");
    } catch (e) {
      button.disabled = false;
      button.textContent = "Import";
      showErrors(main, errorsFrom(e));
    }
  };
  const choose = async () => {
    const path = await open({ title: "Choose the networks directory", multiple: false, directory: false, filters: [{ name: "YAML", extensions: ["yml", "yaml"] }] });
    return typeof path === "string" ? path : null;
  };
  const field = filePathField("file", "Networks directory file", "The website's _data/networks.yml. Nothing is changed unless every entry in it is valid.", choose, (e) => showErrors(main, errorsFrom(e)));
  render(
    main,
    backLink("#/networks", "Back to networks"),
    h(
      "div",
      { class: "govuk-grid-row" },
      h(
        "div",
        { class: "govuk-grid-column-two-thirds" },
        ...heading("Import the networks directory"),
        h("p", { class: "govuk-body" }, "Networks already in the register (same department and name) are updated, not added twice."),
        h("form", { novalidate: true, onsubmit: submit, id: "import-form" }, field, h("button", { class: "govuk-button", type: "submit", id: "run-import" }, "Import")),
      ),
    ),
  );
}
