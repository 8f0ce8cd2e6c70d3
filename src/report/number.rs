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

/// Parses a number written in the style of `lang` (grouping optional, `%` and a leading `EUR`
/// ignored) back to `f64`; `None` when it is not a number in that style. The inverse of the
/// formatters above, used by the tests that cross-check reports against the JSON.
pub fn parse(text: &str, lang: Lang) -> Option<f64> {
    let (dec, grp) = separators(lang);
    let t = text.trim();
    let t = t.strip_prefix("EUR").map(str::trim_start).unwrap_or(t);
    let t = t.strip_suffix('%').unwrap_or(t);
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let (int_part, frac_part) = match body.split_once(dec) {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int_part.is_empty() {
        return None;
    }
    let groups: Vec<&str> = int_part.split(grp).collect();
    if groups.len() > 1
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return None;
    }
    let digits: String = groups.concat();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut plain = digits;
    if let Some(f) = frac_part {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        plain.push('.');
        plain.push_str(f);
    }
    let v: f64 = plain.parse().ok()?;
    Some(if negative { -v } else { v })
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
}
