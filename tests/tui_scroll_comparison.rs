//! Issue 15 (sb): PgUp/PgDn/Home/End and scrollbars on Comparison (ranking, SMAA, group view)
//! and Weights (AHP judgements), and candidate names at 80×24 that keep what tells them apart.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

mod common;

use wolkwijzer::core::text::Lang;
use wolkwijzer::tui::widgets::scroll::Scroll;
use wolkwijzer::tui::{Action, State};

fn sized(mut s: State, w: u16, h: u16) -> State {
    common::feed(&mut s, &[Action::Resize(w, h)]);
    s
}

/// The ranking rows of the Comparison table: (rank label, candidate name as drawn).
fn ranking_rows(screen: &str) -> Vec<(String, String)> {
    screen
        .lines()
        .filter_map(|l| {
            let l = l.strip_prefix(" │ ")?;
            let l = l.trim_start_matches('▶');
            let (rank, rest) = l.trim_start().split_once(' ')?;
            if !rank
                .trim_end_matches('=')
                .chars()
                .all(|c| c.is_ascii_digit())
                || rank.is_empty()
            {
                return None;
            }
            let name = rest.trim_start().split("  ").next()?.trim().to_string();
            Some((rank.to_string(), name))
        })
        .collect()
}

fn has_scrollbar(screen: &str) -> bool {
    screen.contains('▲') && screen.contains('▼')
}

#[test]
fn ranking_pages_to_the_last_rank_and_back_at_80x24() {
    for lang in [Lang::Nl, Lang::En] {
        let mut s = sized(common::demo(lang), 80, 24);
        common::feed(&mut s, &[Action::GoTo(6)]);
        let n = s.evaluation().unwrap().ranking.len();
        let first = common::render(&s, 80, 24);
        assert!(has_scrollbar(&first), "{first}");
        let rows = ranking_rows(&first);
        assert_eq!(rows.first().map(|r| r.0.as_str()), Some("1"), "{first}");
        assert!(rows.len() < n, "all {n} ranks fit at 80×24?\n{first}");

        common::feed(&mut s, &[Action::Scroll(Scroll::PageDown)]);
        assert!(s.cursor.cmp_row > 0, "PgDn moves the cursor");
        common::feed(&mut s, &[Action::Scroll(Scroll::End)]);
        assert_eq!(s.cursor.cmp_row, n - 1);
        let end = common::render(&s, 80, 24);
        let rows = ranking_rows(&end);
        assert_eq!(rows.last().map(|r| r.0.as_str()), Some("16"), "{end}");
        assert!(end.contains("▶ 16"), "{end}");

        common::feed(&mut s, &[Action::Scroll(Scroll::Home)]);
        assert_eq!(s.cursor.cmp_row, 0);
        let home = common::render(&s, 80, 24);
        assert_eq!(ranking_rows(&home)[0].0, "1", "{home}");
    }
}

#[test]
fn every_rank_fits_without_a_scrollbar_at_200x60() {
    for lang in [Lang::Nl, Lang::En] {
        let mut s = sized(common::demo(lang), 200, 60);
        common::feed(&mut s, &[Action::GoTo(6)]);
        let screen = common::render(&s, 200, 60);
        assert!(!has_scrollbar(&screen), "{screen}");
        assert_eq!(ranking_rows(&screen).len(), 16, "{screen}");
        // The SMAA table: every rank's column and every candidate's row.
        common::feed(&mut s, &[Action::ToggleSensitivity]);
        let screen = common::render(&s, 200, 60);
        assert!(!has_scrollbar(&screen), "{screen}");
        assert!(screen.contains("  15  16 "), "{screen}");
        assert!(screen.lines().any(|l| l.contains(" 16. ")), "{screen}");
    }
}

#[test]
fn candidate_names_at_80x24_read_apart_and_keep_their_parts() {
    for lang in [Lang::Nl, Lang::En] {
        let mut s = sized(common::demo(lang), 80, 24);
        common::feed(&mut s, &[Action::GoTo(6)]);
        let e = s.evaluation().unwrap().clone();
        let mut seen: Vec<(String, String)> = vec![];
        // Page through the whole ranking, reading each screen.
        for _ in 0..4 {
            seen.extend(ranking_rows(&common::render(&s, 80, 24)));
            common::feed(&mut s, &[Action::Scroll(Scroll::PageDown)]);
        }
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), e.ranking.len(), "{seen:#?}");
        let mut names: Vec<&String> = seen.iter().map(|(_, n)| n).collect();
        names.sort();
        names.dedup();
        assert_eq!(
            names.len(),
            e.ranking.len(),
            "two names read the same: {seen:#?}"
        );
        // Each candidate is on screen under a name with its option, model and deployment.
        for r in &e.ranking {
            let option = wolkwijzer::report::label::option_compact(r.key.option, lang);
            let model = match r.key.service_model.id() {
                "on_premises" => {
                    wolkwijzer::report::label::model_compact(r.key.service_model, lang)
                }
                _ => wolkwijzer::core::catalogue::short_model(r.key.service_model, lang),
            };
            let dep = wolkwijzer::report::label::deployment_compact(r.key.deployment, lang);
            let on_prem = r.key.service_model.id() == "on_premises";
            let found = seen.iter().any(|(_, name)| {
                !name.contains('…')
                    && name.starts_with(option)
                    && name.contains(model)
                    && (on_prem || name.ends_with(dep))
            });
            assert!(found, "{option} {model} {dep} not on screen: {seen:#?}");
        }
    }
}

#[test]
fn smaa_table_scrolls_to_its_last_rank_at_80x24() {
    let mut s = sized(common::demo(Lang::Nl), 80, 24);
    common::feed(
        &mut s,
        &[
            Action::GoTo(6),
            Action::ToggleSensitivity,
            Action::Right,
            Action::Right,
        ],
    );
    let top = common::render(&s, 80, 24);
    assert!(has_scrollbar(&top), "{top}");
    assert!(!top.contains(" 16. "), "{top}");
    common::feed(&mut s, &[Action::Scroll(Scroll::End)]);
    let end = common::render(&s, 80, 24);
    assert!(end.contains(" 16. "), "{end}");
    common::feed(&mut s, &[Action::Scroll(Scroll::Home)]);
    assert_eq!(common::render(&s, 80, 24), top);
}

#[test]
fn group_view_scrolls_to_the_admissible_line_at_80x24() {
    let mut s = sized(common::starters(Lang::En), 80, 24);
    common::feed(
        &mut s,
        &[Action::GoTo(6), Action::Reveal, Action::ToggleGroup],
    );
    let top = common::render(&s, 80, 24);
    assert!(top.contains("Criterion"), "{top}");
    assert!(has_scrollbar(&top), "{top}");
    assert!(!top.contains("Admissible for every"), "{top}");
    common::feed(&mut s, &[Action::Scroll(Scroll::End)]);
    let end = common::render(&s, 80, 24);
    assert!(end.contains("Admissible for every"), "{end}");
    common::feed(
        &mut s,
        &[Action::Scroll(Scroll::PageUp), Action::Scroll(Scroll::Home)],
    );
    assert_eq!(common::render(&s, 80, 24), top);
}

#[test]
fn ahp_judgements_page_to_the_last_pair_at_80x24() {
    let mut s = sized(common::demo(Lang::En), 80, 24);
    common::feed(&mut s, &[Action::GoTo(5)]);
    for _ in 0..4 {
        common::feed(&mut s, &[Action::NextMethod]);
    }
    let top = common::render(&s, 80, 24);
    assert!(
        top.contains("Consistency") || top.contains("consistency"),
        "{top}"
    );
    assert!(has_scrollbar(&top), "{top}");
    assert!(
        !top.contains("Relief 1:1 Exit") && !top.contains("Relief 3:1 Exit"),
        "{top}"
    );
    common::feed(&mut s, &[Action::Scroll(Scroll::End)]);
    let end = common::render(&s, 80, 24);
    let last = end
        .lines()
        .find(|l| l.contains("▶") && l.contains("Exit") && l.contains("Relief"));
    assert!(last.is_some(), "{end}");
    common::feed(&mut s, &[Action::Scroll(Scroll::Home)]);
    // The same screen as before (the status line below it has cleared).
    let home = common::render(&s, 80, 24);
    let body = |x: &str| x.lines().take(22).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&home), body(&top));
}

#[test]
fn help_lists_the_scroll_keys_on_comparison_and_weights() {
    for screen in [5, 6] {
        let mut s = sized(common::demo(Lang::En), 120, 36);
        common::feed(&mut s, &[Action::GoTo(screen), Action::Help]);
        let help = common::render(&s, 120, 36);
        assert!(help.contains("PgUp/Dn Home/End"), "{help}");
    }
    let mut s = sized(common::demo(Lang::En), 200, 60);
    common::feed(&mut s, &[Action::GoTo(6)]);
    let screen = common::render(&s, 200, 60);
    let bar = screen.lines().last().unwrap_or_default();
    assert!(bar.contains("PgUp/Dn Home/End"), "{bar}");
}

#[test]
fn named_weight_sets_scroll_to_their_last_weight_at_80x24() {
    use wolkwijzer::tui::screens::weights::save_set;
    let mut s = sized(common::demo(Lang::Nl), 80, 24);
    common::feed(&mut s, &[Action::GoTo(5)]);
    save_set(&mut s, "directie").unwrap();
    common::feed(&mut s, &[Action::NextMethod, Action::NextMethod]);
    save_set(&mut s, "raad").unwrap();
    common::feed(&mut s, &[Action::GoTo(6), Action::ToggleWeightSets]);
    let top = common::render(&s, 80, 24);
    assert!(has_scrollbar(&top), "{top}");
    assert!(top.contains("De sets kiezen verschillend"), "{top}");
    let exit = |x: &str| x.lines().any(|l| l.starts_with(" │ Exit "));
    assert!(!exit(&top), "{top}");
    common::feed(&mut s, &[Action::Scroll(Scroll::End)]);
    let end = common::render(&s, 80, 24);
    assert!(exit(&end), "{end}");
    // At 200×60 it all fits: no scrollbar.
    assert!(!has_scrollbar(&common::render(&s, 200, 60)));
}

#[test]
fn the_notes_below_the_ranking_scroll_after_the_last_rank_at_80x24() {
    // A member of the starter group: a warning, the tie-break rule and the exclusions do not
    // fit in the notes pane at 80×24.
    let mut s = sized(common::starters(Lang::En), 80, 24);
    common::feed(
        &mut s,
        &[Action::GoTo(6), Action::Reveal, Action::NextMember],
    );
    let top = common::render(&s, 80, 24);
    let notes = |x: &str| x.split("Note · excluded").nth(1).unwrap_or("").to_string();
    assert!(notes(&top).contains('▼'), "{top}");
    assert!(!notes(&top).contains("✗ "), "{top}");
    let n = s.evaluation().unwrap().ranking.len();
    common::feed(&mut s, &[Action::Scroll(Scroll::End)]);
    assert_eq!(
        s.cursor.cmp_row,
        n - 1,
        "the first End goes to the last rank"
    );
    assert_eq!(notes(&common::render(&s, 80, 24)), notes(&top));
    common::feed(&mut s, &[Action::Scroll(Scroll::End)]);
    let end = common::render(&s, 80, 24);
    assert!(notes(&end).contains("✗ "), "{end}");
    assert_eq!(s.cursor.cmp_row, n - 1);
    // PgUp scrolls the notes back before the cursor moves; Home goes to the very top.
    common::feed(&mut s, &[Action::Scroll(Scroll::Home)]);
    assert_eq!(s.cursor.cmp_row, 0);
    assert_eq!(s.cursor.scroll[6], 0);
}
