//! What makes the PDF a tagged PDF that a screen reader can follow (PDF/UA-1, ISO 14289-1).
//!
//! While `pdf.rs` lays the pages out, every piece of text it draws is either given a
//! marked-content id (MCID) on its page and hung on the structure element it belongs to
//! (a heading, a paragraph, a list item's label or body, a table cell, a link), or marked
//! as an artifact (the band, rules, the footer, a table header repeated on a later page).
//! printpdf writes the marked-content operators; it knows nothing of a structure tree,
//! so once it has built the lopdf document, [`write`] adds what it does not: the tree,
//! the parent tree that leads from each page's content back to its element, the link
//! annotations' places in the tree, and the catalog entries (`MarkInfo`, `Lang`,
//! `ViewerPreferences`, XMP metadata with the PDF/UA identification).

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use printpdf::{DictItem, Op};

/// The language of everything Forum Desk publishes.
pub const LANGUAGE: &str = "en-GB";

/// Standard structure types (ISO 32000-1, 14.8.4), so no role map is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Document,
    /// A heading of level 1 to 6.
    H(u8),
    P,
    L,
    LI,
    Lbl,
    LBody,
    BlockQuote,
    Code,
    Table,
    TR,
    TH,
    TD,
    Link,
    Reference,
    Note,
    Span,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::H(0 | 1) => "H1",
            Role::H(2) => "H2",
            Role::H(3) => "H3",
            Role::H(4) => "H4",
            Role::H(5) => "H5",
            Role::H(_) => "H6",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::BlockQuote => "BlockQuote",
            Role::Code => "Code",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::Link => "Link",
            Role::Reference => "Reference",
            Role::Note => "Note",
            Role::Span => "Span",
        }
    }
}

/// Page content that is not part of the document's text: a reader skips it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Artifact {
    /// Decoration: the band, rules, the bar beside a quote, a link's underline.
    Layout,
    /// Repeated on each page for the reader's orientation: a table's header row again.
    Pagination,
    /// The running footer: the title and "Page N of M".
    Footer,
}

/// What a piece of page content is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Part of this element of the tree.
    Content(usize),
    Artifact(Artifact),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attribute {
    /// A table header cell heading its column.
    ColumnScope,
    ListNumbering { ordered: bool },
}

#[derive(Debug)]
enum Kid {
    Element(usize),
    Content { page: usize, mcid: i64 },
    /// The `index`th annotation of the page.
    Annotation { page: usize, index: usize },
}

#[derive(Debug)]
struct Element {
    role: Role,
    parent: Option<usize>,
    kids: Vec<Kid>,
    attribute: Option<Attribute>,
    /// An element identifier (notes have one, so references can point at them).
    id: Option<String>,
    /// For a link: where it goes, and the words it is drawn with (its annotation's
    /// description is made of both).
    target: Option<String>,
    text: String,
    /// The characters a stand-in glyph stands for.
    actual_text: Option<String>,
}

/// The structure tree as it grows during layout. Element 0 is the `Document`.
#[derive(Debug)]
pub struct Tree {
    elements: Vec<Element>,
    open: Vec<usize>,
    /// The next MCID on each page.
    next_mcid: Vec<i64>,
    /// The element each page's annotations belong to, in the order they are on the page.
    annotations: Vec<Vec<usize>>,
}

impl Default for Tree {
    fn default() -> Self {
        Tree::new()
    }
}

impl Tree {
    pub fn new() -> Tree {
        let document = Element { role: Role::Document, parent: None, kids: Vec::new(), attribute: None, id: None, target: None, text: String::new(), actual_text: None };
        Tree { elements: vec![document], open: vec![0], next_mcid: Vec::new(), annotations: Vec::new() }
    }

    /// The innermost open element: where content drawn now belongs.
    pub fn current(&self) -> usize {
        self.open.last().copied().unwrap_or(0)
    }

    pub fn role(&self, element: usize) -> Role {
        self.elements.get(element).map_or(Role::Span, |e| e.role)
    }

    /// A new element, the last child of `parent`, not opened.
    pub fn child(&mut self, parent: usize, role: Role) -> usize {
        let id = self.elements.len();
        self.elements.push(Element { role, parent: Some(parent), kids: Vec::new(), attribute: None, id: None, target: None, text: String::new(), actual_text: None });
        if let Some(p) = self.elements.get_mut(parent) {
            p.kids.push(Kid::Element(id));
        }
        id
    }

    /// A new element under the current one; what is drawn next belongs to it.
    pub fn open(&mut self, role: Role) -> usize {
        let id = self.child(self.current(), role);
        self.open.push(id);
        id
    }

    /// Closes `element` (and anything left open inside it).
    pub fn close(&mut self, element: usize) {
        if let Some(at) = self.open.iter().rposition(|e| *e == element) {
            self.open.truncate(at.max(1));
        }
    }

    pub fn set_role(&mut self, element: usize, role: Role) {
        if let Some(e) = self.elements.get_mut(element) {
            e.role = role;
        }
    }

    pub fn scope_column(&mut self, element: usize) {
        if let Some(e) = self.elements.get_mut(element) {
            e.attribute = Some(Attribute::ColumnScope);
        }
    }

    pub fn numbering(&mut self, element: usize, ordered: bool) {
        if let Some(e) = self.elements.get_mut(element) {
            e.attribute = Some(Attribute::ListNumbering { ordered });
        }
    }

    pub fn set_id(&mut self, element: usize, id: String) {
        if let Some(e) = self.elements.get_mut(element) {
            e.id = Some(id);
        }
    }

    pub fn set_actual_text(&mut self, element: usize, text: &str) {
        if let Some(e) = self.elements.get_mut(element) {
            e.actual_text = Some(text.to_string());
        }
    }

    /// Where a link goes (a URI, or "Note 3").
    pub fn set_target(&mut self, element: usize, target: &str) {
        if let Some(e) = self.elements.get_mut(element) {
            e.target = Some(target.to_string());
        }
    }

    /// The next MCID on `page`, for content of `element`.
    pub fn mark(&mut self, page: usize, element: usize) -> i64 {
        if self.next_mcid.len() <= page {
            self.next_mcid.resize(page + 1, 0);
        }
        let mcid = self.next_mcid[page];
        self.next_mcid[page] += 1;
        if let Some(e) = self.elements.get_mut(element) {
            e.kids.push(Kid::Content { page, mcid });
        }
        mcid
    }

    /// Words drawn for `element`: a link keeps them for its description.
    pub fn add_text(&mut self, element: usize, text: &str) {
        if let Some(e) = self.elements.get_mut(element).filter(|e| e.target.is_some()) {
            e.text.push_str(text);
        }
    }

    /// The next annotation on `page` is `element`'s (a link's).
    pub fn annotate(&mut self, page: usize, element: usize) {
        if self.annotations.len() <= page {
            self.annotations.resize(page + 1, Vec::new());
        }
        let index = self.annotations[page].len();
        self.annotations[page].push(element);
        if let Some(e) = self.elements.get_mut(element) {
            e.kids.push(Kid::Annotation { page, index });
        }
    }

    /// The operator that opens a marked-content sequence of `mark` on `page`;
    /// `Op::EndMarkedContent` closes it.
    pub fn begin(&mut self, page: usize, mark: Mark) -> Op {
        match mark {
            Mark::Content(element) => {
                let mcid = self.mark(page, element);
                let properties = match self.elements.get(element).and_then(|e| e.actual_text.as_deref()) {
                    Some(actual) => dict([("MCID", DictItem::Int(mcid)), ("ActualText", utf16_item(actual))]),
                    None => dict([("MCID", DictItem::Int(mcid))]),
                };
                Op::BeginMarkedContentWithProperties { tag: self.role(element).name().into(), properties }
            }
            Mark::Artifact(kind) => {
                let name = |n: &str| DictItem::Name(n.as_bytes().to_vec());
                let properties = match kind {
                    Artifact::Layout => dict([("Type", name("Layout"))]),
                    Artifact::Pagination => dict([("Type", name("Pagination"))]),
                    Artifact::Footer => dict([("Type", name("Pagination")), ("Subtype", name("Footer"))]),
                };
                Op::BeginMarkedContentWithProperties { tag: "Artifact".into(), properties }
            }
        }
    }

    /// A link annotation's description: its words and where it goes.
    fn description(&self, element: usize) -> String {
        let Some(e) = self.elements.get(element) else { return String::new() };
        let words = e.text.split_whitespace().collect::<Vec<_>>().join(" ");
        match &e.target {
            Some(target) if words.is_empty() || words == *target || target.strip_prefix("mailto:") == Some(words.as_str()) => target.clone(),
            Some(target) if target.starts_with("Note ") => target.clone(),
            Some(target) => format!("{words} ({target})"),
            None => words,
        }
    }
}

/// Opens a `Span` whose words are `text`, whatever is drawn inside it (a stand-in for a
/// character the font lacks); `Op::EndMarkedContent` closes it.
pub fn actual_text(text: &str) -> Op {
    Op::BeginMarkedContentWithProperties { tag: "Span".into(), properties: dict([("ActualText", utf16_item(text))]) }
}

/// A text string as UTF-16BE with its byte order mark, for a property list.
fn utf16_item(text: &str) -> DictItem {
    let mut data = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        data.extend(unit.to_be_bytes());
    }
    DictItem::String { data, literal: false }
}

fn dict<const N: usize>(items: [(&str, DictItem); N]) -> DictItem {
    DictItem::Dict { map: items.into_iter().map(|(k, v)| (k.to_string(), v)).collect() }
}

/// What the XMP metadata says of the document (the same as the document information).
pub struct Metadata<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    pub creator: &'a str,
    pub producer: &'a str,
    pub date: chrono::DateTime<chrono::Utc>,
}

/// A text string (ISO 32000-1, 7.9.2.2) as UTF-16BE, which holds any character.
fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Text as XML character data: markup escaped, and the characters XML 1.0 cannot hold
/// (most control characters) left out.
fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The XMP packet: Dublin Core title, author and description, dates, the producer, and
/// the PDF/UA identification (`pdfuaid:part` 1).
pub fn xmp(meta: &Metadata) -> String {
    let date = meta.date.format("%Y-%m-%dT%H:%M:%SZ");
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
 <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
   <dc:format>application/pdf</dc:format>\n\
   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n\
   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\n\
   <dc:language><rdf:Bag><rdf:li>{LANGUAGE}</rdf:li></rdf:Bag></dc:language>\n\
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>\n\
   <xmp:CreateDate>{date}</xmp:CreateDate>\n\
   <xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
   <xmp:MetadataDate>{date}</xmp:MetadataDate>\n\
   <pdf:Producer>{producer}</pdf:Producer>\n\
   <pdfuaid:part>1</pdfuaid:part>\n\
  </rdf:Description>\n\
 </rdf:RDF>\n\
</x:xmpmeta>\n\
<?xpacket end=\"w\"?>",
        title = xml_text(meta.title),
        author = xml_text(meta.author),
        subject = xml_text(meta.subject),
        creator = xml_text(meta.creator),
        producer = xml_text(meta.producer),
    )
}

/// Adds the structure tree and the catalog and page entries of a tagged PDF to the
/// document printpdf built from the same pages. Everything that can fail is looked up
/// before anything is changed, so an error leaves the document as printpdf made it.
pub fn write(doc: &mut lopdf::Document, tree: &Tree, meta: &Metadata) -> lopdf::Result<()> {
    let catalog_id = doc.trailer.get(b"Root")?.as_reference()?;
    doc.get_dictionary(catalog_id)?;
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let mut page_annots: Vec<Vec<Object>> = Vec::with_capacity(pages.len());
    for page in &pages {
        let annots = match doc.get_dictionary(*page)?.get(b"Annots") {
            Ok(a) => a.as_array()?.clone(),
            Err(_) => Vec::new(),
        };
        page_annots.push(annots);
    }

    doc.version = "1.7".into();
    let root_id = doc.new_object_id();
    let ids: Vec<ObjectId> = (0..tree.elements.len()).map(|_| doc.new_object_id()).collect();
    let page_of = |page: usize| pages.get(page).copied().map_or(Object::Null, Object::Reference);

    // Each page's annotations become objects of their own, so that the tree can point at
    // them (OBJR), each with its place in the parent tree and a description.
    let mut next_key = pages.len() as i64;
    let mut annot_nums: Vec<Object> = Vec::new();
    let mut annot_ids: Vec<Vec<ObjectId>> = Vec::with_capacity(pages.len());
    for (p, annots) in page_annots.into_iter().enumerate() {
        let owners = tree.annotations.get(p).map_or(&[][..], Vec::as_slice);
        let mut refs = Vec::with_capacity(annots.len());
        let mut ids_here = Vec::with_capacity(annots.len());
        for (i, annot) in annots.into_iter().enumerate() {
            let (Object::Dictionary(mut annot), Some(&owner)) = (annot.clone(), owners.get(i)) else {
                // Not one of ours (printpdf writes none of its own): left as it was.
                refs.push(annot);
                continue;
            };
            annot.set("StructParent", next_key);
            annot.set("Contents", text_string(&tree.description(owner)));
            let id = doc.add_object(annot);
            annot_nums.push(Object::Integer(next_key));
            annot_nums.push(Object::Reference(ids[owner]));
            next_key += 1;
            refs.push(Object::Reference(id));
            ids_here.push(id);
        }
        let page = doc.get_dictionary_mut(pages[p])?;
        if !refs.is_empty() {
            // Tab order follows the structure (PDF/UA-1, 7.18.3).
            page.set("Tabs", Object::Name(b"S".to_vec()));
        }
        page.set("Annots", refs);
        page.set("StructParents", p as i64);
        annot_ids.push(ids_here);
    }

    // The parent tree: for each page, the element of each MCID, by MCID.
    let mut owners: Vec<Vec<Object>> = (0..pages.len()).map(|p| vec![Object::Null; tree.next_mcid.get(p).copied().unwrap_or(0) as usize]).collect();
    for (e, element) in tree.elements.iter().enumerate() {
        for kid in &element.kids {
            if let Kid::Content { page, mcid } = kid {
                if let Some(slot) = owners.get_mut(*page).and_then(|o| o.get_mut(*mcid as usize)) {
                    *slot = Object::Reference(ids[e]);
                }
            }
        }
    }
    let mut nums = Vec::with_capacity(2 * pages.len() + annot_nums.len());
    for (p, list) in owners.into_iter().enumerate() {
        nums.push(Object::Integer(p as i64));
        nums.push(Object::Array(list));
    }
    nums.extend(annot_nums);
    let parent_tree = doc.add_object(Dictionary::from_iter([("Nums", Object::Array(nums))]));

    let mut id_tree: BTreeMap<Vec<u8>, ObjectId> = BTreeMap::new();
    for (e, element) in tree.elements.iter().enumerate() {
        // An element's page is that of its first content; content on another page is
        // named with its page (a marked-content reference).
        let home = element.kids.iter().find_map(|k| match k {
            Kid::Content { page, .. } | Kid::Annotation { page, .. } => Some(*page),
            Kid::Element(_) => None,
        });
        let kids: Vec<Object> = element
            .kids
            .iter()
            .map(|kid| match kid {
                Kid::Element(c) => Object::Reference(ids[*c]),
                Kid::Content { page, mcid } if Some(*page) == home => Object::Integer(*mcid),
                Kid::Content { page, mcid } => Object::Dictionary(Dictionary::from_iter([("Type", Object::from("MCR")), ("Pg", page_of(*page)), ("MCID", Object::Integer(*mcid))])),
                Kid::Annotation { page, index } => {
                    let annot = annot_ids.get(*page).and_then(|a| a.get(*index)).copied().map_or(Object::Null, Object::Reference);
                    Object::Dictionary(Dictionary::from_iter([("Type", Object::from("OBJR")), ("Pg", page_of(*page)), ("Obj", annot)]))
                }
            })
            .collect();
        let parent = element.parent.map_or(root_id, |p| ids[p]);
        // `/Type /StructElem` is optional and left out: a tenth of a large readout's bytes.
        let mut d = Dictionary::from_iter([("S", Object::from(element.role.name())), ("P", Object::Reference(parent))]);
        if let Some(page) = home {
            d.set("Pg", page_of(page));
        }
        // A single kid is written as itself, as most writers do (and as pdfua 0.1.3's
        // empty-heading check needs: it fails on a heading whose kids are an array).
        match <[Object; 1]>::try_from(kids) {
            Ok([kid]) => d.set("K", kid),
            Err(kids) => d.set("K", kids),
        }
        match element.attribute {
            Some(Attribute::ColumnScope) => d.set("A", Dictionary::from_iter([("O", Object::from("Table")), ("Scope", Object::from("Column"))])),
            Some(Attribute::ListNumbering { ordered }) => {
                d.set("A", Dictionary::from_iter([("O", Object::from("List")), ("ListNumbering", Object::from(if ordered { "Decimal" } else { "Disc" }))]))
            }
            None => {}
        }
        if let Some(actual) = &element.actual_text {
            d.set("ActualText", text_string(actual));
        }
        if let Some(id) = &element.id {
            d.set("ID", Object::String(id.as_bytes().to_vec(), StringFormat::Literal));
            id_tree.insert(id.as_bytes().to_vec(), ids[e]);
        }
        doc.set_object(ids[e], d);
    }

    let mut root = Dictionary::from_iter([
        ("Type", Object::from("StructTreeRoot")),
        ("K", Object::Reference(ids[0])),
        ("ParentTree", Object::Reference(parent_tree)),
        ("ParentTreeNextKey", Object::Integer(next_key)),
    ]);
    if !id_tree.is_empty() {
        // A name tree's keys in byte order (BTreeMap keeps them so).
        let names: Vec<Object> = id_tree.into_iter().flat_map(|(k, v)| [Object::String(k, StringFormat::Literal), Object::Reference(v)]).collect();
        root.set("IDTree", Dictionary::from_iter([("Names", Object::Array(names))]));
    }
    doc.set_object(root_id, root);

    // The XMP packet stays uncompressed, so that tools which look for it find it.
    let metadata = Stream::new(Dictionary::from_iter([("Type", Object::from("Metadata")), ("Subtype", Object::from("XML"))]), xmp(meta).into_bytes()).with_compression(false);
    let metadata_id = doc.add_object(metadata);

    // printpdf writes an empty `GTS_PDFXVersion`, which readers take as a claim of PDF/X
    // (poppler reports a PDF/X subtype): this file claims PDF/UA only.
    if let Ok(info_id) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(info) = doc.get_dictionary_mut(info_id) {
            if info.get(b"GTS_PDFXVersion").and_then(Object::as_str).is_ok_and(<[u8]>::is_empty) {
                info.remove(b"GTS_PDFXVersion");
            }
        }
    }

    let catalog = doc.get_dictionary_mut(catalog_id)?;
    catalog.set("StructTreeRoot", Object::Reference(root_id));
    catalog.set("MarkInfo", Dictionary::from_iter([("Marked", Object::Boolean(true))]));
    catalog.set("Lang", Object::string_literal(LANGUAGE));
    catalog.set("ViewerPreferences", Dictionary::from_iter([("DisplayDocTitle", Object::Boolean(true))]));
    catalog.set("Metadata", Object::Reference(metadata_id));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_in_the_metadata_stays_text() {
        let meta = Metadata {
            title: "<script>alert(1)</script> & \"quotes\" \u{1}\u{7f} \u{1F3F3}\u{FE0F}\u{200D}\u{26A7}\u{FE0F}",
            author: "]]><x/>",
            subject: "line\r\nbreak",
            creator: "Forum Desk",
            producer: "Forum Desk 0",
            date: chrono::DateTime::from_timestamp(0, 0).unwrap_or_default(),
        };
        let x = xmp(&meta);
        assert!(x.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"), "{x}");
        assert!(!x.contains('\u{1}'), "no control characters in XML");
        assert!(x.contains("\u{1F3F3}\u{FE0F}\u{200D}\u{26A7}\u{FE0F}"), "emoji kept");
        assert!(x.contains("]]&gt;&lt;x/&gt;"), "{x}");
        assert!(x.contains("<pdfuaid:part>1</pdfuaid:part>"));
    }

    #[test]
    fn text_strings_hold_any_character() {
        let Object::String(bytes, _) = text_string("Pride \u{1F308}") else { panic!("a string") };
        assert_eq!(&bytes[..2], &[0xFE, 0xFF]);
        let units: Vec<u16> = bytes[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        assert_eq!(String::from_utf16(&units).unwrap(), "Pride \u{1F308}");
    }

    #[test]
    fn a_link_is_described_by_its_words_and_where_it_goes() {
        let mut t = Tree::new();
        let p = t.open(Role::P);
        let l = t.child(p, Role::Link);
        t.set_target(l, "https://example.org/events");
        t.mark(0, l);
        t.add_text(l, "events ");
        t.add_text(l, "page");
        assert_eq!(t.description(l), "events page (https://example.org/events)");
        let m = t.child(p, Role::Link);
        t.set_target(m, "mailto:forum@example.org");
        t.add_text(m, "forum@example.org");
        assert_eq!(t.description(m), "mailto:forum@example.org");
        t.close(p);
        assert_eq!(t.current(), 0, "back at the document");
    }
}
