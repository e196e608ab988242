//! The network website's posts: front matter exactly as its CMS schema has it, written
//! with a YAML library, and a body that Jekyll's Liquid leaves alone.

use serde::Serialize;

use super::document::Document;
use super::markdown_out::render_blocks;

pub const CATEGORY: &str = "leaders-of-networks";

/// ASCII slug with accents cleaned: "Forum: Pride & Allies" -> "forum-pride-allies".
pub fn slug(title: &str) -> String {
    let s = slug::slugify(title);
    if s.is_empty() { "post".into() } else { s }
}

#[derive(Serialize)]
struct NewsFrontMatter<'a> {
    layout: &'static str,
    title: &'a str,
    excerpt: &'a str,
    date: String,
    author: &'a str,
    category: [&'static str; 1],
    permalink: String,
}

/// Jekyll runs Liquid over posts: text with `{{` or `{%` must come out as typed.
fn protect_liquid(body: &str) -> String {
    if !body.contains("{{") && !body.contains("{%") {
        return body.to_string();
    }
    // Inside raw, only an "endraw" tag would end it early: emit that one through Liquid.
    let body = body.replace("{% endraw %}", "{% endraw %}{{ '{% endraw %}' }}{% raw %}");
    format!("{{% raw %}}\n{body}\n{{% endraw %}}")
}

/// The news post: `(file name, text)`, e.g. `2026-10-08-what-happened-....md`.
pub fn news_post(doc: &Document) -> (String, String) {
    let slug = slug(&doc.title);
    let (y, m, d) = (&doc.date[0..4], &doc.date[5..7], &doc.date[8..10]);
    let fm = NewsFrontMatter {
        layout: "news",
        title: &doc.title,
        excerpt: &doc.excerpt,
        date: format!("{}T00:00:00.00Z", doc.date),
        author: &doc.author,
        category: [CATEGORY],
        permalink: format!("/news/{y}/{m}/{d}/{slug}"),
    };
    let yaml = serde_norway::to_string(&fm).unwrap_or_default();
    let body = protect_liquid(&render_blocks(&doc.blocks));
    (format!("{}-{slug}.md", doc.date), format!("---\n{yaml}---\n\n{body}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readout::document::{Block, Span};
    use serde_norway::Value;

    fn doc(title: &str, text: &str) -> Document {
        Document {
            title: title.into(),
            subtitle: None,
            excerpt: "We met. This is what happened.".into(),
            date: "2026-10-08".into(),
            author: "The forum team".into(),
            blocks: vec![Block::Paragraph { content: vec![Span::plain(text)] }],
        }
    }

    fn front_matter(text: &str) -> Value {
        let rest = text.strip_prefix("---\n").expect("starts with ---");
        let end = rest.find("\n---\n").expect("front matter ends");
        serde_norway::from_str(&rest[..end]).expect("front matter is YAML")
    }

    #[test]
    fn front_matter_has_exactly_the_schema_fields() {
        let (name, text) = news_post(&doc("What happened at our latest Leaders of Networks Forum", "Hello"));
        assert_eq!(name, "2026-10-08-what-happened-at-our-latest-leaders-of-networks-forum.md");
        let fm = front_matter(&text);
        let keys: Vec<_> = fm.as_mapping().unwrap().keys().map(|k| k.as_str().unwrap().to_string()).collect();
        assert_eq!(keys, ["layout", "title", "excerpt", "date", "author", "category", "permalink"]);
        assert_eq!(fm["layout"], Value::from("news"));
        assert_eq!(fm["date"], Value::from("2026-10-08T00:00:00.00Z"));
        assert_eq!(fm["category"][0], Value::from("leaders-of-networks"));
        assert_eq!(fm["permalink"], Value::from("/news/2026/10/08/what-happened-at-our-latest-leaders-of-networks-forum"));
    }

    #[test]
    fn hostile_titles_still_give_valid_front_matter() {
        for title in ["Forum: \"quotes\" and 'apostrophes'", "---", "two\nlines", "# hash", "{{ liquid }}", "Pride & Allies — Zoë’s forum"] {
            let (name, text) = news_post(&doc(title, "x"));
            assert_eq!(front_matter(&text)["title"], Value::from(title), "{title}");
            assert!(name.is_ascii() && !name.contains(' '), "{name}");
        }
        assert_eq!(slug("Pride & Allies — Zoë’s forum"), "pride-allies-zoe-s-forum");
    }

    #[test]
    fn liquid_in_notes_comes_out_literally() {
        let (_, text) = news_post(&doc("T", "Use {{ page.title }} and {% include x %} and {% endraw %} too"));
        assert!(text.contains("{% raw %}\n"), "{text}");
        assert!(text.trim_end().ends_with("{% endraw %}"), "{text}");
        assert!(text.contains("{{ '{% endraw %}' }}"), "{text}");
        let (_, plain) = news_post(&doc("T", "No liquid here"));
        assert!(!plain.contains("{% raw %}"));
    }
}
