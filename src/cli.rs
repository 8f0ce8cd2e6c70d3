//! The command line: clap definitions and the headless commands (`score`, `validate`,
//! `business-case`, `catalogue`, `report`). `main.rs` only parses, dispatches and maps errors to
//! exit codes.

use std::path::{Path, PathBuf};

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::core::business_case::Horizon;
use crate::core::catalogue::Catalogue;
use crate::core::profile::Profile;
use crate::core::scoring;
use crate::core::text::Lang;
use crate::io::{InputErrors, catalogue, profile};
use crate::report::business_case::BusinessCaseView;
use crate::report::note::{self, Note, NoteInput, ReportError};
use crate::report::{self, ScoreView};
// Weights and sensitivity (issue 6).
use crate::core::analysis::{self, AnalysisError, SamplingSettings};
use crate::core::mcda::McdaError;
use crate::core::mcda::ahp;
use crate::core::mcda::smaa::{DEFAULT_SAMPLES, DEFAULT_SEED};
use crate::io::ahp::AhpInput;
use crate::report::sensitivity::{self, AhpView, SensitivityView};

/// The `portfolio` command (issue 16).
pub mod portfolio;

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: invalid input (a profile, catalogue or session file with problems).
pub const EXIT_INVALID: i32 = 1;
/// Exit code: usage error (unknown flag, missing argument) — clap's own code.
pub const EXIT_USAGE: i32 = 2;

/// wolkwijzer — where should a Dutch municipality place its ICT?
///
/// Walks a workshop through the five placement options (own datacenter, commercial datacenter
/// self-managed, managed hosting, shared service center, host municipality), the IaaS/PaaS/SaaS
/// control layers and the cloud deployment models; scores them against privacy, cost
/// predictability and control (and more criteria the room adds), every score explained with
/// its source.
///
/// Without a command it opens the workshop TUI on the built-in demo profile (or on --profile,
/// or on the last autosaved session with --resume).
#[derive(Debug, Parser)]
#[command(name = "wolkwijzer", version, after_help = EXIT_HELP)]
pub struct Cli {
    /// Replace the built-in catalogue (options, layers, rules) with this TOML file.
    #[arg(long, global = true, value_name = "FILE")]
    pub catalogue: Option<PathBuf>,

    /// Language of the output.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Nl)]
    pub lang: LangArg,

    /// TUI: open this profile (TOML) instead of the built-in demo.
    #[arg(long, short = 'p', value_name = "FILE", conflicts_with = "resume")]
    pub profile: Option<PathBuf>,

    /// How CSV is written: rfc4180 (`,` and `.` decimals, for programs) or excel-nl (a byte
    /// order mark, `;` and decimal commas, for a Dutch Excel opening the file by double-click).
    #[arg(long, global = true, value_enum, default_value_t = CsvDialectArg::Rfc4180)]
    pub csv_dialect: CsvDialectArg,

    /// TUI: continue the last autosaved session.
    #[arg(long)]
    pub resume: bool,

    /// TUI: colour theme (NO_COLOR is honoured in both).
    #[arg(long, value_enum, default_value_t = ThemeArg::Default)]
    pub theme: ThemeArg,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// TUI colour themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    /// Calm colours for a projector.
    Default,
    /// Maximum contrast: white on black, bright accents.
    HighContrast,
}

/// Runs the workshop TUI (no command given). Input problems are reported like the commands do.
pub fn run_tui(cli: &Cli) -> Outcome {
    let cat = match load_catalogue(cli.catalogue.as_ref()) {
        Ok(c) => c,
        Err(e) => return Outcome::invalid(&e),
    };
    let opts = crate::tui::app::Options {
        profile: cli.profile.clone(),
        resume: cli.resume,
        theme: match cli.theme {
            ThemeArg::Default => crate::tui::theme::ThemeKind::Default,
            ThemeArg::HighContrast => crate::tui::theme::ThemeKind::HighContrast,
        },
        lang: cli.lang.into(),
    };
    let outcome = match crate::tui::app::run(cat, opts) {
        Ok(()) => Outcome::default(),
        Err(e) => match e.downcast_ref::<InputErrors>() {
            Some(ie) => Outcome::invalid(ie),
            None if e.is::<crate::tui::app::NoTerminal>() => Outcome {
                stdout: String::new(),
                stderr: format!("{e}\n"),
                code: EXIT_USAGE,
            },
            None => Outcome {
                stdout: String::new(),
                stderr: format!("{e}\n"),
                code: EXIT_INVALID,
            },
        },
    };
    outcome.sanitised()
}

const EXIT_HELP: &str = "Exit codes: 0 ok, 1 invalid input, 2 usage error.";

/// The headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rank the candidates for a profile, explain every score, list exclusions and place each
    /// workload (the hybrid landscape).
    Score {
        /// The profile (TOML); the built-in demo when omitted.
        #[arg(long, short = 'p', value_name = "FILE")]
        profile: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    // --- Application portfolio (issue 16) ---------------------------------------------------
    /// The application portfolio: import a CSV or XLSX file (`portfolio import FILE`), or list
    /// every application with its data class, placement, move date and exceptions, or show the
    /// migration roadmap (`--view roadmap`).
    Portfolio {
        #[command(subcommand)]
        action: Option<PortfolioAction>,
        /// The profile (TOML) whose `portfolio = "…"` names the file; the built-in demo and its
        /// sample portfolio when omitted.
        #[arg(long, short = 'p', value_name = "FILE")]
        profile: Option<PathBuf>,
        /// A portfolio file (CSV or XLSX) to use instead of the profile's.
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
        /// What to show.
        #[arg(long, value_enum, default_value_t = PortfolioShow::List)]
        view: PortfolioShow,
        /// Output format (CSV: `;`, a BOM and decimal commas in Dutch, for Excel).
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// The roadmap's reference date, YYYY-MM-DD; today when omitted.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Check profiles; exit 0 when all are valid, 1 with every problem found otherwise.
    Validate {
        /// Profile files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// The business case (KING, De baten als ballast): yearly table per scenario and risk band,
    /// return years, and a starter group's allocation per participant.
    ///
    /// Each scenario is compared with the baseline ('ongewijzigd beleid') for the favourable,
    /// expected and unfavourable band; a participant whose own case is negative while the
    /// group's is positive is flagged.
    BusinessCase {
        /// The profile (TOML) with a [business_case] section; the built-in demo when omitted.
        #[arg(long, short = 'p', value_name = "FILE")]
        profile: Option<PathBuf>,
        /// Only the scenarios tied to this candidate (e.g. ssc-saas-community).
        #[arg(long, value_name = "ID")]
        candidate: Option<String>,
        /// Horizon in years instead of the profile's (5–10).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(5..=10))]
        years: Option<u32>,
        /// Output format; xlsx is an Excel workbook with live formulas and needs -o.
        #[arg(long, value_enum, default_value_t = CaseFormat::Table)]
        format: CaseFormat,
        /// Write to this file instead of standard output (required for xlsx).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
        /// Overwrite the -o file when it exists (without it, an existing file is refused).
        #[arg(long, requires = "output")]
        force: bool,
    },
    /// Show the catalogue: options, control per layer, deployment models, rules, sources.
    Catalogue {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Write the decision note for a profile: question, weights, ranking with explanations,
    /// exclusions, control per layer, hybrid landscape, business case, collaboration obstacles
    /// and sources.
    Report {
        /// The profile (TOML); the built-in demo when omitted.
        #[arg(long, short = 'p', value_name = "FILE", conflicts_with = "session")]
        profile: Option<PathBuf>,
        /// A saved workshop session (TOML, from the TUI's `s` or its autosave): the note is
        /// written from its edited profile and weights.
        #[arg(long, value_name = "FILE")]
        session: Option<PathBuf>,
        /// Output format: a self-contained HTML page, Markdown, a Word file (docx), the data as
        /// JSON or CSV, or an Excel workbook (xlsx); docx and xlsx need -o.
        #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
        format: ReportFormat,
        /// Write to this file instead of standard output (required for docx and xlsx).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
        /// Overwrite the -o file when it exists (without it, an existing file is refused).
        #[arg(long, requires = "output")]
        force: bool,
    },
    /// How robust is the ranking: contributions, stability, SMAA-2, TOPSIS, the starter group.
    ///
    /// What makes each total and the gap between the first two; the weight interval within
    /// which the leader stays first and the smallest weight change that flips it; SMAA-2 rank
    /// acceptabilities (seeded); TOPSIS beside the weighted sum; and for a starter group the
    /// members' weights side by side, disagreement, consensus and the group ranking.
    Sensitivity {
        /// The profile (TOML); the built-in demo when omitted.
        #[arg(long, short = 'p', value_name = "FILE")]
        profile: Option<PathBuf>,
        /// Number of SMAA weight samples.
        #[arg(long, value_name = "N", default_value_t = DEFAULT_SAMPLES as u64,
              value_parser = clap::value_parser!(u64).range(1..=MAX_SAMPLES))]
        samples: u64,
        /// Seed of the SMAA sampling: the same seed gives the same result.
        #[arg(long, value_name = "S", default_value_t = DEFAULT_SEED)]
        seed: u64,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Weight elicitation: AHP pairwise comparison of the criteria.
    Weights {
        #[command(subcommand)]
        method: WeightsCommand,
    },
    /// Write a ballot file for a voting round, for a participant without a network: the
    /// facilitator imports it in the TUI's round view (`V`, then `f`), with the same checks
    /// as a ballot from a phone.
    ///
    /// The answers use the fields of the phone's form: `points.<criterion>` (0–10),
    /// `swing.<criterion>` (0–100, the most valued 100) or `ahp.<a>.<b>` (1/9 … 9, a before
    /// b in the order privacy, cost_predictability, control, continuity, flexibility,
    /// ontzorgen, exit). E.g. `wolkwijzer ballot --round ABCD-EFGH --question points
    /// --municipality Buren --set points.privacy=8 --set points.control=3 -o stem.toml`.
    Ballot {
        /// The code of the round, as shown in the room.
        #[arg(long, value_name = "CODE")]
        round: String,
        /// What the round asks.
        #[arg(long, value_enum)]
        question: BallotQuestion,
        /// The municipality you speak for (a round per municipality).
        #[arg(long, value_name = "NAME")]
        municipality: Option<String>,
        /// Your name (a named round only; rounds are anonymous by default).
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// The placement option you would choose (own, colocation, managed, ssc, host, none).
        #[arg(long, value_name = "OPTION")]
        choice: Option<String>,
        /// One answer, `FIELD=VALUE`; repeat for every criterion or pair.
        #[arg(long = "set", value_name = "FIELD=VALUE", required = true)]
        set: Vec<String>,
        /// Your participant token, to replace a ballot you cast or saved before (the `token`
        /// line of that file); a new random one when omitted.
        #[arg(long, value_name = "TOKEN")]
        token: Option<String>,
        /// The ballot file to write.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: PathBuf,
    },
    /// Print a shell completion script to standard output.
    ///
    /// E.g. `wolkwijzer completions bash > ~/.local/share/bash-completion/completions/wolkwijzer`.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output: every command and option.
    ///
    /// E.g. `wolkwijzer man > wolkwijzer.1 && man -l wolkwijzer.1`.
    Man,
}

/// Largest `--samples` accepted (10^7 takes a few seconds).
pub const MAX_SAMPLES: u64 = 10_000_000;

/// The weight elicitation commands.
#[derive(Debug, Subcommand)]
pub enum WeightsCommand {
    /// AHP: weights and consistency from a TOML file of pairwise judgements (see the README).
    Ahp {
        /// The judgement file (TOML).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

/// What a voting round asks (`wolkwijzer ballot --question`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BallotQuestion {
    /// Direct points, 0–10 per criterion.
    Points,
    /// Swing weights, 0–100 per criterion, the most valued 100.
    Swing,
    /// Pairwise AHP judgements, 1/9 … 9 per pair.
    Ahp,
}

/// Formats of the decision note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown with tables, for a council proposal.
    Markdown,
    /// One self-contained HTML file with charts, printable on A4.
    Html,
    /// The data behind every table, as JSON.
    Json,
    /// The data behind every table, as CSV blocks.
    Csv,
    /// A Word file with real heading and table styles, for the council's template (needs -o).
    Docx,
    /// An Excel workbook: ranking and weights, landscape, business case (needs -o).
    Xlsx,
}

/// Formats of `business-case`: the text formats and an Excel workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CaseFormat {
    Table,
    Json,
    Csv,
    Markdown,
    /// Excel workbook: the yearly tables as formulas over input cells (needs -o).
    Xlsx,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
}

/// CSV dialects on the command line (see `report::csv::Dialect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvDialectArg {
    /// RFC 4180: `,` between cells, `.` decimals.
    Rfc4180,
    /// Dutch Excel: byte order mark, `;` between cells, decimal commas, CRLF.
    ExcelNl,
}

impl From<CsvDialectArg> for report::csv::Dialect {
    fn from(d: CsvDialectArg) -> Self {
        match d {
            CsvDialectArg::Rfc4180 => report::csv::Dialect::Rfc4180,
            CsvDialectArg::ExcelNl => report::csv::Dialect::ExcelNl,
        }
    }
}

/// Whether a command prints CSV on standard output.
fn prints_csv(command: &Command) -> bool {
    match command {
        Command::Score { format, .. }
        | Command::Catalogue { format }
        | Command::Sensitivity { format, .. }
        | Command::Weights {
            method: WeightsCommand::Ahp { format, .. },
        } => *format == Format::Csv,
        Command::BusinessCase { format, output, .. } => {
            *format == CaseFormat::Csv && output.is_none()
        }
        Command::Report { format, output, .. } => *format == ReportFormat::Csv && output.is_none(),
        _ => false,
    }
}

/// `portfolio` actions (issue 16).
#[derive(Debug, Subcommand)]
pub enum PortfolioAction {
    /// Read a portfolio file and report what was read: counts, detected format, missing and
    /// unknown columns, unknown reference components; every bad cell as
    /// file:row:column: header: problem (allowed: …). Exit 1 when any cell is bad.
    Import {
        /// The file (CSV with `;` or `,`, UTF-8 or Windows-1252; or XLSX).
        file: PathBuf,
    },
}

/// What `portfolio` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PortfolioShow {
    /// Every application with its placement.
    List,
    /// The migration roadmap per year and quarter.
    Roadmap,
}

/// Languages on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Nederlands (default).
    Nl,
    /// English.
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Nl => Lang::Nl,
            LangArg::En => Lang::En,
        }
    }
}

/// What a command produced: text for stdout, text for stderr, and the exit code.
#[derive(Debug, Default)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Outcome {
    /// The outcome with stdout and stderr through `core::safe_text::escape`.
    pub fn sanitised(self) -> Self {
        use crate::core::safe_text::escape;
        Outcome {
            stdout: escape(&self.stdout).into_owned(),
            stderr: escape(&self.stderr).into_owned(),
            code: self.code,
        }
    }

    fn ok(stdout: String) -> Self {
        Outcome {
            stdout,
            stderr: String::new(),
            code: EXIT_OK,
        }
    }

    fn invalid(errors: &InputErrors) -> Self {
        Outcome {
            stdout: String::new(),
            stderr: format!("{errors}\n"),
            code: EXIT_INVALID,
        }
    }
}

/// Loads the catalogue named on the command line, or the built-in one.
pub fn load_catalogue(path: Option<&PathBuf>) -> Result<Catalogue, InputErrors> {
    match path {
        Some(p) => catalogue::load(p),
        None => Ok(catalogue::built_in()),
    }
}

/// Loads a profile, or the demo.
pub fn load_profile(path: Option<&PathBuf>) -> Result<Profile, InputErrors> {
    match path {
        Some(p) => profile::load(p),
        None => Ok(profile::demo()),
    }
}

/// Renders a score result in a format.
pub fn render_score(
    catalogue: &Catalogue,
    profile: &Profile,
    format: Format,
    lang: Lang,
) -> Result<String, scoring::ScoreError> {
    let evaluation = scoring::evaluate(catalogue, profile)?;
    let view = ScoreView {
        catalogue,
        profile,
        evaluation: &evaluation,
        lang,
    };
    Ok(match format {
        Format::Table => report::doc::text::render(&report::score::score_doc(&view)),
        Format::Json => report::json::score(&view),
        Format::Csv => report::csv::score(&view),
        Format::Markdown => report::doc::markdown::render(&report::score::score_doc(&view)),
    })
}

/// Renders the decision note for a profile in a text format (the collaboration form follows
/// the leading option; see `report::note::default_form`). The business case chapter is there
/// when the profile has a `[business_case]`. Docx and xlsx are refused here: they are files
/// ([`render_report_file`]).
pub fn render_report(
    catalogue: &Catalogue,
    profile: &Profile,
    format: ReportFormat,
    lang: Lang,
) -> Result<String, ReportError> {
    render_report_at(catalogue, profile, None, format, lang)
}

/// [`render_report`] for a profile read from `origin`: a portfolio the profile names
/// (`portfolio = "…"`, relative to the profile's file) adds the portfolio chapter and annex,
/// with the roadmap counted from today. Without an origin there is no portfolio chapter.
pub fn render_report_at(
    catalogue: &Catalogue,
    profile: &Profile,
    origin: Option<&Path>,
    format: ReportFormat,
    lang: Lang,
) -> Result<String, ReportError> {
    let evaluation = scoring::evaluate(catalogue, profile)?;
    let note = build_note(catalogue, profile, origin, &evaluation, lang)?;
    let format = match format {
        ReportFormat::Markdown => note::NoteFormat::Markdown,
        ReportFormat::Html => note::NoteFormat::Html,
        ReportFormat::Json => note::NoteFormat::Json,
        ReportFormat::Csv => note::NoteFormat::Csv,
        ReportFormat::Docx => return Err(ReportError::Binary("docx")),
        ReportFormat::Xlsx => return Err(ReportError::Binary("xlsx")),
    };
    Ok(note::render_as(&note, format))
}

fn build_note(
    catalogue: &Catalogue,
    profile: &Profile,
    origin: Option<&Path>,
    evaluation: &scoring::Evaluation,
    lang: Lang,
) -> Result<Note, ReportError> {
    let input = NoteInput {
        catalogue,
        profile,
        evaluation,
        lang,
        form: None,
    };
    let mut note = Note::build(&input)?;
    if let Some(origin) = origin {
        note.add_portfolio(&input, Some(origin), portfolio::today())?;
    }
    Ok(note)
}

/// The decision note as the bytes of a file in any format: the text formats as UTF-8 (with
/// unsafe characters made visible, as on standard output), Word and Excel as their files.
pub fn render_report_file(
    catalogue: &Catalogue,
    profile: &Profile,
    format: ReportFormat,
    lang: Lang,
) -> Result<Vec<u8>, ReportError> {
    render_report_file_at(catalogue, profile, None, format, lang)
}

/// [`render_report_file`] for a profile read from `origin`, with its portfolio (see
/// [`render_report_at`]).
pub fn render_report_file_at(
    catalogue: &Catalogue,
    profile: &Profile,
    origin: Option<&Path>,
    format: ReportFormat,
    lang: Lang,
) -> Result<Vec<u8>, ReportError> {
    let evaluation = scoring::evaluate(catalogue, profile)?;
    let note = build_note(catalogue, profile, origin, &evaluation, lang)?;
    match format {
        ReportFormat::Docx => Ok(note::docx(&note)?),
        ReportFormat::Xlsx => note::xlsx::workbook(&note, catalogue, profile, &evaluation),
        text => render_report_at(catalogue, profile, origin, text, lang)
            .map(|t| crate::core::safe_text::escape(&t).into_owned().into_bytes()),
    }
}

/// Renders the sensitivity analysis of a profile in a format.
pub fn render_sensitivity(
    catalogue: &Catalogue,
    profile: &Profile,
    sampling: SamplingSettings,
    format: Format,
    lang: Lang,
) -> Result<String, AnalysisError> {
    let analysis = analysis::analyse(catalogue, profile, sampling)?;
    let view = SensitivityView {
        catalogue,
        profile,
        analysis: &analysis,
        lang,
    };
    Ok(match format {
        Format::Table => report::doc::text::render(&sensitivity::sensitivity_doc(&view)),
        Format::Json => sensitivity::json::sensitivity(&view),
        Format::Csv => sensitivity::csv::sensitivity(&view),
        Format::Markdown => report::doc::markdown::render(&sensitivity::sensitivity_doc(&view)),
    })
}

/// Renders the AHP analysis of a judgement file in a format.
pub fn render_ahp(input: &AhpInput, format: Format, lang: Lang) -> Result<String, McdaError> {
    let analysis = ahp::analyse(&input.matrix, input.random_index)?;
    let view = AhpView {
        input,
        analysis: &analysis,
        lang,
    };
    Ok(match format {
        Format::Table => report::doc::text::render(&sensitivity::ahp_doc(&view)),
        Format::Json => sensitivity::json::ahp(&view),
        Format::Csv => sensitivity::csv::ahp(&view),
        Format::Markdown => report::doc::markdown::render(&sensitivity::ahp_doc(&view)),
    })
}

fn failed(message: impl std::fmt::Display) -> Outcome {
    Outcome {
        stdout: String::new(),
        stderr: format!("{message}\n"),
        code: EXIT_INVALID,
    }
}

/// The completion script for `shell`, generated from the clap definitions.
pub fn completions(shell: clap_complete::Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "wolkwijzer", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The manual page (roff), generated from the clap definitions: the top-level page (name,
/// synopsis, description, options, the list of commands), one section per command — nested
/// ones such as `weights ahp` included — with its synopsis, description and options, then the
/// exit codes and the version.
pub fn man_page() -> std::io::Result<String> {
    let mut root = Cli::command();
    root.build();
    let mut commands = Vec::new();
    leaf_commands(&root, &mut commands);
    let page = clap_mangen::Man::new(root);
    let mut out = Vec::new();
    page.render_title(&mut out)?;
    page.render_name_section(&mut out)?;
    page.render_synopsis_section(&mut out)?;
    page.render_description_section(&mut out)?;
    page.render_options_section(&mut out)?;
    // The commands live in this page (clap_mangen would refer to one page per command).
    let mut list = String::from(".SH COMMANDS\n");
    for sub in &commands {
        let name = sub.get_bin_name().unwrap_or(sub.get_name());
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        list.push_str(&format!(
            ".TP\n\\fB{}\\fR\n{}\n",
            roff_text(name),
            roff_text(&about)
        ));
    }
    out.extend_from_slice(list.as_bytes());
    for sub in commands {
        let name = sub.get_bin_name().unwrap_or(sub.get_name()).to_owned();
        let page = clap_mangen::Man::new(sub);
        let mut section = Vec::new();
        page.render_synopsis_section(&mut section)?;
        page.render_description_section(&mut section)?;
        page.render_options_section(&mut section)?;
        // One heading per command; its own SYNOPSIS/DESCRIPTION/OPTIONS become paragraphs.
        let heading = format!(".SH \"{}\"\n", roff_text(&name.to_uppercase()));
        out.extend_from_slice(heading.as_bytes());
        for line in String::from_utf8_lossy(&section).lines().skip(1) {
            let line = if line.starts_with(".SH ") {
                ".PP"
            } else {
                line
            };
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
        }
    }
    page_tail(&mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The exit codes and the version, closing the manual page.
fn page_tail(out: &mut Vec<u8>) -> std::io::Result<()> {
    let page = clap_mangen::Man::new(Cli::command());
    page.render_extra_section(out)?;
    page.render_version_section(out)
}

/// Text with the roff specials escaped: backslashes, hyphens, a leading dot or quote.
fn roff_text(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// The commands under `cmd` that run something (`weights` only groups `weights ahp`).
fn leaf_commands(cmd: &clap::Command, out: &mut Vec<clap::Command>) {
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        if sub.has_subcommands() {
            // A group with options of its own (`portfolio`) gets a section too.
            if sub
                .get_arguments()
                .any(|a| a.get_long().is_some_and(|l| l != "help") && !a.is_global_set())
            {
                out.push(sub.clone());
            }
            leaf_commands(sub, out);
        } else {
            out.push(sub.clone());
        }
    }
}

/// Runs a headless command. `None` (no command) is handled by the caller. What it prints
/// passes the one text sanitiser (`core::safe_text`): control and bidi characters from names
/// in a profile never reach the terminal.
pub fn run(cli: &Cli, command: &Command) -> Outcome {
    // Generated from the clap definitions: no catalogue needed, so a bad one cannot stop them.
    match command {
        Command::Completions { shell } => return Outcome::ok(completions(*shell)),
        Command::Man => {
            return match man_page() {
                Ok(page) => Outcome::ok(page),
                Err(e) => failed(format!("cannot render the manual page: {e}")),
            };
        }
        _ => {}
    }
    let mut out = run_command(cli, command).sanitised();
    if out.code == EXIT_OK && prints_csv(command) {
        out.stdout = report::csv::to_dialect(&out.stdout, cli.csv_dialect.into());
    }
    out
}

fn run_command(cli: &Cli, command: &Command) -> Outcome {
    let lang: Lang = cli.lang.into();
    let cat = match load_catalogue(cli.catalogue.as_ref()) {
        Ok(c) => c,
        Err(e) => return Outcome::invalid(&e),
    };
    match command {
        Command::Score { profile, format } => {
            let loaded = match profile {
                Some(path) => profile::load_with(path, &cat),
                None => load_profile(None),
            };
            let p = match loaded {
                Ok(p) => p,
                Err(e) => return Outcome::invalid(&e),
            };
            match render_score(&cat, &p, *format, lang) {
                // Issue 16 (port2): the profile's portfolio, in short, after the score.
                Ok(text) => {
                    portfolio::with_score_section(&cat, &p, profile.as_deref(), *format, lang, text)
                }
                Err(e) => Outcome {
                    stdout: String::new(),
                    stderr: format!("{e}\n"),
                    code: EXIT_INVALID,
                },
            }
        }
        Command::Validate { files } => {
            let mut out = Outcome::default();
            for f in files {
                match profile::load_with(f, &cat) {
                    Ok(_) => out.stdout.push_str(&format!("{}: ok\n", f.display())),
                    Err(e) => {
                        out.stderr.push_str(&format!("{e}\n"));
                        out.code = EXIT_INVALID;
                    }
                }
            }
            out
        }
        Command::Report {
            profile,
            session,
            format,
            output,
            force,
        } => {
            // The profile's file, against which its portfolio is read.
            let loaded = match (session, profile) {
                (Some(path), _) => crate::io::store::load_with(path, &cat)
                    .map(|s| (s.note_profile(), s.profile_path.clone())),
                (None, Some(path)) => {
                    profile::load_with(path, &cat).map(|p| (p, Some(path.clone())))
                }
                (None, None) => load_profile(None).map(|p| (p, None)),
            };
            let (p, origin) = match loaded {
                Ok(p) => p,
                Err(e) => return Outcome::invalid(&e),
            };
            let origin = origin.as_deref();
            match output {
                None => match render_report_at(&cat, &p, origin, *format, lang) {
                    Ok(text) => Outcome::ok(text),
                    Err(e @ ReportError::Binary(_)) => Outcome {
                        stdout: String::new(),
                        stderr: format!("{e}\n"),
                        code: EXIT_USAGE,
                    },
                    Err(e) => failed(e),
                },
                Some(path) => {
                    if let Some(refused) = refuse_existing(path, *force) {
                        return refused;
                    }
                    match render_report_file_at(&cat, &p, origin, *format, lang) {
                        Ok(bytes) if *format == ReportFormat::Csv => {
                            let text = String::from_utf8_lossy(&bytes);
                            let csv = report::csv::to_dialect(&text, cli.csv_dialect.into());
                            write_output(path, csv.as_bytes(), "the report")
                        }
                        Ok(bytes) => write_output(path, &bytes, "the report"),
                        Err(e) => failed(e),
                    }
                }
            }
        }
        Command::BusinessCase {
            profile,
            candidate,
            years,
            format,
            output,
            force,
        } => {
            if let Some(refused) = output.as_deref().and_then(|o| refuse_existing(o, *force)) {
                return refused;
            }
            let text_format = match format {
                CaseFormat::Table => Some(Format::Table),
                CaseFormat::Json => Some(Format::Json),
                CaseFormat::Csv => Some(Format::Csv),
                CaseFormat::Markdown => Some(Format::Markdown),
                CaseFormat::Xlsx => None,
            };
            if text_format.is_none() && output.is_none() {
                return xlsx_needs_output();
            }
            let p = match profile {
                Some(path) => profile::load_with(path, &cat),
                None => Ok(profile::demo()),
            };
            let p = match p {
                Ok(p) => p,
                Err(e) => return Outcome::invalid(&e),
            };
            let candidate = candidate.as_deref();
            match (text_format, output) {
                (Some(f), None) => business_case(&cat, &p, candidate, *years, f, lang),
                (Some(f), Some(path)) => {
                    let out = business_case(&cat, &p, candidate, *years, f, lang);
                    if out.code != EXIT_OK {
                        return out;
                    }
                    let text = if f == Format::Csv {
                        report::csv::to_dialect(&out.stdout, cli.csv_dialect.into())
                    } else {
                        out.stdout
                    };
                    write_output(path, text.as_bytes(), "the business case")
                }
                (None, Some(path)) => business_case_xlsx(&cat, &p, candidate, *years, lang, path),
                (None, None) => xlsx_needs_output(),
            }
        }
        Command::Sensitivity {
            profile,
            samples,
            seed,
            format,
        } => {
            let loaded = match profile {
                Some(path) => profile::load_with(path, &cat),
                None => load_profile(None),
            };
            let p = match loaded {
                Ok(p) => p,
                Err(e) => return Outcome::invalid(&e),
            };
            let sampling = SamplingSettings {
                samples: usize::try_from(*samples).unwrap_or(usize::MAX),
                seed: *seed,
            };
            match render_sensitivity(&cat, &p, sampling, *format, lang) {
                Ok(text) => Outcome::ok(text),
                Err(e) => failed(e),
            }
        }
        Command::Weights {
            method: WeightsCommand::Ahp { file, format },
        } => match crate::io::ahp::load(file) {
            Ok(input) => match render_ahp(&input, *format, lang) {
                Ok(text) => Outcome::ok(text),
                Err(e) => failed(format!("{}: {e}", file.display())),
            },
            Err(e) => Outcome::invalid(&e),
        },
        Command::Portfolio {
            action,
            profile,
            file,
            view,
            format,
            as_of,
        } => portfolio::run(
            &cat,
            action.as_ref(),
            profile.as_deref(),
            file.as_deref(),
            *view,
            *format,
            as_of.as_deref(),
            lang,
        ),
        Command::Ballot {
            round,
            question,
            municipality,
            name,
            choice,
            set,
            token,
            output,
        } => ballot(
            &BallotArgs {
                round,
                question: *question,
                municipality: municipality.as_deref(),
                name: name.as_deref(),
                choice: choice.as_deref(),
                set,
                token: token.as_deref(),
            },
            output,
            lang,
        ),
        Command::Completions { .. } | Command::Man => {
            unreachable!("handled before the catalogue is loaded")
        }
        Command::Catalogue { format } => Outcome::ok(match format {
            Format::Table => {
                report::doc::text::render(&report::catalogue::catalogue_doc(&cat, lang))
            }
            Format::Json => report::json::catalogue(&cat, lang),
            Format::Csv => report::csv::catalogue(&cat, lang),
            Format::Markdown => {
                report::doc::markdown::render(&report::catalogue::catalogue_doc(&cat, lang))
            }
        }),
    }
}

/// What to add when a profile has no business case.
pub const NO_BUSINESS_CASE: &str = "add a [business_case] section: horizon (5–10, default 7), [[business_case.measurement]] with the nulmeting of every municipality (ict_workplace, software, data_communication, voice_communication, personnel, servers_storage, facilities, implicit) and [[business_case.scenarios]] with candidate, kind (cost_reduction or minder_meerkosten) and their lines; see README.md, \"Business case\", or profiles/kleine-gemeente.toml";

/// Runs `business-case` on a loaded profile: selects the scenarios of `candidate`, evaluates
/// them over `years` (the profile's horizon when `None`) and renders them in `format`.
pub fn business_case(
    catalogue: &Catalogue,
    profile: &Profile,
    candidate: Option<&str>,
    years: Option<u32>,
    format: Format,
    lang: Lang,
) -> Outcome {
    with_business_case(catalogue, profile, candidate, years, lang, |view| {
        Outcome::ok(match format {
            Format::Table => {
                report::doc::text::render(&report::business_case::content::business_case_doc(view))
            }
            Format::Json => report::business_case::json::business_case(view),
            Format::Csv => report::business_case::csv::business_case(view),
            Format::Markdown => report::doc::markdown::render(
                &report::business_case::content::business_case_doc(view),
            ),
        })
    })
}

/// Checks `candidate` and `years`, evaluates the business case and hands its view to `render`;
/// problems become the outcome (exit 1 for the profile, 2 for the arguments).
fn with_business_case(
    catalogue: &Catalogue,
    profile: &Profile,
    candidate: Option<&str>,
    years: Option<u32>,
    lang: Lang,
    render: impl FnOnce(&BusinessCaseView<'_>) -> Outcome,
) -> Outcome {
    let fail = |code: i32, message: String| Outcome {
        stdout: String::new(),
        stderr: format!("{message}\n"),
        code,
    };
    let Some(setup) = &profile.business_case else {
        return fail(
            EXIT_INVALID,
            format!(
                "the profile \"{}\" has no business case: {NO_BUSINESS_CASE}",
                profile.title
            ),
        );
    };
    if let Some(id) = candidate {
        if catalogue.candidate_by_id(id).is_none() {
            let ids: Vec<String> = catalogue.candidates.iter().map(|c| c.key().id()).collect();
            return fail(
                EXIT_USAGE,
                format!(
                    "--candidate: unknown candidate \"{id}\" (allowed: {})",
                    ids.join(", ")
                ),
            );
        }
        if !setup.scenarios.iter().any(|s| s.candidate.id() == id) {
            let mut with: Vec<String> = setup.scenarios.iter().map(|s| s.candidate.id()).collect();
            with.dedup();
            return fail(
                EXIT_INVALID,
                format!(
                    "--candidate: the profile has no scenario for \"{id}\" (scenarios exist for: {})",
                    with.join(", ")
                ),
            );
        }
    }
    let horizon = match years.map(Horizon::new).transpose() {
        Ok(h) => h,
        Err(e) => return fail(EXIT_USAGE, format!("--years: {e}")),
    };
    let result = match setup.evaluate(horizon, |s| {
        candidate.is_none_or(|id| s.candidate.id() == id)
    }) {
        Ok(r) => r,
        Err(e) => {
            let with = years.map_or(String::new(), |y| format!("with --years {y}: "));
            return fail(EXIT_INVALID, format!("{with}{e}"));
        }
    };
    // Does the business case cost out what the ranking recommends? (issue 11, item 6)
    let coverage = scoring::evaluate(catalogue, profile).ok().map(|e| {
        crate::core::business_case::coverage(
            &crate::core::business_case::leaders(&e.ranking),
            &setup.scenarios,
        )
    });
    let view = BusinessCaseView {
        catalogue,
        profile,
        setup,
        result: &result,
        lang,
        coverage,
    };
    render(&view)
}

/// The usage error of `--format xlsx` without `-o`: a workbook is binary, not for a terminal.
fn xlsx_needs_output() -> Outcome {
    Outcome {
        stdout: String::new(),
        stderr: "--format xlsx writes a binary workbook: name the file with -o FILE (e.g. -o business-case.xlsx)\n".into(),
        code: EXIT_USAGE,
    }
}

/// The refusal to overwrite an existing `-o` file without `--force`; `None` when writing may
/// go ahead.
fn refuse_existing(path: &std::path::Path, force: bool) -> Option<Outcome> {
    (!force && path.exists()).then(|| Outcome {
        stdout: String::new(),
        stderr: format!(
            "{}: the file exists; nothing was written. Choose another name with -o, or add --force to overwrite it.\n",
            path.display()
        ),
        code: EXIT_INVALID,
    })
}

/// Writes `bytes` to `path` atomically (a temporary file beside it, renamed over the target,
/// so a crash leaves the old file or the new one); a failure is reported with `what` was
/// being written.
fn write_output(path: &std::path::Path, bytes: &[u8], what: &str) -> Outcome {
    match crate::io::store::write_atomic(path, bytes, &mut |_| Ok(())) {
        Ok(()) => Outcome::ok(String::new()),
        Err(e) => Outcome {
            stdout: String::new(),
            stderr: format!("{}: cannot write {what}: {e}\n", path.display()),
            code: EXIT_INVALID,
        },
    }
}

/// Runs `business-case --format xlsx -o path`: the workbook of [`report::business_case::xlsx`]
/// with the ranking and weights of the profile.
pub fn business_case_xlsx(
    catalogue: &Catalogue,
    profile: &Profile,
    candidate: Option<&str>,
    years: Option<u32>,
    lang: Lang,
    path: &std::path::Path,
) -> Outcome {
    let evaluation = match scoring::evaluate(catalogue, profile) {
        Ok(e) => e,
        Err(e) => return failed(e),
    };
    with_business_case(catalogue, profile, candidate, years, lang, |view| {
        match report::business_case::xlsx::business_case(view, Some(&evaluation)) {
            Ok(bytes) => write_output(path, &bytes, "the workbook"),
            Err(e) => failed(format!("cannot build the workbook: {e}")),
        }
    })
}

// ---- `wolkwijzer ballot` (issue 17: the voting round's fallback without a network) ----------

/// The arguments of `wolkwijzer ballot`.
pub struct BallotArgs<'a> {
    pub round: &'a str,
    pub question: BallotQuestion,
    pub municipality: Option<&'a str>,
    pub name: Option<&'a str>,
    pub choice: Option<&'a str>,
    pub set: &'a [String],
    /// The participant's token to reuse; a new one when `None`.
    pub token: Option<&'a str>,
}

/// Writes a ballot file: the answers are validated as a phone's would be (against the round
/// as the participant describes it; the facilitator's import checks them against the real
/// round again).
pub fn ballot(args: &BallotArgs<'_>, output: &std::path::Path, lang: Lang) -> Outcome {
    use crate::core::criteria::Criterion;
    use crate::core::round::{Question, RoundSpec, Scope};
    let mut fields = vec![];
    let mut bad = vec![];
    for s in args.set {
        match s.split_once('=') {
            Some((k, v)) => fields.push((k.trim().to_string(), v.trim().to_string())),
            None => bad.push(format!(
                "--set {}: expected FIELD=VALUE, e.g. points.privacy=8",
                crate::core::safe_text::cut(s)
            )),
        }
    }
    if !bad.is_empty() {
        return failed(bad.join("\n"));
    }
    // The criteria are the ones the answers name, in canonical order.
    let named: Vec<Criterion> = Criterion::ALL
        .iter()
        .copied()
        .filter(|c| {
            fields
                .iter()
                .any(|(k, _)| k.split('.').skip(1).any(|part| part == c.id()))
        })
        .collect();
    let spec = RoundSpec {
        question: match args.question {
            BallotQuestion::Points => Question::Points,
            BallotQuestion::Swing => Question::Swing,
            BallotQuestion::Ahp => Question::Ahp,
        },
        criteria: named,
        ask_choice: args.choice.is_some(),
        scope: if args.municipality.is_some() {
            Scope::PerMunicipality
        } else {
            Scope::Everyone
        },
        municipalities: args.municipality.map(str::to_string).into_iter().collect(),
        named: args.name.is_some(),
    };
    if let Err(e) = spec.validate() {
        return failed(format!(
            "{e}: name them with --set, e.g. --set points.privacy=8 (criteria: {})",
            Criterion::allowed()
        ));
    }
    for (k, v) in [
        ("municipality", args.municipality),
        ("name", args.name),
        ("choice", args.choice),
    ] {
        if let Some(v) = v {
            fields.push((k.to_string(), v.to_string()));
        }
    }
    let ballot = match spec.validate_ballot(&fields) {
        Ok(b) => b,
        Err(problems) => {
            let lines: Vec<String> = problems
                .iter()
                .map(|p| {
                    let allowed = if p.kind == crate::core::round::ProblemKind::Unknown {
                        format!(" (allowed: {})", spec.fields().join(", "))
                    } else {
                        String::new()
                    };
                    format!("{}{allowed}", crate::i18n::vote_problem(p, lang))
                })
                .collect();
            return failed(lines.join("\n"));
        }
    };
    let tok = match args.token.map(str::trim) {
        Some(t) if crate::vote::token::is_token_shaped(t) => t.to_string(),
        Some(t) => {
            return failed(format!(
                "--token {}: not a participant token (the `token` line of a ballot file: {} letters and digits)",
                crate::core::safe_text::cut(t),
                crate::vote::token::TOKEN_CHARS
            ));
        }
        None => match crate::vote::token::participant_token() {
            Ok(t) => t,
            Err(e) => return failed(e),
        },
    };
    let text = crate::vote::ballot_file::write(args.round.trim(), &spec, &tok, &ballot);
    match crate::io::store::write_atomic(output, text.as_bytes(), &mut |_| Ok(())) {
        Ok(()) => Outcome::ok(format!("{}\n", output.display())),
        Err(e) => failed(format!(
            "{}: cannot write the ballot: {e}",
            output.display()
        )),
    }
}
