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
    // Inside raw, only an endraw tag (in any spacing: `{%- endraw -%}`, `{%endraw%}`)
    // would end it early, so no `{%` is left inside: each comes out through a variable.
    // Liquid ends a variable at its first `}`, so the variable holds just `{%`
    // (checked by building with the real Jekyll: tests/real_clients.rs).
    let body = body.replace("{%", "{% endraw %}{{ '{%' }}{% raw %}");
    format!("{{% raw %}}\n{body}\n{{% endraw %}}")
}

/// What Jekyll shows for a post body that uses Liquid only to keep text literal: the
/// `raw` and `endraw` tags gone and `{{ '{%' }}` (as `protect_liquid` writes it) back
/// to `{%`. Importing our own published readout then gives back the notes as typed.
pub fn unprotect_liquid(body: &str) -> String {
    if !body.contains("{% raw %}") {
        return body.to_string();
    }
    let body = body.replace("{% endraw %}{{ '{%' }}{% raw %}", "{%");
    let body = body.trim_start();
    let body = body.strip_prefix("{% raw %}\n").unwrap_or(body);
    let body = body.trim_end().strip_suffix("\n{% endraw %}").unwrap_or(body.trim_end());
    body.to_string()
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

/// The host named on event posts.
pub const HOST: &str = "Civil Service LGBT+ Network";

#[derive(Serialize)]
struct EventDetails {
    start: String,
    end: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    deadline: Option<String>,
    host: &'static str,
    location: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
}

#[derive(Serialize)]
struct EventFrontMatter {
    layout: &'static str,
    title: String,
    excerpt: String,
    date: String,
    category: [&'static str; 1],
    event: EventDetails,
}

/// London wall-clock time as the site's UTC date-time, e.g. "2027-01-14T15:00:00.00Z".
fn utc(date: &str, time: &str) -> String {
    use chrono::TimeZone;
    let naive = chrono::NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M");
    match naive.ok().and_then(|n| chrono_tz::Europe::London.from_local_datetime(&n).earliest()) {
        Some(t) => t.with_timezone(&chrono::Utc).format("%Y-%m-%dT%H:%M:%S.00Z").to_string(),
        None => format!("{date}T{time}:00.00Z"),
    }
}

/// The event post announcing a meeting: `_events/YYYY-MM-DD-leaders-of-networks-forum.md`
/// (the meeting's date). Its `date` is the day it is published: Jekyll leaves out
/// documents dated in the future, so a post dated on the meeting's day would stay off the
/// website until the meeting, after registration had closed. `event.start`, `end` and
/// `deadline` carry the meeting's own times; the deadline is the end of its day in London.
pub fn event_post(m: &crate::model::Meeting, cadence: crate::forum::series::Cadence, forum_email: Option<&str>, published: chrono::NaiveDate) -> (String, String) {
    // Registration by email goes to the meeting's own mailbox, else the forum's.
    let email = m.registration_email.as_deref().or(forum_email).filter(|e| !e.is_empty());
    let forum = match cadence.adjective() {
        Some(how) => format!("The {how} Leaders of Networks Forum"),
        None => "The Leaders of Networks Forum".to_string(),
    };
    let location = match (&m.location, &m.online_link) {
        (l, _) if !l.is_empty() => l.clone(),
        (_, Some(_)) => "Online".to_string(),
        _ => "To be confirmed".to_string(),
    };
    let fm = EventFrontMatter {
        layout: "event",
        title: m.title.clone(),
        excerpt: format!("{forum} for the leads of departmental and agency LGBT+ networks, on {}.", super::build::long_date(&m.date)),
        date: format!("{}T00:00:00.00Z", published.format("%Y-%m-%d")),
        category: [CATEGORY],
        event: EventDetails {
            start: utc(&m.date, &m.start_time),
            end: utc(&m.date, &m.end_time),
            deadline: m.registration_deadline.as_deref().map(|d| utc(d, "23:59")),
            host: HOST,
            location,
            link: m.registration_link.clone(),
            email: email.map(str::to_string),
        },
    };
    let yaml = serde_norway::to_string(&fm).unwrap_or_default();
    let by = m.registration_deadline.as_deref().map(super::build::long_date).unwrap_or_else(|| "the day before".into());
    // With no form, people register by email, saying who they are and which meeting.
    let how = match (&m.registration_link, email) {
        (None, Some(mailbox)) => format!(" by email to {mailbox} (your name and position, your network and the meeting's date)"),
        _ => String::new(),
    };
    let place = if m.online_link.is_some() && (m.location.is_empty() || m.location.eq_ignore_ascii_case("online")) { " online" } else { "" };
    let body = protect_liquid(&format!(
        "The Leaders of Networks Forum meets{place} on {} from {} to {}. Register{how} by {by} to receive the calendar invitation with the agenda and the joining details.",
        super::build::long_date(&m.date),
        m.start_time,
        m.end_time,
    ));
    (format!("{}-leaders-of-networks-forum.md", m.date), format!("---\n{yaml}---\n\n{body}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publishing::readout::document::{Block, Span};
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
        assert!(text.contains("{% endraw %}{{ '{%' }}{% raw %} endraw %}"), "{text}");
        let body = text.split("---\n\n").nth(1).unwrap();
        assert_eq!(unprotect_liquid(body).trim_end(), "Use {{ page.title }} and {% include x %} and {% endraw %} too");
        let (_, plain) = news_post(&doc("T", "No liquid here"));
        assert!(!plain.contains("{% raw %}"));
    }

    #[test]
    fn event_times_are_utc_across_summer_time() {
        assert_eq!(utc("2027-01-14", "15:00"), "2027-01-14T15:00:00.00Z", "GMT in January");
        assert_eq!(utc("2027-07-08", "15:00"), "2027-07-08T14:00:00.00Z", "BST in July");
    }

}
