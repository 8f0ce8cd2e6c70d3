//! Reusable pieces of the screens: sliders, the layer matrix, the landscape boxes, and small
//! helpers (panels, score bars, policy-status badges).

pub mod landscape;
pub mod matrix;
pub mod mcda;
pub mod scroll;
pub mod slider;
pub mod text;

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

/// A policy status as the room reads it: "[bindend]", "[zelfbindend]", "[referentie]",
/// "[achtergrond]", "[in voorbereiding]".
pub fn status_badge(status: PolicyStatus, lang: Lang, theme: &Theme) -> Span<'static> {
    Span::styled(
        format!("[{}]", crate::report::cite::status(status, lang)),
        theme.status(status),
    )
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
}
