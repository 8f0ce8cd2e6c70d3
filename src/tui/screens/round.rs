//! The voting round view (`V`): set up a round (what is asked, for whom, anonymous or named,
//! the address and port to serve on), open it (join code, QR code, live count per
//! municipality — never content), close it, reveal the result (distribution, disputed
//! criteria, consensus, weights per municipality, effect on the ranking) and apply it to the
//! group's weights. The server and ballot files are the edge's (`tui::round_link`); this file
//! holds the view's state, its actions, their `update`, its keys and its drawing.

use std::cell::RefCell;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::core::criteria::Criterion;
use crate::core::round::{
    Ballot, ConsensusLevel, Question, RankingShift, Reveal, RevealError, Round, RoundSpec, Scope,
    ranking_effect,
};
use crate::core::text::Lang;
use crate::i18n::VoteTuiStrings;
use crate::report::number;
use crate::tui::action::{Action, Effect};
use crate::tui::state::{State, Status};
use crate::tui::widgets::panel;

/// The port proposed for a new round.
pub const DEFAULT_PORT: &str = "8080";

/// The setup rows, in order.
const ROWS: usize = 6;

/// The view's state. The server handle (`link`) is not data: a clone of the state does not
/// own it, and it is never saved.
#[derive(Debug)]
pub struct RoundUi {
    /// The view is shown instead of the current screen.
    pub visible: bool,
    /// The setup row in focus.
    pub row: usize,
    pub question: Question,
    pub ask_choice: bool,
    pub scope: Scope,
    pub named: bool,
    /// The laptop's addresses (filled by the edge when the view opens).
    pub addresses: Vec<IpAddr>,
    pub address: usize,
    /// The port as typed.
    pub port: String,
    /// The round (open or closed) and its ballots: what the session stores.
    pub round: Option<Round>,
    /// A server is answering phones for the open round.
    pub serving: bool,
    /// The join URL (for the QR code) and the address to type.
    pub join_url: String,
    pub base_url: String,
    /// The reveal of the closed round, computed in `update`.
    pub reveal: Option<Result<Reveal, RevealError>>,
    /// Each municipality's ranking before and after the round's weights.
    pub shifts: Vec<RankingShift>,
    /// The round's weights were applied to the group.
    pub applied: bool,
    /// The import prompt's text, while it is open.
    pub import: Option<String>,
    /// The running server (the edge's).
    pub link: RefCell<Option<crate::tui::round_link::Link>>,
}

impl Default for RoundUi {
    fn default() -> Self {
        RoundUi {
            visible: false,
            row: 0,
            question: Question::Points,
            ask_choice: true,
            scope: Scope::PerMunicipality,
            named: false,
            addresses: vec![],
            address: 0,
            port: DEFAULT_PORT.into(),
            round: None,
            serving: false,
            join_url: String::new(),
            base_url: String::new(),
            reveal: None,
            shifts: vec![],
            applied: false,
            import: None,
            link: RefCell::new(None),
        }
    }
}

impl Clone for RoundUi {
    /// Everything but the server handle (a view of the state, e.g. for drawing in a test).
    fn clone(&self) -> Self {
        RoundUi {
            visible: self.visible,
            row: self.row,
            question: self.question,
            ask_choice: self.ask_choice,
            scope: self.scope,
            named: self.named,
            addresses: self.addresses.clone(),
            address: self.address,
            port: self.port.clone(),
            round: self.round.clone(),
            // As shown; the clone has no server of its own (closing it closes its copy).
            serving: self.serving,
            join_url: self.join_url.clone(),
            base_url: self.base_url.clone(),
            reveal: self.reveal.clone(),
            shifts: self.shifts.clone(),
            applied: self.applied,
            import: self.import.clone(),
            link: RefCell::new(None),
        }
    }
}

/// Where the round stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// No round yet (or a new one being set up).
    Setup,
    /// Open and served: phones can vote.
    Live,
    /// Open in the session but not served (after a restart).
    Paused,
    /// Closed: the result is shown.
    Revealed,
}

impl RoundUi {
    /// Where the round stands.
    pub fn phase(&self) -> Phase {
        match &self.round {
            None => Phase::Setup,
            Some(r) if r.is_open() && self.serving => Phase::Live,
            Some(r) if r.is_open() => Phase::Paused,
            Some(_) => Phase::Revealed,
        }
    }

    /// Takes over the round of a restored session (its server is not running).
    pub fn restore(&mut self, round: Option<Round>) {
        self.round = round;
        self.serving = false;
        self.applied = false;
        self.reveal = None;
        self.shifts.clear();
    }
}

/// What happens in the round view, and what the edge reports back.
#[derive(Debug, Clone, PartialEq)]
pub enum RoundAction {
    /// Show or hide the round view.
    Show,
    /// Setup: the previous row.
    Up,
    /// Setup: the next row.
    Down,
    /// Setup: change the value of the row in focus (−1 back, +1 forward).
    Change(i8),
    /// A character: a port digit in setup, or a character of the import path.
    Char(char),
    /// Delete the last character (port or import path).
    Backspace,
    /// Open the round (setup) or serve it again (after a restart).
    Open,
    /// Close the round and reveal the result.
    Close,
    /// Apply the revealed weights to the group.
    Apply,
    /// Start a new round (after the reveal).
    NewRound,
    /// Ask for a ballot file to import.
    ImportStart,
    /// Confirm the import path.
    Confirm,
    /// Cancel the import prompt.
    Cancel,
    /// The edge listed the laptop's addresses.
    Addresses(Vec<IpAddr>),
    /// The edge opened the round and serves it.
    Opened {
        round: Box<Round>,
        base_url: String,
        join_url: String,
    },
    /// The edge could not open the round (the message says why).
    OpenFailed(String),
    /// A ballot was cast (from a phone or an imported file).
    Cast { token: String, ballot: Box<Ballot> },
    /// The edge closed the round; this is the final round.
    Closed(Box<Round>),
    /// A ballot file was imported (its ballot arrives as a `Cast`).
    Imported(PathBuf),
    /// A ballot file was refused (the message says why, with line and column).
    ImportFailed(String),
}

/// The I/O the round view asks of the edge.
#[derive(Debug, Clone, PartialEq)]
pub enum RoundEffect {
    /// List the laptop's addresses.
    ListAddresses,
    /// Serve the round on this address (a new round: `round` has no code yet, the edge draws
    /// one).
    Start {
        spec: RoundSpec,
        existing: Option<Box<Round>>,
        addr: SocketAddr,
    },
    /// Close the round and stop the server.
    Stop,
    /// Read a ballot file into the open round.
    Import(PathBuf),
}

/// Sets the status line, written per language by `f` from the round's labels.
fn status(state: &mut State, error: bool, f: impl Fn(&VoteTuiStrings) -> String) {
    state.status = Some(Status::new(error, |lang| f(crate::i18n::vote_tui(lang))));
}

/// The criteria in play: every criterion any municipality weighs, in canonical order.
pub fn criteria_in_play(state: &State) -> Vec<Criterion> {
    Criterion::ALL
        .iter()
        .copied()
        .filter(|c| {
            state.profile.weights.0.contains_key(c)
                || state.weights.iter().any(|w| w.0.contains_key(c))
        })
        .collect()
}

/// The round the setup describes.
pub fn spec_of(state: &State) -> RoundSpec {
    let ui = &state.round;
    RoundSpec {
        question: ui.question,
        criteria: criteria_in_play(state),
        ask_choice: ui.ask_choice,
        scope: ui.scope,
        municipalities: state
            .profile
            .subject
            .members()
            .iter()
            .map(|m| m.name.clone())
            .collect(),
        named: ui.named,
    }
}

fn cycle<T: Copy + PartialEq>(all: &[T], now: T, d: i8) -> T {
    let i = all.iter().position(|&x| x == now).unwrap_or(0);
    let n = all.len();
    all[(i + n + if d < 0 { n - 1 } else { 1 }) % n]
}

/// Recomputes the reveal and the ranking effect of a closed round.
fn refresh_reveal(state: &mut State) {
    let Some(round) = state.round.round.as_ref().filter(|r| !r.is_open()) else {
        state.round.reveal = None;
        state.round.shifts.clear();
        return;
    };
    let reveal = round.reveal();
    state.round.shifts = match &reveal {
        Ok(r) => {
            let after = r.member_weights(&state.weights);
            ranking_effect(&state.catalogue, &state.profile, &state.weights, &after)
        }
        Err(_) => vec![],
    };
    state.round.reveal = Some(reveal);
}

/// Applies a round action; returns the I/O the edge must carry out.
pub fn update(state: &mut State, action: RoundAction) -> Option<Effect> {
    let phase = state.round.phase();
    match action {
        RoundAction::Show => {
            state.round.visible = !state.round.visible;
            if state.round.visible && phase == Phase::Revealed && state.round.reveal.is_none() {
                refresh_reveal(state);
            }
            if state.round.visible && state.round.addresses.is_empty() {
                return Some(Effect::Round(RoundEffect::ListAddresses));
            }
        }
        RoundAction::Addresses(a) => {
            state.round.addresses = a;
            state.round.address = 0;
        }
        RoundAction::Up if phase == Phase::Setup => {
            state.round.row = (state.round.row + ROWS - 1) % ROWS;
        }
        RoundAction::Down if phase == Phase::Setup => {
            state.round.row = (state.round.row + 1) % ROWS;
        }
        RoundAction::Change(d) if phase == Phase::Setup => {
            let ui = &mut state.round;
            match ui.row {
                0 => ui.question = cycle(&Question::ALL, ui.question, d),
                1 => ui.ask_choice = !ui.ask_choice,
                2 => ui.scope = cycle(&[Scope::PerMunicipality, Scope::Everyone], ui.scope, d),
                3 => ui.named = !ui.named,
                4 if !ui.addresses.is_empty() => {
                    let n = ui.addresses.len();
                    ui.address = (ui.address + n + if d < 0 { n - 1 } else { 1 }) % n;
                }
                _ => {}
            }
        }
        RoundAction::Char(c) if state.round.import.is_some() => {
            if let Some(b) = &mut state.round.import {
                b.push(c);
            }
        }
        RoundAction::Backspace if state.round.import.is_some() => {
            if let Some(b) = &mut state.round.import {
                b.pop();
            }
        }
        RoundAction::Char(c)
            if phase == Phase::Setup
                && state.round.row == 5
                && c.is_ascii_digit()
                && state.round.port.len() < 5 =>
        {
            state.round.port.push(c);
        }
        RoundAction::Backspace if phase == Phase::Setup && state.round.row == 5 => {
            state.round.port.pop();
        }
        RoundAction::Open if matches!(phase, Phase::Setup | Phase::Paused) => {
            let port = match state.round.port.parse::<u16>() {
                Ok(p) if p > 0 => p,
                _ => {
                    status(state, true, |t| t.port_invalid.into());
                    return None;
                }
            };
            let Some(&ip) = state.round.addresses.get(state.round.address) else {
                status(state, true, |t| t.no_address.into());
                return None;
            };
            let existing = state.round.round.clone().map(Box::new);
            let spec = existing
                .as_ref()
                .map_or_else(|| spec_of(state), |r| r.spec.clone());
            if let Err(e) = spec.validate() {
                status(state, true, |t| format!("{}: {e}", t.open_failed));
                return None;
            }
            return Some(Effect::Round(RoundEffect::Start {
                spec,
                existing,
                addr: SocketAddr::new(ip, port),
            }));
        }
        RoundAction::Opened {
            round,
            base_url,
            join_url,
        } => {
            status(state, false, |t| format!("{} {base_url}", t.opened));
            state.round.round = Some(*round);
            state.round.serving = true;
            state.round.base_url = base_url;
            state.round.join_url = join_url;
            state.round.applied = false;
        }
        RoundAction::OpenFailed(msg) => {
            status(state, true, |t| format!("{}: {msg}", t.open_failed))
        }
        RoundAction::Cast { token, ballot } => {
            if let Some(r) = &mut state.round.round
                && r.cast(&token, *ballot).is_ok()
            {}
        }
        RoundAction::Close if phase == Phase::Live => {
            return Some(Effect::Round(RoundEffect::Stop));
        }
        RoundAction::Close if phase == Phase::Paused => {
            if let Some(r) = &mut state.round.round {
                r.close();
            }
            return update(
                state,
                RoundAction::Closed(Box::new(state.round.round.clone()?)),
            );
        }
        RoundAction::Closed(round) => {
            state.round.round = Some(*round);
            state.round.serving = false;
            state.round.import = None;
            refresh_reveal(state);
            let count = state.round.round.as_ref().map_or(0, |r| r.ballots.len());
            status(state, false, |t| {
                format!("{} ({count} {})", t.closed_status, t.ballots)
            });
        }
        RoundAction::Apply if phase == Phase::Revealed => {
            let Some(Ok(reveal)) = &state.round.reveal else {
                status(state, true, |t| t.no_ballots.into());
                return None;
            };
            state.previous_ranks = state
                .evaluation()
                .map(|e| e.ranking.iter().map(|r| (r.key, r.rank)).collect())
                .unwrap_or_default();
            state.weights = reveal.member_weights(&state.weights);
            // A starter group: the group's (plenary) weights, which its decision and the note
            // rank by, become the municipalities' mean (for everyone: the room's aggregate).
            let group = state
                .is_group()
                .then(|| reveal.group_weights(&state.profile.weights))
                .flatten();
            // The municipalities that voted have entered their weights, and the round's reveal
            // is the room's reveal.
            let everyone = reveal.groups.len() == 1 && reveal.groups[0].name.is_empty();
            let voted: Vec<bool> = (0..state.entered.len())
                .map(|m| everyone || reveal.groups.get(m).is_some_and(|g| g.weights.is_some()))
                .collect();
            let criteria = reveal.criteria.clone();
            // The weights now come from the round, not from the weights screen's methods.
            state.weight_records.iter_mut().for_each(|r| *r = None);
            for (slot, v) in state.entered.iter_mut().zip(voted) {
                *slot |= v;
            }
            let applied_group = group.is_some();
            if let Some((w, how)) = group {
                state.profile.weights = w;
                state.reveal = true;
                if let Some(slot) = state.group_slot()
                    && let Some(rec) = state.weight_records.get_mut(slot)
                {
                    *rec = Some(crate::io::store::WeightRecord {
                        member: slot,
                        criteria,
                        how,
                    });
                }
            }
            state.elicit.clear();
            state.recompute();
            state.round.applied = true;
            status(state, false, |t| {
                if applied_group {
                    format!("{} {}", t.applied, t.applied_group)
                } else {
                    t.applied.to_string()
                }
            });
        }
        RoundAction::NewRound if phase == Phase::Revealed => {
            state.round.restore(None);
            state.round.row = 0;
        }
        RoundAction::ImportStart if phase == Phase::Live => {
            state.round.import = Some(String::new());
        }
        RoundAction::ImportStart => status(state, true, |t| t.import_closed.into()),
        RoundAction::Confirm => {
            if let Some(path) = state.round.import.take() {
                let path = path.trim().to_string();
                if !path.is_empty() {
                    return Some(Effect::Round(RoundEffect::Import(PathBuf::from(path))));
                }
            }
        }
        RoundAction::Cancel => state.round.import = None,
        RoundAction::Imported(path) => status(state, false, |t| {
            format!("{}: {}", t.imported, path.display())
        }),
        RoundAction::ImportFailed(msg) => {
            status(state, true, |t| format!("{}: {msg}", t.import_failed))
        }
        _ => {}
    }
    None
}

/// The key-table entries (as `keymap` writes their keys) whose keys the round view takes for
/// itself: the hint bar does not offer their general meaning while it is shown.
pub const TAKEN: &[&str] = &["↑↓←→", "h j k l", "Enter", "Esc", "n", "V"];

/// The action a key gives while the round view is shown; `None` leaves the key to the
/// global table (help, language, save, quit).
pub fn action_for_key(state: &State, key: KeyEvent) -> Option<Action> {
    use KeyCode::*;
    let r = |a| Some(Action::Round(a));
    if state.round.import.is_some() {
        return match key.code {
            Enter => r(RoundAction::Confirm),
            Esc => r(RoundAction::Cancel),
            Backspace => r(RoundAction::Backspace),
            Char(c) => r(RoundAction::Char(c)),
            _ => None,
        };
    }
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    match key.code {
        Up | Char('k') => r(RoundAction::Up),
        Down | Char('j') => r(RoundAction::Down),
        Left | Char('h') => r(RoundAction::Change(-1)),
        Right | Char('l') => r(RoundAction::Change(1)),
        Enter | Char('o') => r(RoundAction::Open),
        Char('c') => r(RoundAction::Close),
        Char('a') => r(RoundAction::Apply),
        Char('n') => r(RoundAction::NewRound),
        Char('f') => r(RoundAction::ImportStart),
        Char('V') | Esc => r(RoundAction::Show),
        Char(c) if c.is_ascii_digit() && state.round.phase() == Phase::Setup => {
            r(RoundAction::Char(c))
        }
        Backspace => r(RoundAction::Backspace),
        _ => None,
    }
}

/// Draws the round view in the body area.
pub fn render(frame: &mut Frame, area: Rect, state: &State) {
    let t = crate::i18n::vote_tui(state.lang);
    let title = match &state.round.round {
        Some(r) => format!("{} {}", t.title, r.code),
        None => t.title.to_string(),
    };
    let block = panel(&title, &state.theme, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    match state.round.phase() {
        Phase::Setup => setup(frame, inner, state),
        Phase::Live => live(frame, inner, state),
        Phase::Paused => {
            let mut lines = count_lines(state);
            lines.insert(0, Line::from(""));
            lines.insert(0, Line::from(Span::styled(t.paused, state.theme.bad())));
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        }
        Phase::Revealed => revealed(frame, inner, state),
    }
}

fn yes_no(b: bool, lang: Lang) -> &'static str {
    let s = crate::i18n::strings(lang);
    if b { s.yes } else { s.no }
}

fn setup(frame: &mut Frame, area: Rect, state: &State) {
    let t = crate::i18n::vote_tui(state.lang);
    let th = &state.theme;
    let ui = &state.round;
    let q = Question::ALL
        .iter()
        .position(|&x| x == ui.question)
        .unwrap_or(0);
    let address = ui
        .addresses
        .get(ui.address)
        .map_or(t.no_address.to_string(), |a| {
            format!("{a}  ({}/{})", ui.address + 1, ui.addresses.len())
        });
    let rows: [(&str, String); ROWS] = [
        (t.question, t.questions[q].to_string()),
        (t.ask_choice, yes_no(ui.ask_choice, state.lang).to_string()),
        (
            t.scope,
            match ui.scope {
                Scope::PerMunicipality => t.scope_per,
                Scope::Everyone => t.scope_all,
            }
            .to_string(),
        ),
        (
            t.ballots_kind,
            if ui.named { t.named } else { t.anonymous }.to_string(),
        ),
        (t.address, address),
        (
            t.port,
            if ui.row == 5 {
                format!("{}▏", ui.port)
            } else {
                ui.port.clone()
            },
        ),
    ];
    let label_w = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(10)
        + 2;
    let mut lines = vec![];
    for (i, (label, value)) in rows.iter().enumerate() {
        let focus = i == ui.row;
        let style = if focus { th.selected() } else { th.text() };
        lines.push(Line::from(vec![
            Span::styled(if focus { "▶ " } else { "  " }, th.heading()),
            Span::styled(format!("{label:<label_w$}"), style),
            Span::styled(
                if focus && i < 5 {
                    format!("◀ {value} ▶")
                } else {
                    value.clone()
                },
                style,
            ),
        ]));
    }
    lines.push(Line::from(""));
    let criteria: Vec<String> = criteria_in_play(state)
        .iter()
        .map(|c| c.name().get(state.lang).to_string())
        .collect();
    lines.push(Line::from(vec![
        Span::styled(format!("{}: ", t.criteria), th.heading()),
        Span::styled(criteria.join(", "), th.text()),
    ]));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(t.setup_keys, th.dim())));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

/// The live count: ballots per municipality (or the room's total), never their content.
fn count_lines(state: &State) -> Vec<Line<'static>> {
    let t = crate::i18n::vote_tui(state.lang);
    let th = &state.theme;
    let Some(round) = &state.round.round else {
        return vec![];
    };
    let counts = round.counts();
    let names: Vec<String> = match round.spec.scope {
        Scope::Everyone => vec![t.everyone.to_string()],
        Scope::PerMunicipality => round.spec.municipalities.clone(),
    };
    let w = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(5)
        .max(6)
        + 2;
    let mut lines = vec![Line::from(Span::styled(t.count.to_string(), th.heading()))];
    for (name, n) in names.iter().zip(&counts) {
        lines.push(Line::from(vec![
            Span::styled(format!("  {name:<w$}"), th.text()),
            Span::styled(format!("{n:>4}  "), th.heading()),
            Span::styled("●".repeat((*n).min(30)), th.good()),
        ]));
    }
    if counts.len() > 1 {
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<w$}", t.total), th.dim()),
            Span::styled(format!("{:>4}", counts.iter().sum::<usize>()), th.dim()),
        ]));
    }
    lines
}

fn live(frame: &mut Frame, area: Rect, state: &State) {
    let t = crate::i18n::vote_tui(state.lang);
    let th = &state.theme;
    let ui = &state.round;
    let code = ui.round.as_ref().map_or("", |r| r.code.as_str());
    // The largest QR code that fits beside a text column of at least 34 characters.
    let large = crate::vote::qr::lines_large(&ui.join_url).unwrap_or_default();
    let small = crate::vote::qr::lines(&ui.join_url).unwrap_or_default();
    let fits = |q: &[String]| {
        let w = q.first().map_or(0, |l| l.chars().count()) as u16;
        w + 36 <= area.width && q.len() as u16 <= area.height
    };
    let qr: &[String] = if fits(&large) {
        &large
    } else if fits(&small) {
        &small
    } else {
        &[]
    };
    let qr_w = qr.first().map_or(0, |l| l.chars().count()) as u16;
    let [left, right] = Layout::horizontal([
        Constraint::Length(if qr.is_empty() { 0 } else { qr_w + 2 }),
        Constraint::Min(20),
    ])
    .areas(area);
    if !qr.is_empty() {
        // Light modules drawn white on black whatever the theme: a scanner needs contrast.
        let style = Style::default().fg(Color::White).bg(Color::Black);
        let lines: Vec<Line> = qr
            .iter()
            .map(|l| Line::from(Span::styled(l.clone(), style)))
            .collect();
        frame.render_widget(Paragraph::new(lines), left);
    }
    let mut lines = vec![
        Line::from(Span::styled(t.join.to_string(), th.heading())),
        Line::from(Span::styled(format!("{}/", ui.base_url), th.title())),
        Line::from(vec![
            Span::styled(format!("{}: ", t.code), th.heading()),
            Span::styled(code.to_string(), th.title()),
        ]),
        Line::from(""),
    ];
    if qr.is_empty() {
        lines.push(Line::from(Span::styled(t.qr_too_small, th.bad())));
        lines.push(Line::from(""));
    }
    match &ui.import {
        Some(buf) => lines.push(Line::from(vec![
            Span::styled(format!("{}: ", t.import_prompt), th.heading()),
            Span::styled(format!("{buf}▏"), th.selected()),
        ])),
        None => lines.push(Line::from(Span::styled(t.live_keys, th.dim()))),
    }
    lines.push(Line::from(""));
    lines.extend(count_lines(state));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), right);
}

fn consensus_word(level: ConsensusLevel, lang: Lang) -> &'static str {
    let w = crate::i18n::vote_tui(lang).consensus_words;
    match level {
        ConsensusLevel::High => w[0],
        ConsensusLevel::Moderate => w[1],
        ConsensusLevel::Low => w[2],
    }
}

fn revealed(frame: &mut Frame, area: Rect, state: &State) {
    let t = crate::i18n::vote_tui(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let mut lines: Vec<Line> = vec![];
    let reveal = match &state.round.reveal {
        Some(Ok(r)) => r,
        Some(Err(e)) => {
            lines.push(Line::from(Span::styled(
                crate::i18n::vote_reveal_error(e, lang),
                th.bad(),
            )));
            lines.push(Line::from(Span::styled(t.revealed_keys, th.dim())));
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
            return;
        }
        None => return,
    };
    lines.push(Line::from(vec![
        Span::styled(format!("{}: ", t.result), th.heading()),
        Span::styled(
            format!("{} {} ({})", reveal.ballots, t.ballots, t.closed),
            th.text(),
        ),
        Span::styled(
            if state.round.applied {
                String::new()
            } else {
                format!(" · {}", t.not_applied)
            },
            th.dim(),
        ),
    ]));
    lines.push(Line::from(vec![
        Span::styled(format!("{}: ", t.consensus), th.heading()),
        Span::styled(
            format!(
                "{} ({} {}; {} {})",
                consensus_word(reveal.consensus.level, lang),
                t.kendall,
                number::decimal(reveal.consensus.kendall_w, 2, lang),
                t.agreement,
                number::percent(reveal.consensus.weight_agreement, 1, lang)
            ),
            th.text(),
        ),
    ]));
    if reveal.inconsistent_ahp > 0 {
        lines.push(Line::from(Span::styled(
            format!("{}: {}", t.inconsistent, reveal.inconsistent_ahp),
            th.bad(),
        )));
    }
    lines.push(Line::from(Span::styled(t.revealed_keys, th.dim())));
    let roomy = area.height >= 22;
    if roomy {
        lines.push(Line::from(""));
    }
    let cw = reveal
        .criteria
        .iter()
        .map(|c| c.name().get(lang).chars().count())
        .max()
        .unwrap_or(10)
        .max(t.col_criterion.chars().count())
        + 2;
    // Columns: criterion, median, lowest–highest, spread, then each municipality.
    let groups: Vec<&crate::core::round::GroupResult> = reveal.groups.iter().collect();
    let gname = |g: &crate::core::round::GroupResult| {
        if g.name.is_empty() {
            t.everyone.to_string()
        } else {
            g.name.clone()
        }
    };
    // Columns: criterion, median, lowest–highest, spread, then each municipality; on a
    // narrow screen the median and the range give way to the municipalities.
    let wanted = cw + 8 + 16 + 11 + 12 * groups.len() + 3;
    let width = usize::from(area.width);
    let show_range = wanted <= width;
    let show_median = wanted - 16 <= width;
    let mut head = format!("{:<cw$}", t.col_criterion);
    if show_median {
        head.push_str(&format!("{:>8}", t.col_median));
    }
    if show_range {
        head.push_str(&format!(" {:>15}", t.col_range));
    }
    head.push_str(&format!(" {:>10}", t.col_spread));
    for g in &groups {
        head.push_str(&format!(" {:>11}", cut(&gname(g), 11)));
    }
    lines.push(Line::from(Span::styled(head, th.heading())));
    for (j, d) in reveal.distribution.iter().enumerate() {
        let mut row = format!("{:<cw$}", d.criterion.name().get(lang));
        if show_median {
            row.push_str(&format!("{:>8}", number::weight(d.median, lang)));
        }
        if show_range {
            row.push_str(&format!(
                " {:>15}",
                format!(
                    "{}–{}",
                    number::weight(d.spread.min, lang),
                    number::weight(d.spread.max, lang)
                )
            ));
        }
        row.push_str(&format!(
            " {:>10}",
            format!("{} pp", number::decimal(d.spread.range * 100.0, 1, lang))
        ));
        for g in &groups {
            let cell = g
                .weights
                .as_ref()
                .and_then(|w| w.get(j))
                .map_or("–".to_string(), |w| number::weight(*w, lang));
            row.push_str(&format!(" {cell:>11}"));
        }
        let mut spans = vec![Span::styled(row, th.text())];
        if d.spread.disputed {
            spans.push(Span::styled("  ⚠", th.bad()));
        }
        lines.push(Line::from(spans));
    }
    let counts: Vec<String> = groups
        .iter()
        .map(|g| format!("{} {}", gname(g), g.ballots))
        .collect();
    // The ⚠ legend only beside a ⚠ in the table; otherwise that none is disputed.
    let legend = if reveal.disputed().is_empty() {
        Span::styled(t.note_disputed_none.to_string(), th.dim())
    } else {
        Span::styled(format!("⚠ {}", t.disputed), th.bad())
    };
    lines.push(Line::from(vec![
        legend,
        Span::styled(
            format!(" · {}: {}", t.ballots, counts.join(" · ")),
            th.dim(),
        ),
    ]));
    if !reveal.choices.is_empty() {
        let parts: Vec<String> = reveal
            .choices
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(o, n)| {
                let name = o
                    .and_then(|o| state.catalogue.option(o))
                    .map_or(t.no_preference.to_string(), |i| {
                        i.short.get(lang).to_string()
                    });
                format!("{name} {n}")
            })
            .collect();
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", t.choices), th.heading()),
            Span::styled(parts.join(" · "), th.text()),
        ]));
    }
    if roomy {
        lines.push(Line::from(""));
    }
    lines.push(Line::from(Span::styled(t.effect, th.heading())));
    for s in &state.round.shifts {
        let name = |k: Option<&crate::core::catalogue::CandidateKey>| {
            k.map_or("–".to_string(), |k| {
                state.catalogue.candidate_name(*k, lang)
            })
        };
        let (b, a) = (s.before.first(), s.after.first());
        let text = if b == a {
            format!("{} ({})", name(a), t.unchanged)
        } else {
            format!("{} → {}", name(b), name(a))
        };
        lines.push(Line::from(vec![
            Span::styled(format!("  {}: ", s.name), th.text()),
            Span::styled(text, if b == a { th.dim() } else { th.good() }),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut c: String = s.chars().take(n.saturating_sub(1)).collect();
        c.push('…');
        c
    }
}
