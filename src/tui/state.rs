//! The TUI's state: the profile being discussed, the weights per municipality, the evaluations
//! the core computed from them, and where the facilitator is (screen, cursors, popup). Only
//! `action::update` changes it; views read it.

use std::path::PathBuf;

use crate::core::business_case::SetupResult;
use crate::core::catalogue::{Catalogue, DataClass};
use crate::core::profile::{Profile, Weights};
use crate::core::scoring::{self, AppliedRule, Evaluation, ScoreError};
use crate::core::text::Lang;
use crate::io::store::{BusinessCaseUi, SCHEMA, Session, WeightRecord};

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

/// Something the start screen can open.
#[derive(Debug, Clone, PartialEq)]
pub enum StartKind {
    /// The built-in demo profile.
    Demo,
    /// A shipped profile in `profiles/`.
    Shipped(PathBuf),
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
    /// The facilitator's notes.
    Notes,
    /// A number on the situation screen (the row's field).
    Number(SituationField),
    /// An input of the business case screen (edited in its row).
    BusinessCase(BcField),
    /// The file to export the decision note to (the format follows the extension).
    ExportPath,
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
}

/// A message in the status line.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

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
    pub notes: String,
    pub start_items: Vec<StartItem>,
    /// The terminal size, for mouse hit-testing with the same layout the views use.
    pub size: (u16, u16),
    /// Bumped on every change that belongs in the session (drives autosave).
    pub revision: u64,
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
}

impl State {
    /// A state on a profile, on the start screen, in Dutch.
    pub fn new(catalogue: Catalogue, profile: Profile, origin: Option<PathBuf>) -> State {
        let weights = initial_weights(&profile);
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
            start_items: vec![StartItem {
                kind: StartKind::Demo,
                label: crate::io::profile::demo().subject.name().to_string(),
            }],
            size: (80, 24),
            revision: 0,
            quit: false,
            previous_ranks: vec![],
            default_save_path: "wolkwijzer-sessie.toml".into(),
            theme: Theme::default(),
            elicit: vec![],
            weight_records: vec![],
            sensitivity_view: false,
            sensitivity_pane: 0,
            reveal: false,
            analyses: Analyses::default(),
            business_case: None,
            default_export_path: "besluitnotitie.html".into(),
            unsaved: false,
            quit_after_save: false,
            read_only: false,
            round: Default::default(),
        };
        s.recompute();
        s
    }

    /// Re-runs the core on every municipality's weights. Called after every change to the
    /// profile or the weights; views only read the result.
    pub fn recompute(&mut self) {
        let n = self.profile.subject.members().len().max(1);
        self.weights.resize(n, self.profile.weights.clone());
        self.member = self.member.min(n - 1);
        self.weight_records.resize(n, None);
        if self.elicit.len() != n {
            self.elicit = self.weights.iter().map(Elicitation::from_weights).collect();
        }
        self.evaluations = self
            .weights
            .iter()
            .enumerate()
            .map(|(m, w)| {
                let p = mcda::member_view(&self.profile, m, w);
                scoring::evaluate(&self.catalogue, &p)
            })
            .collect();
        self.rules_by_class = DataClass::ALL
            .iter()
            .map(|&d| (d, scoring::rules_for(&self.catalogue, &self.profile, d)))
            .collect();
        self.recompute_business_case();
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

    /// Re-runs the core for one municipality only: after a weight change nothing else moved.
    pub fn recompute_member(&mut self, m: usize) {
        let Some(w) = self.weights.get(m) else {
            return self.recompute();
        };
        let p = mcda::member_view(&self.profile, m, w);
        let e = scoring::evaluate(&self.catalogue, &p);
        match self.evaluations.get_mut(m) {
            Some(slot) => *slot = e,
            None => self.recompute(),
        }
    }

    /// The evaluation of the municipality in focus.
    pub fn evaluation(&self) -> Result<&Evaluation, &ScoreError> {
        match self.evaluations.get(self.member) {
            Some(Ok(e)) => Ok(e),
            Some(Err(e)) => Err(e),
            None => Err(&ScoreError::AllWeightsZero),
        }
    }

    /// The raw weights of the municipality in focus.
    pub fn member_weights(&self) -> &Weights {
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
        }
    }

    /// Takes over a restored session.
    pub fn apply_session(&mut self, s: Session) {
        self.profile = s.profile;
        self.origin = s.profile_path;
        self.weights = s.weights;
        self.lang = s.language;
        self.screen = Screen::from_id(&s.screen).unwrap_or(Screen::Situation);
        self.notes = s.notes;
        self.round.restore(s.round);
        self.member = 0;
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
        if self.screen != Screen::Comparison {
            return;
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
