//! wolkwijzer's entry point: parse the command line, run a command (or the TUI), map the
//! outcome to an exit code. Nothing else lives here.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use wolkwijzer::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Some(command) => cli::run(&cli, command),
        None => cli::run_tui(&cli),
    };
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    ExitCode::from(outcome.code as u8)
}
