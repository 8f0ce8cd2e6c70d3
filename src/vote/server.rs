//! The round's web server: `tiny_http` on the one address the facilitator chose, a few worker
//! threads, and nothing but ballots accepted.
//!
//! # Safety rules, in the order a request meets them
//! 1. **Rate**: a token bucket per client address ([`ServeConfig::burst`] requests, refilled at
//!    [`ServeConfig::per_minute`] a minute); over it: `429` with `Retry-After`.
//! 2. **Method and path**: `GET` of the join page, the style sheet, a participant's form,
//!    receipt and ballot file; `POST` of a ballot only. Anything else: `404` or `405`.
//! 3. **Tokens**: the join code (from the QR code or typed) hands out a fresh random
//!    participant token (at most [`crate::core::round::MAX_BALLOTS`] a round); a ballot is
//!    accepted only for a token this round handed out. Wrong code: `403`; unknown token: `404`.
//! 4. **Size and type**: a body over [`ServeConfig::max_body`] is refused unread (`413`); only
//!    `application/x-www-form-urlencoded` is read (`415`).
//! 5. **Content**: the form is validated by [`RoundSpec::validate_ballot`]; problems go back
//!    to the phone beside their fields (`400`), nothing is stored.
//! 6. **Open round**: after close every ballot is refused (`410`); the server then stops.
//!
//! # One truth
//! While the round is open this server's [`Round`] is the truth: a ballot is cast under its
//! lock and, still under the lock, sent to the TUI as a [`VoteEvent`], so the TUI sees the
//! casts in the same order. [`VoteServer::close`] takes the lock, closes the round, stops the
//! workers and returns the final round, which equals what the events built.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tiny_http::{Header, Method, Request, Response, Server};

use super::{ballot_file, page, token, wizard};
use crate::core::catalogue::PlacementOption;
use crate::core::round::{Ballot, Cast, CastError, MAX_BALLOTS, Round, RoundSpec};
use crate::core::text::{Lang, Localized};

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The one address to listen on (port 0: any free port).
    pub addr: SocketAddr,
    /// Largest request body, bytes.
    pub max_body: usize,
    /// Requests a client address may make per minute, sustained.
    pub per_minute: u32,
    /// Requests a client address may make at once.
    pub burst: u32,
    /// Worker threads answering requests.
    pub workers: usize,
    /// Most participant tokens handed out (at most `MAX_BALLOTS`).
    pub max_participants: usize,
    /// The placement options' names, for "which option would you choose".
    pub options: Vec<(PlacementOption, Localized)>,
}

impl ServeConfig {
    /// Defaults for a room: 16 KiB bodies (a 7-criterion AHP ballot is under 2 KiB), 1,200
    /// requests a minute per client address with bursts of 400, four workers. A participant's
    /// walk through the screens is about twenty requests (each screen and its stylesheet, the
    /// review, the receipt), and phones on a guest network routed to the laptop's network
    /// reach it from one shared address: these limits let about twenty phones behind one
    /// address vote at once (with 40 a minute, the third phone on one address was refused),
    /// while one device still cannot flood the laptop.
    pub fn room(addr: SocketAddr, options: Vec<(PlacementOption, Localized)>) -> ServeConfig {
        ServeConfig {
            addr,
            max_body: 16 * 1024,
            per_minute: 1_200,
            burst: 400,
            workers: 4,
            max_participants: MAX_BALLOTS,
            options,
        }
    }
}

/// What the server tells the TUI.
#[derive(Debug, Clone, PartialEq)]
pub enum VoteEvent {
    /// A ballot was cast (new or changed) for a participant token.
    Cast { token: String, ballot: Ballot },
}

/// Counts of what the server answered, for the closing figures.
#[derive(Debug, Default)]
pub struct Stats {
    pub accepted: AtomicU64,
    pub refused: AtomicU64,
    pub pages: AtomicU64,
}

struct Live {
    round: Round,
    tokens: HashSet<String>,
}

struct Limiter {
    buckets: HashMap<IpAddr, (f64, Instant)>,
}

/// Most client addresses the rate limiter remembers; past it, idle ones are forgotten.
const MAX_CLIENTS: usize = 10_000;

struct Shared {
    server: Server,
    spec: RoundSpec,
    code: String,
    live: Mutex<Live>,
    limiter: Mutex<Limiter>,
    events: Sender<VoteEvent>,
    stop: AtomicBool,
    config: ServeConfig,
    stats: Stats,
}

/// A running round server.
pub struct VoteServer {
    shared: Arc<Shared>,
    workers: Vec<JoinHandle<()>>,
    addr: SocketAddr,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{0} listens on all interfaces; choose one address of this laptop")]
    AllInterfaces(IpAddr),
    #[error("cannot listen on {addr}: {message}")]
    Bind { addr: SocketAddr, message: String },
    #[error("the round is not open")]
    NotOpen,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A worker that panicked while holding the lock leaves consistent data behind (every
    // update is a single insert), so the lock is taken over rather than poisoning the room.
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl VoteServer {
    /// Starts serving `round` (which must be open) on `config.addr`.
    ///
    /// # Errors
    /// The address is "all interfaces", cannot be bound, or the round is closed.
    pub fn start(
        config: ServeConfig,
        round: Round,
        events: Sender<VoteEvent>,
    ) -> Result<VoteServer, ServeError> {
        if !super::net::is_bindable(config.addr.ip()) {
            return Err(ServeError::AllInterfaces(config.addr.ip()));
        }
        if !round.is_open() {
            return Err(ServeError::NotOpen);
        }
        let server = Server::http(config.addr).map_err(|e| ServeError::Bind {
            addr: config.addr,
            message: e.to_string(),
        })?;
        let addr = server.server_addr().to_ip().unwrap_or(config.addr);
        let tokens = round.ballots.keys().cloned().collect();
        let shared = Arc::new(Shared {
            server,
            spec: round.spec.clone(),
            code: round.code.clone(),
            live: Mutex::new(Live { round, tokens }),
            limiter: Mutex::new(Limiter {
                buckets: HashMap::new(),
            }),
            events,
            stop: AtomicBool::new(false),
            config: config.clone(),
            stats: Stats::default(),
        });
        let workers = (0..config.workers.max(1))
            .map(|_| {
                let s = Arc::clone(&shared);
                std::thread::spawn(move || worker(&s))
            })
            .collect();
        Ok(VoteServer {
            shared,
            workers,
            addr,
        })
    }

    /// The address actually bound.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL, `http://ip:port`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The join URL for the QR code: upper case, so that the code can use the QR code's
    /// alphanumeric mode (see `qr`).
    pub fn join_url(&self) -> String {
        format!(
            "HTTP://{}/J/{}",
            self.addr,
            token::normalise_code(&self.shared.code)
        )
    }

    /// A copy of the round as it is now (tests, and the count after a restart).
    pub fn snapshot(&self) -> Round {
        lock(&self.shared.live).round.clone()
    }

    /// What the server answered so far: (accepted ballots, refused requests, pages served).
    pub fn stats(&self) -> (u64, u64, u64) {
        let s = &self.shared.stats;
        (
            s.accepted.load(Ordering::Relaxed),
            s.refused.load(Ordering::Relaxed),
            s.pages.load(Ordering::Relaxed),
        )
    }

    /// Casts a ballot that did not come through a phone (an imported ballot file), with the
    /// same lock and the same event as a phone's: the token is registered for the round.
    ///
    /// # Errors
    /// The round is closed or full.
    pub fn cast(&self, tok: &str, ballot: Ballot) -> Result<Cast, CastError> {
        let mut live = lock(&self.shared.live);
        let cast = live.round.cast(tok, ballot.clone())?;
        live.tokens.insert(tok.to_string());
        self.shared.stats.accepted.fetch_add(1, Ordering::Relaxed);
        let _ = self.shared.events.send(VoteEvent::Cast {
            token: tok.to_string(),
            ballot,
        });
        Ok(cast)
    }

    /// Closes the round, stops the server and returns the final round.
    pub fn close(mut self) -> Round {
        self.shutdown();
        lock(&self.shared.live).round.clone()
    }

    /// Closes the round but keeps answering, so that a phone that sends a ballot late is told
    /// the round is closed (`410`) rather than finding no server. Returns the final round;
    /// [`Self::close`] (or dropping the server) stops it.
    pub fn close_round(&self) -> Round {
        let mut live = lock(&self.shared.live);
        live.round.close();
        live.round.clone()
    }

    fn shutdown(&mut self) {
        lock(&self.shared.live).round.close();
        self.shared.stop.store(true, Ordering::SeqCst);
        for _ in &self.workers {
            self.shared.server.unblock();
        }
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

impl Drop for VoteServer {
    /// The server stops with its owner (the TUI quitting): the round is closed.
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn worker(shared: &Shared) {
    while !shared.stop.load(Ordering::SeqCst) {
        match shared.server.recv_timeout(Duration::from_millis(200)) {
            Ok(Some(request)) => handle(shared, request),
            Ok(None) => {}
            // The listener failed or was unblocked: look at the stop flag again.
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// An answer before it is sent.
struct Reply {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    headers: Vec<(&'static str, String)>,
}

impl Reply {
    fn html(status: u16, body: String) -> Reply {
        Reply {
            status,
            content_type: "text/html; charset=utf-8",
            body: body.into_bytes(),
            headers: vec![],
        }
    }

    fn redirect(to: String) -> Reply {
        Reply {
            status: 303,
            content_type: "text/plain; charset=utf-8",
            body: Vec::new(),
            headers: vec![("Location", to)],
        }
    }
}

fn handle(shared: &Shared, mut request: Request) {
    let reply = answer(shared, &mut request);
    if reply.status >= 400 {
        shared.stats.refused.fetch_add(1, Ordering::Relaxed);
    }
    let mut response = Response::from_data(reply.body).with_status_code(reply.status);
    let mut headers = vec![
        ("Content-Type", reply.content_type.to_string()),
        // The style sheet may be kept (one question a screen would fetch it on every
        // screen); nothing else is.
        (
            "Cache-Control",
            if reply.content_type.starts_with("text/css") {
                "max-age=3600"
            } else {
                "no-store"
            }
            .to_string(),
        ),
        ("X-Content-Type-Options", "nosniff".to_string()),
        ("Referrer-Policy", "no-referrer".to_string()),
        (
            "Content-Security-Policy",
            "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
                .to_string(),
        ),
    ];
    headers.extend(reply.headers);
    for (k, v) in headers {
        if let Ok(h) = Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            response.add_header(h);
        }
    }
    // The phone may have gone away; nothing to do about it.
    let _ = request.respond(response);
}

fn lang_of(query: &str) -> Lang {
    let en = form_urlencoded::parse(query.as_bytes()).any(|(k, v)| k == "lang" && v == "en");
    if en { Lang::En } else { Lang::Nl }
}

fn query_value(query: &str, key: &str) -> Option<String> {
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

fn allowed_rate(shared: &Shared, ip: Option<IpAddr>) -> bool {
    let Some(ip) = ip else { return true };
    let c = &shared.config;
    let mut l = lock(&shared.limiter);
    let now = Instant::now();
    if l.buckets.len() >= MAX_CLIENTS && !l.buckets.contains_key(&ip) {
        l.buckets
            .retain(|_, (_, last)| now.duration_since(*last) < Duration::from_secs(60));
        if l.buckets.len() >= MAX_CLIENTS {
            return false;
        }
    }
    let burst = f64::from(c.burst.max(1));
    let (tokens, last) = l.buckets.entry(ip).or_insert((burst, now));
    let refill = now.duration_since(*last).as_secs_f64() * f64::from(c.per_minute) / 60.0;
    *tokens = (*tokens + refill).min(burst);
    *last = now;
    if *tokens >= 1.0 {
        *tokens -= 1.0;
        true
    } else {
        false
    }
}

fn answer(shared: &Shared, request: &mut Request) -> Reply {
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
    let lang = lang_of(query);
    let t = crate::i18n::vote(lang);
    if !allowed_rate(shared, request.remote_addr().map(SocketAddr::ip)) {
        let mut r = Reply::html(429, page::message(lang, t.page_title, t.too_many));
        r.headers.push(("Retry-After", "60".to_string()));
        return r;
    }
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let first = segments.first().map(|s| s.to_ascii_lowercase());
    let method = request.method().clone();
    match (&method, first.as_deref(), &segments[1..]) {
        (Method::Get, Some(""), []) => page_reply(shared, page::join(lang, None)),
        (Method::Get, Some("style.css"), []) => Reply {
            status: 200,
            content_type: "text/css; charset=utf-8",
            body: page::STYLE.as_bytes().to_vec(),
            headers: vec![],
        },
        (Method::Get, Some("j"), []) => join(
            shared,
            &query_value(query, "code").unwrap_or_default(),
            lang,
        ),
        (Method::Get, Some("j"), [code]) => join(shared, code, lang),
        (Method::Get, Some("b"), [tok]) => form(shared, tok, query, lang),
        (Method::Get, Some("b"), [tok, "ok"]) => receipt(shared, tok, lang),
        (Method::Get, Some("b"), [tok, "ballot.toml"]) => download(shared, tok, lang),
        (Method::Post, Some("b"), [tok]) => post(shared, request, tok, lang),
        (Method::Get, _, _) => Reply::html(404, page::message(lang, t.page_title, t.not_found)),
        _ => {
            let mut r = Reply::html(405, page::message(lang, t.page_title, t.only_ballots));
            r.headers.push(("Allow", "GET, POST".to_string()));
            r
        }
    }
}

fn page_reply(shared: &Shared, html: String) -> Reply {
    shared.stats.pages.fetch_add(1, Ordering::Relaxed);
    Reply::html(200, html)
}

fn closed(lang: Lang) -> Reply {
    let t = crate::i18n::vote(lang);
    Reply::html(410, page::message(lang, t.closed_heading, t.closed_text))
}

fn join(shared: &Shared, typed: &str, lang: Lang) -> Reply {
    let t = crate::i18n::vote(lang);
    if token::normalise_code(typed) != token::normalise_code(&shared.code) {
        return Reply::html(403, page::join(lang, Some(t.wrong_code)));
    }
    let mut live = lock(&shared.live);
    if !live.round.is_open() {
        return closed(lang);
    }
    if live.tokens.len() >= shared.config.max_participants.min(MAX_BALLOTS) {
        return Reply::html(503, page::message(lang, t.page_title, t.full));
    }
    let Ok(tok) = token::participant_token() else {
        return Reply::html(503, page::message(lang, t.page_title, t.full));
    };
    live.tokens.insert(tok.clone());
    Reply::redirect(format!("/b/{tok}?lang={}", lang.code()))
}

/// The participant's token if this round handed it out; otherwise the refusal.
fn known<'a>(shared: &'a Shared, tok: &str, lang: Lang) -> Result<MutexGuard<'a, Live>, Reply> {
    let t = crate::i18n::vote(lang);
    if !token::is_token_shaped(tok) {
        return Err(Reply::html(
            404,
            page::message(lang, t.page_title, t.unknown_link),
        ));
    }
    let live = lock(&shared.live);
    if !live.round.is_open() {
        return Err(closed(lang));
    }
    if !live.tokens.contains(tok) {
        return Err(Reply::html(
            404,
            page::message(lang, t.page_title, t.unknown_link),
        ));
    }
    Ok(live)
}

fn values_of(spec: &RoundSpec, ballot: Option<&Ballot>) -> BTreeMap<String, String> {
    ballot
        .map(|b| b.to_fields(spec).into_iter().collect())
        .unwrap_or_default()
}

/// What the participant's pages need: the round's spec and code, the token, the language, the
/// option names, the values to show and the problems to point out.
fn page_input<'a>(
    shared: &'a Shared,
    tok: &'a str,
    lang: Lang,
    values: &'a BTreeMap<String, String>,
    problems: &'a [crate::core::round::Problem],
) -> page::BallotPage<'a> {
    page::BallotPage {
        spec: &shared.spec,
        code: &shared.code,
        token: tok,
        lang,
        options: &shared.config.options,
        values,
        problems,
    }
}

/// A screen of the ballot (one question, or the review): where the participant's answers so
/// far and their "next" or "back" lead. Changes nothing on the server.
fn form(shared: &Shared, tok: &str, query: &str, lang: Lang) -> Reply {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .take(crate::core::round::MAX_FIELDS + 4)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let nav = match known(shared, tok, lang) {
        Ok(live) => wizard::navigate(&shared.spec, &pairs, live.round.ballots.get(tok)),
        Err(r) => return r,
    };
    let html = wizard::step_page(
        &page_input(shared, tok, lang, &nav.draft, &nav.problems),
        nav.step,
        nav.to_review,
    );
    if nav.problems.is_empty() {
        page_reply(shared, html)
    } else {
        Reply::html(400, html)
    }
}

/// The participant's cast ballot; without one, the way back to the form.
fn cast_ballot(shared: &Shared, tok: &str, lang: Lang) -> Result<Ballot, Reply> {
    let live = known(shared, tok, lang)?;
    live.round
        .ballots
        .get(tok)
        .cloned()
        .ok_or_else(|| Reply::redirect(format!("/b/{tok}?lang={}", lang.code())))
}

fn receipt(shared: &Shared, tok: &str, lang: Lang) -> Reply {
    let values = match cast_ballot(shared, tok, lang) {
        Ok(b) => values_of(&shared.spec, Some(&b)),
        Err(r) => return r,
    };
    page_reply(
        shared,
        page::received(&page_input(shared, tok, lang, &values, &[])),
    )
}

fn download(shared: &Shared, tok: &str, lang: Lang) -> Reply {
    let ballot = match cast_ballot(shared, tok, lang) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let text = ballot_file::write(&shared.code, &shared.spec, tok, &ballot);
    Reply {
        status: 200,
        content_type: "application/toml; charset=utf-8",
        body: text.into_bytes(),
        headers: vec![(
            "Content-Disposition",
            format!(
                "attachment; filename=\"{}\"",
                ballot_file::file_name(&shared.code)
            ),
        )],
    }
}

fn post(shared: &Shared, request: &mut Request, tok: &str, lang: Lang) -> Reply {
    let t = crate::i18n::vote(lang);
    if let Err(r) = known(shared, tok, lang) {
        return r;
    }
    let max = shared.config.max_body;
    if request.body_length().is_some_and(|n| n > max) {
        return Reply::html(413, page::message(lang, t.page_title, t.too_large));
    }
    let form_type = request.headers().iter().any(|h| {
        h.field.equiv("Content-Type")
            && h.value
                .as_str()
                .to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
    });
    if !form_type {
        return Reply::html(415, page::message(lang, t.page_title, t.bad_type));
    }
    let mut body = Vec::new();
    if request
        .as_reader()
        .take(max as u64 + 1)
        .read_to_end(&mut body)
        .is_err()
    {
        return Reply::html(400, page::message(lang, t.page_title, t.bad_type));
    }
    if body.len() > max {
        return Reply::html(413, page::message(lang, t.page_title, t.too_large));
    }
    let fields: Vec<(String, String)> = form_urlencoded::parse(&body)
        .filter(|(k, _)| k != "lang")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let ballot = match shared.spec.validate_ballot(&fields) {
        Ok(b) => b,
        Err(problems) => {
            // Back to the review, with what is wrong linked to its question.
            let limit = fields.len().min(crate::core::round::MAX_FIELDS);
            let values = wizard::draft_of(&shared.spec, &fields[..limit]);
            return Reply::html(
                400,
                wizard::review(&page_input(shared, tok, lang, &values, &problems)),
            );
        }
    };
    let mut live = match known(shared, tok, lang) {
        Ok(l) => l,
        Err(r) => return r,
    };
    match live.round.cast(tok, ballot.clone()) {
        Ok(Cast::New | Cast::Changed) => {
            shared.stats.accepted.fetch_add(1, Ordering::Relaxed);
            // Under the lock: the TUI receives the casts in the order they happened. A TUI
            // that has gone away loses nothing: `close` returns the whole round.
            let _ = shared.events.send(VoteEvent::Cast {
                token: tok.to_string(),
                ballot,
            });
            drop(live);
            Reply::redirect(format!("/b/{tok}/ok?lang={}", lang.code()))
        }
        Err(CastError::Closed) => closed(lang),
        Err(CastError::Full) => Reply::html(503, page::message(lang, t.page_title, t.full)),
    }
}
