//! The decision screens (issue 15, part A), driven by keys through the one key table and
//! `update`: the business case chart puts every year label under its own column and the zero
//! line on the row labelled 0, and tells the bands apart by glyph; the group's allocation names
//! its estimate and warns when the expected band does not pay back; Summary's projector view
//! (`b`); the high-contrast key (`H`); named weight sets saved on Weights (`S`) and compared on
//! Comparison (`w`), kept in the session and in the note's annex with each set's winner; the
//! business-case outcome in the annex. Snapshots of these screens at 80×24 and 160×48 in both
//! languages, and the same text under `NO_COLOR` with no colour at all.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use wolkwijzer::core::text::Lang;
use wolkwijzer::tui::keymap::action_for_key;
use wolkwijzer::tui::state::Popup;
use wolkwijzer::tui::{Action, Screen, State, update};

/// Presses keys as the terminal would deliver them (through the key table).
fn press(s: &mut State, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\u{1b}' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        if let Some(a) = action_for_key(s, KeyEvent::new(code, KeyModifiers::NONE)) {
            update(s, a);
        }
    }
}

fn expected_return(s: &State) -> Option<u32> {
    wolkwijzer::tui::screens::business_case::expected_return(s).and_then(|x| x.1)
}

/// The column (in characters) of `pat` in `line`.
fn col(line: &str, pat: &str) -> Option<usize> {
    line.find(pat).map(|b| line[..b].chars().count())
}

/// The chart's rows: from the panel title to the row of year labels under `└`.
fn chart_rows(text: &str) -> Vec<String> {
    text.lines()
        .skip_while(|l| !l.contains("kasstroom") && !l.contains("cash flow"))
        .take_while(|l| !l.contains('╰'))
        .map(str::to_string)
        .collect()
}

#[test]
fn year_labels_sit_at_their_data_positions_with_the_return_year_marker_on_its_year() {
    for (w, h) in [(80, 24), (120, 36), (160, 48), (200, 60)] {
        let mut s = common::starters(Lang::Nl);
        press(&mut s, "8");
        assert_eq!(s.screen, Screen::BusinessCase);
        let year = expected_return(&s).expect("the starter group's expected band pays back");
        let text = common::render(&s, w, h);
        let rows = chart_rows(&text);
        let axis = rows.iter().position(|l| l.contains('└')).unwrap();
        let labels = &rows[axis + 1];
        let marker = rows.iter().find(|l| l.contains('┊')).unwrap();
        // The label's own column, counted in the labels row (single digits here).
        let digit = year.to_string();
        let label_col = labels
            .char_indices()
            .filter(|&(_, c)| c.to_string() == digit)
            .map(|(b, _)| labels[..b].chars().count())
            .next_back()
            .unwrap();
        assert_eq!(
            col(marker, "┊"),
            Some(label_col),
            "{w}×{h}:\n{}",
            rows.join("\n")
        );
        // Every year's tick on the axis sits above its label.
        let ticks: Vec<usize> = rows[axis]
            .chars()
            .enumerate()
            .filter(|&(_, c)| c == '┴')
            .map(|(i, _)| i)
            .collect();
        assert!(ticks.contains(&label_col), "{w}×{h}");
        assert_eq!(ticks.len(), 7, "one tick per year of the horizon");
    }
}

#[test]
fn the_zero_line_is_on_the_row_of_its_label() {
    for (w, h) in [(80, 24), (120, 36), (160, 48), (200, 60)] {
        let mut s = common::demo(Lang::En);
        update(&mut s, Action::GoTo(Screen::BusinessCase.index()));
        let text = common::render(&s, w, h);
        let rows = chart_rows(&text);
        let zero = rows
            .iter()
            .find(|l| l.contains(" 0 ┤"))
            .unwrap_or_else(|| panic!("{w}×{h}: no 0 label\n{}", rows.join("\n")));
        // The zero line is drawn on that row only; on a small screen the bands may cover it
        // where they run along zero, but never on another row.
        let plot = |l: &str| l.split('┤').nth(1).unwrap_or("").to_string();
        assert!(
            plot(zero).contains('┄') || plot(zero).contains('●'),
            "{w}×{h}: {zero}"
        );
        if w >= 120 {
            assert!(zero.contains('┄'), "{w}×{h}: {zero}");
        }
        let others = rows
            .iter()
            .filter(|l| *l != zero && l.contains('┄'))
            .count();
        assert_eq!(others, 0, "{w}×{h}:\n{}", rows.join("\n"));
    }
}

#[test]
fn bands_are_told_apart_by_glyph_and_the_text_is_the_same_without_colour() {
    for lang in [Lang::Nl, Lang::En] {
        let mut s = common::starters(lang);
        press(&mut s, "8");
        let text = common::render(&s, 120, 36);
        for mark in ["▲·▲", "●─●", "▼·▼", "┊ "] {
            assert!(text.contains(mark), "{mark}:\n{text}");
        }
        let chart = chart_rows(&text).join("\n");
        for glyph in ['▲', '●', '▼'] {
            assert!(chart.matches(glyph).count() >= 3, "{glyph}");
        }
        let mut mono = s.clone();
        mono.theme.no_color = true;
        assert_eq!(common::render(&mono, 120, 36), text);
    }
}

/// The frame's colours: every foreground and background colour used.
fn colours(s: &State, w: u16, h: u16) -> Vec<Color> {
    let mut s = s.clone();
    update(&mut s, Action::Resize(w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| wolkwijzer::tui::screens::render(f, &s))
        .unwrap();
    let mut out: Vec<Color> = term
        .backend()
        .buffer()
        .content
        .iter()
        .flat_map(|c| [c.fg, c.bg])
        .filter(|&c| c != Color::Reset)
        .collect();
    out.dedup();
    out
}

#[test]
fn no_color_draws_the_decision_screens_without_any_colour() {
    let mut s = common::starters(Lang::Nl);
    s.theme.no_color = true;
    for keys in ["8", "0", "0b", "7w", "6"] {
        let mut t = s.clone();
        press(&mut t, keys);
        assert!(colours(&t, 160, 48).is_empty(), "{keys}");
    }
}

#[test]
fn the_group_verdict_names_its_estimate_and_warns_when_the_expected_band_never_pays_back() {
    let mut s = common::starters(Lang::Nl);
    press(&mut s, "8");
    let text = common::render(&s, 120, 36);
    assert!(
        text.contains("zoals ingevoerd: groep positief · verwacht: terugverdiend in jaar 6"),
        "{text}"
    );
    // Benefits at half: as entered still computed without the band, the expected band no
    // longer pays back; the verdict must say so, not "groep positief" alone.
    let fields = wolkwijzer::tui::screens::business_case::fields(&s);
    let row = fields
        .iter()
        .position(|f| *f == wolkwijzer::tui::state::BcField::BenefitBand)
        .unwrap();
    update(&mut s, Action::Pick(row));
    update(&mut s, Action::Select);
    assert!(matches!(s.popup, Some(Popup::Input { .. })));
    for _ in 0..30 {
        update(&mut s, Action::InputBackspace);
    }
    for c in "0,3 / 0,3 / 0,3".chars() {
        update(&mut s, Action::InputChar(c));
    }
    update(&mut s, Action::Select);
    assert_eq!(expected_return(&s), None);
    let text = common::render(&s, 120, 36);
    assert!(
        text.contains("⚠ verwacht: niet binnen de looptijd"),
        "{text}"
    );
    assert!(!text.contains("verwacht: terugverdiend"), "{text}");
    let en = {
        let mut e = s.clone();
        press(&mut e, "L");
        common::render(&e, 120, 36)
    };
    assert!(en.contains("as entered: group"), "{en}");
    assert!(en.contains("⚠ expected: not within the horizon"), "{en}");
}

#[test]
fn b_on_summary_shows_the_decision_for_the_projector() {
    for (lang, words) in [
        (
            Lang::Nl,
            [
                "ADVIES",
                "TWEEDE KEUS",
                "punt verschil",
                "Terugverdienjaar (verwacht): jaar 6",
                "WAT GAAT WAARHEEN",
                "van de gevallen bovenaan",
            ],
        ),
        (
            Lang::En,
            [
                "RECOMMENDATION",
                "RUNNER-UP",
                "points apart",
                "Return year (expected): year 6",
                "WHAT MOVES WHERE",
                "of the cases",
            ],
        ),
    ] {
        let mut s = common::starters(lang);
        press(&mut s, "0");
        assert!(!s.projector);
        press(&mut s, "b");
        assert!(s.projector);
        let leader = s.evaluation().unwrap().ranking[0].key;
        let name = s.catalogue.candidate_name(leader, lang);
        for (w, h) in [(120, 36), (200, 60)] {
            let text = common::render(&s, w, h);
            for word in words {
                assert!(text.contains(word), "{w}×{h} {word}:\n{text}");
            }
            assert!(text.contains(&name), "{text}");
        }
        // The hint bar and the help list the key on Summary only.
        let hints = wolkwijzer::tui::keymap::hints(&s);
        assert!(hints.iter().any(|h| h.0 == "b"), "{hints:?}");
        press(&mut s, "b");
        assert!(!s.projector);
        press(&mut s, "2b");
        assert!(!s.projector, "b does nothing off Summary");
    }
}

#[test]
fn h_toggles_high_contrast_on_any_screen_and_says_so_in_the_rooms_language() {
    use wolkwijzer::tui::theme::ThemeKind;
    let mut s = common::demo(Lang::Nl);
    press(&mut s, "3H");
    assert_eq!(s.theme.kind, ThemeKind::HighContrast);
    assert_eq!(
        s.status.as_ref().unwrap().text(Lang::Nl),
        "Hoog contrast aan"
    );
    assert_eq!(
        s.status.as_ref().unwrap().text(Lang::En),
        "High contrast on"
    );
    press(&mut s, "8H");
    assert_eq!(s.theme.kind, ThemeKind::Default);
}

/// Saves the weights in focus under `name` with the keys the room uses.
fn save_set(s: &mut State, name: &str) {
    press(s, "S");
    assert!(
        matches!(s.popup, Some(Popup::Input { .. })),
        "S opens the name prompt"
    );
    for c in name.chars() {
        update(s, Action::InputChar(c));
    }
    update(s, Action::Select);
}

#[test]
fn named_weight_sets_are_saved_compared_side_by_side_and_kept_in_the_session() {
    let mut s = common::demo(Lang::Nl);
    press(&mut s, "6");
    // An empty name is refused and the prompt stays open.
    press(&mut s, "S");
    update(&mut s, Action::Select);
    assert!(matches!(s.popup, Some(Popup::Input { .. })));
    assert!(s.status.as_ref().unwrap().text(Lang::Nl).contains("naam"));
    update(&mut s, Action::Back);
    save_set(&mut s, "directie");
    assert_eq!(s.weight_sets.len(), 1);
    // The room moves every weight but the first to zero and saves that as "raad".
    for _ in 0..7 {
        press(&mut s, "j");
        for _ in 0..12 {
            press(&mut s, "-");
        }
    }
    save_set(&mut s, "raad");
    assert_eq!(s.weight_sets.len(), 2);
    assert_ne!(s.weight_sets[0].weights, s.weight_sets[1].weights);
    // The same name again replaces the set.
    save_set(&mut s, "RAAD");
    assert_eq!(s.weight_sets.len(), 2);

    press(&mut s, "7w");
    assert!(s.weight_sets_view);
    let cmp = wolkwijzer::tui::screens::weight_sets::comparison(&s);
    let text = common::render(&s, 120, 36);
    assert!(text.contains("directie") && text.contains("raad"), "{text}");
    if cmp.agree() {
        assert!(text.contains("✓ Alle sets kiezen hetzelfde"), "{text}");
    } else {
        // (sb: one line a set, as the names hold " · " themselves.)
        assert!(text.contains("⚠ De sets kiezen verschillend:"), "{text}");
        assert!(text.contains("\n │   directie → "), "{text}");
    }
    // One ≠ per candidate whose rank differs between the sets (and one in the heading).
    let marked = text
        .lines()
        .filter(|l| l.contains(" ≠") && !l.contains("(≠"))
        .count();
    assert_eq!(marked, cmp.disputed(5).len(), "{text}");

    // The session keeps them (additive: a session without sets still loads).
    let toml = wolkwijzer::io::store::to_toml(&s.session()).unwrap();
    assert!(toml.contains("[[weight_sets]]"), "{toml}");
    let back = wolkwijzer::io::store::parse("sessie.toml", &toml).unwrap();
    assert_eq!(back.weight_sets, s.weight_sets);

    // The note's annex: each set's weights and its first choice, as Comparison ranks them.
    let blocks = wolkwijzer::tui::app::session_blocks(&s);
    let md = format!("{blocks:?}");
    assert!(md.contains("Eerste keus"), "{md}");
    for set in &cmp.sets {
        let winner = s.catalogue.candidate_name(set.winner().unwrap(), Lang::Nl);
        assert!(md.contains(&winner), "{winner}");
    }
}

#[test]
fn the_note_annex_holds_the_business_case_outcome_the_screen_shows() {
    let mut s = common::starters(Lang::Nl);
    press(&mut s, "8");
    let year = expected_return(&s).unwrap();
    let md = format!("{:?}", wolkwijzer::tui::app::session_blocks(&s));
    assert!(md.contains("Uitkomst van de business case"), "{md}");
    assert!(md.contains(&format!("Jaar {year}")), "{md}");
    assert!(md.contains("Samen een SSC Kempenrand"), "{md}");
    assert!(!md.contains("verwacht: niet binnen de looptijd"), "{md}");
}

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

#[test]
fn snapshots_of_the_decision_screens() {
    for lang in [Lang::Nl, Lang::En] {
        for (w, h) in SIZES {
            for (name, keys) in [
                ("summary", "0"),
                ("projector", "0b"),
                ("business_case", "8"),
                ("weight_sets", "6Sraad\n7w"),
                ("weights", "6"),
            ] {
                let mut s = common::starters(lang);
                for c in keys.chars() {
                    if s.popup.is_some() && c != '\n' {
                        update(&mut s, Action::InputChar(c));
                    } else {
                        press(&mut s, &c.to_string());
                    }
                }
                let text = common::render(&s, w, h);
                insta::assert_snapshot!(format!("decision_{name}_{}_{w}x{h}", lang.code()), text);
            }
        }
    }
}

#[test]
fn a_members_weights_are_not_saved_as_a_set_during_the_blind_round() {
    let mut s = common::starters(Lang::Nl);
    press(&mut s, "6m");
    assert!(!s.focus_is_group());
    // The member at the keyboard opens its own entry, then tries to save it as a set.
    press(&mut s, "\n");
    press(&mut s, "S");
    assert!(s.popup.is_none());
    assert!(s.weight_sets.is_empty());
    let st = s.status.as_ref().unwrap();
    assert!(
        st.text(Lang::Nl).contains("blinde ronde"),
        "{}",
        st.text(Lang::Nl)
    );
    // After the reveal it may.
    press(&mut s, "r");
    save_set(&mut s, "Aarle");
    assert_eq!(s.weight_sets.len(), 1);
}

/// A return year on Summary and the projector belongs to the business case's scenario: when
/// that scenario costs out another candidate than the recommendation, the line says so (the
/// shipped starter group costs out an SSC while the group decision recommends hosting); when it
/// costs out the recommendation (the large municipality), it does not.
#[test]
fn a_return_year_of_another_candidate_than_the_advice_says_so() {
    let mut s = common::starters(Lang::Nl);
    common::feed(&mut s, &[Action::GoTo(Screen::Summary.index())]);
    let summary = common::render(&s, 120, 36);
    assert!(
        summary.contains("⚠ rekent SSC · IaaS · Gedeelde cloud door, niet het advies"),
        "{summary}"
    );
    common::feed(&mut s, &[Action::ToggleProjector]);
    for (w, h) in [(80, 24), (200, 60)] {
        let projector = common::render(&s, w, h);
        assert!(
            projector.contains("niet het advies"),
            "{w}×{h}:\n{projector}"
        );
    }
    s.lang = Lang::En;
    let projector = common::render(&s, 200, 60);
    assert!(
        projector.contains("costs out SSC · IaaS · Community cloud, not the recommendation"),
        "{projector}"
    );

    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/grote-gemeente.toml");
    let p = wolkwijzer::io::profile::load(&path).unwrap();
    let mut s = State::new(wolkwijzer::io::catalogue::built_in(), p, None);
    common::feed(&mut s, &[Action::GoTo(Screen::Summary.index())]);
    let summary = common::render(&s, 120, 36);
    assert!(summary.contains("Terugverdienjaar (verwacht)"), "{summary}");
    assert!(!summary.contains("niet het advies"), "{summary}");
}
