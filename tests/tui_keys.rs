//! Key-driven tests: actions (and real key events through the key table) walk the whole
//! workshop through `update`, and the resulting state is asserted — not the screen.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

mod common;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use wolkwijzer::core::catalogue::{DataClass, Deployment};
use wolkwijzer::core::criteria::Criterion;
use wolkwijzer::core::text::Lang;
use wolkwijzer::tui::app;
use wolkwijzer::tui::keymap::action_for_key;
use wolkwijzer::tui::state::{Popup, SituationField};
use wolkwijzer::tui::{Action, Effect, Screen, State, update};

fn key(state: &mut State, code: KeyCode) -> Option<Effect> {
    let mods = match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    let a = action_for_key(state, KeyEvent::new(code, mods))?;
    update(state, a)
}

/// A left click as the terminal reports it, through the same path as the app: the key table
/// resolves it against the drawn layout before `update` sees it.
fn click(state: &mut State, column: u16, row: u16) {
    use ratatui::crossterm::event::{Event, MouseButton, MouseEvent, MouseEventKind};
    let ev = Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    });
    if let Some(a) = wolkwijzer::tui::keymap::action_for_event(state, &ev) {
        update(state, a);
    }
}

fn keys(state: &mut State, s: &str) {
    for c in s.chars() {
        key(state, KeyCode::Char(c));
    }
}

fn leader_deployment(state: &State) -> Deployment {
    state.evaluation().unwrap().leader().unwrap().key.deployment
}

#[test]
fn tab_walks_every_screen_in_order_and_wraps() {
    let mut s = common::demo(Lang::Nl);
    let mut seen = vec![s.screen];
    for _ in 0..10 {
        key(&mut s, KeyCode::Tab);
        seen.push(s.screen);
    }
    assert_eq!(&seen[..10], &Screen::ALL);
    assert_eq!(seen[10], Screen::Start);
    key(&mut s, KeyCode::BackTab);
    assert_eq!(s.screen, Screen::Summary);
    for (i, c) in "1234567890".chars().enumerate() {
        key(&mut s, KeyCode::Char(c));
        assert_eq!(s.screen, Screen::ALL[i]);
    }
}

#[test]
fn privacy_at_maximum_means_no_public_candidate_leads() {
    let mut s = common::demo(Lang::Nl);
    keys(&mut s, "6");
    assert_eq!(s.screen, Screen::Weights);
    // Make flexibility the only thing that counts: public cloud leads.
    for (row, c) in Criterion::ALL.iter().enumerate() {
        let v = if *c == Criterion::Flexibility {
            100.0
        } else {
            0.0
        };
        update(&mut s, Action::SetWeight { row, value: v });
    }
    assert_eq!(leader_deployment(&s), Deployment::Public);
    // Raise privacy to the maximum with the keys.
    keys(&mut s, "kkkkkkkk"); // to the top row: privacy
    assert_eq!(Criterion::ALL[s.cursor.weight], Criterion::Privacy);
    for _ in 0..30 {
        keys(&mut s, "+");
    }
    assert_eq!(s.member_weights().get(Criterion::Privacy), 100.0);
    // Since 2026 an EU public cloud can still lead when flexibility weighs as much as privacy;
    // with flexibility back to 0 the room weighs privacy alone.
    flexibility_off(&mut s);
    assert_ne!(leader_deployment(&s), Deployment::Public);
    let e = s.evaluation().unwrap();
    assert!(
        e.ranking
            .iter()
            .take(3)
            .all(|r| !r.key.deployment.is_public())
    );
}

#[test]
fn all_weights_zero_is_shown_not_a_crash() {
    let mut s = common::demo(Lang::En);
    update(&mut s, Action::GoTo(5));
    for row in 0..Criterion::ALL.len() {
        update(&mut s, Action::SetWeight { row, value: 0.0 });
    }
    assert!(s.evaluation().is_err());
    for i in 0..9 {
        update(&mut s, Action::GoTo(i));
        update(&mut s, Action::Select);
        update(&mut s, Action::Back);
        let text = common::render(&s, 100, 30);
        assert!(text.lines().count() == 30);
    }
    // Back up again: the ranking returns.
    update(&mut s, Action::GoTo(5));
    keys(&mut s, "+");
    assert!(s.evaluation().is_ok());
}

#[test]
fn the_whole_walk_through_update() {
    let mut s = common::demo(Lang::Nl);
    let session0 = s.session();

    // 1 start: Enter opens the demo (an effect for the app), the app reports back.
    let eff = key(&mut s, KeyCode::Enter).expect("opening is an effect");
    let outcome = app::perform(eff, &s);
    app::dispatch(&mut s, outcome);
    assert_eq!(s.screen, Screen::Situation);
    assert!(s.status.as_ref().is_some_and(|st| !st.error));

    // 2 situation: type a new number of inhabitants, cycle a workload's data class.
    key(&mut s, KeyCode::Enter);
    assert!(matches!(s.popup, Some(Popup::Input { .. })));
    for _ in 0..6 {
        key(&mut s, KeyCode::Backspace);
    }
    keys(&mut s, "46x000"); // the x is ignored: numbers only
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.profile.subject.members()[0].inhabitants, 46000);
    keys(&mut s, "jjj"); // first workload (BRP)
    let before = s.profile.workloads[0].data;
    assert_eq!(before, DataClass::Brp);
    key(&mut s, KeyCode::Left);
    assert_eq!(s.profile.workloads[0].data, DataClass::Personal);
    key(&mut s, KeyCode::Right);
    assert_eq!(s.profile.workloads[0].data, DataClass::Brp);

    // 3 options, 4 layers, 5 deployments: moving the cursors.
    keys(&mut s, "3jjj");
    assert_eq!(s.cursor.option, 3);
    keys(&mut s, "4ll");
    assert_eq!(s.cursor.model, 2);
    keys(&mut s, "5jj");
    assert_eq!(s.cursor.deployment, 2);

    // 6 weights: privacy down three steps.
    keys(&mut s, "6");
    let p = s.member_weights().get(Criterion::Privacy);
    keys(&mut s, "---");
    assert_eq!(s.member_weights().get(Criterion::Privacy), p - 15.0);

    // 7 comparison: a cell, then "why", then back out.
    keys(&mut s, "7jl");
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.popup, Some(Popup::Why));
    keys(&mut s, "j"); // moving keeps "why" open, on the next row
    assert_eq!(s.popup, Some(Popup::Why));
    assert_eq!((s.cursor.cmp_row, s.cursor.cmp_col), (2, 1));
    key(&mut s, KeyCode::Esc);
    assert_eq!(s.popup, None);

    // 8 business case: the second scenario, its first one-off cost edited in place.
    keys(&mut s, "8l");
    assert_eq!(s.cursor.bc_scenario, 1);
    keys(&mut s, "jjjj");
    key(&mut s, KeyCode::Enter);
    assert!(matches!(s.popup, Some(Popup::Input { .. })));
    key(&mut s, KeyCode::Esc);

    // 9 landscape, 0 (screen 10) summary with a note.
    keys(&mut s, "9jj");
    assert_eq!(s.cursor.landscape, 2);
    keys(&mut s, "0n");
    keys(&mut s, "Raad: SSC");
    key(&mut s, KeyCode::F(2));
    assert_eq!(s.room_notes[0].text, "Raad: SSC");

    // L toggles the language, also inside the session.
    keys(&mut s, "L");
    assert_eq!(s.lang, Lang::En);
    assert_eq!(s.session().language, Lang::En);

    // s asks for a file and gives a save effect.
    keys(&mut s, "s");
    for _ in 0..200 {
        key(&mut s, KeyCode::Backspace);
    }
    keys(&mut s, "out.toml");
    let eff = key(&mut s, KeyCode::Enter);
    assert_eq!(eff, Some(Effect::Save("out.toml".into())));

    assert_ne!(s.session(), session0);
    keys(&mut s, "q");
    assert!(s.quit);
}

#[test]
fn ctrl_c_quits_even_in_a_prompt() {
    let mut s = common::demo(Lang::Nl);
    keys(&mut s, "s");
    let a = action_for_key(&s, KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(a, Some(Action::Quit));
    // In a prompt, q is just a letter.
    keys(&mut s, "q");
    assert!(!s.quit);
}

#[test]
fn a_failing_save_keeps_the_state_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = common::demo(Lang::Nl);
    keys(&mut s, "6+");
    let before = s.session();
    // A directory is not a file: the save fails.
    let outcome = app::perform(Effect::Save(dir.path().into()), &s);
    app::dispatch(&mut s, outcome);
    let st = s.status.clone().expect("a message");
    assert!(st.error, "{st:?}");
    assert!(
        st.text(s.lang).contains("Opslaan mislukt"),
        "{}",
        st.text(s.lang)
    );
    assert_eq!(s.session(), before);
}

#[test]
fn autosave_writes_after_a_change_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("autosave.toml");
    let mut s = common::demo(Lang::Nl);
    let mut saved = Some(s.session());
    app::autosave(&mut s, &mut saved, Some(&path));
    assert!(!path.exists(), "nothing changed yet");
    keys(&mut s, "6+");
    app::autosave(&mut s, &mut saved, Some(&path));
    let back = wolkwijzer::io::store::load(&path).unwrap();
    assert_eq!(back, s.session());
    assert_eq!(back.screen, "weights");
}

#[test]
fn group_members_have_their_own_weights_and_the_group_view_shows_differences() {
    let mut s = common::group(Lang::Nl);
    assert!(s.is_group());
    assert_eq!(s.weights.len(), 3);
    keys(&mut s, "6");
    // The focus starts on the group itself; `m` moves on to the members.
    assert!(s.focus_is_group());
    // Second municipality: only flexibility counts (Enter opens its blind entry).
    keys(&mut s, "mm");
    assert_eq!(s.member, 1);
    update(&mut s, Action::Select);
    for (row, c) in Criterion::ALL.iter().enumerate() {
        let v = if *c == Criterion::Flexibility {
            100.0
        } else {
            0.0
        };
        update(&mut s, Action::SetWeight { row, value: v });
    }
    assert_eq!(s.weights[0], s.weights[2]);
    assert_ne!(s.weights[0], s.weights[1]);
    let lead = |i: usize| s.evaluations[i].as_ref().unwrap().ranking[0].key;
    assert_ne!(lead(0), lead(1));
    keys(&mut s, "7gr");
    assert!(s.group_view);
    let text = common::render(&s, 160, 48);
    // The group view marks where a member's own choice differs from the group's.
    assert!(text.contains("Groepsoverzicht"), "{text}");
    assert!(text.contains("≠ "), "{text}");
    keys(&mut s, "mm");
    assert!(
        s.focus_is_group(),
        "after the last member the focus is the group again"
    );
    keys(&mut s, "m");
    assert_eq!(s.member, 0);
}

#[test]
fn mouse_clicks_on_tabs_rows_and_sliders() {
    let mut s = common::demo(Lang::Nl);
    update(&mut s, Action::Resize(160, 48));
    // Tabs are on row 1; find the "6 Gewichten" tab by its label.
    let text = common::render(&s, 160, 48);
    let tabs = text.lines().nth(1).unwrap();
    let col = tabs.find("6 Gewichten").unwrap() as u16;
    let col = tabs[..col as usize].chars().count() as u16;
    click(&mut s, col + 1, 1);
    assert_eq!(s.screen, Screen::Weights);
    // Click far right on the privacy slider's bar: the maximum.
    let text = common::render(&s, 160, 48);
    let (y, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("▶ Privacy"))
        .unwrap();
    // The slider is in the left panel, which ends at the "30%" share.
    let left = &line[..line.find('%').unwrap()];
    let bar_end = left.rfind('·').or_else(|| left.rfind('█')).unwrap();
    let x = left[..bar_end].chars().count() as u16;
    let a = wolkwijzer::tui::layout::hit(&s, x, y as u16);
    assert_eq!(
        a,
        Some(Action::SetWeight {
            row: 0,
            value: 100.0
        }),
        "x={x} y={y} {line}"
    );
    click(&mut s, x, y as u16);
    assert_eq!(s.member_weights().get(Criterion::Privacy), 100.0);
    // Click a row on the options screen.
    update(&mut s, Action::GoTo(2));
    let text = common::render(&s, 160, 48);
    let y = text.lines().position(|l| l.contains("4  SSC")).unwrap();
    click(&mut s, 8, y as u16);
    assert_eq!(s.cursor.option, 3);
}

#[test]
fn input_number_rejects_zero_and_keeps_the_prompt() {
    let mut s = common::demo(Lang::En);
    keys(&mut s, "2");
    key(&mut s, KeyCode::Enter);
    for _ in 0..10 {
        key(&mut s, KeyCode::Backspace);
    }
    keys(&mut s, "0");
    key(&mut s, KeyCode::Enter);
    assert!(matches!(
        s.popup,
        Some(Popup::Input {
            purpose: wolkwijzer::tui::state::InputPurpose::Number(SituationField::Inhabitants),
            ..
        })
    ));
    assert!(s.status.as_ref().unwrap().error);
    key(&mut s, KeyCode::Esc);
    assert_eq!(s.popup, None);
    assert_eq!(s.profile.subject.members()[0].inhabitants, 45300);
}

/// Sets the weight of flexibility to 0 (since 2026 an EU public cloud can still lead when
/// flexibility weighs as much as privacy).
fn flexibility_off(s: &mut wolkwijzer::tui::State) {
    let row = Criterion::ALL
        .iter()
        .position(|&c| c == Criterion::Flexibility)
        .unwrap();
    update(s, Action::SetWeight { row, value: 0.0 });
}

#[test]
fn the_live_ranking_shows_how_candidates_moved() {
    let mut s = common::demo(Lang::En);
    update(&mut s, Action::GoTo(5));
    for (row, c) in Criterion::ALL.iter().enumerate() {
        let v = if *c == Criterion::Flexibility {
            100.0
        } else {
            0.0
        };
        update(&mut s, Action::SetWeight { row, value: v });
    }
    let public_leader = s.evaluation().unwrap().ranking[0].key;
    assert_eq!(public_leader.deployment, Deployment::Public);
    update(
        &mut s,
        Action::SetWeight {
            row: 0,
            value: 100.0,
        },
    );
    // Privacy alone: flexibility back to 0 (an EU public cloud still leads at equal weights).
    flexibility_off(&mut s);
    let e = s.evaluation().unwrap();
    let now = e.ranked(public_leader).unwrap().rank;
    assert!(now > 1);
    assert_eq!(s.movement(public_leader, now), 1 - now as i64);
    let text = common::render(&s, 120, 36);
    assert!(text.contains('▼') && text.contains('▲'), "{text}");
}

#[test]
fn mouse_on_the_layer_matrix_and_the_situation_rows() {
    let mut s = common::demo(Lang::Nl);
    update(&mut s, Action::Resize(120, 36));
    update(&mut s, Action::GoTo(3));
    let text = common::render(&s, 120, 36);
    let header = text.lines().position(|l| l.contains("PaaS")).unwrap();
    let line = text.lines().nth(header).unwrap();
    let col = line[..line.find("PaaS").unwrap()].chars().count() as u16;
    click(&mut s, col, header as u16);
    assert_eq!(s.cursor.model, 2, "{line}");
    update(&mut s, Action::GoTo(1));
    let text = common::render(&s, 120, 36);
    let y = text
        .lines()
        .position(|l| l.contains("Belastingen en WOZ"))
        .unwrap();
    click(&mut s, 10, y as u16);
    assert_eq!(s.cursor.situation, 5);
    // A click in the right panel is not a row of the list.
    click(&mut s, 110, 5);
    assert_eq!(s.cursor.situation, 5);
}

/// Defect 8: a failed save is told in the room's language by its kind, never as the system's
/// English "(os error 20)"; the language follows `L`.
#[test]
fn a_failed_save_says_why_in_the_rooms_language() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the folder should be: the session cannot be written below it.
    let blocker = dir.path().join("bestand");
    std::fs::write(&blocker, "x").unwrap();
    let target = blocker.join("sessie.toml");
    let mut s = common::demo(Lang::Nl);
    let outcome = app::perform(Effect::Save(target.clone()), &s);
    assert!(matches!(outcome, Action::SaveFailed(_)), "{outcome:?}");
    update(&mut s, outcome);
    let text = common::render(&s, 160, 48);
    let status = text
        .lines()
        .find(|l| l.contains("sessie.toml"))
        .unwrap_or_else(|| panic!("no status: {text}"));
    assert!(!status.contains("os error"), "{status}");
    assert!(
        ["een bestand, geen map", "bestaat al", "de map bestaat niet"]
            .iter()
            .any(|w| status.contains(w)),
        "{status}"
    );
}

/// The mouse: a click reaches `update` as what it means, resolved against the drawn layout
/// (here a row of the options list), never as a screen position.
#[test]
fn a_click_is_resolved_before_update() {
    use ratatui::crossterm::event::{Event, MouseButton, MouseEvent, MouseEventKind};
    let mut s = common::demo(Lang::Nl);
    update(&mut s, Action::Resize(160, 48));
    update(&mut s, Action::GoTo(Screen::Options.index()));
    let text = common::render(&s, 160, 48);
    let y = text.lines().position(|l| l.contains("4  SSC")).unwrap() as u16;
    let ev = Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 8,
        row: y,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(
        wolkwijzer::tui::keymap::action_for_event(&s, &ev),
        Some(Action::Pick(3))
    );
    // With the help open, a click only closes it.
    update(&mut s, Action::Help);
    assert_eq!(
        wolkwijzer::tui::keymap::action_for_event(&s, &ev),
        Some(Action::Back)
    );
}

/// With the group itself in focus, Situation shows and edits the first member, as its title
/// says (it showed the last one, under a header that said "groep").
#[test]
fn situation_on_the_group_focus_shows_the_first_member() {
    let mut s = common::starters(Lang::Nl);
    common::feed(&mut s, &[Action::GoTo(Screen::Situation.index())]);
    assert!(s.focus_is_group());
    let frame = common::render(&s, 120, 36);
    assert!(frame.contains("╭ Gemeente Aarle "), "{frame}");
    // An edit changes that member.
    let current = |s: &State, m: usize| s.profile.subject.members()[m].current;
    let (before, last) = (current(&s, 0), current(&s, 3));
    common::feed(&mut s, &[Action::Down, Action::Down, Action::Increase]);
    assert_ne!(current(&s, 0), before);
    assert_eq!(current(&s, 3), last);
}
