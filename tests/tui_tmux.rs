//! End-to-end tests of the real binary in tmux: a whole workshop (every screen, a weight, the
//! language, a resize to 30×8 and back, a save, quit) with the terminal restored afterwards;
//! and SIGKILL during a burst of autosaves, in a loop, after which the session file always
//! parses; the cursor shown again after every way out (signals, `q`, Ctrl-C); a second
//! instance on the same data folder told and read-only. Under `CI=true` a missing tmux fails these tests; elsewhere they skip with a note.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use wolkwijzer::core::business_case::ScenarioPlan;
use wolkwijzer::core::criteria::Criterion;
use wolkwijzer::core::text::Lang;
use wolkwijzer::io::store;

mod common;

use common::tmux::{self, BIN, Tmux, shell_quote};

/// Types the command that starts the binary with `data` as its data directory and `args`
/// after it, and presses Enter.
fn launch(t: &Tmux, data: &Path, args: &str) {
    let launch = format!(
        "WOLKWIJZER_DATA_DIR={} {}{args}",
        shell_quote(data),
        shell_quote(Path::new(BIN))
    );
    t.send(&[&launch, "Enter"]);
}

#[test]
fn a_whole_workshop_in_tmux_leaves_a_saved_session_and_a_usable_shell() {
    if !tmux::available("tui_tmux") {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let saved: PathBuf = data.path().join("workshop.toml");
    let t = Tmux::shell("walk", 120, 36);
    launch(&t, data.path(), " -p profiles/middelgrote-gemeente.toml");
    t.wait_for("Werkplekken");

    // Every screen, by number, each recognised by its own content.
    for (key, text) in [
        ("1", "Kies een profiel"),
        ("2", "Huidige plaatsing"),
        ("3", "Cloudkenmerken"),
        ("4", "Houdt in eigen hand"),
        ("5", "Publieke cloud toegestaan?"),
        ("6", "Ranglijst (live)"),
        ("7", "Waarom deze score?"),
        ("8", "Verschil met ongewijzigd beleid"),
        ("9", "Burgerzaken (BRP) ─"),
        ("0", "Het besluit in het kort"),
    ] {
        t.send(&[key]);
        t.wait_for(text);
    }

    // The business case: the first one-off cost (row 5) edited in place, recalculated.
    t.send(&["8"]);
    t.wait_for("Eenmalig: Aanbested");
    t.send(&["j", "j", "j", "j", "Enter"]);
    t.send(&vec!["BSpace"; 20]);
    t.send(&["-l", "999999"]);
    t.send(&["Enter"]);
    let pane = t.wait_for("Herberekend");
    assert!(pane.contains("999.999"), "{pane}");

    // The decision note from the summary: `e`, a path of our own, Enter; HTML and Markdown.
    for name in ["besluit.html", "besluit.md"] {
        let note = data.path().join(name);
        t.send(&["0", "e"]);
        t.wait_for("Besluitnotitie exporteren als");
        t.send(&vec!["BSpace"; 200]);
        t.send(&["-l", &note.display().to_string()]);
        t.send(&["Enter"]);
        // The status line of the previous export may still be on screen: wait for this file's
        // own name, then for the file itself.
        t.wait_for(&format!(
            "Besluitnotitie geschreven naar {}",
            note.display()
        ));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !note.exists() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let text = std::fs::read_to_string(&note).expect("the note was written");
        if name.ends_with(".html") {
            assert!(text.starts_with("<!DOCTYPE html>"), "{name}");
            assert!(text.trim_end().ends_with("</html>"), "{name}");
            assert!(!text.contains("<script"), "{name}");
        } else {
            assert!(text.starts_with("# "), "{name}");
            assert!(text.contains("## "), "{name}");
        }
    }
    // Tab wraps from the summary to the start.
    t.send(&["Tab"]);
    t.wait_for("Kies een profiel");

    // A weight: privacy 30 → 35.
    t.send(&["6", "+"]);
    let pane = t.wait_for("35  33%");
    assert!(pane.contains("Privacy"), "{pane}");

    // The language.
    t.send(&["L"]);
    t.wait_for("Ranking (live)");

    // Too small, then back.
    t.cmd(&["resize-window", "-t", "main", "-x", "30", "-y", "8"]);
    t.wait_for("Enlarge the window");
    t.cmd(&["resize-window", "-t", "main", "-x", "120", "-y", "36"]);
    t.wait_for("Ranking (live)");

    // The elicitation methods, each applied as it is shown; back to the sliders, and `u`
    // five times takes the five steps back to the room's own weights.
    for text in [
        "Largest swing on top",
        "Rank-order centroid",
        "Rank-sum weights",
        "AHP: weights and consistency",
    ] {
        t.send(&["t"]);
        t.wait_for(text);
    }
    t.send(&["t"]);
    t.wait_for_not("AHP: weights and consistency");
    t.send(&["u", "u", "u", "u", "u"]);
    t.wait_for("35  33%");
    // The sensitivity view and its panes, then back to the table.
    t.send(&["7", "v"]);
    t.wait_for("How robust is the result?");
    t.send(&["Right"]);
    t.wait_for("stays first");
    t.send(&["Right"]);
    t.wait_for("of plausible weightings");
    t.send(&["Right"]);
    t.wait_for("closeness");
    t.send(&["v"]);
    t.wait_for("Enter: Why this score?");
    t.send(&["6"]);
    t.wait_for("Ranking (live)");

    // Save to a file of our choice: clear the proposed path, type ours.
    t.send(&["s"]);
    t.wait_for("Save the session as");
    let backspaces = vec!["BSpace"; 200];
    t.send(&backspaces);
    t.send(&["-l", &saved.display().to_string()]);
    t.send(&["Enter"]);
    t.wait_for("Session saved to");

    // Quit; the shell must work again with the terminal out of raw mode.
    t.send(&["q"]);
    // Type only once the TUI is gone: keys arriving with the `q` would be read by it.
    t.wait_for_not("Ranking (live)");
    t.send(&[
        "stty -a | tr ' ' '\\n' | grep -x -- '-\\?icanon'; echo DONE-$((40+2))",
        "Enter",
    ]);
    let pane = t.wait_for("DONE-42");
    assert!(
        pane.lines().any(|l| l.trim() == "icanon"),
        "canonical mode is back on after quitting:\n{pane}"
    );
    assert!(
        !pane.contains("Ranking (live)"),
        "the alternate screen was left:\n{pane}"
    );

    let s = store::load(&saved).expect("the saved session parses");
    assert_eq!(s.schema, store::SCHEMA);
    assert_eq!(s.language, Lang::En);
    assert_eq!(s.screen, "weights");
    assert_eq!(s.weights[0].get(Criterion::Privacy), 35.0);
    assert!(s.profile_path.is_some());
    // The business case edit is part of the saved session.
    let bc = s
        .profile
        .business_case
        .as_ref()
        .expect("the business case is saved");
    let ScenarioPlan::Single(local) = &bc.scenarios[0].plan else {
        panic!("one municipality");
    };
    assert_eq!(
        local.scenario.one_off[0].amount,
        rust_decimal::Decimal::from(999_999)
    );
    // The autosave followed every change too.
    let auto = store::load(&data.path().join(store::AUTOSAVE_FILE)).expect("autosave parses");
    assert_eq!(auto.weights, s.weights);
}

/// The name after "label: " up to the two spaces before its score, on the line holding it.
fn named_after(pane: &str, label: &str) -> String {
    let line = pane
        .lines()
        .find(|l| l.contains(label))
        .unwrap_or_else(|| panic!("no {label:?} in:\n{pane}"));
    let rest = &line[line.find(label).unwrap() + label.len()..];
    rest.split("  ").next().unwrap_or("").trim().to_string()
}

/// A starter group's whole workshop on the real binary: the blind round (no member's weight on
/// screen before `r`), the reveal, the members' mean adopted as the group weights, Summary on
/// the group, notes typed with a line break and a paragraph pasted as a bracketed paste
/// (holding `q` and digits that must not run as keys), the export, and the session on disk.
#[test]
fn a_starter_group_workshop_in_tmux_blind_reveal_adopt_notes_export() {
    if !tmux::available("tui_tmux") {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let t = Tmux::shell("group", 120, 36);
    launch(&t, data.path(), " -p profiles/startersgroep.toml");
    t.wait_for("Werkplekken");

    // Blind entry: each member's screen is hidden until it starts; `m` passes the turn on.
    t.send(&["6", "m"]);
    let pane = t.settled("Blinde ronde");
    assert!(pane.contains("◀ Aarle ▶"), "{pane}");
    assert!(
        !pane.contains("20%"),
        "Aarle's privacy weight before r:\n{pane}"
    );
    t.send(&["Enter"]);
    t.wait_for("Ranglijst (live)");
    t.send(&["+"]);
    t.send(&["m"]);
    let pane = t.settled("◀ Bladel-Oost ▶");
    assert!(pane.contains("Blinde ronde"), "{pane}");
    assert!(
        !pane.contains("35%"),
        "Bladel-Oost's privacy weight before r:\n{pane}"
    );
    // The group view before the reveal: no member's weights, spread or own winner.
    t.send(&["7", "g"]);
    let pane = t.settled("gemeenten hebben hun gewichten");
    let body: String = pane.lines().skip(3).collect::<Vec<_>>().join("\n");
    for m in ["Aarle", "Bladel-Oost", "Eersel-Noord", "Reusel-Zuid"] {
        assert!(!body.contains(m), "{m} before r:\n{pane}");
    }

    // The reveal, then the members' mean as the group weights.
    t.send(&["r"]);
    let pane = t.settled("Gem.");
    assert!(
        pane.contains("35%") && pane.contains("Bladel-Oost"),
        "{pane}"
    );
    t.send(&["a"]);
    t.wait_for("Het gemiddelde van de gemeenten is nu het groepsgewicht");
    // Back to the group itself (Bladel-Oost → Eersel-Noord → Reusel-Zuid → groep).
    t.send(&["m", "m", "m"]);
    let pane = t.settled("◀ groep ▶");
    let group_first = named_after(&pane, "Groepsranglijst 1. ");

    // Summary: the same winner, said to be the group's.
    t.send(&["0"]);
    let pane = t.settled("resultaat van: groep");
    let summary_first = named_after(&pane, "Beste keuze: ");
    assert_eq!(summary_first, group_first, "{pane}");

    // Notes: typed with a line break, then a pasted paragraph (bracketed).
    t.send(&["n"]);
    t.wait_for("Ctrl-S of F2 bewaren");
    t.send(&["-l", "Samen verder met het SSC"]);
    t.send(&["Enter"]);
    t.send(&["-l", "onder voorbehoud van de raad"]);
    t.send(&["Enter"]);
    t.cmd(&[
        "set-buffer",
        "Gemeente Aarle vraagt om een exitplan.\nq 1 2 3 e s: geen toetsen\nlaatste regel",
    ]);
    t.cmd(&["paste-buffer", "-p", "-t", "main"]);
    t.wait_for("laatste regel");
    t.send(&["F2"]);
    let pane = t.settled("Notitie bewaard in de sessie");
    assert!(pane.contains("Besluit: Samen verder met het SSC"), "{pane}");
    assert!(pane.contains("q 1 2 3 e s: geen toetsen"), "{pane}");

    // The export, to a file of our own.
    let note = data.path().join("groep.md");
    t.send(&["e"]);
    t.wait_for("Besluitnotitie exporteren als");
    t.send(&vec!["BSpace"; 200]);
    t.send(&["-l", &note.display().to_string()]);
    t.send(&["Enter"]);
    t.wait_for("Besluitnotitie geschreven naar");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !note.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let md = std::fs::read_to_string(&note).expect("the note was written");
    // The note ranks the group decision: the same winner as the group view and Summary.
    assert!(md.contains(&group_first), "{md}");
    // ... and records the session: the typed notes, with the pasted paragraph, and the group
    // chapter (the members' weights after the reveal).
    assert!(md.contains("Besluiten"), "{md}");
    assert!(md.contains("Samen verder met het SSC"), "{md}");
    assert!(md.contains("q 1 2 3 e s: geen toetsen"), "{md}");
    assert!(md.contains("De startersgroep"), "{md}");
    t.send(&["q"]);
    t.wait_for_not("resultaat van");

    // The session holds the notes (their line breaks), the reveal and the adopted weights.
    let s = store::load(&data.path().join(store::AUTOSAVE_FILE)).expect("autosave parses");
    assert_eq!(s.room_notes.len(), 1, "{:?}", s.room_notes);
    assert_eq!(
        s.room_notes[0].text,
        "Samen verder met het SSC\nonder voorbehoud van de raad\nGemeente Aarle vraagt om een exitplan.\nq 1 2 3 e s: geen toetsen\nlaatste regel"
    );
    let blind = s.blind.expect("the blind round is in the session");
    assert!(blind.revealed);
    assert!(s.elicitation.iter().any(|r| matches!(
        r.how,
        wolkwijzer::core::mcda::elicitation::WeightMethod::GroupMean { members: 4 }
    )));
}

#[test]
fn sigkill_during_a_burst_of_autosaves_never_leaves_a_broken_session() {
    if !tmux::available("tui_tmux") {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let auto = data.path().join(store::AUTOSAVE_FILE);
    let mut parsed = 0;
    for round in 0..8u64 {
        let cmd = format!(
            "exec env WOLKWIJZER_DATA_DIR={} {}",
            shell_quote(data.path()),
            shell_quote(Path::new(BIN))
        );
        let t = Tmux::run(&format!("kill{round}"), 100, 30, &cmd);
        let had_autosave = auto.exists();
        let pane = t.settled("Wolkwijzer");
        // A readable autosave of the demo with real edits (the burst of + and - may have ended
        // where it began) is newer than the built-in profile: it is offered.
        let fresh = wolkwijzer::tui::State::new(
            wolkwijzer::io::catalogue::built_in(),
            wolkwijzer::io::profile::demo(),
            None,
        )
        .session();
        let edited =
            store::load(&auto).is_ok_and(|s| wolkwijzer::tui::app::has_real_edits(&s, &fresh));
        if had_autosave && edited {
            let pane = t.settled("Sessie herstellen?");
            assert!(pane.contains("Enter herstelt"), "{pane}");
        }
        // An autosave from an earlier round is offered for restore: decline it, and wait
        // until it is gone (a key right after Esc would read as Alt-key).
        if (had_autosave && edited) || pane.contains("Sessie herstellen?") {
            t.send(&["Escape"]);
            t.wait_for_not("Sessie herstellen?");
        }
        let pid = t.cmd(&["display-message", "-p", "-t", "main", "#{pane_pid}"]);
        let pid = pid.trim().to_string();
        assert!(pid.parse::<u32>().is_ok(), "pane pid: {pid:?}");
        t.send(&["6"]);
        t.wait_for("Privacy");
        // A burst of weight changes in many small sends (the TUI saves once per batch of
        // queued keys, so each send is an autosave); kill while it is running.
        let socket = t.socket().to_string();
        let sender = std::thread::spawn(move || {
            for i in 0..150 {
                let key = if i % 2 == 0 { "+" } else { "-" };
                let _ = Command::new("tmux")
                    .args(["-L", &socket, "send-keys", "-t", "main", key])
                    .output();
            }
        });
        std::thread::sleep(Duration::from_millis(60 + round * 25));
        let killed = Command::new("kill").args(["-9", &pid]).status().unwrap();
        assert!(killed.success());
        let _ = sender.join();
        if auto.exists() {
            store::load(&auto).unwrap_or_else(|e| panic!("round {round}: {e}"));
            parsed += 1;
        }
    }
    assert!(
        parsed >= 6,
        "the autosave existed in only {parsed} of 8 rounds"
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    if !tmux::available("tui_tmux") {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let t = Tmux::shell("term", 100, 30);
    launch(&t, data.path(), "");
    t.wait_for("Kies een profiel");
    let shell = t.cmd(&["display-message", "-p", "-t", "main", "#{pane_pid}"]);
    let children = Command::new("pgrep")
        .args(["-P", shell.trim()])
        .output()
        .expect("pgrep runs");
    let pid = String::from_utf8_lossy(&children.stdout).trim().to_string();
    assert!(pid.parse::<u32>().is_ok(), "the TUI's pid: {pid:?}");
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    // Wait until it is gone, so that the keys below reach the shell, not the dying TUI.
    let start = Instant::now();
    while Command::new("kill")
        .args(["-0", &pid])
        .output()
        .is_ok_and(|o| o.status.success())
    {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the TUI ignored SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    t.send(&[
        "stty -a | tr ' ' '\\n' | grep -x -- '-\\?icanon'; echo DONE-$((40+2))",
        "Enter",
    ]);
    let pane = t.settled("DONE-42");
    assert!(
        pane.lines().any(|l| l.trim() == "icanon"),
        "canonical mode is back on after SIGTERM:\n{pane}"
    );
}

/// The pid of the TUI started with `launch` (the shell's only child).
fn tui_pid(t: &Tmux) -> String {
    let shell = t.cmd(&["display-message", "-p", "-t", "main", "#{pane_pid}"]);
    let start = Instant::now();
    loop {
        let children = Command::new("pgrep")
            .args(["-P", shell.trim()])
            .output()
            .expect("pgrep runs");
        let pid = String::from_utf8_lossy(&children.stdout).trim().to_string();
        if pid.parse::<u32>().is_ok() {
            return pid;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the TUI's pid: {pid:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn alive(pid: &str) -> bool {
    Command::new("kill")
        .args(["-0", pid])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Every way out of the TUI — SIGTERM, SIGHUP, SIGINT, `q`, Ctrl-C — leaves the cursor visible
/// (tmux's own record of the pane's cursor mode, `#{cursor_flag}`), raw mode off and the exit
/// code a shell expects. The TUI hides the cursor while it runs; that is checked first, so the
/// test cannot pass on a terminal that never hid it.
#[test]
fn every_exit_path_shows_the_cursor_again() {
    if !tmux::available("tui_tmux") {
        return;
    }
    let cases: [(&str, &[&str], &str); 5] = [
        ("sigterm", &["-TERM"], "143"),
        ("sighup", &["-HUP"], "129"),
        ("sigint", &["-INT"], "130"),
        ("q", &[], "0"),
        ("ctrl-c", &[], "0"),
    ];
    for (name, signal, code) in cases {
        let data = tempfile::tempdir().unwrap();
        let t = Tmux::shell(&format!("exit-{name}"), 100, 30);
        assert_eq!(
            t.cmd(&["display-message", "-p", "-t", "main", "#{cursor_flag}"])
                .trim(),
            "1",
            "{name}: the shell shows its cursor"
        );
        launch(&t, data.path(), "");
        t.wait_for("Kies een profiel");
        let pid = tui_pid(&t);
        let start = Instant::now();
        while t
            .cmd(&["display-message", "-p", "-t", "main", "#{cursor_flag}"])
            .trim()
            != "0"
        {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "{name}: the TUI never hid the cursor"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        match name {
            "q" => t.send(&["q"]),
            "ctrl-c" => t.send(&["C-c"]),
            _ => {
                let mut args = signal.to_vec();
                args.push(&pid);
                assert!(Command::new("kill").args(&args).status().unwrap().success());
            }
        }
        let start = Instant::now();
        while alive(&pid) {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "{name}: the TUI did not end"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        t.send(&[
            "echo EXIT-$?; stty -a | tr ' ' '\\n' | grep -x -- '-\\?icanon'; echo DONE-$((40+2))",
            "Enter",
        ]);
        let pane = t.settled("DONE-42");
        assert!(pane.contains(&format!("EXIT-{code}")), "{name}:\n{pane}");
        assert!(
            pane.lines().any(|l| l.trim() == "icanon"),
            "{name}: canonical mode is back on:\n{pane}"
        );
        assert_eq!(
            t.cmd(&["display-message", "-p", "-t", "main", "#{cursor_flag}"])
                .trim(),
            "1",
            "{name}: the cursor is hidden after the TUI ended:\n{pane}"
        );
    }
}

/// Two real instances on one data folder: the second says so and does not autosave over the
/// first; quitting it with changes asks where to save.
#[test]
fn a_second_instance_on_the_same_data_folder_is_told_and_read_only() {
    if !tmux::available("tui_tmux") {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let first = Tmux::shell("first", 120, 30);
    launch(&first, data.path(), " --lang en");
    first.wait_for("Choose a profile");
    let second = Tmux::shell("second", 120, 30);
    launch(&second, data.path(), " --lang en");
    second.wait_for("Another wolkwijzer is using this data folder");
    // A change in the second: no autosave appears (the first made none yet either).
    second.send(&["Enter"]);
    second.wait_for_not("Choose a profile");
    assert!(
        !data.path().join(store::AUTOSAVE_FILE).exists(),
        "the read-only instance autosaved"
    );
    second.send(&["q"]);
    second.wait_for("Changes are not saved");
    second.send(&["C-c"]);
    second.wait_for_not("Changes are not saved");
    first.send(&["q"]);
    first.wait_for_not("Choose a profile");
}
