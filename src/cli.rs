//! The command line: clap definitions and the headless commands (`score`, `validate`,
//! `catalogue`). `main.rs` only parses, dispatches and maps errors to exit codes.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::core::catalogue::Catalogue;
use crate::core::profile::Profile;
use crate::core::scoring;
use crate::core::text::Lang;
use crate::io::{InputErrors, catalogue, profile};
use crate::report::{self, ScoreView};

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
    match crate::tui::app::run(cat, opts) {
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
    }
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
    /// Check profiles; exit 0 when all are valid, 1 with every problem found otherwise.
    Validate {
        /// Profile files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Show the catalogue: options, control per layer, deployment models, rules, sources.
    Catalogue {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
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
        Format::Table => report::table::score(&view),
        Format::Json => report::json::score(&view),
        Format::Csv => report::csv::score(&view),
        Format::Markdown => report::markdown::score(&view),
    })
}

/// Runs a headless command. `None` (no command) is handled by the caller.
pub fn run(cli: &Cli, command: &Command) -> Outcome {
    let lang: Lang = cli.lang.into();
    let cat = match load_catalogue(cli.catalogue.as_ref()) {
        Ok(c) => c,
        Err(e) => return Outcome::invalid(&e),
    };
    match command {
        Command::Score { profile, format } => {
            let p = match load_profile(profile.as_ref()) {
                Ok(p) => p,
                Err(e) => return Outcome::invalid(&e),
            };
            match render_score(&cat, &p, *format, lang) {
                Ok(text) => Outcome::ok(text),
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
                match profile::load(f) {
                    Ok(_) => out.stdout.push_str(&format!("{}: ok\n", f.display())),
                    Err(e) => {
                        out.stderr.push_str(&format!("{e}\n"));
                        out.code = EXIT_INVALID;
                    }
                }
            }
            out
        }
        Command::Catalogue { format } => Outcome::ok(match format {
            Format::Table => report::table::catalogue(&cat, lang),
            Format::Json => report::json::catalogue(&cat, lang),
            Format::Csv => report::csv::catalogue(&cat, lang),
            Format::Markdown => report::markdown::catalogue(&cat, lang),
        }),
    }
}
