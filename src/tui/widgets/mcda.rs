//! Small pieces for the decision tools' views: numbers in the room's notation (a decimal comma in
//! Dutch), percentages, the stacked contribution bar and the heat-table cell. Colour helps; the
//! text always carries the meaning (every segment starts with its letter, every cell has its
//! number).

use ratatui::style::Style;
use ratatui::text::Span;

use crate::core::criteria::Criterion;
use crate::core::text::Lang;
use crate::tui::theme::Theme;

/// A number with `decimals` decimals: "7,24" in Dutch, "7.24" in English (through
/// `report::number`, the one number module: grouping, no sign on a shown zero).
pub fn num(lang: Lang, x: f64, decimals: usize) -> String {
    crate::report::number::decimal(x, decimals, lang)
}

/// A whole number with thousands separators: "10.000" in Dutch, "10,000" in English.
pub fn thousands(lang: Lang, n: usize) -> String {
    crate::report::number::integer(n as u64, lang)
}

/// A share (0–1) as a percentage with `decimals` decimals: "33%", "22,5%".
pub fn pct(lang: Lang, share: f64, decimals: usize) -> String {
    format!("{}%", num(lang, share * 100.0, decimals))
}

/// The one-letter mark of a criterion in stacked bars and their legend.
pub fn letter(letters: &[char; 8], c: Criterion) -> char {
    let i = Criterion::ALL.iter().position(|&x| x == c).unwrap_or(0);
    letters[i]
}

/// A stacked bar: one segment per (letter, contribution on 0–10), `width` cells for 10 points.
/// Each segment starts with its letter; the segments alternate between two fills so that
/// neighbours stay apart without colour.
pub fn stacked(parts: &[(char, f64)], width: usize, theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = vec![];
    let mut used = 0usize;
    let mut acc = 0.0;
    for (k, &(ch, v)) in parts.iter().enumerate() {
        acc += v.max(0.0);
        let end = ((acc / 10.0) * width as f64).round() as usize;
        let w = end.min(width).saturating_sub(used);
        if w == 0 {
            continue;
        }
        let fill = if k % 2 == 0 { '█' } else { '▓' };
        let mut seg = String::with_capacity(w * 3);
        seg.push(ch);
        seg.extend(std::iter::repeat_n(fill, w - 1));
        let style = if k % 2 == 0 {
            theme.bar()
        } else {
            theme.heading()
        };
        spans.push(Span::styled(seg, style));
        used += w;
    }
    if used < width {
        spans.push(Span::styled("·".repeat(width - used), theme.dim()));
    }
    spans
}

/// The style of a heat-table cell for a share (0–1): stronger for larger shares.
pub fn heat(share: f64, theme: &Theme) -> Style {
    if share >= 0.5 {
        theme.selected()
    } else if share >= 0.2 {
        theme.heading()
    } else if share > 0.0 {
        theme.text()
    } else {
        theme.dim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_numbers_use_a_decimal_comma() {
        assert_eq!(num(Lang::Nl, 7.236, 2), "7,24");
        assert_eq!(num(Lang::En, 7.236, 2), "7.24");
        assert_eq!(pct(Lang::Nl, 0.225, 1), "22,5%");
        assert_eq!(num(Lang::En, -0.0001, 2), "0.00");
        assert_eq!(thousands(Lang::Nl, 10_000), "10.000");
        assert_eq!(thousands(Lang::En, 1_000_000), "1,000,000");
        assert_eq!(thousands(Lang::En, 999), "999");
    }

    #[test]
    fn stacked_bar_fills_its_width_and_starts_segments_with_letters() {
        let th = Theme::default();
        let spans = stacked(&[('P', 5.0), ('K', 2.5)], 20, &th);
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text.chars().count(), 20);
        assert!(text.starts_with("P█████████K▓▓▓▓"), "{text}");
    }

    #[test]
    fn letters_are_unique_in_both_languages() {
        for lang in [Lang::Nl, Lang::En] {
            let l = &crate::i18n::mcda(lang).letters;
            let mut seen: Vec<char> = Criterion::ALL.iter().map(|&c| letter(l, c)).collect();
            seen.sort();
            seen.dedup();
            assert_eq!(seen.len(), Criterion::ALL.len());
        }
    }
}
