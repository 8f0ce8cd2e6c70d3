//! The round server under load and under attack, on loopback.
//!
//! - 200 participants join at once, walk the ballot's screens (one question each, `GET`s that
//!   carry the answers) to the review, and cast and change their ballot five times: no ballot
//!   lost or duplicated, the events the TUI receives rebuild exactly the server's round, the
//!   process's memory stays bounded.
//! - Bad requests (oversized, wrong type, wrong code, unknown token, malformed values, other
//!   methods, too many requests, more participants than allowed, replay after close) each get
//!   their own refusal and change nothing.

#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

#[path = "common/vote.rs"]
mod vote_common;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use wolkwijzer::core::catalogue::PlacementOption;
use wolkwijzer::core::criteria::Criterion;
use wolkwijzer::core::round::{Question, Round, RoundSpec, Scope};
use wolkwijzer::core::text::Localized;
use wolkwijzer::vote::server::{ServeConfig, VoteEvent, VoteServer};

const MUNICIPALITIES: [&str; 3] = ["Buren", "Culemborg", "Tiel"];

fn spec() -> RoundSpec {
    RoundSpec {
        question: Question::Points,
        criteria: vec![
            Criterion::Privacy,
            Criterion::CostPredictability,
            Criterion::Control,
        ],
        ask_choice: true,
        scope: Scope::PerMunicipality,
        municipalities: MUNICIPALITIES.iter().map(|s| s.to_string()).collect(),
        named: false,
    }
}

fn options() -> Vec<(PlacementOption, Localized)> {
    PlacementOption::ALL
        .iter()
        .map(|&o| (o, Localized::new(o.id(), o.id())))
        .collect()
}

fn start(config: impl FnOnce(&mut ServeConfig)) -> (VoteServer, mpsc::Receiver<VoteEvent>) {
    let round = Round::open("TEST-CODE".into(), spec()).unwrap();
    let mut c = ServeConfig::room("127.0.0.1:0".parse().unwrap(), options());
    config(&mut c);
    let (tx, rx) = mpsc::channel();
    (VoteServer::start(c, round, tx).unwrap(), rx)
}

/// Joins with the code and returns the participant token from the redirect.
fn join(a: &ureq::Agent, base: &str) -> String {
    let r = a.get(format!("{base}/J/TESTCODE")).call().unwrap();
    assert_eq!(r.status().as_u16(), 303);
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    loc.trim_start_matches("/b/")
        .split('?')
        .next()
        .unwrap()
        .to_string()
}

fn ballot(m: usize, p: [u32; 3]) -> Vec<(String, String)> {
    vec![
        ("municipality".into(), MUNICIPALITIES[m].into()),
        ("points.privacy".into(), p[0].to_string()),
        ("points.cost_predictability".into(), p[1].to_string()),
        ("points.control".into(), p[2].to_string()),
        ("choice".into(), "ssc".into()),
        ("lang".into(), "nl".into()),
    ]
}

fn post(a: &ureq::Agent, base: &str, tok: &str, fields: &[(String, String)]) -> (u16, String) {
    let mut r = a
        .post(format!("{base}/b/{tok}"))
        .send_form(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .unwrap();
    let status = r.status().as_u16();
    (status, r.body_mut().read_to_string().unwrap_or_default())
}

/// Walks the screens as a phone does ("next" on each, with the answers so far) and returns
/// the status of each screen and whether the last is the review with its send form.
fn walk(a: &ureq::Agent, base: &str, tok: &str, fields: &[(String, String)]) -> (Vec<u16>, bool) {
    let screens = 5; // who, three criteria, the choice; then the review
    let mut statuses = vec![];
    let mut review = false;
    for step in 0..screens {
        let mut q = form_urlencoded::Serializer::new(String::new());
        q.append_pair("step", &step.to_string())
            .append_pair("go", "next");
        for (k, v) in fields {
            q.append_pair(k, v);
        }
        let mut r = a
            .get(format!("{base}/b/{tok}?{}", q.finish()))
            .call()
            .unwrap();
        statuses.push(r.status().as_u16());
        let body = r.body_mut().read_to_string().unwrap_or_default();
        review = body.contains("Controleer uw stem") && body.contains("method=\"post\"");
    }
    (statuses, review)
}

fn rss_kib() -> Option<u64> {
    status_kib("VmRSS:")
}

/// A memory figure of this process from `/proc/self/status` (Linux), KiB: `VmRSS:` now,
/// `VmHWM:` the peak so far.
fn status_kib(key: &str) -> Option<u64> {
    std::fs::read_to_string("/proc/self/status")
        .ok()?
        .lines()
        .find(|l| l.starts_with(key))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

#[test]
fn two_hundred_participants_cast_and_change_without_loss_or_duplication() {
    const PEOPLE: usize = 200;
    const CHANGES: u32 = 5;
    let (server, events) = start(|c| c.per_minute = 1_000_000);
    let base = server.base_url();
    let rss_before = rss_kib();
    let barrier = Arc::new(Barrier::new(PEOPLE));
    let began = Instant::now();
    let handles: Vec<_> = (0..PEOPLE)
        .map(|i| {
            let base = base.clone();
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                let a = vote_common::agent();
                barrier.wait();
                let tok = join(&a, &base);
                let (statuses, review) = walk(&a, &base, &tok, &ballot(i % 3, [5, 5, 10]));
                assert_eq!(statuses, [200; 5], "participant {i}'s screens");
                assert!(review, "participant {i} reached the review");
                let mut last = None;
                for k in 0..CHANGES {
                    // The municipality changes too: the count must follow the last ballot.
                    let m = (i + k as usize) % 3;
                    let p = [(i as u32 + k) % 11, k % 11, 10];
                    let (status, _) = post(&a, &base, &tok, &ballot(m, p));
                    assert_eq!(status, 303, "participant {i}, change {k}");
                    last = Some((m, p));
                }
                (tok, last.unwrap())
            })
        })
        .collect();
    let sent: BTreeMap<String, (usize, [u32; 3])> =
        handles.into_iter().map(|h| h.join().unwrap()).collect();
    let elapsed = began.elapsed();
    let rss_after = rss_kib();
    let peak = status_kib("VmHWM:");
    assert_eq!(sent.len(), PEOPLE, "every participant got their own token");

    let round = server.close();
    assert!(!round.is_open());
    assert_eq!(round.ballots.len(), PEOPLE, "one ballot per participant");
    for (tok, (m, p)) in &sent {
        let b = &round.ballots[tok];
        assert_eq!(b.municipality, Some(*m), "{tok}");
        assert_eq!(
            b.answer,
            wolkwijzer::core::round::Answer::Points { points: p.to_vec() }
        );
    }
    // The TUI's copy, built from the events in order, is the server's round.
    let mut tui = Round::open("TEST-CODE".into(), spec()).unwrap();
    let mut n = 0;
    for e in events.try_iter() {
        let VoteEvent::Cast { token, ballot } = e;
        tui.cast(&token, ballot).unwrap();
        n += 1;
    }
    tui.close();
    assert_eq!(n, PEOPLE * CHANGES as usize, "one event per accepted cast");
    assert_eq!(tui, round);
    let expected: Vec<usize> = (0..3)
        .map(|m| sent.values().filter(|(x, _)| *x == m).count())
        .collect();
    assert_eq!(round.counts(), expected);
    // Bounded memory: 200 participants with five casts each must not cost more than a few
    // tens of MiB (mostly the 200 client threads' stacks of this test itself).
    if let (Some(before), Some(after)) = (rss_before, rss_after) {
        eprintln!(
            "load: {PEOPLE} participants × (5 screens + {CHANGES} casts) in {:.2} s ({:.0} casts/s); RSS {before} KiB → {after} KiB, peak {} KiB",
            elapsed.as_secs_f64(),
            (PEOPLE * CHANGES as usize) as f64 / elapsed.as_secs_f64(),
            peak.unwrap_or(0),
        );
        assert!(
            after.saturating_sub(before) < 256 * 1024,
            "RSS grew by {} KiB",
            after - before
        );
    }
}

/// Sends raw bytes and returns the status code of the answer.
fn raw(addr: SocketAddr, request: &[u8]) -> u16 {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    // The server may answer and close before reading everything: a failed write is fine.
    let _ = s.write_all(request);
    let mut buf = [0u8; 64];
    let n = s.read(&mut buf).unwrap_or(0);
    let head = String::from_utf8_lossy(&buf[..n]).to_string();
    head.split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

#[test]
fn bad_requests_are_refused_each_in_its_own_way_and_change_nothing() {
    let (server, events) = start(|c| {
        c.per_minute = 1_000_000;
        c.burst = 1_000;
        c.max_participants = 3;
    });
    let base = server.base_url();
    let a = vote_common::agent();
    let tok = join(&a, &base);
    let (status, _) = post(&a, &base, &tok, &ballot(0, [5, 5, 5]));
    assert_eq!(status, 303);
    let before = server.snapshot();

    // Malformed values: 400, with the problem beside its field.
    let mut bad = ballot(1, [5, 5, 5]);
    bad[1].1 = "veel".into();
    bad[2].1 = "11".into();
    let (status, body) = post(&a, &base, &tok, &bad);
    assert_eq!(status, 400);
    assert!(body.contains("‘veel’ is geen heel getal."), "{body}");
    assert!(body.contains("11 ligt niet tussen 0 en 10."), "{body}");
    // A field the round does not ask.
    let mut extra = ballot(1, [5, 5, 5]);
    extra.push(("admin".into(), "1".into()));
    assert_eq!(post(&a, &base, &tok, &extra).0, 400);

    // Wrong join code: 403; an unknown or malformed token: 404.
    assert_eq!(
        a.get(format!("{base}/j/WRONGCODE"))
            .call()
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        post(&a, &base, &"A".repeat(26), &ballot(0, [1, 1, 1])).0,
        404
    );
    assert_eq!(
        post(&a, &base, "..%2F..%2Fetc", &ballot(0, [1, 1, 1])).0,
        404
    );

    // Oversized: refused unread.
    let huge = "x".repeat(17 * 1024);
    let r = a
        .post(format!("{base}/b/{tok}"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send(huge.as_bytes())
        .unwrap();
    assert_eq!(r.status(), 413);
    // A declared length far beyond the limit, without the body: refused at once.
    let req = format!(
        "POST /b/{tok} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 999999999\r\n\r\n"
    );
    assert_eq!(raw(server.addr(), req.as_bytes()), 413);

    // Not a form: 415. Other methods: 405. Other paths: 404.
    let r = a
        .post(format!("{base}/b/{tok}"))
        .header("Content-Type", "application/json")
        .send("{\"points.privacy\": 1}")
        .unwrap();
    assert_eq!(r.status(), 415);
    assert_eq!(
        a.delete(format!("{base}/b/{tok}")).call().unwrap().status(),
        405
    );
    assert_eq!(a.put(format!("{base}/")).send("x").unwrap().status(), 405);
    assert_eq!(a.get(format!("{base}/admin")).call().unwrap().status(), 404);
    assert_eq!(raw(server.addr(), b"GARBAGE\r\n\r\n") / 100, 4);

    // More participants than allowed: 503 (one token is in use, two more may join).
    join(&a, &base);
    join(&a, &base);
    assert_eq!(
        a.get(format!("{base}/j/TESTCODE")).call().unwrap().status(),
        503
    );

    assert_eq!(
        server.snapshot(),
        before,
        "no refused request changed the round"
    );

    // Replay after close: the same valid ballot is refused (410) and changes nothing.
    let closed = server.close_round();
    let (status, body) = post(&a, &base, &tok, &ballot(2, [9, 9, 9]));
    assert_eq!(status, 410);
    assert!(body.contains("Deze ronde is gesloten"), "{body}");
    assert_eq!(
        a.get(format!("{base}/j/TESTCODE")).call().unwrap().status(),
        410
    );
    assert_eq!(server.snapshot(), closed);
    assert_eq!(
        events.try_iter().count(),
        1,
        "only the one accepted ballot was sent"
    );
    let addr = server.addr();
    let final_round = server.close();
    assert_eq!(final_round, closed);
    // The server has stopped: nothing listens any more (its accept thread ends within
    // moments of the stop).
    let stopped = (0..100).any(|_| {
        std::thread::sleep(Duration::from_millis(50));
        TcpStream::connect_timeout(&addr, Duration::from_secs(1)).is_err()
    });
    assert!(stopped, "the server still listens after close");
}

#[test]
fn too_many_requests_from_one_address_are_refused() {
    let (server, _events) = start(|c| {
        c.per_minute = 60;
        c.burst = 5;
    });
    let a = vote_common::agent();
    let base = server.base_url();
    let statuses: Vec<u16> = (0..8)
        .map(|_| a.get(format!("{base}/")).call().unwrap().status().as_u16())
        .collect();
    assert_eq!(&statuses[..5], &[200; 5]);
    assert!(statuses[5..].iter().all(|&s| s == 429), "{statuses:?}");
}

/// Phones on a guest network routed to the laptop's network reach it from one shared address.
/// With the room's defaults, eighteen participants' walks from one address at once (each joins
/// and loads ten screens with their stylesheet: 378 requests in well under a second, within
/// the burst of 400; a real walk takes a minute, in which 1,200 more are allowed) are all
/// served; with the former 40 a minute the third phone was refused.
#[test]
fn a_room_of_phones_behind_one_address_is_served_with_the_defaults() {
    let (server, _events) = start(|_| {});
    let a = vote_common::agent();
    let base = server.base_url();
    for phone in 0..18 {
        let token = join(&a, &base);
        for page in 0..10 {
            for path in [
                format!("/b/{token}?step={}", page % 3),
                "/style.css".to_string(),
            ] {
                let status = a.get(format!("{base}{path}")).call().unwrap().status();
                assert_eq!(status.as_u16(), 200, "phone {phone}, {path}");
            }
        }
    }
}

#[test]
fn all_interfaces_are_never_bound() {
    let round = Round::open("C".into(), spec()).unwrap();
    let c = ServeConfig::room("0.0.0.0:0".parse().unwrap(), options());
    let (tx, _rx) = mpsc::channel();
    let e = VoteServer::start(c, round, tx).err().unwrap();
    assert!(e.to_string().contains("all interfaces"), "{e}");
}

#[test]
fn the_pages_are_safe_to_serve() {
    let (server, _events) = start(|_| {});
    let a = vote_common::agent();
    let base = server.base_url();
    let tok = join(&a, &base);
    let mut r = a.get(format!("{base}/b/{tok}?lang=en")).call().unwrap();
    assert_eq!(r.status(), 200);
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("default-src 'none'"));
    assert_eq!(r.headers()["cache-control"], "no-store");
    let body = r.body_mut().read_to_string().unwrap();
    assert!(body.contains("<html lang=\"en\">"));
    assert!(body.contains("Which municipality do you speak for?"));
    assert!(!body.contains("<script"));
    // The receipt and the ballot file after a cast.
    assert_eq!(post(&a, &base, &tok, &ballot(1, [3, 4, 5])).0, 303);
    let mut file = a.get(format!("{base}/b/{tok}/ballot.toml")).call().unwrap();
    assert!(
        file.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let text = file.body_mut().read_to_string().unwrap();
    let round = server.snapshot();
    let (t, b) = wolkwijzer::vote::ballot_file::parse("stem.toml", &text, &round).unwrap();
    assert_eq!(t, tok);
    assert_eq!(&b, &round.ballots[&tok]);
}
