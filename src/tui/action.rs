//! Actions as plain data, and `update`: the only code that changes the TUI's state. Keys and
//! mouse events become actions (`keymap`), I/O results come back as actions (`app`), and what
//! needs I/O leaves `update` as an `Effect` for the app to carry out.

use std::path::PathBuf;

use crate::core::profile::Profile;
use crate::io::store::Session;

use super::screens;
use super::state::{InputPurpose, NoteEditor, Popup, Screen, StartKind, State, Status, UNDO_DEPTH};

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
    /// A key typed into the note editor (its text area edits with it).
    NoteKey(ratatui::crossterm::event::KeyEvent),
    /// Note editor: the next kind (decision, action, open question).
    NoteKind,
    /// Text pasted in one piece (bracketed paste): goes into the open text field whole, and
    /// is never read as key commands.
    Paste(String),
    /// Backspace in a prompt.
    InputBackspace,
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
    /// Starter group: reveal the municipalities' blind weights (or hide them again).
    Reveal,
    /// Group view, after the reveal: the municipalities' mean becomes the group's weights.
    AdoptMean,
    /// Take back the last edit of the weights, their elicitation or the business case.
    Undo,
    /// Weights screen: back to the weights the profile gave (itself undoable).
    ResetWeights,
    /// The decision note was written to this file.
    Exported(PathBuf),
    /// Exporting the decision note failed (the message says why); the state is kept.
    ExportFailed(String),
    /// The voting round (issue 17): its view, and what its server and ballot files report.
    Round(super::screens::round::RoundAction),
    /// The export target exists: ask before overwriting it.
    ExportExists(PathBuf),
    /// Scroll the screen's long pane (PgUp/PgDn/Home/End).
    Scroll(super::widgets::scroll::Scroll),
    /// The application portfolio (issue 16): open, search, filter, sort, loaded.
    Portfolio(super::screens::portfolio::PortfolioKey),
    // Decision screens (issue 15, part A).
    /// Summary: the projector view of the decision on or off.
    ToggleProjector,
    /// The high-contrast theme on or off (any screen).
    ToggleContrast,
    /// Weights: save the weights in focus under a name (asks for the name).
    SaveWeightSet,
    /// Comparison: the named weight sets side by side on or off.
    ToggleWeightSets,
}

/// Work `update` asks the app to do outside the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write the session to this file.
    Save(PathBuf),
    /// Open a start-screen item.
    Open(StartKind),
    /// Write the decision note to this file (format from the extension); an existing file
    /// only when `overwrite` (the room confirmed).
    Export { path: PathBuf, overwrite: bool },
    /// Read the profile's application portfolio (issue 16).
    LoadPortfolio,
    /// The voting round's I/O (issue 17): server, addresses, ballot files.
    Round(super::screens::round::RoundEffect),
    /// Import this portfolio file (issue 16, the TUI's import dialog).
    ImportPortfolio(PathBuf),
}

/// Applies an action to the state; returns the I/O the app must carry out, if any. Afterwards
/// the analyses of an open sensitivity or group view are brought up to date, so that drawing
/// never computes.
pub fn update(state: &mut State, action: Action) -> Option<Effect> {
    // A status message lasts until the next thing the user does; what the app reports
    // (the autosave after each action, a resize) leaves it standing.
    if !matches!(
        action,
        Action::Resize(..) | Action::Autosaved | Action::NotAutosaved
    ) {
        state.status = None;
    }
    // Every edit of the weights, their elicitation or the business case can be taken back.
    // Issue 17 (f17): applying a voting round is one step with the marks it sets.
    let round_marks = matches!(
        action,
        Action::Round(super::screens::round::RoundAction::Apply)
    );
    let undoable = (!matches!(
        action,
        Action::Undo | Action::Loaded { .. } | Action::Restore(_) | Action::Resize(..)
    ))
    .then(|| state.undoable(round_marks));
    let effect = apply(state, action);
    // Issue 16 (port2): the landscape shows the portfolio's counts, so showing it reads the
    // profile's portfolio once.
    let effect = effect.or_else(|| screens::portfolio::after_update(state));
    if let Some(before) = undoable
        && state.undoable(round_marks) != before
    {
        state.undo.push(before);
        if state.undo.len() > UNDO_DEPTH {
            state.undo.remove(0);
        }
    }
    state.refresh_analyses();
    effect
}

fn apply(state: &mut State, action: Action) -> Option<Effect> {
    match action {
        // The voting round (issue 17): its own update; ballots arrive here whatever is open.
        Action::Round(a) => return super::screens::round::update(state, a),
        Action::Resize(w, h) => {
            state.size = (w, h);
            return None;
        }
        Action::Saved(path) => {
            state.status = Some(Status::new(false, |l| {
                format!("{} {}", crate::i18n::tui(l).saved_to, path.display())
            }));
            state.unsaved = false;
            if state.quit_after_save {
                state.quit = true;
            }
            return None;
        }
        Action::SaveFailed(msg) => {
            state.status = Some(Status::new(true, |l| {
                format!("{}: {msg}", crate::i18n::tui(l).save_failed)
            }));
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
            state.status = Some(Status::new(true, |l| {
                format!("{}: {msg}", crate::i18n::tui(l).autosave_failed)
            }));
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
            state.status = Some(Status::new(true, |l| crate::i18n::tui(l).read_only.into()));
            return None;
        }
        Action::Exported(path) => {
            state.status = Some(Status::new(false, |l| {
                format!("{} {}", crate::i18n::tui_bc(l).exported_to, path.display())
            }));
            return None;
        }
        Action::ExportFailed(msg) => {
            state.status = Some(Status::new(true, |l| {
                format!("{}: {msg}", crate::i18n::tui_bc(l).export_failed)
            }));
            // The dialog comes back with what was typed, to correct it.
            state.popup = Some(Popup::Input {
                purpose: InputPurpose::ExportPath,
                buffer: state.default_export_path.clone(),
            });
            return None;
        }
        Action::ExportExists(path) => {
            let shown = path.display().to_string();
            state.status = Some(Status::new(true, |l| {
                crate::i18n::fill(crate::i18n::room(l).export_exists, &[("path", &shown)])
            }));
            state.confirm_overwrite = Some(path);
            state.popup = Some(Popup::Input {
                purpose: InputPurpose::ExportPath,
                buffer: state.default_export_path.clone(),
            });
            return None;
        }
        Action::LoadFailed(msg) => {
            state.opened = None;
            state.open_then = None;
            state.status = Some(Status::new(true, |l| {
                format!("{}: {msg}", crate::i18n::tui(l).load_failed)
            }));
            return None;
        }
        Action::Loaded { profile, origin } => {
            state.weights = super::state::initial_weights(&profile);
            state.elicit.clear();
            state.weight_records.clear();
            state.profile = *profile;
            state.origin = origin;
            state.entered = super::state::initial_entered(&state.profile);
            state.reveal = false;
            state.entering = None;
            state.member = state.group_slot().unwrap_or(0);
            state.profile_weights = (state.weights.clone(), state.profile.weights.clone());
            state.undo.clear();
            // The start list keeps its highlight on the profile just opened.
            let start = state.cursor.start;
            state.cursor = Default::default();
            state.cursor.start = start;
            state.recompute();
            state.screen = state.open_then.take().unwrap_or(Screen::Situation);
            state.status = Some(Status::new(false, |l| {
                format!(
                    "{}: {}",
                    crate::i18n::tui(l).profile_loaded,
                    state.profile.title
                )
            }));
            return None;
        }
        Action::OfferRestore(session) => {
            state.popup = Some(Popup::Restore(session));
            return None;
        }
        Action::Restore(session) => {
            state.apply_session(*session);
            state.popup = None;
            state.status = Some(Status::new(false, |l| crate::i18n::tui(l).restored.into()));
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
                state.status = Some(Status::new(true, |l| {
                    crate::i18n::tui(l).quit_unsaved.into()
                }));
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
        // On Start a digit opens the highlighted profile (when it is not the one open) and
        // goes to that screen once it has loaded: never the demo whatever is highlighted.
        Action::GoTo(i)
            if state.screen == Screen::Start
                && Screen::at(i) != Screen::Start
                && state.opened != Some(state.cursor.start) =>
        {
            if let Some(item) = state.start_items.get(state.cursor.start) {
                state.open_then = Some(Screen::at(i));
                state.opened = Some(state.cursor.start);
                return Some(Effect::Open(item.kind.clone()));
            }
            go(state, Screen::at(i));
        }
        Action::GoTo(i) => go(state, Screen::at(i)),
        Action::ToggleLang => {
            state.lang = state.lang.toggled();
        }
        Action::Help => state.popup = Some(Popup::Help),
        Action::ToggleContrast => {
            state.theme = state.theme.contrast_toggled();
            let on = state.theme.is_high_contrast();
            state.status = Some(Status::new(false, |l| {
                let d = crate::i18n::decision(l);
                (if on { d.contrast_on } else { d.contrast_off }).into()
            }));
        }
        Action::SaveAs => {
            state.popup = Some(Popup::Input {
                purpose: InputPurpose::SavePath,
                buffer: state.default_save_path.clone(),
            })
        }
        Action::NextMember => {
            state.member = (state.member + 1) % state.focus_count();
            // The blind round: the next member's weights stay hidden until it starts entering.
            state.entering = None;
        }
        Action::ToggleGroup => {
            if state.is_group() {
                state.group_view = !state.group_view;
                // sb: the group view (or the ranking) opens at its top.
                state.cursor.scroll[Screen::Comparison.index()] = 0;
            }
        }
        Action::EditNotes => {
            let (kind, text) = state
                .note_draft
                .take()
                .unwrap_or((crate::io::store::NoteKind::Decision, String::new()));
            state.popup = Some(Popup::Note(Box::new(NoteEditor::new(kind, &text))));
        }
        // A paste outside a text field does nothing: its text is not a list of commands.
        Action::Paste(_) => {}
        Action::Undo => {
            let ok = match state.undo.pop() {
                Some(u) => {
                    state.restore_undoable(u);
                    true
                }
                None => false,
            };
            state.status = Some(Status::new(!ok, |l| {
                let r = crate::i18n::room(l);
                (if ok { r.undone } else { r.nothing_to_undo }).into()
            }));
        }
        Action::ResetWeights => {
            let (members, plenary) = state.profile_weights.clone();
            if !members.is_empty() {
                state.weights = members;
            }
            state.profile.weights = plenary;
            state.weight_records = vec![];
            state.elicit = vec![];
            state.previous_ranks.clear();
            state.recompute();
            state.status = Some(Status::new(false, |l| {
                crate::i18n::room(l).weights_reset.into()
            }));
        }
        Action::Back => state.status = None,
        // The blind round ends (or is hidden again) on every screen, not only the group view.
        Action::Reveal if state.is_group() => {
            state.reveal = !state.reveal;
            state.entering = None;
            let revealed = state.reveal;
            state.status = Some(Status::new(false, |l| {
                let r = crate::i18n::room(l);
                (if revealed { r.revealed } else { r.hidden_again }).into()
            }));
        }
        // The blind round: a member's hidden screen opens for the member at the keyboard
        // only on the weights screen, and the first key only opens it.
        Action::Select | Action::Increase | Action::Decrease | Action::Left | Action::Right
            if state.blind_hidden() && state.screen == Screen::Weights =>
        {
            state.entering = Some(state.member);
        }
        // Nothing else reaches a screen whose content is hidden (a click on a hidden slider).
        _ if state.blind_hidden()
            && matches!(
                state.screen,
                Screen::Weights | Screen::Landscape | Screen::Summary
            ) => {}
        // Issue 16 (port2): the import dialog and a read portfolio answer on any screen.
        Action::Portfolio(
            k @ (screens::portfolio::PortfolioKey::Import
            | screens::portfolio::PortfolioKey::Imported(..)
            | screens::portfolio::PortfolioKey::Loaded(..)
            | screens::portfolio::PortfolioKey::Reloaded(..)),
        ) => return screens::portfolio::handle_global(state, k),
        other => return screens::handle(state, other),
    }
    None
}

fn go(state: &mut State, screen: Screen) {
    if state.screen != screen {
        state.screen = screen;
    }
}

fn popup_update(state: &mut State, popup: Popup, action: Action) -> Option<Effect> {
    match popup {
        Popup::Help => match action {
            Action::Back | Action::Help | Action::Select => None,
            Action::ToggleLang => {
                state.lang = state.lang.toggled();
                state.popup = Some(Popup::Help);
                None
            }
            _ => {
                state.popup = Some(Popup::Help);
                None
            }
        },
        Popup::Why => match action {
            Action::Back | Action::Select => None,
            Action::ToggleLang => {
                state.lang = state.lang.toggled();
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
        Popup::PortfolioProblems(p) => screens::portfolio::problems_update(state, p, action),
        Popup::Note(mut editor) => match action {
            Action::NoteKey(key) => {
                editor.area.input(key);
                state.popup = Some(Popup::Note(editor));
                None
            }
            Action::Paste(text) => {
                // Terminals send a pasted line break as CR (tmux, most emulators) or CR LF.
                editor
                    .area
                    .insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
                state.popup = Some(Popup::Note(editor));
                None
            }
            Action::NoteKind => {
                editor.kind = editor.kind.next();
                state.popup = Some(Popup::Note(editor));
                None
            }
            Action::Select => {
                let text = editor.text().trim_end().to_string();
                if !text.trim().is_empty() {
                    state.room_notes.push(crate::io::store::RoomNote {
                        kind: editor.kind,
                        text,
                    });
                    state.status = Some(Status::new(false, |l| {
                        crate::i18n::room(l).note_saved.into()
                    }));
                }
                None
            }
            // Esc closes; what was typed stays as a draft for the next `n`.
            Action::Back => {
                let text = editor.text();
                if !text.trim().is_empty() {
                    state.note_draft = Some((editor.kind, text));
                    state.status = Some(Status::new(false, |l| {
                        crate::i18n::room(l).note_draft_kept.into()
                    }));
                }
                None
            }
            _ => {
                state.popup = Some(Popup::Note(editor));
                None
            }
        },
        Popup::Input {
            purpose,
            mut buffer,
        } => match action {
            // A pasted line goes in whole (line breaks become spaces), never as commands.
            Action::Paste(text) => {
                buffer.extend(
                    text.chars()
                        .map(|c| {
                            if matches!(c, '\n' | '\r' | '\t') {
                                ' '
                            } else {
                                c
                            }
                        })
                        .filter(|&c| purpose_accepts(purpose, c)),
                );
                state.popup = Some(Popup::Input { purpose, buffer });
                None
            }
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
        // Grouped as the room reads it: `45.300` (Dutch) or `45,300` (English).
        InputPurpose::Number(_) => c.is_ascii_digit() || matches!(c, ',' | '.' | ' '),
        InputPurpose::BusinessCase(_) => {
            c.is_ascii_digit() || matches!(c, ',' | '.' | '/' | ' ' | '-')
        }
        InputPurpose::SavePath
        | InputPurpose::SaveBeforeQuit
        | InputPurpose::ExportPath
        | InputPurpose::PortfolioSearch
        | InputPurpose::PortfolioImport => !c.is_control(),
        InputPurpose::WeightSetName => !c.is_control(),
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
            if buffer.trim().is_empty() {
                return None;
            }
            let target = state.export_target(&buffer);
            state.default_export_path = buffer.trim().to_string();
            // The second Enter on a target the room was asked about overwrites it.
            let overwrite = state.confirm_overwrite.take().as_ref() == Some(&target);
            Some(Effect::Export {
                path: target,
                overwrite,
            })
        }
        InputPurpose::BusinessCase(field) => {
            match screens::business_case::commit(state, field, &buffer) {
                Ok(text) => {
                    state.status = Some(Status::new(false, |_| text.clone()));
                }
                Err(text) => {
                    // The value is refused: the state is kept and the prompt stays open.
                    state.status = Some(Status::new(true, |_| text.clone()));
                    state.popup = Some(Popup::Input { purpose, buffer });
                }
            }
            None
        }
        InputPurpose::PortfolioSearch => {
            screens::portfolio::commit_search(state, buffer);
            None
        }
        InputPurpose::PortfolioImport => screens::portfolio::commit_import(state, buffer),
        InputPurpose::WeightSetName => {
            if let Err(status) = screens::weights::save_set(state, &buffer) {
                // No name: the prompt stays open with the reason.
                state.status = Some(status);
                state.popup = Some(Popup::Input { purpose, buffer });
            }
            None
        }
        InputPurpose::Number(field) => {
            match crate::report::number::parse_count(&buffer, state.lang)
                .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
            {
                Ok(n) if n > 0 => {
                    if let Err(msg) = screens::situation::set_number(state, field, n) {
                        // Refused as `validate` refuses it: the prompt stays, the value kept.
                        state.status = Some(Status::new(true, |_| msg.clone()));
                        state.popup = Some(Popup::Input { purpose, buffer });
                    }
                }
                Err(e) => {
                    // What is wrong and what is allowed, from the one reader of typed numbers.
                    state.status = Some(Status::new(true, |l| {
                        crate::report::number::InputError {
                            lang: l,
                            ..e.clone()
                        }
                        .to_string()
                    }));
                    state.popup = Some(Popup::Input { purpose, buffer });
                }
                Ok(_) => {
                    state.status = Some(Status::new(true, |l| {
                        crate::i18n::tui(l).not_a_number.into()
                    }));
                    state.popup = Some(Popup::Input { purpose, buffer });
                }
            }
            None
        }
    }
}
