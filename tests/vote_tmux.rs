//! The facilitator's side of a voting round in the real binary, in tmux: open a round on a
//! free port, watch the count rise as a scripted client votes for each municipality, close,
//! reveal, apply, export the decision note, quit; the autosave holds the closed round. Under
//! `CI=true` a missing tmux fails the test; elsewhere it skips with a note.

#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

mod common;
#[path = "common/vote.rs"]
mod vote_common;

use std::path::Path;
use std::time::Duration;

use common::tmux::{self, Tmux};

#[test]
fn the_facilitator_opens_watches_closes_reveals_and_exports() {
    if !tmux::available("vote_tmux") {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let port = vote_common::free_port();
    let launch = format!(
        "WOLKWIJZER_DATA_DIR='{}' '{}' --profile tests/fixtures/startersgroep-rivierenland.toml",
        data.path().display(),
        tmux::BIN
    );
    let pane = Tmux::run("vote", 120, 36, &launch);
    pane.settled("Situatie");
    pane.send(&["V"]);
    pane.settled("Adres van deze laptop");
    // The loopback address is offered last: step back to it from the first.
    pane.send(&["Down", "Down", "Down", "Down", "Left"]);
    pane.settled("127.0.0.1");
    // The port row: a free port instead of 8080.
    pane.send(&[
        "Down",
        "BSpace",
        "BSpace",
        "BSpace",
        "BSpace",
        &port.to_string(),
    ]);
    pane.settled(&format!("{port}▏"));
    pane.send(&["Enter"]);
    let shown = pane.settled("Code: ");
    let code = shown
        .lines()
        .find_map(|l| l.split("Code: ").nth(1))
        .map(|c| c.split_whitespace().next().unwrap_or("").to_string())
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    assert!(shown.contains(&format!("{base}/")), "{shown}");
    assert!(shown.contains("Dijkveld       0"), "{shown}");

    // A scripted phone per municipality; the count rises on the screen after each.
    let a = vote_common::agent();
    for (i, m) in ["Dijkveld", "Waalhoven", "Uiterwaard"].iter().enumerate() {
        let r = a.get(format!("{base}/j/{code}")).call().unwrap();
        let loc = r.headers()["location"].to_str().unwrap().to_string();
        let p = (3 * i + 2).to_string();
        let fields = [
            ("municipality", *m),
            ("points.privacy", "8"),
            ("points.cost_predictability", p.as_str()),
            ("points.control", "5"),
            ("points.continuity", "4"),
            ("points.exit", "6"),
            ("choice", "ssc"),
        ];
        let status = a
            .post(format!("{base}{}", loc.split('?').next().unwrap()))
            .send_form(fields)
            .unwrap()
            .status();
        assert_eq!(status, 303);
        pane.settled(&format!("{m:<15}1"));
        let counted = pane.settled(&format!("Totaal         {}", i + 1));
        assert!(
            !counted.contains('%'),
            "blind: no content while open:\n{counted}"
        );
    }

    pane.send(&["c"]);
    pane.settled("Uitslag: 3 stemmen");
    let revealed = pane.settled("Gekozen optie: SSC 3");
    assert!(revealed.contains("Overeenstemming"), "{revealed}");
    // The server stopped with the close.
    assert!(a.get(format!("{base}/")).call().is_err());
    pane.send(&["a"]);
    pane.settled("zijn toegepast");

    // Export the decision note from the summary screen.
    let note = data.path().join("notitie.md");
    pane.send(&["V", "0", "e"]);
    pane.settled("Besluitnotitie exporteren");
    pane.send(&["-N", "300", "BSpace"]);
    pane.send(&[&note.display().to_string(), "Enter"]);
    pane.settled("Besluitnotitie geschreven naar");
    assert!(std::fs::read_to_string(&note).unwrap().contains("Dijkveld"));
    pane.send(&["q"]);
    std::thread::sleep(Duration::from_millis(500));
    let autosave = std::fs::read_to_string(Path::new(data.path()).join("autosave.toml")).unwrap();
    assert!(autosave.contains("[round]"), "{autosave}");
    assert!(autosave.contains("status = \"closed\""), "{autosave}");
}
