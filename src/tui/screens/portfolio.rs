//! The application portfolio screen (issue 16), opened from the landscape screen with `p`:
//! hundreds of applications in a scrolling list with a scrollbar, `/` to search, filters by
//! data class, placement, department and move year (`f` picks the filter, ←→ its value), sort by
//! any column (`o`, `O` reverses), and beside (or, when narrow, below) the list the selected
//! application's placement, reason and rules. The list is re-placed whenever the weights change
//! (`State::recompute`); drawing only reads.

use std::cmp::Ordering;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Paragraph, Row, Scrollbar, ScrollbarOrientation, ScrollbarState, Table, Wrap,
};

use crate::core::catalogue::{CandidateKey, Catalogue, DataClass, Deployment};
use crate::core::portfolio::components::fold;
use crate::core::portfolio::place::{PortfolioPlacement, place_classified};
use crate::core::portfolio::roadmap::{Roadmap, roadmap};
use crate::core::portfolio::{ComponentTable, Date};
use crate::core::profile::Profile;
use crate::core::scoring::Evaluation;
use crate::i18n::portfolio_strings;
use crate::io::portfolio::{Imported, PortfolioFile};
use crate::report::portfolio::PortfolioView;
use crate::tui::action::{Action, Effect};
use crate::tui::state::{InputPurpose, Popup, State, Status};
use crate::tui::widgets::{panel, row_style};

/// What the portfolio keys ask for.
#[derive(Debug, Clone, PartialEq)]
pub enum PortfolioKey {
    /// Open or close the portfolio (landscape screen).
    Toggle,
    /// Ask for a search text.
    Search,
    /// The next filter (class → placement → department → move year).
    NextFilter,
    /// Sort by the next column.
    Sort,
    /// Reverse the sort order.
    Reverse,
    /// Clear search and filters.
    Clear,
    /// The app read the portfolio (or could not), as of a date.
    Loaded(Result<Box<Imported>, String>, Date),
    /// Ask for the path of a portfolio file to import (Start and Situation screens).
    Import,
    /// The app imported a file: the portfolio and its fingerprint, or every problem in it.
    Imported(Result<Box<(Imported, PortfolioFile)>, Vec<String>>, Date),
    /// The app re-read the file the session imported (a resumed session), or could not.
    Reloaded(Result<Box<(Imported, PortfolioFile)>, String>, Date),
}

/// The problems of a failed import, all of them, in a scrollable pane; Enter or Esc goes back
/// to the path as it was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems {
    /// The path as typed (the dialog comes back with it).
    pub typed: String,
    /// One problem per line: `file:row:column: header: what is wrong (allowed: …)`.
    pub lines: Vec<String>,
    /// The first line shown.
    pub scroll: usize,
}

/// The filter `←→` changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FilterField {
    #[default]
    Class,
    Placement,
    Department,
    Year,
}

/// The column the list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortColumn {
    #[default]
    Package,
    Department,
    Class,
    Placement,
    Move,
    Cost,
}

/// When an application moves, as the year filter sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MoveWhen {
    Year(i32),
    Stays,
    Undated,
    NotPlaced,
}

/// The portfolio pane's state: the loaded portfolio, its placement and the list's UI.
#[derive(Debug, Clone, Default)]
pub struct Pane {
    pub open: bool,
    /// `None`: not read yet; `Some(Err)`: why it could not be read.
    pub loaded: Option<Result<Box<Imported>, String>>,
    pub as_of: Option<Date>,
    pub placement: Option<PortfolioPlacement>,
    pub roadmap: Option<Roadmap>,
    pub table: Option<ComponentTable>,
    /// The classification of every application (independent of the weights: done once).
    pub classified: Option<Vec<crate::core::portfolio::Classified>>,
    pub search: String,
    pub field: FilterField,
    pub class: Option<Option<DataClass>>,
    pub placed_on: Option<Option<CandidateKey>>,
    pub department: Option<String>,
    pub year: Option<MoveWhen>,
    pub sort: SortColumn,
    pub reverse: bool,
    pub cursor: usize,
    /// The landscape asked for the portfolio once (it is read or failed, or on its way).
    pub requested: bool,
    /// The file imported in the TUI, kept in the session (issue 16).
    pub imported: Option<PortfolioFile>,
    /// The import path as last typed (the dialog opens with it).
    pub typed: String,
    /// The profile file and portfolio name the pane was read for; another profile or
    /// portfolio empties the pane.
    pub loaded_for: Option<(Option<std::path::PathBuf>, Option<String>)>,
    /// The placement selected in the landscape's counts panel (index into `counts()`).
    pub pick: usize,
}

impl Pane {
    /// Places every application with `evaluation` (after loading and after every weight
    /// change); each distinct group is placed once, so this stays cheap for thousands.
    pub fn place(
        &mut self,
        catalogue: &Catalogue,
        profile: &Profile,
        evaluation: Option<&Evaluation>,
    ) {
        let (Some(Ok(imported)), Some(as_of)) = (&self.loaded, self.as_of) else {
            return;
        };
        let Some(ev) = evaluation else {
            self.placement = None;
            self.roadmap = None;
            return;
        };
        let apps = &imported.portfolio.applications;
        let classified = match &self.classified {
            Some(c) if c.len() == apps.len() => c,
            _ => {
                let table = self
                    .table
                    .get_or_insert_with(crate::io::portfolio::components::built_in);
                let c = apps
                    .iter()
                    .map(|a| crate::core::portfolio::classify(a, table))
                    .collect();
                self.classified.insert(c)
            }
        };
        let p = place_classified(catalogue, profile, ev, apps, classified);
        self.roadmap = Some(roadmap(apps, &p, as_of));
        self.placement = Some(p);
    }

    /// The view of the placed portfolio, when there is one.
    pub fn view<'a>(
        &'a self,
        catalogue: &'a Catalogue,
        lang: crate::core::text::Lang,
    ) -> Option<PortfolioView<'a>> {
        let (Some(Ok(imported)), Some(placement), Some(roadmap)) =
            (&self.loaded, &self.placement, &self.roadmap)
        else {
            return None;
        };
        Some(PortfolioView {
            catalogue,
            portfolio: &imported.portfolio,
            placement,
            roadmap,
            lang,
        })
    }
}

impl Pane {
    /// The pane of a resumed session: empty, remembering the file the session imported (it is
    /// read again, and compared with its fingerprint, as soon as the session is open).
    pub fn resumed(file: Option<PortfolioFile>) -> Pane {
        Pane {
            imported: file,
            ..Pane::default()
        }
    }
}

/// Reads a file to import: the portfolio and its fingerprint, or every problem as a line in
/// `lang` (the TUI's language).
pub fn read_import(
    path: &std::path::Path,
    lang: crate::core::text::Lang,
) -> Result<Box<(Imported, PortfolioFile)>, Vec<String>> {
    crate::io::portfolio::load_file_in(path, lang)
        .map(Box::new)
        .map_err(|e| e.0.iter().map(ToString::to_string).collect())
}

/// What the app does for `Effect::LoadPortfolio`: re-reads the imported file (with its
/// fingerprint) when the session has one, else reads the profile's portfolio.
pub fn load_action(state: &State) -> Action {
    let today = crate::cli::portfolio::today();
    if let Some(file) = &state.portfolio.imported {
        let result = crate::io::portfolio::load_file_in(&file.path, state.lang)
            .map(Box::new)
            .map_err(|e| e.to_string());
        return Action::Portfolio(PortfolioKey::Reloaded(result, today));
    }
    let result = match &state.profile.portfolio {
        Some(name) => {
            crate::io::portfolio::for_profile_in(state.origin.as_deref(), name, state.lang)
                .map(Box::new)
                .map_err(|e| e.to_string())
        }
        None => Err(portfolio_strings(state.lang).no_portfolio.to_string()),
    };
    Action::Portfolio(PortfolioKey::Loaded(result, today))
}

/// The profile file and portfolio name the state reads its portfolio for.
fn source_key(state: &State) -> (Option<std::path::PathBuf>, Option<String>) {
    (state.origin.clone(), state.profile.portfolio.clone())
}

/// Takes a read portfolio into the pane and places it.
fn take(state: &mut State, imported: Box<Imported>, as_of: Date) {
    state.portfolio.loaded = Some(Ok(imported));
    state.portfolio.classified = None;
    state.portfolio.as_of = Some(as_of);
    state.portfolio.requested = true;
    state.portfolio.loaded_for = Some(source_key(state));
    let ev = state.evaluation().ok().cloned();
    let (cat, profile) = (state.catalogue.clone(), state.profile.clone());
    state.portfolio.place(&cat, &profile, ev.as_ref());
}

/// The portfolio actions that answer on any screen: the import dialog and its result, and a
/// read (or re-read) portfolio.
pub fn handle_global(state: &mut State, key: PortfolioKey) -> Option<Effect> {
    match key {
        PortfolioKey::Import => {
            state.popup = Some(Popup::Input {
                purpose: InputPurpose::PortfolioImport,
                buffer: state.portfolio.typed.clone(),
            });
        }
        PortfolioKey::Imported(Ok(read), as_of) => {
            let (imported, file) = *read;
            let n = imported.portfolio.applications.len();
            let shown = file.path.display().to_string();
            // The profile names the imported file from now on (score, note and session).
            state.profile.portfolio = Some(shown.clone());
            let typed = std::mem::take(&mut state.portfolio.typed);
            state.portfolio = Pane {
                imported: Some(file),
                typed,
                ..Pane::default()
            };
            take(state, Box::new(imported), as_of);
            let n = crate::report::number::integer(n as u64, state.lang);
            state.status = Some(Status::new(false, move |l| {
                crate::i18n::fill(
                    portfolio_strings(l).imported_tui,
                    &[("n", &n), ("path", &shown)],
                )
            }));
        }
        PortfolioKey::Imported(Err(lines), _) => {
            let n = lines.len();
            state.status = Some(Status::new(true, move |l| {
                crate::i18n::fill(portfolio_strings(l).import_failed, &[("n", &n.to_string())])
            }));
            state.popup = Some(Popup::PortfolioProblems(Box::new(Problems {
                typed: state.portfolio.typed.clone(),
                lines,
                scroll: 0,
            })));
        }
        PortfolioKey::Loaded(Ok(imported), as_of) => take(state, imported, as_of),
        PortfolioKey::Loaded(Err(e), as_of) => {
            state.portfolio.loaded = Some(Err(e));
            state.portfolio.as_of = Some(as_of);
            state.portfolio.loaded_for = Some(source_key(state));
        }
        PortfolioKey::Reloaded(Ok(read), as_of) => {
            let (imported, file) = *read;
            let changed = state
                .portfolio
                .imported
                .as_ref()
                .is_some_and(|f| f.fnv1a64 != file.fnv1a64);
            let n = crate::report::number::integer(
                imported.portfolio.applications.len() as u64,
                state.lang,
            );
            let shown = file.path.display().to_string();
            state.portfolio.imported = Some(file);
            take(state, Box::new(imported), as_of);
            if changed {
                state.status = Some(Status::new(true, move |l| {
                    crate::i18n::fill(
                        portfolio_strings(l).file_changed,
                        &[("n", &n), ("path", &shown)],
                    )
                }));
            }
        }
        PortfolioKey::Reloaded(Err(e), as_of) => {
            let shown = state
                .portfolio
                .imported
                .as_ref()
                .map(|f| f.path.display().to_string())
                .unwrap_or_default();
            state.status = Some(Status::new(true, move |l| {
                crate::i18n::fill(portfolio_strings(l).file_gone, &[("path", &shown)])
            }));
            state.portfolio.loaded = Some(Err(e));
            state.portfolio.as_of = Some(as_of);
            state.portfolio.loaded_for = Some(source_key(state));
        }
        other => return handle(state, Action::Portfolio(other)),
    }
    None
}

/// Takes over the typed import path (the dialog's Enter): the file it names, `~` expanded and
/// relative to the working folder, like the export dialog.
pub fn commit_import(state: &mut State, buffer: String) -> Option<Effect> {
    if buffer.trim().is_empty() {
        return None;
    }
    let path = state.export_target(&buffer);
    state.portfolio.typed = buffer.trim().to_string();
    Some(Effect::ImportPortfolio(path))
}

/// Keys in the problems pane: ↑↓ scroll, Enter or Esc back to the path.
pub fn problems_update(state: &mut State, mut p: Box<Problems>, action: Action) -> Option<Effect> {
    match action {
        Action::Up => p.scroll = p.scroll.saturating_sub(1),
        Action::Down => p.scroll = (p.scroll + 1).min(p.lines.len().saturating_sub(1)),
        Action::Select | Action::Back => {
            state.popup = Some(Popup::Input {
                purpose: InputPurpose::PortfolioImport,
                buffer: p.typed,
            });
            return None;
        }
        _ => {}
    }
    state.popup = Some(Popup::PortfolioProblems(p));
    None
}

/// Draws the problems pane: every problem of the file, scrollable, and how to go back.
pub fn render_problems(frame: &mut Frame, area: Rect, state: &State, p: &Problems) {
    let s = portfolio_strings(state.lang);
    let th = &state.theme;
    let w = area.width.saturating_sub(4).clamp(40.min(area.width), 120);
    // As tall as the wrapped problems need (border, margins and the keys line: 5 more), at
    // most the screen less two lines above and below.
    let inner_w = usize::from(w.saturating_sub(6).max(1));
    let need: usize = p
        .lines
        .iter()
        .map(|l| l.chars().count().div_ceil(inner_w).max(1))
        .sum();
    let h = u16::try_from(need + 5)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(4))
        .max(6.min(area.height));
    let r = Rect {
        x: area.x + (area.width.saturating_sub(w)) / 2,
        y: area.y + (area.height.saturating_sub(h)) / 2,
        width: w,
        height: h,
    };
    frame.render_widget(ratatui::widgets::Clear, r);
    let title = crate::i18n::fill(s.problems_title, &[("n", &p.lines.len().to_string())]);
    let [list, keys] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(r.inner(Margin {
            vertical: 1,
            horizontal: 2,
        }));
    let lines: Vec<Line> = p
        .lines
        .iter()
        .skip(p.scroll)
        .map(|l| Line::from(Span::styled(l.clone(), th.text())))
        .collect();
    frame.render_widget(panel(&title, th, true), r);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), list);
    frame.render_widget(
        Paragraph::new(Span::styled(s.problems_keys, th.dim())),
        keys,
    );
    // The scrollbar only when the wrapped lines do not fit.
    let width = usize::from(list.width.max(1));
    let rows: usize = p
        .lines
        .iter()
        .map(|l| l.chars().count().div_ceil(width).max(1))
        .sum();
    if rows > usize::from(list.height) {
        let mut sb = ScrollbarState::new(p.lines.len()).position(p.scroll);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight),
            r.inner(Margin {
                vertical: 1,
                horizontal: 0,
            }),
            &mut sb,
        );
    }
}

/// When application `i` moves.
pub fn move_when(v: &PortfolioView<'_>, i: usize) -> MoveWhen {
    let p = &v.placement.apps[i];
    if p.key.is_none() {
        MoveWhen::NotPlaced
    } else if p.stays {
        MoveWhen::Stays
    } else {
        v.roadmap
            .moves
            .iter()
            .find(|m| m.app == i)
            .map_or(MoveWhen::Undated, |m| MoveWhen::Year(m.date.year()))
    }
}

/// The rows shown: searched, filtered and sorted (indices into the portfolio).
pub fn rows(pane: &Pane, v: &PortfolioView<'_>, search: &str) -> Vec<usize> {
    let q = fold(search);
    let apps = &v.portfolio.applications;
    let move_dates: std::collections::HashMap<usize, Date> =
        v.roadmap.moves.iter().map(|m| (m.app, m.date)).collect();
    let when = |i: usize| {
        let p = &v.placement.apps[i];
        if p.key.is_none() {
            MoveWhen::NotPlaced
        } else if p.stays {
            MoveWhen::Stays
        } else {
            move_dates
                .get(&i)
                .map_or(MoveWhen::Undated, |d| MoveWhen::Year(d.year()))
        }
    };
    let out: Vec<usize> = (0..apps.len())
        .filter(|&i| {
            let a = &apps[i];
            let p = &v.placement.apps[i];
            (q.is_empty()
                || fold(&a.package).contains(&q)
                || fold(&a.supplier).contains(&q)
                || fold(&a.owner).contains(&q)
                || a.components.iter().any(|c| fold(c).contains(&q)))
                && pane.class.is_none_or(|c| c == p.classified.data)
                && pane.placed_on.is_none_or(|k| k == p.key)
                && pane.department.as_ref().is_none_or(|d| *d == a.owner)
                && pane.year.is_none_or(|y| y == when(i))
        })
        .collect();
    // One key per row, computed once (not per comparison): a date where the column is the
    // move, else a text; rows without a date sort after those with one.
    let key = |i: usize| -> (Option<Date>, String) {
        let a = &apps[i];
        let p = &v.placement.apps[i];
        match pane.sort {
            SortColumn::Package => (None, fold(&a.package)),
            SortColumn::Department => (None, fold(&a.owner)),
            SortColumn::Class => (None, format!("{:?}", p.classified.data.map(|d| d as u8))),
            SortColumn::Placement => (None, p.key.map(|k| k.id()).unwrap_or_else(|| "~".into())),
            SortColumn::Move => (move_dates.get(&i).copied(), String::new()),
            SortColumn::Cost => (
                None,
                format!("{:030}", a.yearly_cost.round_dp(2).mantissa()),
            ),
        }
    };
    let mut keyed: Vec<((Option<Date>, String), usize)> =
        out.into_iter().map(|i| (key(i), i)).collect();
    keyed.sort_by(|(ka, a), (kb, b)| {
        let o = match (ka.0, kb.0) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => ka.1.cmp(&kb.1),
        }
        .then(a.cmp(b));
        if pane.reverse { o.reverse() } else { o }
    });
    let out: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
    out
}

/// The distinct values of the active filter, in display order (`None` = all).
fn values(pane: &Pane, v: &PortfolioView<'_>) -> usize {
    match pane.field {
        FilterField::Class => DataClass::ALL.len() + 1,
        FilterField::Placement => v.placement.counts().len(),
        FilterField::Department => departments(v).len(),
        FilterField::Year => years(v).len(),
    }
}

fn departments(v: &PortfolioView<'_>) -> Vec<String> {
    let mut d: Vec<String> = v
        .portfolio
        .applications
        .iter()
        .map(|a| a.owner.clone())
        .collect();
    d.sort();
    d.dedup();
    d
}

fn years(v: &PortfolioView<'_>) -> Vec<MoveWhen> {
    let dated: std::collections::HashMap<usize, i32> = v
        .roadmap
        .moves
        .iter()
        .map(|m| (m.app, m.date.year()))
        .collect();
    let mut y: Vec<MoveWhen> = v
        .placement
        .apps
        .iter()
        .enumerate()
        .map(|(i, p)| match (p.key, p.stays, dated.get(&i)) {
            (None, _, _) => MoveWhen::NotPlaced,
            (Some(_), true, _) => MoveWhen::Stays,
            (Some(_), false, Some(&y)) => MoveWhen::Year(y),
            (Some(_), false, None) => MoveWhen::Undated,
        })
        .collect();
    y.sort();
    y.dedup();
    y
}

/// Steps the active filter's value forward or back through "all" and the values present.
fn step(pane: &mut Pane, v: &PortfolioView<'_>, forward: bool) {
    let n = values(pane, v);
    // Position 0 is "all", 1..=n the values.
    let pos = match pane.field {
        FilterField::Class => pane.class.map_or(0, |c| match c {
            Some(d) => DataClass::ALL
                .iter()
                .position(|x| *x == d)
                .map_or(0, |p| p + 1),
            None => n,
        }),
        FilterField::Placement => pane
            .placed_on
            .and_then(|k| v.placement.counts().iter().position(|(x, _)| *x == k))
            .map_or(0, |p| p + 1),
        FilterField::Department => pane
            .department
            .as_ref()
            .and_then(|d| departments(v).iter().position(|x| x == d))
            .map_or(0, |p| p + 1),
        FilterField::Year => pane
            .year
            .and_then(|y| years(v).iter().position(|x| *x == y))
            .map_or(0, |p| p + 1),
    };
    let next = if forward {
        (pos + 1) % (n + 1)
    } else {
        (pos + n) % (n + 1)
    };
    match pane.field {
        FilterField::Class => {
            pane.class = match next {
                0 => None,
                k if k <= DataClass::ALL.len() => Some(Some(DataClass::ALL[k - 1])),
                _ => Some(None),
            }
        }
        FilterField::Placement => {
            pane.placed_on = (next > 0).then(|| v.placement.counts()[next - 1].0)
        }
        FilterField::Department => {
            pane.department = (next > 0).then(|| departments(v)[next - 1].clone())
        }
        FilterField::Year => pane.year = (next > 0).then(|| years(v)[next - 1]),
    }
    pane.cursor = 0;
}

/// Keys while the portfolio is open (and `p` on the landscape screen).
pub fn handle(state: &mut State, action: Action) -> Option<Effect> {
    match action {
        Action::Portfolio(
            k @ (PortfolioKey::Loaded(..)
            | PortfolioKey::Import
            | PortfolioKey::Imported(..)
            | PortfolioKey::Reloaded(..)),
        ) => return handle_global(state, k),
        Action::Portfolio(PortfolioKey::Toggle) => {
            state.portfolio.open = !state.portfolio.open;
            if state.portfolio.open && state.portfolio.loaded.is_none() {
                return Some(Effect::LoadPortfolio);
            }
            return None;
        }
        _ => {}
    }
    if !state.portfolio.open {
        return None;
    }
    let pane_view = {
        let pane = &state.portfolio;
        pane.view(&state.catalogue, state.lang).map(|v| {
            (
                rows(pane, &v, &pane.search).len(),
                v.portfolio.applications.len(),
            )
        })
    };
    let (shown, _) = pane_view?;
    match action {
        Action::Up | Action::Down | Action::Pick(_) => {
            super::move_cursor(&mut state.portfolio.cursor, shown, &action);
        }
        Action::Scroll(key) => {
            // A page of the list (the body less the panes above and below it), or its ends.
            use crate::tui::widgets::scroll::Scroll;
            let body = crate::tui::layout::body_of(state).map_or(10, |b| b.height as usize);
            let page = body.saturating_sub(10).max(1);
            let last = shown.saturating_sub(1);
            let c = &mut state.portfolio.cursor;
            *c = match key {
                Scroll::PageUp => c.saturating_sub(page),
                Scroll::PageDown => (*c + page).min(last),
                Scroll::Home => 0,
                Scroll::End => last,
                Scroll::LineUp => c.saturating_sub(1),
                Scroll::LineDown => (*c + 1).min(last),
            };
        }
        Action::Left | Action::Right => {
            // The data is moved out while the filter steps over it (no copy of the portfolio).
            let mut pane = std::mem::take(&mut state.portfolio);
            let (loaded, placement, roadmap) = (
                pane.loaded.take(),
                pane.placement.take(),
                pane.roadmap.take(),
            );
            if let (Some(Ok(imported)), Some(placement), Some(roadmap)) =
                (&loaded, &placement, &roadmap)
            {
                let v = PortfolioView {
                    catalogue: &state.catalogue,
                    portfolio: &imported.portfolio,
                    placement,
                    roadmap,
                    lang: state.lang,
                };
                step(&mut pane, &v, action == Action::Right);
            }
            (pane.loaded, pane.placement, pane.roadmap) = (loaded, placement, roadmap);
            state.portfolio = pane;
        }
        Action::Portfolio(PortfolioKey::NextFilter) => {
            let p = &mut state.portfolio;
            p.field = match p.field {
                FilterField::Class => FilterField::Placement,
                FilterField::Placement => FilterField::Department,
                FilterField::Department => FilterField::Year,
                FilterField::Year => FilterField::Class,
            };
        }
        Action::Portfolio(PortfolioKey::Sort) => {
            let p = &mut state.portfolio;
            p.sort = match p.sort {
                SortColumn::Package => SortColumn::Department,
                SortColumn::Department => SortColumn::Class,
                SortColumn::Class => SortColumn::Placement,
                SortColumn::Placement => SortColumn::Move,
                SortColumn::Move => SortColumn::Cost,
                SortColumn::Cost => SortColumn::Package,
            };
            p.cursor = 0;
        }
        Action::Portfolio(PortfolioKey::Reverse) => {
            state.portfolio.reverse = !state.portfolio.reverse;
            state.portfolio.cursor = 0;
        }
        Action::Portfolio(PortfolioKey::Clear) => {
            let p = &mut state.portfolio;
            p.search.clear();
            p.class = None;
            p.placed_on = None;
            p.department = None;
            p.year = None;
            p.cursor = 0;
        }
        Action::Portfolio(PortfolioKey::Search) => {
            state.popup = Some(Popup::Input {
                purpose: InputPurpose::PortfolioSearch,
                buffer: state.portfolio.search.clone(),
            });
        }
        _ => {}
    }
    None
}

/// Whether the landscape shows the counts panel: the portfolio is read and placed.
pub fn has_counts(state: &State) -> bool {
    state.portfolio.placement.is_some() && matches!(state.portfolio.loaded, Some(Ok(_)))
}
/// Whether the landscape shows the portfolio panel: its counts, or that it could not be read.
pub fn has_panel(state: &State) -> bool {
    has_counts(state) || matches!(state.portfolio.loaded, Some(Err(_)))
}

/// The landscape's portfolio keys: ←→ pick a placement in the counts panel, Enter opens the
/// list filtered to it (every other filter and the search cleared). `true` when handled.
pub fn handle_counts(state: &mut State, action: &Action) -> bool {
    let Some(n) = state
        .portfolio
        .placement
        .as_ref()
        .map(|p| p.counts().len())
        .filter(|_| has_counts(state))
    else {
        return false;
    };
    let p = &mut state.portfolio;
    match action {
        Action::Right => p.pick = (p.pick + 1) % n.max(1),
        Action::Left => p.pick = (p.pick + n.max(1) - 1) % n.max(1),
        Action::Select => {
            let Some(key) = p
                .placement
                .as_ref()
                .and_then(|pl| pl.counts().get(p.pick).map(|(k, _)| *k))
            else {
                return false;
            };
            p.search.clear();
            p.class = None;
            p.department = None;
            p.year = None;
            p.placed_on = Some(key);
            p.field = FilterField::Placement;
            p.cursor = 0;
            p.open = true;
        }
        _ => return false,
    }
    true
}

/// After every action: empties the pane when the profile or its portfolio changed (another
/// profile opened), and asks the app to read the portfolio once when it is needed — the
/// landscape shows its counts, and a resumed session re-reads the file it imported.
pub fn after_update(state: &mut State) -> Option<Effect> {
    let key = source_key(state);
    if state
        .portfolio
        .loaded_for
        .as_ref()
        .is_some_and(|k| *k != key)
    {
        let typed = std::mem::take(&mut state.portfolio.typed);
        state.portfolio = Pane {
            typed,
            ..Pane::default()
        };
    }
    let wanted = (state.screen == crate::tui::state::Screen::Landscape
        && state.profile.portfolio.is_some())
        || state.portfolio.imported.is_some();
    if wanted && state.portfolio.loaded.is_none() && !state.portfolio.requested {
        state.portfolio.requested = true;
        return Some(Effect::LoadPortfolio);
    }
    None
}

/// The widest compact placement name among the placed portfolio's placements (characters).
fn widest_placement(state: &State) -> usize {
    state
        .portfolio
        .placement
        .as_ref()
        .map(|p| {
            p.counts()
                .iter()
                .map(|(k, _)| short_placement(state, *k).chars().count())
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0)
}

/// How wide the landscape's counts panel wants to be: the widest line plus its border.
pub fn counts_width(state: &State) -> u16 {
    let s = portfolio_strings(state.lang);
    if !has_counts(state) {
        return 34;
    }
    // Marker (2), the widest count and a space, the name.
    let count = state.portfolio.placement.as_ref().map_or(1, |p| {
        p.apps.len().to_string().len() + p.apps.len().to_string().len() / 4
    });
    let line = (2 + count + 1 + widest_placement(state)).max(s.counts_hint.chars().count());
    // The border and the panel's padding.
    u16::try_from(line + 4).unwrap_or(u16::MAX)
}

/// The counts panel of the landscape: applications per placement (compact names that keep
/// option, service model and deployment apart), the picked one marked, and its keys.
pub fn render_counts(frame: &mut Frame, area: Rect, state: &State) {
    let s = portfolio_strings(state.lang);
    let th = &state.theme;
    let Some(v) = state.portfolio.view(&state.catalogue, state.lang) else {
        if matches!(state.portfolio.loaded, Some(Err(_))) {
            frame.render_widget(
                Paragraph::new(Span::styled(s.counts_unread, th.bad()))
                    .wrap(Wrap { trim: true })
                    .block(panel(s.title, th, false)),
                area,
            );
        }
        return;
    };
    let counts = v.placement.counts();
    let pick = state.portfolio.pick.min(counts.len().saturating_sub(1));
    // Rows for the counts: the panel's inside less the hint line; scrolled to the pick.
    let room = area.height.saturating_sub(3).max(1) as usize;
    let offset = pick.saturating_sub(room.saturating_sub(1));
    let width = counts
        .iter()
        .map(|(_, n)| crate::report::number::integer(*n as u64, state.lang).len())
        .max()
        .unwrap_or(1);
    let mut lines: Vec<Line> = counts
        .iter()
        .enumerate()
        .skip(offset)
        .take(room)
        .map(|(i, (k, n))| {
            let mark = if i == pick { "▶ " } else { "  " };
            let st = if k.is_none() { th.bad() } else { th.text() };
            Line::from(vec![
                Span::styled(mark, th.heading()),
                Span::styled(
                    format!(
                        "{:>width$} ",
                        crate::report::number::integer(*n as u64, state.lang)
                    ),
                    th.heading(),
                ),
                Span::styled(short_placement(state, *k), st),
            ])
            .style(row_style(th, i == pick))
        })
        .collect();
    lines.push(Line::from(Span::styled(s.counts_hint, th.dim())));
    let title = format!(
        "{} · {}",
        s.title,
        crate::report::number::integer(v.portfolio.applications.len() as u64, state.lang)
    );
    frame.render_widget(Paragraph::new(lines).block(panel(&title, th, false)), area);
}

/// Takes over a search text (the prompt's Enter).
pub fn commit_search(state: &mut State, text: String) {
    state.portfolio.search = text;
    state.portfolio.cursor = 0;
}

/// Width of the class column with full names ("Bijzondere persoonsgegevens") and with tags.
const FULL_CLASS: usize = 27;
const SHORT_CLASS: usize = 11;

/// The landscape's short tag of a data class ("bijzonder"), or "—" when unclassified.
fn short_class(state: &State, d: Option<DataClass>) -> String {
    d.map_or_else(
        || "—".to_string(),
        |d| crate::report::label::data_class_short(d, state.lang).to_string(),
    )
}

/// A compact placement label: "SSC · SaaS · gedeeld".
fn short_placement(state: &State, key: Option<CandidateKey>) -> String {
    let s = portfolio_strings(state.lang);
    match key {
        None => s.not_placed.to_string(),
        Some(k) => {
            let option = state
                .catalogue
                .option(k.option)
                .map(|o| o.short.get(state.lang).to_string())
                .unwrap_or_else(|| k.option.id().to_string());
            let dep = match k.deployment {
                Deployment::Private => s.dep_private,
                Deployment::Community => s.dep_community,
                Deployment::Public => s.dep_public,
                Deployment::PublicNonEu => s.dep_public_non_eu,
                Deployment::Hybrid => s.dep_hybrid,
            };
            format!(
                "{option} · {} · {dep}",
                crate::core::catalogue::short_model(k.service_model, state.lang)
            )
        }
    }
}

fn when_text(state: &State, w: MoveWhen) -> String {
    let s = portfolio_strings(state.lang);
    match w {
        MoveWhen::Year(y) => y.to_string(),
        MoveWhen::Stays => s.stays.to_string(),
        MoveWhen::Undated => "?".to_string(),
        MoveWhen::NotPlaced => "—".to_string(),
    }
}

/// The search text as typed so far: the open prompt's buffer, else the committed one.
fn live_search(state: &State) -> &str {
    match &state.popup {
        Some(Popup::Input {
            purpose: InputPurpose::PortfolioSearch,
            buffer,
        }) => buffer,
        _ => &state.portfolio.search,
    }
}

/// Draws the portfolio.
pub fn render(frame: &mut Frame, area: Rect, state: &State) {
    let s = portfolio_strings(state.lang);
    let th = &state.theme;
    let pane = &state.portfolio;
    let Some(v) = pane.view(&state.catalogue, state.lang) else {
        let text = match &pane.loaded {
            None => s.loading.to_string(),
            Some(Err(e)) => e.clone(),
            Some(Ok(_)) => crate::i18n::tui(state.lang).all_weights_zero.to_string(),
        };
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .block(panel(s.title, th, true)),
            area,
        );
        return;
    };
    let search = live_search(state);
    let shown = rows(pane, &v, search);
    // Head: counts, search, filters (the active one highlighted), sort.
    let all = s.all;
    let class = match pane.class {
        None => all.to_string(),
        Some(Some(d)) => d.name().get(state.lang).to_string(),
        Some(None) => s.unclassified.to_string(),
    };
    let placed = pane
        .placed_on
        .map_or(all.to_string(), |k| short_placement(state, k));
    let dept = pane.department.clone().map_or(all.to_string(), |d| {
        if d.is_empty() { "—".into() } else { d }
    });
    let year = pane.year.map_or(all.to_string(), |w| when_text(state, w));
    let sort_name = match pane.sort {
        SortColumn::Package => s.package,
        SortColumn::Department => s.department,
        SortColumn::Class => s.class_short,
        SortColumn::Placement => s.placement,
        SortColumn::Move => s.move_date,
        SortColumn::Cost => s.yearly_cost,
    };
    let arrow = if pane.reverse { "↓" } else { "↑" };
    let mut first = vec![
        Span::styled(format!("{} ", s.title), th.heading()),
        Span::styled(
            format!(
                "{} / {} {}",
                shown.len(),
                v.portfolio.applications.len(),
                s.shown
            ),
            th.text(),
        ),
        Span::styled(format!("  {}: {sort_name} {arrow}", s.sort), th.dim()),
    ];
    if !search.is_empty() {
        first.push(Span::styled(
            format!("  {}: {search}", s.search),
            th.selected(),
        ));
    }
    let filter = |label: &str, value: String, active: bool| -> Vec<Span<'static>> {
        let st = if active { th.selected() } else { th.text() };
        vec![
            Span::styled(format!("{label}: {value}"), st),
            Span::raw("  "),
        ]
    };
    let mut second = vec![];
    second.extend(filter(
        s.class_short,
        class,
        pane.field == FilterField::Class,
    ));
    second.extend(filter(
        s.placement,
        placed,
        pane.field == FilterField::Placement,
    ));
    second.extend(filter(
        s.department,
        dept,
        pane.field == FilterField::Department,
    ));
    second.extend(filter(s.year_short, year, pane.field == FilterField::Year));
    // The filter line wraps onto a third line when it does not fit (a long placement name).
    let first = Line::from(first);
    let second = Line::from(second);
    let head_h = if first.width() > area.width as usize || second.width() > area.width as usize {
        3
    } else {
        2
    };
    // Side by side only when the list keeps room for the package names.
    let wide = area.width >= 140;
    let [head, body, hint] = Layout::vertical([
        Constraint::Length(head_h),
        Constraint::Min(4),
        Constraint::Length(1),
    ])
    .areas(area);
    let (list_area, detail_area) = if wide {
        let [l, d] = Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
            .areas(body);
        (l, d)
    } else {
        let detail_h = (body.height / 3).clamp(5, 9);
        let [l, d] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(detail_h)]).areas(body);
        (l, d)
    };

    frame.render_widget(
        Paragraph::new(vec![first, second]).wrap(Wrap { trim: true }),
        head,
    );

    // The list with a scrollbar.
    let show_class = pane.class.is_none();
    let show_placement = pane.placed_on.is_none();
    // Full class names where the list is wide, the landscape's short tags otherwise.
    let full_class = list_area.width >= 110;
    let inner_h = list_area.height.saturating_sub(3) as usize;
    let cursor = pane.cursor.min(shown.len().saturating_sub(1));
    let offset = cursor.saturating_sub(inner_h.saturating_sub(1));
    let rows_drawn: Vec<Row> = shown
        .iter()
        .enumerate()
        .skip(offset)
        .take(inner_h)
        .map(|(j, &i)| {
            let a = &v.portfolio.applications[i];
            let p = &v.placement.apps[i];
            let mark = if p.exceptions.is_empty() { " " } else { "!" };
            let mut cells = vec![format!("{mark}{}", a.package)];
            if show_class {
                cells.push(if full_class {
                    v.class_name(i)
                } else {
                    short_class(state, p.classified.data)
                });
            }
            if show_placement {
                cells.push(short_placement(state, p.key));
            }
            cells.push(when_text(state, move_when(&v, i)));
            Row::new(cells).style(row_style(th, j == cursor))
        })
        .collect();
    // The class and placement keep their full compact names where the package name keeps 16
    // characters; a column the filters hold to one value is left out (the head names it).
    let inner_w = list_area.width.saturating_sub(3) as usize;
    let mut widths = vec![Constraint::Min(12)];
    let mut header = vec![s.package];
    let mut used = 7 + 1;
    if show_class {
        let w = if full_class { FULL_CLASS } else { SHORT_CLASS };
        widths.push(Constraint::Length(w as u16));
        header.push(s.class_short);
        used += w + 1;
    }
    if show_placement {
        let w = widest_placement(state)
            .min(inner_w.saturating_sub(used + 16))
            .max(14);
        widths.push(Constraint::Length(u16::try_from(w).unwrap_or(22)));
        header.push(s.placement);
    }
    widths.push(Constraint::Length(7));
    header.push(s.year_short);
    frame.render_widget(
        Table::new(rows_drawn, widths)
            .header(Row::new(header).style(th.heading()))
            .block(panel(s.applications, th, true)),
        list_area,
    );
    let mut sb = ScrollbarState::new(shown.len())
        .position(cursor)
        .viewport_content_length(inner_h);
    // The scrollbar only when the list does not fit.
    if shown.len() > inner_h {
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight),
            list_area.inner(Margin {
                vertical: 1,
                horizontal: 0,
            }),
            &mut sb,
        );
    }

    // The selected application: placement, move, exceptions, reason and rules.
    if let Some(&i) = shown.get(cursor) {
        let a = &v.portfolio.applications[i];
        let p = &v.placement.apps[i];
        let mut lines = vec![
            Line::from(vec![
                Span::styled(format!("{} → ", v.class_name(i)), th.text()),
                Span::styled(v.placement_name(p.key), th.heading()),
            ]),
            Line::from(Span::styled(
                format!(
                    "{} {} · {}: {} · {}: {}",
                    s.class_from.to_lowercase(),
                    v.class_source(i),
                    s.today,
                    v.hosting_name(a.hosting),
                    s.owner,
                    a.owner
                ),
                th.dim(),
            )),
        ];
        if let Some(m) = v.roadmap.moves.iter().find(|m| m.app == i) {
            lines.push(Line::from(format!(
                "{}: {} · {} {}",
                s.move_date,
                crate::report::portfolio::date(m.date, state.lang),
                s.notice,
                crate::report::portfolio::date(m.notice_deadline, state.lang)
            )));
        }
        for e in &p.exceptions {
            lines.push(Line::from(Span::styled(
                format!("! {}", v.exception_text(e)),
                th.bad(),
            )));
        }
        if let Some(r) = v.placement.reason(i) {
            lines.push(Line::from(Span::styled(
                r.explanation.get(state.lang).to_string(),
                th.text(),
            )));
            for rule in &r.rules {
                let (mark, st) = if rule.forbids_public {
                    ("✗ ", th.bad())
                } else {
                    ("• ", th.text())
                };
                lines.push(Line::from(vec![
                    Span::styled(mark, st),
                    Span::styled(rule.text.get(state.lang).to_string(), th.text()),
                    Span::raw(" "),
                    crate::tui::widgets::status_badge(rule.status, state.lang, th),
                ]));
            }
        }
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(panel(&a.package, th, false)),
            detail_area,
        );
    }
    frame.render_widget(Line::from(Span::styled(s.screen_hint, th.dim())), hint);
}
