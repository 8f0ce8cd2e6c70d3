//! Snapshots of the screens issue 15 changed, on the shipped starter group: Summary on the
//! group, the blind weights screen of a member, the revealed group view and the note editor, at
//! 80×24 and 160×48 in Dutch and English; and the group Summary under `NO_COLOR` with its styles
//! (no colour anywhere, the meaning carried by text and modifiers).
#![allow(clippy::unwrap_used)]

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use wolkwijzer::core::text::Lang;
use wolkwijzer::tui::{Action, Screen};

#[test]
fn the_group_screens_in_both_languages_at_both_sizes() {
    for lang in [Lang::Nl, Lang::En] {
        let views: [(&str, Vec<Action>); 4] = [
            ("summary_group", vec![Action::GoTo(Screen::Summary.index())]),
            (
                "weights_blind_member",
                vec![Action::GoTo(Screen::Weights.index()), Action::NextMember],
            ),
            (
                "group_view_revealed",
                vec![
                    Action::GoTo(Screen::Comparison.index()),
                    Action::Reveal,
                    Action::ToggleGroup,
                ],
            ),
            (
                "note_editor",
                vec![
                    Action::GoTo(Screen::Summary.index()),
                    Action::EditNotes,
                    Action::Paste("Raad kiest\\rmet voorbehoud".replace("\\r", "\r")),
                ],
            ),
        ];
        for (name, actions) in views {
            let mut s = common::starters(lang);
            common::feed(&mut s, &actions);
            for (w, h) in [(80, 24), (160, 48)] {
                insta::assert_snapshot!(
                    format!("{name}_{}_{w}x{h}", lang.code()),
                    common::render(&s, w, h)
                );
            }
        }
    }
}

#[test]
fn no_color_uses_no_colour_and_keeps_the_meaning_in_text() {
    let mut s = common::starters(Lang::Nl);
    s.theme.no_color = true;
    for screen in Screen::ALL {
        common::feed(&mut s, &[Action::GoTo(screen.index())]);
        let mut term = Terminal::new(TestBackend::new(120, 36)).unwrap();
        term.draw(|f| wolkwijzer::tui::screens::render(f, &s))
            .unwrap();
        let buf = term.backend().buffer();
        for cell in buf.content() {
            assert!(
                matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
                "{screen:?}: a coloured cell {:?} under NO_COLOR",
                cell
            );
        }
    }
    common::feed(&mut s, &[Action::GoTo(Screen::Summary.index())]);
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| wolkwijzer::tui::screens::render(f, &s))
        .unwrap();
    insta::assert_debug_snapshot!("summary_group_no_color_nl_80x24", term.backend().buffer());
}
