//! `forum-desk settings ...`: what the chair keeps between meetings.

use clap::{Subcommand, ValueEnum};
use forum_core::forum::series::{self, Cadence, DayRule, Week, Weekday};
use forum_core::Store;

#[derive(Subcommand, Debug)]
pub enum SettingsCommand {
    /// How often the forum meets; with no arguments, says how it is set.
    /// e.g. `settings cadence monthly --week 4 --weekday wed`, `settings cadence monthly --day 15`,
    /// `settings cadence quarterly` (same week and weekday as the latest meeting), `settings cadence none`
    Cadence {
        every: Option<Every>,
        /// The week of the month: 1 to 4, or 5 or "last" for the month's last such weekday
        #[arg(long, requires = "weekday", conflicts_with = "day")]
        week: Option<String>,
        /// The weekday: mon, tue, wed, thu, fri (with --week)
        #[arg(long, requires = "week")]
        weekday: Option<String>,
        /// The day of the month instead (1 to 31; a day past the month's end is its last day)
        #[arg(long)]
        day: Option<u8>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Every {
    Monthly,
    /// Every two months
    Bimonthly,
    /// January, April, July and October
    Quarterly,
    /// No fixed pattern: every date chosen by hand
    None,
}

pub fn run(store: &mut Store, command: SettingsCommand) -> Result<(), String> {
    let err = |e: forum_core::Error| e.to_string();
    match command {
        SettingsCommand::Cadence { every: None, .. } => {
            println!("{}.", series::cadence(store).map_err(err)?.describe());
        }
        SettingsCommand::Cadence { every: Some(every), week, weekday, day } => {
            let rule = match (week, weekday, day) {
                (Some(w), Some(d), _) => DayRule::Weekday {
                    week: Week::parse_loose(&w).ok_or_else(|| format!("--week must be 1, 2, 3, 4 or last (it was \u{201c}{w}\u{201d})"))?,
                    weekday: Weekday::parse_loose(&d).ok_or_else(|| format!("--weekday must be a day such as mon or wednesday (it was \u{201c}{d}\u{201d})"))?,
                },
                (_, _, Some(day)) => DayRule::DayOfMonth { day },
                _ => DayRule::AsLatest,
            };
            let cadence = match every {
                Every::Monthly => Cadence::Monthly(rule),
                Every::Bimonthly => Cadence::Bimonthly(rule),
                Every::Quarterly => Cadence::Quarterly(rule),
                Every::None => Cadence::None,
            };
            let set = series::set_cadence(store, cadence).map_err(err)?;
            println!("The forum meets: {}.", set.describe().to_lowercase());
        }
    }
    Ok(())
}
