//! The HTML decision note of every shipped profile in headless Chromium: printed to PDF and to
//! a PNG screenshot, with no console messages, no element wider than the page (on an A4-wide
//! and a desktop-wide window), every SVG titled, and the chapter headings in the PDF text.
//!
//! How each check really catches a failure:
//! - Console: Chromium is started with `--enable-logging=stderr --v=0`, which logs every
//!   console message of the page, errors and uncaught exceptions included, as a line with
//!   `:CONSOLE` (e.g. `INFO:CONSOLE:1] "Uncaught Error: …"`). The report has no scripts, so any
//!   such line fails the test. A control page with a deliberate `console.error` and an uncaught
//!   exception must be caught by the same scan, so a Chromium that logs differently fails the
//!   test instead of passing it silently.
//! - Width: the report itself has no scripts, so the test wraps it in a test-only harness (the
//!   report plus one script at the end of `<body>`) that measures every element's bounding box
//!   and the document's scroll width, checks each SVG's `<title>` and `aria-labelledby`, lists
//!   any resource the page loaded, and writes the result as JSON into a `<pre>`; `--dump-dom`
//!   returns it. A control page with a too-wide element must be reported.
//! - PDF: `pdftotext` of the printed PDF must hold every chapter heading, in order, the
//!   business case chapter included (every shipped profile has a `[business_case]`), with a
//!   heading per scenario it shows.
//! - Charts: every SVG is titled; the business case adds one cash-flow chart per scenario,
//!   titled with the scenario's name.
//!
//! Without Chromium (or `pdftotext`) the test is skipped with a message, except under
//! `CI=true`, where it fails: CI installs both (`.ci/run`).
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use wolkwijzer::core::portfolio::Date;
use wolkwijzer::core::scoring::evaluate;
use wolkwijzer::core::text::Lang;
use wolkwijzer::i18n::report as labels;
use wolkwijzer::io::{catalogue, profile};
use wolkwijzer::report::note::{Note, NoteInput, html};

const TIMEOUT: Duration = Duration::from_secs(120);

/// The harness script: measures, then writes its findings into the DOM.
const HARNESS: &str = r#"<script>
(function () {
  var vw = document.documentElement.clientWidth;
  var wide = [];
  document.querySelectorAll('body *').forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > vw + 0.5 || r.left < -0.5)) {
      wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' +
        Math.round(r.left) + '..' + Math.round(r.right));
    }
  });
  // Text can overflow the element that holds it (a long word in a narrow cell): measure text
  // nodes too.
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  var range = document.createRange();
  while (walker.nextNode()) {
    var node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    range.selectNodeContents(node);
    var tr = range.getBoundingClientRect();
    if (tr.width > 0 && (tr.right > vw + 0.5 || tr.left < -0.5)) {
      wide.push('text "' + node.textContent.trim().slice(0, 40) + '" ' +
        Math.round(tr.left) + '..' + Math.round(tr.right));
    }
  }
  var untitled = [];
  var svgs = document.querySelectorAll('svg');
  svgs.forEach(function (s, i) {
    var t = s.querySelector(':scope > title');
    if (!t || !t.textContent.trim()) untitled.push(i + ': no title');
    if (s.getAttribute('role') !== 'img') untitled.push(i + ': no role');
    var ids = (s.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    if (ids.length === 0) untitled.push(i + ': not labelled');
    ids.forEach(function (id) { if (!document.getElementById(id)) untitled.push(i + ': ' + id); });
  });
  var titles = [];
  svgs.forEach(function (s) {
    var t = s.querySelector(':scope > title');
    titles.push(t ? t.textContent : '');
  });
  var result = {
    titles: titles,
    viewport: vw,
    scrollWidth: document.documentElement.scrollWidth,
    wide: wide.slice(0, 20),
    wideCount: wide.length,
    svgs: svgs.length,
    untitled: untitled,
    resources: performance.getEntriesByType('resource').map(function (e) { return e.name; })
  };
  var pre = document.createElement('pre');
  pre.id = 'harness-result';
  pre.textContent = JSON.stringify(result);
  document.body.appendChild(pre);
})();
</script>"#;

/// Finds a program on the PATH.
fn which(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for n in names {
            let p = dir.join(n);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Chromium and pdftotext, or `None` (skip) — a panic under CI.
fn tools() -> Option<(PathBuf, PathBuf)> {
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| which(&["chromium", "chromium-browser", "google-chrome"]));
    let pdftotext = which(&["pdftotext"]);
    match (chromium, pdftotext) {
        (Some(c), Some(p)) => Some((c, p)),
        (c, p) => {
            let missing = [
                c.is_none().then_some("chromium"),
                p.is_none().then_some("pdftotext (poppler-utils)"),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" and ");
            assert!(
                !common::on_ci(),
                "CI=true but not installed: {missing}; the browser test must run on CI"
            );
            eprintln!(
                "skipping the browser test: {missing} not found (apt-get install chromium poppler-utils)"
            );
            None
        }
    }
}

/// Runs a command with a deadline, capturing its output.
fn run(cmd: &mut Command) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the browser");
    let start = Instant::now();
    // Read the pipes on threads so a chatty process cannot block on a full pipe.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || {
        let mut v = vec![];
        std::io::Read::read_to_end(&mut out, &mut v).ok();
        v
    });
    let err_t = std::thread::spawn(move || {
        let mut v = vec![];
        std::io::Read::read_to_end(&mut err, &mut v).ok();
        v
    });
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} took longer than {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Output {
        status,
        stdout: out_t.join().unwrap(),
        stderr: err_t.join().unwrap(),
    }
}

/// A headless Chromium with a fresh profile directory.
fn chromium(bin: &Path, profile_dir: &Path) -> Command {
    let mut c = Command::new(bin);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--enable-logging=stderr",
        "--v=0",
    ])
    .arg(format!("--user-data-dir={}", profile_dir.display()));
    c
}

fn url(p: &Path) -> String {
    format!("file://{}", p.display())
}

/// Console lines Chromium logged for the page.
fn console_lines(stderr: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
        .map(str::to_string)
        .collect()
}

/// Loads a page in the harness at a window width and returns the measurements.
fn measure(bin: &Path, dir: &Path, html: &str, width: u32, tag: &str) -> Value {
    let page = dir.join(format!("harness-{tag}-{width}.html"));
    let body_end = html.rfind("</body>").expect("a body");
    let wrapped = format!("{}{HARNESS}{}", &html[..body_end], &html[body_end..]);
    std::fs::write(&page, wrapped).unwrap();
    let profile_dir = tempfile::tempdir().unwrap();
    let out = run(chromium(bin, profile_dir.path())
        .arg(format!("--window-size={width},1200"))
        .arg("--hide-scrollbars")
        .arg("--dump-dom")
        .arg(url(&page)));
    assert!(out.status.success(), "dump-dom failed for {tag}");
    let dom = String::from_utf8_lossy(&out.stdout);
    let start = dom
        .find("<pre id=\"harness-result\">")
        .unwrap_or_else(|| panic!("{tag}: the harness wrote no result"))
        + "<pre id=\"harness-result\">".len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let json = dom[start..end]
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{tag}: {e}: {json}"))
}

/// The detectors themselves: a page with errors and a too-wide element must be caught.
fn controls(bin: &Path, dir: &Path) {
    let bad = r#"<!DOCTYPE html><html><head><title>control</title></head><body><div style="width:3000px">wide</div><p style="width:50px;white-space:nowrap">{long}</p><svg role="img"><rect width="5" height="5"/></svg><script>console.error("control-error"); throw new Error("control-uncaught");</script></body></html>"#;
    let bad = bad.replace("{long}", &"overflowing text ".repeat(80));
    let bad = bad.as_str();
    let page = dir.join("control.html");
    std::fs::write(&page, bad).unwrap();
    let profile_dir = tempfile::tempdir().unwrap();
    let out = run(chromium(bin, profile_dir.path())
        .arg(format!(
            "--print-to-pdf={}",
            dir.join("control.pdf").display()
        ))
        .arg(url(&page)));
    let lines = console_lines(&out.stderr);
    assert!(
        lines.iter().any(|l| l.contains("control-error"))
            && lines.iter().any(|l| l.contains("Uncaught")),
        "the console scan must catch the control page's errors; Chromium logged: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let m = measure(bin, dir, bad, 800, "control");
    let wide = m["wide"].as_array().unwrap();
    assert!(
        wide.iter().any(|w| w.as_str().unwrap().starts_with("div "))
            && wide
                .iter()
                .any(|w| w.as_str().unwrap().starts_with("text ")),
        "harness misses overflow: {m}"
    );
    assert!(
        !m["untitled"].as_array().unwrap().is_empty(),
        "harness misses untitled SVG"
    );
}

#[test]
fn html_reports_render_cleanly_in_chromium() {
    let Some((bin, pdftotext)) = tools() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    controls(&bin, dir);
    let cat = catalogue::built_in();
    let mut checked = 0;
    // Every shipped profile in both languages, each with its business case chapter.
    let mut cases: Vec<(PathBuf, Lang)> = vec![];
    for path in common::shipped_profiles() {
        for lang in [Lang::Nl, Lang::En] {
            cases.push((path.clone(), lang));
        }
    }
    for (path, lang) in cases {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let p = profile::load(&path).unwrap();
        {
            let tag = format!("{stem}-{}", lang.code());
            let e = evaluate(&cat, &p).unwrap();
            let input = NoteInput {
                catalogue: &cat,
                profile: &p,
                evaluation: &e,
                lang,
                form: None,
            };
            let mut note = Note::build(&input).unwrap();
            // With the portfolio the profile names (the mid-sized one): its chapter and the
            // per-application annex must fit A4 too.
            note.add_portfolio(&input, Some(&path), Date::new(2026, 12, 1).unwrap())
                .unwrap();
            let bc = note
                .business_case
                .as_ref()
                .expect("every shipped profile has a business case");
            let svgs = 3 + bc.scenarios.len();
            let html = html::render(&note);
            let page = dir.join(format!("{tag}.html"));
            std::fs::write(&page, &html).unwrap();

            // PDF, with the console scanned.
            let pdf = dir.join(format!("{tag}.pdf"));
            let profile_dir = tempfile::tempdir().unwrap();
            let out = run(chromium(&bin, profile_dir.path())
                .arg("--no-pdf-header-footer")
                .arg(format!("--print-to-pdf={}", pdf.display()))
                .arg(url(&page)));
            assert!(out.status.success(), "{tag}: print to PDF failed");
            let console = console_lines(&out.stderr);
            assert!(console.is_empty(), "{tag}: console messages: {console:?}");
            let bytes = std::fs::read(&pdf).unwrap();
            assert!(bytes.starts_with(b"%PDF"), "{tag}: not a PDF");

            // Screenshot.
            let png = dir.join(format!("{tag}.png"));
            let profile_dir = tempfile::tempdir().unwrap();
            let out = run(chromium(&bin, profile_dir.path())
                .arg("--window-size=1280,2400")
                .arg("--hide-scrollbars")
                .arg(format!("--screenshot={}", png.display()))
                .arg(url(&page)));
            assert!(out.status.success(), "{tag}: screenshot failed");
            let console = console_lines(&out.stderr);
            assert!(console.is_empty(), "{tag}: console messages: {console:?}");
            let shot = std::fs::read(&png).unwrap();
            assert!(
                shot.starts_with(b"\x89PNG") && shot.len() > 10_000,
                "{tag}: empty screenshot"
            );

            // Widths: the A4 content width (210 mm minus 2 × 15 mm margins = 680 px) and a desktop.
            for width in [680, 1280] {
                let m = measure(&bin, dir, &html, width, &tag);
                assert_eq!(m["wideCount"], 0, "{tag} at {width}px: too wide: {m}");
                assert!(
                    m["scrollWidth"].as_u64() <= m["viewport"].as_u64(),
                    "{tag} at {width}px: horizontal scroll: {m}"
                );
                assert_eq!(m["svgs"], svgs, "{tag}: {m}");
                for sc in &bc.scenarios {
                    let title = format!("{}: {}", labels(lang).cash_flow_chart, sc.label);
                    assert!(
                        m["titles"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .any(|x| x.as_str() == Some(title.as_str())),
                        "{tag}: no cash-flow chart titled {title:?}: {m}"
                    );
                }
                assert_eq!(m["untitled"], Value::Array(vec![]), "{tag}: {m}");
                assert_eq!(
                    m["resources"],
                    Value::Array(vec![]),
                    "{tag}: loads resources: {m}"
                );
            }

            // Chapter headings in the PDF text, in order.
            let text = run(Command::new(&pdftotext).arg(&pdf).arg("-"));
            assert!(text.status.success());
            let text = String::from_utf8_lossy(&text.stdout);
            let t = labels(lang);
            let first = if p.subject.is_group() {
                t.ch_subject_group
            } else {
                t.ch_subject_single
            };
            let mut headings = vec![
                first,
                t.ch_weights,
                t.ch_ranking,
                t.ch_excluded,
                t.ch_layers,
                t.ch_landscape,
            ];
            if note.portfolio.is_some() {
                headings.push(wolkwijzer::i18n::portfolio_strings(lang).title);
            }
            headings.push(t.ch_business_case);
            let scenario_heads: Vec<String> = bc
                .scenarios
                .iter()
                .map(|sc| format!("{}: {}", t.scenario, sc.label))
                .collect();
            headings.extend(scenario_heads.iter().map(String::as_str));
            headings.push(t.ch_obstacles);
            if note.portfolio.is_some() {
                headings.push(wolkwijzer::i18n::note_doc(lang).applications_annex);
            }
            headings.push(t.ch_sources);
            let mut from = 0;
            for h in headings {
                let at = text[from..]
                    .find(h)
                    .unwrap_or_else(|| panic!("{tag}: heading {h:?} not in the PDF after {from}"));
                from += at + h.len();
            }
            assert!(text.contains(&p.title), "{tag}: the question is printed");
            checked += 1;
        }
    }
    assert!(checked >= 8, "four profiles in two languages");
    if let Ok(keep) = std::env::var("WOLKWIJZER_KEEP_RENDERS") {
        // For looking at the renders by hand: copy PDFs and screenshots out of the temp dir.
        std::fs::create_dir_all(&keep).unwrap();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "pdf" || x == "png") {
                std::fs::copy(&p, Path::new(&keep).join(p.file_name().unwrap())).unwrap();
            }
        }
    }
}
