//! A calendar date (proleptic Gregorian) for contract ends and notice deadlines: just what the
//! roadmap needs (validation, months added or taken off, quarters), so no date crate is pulled
//! into the pure core.

use serde::{Deserialize, Serialize};

/// A valid calendar date; ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

/// The first and last year a date may have: contracts of municipal software run decades at
/// most, so anything outside is a typo (e.g. `0202` for `2025`).
pub const MIN_YEAR: i32 = 1900;
/// See [`MIN_YEAR`].
pub const MAX_YEAR: i32 = 2200;

fn leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in a month of a year.
pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap(y) => 29,
        _ => 28,
    }
}

impl Date {
    /// 2000-01-01, a date that always exists.
    pub const Y2K: Date = Date {
        year: 2000,
        month: 1,
        day: 1,
    };

    /// A date; `None` when it does not exist or lies outside [`MIN_YEAR`]..=[`MAX_YEAR`].
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((MIN_YEAR..=MAX_YEAR).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month))
        .then_some(Date { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn day(self) -> u32 {
        self.day
    }

    /// The quarter, 1–4.
    pub fn quarter(self) -> u32 {
        (self.month - 1) / 3 + 1
    }

    /// The date `months` later (negative: earlier); the day is clamped to the month's length
    /// (31 January + 1 month = 28 or 29 February). `None` outside the allowed years.
    pub fn add_months(self, months: i32) -> Option<Date> {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(months);
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return None;
        }
        let day = self.day.min(days_in_month(year, month));
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01; `None` outside the allowed years.
    pub fn from_days(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).ok()?;
        let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).ok()?;
        let year = i32::try_from(yoe + era * 400 + i64::from(month <= 2)).ok()?;
        Date::new(year, month, day)
    }

    /// ISO 8601: `2027-03-31`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// As Dutch readers write it: `31-03-2027`.
    pub fn dutch(self) -> String {
        format!("{:02}-{:02}-{:04}", self.day, self.month, self.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn invalid_dates_are_refused() {
        assert!(Date::new(2027, 2, 29).is_none());
        assert!(Date::new(2028, 2, 29).is_some());
        assert!(Date::new(2027, 13, 1).is_none());
        assert!(Date::new(202, 1, 1).is_none());
    }

    #[test]
    fn months_clamp_the_day() {
        let d = Date::new(2027, 1, 31).unwrap();
        assert_eq!(d.add_months(1), Date::new(2027, 2, 28));
        assert_eq!(d.add_months(-2), Date::new(2026, 11, 30));
        assert_eq!(d.add_months(12), Date::new(2028, 1, 31));
        assert_eq!(Date::new(2027, 9, 30).unwrap().quarter(), 3);
    }

    #[test]
    fn epoch_is_day_zero() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().to_days(), 0);
        assert_eq!(Date::from_days(20_000), Date::new(2024, 10, 4));
    }

    proptest! {
        #[test]
        fn days_round_trip(days in -25_000i64..80_000) {
            let d = Date::from_days(days).unwrap();
            prop_assert_eq!(d.to_days(), days);
        }
    }
}
