//! Citations a council can follow (issue 10): no internal file names in any output, status
//! words in the output's language, every catalogue number sourced or marked as an assumption,
//! every source complete, one status per rule in the TUI, the CLI and the note, the note's
//! source chapter as a golden file, and the TUI's "why" overlay saying for each number whether
//! a source gives it.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use wolkwijzer::core::catalogue::{Citation, Provenance};
use wolkwijzer::core::scoring::evaluate;
use wolkwijzer::core::text::Lang;
use wolkwijzer::io::catalogue::{BUILT_IN, built_in, parse};
use wolkwijzer::io::profile;
use wolkwijzer::report::cite::{self, Markup};
use wolkwijzer::report::note::{Note, NoteInput, markdown};
use wolkwijzer::tui::{Action, Screen};

fn bin() -> Command {
    let mut c = Command::cargo_bin("wolkwijzer").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every shipped profile, the starter-group fixture, and `None` for the built-in demo.
fn profiles() -> Vec<Option<PathBuf>> {
    let mut v: Vec<Option<PathBuf>> = common::shipped_profiles().into_iter().map(Some).collect();
    v.push(Some(
        root().join("tests/fixtures/startersgroep-rivierenland.toml"),
    ));
    v.push(None);
    v
}

/// The stems of the project's source documents, which no user may see.
const SEED_FILES: [&str; 5] = [
    "000_500cc8825a961840",
    "001_436dffb5cf9a128c",
    "002_996e4469e197072b",
    "003_c025e1a981779782",
    "004_8bce6b7bb2e52220",
];

/// Status words as each language writes them.
const NL_STATUS: [&str; 5] = [
    "bindend",
    "zelfbindend",
    "referentie",
    "achtergrond",
    "in voorbereiding",
];
const EN_STATUS: [&str; 5] = [
    "binding",
    "self-binding",
    "reference",
    "background",
    "pending",
];

/// Whether `word` occurs in `text` as a whole word (letters, digits and hyphens around it
/// do not count as a boundary).
fn has_word(text: &str, word: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

/// The visible text of an HTML page: the style block and tags removed (class names such as
/// `status binding` are markup, not words a reader sees).
fn visible(html: &str) -> String {
    let mut s = html.to_string();
    while let (Some(a), Some(b)) = (s.find("<style"), s.find("</style>")) {
        if b < a {
            break;
        }
        s.replace_range(a..b + "</style>".len(), "");
    }
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Checks one output. `words` is false for machine formats (JSON, CSV), whose status fields
/// hold the language-neutral ids (`binding`, `self_binding`, …).
fn check(what: &str, text: &str, lang: Lang, words: bool) -> Vec<String> {
    let mut problems = vec![];
    for bad in [".txt", "DOMAIN.md", "seed 0", "seed00"] {
        if text.contains(bad) {
            problems.push(format!("{what}: contains `{bad}`"));
        }
    }
    for stem in SEED_FILES {
        if text.contains(stem) {
            problems.push(format!("{what}: contains the file name `{stem}`"));
        }
    }
    if words {
        let other: &[&str] = match lang {
            Lang::Nl => &EN_STATUS,
            Lang::En => &NL_STATUS,
        };
        for w in other {
            if has_word(text, w) {
                let at = text.find(w).unwrap_or(0);
                let from = text[..at].char_indices().rev().nth(40).map_or(0, |x| x.0);
                let ctx: String = text[from..].chars().take(100).collect();
                problems.push(format!(
                    "{what}: status word `{w}` in the other language: …{ctx}…"
                ));
            }
        }
    }
    problems
}

fn run(args: &[&str]) -> String {
    let out = bin().args(args).output().unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn no_output_of_any_command_shows_a_file_name_or_a_status_word_in_the_other_language() {
    let mut problems = vec![];
    for lang in [Lang::Nl, Lang::En] {
        let code = lang.code();
        for format in ["table", "markdown", "json", "csv"] {
            let words = matches!(format, "table" | "markdown");
            let out = run(&["catalogue", "--lang", code, "--format", format]);
            problems.extend(check(
                &format!("catalogue {format} {code}"),
                &out,
                lang,
                words,
            ));
        }
        for help in [
            vec!["--help"],
            vec!["score", "--help"],
            vec!["business-case", "--help"],
            vec!["catalogue", "--help"],
            vec!["report", "--help"],
            vec!["sensitivity", "--help"],
        ] {
            let mut args = help.clone();
            args.extend(["--lang", code]);
            let out = run(&args);
            problems.extend(check(&format!("{help:?} {code}"), &out, lang, false));
        }
        // Every error message a profile or judgement file can produce.
        for dir in ["tests/invalid_profiles", "tests/invalid_ahp"] {
            for e in std::fs::read_dir(root().join(dir)).unwrap() {
                let path = e.unwrap().path();
                let out = if dir.ends_with("ahp") {
                    run(&["weights", "ahp", path.to_str().unwrap(), "--lang", code])
                } else {
                    run(&["validate", path.to_str().unwrap(), "--lang", code])
                };
                problems.extend(check(
                    &format!("{} {code}", path.display()),
                    &out,
                    lang,
                    false,
                ));
            }
        }
        let ahp = root().join("profiles/ahp/wolkendam.toml");
        let out = run(&["weights", "ahp", ahp.to_str().unwrap(), "--lang", code]);
        problems.extend(check(&format!("weights ahp {code}"), &out, lang, true));
        for p in profiles() {
            let mut base: Vec<String> = vec![];
            if let Some(p) = &p {
                base.extend(["--profile".into(), p.display().to_string()]);
            }
            let name = p
                .as_ref()
                .map(|p| p.file_stem().unwrap().to_string_lossy().to_string())
                .unwrap_or_else(|| "demo".into());
            for (command, formats) in [
                ("score", &["table", "markdown", "json", "csv"][..]),
                ("business-case", &["table", "markdown", "json", "csv"][..]),
                ("report", &["markdown", "html", "json", "csv"][..]),
                ("sensitivity", &["table", "markdown", "json", "csv"][..]),
            ] {
                for format in formats {
                    let mut args: Vec<String> = vec![command.into(), "--lang".into(), code.into()];
                    args.extend(["--format".into(), format.to_string()]);
                    if command == "sensitivity" {
                        args.extend(["--samples".into(), "200".into()]);
                    }
                    args.extend(base.iter().cloned());
                    let args: Vec<&str> = args.iter().map(String::as_str).collect();
                    let out = run(&args);
                    let (text, words) = match *format {
                        "html" => (visible(&out), true),
                        "table" | "markdown" => (out, true),
                        _ => (out, false),
                    };
                    problems.extend(check(
                        &format!("{command} {format} {name} {code}"),
                        &text,
                        lang,
                        words,
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_screen_or_popup_shows_a_file_name_or_a_status_word_in_the_other_language() {
    let mut problems = vec![];
    for lang in [Lang::Nl, Lang::En] {
        let mut states = vec![
            ("demo".to_string(), common::demo(lang)),
            ("group".to_string(), common::group(lang)),
        ];
        for p in profiles().into_iter().flatten() {
            let mut st = wolkwijzer::tui::State::new(built_in(), profile::load(&p).unwrap(), None);
            st.lang = lang;
            states.push((p.file_stem().unwrap().to_string_lossy().to_string(), st));
        }
        for (name, state) in &states {
            for screen in Screen::ALL {
                for (w, h) in [(80, 24), (160, 48), (220, 70)] {
                    let mut s = state.clone();
                    common::feed(&mut s, &[Action::GoTo(screen.index())]);
                    let text = common::render(&s, w, h);
                    let what = format!("{name} {} {w}x{h} {}", screen.id(), lang.code());
                    problems.extend(check(&what, &text, lang, true));
                }
            }
            // The "why" popup of every criterion of the leader.
            for col in 0..8 {
                let mut s = state.clone();
                common::feed(&mut s, &[Action::GoTo(6)]);
                s.cursor.cmp_col = col;
                common::feed(&mut s, &[Action::Select]);
                let text = common::render(&s, 220, 70);
                let what = format!("{name} why col {col} {}", lang.code());
                problems.extend(check(&what, &text, lang, true));
            }
            // Every workload in the landscape.
            for i in 0..state.profile.workloads.len() {
                let mut s = state.clone();
                common::feed(&mut s, &[Action::GoTo(8)]);
                s.cursor.landscape = i;
                let text = common::render(&s, 220, 70);
                let what = format!("{name} landscape {i} {}", lang.code());
                problems.extend(check(&what, &text, lang, true));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checker_finds_what_it_looks_for() {
    // The checks above must be able to fail.
    assert!(!check("x", "KING (seed 000_500cc8825a961840.txt)", Lang::Nl, false).is_empty());
    assert!(!check("x", "zie DOMAIN.md", Lang::Nl, false).is_empty());
    assert!(!check("x", "Rijksbreed cloudbeleid — reference", Lang::Nl, true).is_empty());
    assert!(!check("x", "Wet open overheid [bindend]", Lang::En, true).is_empty());
    assert!(
        check(
            "x",
            "Wet open overheid — bindend; verbinding",
            Lang::Nl,
            true
        )
        .is_empty()
    );
    assert!(check("x", "GDPR — binding", Lang::En, true).is_empty());
    assert_eq!(
        visible("<style>.status.binding{}</style><p class=\"status binding\">bindend</p>").trim(),
        "bindend"
    );
}

#[test]
fn the_built_in_catalogue_ties_every_number_to_a_section_or_marks_it_an_assumption() {
    let cat = built_in();
    let numbers = cat.number_bases();
    assert!(numbers.len() > 30, "{}", numbers.len());
    for (path, source, section, assumption) in numbers {
        assert!(
            assumption || (!source.is_empty() && !section.is_empty()),
            "{path}"
        );
    }
}

#[test]
fn a_number_without_a_section_or_the_assumption_mark_is_rejected() {
    let text = BUILT_IN.replacen(
        "facility_penalty = { value = 1.0, nl = \"huisvesting en fysieke toegang liggen bij het datacenter; de bron noemt geen getal\", en = \"housing and physical access are the datacenter's; the source gives no figure\", source = \"native_ssc_2022\", section = \"opties 1–5\", assumption = true }",
        "facility_penalty = { value = 1.0, nl = \"x\", en = \"x\", source = \"native_ssc_2022\" }",
        1,
    );
    assert_ne!(text, BUILT_IN, "the replaced line must exist");
    let e = parse("c.toml", &text).unwrap_err().to_string();
    assert!(
        e.contains("criteria.control.facility_penalty: the number names no source section and is not marked as an assumption"),
        "{e}"
    );
    // A plain number's basis too.
    let text = BUILT_IN.replacen(
        "section = \"§2.2\", assumption = true }\n\n[criteria.ontzorgen]",
        "section = \"\", assumption = false }\n\n[criteria.ontzorgen]",
        1,
    );
    assert_ne!(text, BUILT_IN);
    let e = parse("c.toml", &text).unwrap_err().to_string();
    assert!(
        e.contains("criteria.flexibility.per_characteristic:"),
        "{e}"
    );
}

#[test]
fn a_source_without_publisher_title_year_kind_or_checked_date_is_rejected() {
    let king = "publisher = { nl = \"Native Consulting\", en = \"Native Consulting\" }";
    let cases: [(&str, &str, &str); 5] = [
        (
            king,
            "publisher = { nl = \"\", en = \"\" }",
            "has no publisher or author",
        ),
        (
            "title = \"Heeft het gemeentelijk ICT Shared Service Center nog een toekomst?\"",
            "title = \"\"",
            "has no title",
        ),
        (
            "year = 2022\ndate = \"2022-05-13\"",
            "year = 0\ndate = \"\"",
            "0 is out of range",
        ),
        (
            "id = \"native_ssc_2022\"\nkind = \"advice\"\n",
            "id = \"native_ssc_2022\"\n",
            "kind",
        ),
        (
            "checked = \"2026-11-29\"\nnote = { nl = \"Nieuwsbriefartikel",
            "checked = \"onlangs\"\nnote = { nl = \"Nieuwsbriefartikel",
            "`onlangs` is not a date",
        ),
    ];
    for (from, to, message) in cases {
        let text = BUILT_IN.replacen(from, to, 1);
        assert_ne!(text, BUILT_IN, "{from}");
        let e = parse("c.toml", &text).unwrap_err().to_string();
        assert!(e.contains(message), "{message}: {e}");
    }
    // A missing checked date is a missing field.
    let text = BUILT_IN.replacen("checked = \"2026-11-29\"\n", "", 1);
    let e = parse("c.toml", &text).unwrap_err().to_string();
    assert!(e.contains("checked"), "{e}");
    // Every built-in source is complete.
    for s in &built_in().sources {
        assert!(
            !s.publisher.nl.is_empty() && !s.publisher.en.is_empty(),
            "{}",
            s.id
        );
        assert!(
            !s.title.is_empty() && s.year >= 1900 && s.checked.len() == 10,
            "{}",
            s.id
        );
    }
}

#[test]
fn a_cited_section_must_be_one_the_source_lists() {
    let text = BUILT_IN.replacen("section = \"§4.1\"", "section = \"§9.9\"", 1);
    let e = parse("c.toml", &text).unwrap_err().to_string();
    assert!(
        e.contains("section `§9.9` is not among the sections of"),
        "{e}"
    );
}

/// The sources chapter of the Markdown note (an annex: "## Bijlage 9. Bronnen"): from the
/// start of its heading line to the end of the note body.
fn sources_chapter(md: &str, heading: &str) -> String {
    let at = md.rfind(heading).expect("the note has a sources chapter");
    let start = md[..at].rfind('\n').map_or(0, |i| i + 1);
    let rest = &md[start..];
    let end = rest.find("\n---").unwrap_or(rest.len());
    rest[..end].to_string()
}

fn note(path: &Path, lang: Lang) -> Note {
    let cat = built_in();
    let p = profile::load(path).unwrap();
    let e = evaluate(&cat, &p).unwrap();
    Note::build(&NoteInput {
        catalogue: &cat,
        profile: &p,
        evaluation: &e,
        lang,
        form: None,
    })
    .unwrap()
}

#[test]
fn golden_source_chapter_of_the_note_in_both_languages() {
    let path = root().join("profiles/grote-gemeente.toml");
    for (lang, heading) in [(Lang::Nl, ". Bronnen\n"), (Lang::En, ". Sources\n")] {
        let md = markdown::render(&note(&path, lang));
        let chapter = sources_chapter(&md, heading);
        assert!(chapter.contains(match lang {
            Lang::Nl => "Beleid bijgewerkt tot 30 november 2026.",
            Lang::En => "Policy content checked up to 30 November 2026.",
        }));
        insta::assert_snapshot!(format!("note_sources_{}", lang.code()), chapter);
    }
}

#[test]
fn a_rule_carries_the_same_status_in_the_tui_the_cli_and_the_note() {
    let cat = built_in();
    let path = root().join("profiles/grote-gemeente.toml");
    let p = profile::load(&path).unwrap();
    let e = evaluate(&cat, &p).unwrap();
    let brp = e
        .workloads
        .iter()
        .position(|w| w.data == wolkwijzer::core::catalogue::DataClass::Brp)
        .unwrap();
    let rules = &e.workloads[brp].rules;
    // The rules on BRP data span the status scale: reference, pending, binding (the background
    // KING rule applies only under the `king_2012` stance, which this profile does not choose).
    let statuses: Vec<_> = rules.iter().map(|r| r.status).collect();
    assert!(
        !rules
            .iter()
            .any(|r| r.id == "public_cloud_non_sensitive_only")
    );
    for st in [
        wolkwijzer::core::catalogue::PolicyStatus::Reference,
        wolkwijzer::core::catalogue::PolicyStatus::Pending,
        wolkwijzer::core::catalogue::PolicyStatus::Binding,
    ] {
        assert!(statuses.contains(&st), "{st} among {statuses:?}");
    }
    for lang in [Lang::Nl, Lang::En] {
        let cli = run(&[
            "score",
            "--lang",
            lang.code(),
            "--profile",
            path.to_str().unwrap(),
        ]);
        let n = note(&path, lang);
        let mut state = wolkwijzer::tui::State::new(built_in(), p.clone(), None);
        state.lang = lang;
        common::feed(&mut state, &[Action::GoTo(8)]);
        state.cursor.landscape = brp;
        let tui = common::render(&state, 220, 70);
        for r in rules.iter().take(6) {
            let expected = cite::status(cat.status_of(&r.citations[0].source), lang);
            let primary = cite::reference(&cat, &r.citations[0], lang, Markup::Plain);
            // The core's status is the source's.
            assert_eq!(r.status, cat.status_of(&r.citations[0].source), "{}", r.id);
            // CLI: the rule's line (the rule by what it says, not its id) cites its source
            // with the status.
            let line = cli
                .lines()
                .find(|l| l.contains(&format!("{} (", r.text.get(lang))))
                .unwrap_or_else(|| panic!("{} in the CLI output", r.id));
            assert!(
                line.contains(&format!("{primary} — {expected}")),
                "CLI {}: {line}",
                r.id
            );
            // Note: the landscape's rule table.
            let nr = n
                .landscape
                .rules
                .iter()
                .find(|x| x.id == r.id)
                .unwrap_or_else(|| panic!("{} in the note", r.id));
            assert_eq!(nr.status_name, expected, "note {}", r.id);
            // TUI: the landscape panel shows the citation with its badge.
            assert!(
                tui.contains(&format!("{primary} [{expected}]")),
                "TUI {} {}: {primary} [{expected}]\n{tui}",
                r.id,
                lang.code()
            );
        }
    }
}

#[test]
fn the_why_overlay_says_for_each_number_whether_it_is_sourced_or_assumed() {
    for lang in [Lang::Nl, Lang::En] {
        let mut s = common::demo(lang);
        common::feed(&mut s, &[Action::GoTo(6)]);
        let e = s.evaluation().unwrap().clone();
        let leader = &e.ranking[0];
        for (col, cs) in leader.criteria.iter().enumerate() {
            let mut st = s.clone();
            st.cursor.cmp_row = 0;
            st.cursor.cmp_col = col;
            common::feed(&mut st, &[Action::Select]);
            let text = common::render(&st, 220, 70);
            assert!(
                text.contains(match lang {
                    Lang::Nl => "Getallen",
                    Lang::En => "Numbers",
                }),
                "{text}"
            );
            assert!(!cs.numbers.is_empty(), "{}", cs.criterion);
            for n in cs.numbers.iter() {
                let words = cite::provenance_short(&s.catalogue, &n.provenance, lang);
                let line = format!("{}: {} — {}", n.label.get(lang), n.value.get(lang), words);
                let shown: String = line.chars().take(60).collect();
                assert!(text.contains(&shown), "{shown}\n{text}");
                match &n.provenance {
                    Provenance::Assumption { .. } => assert!(words.contains(match lang {
                        Lang::Nl => "aanname van wolkwijzer",
                        Lang::En => "wolkwijzer's assumption",
                    })),
                    Provenance::Sourced { .. } => assert!(words.starts_with(match lang {
                        Lang::Nl => "bron: ",
                        Lang::En => "source: ",
                    })),
                }
            }
        }
    }
}

#[test]
fn the_continuity_explanation_names_both_positions_and_the_value_chosen() {
    let cat = built_in();
    let ssc = cat
        .candidates
        .iter()
        .find(|c| c.option == wolkwijzer::core::catalogue::PlacementOption::Ssc)
        .unwrap();
    let d = wolkwijzer::core::criteria::derive(
        &cat,
        ssc,
        wolkwijzer::core::criteria::Criterion::Continuity,
    );
    assert!(
        d.explanation.nl.contains("de bronnen verschillen"),
        "{}",
        d.explanation.nl
    );
    assert!(d.explanation.nl.contains("Native Consulting (2022)"));
    assert!(d.explanation.nl.contains("KING"));
    assert!(d.explanation.nl.contains("wolkwijzer kiest 7"));
    // Both sources are cited.
    let ids: Vec<&str> = d.sources.iter().map(|c| c.source.as_str()).collect();
    assert!(
        ids.contains(&"native_ssc_2022") && ids.contains(&"king_baten_ballast"),
        "{ids:?}"
    );
    let _ = Citation::new("", "");
}

#[test]
fn a_catalogue_of_the_old_schema_is_refused_with_what_changed() {
    let text = BUILT_IN.replacen("schema = 2", "schema = 1", 1);
    let e = parse("oud.toml", &text).unwrap_err().to_string();
    assert!(e.contains("unsupported schema 1"), "{e}");
    assert!(e.contains("(allowed: 2)"), "{e}");
}
