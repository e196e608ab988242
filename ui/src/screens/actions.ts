// Actions: the pieces used on the meeting page and in the running view, and the action
// log across all meetings.
import { save } from "@tauri-apps/plugin-dialog";
import { api } from "../api";
import type { Action } from "../bindings/Action";
import type { ActionFilter } from "../bindings/ActionFilter";
import type { ActionStatus } from "../bindings/ActionStatus";
import type { Network } from "../bindings/Network";
import { debounce, h, mount } from "../dom";
import { ACTION_STATUS_LABELS, shortDate } from "../format";
import { navigate } from "../router";
import { checkbox, dataTable, errorsFrom, flash, heading, inputValue, pageTitle, render, selectField, showErrors, textField } from "../ui";

const STATUSES = Object.entries(ACTION_STATUS_LABELS).map(([value, label]) => ({ value, label }));

export function owner(a: Action): string {
  if (a.ownerNetworkName && a.ownerText) return `${a.ownerText} (${a.ownerNetworkName})`;
  return a.ownerNetworkName ?? a.ownerText ?? "";
}

export function actionStatusTag(a: Action): HTMLElement[] {
  const colour = a.status === "done" ? "govuk-tag--green" : a.status === "dropped" ? "govuk-tag--grey" : a.status === "in_progress" ? "govuk-tag--blue" : "govuk-tag--yellow";
  const tags = [h("strong", { class: `govuk-tag ${colour}` }, ACTION_STATUS_LABELS[a.status])];
  if (a.overdue) tags.push(h("strong", { class: "govuk-tag govuk-tag--red fd-overdue" }, "Overdue"));
  return tags;
}

/** One action as a card: what, who, when, status and its latest update. */
export function actionCard(a: Action, extra: Node | null = null): HTMLElement {
  const latest = a.updates[a.updates.length - 1];
  return h(
    "div",
    { class: "govuk-summary-card fd-action", "data-action": a.id },
    h("div", { class: "govuk-summary-card__title-wrapper" }, h("h3", { class: "govuk-summary-card__title" }, a.description), h("div", {}, actionStatusTag(a))),
    h(
      "div",
      { class: "govuk-summary-card__content" },
      h(
        "p",
        { class: "govuk-body-s govuk-!-margin-bottom-2" },
        `Owner: ${owner(a)}`,
        a.dueDate ? ` · Due ${shortDate(a.dueDate)}` : " · No due date",
        ` · Agreed at ${a.meetingTitle}`,
        a.itemTitle ? ` (${a.itemTitle})` : "",
      ),
      latest ? h("p", { class: "govuk-body-s fd-muted govuk-!-margin-bottom-2" }, `Latest update, ${shortDate(latest.date)}: ${latest.text || ACTION_STATUS_LABELS[latest.status]}`) : null,
      extra,
    ),
  );
}

/** A small form to record an update (and status) for a carried action at a meeting. */
export function updateForm(a: Action, meetingId: number | null, main: HTMLElement, done: () => void): HTMLElement {
  const key = `u${a.id}`;
  const submit = async (ev: Event) => {
    ev.preventDefault();
    try {
      await api.recordActionUpdate(a.id, meetingId, { text: inputValue(`${key}text`), status: inputValue(`${key}status`) as ActionStatus });
      flash(`Update recorded: ${a.description}`);
      done();
    } catch (e) {
      showErrors(main, errorsFrom(e).map((err) => ({ ...err, field: err.field ? `${key}${err.field}` : null })));
    }
  };
  return h(
    "form",
    { novalidate: true, onsubmit: submit, class: "fd-update-form" },
    textField(`${key}text`, "Update", "", { widthClass: "govuk-!-width-full" }),
    selectField(`${key}status`, "Status", a.status, STATUSES),
    h("button", { type: "submit", class: "govuk-button govuk-button--secondary fd-small" }, "Record update", h("span", { class: "govuk-visually-hidden" }, ` for ${a.description}`)),
  );
}

/** The fields to agree a new action; `prefix` keeps ids unique on the page. */
export function newActionFields(prefix: string, networks: Network[], defaults: { description?: string; ownerText?: string } = {}): HTMLElement[] {
  return [
    textField(`${prefix}description`, "Action", defaults.description ?? "", { widthClass: "govuk-!-width-full" }),
    textField(`${prefix}ownerText`, "Owner", defaults.ownerText ?? "", { hint: "A person or team, for example Forum team or Civil Service HR", widthClass: "govuk-!-width-two-thirds" }),
    selectField(`${prefix}ownerNetworkId`, "Owning network (optional)", "", [{ value: "", label: "No network" }, ...networks.map((n) => ({ value: String(n.id), label: `${n.name} (${n.department})` }))]),
    textField(`${prefix}dueDate`, "Due date (optional)", "", { hint: "For example 2027-02-28", widthClass: "govuk-input--width-10" }),
  ];
}

export function readNewAction(prefix: string) {
  const network = inputValue(`${prefix}ownerNetworkId`);
  return {
    description: inputValue(`${prefix}description`),
    ownerText: inputValue(`${prefix}ownerText`) || null,
    ownerNetworkId: network ? Number(network) : null,
    dueDate: inputValue(`${prefix}dueDate`) || null,
  };
}

/** Maps a core error's field ("dueDate") to this form's prefixed field id. */
export function prefixed(prefix: string, e: unknown) {
  return errorsFrom(e).map((err) => ({ ...err, field: err.field ? `${prefix}${err.field}` : null }));
}

// The action log's filters survive a visit elsewhere.
const logState: { status: string; owner: string; meeting: string; overdue: boolean; open: boolean } = { status: "", owner: "", meeting: "", overdue: false, open: true };

// Twenty years hold twenty thousand actions: the log shows a page, and more on request.
const PAGE = 100;
let shown = PAGE;

function currentFilter(limit: number | null): ActionFilter {
  return {
    status: (logState.status || null) as ActionStatus | null,
    openOnly: logState.open,
    owner: logState.owner || null,
    meetingId: logState.meeting ? Number(logState.meeting) : null,
    overdueOnly: logState.overdue,
    limit,
  };
}

export async function actionLog(main: HTMLElement): Promise<void> {
  pageTitle("Actions");
  const meetings = await api.listMeetings().catch(() => []);
  const results = h("div", { id: "action-results" });
  const count = h("p", { class: "govuk-body", id: "action-count", role: "status", "aria-live": "polite" });
  const refresh = async () => {
    try {
      const fetched = await api.listActions(currentFilter(shown + 1));
      const more = fetched.length > shown;
      const list = more ? fetched.slice(0, shown) : fetched;
      const overdue = list.filter((a) => a.overdue).length;
      count.textContent = more
        ? `The first ${list.length} actions${overdue ? ` (${overdue} overdue)` : ""}; narrow the filters or show more.`
        : `${list.length} action${list.length === 1 ? "" : "s"}${overdue ? `, ${overdue} overdue` : ""}`;
      mount(
        results,
        list.length
          ? dataTable(
              "action-table",
              "Actions",
              ["Action", "Owner", "Due", "Status", "Agreed at"],
              list.map((a) =>
                h(
                  "tr",
                  { class: `govuk-table__row${a.overdue ? " fd-row-overdue" : ""}`, "data-id": a.id },
                  h("td", { class: "govuk-table__cell" }, h("a", { href: `#/actions/${a.id}`, class: "govuk-link" }, a.description)),
                  h("td", { class: "govuk-table__cell" }, owner(a)),
                  h("td", { class: "govuk-table__cell fd-slot" }, a.dueDate ? shortDate(a.dueDate) : ""),
                  h("td", { class: "govuk-table__cell" }, actionStatusTag(a)),
                  h("td", { class: "govuk-table__cell" }, h("a", { href: `#/meetings/${a.meetingId}`, class: "govuk-link" }, a.meetingTitle)),
                ),
              ),
            )
          : h("p", { class: "govuk-body" }, "No actions match."),
        more
          ? h(
              "button",
              {
                type: "button",
                class: "govuk-button govuk-button--secondary",
                id: "more-actions",
                onclick: () => {
                  shown += PAGE;
                  void refresh();
                },
              },
              `Show ${PAGE} more`,
            )
          : null,
      );
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  };
  const onChange = (key: "status" | "meeting") => (ev: Event) => {
    logState[key] = (ev.target as HTMLSelectElement).value;
    shown = PAGE;
    void refresh();
  };
  const status = selectField("filterStatus", "Status", logState.status, [{ value: "", label: "Any status" }, ...STATUSES]);
  status.querySelector("select")?.addEventListener("change", onChange("status"));
  const meeting = selectField("filterMeeting", "Agreed at", logState.meeting, [{ value: "", label: "Any meeting" }, ...meetings.map((m) => ({ value: String(m.meeting.id), label: m.meeting.title }))]);
  meeting.querySelector("select")?.addEventListener("change", onChange("meeting"));
  const ownerField = textField("filterOwner", "Owner", logState.owner, { type: "search" });
  ownerField.querySelector("input")?.addEventListener(
    "input",
    debounce((ev: Event) => {
      logState.owner = (ev.target as HTMLInputElement).value;
      shown = PAGE;
      void refresh();
    }, 150),
  );
  const exportCsv = async () => {
    try {
      const path = await save({ title: "Export the action log", defaultPath: "actions.csv", filters: [{ name: "CSV", extensions: ["csv"] }] });
      if (!path) return;
      const n = await api.exportActions(currentFilter(null), path);
      flash(`Exported ${n} action${n === 1 ? "" : "s"} to ${path}`);
      navigate("/actions");
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  };
  render(
    main,
    ...heading("Actions", "Across all meetings"),
    h(
      "div",
      { class: "govuk-button-group" },
      h("button", { type: "button", class: "govuk-button govuk-button--secondary", id: "export-actions", onclick: exportCsv }, "Export as CSV"),
      h("a", { href: "#/actions/email", class: "govuk-button govuk-button--secondary", role: "button", draggable: "false", id: "email-reminders" }, "Email reminders"),
    ),
    h(
      "div",
      { class: "fd-toolbar", role: "search" },
      status,
      ownerField,
      meeting,
      checkbox("filterOpen", "Open and in progress only", logState.open, {
        onchange: (c) => {
          logState.open = c;
          shown = PAGE;
          void refresh();
        },
      }),
      checkbox("filterOverdue", "Overdue only", logState.overdue, {
        onchange: (c) => {
          logState.overdue = c;
          shown = PAGE;
          void refresh();
        },
      }),
    ),
    count,
    results,
  );
  await refresh();
}

export async function actionPage(main: HTMLElement, params: { id?: string }): Promise<void> {
  const id = Number(params.id);
  let a: Action;
  let networks: Network[];
  try {
    a = await api.getAction(id);
    networks = await api.listNetworks({ search: null, kind: null, includeInactive: false });
  } catch (e) {
    render(main, h("a", { href: "#/actions", class: "govuk-back-link" }, "Back to actions"));
    showErrors(main, errorsFrom(e));
    return;
  }
  pageTitle(a.description);
  const reload = () => navigate(`/actions/${id}`);
  const edit = async (ev: Event) => {
    ev.preventDefault();
    try {
      await api.updateAction(id, readNewAction("edit"));
      flash("The action was saved.");
      reload();
    } catch (e) {
      showErrors(main, prefixed("edit", e));
    }
  };
  const editFields = newActionFields("edit", networks.some((n) => n.id === a.ownerNetworkId) || !a.ownerNetworkId ? networks : [...networks, { id: a.ownerNetworkId, name: a.ownerNetworkName ?? "", department: "deactivated" } as Network], {
    description: a.description,
    ownerText: a.ownerText ?? "",
  });
  render(
    main,
    h("a", { href: "#/actions", class: "govuk-back-link" }, "Back to actions"),
    ...heading(a.description, `Agreed at ${a.meetingTitle}`),
    h("p", { class: "govuk-body" }, actionStatusTag(a)),
    h("h2", { class: "govuk-heading-m" }, "History"),
    a.updates.length
      ? h(
          "ol",
          { class: "govuk-list govuk-list--number", id: "action-history" },
          a.updates.map((u) => h("li", {}, `${shortDate(u.date)}${u.meetingTitle ? ` at ${u.meetingTitle}` : ""}: ${u.text || "(no note)"} — ${ACTION_STATUS_LABELS[u.status]}`)),
        )
      : h("p", { class: "govuk-body" }, "No updates yet."),
    h("h2", { class: "govuk-heading-m" }, "Record an update"),
    updateForm(a, null, main, reload),
    h("h2", { class: "govuk-heading-m" }, "Change the action"),
    h("form", { novalidate: true, onsubmit: edit, id: "edit-action" }, ...editFields, h("button", { type: "submit", class: "govuk-button" }, "Save action")),
  );
  const ownerSelect = document.getElementById("field-editownerNetworkId") as HTMLSelectElement | null;
  if (ownerSelect) ownerSelect.value = a.ownerNetworkId ? String(a.ownerNetworkId) : "";
  const due = document.getElementById("field-editdueDate") as HTMLInputElement | null;
  if (due) due.value = a.dueDate ?? "";
}
