//! Number formatting for reports, in one place: Dutch (1.234.567,89; 30,0%; EUR 1.234,50) or
//! English (1,234,567.89; 30.0%; EUR 1,234.50). Every number a report shows goes through here,
//! so the cross-check test can parse them back with [`parse`]. The language rules themselves
//! (separators, grouping, decimals, money) live in `core::text`, which the core's own
//! explanations use too; this module adds the report's formats on top.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::core::text::{Lang, localize, separators};

pub use crate::core::text::{decimal, integer, money};

/// A fraction as a percentage with `decimals` decimals: `percent(0.3, 1, Nl)` is `30,0%`.
pub fn percent(fraction: f64, decimals: usize, lang: Lang) -> String {
    format!("{}%", decimal(fraction * 100.0, decimals, lang))
}

/// A score on the 0–10 scale with two decimals (`7,26`), so that score × weight visibly adds
/// up to the contribution shown next to it.
pub fn score(x: f64, lang: Lang) -> String {
    decimal(x, 2, lang)
}

/// A weight as a percentage with one decimal (`25,0%`).
pub fn weight(fraction: f64, lang: Lang) -> String {
    percent(fraction, 1, lang)
}

/// A year, never grouped: `2027`.
pub fn year(y: u32) -> String {
    y.to_string()
}

/// An amount in euros without the currency, for table columns whose header names it:
/// `1.234.567,89` (Dutch) or `1,234,567.89` (English), rounded like [`money`].
pub fn amount(amount: Decimal, lang: Lang) -> String {
    money(amount, lang)
        .strip_prefix("EUR ")
        .map(str::to_string)
        .unwrap_or_default()
}

/// Whole euros without the currency, for wide tables whose caption names it: `1.234.568`
/// (Dutch) or `1,234,568` (English); half a euro rounds away from zero, and a value that rounds
/// to zero has no sign.
pub fn euros(amount: Decimal, lang: Lang) -> String {
    let whole = amount.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    localize(&format!("{whole:.0}"), lang)
}

/// A factor as entered, without trailing zeros: `0,95`, `1`, `1,1` (Dutch) or `0.95` (English).
pub fn factor(x: Decimal, lang: Lang) -> String {
    localize(&x.normalize().to_string(), lang)
}

/// A percentage as entered (the number is already a percentage), without trailing zeros:
/// `percent_entered(2, Nl)` is `2%`, `0,5%` in Dutch, `0.5%` in English.
pub fn percent_entered(x: Decimal, lang: Lang) -> String {
    format!("{}%", factor(x, lang))
}

/// Parses a number written in the style of `lang` exactly as the formatters above write it
/// (grouping optional, `%` and a leading `EUR` ignored) back to `f64`; `None` when it is not a
/// number in that style. The strict inverse of the formatters, used by the tests that
/// cross-check reports against the JSON; a number a person typed goes through
/// [`parse_input`].
pub fn parse(text: &str, lang: Lang) -> Option<f64> {
    read(text, lang, false)
        .ok()
        .and_then(|d| rust_decimal::prelude::ToPrimitive::to_f64(&d))
}

/// Parses a number a person typed, in the room's style: `7,5` or `1.234,50` in Dutch, `7.5` or
/// `1,234.50` in English; a trailing `%` and a leading `EUR` or `€` are allowed and dropped
/// (`30%` is 30), spaces are ignored, and a single separator of the other language that is
/// not followed by exactly three digits is read as the decimal separator (`0.9` in Dutch is
/// 0,9; `1.234` is 1234). The error says what is wrong and what is allowed.
pub fn parse_input(text: &str, lang: Lang) -> Result<Decimal, InputError> {
    read(text, lang, true)
}

/// A whole number a person typed (`45.300` inhabitants in Dutch), as [`parse_input`] reads it;
/// refused when it has decimals or is negative.
pub fn parse_count(text: &str, lang: Lang) -> Result<u64, InputError> {
    let d = parse_input(text, lang)?;
    let whole = d.fract().is_zero() && !d.is_sign_negative();
    whole
        .then(|| rust_decimal::prelude::ToPrimitive::to_u64(&d))
        .flatten()
        .ok_or_else(|| InputError::new(InputErrorKind::NotWhole, text, lang))
}

/// What is wrong with a typed number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputErrorKind {
    /// Nothing was typed.
    Empty,
    /// Letters or other signs where digits belong.
    NotANumber,
    /// Thousands separators that do not stand every three digits.
    BadGrouping,
    /// More than one decimal separator.
    TwoDecimalSeparators,
    /// Decimals where a whole number is asked.
    NotWhole,
}

/// A refused number: what was typed, what is wrong, in the room's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub kind: InputErrorKind,
    pub text: String,
    pub lang: Lang,
}

impl InputError {
    fn new(kind: InputErrorKind, text: &str, lang: Lang) -> Self {
        InputError {
            kind,
            text: text.trim().to_string(),
            lang,
        }
    }
}

impl std::fmt::Display for InputError {
    /// What is wrong, then what is allowed: "'7,5,1' heeft meer dan één decimaalkomma.
    /// Toegestaan: …".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = crate::i18n::number_input(self.lang);
        let what = match self.kind {
            InputErrorKind::Empty => t.empty,
            InputErrorKind::NotANumber => t.not_a_number,
            InputErrorKind::BadGrouping => t.bad_grouping,
            InputErrorKind::TwoDecimalSeparators => t.two_decimal_separators,
            InputErrorKind::NotWhole => t.not_whole,
        };
        let what = crate::i18n::fill(what, &[("text", &self.text)]);
        write!(f, "{what} {}", t.allowed)
    }
}

impl std::error::Error for InputError {}

/// The one reader behind [`parse`] (strict: only what the formatters write) and
/// [`parse_input`] (lenient: what a person types).
fn read(text: &str, lang: Lang, lenient: bool) -> Result<Decimal, InputError> {
    use InputErrorKind::*;
    let err = |kind| InputError::new(kind, text, lang);
    let (dec, grp) = separators(lang);
    let mut t = text.trim();
    if t.is_empty() {
        return Err(err(Empty));
    }
    let upper = t.get(..3).map(str::to_ascii_uppercase);
    if upper.as_deref() == Some("EUR") {
        t = t.get(3..).unwrap_or_default().trim_start();
    } else if lenient {
        t = t.strip_prefix('€').map(str::trim_start).unwrap_or(t);
    }
    t = t.strip_suffix('%').map(str::trim_end).unwrap_or(t);
    let owned: String = if lenient {
        t.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        t.to_string()
    };
    let (negative, body) = match owned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, owned.as_str()),
    };
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == dec || c == grp)
    {
        return Err(err(NotANumber));
    }
    if body.matches(dec).count() > 1 {
        return Err(err(TwoDecimalSeparators));
    }
    // "0.9" typed in a Dutch room: one separator of the other kind, not a group of three.
    let body = if lenient
        && !body.contains(dec)
        && body.matches(grp).count() == 1
        && body.split(grp).nth(1).is_some_and(|after| after.len() != 3)
    {
        body.replace(grp, &dec.to_string())
    } else {
        body.to_string()
    };
    let (int_part, frac_part) = match body.split_once(dec) {
        Some((i, f)) => (i, Some(f)),
        None => (body.as_str(), None),
    };
    if int_part.is_empty() || frac_part.is_some_and(|f| f.is_empty()) {
        return Err(err(NotANumber));
    }
    if frac_part.is_some_and(|f| f.contains(grp)) {
        return Err(err(NotANumber));
    }
    let groups: Vec<&str> = int_part.split(grp).collect();
    if groups.len() > 1
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return Err(err(BadGrouping));
    }
    let mut plain = String::with_capacity(body.len() + 1);
    if negative {
        plain.push('-');
    }
    plain.push_str(&groups.concat());
    if let Some(f) = frac_part {
        plain.push('.');
        plain.push_str(f);
    }
    plain.parse::<Decimal>().map_err(|_| err(NotANumber))
}

// Dates. A date a person reads is in words (`30 november 2026`, `30 November 2026`); a date a
// machine reads (JSON, file names, spreadsheet cells) is ISO 8601 (`2026-11-30`).

/// A date in words: `date_words(2026, 11, 30, Nl)` is `30 november 2026`; `None` for a month
/// outside 1–12.
pub fn date_words(year: i32, month: u32, day: u32, lang: Lang) -> Option<String> {
    let m = (crate::i18n::number_input(lang).months)(month)?;
    Some(format!("{day} {m} {year}"))
}

/// A month in words: `november 2026`.
pub fn month_words(year: i32, month: u32, lang: Lang) -> Option<String> {
    let m = (crate::i18n::number_input(lang).months)(month)?;
    Some(format!("{m} {year}"))
}

/// A date for machines: `2026-11-30`.
pub fn date_iso(year: i32, month: u32, day: u32) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

/// A `YYYY-MM-DD` or `YYYY-MM` date (as the catalogue stores them) in words: `13 mei 2022`,
/// `November 2012`; anything else as it is (a bare year, a free text).
pub fn date(iso: &str, lang: Lang) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    let words = match parts.as_slice() {
        [y, m, d] => match (y.parse(), m.parse(), d.parse()) {
            (Ok(y), Ok(m), Ok(d)) => date_words(y, m, d, lang),
            _ => None,
        },
        [y, m] => match (y.parse(), m.parse()) {
            (Ok(y), Ok(m)) => month_words(y, m, lang),
            _ => None,
        },
        _ => None,
    };
    words.unwrap_or_else(|| iso.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn dutch_and_english_decimals() {
        assert_eq!(decimal(1_234_567.891, 2, Lang::Nl), "1.234.567,89");
        assert_eq!(decimal(1_234_567.891, 2, Lang::En), "1,234,567.89");
        assert_eq!(decimal(7.255_1, 2, Lang::Nl), "7,26");
        assert_eq!(decimal(999.0, 0, Lang::Nl), "999");
        assert_eq!(decimal(1000.0, 0, Lang::Nl), "1.000");
        assert_eq!(decimal(-1234.5, 1, Lang::En), "-1,234.5");
    }

    #[test]
    fn negative_zero_has_no_sign() {
        assert_eq!(decimal(-0.001, 2, Lang::Nl), "0,00");
        assert_eq!(money(dec!(-0.001), Lang::En), "EUR 0.00");
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(0.3, 1, Lang::Nl), "30,0%");
        assert_eq!(percent(0.3, 1, Lang::En), "30.0%");
        assert_eq!(weight(0.125, Lang::Nl), "12,5%");
        assert_eq!(percent(1.0, 0, Lang::Nl), "100%");
        assert_eq!(percent_entered(dec!(0.50), Lang::Nl), "0,5%");
        assert_eq!(percent_entered(dec!(2), Lang::En), "2%");
    }

    #[test]
    fn integers_and_years() {
        assert_eq!(integer(152_000, Lang::Nl), "152.000");
        assert_eq!(integer(152_000, Lang::En), "152,000");
        assert_eq!(integer(1350, Lang::Nl), "1.350");
        assert_eq!(integer(7, Lang::En), "7");
        assert_eq!(year(2027), "2027");
    }

    #[test]
    fn money_in_both_languages() {
        assert_eq!(money(dec!(1234567.891), Lang::Nl), "EUR 1.234.567,89");
        assert_eq!(money(dec!(1234567.891), Lang::En), "EUR 1,234,567.89");
        assert_eq!(money(dec!(-15000), Lang::Nl), "EUR -15.000,00");
        assert_eq!(money(dec!(0.005), Lang::Nl), "EUR 0,01");
        assert_eq!(money(dec!(-0.005), Lang::En), "EUR -0.01");
        assert_eq!(money(dec!(12), Lang::En), "EUR 12.00");
        assert_eq!(amount(dec!(-85000.5), Lang::Nl), "-85.000,50");
        assert_eq!(amount(dec!(1234567.891), Lang::En), "1,234,567.89");
    }

    #[test]
    fn whole_euros_and_factors() {
        assert_eq!(euros(dec!(1234567.5), Lang::Nl), "1.234.568");
        assert_eq!(euros(dec!(-1234567.49), Lang::En), "-1,234,567");
        assert_eq!(euros(dec!(-0.4), Lang::Nl), "0");
        assert_eq!(euros(dec!(999.5), Lang::Nl), "1.000");
        assert_eq!(factor(dec!(0.950), Lang::Nl), "0,95");
        assert_eq!(factor(dec!(1.00), Lang::Nl), "1");
        assert_eq!(factor(dec!(1.1), Lang::En), "1.1");
        assert_eq!(
            parse(&euros(dec!(-85000.5), Lang::Nl), Lang::Nl),
            Some(-85001.0)
        );
    }

    #[test]
    fn parse_inverts_the_formatters() {
        for lang in [Lang::Nl, Lang::En] {
            for x in [0.0, 7.26, 1234.5, -98765.4321, 152_000.0] {
                let s = decimal(x, 2, lang);
                let back = parse(&s, lang).unwrap();
                assert!((back - x).abs() < 0.005 + 1e-9, "{s} → {back} vs {x}");
            }
            assert_eq!(parse(&percent(0.3, 1, lang), lang), Some(30.0));
            assert_eq!(
                parse(&money(dec!(1234567.89), lang), lang),
                Some(1_234_567.89)
            );
        }
    }

    #[test]
    fn parse_rejects_other_styles() {
        assert_eq!(parse("1.234,5", Lang::En), None);
        assert_eq!(parse("12.34.5", Lang::Nl), None);
        assert_eq!(parse("1,2345", Lang::En), None);
        assert_eq!(parse("abc", Lang::Nl), None);
        assert_eq!(parse("7,", Lang::Nl), None);
        // A Dutch "7.26" is not a number in Dutch style (the group after the dot is not 3 long).
        assert_eq!(parse("7.26", Lang::Nl), None);
        assert_eq!(parse("7.260", Lang::Nl), Some(7260.0));
    }

    #[test]
    fn typed_numbers_in_both_styles() {
        let nl = |s| parse_input(s, Lang::Nl);
        let en = |s| parse_input(s, Lang::En);
        assert_eq!(nl("7,5"), Ok(dec!(7.5)));
        assert_eq!(en("7.5"), Ok(dec!(7.5)));
        assert_eq!(nl("1.234,50"), Ok(dec!(1234.50)));
        assert_eq!(en("1,234.50"), Ok(dec!(1234.50)));
        assert_eq!(nl("30%"), Ok(dec!(30)));
        assert_eq!(en(" 30 % "), Ok(dec!(30)));
        assert_eq!(nl("EUR 1.234"), Ok(dec!(1234)));
        assert_eq!(nl("€ 1.234,5"), Ok(dec!(1234.5)));
        assert_eq!(nl("eur -12,5"), Ok(dec!(-12.5)));
        assert_eq!(nl("0.9"), Ok(dec!(0.9)));
        assert_eq!(en("0,9"), Ok(dec!(0.9)));
        assert_eq!(nl("45.300"), Ok(dec!(45300)));
        assert_eq!(nl("10 000"), Ok(dec!(10000)));
        assert_eq!(parse_count("45.300", Lang::Nl), Ok(45_300));
        assert_eq!(parse_count("45,300", Lang::En), Ok(45_300));
    }

    #[test]
    fn typed_numbers_are_refused_with_what_is_wrong_and_allowed() {
        let kind = |s, l| parse_input(s, l).unwrap_err().kind;
        assert_eq!(kind("", Lang::Nl), InputErrorKind::Empty);
        assert_eq!(kind("zeven", Lang::Nl), InputErrorKind::NotANumber);
        assert_eq!(
            kind("7,5,1", Lang::Nl),
            InputErrorKind::TwoDecimalSeparators
        );
        assert_eq!(kind("1.23.4", Lang::Nl), InputErrorKind::BadGrouping);
        assert_eq!(kind("7,", Lang::Nl), InputErrorKind::NotANumber);
        assert_eq!(kind("1.234,5", Lang::En), InputErrorKind::NotANumber);
        assert_eq!(
            parse_count("7,5", Lang::Nl).unwrap_err().kind,
            InputErrorKind::NotWhole
        );
        let msg = parse_input("7,5,1", Lang::Nl).unwrap_err().to_string();
        assert!(
            msg.starts_with("'7,5,1' heeft meer dan één decimaalkomma."),
            "{msg}"
        );
        assert!(msg.contains("1.234,50"), "{msg}");
        let msg = parse_input("abc", Lang::En).unwrap_err().to_string();
        assert!(msg.starts_with("'abc' is not a number."), "{msg}");
        assert!(msg.contains("1,234.50"), "{msg}");
    }

    #[test]
    fn dates_in_words_and_for_machines() {
        assert_eq!(
            date_words(2026, 11, 30, Lang::Nl).as_deref(),
            Some("30 november 2026")
        );
        assert_eq!(
            date_words(2026, 11, 30, Lang::En).as_deref(),
            Some("30 November 2026")
        );
        assert_eq!(date_words(2026, 13, 1, Lang::En), None);
        assert_eq!(date_iso(2026, 3, 7), "2026-03-07");
        assert_eq!(date("2022-05-13", Lang::Nl), "13 mei 2022");
        assert_eq!(date("2012-11", Lang::En), "November 2012");
        assert_eq!(date("2012", Lang::En), "2012");
        assert_eq!(date("2012-00", Lang::Nl), "2012-00");
    }

    proptest::proptest! {
        /// Whatever the formatters write, the typed-number reader reads back, in both
        /// languages.
        #[test]
        fn typed_input_reads_what_the_formatters_write(cents in -10_000_000_000i64..10_000_000_000i64) {
            let d = Decimal::new(cents, 2);
            for lang in [Lang::Nl, Lang::En] {
                proptest::prop_assert_eq!(parse_input(&money(d, lang), lang), Ok(d));
                proptest::prop_assert_eq!(parse_input(&amount(d, lang), lang), Ok(d));
            }
        }
    }
}
