//! Actions as plain data, and `update`: the only code that changes the TUI's state. Keys and
//! mouse events become actions (`keymap`), I/O results come back as actions (`app`), and what
//! needs I/O leaves `update` as an `Effect` for the app to carry out.

use std::path::PathBuf;

use crate::core::profile::Profile;
use crate::io::store::Session;

use super::layout;
use super::screens;
use super::state::{InputPurpose, Popup, Screen, StartKind, State, Status};

/// Everything that can happen to the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Go to the next screen of the walk.
    NextScreen,
    /// Go to the previous screen.
    PrevScreen,
    /// Go to a screen by its 0-based position.
    GoTo(usize),
    /// Move up in a list.
    Up,
    /// Move down in a list.
    Down,
    /// Move left (previous column or value).
    Left,
    /// Move right (next column or value).
    Right,
    /// Select, open or edit the thing under the cursor.
    Select,
    /// Back out: close a popup or cancel a prompt.
    Back,
    /// Raise the slider or value under the cursor.
    Increase,
    /// Lower the slider or value under the cursor.
    Decrease,
    /// Switch between Dutch and English.
    ToggleLang,
    /// Ask where to save the session.
    SaveAs,
    /// Show or hide the key table.
    Help,
    /// Leave the program.
    Quit,
    /// Focus the next municipality of a starter group.
    NextMember,
    /// Show or hide the group view on the comparison screen.
    ToggleGroup,
    /// Write a note (summary screen).
    EditNotes,
    /// Ask where to export the decision note (summary screen).
    Export,
    /// Put the cursor on row `i` of the current screen's list (mouse).
    Pick(usize),
    /// Put the cursor on a cell of the comparison table (mouse).
    PickCell { row: usize, col: usize },
    /// Set the weight on slider row `row` (mouse on a slider).
    SetWeight { row: usize, value: f64 },
    /// A character typed into a prompt.
    InputChar(char),
    /// Backspace in a prompt.
    InputBackspace,
    /// A mouse click at a terminal cell.
    Click { column: u16, row: u16 },
    /// The terminal was resized.
    Resize(u16, u16),
    /// A profile was loaded by the app.
    Loaded {
        profile: Box<Profile>,
        origin: Option<PathBuf>,
    },
    /// An autosave newer than the profile exists: offer it.
    OfferRestore(Box<Session>),
    /// A session was read from disk and should be taken over.
    Restore(Box<Session>),
    /// The session was saved to this file.
    Saved(PathBuf),
    /// Saving failed (the message says why); the state is kept.
    SaveFailed(String),
    /// The autosave failed (the message says why).
    AutosaveFailed(String),
    /// The autosave succeeded: everything is on disk.
    Autosaved,
    /// A change was not autosaved because this instance does not autosave (read-only, or no
    /// data folder).
    NotAutosaved,
    /// Another instance owns the data folder: this one goes on read-only (no autosave).
    ReadOnly,
    /// Loading a profile or session failed.
    LoadFailed(String),
    /// Weights screen: the next elicitation method (direct, swing, ROC, rank-sum, AHP).
    NextMethod,
    /// Weights screen: move the criterion under the cursor up in the order.
    MoveItemUp,
    /// Weights screen: move the criterion under the cursor down in the order.
    MoveItemDown,
    /// Weights screen (AHP): jump to the next of the most inconsistent judgements.
    NextInconsistent,
    /// Comparison screen: show or hide the sensitivity view.
    ToggleSensitivity,
    /// Group view: show or hide the other municipalities' weights.
    Reveal,
    /// The decision note was written to this file.
    Exported(PathBuf),
    /// Exporting the decision note failed (the message says why); the state is kept.
    ExportFailed(String),
    /// The voting round (issue 17): its view, and what its server and ballot files report.
    Round(super::screens::round::RoundAction),
}

/// Work `update` asks the app to do outside the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write the session to this file.
    Save(PathBuf),
    /// Open a start-screen item.
    Open(StartKind),
    /// Write the decision note to this file (format from the extension).
    Export(PathBuf),
    /// The voting round's I/O (issue 17): server, addresses, ballot files.
    Round(super::screens::round::RoundEffect),
}

/// Applies an action to the state; returns the I/O the app must carry out, if any. Afterwards
/// the analyses of an open sensitivity or group view are brought up to date, so that drawing
/// never computes.
pub fn update(state: &mut State, action: Action) -> Option<Effect> {
    let effect = apply(state, action);
    state.refresh_analyses();
    effect
}

fn apply(state: &mut State, action: Action) -> Option<Effect> {
    let t = crate::i18n::tui(state.lang);
    match action {
        // The voting round (issue 17): its own update; ballots arrive here whatever is open.
        Action::Round(a) => return super::screens::round::update(state, a),
        Action::Resize(w, h) => {
            state.size = (w, h);
            return None;
        }
        Action::Saved(path) => {
            state.status = Some(Status {
                text: format!("{} {}", t.saved_to, path.display()),
                error: false,
            });
            state.unsaved = false;
            if state.quit_after_save {
                state.quit = true;
            }
            return None;
        }
        Action::SaveFailed(msg) => {
            state.status = Some(Status {
                text: format!("{}: {msg}", t.save_failed),
                error: true,
            });
            // Asked for by the quit prompt: ask again, the typed path kept, to try another.
            if std::mem::take(&mut state.quit_after_save) {
                state.popup = Some(Popup::Input {
                    purpose: InputPurpose::SaveBeforeQuit,
                    buffer: state.default_save_path.clone(),
                });
            }
            return None;
        }
        Action::AutosaveFailed(msg) => {
            state.status = Some(Status {
                text: format!("{}: {msg}", t.autosave_failed),
                error: true,
            });
            state.unsaved = true;
            return None;
        }
        Action::Autosaved => {
            state.unsaved = false;
            return None;
        }
        Action::NotAutosaved => {
            state.unsaved = true;
            return None;
        }
        Action::ReadOnly => {
            state.read_only = true;
            state.status = Some(Status {
                text: t.read_only.into(),
                error: true,
            });
            return None;
        }
        Action::Exported(path) => {
            state.status = Some(Status {
                text: format!(
                    "{} {}",
                    crate::i18n::tui_bc(state.lang).exported_to,
                    path.display()
                ),
                error: false,
            });
            return None;
        }
        Action::ExportFailed(msg) => {
            state.status = Some(Status {
                text: format!("{}: {msg}", crate::i18n::tui_bc(state.lang).export_failed),
                error: true,
            });
            return None;
        }
        Action::LoadFailed(msg) => {
            state.status = Some(Status {
                text: format!("{}: {msg}", t.load_failed),
                error: true,
            });
            return None;
        }
        Action::Loaded { profile, origin } => {
            state.weights = super::state::initial_weights(&profile);
            state.elicit.clear();
            state.weight_records.clear();
            state.profile = *profile;
            state.origin = origin;
            state.member = 0;
            state.cursor = Default::default();
            state.recompute();
            state.screen = Screen::Situation;
            state.status = Some(Status {
                text: format!("{}: {}", t.profile_loaded, state.profile.title),
                error: false,
            });
            state.revision += 1;
            return None;
        }
        Action::OfferRestore(session) => {
            state.popup = Some(Popup::Restore(session));
            return None;
        }
        Action::Restore(session) => {
            state.apply_session(*session);
            state.popup = None;
            state.status = Some(Status {
                text: crate::i18n::tui(state.lang).restored.into(),
                error: false,
            });
            state.revision += 1;
            return None;
        }
        Action::Quit => {
            let asking = matches!(
                state.popup,
                Some(Popup::Input {
                    purpose: InputPurpose::SaveBeforeQuit,
                    ..
                })
            );
            // Unsaved changes: ask where to save; Quit again at that prompt (Ctrl-C, as `q`
            // types into it) is the explicit choice to discard them.
            if state.unsaved && !asking {
                state.popup = Some(Popup::Input {
                    purpose: InputPurpose::SaveBeforeQuit,
                    buffer: state.default_save_path.clone(),
                });
                state.status = Some(Status {
                    text: t.quit_unsaved.into(),
                    error: true,
                });
            } else {
                state.quit = true;
            }
            return None;
        }
        _ => {}
    }

    // A popup takes the keys first.
    if let Some(popup) = state.popup.take() {
        return popup_update(state, popup, action);
    }

    match action {
        Action::NextScreen => go(state, state.screen.next()),
        Action::PrevScreen => go(state, state.screen.prev()),
        Action::GoTo(i) => go(state, Screen::at(i)),
        Action::ToggleLang => {
            state.lang = state.lang.toggled();
            state.revision += 1;
        }
        Action::Help => state.popup = Some(Popup::Help),
        Action::SaveAs => {
            state.popup = Some(Popup::Input {
                purpose: InputPurpose::SavePath,
                buffer: state.default_save_path.clone(),
            })
        }
        Action::NextMember => {
            let n = state.profile.subject.members().len().max(1);
            state.member = (state.member + 1) % n;
        }
        Action::ToggleGroup => {
            if state.is_group() {
                state.group_view = !state.group_view;
            }
        }
        Action::EditNotes => {
            state.popup = Some(Popup::Input {
                purpose: InputPurpose::Notes,
                buffer: state.notes.clone(),
            })
        }
        Action::Click { column, row } => {
            if let Some(a) = layout::hit(state, column, row) {
                return apply(state, a);
            }
        }
        Action::Back => state.status = None,
        other => return screens::handle(state, other),
    }
    None
}

fn go(state: &mut State, screen: Screen) {
    if state.screen != screen {
        state.screen = screen;
        state.revision += 1;
    }
}

fn popup_update(state: &mut State, popup: Popup, action: Action) -> Option<Effect> {
    match popup {
        Popup::Help => match action {
            Action::Back | Action::Help | Action::Select | Action::Click { .. } => None,
            Action::ToggleLang => {
                state.lang = state.lang.toggled();
                state.revision += 1;
                state.popup = Some(Popup::Help);
                None
            }
            _ => {
                state.popup = Some(Popup::Help);
                None
            }
        },
        Popup::Why => match action {
            Action::Back | Action::Select | Action::Click { .. } => None,
            Action::ToggleLang => {
                state.lang = state.lang.toggled();
                state.revision += 1;
                state.popup = Some(Popup::Why);
                None
            }
            // Moving the cursor keeps the popup open on the next cell.
            a @ (Action::Up | Action::Down | Action::Left | Action::Right) => {
                screens::handle(state, a);
                state.popup = Some(Popup::Why);
                None
            }
            _ => {
                state.popup = Some(Popup::Why);
                None
            }
        },
        Popup::Restore(session) => match action {
            Action::Select => apply(state, Action::Restore(session)),
            Action::Back => None,
            _ => {
                state.popup = Some(Popup::Restore(session));
                None
            }
        },
        Popup::Input {
            purpose,
            mut buffer,
        } => match action {
            Action::InputChar(c) => {
                if purpose_accepts(purpose, c) {
                    buffer.push(c);
                }
                state.popup = Some(Popup::Input { purpose, buffer });
                None
            }
            Action::InputBackspace => {
                buffer.pop();
                state.popup = Some(Popup::Input { purpose, buffer });
                None
            }
            Action::Back => None,
            Action::Select => commit_input(state, purpose, buffer),
            _ => {
                state.popup = Some(Popup::Input { purpose, buffer });
                None
            }
        },
    }
}

fn purpose_accepts(purpose: InputPurpose, c: char) -> bool {
    match purpose {
        InputPurpose::Number(_) => c.is_ascii_digit(),
        InputPurpose::BusinessCase(_) => {
            c.is_ascii_digit() || matches!(c, ',' | '.' | '/' | ' ' | '-')
        }
        InputPurpose::SavePath
        | InputPurpose::SaveBeforeQuit
        | InputPurpose::Notes
        | InputPurpose::ExportPath => !c.is_control(),
    }
}

fn commit_input(state: &mut State, purpose: InputPurpose, buffer: String) -> Option<Effect> {
    match purpose {
        InputPurpose::SavePath => {
            let path = buffer.trim();
            if path.is_empty() {
                return None;
            }
            state.default_save_path = path.to_string();
            Some(Effect::Save(PathBuf::from(path)))
        }
        InputPurpose::SaveBeforeQuit => {
            let path = buffer.trim();
            if path.is_empty() {
                state.popup = Some(Popup::Input { purpose, buffer });
                return None;
            }
            state.default_save_path = path.to_string();
            state.quit_after_save = true;
            Some(Effect::Save(PathBuf::from(path)))
        }
        InputPurpose::ExportPath => {
            let path = buffer.trim();
            if path.is_empty() {
                return None;
            }
            state.default_export_path = path.to_string();
            Some(Effect::Export(PathBuf::from(path)))
        }
        InputPurpose::BusinessCase(field) => {
            match screens::business_case::commit(state, field, &buffer) {
                Ok(text) => {
                    state.status = Some(Status { text, error: false });
                }
                Err(text) => {
                    // The value is refused: the state is kept and the prompt stays open.
                    state.status = Some(Status { text, error: true });
                    state.popup = Some(Popup::Input { purpose, buffer });
                }
            }
            None
        }
        InputPurpose::Notes => {
            state.notes = buffer;
            state.revision += 1;
            None
        }
        InputPurpose::Number(field) => {
            match buffer.trim().parse::<u32>() {
                Ok(n) if n > 0 => screens::situation::set_number(state, field, n),
                _ => {
                    state.status = Some(Status {
                        text: crate::i18n::tui(state.lang).not_a_number.into(),
                        error: true,
                    });
                    state.popup = Some(Popup::Input { purpose, buffer });
                }
            }
            None
        }
    }
}
