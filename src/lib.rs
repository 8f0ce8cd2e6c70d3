//! wolkwijzer: a workshop tool for Dutch municipalities choosing where to place their ICT.
//!
//! The crate keeps a strict direction between modules: `io` → `core` → views (`report`, `tui`).
//! The core knows nothing of terminals, files or TOML.

/// The pure domain core: catalogue, criteria, scoring, business case, weights. No I/O.
pub mod core;
