//! The workshop TUI: a guided walk through the options, layers, deployment models and scores,
//! for a facilitator on a projector. State changes only through `action::update`; views in
//! `screens` only read the state; the core does all scoring; `app` owns the terminal and I/O.

pub mod action;
pub mod app;
pub mod keymap;
pub mod layout;
pub mod mcda;
/// The voting round's edge: the vote server, addresses, ballot files (issue 17).
pub mod round_link;
pub mod screens;
pub mod state;
pub mod theme;
pub mod widgets;

pub use action::{Action, Effect, update};
pub use state::{Screen, State};
