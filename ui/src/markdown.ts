// Shows document blocks (parsed from Markdown by the Rust core) as DOM. Text is always
// text; links open in the system browser, never inside the app window.
import type { Block } from "./bindings/Block";
import type { Span } from "./bindings/Span";
import { h } from "./dom";

function spans(list: Span[]): Node[] {
  const out: Node[] = [];
  for (const s of list) {
    if (s.footnote != null) {
      // A footnote number, a link to its text under "Notes" at the end.
      out.push(h("sup", { class: "fd-footnote-ref" }, h("a", { href: `#fd-note-${s.footnote}`, class: "govuk-link" }, h("span", { class: "govuk-visually-hidden" }, "note "), String(s.footnote))));
      continue;
    }
    let node: Node = document.createTextNode(s.text);
    if (s.code) node = h("code", {}, node);
    if (s.italic) node = h("em", {}, node);
    if (s.bold) node = h("strong", {}, node);
    if (s.href) node = h("a", { href: s.href, class: "govuk-link", rel: "noreferrer noopener", target: "_blank", "data-external": "true" }, node);
    out.push(node);
    if (s.lineBreak) out.push(h("br"));
  }
  return out;
}

type FootnoteBlock = Extract<Block, { type: "footnote" }>;

function gatherNotes(list: Block[], out: FootnoteBlock[]): FootnoteBlock[] {
  for (const b of list) {
    if (b.type === "footnote") out.push(b, ...gatherNotes(b.blocks, []));
    else if (b.type === "list") b.items.forEach((i) => gatherNotes(i, out));
    else if (b.type === "quote") gatherNotes(b.blocks, out);
  }
  return out;
}

// Blocks as DOM, with their footnotes gathered after them (as the PDF sets them).
export function blocks(list: Block[]): Node[] {
  const notes = gatherNotes(list, []).sort((a, b) => a.number - b.number);
  const flow = flowBlocks(list);
  if (notes.length === 0) return flow;
  return [
    ...flow,
    h("h3", { class: "govuk-heading-s" }, "Notes"),
    h("ol", { class: "govuk-list govuk-list--number fd-footnotes" }, notes.map((n) => h("li", { value: n.number, id: `fd-note-${n.number}` }, flowBlocks(n.blocks)))),
  ];
}

function flowBlocks(list: Block[]): Node[] {
  return list.flatMap((b): Node[] => {
  if (b.type === "footnote") return [];
  return [flowBlock(b)];
  });
}

function flowBlock(b: Exclude<Block, FootnoteBlock>): Node {
  switch (b.type) {
    case "heading": {
      const level = Math.min(Math.max(b.level + 1, 3), 6);
      const cls = level <= 3 ? "govuk-heading-s" : "govuk-body govuk-!-font-weight-bold";
      return h(`h${level}` as "h3", { class: cls }, spans(b.content));
    }
    case "paragraph":
      return h("p", { class: "govuk-body" }, spans(b.content));
    case "list":
      return h(
        b.ordered ? "ol" : "ul",
        { class: `govuk-list ${b.ordered ? "govuk-list--number" : "govuk-list--bullet"}`, start: b.ordered && b.start !== 1 ? b.start : null },
        b.items.map((item) => h("li", {}, flowBlocks(item))),
      );
    case "quote":
      return h("blockquote", { class: "govuk-inset-text" }, flowBlocks(b.blocks));
    case "code":
      return h("pre", { class: "fd-code" }, b.text);
    case "rule":
      return h("hr", { class: "govuk-section-break govuk-section-break--m govuk-section-break--visible" });
    case "table":
      return h(
        "table",
        { class: "govuk-table" },
        h("thead", { class: "govuk-table__head" }, h("tr", { class: "govuk-table__row" }, b.header.map((c) => h("th", { scope: "col", class: "govuk-table__header" }, spans(c))))),
        h("tbody", { class: "govuk-table__body" }, b.rows.map((r) => h("tr", { class: "govuk-table__row" }, r.map((c) => h("td", { class: "govuk-table__cell" }, spans(c)))))),
      );
  }
}
