//! `forum-desk search QUERY`: the window's search box, for scripts and tests.

use clap::Args;
use forum_core::search::{self, SearchKind, SearchQuery, SearchResults};
use forum_core::Store;

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// Words to find (a word's ending does not matter; "quote a phrase" to match it as
    /// typed; the last word also finds words it begins)
    pub query: String,
    /// Only this kind of record: meeting, item, outcome, action, proposal, statement, network, person
    #[arg(long, value_name = "KIND", value_parser = parse_kind)]
    pub kind: Option<SearchKind>,
    /// Only records of meetings in this year
    #[arg(long)]
    pub year: Option<i32>,
    /// Only records of meetings on or after this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only records of meetings on or before this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only records of this network (its id, as `networks list` shows)
    #[arg(long, value_name = "ID")]
    pub network: Option<i64>,
    /// Hits shown per kind (default 5, at most 100)
    #[arg(long)]
    pub limit: Option<u32>,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

fn parse_kind(word: &str) -> Result<SearchKind, String> {
    SearchKind::parse(word).ok_or_else(|| {
        format!("\u{201c}{word}\u{201d} is not a kind of record; choose one of {}", SearchKind::ALL.map(SearchKind::as_str).join(", "))
    })
}

pub fn run(store: &Store, args: SearchArgs) -> Result<(), String> {
    let query = SearchQuery { text: args.query, kind: args.kind, year: args.year, from: args.from, to: args.to, network_id: args.network, limit: args.limit };
    let results = search::search(store, &query).map_err(|e| e.to_string())?;
    if args.json {
        println!("{}", super::to_json(&results)?);
    } else {
        print_text(&results);
    }
    Ok(())
}

/// Groups with their counts; each hit's title, context and meeting, then the snippet
/// with the words found in [brackets].
fn print_text(r: &SearchResults) {
    if let Some(m) = &r.message {
        println!("{m}");
    }
    for g in &r.groups {
        println!();
        println!("{} ({}{})", g.kind.label(), g.count, if g.more { "+" } else { "" });
        for h in &g.hits {
            let mut line = format!("  {}", one_line(&h.title));
            if let Some(c) = &h.context {
                line.push_str(&format!("  |  {}", one_line(c)));
            }
            if let Some(m) = &h.meeting {
                line.push_str(&format!("  |  {}, {}", one_line(&m.title), m.date));
            }
            println!("{line}");
            let snippet: String = h.snippet.iter().map(|run| if run.highlighted { format!("[{}]", one_line(&run.text)) } else { one_line(&run.text) }).collect();
            println!("      {}: {snippet}", h.field.label());
        }
    }
    if r.groups.is_empty() && r.message.is_none() {
        println!("Nothing found.");
    } else if !r.groups.is_empty() {
        println!();
        println!("{}{} match{}", r.total, if r.more { "+" } else { "" }, if r.total == 1 { "" } else { "es" });
    }
}

/// Found text as one line for a terminal: line breaks, escapes and other control
/// characters in a record become spaces, so a note cannot move the cursor or recolour
/// the screen.
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}
