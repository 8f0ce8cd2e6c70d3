//! Reusable pieces of the screens: sliders, the layer matrix, the landscape boxes, and small
//! helpers (panels, score bars, policy-status badges).

pub mod landscape;
pub mod matrix;
pub mod mcda;
pub mod slider;

use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Borders, Padding};

use crate::core::catalogue::PolicyStatus;
use crate::core::text::Lang;

use super::theme::Theme;

/// A bordered panel with a title; the focused panel has a brighter border.
pub fn panel<'a>(title: &str, theme: &Theme, focused: bool) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(if focused {
            theme.border_focus()
        } else {
            theme.border()
        })
        .title(Span::styled(format!(" {title} "), theme.heading()))
        .padding(Padding::horizontal(1))
}

/// A horizontal bar for a 0–10 score, `width` cells wide (eighths for smoothness).
pub fn bar(score: f64, width: usize) -> String {
    const PARTS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    let eighths = ((score.clamp(0.0, 10.0) / 10.0) * (width * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        s.push(PARTS[eighths % 8 - 1]);
    }
    let used = s.chars().count();
    s.push_str(&" ".repeat(width.saturating_sub(used)));
    s
}

/// A policy status as the room reads it: "[bindend]", "[referentie]", "[in voorbereiding]".
pub fn status_badge(status: PolicyStatus, lang: Lang, theme: &Theme) -> Span<'static> {
    Span::styled(
        format!("[{}]", status.name().get(lang)),
        theme.status(status),
    )
}

/// Citations from the core carry the status id in English ("[reference]"); show it in the
/// room's language.
pub fn localize_cite(cite: &str, lang: Lang) -> String {
    let mut s = without_seed_files(cite);
    for st in PolicyStatus::ALL {
        s = s.replace(
            &format!("[{}]", st.id()),
            &format!("[{}]", st.name().get(lang)),
        );
    }
    s
}

/// Drops seed file names ("seed 000_500cc8825a961840.txt") from a citation: on a projector
/// the document's title says enough; reports keep the full citation.
pub fn without_seed_files(cite: &str) -> String {
    let mut s = cite.to_string();
    while let Some(i) = s.find("seed ") {
        let Some(len) = s[i..].find(".txt") else {
            break;
        };
        s.replace_range(i..i + len + 4, "");
    }
    s.replace("(, ", "(").replace(" ()", "").replace("()", "")
}

/// The policy status named in a citation, if any.
pub fn cite_status(cite: &str) -> Option<PolicyStatus> {
    PolicyStatus::ALL
        .iter()
        .copied()
        .find(|st| cite.contains(&format!("[{}]", st.id())))
}

/// A line's style: selected or plain.
pub fn row_style(theme: &Theme, selected: bool) -> Style {
    if selected {
        theme.selected()
    } else {
        theme.text()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_is_proportional_and_fixed_width() {
        assert_eq!(bar(10.0, 4), "████");
        assert_eq!(bar(0.0, 4), "    ");
        assert_eq!(bar(5.0, 4).chars().count(), 4);
        assert_eq!(bar(5.0, 4), "██  ");
    }

    #[test]
    fn seed_file_names_are_dropped() {
        assert_eq!(
            without_seed_files(
                "Heeft het SSC nog een toekomst? (seed 002_99.txt, 2022), risico's [reference]"
            ),
            "Heeft het SSC nog een toekomst? (2022), risico's [reference]"
        );
        assert_eq!(
            without_seed_files("KING, Cloud (seed 000_5.txt), §2.3 [reference]"),
            "KING, Cloud, §2.3 [reference]"
        );
    }

    #[test]
    fn citations_are_localized() {
        assert_eq!(
            localize_cite("Rijksbreed cloudbeleid 2022 [reference]", Lang::Nl),
            "Rijksbreed cloudbeleid 2022 [referentie]"
        );
    }
}
