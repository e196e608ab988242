import { api } from "../api";
import type { Agenda } from "../bindings/Agenda";
import type { AgendaItem } from "../bindings/AgendaItem";
import type { ItemInput } from "../bindings/ItemInput";
import type { ItemKind } from "../bindings/ItemKind";
import type { Network } from "../bindings/Network";
import type { Proposal } from "../bindings/Proposal";
import { h, mount } from "../dom";
import { KIND_LABELS, longDate } from "../format";
import { navigate, type Params } from "../router";
import { backLink, checkbox, clearErrors, confirmPanel, dataTable, errorsFrom, flash, heading, inputValue, isChecked, pageTitle, render, selectField, showErrors, textareaField, textField } from "../ui";
import type { MeetingActions } from "../bindings/MeetingActions";
import { actionCard, newActionFields, prefixed, readNewAction, updateForm } from "./actions";
import { confirmDeleteMeeting, statusControl, statusTag } from "./meetings";
import { agendaExport } from "./publish";
import { circulateLinks } from "./email";

const KINDS = Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }));

function row(key: string, value: Node | string | null): HTMLElement | null {
  if (value === null || value === "") return null;
  return h("div", { class: "govuk-summary-list__row" }, h("dt", { class: "govuk-summary-list__key" }, key), h("dd", { class: "govuk-summary-list__value" }, value));
}

async function activeNetworks(): Promise<Network[]> {
  return api.listNetworks({ search: null, kind: null, includeInactive: false });
}

export async function meetingPage(main: HTMLElement, params: Params): Promise<void> {
  const id = Number(params.id);
  let agenda: Agenda;
  let networks: Network[];
  let others: { id: number; title: string; date: string }[];
  let actions: MeetingActions;
  try {
    [agenda, networks, others, actions] = await Promise.all([
      api.getAgenda(id),
      activeNetworks(),
      api.listMeetings().then((l) => l.filter((s) => s.meeting.id !== id).map((s) => ({ id: s.meeting.id, title: s.meeting.title, date: s.meeting.date }))),
      api.meetingActions(id),
    ]);
  } catch (e) {
    render(main, backLink("#/meetings", "Back to meetings"));
    showErrors(main, errorsFrom(e));
    return;
  }
  const m = agenda.meeting;
  pageTitle(m.title);
  const reload = () => navigate(`/meetings/${id}`);
  const deleteBox = h("div", { id: "delete-confirm" });
  const setCancelled = async (cancelled: boolean) => {
    try {
      await api.setMeetingCancelled(id, cancelled);
      flash(cancelled ? `${m.title} is cancelled. It stays in the list, marked.` : `${m.title} is reinstated.`, { label: "Undo", run: async () => setCancelled(!cancelled) });
      reload();
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  };

  render(
    main,
    backLink("#/meetings", "Back to meetings"),
    ...heading(m.title, longDate(m.date)),
    lockBanner(m, main, reload),
    h(
      "div",
      { class: "govuk-grid-row" },
      h(
        "div",
        { class: "govuk-grid-column-two-thirds" },
        agendaSection(agenda, main),
        actionsSection(agenda, actions, networks, main, reload),
        copySection(id, others, main),
        proposalsSection(agenda, networks, main),
      ),
      h(
        "div",
        { class: "govuk-grid-column-one-third fd-sidebar" },
        h("h2", { class: "govuk-heading-m" }, "Meeting"),
        h("p", { class: "govuk-body" }, statusTag(m)),
        h(
          "dl",
          { class: "govuk-summary-list govuk-summary-list--no-border fd-compact-list", id: "meeting-details" },
          row("Time", `${m.startTime} to ${m.endTime}`),
          row("Location", m.location || "Not set"),
          row("Online link", m.onlineLink),
          row("Dial-in", m.dialIn),
          row("Registration", m.registrationLink),
          row("Register by", m.registrationDeadline ? longDate(m.registrationDeadline) : null),
          row("Readout author", m.readoutAuthor),
        ),
        agenda.items.length ? h("a", { href: `#/meetings/${id}/run/1`, class: "govuk-button", role: "button", draggable: "false", id: "run-meeting" }, "Run the meeting") : null,
        h("div", {}, h("a", { href: `#/meetings/${id}/forward-look`, class: "govuk-button govuk-button--secondary", role: "button", draggable: "false", id: "needs-strengths" }, "Needs and strengths")),
        h("div", {}, h("a", { href: `#/meetings/${id}/attendance`, class: "govuk-button govuk-button--secondary", role: "button", draggable: "false", id: "check-in" }, "Registrations and check-in")),
        h("div", {}, h("a", { href: `#/meetings/${id}/edit`, class: "govuk-button govuk-button--secondary", role: "button", draggable: "false", id: "edit-meeting" }, "Edit details")),
        h("h2", { class: "govuk-heading-s" }, "Publish"),
        h("a", { href: `#/meetings/${id}/readout`, class: "govuk-button", role: "button", draggable: "false", id: "publish-readout" }, "Readout…"),
        agendaExport(id, main),
        circulateLinks(id),
        statusControl(m, reload, main),
        h("h2", { class: "govuk-heading-s" }, "Cancel or delete"),
        h(
          "div",
          { class: "govuk-button-group" },
          m.cancelledAt
            ? h("button", { type: "button", class: "govuk-button govuk-button--secondary", id: "reinstate-meeting", onclick: () => setCancelled(false) }, "Reinstate meeting")
            : h("button", { type: "button", class: "govuk-button govuk-button--secondary", id: "cancel-meeting", onclick: () => setCancelled(true) }, "Cancel meeting"),
          h("button", { type: "button", class: "govuk-button govuk-button--warning", id: "delete-meeting", onclick: () => confirmDeleteMeeting(m, deleteBox, main) }, "Delete meeting"),
        ),
        deleteBox,
      ),
    ),
  );
}

/** An approved readout is locked: say so, and offer the explicit unlock. */
function lockBanner(m: Agenda["meeting"], main: HTMLElement, reload: () => void): HTMLElement | null {
  const approved = m.status === "readout_approved" || m.status === "published";
  if (!approved) return null;
  const set = async (locked: boolean) => {
    try {
      await api.setMeetingLocked(m.id, locked);
      flash(locked ? "The readout is locked again." : "The readout is unlocked. Changes you make now are recorded as an amendment after approval.");
      reload();
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  };
  return h(
    "div",
    { class: "govuk-inset-text", id: "lock-banner" },
    m.locked
      ? h("p", { class: "govuk-body" }, `The readout was approved${m.readoutApprovedAt ? ` on ${longDate(m.readoutApprovedAt.slice(0, 10))}` : ""}, so this meeting is locked against accidental edits.`)
      : h("p", { class: "govuk-body" }, "This approved meeting is unlocked: changes are recorded as amendments."),
    m.amendedAt ? h("p", { class: "govuk-body", id: "amended-note" }, `Amended after approval on ${longDate(m.amendedAt.slice(0, 10))}.`) : null,
    m.locked
      ? h("button", { type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-0", id: "unlock-meeting", onclick: () => set(false) }, "Unlock to edit")
      : h("button", { type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-0", id: "lock-meeting", onclick: () => set(true) }, "Lock again"),
  );
}

function actionsSection(agenda: Agenda, actions: MeetingActions, networks: Network[], main: HTMLElement, reload: () => void): HTMLElement {
  const id = agenda.meeting.id;
  const add = async (ev: Event) => {
    ev.preventDefault();
    const item = inputValue("newItem");
    try {
      await api.createAction(id, item ? Number(item) : null, readNewAction("new"));
      flash("The action was added.");
      reload();
    } catch (e) {
      showErrors(main, prefixed("new", e));
    }
  };
  return h(
    "section",
    { "aria-labelledby": "actions-heading", id: "actions" },
    h("h2", { class: "govuk-heading-m", id: "actions-heading" }, "Actions"),
    h("h3", { class: "govuk-heading-s" }, "From previous meetings"),
    actions.carried.length
      ? h("div", { id: "carried-actions" }, actions.carried.map((a) => actionCard(a, a.status === "done" || a.status === "dropped" ? null : updateForm(a, id, main, reload))))
      : h("p", { class: "govuk-body" }, "No open actions from earlier meetings."),
    h("h3", { class: "govuk-heading-s" }, "Agreed at this meeting"),
    actions.agreed.length ? h("div", { id: "agreed-actions" }, actions.agreed.map((a) => actionCard(a))) : h("p", { class: "govuk-body" }, "None yet."),
    h(
      "details",
      { class: "govuk-details", id: "add-action" },
      h("summary", { class: "govuk-details__summary" }, h("span", { class: "govuk-details__summary-text" }, "Add an action")),
      h(
        "div",
        { class: "govuk-details__text" },
        h(
          "form",
          { novalidate: true, onsubmit: add },
          ...newActionFields("new", networks),
          selectField("newItem", "From agenda item (optional)", "", [{ value: "", label: "No item" }, ...agenda.items.map((i) => ({ value: String(i.id), label: i.title }))]),
          h("button", { type: "submit", class: "govuk-button govuk-button--secondary", id: "save-action" }, "Add action"),
        ),
      ),
    ),
  );
}

function agendaSection(agenda: Agenda, main: HTMLElement): HTMLElement {
  const m = agenda.meeting;
  const section = h("section", { "aria-labelledby": "agenda-heading", id: "agenda" });
  const move = async (item: AgendaItem, to: number, focusSelector: string) => {
    if (to < 1 || to > agenda.items.length || to === item.position) return;
    try {
      agenda = await api.moveItem(item.id, to);
      draw();
      const status = section.querySelector("#agenda-status");
      if (status) status.textContent = `${item.title} moved to position ${to}.`;
      (section.querySelector(`tr[data-id="${item.id}"] ${focusSelector}`) as HTMLElement | null)?.focus();
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  };
  let dragged: AgendaItem | null = null;
  const draw = () => {
    const summary = agenda.items.length
      ? `${agenda.items.length} item${agenda.items.length === 1 ? "" : "s"}, ${agenda.totalMinutes} minutes, ${m.startTime} to ${agenda.endsAt}.`
      : "No items yet.";
    mount(
      section,
      h("h2", { class: "govuk-heading-m", id: "agenda-heading" }, "Agenda"),
      h("p", { class: "govuk-body", id: "agenda-summary" }, summary),
      agenda.overrunMinutes > 0
        ? h(
            "div",
            { class: "govuk-warning-text", id: "agenda-overrun" },
            h("span", { class: "govuk-warning-text__icon", "aria-hidden": "true" }, "!"),
            h(
              "strong",
              { class: "govuk-warning-text__text" },
              h("span", { class: "govuk-visually-hidden" }, "Warning"),
              `The items run ${agenda.overrunMinutes} minute${agenda.overrunMinutes === 1 ? "" : "s"} past the end time (${m.endTime}).`,
            ),
          )
        : null,
      h("p", { class: "govuk-visually-hidden", id: "agenda-status", role: "status", "aria-live": "polite" }),
      agenda.items.length
        ? dataTable(
            "agenda-table",
            "Agenda items in order. Drag a row, or use Move up and Move down (Alt and the arrow keys), to reorder.",
            ["Time", "Item", "Minutes", "Actions"],
              agenda.items.map((item) => {
                const tr = h(
                  "tr",
                  {
                    class: "govuk-table__row fd-agenda-row",
                    "data-id": item.id,
                    draggable: "true",
                    ondragstart: (ev: Event) => {
                      dragged = item;
                      (ev as DragEvent).dataTransfer?.setData("text/plain", String(item.id));
                    },
                    ondragover: (ev: Event) => ev.preventDefault(),
                    ondrop: (ev: Event) => {
                      ev.preventDefault();
                      if (dragged && dragged.id !== item.id) void move(dragged, item.position, ".fd-move-up");
                      dragged = null;
                    },
                    onkeydown: (ev: Event) => {
                      const k = ev as KeyboardEvent;
                      if (!k.altKey || (k.key !== "ArrowUp" && k.key !== "ArrowDown")) return;
                      k.preventDefault();
                      void move(item, item.position + (k.key === "ArrowUp" ? -1 : 1), k.key === "ArrowUp" ? ".fd-move-up" : ".fd-move-down");
                    },
                  },
                  h("td", { class: "govuk-table__cell fd-slot" }, item.slot.label),
                  h(
                    "td",
                    { class: "govuk-table__cell" },
                    h("span", { class: "govuk-!-font-weight-bold fd-item-title" }, item.title),
                    h(
                      "span",
                      { class: "govuk-!-display-block govuk-body-s fd-muted govuk-!-margin-0" },
                      [KIND_LABELS[item.kind], item.presenter, item.proposedByName ? `proposed by ${item.proposedByName}` : null].filter(Boolean).join(" · "),
                    ),
                  ),
                  h("td", { class: "govuk-table__cell" }, String(item.durationMinutes)),
                  h(
                    "td",
                    { class: "govuk-table__cell" },
                    h(
                      "div",
                      { class: "fd-row-actions" },
                      h("button", { type: "button", class: "govuk-button govuk-button--secondary fd-small fd-move-up", disabled: item.position === 1, onclick: () => move(item, item.position - 1, ".fd-move-up") }, "Move up", h("span", { class: "govuk-visually-hidden" }, `: ${item.title}`)),
                      h("button", { type: "button", class: "govuk-button govuk-button--secondary fd-small fd-move-down", disabled: item.position === agenda.items.length, onclick: () => move(item, item.position + 1, ".fd-move-down") }, "Move down", h("span", { class: "govuk-visually-hidden" }, `: ${item.title}`)),
                      h("a", { href: `#/meetings/${m.id}/items/${item.id}/edit`, class: "govuk-link" }, "Edit", h("span", { class: "govuk-visually-hidden" }, ` ${item.title}`)),
                      h("a", { href: `#/meetings/${m.id}/run/${item.position}`, class: "govuk-link" }, "Notes", h("span", { class: "govuk-visually-hidden" }, ` for ${item.title}`)),
                    ),
                  ),
                );
                return tr;
              }),
          )
        : null,
      h("a", { href: `#/meetings/${m.id}/items/new`, class: "govuk-button govuk-button--secondary", role: "button", draggable: "false", id: "add-item" }, "Add an item"),
    );
  };
  draw();
  return section;
}

function copySection(id: number, others: { id: number; title: string; date: string }[], main: HTMLElement): HTMLElement | null {
  if (!others.length) return null;
  const copy = async (ev: Event) => {
    ev.preventDefault();
    const from = Number(inputValue("copyFrom"));
    const all = isChecked("copyAll");
    try {
      const a = await api.copyItems(from, id, all);
      flash(`Copied ${all ? "all the items" : "the standing items"}. The agenda now has ${a.items.length} items.`);
      navigate(`/meetings/${id}`);
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  };
  return h(
    "details",
    { class: "govuk-details", id: "copy-items" },
    h("summary", { class: "govuk-details__summary" }, h("span", { class: "govuk-details__summary-text" }, "Copy items from an earlier meeting")),
    h(
      "div",
      { class: "govuk-details__text" },
      h(
        "form",
        { novalidate: true, onsubmit: copy },
        selectField("copyFrom", "Meeting", String(others[0].id), others.map((o) => ({ value: String(o.id), label: `${o.title} (${o.date})` }))),
        checkbox("copyAll", "Copy every item, not only the standing items", false),
        h("button", { type: "submit", class: "govuk-button govuk-button--secondary", id: "copy-items-button" }, "Copy items"),
      ),
    ),
  );
}

function proposalsSection(agenda: Agenda, networks: Network[], main: HTMLElement): HTMLElement {
  const id = agenda.meeting.id;
  const pending = agenda.proposals.filter((p) => p.status === "pending");
  const decided = agenda.proposals.filter((p) => p.status !== "pending");
  const accept = async (p: Proposal) => {
    try {
      await api.acceptProposal(p.id);
      flash(`${p.title} is on the agenda, proposed by ${p.networkName}.`);
      navigate(`/meetings/${id}`);
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  };
  const askDecline = (p: Proposal, box: HTMLElement) => {
    const submit = async (ev: Event) => {
      ev.preventDefault();
      try {
        await api.declineProposal(p.id, inputValue(`reason`));
        flash(`${p.title} was declined. Tell ${p.networkName} why.`);
        navigate(`/meetings/${id}`);
      } catch (e) {
        showErrors(main, errorsFrom(e));
      }
    };
    mount(
      box,
      h(
        "form",
        { novalidate: true, onsubmit: submit, class: "govuk-!-margin-top-3" },
        textareaField("reason", `Why is “${p.title}” declined?`, "", { rows: 2, hint: "So that the network can be told" }),
        h("button", { type: "submit", class: "govuk-button govuk-button--warning", id: "confirm-decline" }, "Decline proposal"),
      ),
    );
    (box.querySelector("textarea") as HTMLElement | null)?.focus();
  };
  const add = async (ev: Event) => {
    ev.preventDefault();
    const networkId = inputValue("proposalNetwork");
    try {
      await api.addProposal(id, {
        networkId: networkId ? Number(networkId) : null,
        title: inputValue("proposalTitle"),
        minutes: inputValue("proposalMinutes"),
        description: inputValue("proposalDescription") || null,
      });
      flash("The proposal is in the queue.");
      navigate(`/meetings/${id}`);
    } catch (e) {
      const errs = errorsFrom(e).map((err) => ({ ...err, field: err.field ? `proposal${err.field[0].toUpperCase()}${err.field.slice(1)}`.replace("proposalNetworkId", "proposalNetwork") : null }));
      showErrors(main, errs);
    }
  };
  return h(
    "section",
    { "aria-labelledby": "proposals-heading", id: "proposals" },
    h("h2", { class: "govuk-heading-m", id: "proposals-heading" }, "Proposals from networks"),
    pending.length === 0 ? h("p", { class: "govuk-body" }, "No proposals waiting.") : null,
    pending.map((p) => {
      const box = h("div");
      return h(
        "div",
        { class: "govuk-summary-card", "data-proposal": p.id },
        h("div", { class: "govuk-summary-card__title-wrapper" }, h("h3", { class: "govuk-summary-card__title" }, `${p.title} (${p.minutes} min)`)),
        h(
          "div",
          { class: "govuk-summary-card__content" },
          h("p", { class: "govuk-body" }, `Proposed by ${p.networkName}`),
          p.description ? h("p", { class: "govuk-body" }, p.description) : null,
          h(
            "div",
            { class: "govuk-button-group" },
            h("button", { type: "button", class: "govuk-button fd-accept", onclick: () => accept(p) }, "Accept into agenda"),
            h("button", { type: "button", class: "govuk-button govuk-button--secondary fd-decline", onclick: () => askDecline(p, box) }, "Decline"),
          ),
          box,
        ),
      );
    }),
    decided.length
      ? h(
          "ul",
          { class: "govuk-list", id: "decided-proposals" },
          decided.map((p) => h("li", {}, `${p.title} (${p.networkName}): ${p.status === "accepted" ? "accepted" : `declined: ${p.declineReason ?? ""}`}`)),
        )
      : null,
    h(
      "details",
      { class: "govuk-details", id: "add-proposal" },
      h("summary", { class: "govuk-details__summary" }, h("span", { class: "govuk-details__summary-text" }, "Record a proposal from a network")),
      h(
        "div",
        { class: "govuk-details__text" },
        h(
          "form",
          { novalidate: true, onsubmit: add },
          selectField("proposalNetwork", "Network", "", [{ value: "", label: "Choose a network" }, ...networks.map((n) => ({ value: String(n.id), label: `${n.name} (${n.department})` }))]),
          textField("proposalTitle", "Item", "", { widthClass: "govuk-!-width-full" }),
          textField("proposalMinutes", "Minutes needed", "", { widthClass: "govuk-input--width-3" }),
          textareaField("proposalDescription", "Description (optional)", "", { rows: 2 }),
          h("button", { type: "submit", class: "govuk-button govuk-button--secondary", id: "save-proposal" }, "Add proposal"),
        ),
      ),
    ),
  );
}

export async function itemForm(main: HTMLElement, params: Params): Promise<void> {
  const meetingId = Number(params.id);
  const itemId = params.itemId ? Number(params.itemId) : null;
  let agenda: Agenda;
  let networks: Network[];
  try {
    [agenda, networks] = await Promise.all([api.getAgenda(meetingId), activeNetworks()]);
  } catch (e) {
    render(main, backLink(`#/meetings/${meetingId}`));
    showErrors(main, errorsFrom(e));
    return;
  }
  const existing = itemId === null ? null : agenda.items.find((i) => i.id === itemId) ?? null;
  if (itemId !== null && !existing) {
    render(main, backLink(`#/meetings/${meetingId}`));
    showErrors(main, [{ field: null, message: `Agenda item ${itemId} was not found (it may have been deleted)` }]);
    return;
  }
  const title = existing ? `Edit ${existing.title}` : "Add an item";
  pageTitle(title);
  const back = `#/meetings/${meetingId}`;
  const deleteBox = h("div");
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const network = inputValue("proposedBy");
    const input: ItemInput = {
      title: inputValue("title"),
      presenter: inputValue("presenter") || null,
      durationMinutes: inputValue("durationMinutes"),
      kind: inputValue("kind") as ItemKind | "",
      proposedBy: network ? Number(network) : null,
      description: inputValue("description") || null,
    };
    try {
      const saved = existing ? await api.updateItem(existing.id, input) : await api.addItem(meetingId, input);
      flash(`${saved.title} is on the agenda at ${saved.slot.label}.`);
      navigate(`/meetings/${meetingId}`);
    } catch (e) {
      showErrors(main, errorsFrom(e));
    }
  };
  const askDelete = () => {
    if (!existing) return;
    const what = existing.notes.trim() || existing.outcomes.length ? ", with its notes and outcomes," : "";
    confirmPanel(deleteBox, `Delete ${existing.title}${what} for good?`, "Yes, delete it", "confirm-delete-item", async () => {
      try {
        await api.deleteItem(existing.id);
        flash(`${existing.title} was removed from the agenda.`);
        navigate(`/meetings/${meetingId}`);
      } catch (e) {
        showErrors(main, errorsFrom(e));
      }
    });
  };
  const inactiveProposer = existing?.proposedBy && !networks.some((n) => n.id === existing.proposedBy) ? [{ value: String(existing.proposedBy), label: existing.proposedByName ?? "Deactivated network" }] : [];
  render(
    main,
    backLink(back, "Back to the meeting"),
    h(
      "div",
      { class: "govuk-grid-row" },
      h(
        "div",
        { class: "govuk-grid-column-two-thirds" },
        ...heading(title, agenda.meeting.title),
        h(
          "form",
          { novalidate: true, id: "item-form", onsubmit: submit },
          textField("title", "Item", existing?.title ?? "", { widthClass: "govuk-!-width-full" }),
          textField("presenter", "Presenter (optional)", existing?.presenter ?? "", { widthClass: "govuk-!-width-two-thirds" }),
          textField("durationMinutes", "Minutes", existing ? String(existing.durationMinutes) : "", { widthClass: "govuk-input--width-3", hint: "How long the item needs" }),
          selectField("kind", "Kind of item", existing?.kind ?? "discussion", KINDS),
          selectField("proposedBy", "Proposed by (optional)", existing?.proposedBy ? String(existing.proposedBy) : "", [{ value: "", label: "No network" }, ...inactiveProposer, ...networks.map((n) => ({ value: String(n.id), label: `${n.name} (${n.department})` }))]),
          textareaField("description", "Description for the circulated agenda (optional)", existing?.description ?? "", { rows: 3 }),
          h(
            "div",
            { class: "govuk-button-group" },
            h("button", { class: "govuk-button", type: "submit", id: "save-item" }, existing ? "Save item" : "Add item"),
            existing ? h("button", { class: "govuk-button govuk-button--warning", type: "button", id: "delete-item", onclick: askDelete }, "Delete item") : null,
            h("a", { href: back, class: "govuk-link" }, "Cancel"),
          ),
        ),
        deleteBox,
      ),
    ),
  );
  clearErrors(main);
}
