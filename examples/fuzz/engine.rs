//! The fuzz engine (issue 12), shared by `examples/fuzz/main.rs` (the campaign, with a
//! supervisor that survives aborts and hangs) and `tests/fuzz_smoke.rs` (a short fixed-seed run
//! in CI).
//!
//! A case is a pure function of `(seed, index, mode)`: one seed file of the corpus — a shipped
//! profile, a session written from one, an AHP file or the catalogue — mutated one to four
//! times at byte level (bit flips, inserted and deleted bytes, truncation, splicing with
//! another file, repeated chunks) or value level (numbers replaced by huge, negative, NaN,
//! infinite and 28-digit values; strings by formulas, control and bidi characters, long and
//! non-Latin text; deep dotted keys, repeated and dropped lines and tables). So any case is
//! replayed with `--start INDEX --cases 1`.
//!
//! `parsers` runs each case through its parser and displays every error; `pipeline` also runs
//! what a valid input feeds: score, business case, sensitivity, every report format, the TUI
//! on ratatui's `TestBackend` (every screen), and the core on unchecked values (the typed
//! profile with extreme numbers, evaluated without validation).

#![allow(dead_code)]

use std::path::Path;

use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{RngCore, SeedableRng};
use wolkwijzer::cli::{self, Format, ReportFormat};
use wolkwijzer::core::analysis::SamplingSettings;
use wolkwijzer::core::catalogue::Catalogue;
use wolkwijzer::core::profile::Profile;
use wolkwijzer::core::text::Lang;
use wolkwijzer::io::store::{self, SCHEMA, Session};
use wolkwijzer::io::{ahp, catalogue, profile};

/// What runs per case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Parse (and display every error) only.
    Parsers,
    /// Parse, then score, business case, sensitivity, every report format and the TUI.
    Pipeline,
}

impl Mode {
    pub fn parse(s: &str) -> Option<Mode> {
        match s {
            "parsers" => Some(Mode::Parsers),
            "pipeline" => Some(Mode::Pipeline),
            _ => None,
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Mode::Parsers => "parsers",
            Mode::Pipeline => "pipeline",
        }
    }
}

/// The kind of a seed file: which parser reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Profile,
    Session,
    Ahp,
    Catalogue,
}

impl Kind {
    pub fn id(self) -> &'static str {
        match self {
            Kind::Profile => "profile",
            Kind::Session => "session",
            Kind::Ahp => "ahp",
            Kind::Catalogue => "catalogue",
        }
    }
}

/// One input: its kind, the seed file it came from and its bytes.
#[derive(Debug, Clone)]
pub struct Input {
    pub kind: Kind,
    pub origin: String,
    pub bytes: Vec<u8>,
}

/// The seed files and the built-in catalogue.
pub struct Corpus {
    pub seeds: Vec<Input>,
    pub catalogue: Catalogue,
}

impl Corpus {
    /// Loads the shipped profiles, AHP files and catalogue under `root` (the repository), and
    /// writes a session from every valid profile.
    pub fn load(root: &Path) -> Corpus {
        let mut seeds = vec![];
        let mut add = |dir: &str, kind: Kind| {
            let Ok(rd) = std::fs::read_dir(root.join(dir)) else {
                return;
            };
            let mut files: Vec<_> = rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            files.sort();
            for f in files {
                if let Ok(bytes) = std::fs::read(&f) {
                    seeds.push(Input {
                        kind,
                        origin: f.strip_prefix(root).unwrap_or(&f).display().to_string(),
                        bytes,
                    });
                }
            }
        };
        add("profiles", Kind::Profile);
        add("tests/fixtures", Kind::Profile);
        add("profiles/ahp", Kind::Ahp);
        seeds.push(Input {
            kind: Kind::Catalogue,
            origin: "data/catalogue.toml".into(),
            bytes: catalogue::BUILT_IN.as_bytes().to_vec(),
        });
        let profiles: Vec<(String, Profile)> = seeds
            .iter()
            .filter(|s| s.kind == Kind::Profile)
            .filter_map(|s| {
                let text = std::str::from_utf8(&s.bytes).ok()?;
                profile::parse(&s.origin, text)
                    .ok()
                    .map(|p| (s.origin.clone(), p))
            })
            .collect();
        for (origin, p) in profiles {
            let members = p.subject.members().len();
            let session = Session {
                schema: SCHEMA,
                profile_path: Some(origin.clone().into()),
                language: Lang::Nl,
                screen: "business_case".into(),
                notes: "Raad wil \"zekerheid\"\nen een exit.".into(),
                weights: vec![p.weights.clone(); members],
                business_case: p
                    .business_case
                    .as_ref()
                    .map(|_| store::BusinessCaseUi { scenario: 0 }),
                profile: p,
                elicitation: vec![],
                round: None,
                room_notes: vec![store::RoomNote {
                    kind: store::NoteKind::Question,
                    text: "Wie belt\nde leverancier?".into(),
                }],
                blind: None,
                weight_sets: vec![],
                portfolio: None,
            };
            if let Ok(text) = store::to_toml(&session) {
                seeds.push(Input {
                    kind: Kind::Session,
                    origin: format!("session of {origin}"),
                    bytes: text.into_bytes(),
                });
            }
        }
        Corpus {
            seeds,
            catalogue: catalogue::built_in(),
        }
    }
}

/// The generator of case `index` of a campaign with `seed`.
fn rng(seed: u64, index: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ index)
}

fn below(r: &mut Xoshiro256PlusPlus, n: usize) -> usize {
    if n == 0 {
        0
    } else {
        (r.next_u64() % n as u64) as usize
    }
}

const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "-1",
    "1",
    "7",
    "4294967295",
    "4294967296",
    "-4294967295",
    "18446744073709551615",
    "9223372036854775807",
    "-9223372036854775808",
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "\"79228162514264337593543950335\"",
    "\"7922816251426433759354395033.5\"",
    "\"-0.01\"",
    "\"1e30\"",
    "1e308",
    "-1e308",
    "1e-308",
    "nan",
    "+nan",
    "-nan",
    "inf",
    "-inf",
    "0.000000001",
    "1.5",
    "10000000000",
    "10000000001",
    "\"10000000000.01\"",
    "100000000",
    "100000001",
    "1000000",
    "1000001",
    "50",
    "51",
    "120",
    "0x7fffffff",
    "0o777",
    "0b1",
    "1_000_000",
    "\"\"",
    "true",
    "[]",
    "{}",
    "1979-05-27T07:32:00Z",
];

/// Numbers a room could type: they keep a profile valid more often, so the pipeline runs.
const PLAUSIBLE: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "5",
    "7",
    "10",
    "12",
    "24",
    "50",
    "99",
    "100",
    "250",
    "1000",
    "12500",
    "\"0.01\"",
    "\"99.99\"",
    "\"82000\"",
    "\"1500000\"",
    "0.5",
    "1.25",
    "-0.5",
    "-99",
];

const STRINGS: &[&str] = &[
    "",
    " ",
    "=1+1",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\\tTAB",
    "\\u202Eevil",
    "\\u001b[31mred\\u001b[0m",
    "\\u009b2J",
    "\\r\\n",
    "Ω≈ç√∫˜µ≤≥÷ 東京 🦀",
    "a|b|c",
    "<script>alert(1)</script>",
    "\\\"quoted\\\"",
    "Wolkendam",
    "privacy",
    "ssc-saas-community",
    "managed-iaas-private",
    "brp",
    "direct_points",
    "efficiency",
    "tiered",
    "workplaces",
];

const LINES: &[&str] = &[
    "a.b.c.d.e.f.g.h.i.j.k = 1",
    "weights.privacy.x.y = 1",
    "business_case.scenarios.x = 1",
    "[x.y.z]\nq = 1",
    "[[business_case.scenarios]]\ncandidate = \"ssc-saas-community\"\nkind = \"cost_reduction\"",
    "[[municipalities]]\nname = \"Z\"\ninhabitants = 1\nworkplaces = 1",
    "[[workloads]]\nname = \"W\"\ndata = \"brp\"",
    "depreciation_years = 4294967295",
    "horizon = 4294967295",
    "schema = 2",
    "member = 18446744073709551615",
    "phase_in_pct = [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100]",
    "growth_pct = 100",
    "reference_usage = { value = 79228162514264337593543950335, nl = \"x\", en = \"x\", source = \"seed003\", section = \"x\" }",
];

/// Byte ranges `(start, end)` of tokens.
type Spans = Vec<(usize, usize)>;

/// The spans of the number-like and string tokens in `t`.
fn tokens(t: &[u8]) -> (Spans, Spans) {
    let mut numbers = vec![];
    let mut strings = vec![];
    let mut i = 0;
    while i < t.len() {
        let c = t[i];
        if c == b'"' {
            let start = i;
            i += 1;
            while i < t.len() && t[i] != b'"' && t[i] != b'\n' {
                if t[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            if i < t.len() && t[i] == b'"' {
                strings.push((start + 1, i));
            }
            i += 1;
        } else if (c.is_ascii_digit() || c == b'-')
            && (i == 0 || matches!(t[i - 1], b' ' | b'=' | b'[' | b','))
        {
            let start = i;
            i += 1;
            while i < t.len()
                && (t[i].is_ascii_alphanumeric() || matches!(t[i], b'.' | b'_' | b'+' | b'-'))
            {
                i += 1;
            }
            numbers.push((start, i));
        } else {
            i += 1;
        }
    }
    (numbers, strings)
}

/// The byte offsets where lines start.
fn line_starts(t: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            t.iter()
                .enumerate()
                .filter(|(_, c)| **c == b'\n')
                .map(|(i, _)| i + 1),
        )
        .filter(|i| *i <= t.len())
        .collect()
}

fn mutate(r: &mut Xoshiro256PlusPlus, t: &mut Vec<u8>, corpus: &Corpus, value_only: bool) {
    // Value-level only: mostly numbers and strings, sometimes a line or a repeated table.
    let op = if value_only {
        [0, 0, 1, 1, 1, 2, 2, 3, 4, 5][below(r, 10)]
    } else {
        below(r, 14)
    };
    let len = t.len();
    match op {
        0 | 1 => {
            let (numbers, _) = tokens(t);
            if let Some(&(a, b)) = numbers.get(below(r, numbers.len())) {
                let v = if value_only && below(r, 5) != 0 {
                    PLAUSIBLE[below(r, PLAUSIBLE.len())]
                } else {
                    NUMBERS[below(r, NUMBERS.len())]
                };
                t.splice(a..b, v.bytes());
            }
        }
        2 | 3 => {
            let (_, strings) = tokens(t);
            if let Some(&(a, b)) = strings.get(below(r, strings.len())) {
                let current = String::from_utf8_lossy(&t[a..b]).into_owned();
                let is_number = current.parse::<f64>().is_ok();
                let is_id = !current.is_empty()
                    && current.bytes().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'-'
                    });
                let v = if value_only && is_number && below(r, 5) != 0 {
                    // An amount in a string: another amount a room could type.
                    [
                        "0",
                        "0.01",
                        "1",
                        "99.99",
                        "12500",
                        "82000",
                        "600000",
                        "2468900.50",
                        "9999999999.99",
                    ][below(r, 9)]
                    .to_string()
                } else if value_only && is_id && below(r, 4) != 0 {
                    // An id: another string of the same file (a known id in another place).
                    let &(c, d) = &strings[below(r, strings.len())];
                    String::from_utf8_lossy(&t[c..d]).into_owned()
                } else if below(r, 20) == 0 {
                    "x".repeat(1 + below(r, 200_000))
                } else {
                    STRINGS[below(r, STRINGS.len())].to_string()
                };
                t.splice(a..b, v.into_bytes());
            }
        }
        4 => {
            let starts = line_starts(t);
            let at = starts[below(r, starts.len())];
            let line = format!("{}\n", LINES[below(r, LINES.len())]);
            t.splice(at..at, line.into_bytes());
        }
        5 => {
            // Repeat a table of an array of tables (more members, scenarios, lines).
            let starts = line_starts(t);
            let heads: Vec<usize> = starts
                .iter()
                .copied()
                .filter(|s| t[*s..].starts_with(b"[["))
                .collect();
            if let Some(&a) = heads.get(below(r, heads.len())) {
                let b = starts
                    .iter()
                    .copied()
                    .find(|s| *s > a && t[*s..].starts_with(b"["))
                    .unwrap_or(t.len());
                let block = t[a..b].to_vec();
                let times = 1 + below(r, 4);
                for _ in 0..times {
                    t.splice(b..b, block.iter().copied());
                }
            }
        }
        6 if len > 0 => {
            let i = below(r, len);
            t[i] ^= 1 << below(r, 8);
        }
        7 => {
            let i = below(r, len + 1);
            t.insert(i, (r.next_u64() & 0xff) as u8);
        }
        8 if len > 0 => {
            let a = below(r, len);
            let b = (a + 1 + below(r, 64)).min(len);
            t.drain(a..b);
        }
        9 => t.truncate(below(r, len + 1)),
        10 => {
            let other = &corpus.seeds[below(r, corpus.seeds.len())].bytes;
            let a = below(r, len + 1);
            let b = below(r, other.len() + 1);
            t.truncate(a);
            t.extend_from_slice(&other[b..]);
        }
        11 if len > 0 => {
            let a = below(r, len);
            let b = (a + 1 + below(r, 256)).min(len);
            let chunk = t[a..b].to_vec();
            let times = 1 + below(r, 50);
            for _ in 0..times {
                t.splice(b..b, chunk.iter().copied());
            }
        }
        12 => {
            // Drop a line.
            let starts = line_starts(t);
            let i = below(r, starts.len());
            let a = starts[i];
            let b = starts.get(i + 1).copied().unwrap_or(t.len());
            t.drain(a..b);
        }
        _ => {
            // Swap two lines.
            let starts = line_starts(t);
            if starts.len() > 2 {
                let i = below(r, starts.len() - 1);
                let a = starts[i];
                let b = starts[i + 1];
                let c = starts.get(i + 2).copied().unwrap_or(t.len());
                let mut swapped = t[b..c].to_vec();
                if !swapped.ends_with(b"\n") {
                    swapped.push(b'\n');
                }
                swapped.extend_from_slice(&t[a..b]);
                t.splice(a..c, swapped);
            }
        }
    }
}

/// The input of case `index`.
pub fn case(corpus: &Corpus, seed: u64, index: u64, mode: Mode) -> Input {
    let mut r = rng(seed, index);
    // The pipeline mostly gets value-level mutations, so that inputs stay readable and reach
    // the later stages; the parsers get everything.
    let value_only = mode == Mode::Pipeline && below(&mut r, 4) != 0;
    let pool: Vec<&Input> = match mode {
        Mode::Pipeline if below(&mut r, 10) < 8 => corpus
            .seeds
            .iter()
            .filter(|s| matches!(s.kind, Kind::Profile | Kind::Session))
            .collect(),
        _ => corpus.seeds.iter().collect(),
    };
    let seed_input = pool[below(&mut r, pool.len())];
    let mut bytes = seed_input.bytes.clone();
    let n = 1 + below(&mut r, if value_only { 2 } else { 4 });
    for _ in 0..n {
        mutate(&mut r, &mut bytes, corpus, value_only);
    }
    Input {
        kind: seed_input.kind,
        origin: seed_input.origin.clone(),
        bytes,
    }
}

/// What one case reached.
#[derive(Debug, Default, Clone, Copy)]
pub struct Reached {
    /// The parser accepted the input.
    pub valid: bool,
    /// The whole pipeline ran on it.
    pub pipeline: bool,
}

/// Runs one input; panics propagate (the caller catches them).
pub fn run(corpus: &Corpus, input: &Input, mode: Mode, index: u64) -> Reached {
    let name = format!("fuzz-{}.toml", input.kind.id());
    let Ok(text) = std::str::from_utf8(&input.bytes) else {
        // Files are read as UTF-8 first; the reader's error is what the user sees.
        return Reached::default();
    };
    let cat = &corpus.catalogue;
    let lang = if index.is_multiple_of(2) {
        Lang::Nl
    } else {
        Lang::En
    };
    let pipe = mode == Mode::Pipeline;
    match input.kind {
        Kind::Profile => reached(profile::parse_with(&name, text, Some(cat)), pipe, |p| {
            pipeline(cat, &p, None, lang, index);
            unchecked(&p, index);
        }),
        Kind::Session => reached(store::parse_with(&name, text, cat), pipe, |s| {
            let p = s.note_profile();
            pipeline(cat, &p, Some(s), lang, index);
        }),
        Kind::Ahp => reached(ahp::parse(&name, text), pipe, |a| {
            for f in FORMATS {
                let _ = cli::render_ahp(&a, f, lang);
            }
        }),
        Kind::Catalogue => reached(catalogue::parse(&name, text), pipe, |c| {
            // A catalogue override runs every profile that still fits it.
            let demo = profile::demo();
            if wolkwijzer::io::gate::check_profile(&demo, &c).is_empty() {
                pipeline(&c, &demo, None, lang, index);
            } else {
                let mut d = demo;
                d.business_case = None;
                pipeline(&c, &d, None, lang, index);
            }
        }),
    }
}

/// What a parse result reached: an error is displayed (as the user would see it); an accepted
/// input goes through `run_pipeline` when `pipe`.
fn reached<T, E: std::fmt::Display>(
    parsed: Result<T, E>,
    pipe: bool,
    run_pipeline: impl FnOnce(T),
) -> Reached {
    match parsed {
        Ok(value) => {
            if pipe {
                run_pipeline(value);
            }
            Reached {
                valid: true,
                pipeline: pipe,
            }
        }
        Err(e) => {
            let _ = e.to_string();
            Reached::default()
        }
    }
}

const FORMATS: [Format; 4] = [Format::Table, Format::Json, Format::Csv, Format::Markdown];
const REPORTS: [ReportFormat; 4] = [
    ReportFormat::Markdown,
    ReportFormat::Html,
    ReportFormat::Json,
    ReportFormat::Csv,
];

/// Score, business case, sensitivity, every report format and every TUI screen.
fn pipeline(cat: &Catalogue, p: &Profile, session: Option<Session>, lang: Lang, index: u64) {
    for f in FORMATS {
        let _ = cli::render_score(cat, p, f, lang).map(|t| t.len());
        let _ = cli::business_case(cat, p, None, None, f, lang).sanitised();
    }
    for f in REPORTS {
        let _ = cli::render_report(cat, p, f, lang).map(|t| t.len());
    }
    let sampling = SamplingSettings {
        samples: 40,
        seed: index,
    };
    let f = FORMATS[(index % 4) as usize];
    let _ = cli::render_sensitivity(cat, p, sampling, f, lang).map(|t| t.len());
    tui(cat, p, session, lang);
}

/// Every TUI screen on a `TestBackend`, in both widths, with the input's profile or session.
fn tui(cat: &Catalogue, p: &Profile, session: Option<Session>, lang: Lang) {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use wolkwijzer::tui::{Action, State, update};
    let mut s = State::new(cat.clone(), p.clone(), None);
    if let Some(session) = session {
        s.apply_session(session);
    }
    s.lang = lang;
    for (w, h) in [(80u16, 24u16), (160, 48)] {
        update(&mut s, Action::Resize(w, h));
        let Ok(mut term) = Terminal::new(TestBackend::new(w, h));
        for i in 0..10 {
            update(&mut s, Action::GoTo(i));
            let _ = term.draw(|f| wolkwijzer::tui::screens::render(f, &s));
        }
    }
}

/// The core on unchecked values: the typed profile's business case with extreme amounts,
/// years and counts, evaluated without validation (must be an error value, never a panic).
fn unchecked(p: &Profile, index: u64) {
    let Some(setup) = &p.business_case else {
        return;
    };
    let mut r = rng(index, 0xDEC1);
    let Ok(mut v) = serde_json::to_value(setup) else {
        return;
    };
    const EXTREME: &[&str] = &[
        "79228162514264337593543950335",
        "-79228162514264337593543950335",
        "0.0000000000000000000000000001",
        "4294967295",
        "0",
        "-1",
    ];
    fn walk(v: &mut serde_json::Value, r: &mut Xoshiro256PlusPlus) {
        match v {
            serde_json::Value::String(s) if s.parse::<f64>().is_ok() && below(r, 3) == 0 => {
                *s = EXTREME[below(r, EXTREME.len())].to_string();
            }
            serde_json::Value::Number(_) if below(r, 4) == 0 => {
                *v = serde_json::Value::from(if below(r, 2) == 0 { u32::MAX } else { 0 });
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(|x| walk(x, r)),
            serde_json::Value::Object(o) => o.values_mut().for_each(|x| walk(x, r)),
            _ => {}
        }
    }
    walk(&mut v, &mut r);
    if let Ok(s) = serde_json::from_value::<wolkwijzer::core::business_case::BusinessCaseSetup>(v) {
        let _ = s.evaluate(None, |_| true);
        if let Some(m) = s.municipalities.first() {
            let _ = m.measurement.shock_pct();
            let _ = m.measurement.total();
        }
    }
}

/// Shrinks a panicking input: drops lines (then halves of what is left) while `still` holds.
pub fn minimise(input: &Input, still: impl Fn(&Input) -> bool) -> Input {
    let mut best = input.clone();
    let mut chunk = (line_starts(&best.bytes).len() / 2).max(1);
    let mut tries = 0;
    while chunk >= 1 && tries < 400 {
        let starts = line_starts(&best.bytes);
        let mut i = 0;
        let mut shrunk = false;
        while i < starts.len() && tries < 400 {
            let a = starts[i];
            let b = starts.get(i + chunk).copied().unwrap_or(best.bytes.len());
            let mut candidate = best.clone();
            candidate.bytes.drain(a..b);
            tries += 1;
            if still(&candidate) {
                best = candidate;
                shrunk = true;
                break;
            }
            i += chunk;
        }
        if !shrunk {
            if chunk == 1 {
                break;
            }
            chunk /= 2;
        }
    }
    best
}

/// The panic message last caught (set by [`quiet_panics`]).
pub static LAST_PANIC: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

/// Replaces the panic hook with one that records the message in [`LAST_PANIC`] instead of
/// printing it.
pub fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        // The message and the project's own frames: where to look.
        let trace = std::backtrace::Backtrace::force_capture().to_string();
        let frames: Vec<&str> = trace
            .lines()
            .map(str::trim)
            .filter(|l| l.contains("wolkwijzer::") && !l.contains("engine::"))
            .take(6)
            .collect();
        if let Ok(mut m) = LAST_PANIC.lock() {
            *m = format!(
                "{} | {}",
                info.to_string().replace('\n', " "),
                frames.join(" < ")
            );
        }
    }));
}

/// Counts of a run.
#[derive(Debug, Default, Clone)]
pub struct Stats {
    pub cases: u64,
    pub valid: u64,
    pub pipeline: u64,
    /// `(index, message)` of every panic.
    pub panics: Vec<(u64, String)>,
}

/// Runs cases `start..start + count` in this process, catching panics (no hang or abort
/// protection: that is the supervisor's job in `main.rs`).
pub fn run_range(corpus: &Corpus, seed: u64, start: u64, count: u64, mode: Mode) -> Stats {
    let mut stats = Stats::default();
    for index in start..start + count {
        let input = case(corpus, seed, index, mode);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run(corpus, &input, mode, index)
        }));
        stats.cases += 1;
        match outcome {
            Ok(r) => {
                stats.valid += u64::from(r.valid);
                stats.pipeline += u64::from(r.pipeline);
            }
            Err(_) => {
                let m = LAST_PANIC.lock().map(|m| m.clone()).unwrap_or_default();
                stats.panics.push((index, m));
            }
        }
    }
    stats
}
