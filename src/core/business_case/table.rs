//! The yearly table of seed 003 Bijlage 1 ("Kosten / Baten Analyse scenario x"): benefit,
//! operating-cost and investment lines per year, the totals, cash flow, the cumulative rows and
//! the return year. Also the difference of two tables (a scenario minus the baseline).

use super::error::{BusinessCaseError, Location, Result, checked_sum, fits};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The three sections of the annex 1 table a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Baten: efficiency and direct cash benefits.
    Benefits,
    /// Exploitatiekosten: structural costs, extra costs of collaboration and depreciation
    /// (kapitaallasten) of capitalised investments.
    OperatingCosts,
    /// Investeringen (niet geactiveerd): one-off costs and investments charged in the year
    /// they are made.
    Investments,
}

/// One line of the table: a label and an amount per year (index 0 is year 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableLine {
    /// Section the line is summed into.
    pub section: Section,
    /// What the line is.
    pub label: String,
    /// EUR per year, rounded to cents.
    pub amounts: Vec<Decimal>,
    /// Not scaled by the risk bands: a cost the scenario shares with the baseline
    /// (`OperatingCost::same_as_baseline`), so a view that recomputes a band (the xlsx
    /// workbook) leaves it as it is.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fixed: bool,
}

/// The totals of one year, exactly the rows of seed 003 Bijlage 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearRow {
    /// Year number, 1-based (Jaar 1, 2, ...).
    pub year: u32,
    /// Totaal baten.
    pub benefits: Decimal,
    /// Totaal exploitatie.
    pub operating_costs: Decimal,
    /// Totale investeringen (niet geactiveerd).
    pub investments: Decimal,
    /// Totale kosten = operating costs + investments.
    pub total_costs: Decimal,
    /// Kasstroom = benefits − total costs.
    pub cash_flow: Decimal,
    /// Cumulatieve baten.
    pub cumulative_benefits: Decimal,
    /// Cumulatieve kosten.
    pub cumulative_costs: Decimal,
    /// Cumulatieve kasstroom.
    pub cumulative_cash_flow: Decimal,
}

/// A complete yearly table (Bijlage 1), interest left out as in the seed: "In dit model zijn de
/// rentelasten buiten beschouwing gelaten."
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearlyTable {
    /// The detail lines, grouped by section in the order benefits, operating costs,
    /// investments.
    pub lines: Vec<TableLine>,
    /// One row per year of the horizon.
    pub rows: Vec<YearRow>,
    /// Terugverdienmoment (the seed's "ROI"): the first year whose cumulative cash flow is
    /// strictly positive; a cumulative cash flow of exactly zero does not count ("het moment
    /// dat de cumulatieve kasstroom positief is"). `None`: not within the horizon.
    pub return_year: Option<u32>,
    /// Book value of capitalised investments not yet depreciated at the end of the horizon
    /// (not part of the table; shown so that a short horizon does not hide a cost).
    pub residual_book_value: Decimal,
}

impl YearlyTable {
    /// Builds the table from its lines over `years` years. Lines are grouped by section
    /// (stable within a section); a line shorter than `years` counts as zero in the missing
    /// years. Sums are checked: totals that do not fit a `Decimal` are
    /// [`BusinessCaseError::Overflow`], never a panic.
    pub fn from_lines(
        years: usize,
        mut lines: Vec<TableLine>,
        residual_book_value: Decimal,
    ) -> Result<Self> {
        lines.sort_by_key(|l| l.section);
        let mut rows = Vec::with_capacity(years.min(1024));
        let (mut cum_benefits, mut cum_costs, mut cum_cash) =
            (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        for y in 0..years {
            let at = || Location::new(format!("year {}", y + 1));
            let sum = |section: Section| -> Result<Decimal> {
                checked_sum(
                    lines
                        .iter()
                        .filter(|l| l.section == section)
                        .map(|l| l.amounts.get(y).copied().unwrap_or_default()),
                    at,
                )
            };
            let benefits = sum(Section::Benefits)?;
            let operating_costs = sum(Section::OperatingCosts)?;
            let investments = sum(Section::Investments)?;
            let total_costs = fits(operating_costs.checked_add(investments), at)?;
            let cash_flow = fits(benefits.checked_sub(total_costs), at)?;
            cum_benefits = fits(cum_benefits.checked_add(benefits), at)?;
            cum_costs = fits(cum_costs.checked_add(total_costs), at)?;
            cum_cash = fits(cum_cash.checked_add(cash_flow), at)?;
            rows.push(YearRow {
                year: u32::try_from(y + 1).unwrap_or(u32::MAX),
                benefits,
                operating_costs,
                investments,
                total_costs,
                cash_flow,
                cumulative_benefits: cum_benefits,
                cumulative_costs: cum_costs,
                cumulative_cash_flow: cum_cash,
            });
        }
        let return_year = return_year(&rows);
        Ok(Self {
            lines,
            rows,
            return_year,
            residual_book_value,
        })
    }

    /// This table minus `baseline`, line by line: lines with the same section and label are
    /// subtracted, lines found in only one table keep their (signed) amounts. This is how a
    /// scenario is "compared with the baseline, not with today" (seed 003 §2.5, Bijlage 1 §4).
    pub fn difference(&self, baseline: &YearlyTable) -> Result<YearlyTable> {
        merge(
            self.rows.len(),
            &[(self, Decimal::ONE), (baseline, Decimal::NEGATIVE_ONE)],
        )
    }

    /// The sum of several tables over `years` years, line by line (lines with the same
    /// section and label are added): the consolidated case of a group (Bijlage 1 §7: "Per
    /// stakeholder [...] worden de baten en lasten in kaart gebracht en geconsolideerd").
    pub fn sum(years: usize, tables: &[&YearlyTable]) -> Result<YearlyTable> {
        let parts: Vec<(&YearlyTable, Decimal)> =
            tables.iter().map(|t| (*t, Decimal::ONE)).collect();
        merge(years, &parts)
    }

    /// Cumulative cash flow at the end of the horizon (zero for an empty table).
    pub fn final_cumulative_cash_flow(&self) -> Decimal {
        self.rows
            .last()
            .map_or(Decimal::ZERO, |r| r.cumulative_cash_flow)
    }
}

/// Σ sign × table, merging lines by (section, label) in order of first appearance.
fn merge(years: usize, parts: &[(&YearlyTable, Decimal)]) -> Result<YearlyTable> {
    let overflow = |label: &str| BusinessCaseError::Overflow {
        at: Location::new(label),
    };
    let mut merged: Vec<TableLine> = Vec::new();
    let mut residual = Decimal::ZERO;
    for (table, sign) in parts {
        residual = sign
            .checked_mul(table.residual_book_value)
            .and_then(|x| residual.checked_add(x))
            .ok_or_else(|| overflow("residual_book_value"))?;
        for line in &table.lines {
            let pos = merged
                .iter()
                .position(|m| m.section == line.section && m.label == line.label);
            let index = match pos {
                Some(p) => p,
                None => {
                    merged.push(TableLine {
                        section: line.section,
                        label: line.label.clone(),
                        amounts: vec![Decimal::ZERO; years],
                        fixed: line.fixed,
                    });
                    merged.len() - 1
                }
            };
            for (t, a) in merged[index].amounts.iter_mut().zip(&line.amounts) {
                *t = sign
                    .checked_mul(*a)
                    .and_then(|x| t.checked_add(x))
                    .ok_or_else(|| overflow(&line.label))?;
            }
        }
    }
    YearlyTable::from_lines(years, merged, residual)
}

/// The first year whose cumulative cash flow is strictly positive (> 0), or `None`.
pub fn return_year(rows: &[YearRow]) -> Option<u32> {
    rows.iter()
        .find(|r| r.cumulative_cash_flow > Decimal::ZERO)
        .map(|r| r.year)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn line(section: Section, label: &str, amounts: &[Decimal]) -> TableLine {
        TableLine {
            fixed: false,
            section,
            label: label.into(),
            amounts: amounts.to_vec(),
        }
    }

    #[test]
    fn rows_follow_annex_1() {
        // Benefits 0, 50, 100; operating 20, 20, 20; investments 100, 0, 0.
        // cash flow -120, 30, 80; cumulative -120, -90, -10 → no return year.
        let t = YearlyTable::from_lines(
            3,
            vec![
                line(
                    Section::Investments,
                    "migratie",
                    &[dec!(100), dec!(0), dec!(0)],
                ),
                line(Section::Benefits, "inkoop", &[dec!(0), dec!(50), dec!(100)]),
                line(
                    Section::OperatingCosts,
                    "beheer",
                    &[dec!(20), dec!(20), dec!(20)],
                ),
            ],
            Decimal::ZERO,
        )
        .unwrap();
        assert_eq!(t.lines[0].section, Section::Benefits);
        assert_eq!(t.rows[0].total_costs, dec!(120));
        assert_eq!(t.rows[1].cash_flow, dec!(30));
        assert_eq!(t.rows[2].cumulative_benefits, dec!(150));
        assert_eq!(t.rows[2].cumulative_costs, dec!(160));
        assert_eq!(t.rows[2].cumulative_cash_flow, dec!(-10));
        assert_eq!(t.return_year, None);
    }

    #[test]
    fn zero_cumulative_cash_flow_is_not_a_return() {
        let t = YearlyTable::from_lines(
            2,
            vec![
                line(Section::Benefits, "b", &[dec!(0), dec!(10)]),
                line(Section::Investments, "i", &[dec!(10), dec!(0)]),
            ],
            Decimal::ZERO,
        )
        .unwrap();
        assert_eq!(t.rows[1].cumulative_cash_flow, dec!(0));
        assert_eq!(t.return_year, None);
    }

    #[test]
    fn difference_merges_lines_by_label() {
        let a = YearlyTable::from_lines(
            1,
            vec![
                line(Section::OperatingCosts, "personnel", &[dec!(80)]),
                line(Section::OperatingCosts, "ssc bill", &[dec!(30)]),
            ],
            Decimal::ZERO,
        )
        .unwrap();
        let b = YearlyTable::from_lines(
            1,
            vec![line(Section::OperatingCosts, "personnel", &[dec!(100)])],
            Decimal::ZERO,
        )
        .unwrap();
        let d = a.difference(&b).unwrap();
        assert_eq!(d.lines.len(), 2);
        assert_eq!(d.lines[0].amounts, vec![dec!(-20)]);
        assert_eq!(d.rows[0].operating_costs, dec!(10));
        assert_eq!(d.rows[0].cash_flow, dec!(-10));
    }

    #[test]
    fn totals_too_large_are_an_error_not_a_panic() {
        // Regression (issue 12): two maximal amounts in one year overflowed `+`.
        let e = YearlyTable::from_lines(
            1,
            vec![
                line(Section::OperatingCosts, "a", &[Decimal::MAX]),
                line(Section::OperatingCosts, "b", &[Decimal::MAX]),
            ],
            Decimal::ZERO,
        )
        .unwrap_err();
        assert!(matches!(e, BusinessCaseError::Overflow { .. }), "{e}");
        assert!(e.to_string().contains("year 1"), "{e}");
    }
}
