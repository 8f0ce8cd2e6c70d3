//! A voting round: what the room is asked, the ballots (one per participant token, changeable
//! until the round closes), the live count, the reveal, and the member weights it yields.
//!
//! This file is pure: no sockets, no files, no randomness. The tokens are made by the caller
//! (`vote::token`); ballots arrive as form fields (`name = value` pairs) from a phone or a
//! ballot file and are validated here, so every way in passes the same checks.
//!
//! # Conventions
//! - **What is asked** ([`Question`]): *direct points* (0–10 per criterion, not all 0),
//!   *swing* (0–100 per criterion; the most valued swing is rated 100) or *pairwise AHP*
//!   judgements on Saaty's scale 1/9 … 9 for every pair of the criteria in play; optionally
//!   "which placement option would you choose" (or no preference).
//! - **Scope** ([`Scope`]): per municipality (each participant says which municipality they
//!   speak for, and each municipality's ballots are aggregated into its own weights) or for
//!   everyone (one pool, whose aggregate becomes every member's weights).
//! - **Aggregation** reuses [`crate::core::mcda::group`]: the arithmetic mean of the ballots'
//!   normalised weights for points and swing; the element-wise geometric mean of the
//!   judgement matrices (AIJ) for AHP, with the eigenvector weights.
//! - **Spread and disputed criteria** are `mcda::group::weight_spread` over the individual
//!   ballots (range above 10 percentage points is disputed); **consensus** is Kendall's W of
//!   the ballots' rankings of the criteria and the weight agreement, put in words with the
//!   same thresholds as the group view ([`ConsensusLevel`]: high from 0.7, moderate from 0.4;
//!   a wolkwijzer convention, not a published norm).
//! - **Blind**: while the round is open, only counts leave this module ([`Round::counts`]);
//!   [`Round::reveal`] refuses an open round.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::catalogue::{CandidateKey, Catalogue, PlacementOption};
use super::criteria::Criterion;
use super::group::member_profile;
use super::mcda::ahp::{self, AhpDerivation, DEFAULT_RANDOM_INDEX, PairwiseMatrix, upper_pairs};
use super::mcda::elicitation::{self, WeightMethod};
use super::mcda::group::{self as mgroup, CriterionSpread};
use super::profile::{Profile, Weights};
use super::scoring;

/// The version of the round record stored in a session.
pub const ROUND_SCHEMA: u32 = 1;
/// Highest direct point.
pub const MAX_POINTS: i64 = 10;
/// Highest swing rating (the top swing).
pub const MAX_SWING: i64 = 100;
/// Most ballots (participants) one round accepts: a workshop has 3–15 people per
/// municipality; this leaves room for a country-wide session and bounds memory.
pub const MAX_BALLOTS: usize = 5_000;
/// Longest participant name, in characters.
pub const MAX_NAME_CHARS: usize = 60;
/// Most fields one ballot may carry (21 AHP pairs for 7 criteria, plus municipality, name and
/// choice, with room to spare); more is refused before anything else is read.
pub const MAX_FIELDS: usize = 64;
/// Longest value of one field, in bytes.
pub const MAX_VALUE_BYTES: usize = 200;

/// What a round asks for the criteria in play.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Question {
    /// Direct points, 0–10 per criterion.
    Points,
    /// Swing weighting: 0–100 per criterion, the most valued swing 100.
    Swing,
    /// Pairwise AHP judgements, 1/9 … 9 per pair.
    Ahp,
}

impl Question {
    /// Every question, in the order the facilitator cycles through them.
    pub const ALL: [Question; 3] = [Question::Points, Question::Swing, Question::Ahp];

    /// The id used in files.
    pub fn id(self) -> &'static str {
        match self {
            Question::Points => "points",
            Question::Swing => "swing",
            Question::Ahp => "ahp",
        }
    }

    /// Parses an id.
    pub fn from_id(s: &str) -> Option<Question> {
        Question::ALL.into_iter().find(|q| q.id() == s)
    }
}

/// Whose weights the ballots become.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Each ballot speaks for one municipality.
    PerMunicipality,
    /// One pool for the whole room.
    Everyone,
}

/// What the round asks, of whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundSpec {
    pub question: Question,
    /// The criteria in play, in canonical order (at least two).
    pub criteria: Vec<Criterion>,
    /// Also ask "which option would you choose".
    pub ask_choice: bool,
    pub scope: Scope,
    /// The municipalities (one for a single-municipality profile), in profile order.
    pub municipalities: Vec<String>,
    /// Ballots carry the participant's name (otherwise anonymous, the default).
    pub named: bool,
}

/// Why a round cannot be opened as specified.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpecError {
    #[error("a round needs at least two criteria, it has {0}")]
    TooFewCriteria(usize),
    #[error("a round per municipality needs at least one municipality")]
    NoMunicipalities,
    #[error("criterion `{0}` appears twice")]
    DuplicateCriterion(Criterion),
}

impl RoundSpec {
    /// Checks the spec.
    ///
    /// # Errors
    /// Fewer than two criteria, a criterion twice, or no municipality per municipality.
    pub fn validate(&self) -> Result<(), SpecError> {
        if self.criteria.len() < 2 {
            return Err(SpecError::TooFewCriteria(self.criteria.len()));
        }
        for (i, c) in self.criteria.iter().enumerate() {
            if self.criteria[..i].contains(c) {
                return Err(SpecError::DuplicateCriterion(*c));
            }
        }
        if self.scope == Scope::PerMunicipality && self.municipalities.is_empty() {
            return Err(SpecError::NoMunicipalities);
        }
        Ok(())
    }

    /// The form field of criterion `c`'s points or swing rating.
    pub fn value_field(&self, c: Criterion) -> String {
        match self.question {
            Question::Swing => format!("swing.{}", c.id()),
            _ => format!("points.{}", c.id()),
        }
    }

    /// The pairs `(a, b)` judged in an AHP round, in upper-triangle order.
    pub fn pairs(&self) -> Vec<(Criterion, Criterion)> {
        upper_pairs(self.criteria.len())
            .map(|(i, j)| (self.criteria[i], self.criteria[j]))
            .collect()
    }

    /// The form field of the judgement "how much more important is `a` than `b`".
    pub fn pair_field(a: Criterion, b: Criterion) -> String {
        format!("ahp.{}.{}", a.id(), b.id())
    }

    /// Every field a ballot of this round may carry.
    pub fn fields(&self) -> Vec<String> {
        let mut f = vec![];
        if self.scope == Scope::PerMunicipality {
            f.push("municipality".to_string());
        }
        if self.named {
            f.push("name".to_string());
        }
        match self.question {
            Question::Points | Question::Swing => {
                f.extend(self.criteria.iter().map(|&c| self.value_field(c)))
            }
            Question::Ahp => f.extend(
                self.pairs()
                    .into_iter()
                    .map(|(a, b)| Self::pair_field(a, b)),
            ),
        }
        if self.ask_choice {
            f.push("choice".to_string());
        }
        f
    }

    /// Validates a ballot given as `field = value` pairs (a form or a ballot file). Every
    /// problem is reported, each with its field.
    ///
    /// # Errors
    /// The list of problems (never empty).
    pub fn validate_ballot(&self, fields: &[(String, String)]) -> Result<Ballot, Vec<Problem>> {
        let mut problems = vec![];
        if fields.len() > MAX_FIELDS {
            return Err(vec![Problem::new(
                "",
                ProblemKind::TooManyFields { max: MAX_FIELDS },
            )]);
        }
        let allowed = self.fields();
        let mut given: BTreeMap<&str, &str> = BTreeMap::new();
        for (k, v) in fields {
            if !allowed.iter().any(|a| a == k) {
                problems.push(Problem::new(k, ProblemKind::Unknown));
            } else if v.len() > MAX_VALUE_BYTES {
                problems.push(Problem::new(
                    k,
                    ProblemKind::TooLong {
                        max: MAX_VALUE_BYTES,
                    },
                ));
            } else if given.insert(k.as_str(), v.trim()).is_some() {
                problems.push(Problem::new(k, ProblemKind::Duplicate));
            }
        }
        let municipality = match self.scope {
            Scope::Everyone => None,
            Scope::PerMunicipality => match given.get("municipality") {
                None | Some(&"") => {
                    problems.push(Problem::new("municipality", ProblemKind::Missing));
                    None
                }
                Some(v) => match self.municipalities.iter().position(|m| m == v) {
                    Some(i) => Some(i),
                    None => {
                        problems.push(Problem::new(
                            "municipality",
                            ProblemKind::UnknownMunicipality {
                                value: (*v).to_string(),
                                allowed: self.municipalities.clone(),
                            },
                        ));
                        None
                    }
                },
            },
        };
        let name = if self.named {
            match given.get("name").copied().unwrap_or("") {
                "" => {
                    problems.push(Problem::new("name", ProblemKind::Missing));
                    None
                }
                n if n.chars().count() > MAX_NAME_CHARS => {
                    problems.push(Problem::new(
                        "name",
                        ProblemKind::TooLong {
                            max: MAX_NAME_CHARS,
                        },
                    ));
                    None
                }
                n if n.chars().any(super::safe_text::is_unsafe) => {
                    problems.push(Problem::new("name", ProblemKind::ControlCharacter));
                    None
                }
                n => Some(n.to_string()),
            }
        } else {
            None
        };
        let answer = match self.question {
            Question::Points | Question::Swing => {
                let max = if self.question == Question::Swing {
                    MAX_SWING
                } else {
                    MAX_POINTS
                };
                let mut values = vec![];
                for &c in &self.criteria {
                    let field = self.value_field(c);
                    match given.get(field.as_str()) {
                        None | Some(&"") => {
                            problems.push(Problem::new(&field, ProblemKind::Missing))
                        }
                        Some(v) => match v.parse::<i64>() {
                            Ok(n) if (0..=max).contains(&n) => values.push(n as u32),
                            Ok(n) => problems.push(Problem::new(
                                &field,
                                ProblemKind::OutOfRange {
                                    value: n,
                                    min: 0,
                                    max,
                                },
                            )),
                            Err(_) => problems.push(Problem::new(
                                &field,
                                ProblemKind::NotAWholeNumber {
                                    value: (*v).to_string(),
                                },
                            )),
                        },
                    }
                }
                if values.len() == self.criteria.len() {
                    let top = values.iter().copied().max().unwrap_or(0);
                    if top == 0 {
                        problems.push(Problem::new("", ProblemKind::AllZero));
                    } else if self.question == Question::Swing && i64::from(top) != MAX_SWING {
                        problems.push(Problem::new("", ProblemKind::SwingTopNot100 { top }));
                    }
                }
                match self.question {
                    Question::Swing => Answer::Swing { ratings: values },
                    _ => Answer::Points { points: values },
                }
            }
            Question::Ahp => {
                let mut judgements = vec![];
                for (a, b) in self.pairs() {
                    let field = Self::pair_field(a, b);
                    match given.get(field.as_str()) {
                        None | Some(&"") => {
                            problems.push(Problem::new(&field, ProblemKind::Missing))
                        }
                        Some(v) => match Judgement::parse(v) {
                            Some(j) => judgements.push(j),
                            None => problems.push(Problem::new(
                                &field,
                                ProblemKind::NotOnScale {
                                    value: (*v).to_string(),
                                },
                            )),
                        },
                    }
                }
                Answer::Ahp { judgements }
            }
        };
        let choice = if self.ask_choice {
            match given.get("choice").copied().unwrap_or("") {
                "" | "none" => None,
                v => match PlacementOption::from_id(v) {
                    Some(o) => Some(o),
                    None => {
                        problems.push(Problem::new(
                            "choice",
                            ProblemKind::UnknownOption {
                                value: v.to_string(),
                            },
                        ));
                        None
                    }
                },
            }
        } else {
            None
        };
        if problems.is_empty() {
            Ok(Ballot {
                municipality,
                name,
                answer,
                choice,
            })
        } else {
            Err(problems)
        }
    }
}

/// One problem with a ballot: the field and what is wrong (the view words it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The form field (`points.privacy`, `ahp.privacy.control`, `municipality`, …); empty for
    /// the ballot as a whole.
    pub field: String,
    pub kind: ProblemKind,
}

impl Problem {
    fn new(field: &str, kind: ProblemKind) -> Problem {
        Problem {
            field: field.to_string(),
            kind,
        }
    }
}

/// What is wrong with a ballot field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// The field is required and empty.
    Missing,
    /// The field is not part of this round.
    Unknown,
    /// The field is given twice.
    Duplicate,
    /// The value is longer than allowed.
    TooLong { max: usize },
    /// The ballot has more fields than any ballot can have.
    TooManyFields { max: usize },
    /// A control or bidi character in a name.
    ControlCharacter,
    /// Not a whole number.
    NotAWholeNumber { value: String },
    /// A whole number outside the allowed range.
    OutOfRange { value: i64, min: i64, max: i64 },
    /// Every criterion got 0.
    AllZero,
    /// Swing: the highest rating is not 100.
    SwingTopNot100 { top: u32 },
    /// Not one of 1/9 … 9 on Saaty's scale.
    NotOnScale { value: String },
    /// Not one of the round's municipalities.
    UnknownMunicipality { value: String, allowed: Vec<String> },
    /// Not a placement option id.
    UnknownOption { value: String },
}

/// One AHP judgement on Saaty's scale: `n` in 1…9 means the first criterion is `n` times as
/// important as the second, `-n` (n in 2…9) the reverse (the value 1/n).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Judgement(i8);

impl Judgement {
    /// Every judgement from "the second 9 times as important" to "the first 9 times", in the
    /// order a form lists them.
    pub fn scale() -> Vec<Judgement> {
        (-9..=9)
            .filter(|&n| n != 0 && n != -1)
            .map(Judgement)
            .collect()
    }

    /// Parses `"3"`, `"1/3"` or `"1"`.
    pub fn parse(s: &str) -> Option<Judgement> {
        let s = s.trim();
        if let Some(d) = s.strip_prefix("1/") {
            let n: i8 = d.trim().parse().ok()?;
            return (2..=9).contains(&n).then_some(Judgement(-n));
        }
        let n: i8 = s.parse().ok()?;
        (1..=9).contains(&n).then_some(Judgement(n))
    }

    /// The value: `n` or `1/n`.
    pub fn value(self) -> f64 {
        if self.0 > 0 {
            f64::from(self.0)
        } else {
            1.0 / f64::from(-self.0)
        }
    }

    /// Which criterion is favoured (`None`: equal) and how strongly (1–9).
    pub fn favoured(self) -> (Option<bool>, u8) {
        match self.0 {
            1 => (None, 1),
            n if n > 0 => (Some(true), n as u8),
            n => (Some(false), (-n) as u8),
        }
    }
}

impl std::fmt::Display for Judgement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0 > 0 {
            write!(f, "{}", self.0)
        } else {
            write!(f, "1/{}", -self.0)
        }
    }
}

impl From<Judgement> for String {
    fn from(j: Judgement) -> String {
        j.to_string()
    }
}

impl TryFrom<String> for Judgement {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Judgement::parse(&s).ok_or_else(|| format!("`{s}` is not on Saaty's scale 1/9 … 9"))
    }
}

/// A participant's answer, in the spec's criterion order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answer {
    Points { points: Vec<u32> },
    Swing { ratings: Vec<u32> },
    Ahp { judgements: Vec<Judgement> },
}

impl Answer {
    /// The normalised weights this answer gives (AHP: the principal eigenvector), and the
    /// consistency ratio for AHP.
    ///
    /// # Errors
    /// A message when the core refuses the answer (cannot happen for a validated ballot).
    pub fn weights(&self, n: usize) -> Result<(Vec<f64>, Option<f64>), String> {
        match self {
            Answer::Points { points } => {
                let p: Vec<f64> = points.iter().map(|&x| f64::from(x)).collect();
                elicitation::direct_points(&p)
                    .map(|e| (e.weights, None))
                    .map_err(|e| e.to_string())
            }
            Answer::Swing { ratings } => {
                let r: Vec<f64> = ratings.iter().map(|&x| f64::from(x)).collect();
                let mut order: Vec<usize> = (0..r.len()).collect();
                order.sort_by(|&a, &b| r[b].total_cmp(&r[a]).then(a.cmp(&b)));
                elicitation::swing(&order, &r)
                    .map(|e| (e.weights, None))
                    .map_err(|e| e.to_string())
            }
            Answer::Ahp { .. } => {
                let m = self.matrix(n)?;
                let a = ahp::analyse(&m, DEFAULT_RANDOM_INDEX).map_err(|e| e.to_string())?;
                Ok((a.eigenvector_weights, a.consistency_ratio))
            }
        }
    }

    /// The judgement matrix of an AHP answer.
    ///
    /// # Errors
    /// Not an AHP answer, or the wrong number of judgements.
    pub fn matrix(&self, n: usize) -> Result<PairwiseMatrix, String> {
        match self {
            Answer::Ahp { judgements } => {
                let upper: Vec<f64> = judgements.iter().map(|j| j.value()).collect();
                PairwiseMatrix::from_upper_triangle(n, &upper).map_err(|e| e.to_string())
            }
            _ => Err("not an AHP answer".into()),
        }
    }
}

/// One validated ballot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ballot {
    /// Index into [`RoundSpec::municipalities`]; `None` in a round for everyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<usize>,
    /// The participant's name, in a named round only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub answer: Answer,
    /// "Which option would you choose", when asked and answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<PlacementOption>,
}

impl Ballot {
    /// The ballot as `field = value` pairs: what a form or a ballot file carries, so that it
    /// can be validated again on the way in.
    pub fn to_fields(&self, spec: &RoundSpec) -> Vec<(String, String)> {
        let mut f = vec![];
        if let Some(m) = self.municipality.and_then(|m| spec.municipalities.get(m)) {
            f.push(("municipality".to_string(), m.clone()));
        }
        if let Some(n) = &self.name {
            f.push(("name".to_string(), n.clone()));
        }
        match &self.answer {
            Answer::Points { points: v } | Answer::Swing { ratings: v } => {
                for (&c, x) in spec.criteria.iter().zip(v) {
                    f.push((spec.value_field(c), x.to_string()));
                }
            }
            Answer::Ahp { judgements } => {
                for ((a, b), j) in spec.pairs().into_iter().zip(judgements) {
                    f.push((RoundSpec::pair_field(a, b), j.to_string()));
                }
            }
        }
        if spec.ask_choice {
            let c = self.choice.map_or("none", |o| o.id());
            f.push(("choice".to_string(), c.to_string()));
        }
        f
    }
}

/// Open or closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundStatus {
    Open,
    Closed,
}

/// What happened to a cast ballot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cast {
    /// A participant's first ballot.
    New,
    /// A participant changed their ballot.
    Changed,
}

/// Why a ballot was refused by the round (after validation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CastError {
    #[error("the round is closed")]
    Closed,
    #[error("the round already has the most ballots it accepts ({MAX_BALLOTS})")]
    Full,
}

/// A round and its ballots: what the session stores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Round {
    /// [`ROUND_SCHEMA`] when written.
    pub version: u32,
    /// The join code shown in the room.
    pub code: String,
    pub spec: RoundSpec,
    pub status: RoundStatus,
    /// Ballot per participant token. Kept in token order (random), not arrival order, so the
    /// order says nothing about who voted when.
    pub ballots: BTreeMap<String, Ballot>,
}

impl Round {
    /// Opens a round.
    ///
    /// # Errors
    /// As [`RoundSpec::validate`].
    pub fn open(code: String, spec: RoundSpec) -> Result<Round, SpecError> {
        spec.validate()?;
        Ok(Round {
            version: ROUND_SCHEMA,
            code,
            spec,
            status: RoundStatus::Open,
            ballots: BTreeMap::new(),
        })
    }

    /// Checks a round read back from a session with the same rules as a ballot from a phone:
    /// the version, the spec, and every ballot through [`RoundSpec::validate_ballot`] (so a
    /// hand-edited session can carry nothing a phone could not send).
    ///
    /// # Errors
    /// What is wrong, naming the ballot by its position.
    pub fn check(&self) -> Result<(), String> {
        if self.version != ROUND_SCHEMA {
            return Err(format!(
                "round version {} is not supported (expected {ROUND_SCHEMA})",
                self.version
            ));
        }
        self.spec.validate().map_err(|e| e.to_string())?;
        if self.ballots.len() > MAX_BALLOTS {
            return Err(format!("more than {MAX_BALLOTS} ballots"));
        }
        for (i, b) in self.ballots.values().enumerate() {
            let again = self.spec.validate_ballot(&b.to_fields(&self.spec));
            if again.as_ref() != Ok(b) {
                return Err(format!(
                    "ballot {} does not fit the round (its municipality, answers or choice)",
                    i + 1
                ));
            }
        }
        Ok(())
    }

    /// Whether ballots are accepted.
    pub fn is_open(&self) -> bool {
        self.status == RoundStatus::Open
    }

    /// Casts (or changes) the ballot of `token`.
    ///
    /// # Errors
    /// [`CastError::Closed`] after close; [`CastError::Full`] for a new token past
    /// [`MAX_BALLOTS`]. Nothing changes on an error.
    pub fn cast(&mut self, token: &str, ballot: Ballot) -> Result<Cast, CastError> {
        if !self.is_open() {
            return Err(CastError::Closed);
        }
        let full = self.ballots.len() >= MAX_BALLOTS;
        match self.ballots.get_mut(token) {
            Some(slot) => {
                *slot = ballot;
                Ok(Cast::Changed)
            }
            None if full => Err(CastError::Full),
            None => {
                self.ballots.insert(token.to_string(), ballot);
                Ok(Cast::New)
            }
        }
    }

    /// Closes the round: no ballot is accepted afterwards.
    pub fn close(&mut self) {
        self.status = RoundStatus::Closed;
    }

    /// The live count: ballots per municipality (one line, the round's total, for everyone).
    /// Never their content.
    pub fn counts(&self) -> Vec<usize> {
        match self.spec.scope {
            Scope::Everyone => vec![self.ballots.len()],
            Scope::PerMunicipality => {
                let mut c = vec![0; self.spec.municipalities.len()];
                for b in self.ballots.values() {
                    if let Some(slot) = b.municipality.and_then(|m| c.get_mut(m)) {
                        *slot += 1;
                    }
                }
                c
            }
        }
    }

    /// The reveal of a closed round.
    ///
    /// # Errors
    /// [`RevealError::Open`] while blind; [`RevealError::NoBallots`]; [`RevealError::Core`]
    /// when the core refuses a stored ballot (a hand-edited session).
    pub fn reveal(&self) -> Result<Reveal, RevealError> {
        if self.is_open() {
            return Err(RevealError::Open);
        }
        if self.ballots.is_empty() {
            return Err(RevealError::NoBallots);
        }
        let n = self.spec.criteria.len();
        let mut weights = vec![];
        let mut inconsistent = 0;
        for b in self.ballots.values() {
            let (w, cr) = b.answer.weights(n).map_err(RevealError::Core)?;
            if w.len() != n {
                return Err(RevealError::Core(format!(
                    "a ballot has {} values for {n} criteria",
                    w.len()
                )));
            }
            if cr.is_some_and(|cr| cr > ahp::CR_WARNING_THRESHOLD) {
                inconsistent += 1;
            }
            weights.push(w);
        }
        let core = |e: super::mcda::McdaError| RevealError::Core(e.to_string());
        let spreads = mgroup::weight_spread(&weights).map_err(core)?;
        let distribution = spreads
            .iter()
            .map(|s| {
                let mut column: Vec<f64> = weights.iter().map(|w| w[s.criterion]).collect();
                column.sort_by(f64::total_cmp);
                Distribution {
                    criterion: self.spec.criteria[s.criterion],
                    median: median(&column),
                    mean: column.iter().sum::<f64>() / column.len() as f64,
                    spread: s.clone(),
                }
            })
            .collect();
        let kendall_w = mgroup::kendall_w(&weights);
        let weight_agreement = mgroup::weight_agreement(&weights).map_err(core)?;
        let groups = self.group_results(&weights)?;
        let choices = if self.spec.ask_choice {
            let mut c: Vec<(Option<PlacementOption>, usize)> = PlacementOption::ALL
                .iter()
                .map(|&o| (Some(o), 0))
                .chain([(None, 0)])
                .collect();
            for b in self.ballots.values() {
                if let Some(slot) = c.iter_mut().find(|(o, _)| *o == b.choice) {
                    slot.1 += 1;
                }
            }
            c
        } else {
            vec![]
        };
        let named = if self.spec.named {
            let mut v: Vec<(String, Vec<f64>)> = self
                .ballots
                .values()
                .zip(&weights)
                .map(|(b, w)| (b.name.clone().unwrap_or_default(), w.clone()))
                .collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        } else {
            vec![]
        };
        Ok(Reveal {
            question: self.spec.question,
            criteria: self.spec.criteria.clone(),
            ballots: weights.len(),
            distribution,
            consensus: Consensus {
                kendall_w,
                weight_agreement,
                level: ConsensusLevel::of(kendall_w),
            },
            groups,
            choices,
            inconsistent_ahp: inconsistent,
            named,
        })
    }

    fn group_results(&self, weights: &[Vec<f64>]) -> Result<Vec<GroupResult>, RevealError> {
        let names: Vec<String> = match self.spec.scope {
            Scope::Everyone => vec![String::new()],
            Scope::PerMunicipality => self.spec.municipalities.clone(),
        };
        let n = self.spec.criteria.len();
        let mut out = vec![];
        for (g, name) in names.into_iter().enumerate() {
            let members: Vec<(&Ballot, &Vec<f64>)> = self
                .ballots
                .values()
                .zip(weights)
                .filter(|(b, _)| self.spec.scope == Scope::Everyone || b.municipality == Some(g))
                .collect();
            if members.is_empty() {
                out.push(GroupResult {
                    name,
                    ballots: 0,
                    weights: None,
                    consistency_ratio: None,
                    method: None,
                });
                continue;
            }
            let core = |e: super::mcda::McdaError| RevealError::Core(e.to_string());
            let (w, cr) = match self.spec.question {
                Question::Ahp => {
                    let matrices = members
                        .iter()
                        .map(|(b, _)| b.answer.matrix(n))
                        .collect::<Result<Vec<_>, _>>()
                        .map_err(RevealError::Core)?;
                    let (analysis, e) = mgroup::group_ahp(
                        &matrices,
                        DEFAULT_RANDOM_INDEX,
                        AhpDerivation::Eigenvector,
                    )
                    .map_err(core)?;
                    (e, analysis.consistency_ratio)
                }
                _ => {
                    let ws: Vec<Vec<f64>> = members.iter().map(|(_, w)| (*w).clone()).collect();
                    (mgroup::mean_weights(&ws).map_err(core)?, None)
                }
            };
            out.push(GroupResult {
                name,
                ballots: members.len(),
                weights: Some(w.weights),
                consistency_ratio: cr,
                method: Some(w.method),
            });
        }
        Ok(out)
    }
}

fn median(sorted: &[f64]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// Why a round cannot be revealed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RevealError {
    #[error("the round is still open (blind): close it first")]
    Open,
    #[error("the round has no ballots")]
    NoBallots,
    #[error("a stored ballot is refused: {0}")]
    Core(String),
}

/// Consensus in words, from Kendall's W (the group view's thresholds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsensusLevel {
    /// W ≥ 0.7.
    High,
    /// 0.4 ≤ W < 0.7.
    Moderate,
    /// W < 0.4.
    Low,
}

impl ConsensusLevel {
    /// The level of a Kendall's W.
    pub fn of(w: f64) -> ConsensusLevel {
        if w >= 0.7 {
            ConsensusLevel::High
        } else if w >= 0.4 {
            ConsensusLevel::Moderate
        } else {
            ConsensusLevel::Low
        }
    }
}

/// The consensus of a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Consensus {
    /// Kendall's W of the ballots' rankings of the criteria (1 for a single ballot).
    pub kendall_w: f64,
    /// One minus the mean total-variation distance between two ballots' weights.
    pub weight_agreement: f64,
    pub level: ConsensusLevel,
}

/// One criterion's weights across all ballots.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Distribution {
    pub criterion: Criterion,
    pub median: f64,
    pub mean: f64,
    /// Min, max, range, standard deviation and whether it is disputed.
    pub spread: CriterionSpread,
}

/// One municipality's (or, for everyone, the room's) aggregated result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupResult {
    /// The municipality (empty for a round for everyone).
    pub name: String,
    pub ballots: usize,
    /// Aggregated normalised weights, in the spec's criterion order; `None` without ballots.
    pub weights: Option<Vec<f64>>,
    /// AHP: the consistency ratio of the aggregated judgements.
    pub consistency_ratio: Option<f64>,
    /// How the weights were aggregated (the mean, or AHP on the judgements' geometric mean);
    /// `None` without ballots.
    #[serde(skip)]
    pub method: Option<WeightMethod>,
}

/// What the reveal shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reveal {
    pub question: Question,
    pub criteria: Vec<Criterion>,
    /// Number of ballots.
    pub ballots: usize,
    pub distribution: Vec<Distribution>,
    pub consensus: Consensus,
    /// Per municipality in profile order (one entry, for everyone).
    pub groups: Vec<GroupResult>,
    /// Votes per placement option (`None`: no preference), when asked.
    pub choices: Vec<(Option<PlacementOption>, usize)>,
    /// AHP ballots whose consistency ratio is above 0.10.
    pub inconsistent_ahp: usize,
    /// In a named round: each participant's name and weights, by name.
    pub named: Vec<(String, Vec<f64>)>,
}

impl Reveal {
    /// The criteria flagged as disputed.
    pub fn disputed(&self) -> Vec<Criterion> {
        self.distribution
            .iter()
            .filter(|d| d.spread.disputed)
            .map(|d| d.criterion)
            .collect()
    }

    /// The member weights the round yields, for the group state: each municipality with
    /// ballots gets its aggregated weights on the round's criteria, scaled so that the
    /// heaviest is 10 (the top of the TUI's sliders; only ratios matter) and rounded to two
    /// decimals; the others keep `current`. For everyone, every
    /// member gets the room's aggregate.
    pub fn member_weights(&self, current: &[Weights]) -> Vec<Weights> {
        current
            .iter()
            .enumerate()
            .map(|(m, w)| {
                let group = if self.groups.len() == 1 && self.groups[0].name.is_empty() {
                    self.groups.first()
                } else {
                    self.groups.get(m)
                };
                match group.and_then(|g| g.weights.as_ref()) {
                    Some(agg) => self.scaled(agg, w),
                    None => w.clone(),
                }
            })
            .collect()
    }

    /// The group's (plenary) weights the round yields: the mean of the municipalities'
    /// aggregated weights, each municipality counting once (for everyone: the room's
    /// aggregate), scaled and rounded as [`Reveal::member_weights`], on top of `current` for
    /// criteria the round did not ask. `None` when no municipality has ballots.
    ///
    /// With the weights comes how they were obtained: the mean of the municipalities, or for
    /// everyone the room's own aggregation.
    pub fn group_weights(&self, current: &Weights) -> Option<(Weights, WeightMethod)> {
        if let [only] = self.groups.as_slice()
            && only.name.is_empty()
        {
            let w = only.weights.as_ref()?;
            let how = only.method.clone()?;
            return Some((self.scaled(w, current), how));
        }
        let voted: Vec<&Vec<f64>> = self
            .groups
            .iter()
            .filter_map(|g| g.weights.as_ref())
            .collect();
        if voted.is_empty() {
            return None;
        }
        let n = voted.len() as f64;
        let mean: Vec<f64> = (0..self.criteria.len())
            .map(|j| {
                voted
                    .iter()
                    .map(|w| w.get(j).copied().unwrap_or(0.0))
                    .sum::<f64>()
                    / n
            })
            .collect();
        let how = WeightMethod::GroupMean {
            members: voted.len(),
        };
        Some((self.scaled(&mean, current), how))
    }

    /// `agg` (normalised, in the round's criterion order) on the sliders' scale: the heaviest
    /// 10, two decimals; the other criteria as in `base`.
    fn scaled(&self, agg: &[f64], base: &Weights) -> Weights {
        let top = agg.iter().copied().fold(0.0, f64::max);
        let mut out = base.clone();
        for (&c, &x) in self.criteria.iter().zip(agg) {
            let scaled = if top > 0.0 { x / top * 10.0 } else { 0.0 };
            out.set(c, (scaled * 100.0).round() / 100.0);
        }
        out
    }
}

/// A municipality's ranking before and after the round's weights.
#[derive(Debug, Clone, PartialEq)]
pub struct RankingShift {
    pub name: String,
    /// Its ranking (best first) with the weights before the round.
    pub before: Vec<CandidateKey>,
    /// Its ranking with the round's weights.
    pub after: Vec<CandidateKey>,
}

/// The effect of the round on each municipality's ranking (its own constraints apply).
/// A municipality whose weights are all zero gets an empty ranking.
pub fn ranking_effect(
    catalogue: &Catalogue,
    profile: &Profile,
    before: &[Weights],
    after: &[Weights],
) -> Vec<RankingShift> {
    let members = profile.subject.members();
    let rank = |m: usize, w: &Weights| -> Vec<CandidateKey> {
        let mut p = match members.get(m) {
            Some(member) if profile.subject.is_group() => member_profile(profile, member),
            _ => profile.clone(),
        };
        p.weights = w.clone();
        scoring::evaluate(catalogue, &p)
            .map(|e| e.ranking.iter().map(|r| r.key).collect())
            .unwrap_or_default()
    };
    members
        .iter()
        .enumerate()
        .zip(before.iter().zip(after))
        .map(|((m, member), (b, a))| RankingShift {
            name: member.name.clone(),
            before: rank(m, b),
            after: rank(m, a),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn spec(question: Question) -> RoundSpec {
        RoundSpec {
            question,
            criteria: vec![
                Criterion::Privacy,
                Criterion::CostPredictability,
                Criterion::Control,
            ],
            ask_choice: true,
            scope: Scope::PerMunicipality,
            municipalities: vec!["Aa".into(), "Bee".into()],
            named: false,
        }
    }

    fn f(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn points(m: &str, p: [&str; 3]) -> Vec<(String, String)> {
        f(&[
            ("municipality", m),
            ("points.privacy", p[0]),
            ("points.cost_predictability", p[1]),
            ("points.control", p[2]),
            ("choice", "ssc"),
        ])
    }

    #[test]
    fn a_valid_points_ballot_passes_and_round_trips_through_its_fields() {
        let s = spec(Question::Points);
        let b = s.validate_ballot(&points("Bee", ["8", "2", "5"])).unwrap();
        assert_eq!(b.municipality, Some(1));
        assert_eq!(
            b.answer,
            Answer::Points {
                points: vec![8, 2, 5]
            }
        );
        assert_eq!(b.choice, Some(PlacementOption::Ssc));
        assert_eq!(s.validate_ballot(&b.to_fields(&s)), Ok(b));
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let s = spec(Question::Points);
        let mut fields = points("Zee", ["11", "x", ""]);
        fields.push(("evil".into(), "1".into()));
        fields[4].1 = "cloud".into();
        let p = s.validate_ballot(&fields).unwrap_err();
        let got: Vec<(&str, &ProblemKind)> =
            p.iter().map(|p| (p.field.as_str(), &p.kind)).collect();
        assert_eq!(
            got,
            vec![
                ("evil", &ProblemKind::Unknown),
                (
                    "municipality",
                    &ProblemKind::UnknownMunicipality {
                        value: "Zee".into(),
                        allowed: vec!["Aa".into(), "Bee".into()]
                    }
                ),
                (
                    "points.privacy",
                    &ProblemKind::OutOfRange {
                        value: 11,
                        min: 0,
                        max: 10
                    }
                ),
                (
                    "points.cost_predictability",
                    &ProblemKind::NotAWholeNumber { value: "x".into() }
                ),
                ("points.control", &ProblemKind::Missing),
                (
                    "choice",
                    &ProblemKind::UnknownOption {
                        value: "cloud".into()
                    }
                ),
            ]
        );
    }

    #[test]
    fn all_zero_points_and_a_swing_without_100_are_refused() {
        let s = spec(Question::Points);
        let p = s
            .validate_ballot(&points("Aa", ["0", "0", "0"]))
            .unwrap_err();
        assert_eq!(p[0].kind, ProblemKind::AllZero);
        let s = spec(Question::Swing);
        let fields = f(&[
            ("municipality", "Aa"),
            ("swing.privacy", "90"),
            ("swing.cost_predictability", "50"),
            ("swing.control", "10"),
        ]);
        let p = s.validate_ballot(&fields).unwrap_err();
        assert_eq!(p[0].kind, ProblemKind::SwingTopNot100 { top: 90 });
        let ok = f(&[
            ("municipality", "Aa"),
            ("swing.privacy", "100"),
            ("swing.cost_predictability", "50"),
            ("swing.control", "50"),
        ]);
        let b = s.validate_ballot(&ok).unwrap();
        let (w, _) = b.answer.weights(3).unwrap();
        assert!((w[0] - 0.5).abs() < 1e-12 && (w[1] - 0.25).abs() < 1e-12);
    }

    #[test]
    fn duplicates_long_values_and_too_many_fields_are_refused() {
        let s = spec(Question::Points);
        let mut fields = points("Aa", ["1", "2", "3"]);
        fields.push(("points.control".into(), "4".into()));
        let p = s.validate_ballot(&fields).unwrap_err();
        assert_eq!(p[0].kind, ProblemKind::Duplicate);
        let fields = points("Aa", ["1", "2", &"9".repeat(500)]);
        let p = s.validate_ballot(&fields).unwrap_err();
        assert!(
            p.iter()
                .any(|p| p.kind == ProblemKind::TooLong { max: 200 })
        );
        let many: Vec<(String, String)> = (0..100).map(|i| (format!("x{i}"), "1".into())).collect();
        let p = s.validate_ballot(&many).unwrap_err();
        assert_eq!(
            p,
            vec![Problem::new("", ProblemKind::TooManyFields { max: 64 })]
        );
    }

    #[test]
    fn the_judgement_scale_is_saatys_and_nothing_else() {
        let scale: Vec<String> = Judgement::scale().iter().map(|j| j.to_string()).collect();
        assert_eq!(scale.len(), 17);
        assert_eq!(scale.first().map(String::as_str), Some("1/9"));
        assert_eq!(scale[8], "1");
        assert_eq!(scale.last().map(String::as_str), Some("9"));
        for bad in ["0", "10", "1/1", "1/10", "-3", "2.5", "", "1/", "x"] {
            assert_eq!(Judgement::parse(bad), None, "{bad}");
        }
        assert_eq!(
            Judgement::parse(" 1/3 ").map(|j| j.value()),
            Some(1.0 / 3.0)
        );
    }

    fn ahp_ballot(s: &RoundSpec, m: &str, v: [&str; 3]) -> Ballot {
        s.validate_ballot(&f(&[
            ("municipality", m),
            ("ahp.privacy.cost_predictability", v[0]),
            ("ahp.privacy.control", v[1]),
            ("ahp.cost_predictability.control", v[2]),
        ]))
        .unwrap()
    }

    #[test]
    fn ahp_reveal_aggregates_judgements_per_municipality() {
        let mut s = spec(Question::Ahp);
        s.ask_choice = false;
        let mut r = Round::open("CODE".into(), s.clone()).unwrap();
        r.cast("t1", ahp_ballot(&s, "Aa", ["3", "5", "2"])).unwrap();
        r.cast("t2", ahp_ballot(&s, "Aa", ["1/3", "1", "2"]))
            .unwrap();
        r.cast("t3", ahp_ballot(&s, "Bee", ["9", "9", "9"]))
            .unwrap();
        assert_eq!(r.reveal(), Err(RevealError::Open));
        r.close();
        let rev = r.reveal().unwrap();
        assert_eq!(rev.ballots, 3);
        assert_eq!(rev.groups[0].ballots, 2);
        // The AIJ aggregate of 3 and 1/3 is 1: privacy and cost predictability equal for Aa.
        let w = rev.groups[0].weights.clone().unwrap();
        assert!((w[0] - w[1]).abs() < 0.03, "{w:?}");
        let m = mgroup::aggregate_judgements(&[
            r.ballots["t1"].answer.matrix(3).unwrap(),
            r.ballots["t2"].answer.matrix(3).unwrap(),
        ])
        .unwrap();
        assert!((m.get(0, 1) - 1.0).abs() < 1e-12);
        assert!(rev.groups[1].weights.as_ref().unwrap()[0] > 0.7);
    }

    #[test]
    fn casting_changes_replace_and_closing_refuses() {
        let s = spec(Question::Points);
        let mut r = Round::open("C".into(), s.clone()).unwrap();
        let b = s.validate_ballot(&points("Aa", ["1", "2", "3"])).unwrap();
        let b2 = s.validate_ballot(&points("Bee", ["3", "2", "1"])).unwrap();
        assert_eq!(r.cast("t", b.clone()), Ok(Cast::New));
        assert_eq!(r.cast("t", b2.clone()), Ok(Cast::Changed));
        assert_eq!(r.counts(), vec![0, 1]);
        r.close();
        let before = r.clone();
        assert_eq!(r.cast("t", b.clone()), Err(CastError::Closed));
        assert_eq!(r.cast("u", b), Err(CastError::Closed));
        assert_eq!(r, before);
    }

    #[test]
    fn reveal_reports_spread_consensus_choices_and_member_weights() {
        let s = spec(Question::Points);
        let mut r = Round::open("C".into(), s.clone()).unwrap();
        for (t, m, p) in [
            ("a", "Aa", ["10", "0", "0"]),
            ("b", "Aa", ["0", "10", "0"]),
            ("c", "Bee", ["0", "0", "10"]),
        ] {
            r.cast(t, s.validate_ballot(&points(m, p)).unwrap())
                .unwrap();
        }
        r.close();
        let rev = r.reveal().unwrap();
        assert_eq!(rev.disputed(), s.criteria);
        assert!(rev.consensus.kendall_w < 0.4);
        assert_eq!(rev.consensus.level, ConsensusLevel::Low);
        assert_eq!(
            rev.choices
                .iter()
                .find(|c| c.0 == Some(PlacementOption::Ssc)),
            Some(&(Some(PlacementOption::Ssc), 3))
        );
        let current =
            vec![Weights::from_pairs(&[(Criterion::Privacy, 1.0), (Criterion::Exit, 4.0)]); 3];
        let after = rev.member_weights(&current);
        assert_eq!(after[0].get(Criterion::Privacy), 10.0);
        assert_eq!(after[0].get(Criterion::CostPredictability), 10.0);
        assert_eq!(after[0].get(Criterion::Control), 0.0);
        assert_eq!(after[0].get(Criterion::Exit), 4.0);
        assert_eq!(after[1].get(Criterion::Privacy), 0.0);
        assert_eq!(after[1].get(Criterion::Control), 10.0);
        // A third member without ballots keeps its weights.
        assert_eq!(after[2], current[2]);
        // The group's weights: each municipality once (Aa's two ballots do not outweigh Bee's
        // one): Aa (½, ½, 0) and Bee (0, 0, 1) give (¼, ¼, ½), on the sliders 5, 5, 10.
        let (g, how) = rev.group_weights(&current[0]).unwrap();
        assert_eq!(how, WeightMethod::GroupMean { members: 2 });
        assert_eq!(g.get(Criterion::Privacy), 5.0);
        assert_eq!(g.get(Criterion::CostPredictability), 5.0);
        assert_eq!(g.get(Criterion::Control), 10.0);
        assert_eq!(
            g.get(Criterion::Exit),
            4.0,
            "a criterion not asked keeps its weight"
        );
    }

    #[test]
    fn a_round_for_everyone_gives_every_member_the_pool() {
        let mut s = spec(Question::Points);
        s.scope = Scope::Everyone;
        s.ask_choice = false;
        let mut r = Round::open("C".into(), s.clone()).unwrap();
        let ballot = f(&[
            ("points.privacy", "4"),
            ("points.cost_predictability", "4"),
            ("points.control", "2"),
        ]);
        r.cast("x", s.validate_ballot(&ballot).unwrap()).unwrap();
        assert_eq!(r.counts(), vec![1]);
        r.close();
        let rev = r.reveal().unwrap();
        let after = rev.member_weights(&[Weights::from_pairs(&[]), Weights::from_pairs(&[])]);
        assert_eq!(after[0], after[1]);
        assert_eq!(after[1].get(Criterion::Control), 5.0);
        let (g, how) = rev.group_weights(&Weights::from_pairs(&[])).unwrap();
        assert_eq!(g, after[0]);
        assert_eq!(how, WeightMethod::GroupMean { members: 1 });
    }

    #[test]
    fn named_rounds_need_a_clean_name() {
        let mut s = spec(Question::Points);
        s.named = true;
        let p = s
            .validate_ballot(&points("Aa", ["1", "1", "1"]))
            .unwrap_err();
        assert_eq!(p[0], Problem::new("name", ProblemKind::Missing));
        let mut fields = points("Aa", ["1", "1", "1"]);
        fields.push(("name".into(), "Eve\u{202e}".into()));
        let p = s.validate_ballot(&fields).unwrap_err();
        assert_eq!(p[0].kind, ProblemKind::ControlCharacter);
    }

    #[test]
    fn a_round_is_stored_as_toml_and_read_back() {
        let s = spec(Question::Ahp);
        let mut r = Round::open("C".into(), s.clone()).unwrap();
        r.cast("t1", ahp_ballot(&s, "Aa", ["3", "1/5", "2"]))
            .unwrap();
        let text = toml::to_string(&r).unwrap();
        let back: Round = toml::from_str(&text).unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn a_stored_round_is_checked_like_a_phone_ballot() {
        let s = spec(Question::Points);
        let mut r = Round::open("C".into(), s.clone()).unwrap();
        r.cast(
            "t",
            s.validate_ballot(&points("Aa", ["1", "2", "3"])).unwrap(),
        )
        .unwrap();
        assert_eq!(r.check(), Ok(()));
        let mut bad = r.clone();
        if let Some(b) = bad.ballots.get_mut("t") {
            b.answer = Answer::Points {
                points: vec![99, 2, 3],
            };
        }
        assert!(bad.check().unwrap_err().contains("ballot 1"));
        let mut bad = r.clone();
        if let Some(b) = bad.ballots.get_mut("t") {
            b.municipality = Some(7);
        }
        assert!(bad.check().is_err());
        let mut bad = r;
        bad.version = 9;
        assert!(bad.check().is_err());
    }

    #[test]
    fn the_spec_refuses_too_few_criteria() {
        let mut s = spec(Question::Points);
        s.criteria.truncate(1);
        assert_eq!(s.validate(), Err(SpecError::TooFewCriteria(1)));
    }

    proptest! {
        /// Whatever fields arrive, validation never panics, and whatever it accepts gives
        /// normalised weights.
        #[test]
        fn any_fields_validate_without_panic(
            q in 0usize..3,
            values in proptest::collection::vec("[0-9/ ]{0,4}|1/[2-9]|[0-9]{1,3}", 3..4),
            m in "Aa|Bee|Zee|",
        ) {
            let s = spec(Question::ALL[q]);
            let fields: Vec<(String, String)> = s
                .fields()
                .into_iter()
                .filter(|f| f != "choice")
                .enumerate()
                .map(|(i, f)| {
                    let v = if f == "municipality" { m.clone() } else { values[i % values.len()].clone() };
                    (f, v)
                })
                .collect();
            if let Ok(b) = s.validate_ballot(&fields) {
                let (w, _) = b.answer.weights(3).unwrap();
                prop_assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-9);
            }
        }

        /// Casting any sequence of (token, ballot) keeps exactly one ballot per token.
        #[test]
        fn one_ballot_per_token(casts in proptest::collection::vec((0usize..20, 0u32..=10), 1..200)) {
            let s = spec(Question::Points);
            let mut r = Round::open("C".into(), s.clone()).unwrap();
            let mut last = BTreeMap::new();
            for (t, p) in casts {
                let b = Ballot { municipality: Some(t % 2), name: None, answer: Answer::Points { points: vec![p, 1, 1] }, choice: None };
                r.cast(&format!("t{t}"), b.clone()).unwrap();
                last.insert(format!("t{t}"), b);
            }
            prop_assert_eq!(&r.ballots, &last);
            prop_assert_eq!(r.counts().iter().sum::<usize>(), last.len());
        }
    }
}
