//! The round's edge in the TUI: starts and stops the vote server, lists the laptop's
//! addresses, reads ballot files, and hands the server's events to the loop as actions. The
//! round view asks for these through `Effect::Round`; everything it learns comes back as
//! `Action::Round`, through the same `update` as a key.

use std::fmt;
use std::sync::mpsc::{self, Receiver};

use super::action::Action;
use super::screens::round::{RoundAction, RoundEffect};
use super::state::State;
use crate::core::catalogue::PlacementOption;
use crate::core::round::Round;
use crate::vote::server::{ServeConfig, VoteEvent, VoteServer};
use crate::vote::{ballot_file, net, token};

/// A running server and the events it sends.
pub struct Link {
    server: VoteServer,
    events: Receiver<VoteEvent>,
}

impl fmt::Debug for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Link({})", self.server.addr())
    }
}

/// Whether a server is running (the loop then wakes up for its events).
pub fn is_live(state: &State) -> bool {
    state.round.link.borrow().is_some()
}

/// The events that arrived since the last call, as actions.
pub fn pending(state: &State) -> Vec<Action> {
    let link = state.round.link.borrow();
    let Some(l) = link.as_ref() else {
        return vec![];
    };
    l.events
        .try_iter()
        .map(|VoteEvent::Cast { token, ballot }| {
            Action::Round(RoundAction::Cast {
                token,
                ballot: Box::new(ballot),
            })
        })
        .collect()
}

/// Carries out a round effect; returns the action that reports its outcome.
pub fn perform(effect: RoundEffect, state: &State) -> Action {
    let t = crate::i18n::vote_tui(state.lang);
    let outcome = match effect {
        RoundEffect::ListAddresses => RoundAction::Addresses(net::candidates()),
        RoundEffect::Start {
            spec,
            existing,
            addr,
        } => {
            let round = match existing {
                Some(r) => Ok(*r),
                None => token::join_code()
                    .and_then(|code| Round::open(code, spec).map_err(|e| e.to_string())),
            };
            let options = PlacementOption::ALL
                .iter()
                .filter_map(|&o| state.catalogue.option(o).map(|i| (o, i.name.clone())))
                .collect();
            let (tx, rx) = mpsc::channel();
            match round.and_then(|r| {
                VoteServer::start(ServeConfig::room(addr, options), r.clone(), tx)
                    .map(|s| (s, r))
                    .map_err(|e| e.to_string())
            }) {
                Ok((server, round)) => {
                    let base_url = server.base_url();
                    let join_url = server.join_url();
                    *state.round.link.borrow_mut() = Some(Link { server, events: rx });
                    RoundAction::Opened {
                        round: Box::new(round),
                        base_url,
                        join_url,
                    }
                }
                Err(e) => RoundAction::OpenFailed(e),
            }
        }
        RoundEffect::Stop => {
            let link = state.round.link.borrow_mut().take();
            let round = match link {
                Some(l) => l.server.close(),
                None => {
                    let mut r = state.round.round.clone().unwrap_or_else(|| {
                        // Unreachable from the view (Stop is asked only for a live round);
                        // a closed empty round is the harmless answer.
                        Round {
                            version: crate::core::round::ROUND_SCHEMA,
                            code: String::new(),
                            spec: super::screens::round::spec_of(state),
                            status: crate::core::round::RoundStatus::Closed,
                            ballots: Default::default(),
                        }
                    });
                    r.close();
                    r
                }
            };
            RoundAction::Closed(Box::new(round))
        }
        RoundEffect::Import(path) => {
            let link = state.round.link.borrow();
            match link.as_ref() {
                None => RoundAction::ImportFailed(t.import_closed.to_string()),
                Some(l) => match ballot_file::load(&path, &l.server.snapshot()) {
                    Err(e) => RoundAction::ImportFailed(e.to_string()),
                    Ok((tok, ballot)) => match l.server.cast(&tok, ballot) {
                        Ok(_) => RoundAction::Imported(path),
                        Err(e) => RoundAction::ImportFailed(e.to_string()),
                    },
                },
            }
        }
    };
    Action::Round(outcome)
}
