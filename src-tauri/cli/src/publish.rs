//! `forum-desk import readout` and `forum-desk export readout|agenda`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use forum_core::publishing::{self, Format};
use forum_core::publishing::readout::build;
use forum_core::{networks, Store};

#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// A published website readout (front matter + Markdown) becomes a past meeting
    Readout { file: PathBuf },
    /// The website's networks directory (same as `networks import`)
    Networks { file: PathBuf },
    /// Everything, from a file written by `export all`, into an empty database
    All { file: PathBuf },
    /// A network lead's submission file (needs, strengths, proposals, registration)
    Submission {
        file: PathBuf,
        /// The meeting to import into (default: the one on the file's date)
        #[arg(long)]
        meeting: Option<i64>,
        /// Replace the network's earlier, different submission for this cycle
        #[arg(long)]
        replace: bool,
    },
    /// A form export of needs and strengths (columns for need 1-3 and strength 1-3); all or nothing.
    /// Extra --map fields: need_1..need_3, strength_1..strength_3
    Submissions(FormImportArgs),
    /// A form export of registrations (Google Forms CSV or Microsoft Forms XLSX); all or nothing
    Registrations(FormImportArgs),
    /// A Teams attendance report onto a meeting's check-in list; all or nothing
    TeamsAttendance {
        file: PathBuf,
        #[arg(long)]
        meeting: i64,
        /// Mark those registered who did not join (and sent no apologies) as did not attend
        #[arg(long)]
        mark_absent: bool,
        /// Import a report whose date is not the meeting's
        #[arg(long)]
        any_date: bool,
        /// Add walk-ins' networks that match nothing in the register as new networks
        #[arg(long)]
        create_missing_networks: bool,
    },
}

/// What both form imports take.
#[derive(Args, Debug)]
pub struct FormImportArgs {
    pub file: PathBuf,
    #[arg(long)]
    pub meeting: i64,
    /// Correct the guessed columns: COLUMN=FIELD, COLUMN a header or number from 1, FIELD one
    /// of name, email, pronouns, network, department, meeting_date, timestamp, ignore
    #[arg(long, value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// Add network names that match nothing in the register as new networks
    #[arg(long)]
    pub create_missing_networks: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatArg {
    Markdown,
    Pdf,
    /// A calendar invitation (agenda only)
    Ics,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Ics => Format::Ics,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Section {
    Actions,
    Agenda,
    Attendance,
    ForwardLook,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The meeting's id (see `meetings list`)
    #[arg(long)]
    meeting: i64,
    #[arg(long, value_enum, default_value = "markdown")]
    format: FormatArg,
    /// A file, or (for a readout) a folder such as the website's _news/
    #[arg(long, value_name = "PATH")]
    out: PathBuf,
    /// Replace a post that already exists in the folder
    #[arg(long)]
    force: bool,
}

#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// Everything in the database as one JSON document (for a new machine or an audit)
    All { file: PathBuf },
    /// The readout: a website news post (Markdown) or a PDF to circulate
    Readout {
        #[command(flatten)]
        args: ExportArgs,
        /// Name attendees (personal data: off unless asked)
        #[arg(long)]
        include_names: bool,
        /// Optional sections to include (default: the meeting's saved choice)
        #[arg(long, value_enum, value_delimiter = ',')]
        sections: Option<Vec<Section>>,
    },
    /// The agenda to circulate before the meeting (PDF, Markdown or a calendar invitation)
    Agenda {
        #[command(flatten)]
        args: ExportArgs,
    },
    /// One calendar file (.ics) with every meeting from one date to another, e.g. the year ahead
    Calendar {
        /// The first day (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        from: chrono::NaiveDate,
        /// The last day (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        to: chrono::NaiveDate,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The website's event post announcing the meeting
    Event {
        #[arg(long)]
        meeting: i64,
        /// A file, or a folder such as the website's _events/
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// The post's date (YYYY-MM-DD; default today). The website shows no post dated
        /// after today, so a later date is refused.
        #[arg(long, value_name = "DATE")]
        date: Option<chrono::NaiveDate>,
        /// Replace a post that already exists in the folder
        #[arg(long)]
        force: bool,
    },
}

pub fn import(store: &mut Store, command: ImportCommand) -> Result<(), String> {
    let err = |e: forum_core::Error| e.to_string();
    match command {
        ImportCommand::Readout { file } => {
            let m = publishing::import_readout(store, &file).map_err(err)?;
            println!("{}", m.id);
            eprintln!("Imported {} as {} ({}), published.", file.display(), m.title, m.date);
        }
        ImportCommand::Networks { file } => {
            let s = networks::import_directory(store, &file).map_err(err)?;
            println!("{}", s.describe(&file.display().to_string()));
        }
        ImportCommand::All { file } => super::everything::import_all(store, &file)?,
        ImportCommand::Submission { file, meeting, replace } => super::needs::import_file(store, &file, meeting, replace)?,
        ImportCommand::Submissions(a) => super::needs::import_form(store, &a.file, a.meeting, &a.map, a.create_missing_networks)?,
        ImportCommand::Registrations(a) => super::attendance::import_registrations(store, &a.file, a.meeting, &a.map, a.create_missing_networks)?,
        ImportCommand::TeamsAttendance { file, meeting, mark_absent, any_date, create_missing_networks } => {
            super::attendance::import_teams(store, &file, meeting, mark_absent, any_date, create_missing_networks)?
        }
    }
    Ok(())
}

pub fn export(store: &Store, command: ExportCommand) -> Result<(), String> {
    let err = |e: forum_core::Error| e.to_string();
    let path = match command {
        ExportCommand::All { file } => return super::everything::export_all(store, &file),
        ExportCommand::Readout { args, include_names, sections } => {
            let mut options = build::options(store, args.meeting).map_err(err)?;
            options.include_names = include_names;
            if let Some(sections) = sections {
                options.include_actions = sections.contains(&Section::Actions);
                options.include_agenda = sections.contains(&Section::Agenda);
                options.include_attendance = sections.contains(&Section::Attendance);
                options.include_forward_look = sections.contains(&Section::ForwardLook);
            }
            publishing::export_readout(store, args.meeting, args.format.into(), &options, &args.out, chrono::Local::now().date_naive(), args.force).map_err(err)?
        }
        ExportCommand::Calendar { from, to, out } => {
            let n = publishing::export_calendar(store, from, to, &out).map_err(err)?;
            println!("Wrote {n} meeting{} to {}.", if n == 1 { "" } else { "s" }, out.display());
            return Ok(());
        }
        ExportCommand::Agenda { args } => publishing::export_agenda(store, args.meeting, args.format.into(), &args.out).map_err(err)?,
        ExportCommand::Event { meeting, out, date, force } => publishing::export_event(store, meeting, &out, date, chrono::Local::now().date_naive(), force).map_err(err)?,
    };
    println!("Wrote {}.", path.display());
    Ok(())
}
