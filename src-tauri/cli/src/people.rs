//! `forum-desk people ...`: the People screen's list, record and erasure.

use clap::Subcommand;
use forum_core::{people, Store};

#[derive(Subcommand, Debug)]
pub enum PeopleCommand {
    /// List everyone (not erased): name, pronouns, email, network, role
    List {
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Everything held about one person, with every meeting they registered for
    Show {
        id: i64,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Erase a person for good: their name, email and pronouns go everywhere (the search
    /// index included); their attendance stays as an anonymous count for their network
    Erase {
        id: i64,
        /// Confirm: erasing cannot be undone
        #[arg(long)]
        yes: bool,
    },
}

pub fn run(store: &mut Store, command: PeopleCommand) -> Result<(), String> {
    let err = |e: forum_core::Error| e.to_string();
    match command {
        PeopleCommand::List { json } => {
            let list = people::list(store).map_err(err)?;
            if json {
                println!("{}", super::to_json(&list)?);
            } else {
                for p in &list {
                    println!(
                        "{:>5}  {}  |  {}  |  {}  |  {}  |  {}",
                        p.id,
                        p.name,
                        p.pronouns.as_deref().unwrap_or("-"),
                        p.email.as_deref().unwrap_or("-"),
                        p.network_name.as_deref().unwrap_or("no network"),
                        p.role.as_str().replace('_', " ")
                    );
                }
                println!("{} {}", list.len(), if list.len() == 1 { "person" } else { "people" });
            }
        }
        PeopleCommand::Show { id, json } => {
            let r = people::record(store, id).map_err(err)?;
            if json {
                println!("{}", super::to_json(&r)?);
            } else {
                let p = &r.person;
                println!("{}", p.name);
                println!("Pronouns: {}", p.pronouns.as_deref().unwrap_or("-"));
                println!("Email: {}", p.email.as_deref().unwrap_or("-"));
                println!("Network: {}", p.network_name.as_deref().unwrap_or("no network"));
                println!("Role: {}", p.role.as_str().replace('_', " "));
                println!("Registered for {} meeting{}:", r.registrations.len(), if r.registrations.len() == 1 { "" } else { "s" });
                for reg in &r.registrations {
                    println!("  {}  {}  |  {}", reg.meeting_date, reg.meeting_title, reg.status.as_str().replace('_', " "));
                }
            }
        }
        PeopleCommand::Erase { id, yes } => {
            let p = people::get(store, id).map_err(err)?;
            if !yes {
                return Err(format!("Erasing {} cannot be undone. Nothing was changed: add --yes to erase them.", p.name));
            }
            people::erase(store, id).map_err(err)?;
            println!("Erased person {id}. Their attendance stays as an anonymous count for their network.");
        }
    }
    Ok(())
}
