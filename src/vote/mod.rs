//! The voting round's edge: a small web server in the same process that participants reach
//! from their phones, the join code and its QR code, the laptop's addresses to listen on, and
//! ballot files for the room without a network. The round itself (what is asked, validation,
//! count, reveal) is pure and lives in [`crate::core::round`].
//!
//! Nothing here talks to the internet: the server binds one address the facilitator chose,
//! serves pages without external resources, and accepts nothing but ballots.

/// Ballot files: written from the phone page or `wolkwijzer ballot`, imported by the TUI.
pub mod ballot_file;
/// The laptop's addresses a phone could reach; never "all interfaces".
pub mod net;
/// The participant's pages (server-rendered HTML, no script).
pub mod page;
/// The join URL as a QR code in terminal characters.
pub mod qr;
/// The HTTP server (`tiny_http`), its limits, and the events it sends to the TUI.
pub mod server;
/// Random join codes and participant tokens.
pub mod token;
/// One screen per question, the review, and the ballot file as a link.
pub mod wizard;
