//! The TUI's state: the profile being discussed, the weights per municipality, the evaluations
//! the core computed from them, and where the facilitator is (screen, cursors, popup). Only
//! `action::update` changes it; views read it.

use std::path::PathBuf;

use crate::core::business_case::SetupResult;
use crate::core::catalogue::{Catalogue, DataClass};
use crate::core::profile::{Profile, Weights};
use crate::core::scoring::{self, AppliedRule, Evaluation, ScoreError};
use crate::core::text::Lang;
use crate::io::store::{
    BlindRound, BusinessCaseUi, NoteKind, RoomNote, SCHEMA, Session, WeightRecord, WeightSet,
};

use super::mcda::{self, Analyses, Elicitation};

use super::theme::Theme;

/// The ten screens of the guided walk, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Start,
    Situation,
    Options,
    Layers,
    Deployments,
    Weights,
    Comparison,
    BusinessCase,
    Landscape,
    Summary,
}

impl Screen {
    /// Every screen, in the order of the walk.
    pub const ALL: [Screen; 10] = [
        Screen::Start,
        Screen::Situation,
        Screen::Options,
        Screen::Layers,
        Screen::Deployments,
        Screen::Weights,
        Screen::Comparison,
        Screen::BusinessCase,
        Screen::Landscape,
        Screen::Summary,
    ];

    /// 0-based position in the walk.
    pub fn index(self) -> usize {
        Screen::ALL.iter().position(|&s| s == self).unwrap_or(0)
    }

    /// The screen at a 0-based position (clamped).
    pub fn at(i: usize) -> Screen {
        Screen::ALL[i.min(Screen::ALL.len() - 1)]
    }

    /// The id stored in sessions.
    pub fn id(self) -> &'static str {
        match self {
            Screen::Start => "start",
            Screen::Situation => "situation",
            Screen::Options => "options",
            Screen::Layers => "layers",
            Screen::Deployments => "deployments",
            Screen::Weights => "weights",
            Screen::Comparison => "comparison",
            Screen::BusinessCase => "business_case",
            Screen::Landscape => "landscape",
            Screen::Summary => "summary",
        }
    }

    /// Parses a stored id.
    pub fn from_id(s: &str) -> Option<Screen> {
        Screen::ALL.iter().copied().find(|x| x.id() == s)
    }

    /// The next screen (wraps).
    pub fn next(self) -> Screen {
        Screen::at((self.index() + 1) % Screen::ALL.len())
    }

    /// The previous screen (wraps).
    pub fn prev(self) -> Screen {
        Screen::at((self.index() + Screen::ALL.len() - 1) % Screen::ALL.len())
    }
}

/// Each municipality's weights at the start: its own from the profile where given (a starter
/// group's blind round), else the profile's.
pub fn initial_weights(profile: &Profile) -> Vec<Weights> {
    profile
        .subject
        .members()
        .iter()
        .map(|m| m.weights.clone().unwrap_or_else(|| profile.weights.clone()))
        .collect()
}

/// Per member: whether the profile already gives its own weights (entered before the session).
pub fn initial_entered(profile: &Profile) -> Vec<bool> {
    profile
        .subject
        .members()
        .iter()
        .map(|m| m.weights.is_some())
        .collect()
}

/// Something the start screen can open.
#[derive(Debug, Clone, PartialEq)]
pub enum StartKind {
    /// The built-in demo profile.
    Demo,
    /// A shipped profile, embedded in the binary (its file name in `profiles/`).
    Shipped(&'static str),
    /// The user's own profile in the data directory.
    Own(PathBuf),
    /// The last autosaved session.
    Resume(PathBuf),
}

/// One line on the start screen.
#[derive(Debug, Clone, PartialEq)]
pub struct StartItem {
    pub kind: StartKind,
    /// The profile's title or file name.
    pub label: String,
}

/// What a text prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputPurpose {
    /// The file to save the session to.
    SavePath,
    /// Where to save before quitting, when the changes are only in memory.
    SaveBeforeQuit,
    /// A number on the situation screen (the row's field).
    Number(SituationField),
    /// An input of the business case screen (edited in its row).
    BusinessCase(BcField),
    /// The file to export the decision note to (the format follows the extension).
    ExportPath,
    /// The portfolio screen's search text (issue 16).
    PortfolioSearch,
    /// The portfolio file to import (issue 16; `~` expanded like the export path).
    PortfolioImport,
    /// The name to save the current weights under (issue 15, decision screens).
    WeightSetName,
}

/// An editable input on the business case screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BcField {
    /// The horizon in years (5–10).
    Horizon,
    /// The cost multiplier band: low / expected / high.
    CostBand,
    /// The benefit multiplier band: low / expected / high.
    BenefitBand,
    /// The delay band in months: low / expected / high.
    DelayBand,
    /// A one-off cost of the scenario (for a group: of the provider).
    OneOff(usize),
    /// A yearly operating cost (first-year amount).
    Operating(usize),
    /// An investment.
    Investment(usize),
    /// A benefit (EUR a year, or FTE for an efficiency benefit).
    Benefit(usize),
    /// A new yearly level of a measured line.
    Level(usize),
}

/// A field on the situation screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SituationField {
    Inhabitants,
    Workplaces,
    Current,
    /// The data class of workload `i`.
    Workload(usize),
}

/// A popup over the screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Popup {
    /// The key table.
    Help,
    /// "Why": the explanation of the comparison cell under the cursor.
    Why,
    /// A one-line text prompt.
    Input {
        purpose: InputPurpose,
        buffer: String,
    },
    /// The offer to restore an autosave newer than the profile.
    Restore(Box<Session>),
    /// The note editor: a multi-line text area (pastes arrive whole, never as keys).
    Note(Box<NoteEditor>),
    /// Every problem of a portfolio file that could not be imported (issue 16).
    PortfolioProblems(Box<super::screens::portfolio::Problems>),
}

/// A note being written: its kind and a multi-line text area.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    pub kind: NoteKind,
    pub area: ratatui_textarea::TextArea<'static>,
}

impl NoteEditor {
    /// An editor holding `text` (a draft kept from an earlier Esc, or nothing).
    pub fn new(kind: NoteKind, text: &str) -> NoteEditor {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(str::to_string).collect()
        };
        let mut area = ratatui_textarea::TextArea::new(lines);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        NoteEditor { kind, area }
    }

    /// The text typed so far, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }
}

impl PartialEq for NoteEditor {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind && self.area.lines() == other.area.lines()
    }
}

/// A message in the status line, in both languages: drawn in the room's language of the
/// moment (an `L` after it switches it too), and cleared by the next key (see `update`).
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub text: crate::core::text::Localized,
    pub error: bool,
}

impl Status {
    /// A message built per language by `f`.
    pub fn new(error: bool, f: impl Fn(Lang) -> String) -> Status {
        Status {
            text: crate::core::text::Localized::new(f(Lang::Nl), f(Lang::En)),
            error,
        }
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        self.text.get(lang)
    }
}

/// What `u` takes back: every focus's weights (the plenary ones included), how they were
/// obtained, the room's elicitation input, and the business case inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct Undoable {
    pub weights: Vec<Weights>,
    pub plenary: Weights,
    pub records: Vec<Option<WeightRecord>>,
    pub elicit: Vec<Elicitation>,
    pub business_case: Option<crate::core::business_case::BusinessCaseSetup>,
    /// Issue 17 (f17): what applying a voting round marks besides the weights; taken only for
    /// that step (`None` for every other edit, which leaves these marks alone).
    pub round: Option<RoundMarks>,
}

/// Issue 17 (f17): the marks applying a voting round sets — the round's "applied", which
/// municipalities count as having entered their weights, and whether the room is revealed —
/// so that `u` after `a` returns exactly to before `a`.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundMarks {
    pub applied: bool,
    pub entered: Vec<bool>,
    pub reveal: bool,
}

/// How many edits `u` can take back.
pub const UNDO_DEPTH: usize = 100;

/// Cursor positions per screen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cursors {
    pub start: usize,
    pub situation: usize,
    pub option: usize,
    /// Selected service-model column on the layers screen (0 = on-premises).
    pub model: usize,
    pub deployment: usize,
    pub weight: usize,
    pub cmp_row: usize,
    pub cmp_col: usize,
    pub landscape: usize,
    /// Scenario in focus on the business case screen.
    pub bc_scenario: usize,
    /// Input row in focus on the business case screen.
    pub bc_row: usize,
    /// tuib: how far each screen's long pane is scrolled (rows; by screen index), clamped by
    /// `widgets::scroll` when drawn and when moved.
    pub scroll: [usize; 10],
}

/// The whole TUI state.
#[derive(Debug, Clone)]
pub struct State {
    pub catalogue: Catalogue,
    pub profile: Profile,
    /// The profile file the session started from (`None` for the demo).
    pub origin: Option<PathBuf>,
    /// Raw weights per municipality (one entry for a single municipality).
    pub weights: Vec<Weights>,
    /// The core's evaluation per municipality, recomputed after every change.
    pub evaluations: Vec<Result<Evaluation, ScoreError>>,
    /// The placement rules per data class, as applied to this profile.
    pub rules_by_class: Vec<(DataClass, Vec<AppliedRule>)>,
    pub lang: Lang,
    pub screen: Screen,
    /// The municipality in focus (group profiles).
    pub member: usize,
    pub cursor: Cursors,
    /// Group view on the comparison screen.
    pub group_view: bool,
    pub popup: Option<Popup>,
    pub status: Option<Status>,
    /// Free notes of a schema-1 session (kept and shown; new notes are `room_notes`).
    pub notes: String,
    /// The room's notes, each typed as decision, action or open question.
    pub room_notes: Vec<RoomNote>,
    /// Weight sets the room saved under a name, to compare side by side.
    pub weight_sets: Vec<WeightSet>,
    /// Earlier states of the weights and business case inputs, newest last (`u`).
    pub undo: Vec<Undoable>,
    /// The weights as the profile gave them (per member, and the plenary ones): `U` resets.
    pub profile_weights: (Vec<Weights>, Weights),
    /// A note left with Esc: offered again by the next `n`, so no typing is lost.
    pub note_draft: Option<(NoteKind, String)>,
    pub start_items: Vec<StartItem>,
    /// The start item whose profile is open (`None`: one given with `-p`), and the screen to
    /// go to once a profile a digit opened has loaded.
    pub opened: Option<usize>,
    pub open_then: Option<Screen>,
    /// The home folder (for `~`) and the working folder (for relative paths) the export
    /// dialog resolves a typed path against, so it can show the full target.
    pub home_dir: Option<PathBuf>,
    pub work_dir: Option<PathBuf>,
    /// The export target the room was asked to confirm overwriting.
    pub confirm_overwrite: Option<PathBuf>,
    /// Where the user's own profiles go (shown on the start screen; `None`: no data folder).
    pub own_profiles_dir: Option<PathBuf>,
    /// The terminal size, for mouse hit-testing with the same layout the views use.
    pub size: (u16, u16),
    pub quit: bool,
    /// Ranks before the last weight change, to show how candidates moved.
    pub previous_ranks: Vec<(crate::core::catalogue::CandidateKey, usize)>,
    /// The file the `s` prompt proposes.
    pub default_save_path: String,
    pub theme: Theme,
    /// How each municipality's weights are being elicited (weights screen).
    pub elicit: Vec<Elicitation>,
    /// How each municipality's weights were obtained (`None`: direct points).
    pub weight_records: Vec<Option<WeightRecord>>,
    /// Sensitivity view on the comparison screen, and which of its panes is shown.
    pub sensitivity_view: bool,
    pub sensitivity_pane: usize,
    /// Group view: the other municipalities' weights are shown (entered blind until then).
    pub reveal: bool,
    /// Per member of a starter group: whether it has entered its weights (in the room, or
    /// given in the profile). The facilitator sees the count before the reveal.
    pub entered: Vec<bool>,
    /// The member whose weights are unmasked on screen during the blind round (the one at
    /// the keyboard); cleared when the focus moves on.
    pub entering: Option<usize>,
    /// Sensitivity and group analyses, computed in `update`, read by the views.
    pub analyses: Analyses,
    /// The business case of every scenario, evaluated by the core after every change
    /// (`None`: the profile has none; `Err`: the message of the core's error).
    pub business_case: Option<Result<SetupResult, String>>,
    /// The file the `e` prompt proposes (the format follows its extension).
    pub default_export_path: String,
    /// Changes live only in memory: the last autosave failed, or this instance does not
    /// autosave (read-only). `q` then asks where to save instead of quitting.
    pub unsaved: bool,
    /// Quit as soon as the save the quit prompt asked for succeeds.
    pub quit_after_save: bool,
    /// Another instance owns the data folder: this one does not autosave.
    pub read_only: bool,
    /// The voting round (issue 17): its view, the round and its ballots.
    pub round: super::screens::round::RoundUi,
    /// The application portfolio pane (issue 16), opened from the landscape screen.
    pub portfolio: super::screens::portfolio::Pane,
    /// tuib: the criterion scores of every candidate, derived once from the catalogue (they do
    /// not depend on the profile or the weights), so a weight change only re-weighs and
    /// re-ranks. Shared between clones; re-derived when the catalogue's candidates change.
    pub derived: std::sync::Arc<scoring::DerivedScores>,
    // Decision screens (issue 15, part A): UI only, not part of the session.
    /// Summary shows the decision in big, calm lines for the projector (`b`).
    pub projector: bool,
    /// Comparison shows the named weight sets side by side (`w`).
    pub weight_sets_view: bool,
    /// The named weight sets ranked for Comparison, computed in `update` (drawing never ranks).
    pub weight_set_cache: Option<super::screens::weight_sets::Cache>,
    /// A starter group's leaders by the profile's ranking (what its business case answers
    /// to), with the profile they were ranked from; computed in `update`.
    pub group_leaders: Option<(Profile, Vec<crate::core::catalogue::CandidateKey>)>,
}

impl State {
    /// A state on a profile, on the start screen, in Dutch.
    pub fn new(catalogue: Catalogue, profile: Profile, origin: Option<PathBuf>) -> State {
        let weights = initial_weights(&profile);
        let derived = std::sync::Arc::new(scoring::DerivedScores::of(&catalogue));
        let mut s = State {
            catalogue,
            profile,
            origin,
            weights,
            evaluations: vec![],
            rules_by_class: vec![],
            lang: Lang::Nl,
            screen: Screen::Start,
            member: 0,
            cursor: Cursors::default(),
            group_view: false,
            popup: None,
            status: None,
            notes: String::new(),
            room_notes: vec![],
            weight_sets: vec![],
            note_draft: None,
            undo: vec![],
            profile_weights: (vec![], Weights::from_pairs(&[])),
            start_items: vec![StartItem {
                kind: StartKind::Demo,
                label: crate::io::profile::demo().subject.name().to_string(),
            }],
            opened: Some(0),
            open_then: None,
            home_dir: None,
            work_dir: None,
            confirm_overwrite: None,
            own_profiles_dir: None,
            size: (80, 24),
            quit: false,
            previous_ranks: vec![],
            default_save_path: "wolkwijzer-sessie.toml".into(),
            theme: Theme::default(),
            elicit: vec![],
            weight_records: vec![],
            sensitivity_view: false,
            sensitivity_pane: 0,
            reveal: false,
            entered: vec![],
            entering: None,
            analyses: Analyses::default(),
            business_case: None,
            default_export_path: "besluitnotitie.html".into(),
            unsaved: false,
            quit_after_save: false,
            read_only: false,
            round: Default::default(),
            portfolio: Default::default(),
            derived,
            projector: false,
            weight_sets_view: false,
            weight_set_cache: None,
            group_leaders: None,
        };
        s.entered = initial_entered(&s.profile);
        s.profile_weights = (s.weights.clone(), s.profile.weights.clone());
        s.member = s.group_slot().unwrap_or(0);
        s.recompute();
        s
    }

    /// For a starter group, the focus index that stands for the group itself (its plenary
    /// weights and the group decision): one past the last member. `None` for one municipality.
    pub fn group_slot(&self) -> Option<usize> {
        self.is_group()
            .then(|| self.profile.subject.members().len())
    }

    /// Whether the focus is the group itself (plenary weights, group decision).
    pub fn focus_is_group(&self) -> bool {
        self.group_slot() == Some(self.member)
    }

    /// How many focus positions `m` cycles through: the members, plus the group.
    pub fn focus_count(&self) -> usize {
        self.profile.subject.members().len().max(1) + usize::from(self.is_group())
    }

    /// Whose result is on screen: the group's name or the focused municipality's.
    pub fn focus_name(&self) -> String {
        let members = self.profile.subject.members();
        match members.get(self.member) {
            Some(m) if self.is_group() => m.name.clone(),
            _ => self.profile.subject.name().to_string(),
        }
    }

    /// The raw weights at focus position `m` (the plenary weights for the group slot).
    pub fn weights_at_mut(&mut self, m: usize) -> Option<&mut Weights> {
        if self.group_slot() == Some(m) {
            Some(&mut self.profile.weights)
        } else {
            self.weights.get_mut(m)
        }
    }

    /// Whether the focused member's weights and derived results are hidden from the room:
    /// a starter group's blind round, before `r`, unless this member is the one entering.
    pub fn blind_hidden(&self) -> bool {
        self.is_group()
            && !self.reveal
            && !self.focus_is_group()
            && self.entering != Some(self.member)
    }

    /// The full file an export path typed in the dialog names: `~` is the home folder, a
    /// relative path is taken from the working folder.
    pub fn export_target(&self, typed: &str) -> PathBuf {
        let typed = typed.trim();
        let home = self.home_dir.as_deref();
        let expanded = match (typed.strip_prefix('~'), home) {
            (Some(rest), Some(h)) if rest.is_empty() || rest.starts_with(['/', '\\']) => {
                h.join(rest.trim_start_matches(['/', '\\']))
            }
            _ => PathBuf::from(typed),
        };
        match &self.work_dir {
            Some(w) if expanded.is_relative() => w.join(expanded),
            _ => expanded,
        }
    }

    /// The part of the state `u` can take back; `round_marks` (issue 17: for applying a voting
    /// round) includes the marks that step sets.
    pub fn undoable(&self, round_marks: bool) -> Undoable {
        Undoable {
            weights: self.weights.clone(),
            plenary: self.profile.weights.clone(),
            records: self.weight_records.clone(),
            elicit: self.elicit.clone(),
            business_case: self.profile.business_case.clone(),
            round: round_marks.then(|| RoundMarks {
                applied: self.round.applied,
                entered: self.entered.clone(),
                reveal: self.reveal,
            }),
        }
    }

    /// Puts an earlier state back and recomputes what follows from it.
    pub fn restore_undoable(&mut self, u: Undoable) {
        self.weights = u.weights;
        self.profile.weights = u.plenary;
        self.weight_records = u.records;
        self.elicit = u.elicit;
        self.profile.business_case = u.business_case;
        if let Some(m) = u.round {
            self.round.applied = m.applied;
            self.entered = m.entered;
            self.reveal = m.reveal;
        }
        self.previous_ranks.clear();
        self.recompute();
    }

    /// The warning when the weights in focus came from AHP judgements that are inconsistent
    /// (CR above Saaty's 0,10) and were applied anyway; shown wherever those weights are used.
    pub fn ahp_warning(&self) -> Option<String> {
        self.ahp_warning_text()
            .map(|w| w.get(self.lang).to_string())
    }

    /// [`Self::ahp_warning`] in both languages.
    pub fn ahp_warning_text(&self) -> Option<crate::core::text::Localized> {
        let rec = self.weight_records.get(self.member)?.as_ref()?;
        let crate::core::mcda::elicitation::WeightMethod::Ahp {
            consistency_ratio: Some(cr),
            ..
        } = rec.how
        else {
            return None;
        };
        let max = crate::core::mcda::ahp::CR_WARNING_THRESHOLD;
        let text = |lang| {
            crate::i18n::fill(
                crate::i18n::room(lang).ahp_inconsistent,
                &[
                    ("cr", &crate::report::number::decimal(cr, 3, lang)),
                    ("max", &crate::report::number::decimal(max, 2, lang)),
                ],
            )
        };
        (cr > max).then(|| crate::core::text::Localized::new(text(Lang::Nl), text(Lang::En)))
    }

    /// How many members have entered their weights, of how many.
    pub fn entered_count(&self) -> (usize, usize) {
        let n = self.profile.subject.members().len();
        (self.entered.iter().take(n).filter(|&&e| e).count(), n)
    }

    /// Re-runs the core on every municipality's weights. Called after every change to the
    /// profile or the weights; views only read the result.
    pub fn recompute(&mut self) {
        if !self.derived.fits(&self.catalogue) {
            self.derived = std::sync::Arc::new(scoring::DerivedScores::of(&self.catalogue));
        }
        let n = self.profile.subject.members().len().max(1);
        let slots = self.focus_count();
        self.weights.resize(n, self.profile.weights.clone());
        self.entered.resize(n, false);
        self.member = self.member.min(slots - 1);
        self.weight_records.resize(slots, None);
        if self.elicit.len() != slots {
            self.elicit = self.weights.iter().map(Elicitation::from_weights).collect();
            if self.is_group() {
                self.elicit
                    .push(Elicitation::from_weights(&self.profile.weights));
            }
        }
        self.evaluations = (0..slots).map(|m| self.evaluate_slot(m)).collect();
        self.rules_by_class = DataClass::ALL
            .iter()
            .map(|&d| (d, scoring::rules_for(&self.catalogue, &self.profile, d)))
            .collect();
        self.recompute_business_case();
        self.replace_portfolio();
    }

    /// Re-places the portfolio (issue 16) with the evaluation in focus.
    pub fn replace_portfolio(&mut self) {
        let ev = self
            .evaluations
            .get(self.member)
            .and_then(|e| e.as_ref().ok());
        self.portfolio.place(&self.catalogue, &self.profile, ev);
    }

    /// Re-runs the business case of every scenario (after an edit on its screen).
    pub fn recompute_business_case(&mut self) {
        self.business_case = self
            .profile
            .business_case
            .as_ref()
            .map(|setup| setup.evaluate(None, |_| true).map_err(|e| e.to_string()));
        let n = self
            .profile
            .business_case
            .as_ref()
            .map_or(1, |b| b.scenarios.len().max(1));
        self.cursor.bc_scenario = self.cursor.bc_scenario.min(n - 1);
    }

    /// The profile as the decision note sees it (see `Session::note_profile`).
    pub fn note_profile(&self) -> Profile {
        self.session().note_profile()
    }

    /// The evaluation at focus position `m`: a member's own (its weights and constraints),
    /// or for the group slot the group decision (plenary weights, admissible for all).
    fn evaluate_slot(&self, m: usize) -> Result<Evaluation, ScoreError> {
        // The same evaluations as `scoring::evaluate` and `group::group_decision`, on the
        // scores derived once (`derived`).
        match self.weights.get(m) {
            Some(w) if self.group_slot() != Some(m) => {
                let p = mcda::member_view(&self.profile, m, w);
                scoring::evaluate_derived(
                    &self.catalogue,
                    &self.derived,
                    &p,
                    &p.weights,
                    &p.constraints,
                )
            }
            _ => crate::core::group::group_decision_derived(
                &self.catalogue,
                &self.derived,
                &self.profile,
                None,
            ),
        }
    }

    /// Re-runs the core for one focus position only: after a weight change nothing else moved.
    pub fn recompute_member(&mut self, m: usize) {
        if m >= self.focus_count() {
            return self.recompute();
        }
        let e = self.evaluate_slot(m);
        match self.evaluations.get_mut(m) {
            Some(slot) => *slot = e,
            None => self.recompute(),
        }
        self.replace_portfolio();
    }

    /// The evaluation of the municipality in focus.
    pub fn evaluation(&self) -> Result<&Evaluation, &ScoreError> {
        match self.evaluations.get(self.member) {
            Some(Ok(e)) => Ok(e),
            Some(Err(e)) => Err(e),
            None => Err(&ScoreError::AllWeightsZero),
        }
    }

    /// The raw weights in focus (the plenary weights when the focus is the group).
    pub fn member_weights(&self) -> &Weights {
        if self.focus_is_group() {
            return &self.profile.weights;
        }
        self.weights
            .get(self.member)
            .unwrap_or(&self.profile.weights)
    }

    /// Whether the profile is a starter group.
    pub fn is_group(&self) -> bool {
        self.profile.subject.is_group()
    }

    /// The session to save: everything the room decided, nothing about cursors.
    pub fn session(&self) -> Session {
        Session {
            schema: SCHEMA,
            profile_path: self.origin.clone(),
            language: self.lang,
            screen: self.screen.id().into(),
            notes: self.notes.clone(),
            weights: self.weights.clone(),
            profile: self.profile.clone(),
            elicitation: self.weight_records.iter().flatten().cloned().collect(),
            business_case: self.profile.business_case.as_ref().map(|_| BusinessCaseUi {
                scenario: self.cursor.bc_scenario,
            }),
            round: self.round.round.clone(),
            room_notes: self.room_notes.clone(),
            blind: self.is_group().then(|| BlindRound {
                entered: (0..self.entered.len())
                    .filter(|&m| self.entered[m])
                    .collect(),
                revealed: self.reveal,
            }),
            weight_sets: self.weight_sets.clone(),
            portfolio: self.portfolio.imported.clone(),
        }
    }

    /// Takes over a restored session.
    pub fn apply_session(&mut self, s: Session) {
        // Issue 16: the imported portfolio file is read again (and compared) after the restore.
        self.portfolio = super::screens::portfolio::Pane::resumed(s.portfolio);
        self.profile = s.profile;
        self.origin = s.profile_path;
        self.weights = s.weights;
        self.lang = s.language;
        self.screen = Screen::from_id(&s.screen).unwrap_or(Screen::Situation);
        self.notes = s.notes;
        self.round.restore(s.round);
        self.undo.clear();
        self.room_notes = s.room_notes;
        self.weight_sets = s.weight_sets;
        self.member = 0;
        self.entered = initial_entered(&self.profile);
        self.reveal = false;
        self.entering = None;
        if let Some(b) = &s.blind {
            self.reveal = b.revealed;
            for &m in &b.entered {
                if let Some(slot) = self.entered.get_mut(m) {
                    *slot = true;
                }
            }
        }
        if let Some(g) = self.group_slot() {
            self.member = g;
        }
        self.cursor = Cursors::default();
        self.cursor.bc_scenario = s.business_case.map_or(0, |b| b.scenario);
        self.previous_ranks.clear();
        self.elicit.clear();
        self.weight_records.clear();
        self.recompute();
        for r in s.elicitation {
            if let Some(e) = self.elicit.get_mut(r.member) {
                e.restore(&r);
            }
            if let Some(slot) = self.weight_records.get_mut(r.member) {
                *slot = Some(r);
            }
        }
    }

    /// Keeps the sensitivity and group analyses in step with the weights when their view is
    /// open (cheap when nothing changed). Called by `update` after every action.
    pub fn refresh_analyses(&mut self) {
        if self.screen == Screen::BusinessCase && self.is_group() {
            super::screens::business_case::ensure_leaders(self);
        }
        // The projector view shows the SMAA first-rank share of the decision in focus.
        if self.screen == Screen::Summary && self.projector && !self.blind_hidden() {
            let input = mcda::member_view(&self.profile, self.member, self.member_weights());
            self.analyses.ensure_sensitivity(&self.catalogue, input);
            return;
        }
        if self.screen != Screen::Comparison {
            return;
        }
        if self.weight_sets_view {
            super::screens::weight_sets::ensure(self);
        }
        if self.group_view && self.is_group() {
            let input = mcda::group_view(&self.profile, &self.weights);
            self.analyses.ensure_group(&self.catalogue, input);
        } else if self.sensitivity_view {
            let input = mcda::member_view(&self.profile, self.member, self.member_weights());
            self.analyses.ensure_sensitivity(&self.catalogue, input);
        }
    }

    /// How many places a candidate moved up (positive) or down at the last weight change.
    pub fn movement(&self, key: crate::core::catalogue::CandidateKey, rank: usize) -> i64 {
        self.previous_ranks
            .iter()
            .find(|(k, _)| *k == key)
            .map(|&(_, before)| before as i64 - rank as i64)
            .unwrap_or(0)
    }
}
