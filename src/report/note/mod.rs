//! The decision note (besluitnotitie): a `Note` model built once from the catalogue, the
//! profile and the evaluation, in one language, and pure renderers for it — HTML, Markdown,
//! JSON and CSV. The `Note` is the single source of every number in every format: renderers
//! only format what the note holds, so "the report never contains a number the JSON does not
//! contain" can be checked (the JSON is the note serialised).
//!
//! Chapters, in order: the question and the subject; the weights the room chose; the ranking
//! with the explanation of the leading candidates; excluded candidates; the control-layer
//! picture of the leading candidates; the hybrid landscape; the business case (only when the
//! note carries one); the obstacles of the collaboration form of the leading option; the
//! sources, by document with the sections used and their status.

mod business_case;
pub mod council;
pub mod csv;
pub mod document;
pub mod html;
pub mod json;
pub mod markdown;
/// The portfolio chapter (issue 16), built as `report::doc` blocks.
pub mod portfolio;
/// The voting round's section (issue 17), as document blocks; the TUI's export appends it to
/// the session annex after the group chapter (`tui::app::session_blocks`).
pub mod round;
pub mod session;
mod svg;
pub mod xlsx;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::core::allocation::AllocationError;
use crate::core::catalogue::{
    CandidateKey, Catalogue, Citation, CollaborationForm, ControlLevel, Decider, Layer,
    PlacementOption, PolicyStatus,
};
use crate::core::profile::Profile;
use crate::core::scoring::{Evaluation, ScoreError};
use crate::core::text::Lang;
use crate::i18n::report as labels;
use crate::report::cite::{self, Markup};

/// How many candidates count as "leading": explained in full and shown in the layer picture.
pub const LEADING: usize = 3;

/// The scale of every score: 0 to 10.
pub const SCALE: [u32; 2] = [0, 10];

/// Rounds to 6 decimals so every format (and the JSON) shows the same value on every platform.
fn r6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// A candidate as the note names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidateRef {
    /// Command-line id, e.g. `ssc-saas-community`.
    pub id: String,
    /// Localized name, e.g. "SSC · SaaS · Gedeelde cloud".
    pub name: String,
    pub option: &'static str,
    pub service_model: &'static str,
    pub deployment: &'static str,
}

impl CandidateRef {
    fn new(catalogue: &Catalogue, key: CandidateKey, lang: Lang) -> Self {
        CandidateRef {
            id: key.id(),
            name: catalogue.candidate_name(key, lang),
            option: key.option.id(),
            service_model: key.service_model.id(),
            deployment: key.deployment.id(),
        }
    }
}

/// A reference to a numbered source and the sections used there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference {
    /// The number of the source in the sources chapter (1-based).
    pub source: usize,
    pub sections: Vec<String>,
}

/// A municipality in the subject.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MunicipalityNote {
    pub name: String,
    pub inhabitants: u32,
    pub workplaces: u32,
    /// Current placement option id, if known.
    pub current: Option<&'static str>,
    /// Its localized name.
    pub current_name: Option<String>,
}

/// Chapter 1: the question and who it is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubjectNote {
    /// The workshop's question (the profile's title).
    pub question: String,
    /// `municipality` or `group`.
    pub kind: &'static str,
    pub name: String,
    pub municipalities: Vec<MunicipalityNote>,
    /// Totals over the municipalities (equal to the one municipality's numbers when single).
    pub total_inhabitants: u64,
    pub total_workplaces: u64,
}

/// Chapter 2: one weight the room chose.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightNote {
    pub criterion: &'static str,
    pub name: String,
    /// As the room gave it.
    pub raw: f64,
    /// Normalised: the share in the total (sums to 1).
    pub share: f64,
}

/// One candidate's score on one criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreNote {
    pub criterion: &'static str,
    pub score: f64,
}

/// Chapter 3: a ranked candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankNote {
    /// Shared by candidates with equal totals.
    pub rank: usize,
    /// Whether another candidate shares this rank.
    pub tied: bool,
    pub candidate: CandidateRef,
    /// Weighted total, 0–10.
    pub total: f64,
    pub scores: Vec<ScoreNote>,
}

/// A criterion the room did not weigh on which the leader scores below 5.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WarningNote {
    pub criterion: &'static str,
    pub score: f64,
    pub text: String,
}

/// One explained criterion of a leading candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExplainedScore {
    pub criterion: &'static str,
    pub name: String,
    pub score: f64,
    /// Normalised weight.
    pub weight: f64,
    /// `score × weight`: the criterion's part of the total.
    pub contribution: f64,
    pub explanation: String,
    pub references: Vec<Reference>,
}

/// Chapter 3: why a leading candidate stands where it stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeaderNote {
    pub rank: usize,
    pub tied: bool,
    pub candidate: CandidateRef,
    pub total: f64,
    pub criteria: Vec<ExplainedScore>,
}

/// Chapter 4: an excluded candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExcludedNote {
    pub candidate: CandidateRef,
    pub reasons: Vec<String>,
    /// The sources behind the constraints.
    pub references: Vec<Reference>,
}

/// One cell of the layer picture: what a candidate keeps and gives up on one layer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayerCell {
    /// `full`, `configuration` or `none` (seed 000 Table 1).
    pub level: &'static str,
    pub level_name: String,
    pub kept: String,
    pub given_up: String,
    /// Who runs what is given up (`None` when nothing is given up).
    pub given_to: Option<String>,
}

/// One row (layer) of the layer picture.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayerRow {
    pub layer: &'static str,
    pub name: String,
    pub examples: String,
    /// One cell per leading candidate, in ranking order.
    pub cells: Vec<LayerCell>,
}

/// Chapter 5: the control-layer picture of the leading candidates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayersNote {
    pub candidates: Vec<CandidateRef>,
    pub rows: Vec<LayerRow>,
    /// Who does the operations, per candidate.
    pub operations: Vec<String>,
    /// Who provides the housing (facility), per candidate.
    pub facility: Vec<String>,
    pub references: Vec<Reference>,
}

/// Chapter 6: one workload and where it goes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkloadNote {
    pub name: String,
    pub data: &'static str,
    pub data_name: String,
    pub critical: bool,
    /// The service models it is available in (empty: any).
    pub models: Vec<&'static str>,
    pub placement: Option<CandidateRef>,
    /// The candidate's total with this workload's weights.
    pub score: Option<f64>,
    /// The placement's rank in the overall ranking.
    pub overall_rank: Option<usize>,
    /// Whether that rank is shared.
    pub overall_tied: bool,
    /// Ids of the placement rules that apply to its data class.
    pub rules: Vec<String>,
}

/// A placement rule as it applies in this landscape.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleNote {
    pub id: String,
    pub text: String,
    /// `forbids_public`, `lifted` (forbids public cloud, but the profile accepts it under the
    /// conditions) or `condition`.
    pub effect: &'static str,
    pub effect_name: String,
    /// The data classes (localized) of the workloads it applies to.
    pub applies_to: Vec<String>,
    pub status: &'static str,
    pub status_name: String,
    /// The rule's source first, then further sources.
    pub references: Vec<Reference>,
}

/// Workloads that share one explanation (same data class and models).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhyNote {
    pub workloads: Vec<String>,
    pub explanation: String,
    /// The sources the explanation rests on (the rules have their own in the rule table).
    pub references: Vec<Reference>,
}

/// Chapter 6: the hybrid landscape.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LandscapeNote {
    pub workloads: Vec<WorkloadNote>,
    pub rules: Vec<RuleNote>,
    pub why: Vec<WhyNote>,
}

/// One year of a business case table (seed 003 Bijlage 1), in euros: the difference between
/// the scenario and unchanged policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearNote {
    /// 1-based (Jaar 1, 2, …).
    pub year: u32,
    pub benefits: Decimal,
    pub operating_costs: Decimal,
    /// Investments that are not capitalised.
    pub investments: Decimal,
    pub total_costs: Decimal,
    pub cash_flow: Decimal,
    pub cumulative_benefits: Decimal,
    pub cumulative_costs: Decimal,
    pub cumulative_cash_flow: Decimal,
}

/// One risk band (favourable, expected, unfavourable) of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandNote {
    /// `favourable`, `expected` or `unfavourable`.
    pub band: &'static str,
    pub name: String,
    /// Factor on all costs.
    pub cost_multiplier: Decimal,
    /// Factor on all benefits.
    pub benefit_multiplier: Decimal,
    /// Months by which the benefits come later.
    pub delay_months: u32,
    /// The year the cumulative cash flow turns positive; `None` when not within the horizon.
    pub return_year: Option<u32>,
    /// Cumulative cash flow per year, aligned with the yearly rows.
    pub cumulative_cash_flow: Vec<Decimal>,
}

/// One participant of a starter group: its bills and its own business case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParticipantNote {
    pub participant: String,
    /// Its usage on the allocation key.
    pub usage: Decimal,
    /// Its bill per year (its share of the provider's costs), year 1 first.
    pub bills: Vec<Decimal>,
    /// The cumulative cash flow of its own case at the end of the horizon (estimate).
    pub final_cumulative_cash_flow: Decimal,
    /// Its own return year per band, in the order of the scenario's bands.
    pub return_years: Vec<Option<u32>>,
    /// The group's case is positive and this participant's is negative (seed 003 Bijlage 1
    /// §7), as the core flags it.
    pub loses_while_group_wins: bool,
}

/// A starter group's allocation (verrekening) of the provider's costs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AllocationNote {
    /// The SSC or host whose costs are allocated.
    pub provider: String,
    /// `workplaces`, `accounts`, `inhabitants` or `service_use`.
    pub key: &'static str,
    /// The key in words (e.g. "werkplekken").
    pub key_name: String,
    /// `fixed`, `tiered`, `variable` or `composite`.
    pub tariff: &'static str,
    pub tariff_name: String,
    /// The provider's yearly costs: what the bills of a year add up to.
    pub provider_costs: Vec<Decimal>,
    pub participants: Vec<ParticipantNote>,
}

impl AllocationNote {
    /// The participants whose own case is negative while the group's is positive.
    pub fn losers(&self) -> Vec<&str> {
        self.participants
            .iter()
            .filter(|p| p.loses_while_group_wins)
            .map(|p| p.participant.as_str())
            .collect()
    }
}

/// One scenario of the business case, compared with unchanged policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioNote {
    /// The scenario's name in the profile.
    pub label: String,
    /// `cost_reduction` or `less_extra_costs`.
    pub kind: &'static str,
    pub kind_name: String,
    /// The candidate the scenario costs out.
    pub candidate: CandidateRef,
    /// The candidate's rank in the ranking; `None` when it is excluded.
    pub rank: Option<usize>,
    /// `true` for a starter group: the tables are the sum of the participants' cases.
    pub consolidated: bool,
    /// The yearly table as estimated (lines as entered, before the risk bands).
    pub years: Vec<YearNote>,
    /// The estimate's return year; `None` when not within the horizon.
    pub return_year: Option<u32>,
    /// Book value of capitalised investments not yet depreciated at the end (difference with
    /// unchanged policy; not part of the table).
    pub residual_book_value: Decimal,
    /// Favourable, expected and unfavourable.
    pub bands: Vec<BandNote>,
    /// The allocation per participant, for a starter group.
    pub allocation: Option<AllocationNote>,
}

/// Chapter 7: the business case, as the core computed it for the profile. The note carries one
/// only when the profile has a `[business_case]`; the renderers then add the chapter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BusinessCaseNote {
    /// The horizon in years.
    pub horizon: u32,
    /// `leading` (the scenarios of the leading candidate) or `all`.
    pub selection: &'static str,
    /// The selection rule, and how it applied, in words.
    pub selection_text: String,
    /// The labels of the profile's scenarios that are not shown.
    pub omitted: Vec<String>,
    /// The scenarios shown, in the profile's order.
    pub scenarios: Vec<ScenarioNote>,
    /// The sections of seed 003 the chapter follows.
    pub references: Vec<Reference>,
}

/// One obstacle of the collaboration form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObstacleNote {
    pub id: String,
    pub text: String,
    pub status: &'static str,
    pub status_name: String,
    pub reference: Option<Reference>,
    /// Why the obstacle is historical, when it is.
    pub historical: Option<String>,
}

/// Law or a norm that comes with the leading placement option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionRuleNote {
    pub id: String,
    pub text: String,
    pub status: &'static str,
    pub status_name: String,
    pub references: Vec<Reference>,
}

/// Chapter 8: the collaboration form of the leading option and its open obstacles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CollaborationNote {
    /// The leading option id the form follows from.
    pub option: Option<&'static str>,
    pub option_name: Option<String>,
    /// The form id (`public_body`, `host_municipality`, …); `None` for own, colocation and
    /// managed hosting, which are no collaboration.
    pub form: Option<&'static str>,
    pub form_name: Option<String>,
    pub form_summary: Option<String>,
    /// Whether the form was chosen explicitly (`true`) or follows the default mapping.
    pub chosen: bool,
    /// The assumption or statement behind the form, in words.
    pub basis: String,
    pub obstacles: Vec<ObstacleNote>,
    pub reference: Option<Reference>,
    /// Law and norms that come with the leading option, whatever the form.
    pub rules: Vec<OptionRuleNote>,
}

/// Chapter 9: one source document with the sections the note used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceNote {
    pub number: usize,
    pub id: String,
    /// The document as a reader cites it: publisher, title, date (plain text).
    pub document: String,
    /// The same with the title in Markdown italics.
    pub document_markdown: String,
    pub title: String,
    /// The short name a law is known by ("AVG"); empty when none.
    pub short: String,
    /// Publisher or author; empty for a law or EU act, which is cited by its title.
    pub publisher: String,
    pub year: u16,
    /// When it appeared, in words ("13 mei 2022", "ca. 2012").
    pub date: String,
    /// Its age in whole years on the date the policy content was checked.
    pub age_years: Option<u16>,
    /// BWB id, CELEX number, Kamerstuk, version; empty when it has none.
    pub identifier: String,
    pub kind: &'static str,
    pub kind_name: String,
    pub status: &'static str,
    pub status_name: String,
    /// What was uncertain about the status on the checked date.
    pub status_note: Option<String>,
    pub note: String,
    pub sections: Vec<String>,
    /// The date the entry was last checked (`YYYY-MM-DD`) and in words.
    pub checked: String,
    pub checked_text: String,
}

/// The smallest change of one weight that gives another candidate the first place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlipNote {
    pub criterion: &'static str,
    pub name: String,
    /// The criterion's normalised weight now.
    pub from: f64,
    /// The weight at which the two tie; just past it the lead changes.
    pub to: f64,
    /// Who takes over.
    pub new_leader: CandidateRef,
}

/// How firm the first place is: the gap to the runner-up and the smallest one-weight change
/// that flips it (the closed-form one-way sensitivity of the weighted sum, as in the
/// `sensitivity` command).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RobustnessNote {
    /// Leader's total minus the runner-up's; `None` with one candidate.
    pub gap: Option<f64>,
    /// The gap is below the close-call threshold.
    pub close_call: bool,
    /// The threshold, 0–10 scale.
    pub close_call_gap: f64,
    /// `None` when no single weight in [0, 1] changes the leader.
    pub flip: Option<FlipNote>,
}

/// The whole decision note, in one language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    pub lang: &'static str,
    /// The score scale, `[0, 10]`.
    pub scale: [u32; 2],
    /// How many candidates the note treats as leading.
    pub leading: usize,
    pub subject: SubjectNote,
    pub weights: Vec<WeightNote>,
    pub ranking: Vec<RankNote>,
    /// What a shared rank means and the display order among equals; only when there are ties.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tie_break: Option<String>,
    /// Warnings: criteria the room did not weigh on which the leader scores below 5.
    pub warnings: Vec<WarningNote>,
    /// The stance on public cloud by name and date, when the room chose one other than the
    /// Rijksbreed cloudbeleid 2022.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stance: Option<String>,
    pub leaders: Vec<LeaderNote>,
    /// How firm the first place is; `None` when no candidate is admissible.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub robustness: Option<RobustnessNote>,
    pub excluded: Vec<ExcludedNote>,
    pub layers: LayersNote,
    pub landscape: LandscapeNote,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_case: Option<BusinessCaseNote>,
    pub collaboration: CollaborationNote,
    /// The date the catalogue's policy content was last checked (`YYYY-MM-DD`), and in words:
    /// "beleid bijgewerkt tot …".
    pub policy_checked: String,
    pub policy_checked_text: String,
    /// The record of a workshop session (the room's notes, how the weights were obtained,
    /// certainty, a starter group's process), as document blocks the TUI adds on export;
    /// empty for a note made from the command line. Shown as an annex of its own.
    #[serde(skip)]
    pub session: Vec<crate::report::doc::Block>,
    /// The application portfolio, when the profile names one (`portfolio = "…"`): a chapter
    /// (counts per placement, roadmap per year, exceptions) and a per-application annex. Added
    /// by [`Note::add_portfolio`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub portfolio: Option<portfolio::PortfolioNote>,
    pub sources: Vec<SourceNote>,
}

/// Why a note could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The profile cannot be scored.
    #[error(transparent)]
    Score(#[from] ScoreError),
    /// The profile's business case cannot be evaluated (a loaded profile has been checked for
    /// this; a profile built in code may not have been).
    #[error("the business case cannot be evaluated: {0}")]
    BusinessCase(#[from] AllocationError),
    /// A binary format was asked for text (standard output).
    #[error("--format {0} writes a binary file: name it with -o FILE (e.g. -o note.{0})")]
    Binary(&'static str),
    /// The Word file could not be written.
    #[error(transparent)]
    Docx(#[from] crate::report::doc::docx::DocxError),
    /// The workbook could not be written.
    #[error("cannot write the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The portfolio the profile names cannot be read (each problem with its file, line,
    /// column and field).
    #[error("the profile's portfolio cannot be read:\n{0}")]
    Portfolio(#[from] crate::io::InputErrors),
}

/// The formats a note is rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteFormat {
    Markdown,
    Html,
    Json,
    Csv,
}

impl NoteFormat {
    /// The format a file name asks for by its extension (`.html`/`.htm`, `.md`/`.markdown`,
    /// `.json`, `.csv`, in any case); `None` for anything else.
    pub fn from_path(path: &std::path::Path) -> Option<NoteFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" => Some(NoteFormat::Html),
            "md" | "markdown" => Some(NoteFormat::Markdown),
            "json" => Some(NoteFormat::Json),
            "csv" => Some(NoteFormat::Csv),
            _ => None,
        }
    }
}

/// The note as a Word file (.docx): the same document as the Markdown.
pub fn docx(note: &Note) -> Result<Vec<u8>, crate::report::doc::docx::DocxError> {
    crate::report::doc::docx::render(&document::document(note))
}

/// Renders a note in a format with the pure renderers of this module.
pub fn render_as(note: &Note, format: NoteFormat) -> String {
    match format {
        NoteFormat::Markdown => markdown::render(note),
        NoteFormat::Html => html::render(note),
        NoteFormat::Json => json::render(note),
        NoteFormat::Csv => csv::render(note),
    }
}

/// What a note is built from.
pub struct NoteInput<'a> {
    pub catalogue: &'a Catalogue,
    pub profile: &'a Profile,
    pub evaluation: &'a Evaluation,
    pub lang: Lang,
    /// The collaboration form the room chose; `None` follows [`default_form`].
    pub form: Option<CollaborationForm>,
}

/// The collaboration form assumed for a placement option when the room chose none:
/// an SSC is assumed to be a public body (openbaar lichaam under the Wgr: the form seed 001
/// describes for shared ICT with delegated tasks); a host municipality is the centre/host
/// form (art. 8 lid 3 Wgr); own datacenter, colocation and managed hosting are no
/// collaboration.
pub fn default_form(option: PlacementOption) -> Option<CollaborationForm> {
    match option {
        PlacementOption::Ssc => Some(CollaborationForm::PublicBody),
        PlacementOption::Host => Some(CollaborationForm::HostMunicipality),
        PlacementOption::Own | PlacementOption::Colocation | PlacementOption::Managed => None,
    }
}

/// A decider as the note names it.
fn decider_name(d: Decider, lang: Lang) -> String {
    let t = labels(lang);
    match d {
        Decider::Municipality => t.by_municipality,
        Decider::Participants => t.by_participants,
        Decider::Host => t.by_host,
        Decider::Contract => t.by_contract,
        Decider::Provider => t.by_provider,
    }
    .to_string()
}

/// Collects the sources the note cites, numbered in order of first use, with their sections.
struct Sources<'a> {
    catalogue: &'a Catalogue,
    /// (source id, sections) in order of first use.
    used: Vec<(String, Vec<String>)>,
}

impl<'a> Sources<'a> {
    fn new(catalogue: &'a Catalogue) -> Self {
        Sources {
            catalogue,
            used: vec![],
        }
    }

    /// Records a use of a source id with a section string; `None` for an unknown id.
    fn cite(&mut self, id: &str, section: &str) -> Option<Reference> {
        self.citation(&Citation::new(id, section))
    }

    /// Records a citation from the core; `None` for an unknown source id.
    fn citation(&mut self, c: &Citation) -> Option<Reference> {
        self.catalogue.source(&c.source)?;
        let pos = match self.used.iter().position(|(s, _)| *s == c.source) {
            Some(p) => p,
            None => {
                self.used.push((c.source.clone(), vec![]));
                self.used.len() - 1
            }
        };
        for s in &c.sections {
            if !self.used[pos].1.contains(s) {
                self.used[pos].1.push(s.clone());
            }
        }
        Some(Reference {
            source: pos + 1,
            sections: c.sections.clone(),
        })
    }

    /// Records several citations, one reference per source.
    fn citations(&mut self, cs: &[Citation]) -> Vec<Reference> {
        let mut out = vec![];
        for c in cs {
            if let Some(r) = self.citation(c) {
                merge_reference(&mut out, r);
            }
        }
        out
    }

    /// The sources chapter.
    fn into_notes(self, lang: Lang) -> Vec<SourceNote> {
        let checked = self.catalogue.policy_checked();
        self.used
            .into_iter()
            .enumerate()
            .filter_map(|(i, (id, mut sections))| {
                let s = self.catalogue.source(&id)?;
                sections.sort();
                Some(SourceNote {
                    number: i + 1,
                    id,
                    document: cite::document(s, lang, Markup::Plain),
                    document_markdown: cite::document(s, lang, Markup::Markdown),
                    title: s.title.clone(),
                    short: s.short.get(lang).to_string(),
                    publisher: if cite::cited_by_title(s) {
                        String::new()
                    } else {
                        s.publisher.get(lang).to_string()
                    },
                    year: s.year,
                    date: cite::when(s, lang),
                    age_years: cite::age(s, checked),
                    identifier: s.identifier.clone(),
                    kind: s.kind.id(),
                    kind_name: s.kind.name().get(lang).to_string(),
                    status: s.status.id(),
                    status_name: cite::status(s.status, lang).to_string(),
                    status_note: cite::status_note(s, lang).map(str::to_string),
                    note: s.note.get(lang).to_string(),
                    sections,
                    checked: s.checked.clone(),
                    checked_text: cite::date(&s.checked, lang),
                })
            })
            .collect()
    }
}

/// Adds a reference to a list, merging it into an earlier one to the same source.
fn merge_reference(list: &mut Vec<Reference>, r: Reference) {
    match list.iter_mut().find(|x| x.source == r.source) {
        Some(x) => {
            for s in r.sections {
                if !x.sections.contains(&s) {
                    x.sections.push(s);
                }
            }
        }
        None => list.push(r),
    }
}

fn level_name(level: ControlLevel, lang: Lang) -> String {
    crate::report::label::level_name(level, lang).to_string()
}

impl Note {
    /// Builds the note. Pure: the same input gives the same note. The business case chapter
    /// is there whenever the profile has a `[business_case]`: the scenarios of the leading
    /// candidate when the profile has any, otherwise all of them.
    /// Adds the portfolio chapter and annex when the profile names a portfolio: the file is
    /// read relative to `profile_path` (see [`crate::io::portfolio::for_profile`]; without a
    /// path, the built-in sample, as for the demo profile), every application is placed with
    /// the note's own ranking, and the roadmap counts from `as_of`. A profile without a
    /// portfolio leaves the note as it is. A portfolio that cannot be read is an error.
    pub fn add_portfolio(
        &mut self,
        input: &NoteInput<'_>,
        profile_path: Option<&std::path::Path>,
        as_of: crate::core::portfolio::Date,
    ) -> Result<(), ReportError> {
        let Some(name) = &input.profile.portfolio else {
            return Ok(());
        };
        let imported = crate::io::portfolio::for_profile_in(profile_path, name, self.language())?;
        let apps = &imported.portfolio.applications;
        let placement = crate::core::portfolio::place::place_all(
            input.catalogue,
            input.profile,
            input.evaluation,
            &crate::io::portfolio::components::built_in(),
            apps,
        );
        let roadmap = crate::core::portfolio::roadmap::roadmap(apps, &placement, as_of);
        self.portfolio = Some(portfolio::PortfolioNote::build(
            &crate::report::portfolio::PortfolioView {
                catalogue: input.catalogue,
                portfolio: &imported.portfolio,
                placement: &placement,
                roadmap: &roadmap,
                lang: input.lang,
            },
        ));
        Ok(())
    }

    pub fn build(input: &NoteInput<'_>) -> Result<Note, ReportError> {
        let NoteInput {
            catalogue: cat,
            profile,
            evaluation: e,
            lang,
            form,
        } = *input;
        let t = labels(lang);
        let mut sources = Sources::new(cat);

        let members = profile.subject.members();
        let subject = SubjectNote {
            question: profile.title.clone(),
            kind: if profile.subject.is_group() {
                "group"
            } else {
                "municipality"
            },
            name: profile.subject.name().to_string(),
            municipalities: members
                .iter()
                .map(|m| MunicipalityNote {
                    name: m.name.clone(),
                    inhabitants: m.inhabitants,
                    workplaces: m.workplaces,
                    current: m.current.map(|c| c.id()),
                    current_name: m
                        .current
                        .and_then(|c| cat.option(c))
                        .map(|o| o.short.get(lang).to_string()),
                })
                .collect(),
            total_inhabitants: members.iter().map(|m| u64::from(m.inhabitants)).sum(),
            total_workplaces: members.iter().map(|m| u64::from(m.workplaces)).sum(),
        };

        let weights = e
            .criteria
            .iter()
            .map(|c| WeightNote {
                criterion: c.id(),
                name: c.name().get(lang).to_string(),
                raw: r6(profile.weights.get(*c)),
                share: r6(e.weights.get(c).copied().unwrap_or(0.0)),
            })
            .collect();

        let ranking = e
            .ranking
            .iter()
            .map(|r| RankNote {
                rank: r.rank,
                tied: r.tied,
                candidate: CandidateRef::new(cat, r.key, lang),
                total: r6(r.total),
                scores: r
                    .criteria
                    .iter()
                    .map(|c| ScoreNote {
                        criterion: c.criterion.id(),
                        score: r6(c.score),
                    })
                    .collect(),
            })
            .collect();

        let leaders = e
            .ranking
            .iter()
            .take(LEADING)
            .map(|r| LeaderNote {
                rank: r.rank,
                tied: r.tied,
                candidate: CandidateRef::new(cat, r.key, lang),
                total: r6(r.total),
                criteria: r
                    .criteria
                    .iter()
                    .map(|c| {
                        let references = sources.citations(&c.sources);
                        ExplainedScore {
                            criterion: c.criterion.id(),
                            name: c.criterion.name().get(lang).to_string(),
                            score: r6(c.score),
                            weight: r6(c.weight),
                            contribution: r6(c.score * c.weight),
                            explanation: c.explanation.get(lang).to_string(),
                            references,
                        }
                    })
                    .collect(),
            })
            .collect();

        let excluded = e
            .excluded
            .iter()
            .map(|x| ExcludedNote {
                candidate: CandidateRef::new(cat, x.key, lang),
                reasons: x.reasons.iter().map(|r| r.get(lang).to_string()).collect(),
                references: sources.citations(&x.sources),
            })
            .collect();

        let layers = build_layers(cat, e, lang, &mut sources);
        let landscape = build_landscape(cat, profile, e, lang, &mut sources);
        let business_case = profile
            .business_case
            .as_ref()
            .map(|setup| business_case::build(cat, profile, setup, e, lang, &mut sources))
            .transpose()?;

        let leader_option = e.leader().map(|r| r.key.option);
        let (form, chosen) = match form {
            Some(f) => (Some(f), true),
            None => (leader_option.and_then(default_form), false),
        };
        let option_name = leader_option
            .and_then(|o| cat.option(o))
            .map(|o| o.name.get(lang).to_string());
        let info = form.and_then(|f| cat.forms.iter().find(|x| x.id == f));
        let basis = match (form, chosen, leader_option) {
            (Some(_), true, _) => t.form_chosen.to_string(),
            (Some(_), false, Some(PlacementOption::Ssc)) => t.form_assumed_ssc.to_string(),
            (Some(_), false, _) => t.form_assumed_host.to_string(),
            (None, _, Some(_)) => t.form_none.to_string(),
            (None, _, None) => t.form_no_leader.to_string(),
        };
        let reference = info.and_then(|f| sources.cite(&f.source, &f.section));
        let obstacles = form
            .map(|f| {
                cat.obstacles_for(f)
                    .into_iter()
                    .map(|o| {
                        let status = cat.status_of(&o.source);
                        ObstacleNote {
                            id: o.id.clone(),
                            text: o.text.get(lang).to_string(),
                            status: status.id(),
                            status_name: cite::status(status, lang).to_string(),
                            reference: sources.cite(&o.source, &o.section),
                            historical: o.historical.as_ref().map(|h| h.get(lang).to_string()),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let rules = leader_option
            .map(|o| {
                cat.option_rules_for(o)
                    .into_iter()
                    .map(|r| {
                        let status = cat.status_of(&r.source);
                        OptionRuleNote {
                            id: r.id.clone(),
                            text: r.text.get(lang).to_string(),
                            status: status.id(),
                            status_name: cite::status(status, lang).to_string(),
                            references: sources.citations(&r.citations()),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let collaboration = CollaborationNote {
            option: leader_option.map(|o| o.id()),
            option_name,
            form: form.map(|f| f.id()),
            form_name: info.map(|f| f.name.get(lang).to_string()),
            form_summary: info.map(|f| f.summary.get(lang).to_string()),
            chosen,
            basis,
            obstacles,
            reference,
            rules,
        };

        Ok(Note {
            lang: lang.code(),
            scale: SCALE,
            leading: LEADING,
            subject,
            weights,
            ranking,
            tie_break: e
                .has_ties()
                .then(|| crate::core::text::tie_break_note().get(lang).to_string()),
            stance: profile
                .public_cloud
                .stance
                .chosen_note()
                .map(|n| n.get(lang).to_string()),
            warnings: e
                .blind_spots
                .iter()
                .zip(e.blind_spot_texts(cat))
                .map(|(b, t)| WarningNote {
                    criterion: b.criterion.id(),
                    score: r6(b.score),
                    text: t.get(lang).to_string(),
                })
                .collect(),
            leaders,
            robustness: robustness(cat, e, lang),
            excluded,
            layers,
            landscape,
            business_case,
            collaboration,
            policy_checked: cat.policy_checked().to_string(),
            policy_checked_text: cite::date(cat.policy_checked(), lang),
            session: Vec::new(),
            portfolio: None,
            sources: sources.into_notes(lang),
        })
    }

    /// The note's language.
    pub fn language(&self) -> Lang {
        if self.lang == Lang::En.code() {
            Lang::En
        } else {
            Lang::Nl
        }
    }

    /// A source by its number.
    pub fn source(&self, number: usize) -> Option<&SourceNote> {
        self.sources.get(number.checked_sub(1)?)
    }
}

/// The robustness of the first place (see [`RobustnessNote`]); `None` without candidates or
/// when the MCDA core refuses the matrix (it cannot for an evaluation the scorer made).
fn robustness(cat: &Catalogue, e: &Evaluation, lang: Lang) -> Option<RobustnessNote> {
    use crate::core::mcda::Matrix;
    use crate::core::mcda::sensitivity::{CLOSE_CALL_GAP, explain, one_way};
    if e.ranking.is_empty() {
        return None;
    }
    let rows: Vec<Vec<f64>> = e
        .ranking
        .iter()
        .map(|r| r.criteria.iter().map(|c| c.score).collect())
        .collect();
    let weights: Vec<f64> = e
        .criteria
        .iter()
        .map(|c| e.weights.get(c).copied().unwrap_or(0.0))
        .collect();
    let matrix = Matrix::new(&rows).ok()?;
    let explanation = explain(&matrix, &weights).ok()?;
    let sensitivity = one_way(&matrix, &weights).ok()?;
    let flip = sensitivity.smallest_flip.and_then(|f| {
        let criterion = *e.criteria.get(f.criterion)?;
        let new_leader = e.ranking.get(f.new_leader)?;
        Some(FlipNote {
            criterion: criterion.id(),
            name: criterion.name().get(lang).to_string(),
            from: r6(f.from_weight),
            to: r6(f.to_weight),
            new_leader: CandidateRef::new(cat, new_leader.key, lang),
        })
    });
    Some(RobustnessNote {
        gap: explanation.gap.map(r6),
        close_call: explanation.close_call,
        close_call_gap: CLOSE_CALL_GAP,
        flip,
    })
}

fn build_layers(
    cat: &Catalogue,
    e: &Evaluation,
    lang: Lang,
    sources: &mut Sources<'_>,
) -> LayersNote {
    let t = labels(lang);
    let leaders: Vec<CandidateKey> = e.ranking.iter().take(LEADING).map(|r| r.key).collect();
    let mut references = vec![];
    for k in &leaders {
        if let Some(m) = cat.service_model(k.service_model)
            && let Some(r) = sources.cite(&m.source, &m.section)
            && !references.contains(&r)
        {
            references.push(r);
        }
    }
    let rows = Layer::ALL
        .iter()
        .map(|&layer| {
            let info = cat.layer(layer);
            LayerRow {
                layer: layer.id(),
                name: info
                    .map(|l| l.name.get(lang).to_string())
                    .unwrap_or_else(|| layer.id().to_string()),
                examples: info
                    .map(|l| l.examples.get(lang).to_string())
                    .unwrap_or_default(),
                cells: leaders
                    .iter()
                    .map(|k| {
                        let level = cat
                            .service_model(k.service_model)
                            .map(|m| m.control_on(layer))
                            .unwrap_or(ControlLevel::None);
                        let candidate = cat.candidate(*k);
                        let runner = candidate.map(|c| {
                            if layer == Layer::Hardware {
                                c.facility
                            } else {
                                c.operations
                            }
                        });
                        let (kept, given_up) = match level {
                            ControlLevel::Full => (t.kept_full, t.given_up_nothing),
                            ControlLevel::Configuration => {
                                (t.kept_configuration, t.given_up_operation)
                            }
                            ControlLevel::None => (t.kept_nothing, t.given_up_all),
                        };
                        LayerCell {
                            level: level.id(),
                            level_name: level_name(level, lang),
                            kept: kept.to_string(),
                            given_up: given_up.to_string(),
                            given_to: match level {
                                ControlLevel::Full => None,
                                _ => runner.map(|d| decider_name(d, lang)),
                            },
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    LayersNote {
        candidates: leaders
            .iter()
            .map(|k| CandidateRef::new(cat, *k, lang))
            .collect(),
        rows,
        operations: leaders
            .iter()
            .map(|k| {
                cat.candidate(*k)
                    .map(|c| decider_name(c.operations, lang))
                    .unwrap_or_default()
            })
            .collect(),
        facility: leaders
            .iter()
            .map(|k| {
                cat.candidate(*k)
                    .map(|c| decider_name(c.facility, lang))
                    .unwrap_or_default()
            })
            .collect(),
        references,
    }
}

fn build_landscape(
    cat: &Catalogue,
    profile: &Profile,
    e: &Evaluation,
    lang: Lang,
    sources: &mut Sources<'_>,
) -> LandscapeNote {
    let t = labels(lang);
    let mut workloads = vec![];
    let mut why: Vec<WhyNote> = vec![];
    // (rule id, effect) → index in `rules`.
    let mut rule_index: BTreeMap<(String, &'static str), usize> = BTreeMap::new();
    let mut rules: Vec<RuleNote> = vec![];
    for (w, p) in profile.workloads.iter().zip(&e.workloads) {
        let data_name = p.data.name().get(lang).to_string();
        for r in &p.rules {
            let original = cat.placement_rules.iter().find(|x| x.id == r.id);
            let forbids =
                original.is_some_and(|x| x.forbids == crate::core::catalogue::Forbids::Public);
            let (effect, effect_name) = if r.forbids_public {
                ("forbids_public", t.effect_forbids)
            } else if forbids {
                ("lifted", t.effect_lifted)
            } else {
                ("condition", t.effect_condition)
            };
            let key = (r.id.clone(), effect);
            match rule_index.get(&key) {
                Some(&i) => {
                    if !rules[i].applies_to.contains(&data_name) {
                        rules[i].applies_to.push(data_name.clone());
                    }
                }
                None => {
                    let references = sources.citations(&r.citations);
                    let status: PolicyStatus = r.status;
                    rule_index.insert(key, rules.len());
                    rules.push(RuleNote {
                        id: r.id.clone(),
                        text: r.text.get(lang).to_string(),
                        effect,
                        effect_name: effect_name.to_string(),
                        applies_to: vec![data_name.clone()],
                        status: status.id(),
                        status_name: cite::status(status, lang).to_string(),
                        references,
                    });
                }
            }
        }
        let references = sources.citations(&p.sources);
        let explanation = p.explanation.get(lang).to_string();
        match why.iter_mut().find(|x| x.explanation == explanation) {
            Some(x) => x.workloads.push(p.name.clone()),
            None => why.push(WhyNote {
                workloads: vec![p.name.clone()],
                explanation,
                references,
            }),
        }
        workloads.push(WorkloadNote {
            name: p.name.clone(),
            data: p.data.id(),
            data_name,
            critical: w.critical,
            models: w.models.iter().map(|m| m.id()).collect(),
            placement: p.key.map(|k| CandidateRef::new(cat, k, lang)),
            score: p.total.map(r6),
            overall_rank: p.key.and_then(|k| e.ranked(k)).map(|r| r.rank),
            overall_tied: p.key.and_then(|k| e.ranked(k)).is_some_and(|r| r.tied),
            rules: p.rules.iter().map(|r| r.id.clone()).collect(),
        });
    }
    LandscapeNote {
        workloads,
        rules,
        why,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::scoring::evaluate;
    use crate::io::{catalogue, profile};

    fn note(form: Option<CollaborationForm>, lang: Lang) -> Note {
        let cat = catalogue::built_in();
        let p = profile::demo();
        let e = evaluate(&cat, &p).unwrap();
        Note::build(&NoteInput {
            catalogue: &cat,
            profile: &p,
            evaluation: &e,
            lang,
            form,
        })
        .unwrap()
    }

    #[test]
    fn citations_resolve_to_numbered_sources() {
        let cat = catalogue::built_in();
        let mut s = Sources::new(&cat);
        let r = s
            .citation(&Citation::new("king_cloud_ssc", "§3.3, §4.1"))
            .unwrap();
        assert_eq!(r.source, 1);
        assert_eq!(r.sections, vec!["§3.3", "§4.1"]);
        let again = s.cite("king_cloud_ssc", "§2.2 Tabel 1").unwrap();
        assert_eq!(again.source, 1, "one number per document");
        let other = s.cite("king_obstacles", "§2").unwrap();
        assert_eq!(other.source, 2);
        assert!(s.cite("not_a_source", "§1").is_none());
        let notes = s.into_notes(Lang::Nl);
        assert_eq!(notes[0].sections, vec!["§2.2 Tabel 1", "§3.3", "§4.1"]);
        assert_eq!(notes[1].id, "king_obstacles");
    }

    #[test]
    fn workload_reasons_leave_the_rules_to_the_rule_table() {
        let n = note(None, Lang::En);
        for w in &n.landscape.why {
            assert!(!w.explanation.contains(" Rule "), "{}", w.explanation);
            assert!(!w.explanation.contains("Condition "), "{}", w.explanation);
        }
        // Every rule a workload names is in the landscape's rule table.
        for w in &n.landscape.workloads {
            for id in &w.rules {
                assert!(n.landscape.rules.iter().any(|r| &r.id == id), "{id}");
            }
        }
    }

    #[test]
    fn references_to_one_source_are_merged() {
        let mut list = vec![];
        merge_reference(
            &mut list,
            Reference {
                source: 1,
                sections: vec!["§3.3".into()],
            },
        );
        merge_reference(
            &mut list,
            Reference {
                source: 1,
                sections: vec!["§3.3".into(), "§4.1".into()],
            },
        );
        merge_reference(
            &mut list,
            Reference {
                source: 2,
                sections: vec![],
            },
        );
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].sections, vec!["§3.3", "§4.1"]);
    }

    #[test]
    fn default_forms_follow_the_option() {
        assert_eq!(
            default_form(PlacementOption::Ssc),
            Some(CollaborationForm::PublicBody)
        );
        assert_eq!(
            default_form(PlacementOption::Host),
            Some(CollaborationForm::HostMunicipality)
        );
        assert_eq!(default_form(PlacementOption::Managed), None);
        assert_eq!(default_form(PlacementOption::Own), None);
        assert_eq!(default_form(PlacementOption::Colocation), None);
    }

    #[test]
    fn every_reference_points_to_a_listed_source() {
        let n = note(None, Lang::Nl);
        let mut refs: Vec<&Reference> = vec![];
        for l in &n.leaders {
            for c in &l.criteria {
                refs.extend(&c.references);
            }
        }
        refs.extend(&n.layers.references);
        refs.extend(n.landscape.rules.iter().flat_map(|r| &r.references));
        refs.extend(n.collaboration.rules.iter().flat_map(|r| &r.references));
        refs.extend(
            n.collaboration
                .obstacles
                .iter()
                .filter_map(|o| o.reference.as_ref()),
        );
        assert!(!refs.is_empty());
        for r in refs {
            let s = n.source(r.source).expect("listed");
            for sec in &r.sections {
                assert!(s.sections.contains(sec), "{sec} in {:?}", s.sections);
            }
        }
    }

    #[test]
    fn an_explicit_form_overrides_the_default() {
        let n = note(Some(CollaborationForm::PrivateLaw), Lang::En);
        assert_eq!(n.collaboration.form, Some("private_law"));
        assert!(n.collaboration.chosen);
        assert!(
            n.collaboration
                .obstacles
                .iter()
                .any(|o| o.id == "certificates_gemnet")
        );
    }

    #[test]
    fn the_layer_picture_follows_table_one() {
        let n = note(None, Lang::En);
        assert_eq!(n.layers.rows.len(), 4);
        for (i, k) in n.layers.candidates.iter().enumerate() {
            let levels: Vec<&str> = n.layers.rows.iter().map(|r| r.cells[i].level).collect();
            match k.service_model {
                "saas" => assert_eq!(levels, ["configuration", "none", "none", "none"]),
                "paas" => assert_eq!(levels, ["full", "configuration", "none", "none"]),
                "iaas" => assert_eq!(levels, ["full", "full", "configuration", "none"]),
                _ => assert_eq!(levels, ["full"; 4]),
            }
        }
    }

    #[test]
    fn weights_sum_to_one_and_leaders_are_the_top_of_the_ranking() {
        let n = note(None, Lang::Nl);
        let sum: f64 = n.weights.iter().map(|w| w.share).sum();
        assert!((sum - 1.0).abs() < 1e-5);
        assert_eq!(n.leaders.len(), LEADING.min(n.ranking.len()));
        for (l, r) in n.leaders.iter().zip(&n.ranking) {
            assert_eq!(l.candidate, r.candidate);
            let total: f64 = l.criteria.iter().map(|c| c.contribution).sum();
            assert!((total - l.total).abs() < 1e-4);
        }
        assert!(
            n.business_case.is_some(),
            "the demo profile has a business case"
        );
    }
}
