//! Named styles for the projector: the default palette, a high-contrast variant, and a
//! monochrome variant when `NO_COLOR` is set. Colour only helps; every meaning is also carried
//! by text or a symbol (✓, ✗, ▶, bar length, [status]).

use ratatui::style::{Color, Modifier, Style};

use crate::core::catalogue::{ControlLevel, PolicyStatus};

/// Which palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeKind {
    #[default]
    Default,
    HighContrast,
}

/// The styles in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Theme {
    pub kind: ThemeKind,
    /// `NO_COLOR` is set: modifiers only.
    pub no_color: bool,
}

impl Theme {
    /// A theme for a kind, honouring `NO_COLOR` from the environment.
    pub fn from_env(kind: ThemeKind) -> Theme {
        Theme {
            kind,
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        }
    }

    /// The same theme with high contrast switched (the `H` key; `NO_COLOR` still holds).
    pub fn contrast_toggled(self) -> Theme {
        Theme {
            kind: if self.hc() {
                ThemeKind::Default
            } else {
                ThemeKind::HighContrast
            },
            ..self
        }
    }

    /// Whether the high-contrast palette is in use.
    pub fn is_high_contrast(&self) -> bool {
        self.hc()
    }

    fn fg(&self, c: Color) -> Style {
        if self.no_color {
            Style::default()
        } else {
            Style::default().fg(c)
        }
    }

    fn hc(&self) -> bool {
        self.kind == ThemeKind::HighContrast
    }

    /// Plain text.
    pub fn text(&self) -> Style {
        if self.hc() && !self.no_color {
            Style::default().fg(Color::White)
        } else {
            Style::default()
        }
    }

    /// Secondary text (sources, hints).
    pub fn dim(&self) -> Style {
        if self.no_color || self.hc() {
            self.text()
        } else {
            Style::default().fg(Color::Gray)
        }
    }

    /// The title bar.
    pub fn title(&self) -> Style {
        self.fg(if self.hc() { Color::White } else { Color::Cyan })
            .add_modifier(Modifier::BOLD)
    }

    /// Headings inside a screen.
    pub fn heading(&self) -> Style {
        self.fg(if self.hc() {
            Color::LightYellow
        } else {
            Color::Cyan
        })
        .add_modifier(Modifier::BOLD)
    }

    /// The active tab.
    pub fn tab_active(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// An inactive tab.
    pub fn tab(&self) -> Style {
        self.dim()
    }

    /// The row or cell under the cursor.
    pub fn selected(&self) -> Style {
        if self.no_color || self.hc() {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::default()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        }
    }

    /// Borders of panels.
    pub fn border(&self) -> Style {
        self.fg(if self.hc() {
            Color::White
        } else {
            Color::DarkGray
        })
    }

    /// Borders of the focused panel.
    pub fn border_focus(&self) -> Style {
        self.fg(if self.hc() {
            Color::LightYellow
        } else {
            Color::Cyan
        })
    }

    /// Something good (a pro, a high score, an admissible result).
    pub fn good(&self) -> Style {
        self.fg(if self.hc() {
            Color::LightGreen
        } else {
            Color::Green
        })
    }

    /// Something bad (a con, an exclusion, an error).
    pub fn bad(&self) -> Style {
        self.fg(if self.hc() {
            Color::LightRed
        } else {
            Color::Red
        })
        .add_modifier(if self.no_color {
            Modifier::BOLD
        } else {
            Modifier::empty()
        })
    }

    /// A number that is wolkwijzer's own assumption, not a source's.
    pub fn assumption(&self) -> Style {
        self.fg(if self.hc() {
            Color::LightYellow
        } else {
            Color::Yellow
        })
        .add_modifier(Modifier::ITALIC)
    }

    /// A bar of a score.
    pub fn bar(&self) -> Style {
        self.fg(if self.hc() {
            Color::LightCyan
        } else {
            Color::Cyan
        })
    }

    /// A policy status badge.
    pub fn status(&self, s: PolicyStatus) -> Style {
        match s {
            PolicyStatus::Binding => self.bad().add_modifier(Modifier::BOLD),
            PolicyStatus::SelfBinding => self.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            PolicyStatus::Reference => self.fg(Color::Yellow),
            PolicyStatus::Background => self.dim(),
            PolicyStatus::Pending => self.dim().add_modifier(Modifier::ITALIC),
        }
    }

    /// A control level in the layer matrix.
    pub fn level(&self, l: ControlLevel) -> Style {
        match l {
            ControlLevel::Full => self.good().add_modifier(Modifier::BOLD),
            ControlLevel::Configuration => self.fg(Color::Yellow),
            ControlLevel::None => self.dim(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_uses_modifiers_only() {
        let t = Theme {
            kind: ThemeKind::HighContrast,
            no_color: true,
        };
        for st in [
            t.selected(),
            t.heading(),
            t.good(),
            t.bad(),
            t.bar(),
            t.border_focus(),
            t.status(PolicyStatus::Binding),
            t.level(ControlLevel::Full),
        ] {
            assert_eq!(st.fg, None, "{st:?}");
            assert_eq!(st.bg, None, "{st:?}");
        }
        assert!(t.selected().add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn default_theme_has_colour() {
        let t = Theme::default();
        assert!(t.heading().fg.is_some());
        assert!(t.selected().bg.is_some());
    }
}
