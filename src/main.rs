//! wolkwijzer's entry point: parse the command line, run a command (or the TUI), map the
//! outcome to an exit code. Nothing else lives here.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use wolkwijzer::cli::{self, Cli, Command, Format};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Some(command) => cli::run(&cli, command),
        None => {
            // The workshop TUI is its own piece of work and not built yet: say so, and show
            // the demo ranking so the command still does something useful.
            let mut o = cli::run(
                &cli,
                &Command::Score {
                    profile: None,
                    format: Format::Table,
                },
            );
            o.stderr.insert_str(
                0,
                "The workshop TUI is not available yet; showing the demo ranking. See `wolkwijzer --help`.\n\n",
            );
            o
        }
    };
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    ExitCode::from(outcome.code as u8)
}
