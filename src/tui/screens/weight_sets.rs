//! Comparison (screen 7), `w`: the named weight sets side by side — each set's weights per
//! criterion, each set's rank for the leading candidates with the ones whose rank differs
//! marked, and each set's first choice, with one line saying whether the sets agree. The sets
//! are ranked the way the screen in focus ranks (the group decision for the group, a member's
//! own constraints for a member) by `core::weight_sets`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::core::criteria::Criterion;
use crate::core::profile::Weights;
use crate::core::weight_sets::SetComparison;
use crate::tui::state::{Screen, State};
use crate::tui::widgets::mcda::pct;
use crate::tui::widgets::text::CandidateLabels;
use crate::tui::widgets::{panel, scroll};

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

/// Draws the side-by-side view: its lines in a pane that scrolls (PgUp/PgDn/Home/End).
pub fn render(frame: &mut Frame, area: Rect, state: &State) {
    let d = crate::i18n::decision(state.lang);
    let th = &state.theme;
    let block = panel(d.sets_title, th, true);
    let lines = lines(state, block.inner(area).width as usize);
    scroll::render(
        frame,
        area,
        block,
        &lines,
        state.cursor.scroll[Screen::Comparison.index()],
        th,
    );
}

/// The offset after a scroll key, with the lines and area `render` uses.
pub fn scrolled(state: &State, key: scroll::Scroll, area: Rect) -> usize {
    let d = crate::i18n::decision(state.lang);
    let inner = panel(d.sets_title, &state.theme, true).inner(area);
    let lines = lines(state, inner.width as usize);
    scroll::moved(
        state.cursor.scroll[Screen::Comparison.index()],
        key,
        &lines,
        area,
    )
}

/// The view's lines at a text width of `width` cells: the verdict, the ranks of the leading
/// candidates per set (the ones the sets rank differently marked ≠), and each set's weights.
fn lines(state: &State, width: usize) -> Vec<Line<'static>> {
    let d = crate::i18n::decision(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    if state.weight_sets.is_empty() {
        return vec![Line::from(Span::styled(d.sets_none, th.dim()))];
    }
    let cmp = current(state);
    let full = |k| state.catalogue.candidate_name(k, lang);

    // The verdict first: the room wants to know whether the sets agree.
    let mut lines: Vec<Line<'static>> = vec![];
    let winners = cmp.winners();
    if cmp.agree() {
        let who = winners
            .first()
            .map_or(d.sets_nothing.to_string(), |&k| full(k));
        lines.push(Line::from(vec![
            Span::styled(format!("✓ {}: ", d.sets_agree), th.good()),
            Span::styled(who, th.heading()),
        ]));
    } else {
        // One line a set: the names hold " · " themselves, so a joined line would not read.
        lines.push(Line::from(Span::styled(
            format!("⚠ {}:", d.sets_disagree),
            th.bad(),
        )));
        for set in &cmp.sets {
            lines.push(Line::from(vec![
                Span::styled(format!("  {} → ", set.name), th.text()),
                Span::styled(
                    set.winner().map_or(d.sets_nothing.to_string(), full),
                    th.heading(),
                ),
            ]));
        }
    }
    lines.push(Line::from(""));

    // Columns: a label, then one per set (as wide as its name, at least a percentage).
    let col_w = |s: &str| s.chars().count().clamp(6, 16);
    let widths: Vec<usize> = cmp.sets.iter().map(|s| col_w(&s.name)).collect();
    let used: usize = widths.iter().map(|w| w + 1).sum::<usize>() + 2;
    // The label column as wide as its longest name (the numbers stay next to the names).
    let longest = cmp
        .candidates(TOP)
        .into_iter()
        .map(|k| full(k).chars().count())
        .chain(
            Criterion::ALL
                .iter()
                .map(|c| c.name().get(lang).chars().count()),
        )
        .max()
        .unwrap_or(12);
    let label_w = width.saturating_sub(used).max(12).min(longest.max(24));
    let row = |label: String, cells: Vec<String>, mark: &str| {
        let mut text = format!("{label:<label_w$}");
        for (c, &w) in cells.iter().zip(&widths) {
            text.push_str(&format!(" {c:>w$}"));
        }
        text.push(' ');
        text.push_str(mark);
        text.trim_end().to_string()
    };
    let header = |first: &str| {
        let names = cmp
            .sets
            .iter()
            .zip(&widths)
            .map(|(s, &w)| fit(&s.name, w))
            .collect();
        Line::from(Span::styled(
            row(fit(first, label_w), names, ""),
            th.heading(),
        ))
    };

    // Ranks of the leading candidates, with the ones the sets rank differently marked.
    let disputed = cmp.disputed(TOP);
    let ranks_title = if disputed.is_empty() {
        crate::i18n::strings(lang).ranking.to_string()
    } else {
        format!(
            "{} (≠ {})",
            crate::i18n::strings(lang).ranking,
            d.sets_disputed
        )
    };
    lines.push(header(&ranks_title));
    let shown = cmp.candidates(TOP);
    let names = CandidateLabels::new(&state.catalogue, &shown, lang, label_w);
    for &k in &shown {
        let odd = disputed.contains(&k);
        let ranks = cmp
            .sets
            .iter()
            .map(|s| s.rank_of(k).map_or("–".to_string(), |r| r.to_string()))
            .collect();
        lines.push(Line::from(Span::styled(
            row(names.get(k), ranks, if odd { "≠" } else { "" }),
            if odd { th.bad() } else { th.text() },
        )));
    }

    // The weights of each set, per criterion any set weighs.
    let normalised: Vec<_> = state
        .weight_sets
        .iter()
        .map(|s| s.weights.normalised().unwrap_or_default())
        .collect();
    let t = crate::i18n::tui(lang);
    lines.push(Line::from(""));
    lines.push(header(t.screen_titles[Screen::Weights.index()]));
    for c in Criterion::ALL.iter().filter(|c| {
        normalised
            .iter()
            .any(|m| m.get(c).is_some_and(|&w| w > 0.0))
    }) {
        let cells = normalised
            .iter()
            .map(|m| pct(lang, m.get(c).copied().unwrap_or(0.0), 0))
            .collect();
        lines.push(Line::from(Span::styled(
            row(fit(c.name().get(lang), label_w), cells, ""),
            th.text(),
        )));
    }
    lines
}
