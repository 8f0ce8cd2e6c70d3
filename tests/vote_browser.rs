//! The voting round end to end, as a room would run it: the facilitator's TUI opens a round
//! (through `update` and the app's effects, exactly as the keys do), headless Chromium at a
//! phone-sized window and with JavaScript off casts ballots for the three municipalities of
//! the starter group through the real screens, one question each (one refused first on a
//! screen and on the review, one changed afterwards), and saves each ballot file from the
//! receipt's link. The facilitator imports one of those files and one written by
//! `wolkwijzer ballot` (the fallback without a network); the TUI's state, the reveal, the
//! weights applied to the group, and the exported decision note (its group weights and its
//! round section) are checked.
//!
//! Needs Node.js, `tests/browser/node_modules` (`npm ci` in `tests/browser`) and Chromium; under
//! `CI=true` their absence fails the test. Screenshots go to `target/vote-browser/`.

#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

mod common;
#[path = "common/vote.rs"]
mod vote_common;

use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::process::Command;

use wolkwijzer::core::criteria::Criterion;
use wolkwijzer::core::round::{Answer, Question};
use wolkwijzer::core::text::Lang;
use wolkwijzer::report::doc::Block;
use wolkwijzer::tui::Action;
use wolkwijzer::tui::app::dispatch;
use wolkwijzer::tui::screens::round::{Phase, RoundAction};

fn which(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Node, the Playwright driver and Chromium, or `None` (skip) — a panic under CI.
fn tools() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let node = which("node");
    let driver = dir.join("node_modules/playwright-core").is_dir();
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| which("chromium"));
    if let (Some(node), true, Some(_)) = (&node, driver, &chromium) {
        return Some(node.clone());
    }
    let missing = format!(
        "node: {}, tests/browser/node_modules (npm ci): {}, chromium: {}",
        node.is_some(),
        driver,
        chromium.is_some()
    );
    assert!(
        !common::on_ci(),
        "CI=true but the browser test's tools are missing ({missing})"
    );
    eprintln!("skipping the vote browser test: {missing}");
    None
}

#[test]
fn three_municipalities_vote_from_phone_sized_chromium_and_the_tui_reveals_and_applies() {
    let Some(node) = tools() else { return };
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/vote-browser");
    std::fs::create_dir_all(&out).unwrap();

    // The facilitator opens the round view, picks the loopback address and a free port, and
    // opens a points round with the option question (the defaults).
    let mut state = common::group(Lang::Nl);
    dispatch(&mut state, Action::Round(RoundAction::Show));
    assert!(state.round.visible);
    let lo = IpAddr::V4(Ipv4Addr::LOCALHOST);
    state.round.address = state
        .round
        .addresses
        .iter()
        .position(|&a| a == lo)
        .expect("loopback is always offered");
    state.round.port = vote_common::free_port().to_string();
    dispatch(&mut state, Action::Round(RoundAction::Open));
    assert_eq!(state.round.phase(), Phase::Live, "{:?}", state.status);
    let round = state.round.round.clone().unwrap();
    assert_eq!(round.spec.question, Question::Points);
    assert_eq!(
        round.spec.municipalities,
        vec!["Dijkveld", "Waalhoven", "Uiterwaard"]
    );
    let crit: Vec<&str> = round.spec.criteria.iter().map(|c| c.id()).collect();

    // One ballot per municipality; the second participant changes theirs afterwards.
    let values = |p: [u32; 5]| -> serde_json::Value {
        crit.iter()
            .zip(p)
            .map(|(c, v)| {
                (
                    format!("points.{c}"),
                    serde_json::Value::from(v.to_string()),
                )
            })
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    assert_eq!(crit.len(), 5, "{crit:?}");
    let ballots = serde_json::json!([
        {"municipality": "Dijkveld", "index": 0, "values": values([10, 2, 8, 4, 6]), "choice": "ssc"},
        {"municipality": "Waalhoven", "index": 1, "values": values([3, 9, 2, 5, 5]), "choice": "host",
         "change": {format!("points.{}", crit[0]): "4"}},
        {"municipality": "Uiterwaard", "index": 2, "values": values([6, 6, 6, 6, 10]), "choice": "none"},
    ]);
    let run = Command::new(&node)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser"))
        .arg("vote.mjs")
        .arg(&state.round.join_url)
        .arg(&out)
        .arg(ballots.to_string())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "the browser run failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // The refusals told the participant what to fix, in Dutch, on the screen and on the
    // review; every receipt confirmed.
    assert!(stdout.contains("Gemeente: vul dit in."), "{stdout}");
    assert!(
        stdout.contains("geef ten minste één criterium meer dan 0"),
        "{stdout}"
    );
    assert_eq!(
        stdout.matches("Uw stem is ontvangen").count(),
        2,
        "{stdout}"
    );
    assert!(stdout.contains("Your vote has been received"), "{stdout}");

    // The TUI takes the ballots through the same update path as any action.
    for a in wolkwijzer::tui::round_link::pending(&state) {
        dispatch(&mut state, a);
    }
    let live = state.round.round.clone().unwrap();
    assert_eq!(live.counts(), vec![1, 1, 1]);

    // The ballot file the first phone saved from its receipt (a data: link, no server) is the
    // file `wolkwijzer ballot` writes for the same answers and token.
    let saved = std::fs::read_to_string(out.join("ballot-0.toml")).unwrap();
    assert!(
        stdout.contains(&format!(
            "\"suggested\":\"{}\"",
            wolkwijzer::vote::ballot_file::file_name(&live.code)
        )),
        "{stdout}"
    );
    let token = saved
        .lines()
        .find_map(|l| l.strip_prefix("token = \""))
        .and_then(|l| l.strip_suffix('"'))
        .unwrap()
        .to_string();
    let cli_ballot = |token: Option<&str>, file: &Path| {
        let mut cmd = assert_cmd::Command::cargo_bin("wolkwijzer").unwrap();
        cmd.args(["ballot", "--round", &live.code, "--question", "points"])
            .args(["--municipality", "Dijkveld", "--choice", "ssc"]);
        for (c, v) in crit.iter().zip([10, 2, 8, 4, 6]) {
            cmd.args(["--set", &format!("points.{c}={v}")]);
        }
        if let Some(t) = token {
            cmd.args(["--token", t]);
        }
        cmd.arg("-o").arg(file).assert().success();
        std::fs::read_to_string(file).unwrap()
    };
    assert_eq!(cli_ballot(Some(&token), &out.join("cli-same.toml")), saved);

    // The facilitator imports files through the round view (`f`, the path, Enter): the
    // phone's own file replaces its ballot (same token), a laptop's file adds one.
    let import = |state: &mut wolkwijzer::tui::State, path: &Path| {
        dispatch(state, Action::Round(RoundAction::ImportStart));
        for c in path.display().to_string().chars() {
            dispatch(state, Action::Round(RoundAction::Char(c)));
        }
        dispatch(state, Action::Round(RoundAction::Confirm));
        let s = state.status.clone().unwrap();
        assert!(!s.error, "{}", s.text(Lang::Nl));
        for a in wolkwijzer::tui::round_link::pending(state) {
            dispatch(state, a);
        }
    };
    import(&mut state, &out.join("ballot-2.toml"));
    assert_eq!(state.round.round.as_ref().unwrap().counts(), vec![1, 1, 1]);
    let laptop = out.join("cli-new.toml");
    cli_ballot(None, &laptop);
    import(&mut state, &laptop);
    let live = state.round.round.clone().unwrap();
    assert_eq!(
        live.counts(),
        vec![2, 1, 1],
        "the laptop's ballot counts for Dijkveld"
    );
    let answer = |m: usize| {
        live.ballots
            .values()
            .find(|b| b.municipality == Some(m))
            .map(|b| b.answer.clone())
    };
    assert_eq!(
        answer(1),
        Some(Answer::Points {
            points: vec![4, 9, 2, 5, 5]
        }),
        "the changed ballot replaced the first"
    );

    // Close (the server stops), reveal, apply.
    dispatch(&mut state, Action::Round(RoundAction::Close));
    assert_eq!(state.round.phase(), Phase::Revealed);
    assert!(!wolkwijzer::tui::round_link::is_live(&state));
    let reveal = state.round.reveal.clone().unwrap().unwrap();
    assert_eq!(reveal.ballots, 4);
    let votes = |o: Option<&str>| {
        reveal
            .choices
            .iter()
            .find(|(c, _)| c.map(|c| c.id()) == o)
            .map_or(0, |(_, n)| *n)
    };
    assert_eq!(
        (votes(Some("ssc")), votes(Some("host")), votes(None)),
        (2, 1, 1)
    );
    let before = state.weights.clone();
    let before_plenary = state.profile.weights.clone();
    dispatch(&mut state, Action::Round(RoundAction::Apply));
    assert!(state.round.applied);
    // Dijkveld: 10, 2, 8, 4, 6 → privacy is its heaviest criterion: 10 on the slider scale.
    assert_eq!(state.weights[0].get(Criterion::Privacy), 10.0);
    assert_eq!(state.weights[0].get(Criterion::CostPredictability), 2.0);
    assert_eq!(state.weights[2].get(Criterion::Exit), 10.0);
    assert_eq!(state.weights[2].get(Criterion::Privacy), 6.0);
    assert_ne!(state.weights, before);
    // The group's weights are the municipalities' mean, each counting once: the note's group
    // decision ranks by them.
    let (group, _) = reveal.group_weights(&before_plenary).unwrap();
    assert_eq!(state.profile.weights, group);
    assert!(state.reveal, "the round's reveal is the room's reveal");

    // The session carries the round; a restart restores it closed, with the same reveal.
    let text = wolkwijzer::io::store::to_toml(&state.session()).unwrap();
    let session = wolkwijzer::io::store::parse("autosave.toml", &text).unwrap();
    let mut restarted = common::group(Lang::Nl);
    dispatch(&mut restarted, Action::Restore(Box::new(session)));
    dispatch(&mut restarted, Action::Round(RoundAction::Show));
    assert_eq!(restarted.round.phase(), Phase::Revealed);
    assert_eq!(restarted.round.reveal, state.round.reveal);
    assert_eq!(restarted.weights, state.weights);

    // The note's round section, anonymous.
    let section = wolkwijzer::report::note::round::round_section(
        state.round.round.as_ref(),
        &state.catalogue,
        Lang::Nl,
    );
    let s = wolkwijzer::report::doc::plain_text(&section);
    assert!(s.starts_with("# Stemronde"), "{s}");
    assert!(s.contains("Stemmen | 2 | 1 | 1"), "{s}");
    assert!(s.contains("anoniem"), "{s}");
    let heads: Vec<Vec<String>> = section
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t.columns.iter().map(|c| c.head.clone()).collect()),
            _ => None,
        })
        .collect();
    assert!(
        heads
            .iter()
            .any(|h| h[1..] == ["Dijkveld", "Waalhoven", "Uiterwaard"]),
        "{heads:?}"
    );
    // The decision note exports from the same state: its weights are the group's weights the
    // round set, and its annex holds the round after the group chapter.
    let json = out.join("besluitnotitie.json");
    wolkwijzer::tui::app::export(&state, &json).unwrap();
    let note: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let total: f64 = crit
        .iter()
        .map(|c| group.get(Criterion::from_id(c).unwrap()))
        .sum();
    for w in note["weights"].as_array().unwrap() {
        let c = Criterion::from_id(w["criterion"].as_str().unwrap()).unwrap();
        let share = w["share"].as_f64().unwrap();
        assert!(
            (share - group.get(c) / total).abs() < 1e-6,
            "{c:?}: {share} in the note, {} from the round",
            group.get(c) / total
        );
    }
    let note = out.join("besluitnotitie.md");
    wolkwijzer::tui::app::export(&state, &note).unwrap();
    let md = std::fs::read_to_string(&note).unwrap();
    let (group_at, round_at) = (md.find("Dijkveld").unwrap(), md.find("Stemronde").unwrap());
    assert!(group_at < round_at, "{md}");
    let row = md[round_at..]
        .lines()
        .find(|l| l.starts_with("| Stemmen"))
        .unwrap_or_else(|| panic!("{md}"));
    let cells: Vec<&str> = row
        .split('|')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(cells, ["Stemmen", "2", "1", "1"]);
    for png in [
        "step-error.png",
        "step-0.png",
        "step-1.png",
        "review-errors.png",
        "review.png",
        "receipt.png",
        "receipt-en.png",
    ] {
        assert!(out.join(png).is_file(), "{png}");
    }
}
