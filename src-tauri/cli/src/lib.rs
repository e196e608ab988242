//! The command line: the same operations as the window, for scripts and for tests.
//! It links forum-core and nothing of the desktop; `forum-desk` with no subcommand
//! starts the window's own binary (see src-tauri/src/main.rs).

use std::path::{Path, PathBuf};

mod actions;
mod attendance;
pub mod data_dir;
mod email;
mod everything;
mod meetings;
mod needs;
mod people;
mod publish;
mod search;
mod settings;
mod torture;

use clap::{Parser, Subcommand};
use forum_core::model::NetworkFilter;
use forum_core::{demo, networks, Store};

#[derive(Parser, Debug)]
#[command(name = "forum-desk", version, about = "Run the Leaders of Networks Forum: networks, meetings, readouts.")]
pub struct Cli {
    /// Folder holding forum.db (default: your data folder, e.g. ~/.local/share/forum-desk)
    #[arg(long, global = true, env = "FORUM_DESK_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// The register of departmental and agency networks
    #[command(subcommand)]
    Networks(NetworksCommand),
    /// Actions agreed at meetings, open until closed
    #[command(subcommand)]
    Actions(actions::ActionsCommand),
    /// Bring a file in: a published readout, the networks directory
    #[command(subcommand)]
    Import(publish::ImportCommand),
    /// Write the readout or the agenda to a file
    #[command(subcommand)]
    Export(publish::ExportCommand),
    /// Meetings and their agendas; plan the next ones by the forum's cadence
    #[command(subcommand)]
    Meetings(meetings::MeetingsCommand),
    /// What the chair keeps between meetings: how often the forum meets
    #[command(subcommand)]
    Settings(settings::SettingsCommand),
    /// Email drafts (.eml) to send from your own mail program: agenda, readout, call,
    /// chase, action reminders
    #[command(subcommand)]
    Email(email::EmailCommand),
    /// Find anything: meetings, notes, outcomes, actions, proposals, needs and
    /// strengths, networks, people
    Search(search::SearchArgs),
    /// Network leads and the forum team: list, show, erase
    #[command(subcommand)]
    People(people::PeopleCommand),
    /// Needs matched with other networks' strengths for a meeting's cycle, and who to chase
    ForwardLook {
        #[arg(long)]
        meeting: i64,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
        /// Also write the matches as CSV to this file
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
    },
    /// A meeting's check-in list: who registered and how they took part
    Attendance {
        #[arg(long)]
        meeting: i64,
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Copy the database to FILE (a consistent copy, even while the window is open)
    Backup { file: PathBuf },
    /// Replace the database with a backup that passes SQLite's integrity check; the
    /// current database is kept in backups/ first
    Restore { file: PathBuf },
    /// For the crash tests: write without end until killed
    #[command(hide = true)]
    Torture {
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Load the invented sample forum into an empty database
    Demo {
        /// Do nothing (successfully) when the database already has data
        #[arg(long)]
        if_empty: bool,
        /// Instead, a large invented forum of this many years (for benchmarks)
        #[arg(long)]
        years: Option<u32>,
        /// The large forum's seed: the same seed gives the same forum
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
}

#[derive(Subcommand, Debug)]
pub enum NetworksCommand {
    /// Import the website's networks directory (_data/networks.yml); all or nothing
    Import { file: PathBuf },
    /// List the networks in the register
    List {
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
        /// Include deactivated networks
        #[arg(long)]
        all: bool,
    },
    /// Write the active networks in the website's directory shape
    Export { file: PathBuf },
}

/// The command line as typed (clap exits with its own message on bad arguments).
pub fn parse_args() -> Cli {
    Cli::parse()
}

/// Runs one command; returns the process exit status. Errors go to stderr.
pub fn run(data_dir: Option<PathBuf>, command: Command) -> i32 {
    match execute(data_dir, command) {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("forum-desk: {message}");
            1
        }
    }
}

fn open(data_dir: Option<PathBuf>) -> Result<Store, String> {
    let dir = crate::data_dir::resolve(data_dir)?;
    Store::open_dir(&dir).map_err(|e| e.to_string())
}

fn execute(data_dir: Option<PathBuf>, command: Command) -> Result<(), String> {
    // Restoring replaces the database file, so it runs with no connection of ours open.
    if let Command::Restore { file } = &command {
        let dir = crate::data_dir::resolve(data_dir)?;
        let kept = forum_core::safety::backup::restore(&dir, file).map_err(|e| e.to_string())?;
        open(Some(dir))?;
        println!("Restored {}. The database as it was is kept in {}.", display(file), display(&kept));
        return Ok(());
    }
    let mut store = open(data_dir)?;
    let err = |e: forum_core::Error| e.to_string();
    match command {
        Command::Demo { if_empty, years, seed } => {
            if if_empty && networks::count(&store).map_err(err)? > 0 {
                return Ok(());
            }
            if let Some(years) = years {
                let s = forum_core::demo::large::load(&mut store, years, seed, chrono::Local::now().date_naive()).map_err(err)?;
                println!(
                    "Loaded {years} years of an invented forum: {} networks, {} people, {} meetings, {} registrations, {} actions, {} needs and strengths.",
                    s.networks, s.people, s.meetings, s.registrations, s.actions, s.statements
                );
                return Ok(());
            }
            let s = demo::load(&mut store).map_err(err)?;
            println!("Loaded the sample forum: {} networks, {} meetings.", s.networks, s.meetings);
        }
        Command::Networks(NetworksCommand::Import { file }) => {
            let s = networks::import_directory(&mut store, &file).map_err(err)?;
            println!("{}", s.describe(&display(&file)));
        }
        Command::Networks(NetworksCommand::List { json, all }) => {
            let list = networks::list(&store, &NetworkFilter { include_inactive: all, ..Default::default() }).map_err(err)?;
            if json {
                println!("{}", to_json(&list)?);
            } else {
                for n in &list {
                    let state = if n.active { "" } else { "  (inactive)" };
                    println!("{:>4}  {}  |  {}  |  {}{}", n.id, n.department, n.name, n.kind.as_str(), state);
                }
                println!("{} network{}", list.len(), if list.len() == 1 { "" } else { "s" });
            }
        }
        Command::Backup { file } => {
            forum_core::safety::backup::backup_to(&store, &file).map_err(err)?;
            println!("Backed up to {}.", display(&file));
        }
        Command::Restore { .. } => {}
        Command::Meetings(command) => meetings::run(&mut store, command)?,
        Command::Settings(command) => settings::run(&mut store, command)?,
        Command::Search(args) => search::run(&store, args)?,
        Command::People(command) => people::run(&mut store, command)?,
        Command::Actions(command) => actions::run(&store, command)?,
        Command::Import(command) => publish::import(&mut store, command)?,
        Command::Torture { seed } => torture::run(&mut store, seed)?,
        Command::Attendance { meeting, json } => attendance::show(&store, meeting, json)?,
        Command::ForwardLook { meeting, json, csv } => needs::show(&store, meeting, json, csv.as_deref())?,
        Command::Export(command) => publish::export(&store, command)?,
        Command::Email(command) => email::run(&mut store, command)?,
        Command::Networks(NetworksCommand::Export { file }) => {
            let n = networks::export_directory(&store, &file).map_err(err)?;
            println!("Wrote {n} networks to {}.", display(&file));
        }
    }
    Ok(())
}

/// A form export's columns: remembered or guessed, then the `--map` corrections.
fn form_mapping(store: &Store, file: &Path, map: &[String]) -> Result<(forum_core::import::columns::Mapping, bool), String> {
    let table = forum_core::import::form::read(file).map_err(|e| e.to_string())?;
    let (mut mapping, remembered) = forum_core::import::form_import::remembered_or_guessed(store, &table).map_err(|e| e.to_string())?;
    forum_core::import::columns::apply_overrides(&table, &mut mapping, map)?;
    Ok((mapping, remembered && map.is_empty()))
}

/// An import the command line could not settle says how to settle it.
fn unsettled(e: forum_core::Error, create_missing: bool) -> String {
    if e.code() == "file_unresolved" && !create_missing {
        format!("{e}\nChoose with the window's import, or add --create-missing-networks to add them to the register.")
    } else {
        e.to_string()
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string_pretty(value).map_err(|e| e.to_string())
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
