//! Bilingual text: the `Lang` the room speaks and `Localized` strings carried by domain data.

use serde::{Deserialize, Serialize};

/// The language of the room. Dutch is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Nederlands.
    #[default]
    Nl,
    /// English.
    En,
}

impl Lang {
    /// The other language (the `L` key toggles).
    pub fn toggled(self) -> Lang {
        match self {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }

    /// Short code: `nl` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

/// A text in Dutch and English.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    pub nl: String,
    pub en: String,
}

impl Localized {
    /// Builds a text from its two versions.
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Localized {
            nl: nl.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }

    /// Joins texts with a separator, per language.
    pub fn join(parts: &[Localized], sep: &str) -> Localized {
        Localized {
            nl: parts
                .iter()
                .map(|p| p.nl.as_str())
                .collect::<Vec<_>>()
                .join(sep),
            en: parts
                .iter()
                .map(|p| p.en.as_str())
                .collect::<Vec<_>>()
                .join(sep),
        }
    }
}

// Numbers in text, in the room's language: Dutch 1.234.567,89 and English 1,234,567.89. The
// core writes explanations and reasons with these; the reports build their formats on them.

/// The decimal and grouping separators of a language: `(',', '.')` in Dutch.
pub fn separators(lang: Lang) -> (char, char) {
    match lang {
        Lang::Nl => (',', '.'),
        Lang::En => ('.', ','),
    }
}

/// A number as Rust writes it (`-1234.5`, no grouping) in the style of `lang`: the integer part
/// grouped in threes, the language's decimal separator, and no minus sign on a value that is
/// zero in every shown digit (`-0.00` becomes `0,00`).
pub fn localize(plain: &str, lang: Lang) -> String {
    let (dec, grp) = separators(lang);
    let (negative, body) = match plain.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, plain),
    };
    let (int_part, frac_part) = body.split_once('.').unwrap_or((body, ""));
    let zero = int_part.chars().chain(frac_part.chars()).all(|c| c == '0');
    let n = int_part.len();
    let mut out = String::with_capacity(n + n / 3 + frac_part.len() + 2);
    if negative && !zero {
        out.push('-');
    }
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(grp);
        }
        out.push(ch);
    }
    if !frac_part.is_empty() {
        out.push(dec);
        out.push_str(frac_part);
    }
    out
}

/// A number with exactly `decimals` decimals: `decimal(1234.5, 2, Nl)` is `1.234,50`.
pub fn decimal(x: f64, decimals: usize, lang: Lang) -> String {
    localize(&format!("{x:.decimals$}"), lang)
}

/// A number rounded half away from zero to at most `max_decimals` decimals, trailing zeros
/// dropped: `number(7.5, 2, Nl)` is `7,5`, `number(0.5, 2, En)` is `0.5`,
/// `number(1200.0, 2, Nl)` is `1.200`.
pub fn number(x: f64, max_decimals: usize, lang: Lang) -> String {
    let scale = 10f64.powi(max_decimals as i32);
    let rounded = (x * scale).round() / scale;
    let plain = format!("{rounded:.max_decimals$}");
    let trimmed = if plain.contains('.') {
        plain.trim_end_matches('0').trim_end_matches('.')
    } else {
        plain.as_str()
    };
    localize(trimmed, lang)
}

/// A whole number with grouping: `integer(152000, Nl)` is `152.000`.
pub fn integer(n: u64, lang: Lang) -> String {
    localize(&n.to_string(), lang)
}

/// An amount of money in euros, rounded half away from zero to cents: `EUR 1.234.567,89`
/// (Dutch) or `EUR 1,234,567.89` (English); negative as `EUR -1.234,00`.
pub fn money(amount: rust_decimal::Decimal, lang: Lang) -> String {
    let cents =
        amount.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    format!("EUR {}", localize(&format!("{cents:.2}"), lang))
}

/// A compact rank for tables: `1`, or `1=` when the place is shared with another candidate.
pub fn rank_compact(rank: usize, tied: bool) -> String {
    if tied {
        format!("{rank}=")
    } else {
        rank.to_string()
    }
}

/// An English ordinal: 1st, 2nd, 3rd, 4th, 11th, 21st.
fn ordinal_en(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A rank in prose: `#2`, or when shared `gedeeld 1e` / `tied 1st`.
pub fn rank_words(rank: usize, tied: bool, lang: Lang) -> String {
    match (tied, lang) {
        (false, _) => format!("#{rank}"),
        (true, Lang::Nl) => format!("gedeeld {rank}e"),
        (true, Lang::En) => format!("tied {}", ordinal_en(rank)),
    }
}

/// The footnote under a ranking with shared places: what `1=` means and the display order.
pub fn tie_break_note() -> Localized {
    Localized::new(
        "Een = achter de plaats (bv. 1=): gedeelde plaats, gelijke score (afgerond op 1e-9). Bij gelijke score: volgorde van de catalogus, van meest naar minst in eigen huis; die volgorde is geen oordeel.",
        "An = after the place (e.g. 1=): shared place, equal score (rounded to 1e-9). On equal scores: the catalogue's order, from most to least in-house; that order is no judgement.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn shared_ranks_read_as_shared() {
        assert_eq!(rank_compact(1, true), "1=");
        assert_eq!(rank_compact(4, false), "4");
        assert_eq!(rank_words(1, true, Lang::Nl), "gedeeld 1e");
        assert_eq!(rank_words(2, true, Lang::En), "tied 2nd");
        assert_eq!(rank_words(12, true, Lang::En), "tied 12th");
        assert_eq!(rank_words(23, true, Lang::En), "tied 23rd");
        assert_eq!(rank_words(3, false, Lang::En), "#3");
    }

    #[test]
    fn dutch_and_english_numbers() {
        assert_eq!(decimal(1_234_567.891, 2, Lang::Nl), "1.234.567,89");
        assert_eq!(decimal(1_234_567.891, 2, Lang::En), "1,234,567.89");
        assert_eq!(decimal(-0.001, 2, Lang::Nl), "0,00");
        assert_eq!(decimal(-1234.5, 1, Lang::En), "-1,234.5");
        assert_eq!(number(7.5, 2, Lang::Nl), "7,5");
        assert_eq!(number(7.5, 2, Lang::En), "7.5");
        assert_eq!(number(0.5, 2, Lang::Nl), "0,5");
        assert_eq!(number(3.0, 2, Lang::Nl), "3");
        assert_eq!(number(6.256, 2, Lang::Nl), "6,26");
        assert_eq!(number(1200.0, 2, Lang::Nl), "1.200");
        assert_eq!(number(-0.001, 2, Lang::Nl), "0");
        assert_eq!(integer(152_000, Lang::Nl), "152.000");
        assert_eq!(integer(999, Lang::En), "999");
        assert_eq!(localize("-1234567", Lang::Nl), "-1.234.567");
    }

    #[test]
    fn money_in_both_languages() {
        assert_eq!(money(dec!(1200000), Lang::Nl), "EUR 1.200.000,00");
        assert_eq!(money(dec!(1234567.891), Lang::En), "EUR 1,234,567.89");
        assert_eq!(money(dec!(-0.005), Lang::Nl), "EUR -0,01");
        assert_eq!(money(dec!(-0.001), Lang::En), "EUR 0.00");
    }
}
