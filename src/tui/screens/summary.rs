//! Screen 10, summary: the decision in a few lines — the best choice and why, the runner-up,
//! where each workload goes, what was excluded — plus the facilitator's notes. `s` saves it all
//! as part of the session; `e` exports the decision note (format from the file extension).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::action::{Action, Effect};
use crate::tui::state::{InputPurpose, Popup, State};
use crate::tui::widgets::mcda::{num, pct};
use crate::tui::widgets::panel;

/// Draws the summary screen (or, after `b`, its projector view). A pane longer than the
/// screen scrolls with ↑/↓ and shows a scrollbar.
pub fn render(frame: &mut Frame, area: Rect, state: &State) {
    if state.projector {
        return projector(frame, area, state);
    }
    let t = crate::i18n::tui(state.lang);
    let r = crate::i18n::room(state.lang);
    let th = &state.theme;
    let (mut lines, split) = content(state);
    let [left, right] = panes(area);
    if let Some(right) = right {
        let notes = lines.split_off(split);
        scrolled(frame, left, panel(t.decision, th, true), lines, state);
        // The notes' heading becomes the panel's title.
        frame.render_widget(
            Paragraph::new(notes.into_iter().skip(2).collect::<Vec<_>>())
                .wrap(Wrap { trim: false })
                .block(panel(r.notes, th, false)),
            right,
        );
    } else {
        scrolled(frame, left, panel(t.decision, th, true), lines, state);
    }
}

/// The decision pane and, on a wide screen, the notes beside it.
fn panes(area: Rect) -> [Option<Rect>; 2] {
    if area.width >= 180 {
        let [l, r] = ratatui::layout::Layout::horizontal([
            ratatui::layout::Constraint::Percentage(60),
            ratatui::layout::Constraint::Percentage(40),
        ])
        .areas(area);
        [Some(l), Some(r)]
    } else {
        [Some(area), None]
    }
}

/// How many rows `lines` take once wrapped to `width` (a line is never split mid-word, so a
/// long line may take a row more than its length divided by the width; counted generously).
fn rows(lines: &[Line], width: u16) -> usize {
    let w = usize::from(width.max(1));
    lines
        .iter()
        .map(|l| {
            let n = l.width();
            if n <= w {
                1
            } else {
                n.div_ceil(w.saturating_sub(8).max(1))
            }
        })
        .sum()
}

/// The first row shown, kept within the content.
fn offset(state: &State, total: usize, visible: usize) -> usize {
    usize::from(state.summary_scroll).min(total.saturating_sub(visible))
}

/// Draws `lines` in `block`, scrolled to the room's position, with a scrollbar when they do
/// not fit.
fn scrolled(
    frame: &mut Frame,
    area: Option<Rect>,
    block: ratatui::widgets::Block,
    lines: Vec<Line>,
    state: &State,
) {
    let Some(area) = area else {
        return;
    };
    let inner = block.inner(area);
    let total = rows(&lines, inner.width);
    let visible = usize::from(inner.height);
    let first = offset(state, total, visible);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((first as u16, 0))
            .block(block),
        area,
    );
    if total > visible {
        let mut bar =
            ratatui::widgets::ScrollbarState::new(total.saturating_sub(visible)).position(first);
        frame.render_stateful_widget(
            ratatui::widgets::Scrollbar::new(ratatui::widgets::ScrollbarOrientation::VerticalRight)
                .style(state.theme.dim()),
            area.inner(ratatui::layout::Margin {
                vertical: 1,
                horizontal: 0,
            }),
            &mut bar,
        );
    }
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
            if let Some((label_text, year)) = super::business_case::expected_return(state) {
                let d = crate::i18n::decision(lang);
                let c = crate::i18n::case_strings(lang);
                let y = year.map_or(format!("⚠ {}", c.not_within), |y| {
                    format!("{} {y}", crate::i18n::tui_bc(lang).year_word)
                });
                lines.push(Line::from(vec![
                    Span::styled(format!("{}: ", d.return_year), th.text()),
                    Span::styled(format!("{y} ({label_text})"), th.text()),
                ]));
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

/// The projector view: the decision in big, calm lines — whose result, the recommendation and
/// its score, the runner-up and the gap, a close call, the SMAA first-rank share in words, the
/// expected return year of the business case, and what moves where — centred, with room
/// between the lines when the screen has it.
fn projector(frame: &mut Frame, area: Rect, state: &State) {
    let d = crate::i18n::decision(state.lang);
    let t = crate::i18n::tui(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let block = panel(d.projector_title, th, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let big = th.heading();
    let label = th.dim();
    let mut blocks: Vec<Vec<Line>> = vec![];
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
    match state.evaluation() {
        Err(_) => blocks.push(vec![Line::from(Span::styled(t.all_weights_zero, th.bad()))]),
        Ok(e) => {
            if let Some(first) = e.ranking.first() {
                blocks.push(vec![
                    Line::from(Span::styled(d.recommendation.to_uppercase(), label)),
                    Line::from(Span::styled(name(first.key), big)),
                    Line::from(Span::styled(
                        format!("{} / 10{}", num(lang, first.total, 2), shared(first, lang)),
                        th.text(),
                    )),
                ]);
                if let Some(second) = e.ranking.get(1) {
                    let gap = first.total - second.total;
                    let mut b = vec![
                        Line::from(Span::styled(d.runner_up.to_uppercase(), label)),
                        Line::from(Span::styled(name(second.key), th.text())),
                        Line::from(Span::styled(
                            crate::i18n::fill(d.gap, &[("gap", &num(lang, gap, 2))]),
                            th.text(),
                        )),
                    ];
                    if gap < crate::core::mcda::sensitivity::CLOSE_CALL_GAP {
                        let limit = num(lang, crate::core::mcda::sensitivity::CLOSE_CALL_GAP, 2);
                        b.push(Line::from(Span::styled(
                            format!("⚠ {}", crate::i18n::fill(d.close_call, &[("gap", &limit)])),
                            th.bad(),
                        )));
                    }
                    blocks.push(b);
                }
                if let Some(w) = state.ahp_warning() {
                    blocks.push(vec![Line::from(Span::styled(format!("⚠ {w}"), th.bad()))]);
                }
                blocks.push(vec![Line::from(Span::styled(
                    first_share(state, first.key).map_or(d.first_share_pending.to_string(), |s| {
                        crate::i18n::fill(d.first_share, &[("share", &pct(lang, s, 0))])
                    }),
                    th.text(),
                ))]);
            }
            let bc = match super::business_case::expected_return(state) {
                Some((label_text, year)) => {
                    let c = crate::i18n::case_strings(lang);
                    let y = year.map_or(format!("⚠ {}", c.not_within), |y| {
                        format!("{} {y}", crate::i18n::tui_bc(lang).year_word)
                    });
                    format!("{}: {y} ({label_text})", d.return_year)
                }
                None => d.no_business_case.to_string(),
            };
            blocks.push(vec![Line::from(Span::styled(bc, th.text()))]);
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
        }
    }
    // Room between the blocks when the screen has it; centred in a column of calm width.
    let body: usize = blocks.iter().map(Vec::len).sum();
    let spare = (inner.height as usize).saturating_sub(body);
    let gap = (spare / blocks.len().max(1)).min(2);
    let mut lines: Vec<Line> = vec![];
    for (i, b) in blocks.into_iter().enumerate() {
        if i > 0 {
            lines.extend(std::iter::repeat_n(Line::from(""), gap));
        }
        lines.extend(b);
    }
    let used = lines.len() as u16;
    let top = inner.height.saturating_sub(used) / 3;
    let w = inner.width.min(110);
    let r = Rect {
        x: inner.x + (inner.width - w) / 2,
        y: inner.y + top.min(inner.height),
        width: w,
        height: inner.height.saturating_sub(top),
    };
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(ratatui::layout::Alignment::Center)
            .wrap(Wrap { trim: true }),
        r,
    );
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
            None
        }
        Action::Up | Action::Down if !state.projector => {
            let (w, h) = state.size;
            let body = crate::tui::layout::areas(Rect::new(0, 0, w, h)).map(|a| a.body)?;
            let pane = panes(body)[0]?;
            let inner = panel("", &state.theme, true).inner(pane);
            let (mut lines, split) = content(state);
            if panes(body)[1].is_some() {
                lines.truncate(split);
            }
            let max = rows(&lines, inner.width).saturating_sub(usize::from(inner.height));
            let cur = usize::from(state.summary_scroll).min(max);
            let next = if action == Action::Up {
                cur.saturating_sub(1)
            } else {
                (cur + 1).min(max)
            };
            state.summary_scroll = next as u16;
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
