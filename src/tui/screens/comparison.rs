//! Screen 7, comparison: the ranking with a bar per criterion; Enter on a cell opens "why"
//! (the core's explanation and its sources with their status). Excluded candidates are listed
//! with the constraint that excluded them. `v` opens the sensitivity view (contributions, the
//! lead and close calls, stability intervals and the smallest flip, SMAA rank acceptabilities,
//! TOPSIS beside the weighted sum). For a starter group, `g` opens the group view (members'
//! weights, entered blind and revealed with `r`; aggregated weights, disputed criteria,
//! consensus, each member's top three beside the group ranking, the candidates admissible for
//! all).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Clear, Paragraph, Row, Table, Wrap};

use crate::core::analysis::{ProfileAnalysis, Robustness};
use crate::core::scoring::Evaluation;
use crate::tui::action::{Action, Effect};
use crate::tui::state::{Popup, State};
use crate::tui::widgets::mcda::{heat, letter, num, pct, stacked, thousands};
use crate::tui::widgets::text::CandidateLabels;
use crate::tui::widgets::{bar, panel, scroll};

/// Candidates' names in `n` cells, each keeping what tells it apart from the others it is
/// shown with (`among`).
fn labels<'a>(
    state: &'a State,
    among: &[crate::core::catalogue::CandidateKey],
    n: usize,
) -> CandidateLabels<'a> {
    CandidateLabels::new(&state.catalogue, among, state.lang, n)
}

struct Parts {
    table: Rect,
    excluded: Rect,
}

fn parts(area: Rect, state: &State, e: &Evaluation) -> Parts {
    // Lines the exclusions need once wrapped to the panel's inner width.
    let inner = area.width.saturating_sub(4).max(1) as usize;
    let lines: usize = e
        .excluded
        .iter()
        .map(|x| {
            1 + x
                .reasons
                .iter()
                .map(|r| (r.nl.chars().count().max(r.en.chars().count()) + 3).div_ceil(inner))
                .sum::<usize>()
        })
        .sum::<usize>()
        + notes(state, e)
            .iter()
            .map(|n| (n.nl.chars().count().max(n.en.chars().count()) + 2).div_ceil(inner))
            .sum::<usize>();
    let ex_h = (lines.max(1) as u16 + 2).min(area.height / 3).max(3);
    let [table, excluded] =
        Layout::vertical([Constraint::Min(4), Constraint::Length(ex_h)]).areas(area);
    Parts { table, excluded }
}

/// The notes on the ranking shown above the exclusions: the warnings about criteria the room
/// did not weigh, and the tie-break rule when places are shared.
fn notes(state: &State, e: &Evaluation) -> Vec<crate::core::text::Localized> {
    let mut out = e.blind_spot_texts(&state.catalogue);
    out.extend(state.ahp_warning_text());
    if e.has_ties() {
        out.push(crate::core::text::tie_break_note());
    }
    out
}

struct Cols {
    name: u16,
    cell: u16,
}

/// Column widths: cells of at least 9 (bar and score) when there is room, the candidate name
/// gets what is left up to its full length.
fn cols(state: &State, e: &Evaluation, width: u16) -> Cols {
    let n = e.criteria.len().max(1) as u16;
    let inner = width.saturating_sub(4);
    let longest = e
        .ranking
        .iter()
        .map(|r| {
            state
                .catalogue
                .candidate_name(r.key, state.lang)
                .chars()
                .count()
        })
        .max()
        .unwrap_or(20) as u16
        + 2;
    // # with the cursor's mark (4: "▶10=") + total (6) + one space between each of the
    // n + 3 columns.
    let fixed = 4 + 6 + n + 2;
    let cell = (inner.saturating_sub(fixed + longest.min(32)) / n).clamp(6, 14);
    let name = inner.saturating_sub(fixed + cell * n).clamp(12, longest);
    Cols { name, cell }
}

/// First visible ranking row, so that the cursor stays in view.
fn offset(cursor: usize, visible: usize) -> usize {
    cursor.saturating_sub(visible.saturating_sub(1))
}

fn visible_rows(table: Rect) -> usize {
    (table.height as usize).saturating_sub(4)
}

/// Draws the comparison screen.
pub fn render(frame: &mut Frame, area: Rect, state: &State) {
    if state.group_view && state.is_group() {
        return group(frame, area, state);
    }
    if state.sensitivity_view {
        return sensitivity(frame, area, state);
    }
    if state.weight_sets_view {
        return super::weight_sets::render(frame, area, state);
    }
    let t = crate::i18n::tui(state.lang);
    let s = crate::i18n::strings(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let e = match state.evaluation() {
        Ok(e) => e,
        Err(_) => {
            frame.render_widget(
                Paragraph::new(Span::styled(t.all_weights_zero, th.bad()))
                    .block(panel(s.ranking, th, true)),
                area,
            );
            return;
        }
    };
    let p = parts(area, state, e);
    let c = cols(state, e, area.width);
    let header = Row::new(
        [Cell::from("#"), Cell::from(s.candidate)]
            .into_iter()
            .chain(e.criteria.iter().map(|k| {
                let full = k.name();
                let label = if full.get(lang).chars().count() <= c.cell as usize {
                    full.get(lang).to_string()
                } else {
                    crate::report::label::criterion_short(*k, lang).to_string()
                };
                Cell::from(super::situation::fit(&label, c.cell as usize))
            }))
            .chain([Cell::from(s.total)]),
    )
    .style(th.heading())
    .bottom_margin(1);
    let vis = visible_rows(p.table);
    let off = offset(state.cursor.cmp_row, vis);
    let shown: Vec<_> = e.ranking.iter().map(|r| r.key).collect();
    let names = labels(state, &shown, c.name as usize);
    let rows = e
        .ranking
        .iter()
        .enumerate()
        .skip(off)
        .take(vis)
        .map(|(i, r)| {
            let sel_row = i == state.cursor.cmp_row;
            // The cursor's mark sits in the rank's column, so the name keeps every cell.
            let name = names.get(r.key);
            let mut cells = vec![
                Cell::from(format!(
                    "{}{:>3}",
                    if sel_row { "▶" } else { " " },
                    r.label()
                )),
                Cell::from(name),
            ];
            for (j, k) in e.criteria.iter().enumerate() {
                let score = r.score(*k).map(|x| x.score).unwrap_or(0.0);
                let text = if c.cell >= 9 {
                    format!(
                        "{}{:>4}",
                        bar(score, c.cell as usize - 5),
                        num(state.lang, score, 1)
                    )
                } else {
                    format!("{:>4}", num(state.lang, score, 1))
                };
                let st = if sel_row && j == state.cursor.cmp_col {
                    th.selected()
                } else if c.cell >= 9 {
                    th.bar()
                } else {
                    th.text()
                };
                cells.push(Cell::from(Span::styled(text, st)));
            }
            cells.push(Cell::from(Span::styled(
                format!("{:>5}", num(state.lang, r.total, 2)),
                if r.rank == 1 { th.heading() } else { th.text() },
            )));
            Row::new(cells)
        });
    let widths: Vec<Constraint> = [Constraint::Length(4), Constraint::Length(c.name)]
        .into_iter()
        .chain(e.criteria.iter().map(|_| Constraint::Length(c.cell)))
        .chain([Constraint::Length(6)])
        .collect();
    let title = format!("{} — Enter: {}", s.ranking, t.why);
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .column_spacing(1)
            .block(panel(&title, th, true)),
        p.table,
    );
    // More ranks than rows: a scrollbar beside the ranks (the cursor keeps its row in view).
    let ranks = Rect {
        y: p.table.y + 3,
        height: p.table.height.saturating_sub(4),
        ..p.table
    };
    scroll::bar(
        frame,
        ranks,
        e.ranking.len().saturating_sub(vis),
        off,
        vis,
        th,
    );

    // The notes above the exclusions (`notes`, which `parts` sized the panel for); when they
    // do not fit they scroll, after the last rank (see `scroll_keys`).
    let (title, ex) = notes_pane(state, e);
    scroll::render(
        frame,
        p.excluded,
        panel(title, th, false),
        &ex,
        scrolled(state),
        th,
    );
}

/// The pane below the ranking: its title and lines (the notes, then the excluded candidates
/// with the constraints that excluded them and their sources).
fn notes_pane(state: &State, e: &Evaluation) -> (&'static str, Vec<Line<'static>>) {
    let s = crate::i18n::strings(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let mut ex: Vec<Line<'static>> = notes(state, e)
        .iter()
        .map(|n| {
            if *n == crate::core::text::tie_break_note() {
                Line::from(Span::styled(n.get(lang).to_string(), th.dim()))
            } else {
                Line::from(Span::styled(format!("⚠ {}", n.get(lang)), th.bad()))
            }
        })
        .collect();
    let title = if ex.is_empty() {
        s.excluded
    } else {
        s.notes_and_excluded
    };
    if e.excluded.is_empty() {
        ex.push(Line::from(s.nothing_excluded));
    }
    for x in &e.excluded {
        ex.push(Line::from(vec![
            Span::styled("✗ ", th.bad()),
            Span::styled(state.catalogue.candidate_name(x.key, lang), th.text()),
        ]));
        for r in &x.reasons {
            ex.push(Line::from(Span::styled(
                format!("   {}", r.get(lang)),
                th.dim(),
            )));
        }
        ex.extend(super::source_lines(state, &x.sources));
    }
    (title, ex)
}

/// Panes of the sensitivity view: make-up, stability, SMAA, TOPSIS.
pub const PANES: usize = 4;

/// The sensitivity view: what makes each total, how far each weight may move before the leader
/// changes, how often each candidate takes each rank over 10,000 seeded weightings, and TOPSIS
/// beside the weighted sum. Everything comes from the cached analysis (`State::analyses`).
fn sensitivity(frame: &mut Frame, area: Rect, state: &State) {
    let x = crate::i18n::mcda(state.lang);
    let th = &state.theme;
    let title = format!("{} — {}", x.sens_title, x.sens_keys);
    let block = panel(&title, th, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let analysis = state.analyses.sensitivity.as_ref().map(|c| &c.value);
    let (a, r) = match analysis {
        Some(Ok(a)) => match &a.robustness {
            Some(r) => (a, r),
            None => {
                frame.render_widget(Paragraph::new(x.no_candidates), inner);
                return;
            }
        },
        Some(Err(e)) => {
            frame.render_widget(
                Paragraph::new(format!("{}: {e}", x.analysis_failed)).wrap(Wrap { trim: true }),
                inner,
            );
            return;
        }
        None => return,
    };
    if let Some(quads) = quadrants(inner) {
        // The pane in focus scrolls (PgUp/PgDn/Home/End); the others show their start.
        for (k, r2) in quads.into_iter().enumerate() {
            let focus = k == state.sensitivity_pane;
            let p = panel(x.panes[k], th, focus);
            let body = p.inner(r2);
            let offset = if focus { scrolled(state) } else { 0 };
            scroll::render(frame, r2, p, &pane(state, a, r, k, body.width), offset, th);
        }
        return;
    }
    let mut tabs = vec![];
    for (k, name) in x.panes.iter().enumerate() {
        let label = format!(" {name} ");
        tabs.push(if k == state.sensitivity_pane {
            Span::styled(label, th.tab_active())
        } else {
            Span::styled(label, th.tab())
        });
        tabs.push(Span::raw(" "));
    }
    let (head, body) = tab_body(inner);
    frame.render_widget(Line::from(tabs), head);
    scroll::render_plain(
        frame,
        body,
        &pane(state, a, r, state.sensitivity_pane, text_width(body)),
        scrolled(state),
        th,
    );
}

/// How far the Comparison screen's long pane is scrolled (sensitivity, group view).
fn scrolled(state: &State) -> usize {
    state.cursor.scroll[crate::tui::Screen::Comparison.index()]
}

/// The text width of a bare pane drawn with `scroll::render_plain` (its last column is the
/// scrollbar's).
fn text_width(body: Rect) -> u16 {
    body.width.saturating_sub(1)
}

/// Where the sensitivity view draws its pane in focus, and that pane's lines, as `render`
/// draws them: what the scroll keys move.
fn sensitivity_pane(state: &State, area: Rect) -> Option<(Rect, Vec<Line<'static>>, bool)> {
    let x = crate::i18n::mcda(state.lang);
    let block = panel(x.sens_title, &state.theme, true);
    let inner = block.inner(area);
    let Some(Ok(a)) = state.analyses.sensitivity.as_ref().map(|c| &c.value) else {
        return None;
    };
    let r = a.robustness.as_ref()?;
    let k = state.sensitivity_pane;
    if let Some(quads) = quadrants(inner) {
        let r2 = quads[k.min(PANES - 1)];
        let body = panel("", &state.theme, true).inner(r2);
        return Some((r2, pane(state, a, r, k, body.width), true));
    }
    let (_, body) = tab_body(inner);
    Some((body, pane(state, a, r, k, text_width(body)), false))
}

/// A large screen shows the four panes at once, in quarters (make-up, stability; SMAA,
/// TOPSIS); a smaller one shows `None` and one pane under tabs.
fn quadrants(inner: Rect) -> Option<[Rect; PANES]> {
    if inner.width < 150 || inner.height < 40 {
        return None;
    }
    let half = || [Constraint::Percentage(50), Constraint::Percentage(50)];
    let [top, bottom] = Layout::vertical(half()).areas(inner);
    let [tl, tr] = Layout::horizontal(half()).areas(top);
    let [bl, br] = Layout::horizontal(half()).areas(bottom);
    Some([tl, tr, bl, br])
}

/// The tabs' row and, a blank row below, the pane in focus.
fn tab_body(inner: Rect) -> (Rect, Rect) {
    let [head, _, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    (head, body)
}

fn pane(
    state: &State,
    a: &ProfileAnalysis,
    r: &Robustness,
    k: usize,
    width: u16,
) -> Vec<Line<'static>> {
    match k {
        0 => make_up(state, a, r, width),
        1 => stability(state, a, r, width),
        2 => smaa_table(state, a, r, width),
        _ => topsis_table(state, a, r, width),
    }
}

fn name_width(state: &State, a: &ProfileAnalysis, width: u16, rest: usize) -> usize {
    let longest = a
        .candidates
        .iter()
        .map(|&k| {
            state
                .catalogue
                .candidate_name(k, state.lang)
                .chars()
                .count()
        })
        .max()
        .unwrap_or(10);
    longest.min((width as usize).saturating_sub(rest)).max(8)
}

fn make_up(state: &State, a: &ProfileAnalysis, r: &Robustness, width: u16) -> Vec<Line<'static>> {
    let x = crate::i18n::mcda(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let e = &r.explanation;
    let mut lines = vec![Line::from(Span::styled(x.contributions_intro, th.dim()))];
    let legend: Vec<String> = a
        .criteria
        .iter()
        .map(|&c| format!("{} {}", letter(&x.letters, c), c.name().get(lang)))
        .collect();
    lines.push(Line::from(Span::styled(legend.join(" · "), th.dim())));
    let gap = e.gap.unwrap_or(0.0);
    let mut gap_spans = vec![Span::styled(
        format!("{} {} {}  ", x.gap, num(lang, gap, 2), x.points),
        th.heading(),
    )];
    gap_spans.push(if e.close_call {
        Span::styled(format!("⚠ {}", x.close_call), th.bad())
    } else {
        Span::styled(format!("✓ {}", x.clear_lead), th.good())
    });
    lines.push(Line::from(gap_spans));
    lines.push(Line::from(""));
    let name_w = name_width(state, a, width, 4 + 1 + 20 + 6);
    let bar_w = (width as usize)
        .saturating_sub(4 + name_w + 1 + 6)
        .clamp(10, 60);
    let mut rows: Vec<_> = e.candidates.iter().collect();
    rows.sort_by_key(|c| (c.rank, c.candidate));
    let names = labels(state, &a.candidates, name_w);
    for c in rows {
        let name = names.get(a.candidate(c.candidate));
        let parts: Vec<(char, f64)> = a
            .criteria
            .iter()
            .zip(&c.contributions)
            .map(|(&k, &v)| (letter(&x.letters, k), v))
            .collect();
        let lead = c.candidate == e.leader;
        let st = if lead { th.heading() } else { th.text() };
        let mut spans = vec![Span::styled(format!("{:>2}. {name:<name_w$} ", c.rank), st)];
        spans.extend(stacked(&parts, bar_w, th));
        spans.push(Span::styled(format!(" {:>5}", num(lang, c.total, 2)), st));
        lines.push(Line::from(spans));
    }
    lines
}

fn stability(state: &State, a: &ProfileAnalysis, r: &Robustness, width: u16) -> Vec<Line<'static>> {
    let x = crate::i18n::mcda(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let ow = &r.one_way;
    let leader = state.catalogue.candidate_name(a.candidate(ow.leader), lang);
    let mut lines = vec![
        Line::from(Span::styled(
            format!("{} {leader} {}", x.stability_a, x.stability_b),
            th.dim(),
        )),
        Line::from(""),
    ];
    let crit_w = 14usize;
    let who_w = ((width as usize).saturating_sub(crit_w + 6 + 14 + 3) / 2).max(8);
    lines.push(Line::from(Span::styled(
        format!(
            "{:<crit_w$} {:>5} {:^13} {:<who_w$} {:<who_w$}",
            x.criterion, x.col_now, x.col_range, x.col_below, x.col_above
        ),
        th.heading(),
    )));
    let names = labels(state, &a.candidates, who_w);
    let who = |k: Option<usize>| {
        k.map(|i| names.get(a.candidate(i)))
            .unwrap_or_else(|| super::situation::fit(&format!("— {}", x.nobody), who_w))
    };
    for c in &ow.criteria {
        let crit = a.criteria[c.criterion];
        let label = if crit.name().get(lang).chars().count() <= crit_w {
            crit.name().get(lang).to_string()
        } else {
            crate::report::label::criterion_short(crit, lang).to_string()
        };
        let range = format!("{}–{}", pct(lang, c.lower, 0), pct(lang, c.upper, 0));
        lines.push(Line::from(Span::styled(
            format!(
                "{label:<crit_w$} {:>5} {range:^13} {:<who_w$} {:<who_w$}",
                pct(lang, c.current_weight, 0),
                who(c.takeover_below),
                who(c.takeover_above),
            ),
            th.text(),
        )));
    }
    lines.push(Line::from(""));
    match &ow.smallest_flip {
        Some(f) => {
            let crit = a.criteria[f.criterion];
            let sign = if f.to_weight < f.from_weight {
                "−"
            } else {
                "+"
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{} ", x.smallest_flip), th.heading()),
                Span::styled(
                    format!(
                        "{} {} {} {} {} ({sign}{} pp) → {} {}",
                        crit.name().get(lang),
                        x.from,
                        pct(lang, f.from_weight, 1),
                        x.to,
                        pct(lang, f.to_weight, 1),
                        num(lang, f.change * 100.0, 1),
                        state
                            .catalogue
                            .candidate_name(a.candidate(f.new_leader), lang),
                        x.takes_lead
                    ),
                    th.text(),
                ),
            ]));
        }
        None => lines.push(Line::from(Span::styled(x.no_flip, th.good()))),
    }
    lines
}

fn smaa_table(
    state: &State,
    a: &ProfileAnalysis,
    r: &Robustness,
    width: u16,
) -> Vec<Line<'static>> {
    let x = crate::i18n::mcda(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let s = &r.smaa;
    let mut lines = vec![];
    if let Some(&(i, share)) = s.leaders().first() {
        lines.push(Line::from(Span::styled(
            format!(
                "{} {} {} {}",
                state.catalogue.candidate_name(a.candidate(i), lang),
                x.leads_in,
                pct(lang, share, 0),
                x.of_plausible
            ),
            th.heading(),
        )));
    }
    lines.push(Line::from(Span::styled(
        format!(
            "{} {} {} {}",
            x.smaa_intro,
            thousands(lang, s.samples),
            x.seed,
            s.seed
        ),
        th.dim(),
    )));
    lines.push(Line::from(""));
    let n = a.candidates.len();
    // Every rank's column first (tuib, issue 15 defect 9): the names give way, cut keeping
    // the part that tells them apart.
    // Four cells a rank: a share is at most "100%", and a row's shares add up to 100%, so a
    // cell of "100%" stands beside "  0%" and stays readable.
    // Names keep at least 22 cells (or their length) so that they stay readable on a narrow
    // pane, which then shows fewer ranks.
    let longest = name_width(state, a, u16::MAX, 0);
    let name_w = name_width(state, a, width, 4 + 4 * n).max(longest.min(22));
    let ranks = ((width as usize).saturating_sub(name_w + 4) / 4).clamp(1, n);
    let mut head = format!("{:<w$}", x.rank, w = name_w + 4);
    for k in 1..=ranks {
        head.push_str(&format!("{k:>4}"));
    }
    lines.push(Line::from(Span::styled(head, th.heading())));
    let names = labels(state, &a.candidates, name_w);
    for (i, row) in s.rank_acceptability.iter().enumerate() {
        let name = names.get(a.candidate(i));
        let mut spans = vec![Span::styled(
            format!("{:>2}. {name:<name_w$}", i + 1),
            th.text(),
        )];
        for &share in row.iter().take(ranks) {
            spans.push(Span::styled(
                format!("{:>4}", pct(lang, share, 0)),
                heat(share, th),
            ));
        }
        lines.push(Line::from(spans));
    }
    lines
}

fn topsis_table(
    state: &State,
    a: &ProfileAnalysis,
    r: &Robustness,
    width: u16,
) -> Vec<Line<'static>> {
    let x = crate::i18n::mcda(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let m = &r.methods;
    let mut lines = vec![Line::from(Span::styled(x.topsis_intro, th.dim()))];
    if m.agree() {
        lines.push(Line::from(Span::styled(
            format!("✓ {}", x.methods_agree),
            th.good(),
        )));
    } else {
        lines.push(Line::from(Span::styled(
            format!(
                "⚠ {} {}/{} {} {}",
                x.methods_disagree,
                m.disagreements.len(),
                a.candidates.len(),
                x.differently,
                if m.same_winner {
                    x.same_winner
                } else {
                    x.other_winner
                }
            ),
            th.bad(),
        )));
    }
    lines.push(Line::from(""));
    let name_w = name_width(state, a, width, 4 + 30);
    lines.push(Line::from(Span::styled(
        format!(
            "{:<w$} {:>8} {:>7} {:>9}",
            "",
            x.ws_rank,
            x.topsis_rank,
            x.closeness,
            w = name_w + 4
        ),
        th.heading(),
    )));
    let names = labels(state, &a.candidates, name_w);
    for i in 0..a.candidates.len() {
        let name = names.get(a.candidate(i));
        let differs = m.disagreements.contains(&i);
        lines.push(Line::from(Span::styled(
            format!(
                "{:>2}. {:<name_w$} {:>8} {:>7} {:>9}{}",
                i + 1,
                name,
                m.weighted_sum_ranks[i],
                m.topsis_ranks[i],
                num(lang, m.topsis_closeness[i], 3),
                if differs { "  ≠" } else { "" }
            ),
            if differs { th.bad() } else { th.text() },
        )));
    }
    lines
}

/// Consensus in words from Kendall's W: high from 0.7, moderate from 0.4, low below.
fn consensus_word(w: f64) -> usize {
    if w >= 0.7 {
        0
    } else if w >= 0.4 {
        1
    } else {
        2
    }
}

/// The group view: the members' weights side by side (the others' hidden until `r` reveals
/// them: entered blind), the aggregated weights with the disputed criteria flagged, the
/// consensus, the group ranking beside each member's own top three, and the candidates
/// admissible for every member. Everything comes from `core::group::evaluate_group`.
fn group(frame: &mut Frame, area: Rect, state: &State) {
    let x = crate::i18n::mcda(state.lang);
    let th = &state.theme;
    let title = format!("{} — g", x.group_title);
    let block = panel(&title, th, true);
    let lines = group_lines(state, block.inner(area).width as usize);
    scroll::render(frame, area, block, &lines, scrolled(state), th);
}

/// The group view's lines at a text width of `width` cells.
fn group_lines(state: &State, width: usize) -> Vec<Line<'static>> {
    let x = crate::i18n::mcda(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let g = match state.analyses.group.as_ref().map(|c| &c.value) {
        Some(Ok(g)) => g,
        Some(Err(e)) => return vec![Line::from(format!("{}: {e}", x.analysis_failed))],
        None => return vec![],
    };
    let r = crate::i18n::room(lang);
    // The blind round: until `r`, no member's weights, spread, consensus or own winner.
    let open = state.reveal;
    let n = if open { g.members.len() } else { 0 };
    let crit_w = if width >= 120 { 22 } else { 8 };
    let col_w = ((width.saturating_sub(crit_w + 8 + 8 + 16)) / n.max(1)).clamp(6, 16);
    let mut lines = vec![];
    let mut head = format!("{:<crit_w$}", x.criterion);
    for m in g.members.iter().take(n) {
        let name = super::situation::fit(&m.name, col_w - 1);
        head.push_str(&format!("{name:>col_w$}"));
    }
    head.push_str(&format!(" {:>7}", r.col_plenary));
    if open {
        head.push_str(&format!(" {:>7} {:>8}", r.col_mean, x.col_spread));
    }
    lines.push(Line::from(Span::styled(head, th.heading())));
    for (k, &c) in g.criteria.iter().enumerate() {
        let label = if crit_w >= 22 {
            c.name().get(lang).to_string()
        } else {
            crate::report::label::criterion_short(c, lang).to_string()
        };
        let mut spans = vec![Span::styled(
            format!("{:<crit_w$}", super::situation::fit(&label, crit_w)),
            th.text(),
        )];
        for m in g.members.iter().take(n) {
            spans.push(Span::styled(
                format!("{:>col_w$}", pct(lang, m.weights[k], 0)),
                th.text(),
            ));
        }
        spans.push(Span::styled(
            format!(" {:>7}", pct(lang, g.weights.weights[k], 0)),
            th.heading(),
        ));
        if open {
            let spread = &g.analysis.spreads[k];
            spans.push(Span::styled(
                format!(
                    " {:>7}",
                    pct(lang, g.member_mean.get(k).copied().unwrap_or(0.0), 0)
                ),
                th.text(),
            ));
            spans.push(Span::styled(
                format!(" {:>5} pp", num(lang, spread.range * 100.0, 0)),
                th.text(),
            ));
            if spread.disputed {
                let flag = if width >= 120 { x.disputed } else { "⚑" };
                spans.push(Span::styled(format!(" {flag}"), th.bad()));
            }
        }
        lines.push(Line::from(spans));
    }
    if !open {
        let (k, total) = state.entered_count();
        lines.push(Line::from(Span::styled(
            format!(
                "{} {}",
                r.blind_group,
                crate::i18n::fill(
                    r.blind_count,
                    &[("k", &k.to_string()), ("n", &total.to_string())]
                )
            ),
            th.dim(),
        )));
    } else {
        lines.push(Line::from(Span::styled(
            format!("{} · {} · {}", x.hide_hint, r.adopt_hint, x.disputed_note),
            th.dim(),
        )));
        let cons = &g.analysis.consensus;
        // The agreement in plain words; the weight agreement only where it fits on the line
        // (at 80 columns the weights table above shows the disputed criteria instead).
        let a = crate::i18n::agreement(lang);
        let mut agreement = a
            .line
            .replace("{word}", x.consensus_words[consensus_word(cons.kendall_w)])
            .replace("{w}", &num(lang, cons.kendall_w, 2));
        let weights = a
            .weights
            .replace("{agree}", &num(lang, cons.weight_agreement, 2));
        if agreement.chars().count() + weights.chars().count() <= width {
            agreement.push_str(&weights);
        }
        lines.push(Line::from(Span::styled(agreement, th.text())));
    }
    let name = |k: crate::core::catalogue::CandidateKey| state.catalogue.candidate_name(k, lang);
    if width < 120 || !open {
        // Narrow, or blind: the group's top three in full, then (after the reveal) each
        // member's own first choice.
        for (pos, rk) in g.ranking.iter().take(3).enumerate() {
            let label = if pos == 0 { x.group_ranking } else { "" };
            let w = x.group_ranking.chars().count();
            lines.push(Line::from(vec![
                Span::styled(format!("{label:<w$} "), th.heading()),
                Span::styled(format!("{}. {}", pos + 1, name(rk.key)), th.text()),
            ]));
        }
        let group_first = g.ranking.first().map(|rk| rk.key);
        for m in g.members.iter().take(n) {
            let first = m.top(1).first().copied();
            let same = first.is_some() && first == group_first;
            lines.push(Line::from(vec![
                Span::styled(
                    format!("{} {}: ", if same { "=" } else { "≠" }, m.name),
                    if same { th.good() } else { th.heading() },
                ),
                Span::styled(
                    format!("1. {}", first.map(name).unwrap_or_else(|| "—".to_string())),
                    th.text(),
                ),
            ]));
        }
    } else {
        lines.push(Line::from(""));
        group_columns(&mut lines, state, g, width);
        lines.push(Line::from(""));
    }
    admissible_line(&mut lines, state, g);
    lines
}

/// The group ranking beside each member's own top three (wide screens).
fn group_columns(
    lines: &mut Vec<Line<'static>>,
    state: &State,
    g: &crate::core::group::GroupEvaluation,
    width: usize,
) {
    let x = crate::i18n::mcda(state.lang);
    let th = &state.theme;
    let n = g.members.len();
    let cols = n + 1;
    let rank_w = (width.saturating_sub(3) / cols).max(8);
    let mut head = format!(
        "   {:<rank_w$}",
        super::situation::fit(x.group_ranking, rank_w - 1)
    );
    for m in &g.members {
        head.push_str(&format!(
            "{:<rank_w$}",
            super::situation::fit(&format!("{} ({})", m.name, x.own_top), rank_w - 1)
        ));
    }
    lines.push(Line::from(Span::styled(head, th.heading())));
    // One form for the group's column and the members' (whose names follow "= ").
    let names = labels(state, &g.candidates, rank_w.saturating_sub(3));
    let name = |k: Option<crate::core::catalogue::CandidateKey>| {
        k.map(|k| names.get(k)).unwrap_or_else(|| "—".into())
    };
    for pos in 0..3 {
        let group_key = g.ranking.get(pos).map(|r| r.key);
        let mut spans = vec![Span::styled(
            format!("{}. {:<rank_w$}", pos + 1, name(group_key)),
            th.heading(),
        )];
        for m in &g.members {
            let k = m.top(3).get(pos).copied();
            let same = k.is_some() && k == group_key;
            spans.push(Span::styled(
                format!(
                    "{:<rank_w$}",
                    format!("{}{}", if same { "= " } else { "≠ " }, name(k))
                ),
                if same { th.good() } else { th.text() },
            ));
        }
        lines.push(Line::from(spans));
    }
}

/// The candidates admissible for every member.
fn admissible_line(
    lines: &mut Vec<Line<'static>>,
    state: &State,
    g: &crate::core::group::GroupEvaluation,
) {
    let x = crate::i18n::mcda(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let admissible: Vec<String> = g
        .analysis
        .admissible_for_all
        .iter()
        .map(|&i| state.catalogue.candidate_name(g.candidates[i], lang))
        .collect();
    lines.push(Line::from(vec![
        Span::styled(format!("{} ", x.admissible_all), th.heading()),
        Span::styled(
            if admissible.is_empty() {
                x.none.to_string()
            } else {
                admissible.join("; ")
            },
            th.text(),
        ),
    ]));
}

/// The "why" popup for the cell under the cursor.
pub fn why(frame: &mut Frame, area: Rect, state: &State) {
    let t = crate::i18n::tui(state.lang);
    let s = crate::i18n::strings(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let Ok(e) = state.evaluation() else { return };
    let Some(r) = e.ranking.get(state.cursor.cmp_row) else {
        return;
    };
    let Some(k) = e.criteria.get(state.cursor.cmp_col) else {
        return;
    };
    let Some(cs) = r.score(*k) else { return };
    let w = (area.width * 4 / 5).max(40);
    let h = (area.height * 4 / 5).max(10);
    let rect = super::centered(area, w, h);
    frame.render_widget(Clear, rect);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{}: ", k.name().get(lang)), th.heading()),
            Span::styled(
                format!(
                    "{} / 10   {} {}",
                    num(lang, cs.score, 1),
                    s.weight.to_lowercase(),
                    pct(lang, cs.weight, 0)
                ),
                th.text(),
            ),
        ]),
        Line::from(""),
    ];
    for part in split_sentences(cs.explanation.get(lang)) {
        lines.push(Line::from(Span::styled(part, th.text())));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(s.numbers, th.heading())));
    for n in cs.numbers.iter() {
        let style = if n.provenance.is_assumption() {
            th.assumption()
        } else {
            th.good()
        };
        lines.push(Line::from(vec![
            Span::styled("  • ", th.dim()),
            Span::styled(
                format!("{}: {} — ", n.label.get(lang), n.value.get(lang)),
                th.text(),
            ),
            Span::styled(
                crate::report::cite::provenance_short(&state.catalogue, &n.provenance, lang),
                style,
            ),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(s.sources, th.heading())));
    lines.extend(super::source_lines(state, &cs.sources));
    let title = format!(
        "{} — {}",
        t.why,
        state.catalogue.candidate_name(r.key, lang)
    );
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(super::popup_block(&title, state)),
        rect,
    );
}

/// Breaks an explanation after each sentence so that it reads as steps.
fn split_sentences(text: &str) -> Vec<String> {
    let mut out = vec![];
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        cur.push(c);
        let next_upper = chars.get(i + 2).is_some_and(|n| n.is_uppercase());
        if c == '.' && chars.get(i + 1) == Some(&' ') && next_upper {
            out.push(cur.trim().to_string());
            cur.clear();
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// The municipalities' mean (as the group view shows it) becomes the group's plenary weights,
/// recorded as such; refused with a message before the reveal (it would show the mean of
/// weights the room has not seen).
fn adopt_mean(state: &mut State) {
    if !state.reveal {
        state.status = Some(crate::tui::state::Status::new(true, |l| {
            crate::i18n::room(l).adopt_blind.into()
        }));
        return;
    }
    let Some(Ok(g)) = state.analyses.group.as_ref().map(|c| &c.value) else {
        return;
    };
    let mut w = crate::core::profile::Weights::from_pairs(&[]);
    w.0.clear();
    for (&c, v) in g.criteria.iter().zip(&g.member_mean) {
        w.set(c, v * super::weights::MAX);
    }
    let criteria = g.criteria.clone();
    let members = g.members.len();
    let Some(slot) = state.group_slot() else {
        return;
    };
    state.profile.weights = w;
    if let Some(rec) = state.weight_records.get_mut(slot) {
        *rec = Some(crate::io::store::WeightRecord {
            member: slot,
            criteria,
            how: crate::core::mcda::elicitation::WeightMethod::GroupMean { members },
        });
    }
    if let Some(e) = state.elicit.get_mut(slot) {
        *e = crate::tui::mcda::Elicitation::from_weights(&state.profile.weights);
    }
    state.recompute_member(slot);
    state.status = Some(crate::tui::state::Status::new(false, |l| {
        crate::i18n::room(l).adopted.into()
    }));
}

/// Moving over cells, opening "why".
pub fn handle(state: &mut State, action: Action) -> Option<Effect> {
    match action {
        Action::AdoptMean if state.group_view && state.is_group() => {
            adopt_mean(state);
            return None;
        }
        Action::Scroll(key) => {
            scroll_keys(state, key);
            return None;
        }
        Action::ToggleSensitivity => {
            state.cursor.scroll[crate::tui::Screen::Comparison.index()] = 0;
            state.sensitivity_view = !state.sensitivity_view;
            state.group_view = false;
            state.weight_sets_view = false;
            return None;
        }
        Action::ToggleWeightSets => {
            state.cursor.scroll[crate::tui::Screen::Comparison.index()] = 0;
            state.weight_sets_view = !state.weight_sets_view;
            state.group_view = false;
            state.sensitivity_view = false;
            return None;
        }
        Action::Left if state.sensitivity_view && !state.group_view => {
            state.sensitivity_pane = (state.sensitivity_pane + PANES - 1) % PANES;
            state.cursor.scroll[crate::tui::Screen::Comparison.index()] = 0;
            return None;
        }
        Action::Right if state.sensitivity_view && !state.group_view => {
            state.sensitivity_pane = (state.sensitivity_pane + 1) % PANES;
            state.cursor.scroll[crate::tui::Screen::Comparison.index()] = 0;
            return None;
        }
        _ => {}
    }
    let (rows, cols) = match state.evaluation() {
        Ok(e) => (e.ranking.len(), e.criteria.len()),
        Err(_) => (0, 0),
    };
    match action {
        Action::Up | Action::Down | Action::Pick(_) => {
            super::move_cursor(&mut state.cursor.cmp_row, rows, &action);
        }
        Action::Left => state.cursor.cmp_col = state.cursor.cmp_col.saturating_sub(1),
        Action::Right => {
            state.cursor.cmp_col = (state.cursor.cmp_col + 1).min(cols.saturating_sub(1))
        }
        Action::PickCell { row, col } if row < rows && col < cols => {
            state.cursor.cmp_row = row;
            state.cursor.cmp_col = col;
        }
        Action::Select if rows > 0 && cols > 0 && !state.group_view && !state.sensitivity_view => {
            state.cursor.cmp_row = state.cursor.cmp_row.min(rows - 1);
            state.cursor.cmp_col = state.cursor.cmp_col.min(cols - 1);
            state.popup = Some(Popup::Why);
        }
        _ => {}
    }
    None
}

/// PgUp/PgDn/Home/End: in the group view and the sensitivity view they scroll the pane (with
/// the lines and area `render` uses); on the ranking they move the cursor a page, or to the
/// first or last rank, and the table follows it; the named weight sets scroll their tables.
fn scroll_keys(state: &mut State, key: scroll::Scroll) {
    let i = crate::tui::Screen::Comparison.index();
    let Some(area) = crate::tui::layout::body_of(state) else {
        return;
    };
    if state.group_view && state.is_group() {
        let inner = panel("", &state.theme, true).inner(area);
        let lines = group_lines(state, inner.width as usize);
        state.cursor.scroll[i] = scroll::moved(state.cursor.scroll[i], key, &lines, area);
    } else if state.sensitivity_view {
        if let Some((pane_area, lines, bordered)) = sensitivity_pane(state, area) {
            let cur = state.cursor.scroll[i];
            state.cursor.scroll[i] = if bordered {
                scroll::moved(cur, key, &lines, pane_area)
            } else {
                scroll::moved_plain(cur, key, &lines, pane_area)
            };
        }
    } else if state.weight_sets_view {
        state.cursor.scroll[i] = super::weight_sets::scrolled(state, key, area);
    } else {
        ranking_keys(state, key, area);
    }
}

/// The ranking and the notes below it read as one page: PgDn/End move the cursor down the
/// ranks, and once it is on the last rank they scroll the notes; PgUp scrolls the notes back
/// first, then moves the cursor up; Home goes back to the first rank and the notes' start.
fn ranking_keys(state: &mut State, key: scroll::Scroll, area: Rect) {
    use scroll::Scroll as K;
    let i = crate::tui::Screen::Comparison.index();
    let Ok(e) = state.evaluation() else {
        return;
    };
    let last = e.ranking.len().saturating_sub(1);
    let p = parts(area, state, e);
    let vis = visible_rows(p.table).max(1);
    let (_, notes) = notes_pane(state, e);
    let (row, offset) = (state.cursor.cmp_row, state.cursor.scroll[i]);
    let (row, offset) = match key {
        K::Home => (0, 0),
        K::PageDown | K::End | K::LineDown if row >= last => {
            (row, scroll::moved(offset, key, &notes, p.excluded))
        }
        K::PageUp | K::LineUp if offset > 0 => {
            (row, scroll::moved(offset, key, &notes, p.excluded))
        }
        _ => (scroll::step(row, key, last, vis), offset),
    };
    state.cursor.cmp_row = row;
    state.cursor.scroll[i] = offset;
}

/// A click on a cell selects it; a click on the selected cell opens "why".
pub fn hit(state: &State, area: Rect, column: u16, row: u16) -> Option<Action> {
    let e = state.evaluation().ok()?;
    if state.group_view || state.sensitivity_view || state.weight_sets_view {
        return None;
    }
    let p = parts(area, state, e);
    let first = p.table.y + 3;
    if row < first || row >= p.table.bottom().saturating_sub(1) || column < p.table.x {
        return None;
    }
    let vis = visible_rows(p.table);
    let i = offset(state.cursor.cmp_row, vis) + (row - first) as usize;
    if i >= e.ranking.len() {
        return None;
    }
    let c = cols(state, e, area.width);
    let x0 = p.table.x + 2 + 4 + 1 + c.name + 1;
    if column >= x0 {
        let j = ((column - x0) / (c.cell + 1)) as usize;
        if j < e.criteria.len() {
            if i == state.cursor.cmp_row && j == state.cursor.cmp_col {
                return Some(Action::Select);
            }
            return Some(Action::PickCell { row: i, col: j });
        }
    }
    Some(Action::Pick(i))
}
