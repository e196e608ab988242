//! Checks of a tagged PDF, for tests (here, and the app's CLI tests through the
//! `pdf-checks` feature).
//!
//! Three readers: poppler's `pdfinfo -struct-text` (the structure as a reader sees it,
//! parsed by [`struct_tree`]), the Python checker `pdfua` (16 of PDF/UA-1's 106
//! machine-checkable rules; installed by scripts/setup.sh into `.venv`), and
//! [`problems`], which reads the file with lopdf and checks what `pdfua` does not: that
//! every marked-content sequence on every page is reachable from the tree through the
//! parent tree and that nothing is drawn outside marked content or an artifact, that the
//! parent tree agrees with the pages' and annotations' keys, that table headers are
//! scoped and tables regular, that every link annotation is in the tree, that headings
//! do not skip levels and are not empty, that only standard structure types are used and
//! list and table elements sit where they must, that notes have IDs, that fonts are
//! embedded with a Unicode map, and that no text shows the `.notdef` glyph.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// The standard structure types of ISO 32000-1 (14.8.4); anything else would need a
/// role map.
const STANDARD: &[&str] = &[
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody",
    "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure",
    "Formula", "Form",
];

/// Operators that put something on the page (ISO 32000-1, tables 51, 59, 77, 92, 107).
const PAINTING: &[&str] = &["Tj", "TJ", "'", "\"", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI", "EI"];

fn name(o: &Object) -> Option<String> {
    o.as_name().ok().map(|n| String::from_utf8_lossy(n).into_owned())
}

/// A text string as Rust text (UTF-16BE with its mark, or PDFDocEncoding's ASCII part).
fn text(o: &Object) -> Option<String> {
    let bytes = o.as_str().ok()?;
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
        return String::from_utf16(&units).ok();
    }
    Some(String::from_utf8_lossy(bytes).into_owned())
}

struct Walk<'a> {
    doc: &'a Document,
    pages: HashMap<ObjectId, usize>,
    problems: Vec<String>,
    /// (page index, MCID) -> the element it belongs to.
    content: HashMap<(usize, i64), ObjectId>,
    /// Annotation -> the element whose OBJR names it.
    annotations: HashMap<ObjectId, ObjectId>,
    headings: Vec<u8>,
    seen: HashSet<ObjectId>,
    /// The number of cells of each row, by the table (or row group) that holds it.
    rows: HashMap<ObjectId, Vec<usize>>,
}

impl Walk<'_> {
    fn problem(&mut self, p: String) {
        self.problems.push(p);
    }

    fn page_of(&self, d: &Dictionary) -> Option<usize> {
        d.get(b"Pg").and_then(Object::as_reference).ok().and_then(|r| self.pages.get(&r).copied())
    }

    /// Whether `element` (or anything under it) marks any content.
    fn has_content(&self, element: &Dictionary, depth: usize) -> bool {
        let kids = match element.get(b"K") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(k) => vec![k.clone()],
            Err(_) => return false,
        };
        kids.iter().any(|k| match k {
            Object::Integer(_) => true,
            Object::Dictionary(d) => d.get(b"MCID").is_ok(),
            Object::Reference(r) => depth < 64 && self.doc.get_dictionary(*r).is_ok_and(|d| self.has_content(d, depth + 1)),
            _ => false,
        })
    }

    fn element(&mut self, id: ObjectId, parent: ObjectId, parent_role: &str, depth: usize) {
        if depth > 256 || !self.seen.insert(id) {
            self.problem(format!("element {id:?} is reached twice, or the tree is too deep"));
            return;
        }
        let Ok(d) = self.doc.get_dictionary(id) else {
            self.problem(format!("element {id:?} is not a dictionary"));
            return;
        };
        let role = d.get(b"S").ok().and_then(name).unwrap_or_default();
        if !STANDARD.contains(&role.as_str()) {
            self.problem(format!("element {id:?} has the non-standard type {role:?}"));
        }
        if d.get(b"P").and_then(Object::as_reference).ok() != Some(parent) {
            self.problem(format!("{role} {id:?} does not name its parent {parent:?} as /P"));
        }
        let allowed: &[&str] = match role.as_str() {
            "LI" => &["L"],
            "Lbl" | "LBody" => &["LI"],
            "TR" => &["Table", "THead", "TBody", "TFoot"],
            "TH" | "TD" => &["TR"],
            "THead" | "TBody" | "TFoot" => &["Table"],
            _ => &[],
        };
        if !allowed.is_empty() && !allowed.contains(&parent_role) {
            self.problem(format!("{role} {id:?} is inside {parent_role}, not {}", allowed.join(" or ")));
        }
        if role == "TH" {
            let scoped = |a: &Object| a.as_dict().is_ok_and(|a| a.get(b"Scope").is_ok());
            let ok = match d.get(b"A") {
                Ok(Object::Array(list)) => list.iter().any(scoped),
                Ok(a) => scoped(a),
                Err(_) => false,
            };
            if !ok {
                self.problem(format!("table header cell {id:?} has no /Scope"));
            }
        }
        if role == "Note" && d.get(b"ID").is_err() {
            self.problem(format!("Note {id:?} has no ID (PDF/UA-1, 7.9)"));
        }
        if let Some(level) = role.strip_prefix('H').and_then(|l| l.parse::<u8>().ok()) {
            self.headings.push(level);
            if !self.has_content(d, 0) {
                self.problem(format!("heading {role} {id:?} is empty"));
            }
        }
        let home = self.page_of(d);
        if role == "TR" {
            let cells = match d.get(b"K") {
                Ok(Object::Array(a)) => a.iter().filter(|k| k.as_reference().is_ok_and(|r| self.doc.get_dictionary(r).is_ok_and(|c| c.get(b"S").ok().and_then(name).is_some_and(|s| s == "TH" || s == "TD")))).count(),
                Ok(Object::Reference(_)) => 1,
                _ => 0,
            };
            self.rows.entry(parent).or_default().push(cells);
        }
        let kids = match d.get(b"K") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(k) => vec![k.clone()],
            Err(_) => Vec::new(),
        };
        for kid in kids {
            match kid {
                Object::Integer(mcid) => match home {
                    Some(page) => self.content(page, mcid, id),
                    None => self.problem(format!("{role} {id:?} holds MCID {mcid} but names no page (/Pg)")),
                },
                Object::Reference(r) => {
                    let is_element = self.doc.get_dictionary(r).is_ok_and(|k| k.get(b"S").is_ok());
                    if is_element {
                        self.element(r, id, &role, depth + 1);
                    } else {
                        self.problem(format!("{role} {id:?} has a kid {r:?} that is not an element"));
                    }
                }
                Object::Dictionary(k) => match k.get(b"Type").ok().and_then(name).as_deref() {
                    Some("MCR") => {
                        let page = self.page_of(&k).or(home);
                        match (page, k.get(b"MCID").and_then(Object::as_i64)) {
                            (Some(page), Ok(mcid)) => self.content(page, mcid, id),
                            _ => self.problem(format!("{role} {id:?} has a marked-content reference without a page or an MCID")),
                        }
                    }
                    Some("OBJR") => match k.get(b"Obj").and_then(Object::as_reference) {
                        Ok(annot) => {
                            if self.annotations.insert(annot, id).is_some() {
                                self.problem(format!("annotation {annot:?} is in the tree twice"));
                            }
                        }
                        Err(_) => self.problem(format!("{role} {id:?} has an object reference without /Obj")),
                    },
                    other => self.problem(format!("{role} {id:?} has a kid of type {other:?} that is an element written in place")),
                },
                other => self.problem(format!("{role} {id:?} has a kid {other:?}")),
            }
        }
    }

    fn content(&mut self, page: usize, mcid: i64, element: ObjectId) {
        if self.content.insert((page, mcid), element).is_some() {
            self.problem(format!("page {}: MCID {mcid} is claimed by two elements", page + 1));
        }
    }
}

/// The flattened number tree `node` (ISO 32000-1, 7.9.7).
fn number_tree(doc: &Document, node: &Dictionary, out: &mut HashMap<i64, Object>, depth: usize) {
    if depth > 32 {
        return;
    }
    if let Ok(nums) = node.get(b"Nums").and_then(Object::as_array) {
        for pair in nums.chunks(2) {
            if let [Object::Integer(k), v] = pair {
                out.insert(*k, v.clone());
            }
        }
    }
    if let Ok(kids) = node.get(b"Kids").and_then(Object::as_array) {
        for kid in kids {
            if let Ok(d) = kid.as_reference().and_then(|r| doc.get_dictionary(r)) {
                number_tree(doc, d, out, depth + 1);
            }
        }
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

/// Everything wrong with the tagging of the PDF in `bytes`; empty when all is well.
pub fn problems(bytes: &[u8]) -> Vec<String> {
    let doc = match Document::load_mem(bytes) {
        Ok(d) => d,
        Err(e) => return vec![format!("lopdf cannot read the file: {e}")],
    };
    let mut out = Vec::new();
    let Ok(catalog) = doc.catalog() else { return vec!["no catalog".into()] };

    // The catalog (PDF/UA-1, 7.1 and 7.2; ISO 32000-1, 14.7.1).
    let marked = catalog.get(b"MarkInfo").ok().and_then(|m| deref(&doc, m)).and_then(|m| m.as_dict().ok()).and_then(|m| m.get(b"Marked").ok()).and_then(|m| m.as_bool().ok());
    if marked != Some(true) {
        out.push("catalog: /MarkInfo /Marked is not true".into());
    }
    if catalog.get(b"Lang").ok().and_then(text).as_deref() != Some(super::pdf_structure::LANGUAGE) {
        out.push("catalog: /Lang is not en-GB".into());
    }
    let display = catalog.get(b"ViewerPreferences").ok().and_then(|v| deref(&doc, v)).and_then(|v| v.as_dict().ok()).and_then(|v| v.get(b"DisplayDocTitle").ok()).and_then(|v| v.as_bool().ok());
    if display != Some(true) {
        out.push("catalog: /ViewerPreferences /DisplayDocTitle is not true".into());
    }
    let xmp = catalog.get(b"Metadata").ok().and_then(|m| deref(&doc, m)).and_then(|m| m.as_stream().ok()).and_then(|s| s.decompressed_content().ok().or_else(|| Some(s.content.clone())));
    match xmp.map(|x| String::from_utf8_lossy(&x).into_owned()) {
        Some(x) => {
            if !x.contains("<pdfuaid:part>1</pdfuaid:part>") {
                out.push("XMP: no pdfuaid:part 1".into());
            }
            if !x.contains("<dc:title>") {
                out.push("XMP: no dc:title".into());
            }
        }
        None => out.push("catalog: no XMP metadata stream".into()),
    }
    if doc.version.as_str() < "1.4" {
        out.push(format!("PDF {} is too old for a tagged PDF", doc.version));
    }

    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let mut walk = Walk {
        doc: &doc,
        pages: pages.iter().enumerate().map(|(i, p)| (*p, i)).collect(),
        problems: Vec::new(),
        content: HashMap::new(),
        annotations: HashMap::new(),
        headings: Vec::new(),
        seen: HashSet::new(),
        rows: HashMap::new(),
    };
    // Without a tree, the pages are still checked (everything on them is then untagged).
    let no_tree = Dictionary::new();
    let root_id = catalog.get(b"StructTreeRoot").ok().and_then(|r| r.as_reference().ok()).unwrap_or((0, 0));
    let root = match doc.get_dictionary(root_id) {
        Ok(root) => root,
        Err(_) => {
            out.push("catalog: no /StructTreeRoot (as an indirect object)".into());
            &no_tree
        }
    };
    let top = match root.get(b"K") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(k) => vec![k.clone()],
        Err(_) => Vec::new(),
    };
    if top.is_empty() {
        out.push("the structure tree is empty".into());
    }
    for kid in top {
        match kid.as_reference() {
            Ok(r) => walk.element(r, root_id, "StructTreeRoot", 0),
            Err(_) => walk.problem("the structure tree root's kid is not an indirect element".into()),
        }
    }
    // Tables are regular: every row has as many cells (PDF/UA-1, 7.5).
    let ragged: Vec<ObjectId> = walk.rows.iter().filter(|(_, r)| r.windows(2).any(|w| w[0] != w[1])).map(|(t, _)| *t).collect();
    for t in ragged {
        walk.problem(format!("table {t:?} has rows of different lengths"));
    }
    // Headings: the first is H1, and none is more than one level below the one before
    // (PDF/UA-1, 7.4.2).
    if walk.headings.first().is_some_and(|h| *h != 1) {
        walk.problem(format!("the first heading is H{}, not H1", walk.headings[0]));
    }
    for pair in walk.headings.clone().windows(2) {
        if pair[1] > pair[0] + 1 {
            walk.problem(format!("heading H{} follows H{}: a level is skipped", pair[1], pair[0]));
        }
    }

    let mut parent_tree = HashMap::new();
    match root.get(b"ParentTree").ok().and_then(|p| deref(&doc, p)).and_then(|p| p.as_dict().ok()) {
        Some(pt) => number_tree(&doc, pt, &mut parent_tree, 0),
        None => walk.problem("no /ParentTree".into()),
    }
    let next_key = root.get(b"ParentTreeNextKey").and_then(Object::as_i64).unwrap_or(0);
    if parent_tree.keys().any(|k| *k >= next_key) {
        walk.problem(format!("/ParentTreeNextKey {next_key} is not above every key of the parent tree"));
    }
    let mut keys_used: HashMap<i64, String> = HashMap::new();

    for (p, page_id) in pages.iter().enumerate() {
        let n = p + 1;
        let Ok(page) = doc.get_dictionary(*page_id) else { continue };

        // The page's content: everything painted is inside a marked-content sequence that
        // is either an artifact or has an MCID, and MCIDs are neither nested nor repeated.
        let content = match Content::decode(&doc.get_page_content(*page_id)) {
            Ok(c) => c,
            Err(e) => {
                walk.problem(format!("page {n}: content cannot be parsed: {e}"));
                continue;
            }
        };
        #[derive(Clone, Copy, PartialEq)]
        enum Seq {
            Artifact,
            Mcid,
            Other,
        }
        let mut stack: Vec<Seq> = Vec::new();
        let mut mcids: Vec<i64> = Vec::new();
        // Two-byte (Type0) fonts by resource name, to find glyph 0 (.notdef) shown.
        let two_byte: HashSet<Vec<u8>> = doc
            .get_page_fonts(*page_id)
            .map(|fonts| fonts.into_iter().filter(|(_, f)| f.get(b"Subtype").ok().and_then(name).as_deref() == Some("Type0")).map(|(k, _)| k).collect())
            .unwrap_or_default();
        let mut font_is_two_byte = false;
        let mut notdef = 0;
        for op in &content.operations {
            if op.operator == "Tf" {
                font_is_two_byte = op.operands.first().and_then(|o| o.as_name().ok()).is_some_and(|n| two_byte.contains(n));
            }
            if font_is_two_byte && ["Tj", "TJ", "'", "\""].contains(&op.operator.as_str()) {
                let strings: Vec<&[u8]> = op.operands.iter().flat_map(|o| match o {
                    Object::Array(a) => a.iter().filter_map(|s| s.as_str().ok()).collect::<Vec<_>>(),
                    s => s.as_str().ok().into_iter().collect(),
                }).collect();
                notdef += strings.iter().flat_map(|s| s.chunks(2)).filter(|c| *c == [0, 0]).count();
            }
            match op.operator.as_str() {
                "BMC" | "BDC" => {
                    let tag = op.operands.first().and_then(name).unwrap_or_default();
                    let props = op.operands.get(1).and_then(|o| deref(&doc, o)).and_then(|o| o.as_dict().ok());
                    let mcid = props.and_then(|d| d.get(b"MCID").ok()).and_then(|m| m.as_i64().ok());
                    let seq = if tag == "Artifact" {
                        Seq::Artifact
                    } else if let Some(m) = mcid {
                        if stack.iter().any(|s| *s != Seq::Other) {
                            walk.problem(format!("page {n}: MCID {m} is nested in another tagged or artifact sequence"));
                        }
                        mcids.push(m);
                        Seq::Mcid
                    } else {
                        Seq::Other
                    };
                    stack.push(seq);
                }
                "EMC" if stack.pop().is_none() => walk.problem(format!("page {n}: EMC without a sequence to end")),
                op_name if PAINTING.contains(&op_name) && !stack.iter().any(|s| *s != Seq::Other) => {
                    walk.problem(format!("page {n}: `{op_name}` paints outside marked content and outside an artifact"));
                }
                _ => {}
            }
        }
        if !stack.is_empty() {
            walk.problem(format!("page {n}: {} marked-content sequence(s) not ended", stack.len()));
        }
        if notdef > 0 {
            walk.problem(format!("page {n}: {notdef} glyph(s) shown are .notdef (PDF/UA-1, 7.21.8)"));
        }
        let on_page: HashSet<i64> = mcids.iter().copied().collect();
        if on_page.len() != mcids.len() {
            walk.problem(format!("page {n}: an MCID is used twice"));
        }
        for m in &mcids {
            if !walk.content.contains_key(&(p, *m)) {
                walk.problem(format!("page {n}: MCID {m} is not reachable from the structure tree"));
            }
        }
        let claimed: Vec<i64> = walk.content.keys().filter(|(pg, _)| *pg == p).map(|(_, m)| *m).filter(|m| !on_page.contains(m)).collect();
        for m in claimed {
            walk.problem(format!("page {n}: the tree names MCID {m}, which the page does not have"));
        }

        // The parent tree leads from each MCID back to the element that holds it.
        match page.get(b"StructParents").and_then(Object::as_i64) {
            Ok(key) => {
                if let Some(prev) = keys_used.insert(key, format!("page {n}")) {
                    walk.problem(format!("page {n}: /StructParents {key} is also used by {prev}"));
                }
                let entry = parent_tree.get(&key).and_then(|o| deref(&doc, o)).and_then(|o| o.as_array().ok());
                match entry {
                    Some(list) => {
                        for m in &mcids {
                            let owner = list.get(*m as usize).and_then(|o| o.as_reference().ok());
                            if owner.is_none() || owner != walk.content.get(&(p, *m)).copied() {
                                walk.problem(format!("page {n}: the parent tree gives MCID {m} to {owner:?}, not to the element that holds it"));
                            }
                        }
                    }
                    None => walk.problem(format!("page {n}: the parent tree has no array for /StructParents {key}")),
                }
            }
            Err(_) if !mcids.is_empty() => walk.problem(format!("page {n} has tagged content but no /StructParents")),
            Err(_) => {}
        }

        // Annotations: each link is in the tree (OBJR), has a description and its key
        // in the parent tree, and the page's tab order follows the structure.
        let annots = page.get(b"Annots").ok().and_then(|a| deref(&doc, a)).and_then(|a| a.as_array().ok()).cloned().unwrap_or_default();
        if !annots.is_empty() && page.get(b"Tabs").ok().and_then(name).as_deref() != Some("S") {
            walk.problem(format!("page {n} has annotations but no /Tabs /S"));
        }
        for a in annots {
            let Ok(annot_id) = a.as_reference() else {
                walk.problem(format!("page {n}: an annotation is written in place, so the tree cannot name it"));
                continue;
            };
            let Ok(annot) = doc.get_dictionary(annot_id) else { continue };
            let subtype = annot.get(b"Subtype").ok().and_then(name).unwrap_or_default();
            if subtype == "Popup" {
                continue;
            }
            if annot.get(b"Contents").ok().and_then(text).is_none_or(|c| c.trim().is_empty()) {
                walk.problem(format!("page {n}: {subtype} annotation {annot_id:?} has no /Contents"));
            }
            let owner = walk.annotations.get(&annot_id).copied();
            match owner {
                None => walk.problem(format!("page {n}: {subtype} annotation {annot_id:?} is not in the structure tree")),
                Some(e) => {
                    let role = doc.get_dictionary(e).ok().and_then(|d| d.get(b"S").ok()).and_then(name).unwrap_or_default();
                    if subtype == "Link" && role != "Link" {
                        walk.problem(format!("page {n}: link annotation {annot_id:?} is held by {role}, not by a Link element"));
                    }
                }
            }
            match annot.get(b"StructParent").and_then(Object::as_i64) {
                Ok(key) => {
                    if let Some(prev) = keys_used.insert(key, format!("annotation {annot_id:?}")) {
                        walk.problem(format!("page {n}: /StructParent {key} is also used by {prev}"));
                    }
                    let held = parent_tree.get(&key).and_then(|o| o.as_reference().ok());
                    if held.is_none() || held != owner {
                        walk.problem(format!("page {n}: the parent tree gives annotation {annot_id:?} to {held:?}, not to its element"));
                    }
                }
                Err(_) => walk.problem(format!("page {n}: annotation {annot_id:?} has no /StructParent")),
            }
        }

        // Fonts: embedded, with a Unicode map (PDF/UA-1, 7.21.4 and 7.21.7).
        if let Ok(fonts) = doc.get_page_fonts(*page_id) {
            for (res, font) in fonts {
                let res = String::from_utf8_lossy(&res).into_owned();
                if font.get(b"ToUnicode").is_err() {
                    walk.problem(format!("page {n}: font {res} has no /ToUnicode"));
                }
                let descendant = font.get(b"DescendantFonts").ok().and_then(|d| deref(&doc, d)).and_then(|d| d.as_array().ok()).and_then(|d| d.first()).and_then(|d| deref(&doc, d)).and_then(|d| d.as_dict().ok());
                let descriptor = descendant.unwrap_or(font).get(b"FontDescriptor").ok().and_then(|d| deref(&doc, d)).and_then(|d| d.as_dict().ok());
                let embedded = descriptor.is_some_and(|d| d.get(b"FontFile").is_ok() || d.get(b"FontFile2").is_ok() || d.get(b"FontFile3").is_ok());
                if !embedded {
                    walk.problem(format!("page {n}: font {res} is not embedded"));
                }
            }
        }
    }
    // Every element's MCIDs are on pages that exist.
    let pages_n = pages.len();
    let stray: Vec<(usize, i64)> = walk.content.keys().filter(|(p, _)| *p >= pages_n).copied().collect();
    for (p, m) in stray {
        walk.problem(format!("the tree names MCID {m} on page {}, which does not exist", p + 1));
    }
    out.extend(walk.problems);
    out
}

/// A node of the structure as `pdfinfo -struct-text` prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub role: String,
    /// Attribute lines, such as `/Scope /Column`.
    pub attributes: Vec<String>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Text(String),
    Element(Node),
    /// An object reference (`Object 12 0`): a link's annotation.
    Object,
}

/// Parses `pdfinfo -struct-text` output: two spaces of indent per level, an element per
/// line (`H2 (block)`, `Note <note-1> (inline)`, `TH:` followed by its attributes),
/// quoted text, and `Object N G` for an object reference.
pub fn struct_tree(output: &str) -> Vec<Node> {
    fn attach(stack: &mut Vec<(usize, Node)>, roots: &mut Vec<Node>, indent: usize) {
        while stack.last().is_some_and(|(i, _)| *i >= indent) {
            let (_, node) = stack.pop().unwrap_or_else(|| unreachable!());
            match stack.last_mut() {
                Some((_, parent)) => parent.items.push(Item::Element(node)),
                None => roots.push(node),
            }
        }
    }
    let mut roots = Vec::new();
    let mut stack: Vec<(usize, Node)> = Vec::new();
    for line in output.lines() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            continue;
        }
        let indent = line.len() - trimmed.len();
        if trimmed.starts_with('/') {
            if let Some((_, node)) = stack.last_mut() {
                node.attributes.push(trimmed.trim_end().to_string());
            }
            continue;
        }
        if trimmed.starts_with('"') {
            attach(&mut stack, &mut roots, indent);
            let t = trimmed.trim_end();
            let t = t.strip_prefix('"').unwrap_or(t);
            let t = t.strip_suffix('"').unwrap_or(t);
            if let Some((_, node)) = stack.last_mut() {
                node.items.push(Item::Text(t.to_string()));
            }
            continue;
        }
        if trimmed.starts_with("Object ") {
            attach(&mut stack, &mut roots, indent);
            if let Some((_, node)) = stack.last_mut() {
                node.items.push(Item::Object);
            }
            continue;
        }
        attach(&mut stack, &mut roots, indent);
        let role = trimmed.split([' ', ':']).next().unwrap_or_default().to_string();
        stack.push((indent, Node { role, attributes: Vec::new(), items: Vec::new() }));
    }
    attach(&mut stack, &mut roots, 0);
    roots
}

/// Runs `tool` with `args` and returns what it printed.
fn run(tool: &Path, args: &[&std::ffi::OsStr]) -> Result<(i32, String), String> {
    let out = Command::new(tool).args(args).output().map_err(|e| format!("{} cannot run: {e}", tool.display()))?;
    Ok((out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)))
}

/// The structure of the PDF at `path` as poppler reads it (`pdfinfo -struct-text`;
/// poppler-utils is installed by scripts/setup.sh).
pub fn poppler_structure(path: &Path) -> Result<(String, Vec<Node>), String> {
    let (code, text) = run(Path::new("pdfinfo"), &["-struct-text".as_ref(), path.as_os_str()])?;
    if code != 0 {
        return Err(format!("pdfinfo -struct-text failed ({code}): {text}"));
    }
    let tree = struct_tree(&text);
    Ok((text, tree))
}

/// The `pdfua` checker that scripts/setup.sh installs into the project's `.venv` (or
/// the one named by `PDFUA`, or one on the PATH).
pub fn pdfua_program() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PDFUA") {
        return Some(PathBuf::from(p));
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/pdfua");
    if venv.is_file() {
        return Some(venv);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join("pdfua")).find(|p| p.is_file())
}

/// `pdfua check --format json` on the PDF at `path`: its report.
pub fn pdfua_report(path: &Path) -> Result<serde_json::Value, String> {
    let program = pdfua_program().ok_or("pdfua is not installed: run scripts/setup.sh (it installs it into .venv)")?;
    let out = Command::new(&program).args(["check", "--format", "json"]).arg(path).output().map_err(|e| format!("{} cannot run: {e}", program.display()))?;
    serde_json::from_slice(&out.stdout).map_err(|e| format!("pdfua printed no report ({e}): {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use chrono::NaiveDate;

    use super::*;
    use crate::publishing::readout::build::{self, ReadoutOptions};
    use crate::publishing::readout::{pdf, Block, Document, Span};
    use crate::Store;

    fn element(role: &str) -> Node {
        Node { role: role.into(), attributes: Vec::new(), items: Vec::new() }
    }

    fn with_text(role: &str, text: &str) -> Node {
        Node { items: vec![Item::Text(text.into())], ..element(role) }
    }

    /// What the structure should be, read from the document model alone: the title as
    /// H1, the subtitle, each block as its element, the footnotes after the last section.
    fn expected(doc: &Document) -> Node {
        let notes = crate::publishing::readout::document::footnotes(&doc.blocks);
        let numbers: HashSet<u32> = notes.iter().map(|(n, _)| *n).collect();
        let mut e = Expect { level: 1, notes: numbers };

        let mut root = element("Document");
        root.items.push(Item::Element(with_text("H1", &doc.title)));
        if let Some(sub) = &doc.subtitle {
            root.items.push(Item::Element(with_text("P", sub)));
        }
        e.blocks(&doc.blocks, &mut root);
        if !notes.is_empty() {
            e.blocks(&[Block::Heading { level: 2, content: vec![Span::plain("Notes")] }], &mut root);
            let mut lists: Vec<(u32, Vec<&[Block]>)> = Vec::new();
            for (n, b) in notes {
                match lists.last_mut() {
                    Some((start, items)) if *start as usize + items.len() == n as usize => items.push(b),
                    _ => lists.push((n, vec![b])),
                }
            }
            for (start, items) in lists {
                let mut list = element("L");
                list.attributes.push("/ListNumbering /Decimal".into());
                for (i, blocks) in items.into_iter().enumerate() {
                    let mut note = element("Note");
                    e.blocks(blocks, &mut note);
                    let body = Node { items: vec![Item::Element(note)], ..element("LBody") };
                    let label = with_text("Lbl", &format!("{}.", start as usize + i));
                    list.items.push(Item::Element(Node { items: vec![Item::Element(label), Item::Element(body)], ..element("LI") }));
                }
                root.items.push(Item::Element(list));
            }
        }
        root
    }

    struct Expect {
        level: u8,
        notes: HashSet<u32>,
    }

    impl Expect {
        fn spans(&self, spans: &[Span], into: &mut Node) {
            let mut i = 0;
            while i < spans.len() {
                let s = &spans[i];
                if let Some(n) = s.footnote {
                    let mut link = with_text(if self.notes.contains(&n) { "Link" } else { "Span" }, &s.text);
                    if self.notes.contains(&n) {
                        link.items.push(Item::Object);
                    }
                    into.items.push(Item::Element(Node { items: vec![Item::Element(link)], ..element("Reference") }));
                    i += 1;
                } else if let Some(href) = &s.href {
                    let mut text = String::new();
                    while i < spans.len() && spans[i].href.as_ref() == Some(href) && spans[i].footnote.is_none() {
                        text.push_str(&spans[i].text);
                        i += 1;
                    }
                    let mut link = with_text("Link", &text);
                    link.items.push(Item::Object);
                    into.items.push(Item::Element(link));
                } else {
                    into.items.push(Item::Text(s.text.clone()));
                    i += 1;
                }
            }
        }

        fn node_of_spans(&self, role: &str, spans: &[Span]) -> Node {
            let mut n = element(role);
            self.spans(spans, &mut n);
            n
        }

        fn blocks(&mut self, blocks: &[Block], into: &mut Node) {
            for b in blocks {
                match b {
                    Block::Heading { level, content } => {
                        let tag = (*level).max(2).min(self.level + 1);
                        self.level = tag;
                        into.items.push(Item::Element(self.node_of_spans(&format!("H{tag}"), content)));
                    }
                    Block::Paragraph { content } => into.items.push(Item::Element(self.node_of_spans("P", content))),
                    Block::List { ordered, start, items } => {
                        let mut list = element("L");
                        list.attributes.push(format!("/ListNumbering /{}", if *ordered { "Decimal" } else { "Disc" }));
                        for (i, item) in items.iter().enumerate() {
                            let marker = if *ordered { format!("{}.", *start as usize + i) } else { "\u{2022}".into() };
                            let mut body = element("LBody");
                            self.blocks(item, &mut body);
                            list.items.push(Item::Element(Node { items: vec![Item::Element(with_text("Lbl", &marker)), Item::Element(body)], ..element("LI") }));
                        }
                        into.items.push(Item::Element(list));
                    }
                    Block::Quote { blocks } => {
                        let mut quote = element("BlockQuote");
                        self.blocks(blocks, &mut quote);
                        into.items.push(Item::Element(quote));
                    }
                    Block::Code { text } => {
                        let code = Node { items: text.lines().map(|l| Item::Text(l.to_string())).collect(), ..element("Code") };
                        into.items.push(Item::Element(Node { items: vec![Item::Element(code)], ..element("P") }));
                    }
                    Block::Rule | Block::Footnote { .. } => {}
                    Block::Table { header, rows } => {
                        let cols = header.len().max(rows.iter().map(Vec::len).max().unwrap_or(0)).max(1);
                        let mut table = element("Table");
                        let empty = Vec::new();
                        for (r, row) in std::iter::once(header).chain(rows).enumerate() {
                            let mut tr = element("TR");
                            for c in 0..cols {
                                let mut cell = self.node_of_spans(if r == 0 { "TH" } else { "TD" }, row.get(c).unwrap_or(&empty));
                                if r == 0 {
                                    cell.attributes.push("/Scope /Column".into());
                                }
                                tr.items.push(Item::Element(cell));
                            }
                            table.items.push(Item::Element(tr));
                        }
                        into.items.push(Item::Element(table));
                    }
                }
            }
        }
    }

    /// One line per element and per run of text (whitespace collapsed, adjacent texts
    /// joined: poppler gives one string per marked-content sequence, the model one per
    /// span); a link says whether it has its annotation.
    fn canonical(node: &Node, depth: usize, out: &mut Vec<String>) {
        let pad = "  ".repeat(depth);
        let mut head = format!("{pad}{}", node.role);
        for a in &node.attributes {
            head.push_str(&format!(" [{a}]"));
        }
        if node.items.iter().any(|i| matches!(i, Item::Object)) {
            head.push_str(" +annotation");
        }
        out.push(head);
        let mut text = String::new();
        let flush = |text: &mut String, out: &mut Vec<String>| {
            // Control characters other than white space are not drawn.
            let t = text.replace(|c: char| c.is_control() && !c.is_whitespace(), "").split_whitespace().collect::<Vec<_>>().join(" ");
            if !t.is_empty() {
                out.push(format!("{pad}  \"{t}\""));
            }
            text.clear();
        };
        for item in &node.items {
            match item {
                Item::Text(t) => text.push_str(t),
                Item::Object => {}
                Item::Element(e) => {
                    flush(&mut text, out);
                    canonical(e, depth + 1, out);
                }
            }
        }
        flush(&mut text, out);
    }

    /// Renders `doc`, and checks the file with every reader: poppler's structure equals
    /// the document's, lopdf finds no problem, pdfua finds nothing. Returns the
    /// `pdfinfo -struct-text` output.
    fn check(doc: &Document, name: &str) -> String {
        let (raw, tree, _) = check_tagging(doc, name, &[]);
        assert_eq!(tree.len(), 1, "one Document at the top:\n{raw}");
        let mut got = Vec::new();
        canonical(&tree[0], 0, &mut got);
        let mut want = Vec::new();
        canonical(&expected(doc), 0, &mut want);
        if let Some(at) = (0..got.len().max(want.len())).find(|i| got.get(*i) != want.get(*i)) {
            let from = at.saturating_sub(8);
            panic!(
                "{name}: the structure differs from the document at line {at}\n--- poppler reads:\n{}\n--- the document says:\n{}\n",
                got[from..(at + 8).min(got.len())].join("\n"),
                want[from..(at + 8).min(want.len())].join("\n")
            );
        }
        raw
    }

    /// Renders `doc`; lopdf finds no problem, pdfua finds nothing and runs every rule
    /// but those in `may_skip`, and the footer is not in the structure. Returns poppler's
    /// structure and the text pdftotext extracts.
    fn check_tagging(doc: &Document, name: &str, may_skip: &[&str]) -> (String, Vec<Node>, String) {
        let dir = tempfile::tempdir().expect("a scratch folder");
        let path = dir.path().join(format!("{name}.pdf"));
        let bytes = pdf::render(doc).expect("fonts");
        std::fs::write(&path, &bytes).expect("written");

        let (raw, tree) = poppler_structure(&path).unwrap_or_else(|e| panic!("{e}"));
        for furniture in ["Page 1 of", "Page 2 of"] {
            assert!(!raw.contains(furniture), "{name}: the footer is not in the tree:\n{raw}");
        }

        let problems = problems(&bytes);
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));

        let report = pdfua_report(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(report["findings"], serde_json::json!([]), "{name}: pdfua findings:\n{report:#}");
        let skipped: Vec<&str> = report["skipped"].as_array().map(|a| a.iter().filter_map(|s| s["rule_id"].as_str()).collect()).unwrap_or_default();
        assert!(skipped.iter().all(|s| may_skip.contains(s)), "{name}: every pdfua rule ran:\n{report:#}");
        assert_eq!(report["exit_code"], 0, "{report:#}");
        assert_eq!(report["summary"]["rules_run"].as_u64(), Some(12 - skipped.len() as u64), "{report:#}");
        let (_, info) = run(Path::new("pdfinfo"), &[path.as_os_str()]).unwrap_or_else(|e| panic!("{e}"));
        assert!(info.contains("Tagged:          yes") && info.contains("PDF version:     1.7"), "{info}");
        assert!(!info.contains("PDF/X"), "{name} claims no PDF/X conformance: {info}");
        let text = Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils, installed by scripts/setup.sh)");
        (raw, tree, String::from_utf8_lossy(&text.stdout).into_owned())
    }

    fn sample() -> (Store, i64, i64, NaiveDate) {
        let mut s = Store::open_in_memory().expect("store");
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        crate::demo::load_at(&mut s, today).expect("sample forum");
        let list = crate::forum::meetings::list(&s, today).expect("meetings");
        (s, list[1].meeting.id, list[0].meeting.id, today)
    }

    #[test]
    fn a_past_readout_imported_from_the_website_is_tagged_as_its_document() {
        let mut s = Store::open_in_memory().expect("store");
        let text = include_str!("../../../../../tests/fixtures/readout-2019-11-12.md");
        let m = crate::publishing::import_readout_text(&mut s, "readout-2019-11-12.md", text).expect("imported");
        let options = build::options(&s, m.id).expect("options");
        let doc = build::readout(&s, m.id, &options, NaiveDate::from_ymd_opt(2026, 1, 1).expect("date")).expect("readout");
        let raw = check(&doc, "fixture");
        // A link holds its words and its annotation; a footnote number is a reference.
        assert!(raw.contains("Link (inline)\n      \"events page\"\n      Object "), "{raw}");
        assert!(raw.contains("Reference (inline)\n            Link (inline)\n              \"1\"\n              Object "), "{raw}");
        assert!(raw.contains("Note <note-1>"), "{raw}");
    }

    #[test]
    fn the_sample_readout_with_every_section_is_tagged_as_its_document() {
        let (s, past, _, today) = sample();
        let all = ReadoutOptions { include_actions: true, include_agenda: true, include_names: true, include_attendance: true, include_forward_look: true, ..Default::default() };
        let doc = build::readout(&s, past, &all, today).expect("readout");
        let raw = check(&doc, "sample");
        for section in ["Attendance", "Actions", "Agenda", "Notes"] {
            assert!(raw.contains(&format!("H2 (block)\n    \"{section}\"")), "{section}:\n{raw}");
        }
        assert!(raw.contains("TH:\n         /Scope /Column\n        \"Took part\""), "{raw}");
    }

    #[test]
    fn the_agenda_is_tagged_as_its_document() {
        let (s, _, next, _) = sample();
        let doc = build::agenda_document(&s, next).expect("agenda");
        let raw = check(&doc, "agenda");
        assert!(raw.contains("Link (inline)\n      \"https://meet.example.org/leaders-forum\"\n      Object "), "{raw}");
    }

    #[test]
    fn a_table_over_many_pages_is_one_table_with_one_header_row() {
        let cell = |t: &str| vec![Span::plain(t)];
        let rows: Vec<Vec<Vec<Span>>> = (1..=120).map(|i| vec![cell(&format!("Action number {i} with words that wrap across the cell width")), cell("Forum team"), cell("1 Mar 2027"), cell("Open")]).collect();
        let doc = Document {
            title: "Actions".into(),
            subtitle: None,
            excerpt: String::new(),
            date: "2027-01-14".into(),
            author: "Test".into(),
            blocks: vec![Block::Heading { level: 3, content: cell("Every action") }, Block::Table { header: vec![cell("Action"), cell("Owner"), cell("Due"), cell("Status")], rows }],
        };
        let (_, stats) = pdf::render_with_stats(&doc).expect("fonts");
        assert!(stats.pages >= 3 && stats.table_headers == stats.pages, "the header row is drawn on every page: {stats:?}");
        let raw = check(&doc, "long-table");
        assert_eq!(raw.matches("TH:").count(), 4, "heard once:\n{raw}");
        assert_eq!(raw.matches("    TR\n").count(), 121, "{raw}");
        assert!(raw.contains("H2 (block)\n    \"Every action\""), "a heading under the title is H2, whatever its level");
    }

    #[test]
    fn hostile_text_is_tagged_and_described_as_text() {
        // Characters the font has (for those it lacks, see the next test).
        let hostile = "<script>alert('x')</script> & \u{202E}desrever\u{202C} \u{1}\u{7} \u{26A7}\u{FE0F} ))(( \\ /Name \u{5E2}\u{5D1}\u{5E8}\u{5D9}\u{5EA} e\u{301}";
        let blocks = crate::publishing::readout::markdown_in::parse(&format!(
            "# {hostile}\n\n#### Deep {hostile}\n\n[{hostile}](https://example.org/?q=<x>&y=\"1\") and [**bold** words](https://example.org/a)[^n]\n\n[^n]: {hostile}\n\n```\ncode {hostile}\n```\n\n---\n\n> {hostile}"
        ));
        let doc = Document { title: hostile.into(), subtitle: Some(hostile.into()), excerpt: hostile.into(), date: "2027-01-14".into(), author: hostile.into(), blocks };
        check(&doc, "hostile");
    }

    #[test]
    fn a_character_the_font_lacks_is_a_stand_in_that_reads_as_itself() {
        // DejaVu Sans has no emoji: each is drawn as U+FFFD in a Span whose actual text is
        // the emoji, never as the .notdef glyph; text extraction gives the emoji back.
        let flag = "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}";
        let blocks = crate::publishing::readout::markdown_in::parse(&format!("Pride {flag} season\n\n[The {flag} page](https://example.org/pride)"));
        let doc = Document { title: format!("Pride {flag}"), subtitle: None, excerpt: String::new(), date: "2027-01-14".into(), author: "A".into(), blocks };
        // pdfua 0.1.3's empty-heading rule (UA-14-001) fails with a ValueError on a
        // heading whose kids are an array, as the title's are here (text, stand-in,
        // text); `problems` checks that no heading is empty instead.
        let (raw, _, text) = check_tagging(&doc, "emoji", &["UA-14-001"]);
        for line in [format!("Pride {flag}"), format!("Pride {flag} season"), format!("The {flag} page")] {
            assert!(text.lines().any(|l| l.trim() == line), "{line:?} extracted exactly from:\n{text}");
        }
        assert!(raw.contains("Span (inline)\n      \"\u{FFFD}\""), "{raw}");
        // The stand-ins' actual text is in the tree, on the Span elements.
        let file = lopdf::Document::load_mem(&pdf::render(&doc).expect("fonts")).expect("readable");
        let actual: Vec<String> = file.objects.values().filter_map(|o| o.as_dict().ok()).filter(|d| d.get(b"S").ok().and_then(name).as_deref() == Some("Span")).filter_map(|d| d.get(b"ActualText").ok().and_then(text_of)).collect();
        assert_eq!(actual.len(), 6, "two stand-ins in each of the title, the paragraph and the link: {actual:?}");
        assert!(actual.iter().all(|a| a == "\u{1F3F3}" || a == "\u{1F308}"), "{actual:?}");
    }

    fn text_of(o: &Object) -> Option<String> {
        text(o)
    }

    #[test]
    fn the_checks_fail_on_an_untagged_pdf() {
        // printpdf's own output, as Forum Desk wrote it before: text and a rule, no tags.
        let mut pdf = printpdf::PdfDocument::new("Untagged");
        let font = printpdf::ParsedFont::from_bytes(&std::fs::read(std::path::Path::new(pdf::FONT_DIR).join("DejaVuSans.ttf")).expect("the system's DejaVu Sans"), 0, &mut Vec::new()).expect("font");
        let id = pdf.add_font(&font);
        let ops = vec![
            printpdf::Op::StartTextSection,
            printpdf::Op::SetFont { font: printpdf::PdfFontHandle::External(id), size: printpdf::Pt(12.0) },
            printpdf::Op::SetTextMatrix { matrix: printpdf::TextMatrix::Translate(printpdf::Pt(50.0), printpdf::Pt(700.0)) },
            // An emoji DejaVu lacks: printpdf shows it as glyph 0.
            printpdf::Op::ShowText { items: vec![printpdf::TextItem::Text("Not tagged \u{1F308}".into())] },
            printpdf::Op::EndTextSection,
        ];
        pdf.with_pages(vec![printpdf::PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), ops)]);
        let bytes = pdf.save(&printpdf::PdfSaveOptions::default(), &mut Vec::new());
        let found = problems(&bytes);
        for expected in ["/MarkInfo", "/Lang", "DisplayDocTitle", "XMP", "StructTreeRoot", ".notdef"] {
            assert!(found.iter().any(|p| p.contains(expected)), "{expected} not reported: {found:?}");
        }
        let dir = tempfile::tempdir().expect("a scratch folder");
        let path = dir.path().join("untagged.pdf");
        std::fs::write(&path, &bytes).expect("written");
        let report = pdfua_report(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(report["exit_code"], 3, "pdfua reports errors on an untagged file: {report:#}");

        // And on a tagged one whose footer has lost its artifact mark: content outside
        // any sequence.
        let doc = Document { title: "T".into(), subtitle: None, excerpt: String::new(), date: "2027-01-14".into(), author: "A".into(), blocks: vec![Block::Paragraph { content: vec![Span::plain("Text")] }] };
        let good = pdf::render(&doc).expect("fonts");
        assert!(problems(&good).is_empty());
        let mut file = lopdf::Document::load_mem(&good).expect("readable");
        let page = file.get_pages().into_values().next().expect("a page");
        let mut content = Content::decode(&file.get_page_content(page)).expect("content");
        let start = content.operations.iter().position(|o| o.operator == "BDC" && o.operands.first().and_then(name).as_deref() == Some("Artifact")).expect("an artifact");
        let end = start + content.operations[start..].iter().position(|o| o.operator == "EMC").expect("its end");
        content.operations.remove(end);
        content.operations.remove(start);
        file.change_page_content(page, content.encode().expect("encoded")).expect("changed");
        let mut broken = Vec::new();
        file.save_to(&mut broken).expect("saved");
        let found = problems(&broken);
        assert!(found.iter().any(|p| p.contains("paints outside marked content")), "{found:?}");
    }
}
