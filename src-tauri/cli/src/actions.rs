//! `forum-desk actions ...`: the action log across all meetings.

use std::path::PathBuf;

use clap::Subcommand;
use forum_core::model::ActionFilter;
use forum_core::{forum::actions, Store};

#[derive(Subcommand, Debug)]
pub enum ActionsCommand {
    /// List actions: open first, by due date
    List {
        /// Only open and in-progress actions
        #[arg(long)]
        open: bool,
        /// Only actions whose owner (network or text) contains this
        #[arg(long, value_name = "TEXT")]
        owner: Option<String>,
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Write every action to a CSV file (for spreadsheets)
    Export { file: PathBuf },
}

pub fn run(store: &Store, command: ActionsCommand) -> Result<(), String> {
    let err = |e: forum_core::Error| e.to_string();
    let today = chrono::Local::now().date_naive();
    match command {
        ActionsCommand::List { open, owner, json } => {
            let list = actions::list(store, &ActionFilter { open_only: open, owner, ..Default::default() }, today).map_err(err)?;
            if json {
                println!("{}", super::to_json(&list)?);
            } else {
                for a in &list {
                    let overdue = if a.overdue { "  OVERDUE" } else { "" };
                    let due = a.due_date.as_deref().unwrap_or("no due date");
                    println!("{:>5}  {:<11}  {}  |  {}  |  due {}{}", a.id, a.status.label(), a.description.replace('\n', " "), a.owner(), due, overdue);
                }
                println!("{} action{}", list.len(), if list.len() == 1 { "" } else { "s" });
            }
        }
        ActionsCommand::Export { file } => {
            let n = actions::export_csv(store, &ActionFilter::default(), today, &file).map_err(err)?;
            println!("Wrote {n} actions to {}.", file.display());
        }
    }
    Ok(())
}
