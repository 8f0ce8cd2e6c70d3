//! Issue 15, "one truth in the room": key-driven tests of the starter group's single result
//! (Summary, the group view and the exported note name the same winner, from the plenary
//! weights and the candidates admissible for every member), the truly blind round, and the
//! weights shown being the weights used.
#![allow(clippy::unwrap_used)]

mod common;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use wolkwijzer::core::text::Lang;
use wolkwijzer::tui::keymap::action_for_key;
use wolkwijzer::tui::{Action, State, app, update};

fn key(state: &mut State, code: KeyCode) {
    let mods = match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    if let Some(a) = action_for_key(state, KeyEvent::new(code, mods)) {
        update(state, a);
    }
}

fn keys(state: &mut State, s: &str) {
    for c in s.chars() {
        key(state, KeyCode::Char(c));
    }
}

fn name(state: &State, k: wolkwijzer::core::catalogue::CandidateKey) -> String {
    state.catalogue.candidate_name(k, state.lang)
}

#[test]
fn summary_group_view_and_note_name_the_same_group_winner() {
    let mut s = common::starters(Lang::Nl);
    assert!(
        s.focus_is_group(),
        "a starter group opens on the group itself"
    );
    keys(&mut s, "0");
    let summary = s.evaluation().unwrap().leader().unwrap().key;
    let text = common::render(&s, 120, 36);
    assert!(
        text.contains("resultaat van: groep Startersgroep Kempenrand"),
        "{text}"
    );
    assert!(text.contains(&name(&s, summary)), "{text}");

    keys(&mut s, "7g");
    let g = s.analyses.group.as_ref().unwrap().value.as_ref().unwrap();
    assert_eq!(g.ranking[0].key, summary, "group view and Summary agree");
    // Every candidate the group ranks is admissible for every member.
    for r in &g.ranking {
        assert!(g.excluded_by(r.key).is_empty(), "{:?}", r.key);
    }

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("note.md");
    app::export(&s, &path).unwrap();
    let md = std::fs::read_to_string(&path).unwrap();
    let first = md
        .find(&name(&s, summary))
        .expect("the note names the group winner");
    for r in g.ranking.iter().skip(1) {
        if let Some(other) = md.find(&name(&s, r.key)) {
            assert!(
                first <= other,
                "the note ranks {:?} before the winner",
                r.key
            );
        }
    }
}

#[test]
fn the_plenary_weights_are_editable_and_move_every_view_together() {
    let mut s = common::starters(Lang::En);
    keys(&mut s, "6");
    let before = s.evaluation().unwrap().leader().unwrap().key;
    // Only exit counts for the group now.
    for (row, c) in wolkwijzer::core::criteria::Criterion::ALL
        .iter()
        .enumerate()
    {
        let v = if *c == wolkwijzer::core::criteria::Criterion::Exit {
            100.0
        } else {
            0.0
        };
        update(&mut s, Action::SetWeight { row, value: v });
    }
    assert_eq!(
        s.profile
            .weights
            .get(wolkwijzer::core::criteria::Criterion::Exit),
        100.0,
        "the plenary weights are the profile's"
    );
    let after = s.evaluation().unwrap().leader().unwrap().key;
    keys(&mut s, "7g");
    let g = s.analyses.group.as_ref().unwrap().value.as_ref().unwrap();
    assert_eq!(g.ranking[0].key, after);
    assert_eq!(s.note_profile().weights, s.profile.weights);
    let _ = before;
}

#[test]
fn before_r_no_member_weight_or_member_winner_is_on_screen() {
    let mut s = common::starters(Lang::Nl);
    let member_names = ["Aarle", "Bladel-Oost", "Eersel-Noord", "Reusel-Zuid"];
    // The group view before the reveal: the plenary weights only, and the count.
    keys(&mut s, "7g");
    let text = common::render(&s, 160, 48);
    assert!(text.contains("4 van 4 gemeenten"), "{text}");
    let body: String = text.lines().skip(3).collect::<Vec<_>>().join("\n");
    for m in member_names {
        assert!(!body.contains(m), "{m} visible before r:\n{text}");
    }
    // Screen 6 with `m`: the member's sliders are hidden, and so are its winner on
    // Comparison, Landscape and Summary.
    keys(&mut s, "g6m");
    assert_eq!(s.member, 0);
    for screen in "6790".chars() {
        keys(&mut s, &screen.to_string());
        let text = common::render(&s, 120, 36);
        assert!(text.contains("Blinde ronde"), "{screen}:\n{text}");
        assert!(
            !text.contains("20%"),
            "Aarle's privacy weight on {screen}:\n{text}"
        );
        let own = s.evaluation().unwrap().leader().unwrap().key;
        assert!(!text.contains(&name(&s, own)), "{screen}:\n{text}");
    }
    // A hidden slider does not move on a click or a key: the first key only opens the entry.
    let w = s.weights[0].clone();
    keys(&mut s, "6");
    update(
        &mut s,
        Action::SetWeight {
            row: 0,
            value: 90.0,
        },
    );
    key(&mut s, KeyCode::Char('+'));
    assert_eq!(s.weights[0], w);
    assert_eq!(s.entering, Some(0));
    let text = common::render(&s, 120, 36);
    assert!(
        text.contains("20%"),
        "the member at the keyboard sees its own:\n{text}"
    );
    // Passing the turn hides it again.
    keys(&mut s, "m");
    assert!(common::render(&s, 120, 36).contains("Blinde ronde"));
    // `r` reveals everything, from any screen.
    keys(&mut s, "r");
    assert!(s.reveal);
    keys(&mut s, "7g");
    let text = common::render(&s, 160, 48);
    for m in member_names {
        assert!(text.contains(m), "{m} after r:\n{text}");
    }
}

#[test]
fn the_facilitator_sees_how_many_members_entered_their_weights() {
    let mut s = common::group(Lang::En);
    assert_eq!(
        s.entered_count(),
        (0, 3),
        "the fixture gives no member weights"
    );
    keys(&mut s, "6m");
    key(&mut s, KeyCode::Enter);
    key(&mut s, KeyCode::Char('+'));
    assert_eq!(s.entered_count(), (1, 3));
    keys(&mut s, "7g");
    let text = common::render(&s, 120, 36);
    assert!(text.contains("1 of 3 municipalities"), "{text}");
    // The session keeps the blind round.
    let back = s.session();
    assert_eq!(back.blind.as_ref().unwrap().entered, vec![0]);
    let mut t = common::group(Lang::En);
    t.apply_session(back);
    assert_eq!(t.entered_count(), (1, 3));
}

#[test]
fn adopting_the_mean_needs_the_reveal_and_then_moves_the_group_weights() {
    let mut s = common::starters(Lang::Nl);
    keys(&mut s, "7g");
    let plenary = s.profile.weights.clone();
    keys(&mut s, "a");
    assert_eq!(s.profile.weights, plenary);
    assert!(s.status.as_ref().unwrap().error);
    keys(&mut s, "ra");
    assert_ne!(s.profile.weights, plenary);
    let g = s.analyses.group.as_ref().unwrap().value.as_ref().unwrap();
    for (a, b) in g.weights.weights.iter().zip(&g.member_mean) {
        assert!((a - b).abs() < 1e-9);
    }
    let slot = s.group_slot().unwrap();
    assert!(matches!(
        s.weight_records[slot].as_ref().unwrap().how,
        wolkwijzer::core::mcda::elicitation::WeightMethod::GroupMean { members: 4 }
    ));
}

#[test]
fn switching_the_method_with_t_applies_what_the_list_shows() {
    use wolkwijzer::tui::mcda::Method;
    let mut s = common::demo(Lang::Nl);
    keys(&mut s, "6");
    // Direct → swing → ROC.
    keys(&mut s, "tt");
    assert_eq!(s.elicit[0].method, Method::Roc);
    let roc = s.elicit[0].result().unwrap().unwrap().weights;
    let e = s.evaluation().unwrap();
    for (c, w) in s.elicit[0].criteria.iter().zip(&roc) {
        let used = e.weights.get(c).copied().unwrap_or(0.0);
        assert!((used - w).abs() < 1e-9, "{c:?}: shown {w}, used {used}");
    }
    assert!(!s.status.as_ref().unwrap().error);
}

#[test]
fn ahp_starts_from_the_current_weights() {
    let mut s = common::demo(Lang::En);
    keys(&mut s, "6ttt");
    // The weights as rank-sum left them: AHP starts from those, not from "all equal".
    let w = s.member_weights().clone();
    let criteria = s.elicit[0].criteria.clone();
    keys(&mut s, "t");
    assert_eq!(s.elicit[0].method, wolkwijzer::tui::mcda::Method::Ahp);
    let mut unequal = 0;
    for (i, j) in wolkwijzer::core::mcda::ahp::upper_pairs(criteria.len()) {
        let ratio = w.get(criteria[i]) / w.get(criteria[j]);
        let expected =
            wolkwijzer::tui::mcda::judgement_of(wolkwijzer::tui::mcda::position_of(ratio));
        assert_eq!(s.elicit[0].ahp.get(i, j), expected, "pair ({i}, {j})");
        unequal += usize::from(expected != 1.0);
    }
    assert!(unequal > 0, "not all equal");
}

#[test]
fn an_inconsistent_ahp_result_is_applied_with_a_warning_on_every_screen() {
    let mut s = common::demo(Lang::Nl);
    keys(&mut s, "6tttt");
    let e = &mut s.elicit[0];
    assert!(e.judge(0, 1, 9.0) && e.judge(1, 2, 9.0) && e.judge(0, 2, 1.0 / 9.0));
    key(&mut s, KeyCode::Enter);
    let st = s.status.clone().unwrap();
    assert!(
        st.error && st.text(s.lang).contains("inconsistent"),
        "{}",
        st.text(s.lang)
    );
    let w = s.ahp_warning().unwrap();
    assert!(w.contains("CR 0,") && w.contains("toch toegepast"), "{w}");
    let text = common::render(&s, 120, 36);
    assert!(!text.contains("✓ toegepast"), "{text}");
    for screen in ["7", "0"] {
        keys(&mut s, screen);
        let text = common::render(&s, 160, 48);
        assert!(
            text.contains("AHP inconsistent (CR 0,"),
            "{screen}:\n{text}"
        );
    }
}

#[test]
fn notes_are_multi_line_typed_and_a_paste_never_runs_as_commands() {
    use wolkwijzer::io::store::NoteKind;
    let mut s = common::demo(Lang::Nl);
    keys(&mut s, "0n");
    // Typed with a line break, then a pasted paragraph full of command keys.
    keys(&mut s, "Raad kiest SSC");
    key(&mut s, KeyCode::Enter);
    keys(&mut s, "onder voorbehoud");
    key(&mut s, KeyCode::Enter);
    update(
        &mut s,
        Action::Paste("q stoppen? 1 2 3 Tab s e\rnog een regel".into()),
    );
    key(&mut s, KeyCode::Tab);
    assert!(!s.quit);
    assert_eq!(s.screen, wolkwijzer::tui::Screen::Summary);
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let a = action_for_key(&s, ctrl_s).unwrap();
    update(&mut s, a);
    assert!(s.popup.is_none());
    assert_eq!(s.room_notes.len(), 1);
    assert_eq!(s.room_notes[0].kind, NoteKind::Action);
    assert_eq!(
        s.room_notes[0].text,
        "Raad kiest SSC\nonder voorbehoud\nq stoppen? 1 2 3 Tab s e\nnog een regel"
    );
    // A second `n` adds a second note instead of gluing text on.
    keys(&mut s, "n");
    keys(&mut s, "Wie belt de leverancier?");
    key(&mut s, KeyCode::Tab);
    key(&mut s, KeyCode::Tab);
    key(&mut s, KeyCode::F(2));
    assert_eq!(s.room_notes.len(), 2);
    assert_eq!(s.room_notes[1].kind, NoteKind::Question);
    let text = common::render(&s, 120, 36);
    assert!(text.contains("Actie: Raad kiest SSC"), "{text}");
    assert!(
        text.contains("         onder voorbehoud"),
        "the indent is kept:\n{text}"
    );
    assert!(
        text.contains("Open vraag: Wie belt de leverancier?"),
        "{text}"
    );
    // The notes are in the session, and back after a restore.
    let back = s.session();
    let mut t = common::demo(Lang::Nl);
    t.apply_session(back);
    assert_eq!(t.room_notes, s.room_notes);
}

#[test]
fn esc_keeps_the_note_as_a_draft_and_a_paste_outside_a_field_does_nothing() {
    let mut s = common::demo(Lang::En);
    keys(&mut s, "0");
    update(&mut s, Action::Paste("q".into()));
    assert!(!s.quit && s.popup.is_none());
    keys(&mut s, "n");
    keys(&mut s, "half a thought");
    key(&mut s, KeyCode::Esc);
    assert!(s.room_notes.is_empty());
    keys(&mut s, "n");
    keys(&mut s, ", finished");
    key(&mut s, KeyCode::F(2));
    assert_eq!(s.room_notes[0].text, "half a thought, finished");
}

#[test]
fn the_notes_session_record_and_group_chapter_come_from_the_state() {
    let mut s = common::starters(Lang::Nl);
    keys(&mut s, "0n");
    keys(&mut s, "Kempenrand kiest samen");
    key(&mut s, KeyCode::F(2));
    let text = |s: &State| wolkwijzer::report::doc::plain_text(&app::session_blocks(s));
    let blind = text(&s);
    assert!(
        blind.contains("# Besluiten\nKempenrand kiest samen"),
        "{blind}"
    );
    assert!(blind.contains("# De startersgroep"), "{blind}");
    assert!(
        !blind.contains("Bladel-Oost"),
        "blind: no member in the note\n{blind}"
    );
    let winner = s.evaluation().unwrap().leader().unwrap().key;
    assert!(
        blind.contains(&format!("Eerste: {}.", name(&s, winner))),
        "the group chapter names Summary's winner\n{blind}"
    );
    keys(&mut s, "r");
    let open = text(&s);
    assert!(open.contains("Bladel-Oost | "), "{open}");
    assert!(open.contains("Overeenstemming: matig."), "{open}");
}

#[test]
fn a_status_message_is_cleared_by_the_next_key_and_follows_the_language() {
    let mut s = common::demo(Lang::Nl);
    keys(&mut s, "2");
    // A refused value: the red ✗ with the prompt kept open.
    key(&mut s, KeyCode::Enter);
    keys(&mut s, "2000000");
    key(&mut s, KeyCode::Enter);
    let st = s.status.clone().expect("a refusal");
    assert!(st.error, "{st:?}");
    // The next key (here: fixing the value) clears it; two screens later nothing is left.
    key(&mut s, KeyCode::Backspace);
    assert!(s.status.is_none());
    key(&mut s, KeyCode::Esc);
    keys(&mut s, "34");
    assert!(s.status.is_none());
    // A message shows in the language of the moment.
    keys(&mut s, "6tt");
    let st = s.status.clone().unwrap();
    assert!(
        st.text(Lang::Nl).starts_with("Gewichten nu volgens"),
        "{st:?}"
    );
    s.lang = Lang::En;
    let text = common::render(&s, 120, 36);
    assert!(text.contains("Weights now by ROC"), "{text}");
    // ... and an autosave after the key does not clear it.
    update(&mut s, Action::Autosaved);
    assert!(s.status.is_some());
}

/// The hint bar: the last line of a rendered frame.
fn hint_line(s: &State, w: u16, h: u16) -> String {
    common::render(s, w, h)
        .lines()
        .last()
        .unwrap_or("")
        .to_string()
}

#[test]
fn the_hint_bar_shows_the_keys_that_work_on_each_screen_and_dialog() {
    let mut s = common::starters(Lang::Nl);
    keys(&mut s, "6");
    let h = hint_line(&s, 120, 36);
    assert!(
        h.contains(" t  methode") && h.contains(" m  gemeente"),
        "{h}"
    );
    assert!(!h.contains(" e  exporteren"), "{h}");
    keys(&mut s, "7");
    let h = hint_line(&s, 120, 36);
    assert!(
        h.contains(" v  gevoeligheid") && h.contains(" g  groep"),
        "{h}"
    );
    assert!(h.contains(" r  onthullen"), "{h}");
    assert!(!h.contains("+ -"), "+ - does nothing here: {h}");
    keys(&mut s, "8");
    assert!(hint_line(&s, 120, 36).contains(" ← →  scenario"));
    keys(&mut s, "0");
    let h = hint_line(&s, 120, 36);
    assert!(
        h.contains(" e  exporteren") && h.contains(" n  notitie"),
        "{h}"
    );
    // Typing in a prompt: its own keys, no `q stoppen`.
    keys(&mut s, "e");
    let h = hint_line(&s, 120, 36);
    assert!(
        h.contains("Enter  bevestigen") && !h.contains("stoppen"),
        "{h}"
    );
    key(&mut s, KeyCode::Esc);
    keys(&mut s, "n");
    let h = hint_line(&s, 120, 36);
    assert!(h.contains("F2  bewaren") && !h.contains("stoppen"), "{h}");
}

#[test]
fn keys_work_only_where_the_help_lists_them_and_i_is_explained() {
    let mut s = common::demo(Lang::Nl);
    keys(&mut s, "3");
    keys(&mut s, "t");
    assert_eq!(
        s.elicit[0].method,
        wolkwijzer::tui::mcda::Method::Direct,
        "t is a weights key"
    );
    keys(&mut s, "6?");
    let text = common::render(&s, 120, 36);
    assert!(
        text.contains("AHP: naar het meest tegenstrijdige paar oordelen"),
        "{text}"
    );
    assert!(
        !text.contains("Gemiddelde van de gemeenten"),
        "no group keys for one municipality:\n{text}"
    );
    // Every key the help lists on a screen gives an action there, and no other key does.
    for screen in wolkwijzer::tui::Screen::ALL {
        let mut t = common::starters(Lang::En);
        update(&mut t, Action::GoTo(screen.index()));
        for b in wolkwijzer::tui::keymap::active(&t) {
            for (code, mods, action) in b.map {
                let got = action_for_key(&t, KeyEvent::new(code, mods));
                assert_eq!(got, Some(action), "{screen:?} {}", b.keys);
            }
        }
    }
}

#[test]
fn the_tab_bar_names_every_screen_from_80_columns() {
    let s = common::demo(Lang::Nl);
    for w in [80u16, 100, 120] {
        let tabs = common::render(&s, w, 24)
            .lines()
            .nth(1)
            .unwrap()
            .to_string();
        for i in 1..=10 {
            assert!(tabs.contains(&format!("{i} ")), "{w}: {tabs}");
        }
        assert!(
            tabs.contains("Verg") && tabs.contains("Samv") || tabs.contains("Samen"),
            "{w}: {tabs}"
        );
    }
    let s = common::demo(Lang::En);
    let tabs = common::render(&s, 120, 36)
        .lines()
        .nth(1)
        .unwrap()
        .to_string();
    assert!(
        tabs.contains("7 Compare") && tabs.contains("10 Summary"),
        "{tabs}"
    );
}

#[test]
fn u_takes_back_weight_ahp_and_business_case_edits_and_shift_u_resets() {
    let mut s = common::demo(Lang::Nl);
    let start = s.weights[0].clone();
    keys(&mut s, "6++");
    let after = s.weights[0].clone();
    keys(&mut s, "tttt");
    assert_eq!(s.elicit[0].method, wolkwijzer::tui::mcda::Method::Ahp);
    keys(&mut s, "uuuu");
    assert_eq!(s.weights[0], after, "the four methods taken back");
    assert_eq!(s.elicit[0].method, wolkwijzer::tui::mcda::Method::Direct);
    keys(&mut s, "uu");
    assert_eq!(s.weights[0], start);
    keys(&mut s, "u");
    assert!(s.status.as_ref().unwrap().error, "nothing left");
    // A business case edit.
    let bc = s.profile.business_case.clone();
    keys(&mut s, "8jjjj");
    key(&mut s, KeyCode::Enter);
    keys(&mut s, "1");
    key(&mut s, KeyCode::Enter);
    assert_ne!(s.profile.business_case, bc);
    keys(&mut s, "u");
    assert_eq!(s.profile.business_case, bc);
    // Reset to the profile's weights, itself undoable.
    keys(&mut s, "6+++U");
    assert_eq!(s.weights[0], start);
    keys(&mut s, "u");
    assert_ne!(s.weights[0], start);
}

#[test]
fn restoring_is_offered_only_for_real_edits_and_autosave_compares_sessions() {
    let fresh = common::demo(Lang::Nl);
    let mut browsed = fresh.clone();
    keys(&mut browsed, "2345L0");
    assert!(!app::has_real_edits(&browsed.session(), &fresh.session()));
    let mut edited = fresh.clone();
    keys(&mut edited, "6+");
    assert!(app::has_real_edits(&edited.session(), &fresh.session()));
    let mut noted = fresh.clone();
    keys(&mut noted, "n");
    keys(&mut noted, "x");
    key(&mut noted, KeyCode::F(2));
    assert!(app::has_real_edits(&noted.session(), &fresh.session()));

    // Autosave writes when the session differs from the last written one, and only then.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("autosave.toml");
    let mut s = common::demo(Lang::Nl);
    let mut last = Some(s.session());
    app::autosave(&mut s, &mut last, Some(&path));
    assert!(!path.exists());
    keys(&mut s, "6+");
    app::autosave(&mut s, &mut last, Some(&path));
    let first = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::fs::remove_file(&path).unwrap();
    app::autosave(&mut s, &mut last, Some(&path));
    assert!(!path.exists(), "nothing changed: nothing written");
    let _ = first;
}

#[test]
fn the_tui_refuses_what_validate_refuses_with_the_same_message() {
    let mut s = common::demo(Lang::Nl);
    keys(&mut s, "2");
    key(&mut s, KeyCode::Enter);
    for _ in 0..10 {
        key(&mut s, KeyCode::Backspace);
    }
    keys(&mut s, "2000000");
    key(&mut s, KeyCode::Enter);
    let st = s.status.clone().expect("refused");
    assert!(st.error, "{st:?}");
    let msg = st.text(Lang::Nl).to_string();
    assert!(
        msg.contains("2000000 is out of range") && msg.contains("a whole number from 1 to 1000000"),
        "{msg}"
    );
    assert_eq!(s.profile.subject.members()[0].inhabitants, 45_300);
    assert!(
        matches!(s.popup, Some(wolkwijzer::tui::state::Popup::Input { .. })),
        "the prompt stays"
    );
    // `validate` says the same of a file with that number.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.toml");
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/middelgrote-gemeente.toml"),
    )
    .unwrap();
    let re = text
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("inhabitants") {
                "inhabitants = 2000000".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&file, re).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_wolkwijzer"))
        .arg("validate")
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2000000 is out of range"), "{err}");
    assert!(err.contains("a whole number from 1 to 1000000"), "{err}");
}

#[test]
fn shipped_profiles_are_embedded_and_a_digit_on_start_opens_the_highlighted_one() {
    // Every file in profiles/ is in the binary.
    let embedded: Vec<&str> = app::SHIPPED_PROFILES.iter().map(|(f, _)| *f).collect();
    for p in common::shipped_profiles() {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        assert!(embedded.contains(&name.as_str()), "{name} is not embedded");
        let on_disk = std::fs::read_to_string(&p).unwrap();
        let (_, text) = app::SHIPPED_PROFILES
            .iter()
            .find(|(f, _)| *f == name)
            .unwrap();
        assert_eq!(*text, on_disk, "{name}");
    }
    // Found from any folder: the list does not read ./profiles.
    let items = app::start_items();
    let shipped = items
        .iter()
        .filter(|i| matches!(i.kind, wolkwijzer::tui::state::StartKind::Shipped(_)))
        .count();
    assert_eq!(shipped, app::SHIPPED_PROFILES.len());

    let mut s = common::demo(Lang::Nl);
    s.start_items = items;
    let at = s
        .start_items
        .iter()
        .position(|i| i.label.contains("startersgroep.toml"))
        .unwrap();
    for _ in 0..at {
        key(&mut s, KeyCode::Down);
    }
    // `6` opens the highlighted profile and goes to the weights screen.
    let a = action_for_key(&s, KeyEvent::new(KeyCode::Char('6'), KeyModifiers::NONE)).unwrap();
    app::dispatch(&mut s, a);
    assert!(
        s.is_group(),
        "the highlighted starter group was opened, not the demo"
    );
    assert_eq!(s.screen, wolkwijzer::tui::Screen::Weights);
    // Back on Start, a digit on the open profile only moves (the room's work is kept).
    keys(&mut s, "1");
    keys(&mut s, "6+");
    let w = s.profile.weights.clone();
    keys(&mut s, "17");
    assert_eq!(s.profile.weights, w);
    assert_eq!(s.screen, wolkwijzer::tui::Screen::Comparison);
    let text = common::render(
        &{
            let mut t = s.clone();
            update(&mut t, Action::GoTo(0));
            t
        },
        200,
        60,
    );
    assert!(
        text.contains("wolkwijzer -p pad/naar/profiel.toml"),
        "{text}"
    );
    assert!(
        text.contains("▶ Meegeleverd: Kempenrand") || text.contains("▶ Meegeleverd: Startersgroep"),
        "{text}"
    );
}

#[test]
fn the_export_dialog_expands_home_shows_the_target_asks_before_overwriting_and_keeps_the_path() {
    use wolkwijzer::tui::state::Popup;
    let dir = tempfile::tempdir().unwrap();
    let mut s = common::demo(Lang::Nl);
    s.home_dir = Some(dir.path().to_path_buf());
    s.work_dir = Some(dir.path().join("werk"));
    keys(&mut s, "0e");
    for _ in 0..200 {
        key(&mut s, KeyCode::Backspace);
    }
    keys(&mut s, "~/besluit.md");
    let target = dir.path().join("besluit.md");
    assert_eq!(s.export_target("~/besluit.md"), target);
    assert_eq!(
        s.export_target("rel.md"),
        dir.path().join("werk").join("rel.md")
    );
    let text = common::render(&s, 160, 48);
    assert!(
        text.contains(&format!("Wordt: {}", target.display())),
        "{text}"
    );

    // A file that exists: asked first, written on the second Enter.
    std::fs::write(&target, "oud").unwrap();
    let a = action_for_key(&s, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)).unwrap();
    app::dispatch(&mut s, a);
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "oud",
        "not overwritten yet"
    );
    assert!(
        s.status
            .as_ref()
            .unwrap()
            .text(Lang::Nl)
            .contains("bestaat al")
    );
    assert!(matches!(&s.popup, Some(Popup::Input { buffer, .. }) if buffer == "~/besluit.md"));
    let a = action_for_key(&s, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)).unwrap();
    app::dispatch(&mut s, a);
    assert!(std::fs::read_to_string(&target).unwrap().starts_with("# "));

    // A folder that does not exist: the dialog comes back with the typed path, in Dutch.
    keys(&mut s, "e");
    for _ in 0..200 {
        key(&mut s, KeyCode::Backspace);
    }
    keys(&mut s, "~/nergens/besluit.md");
    let a = action_for_key(&s, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)).unwrap();
    app::dispatch(&mut s, a);
    let msg = s.status.as_ref().unwrap().text(Lang::Nl).to_string();
    assert!(
        msg.contains("de map bestaat niet") && !msg.contains("os error"),
        "{msg}"
    );
    assert!(
        matches!(&s.popup, Some(Popup::Input { buffer, .. }) if buffer == "~/nergens/besluit.md")
    );
}

#[test]
fn a_profile_given_with_p_stays_open_when_a_digit_is_pressed_on_start() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/startersgroep-rivierenland.toml");
    let opts = app::Options {
        profile: Some(path.clone()),
        ..Default::default()
    };
    let (mut s, _) = app::prepare(wolkwijzer::io::catalogue::built_in(), &opts).unwrap();
    let title = s.profile.title.clone();
    keys(&mut s, "16");
    assert_eq!(s.profile.title, title, "the -p profile is kept");
    assert_eq!(s.screen, wolkwijzer::tui::Screen::Weights);
}
