//! Test fixtures shared by the report tests: a business case note made by hand, in the shape
//! the business case core will deliver, until that core lands.

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
