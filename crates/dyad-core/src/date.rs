//! Calendar dates: parsing the ways news metadata writes them, and the
//! arithmetic event-date resolution needs.

use std::fmt;

/// A proleptic Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

impl Date {
    /// The date, if `month` is 1–12 and `day` exists in that month.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(&self) -> u32 {
        u32::from(self.month)
    }

    /// The day of the month, 1–31.
    pub fn day(&self) -> u32 {
        u32::from(self.day)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// This date moved by `days` (may be negative).
    pub fn add_days(&self, days: i64) -> Date {
        Date::from_days(self.to_days() + days)
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(&self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        (self.to_days() + 3).rem_euclid(7) as u32
    }

    /// Parses the date forms found in news metadata, ignoring any time of
    /// day that follows:
    ///
    /// - ISO 8601: `2019-10-31`, `2019-10-31T12:00:00Z`, `2019/10/31`;
    /// - compact: `20191031` (PETRARCH);
    /// - day-month-year: `31-OCT-1987 15:01:01.79` (Reuters), `31 October 2019`;
    /// - month-day-year: `Oct. 31, 2019`, `October 31 2019`;
    /// - RFC 2822: `Thu, 31 Oct 2019 12:00:00 GMT`;
    /// - US numeric `10/31/2019`.
    ///
    /// Returns `None` for anything else.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '/' || c == 'T')
            .filter(|w| !w.is_empty())
            .collect();
        // Drop a leading weekday ("Thu").
        let words: Vec<&str> = match words.first() {
            Some(w)
                if month_of(w).is_none() && w.chars().all(|c| c.is_alphabetic() || c == '.') =>
            {
                words[1..].to_vec()
            }
            _ => words,
        };
        if let Some(date) = parse_compact(words.first()?) {
            return Some(date);
        }
        let [a, b, c] = [*words.first()?, *words.get(1)?, *words.get(2)?];
        let num = |w: &str| -> Option<u32> {
            if w.is_empty() || w.len() > 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            w.parse().ok()
        };
        let day_num = |w: &str| num(w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']));
        let year = |w: &str| num(w).filter(|_| w.len() == 4).map(|y| y as i32);
        // ISO: 2019-10-31
        if let (Some(y), Some(m), Some(d)) = (year(a), num(b), num(c)) {
            return Date::from_ymd(y, m, d);
        }
        // 31-OCT-1987, 31 October 2019
        if let (Some(d), Some(m), Some(y)) = (day_num(a), month_of(b), year(c)) {
            return Date::from_ymd(y, m, d);
        }
        // Oct. 31, 2019
        if let (Some(m), Some(d), Some(y)) = (month_of(a), day_num(b), year(c)) {
            return Date::from_ymd(y, m, d);
        }
        // 10/31/2019
        if let (Some(m), Some(d), Some(y)) = (num(a), num(b), year(c)) {
            return Date::from_ymd(y, m, d);
        }
        None
    }
}

/// `20191031` → 2019-10-31.
fn parse_compact(word: &str) -> Option<Date> {
    if word.len() != 8 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year = word[..4].parse().ok()?;
    let month = word[4..6].parse().ok()?;
    let day = word[6..].parse().ok()?;
    Date::from_ymd(year, month, day)
}

/// Month number of an English month name or abbreviation ("Oct", "Oct.",
/// "OCTOBER", "Sept.").
pub(crate) fn month_of(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    let index = MONTHS.iter().position(|m| word.starts_with(m))?;
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ][index];
    (full.starts_with(&word) || word == "sept").then_some(index as u32 + 1)
}

/// Number of days in `month` of `year`.
pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    /// ISO 8601, `2019-10-31`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> Option<Date> {
        Date::from_ymd(y, m, day)
    }

    #[test]
    fn parses_news_metadata_forms() {
        assert_eq!(Date::parse("2019-10-31"), d(2019, 10, 31));
        assert_eq!(Date::parse("2019-10-31T12:00:00Z"), d(2019, 10, 31));
        assert_eq!(Date::parse("20150813"), d(2015, 8, 13));
        assert_eq!(Date::parse("26-FEB-1987 15:01:01.79"), d(1987, 2, 26));
        assert_eq!(Date::parse("Sept. 18, 2016"), d(2016, 9, 18));
        assert_eq!(Date::parse("October 31 2019"), d(2019, 10, 31));
        assert_eq!(Date::parse("31 October 2019"), d(2019, 10, 31));
        assert_eq!(
            Date::parse("Thu, 31 Oct 2019 12:00:00 GMT"),
            d(2019, 10, 31)
        );
        assert_eq!(Date::parse("10/31/2019"), d(2019, 10, 31));
        assert_eq!(Date::parse("2019-02-30"), None);
        assert_eq!(Date::parse("yesterday"), None);
        assert_eq!(Date::parse(""), None);
        assert_eq!(Date::parse("Mayday 1, 2019"), None);
    }

    #[test]
    fn arithmetic_across_boundaries() {
        let new_year = Date::from_ymd(2020, 1, 1).unwrap();
        assert_eq!(new_year.add_days(-1).to_string(), "2019-12-31");
        assert_eq!(
            Date::from_ymd(2020, 2, 28).unwrap().add_days(1).to_string(),
            "2020-02-29"
        );
        assert_eq!(Date::from_ymd(2019, 10, 31).unwrap().weekday(), 3); // Thursday
        assert_eq!(Date::from_ymd(1970, 1, 1).unwrap().to_days(), 0);
    }

    proptest! {
        #[test]
        fn days_round_trip(days in -1_000_000i64..1_000_000) {
            let date = Date::from_days(days);
            prop_assert_eq!(date.to_days(), days);
            prop_assert_eq!(Date::parse(&date.to_string()).filter(|_| date.year() >= 1000), (date.year() >= 1000).then_some(date));
        }

        #[test]
        fn parse_never_panics(text in "\\PC{0,40}") {
            let _ = Date::parse(&text);
        }
    }
}
