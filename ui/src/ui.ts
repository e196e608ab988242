// GOV.UK Design System patterns built from data: form fields, the error summary with
// messages next to their fields, and the success banner shown after an action.
import { h, mount } from "./dom";
import { CommandError } from "./api";

export interface FieldOptions {
  hint?: string;
  type?: string;
  autocomplete?: string;
  widthClass?: string;
  spellcheck?: boolean;
}

/**
 * The GOV.UK form group around a control: label, optional hint, the control. Ids:
 * the group `group-${name}`, the control `field-${name}`, the hint `hint-${name}` (which
 * the control is described by), so errors can find their field.
 */
function formGroup(name: string, label: string, hint: string | undefined, control: (hintId: string | null) => HTMLElement, labelClass = "govuk-label--s"): HTMLElement {
  const hintId = hint ? `hint-${name}` : null;
  return h(
    "div",
    { class: "govuk-form-group", id: `group-${name}` },
    h("label", { class: `govuk-label ${labelClass}`, for: `field-${name}` }, label),
    hint ? h("div", { class: "govuk-hint", id: hintId }, hint) : null,
    control(hintId),
  );
}

/** A labelled text input. */
export function textField(name: string, label: string, value: string, opts: FieldOptions = {}): HTMLElement {
  return formGroup(name, label, opts.hint, (hintId) =>
    h("input", {
      class: `govuk-input ${opts.widthClass ?? ""}`.trim(),
      id: `field-${name}`,
      name,
      type: opts.type ?? "text",
      value,
      autocomplete: opts.autocomplete ?? "off",
      spellcheck: opts.spellcheck === undefined ? null : String(opts.spellcheck),
      "aria-describedby": hintId,
    }),
  );
}

/** A labelled textarea. */
export function textareaField(name: string, label: string, value: string, opts: { hint?: string; rows?: number; labelClass?: string } = {}): HTMLElement {
  return formGroup(
    name,
    label,
    opts.hint,
    (hintId) => {
      const area = h("textarea", { class: "govuk-textarea", id: `field-${name}`, name, rows: opts.rows ?? 4, "aria-describedby": hintId });
      area.value = value;
      return area;
    },
    opts.labelClass,
  );
}

export interface Choice {
  value: string;
  label: string;
}

/** A labelled select. */
export function selectField(name: string, label: string, value: string, choices: Choice[], opts: { hint?: string } = {}): HTMLElement {
  return formGroup(name, label, opts.hint, (hintId) =>
    h(
      "select",
      { class: "govuk-select", id: `field-${name}`, name, "aria-describedby": hintId },
      choices.map((c) => h("option", { value: c.value, selected: c.value === value }, c.label)),
    ),
  );
}

/**
 * A text field for a file's path with a "Choose file…" button beside it that opens the
 * system's file chooser (`choose` returns the path, or null when cancelled). Typing the
 * path works too, which keeps the field usable from the keyboard and in tests.
 */
export function filePathField(name: string, label: string, hint: string, choose: () => Promise<string | null>, onError: (e: unknown) => void): HTMLElement {
  const field = textField(name, label, "", { hint, widthClass: "govuk-!-width-full", spellcheck: false });
  const input = field.querySelector("input");
  if (input) {
    const pick = async () => {
      try {
        const path = await choose();
        if (path) input.value = path;
      } catch (e) {
        onError(e);
      }
    };
    input.remove();
    field.appendChild(h("div", { class: "fd-path-row" }, input, h("button", { type: "button", class: "govuk-button govuk-button--secondary", id: `choose-${name}`, onclick: pick }, "Choose file…")));
  }
  return field;
}

export function inputValue(name: string): string {
  const el = document.getElementById(`field-${name}`) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
  return el ? el.value : "";
}

export interface FieldError {
  field: string | null;
  message: string;
}

/** Removes every error message and the summary from `container`. */
export function clearErrors(container: HTMLElement): void {
  container.querySelectorAll(".govuk-error-summary").forEach((e) => e.remove());
  container.querySelectorAll(".govuk-error-message").forEach((e) => e.remove());
  container.querySelectorAll(".govuk-form-group--error").forEach((e) => e.classList.remove("govuk-form-group--error"));
  container.querySelectorAll(".govuk-input--error, .govuk-select--error, .govuk-textarea--error").forEach((e) => {
    e.classList.remove("govuk-input--error", "govuk-select--error", "govuk-textarea--error");
    const described = (e.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && !id.startsWith("error-"));
    if (described.length) e.setAttribute("aria-describedby", described.join(" "));
    else e.removeAttribute("aria-describedby");
  });
}

/**
 * Shows the GOV.UK error summary at the top of `container` (focused, so screen readers
 * announce it) and each message above its field. Errors with no field (or a field this
 * form does not have) appear in the summary only.
 */
export function showErrors(container: HTMLElement, errors: FieldError[]): void {
  clearErrors(container);
  const items = errors.map((err) => {
    const input = err.field ? document.getElementById(`field-${err.field}`) : null;
    const group = err.field ? document.getElementById(`group-${err.field}`) : null;
    if (input && group && err.field) {
      group.classList.add("govuk-form-group--error");
      const msg = h("p", { class: "govuk-error-message", id: `error-${err.field}` }, h("span", { class: "govuk-visually-hidden" }, "Error: "), err.message);
      // A message goes above the control, or above the whole row of checkboxes or path and button.
      const anchor = input.closest(".fd-path-row, .govuk-checkboxes") ?? input;
      anchor.parentElement?.insertBefore(msg, anchor);
      input.classList.add(input.tagName === "SELECT" ? "govuk-select--error" : input.tagName === "TEXTAREA" ? "govuk-textarea--error" : "govuk-input--error");
      const described = (input.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
      input.setAttribute("aria-describedby", [...described, `error-${err.field}`].join(" "));
      return h("li", {}, h("a", { href: `#field-${err.field}` }, err.message));
    }
    return h("li", {}, err.message);
  });
  const summary = h(
    "div",
    { class: "govuk-error-summary", tabindex: "-1" },
    h(
      "div",
      { role: "alert" },
      h("h2", { class: "govuk-error-summary__title" }, "There is a problem"),
      h("div", { class: "govuk-error-summary__body" }, h("ul", { class: "govuk-list govuk-error-summary__list" }, items)),
    ),
  );
  container.prepend(summary);
  summary.focus();
}

/** Turns anything a command threw into the errors to show. */
export function errorsFrom(e: unknown): FieldError[] {
  if (e instanceof CommandError) return [{ field: e.field, message: e.message }];
  return [{ field: null, message: String(e) }];
}

// The banner shown at the top of the next screen after something succeeded.
interface Flash {
  message: string;
  undo?: { label: string; run: () => Promise<void> };
  /** Lines worth knowing under the message (for example what an import left blank). */
  details?: string[];
}
let pending: Flash | null = null;

export function flash(message: string, undo?: Flash["undo"], details?: string[]): void {
  pending = { message, undo, details };
}

/** The pending success banner, if any (shown once). */
export function takeFlash(): HTMLElement | null {
  const f = pending;
  pending = null;
  if (!f) return null;
  const banner = h(
    "div",
    { class: "govuk-notification-banner govuk-notification-banner--success", role: "alert", "aria-labelledby": "banner-title", "data-module": "govuk-notification-banner" },
    h("div", { class: "govuk-notification-banner__header" }, h("h2", { class: "govuk-notification-banner__title", id: "banner-title" }, "Success")),
    h(
      "div",
      { class: "govuk-notification-banner__content" },
      h("p", { class: "govuk-notification-banner__heading" }, f.message),
      f.details?.length ? h("ul", { class: "govuk-list govuk-list--bullet", id: "banner-details" }, ...f.details.map((d) => h("li", {}, d))) : null,
      f.undo
        ? h(
            "button",
            {
              class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-0",
              type: "button",
              id: "undo",
              onclick: async () => {
                await f.undo?.run();
              },
            },
            f.undo.label,
          )
        : null,
    ),
  );
  return banner;
}

export function pageTitle(title: string): void {
  document.title = `${title} – Forum Desk`;
}

/** A page heading with an optional caption above it. */
export function heading(text: string, caption?: string): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (caption) out.push(h("span", { class: "govuk-caption-l" }, caption));
  out.push(h("h1", { class: "govuk-heading-l" }, text));
  return out;
}

export function backLink(href: string, text = "Back"): HTMLElement {
  return h("a", { href, class: "govuk-back-link" }, text);
}

/** A GOV.UK table: caption (visually hidden unless `captionClass` says otherwise), column headers, rows. */
export function dataTable(id: string, caption: string, headers: string[], rows: HTMLElement[], captionClass = "govuk-visually-hidden", numeric: number[] = []): HTMLElement {
  const cls = (base: string, i: number) => `${base}${numeric.includes(i) ? ` ${base}--numeric` : ""}`;
  return h(
    "table",
    { class: "govuk-table", id },
    h("caption", { class: `govuk-table__caption ${captionClass}` }, caption),
    h("thead", { class: "govuk-table__head" }, h("tr", { class: "govuk-table__row" }, headers.map((t, i) => h("th", { scope: "col", class: cls("govuk-table__header", i) }, t)))),
    h("tbody", { class: "govuk-table__body" }, rows),
  );
}

/** A single small GOV.UK checkbox, id `field-${name}`. */
export function checkbox(name: string, label: string, checked: boolean, opts: { hint?: string; onchange?: (checked: boolean) => void } = {}): HTMLElement {
  const hintId = opts.hint ? `hint-${name}` : null;
  return h(
    "div",
    { class: "govuk-form-group", id: `group-${name}` },
    h(
      "div",
      { class: "govuk-checkboxes govuk-checkboxes--small" },
      h(
        "div",
        { class: "govuk-checkboxes__item" },
        h("input", {
          class: "govuk-checkboxes__input",
          id: `field-${name}`,
          type: "checkbox",
          checked,
          "aria-describedby": hintId,
          onchange: opts.onchange ? (ev: Event) => opts.onchange?.((ev.target as HTMLInputElement).checked) : null,
        }),
        h("label", { class: "govuk-label govuk-checkboxes__label", for: `field-${name}` }, label),
        opts.hint ? h("div", { class: "govuk-hint govuk-checkboxes__hint", id: hintId }, opts.hint) : null,
      ),
    ),
  );
}

export function isChecked(name: string): boolean {
  return (document.getElementById(`field-${name}`) as HTMLInputElement | null)?.checked ?? false;
}

/**
 * Asks, inside `box`, to confirm something that cannot be undone. The confirm button
 * (id `confirmId`) gets the focus; Cancel empties the box.
 */
export function confirmPanel(box: HTMLElement, warning: string, confirmLabel: string, confirmId: string, onConfirm: () => Promise<void>): void {
  mount(
    box,
    h(
      "div",
      { class: "govuk-warning-text" },
      h("span", { class: "govuk-warning-text__icon", "aria-hidden": "true" }, "!"),
      h("strong", { class: "govuk-warning-text__text" }, h("span", { class: "govuk-visually-hidden" }, "Warning"), warning),
    ),
    h(
      "div",
      { class: "govuk-button-group" },
      h("button", { class: "govuk-button govuk-button--warning", type: "button", id: confirmId, onclick: onConfirm }, confirmLabel),
      h("button", { class: "govuk-button govuk-button--secondary", type: "button", onclick: () => mount(box) }, "Cancel"),
    ),
  );
  (box.querySelector(`#${confirmId}`) as HTMLElement | null)?.focus();
}

/** Renders a screen into main: the banner (if any) first. */
export function render(main: HTMLElement, ...content: (Node | null)[]): void {
  mount(main, takeFlash(), ...content);
}
