//! The business case screen (screen 8): snapshots at 80×24 and 160×48 in Dutch and English
//! for the demo and the starter group, key-driven edits through `update` (an amount changes
//! the table and the return year; invalid input shows an error and keeps the state), the
//! message for a profile without a business case, and the session round trip of the edits.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

mod common;

use wolkwijzer::core::text::Lang;
use wolkwijzer::io::{catalogue, profile};
use wolkwijzer::tui::{Action, Screen, State};

fn starters(lang: Lang) -> State {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/startersgroep.toml");
    let p = profile::load(&path).expect("the shipped starter group is valid");
    let mut s = State::new(catalogue::built_in(), p, None);
    s.lang = lang;
    s
}

fn on_screen(mut s: State) -> State {
    common::feed(&mut s, &[Action::GoTo(Screen::BusinessCase.index())]);
    s
}

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

#[test]
fn snapshots_for_the_demo_and_the_starter_group() {
    for lang in [Lang::Nl, Lang::En] {
        for (w, h) in SIZES {
            let demo = on_screen(common::demo(lang));
            let text = common::render(&demo, w, h);
            insta::assert_snapshot!(format!("business_case_demo_{}_{w}x{h}", lang.code()), text);
            let group = on_screen(starters(lang));
            let text = common::render(&group, w, h);
            // Losers are flagged with a text marker, not only a colour.
            let marker = if lang == Lang::Nl {
                "✗ verliest"
            } else {
                "✗ loses"
            };
            assert!(text.contains(marker), "{text}");
            insta::assert_snapshot!(format!("business_case_group_{}_{w}x{h}", lang.code()), text);
        }
    }
}

fn expected_return_year(s: &State) -> Option<u32> {
    use wolkwijzer::core::business_case::{Band, ScenarioOutcome};
    let Some(Ok(r)) = &s.business_case else {
        panic!("the business case is computed");
    };
    let r = r
        .scenarios
        .iter()
        .find(|r| r.index == s.cursor.bc_scenario)
        .unwrap();
    let bands = match &r.outcome {
        ScenarioOutcome::Single(c) => &c.bands,
        ScenarioOutcome::Group(g) => &g.consolidated_bands,
    };
    bands
        .iter()
        .find(|b| b.band == Band::Expected)
        .unwrap()
        .return_year
}

/// Opens the editor on input row `row`, clears it and types `text`, then Enter.
fn edit(s: &mut State, row: usize, text: &str) {
    common::feed(s, &[Action::Pick(row), Action::Select]);
    assert!(matches!(s.popup, Some(Popup::Input { .. })), "editor opens");
    common::feed(s, &vec![Action::InputBackspace; 40]);
    let typed: Vec<Action> = text.chars().map(Action::InputChar).collect();
    common::feed(s, &typed);
    common::feed(s, &[Action::Select]);
}

use wolkwijzer::tui::state::Popup;

#[test]
fn editing_an_amount_recalculates_table_and_return_year() {
    let mut s = on_screen(common::demo(Lang::Nl));
    assert_eq!(expected_return_year(&s), Some(4));
    let before = common::render(&s, 160, 48);
    assert!(before.contains("verwacht jaar 4"), "{before}");
    // Row 4 is the first one-off cost (120.000): make it 1.200.000.
    edit(&mut s, 4, "1.200.000");
    assert_eq!(s.popup, None);
    assert!(s.status.as_ref().is_some_and(|st| !st.error));
    assert_eq!(expected_return_year(&s), None);
    let after = common::render(&s, 160, 48);
    assert!(after.contains("1.200.000"), "{after}");
    assert!(
        after.contains("verwacht niet binnen de looptijd"),
        "{after}"
    );
    assert_ne!(before, after);
    // The edit is part of the profile, so of the session (autosave).
    let setup = s.profile.business_case.as_ref().unwrap();
    let wolkwijzer::core::business_case::ScenarioPlan::Single(l) = &setup.scenarios[0].plan else {
        panic!("the demo is one municipality");
    };
    assert_eq!(
        l.scenario.one_off[0].amount,
        rust_decimal_macros::dec!(1200000)
    );
}

#[test]
fn a_longer_horizon_and_a_wider_band_go_through_the_core() {
    let mut s = on_screen(common::demo(Lang::En));
    edit(&mut s, 0, "10");
    assert_eq!(
        s.profile.business_case.as_ref().unwrap().horizon.years(),
        10
    );
    let text = common::render(&s, 160, 48);
    assert!(text.contains("Year 10"), "{text}");
    // Benefits come 24 months later in the unfavourable band: the expected stays.
    let expected = expected_return_year(&s);
    edit(&mut s, 3, "0 / 3 / 24");
    assert!(
        s.status.as_ref().is_some_and(|st| !st.error),
        "{:?}",
        s.status
    );
    assert_eq!(expected_return_year(&s), expected);
    // + and - step the horizon on its row, within 5–10.
    common::feed(&mut s, &[Action::Pick(0), Action::Increase]);
    assert_eq!(
        s.profile.business_case.as_ref().unwrap().horizon.years(),
        10
    );
    assert!(s.status.as_ref().is_some_and(|st| st.error));
    common::feed(&mut s, &[Action::Decrease]);
    assert_eq!(s.profile.business_case.as_ref().unwrap().horizon.years(), 9);
}

#[test]
fn invalid_input_shows_an_error_and_keeps_the_state() {
    for (row, text, message) in [
        (4, "-5", "Geef een bedrag van 0 of meer"),
        (4, "12,3,4", "Geef een bedrag van 0 of meer"),
        (0, "4", "De looptijd is 5 tot 10 jaar"),
        (1, "1,2 / 1 / 0,9", "Laag mag niet boven verwacht liggen"),
        (2, "1 / 2", "Geef drie waarden"),
        (3, "0 / 2,5 / 12", "Geef drie waarden"),
    ] {
        let mut s = on_screen(common::demo(Lang::Nl));
        let profile = s.profile.clone();
        let session = s.session();
        edit(&mut s, row, text);
        let st = s.status.clone().expect("an error in the status line");
        assert!(
            st.error && st.text(s.lang).contains(message),
            "{text}: {st:?}"
        );
        // The editor stays open with what was typed; nothing changed.
        assert!(
            matches!(&s.popup, Some(Popup::Input { buffer, .. }) if buffer == text),
            "{text}: {:?}",
            s.popup
        );
        assert_eq!(s.profile, profile);
        assert_eq!(s.session(), session);
        let frame = common::render(&s, 80, 24);
        assert!(frame.contains(message), "{frame}");
        // Esc leaves the editor; the old value is still shown.
        common::feed(&mut s, &[Action::Back]);
        assert_eq!(s.popup, None);
    }
}

#[test]
fn a_start_year_beyond_a_shorter_horizon_is_refused_with_its_location() {
    let mut s = on_screen(starters(Lang::En));
    let before = s.profile.clone();
    if let Some(b) = s.profile.business_case.as_mut() {
        b.scenarios[0].start_year = 6;
    }
    s.recompute();
    edit(&mut s, 0, "5");
    let st = s.status.clone().unwrap();
    assert!(
        st.error && st.text(s.lang).starts_with("Not applied: "),
        "{st:?}"
    );
    assert!(st.text(s.lang).contains("outside the horizon"), "{st:?}");
    assert_ne!(s.profile, before);
    assert_eq!(s.profile.business_case.as_ref().unwrap().horizon.years(), 7);
}

#[test]
fn the_scenario_switcher_wraps_and_lists_the_scenarios_own_inputs() {
    let mut s = on_screen(common::demo(Lang::Nl));
    let first = common::render(&s, 120, 36);
    common::feed(&mut s, &[Action::Right]);
    assert_eq!(s.cursor.bc_scenario, 1);
    let second = common::render(&s, 120, 36);
    assert!(second.contains("Scenario 2/2"), "{second}");
    assert_ne!(first, second);
    common::feed(&mut s, &[Action::Right]);
    assert_eq!(s.cursor.bc_scenario, 0);
    common::feed(&mut s, &[Action::Left]);
    assert_eq!(s.cursor.bc_scenario, 1);
}

#[test]
fn a_profile_without_a_business_case_says_which_keys_to_add() {
    for (lang, words) in [
        (Lang::Nl, "Dit profiel heeft geen business case"),
        (Lang::En, "This profile has no business case"),
    ] {
        let mut p = profile::demo();
        p.business_case = None;
        let mut s = State::new(catalogue::built_in(), p, None);
        s.lang = lang;
        let s = on_screen(s);
        assert!(s.business_case.is_none());
        let text = common::render(&s, 160, 48);
        for key in [
            words,
            "[business_case]",
            "horizon",
            "[[business_case.measurement]]",
            "[[business_case.scenarios]]",
        ] {
            assert!(text.contains(key), "{key}: {text}");
        }
        // Keys do nothing harmful there.
        let mut s = s;
        common::feed(
            &mut s,
            &[
                Action::Down,
                Action::Select,
                Action::Right,
                Action::Increase,
            ],
        );
        assert_eq!(s.popup, None);
        insta::assert_snapshot!(
            format!("business_case_none_{}_80x24", lang.code()),
            common::render(&s, 80, 24)
        );
    }
}

#[test]
fn edits_and_the_scenario_survive_the_session_round_trip() {
    use wolkwijzer::io::store;
    let mut s = on_screen(common::demo(Lang::Nl));
    common::feed(&mut s, &[Action::Right]);
    // A favourable cost factor below 1,0 is refused (costs usually turn out higher).
    edit(&mut s, 1, "0,9 / 1 / 1,5");
    assert!(
        s.status
            .as_ref()
            .is_some_and(|st| st.error && st.text.nl.contains("kostenfactor mag niet onder 1")),
        "{:?}",
        s.status
    );
    edit(&mut s, 1, "1 / 1 / 1,5");
    let text = store::to_toml(&s.session()).unwrap();
    let back = store::parse("autosave.toml", &text).unwrap();
    assert_eq!(back.business_case.map(|b| b.scenario), Some(1));
    let mut fresh = on_screen(common::demo(Lang::Nl));
    fresh.apply_session(back);
    assert_eq!(fresh.cursor.bc_scenario, 1);
    assert_eq!(fresh.profile.business_case, s.profile.business_case);
    assert_eq!(
        fresh.profile.business_case.as_ref().unwrap().scenarios[1]
            .risk
            .cost_multiplier
            .high,
        rust_decimal_macros::dec!(1.5)
    );
}

#[test]
fn e_on_the_summary_exports_the_note_in_the_format_of_the_extension() {
    use wolkwijzer::tui::{Effect, app, update};
    let dir = tempfile::tempdir().unwrap();
    let mut s = common::demo(Lang::Nl);
    common::feed(
        &mut s,
        &[Action::GoTo(Screen::Summary.index()), Action::Export],
    );
    assert!(matches!(s.popup, Some(Popup::Input { .. })));
    common::feed(&mut s, &vec![Action::InputBackspace; 80]);
    let path = dir.path().join("notitie.md");
    let typed: Vec<Action> = path
        .display()
        .to_string()
        .chars()
        .map(Action::InputChar)
        .collect();
    common::feed(&mut s, &typed);
    let effect = update(&mut s, Action::Select).expect("an export effect");
    assert_eq!(
        effect,
        Effect::Export {
            path: path.clone(),
            overwrite: false
        }
    );
    let outcome = app::perform(effect, &s);
    app::dispatch(&mut s, outcome);
    let st = s.status.clone().unwrap();
    assert!(
        !st.error && st.text(s.lang).contains("Besluitnotitie geschreven naar"),
        "{st:?}"
    );
    let md = std::fs::read_to_string(&path).unwrap();
    assert!(md.starts_with("# "), "{md}");

    for (name, start) in [
        ("n.html", "<!DOCTYPE html>"),
        ("n.json", "{"),
        ("n.CSV", ""),
    ] {
        let p = dir.path().join(name);
        app::export(&s, &p).unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(
            text.starts_with(start) && !text.is_empty(),
            "{name}: {text}"
        );
    }
    // An unknown extension and an unwritable place fail with a message; the state is kept.
    let e = app::export(&s, &dir.path().join("n.txt")).unwrap_err();
    assert!(e.contains(".html, .md, .json"), "{e}");
    let e = app::export(&s, &dir.path().join("missing/n.html")).unwrap_err();
    assert!(e.contains("missing"), "{e}");
    let notes = s.notes.clone();
    update(&mut s, Action::ExportFailed(e));
    assert!(
        s.status
            .as_ref()
            .is_some_and(|st| st.error && st.text(s.lang).starts_with("Exporteren mislukt"))
    );
    assert_eq!(s.notes, notes);
    // The dialog came back with the path, to correct it; Esc closes it.
    assert!(matches!(s.popup, Some(Popup::Input { .. })));
    // e elsewhere does nothing.
    common::feed(&mut s, &[Action::Back, Action::GoTo(2), Action::Export]);
    assert_eq!(s.popup, None);
}
