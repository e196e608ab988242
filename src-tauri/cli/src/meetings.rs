//! `forum-desk meetings ...`: the meetings and their agendas, for reading and scripts.

use clap::Subcommand;
use forum_core::{forum::agenda, forum::meetings, Store};

#[derive(Subcommand, Debug)]
pub enum MeetingsCommand {
    /// List meetings: upcoming first, then past
    List {
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Show one meeting: its agenda with time slots, notes and outcomes
    Show {
        id: i64,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Plan the next meetings by the forum's cadence (settings cadence), each as New
    /// meeting would suggest it; all of them or none
    Plan {
        /// How many meetings (1 to 24)
        #[arg(long, value_name = "N")]
        next: u32,
        /// Print JSON instead of a line per meeting
        #[arg(long)]
        json: bool,
    },
}

pub fn run(store: &mut Store, command: MeetingsCommand) -> Result<(), String> {
    let err = |e: forum_core::Error| e.to_string();
    match command {
        MeetingsCommand::List { json: as_json } => {
            let list = meetings::list(store, chrono::Local::now().date_naive()).map_err(err)?;
            if as_json {
                println!("{}", super::to_json(&list)?);
            } else {
                for s in &list {
                    let m = &s.meeting;
                    let cancelled = if m.cancelled_at.is_some() { "  (cancelled)" } else { "" };
                    println!("{:>4}  {}  {}  |  {}  |  {} items  |  {}{}", m.id, m.date, m.start_time, m.title, s.item_count, m.status.label(), cancelled);
                }
                println!("{} meeting{}", list.len(), if list.len() == 1 { "" } else { "s" });
            }
        }
        MeetingsCommand::Plan { next, json: as_json } => {
            let planned = meetings::plan_next(store, next, chrono::Local::now().date_naive()).map_err(err)?;
            if as_json {
                println!("{}", super::to_json(&planned)?);
            } else {
                for m in &planned {
                    println!("{:>4}  {}  {} to {}  |  {}", m.id, m.date, m.start_time, m.end_time, m.title);
                }
                println!("Planned {} meeting{}.", planned.len(), if planned.len() == 1 { "" } else { "s" });
            }
        }
        MeetingsCommand::Show { id, json: as_json } => {
            let a = agenda::get(store, id).map_err(err)?;
            if as_json {
                println!("{}", super::to_json(&a)?);
            } else {
                let m = &a.meeting;
                println!("{}", m.title);
                println!("{} | {} to {} | {}", m.date, m.start_time, m.end_time, if m.location.is_empty() { "No location" } else { &m.location });
                println!("Status: {}", m.status.label());
                if a.overrun_minutes > 0 {
                    println!("The items run {} minutes past the end time ({}).", a.overrun_minutes, m.end_time);
                }
                for item in &a.items {
                    println!();
                    println!("{}  {} ({} min)", item.slot.label, item.title, item.duration_minutes);
                    if let Some(p) = &item.presenter {
                        println!("    Presenter: {p}");
                    }
                    if let Some(n) = &item.proposed_by_name {
                        println!("    Proposed by: {n}");
                    }
                    for line in item.notes.lines() {
                        println!("    {line}");
                    }
                    for o in &item.outcomes {
                        println!("    Outcome: {o}");
                    }
                }
            }
        }
    }
    Ok(())
}
