//! Issue 12: bounded, checked money; one validated entry for profiles in sessions; CSV and
//! terminal output sanitised; errors with a place. Each test failed before its fix.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

mod common;

use std::path::Path;

use assert_cmd::Command;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use wolkwijzer::core::allocation::{TariffModel, cost_band, split_exact};
use wolkwijzer::core::business_case::{
    BaselineMeasurement, BusinessCaseError, Investment, InvestmentKind, Location, ScenarioPlan,
};
use wolkwijzer::core::text::Lang;
use wolkwijzer::io::{catalogue, profile};
use wolkwijzer::tui::Action;
use wolkwijzer::tui::state::Screen;

const HUGE: &str = "79228162514264337593543950335";

fn bin() -> Command {
    Command::cargo_bin("wolkwijzer").expect("the binary builds")
}

fn mid() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/middelgrote-gemeente.toml"),
    )
    .unwrap()
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p
}

// ---- item 1: bounded, checked money ------------------------------------------------------

#[test]
fn a_28_digit_implicit_amount_is_refused_with_its_place_not_a_panic() {
    let text = mid().replacen("amount = \"328000\"", &format!("amount = \"{HUGE}\""), 1);
    let e = profile::parse("m.toml", &text).unwrap_err().to_string();
    // The line of the replaced amount, wherever the shipped profile has it.
    let line = 1 + text
        .lines()
        .position(|l| l.contains(HUGE))
        .expect("the amount was replaced");
    assert!(e.contains(&format!("m.toml:{line}:")), "{e}");
    assert!(
        e.contains("implicit[0].amount: 79228162514264337593543950335 is too large (allowed: an amount in EUR"),
        "{e}"
    );
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "m.toml", &text);
    for args in [
        vec!["validate"],
        vec!["business-case", "--format", "markdown", "-p"],
        vec!["business-case", "--format", "csv", "-p"],
    ] {
        let out = bin().args(&args).arg(&p).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("is too large"), "{args:?}: {err}");
    }
}

#[test]
fn every_amount_above_the_bound_is_refused() {
    let text = mid().replacen(
        "personnel = \"2468900\"",
        "personnel = \"10000000000.01\"",
        1,
    );
    let e = profile::parse("m.toml", &text).unwrap_err().to_string();
    assert!(e.contains("personnel: 10000000000.01 is too large"), "{e}");
    // The bound itself is allowed.
    let ok = mid().replacen("personnel = \"2468900\"", "personnel = \"10000000000\"", 1);
    profile::parse("m.toml", &ok).unwrap();
}

#[test]
fn unchecked_huge_amounts_in_the_core_are_errors_not_panics() {
    let mut p = profile::demo();
    let setup = p.business_case.as_mut().unwrap();
    let ScenarioPlan::Single(local) = &mut setup.scenarios[0].plan else {
        panic!("the demo is one municipality");
    };
    local.scenario.one_off[0].amount = Decimal::MAX;
    let e = setup.evaluate(None, |_| true).unwrap_err().to_string();
    assert!(e.contains("is too large (at most 10000000000)"), "{e}");

    // The measurement's totals and shock percentage never panic.
    let mut m = BaselineMeasurement::default();
    m.tco.personnel = Decimal::MAX;
    m.tco.software = Decimal::MAX;
    let _ = m.total();
    assert_eq!(
        BaselineMeasurement {
            tco: m.tco.clone(),
            ..Default::default()
        }
        .shock_pct(),
        Some(dec!(0))
    );
    assert!(matches!(
        m.validate("m").unwrap_err(),
        BusinessCaseError::TooLarge { .. }
    ));
}

#[test]
fn tariff_charge_band_and_split_are_checked() {
    let variable = TariffModel::Variable {
        unit_price: Decimal::MAX,
    };
    assert!(variable.charge(Decimal::TWO).is_err());
    assert!(cost_band(&variable, Decimal::TWO, dec!(20)).is_err());
    let composite = TariffModel::Composite {
        fixed: Decimal::MAX,
        unit_price: Decimal::ONE,
    };
    assert!(composite.charge(Decimal::ONE).is_err());
    assert!(split_exact(Decimal::MAX, &[Decimal::ONE], &Location::new("x")).is_err());
}

#[test]
fn a_depreciation_period_of_u32_max_is_refused_and_never_allocated() {
    let mut p = profile::demo();
    let setup = p.business_case.as_mut().unwrap();
    let ScenarioPlan::Single(local) = &mut setup.scenarios[0].plan else {
        panic!("the demo is one municipality");
    };
    local.scenario.investments.push(Investment {
        kind: InvestmentKind::Other,
        label: "servers".into(),
        year: 1,
        amount: dec!(1000),
        depreciation_years: Some(u32::MAX),
    });
    let e = setup.evaluate(None, |_| true).unwrap_err().to_string();
    assert!(e.contains("depreciation_years"), "{e}");
    assert!(e.contains("at most 50"), "{e}");
    // The schedule itself is capped too.
    assert!(
        wolkwijzer::core::business_case::scenario::straight_line(dec!(100), u32::MAX).len() <= 50
    );
}

#[test]
fn typing_a_28_digit_amount_in_the_business_case_editor_is_refused() {
    let mut s = common::demo(Lang::En);
    common::feed(&mut s, &[Action::GoTo(Screen::BusinessCase.index())]);
    let before = s.profile.clone();
    common::feed(&mut s, &[Action::Pick(4), Action::Select]);
    common::feed(&mut s, &vec![Action::InputBackspace; 40]);
    let typed: Vec<Action> = HUGE.chars().map(Action::InputChar).collect();
    common::feed(&mut s, &typed);
    common::feed(&mut s, &[Action::Select]);
    assert!(
        s.status.as_ref().is_some_and(|st| st.error),
        "{:?}",
        s.status
    );
    assert_eq!(
        s.profile, before,
        "a refused value leaves the profile as it was"
    );
    let text = common::render(&s, 160, 48);
    assert!(!text.is_empty());
}

#[test]
fn a_catalogue_with_a_huge_reference_usage_is_refused() {
    let text = catalogue::BUILT_IN.replacen(
        "reference_usage = { value = 100,",
        "reference_usage = { value = 1000000000,",
        1,
    );
    let e = catalogue::parse("c.toml", &text).unwrap_err().to_string();
    assert!(e.contains("reference_usage"), "{e}");
    assert!(e.contains("at most 100000000"), "{e}");
    let dir = tempfile::tempdir().unwrap();
    let c = write(&dir, "c.toml", &text);
    let out = bin()
        .args(["--catalogue"])
        .arg(&c)
        .arg("score")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

// ---- item 2: one validated entry ---------------------------------------------------------

use wolkwijzer::io::store::{self, SCHEMA, Session};

fn session_text() -> String {
    let mut profile = profile::demo();
    let setup = profile.business_case.as_mut().unwrap();
    let ScenarioPlan::Single(local) = &mut setup.scenarios[0].plan else {
        panic!("the demo is one municipality");
    };
    local.scenario.investments.push(Investment {
        kind: InvestmentKind::Other,
        label: "servers".into(),
        year: 1,
        amount: dec!(1000),
        depreciation_years: Some(5),
    });
    let s = Session {
        room_notes: vec![],
        blind: None,
        weight_sets: vec![],
        portfolio: None,
        schema: SCHEMA,
        profile_path: None,
        language: Lang::En,
        screen: "weights".into(),
        notes: String::new(),
        weights: vec![profile.weights.clone()],
        business_case: None,
        profile,
        elicitation: vec![],
        round: None,
    };
    let text = store::to_toml(&s).unwrap();
    store::parse("s.toml", &text).expect("the unmodified session is valid");
    text
}

/// Line number (1-based) of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect(needle) + 1
}

fn session_error(text: &str) -> String {
    store::parse("s.toml", text).unwrap_err().to_string()
}

#[test]
fn a_session_with_depreciation_years_u32_max_is_refused_with_its_place() {
    let text = session_text().replacen(
        "depreciation_years = 5",
        "depreciation_years = 4294967295",
        1,
    );
    let line = line_of(&text, "4294967295");
    let e = session_error(&text);
    assert!(e.contains(&format!("s.toml:{line}:")), "{e}");
    assert!(e.contains("depreciation_years"), "{e}");
    assert!(e.contains("at most 50"), "{e}");
}

#[test]
fn nan_negative_and_infinite_session_weights_are_named_with_their_place() {
    let base = session_text();
    let at = base.find("[[weights]]").expect("weights table");
    let privacy = at + base[at..].find("privacy = ").unwrap();
    let end = privacy + base[privacy..].find('\n').unwrap();
    for bad in ["nan", "-1.0", "inf"] {
        let text = format!("{}privacy = {bad}{}", &base[..privacy], &base[end..]);
        let line = line_of(&text[at..], &format!("privacy = {bad}")) + base[..at].lines().count();
        let e = session_error(&text);
        assert!(
            e.contains(&format!("s.toml:{line}:")) && e.contains("weights[0].privacy:"),
            "{bad}: {e}"
        );
        assert!(
            e.contains("is out of range (allowed: a number from 0 to"),
            "{bad}: {e}"
        );
        assert!(!e.contains("all weights are zero"), "{bad}: {e}");
    }
}

#[test]
fn zero_inhabitants_unknown_keys_and_a_bad_member_index_are_refused() {
    let base = session_text();
    let text = base.replacen("inhabitants = ", "inhabitants = 0\n#", 1);
    let e = session_error(&text);
    assert!(
        e.contains("profile.subject.municipality.inhabitants: 0 is out of range (allowed: a whole number from 1 to 1000000)"),
        "{e}"
    );
    assert!(
        e.contains(&format!("s.toml:{}:", line_of(&text, "inhabitants = 0"))),
        "{e}"
    );

    let text = base.replacen("notes = ", "colour = \"blue\"\nnotes = ", 1);
    let e = session_error(&text);
    assert!(
        e.contains(&format!("s.toml:{}:", line_of(&text, "colour"))),
        "{e}"
    );
    assert!(e.contains("colour: unknown key `colour` (allowed: "), "{e}");

    let text = format!(
        "{base}\n[[elicitation]]\nmember = 7\ncriteria = [\"privacy\"]\n\n[elicitation.how]\nmethod = \"direct_points\"\npoints = [1.0]\n"
    );
    let e = session_error(&text);
    assert!(
        e.contains("elicitation[0].member: municipality 7 does not exist (allowed: 0 to 0)"),
        "{e}"
    );
}

#[test]
fn report_session_and_the_tui_entry_refuse_an_invalid_session() {
    let dir = tempfile::tempdir().unwrap();
    let text = session_text().replacen(
        "depreciation_years = 5",
        "depreciation_years = 4294967295",
        1,
    );
    let s = write(&dir, "s.toml", &text);
    let out = bin()
        .args(["report", "--session"])
        .arg(&s)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("depreciation_years"));
    // The Start screen's resume and --resume read through the same function.
    let e = store::load(&s).unwrap_err().to_string();
    assert!(e.contains("depreciation_years"), "{e}");
}

#[test]
fn session_parse_errors_have_line_column_field_and_allowed_values() {
    let text = session_text().replacen("language = \"en\"", "language = \"fr\"", 1);
    let e = session_error(&text);
    let line = line_of(&text, "language = \"fr\"");
    assert!(e.contains(&format!("s.toml:{line}:")), "{e}");
    assert!(
        e.contains("language: invalid session: unknown variant `fr`"),
        "{e}"
    );
    assert!(e.contains("(allowed: "), "{e}");
}

fn catalogue_without_managed_iaas_private() -> String {
    let text = catalogue::BUILT_IN;
    let start = text
        .find("[[candidates]]\noption = \"managed\"\nservice_model = \"iaas\"\ndeployment = \"private\"")
        .expect("the candidate is in the built-in catalogue");
    let end = start + 1 + text[start + 1..].find("[[candidates]]").unwrap();
    format!("{}{}", &text[..start], &text[end..])
}

#[test]
fn sensitivity_and_the_tui_check_candidates_against_the_active_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let cat_text = catalogue_without_managed_iaas_private();
    let cat = catalogue::parse("c.toml", &cat_text).expect("still a valid catalogue");
    let c = write(&dir, "c.toml", &cat_text);
    let mid = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/middelgrote-gemeente.toml");
    let out = bin()
        .arg("--catalogue")
        .arg(&c)
        .args(["sensitivity", "--samples", "10", "-p"])
        .arg(&mid)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown candidate \"managed-iaas-private\""),
        "{err}"
    );
    // The TUI's -p loads through the same call.
    let opts = wolkwijzer::tui::app::Options {
        profile: Some(mid),
        resume: false,
        theme: wolkwijzer::tui::theme::ThemeKind::Default,
        lang: Lang::En,
    };
    let Err(e) = wolkwijzer::tui::app::prepare(cat, &opts) else {
        panic!("the TUI must refuse the profile");
    };
    let e = e.to_string();
    assert!(
        e.contains("unknown candidate \"managed-iaas-private\""),
        "{e}"
    );
}

// ---- item 7: CSV formula injection, control characters -----------------------------------

const EVIL: &str = "=HYPERLINK(\\\"http://x\\\")\\u001b[31m\\u202Eevil";

/// The mid-sized profile with the municipality and a workload named to attack a spreadsheet
/// and a terminal.
fn evil_profile(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let text = mid()
        .replace("Wolkendam", EVIL)
        .replacen(
            "name = \"Burgerzaken (BRP)\"",
            "name = \"-2+3+cmd|' /C calc'!A0\"",
            1,
        )
        .replacen("name = \"Belastingen en WOZ\"", "name = \"@SUM(1+1)\"", 1)
        .replacen("label = \"Toetreden", "label = \"+Toetreden", 1);
    let p = write(dir, "evil.toml", &text);
    // The portfolio the mid-sized profile names, beside it (the note reads it).
    let csv = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("profiles/middelgrote-gemeente-portfolio.csv"),
    )
    .unwrap();
    std::fs::write(dir.path().join("middelgrote-gemeente-portfolio.csv"), csv).unwrap();
    profile::load(&p).expect("names may hold any text");
    p
}

/// The cells of a CSV text (RFC 4180 quoting).
fn csv_cells(text: &str) -> Vec<String> {
    let mut cells = vec![];
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if cell.is_empty() => quoted = true,
            (',' | '\n', false) => cells.push(std::mem::take(&mut cell)),
            (c, _) => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

#[test]
fn every_csv_export_neutralises_formulas_and_keeps_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let p = evil_profile(&dir);
    let runs: Vec<Vec<&str>> = vec![
        vec!["score", "--format", "csv", "-p"],
        vec!["report", "--format", "csv", "-p"],
        vec!["business-case", "--format", "csv", "-p"],
        vec!["sensitivity", "--samples", "20", "--format", "csv", "-p"],
    ];
    for args in runs {
        let out = bin().args(&args).arg(&p).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        let mut numbers = 0;
        for cell in csv_cells(&text) {
            let first = cell.chars().next();
            if matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')) {
                assert!(
                    cell.parse::<f64>().is_ok(),
                    "{args:?}: formula cell {cell:?}"
                );
                numbers += 1;
            }
            assert!(
                !cell.contains('\u{1b}') && !cell.contains('\u{202E}'),
                "{args:?}: {cell:?}"
            );
        }
        for name in ["=HYPERLINK", "-2+3", "+Toetreden", "@SUM"] {
            if text.contains(name) {
                assert!(
                    text.contains(&format!("'{name}")),
                    "{args:?}: {name}: {text}"
                );
            }
        }
        if args[0] == "business-case" {
            assert!(numbers > 0, "negative amounts stay numbers: {text}");
        }
    }
}

#[test]
fn control_and_bidi_characters_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let p = evil_profile(&dir);
    for args in [
        vec!["score", "-p"],
        vec!["score", "--format", "markdown", "-p"],
        vec!["report", "--format", "markdown", "-p"],
        vec!["report", "--format", "html", "-p"],
        vec!["business-case", "-p"],
        vec!["business-case", "--format", "markdown", "-p"],
    ] {
        let out = bin().args(&args).arg(&p).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.contains('\u{1b}'), "{args:?}");
        assert!(!text.contains('\u{202E}'), "{args:?}");
        assert!(text.contains("<U+202E>"), "{args:?}: {text}");
    }
    // The TUI: every screen, no cell carries them.
    let evil = profile::load(&p).unwrap();
    let mut s = wolkwijzer::tui::State::new(catalogue::built_in(), evil, None);
    for i in 0..10 {
        common::feed(&mut s, &[Action::GoTo(i)]);
        let text = common::render(&s, 160, 48);
        assert!(
            !text.contains('\u{202E}') && !text.contains('\u{1b}'),
            "screen {i}: {text}"
        );
    }
}

// ---- item 8: errors with a place ---------------------------------------------------------

#[test]
fn a_one_megabyte_value_is_cut_in_the_error() {
    let long = "x".repeat(1_000_000);
    let text = mid().replacen("[weights]", &format!("[weights]\n{long} = 1"), 1);
    let e = profile::parse("m.toml", &text).unwrap_err().to_string();
    assert!(e.len() < 2_000, "{} bytes", e.len());
    assert!(e.contains("characters)"), "{}", &e[..300]);
    let text = mid().replacen("data = \"brp\"", &format!("data = \"{long}\""), 1);
    let e = profile::parse("m.toml", &text).unwrap_err().to_string();
    assert!(e.len() < 2_000, "{} bytes", e.len());
}

#[test]
fn deep_dotted_keys_are_located_with_field_and_allowed_values() {
    let text = mid().replacen("[weights]", "[weights]\nspeed.a.b.c.d = 1", 1);
    let e = profile::parse("m.toml", &text).unwrap_err().to_string();
    let line = line_of(&text, "speed.a.b.c.d");
    assert!(e.contains(&format!("m.toml:{line}:")), "{e}");
    assert!(
        e.contains("weights.speed: unknown criterion `speed`"),
        "{e}"
    );
    assert!(e.contains("(allowed: "), "{e}");
    let text = mid().replacen("[business_case]\n", "[business_case]\nx.y.z = 1\n", 1);
    let e = profile::parse("m.toml", &text).unwrap_err().to_string();
    assert!(
        e.contains("business_case.x: unknown key `x` (allowed: "),
        "{e}"
    );
    assert!(
        e.contains(&format!("m.toml:{}:", line_of(&text, "x.y.z = 1"))),
        "{e}"
    );
    // In a session (read with serde before): located, with the field and the allowed keys.
    let text = session_text().replacen("notes = ", "deep.a.b.c.d = 1\nnotes = ", 1);
    let e = session_error(&text);
    let line = line_of(&text, "deep.a.b.c.d");
    assert!(
        e.contains(&format!(
            "s.toml:{line}:1: deep: unknown key `deep` (allowed: "
        )),
        "{e}"
    );
    let text = session_text().replacen(
        "[profile.subject.municipality]\n",
        "[profile.subject.municipality]\nsize.a.b.c = 1\n",
        1,
    );
    let e = session_error(&text);
    assert!(
        e.contains("profile.subject.municipality.size: unknown key `size`"),
        "{e}"
    );
    assert!(
        e.contains(&format!("s.toml:{}:", line_of(&text, "size.a.b.c"))),
        "{e}"
    );
}

#[test]
fn catalogue_cross_reference_errors_are_located() {
    let text =
        catalogue::BUILT_IN.replacen("source = \"native_ssc_2022\"", "source = \"seed999\"", 1);
    let e = catalogue::parse("c.toml", &text).unwrap_err().to_string();
    let line = line_of(&text, "\"seed999\"");
    assert!(e.contains(&format!("c.toml:{line}:")), "{e}");
    assert!(e.contains("unknown source `seed999` (allowed: "), "{e}");
}

/// Found by the fuzz harness (pipeline, seed 1, cases 182 and 190): a new level far below the
/// nulmeting overflowed `measured − level` in `LevelChange::apply` before any validation.
#[test]
fn a_level_change_far_outside_the_bounds_is_an_error_value() {
    use wolkwijzer::core::business_case::{LevelChange, MeasuredLine, TcoCategory};
    for extreme in [Decimal::MIN, Decimal::MAX] {
        let mut p = profile::demo();
        let setup = p.business_case.as_mut().unwrap();
        let ScenarioPlan::Single(local) = &mut setup.scenarios[0].plan else {
            panic!("the demo is one municipality");
        };
        local.levels = Some(LevelChange {
            from_year: 2,
            levels: vec![(MeasuredLine::Tco(TcoCategory::Personnel), extreme)],
        });
        let e = setup.evaluate(None, |_| true).unwrap_err().to_string();
        assert!(e.contains("too large"), "{e}");
    }
}

#[test]
fn a_session_saved_while_every_slider_is_at_zero_still_resumes() {
    let base = session_text();
    let at = base.find("[[weights]]").expect("weights table");
    let end = at + base[at..].find("\n\n").unwrap_or(base.len() - at);
    let zeros: String = base[at..end]
        .lines()
        .map(|l| match l.split_once(" = ") {
            Some((k, _)) => format!("{k} = 0.0"),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let text = format!("{}{zeros}{}", &base[..at], &base[end..]);
    let s = store::parse("s.toml", &text).expect("all-zero room weights load");
    assert!(s.weights[0].0.values().all(|w| *w == 0.0));
}
