//! The forum as a series: how often it meets (its cadence, kept in Settings), the date
//! the next meeting falls on, and planning a run of meetings at once.
//!
//! The forum has met quarterly (January, April, July, October) and, since 2022, monthly
//! ("the fourth Wednesday"). A cadence is how many months apart meetings are and which
//! day of the month they fall on; "none" leaves every date to the chair.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::ValidationError;
use crate::{Result, Store};

/// How often the forum meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "every", content = "on", rename_all = "snake_case")]
#[ts(export)]
pub enum Cadence {
    /// No fixed pattern: the chair picks every date.
    None,
    Monthly(DayRule),
    /// Every two months.
    Bimonthly(DayRule),
    /// January, April, July and October.
    Quarterly(DayRule),
}

/// Which day of its month a meeting falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "rule", rename_all = "snake_case")]
#[ts(export)]
pub enum DayRule {
    /// The same week and weekday as the latest meeting: the second Thursday stays the
    /// second Thursday (a fifth weekday the month lacks becomes its last).
    AsLatest,
    /// "The fourth Wednesday"; `Last` is the month's last such weekday.
    Weekday { week: Week, weekday: Weekday },
    /// "The 15th"; a day past the month's end is its last day.
    DayOfMonth { day: u8 },
}

/// The week of the month a weekday falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Week {
    First,
    Second,
    Third,
    Fourth,
    Last,
}

stored_words!(Week {
    First => "first",
    Second => "second",
    Third => "third",
    Fourth => "fourth",
    Last => "last",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

stored_words!(Weekday {
    Mon => "mon",
    Tue => "tue",
    Wed => "wed",
    Thu => "thu",
    Fri => "fri",
    Sat => "sat",
    Sun => "sun",
});

impl Weekday {
    fn chrono(self) -> chrono::Weekday {
        match self {
            Weekday::Mon => chrono::Weekday::Mon,
            Weekday::Tue => chrono::Weekday::Tue,
            Weekday::Wed => chrono::Weekday::Wed,
            Weekday::Thu => chrono::Weekday::Thu,
            Weekday::Fri => chrono::Weekday::Fri,
            Weekday::Sat => chrono::Weekday::Sat,
            Weekday::Sun => chrono::Weekday::Sun,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Weekday::Mon => "Monday",
            Weekday::Tue => "Tuesday",
            Weekday::Wed => "Wednesday",
            Weekday::Thu => "Thursday",
            Weekday::Fri => "Friday",
            Weekday::Sat => "Saturday",
            Weekday::Sun => "Sunday",
        }
    }

    /// "wed", "Wednesday", "WEDNESDAY": what people type on the command line.
    pub fn parse_loose(s: &str) -> Option<Weekday> {
        let s = s.trim().to_ascii_lowercase();
        Weekday::ALL.into_iter().find(|w| s.len() >= 3 && w.name().to_ascii_lowercase().starts_with(&s))
    }
}

impl Week {
    /// 1 to 4, or "last" (5 and "last" are the same: the month's last such weekday).
    pub fn parse_loose(s: &str) -> Option<Week> {
        match s.trim().to_ascii_lowercase().as_str() {
            "1" | "1st" | "first" => Some(Week::First),
            "2" | "2nd" | "second" => Some(Week::Second),
            "3" | "3rd" | "third" => Some(Week::Third),
            "4" | "4th" | "fourth" => Some(Week::Fourth),
            "5" | "5th" | "fifth" | "last" | "-1" => Some(Week::Last),
            _ => None,
        }
    }
}

/// Databases from before cadences met quarterly (migration 0011 records that); a new
/// forum meets monthly, on the same week and weekday as its latest meeting.
pub const KEY: &str = "forum.cadence";
pub const DEFAULT: Cadence = Cadence::Monthly(DayRule::AsLatest);

impl Cadence {
    fn months_apart(self) -> Option<u32> {
        match self {
            Cadence::None => None,
            Cadence::Monthly(_) => Some(1),
            Cadence::Bimonthly(_) => Some(2),
            Cadence::Quarterly(_) => Some(3),
        }
    }

    fn rule(self) -> Option<DayRule> {
        match self {
            Cadence::None => None,
            Cadence::Monthly(r) | Cadence::Bimonthly(r) | Cadence::Quarterly(r) => Some(r),
        }
    }

    /// How texts for others say it: "monthly", "quarterly"; None when there is no pattern.
    pub fn adjective(self) -> Option<&'static str> {
        match self {
            Cadence::None => None,
            Cadence::Monthly(_) => Some("monthly"),
            Cadence::Bimonthly(_) => Some("two-monthly"),
            Cadence::Quarterly(_) => Some("quarterly"),
        }
    }

    /// A sentence for the chair: "Monthly, on the fourth Wednesday".
    pub fn describe(self) -> String {
        let how = match self {
            Cadence::None => return "No fixed pattern: you choose each date".into(),
            Cadence::Monthly(_) => "Monthly",
            Cadence::Bimonthly(_) => "Every two months",
            Cadence::Quarterly(_) => "Quarterly (January, April, July and October)",
        };
        let on = match self.rule() {
            Some(DayRule::Weekday { week, weekday }) => format!("on the {} {}", week.as_str(), weekday.name()),
            Some(DayRule::DayOfMonth { day }) => format!("on day {day} of the month"),
            _ => "on the same week and weekday as the latest meeting".into(),
        };
        format!("{how}, {on}")
    }

    fn validate(self) -> std::result::Result<Cadence, ValidationError> {
        if let Some(DayRule::DayOfMonth { day }) = self.rule() {
            if !(1..=31).contains(&day) {
                return Err(ValidationError::new("day", format!("The day of the month must be from 1 to 31 (it was {day})")));
            }
        }
        Ok(self)
    }

    /// The first meeting date after `latest` (the series' latest meeting), or after
    /// `today` when there is none. None for a forum with no pattern.
    pub fn next_after(self, latest: Option<NaiveDate>, today: NaiveDate) -> Option<NaiveDate> {
        let months = self.months_apart()?;
        let rule = self.rule()?;
        match latest {
            Some(last) => {
                let mut month = first_of_month(last).checked_add_months(Months::new(months))?;
                if matches!(self, Cadence::Quarterly(_)) {
                    // The next of January, April, July or October after the latest month.
                    month = first_of_month(last).checked_add_months(Months::new(1))?;
                    while !is_quarter_month(month) {
                        month = month.checked_add_months(Months::new(1))?;
                    }
                }
                day_in(month, rule, Some(last))
            }
            None => {
                // The first date the rule gives after today, in a month the cadence meets.
                let mut month = first_of_month(today);
                for _ in 0..24 {
                    if !matches!(self, Cadence::Quarterly(_)) || is_quarter_month(month) {
                        if let Some(d) = day_in(month, rule, None).filter(|d| *d > today) {
                            return Some(d);
                        }
                    }
                    month = month.checked_add_months(Months::new(1))?;
                }
                None
            }
        }
    }
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn is_quarter_month(d: NaiveDate) -> bool {
    matches!(d.month(), 1 | 4 | 7 | 10)
}

fn last_day(month: NaiveDate) -> NaiveDate {
    month.checked_add_months(Months::new(1)).and_then(|n| n.pred_opt()).unwrap_or(month)
}

/// The day of `month` the rule gives. With no latest meeting to copy, "as the latest"
/// is the second Thursday, the forum's long-standing day.
fn day_in(month: NaiveDate, rule: DayRule, latest: Option<NaiveDate>) -> Option<NaiveDate> {
    let (y, m) = (month.year(), month.month());
    let nth = |n: u8, weekday: chrono::Weekday| NaiveDate::from_weekday_of_month_opt(y, m, weekday, n);
    let last_weekday = |weekday: chrono::Weekday| (1..=5u8).rev().find_map(|n| nth(n, weekday));
    match rule {
        DayRule::AsLatest => match latest {
            Some(l) => {
                let n = ((l.day() - 1) / 7 + 1) as u8; // 1..=5
                nth(n, l.weekday()).or_else(|| last_weekday(l.weekday()))
            }
            None => nth(2, chrono::Weekday::Thu),
        },
        DayRule::Weekday { week: Week::Last, weekday } => last_weekday(weekday.chrono()),
        DayRule::Weekday { week, weekday } => {
            let n = match week {
                Week::First => 1,
                Week::Second => 2,
                Week::Third => 3,
                _ => 4,
            };
            nth(n, weekday.chrono())
        }
        DayRule::DayOfMonth { day } => NaiveDate::from_ymd_opt(y, m, u32::from(day)).or(Some(last_day(month))),
    }
}

/// The forum's cadence as the chair set it (or the default).
pub fn cadence(store: &Store) -> Result<Cadence> {
    Ok(crate::settings::get(store, KEY)?.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or(DEFAULT))
}

pub fn set_cadence(store: &mut Store, cadence: Cadence) -> Result<Cadence> {
    let cadence = cadence.validate()?;
    let text = serde_json::to_string(&cadence).map_err(|e| ValidationError::new("cadence", e.to_string()))?;
    crate::settings::set(store, KEY, &text)?;
    Ok(cadence)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 22) {
        Some(d) => d,
        None => panic!(),
    };

    fn fourth(weekday: Weekday) -> DayRule {
        DayRule::Weekday { week: Week::Fourth, weekday }
    }

    #[test]
    fn monthly_on_the_fourth_wednesday() {
        let c = Cadence::Monthly(fourth(Weekday::Wed));
        assert_eq!(c.next_after(Some(ymd(2026, 11, 25)), TODAY), Some(ymd(2026, 12, 23)));
        assert_eq!(c.next_after(Some(ymd(2026, 12, 23)), TODAY), Some(ymd(2027, 1, 27)), "across the year");
        assert_eq!(c.next_after(None, TODAY), Some(ymd(2026, 11, 25)), "the first after today");
        assert_eq!(c.next_after(None, ymd(2026, 11, 25)), Some(ymd(2026, 12, 23)), "not today itself");
    }

    #[test]
    fn quarterly_keeps_the_week_and_weekday_of_the_latest() {
        let c = Cadence::Quarterly(DayRule::AsLatest);
        assert_eq!(c.next_after(Some(ymd(2020, 2, 13)), TODAY), Some(ymd(2020, 4, 9)));
        assert_eq!(c.next_after(Some(ymd(2026, 10, 8)), TODAY), Some(ymd(2027, 1, 14)));
        assert_eq!(c.next_after(None, TODAY), Some(ymd(2027, 1, 14)), "second Thursday of the next quarter month");
    }

    #[test]
    fn a_fifth_weekday_the_month_lacks_becomes_its_last() {
        // Tuesday 29 September 2026 is a fifth Tuesday; October's last Tuesday is the 27th.
        assert_eq!(Cadence::Monthly(DayRule::AsLatest).next_after(Some(ymd(2026, 9, 29)), TODAY), Some(ymd(2026, 10, 27)));
        assert_eq!(Cadence::Monthly(DayRule::Weekday { week: Week::Last, weekday: Weekday::Fri }).next_after(Some(ymd(2027, 1, 29)), TODAY), Some(ymd(2027, 2, 26)));
    }

    #[test]
    fn a_day_past_the_month_end_is_its_last_day() {
        let c = Cadence::Monthly(DayRule::DayOfMonth { day: 31 });
        assert_eq!(c.next_after(Some(ymd(2027, 1, 31)), TODAY), Some(ymd(2027, 2, 28)));
        assert_eq!(c.next_after(Some(ymd(2028, 1, 31)), TODAY), Some(ymd(2028, 2, 29)), "a leap year");
        assert_eq!(c.next_after(Some(ymd(2027, 2, 28)), TODAY), Some(ymd(2027, 3, 31)), "and back to the 31st");
        assert_eq!(Cadence::Bimonthly(DayRule::DayOfMonth { day: 30 }).next_after(Some(ymd(2026, 12, 30)), TODAY), Some(ymd(2027, 2, 28)));
    }

    #[test]
    fn no_pattern_suggests_no_date() {
        assert_eq!(Cadence::None.next_after(Some(ymd(2026, 10, 8)), TODAY), None);
    }

    #[test]
    fn words_for_people_and_for_the_command_line() {
        assert_eq!(Cadence::Monthly(fourth(Weekday::Wed)).describe(), "Monthly, on the fourth Wednesday");
        assert_eq!(Cadence::Quarterly(DayRule::AsLatest).adjective(), Some("quarterly"));
        assert_eq!(Weekday::parse_loose("WEDNESDAY"), Some(Weekday::Wed));
        assert_eq!(Weekday::parse_loose("we"), None);
        assert_eq!(Week::parse_loose("5"), Some(Week::Last));
        let json = serde_json::to_string(&Cadence::Monthly(fourth(Weekday::Wed))).unwrap();
        assert_eq!(json, r#"{"every":"monthly","on":{"rule":"weekday","week":"fourth","weekday":"wed"}}"#);
        assert_eq!(serde_json::from_str::<Cadence>(&json).unwrap(), Cadence::Monthly(fourth(Weekday::Wed)));
        assert_eq!(serde_json::to_string(&Cadence::None).unwrap(), r#"{"every":"none"}"#);
    }

    #[test]
    fn the_setting_is_kept_and_checked() {
        let mut s = Store::open_in_memory().unwrap();
        assert_eq!(cadence(&s).unwrap(), DEFAULT, "a new forum meets monthly");
        set_cadence(&mut s, Cadence::Bimonthly(DayRule::DayOfMonth { day: 15 })).unwrap();
        assert_eq!(cadence(&s).unwrap(), Cadence::Bimonthly(DayRule::DayOfMonth { day: 15 }));
        let e = set_cadence(&mut s, Cadence::Monthly(DayRule::DayOfMonth { day: 0 })).unwrap_err();
        assert_eq!(e.field(), Some("day"));
        assert_eq!(cadence(&s).unwrap(), Cadence::Bimonthly(DayRule::DayOfMonth { day: 15 }), "unchanged");
    }
}
