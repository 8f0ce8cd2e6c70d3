//! The fuzz campaign of issue 12, on stable Rust:
//!
//! ```text
//! cargo run --release --example fuzz -- --seed 1 --cases 1000000 --mode parsers
//! cargo run --release --example fuzz -- --seed 1 --cases 100000 --mode pipeline
//! ```
//!
//! Options: `--seed N` (default 1), `--cases N` (default 10000), `--start N` (first case,
//! default 0; replay one case with `--start I --cases 1`), `--mode parsers|pipeline`,
//! `--timeout SECS` per case (default 20), `--out DIR` for crashers (default
//! `target/fuzz-crashers`), `--mem-mib N` address-space limit of the worker (default 4096;
//! Unix), `--dump` (write the inputs of the cases to `--out` instead of running them: how a
//! crasher becomes a file in `tests/fuzz_regressions/`).
//!
//! The supervisor runs the cases in a worker process (this program with `--worker`). The worker
//! announces each case before running it and catches a panic per case (`catch_unwind`),
//! writing the input, a minimised input and the message to `--out`. An abort (say, a huge
//! allocation) or a hang (no progress within `--timeout`) ends or kills the worker; the
//! supervisor writes that case's input (every case is a pure function of seed and index) and
//! restarts the worker after it. At the end it prints the counts and the time; the exit code is
//! 0 only when nothing was found. Every crasher belongs in `tests/fuzz_regressions/`.

mod engine;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use engine::{Corpus, Input, Mode};

struct Args {
    seed: u64,
    cases: u64,
    start: u64,
    mode: Mode,
    timeout: u64,
    out: PathBuf,
    mem_mib: u64,
    worker: bool,
    dump: bool,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        seed: 1,
        cases: 10_000,
        start: 0,
        mode: Mode::Parsers,
        timeout: 20,
        out: PathBuf::from("target/fuzz-crashers"),
        mem_mib: 4096,
        worker: false,
        dump: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--worker" {
            a.worker = true;
            continue;
        }
        if flag == "--dump" {
            a.dump = true;
            continue;
        }
        let value = it
            .next()
            .ok_or_else(|| format!("{flag}: a value is missing"))?;
        let number = || {
            value
                .replace('_', "")
                .parse::<u64>()
                .map_err(|_| format!("{flag}: `{value}` is not a whole number"))
        };
        match flag.as_str() {
            "--seed" => a.seed = number()?,
            "--cases" => a.cases = number()?,
            "--start" => a.start = number()?,
            "--timeout" => a.timeout = number()?.max(1),
            "--mem-mib" => a.mem_mib = number()?,
            "--out" => a.out = PathBuf::from(value),
            "--mode" => {
                a.mode = Mode::parse(&value)
                    .ok_or_else(|| format!("--mode: `{value}` (allowed: parsers, pipeline)"))?
            }
            _ => {
                return Err(format!(
                    "unknown option {flag} (allowed: --seed, --cases, --start, --mode, --timeout, --out, --mem-mib)"
                ));
            }
        }
    }
    Ok(a)
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn crasher_path(out: &Path, what: &str, a: &Args, index: u64, input: &Input) -> PathBuf {
    out.join(format!(
        "{what}-{}-seed{}-case{index}-{}.toml",
        a.mode.id(),
        a.seed,
        input.kind.id()
    ))
}

/// The worker: runs `start..start + cases`, one line per event on stdout.
fn worker(a: &Args) {
    engine::quiet_panics();
    let corpus = Corpus::load(&root());
    let _ = std::fs::create_dir_all(&a.out);
    let stdout = std::io::stdout();
    let mut valid = 0u64;
    let mut pipeline = 0u64;
    for index in a.start..a.start + a.cases {
        {
            let mut o = stdout.lock();
            let _ = writeln!(o, "S {index}");
            let _ = o.flush();
        }
        let input = engine::case(&corpus, a.seed, index, a.mode);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            engine::run(&corpus, &input, a.mode, index)
        }));
        match outcome {
            Ok(r) => {
                valid += u64::from(r.valid);
                pipeline += u64::from(r.pipeline);
            }
            Err(_) => {
                let message = engine::LAST_PANIC
                    .lock()
                    .map(|m| m.clone())
                    .unwrap_or_default();
                let path = crasher_path(&a.out, "panic", a, index, &input);
                let _ = std::fs::write(&path, &input.bytes);
                let _ = std::fs::write(path.with_extension("txt"), &message);
                {
                    let mut o = stdout.lock();
                    let _ = writeln!(o, "P {index} {message}");
                    let _ = o.flush();
                }
                // Each attempt of the minimiser is a heartbeat for the supervisor's watchdog.
                let still = |i: &Input| {
                    let mut o = stdout.lock();
                    let _ = writeln!(o, "M {index}");
                    let _ = o.flush();
                    drop(o);
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        engine::run(&corpus, i, a.mode, index)
                    }))
                    .is_err()
                };
                let small = engine::minimise(&input, still);
                let _ = std::fs::write(path.with_extension("min.toml"), &small.bytes);
            }
        }
    }
    let mut o = stdout.lock();
    let _ = writeln!(o, "D {valid} {pipeline}");
    let _ = o.flush();
}

fn spawn(a: &Args, start: u64, count: u64) -> std::io::Result<std::process::Child> {
    let exe = std::env::current_exe()?;
    let mut worker_args: Vec<String> = vec![
        "--worker".into(),
        "--seed".into(),
        a.seed.to_string(),
        "--start".into(),
        start.to_string(),
        "--cases".into(),
        count.to_string(),
        "--mode".into(),
        a.mode.id().into(),
        "--out".into(),
        a.out.display().to_string(),
    ];
    let mut cmd = if cfg!(unix) && a.mem_mib > 0 {
        // A huge allocation fails fast instead of paging the machine to death.
        let mut c = Command::new("sh");
        c.arg("-c")
            .arg(format!(
                "ulimit -v {} 2>/dev/null; exec \"$0\" \"$@\"",
                a.mem_mib * 1024
            ))
            .arg(exe);
        c
    } else {
        Command::new(exe)
    };
    cmd.args(worker_args.drain(..))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
}

enum Event {
    Line(String),
    Closed,
}

fn supervise(a: &Args) -> i32 {
    let _ = std::fs::create_dir_all(&a.out);
    let corpus = Corpus::load(&root());
    let seeds = corpus.seeds.len();
    println!(
        "fuzz: mode {}, seed {}, cases {}..{}, {seeds} seed files, timeout {} s, crashers in {}",
        a.mode.id(),
        a.seed,
        a.start,
        a.start + a.cases,
        a.timeout,
        a.out.display()
    );
    let started = Instant::now();
    let end = a.start + a.cases;
    let mut next = a.start;
    let (mut valid, mut pipeline) = (0u64, 0u64);
    let mut panics: Vec<(u64, String)> = vec![];
    let mut aborts: Vec<u64> = vec![];
    let mut hangs: Vec<u64> = vec![];
    let mut done_cases = 0u64;
    let mut last_report = Instant::now();
    while next < end {
        let mut child = match spawn(a, next, end - next) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("fuzz: cannot start the worker: {e}");
                return 2;
            }
        };
        let stdout = child.stdout.take().expect("piped");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                match line {
                    Ok(l) => {
                        if tx.send(Event::Line(l)).is_err() {
                            return;
                        }
                    }
                    Err(_) => break,
                }
            }
            let _ = tx.send(Event::Closed);
        });
        let mut current: Option<u64> = None;
        let mut finished = false;
        loop {
            match rx.recv_timeout(Duration::from_secs(a.timeout)) {
                Ok(Event::Line(l)) => {
                    let mut parts = l.splitn(3, ' ');
                    match (parts.next(), parts.next()) {
                        (Some("S"), Some(i)) => {
                            if current.is_some() {
                                done_cases += 1;
                            }
                            current = i.parse().ok();
                        }
                        (Some("P"), Some(i)) => {
                            let index = i.parse().unwrap_or(0);
                            let message = parts.next().unwrap_or("").to_string();
                            println!("PANIC case {index}: {message}");
                            panics.push((index, message));
                        }
                        (Some("D"), Some(v)) => {
                            valid += v.parse::<u64>().unwrap_or(0);
                            pipeline += parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
                            if current.take().is_some() {
                                done_cases += 1;
                            }
                            finished = true;
                        }
                        _ => {}
                    }
                    if last_report.elapsed() > Duration::from_secs(60) {
                        last_report = Instant::now();
                        println!(
                            "fuzz: {done_cases} cases, {:.0} s, {} panics, {} aborts, {} hangs",
                            started.elapsed().as_secs_f64(),
                            panics.len(),
                            aborts.len(),
                            hangs.len()
                        );
                    }
                }
                Ok(Event::Closed) => {
                    let _ = child.wait();
                    if !finished && let Some(i) = current {
                        let input = engine::case(&corpus, a.seed, i, a.mode);
                        let path = crasher_path(&a.out, "abort", a, i, &input);
                        let _ = std::fs::write(&path, &input.bytes);
                        println!(
                            "ABORT case {i}: the worker died; input in {}",
                            path.display()
                        );
                        aborts.push(i);
                        done_cases += 1;
                        next = i + 1;
                    } else {
                        next = end;
                    }
                    break;
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    let i = current.unwrap_or(next);
                    let input = engine::case(&corpus, a.seed, i, a.mode);
                    let path = crasher_path(&a.out, "hang", a, i, &input);
                    let _ = std::fs::write(&path, &input.bytes);
                    println!(
                        "HANG case {i}: no progress in {} s; input in {}",
                        a.timeout,
                        path.display()
                    );
                    hangs.push(i);
                    done_cases += 1;
                    next = i + 1;
                    break;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    next = end;
                    break;
                }
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "fuzz: mode {} seed {}: {done_cases} cases in {secs:.1} s ({:.0} cases/s); {valid} accepted by the parser, {pipeline} through the whole pipeline; {} panics, {} aborts, {} hangs",
        a.mode.id(),
        a.seed,
        done_cases as f64 / secs.max(1e-9),
        panics.len(),
        aborts.len(),
        hangs.len()
    );
    if panics.is_empty() && aborts.is_empty() && hangs.is_empty() {
        0
    } else {
        1
    }
}

fn main() {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("fuzz: {e}");
            std::process::exit(2);
        }
    };
    if a.dump {
        let corpus = Corpus::load(&root());
        let _ = std::fs::create_dir_all(&a.out);
        for index in a.start..a.start + a.cases {
            let input = engine::case(&corpus, a.seed, index, a.mode);
            let path = crasher_path(&a.out, "case", &a, index, &input);
            if let Err(e) = std::fs::write(&path, &input.bytes) {
                eprintln!("fuzz: {}: {e}", path.display());
                std::process::exit(2);
            }
            println!("{}", path.display());
        }
    } else if a.worker {
        worker(&a);
    } else {
        std::process::exit(supervise(&a));
    }
}
