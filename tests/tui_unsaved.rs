//! Never lose the room's work: after a failed autosave (or in a read-only second instance)
//! `q` asks where to save instead of quitting; quitting without saving takes an explicit
//! Ctrl-C at that prompt. And a second instance on the same data folder does not autosave over
//! the first one's session. Driven through the keymap, `update` and the app's effects
//! (`dispatch`, `autosave`, `claim_data_dir`) — the same path the terminal loop takes.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

mod common;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use wolkwijzer::core::text::Lang;
use wolkwijzer::io::store;
use wolkwijzer::tui::app::{autosave, claim_data_dir, dispatch};
use wolkwijzer::tui::keymap::action_for_key;
use wolkwijzer::tui::state::{InputPurpose, Popup};
use wolkwijzer::tui::{Action, State};

fn press(state: &mut State, code: KeyCode, mods: KeyModifiers) {
    if let Some(a) = action_for_key(state, KeyEvent::new(code, mods)) {
        dispatch(state, a);
    }
}

fn key(state: &mut State, c: char) {
    press(state, KeyCode::Char(c), KeyModifiers::NONE);
}

fn asking(state: &State) -> bool {
    matches!(
        state.popup,
        Some(Popup::Input {
            purpose: InputPurpose::SaveBeforeQuit,
            ..
        })
    )
}

/// A demo state on the situation screen with one change made and an autosave that failed
/// because its folder is not a folder.
fn after_a_failed_autosave(dir: &std::path::Path) -> State {
    let mut s = common::demo(Lang::En);
    dispatch(&mut s, Action::NextScreen);
    // Never saved yet: the first autosave writes.
    let mut saved = None;
    let blocker = dir.join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    autosave(
        &mut s,
        &mut saved,
        Some(&blocker.join(store::AUTOSAVE_FILE)),
    );
    assert!(s.unsaved, "a failed autosave marks the work as unsaved");
    assert!(s.status.as_ref().is_some_and(|st| st.error));
    s
}

#[test]
fn q_after_a_failed_autosave_asks_where_to_save_and_quits_after_saving() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = after_a_failed_autosave(dir.path());
    key(&mut s, 'q');
    assert!(!s.quit, "q quit with unsaved changes");
    assert!(asking(&s));
    let status = s.status.clone().unwrap();
    assert!(
        status.text(s.lang).contains("Ctrl-C quits without saving"),
        "{status:?}"
    );
    // Replace the proposed path with one in a writable folder, and press Enter.
    let Some(Popup::Input { buffer, .. }) = &s.popup else {
        unreachable!()
    };
    for _ in 0..buffer.chars().count() {
        press(&mut s, KeyCode::Backspace, KeyModifiers::NONE);
    }
    let target = dir.path().join("gered.toml");
    for c in target.display().to_string().chars() {
        key(&mut s, c);
    }
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert!(s.quit, "saved, then quit");
    assert!(!s.unsaved);
    let back = store::load(&target).unwrap();
    assert_eq!(back, s.session());
}

#[test]
fn esc_at_the_quit_prompt_goes_back_to_work() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = after_a_failed_autosave(dir.path());
    key(&mut s, 'q');
    assert!(asking(&s));
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert!(!s.quit);
    assert!(s.popup.is_none());
    // Still unsaved: q asks again.
    key(&mut s, 'q');
    assert!(asking(&s) && !s.quit);
}

#[test]
fn a_save_that_fails_at_the_quit_prompt_asks_again_and_does_not_quit() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = after_a_failed_autosave(dir.path());
    s.default_save_path = dir
        .path()
        .join("not-a-folder")
        .join("x.toml")
        .display()
        .to_string();
    key(&mut s, 'q');
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert!(!s.quit, "quit although the save failed");
    assert!(asking(&s), "the prompt is offered again");
    assert!(s.status.as_ref().is_some_and(|st| st.error));
}

#[test]
fn ctrl_c_at_the_quit_prompt_is_the_explicit_discard() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = after_a_failed_autosave(dir.path());
    press(&mut s, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(!s.quit, "the first Ctrl-C asks too");
    assert!(asking(&s));
    press(&mut s, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(s.quit);
}

#[test]
fn a_successful_autosave_lets_q_quit_at_once_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = after_a_failed_autosave(dir.path());
    // A change after the failed autosave.
    let mut saved = Some(s.session());
    s.lang = s.lang.toggled();
    autosave(
        &mut s,
        &mut saved,
        Some(&dir.path().join(store::AUTOSAVE_FILE)),
    );
    assert!(!s.unsaved);
    key(&mut s, 'q');
    assert!(s.quit);
}

#[test]
fn a_second_instance_on_the_same_data_folder_is_read_only_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = common::demo(Lang::En);
    let (lock, first_autosave) = claim_data_dir(&mut first, Some(dir.path()));
    assert!(lock.is_some());
    let first_autosave = first_autosave.expect("the first instance autosaves");
    let mut saved = Some(first.session());
    first.notes = "the first room's notes".into();
    autosave(&mut first, &mut saved, Some(&first_autosave));
    let on_disk = std::fs::read_to_string(&first_autosave).unwrap();

    let mut second = common::demo(Lang::En);
    let (lock2, second_autosave) = claim_data_dir(&mut second, Some(dir.path()));
    assert!(lock2.is_none() && second_autosave.is_none());
    assert!(second.read_only);
    let status = second.status.clone().unwrap();
    assert!(
        status
            .text(second.lang)
            .contains("Another wolkwijzer is using this data folder"),
        "{status:?}"
    );
    // It proposes a session file of its own for `s`.
    assert_ne!(
        std::path::Path::new(&second.default_save_path),
        first_autosave.as_path()
    );
    assert!(
        second
            .default_save_path
            .contains(&std::process::id().to_string())
    );
    // Its changes do not touch the first one's autosave, and q asks where to save them.
    let mut saved2 = Some(second.session());
    second.notes = "the second room's notes".into();
    autosave(&mut second, &mut saved2, second_autosave.as_deref());
    assert_eq!(std::fs::read_to_string(&first_autosave).unwrap(), on_disk);
    key(&mut second, 'q');
    assert!(!second.quit && asking(&second));

    // Once the first instance is gone, the next one owns the folder again.
    drop(lock);
    let mut third = common::demo(Lang::En);
    let (lock3, auto3) = claim_data_dir(&mut third, Some(dir.path()));
    assert!(lock3.is_some() && auto3.is_some() && !third.read_only);
}

#[cfg(unix)]
#[test]
fn claiming_the_data_folder_sweeps_temp_files_of_dead_runs() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let stale = dir
        .path()
        .join(format!(".{}.{dead}.tmp", store::AUTOSAVE_FILE));
    std::fs::write(&stale, "half a session").unwrap();
    let mut s = common::demo(Lang::En);
    let (_lock, _) = claim_data_dir(&mut s, Some(dir.path()));
    assert!(!stale.exists());
}
