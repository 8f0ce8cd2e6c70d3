//! Screen 10, summary: the decision in a few lines — the best choice and why, the runner-up,
//! where each workload goes, what was excluded — plus the facilitator's notes. `s` saves it all
//! as part of the session; `e` exports the decision note (format from the file extension).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::action::{Action, Effect};
use crate::tui::state::{InputPurpose, Popup, State};
use crate::tui::widgets::mcda::{num, pct};
use crate::tui::widgets::panel;
use crate::tui::widgets::scroll::{self, Scroll};

/// Summary's place in `State::cursor.scroll`.
fn screen() -> usize {
    crate::tui::state::Screen::Summary.index()
}

/// Draws the summary screen (or, after `b`, its projector view). Each pane is drawn by
/// `widgets::scroll` from the one offset `State::cursor.scroll` holds for Summary (moved by
/// ↑/↓, PgUp/PgDn/Home/End; see [`handle`]), with a scrollbar when it does not fit and wrapped
/// lines under their own indent.
pub fn render(frame: &mut Frame, area: Rect, state: &State) {
    let th = &state.theme;
    let offset = state.cursor.scroll[screen()];
    for (block, lines, pane) in panes_of(state, area) {
        let block = with_scroll_keys(block, &lines, pane, th);
        scroll::render(frame, pane, block, &lines, offset, th);
    }
}

/// The keys that scroll a pane (as the key table and help name them), in the pane's top
/// edge on the right while its lines do not fit: the hint bar of a narrow screen has no room
/// for them.
pub fn with_scroll_keys<'a>(
    block: ratatui::widgets::Block<'a>,
    lines: &[Line<'_>],
    area: Rect,
    th: &crate::tui::theme::Theme,
) -> ratatui::widgets::Block<'a> {
    // The rows inside a bordered pane with padding 1, as `widgets::scroll` lays it out.
    let w = usize::from(area.width.saturating_sub(4)).max(1);
    let h = usize::from(area.height.saturating_sub(2));
    if wrap_long(lines, w).len() <= h {
        return block;
    }
    block.title(Line::from(Span::styled(format!(" {SCROLL_KEYS} "), th.dim())).right_aligned())
}

/// `lines` wrapped to `width` as `widgets::text::wrap` wraps them (keeping their indent), a
/// line that fits passed on as it is: the wrap takes every line apart cell by cell, and most
/// lines here fit (this keeps Summary's and the projector's drawing within a millisecond).
fn wrap_long(lines: &[Line<'_>], width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        if l.width() <= width {
            out.push(Line {
                spans: l
                    .spans
                    .iter()
                    .map(|s| Span::styled(s.content.to_string(), s.style))
                    .collect(),
                style: l.style,
                alignment: l.alignment,
            });
        } else {
            out.extend(crate::tui::widgets::text::wrap(
                std::slice::from_ref(l),
                width,
            ));
        }
    }
    out
}

/// The scroll keys as the key table lists them.
pub const SCROLL_KEYS: &str = "PgUp/Dn Home/End";

/// The panes Summary draws at `area`, each with its frame and lines: the projector view; or
/// the decision, with the room's notes beside it on a wide screen. Drawing and scrolling both
/// take them from here, so a key moves exactly what is drawn.
fn panes_of<'a>(
    state: &State,
    area: Rect,
) -> Vec<(ratatui::widgets::Block<'a>, Vec<Line<'static>>, Rect)> {
    let th = &state.theme;
    if state.projector {
        let d = crate::i18n::decision(state.lang);
        return vec![(
            panel(d.projector_title, th, true),
            projector_lines(state, area),
            area,
        )];
    }
    let t = crate::i18n::tui(state.lang);
    let r = crate::i18n::room(state.lang);
    let (mut lines, split) = content(state);
    match panes(area) {
        (left, Some(right)) => {
            // The notes' heading becomes the panel's title.
            let notes: Vec<Line<'static>> = lines.split_off(split).into_iter().skip(2).collect();
            vec![
                (panel(t.decision, th, true), lines, left),
                (panel(r.notes, th, false), notes, right),
            ]
        }
        (whole, None) => vec![(panel(t.decision, th, true), lines, whole)],
    }
}

/// The decision pane and, on a wide screen, the notes beside it.
fn panes(area: Rect) -> (Rect, Option<Rect>) {
    if area.width >= 180 {
        let [l, r] = ratatui::layout::Layout::horizontal([
            ratatui::layout::Constraint::Percentage(60),
            ratatui::layout::Constraint::Percentage(40),
        ])
        .areas(area);
        (l, Some(r))
    } else {
        (area, None)
    }
}

/// The new offset after a scroll key: the pane with the most to scroll decides how far the
/// one offset may go (a shorter pane beside it stops at its own end when drawn).
fn scrolled(state: &State, key: Scroll) -> Option<usize> {
    let body = crate::tui::layout::body_of(state)?;
    let panes = panes_of(state, body);
    let (_, lines, area) = panes
        .iter()
        .max_by_key(|(_, lines, area)| scroll::max_offset(lines, *area))?;
    Some(scroll::moved(
        state.cursor.scroll[screen()],
        key,
        lines,
        *area,
    ))
}

/// The summary's lines, and where the notes begin (they stand apart on a wide screen).
fn content(state: &State) -> (Vec<Line<'static>>, usize) {
    let t = crate::i18n::tui(state.lang);
    let s = crate::i18n::strings(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let mut lines = vec![];
    if state.is_group() {
        // Whose result this is: the group's (plenary weights, admissible for all) or one
        // municipality's own.
        let r = crate::i18n::room(lang);
        let (who, how) = if state.focus_is_group() {
            (
                format!("{} {}", r.group, state.profile.subject.name()),
                r.plenary_weights,
            )
        } else {
            (state.focus_name(), r.own_weights)
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", r.result_of), th.dim()),
            Span::styled(who, th.heading()),
            Span::styled(format!(" — {how}"), th.dim()),
        ]));
    }
    match state.evaluation() {
        Err(_) => lines.push(Line::from(Span::styled(t.all_weights_zero, th.bad()))),
        Ok(e) => {
            if let Some(r) = e.ranking.first() {
                lines.push(Line::from(vec![
                    Span::styled(format!("{}: ", t.leader), th.heading()),
                    Span::styled(
                        format!(
                            "{}  ({}{})",
                            state.catalogue.candidate_name(r.key, lang),
                            num(lang, r.total, 2),
                            shared(r, lang)
                        ),
                        th.heading(),
                    ),
                ]));
                // The criteria that weigh most, with the leader's score on each.
                let mut top: Vec<_> = r.criteria.iter().collect();
                top.sort_by(|a, b| b.weight.total_cmp(&a.weight));
                let parts: Vec<String> = top
                    .iter()
                    .take(3)
                    .map(|c| {
                        format!(
                            "{} {} ({})",
                            c.criterion.name().get(lang),
                            num(lang, c.score, 1),
                            pct(lang, c.weight, 0)
                        )
                    })
                    .collect();
                lines.push(Line::from(format!(
                    "  {}: {}",
                    s.why_top,
                    parts.join(" · ")
                )));
            }
            if let Some(r) = e.ranking.get(1) {
                lines.push(Line::from(format!(
                    "{}: {}  ({}{})",
                    t.runner_up,
                    state.catalogue.candidate_name(r.key, lang),
                    num(lang, r.total, 2),
                    shared(r, lang)
                )));
            }
            if let Some(w) = state.ahp_warning() {
                lines.push(Line::from(Span::styled(format!("⚠ {w}"), th.bad())));
            }
            // The rule only where it explains what Summary shows: a shared first or second
            // place (ties further down are on Comparison).
            if e.ranking.iter().take(2).any(|r| r.tied) {
                lines.push(Line::from(Span::styled(
                    crate::core::text::tie_break_note().get(lang).to_string(),
                    th.dim(),
                )));
            }
            for w in e.blind_spot_texts(&state.catalogue) {
                lines.push(Line::from(Span::styled(
                    format!("⚠ {}", w.get(lang)),
                    th.bad(),
                )));
            }
            // The expected return year of the business case, as its screen computes it.
            if let Some((label_text, year, costed)) = super::business_case::expected_return(state) {
                let d = crate::i18n::decision(lang);
                let c = crate::i18n::case_strings(lang);
                let y = year.map_or(format!("⚠ {}", c.not_within), |y| {
                    format!("{} {y}", crate::i18n::tui_bc(lang).year_word)
                });
                lines.push(Line::from(vec![
                    Span::styled(format!("{}: ", d.return_year), th.text()),
                    Span::styled(format!("{y} ({label_text})"), th.text()),
                ]));
                if let Some(first) = e.ranking.first()
                    && let Some(w) =
                        super::business_case::other_candidate_warning(state, costed, first.key)
                {
                    lines.push(Line::from(Span::styled(format!("  ⚠ {w}"), th.bad())));
                }
            }
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(s.landscape, th.heading())));
            for (k, v) in super::landscape::groups(e) {
                let name = k
                    .map(|k| state.catalogue.candidate_name(k, lang))
                    .unwrap_or_else(|| s.none_admissible.to_string());
                let names: Vec<&str> = v.iter().map(|&i| e.workloads[i].name.as_str()).collect();
                lines.push(Line::from(vec![
                    Span::styled(format!("  {name}: "), th.text()),
                    Span::styled(names.join(", "), th.dim()),
                ]));
            }
            lines.push(Line::from(""));
            lines.push(Line::from(format!(
                "{}: {}",
                t.excluded_count,
                e.excluded.len()
            )));
        }
    }
    // On a wide screen the room's notes stand in a column of their own.
    let split = lines.len();
    lines.push(Line::from(""));
    let r = crate::i18n::room(lang);
    lines.push(Line::from(Span::styled(r.notes, th.heading())));
    if state.notes.is_empty() && state.room_notes.is_empty() {
        lines.push(Line::from(Span::styled(r.no_notes, th.dim())));
    }
    for l in state.notes.lines() {
        lines.push(Line::from(format!("  {l}")));
    }
    for n in &state.room_notes {
        let kind = r.note_kinds[crate::io::store::NoteKind::ALL
            .iter()
            .position(|&k| k == n.kind)
            .unwrap_or(0)];
        // Continuation lines keep the indent of the note's text.
        let pad = " ".repeat(kind.chars().count() + 4);
        for (i, l) in n.text.lines().enumerate() {
            lines.push(if i == 0 {
                Line::from(vec![
                    Span::styled(format!("  {kind}: "), th.heading()),
                    Span::styled(l.to_string(), th.text()),
                ])
            } else {
                Line::from(Span::styled(format!("{pad}{l}"), th.text()))
            });
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(t.export_note, th.dim())));
    (lines, split)
}

/// The widest column the projector's lines are wrapped to: calm lines, read from afar.
const CALM_WIDTH: usize = 110;

/// At most this many blank rows between the projector's blocks on a large screen.
const MAX_GAP: usize = 3;

/// The projector view's lines for a pane at `area`: the decision in big, calm lines — whose
/// result, the recommendation and its score, the runner-up and the gap, a close call, the
/// SMAA first-rank share in words, the expected return year, and what moves where — in that
/// order of priority. The fullest form that fits is used: each item in a block of its own
/// with room between the blocks (up to [`MAX_GAP`] rows); then without the room; then
/// condensed, one line per item, with what moves where last and the rest of it reached by
/// scrolling. Centred in a column of at most [`CALM_WIDTH`] cells, a third down when there
/// is room to spare.
fn projector_lines(state: &State, area: Rect) -> Vec<Line<'static>> {
    let inner_w = usize::from(area.width.saturating_sub(4)).max(1);
    let h = usize::from(area.height.saturating_sub(2));
    let w = inner_w.min(CALM_WIDTH);
    // Each block wrapped once to the column: its rows are what is measured and drawn.
    let wrap = |blocks: Vec<Vec<Line<'static>>>| -> Vec<Vec<Line<'static>>> {
        blocks.iter().map(|b| wrap_long(b, w)).collect()
    };
    let rows = |blocks: &[Vec<Line<'static>>]| blocks.iter().map(Vec::len).sum::<usize>();
    let full = wrap(projector_blocks(state, false));
    let blocks = if rows(&full) <= h {
        full
    } else {
        wrap(projector_blocks(state, true))
    };
    let spare = h.saturating_sub(rows(&blocks));
    let gap = (spare / blocks.len().max(1)).min(MAX_GAP);
    // Without room between every block, a row still parts the decision from the list of
    // what moves where when there is one to spare.
    let before_moves = usize::from(gap == 0 && spare >= 2);
    let n = blocks.len();
    let mut lines: Vec<Line<'static>> = vec![];
    for (i, b) in blocks.into_iter().enumerate() {
        if i > 0 {
            let rows = if i + 1 == n {
                gap.max(before_moves)
            } else {
                gap
            };
            lines.extend(std::iter::repeat_n(Line::from(""), rows));
        }
        lines.extend(b.into_iter().map(Line::centered));
    }
    let top = h.saturating_sub(lines.len()) / 3;
    let mut out = vec![Line::from(""); top];
    out.extend(lines);
    out
}

/// The projector's blocks in order of priority; `condensed`: each item on one line (label and
/// value together, the short form of the close-call and SMAA lines, the return year without
/// the scenario's name).
fn projector_blocks(state: &State, condensed: bool) -> Vec<Vec<Line<'static>>> {
    let d = crate::i18n::decision(state.lang);
    let p = crate::i18n::projector(state.lang);
    let t = crate::i18n::tui(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let big = th.heading();
    let label = th.dim();
    let mut blocks: Vec<Vec<Line<'static>>> = vec![];
    if state.is_group() {
        let r = crate::i18n::room(lang);
        let who = if state.focus_is_group() {
            format!("{} {}", r.group, state.profile.subject.name())
        } else {
            state.focus_name()
        };
        blocks.push(vec![Line::from(vec![
            Span::styled(format!("{}: ", r.result_of), label),
            Span::styled(who, th.text()),
        ])]);
    }
    let name = |k| state.catalogue.candidate_name(k, lang);
    // Label and value: on lines of their own, or together on one when condensed.
    let item = |head: &str, value: Span<'static>, more: Option<Span<'static>>| {
        if condensed {
            let mut spans = vec![Span::styled(format!("{head}: "), label), value];
            if let Some(m) = more {
                spans.push(Span::styled(" — ", label));
                spans.push(m);
            }
            vec![Line::from(spans)]
        } else {
            let mut b = vec![
                Line::from(Span::styled(head.to_uppercase(), label)),
                Line::from(value),
            ];
            b.extend(more.map(Line::from));
            b
        }
    };
    let e = match state.evaluation() {
        Err(_) => {
            blocks.push(vec![Line::from(Span::styled(t.all_weights_zero, th.bad()))]);
            return blocks;
        }
        Ok(e) => e,
    };
    if let Some(first) = e.ranking.first() {
        let score = format!("{} / 10{}", num(lang, first.total, 2), shared(first, lang));
        blocks.push(item(
            d.recommendation,
            Span::styled(name(first.key), big),
            Some(Span::styled(score, th.text())),
        ));
        if let Some(second) = e.ranking.get(1) {
            let gap = first.total - second.total;
            let gap_text = num(lang, gap, 2);
            let words = if condensed { p.gap_short } else { d.gap };
            let mut b = item(
                d.runner_up,
                Span::styled(name(second.key), th.text()),
                Some(Span::styled(
                    crate::i18n::fill(words, &[("gap", &gap_text)]),
                    th.text(),
                )),
            );
            if gap < crate::core::mcda::sensitivity::CLOSE_CALL_GAP {
                let limit = num(lang, crate::core::mcda::sensitivity::CLOSE_CALL_GAP, 2);
                let words = if condensed {
                    p.close_call_short
                } else {
                    d.close_call
                };
                b.push(Line::from(Span::styled(
                    format!("⚠ {}", crate::i18n::fill(words, &[("gap", &limit)])),
                    th.bad(),
                )));
            }
            blocks.push(b);
        }
        if let Some(w) = state.ahp_warning() {
            blocks.push(vec![Line::from(Span::styled(format!("⚠ {w}"), th.bad()))]);
        }
        let (share, pending) = if condensed {
            (p.first_share_short, p.first_share_pending_short)
        } else {
            (d.first_share, d.first_share_pending)
        };
        blocks.push(vec![Line::from(Span::styled(
            first_share(state, first.key).map_or(pending.to_string(), |s| {
                crate::i18n::fill(share, &[("share", &pct(lang, s, 0))])
            }),
            th.text(),
        ))]);
    }
    let mut other = None;
    let bc = match super::business_case::expected_return(state) {
        Some((label_text, year, costed)) => {
            let c = crate::i18n::case_strings(lang);
            let y = year.map_or(format!("⚠ {}", c.not_within), |y| {
                format!("{} {y}", crate::i18n::tui_bc(lang).year_word)
            });
            other = e
                .ranking
                .first()
                .and_then(|f| super::business_case::other_candidate_warning(state, costed, f.key));
            if condensed {
                format!("{}: {y}", d.return_year)
            } else {
                format!("{}: {y} ({label_text})", d.return_year)
            }
        }
        None => d.no_business_case.to_string(),
    };
    // A return year of another candidate is said to be one, also when condensed.
    let mut bc_block = vec![Line::from(Span::styled(bc, th.text()))];
    if let Some(w) = other {
        bc_block.push(Line::from(Span::styled(format!("⚠ {w}"), th.bad())));
    }
    blocks.push(bc_block);
    let mut moves = vec![Line::from(Span::styled(d.moves.to_uppercase(), label))];
    let s = crate::i18n::strings(lang);
    for (k, v) in super::landscape::groups(e) {
        let target = k.map(name).unwrap_or_else(|| s.none_admissible.to_string());
        let names: Vec<&str> = v.iter().map(|&i| e.workloads[i].name.as_str()).collect();
        moves.push(Line::from(vec![
            Span::styled(format!("{target}: "), th.text()),
            Span::styled(names.join(", "), label),
        ]));
    }
    blocks.push(moves);
    blocks
}

/// The recommendation's SMAA first-rank share, when the analysis of this very input is at
/// hand (computed in `update` when the projector view opens, never while drawing).
fn first_share(state: &State, key: crate::core::catalogue::CandidateKey) -> Option<f64> {
    let view = crate::tui::mcda::member_view(&state.profile, state.member, state.member_weights());
    let cached = state.analyses.sensitivity.as_ref()?;
    if cached.input != view {
        return None;
    }
    let a = cached.value.as_ref().ok()?;
    let r = a.robustness.as_ref()?;
    let i = a.candidates.iter().position(|&k| k == key)?;
    r.smaa.first_rank_acceptability.get(i).copied()
}

/// ", gedeeld 1e" after a total whose place is shared, else nothing.
fn shared(r: &crate::core::scoring::Ranked, lang: crate::core::text::Lang) -> String {
    if r.tied {
        format!(", {}", crate::core::text::rank_words(r.rank, true, lang))
    } else {
        String::new()
    }
}

/// Enter writes a note; `e` asks where to export the decision note.
pub fn handle(state: &mut State, action: Action) -> Option<Effect> {
    match action {
        Action::Select => super::super::action::update(state, Action::EditNotes),
        Action::ToggleProjector => {
            state.projector = !state.projector;
            // The other view from its top.
            state.cursor.scroll[screen()] = 0;
            None
        }
        Action::Scroll(key) => {
            state.cursor.scroll[screen()] = scrolled(state, key)?;
            None
        }
        // ↑/↓ (and the mouse wheel) move a row.
        Action::Up | Action::Down => {
            let key = if action == Action::Up {
                Scroll::LineUp
            } else {
                Scroll::LineDown
            };
            state.cursor.scroll[screen()] = scrolled(state, key)?;
            None
        }
        Action::Export => {
            state.popup = Some(Popup::Input {
                purpose: InputPurpose::ExportPath,
                buffer: state.default_export_path.clone(),
            });
            None
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_long_wraps_as_the_scroll_widget_does() {
        let lines = vec![
            Line::from("Beste keuze: SSC · SaaS · Gedeelde cloud"),
            Line::from(""),
            Line::from(vec![
                Span::raw("  Hosting · IaaS · Private cloud: "),
                Span::raw("Burgerzaken (BRP), Sociaal domein (Wmo, Jeugd, Participatie)"),
            ]),
            Line::from("⚠ Nipt: minder dan 0,25 punt verschil").centered(),
        ];
        for w in [12, 30, 40, 80, 200] {
            let text = |ls: Vec<Line<'static>>| {
                ls.iter()
                    .map(|l| (l.to_string(), l.alignment.unwrap_or_default()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(
                text(wrap_long(&lines, w)),
                text(crate::tui::widgets::text::wrap(&lines, w)),
                "width {w}"
            );
        }
    }
}
