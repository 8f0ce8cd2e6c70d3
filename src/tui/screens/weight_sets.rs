//! Comparison (screen 7), `w`: the named weight sets side by side — each set's weights per
//! criterion, each set's rank for the leading candidates with the ones whose rank differs
//! marked, and each set's first choice, with one line saying whether the sets agree. The sets
//! are ranked the way the screen in focus ranks (the group decision for the group, a member's
//! own constraints for a member) by `core::weight_sets`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use crate::core::criteria::Criterion;
use crate::core::profile::Weights;
use crate::core::weight_sets::SetComparison;
use crate::tui::state::State;
use crate::tui::widgets::mcda::pct;
use crate::tui::widgets::panel;

use super::situation::fit;

/// The comparison as last computed, with what it was computed from.
#[derive(Debug, Clone)]
pub struct Cache {
    key: (
        Vec<crate::io::store::WeightSet>,
        usize,
        crate::core::profile::Profile,
    ),
    value: SetComparison,
}

fn key(
    state: &State,
) -> (
    Vec<crate::io::store::WeightSet>,
    usize,
    crate::core::profile::Profile,
) {
    (
        state.weight_sets.clone(),
        state.member,
        state.profile.clone(),
    )
}

/// Ranks the sets again when the sets, the focus or the profile changed (called by `update`).
pub fn ensure(state: &mut State) {
    if state.weight_set_cache.as_ref().is_some_and(|c| {
        c.key.0 == state.weight_sets && c.key.1 == state.member && c.key.2 == state.profile
    }) {
        return;
    }
    state.weight_set_cache = Some(Cache {
        key: key(state),
        value: comparison(state),
    });
}

/// The cached comparison when it is of this state, else computed now.
fn current(state: &State) -> std::borrow::Cow<'_, SetComparison> {
    match &state.weight_set_cache {
        Some(c)
            if c.key.0 == state.weight_sets
                && c.key.1 == state.member
                && c.key.2 == state.profile =>
        {
            std::borrow::Cow::Borrowed(&c.value)
        }
        _ => std::borrow::Cow::Owned(comparison(state)),
    }
}

/// How many leading candidates of each set are compared.
pub const TOP: usize = 5;

/// The named sets ranked as the focus ranks: the group decision (plenary role, admissible for
/// all) when the group is in focus, else the municipality in focus with its own constraints.
pub fn comparison(state: &State) -> SetComparison {
    comparison_at(state, state.member)
}

/// [`comparison`] for focus position `slot` (the note speaks of the group decision whatever
/// is in focus).
pub fn comparison_at(state: &State, slot: usize) -> SetComparison {
    let group = state.group_slot() == Some(slot);
    SetComparison::new(
        state
            .weight_sets
            .iter()
            .map(|s| (s.name.as_str(), &s.weights)),
        |w: &Weights| {
            if group {
                crate::core::group::group_decision(&state.catalogue, &state.profile, Some(w))
            } else {
                let p = crate::tui::mcda::member_view(&state.profile, slot, w);
                crate::core::scoring::evaluate(&state.catalogue, &p)
            }
        },
    )
}

/// Each set's first choice by name, in the order the sets were saved (for the note).
pub fn winners_at(state: &State, slot: usize) -> Vec<Option<String>> {
    comparison_at(state, slot)
        .sets
        .iter()
        .map(|s| {
            s.winner()
                .map(|k| state.catalogue.candidate_name(k, state.lang))
        })
        .collect()
}

/// Draws the side-by-side view.
pub fn render(frame: &mut Frame, area: Rect, state: &State) {
    let d = crate::i18n::decision(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let block = panel(d.sets_title, th, true);
    if state.weight_sets.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(d.sets_none, th.dim()))
                .wrap(Wrap { trim: true })
                .block(block),
            area,
        );
        return;
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cmp = current(state);
    let name = |k| state.catalogue.candidate_name(k, lang);

    // The verdict first: the room wants to know whether the sets agree.
    let mut lines: Vec<Line> = vec![];
    let winners = cmp.winners();
    if cmp.agree() {
        let who = winners
            .first()
            .map_or(d.sets_nothing.to_string(), |&k| name(k));
        lines.push(Line::from(vec![
            Span::styled(format!("✓ {}: ", d.sets_agree), th.good()),
            Span::styled(who, th.heading()),
        ]));
    } else {
        let per: Vec<String> = cmp
            .sets
            .iter()
            .map(|s| {
                format!(
                    "{} → {}",
                    s.name,
                    s.winner().map_or(d.sets_nothing.to_string(), name)
                )
            })
            .collect();
        lines.push(Line::from(vec![
            Span::styled(format!("⚠ {}: ", d.sets_disagree), th.bad()),
            Span::styled(per.join(" · "), th.heading()),
        ]));
    }
    let verdict_w: usize = lines.iter().map(Line::width).sum();
    let verdict_h = verdict_w.div_ceil(inner.width.max(1) as usize).clamp(1, 3) as u16;
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }),
        Rect {
            height: verdict_h,
            ..inner
        },
    );

    // Columns: a label, then one per set (as wide as its name, at least a percentage).
    let n = cmp.sets.len();
    let col_w = |s: &str| (s.chars().count().clamp(6, 16)) as u16;
    let widths: Vec<u16> = cmp.sets.iter().map(|s| col_w(&s.name)).collect();
    let used: u16 = widths.iter().map(|w| w + 1).sum::<u16>() + 2;
    // The label column as wide as its longest name (the numbers stay next to the names).
    let longest = cmp
        .candidates(TOP)
        .into_iter()
        .map(|k| name(k).chars().count())
        .chain(
            Criterion::ALL
                .iter()
                .map(|c| c.name().get(lang).chars().count()),
        )
        .max()
        .unwrap_or(12) as u16
        + 2;
    let label_w = inner
        .width
        .saturating_sub(used)
        .max(12)
        .min(longest.max(24));
    let mut constraints = vec![Constraint::Length(label_w)];
    constraints.extend(widths.iter().map(|&w| Constraint::Length(w)));
    constraints.push(Constraint::Length(1));
    let header = |first: &str| {
        let mut h = vec![Cell::from(Span::styled(first.to_string(), th.dim()))];
        h.extend(
            cmp.sets
                .iter()
                .zip(&widths)
                .map(|(s, &w)| Cell::from(Line::from(fit(&s.name, w as usize)).right_aligned())),
        );
        Row::new(h).style(th.heading())
    };

    // Ranks of the leading candidates, with the ones the sets rank differently marked.
    let disputed = cmp.disputed(TOP);
    let rank_rows: Vec<Row> = cmp
        .candidates(TOP)
        .into_iter()
        .map(|k| {
            let odd = disputed.contains(&k);
            let mut r = vec![Cell::from(fit(&name(k), label_w as usize))];
            r.extend(cmp.sets.iter().map(|s| {
                let text = s.rank_of(k).map_or("–".to_string(), |r| r.to_string());
                Cell::from(Line::from(text).right_aligned())
            }));
            r.push(Cell::from(if odd { "≠" } else { "" }));
            Row::new(r).style(if odd { th.bad() } else { th.text() })
        })
        .collect();

    // The weights of each set, per criterion any set weighs.
    let normalised: Vec<_> = state
        .weight_sets
        .iter()
        .map(|s| s.weights.normalised().unwrap_or_default())
        .collect();
    let weight_rows: Vec<Row> = Criterion::ALL
        .iter()
        .filter(|c| {
            normalised
                .iter()
                .any(|m| m.get(c).is_some_and(|&w| w > 0.0))
        })
        .map(|c| {
            let mut r = vec![Cell::from(fit(c.name().get(lang), label_w as usize))];
            r.extend(normalised.iter().map(|m| {
                Cell::from(
                    Line::from(pct(lang, m.get(c).copied().unwrap_or(0.0), 0)).right_aligned(),
                )
            }));
            Row::new(r)
        })
        .collect();

    let t = crate::i18n::tui(lang);
    let rest = Rect {
        y: inner.y + verdict_h + 1,
        height: inner.height.saturating_sub(verdict_h + 1),
        ..inner
    };
    let rank_h = (rank_rows.len() as u16 + 1).min(rest.height);
    let ranks_title = if disputed.is_empty() {
        crate::i18n::strings(lang).ranking.to_string()
    } else {
        format!(
            "{} (≠ {})",
            crate::i18n::strings(lang).ranking,
            d.sets_disputed
        )
    };
    frame.render_widget(
        Table::new(rank_rows, constraints.clone())
            .header(header(&ranks_title))
            .column_spacing(1),
        Rect {
            height: rank_h,
            ..rest
        },
    );
    let below = Rect {
        y: rest.y + rank_h + 1,
        height: rest.height.saturating_sub(rank_h + 1),
        ..rest
    };
    if below.height >= 2 && n > 0 {
        frame.render_widget(
            Table::new(weight_rows, constraints)
                .header(header(t.screen_titles[crate::tui::Screen::Weights.index()]))
                .column_spacing(1),
            below,
        );
    }
}
