//! The one key table: which key gives which action, with the description the help overlay and
//! the hint bar show. Terminal events (keys, mouse, resize) become actions here and nowhere else.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use crate::i18n::TuiStrings;

use super::action::Action;
use super::state::{Popup, State};

/// A label in the room's language, picked from the TUI strings.
pub type Label = fn(&TuiStrings) -> &'static str;

/// A group of keys with one meaning.
pub struct Binding {
    /// How the keys are written in the help and the hint bar.
    pub keys: &'static str,
    /// The description, per language.
    pub desc: Label,
    /// The hint bar's place (lower first: what must stay visible on a narrow screen) and
    /// word; `None` keeps it out of the hint bar.
    pub hint: Option<(u8, Label)>,
    /// The keys and the action each gives.
    pub map: Vec<(KeyCode, KeyModifiers, Action)>,
}

fn plain(code: KeyCode, action: Action) -> (KeyCode, KeyModifiers, Action) {
    (code, KeyModifiers::NONE, action)
}

/// The key table, in the order the help lists it.
pub fn bindings() -> Vec<Binding> {
    use KeyCode::*;
    vec![
        Binding {
            keys: "?",
            desc: |t| t.key_help,
            hint: Some((0, |t| t.hint_help)),
            map: vec![plain(Char('?'), Action::Help)],
        },
        Binding {
            keys: "Tab",
            desc: |t| t.key_next,
            hint: Some((5, |t| t.hint_next)),
            map: vec![plain(Tab, Action::NextScreen)],
        },
        Binding {
            keys: "Shift-Tab",
            desc: |t| t.key_prev,
            hint: None,
            map: vec![plain(BackTab, Action::PrevScreen)],
        },
        Binding {
            keys: "1–9 0",
            desc: |t| t.key_goto,
            hint: Some((1, |t| t.hint_screens)),
            map: (0..9)
                .map(|i| plain(Char((b'1' + i as u8) as char), Action::GoTo(i)))
                .chain([plain(Char('0'), Action::GoTo(9))])
                .collect(),
        },
        Binding {
            keys: "↑↓←→",
            desc: |t| t.key_move,
            hint: Some((7, |t| t.hint_move)),
            map: vec![
                plain(Up, Action::Up),
                plain(Down, Action::Down),
                plain(Left, Action::Left),
                plain(Right, Action::Right),
            ],
        },
        Binding {
            keys: "h j k l",
            desc: |t| t.key_move,
            hint: None,
            map: vec![
                plain(Char('h'), Action::Left),
                plain(Char('j'), Action::Down),
                plain(Char('k'), Action::Up),
                plain(Char('l'), Action::Right),
            ],
        },
        Binding {
            keys: "Enter",
            desc: |t| t.key_select,
            hint: Some((2, |t| t.hint_select)),
            map: vec![plain(Enter, Action::Select)],
        },
        Binding {
            keys: "Esc",
            desc: |t| t.key_back,
            hint: None,
            map: vec![plain(Esc, Action::Back)],
        },
        Binding {
            keys: "+ -",
            desc: |t| t.key_slider,
            hint: Some((8, |t| t.hint_slider)),
            map: vec![
                plain(Char('+'), Action::Increase),
                plain(Char('='), Action::Increase),
                plain(Char('-'), Action::Decrease),
            ],
        },
        Binding {
            keys: "m",
            desc: |t| t.key_member,
            hint: None,
            map: vec![plain(Char('m'), Action::NextMember)],
        },
        Binding {
            keys: "g",
            desc: |t| t.key_group,
            hint: None,
            map: vec![plain(Char('g'), Action::ToggleGroup)],
        },
        Binding {
            keys: "t K J i",
            desc: |t| crate::i18n::mcda_of(t).key_elicit,
            hint: None,
            map: vec![
                plain(Char('t'), Action::NextMethod),
                plain(Char('K'), Action::MoveItemUp),
                plain(Char('J'), Action::MoveItemDown),
                plain(Char('i'), Action::NextInconsistent),
            ],
        },
        Binding {
            keys: "v r",
            desc: |t| crate::i18n::mcda_of(t).key_views,
            hint: None,
            map: vec![
                plain(Char('v'), Action::ToggleSensitivity),
                plain(Char('r'), Action::Reveal),
            ],
        },
        Binding {
            keys: "V",
            desc: |t| crate::i18n::vote_tui_of(t).key_round,
            hint: None,
            map: vec![plain(
                Char('V'),
                Action::Round(super::screens::round::RoundAction::Show),
            )],
        },
        Binding {
            keys: "n",
            desc: |t| t.key_notes,
            hint: None,
            map: vec![plain(Char('n'), Action::EditNotes)],
        },
        Binding {
            keys: "e",
            desc: |t| t.key_export,
            hint: None,
            map: vec![plain(Char('e'), Action::Export)],
        },
        Binding {
            keys: "L",
            desc: |t| t.key_lang,
            hint: Some((3, |t| t.key_lang)),
            map: vec![plain(Char('L'), Action::ToggleLang)],
        },
        Binding {
            keys: "s",
            desc: |t| t.key_save,
            hint: Some((6, |t| t.hint_save)),
            map: vec![plain(Char('s'), Action::SaveAs)],
        },
        Binding {
            keys: "q Ctrl-C",
            desc: |t| t.key_quit,
            hint: Some((4, |t| t.hint_quit)),
            map: vec![
                plain(Char('q'), Action::Quit),
                (Char('c'), KeyModifiers::CONTROL, Action::Quit),
            ],
        },
    ]
}

/// The action a key gives in the current state (prompts take typed characters).
pub fn action_for_key(state: &State, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
        return Some(Action::Quit);
    }
    if let Some(Popup::Input { .. }) = state.popup {
        return match key.code {
            KeyCode::Enter => Some(Action::Select),
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Backspace => Some(Action::InputBackspace),
            KeyCode::Char(c) => Some(Action::InputChar(c)),
            _ => None,
        };
    }
    // The voting round view (issue 17) takes its keys first; the rest go to the table.
    if state.round.visible
        && state.popup.is_none()
        && let Some(a) = super::screens::round::action_for_key(state, key)
    {
        return Some(a);
    }
    // Shift only makes capitals and symbols; it is not part of a binding.
    let mods = key.modifiers - KeyModifiers::SHIFT;
    bindings().into_iter().find_map(|b| {
        b.map
            .into_iter()
            .find(|(code, m, _)| *code == key.code && *m == mods)
            .map(|(_, _, a)| a)
    })
}

/// The action a terminal event gives.
pub fn action_for_event(state: &State, event: &Event) -> Option<Action> {
    match event {
        Event::Key(k) => action_for_key(state, *k),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollUp => Some(Action::Up),
            MouseEventKind::ScrollDown => Some(Action::Down),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice() {
        let mut seen = std::collections::HashSet::new();
        for b in bindings() {
            for (code, m, _) in b.map {
                assert!(seen.insert((code, m)), "{code:?} {m:?} bound twice");
            }
        }
    }

    #[test]
    fn every_binding_has_a_description_in_both_languages() {
        for b in bindings() {
            assert!(!(b.desc)(&crate::i18n::TUI_NL).is_empty(), "{}", b.keys);
            assert!(!(b.desc)(&crate::i18n::TUI_EN).is_empty(), "{}", b.keys);
        }
    }
}
