//! The facilitator's side of a voting round through the TUI's own path (`update` and the
//! app's effects, no terminal): a round for everyone on a single municipality whose applied
//! weights change the decision note; ballot files from `wolkwijzer ballot` imported with the
//! same checks as a phone; a restart from the autosave with the round still open; the round
//! view drawn at 80×24, 120×36 and 200×60.

#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

mod common;
#[path = "common/vote.rs"]
mod vote_common;

use std::net::{IpAddr, Ipv4Addr};

use assert_cmd::Command;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use wolkwijzer::core::criteria::Criterion;
use wolkwijzer::core::round::Scope;
use wolkwijzer::core::text::Lang;
use wolkwijzer::tui::app::dispatch;
use wolkwijzer::tui::keymap::action_for_key;
use wolkwijzer::tui::screens::round::{Phase, RoundAction};
use wolkwijzer::tui::{Action, State};

/// Opens the round view and the round on loopback.
fn open(state: &mut State) {
    dispatch(state, Action::Round(RoundAction::Show));
    let lo = IpAddr::V4(Ipv4Addr::LOCALHOST);
    state.round.address = state.round.addresses.iter().position(|&a| a == lo).unwrap();
    state.round.port = vote_common::free_port().to_string();
    dispatch(state, Action::Round(RoundAction::Open));
    assert_eq!(state.round.phase(), Phase::Live, "{:?}", state.status);
}

/// A scripted phone: joins and casts `fields`; returns the HTTP status of the cast.
fn vote(state: &State, fields: &[(&str, &str)]) -> u16 {
    let a = vote_common::agent();
    let base = &state.round.base_url;
    let code = state.round.round.as_ref().unwrap().code.replace('-', "");
    let r = a.get(format!("{base}/j/{code}")).call().unwrap();
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    let tok = loc.trim_start_matches("/b/").split('?').next().unwrap();
    a.post(format!("{base}/b/{tok}"))
        .send_form(fields.iter().copied())
        .unwrap()
        .status()
        .as_u16()
}

fn drain(state: &mut State) {
    for a in wolkwijzer::tui::round_link::pending(state) {
        dispatch(state, a);
    }
}

#[test]
fn a_round_for_everyone_on_one_municipality_changes_its_note() {
    let mut state = common::demo(Lang::Nl);
    dispatch(&mut state, Action::Round(RoundAction::Show));
    // Setup: the third row is "for whom"; → switches to everyone; the second row turns the
    // option question off.
    for a in [
        RoundAction::Down,
        RoundAction::Change(1),
        RoundAction::Down,
        RoundAction::Change(1),
    ] {
        dispatch(&mut state, Action::Round(a));
    }
    assert_eq!(state.round.scope, Scope::Everyone);
    assert!(!state.round.ask_choice);
    dispatch(&mut state, Action::Round(RoundAction::Show));
    open(&mut state);
    let crit: Vec<Criterion> = state.round.round.as_ref().unwrap().spec.criteria.clone();
    assert_eq!(&crit[..3], &Criterion::CORE, "{crit:?}");
    // Privacy 2, cost predictability 10, every other criterion 1.
    let fields: Vec<(String, String)> = crit
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let v = match i {
                0 => "2",
                1 => "10",
                _ => "1",
            };
            (format!("points.{}", c.id()), v.to_string())
        })
        .collect();
    let as_refs = |f: &[(String, String)]| -> Vec<(String, String)> { f.to_vec() };
    let ok: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(vote(&state, &ok), 303);
    // A ballot with the option question the round does not ask is refused.
    let mut with_choice = as_refs(&fields);
    with_choice.push(("choice".into(), "ssc".into()));
    let bad: Vec<(&str, &str)> = with_choice
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(vote(&state, &bad), 400);
    drain(&mut state);
    assert_eq!(state.round.round.as_ref().unwrap().counts(), vec![1]);
    let dir = tempfile::tempdir().unwrap();
    let before = dir.path().join("voor.md");
    wolkwijzer::tui::app::export(&state, &before).unwrap();
    dispatch(&mut state, Action::Round(RoundAction::Close));
    dispatch(&mut state, Action::Round(RoundAction::Apply));
    assert_eq!(state.weights[0].get(Criterion::CostPredictability), 10.0);
    assert_eq!(state.weights[0].get(Criterion::Privacy), 2.0);
    let after = dir.path().join("na.md");
    wolkwijzer::tui::app::export(&state, &after).unwrap();
    let md = std::fs::read_to_string(&after).unwrap();
    // Cost predictability: 10 of 2 + 10 + 1 per other criterion.
    let share = 10.0 / (12.0 + (crit.len() - 2) as f64);
    let shown = wolkwijzer::report::number::weight(share, Lang::Nl);
    assert!(
        md.contains(&format!("| Kostenvoorspelbaarheid | 10 | {shown} |")),
        "{shown}\n{md}"
    );
    assert_ne!(md, std::fs::read_to_string(&before).unwrap());
}

#[test]
fn ballot_files_from_the_command_line_are_imported_with_the_same_checks() {
    let mut state = common::group(Lang::Nl);
    open(&mut state);
    let code = state.round.round.as_ref().unwrap().code.clone();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("stem.toml");
    let mut args = vec![
        "ballot".to_string(),
        "--round".into(),
        code.clone(),
        "--question".into(),
        "points".into(),
        "--municipality".into(),
        "Waalhoven".into(),
        "--choice".into(),
        "ssc".into(),
        "-o".into(),
        file.display().to_string(),
    ];
    for (c, v) in [
        ("privacy", 7),
        ("cost_predictability", 3),
        ("control", 9),
        ("continuity", 2),
        ("exit", 10),
    ] {
        args.push("--set".into());
        args.push(format!("points.{c}={v}"));
    }
    Command::cargo_bin("wolkwijzer")
        .unwrap()
        .args(&args)
        .assert()
        .success();
    // A malformed answer is refused on the participant's laptop already, with the field.
    let bad = Command::cargo_bin("wolkwijzer")
        .unwrap()
        .args([
            "--lang",
            "en",
            "ballot",
            "--round",
            &code,
            "--question",
            "points",
            "--set",
            "points.privacy=11",
            "--set",
            "points.control=x",
            "-o",
        ])
        .arg(dir.path().join("bad.toml"))
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&bad.get_output().stderr).to_string();
    assert!(
        err.contains("Privacy: 11 is not between 0 and 10."),
        "{err}"
    );
    assert!(err.contains("Control: ‘x’ is not a whole number."), "{err}");

    // The facilitator imports the file: it arrives as a cast, like a phone's.
    dispatch(&mut state, Action::Round(RoundAction::ImportStart));
    for c in file.display().to_string().chars() {
        dispatch(&mut state, Action::Round(RoundAction::Char(c)));
    }
    dispatch(&mut state, Action::Round(RoundAction::Confirm));
    assert!(
        state.status.as_ref().is_some_and(|s| !s.error),
        "{:?}",
        state.status
    );
    drain(&mut state);
    assert_eq!(state.round.round.as_ref().unwrap().counts(), vec![0, 1, 0]);
    // Importing the same file again replaces, it does not add.
    dispatch(&mut state, Action::Round(RoundAction::ImportStart));
    for c in file.display().to_string().chars() {
        dispatch(&mut state, Action::Round(RoundAction::Char(c)));
    }
    dispatch(&mut state, Action::Round(RoundAction::Confirm));
    drain(&mut state);
    assert_eq!(state.round.round.as_ref().unwrap().ballots.len(), 1);
    // A file for another round is refused with its line and field.
    let other = dir.path().join("ander.toml");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace(&code, "ZZZZ-ZZZZ");
    std::fs::write(&other, text).unwrap();
    dispatch(&mut state, Action::Round(RoundAction::ImportStart));
    for c in other.display().to_string().chars() {
        dispatch(&mut state, Action::Round(RoundAction::Char(c)));
    }
    dispatch(&mut state, Action::Round(RoundAction::Confirm));
    let s = state.status.clone().unwrap();
    let text = s.text(state.lang);
    assert!(
        s.error && text.contains(":4:") && text.contains("round"),
        "{text}"
    );
    drain(&mut state);
    assert_eq!(state.round.round.as_ref().unwrap().ballots.len(), 1);
    dispatch(&mut state, Action::Round(RoundAction::Close));
    assert_eq!(state.round.phase(), Phase::Revealed);
}

#[test]
fn a_restart_keeps_the_open_round_and_serves_it_again() {
    let mut state = common::group(Lang::Nl);
    open(&mut state);
    assert_eq!(
        vote(
            &state,
            &[
                ("municipality", "Dijkveld"),
                ("points.privacy", "5"),
                ("points.cost_predictability", "5"),
                ("points.control", "5"),
                ("points.continuity", "5"),
                ("points.exit", "5"),
                ("choice", "none")
            ]
        ),
        303
    );
    drain(&mut state);
    let text = wolkwijzer::io::store::to_toml(&state.session()).unwrap();
    // The TUI quits: its server stops with it.
    drop(state);
    let session = wolkwijzer::io::store::parse("autosave.toml", &text).unwrap();
    let mut again = common::group(Lang::Nl);
    dispatch(&mut again, Action::Restore(Box::new(session)));
    dispatch(&mut again, Action::Round(RoundAction::Show));
    assert_eq!(again.round.phase(), Phase::Paused);
    let lo = IpAddr::V4(Ipv4Addr::LOCALHOST);
    again.round.address = again.round.addresses.iter().position(|&a| a == lo).unwrap();
    again.round.port = vote_common::free_port().to_string();
    dispatch(&mut again, Action::Round(RoundAction::Open));
    assert_eq!(again.round.phase(), Phase::Live);
    assert_eq!(again.round.round.as_ref().unwrap().counts(), vec![1, 0, 0]);
    dispatch(&mut again, Action::Round(RoundAction::Close));
    assert_eq!(
        again
            .round
            .reveal
            .as_ref()
            .unwrap()
            .as_ref()
            .unwrap()
            .ballots,
        1
    );
}

#[test]
fn the_round_view_reads_well_at_three_sizes() {
    let mut state = common::group(Lang::Nl);
    state.size = (120, 36);
    dispatch(&mut state, Action::Round(RoundAction::Show));
    // A fixed address so that the text does not depend on the machine.
    dispatch(
        &mut state,
        Action::Round(RoundAction::Addresses(vec![
            "192.168.1.20".parse().unwrap(),
        ])),
    );
    let setup = common::render(&state, 80, 24);
    assert!(setup.contains("▶ Vraag"), "{setup}");
    assert!(setup.contains("192.168.1.20"), "{setup}");
    insta::assert_snapshot!("round_setup_80x24", setup);
    // A live round with a known code and URL, and a closed one with ballots.
    let round = live_round(&mut state);
    for (w, h) in [(80, 24), (120, 36), (200, 60)] {
        let live = common::render(&state, w, h);
        assert!(live.contains("ABCD-EFGH"), "{live}");
        assert!(!live.contains('%'), "no ballot content while blind: {live}");
        insta::assert_snapshot!(format!("round_live_{w}x{h}"), live);
    }
    reveal_round(&mut state, round);
    for (w, h) in [(80, 24), (120, 36), (200, 60)] {
        let shown = common::render(&state, w, h);
        assert!(shown.contains("Uitslag"), "{shown}");
        insta::assert_snapshot!(format!("round_revealed_{w}x{h}"), shown);
    }
}

/// Opens (without a server) a round with a known code and URL on the group profile, with
/// three ballots from two of its municipalities; returns the round as it was opened.
fn live_round(state: &mut State) -> wolkwijzer::core::round::Round {
    let spec = wolkwijzer::tui::screens::round::spec_of(state);
    let mut round = wolkwijzer::core::round::Round::open("ABCD-EFGH".into(), spec.clone()).unwrap();
    let ballot = |m: &str, p: [&str; 5]| {
        let mut f: Vec<(String, String)> = vec![("municipality".into(), m.into())];
        for (c, v) in spec.criteria.iter().zip(p) {
            f.push((spec.value_field(*c), v.into()));
        }
        f.push(("choice".into(), "ssc".into()));
        spec.validate_ballot(&f).unwrap()
    };
    round
        .cast("a", ballot("Dijkveld", ["10", "2", "8", "4", "6"]))
        .unwrap();
    round
        .cast("b", ballot("Waalhoven", ["3", "9", "2", "5", "5"]))
        .unwrap();
    round
        .cast("c", ballot("Dijkveld", ["6", "6", "6", "6", "10"]))
        .unwrap();
    dispatch(
        state,
        Action::Round(RoundAction::Opened {
            round: Box::new(round.clone()),
            base_url: "http://192.168.1.20:8080".into(),
            join_url: "HTTP://192.168.1.20:8080/J/ABCDEFGH".into(),
        }),
    );
    assert_eq!(state.round.phase(), Phase::Live);
    round
}

/// Closes the round of [`live_round`] as the edge reports it (no server was running).
fn reveal_round(state: &mut State, mut round: wolkwijzer::core::round::Round) {
    state.round.serving = false;
    round.close();
    dispatch(state, Action::Round(RoundAction::Closed(Box::new(round))));
    assert_eq!(state.round.phase(), Phase::Revealed);
}

/// A key as the terminal reports it, through the app's key table and `dispatch`.
fn press(state: &mut State, code: KeyCode) {
    let mods = match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    if let Some(a) = action_for_key(state, KeyEvent::new(code, mods)) {
        dispatch(state, a);
    }
}

/// What applying a round changes and `u` must take back (issue 17).
fn applied_marks(
    state: &State,
) -> (
    Vec<wolkwijzer::core::profile::Weights>,
    wolkwijzer::core::profile::Weights,
    Vec<bool>,
    bool,
    bool,
) {
    (
        state.weights.clone(),
        state.profile.weights.clone(),
        state.entered.clone(),
        state.reveal,
        state.round.applied,
    )
}

#[test]
fn undo_after_applying_a_round_returns_to_before_the_apply() {
    let mut state = common::group(Lang::Nl);
    press(&mut state, KeyCode::Char('V'));
    let round = live_round(&mut state);
    reveal_round(&mut state, round);
    let before = applied_marks(&state);
    let records = state.weight_records.clone();
    assert!(!state.reveal && !state.round.applied);
    press(&mut state, KeyCode::Char('a'));
    let after = applied_marks(&state);
    // The apply changed every part: weights, the group's weights, who entered, the room's
    // reveal and the round's own mark (else the test below could not fail).
    assert_ne!(after.0, before.0);
    assert_ne!(after.1, before.1);
    assert_ne!(after.2, before.2, "{:?}", after.2);
    assert!(after.3 && after.4);
    let applied = common::render(&state, 120, 36);
    assert!(!applied.contains("nog niet toegepast"), "{applied}");
    // One `u`, in the round view itself, takes the whole step back.
    press(&mut state, KeyCode::Char('u'));
    assert_eq!(applied_marks(&state), before);
    assert_eq!(state.weight_records, records);
    let undone = common::render(&state, 120, 36);
    assert!(undone.contains("nog niet toegepast"), "{undone}");
    // And the round can be applied again.
    press(&mut state, KeyCode::Char('a'));
    assert_eq!(applied_marks(&state), after);
}

#[test]
fn keys_the_round_view_does_not_take_leave_the_screen_under_it() {
    let mut state = common::group(Lang::Nl);
    press(&mut state, KeyCode::Char('3'));
    let under = state.screen;
    assert_ne!(under.index(), 0);
    press(&mut state, KeyCode::Char('V'));
    let round = live_round(&mut state);
    let digits = "1234567890".chars().map(KeyCode::Char);
    let others = [KeyCode::Tab, KeyCode::BackTab, KeyCode::Char('t')];
    for code in digits.clone().chain(others) {
        press(&mut state, code);
        assert_eq!(state.screen, under, "live, {code:?}");
        assert!(state.round.visible, "live, {code:?}");
    }
    reveal_round(&mut state, round);
    for code in digits.chain(others) {
        press(&mut state, code);
        assert_eq!(state.screen, under, "revealed, {code:?}");
        assert!(state.round.visible, "revealed, {code:?}");
    }
    // Neither does a click on a tab.
    state.size = (120, 36);
    if let Some(a) = wolkwijzer::tui::keymap::click(&state, 2, 1) {
        dispatch(&mut state, a);
    }
    assert_eq!(state.screen, under);
    // The general keys still work: help, language; `V` closes the view, and then the digits
    // switch screens again.
    press(&mut state, KeyCode::Char('?'));
    assert!(state.popup.is_some());
    press(&mut state, KeyCode::Esc);
    assert!(state.popup.is_none() && state.round.visible);
    press(&mut state, KeyCode::Char('L'));
    assert_eq!(state.lang, Lang::En);
    press(&mut state, KeyCode::Char('V'));
    assert!(!state.round.visible);
    press(&mut state, KeyCode::Char('1'));
    assert_eq!(state.screen.index(), 0);
}

/// Decodes QR code text as the terminal shows it (drawn cells light, spaces dark) with a
/// QR reader, as a phone's camera would.
fn scan(lines: &[String], rows_per_line: usize) -> String {
    // Each character cell: one module wide (two for the large form), `rows_per_line` high.
    let cells: Vec<Vec<char>> = lines.iter().map(|l| l.chars().collect()).collect();
    let cols_per_module = if rows_per_line == 1 { 2 } else { 1 };
    let w_modules = cells[0].len() / cols_per_module;
    let h_modules = cells.len() * rows_per_line;
    let light = |x: usize, y: usize| -> bool {
        let c = cells[y / rows_per_line][x * cols_per_module];
        if rows_per_line == 1 {
            return c == '█';
        }
        matches!((c, y % 2), ('█', _) | ('▀', 0) | ('▄', 1))
    };
    const PX: usize = 6;
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(w_modules * PX, h_modules * PX, |x, y| {
            if light(x / PX, y / PX) { 255 } else { 0 }
        });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code found");
    grids[0].decode().unwrap().1
}

#[test]
fn the_qr_code_on_the_screen_scans_back_to_the_join_url() {
    for url in [
        "HTTP://192.168.178.23:8080/J/ABCD2345",
        "HTTP://127.0.0.1:50123/J/ZZZZ9999",
    ] {
        let small = wolkwijzer::vote::qr::lines(url).unwrap();
        assert_eq!(scan(&small, 2), url);
        let large = wolkwijzer::vote::qr::lines_large(url).unwrap();
        assert_eq!(scan(&large, 1), url);
    }
}

/// The ⚠ legend stands under the revealed table only when a criterion is marked ⚠; when the
/// municipalities agree, the view says that none is disputed (issue 17).
#[test]
fn the_disputed_legend_is_shown_only_when_a_criterion_is_disputed() {
    // Disputed: the ballots of `live_round` differ by far more than 10 points.
    let mut state = common::group(Lang::Nl);
    state.size = (120, 36);
    dispatch(&mut state, Action::Round(RoundAction::Show));
    let round = live_round(&mut state);
    reveal_round(&mut state, round);
    let shown = common::render(&state, 120, 36);
    assert!(shown.contains("⚠ omstreden"), "{shown}");
    assert!(!shown.contains("Geen criterium is omstreden"), "{shown}");

    // Agreed: two municipalities give the same points.
    let mut state = common::group(Lang::Nl);
    state.size = (120, 36);
    dispatch(&mut state, Action::Round(RoundAction::Show));
    let spec = wolkwijzer::tui::screens::round::spec_of(&state);
    let mut round = wolkwijzer::core::round::Round::open("ABCD-EFGH".into(), spec.clone()).unwrap();
    for (token, m) in [("a", "Dijkveld"), ("b", "Waalhoven")] {
        let mut f: Vec<(String, String)> = vec![("municipality".into(), m.into())];
        for c in &spec.criteria {
            f.push((spec.value_field(*c), "5".into()));
        }
        f.push(("choice".into(), "ssc".into()));
        round
            .cast(token, spec.validate_ballot(&f).unwrap())
            .unwrap();
    }
    dispatch(
        &mut state,
        Action::Round(RoundAction::Opened {
            round: Box::new(round.clone()),
            base_url: "http://192.168.1.20:8080".into(),
            join_url: "HTTP://192.168.1.20:8080/J/ABCDEFGH".into(),
        }),
    );
    reveal_round(&mut state, round);
    let shown = common::render(&state, 120, 36);
    assert!(shown.contains("Geen criterium is omstreden."), "{shown}");
    assert!(!shown.contains('⚠'), "{shown}");
}
