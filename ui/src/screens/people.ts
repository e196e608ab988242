// People: network leads and the forum team. Personal data (it can reveal sexual
// orientation), so each person's page shows everything held about them, exports it
// for a subject access request, and erases it on request.
import { save } from "@tauri-apps/plugin-dialog";
import { api } from "../api";
import type { Network } from "../bindings/Network";
import type { Person } from "../bindings/Person";
import type { PersonInput } from "../bindings/PersonInput";
import type { Role } from "../bindings/Role";
import type { StalePerson } from "../bindings/StalePerson";
import { debounce, h, mount } from "../dom";
import { ATTENDANCE_LABELS, ROLE_LABELS, shortDate } from "../format";
import { navigate, type Params } from "../router";
import { backLink, clearErrors, confirmPanel, dataTable, errorsFrom, flash, heading, inputValue, pageTitle, render, selectField, showErrors, textField } from "../ui";

const ROLES = (Object.entries(ROLE_LABELS) as [Role, string][]).map(([value, label]) => ({ value, label }));

async function networks(): Promise<Network[]> {
  return api.listNetworks({ search: null, kind: null, includeInactive: true });
}

function personForm(id: string, p: PersonInput, nets: Network[], submitLabel: string, onSubmit: (input: PersonInput, form: HTMLFormElement) => Promise<void>): HTMLFormElement {
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    clearErrors(form);
    const network = inputValue("networkId");
    await onSubmit(
      { name: inputValue("name"), pronouns: inputValue("pronouns") || null, email: inputValue("email") || null, networkId: network ? Number(network) : null, role: inputValue("role") as Role },
      form,
    );
  };
  return h(
    "form",
    { novalidate: true, id, onsubmit: submit },
    textField("name", "Name", p.name),
    textField("pronouns", "Pronouns (optional)", p.pronouns ?? "", { widthClass: "govuk-input--width-10" }),
    textField("email", "Email (optional)", p.email ?? "", { type: "email", spellcheck: false }),
    selectField("networkId", "Network", p.networkId === null ? "" : String(p.networkId), [{ value: "", label: "No network" }, ...nets.map((n) => ({ value: String(n.id), label: `${n.name} (${n.department})` }))]),
    selectField("role", "Role", p.role, ROLES),
    h("button", { class: "govuk-button", type: "submit", id: `${id}-submit` }, submitLabel),
  );
}

export async function peopleList(main: HTMLElement): Promise<void> {
  pageTitle("People");
  let people: Person[];
  let nets: Network[];
  let years: number;
  let stale: StalePerson[];
  try {
    [people, nets, [years, stale]] = await Promise.all([api.listPeople(), networks(), api.stalePeople()]);
  } catch (e) {
    render(main, ...heading("People"));
    showErrors(main, errorsFrom(e));
    return;
  }
  const body = h("tbody", { class: "govuk-table__body" });
  const show = (q: string) => {
    const match = people.filter((p) => `${p.name} ${p.email ?? ""} ${p.networkName ?? ""}`.toLowerCase().includes(q));
    mount(
      body,
      match.length
        ? match.map((p) =>
            h(
              "tr",
              { class: "govuk-table__row" },
              h("th", { scope: "row", class: "govuk-table__header" }, h("a", { href: `#/people/${p.id}`, class: "govuk-link" }, p.name)),
              h("td", { class: "govuk-table__cell" }, p.pronouns ?? ""),
              h("td", { class: "govuk-table__cell" }, p.networkName ?? "No network"),
              h("td", { class: "govuk-table__cell" }, ROLE_LABELS[p.role]),
            ),
          )
        : h("tr", { class: "govuk-table__row" }, h("td", { class: "govuk-table__cell", colspan: "4" }, people.length ? "Nobody matches." : "Nobody yet. People are added when they register for a meeting, or here.")),
    );
  };
  const search = textField("search", "Find a person", "", { widthClass: "govuk-!-width-one-half" });
  search.querySelector("input")?.addEventListener("input", debounce((ev: Event) => show((ev.target as HTMLInputElement).value.trim().toLowerCase()), 120));
  const add = personForm("person-form", { name: "", pronouns: null, email: null, networkId: null, role: "nominated_representative" }, nets, "Add person", async (input, form) => {
    try {
      const p = await api.createPerson(input);
      flash(`Added ${p.name}.`);
      navigate(`/people/${p.id}`);
    } catch (e) {
      showErrors(form, errorsFrom(e));
    }
  });
  const staleBox = h("div", { id: "stale-confirm" });
  const eraseStale = () =>
    confirmPanel(staleBox, `This removes the names, emails and pronouns of these ${stale.length} people for good; their attendance stays as anonymous counts for their networks.`, `Erase ${stale.length} people`, "confirm-erase-stale", async () => {
      try {
        await api.erasePeople(stale.map((x) => x.person.id));
        flash(`Erased ${stale.length} people not seen for more than ${years} years.`);
        navigate("/people");
      } catch (e) {
        showErrors(main, errorsFrom(e));
      }
    });
  const retention = stale.length
    ? h(
        "div",
        { class: "govuk-inset-text", id: "retention" },
        h("h2", { class: "govuk-heading-m" }, `Not seen for more than ${years} years (${stale.length})`),
        h("p", { class: "govuk-body" }, "The forum keeps people's details only while they take part. These people have not registered for a meeting in that time (change the period in Settings):"),
        h("ul", { class: "govuk-list govuk-list--bullet" }, stale.map((x) => h("li", {}, `${x.person.name}${x.person.networkName ? ` (${x.person.networkName})` : ""}, last seen ${x.lastSeen ? shortDate(x.lastSeen) : "never"}`))),
        h("button", { type: "button", class: "govuk-button govuk-button--warning", id: "erase-stale", onclick: eraseStale }, "Erase these people…"),
        staleBox,
      )
    : null;
  render(
    main,
    ...heading("People"),
    retention,
    h("p", { class: "govuk-body" }, "Network leads and the forum team. Names and emails stay on this computer; a published readout names networks, not people, unless you choose otherwise."),
    search,
    dataTable("people-table", "People", ["Name", "Pronouns", "Network", "Role"], []),
    h("details", { class: "govuk-details" }, h("summary", { class: "govuk-details__summary" }, h("span", { class: "govuk-details__summary-text" }, "Add a person")), h("div", { class: "govuk-details__text" }, add)),
  );
  main.querySelector("#people-table tbody")?.replaceWith(body);
  show("");
}

export async function personPage(main: HTMLElement, params: Params): Promise<void> {
  const id = Number(params.id);
  let record;
  let nets: Network[];
  try {
    [record, nets] = await Promise.all([api.personRecord(id), networks()]);
  } catch (e) {
    render(main, backLink("#/people", "Back to people"));
    showErrors(main, errorsFrom(e));
    return;
  }
  const p = record.person;
  pageTitle(p.name);
  const eraseBox = h("div", { id: "erase-confirm" });
  const form = personForm("person-form", { name: p.name, pronouns: p.pronouns, email: p.email, networkId: p.networkId, role: p.role }, nets, "Save changes", async (input, f) => {
    try {
      await api.updatePerson(id, input);
      flash("Saved.");
      navigate(`/people/${id}`);
    } catch (e) {
      showErrors(f, errorsFrom(e));
    }
  });
  const exportRecord = async () => {
    try {
      const path = await save({ title: "Save everything held about this person", defaultPath: `${p.name.replace(/[^\p{L}\p{N}]+/gu, "-")}-record.json`, filters: [{ name: "JSON", extensions: ["json"] }] });
      if (!path) return;
      await api.exportPersonRecord(id, path);
      mount(byId(main, "export-done"), `Saved to ${path}.`);
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  };
  const erase = () =>
    confirmPanel(eraseBox, `This removes ${p.name}'s name, email and pronouns from Forum Desk for good. Their ${record.registrations.length} registration${record.registrations.length === 1 ? " stays" : "s stay"} only as an anonymous count for their network. It cannot be undone (the daily backups keep a copy for up to 14 days).`, "Erase for good", "confirm-erase", async () => {
      try {
        await api.erasePerson(id);
        flash(`${p.name} has been erased.`);
        navigate("/people");
      } catch (e) {
        showErrors(main, errorsFrom(e));
      }
    });
  render(
    main,
    backLink("#/people", "Back to people"),
    ...heading(p.name, p.networkName ?? "No network"),
    h(
      "div",
      { class: "govuk-grid-row" },
      h("div", { class: "govuk-grid-column-one-half" }, form),
      h(
        "div",
        { class: "govuk-grid-column-one-half" },
        dataTable(
          "person-registrations",
          "Meetings they registered for",
          ["Meeting", "How they took part", "Network"],
          record.registrations.map((r) =>
            h(
              "tr",
              { class: "govuk-table__row" },
              h("td", { class: "govuk-table__cell" }, h("a", { href: `#/meetings/${r.meetingId}/attendance`, class: "govuk-link" }, `${shortDate(r.meetingDate)}: ${r.meetingTitle}`), r.registeredAt ? h("div", { class: "govuk-hint govuk-!-margin-0" }, `registered ${shortDate(r.registeredAt.slice(0, 10))}`) : null),
              h("td", { class: "govuk-table__cell" }, ATTENDANCE_LABELS[r.status]),
              h("td", { class: "govuk-table__cell" }, r.networkName ?? "No network"),
            ),
          ),
          "govuk-table__caption--m",
        ),
        h("h2", { class: "govuk-heading-m" }, "Their data"),
        h("p", { class: "govuk-body" }, "For a subject access request, save everything Forum Desk holds about them as a file. To act on a request to be forgotten, erase them."),
        h(
          "div",
          { class: "govuk-button-group" },
          h("button", { type: "button", class: "govuk-button govuk-button--secondary", id: "export-record", onclick: exportRecord }, "Save their data…"),
          h("button", { type: "button", class: "govuk-button govuk-button--warning", id: "erase-person", onclick: erase }, "Erase this person"),
        ),
        h("p", { class: "govuk-body", id: "export-done", role: "status" }),
        eraseBox,
      ),
    ),
  );
}

function byId(root: HTMLElement, id: string): HTMLElement {
  return (root.querySelector(`#${id}`) as HTMLElement | null) ?? root;
}
