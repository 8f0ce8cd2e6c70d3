//! Issue 15's last gaps on Summary, its projector view and the business case, driven by keys
//! through the one key table: PgUp/PgDn/Home/End (and ↑/↓) scroll Summary's long pane and the
//! projector view with a scrollbar while the content overflows and none where it fits; wrapped
//! lines keep their indent; the projector keeps what moves where on an 80×24 screen in both
//! languages by condensing the other lines, and is calm (a block per item, room between) at
//! 200×60; the business case's inputs page with the same keys, keep the cursor's row in view
//! with a scrollbar, and show a cut label whole; the hint bar and help list the scroll keys.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

mod common;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use wolkwijzer::core::text::Lang;
use wolkwijzer::tui::keymap::action_for_key;
use wolkwijzer::tui::{Action, Screen, State, update};

/// Presses keys as the terminal delivers them (through the key table).
fn keys(s: &mut State, codes: &[KeyCode]) {
    for &code in codes {
        if let Some(a) = action_for_key(s, KeyEvent::new(code, KeyModifiers::NONE)) {
            update(s, a);
        }
    }
}

/// Typed characters as keys.
fn press(s: &mut State, text: &str) {
    let codes: Vec<KeyCode> = text.chars().map(KeyCode::Char).collect();
    keys(s, &codes);
}

/// A state at `w`×`h` on a screen (the size first: scrolling clamps to the drawn layout).
fn at(mut s: State, w: u16, h: u16, screen_keys: &str) -> State {
    update(&mut s, Action::Resize(w, h));
    press(&mut s, screen_keys);
    s
}

fn offset(s: &State) -> usize {
    s.cursor.scroll[Screen::Summary.index()]
}

/// The rows of the body between the tab bar and the status line.
fn body(text: &str) -> Vec<String> {
    let rows: Vec<String> = text.lines().map(str::to_string).collect();
    rows[2..rows.len().saturating_sub(2)].to_vec()
}

/// Whether a scrollbar is drawn: its end marks on a pane's right edge.
fn has_scrollbar(text: &str) -> bool {
    let b = body(text);
    b.iter().any(|l| l.ends_with('▲')) && b.iter().any(|l| l.ends_with('▼'))
}

#[test]
fn summary_pages_with_pgdn_end_home_and_keeps_up_down_with_a_scrollbar_only_on_overflow() {
    for (lang, first, last) in [
        (Lang::Nl, "Beste keuze", "e exporteert de besluitnotitie"),
        (Lang::En, "Best choice", "e exports the decision note"),
    ] {
        let mut s = at(common::demo(lang), 80, 24, "0");
        let top = common::render(&s, 80, 24);
        assert!(has_scrollbar(&top), "no scrollbar at 80×24:\n{top}");
        assert!(top.contains(first), "{top}");
        assert!(!top.contains(last), "{top}");
        keys(&mut s, &[KeyCode::PageDown]);
        assert!(offset(&s) > 1, "PgDn moved {}", offset(&s));
        let page = common::render(&s, 80, 24);
        assert_ne!(top, page);
        keys(&mut s, &[KeyCode::End]);
        let end = common::render(&s, 80, 24);
        assert!(
            end.contains(last),
            "End does not show the last line:\n{end}"
        );
        assert!(!end.contains(first), "{end}");
        let at_end = offset(&s);
        keys(&mut s, &[KeyCode::PageDown, KeyCode::Down]);
        assert_eq!(offset(&s), at_end, "past the end");
        keys(&mut s, &[KeyCode::PageUp]);
        assert!(offset(&s) < at_end);
        keys(&mut s, &[KeyCode::Home]);
        assert_eq!(offset(&s), 0);
        assert_eq!(common::render(&s, 80, 24), top);
        // ↑/↓ still move a row at a time, on the same offset.
        keys(&mut s, &[KeyCode::Down, KeyCode::Down]);
        assert_eq!(offset(&s), 2);
        keys(&mut s, &[KeyCode::Up]);
        assert_eq!(offset(&s), 1);
    }
    // Where everything fits (200×60) there is no scrollbar and nothing to scroll.
    for lang in [Lang::Nl, Lang::En] {
        for state in [common::demo(lang), common::starters(lang)] {
            let mut s = at(state, 200, 60, "0");
            let text = common::render(&s, 200, 60);
            assert!(!has_scrollbar(&text), "{text}");
            keys(&mut s, &[KeyCode::PageDown, KeyCode::End]);
            assert_eq!(offset(&s), 0, "nothing to scroll");
            press(&mut s, "b");
            let text = common::render(&s, 200, 60);
            assert!(!has_scrollbar(&text), "{text}");
        }
    }
}

#[test]
fn summary_lines_wrapped_at_80x24_keep_their_indent() {
    let s = at(common::demo(Lang::Nl), 80, 24, "0");
    let text = common::render(&s, 80, 24);
    let rows = body(&text);
    // The landscape line of the private cloud wraps; its continuation stands under its text.
    let i = rows
        .iter()
        .position(|l| l.contains("  Hosting · IaaS · Private cloud: Burgerzaken"))
        .unwrap_or_else(|| panic!("no landscape line:\n{text}"));
    let next = rows[i + 1].trim_start_matches(' ').trim_start_matches('│');
    assert!(
        next.starts_with("   ") && next.trim_start().starts_with("Jeugd"),
        "continuation not indented:\n{}\n{}",
        rows[i],
        rows[i + 1]
    );
}

#[test]
fn the_projector_at_80x24_keeps_what_moves_where_in_both_languages() {
    for (lang, heading, rec, close) in [
        (Lang::Nl, "WAT GAAT WAARHEEN", "Advies:", "⚠ Nipt"),
        (
            Lang::En,
            "WHAT MOVES WHERE",
            "Recommendation:",
            "⚠ Close call",
        ),
    ] {
        for state in [common::demo(lang), common::starters(lang)] {
            let s = at(state, 80, 24, "0b");
            assert!(s.projector);
            let text = common::render(&s, 80, 24);
            let e = s.evaluation().unwrap();
            let name = |k| s.catalogue.candidate_name(k, lang);
            // In order of priority: recommendation, runner-up, close call, return year, moves.
            for word in [
                rec.to_string(),
                name(e.ranking[0].key),
                name(e.ranking[1].key),
                close.to_string(),
                heading.to_string(),
            ] {
                assert!(text.contains(&word), "{word}:\n{text}");
            }
            // Every target of what moves where is on the screen.
            let groups = wolkwijzer::tui::screens::landscape::groups(e);
            for (k, _) in &groups {
                if let Some(k) = k {
                    assert!(text.contains(&format!("{}:", name(*k))), "{text}");
                }
            }
        }
    }
}

#[test]
fn the_projector_is_calm_at_200x60_and_scrolls_on_a_small_screen() {
    for (lang, label) in [(Lang::Nl, "ADVIES"), (Lang::En, "RECOMMENDATION")] {
        let s = at(common::starters(lang), 200, 60, "0b");
        let text = common::render(&s, 200, 60);
        let rows = body(&text);
        let i = rows.iter().position(|l| l.contains(label)).unwrap();
        // The label on a line of its own, the name below it, room before the next block.
        assert!(!rows[i].contains(':'), "{}", rows[i]);
        assert!(rows[i - 1].trim_matches(['│', ' ']).is_empty(), "{text}");
    }
    // On the smallest screen the condensed lines do not all fit: the rest is scrolled to.
    let mut s = at(common::starters(Lang::Nl), 60, 16, "0b");
    let top = common::render(&s, 60, 16);
    assert!(has_scrollbar(&top), "{top}");
    assert!(top.contains("Advies:"), "{top}");
    keys(&mut s, &[KeyCode::End]);
    let end = common::render(&s, 60, 16);
    assert!(end.contains("Gastgemeente · IaaS"), "{end}");
    assert!(!end.contains("Advies:"), "{end}");
    keys(&mut s, &[KeyCode::Home]);
    assert_eq!(common::render(&s, 60, 16), top);
    // `b` again: Summary from its top.
    keys(&mut s, &[KeyCode::End]);
    press(&mut s, "b");
    assert_eq!(offset(&s), 0);
}

/// The inputs pane of the business case: the rows between "Invoer"/"Inputs" and its bottom.
fn inputs(text: &str) -> Vec<String> {
    let rows: Vec<&str> = text.lines().collect();
    let top = rows
        .iter()
        .position(|l| l.contains("╭ Invoer") || l.contains("╭ Inputs"))
        .unwrap();
    let col = rows[top]
        .rfind("╭ ")
        .map(|b| rows[top][..b].chars().count())
        .unwrap();
    rows[top..]
        .iter()
        .take_while(|l| l.chars().nth(col).is_none_or(|c| c != '╰'))
        .map(|l| l.chars().skip(col).collect())
        .collect()
}

#[test]
fn business_case_inputs_page_with_a_scrollbar_at_80x24() {
    for lang in [Lang::Nl, Lang::En] {
        let mut s = at(common::starters(lang), 80, 24, "8");
        let n = wolkwijzer::tui::screens::business_case::fields(&s).len();
        let top = common::render(&s, 80, 24);
        let pane = inputs(&top);
        assert!(pane[1].ends_with('▲'), "{pane:#?}");
        assert!(pane.last().unwrap().ends_with('▼'), "{pane:#?}");
        let rows = pane.len() - 1;
        keys(&mut s, &[KeyCode::PageDown]);
        assert_eq!(
            s.cursor.bc_row,
            rows - 1,
            "a page is the rows shown less one"
        );
        keys(&mut s, &[KeyCode::End]);
        assert_eq!(s.cursor.bc_row, n - 1);
        let end = inputs(&common::render(&s, 80, 24));
        // The last input is in view (its label over as many lines as it needs), its value
        // on the pane's last row, at the end of the scrollbar.
        assert!(end.iter().any(|l| l.contains('▶')), "{end:#?}");
        let last = end.last().unwrap();
        assert!(last.ends_with('▼') && last.contains("49"), "{end:#?}");
        keys(&mut s, &[KeyCode::PageUp]);
        assert_eq!(s.cursor.bc_row, n - rows);
        keys(&mut s, &[KeyCode::Home]);
        assert_eq!(s.cursor.bc_row, 0);
        assert_eq!(common::render(&s, 80, 24), top);
        // At 200×60 every input fits: no scrollbar.
        let big = at(common::starters(lang), 200, 60, "8");
        let pane = inputs(&common::render(&big, 200, 60));
        assert!(!pane.iter().any(|l| l.ends_with('▼')), "{pane:#?}");
    }
}

#[test]
fn business_case_at_80x24_shows_the_scenario_title_and_a_cut_label_whole() {
    for lang in [Lang::Nl, Lang::En] {
        let mut s = at(common::starters(lang), 80, 24, "8");
        let text = common::render(&s, 80, 24);
        let head = text.lines().nth(3).unwrap();
        assert!(head.contains("Samen een SSC Kempenrand"), "{head}");
        // The fifth input's label is cut in its row; selected, it stands whole over two lines,
        // its value on the last.
        let pane = inputs(&text);
        let row = pane.iter().find(|l| l.contains("Kwartiermaker")).unwrap();
        assert!(row.contains('…'), "{row}");
        keys(&mut s, &[KeyCode::Down; 4]);
        let pane = inputs(&common::render(&s, 80, 24));
        let at = pane.iter().position(|l| l.contains('▶')).unwrap();
        let both = format!("{} {}", pane[at], pane[at + 1]);
        let words: String = both
            .split(['│', ' ', '▶', '█', '▲', '▼', '║'])
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            words.contains("Kwartiermaker en projectorganisatie 300"),
            "{both}"
        );
        assert!(!both.contains('…'), "{both}");
        // A click on a row below the two picks that row's input.
        let body = wolkwijzer::tui::layout::body_of(&s).unwrap();
        let text = common::render(&s, 80, 24);
        let y = text.lines().position(|l| l.contains("Migratie")).unwrap() as u16;
        let x = text.lines().nth(y as usize).unwrap().chars().count() as u16 - 10;
        assert_eq!(
            wolkwijzer::tui::screens::business_case::hit(&s, body, x, y),
            Some(Action::Pick(5))
        );
    }
}

#[test]
fn hints_and_help_name_the_scroll_keys_on_these_screens() {
    for screen in ["0", "8"] {
        let s = at(common::starters(Lang::Nl), 200, 60, screen);
        let hints = wolkwijzer::tui::keymap::hints(&s);
        assert!(
            hints.iter().any(|h| h.0 == "PgUp/Dn Home/End"),
            "{screen}: {hints:?}"
        );
        let help = wolkwijzer::tui::keymap::active(&s);
        assert!(help.iter().any(|b| b.keys == "PgUp/Dn Home/End"));
    }
    // The hint bar of an 80-column screen has no room for them: a pane that overflows names
    // them in its top edge, the same keys as the key table.
    assert_eq!(
        wolkwijzer::tui::screens::summary::SCROLL_KEYS,
        "PgUp/Dn Home/End"
    );
    for (screen, title) in [("0", "╭ Het besluit in het kort"), ("8", "╭ Invoer")] {
        let s = at(common::starters(Lang::Nl), 80, 24, screen);
        let text = common::render(&s, 80, 24);
        let top = text.lines().find(|l| l.contains(title)).unwrap();
        if screen == "0" {
            assert!(top.contains("PgUp/Dn Home/End"), "{top}");
        }
        let s = at(common::starters(Lang::Nl), 200, 60, screen);
        let text = common::render(&s, 200, 60);
        assert!(!text.contains("PgUp/Dn Home/End ╮"), "{text}");
    }
}
