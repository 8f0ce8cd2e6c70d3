//! wolkwijzer: a workshop tool for Dutch municipalities choosing where to place their ICT.
//!
//! The crate keeps a strict direction between modules: `io` → `core` → views (`report`, `tui`).
//! The core knows nothing of terminals, files or TOML.

/// The command line: clap definitions and the headless commands.
pub mod cli;
/// The pure domain core: catalogue, criteria, scoring, business case, weights. No I/O.
pub mod core;
/// Every user-facing label, in Dutch and English.
pub mod i18n;
/// Files and the outside world: catalogue and profile loading, paths, error locations.
pub mod io;
/// Results as text: table, JSON, CSV, Markdown.
pub mod report;
/// The workshop TUI: screens, keys, actions, autosave.
pub mod tui;
/// The voting round's edge: the phones' web server, QR code, ballot files.
pub mod vote;
