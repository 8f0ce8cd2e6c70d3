//! Helpers shared by the integration tests: TUI states on the demo and the group profile with
//! rendering to text on ratatui's `TestBackend`, and a hand-made business case note for the
//! report tests. Each test binary uses only some of them.

#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use wolkwijzer::core::text::Lang;
use wolkwijzer::io::{catalogue, profile};
use wolkwijzer::tui::{Action, State, update};

/// A state on the built-in demo, on the start screen, in `lang`.
pub fn demo(lang: Lang) -> State {
    let mut s = State::new(catalogue::built_in(), profile::demo(), None);
    s.lang = lang;
    s
}

/// A state on the shipped starter-group profile.
pub fn group(lang: Lang) -> State {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/startersgroep-rivierenland.toml");
    let p = profile::load(&path).expect("the shipped group profile is valid");
    let mut s = State::new(catalogue::built_in(), p, None);
    s.lang = lang;
    s
}

/// Feeds actions through `update` (effects are not carried out here).
pub fn feed(state: &mut State, actions: &[Action]) {
    for a in actions {
        update(state, a.clone());
    }
}

/// The frame as text, one line per row, trailing spaces trimmed.
pub fn render(state: &State, w: u16, h: u16) -> String {
    let mut s = state.clone();
    update(&mut s, Action::Resize(w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    term.draw(|f| wolkwijzer::tui::screens::render(f, &s))
        .expect("draw");
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for x in 0..buf.area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use wolkwijzer::report::note::{AllocationNote, BandNote, BusinessCaseNote, YearNote};

/// A business case as the core will deliver it, by hand: seven years, three bands.
pub fn business_case() -> BusinessCaseNote {
    let flows = [
        dec!(-420000),
        dec!(-85000.50),
        dec!(60000),
        dec!(140000),
        dec!(180000),
        dec!(190000),
        dec!(195000),
    ];
    let mut cumulative = dec!(0);
    let mut cum_b = dec!(0);
    let mut cum_c = dec!(0);
    let years: Vec<YearNote> = flows
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let benefits = dec!(250000) * Decimal::from(i as u32);
            let total_costs = benefits - f;
            cumulative += f;
            cum_b += benefits;
            cum_c += total_costs;
            YearNote {
                year: 2027 + i as u32,
                benefits,
                operating_costs: total_costs - dec!(20000),
                investments: dec!(20000),
                total_costs,
                cash_flow: *f,
                cumulative_benefits: cum_b,
                cumulative_costs: cum_c,
                cumulative_cash_flow: cumulative,
            }
        })
        .collect();
    let expected: Vec<_> = years.iter().map(|y| y.cumulative_cash_flow).collect();
    let shift = |d: Decimal| expected.iter().map(|x| *x + d).collect::<Vec<_>>();
    BusinessCaseNote {
        scenario: "Samenwerking met gezamenlijke investering".into(),
        bands: vec![
            BandNote {
                band: "favourable",
                name: "gunstig".into(),
                return_year: Some(2031),
                cumulative_cash_flow: shift(dec!(150000)),
            },
            BandNote {
                band: "expected",
                name: "verwacht".into(),
                return_year: Some(2032),
                cumulative_cash_flow: expected.clone(),
            },
            BandNote {
                band: "unfavourable",
                name: "ongunstig".into(),
                return_year: None,
                cumulative_cash_flow: shift(dec!(-400000)),
            },
        ],
        years,
        allocation_key: "per werkplek".into(),
        allocation: vec![
            AllocationNote {
                participant: "Bergveld".into(),
                share: dec!(1234567.89),
            },
            AllocationNote {
                participant: "Kempenrand-Oost".into(),
                share: dec!(456789.11),
            },
        ],
    }
}

/// A state on `profiles/startersgroep.toml` (members with their own blind-round weights).
pub fn starters(lang: Lang) -> State {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/startersgroep.toml");
    let p = profile::load(&path).expect("the shipped starter-group profile is valid");
    let mut s = State::new(catalogue::built_in(), p, None);
    s.lang = lang;
    s
}
