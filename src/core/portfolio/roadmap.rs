//! The migration roadmap: each application that moves does so at its contract end, or at the
//! next replacement moment when its notice deadline has already passed — never before the
//! notice deadline (the 2022 article's advice: use the next replacement moment, native_ssc_2022).
//! Moves are grouped per year and quarter; the notice deadlines coming up are listed, and so is
//! what stays where it is.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Application;
use super::date::Date;
use super::place::PortfolioPlacement;

/// When the notice deadline has passed, the contract is taken to renew by this many months
/// (wolkwijzer's assumption: the file has no renewal term, and yearly tacit renewal is the
/// common case; the next contract end after the renewal is the next replacement moment).
pub const RENEWAL_MONTHS: i32 = 12;

/// Notice deadlines within this many months of the reference date are "coming up" (wolkwijzer's
/// assumption: one budget year of lead time).
pub const UPCOMING_MONTHS: i32 = 12;

/// Why a move is on its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum MoveBasis {
    /// At the contract end; notice can still be given in time.
    ContractEnd,
    /// The notice deadline has passed: at the contract end after `renewals` renewals.
    AfterRenewal { renewals: u32 },
}

/// One planned move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Move {
    /// Index into the portfolio.
    pub app: usize,
    /// The move date (the contract end it moves at).
    pub date: Date,
    /// The last day to give notice for that contract end.
    pub notice_deadline: Date,
    pub basis: MoveBasis,
}

/// Moves in one quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quarter {
    pub year: i32,
    /// 1–4.
    pub quarter: u32,
    /// Indices into [`Roadmap::moves`].
    pub moves: Vec<usize>,
    /// The yearly cost of the applications moving this quarter.
    pub yearly_cost: Decimal,
}

/// The whole roadmap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Roadmap {
    /// The date the roadmap is drawn from ("today").
    pub as_of: Date,
    /// Every planned move, by date then portfolio order.
    pub moves: Vec<Move>,
    /// Per quarter, in time order.
    pub quarters: Vec<Quarter>,
    /// Indices into `moves` whose notice deadline falls within [`UPCOMING_MONTHS`], soonest first.
    pub upcoming_notice: Vec<usize>,
    /// Applications that stay where they are.
    pub stays: Vec<usize>,
    /// Applications that move but have no contract end date (no date can be planned).
    pub undated: Vec<usize>,
    /// Applications not placed (unclassified or nothing fits).
    pub unplaced: Vec<usize>,
}

impl Roadmap {
    /// The years with moves, and per year the number of moves and their yearly cost.
    pub fn per_year(&self) -> Vec<(i32, usize, Decimal)> {
        let mut out: Vec<(i32, usize, Decimal)> = vec![];
        for q in &self.quarters {
            match out.last_mut() {
                Some((y, n, c)) if *y == q.year => {
                    *n += q.moves.len();
                    *c = c.checked_add(q.yearly_cost).unwrap_or(*c);
                }
                _ => out.push((q.year, q.moves.len(), q.yearly_cost)),
            }
        }
        out
    }
}

/// The first contract end whose notice deadline is on or after `as_of`, renewing by
/// [`RENEWAL_MONTHS`]; `None` only when the dates leave the supported range.
pub fn next_move(
    contract_end: Date,
    notice_months: u32,
    as_of: Date,
) -> Option<(Date, Date, MoveBasis)> {
    let notice = i32::try_from(notice_months).ok()?;
    let mut end = contract_end;
    let mut renewals = 0u32;
    loop {
        let deadline = end.add_months(-notice)?;
        if deadline >= as_of {
            let basis = if renewals == 0 {
                MoveBasis::ContractEnd
            } else {
                MoveBasis::AfterRenewal { renewals }
            };
            return Some((end, deadline, basis));
        }
        // Jump straight to the right renewal instead of looping over decades of them.
        let behind_months = (as_of.year() - deadline.year()) * 12
            + (as_of.month() as i32 - deadline.month() as i32);
        let steps = (behind_months / RENEWAL_MONTHS).max(1);
        end = end.add_months(steps * RENEWAL_MONTHS)?;
        renewals += u32::try_from(steps).ok()?;
    }
}

/// Draws the roadmap of a placed portfolio as of a date.
pub fn roadmap(apps: &[Application], placement: &PortfolioPlacement, as_of: Date) -> Roadmap {
    let mut moves = vec![];
    let mut stays = vec![];
    let mut undated = vec![];
    let mut unplaced = vec![];
    for (i, (app, p)) in apps.iter().zip(&placement.apps).enumerate() {
        if p.key.is_none() {
            unplaced.push(i);
        } else if p.stays {
            stays.push(i);
        } else {
            match app
                .contract_end
                .and_then(|end| next_move(end, app.notice_months, as_of))
            {
                Some((date, notice_deadline, basis)) => moves.push(Move {
                    app: i,
                    date,
                    notice_deadline,
                    basis,
                }),
                None => undated.push(i),
            }
        }
    }
    moves.sort_by_key(|m| (m.date, m.app));
    let mut quarters: Vec<Quarter> = vec![];
    for (j, m) in moves.iter().enumerate() {
        let (y, q) = (m.date.year(), m.date.quarter());
        let cost = apps[m.app].yearly_cost;
        match quarters.last_mut() {
            Some(last) if last.year == y && last.quarter == q => {
                last.moves.push(j);
                last.yearly_cost = last
                    .yearly_cost
                    .checked_add(cost)
                    .unwrap_or(last.yearly_cost);
            }
            _ => quarters.push(Quarter {
                year: y,
                quarter: q,
                moves: vec![j],
                yearly_cost: cost,
            }),
        }
    }
    let horizon = as_of.add_months(UPCOMING_MONTHS).unwrap_or(as_of);
    let mut upcoming: Vec<usize> = (0..moves.len())
        .filter(|&j| moves[j].notice_deadline <= horizon)
        .collect();
    upcoming.sort_by_key(|&j| (moves[j].notice_deadline, moves[j].app));
    Roadmap {
        as_of,
        moves,
        quarters,
        upcoming_notice: upcoming,
        stays,
        undated,
        unplaced,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn moves_at_contract_end_when_notice_is_still_possible() {
        let (date, deadline, basis) = next_move(d(2027, 6, 30), 3, d(2026, 11, 30)).unwrap();
        assert_eq!(
            (date, deadline, basis),
            (d(2027, 6, 30), d(2027, 3, 30), MoveBasis::ContractEnd)
        );
    }

    #[test]
    fn a_passed_deadline_waits_for_the_next_replacement_moment() {
        // Deadline 2026-10-31 passed on 2026-11-30: renew once, move at 2027-12-31.
        let (date, deadline, basis) = next_move(d(2026, 12, 31), 2, d(2026, 11, 30)).unwrap();
        assert_eq!(date, d(2027, 12, 31));
        assert_eq!(deadline, d(2027, 10, 31));
        assert_eq!(basis, MoveBasis::AfterRenewal { renewals: 1 });
        // Long expired: jumps over the years. The 2027-01-31 end needed notice by 2026-10-31,
        // already passed on 2026-11-30, so the move is at the end after that.
        let (date, _, basis) = next_move(d(2015, 1, 31), 3, d(2026, 11, 30)).unwrap();
        assert_eq!(date, d(2028, 1, 31));
        assert_eq!(basis, MoveBasis::AfterRenewal { renewals: 13 });
    }

    proptest! {
        #[test]
        fn never_before_the_notice_deadline(
            y in 2000i32..2040, m in 1u32..=12, day in 1u32..=28,
            notice in 0u32..=60, ay in 2020i32..2035, am in 1u32..=12,
        ) {
            let as_of = d(ay, am, 15);
            if let Some((date, deadline, _)) = next_move(d(y, m, day), notice, as_of) {
                prop_assert!(deadline >= as_of);
                prop_assert!(date >= deadline);
                prop_assert_eq!(date.add_months(-(notice as i32)), Some(deadline));
            }
        }
    }
}
