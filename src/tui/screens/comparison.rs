//! Screen 7, comparison: the ranking with a bar per criterion; Enter on a cell opens "why"
//! (the core's explanation and its sources with their status). Excluded candidates are listed
//! with the constraint that excluded them. For a starter group, `g` shows each municipality's
//! top three side by side and where they differ.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Clear, Paragraph, Row, Table, Wrap};

use crate::core::criteria::Criterion;
use crate::core::scoring::Evaluation;
use crate::tui::action::{Action, Effect};
use crate::tui::state::{Popup, State};
use crate::tui::widgets::{bar, panel};

struct Parts {
    table: Rect,
    excluded: Rect,
}

fn parts(area: Rect, e: &Evaluation) -> Parts {
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
        .sum();
    let ex_h = (lines.max(1) as u16 + 2).min(area.height / 3).max(3);
    let [table, excluded] =
        Layout::vertical([Constraint::Min(4), Constraint::Length(ex_h)]).areas(area);
    Parts { table, excluded }
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
    // # (3) + total (6) + spacing between n + 3 columns.
    let fixed = 3 + 6 + n + 3;
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
    let p = parts(area, e);
    let c = cols(state, e, area.width);
    let header = Row::new(
        [Cell::from("#"), Cell::from(s.candidate)]
            .into_iter()
            .chain(e.criteria.iter().map(|k| {
                let full = k.name();
                let idx = Criterion::ALL.iter().position(|x| x == k).unwrap_or(0);
                let label = if full.get(lang).chars().count() <= c.cell as usize {
                    full.get(lang).to_string()
                } else {
                    t.criterion_short[idx].to_string()
                };
                Cell::from(super::situation::fit(&label, c.cell as usize))
            }))
            .chain([Cell::from(s.total)]),
    )
    .style(th.heading())
    .bottom_margin(1);
    let vis = visible_rows(p.table);
    let off = offset(state.cursor.cmp_row, vis);
    let rows = e
        .ranking
        .iter()
        .enumerate()
        .skip(off)
        .take(vis)
        .map(|(i, r)| {
            let sel_row = i == state.cursor.cmp_row;
            let name = state.catalogue.candidate_name(r.key, lang);
            let name = super::situation::fit(&name, c.name as usize - 2);
            let mut cells = vec![
                Cell::from(format!("{:>2}", r.rank)),
                Cell::from(format!("{}{name}", if sel_row { "▶ " } else { "  " })),
            ];
            for (j, k) in e.criteria.iter().enumerate() {
                let score = r.score(*k).map(|x| x.score).unwrap_or(0.0);
                let text = if c.cell >= 9 {
                    format!("{}{:>4.1}", bar(score, c.cell as usize - 5), score)
                } else {
                    format!("{score:>4.1}")
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
                format!("{:>5.2}", r.total),
                if r.rank == 1 { th.heading() } else { th.text() },
            )));
            Row::new(cells)
        });
    let widths: Vec<Constraint> = [Constraint::Length(3), Constraint::Length(c.name)]
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

    let mut ex = vec![];
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
                format!(
                    "   {}",
                    crate::tui::widgets::localize_cite(r.get(lang), lang)
                ),
                th.dim(),
            )));
        }
    }
    frame.render_widget(
        Paragraph::new(ex)
            .wrap(Wrap { trim: false })
            .block(panel(s.excluded, th, false)),
        p.excluded,
    );
}

fn group(frame: &mut Frame, area: Rect, state: &State) {
    let t = crate::i18n::tui(state.lang);
    let th = &state.theme;
    let members = state.profile.subject.members();
    let n = members.len().max(1);
    let block = panel(t.group_view, th, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [cols_area, _, diff_area] = Layout::vertical([
        Constraint::Length(8),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    let col_w = cols_area.width / n as u16;
    let tops: Vec<Vec<crate::core::catalogue::CandidateKey>> = state
        .evaluations
        .iter()
        .map(|e| {
            e.as_ref()
                .map(|e| e.ranking.iter().take(3).map(|r| r.key).collect())
                .unwrap_or_default()
        })
        .collect();
    for (i, m) in members.iter().enumerate() {
        let r = Rect::new(
            cols_area.x + i as u16 * col_w,
            cols_area.y,
            col_w.saturating_sub(2),
            cols_area.height,
        );
        let mut lines = vec![Line::from(Span::styled(
            m.name.clone(),
            if i == state.member {
                th.selected()
            } else {
                th.heading()
            },
        ))];
        for (j, k) in tops.get(i).into_iter().flatten().enumerate() {
            lines.push(Line::from(format!(
                "{}. {}",
                j + 1,
                state.catalogue.candidate_name(*k, state.lang)
            )));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), r);
    }
    let mut diff = vec![Line::from(Span::styled(t.top_three, th.heading()))];
    for pos in 0..3 {
        let at: Vec<_> = tops.iter().map(|v| v.get(pos)).collect();
        let same = at.windows(2).all(|w| w[0] == w[1]);
        let mut spans = vec![Span::raw(format!("{}. ", pos + 1))];
        if same {
            spans.push(Span::styled(format!("= {}", t.agrees), th.good()));
        } else {
            spans.push(Span::styled(format!("≠ {}: ", t.differs), th.bad()));
            let parts: Vec<String> = members
                .iter()
                .zip(&at)
                .map(|(m, k)| {
                    let name = k
                        .map(|k| state.catalogue.candidate_name(*k, state.lang))
                        .unwrap_or_else(|| "—".into());
                    format!("{} {name}", m.name)
                })
                .collect();
            spans.push(Span::styled(parts.join(" · "), th.text()));
        }
        diff.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(diff).wrap(Wrap { trim: true }), diff_area);
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
                    "{:.1} / 10   {} {:.0}%",
                    cs.score,
                    s.weight.to_lowercase(),
                    cs.weight * 100.0
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

/// Moving over cells, opening "why".
pub fn handle(state: &mut State, action: Action) -> Option<Effect> {
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
        Action::Select if rows > 0 && cols > 0 && !state.group_view => {
            state.cursor.cmp_row = state.cursor.cmp_row.min(rows - 1);
            state.cursor.cmp_col = state.cursor.cmp_col.min(cols - 1);
            state.popup = Some(Popup::Why);
        }
        _ => {}
    }
    None
}

/// A click on a cell selects it; a click on the selected cell opens "why".
pub fn hit(state: &State, area: Rect, column: u16, row: u16) -> Option<Action> {
    let e = state.evaluation().ok()?;
    if state.group_view {
        return None;
    }
    let p = parts(area, e);
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
    let x0 = p.table.x + 2 + 3 + 1 + c.name + 1;
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
