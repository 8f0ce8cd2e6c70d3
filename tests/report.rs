//! The decision note (`wolkwijzer report`): golden Markdown for two profiles in both languages,
//! the cross-check that every number in the HTML and Markdown is in the JSON, the chapter
//! order, the self-contained and accessible HTML, the CSV blocks, the business case chapter
//! (the same numbers as `wolkwijzer business-case --format json`, only with a
//! `[business_case]`) and the command line.
//!
//! Number normalisation of the cross-check, documented here because the test depends on it:
//! - A *token* is a maximal run of digits joined by single `.` or `,` separators, with a
//!   leading `-` when it follows a space or an opening bracket, and a trailing `%` when
//!   present. Tokens are taken from the text of the HTML (tags, the `<style>` block and
//!   attribute values removed, entities decoded) and of the Markdown.
//! - The JSON side holds every numeric value, every string that is itself a number (money is
//!   serialised as a string, e.g. `"1234.50"`), and the tokens of every other string (names,
//!   explanations and citations are in the JSON verbatim).
//! - A report token matches when it occurs verbatim among the JSON string tokens (prose the
//!   core wrote, like "score 7.19" or "§2.2"), or when it parses in the note's language style
//!   (Dutch `1.234,5`, English `1,234.5`; `report::number::parse`) to a value `v` with `d`
//!   decimals and some JSON number `x` rounds to it: `|x − v| ≤ ½·10⁻ᵈ` (for a percentage,
//!   `|100·x − v| ≤ ½·10⁻ᵈ`, since weights are fractions in the JSON).
//! - Exempt: nothing. Ranks, source numbers, the scale ends (0 and 10) and years are in the
//!   JSON too (`rank`, `number`, `scale`, the question and citations).
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use wolkwijzer::cli::{ReportFormat, render_report};
use wolkwijzer::core::scoring::evaluate;
use wolkwijzer::core::text::Lang;
use wolkwijzer::i18n::report as labels;
use wolkwijzer::io::{catalogue, profile};
use wolkwijzer::report::note::{Note, NoteInput, csv, html, json, markdown};
use wolkwijzer::report::number;

fn name(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().to_string()
}

fn note_for(path: &Path, lang: Lang) -> Note {
    common::note(path, lang)
}

fn render(path: &Path, format: ReportFormat, lang: Lang) -> String {
    let cat = catalogue::built_in();
    let p = profile::load(path).unwrap();
    render_report(&cat, &p, format, lang).unwrap()
}

fn profile_path(stem: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("profiles")
        .join(format!("{stem}.toml"))
}

// ---------------------------------------------------------------------------------------------
// Golden Markdown

#[test]
fn golden_markdown_two_profiles_both_languages() {
    for stem in ["grote-gemeente", "startersgroep"] {
        for lang in [Lang::Nl, Lang::En] {
            let text = render(&profile_path(stem), ReportFormat::Markdown, lang);
            insta::assert_snapshot!(format!("note_{stem}_{}", lang.code()), text);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Cross-check: every number in the report is in the JSON

/// Numeric tokens of a text (see the module documentation).
fn tokens(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = vec![];
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut start = i;
        if i > 0
            && chars[i - 1] == '-'
            && (i < 2 || chars[i - 2].is_whitespace() || "([".contains(chars[i - 2]))
        {
            start = i - 1;
        }
        let mut j = i;
        while j < chars.len() {
            let separator_then_digit = (chars[j] == '.' || chars[j] == ',')
                && j + 1 < chars.len()
                && chars[j + 1].is_ascii_digit();
            if chars[j].is_ascii_digit() || separator_then_digit {
                j += 1;
            } else {
                break;
            }
        }
        let mut tok: String = chars[start..j].iter().collect();
        if j < chars.len() && chars[j] == '%' {
            tok.push('%');
            j += 1;
        }
        out.push(tok);
        i = j;
    }
    out
}

/// What the JSON holds: raw string tokens and numbers.
struct JsonNumbers {
    raw: std::collections::HashSet<String>,
    values: Vec<f64>,
}

fn json_numbers(json: &str) -> JsonNumbers {
    fn walk(v: &Value, out: &mut JsonNumbers) {
        match v {
            Value::Number(n) => out.values.push(n.as_f64().unwrap()),
            Value::String(s) => {
                if let Ok(x) = s.parse::<f64>() {
                    out.values.push(x);
                }
                out.raw.extend(tokens(s));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            Value::Object(o) => o.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let v: Value = serde_json::from_str(json).unwrap();
    let mut out = JsonNumbers {
        raw: Default::default(),
        values: vec![],
    };
    walk(&v, &mut out);
    out
}

/// The report tokens that the JSON does not contain.
fn missing_numbers(report_text: &str, json: &JsonNumbers, lang: Lang) -> Vec<String> {
    let dec_sep = if lang == Lang::Nl { ',' } else { '.' };
    tokens(report_text)
        .into_iter()
        .filter(|tok| {
            if json.raw.contains(tok) {
                return false;
            }
            let Some(v) = number::parse(tok, lang) else {
                return true;
            };
            let body = tok.trim_end_matches('%');
            let decimals = body.rsplit_once(dec_sep).map(|(_, f)| f.len()).unwrap_or(0);
            let tol = 0.5 * 10f64.powi(-(decimals as i32)) + 1e-9;
            let scale = if tok.ends_with('%') { 100.0 } else { 1.0 };
            !json.values.iter().any(|x| (x * scale - v).abs() <= tol)
        })
        .collect()
}

/// The visible text of an HTML document: no tags, no style blocks (the page's and each
/// chart's), entities decoded.
fn html_text(html: &str) -> String {
    let mut without_style = String::with_capacity(html.len());
    let mut rest = html;
    while let (Some(a), Some(b)) = (rest.find("<style>"), rest.find("</style>")) {
        without_style.push_str(&rest[..a]);
        rest = &rest[b + "</style>".len()..];
    }
    without_style.push_str(rest);
    let mut text = String::with_capacity(without_style.len());
    let mut in_tag = false;
    for ch in without_style.chars() {
        match ch {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&shy;", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn tokens_and_normalisation() {
    assert_eq!(
        tokens("Totaal 7,19 en 25,0% (EUR -1.234,50) in 2027–2034, 26643-904."),
        vec!["7,19", "25,0%", "-1.234,50", "2027", "2034", "26643", "904"]
    );
    let json = json_numbers(r#"{"a": 0.25, "b": "1234.5", "c": 7.1875, "d": "score 7.19"}"#);
    assert!(missing_numbers("25,0% 1.234,50 7,19 score 7.19", &json, Lang::Nl).is_empty());
    assert!(missing_numbers("25.0% 1,234.50 7.19", &json, Lang::En).is_empty());
    // A number made up by a renderer, or rounded the wrong way, is caught.
    assert_eq!(
        missing_numbers("7,20 en 26,0%", &json, Lang::Nl),
        vec!["7,20", "26,0%"]
    );
    assert_eq!(missing_numbers("99", &json, Lang::En), vec!["99"]);
}

#[test]
fn every_number_in_html_and_markdown_is_in_the_json() {
    for path in common::shipped_profiles() {
        for lang in [Lang::Nl, Lang::En] {
            let json = json_numbers(&render(&path, ReportFormat::Json, lang));
            let html = html_text(&render(&path, ReportFormat::Html, lang));
            let md = render(&path, ReportFormat::Markdown, lang);
            for (format, text) in [("html", &html), ("markdown", &md)] {
                let missing = missing_numbers(text, &json, lang);
                assert!(
                    missing.is_empty(),
                    "{} {format} ({}): numbers not in the JSON: {missing:?}",
                    name(&path),
                    lang.code()
                );
            }
        }
    }
}

/// The business case chapter of a Markdown note (up to the next chapter).
fn business_case_chapter(md: &str, lang: Lang) -> &str {
    // The annex heading "## Bijlage 7. Businesscase" (the last mention: the annex list of the
    // "Bijlagen" chapter names it too).
    let head = format!(". {}\n", labels(lang).ch_business_case);
    let start = md.rfind(&head).expect("a business case chapter");
    let rest = &md[start + head.len()..];
    &rest[..rest.find("\n## ").unwrap_or(rest.len())]
}

#[test]
fn the_cross_check_covers_the_business_case_chapter() {
    // The chapter is full of amounts; each is one the JSON holds, and a changed amount is caught.
    for path in common::shipped_profiles() {
        for lang in [Lang::Nl, Lang::En] {
            let json = json_numbers(&render(&path, ReportFormat::Json, lang));
            let md = render(&path, ReportFormat::Markdown, lang);
            let chapter = business_case_chapter(&md, lang);
            let amounts: Vec<String> = tokens(chapter)
                .into_iter()
                .filter(|t| t.trim_start_matches('-').len() > 4)
                .collect();
            assert!(amounts.len() > 40, "{}: {amounts:?}", name(&path));
            assert!(missing_numbers(chapter, &json, lang).is_empty());
            let at = chapter.find("EUR ").expect("an amount in EUR") + "EUR ".len();
            let first = tokens(&chapter[at..]).remove(0);
            let v = number::parse(&first, lang).unwrap();
            let tampered = number::decimal(v + 1.0, 2, lang);
            assert_eq!(
                missing_numbers(&tampered, &json, lang),
                vec![tampered.clone()],
                "{}: an amount off by a euro must be caught",
                name(&path)
            );
        }
    }
}

/// A money string of the JSON as a number.
fn money(v: &Value) -> f64 {
    v.as_str()
        .unwrap_or_else(|| panic!("money is a string: {v}"))
        .parse()
        .unwrap()
}

#[test]
fn business_case_chapter_matches_the_business_case_command() {
    // The report's JSON carries the same numbers as `business-case --format json` for the
    // scenarios it shows: the yearly table, the bands, the bills and the participants.
    let cat = catalogue::built_in();
    for path in common::shipped_profiles() {
        let p = profile::load(&path).unwrap();
        let note: Value =
            serde_json::from_str(&render(&path, ReportFormat::Json, Lang::Nl)).unwrap();
        let out = bin()
            .args(["business-case", "--format", "json", "-p"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success());
        let cli: Value = serde_json::from_slice(&out.stdout).unwrap();
        let bc = &note["business_case"];
        let shown = bc["scenarios"].as_array().unwrap();
        assert!(!shown.is_empty(), "{}", name(&path));
        assert_eq!(bc["horizon"], cli["horizon"]);
        // The selection rule: the leader's scenarios when it has any, otherwise all.
        let e = evaluate(&cat, &p).unwrap();
        let leader = e.ranking[0].key.id();
        let all: Vec<&Value> = cli["scenarios"].as_array().unwrap().iter().collect();
        let of_leader: Vec<&Value> = all
            .iter()
            .copied()
            .filter(|s| s["candidate"]["id"] == leader.as_str())
            .collect();
        let expected = if of_leader.is_empty() { all } else { of_leader };
        let labels_shown: Vec<&Value> = shown.iter().map(|s| &s["label"]).collect();
        let labels_expected: Vec<&Value> = expected.iter().map(|s| &s["label"]).collect();
        assert_eq!(labels_shown, labels_expected, "{}", name(&path));
        for (n, c) in shown.iter().zip(expected) {
            assert_eq!(n["candidate"]["id"], c["candidate"]["id"]);
            let rows = c["estimate"]["rows"].as_array().unwrap();
            let years = n["years"].as_array().unwrap();
            assert_eq!(years.len(), rows.len());
            for (y, r) in years.iter().zip(rows) {
                assert_eq!(y["year"], r["year"]);
                for k in [
                    "benefits",
                    "operating_costs",
                    "investments",
                    "total_costs",
                    "cash_flow",
                    "cumulative_benefits",
                    "cumulative_costs",
                    "cumulative_cash_flow",
                ] {
                    assert_eq!(money(&y[k]), money(&r[k]), "{} {k}", name(&path));
                }
            }
            assert_eq!(n["return_year"], c["estimate"]["return_year"]);
            assert_eq!(
                money(&n["residual_book_value"]),
                money(&c["estimate"]["residual_book_value"])
            );
            for (b, cb) in n["bands"]
                .as_array()
                .unwrap()
                .iter()
                .zip(c["bands"].as_array().unwrap())
            {
                assert_eq!(b["band"], cb["band"]);
                assert_eq!(b["return_year"], cb["return_year"]);
                assert_eq!(b["delay_months"], cb["delay_months"]);
                assert_eq!(money(&b["cost_multiplier"]), money(&cb["cost_multiplier"]));
                assert_eq!(
                    money(&b["benefit_multiplier"]),
                    money(&cb["benefit_multiplier"])
                );
                let cum: Vec<f64> = b["cumulative_cash_flow"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(money)
                    .collect();
                let cli_cum: Vec<f64> = cb["table"]["rows"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| money(&r["cumulative_cash_flow"]))
                    .collect();
                assert_eq!(cum, cli_cum);
            }
            match (
                &n["allocation"],
                c.get("allocation").filter(|a| !a.is_null()),
            ) {
                (Value::Null, None) => {}
                (a, Some(ca)) => {
                    assert_eq!(a["key"], ca["key"]);
                    assert_eq!(a["tariff"], ca["tariff"]["model"]);
                    let totals: Vec<f64> = a["provider_costs"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(money)
                        .collect();
                    let cli_totals: Vec<f64> = ca["years"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|y| money(&y["total"]))
                        .collect();
                    assert_eq!(totals, cli_totals);
                    let parts = a["participants"].as_array().unwrap();
                    let cli_parts = ca["participants"].as_array().unwrap();
                    assert_eq!(parts.len(), cli_parts.len());
                    for (x, cx) in parts.iter().zip(cli_parts) {
                        assert_eq!(x["participant"], cx["municipality"]);
                        assert_eq!(money(&x["usage"]), money(&cx["usage"]));
                        let bills: Vec<f64> =
                            x["bills"].as_array().unwrap().iter().map(money).collect();
                        let cli_bills: Vec<f64> =
                            cx["bills"].as_array().unwrap().iter().map(money).collect();
                        assert_eq!(bills, cli_bills);
                        assert_eq!(
                            money(&x["final_cumulative_cash_flow"]),
                            money(&cx["final_cumulative_cash_flow"])
                        );
                        let ry = &cx["return_years"];
                        assert_eq!(
                            x["return_years"],
                            Value::Array(vec![
                                ry["favourable"].clone(),
                                ry["expected"].clone(),
                                ry["unfavourable"].clone()
                            ])
                        );
                        assert_eq!(x["loses_while_group_wins"], cx["loses_while_group_wins"]);
                    }
                }
                (a, None) => panic!("{}: allocation {a} without one in the CLI", name(&path)),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Structure

/// The chapter headings a note must have, in order: the council front matter, then the
/// annexes numbered "Bijlage 1. …" / "Annex 1. …".
pub fn chapter_headings(note: &Note, lang: Lang) -> Vec<String> {
    let t = labels(lang);
    let c = wolkwijzer::i18n::council(lang);
    let mut annexes = vec![
        if note.subject.kind == "group" {
            t.ch_subject_group
        } else {
            t.ch_subject_single
        },
        t.ch_weights,
        t.ch_ranking,
        t.ch_excluded,
        t.ch_layers,
        t.ch_landscape,
    ];
    if note.business_case.is_some() {
        annexes.push(t.ch_business_case);
    }
    annexes.push(t.ch_obstacles);
    annexes.push(t.ch_sources);
    let annex = match lang {
        Lang::Nl => "Bijlage",
        Lang::En => "Annex",
    };
    let mut v: Vec<String> = [
        c.decisions,
        c.summary,
        c.occasion,
        c.effect,
        c.arguments,
        c.caveats,
        c.finance,
        c.next_steps,
        c.annexes,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.extend(
        annexes
            .iter()
            .enumerate()
            .map(|(i, x)| format!("{annex} {}. {x}", i + 1)),
    );
    v
}

fn in_order(text: &str, needles: &[&str], prefix: &str) -> Result<(), String> {
    let mut from = 0;
    for n in needles {
        let needle = format!("{prefix}{n}");
        match text[from..].find(&needle) {
            Some(i) => from += i + needle.len(),
            None => return Err(format!("{needle:?} missing or out of order")),
        }
    }
    Ok(())
}

#[test]
fn chapters_come_in_the_agreed_order() {
    for path in common::shipped_profiles() {
        for lang in [Lang::Nl, Lang::En] {
            let note = note_for(&path, lang);
            let heads = chapter_headings(&note, lang);
            let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
            let md = markdown::render(&note);
            in_order(&md, &heads, "\n## ").unwrap_or_else(|e| panic!("{}: {e}", name(&path)));
            let h = html::render(&note);
            // The HTML has no "Bijlagen" heading: its contents list names the annexes.
            let h2: Vec<String> = heads
                .iter()
                .filter(|x| **x != wolkwijzer::i18n::council(lang).annexes)
                .map(|x| format!("{}</h2>", x.replace('\'', "&#39;")))
                .collect();
            let h2: Vec<&str> = h2.iter().map(String::as_str).collect();
            in_order(&h, &h2, "").unwrap_or_else(|e| panic!("{}: {e}", name(&path)));
            assert!(
                note.business_case.is_some(),
                "{}: every shipped profile has a business case",
                name(&path)
            );
        }
    }
}

#[test]
fn html_is_self_contained_and_accessible() {
    for path in common::shipped_profiles() {
        let h = render(&path, ReportFormat::Html, Lang::Nl);
        let lower = h.to_lowercase();
        for banned in [
            "<script", "<link", "<img", "<iframe", "@import", "url(", "src=",
        ] {
            assert!(!lower.contains(banned), "{}: {banned}", name(&path));
        }
        // The only URL is the SVG namespace.
        let urls = lower.matches("http").count();
        let ns = lower
            .matches("xmlns=\"http://www.w3.org/2000/svg\"")
            .count();
        assert_eq!(urls, ns, "{}: external references", name(&path));
        assert!(h.starts_with("<!DOCTYPE html><html lang=\"nl\">"));
        assert_eq!(h.matches("<h1>").count(), 1);
        // Every SVG is an image labelled by its own title and description.
        let svgs: Vec<&str> = h.split("<svg ").skip(1).collect();
        let scenarios = note_for(&path, Lang::Nl)
            .business_case
            .unwrap()
            .scenarios
            .len();
        assert_eq!(
            svgs.len(),
            3 + scenarios,
            "{}: ranking, layers, landscape and a cash-flow chart per scenario",
            name(&path)
        );
        for s in svgs {
            assert!(s.contains("role=\"img\""));
            let head = &s[..s.find('>').unwrap()];
            let ids = head.split("aria-labelledby=\"").nth(1).unwrap();
            let ids = &ids[..ids.find('"').unwrap()];
            let after = &s[s.find('>').unwrap() + 1..];
            assert!(after.starts_with("<title id=\""), "title first");
            for id in ids.split(' ') {
                assert!(after.contains(&format!("id=\"{id}\">")), "{id}");
            }
            let title = &after["<title id=\"".len()..];
            let title = &title[title.find('>').unwrap() + 1..title.find("</title>").unwrap()];
            assert!(!title.trim().is_empty());
        }
        // Every header cell has a scope.
        assert_eq!(h.matches("<th>").count(), 0);
        assert_eq!(h.matches("<th ").count(), h.matches("<th scope=\"").count());
        // Print rules: chapters on new pages, rows and figures not split, headers repeated.
        for rule in [
            "break-before: page",
            "break-inside: avoid",
            "display: table-header-group",
            "size: A4",
        ] {
            assert!(h.contains(rule), "{rule}");
        }
    }
}

#[test]
fn business_case_chapter_appears_only_with_data_and_in_every_format() {
    let cat = catalogue::built_in();
    let path = profile_path("startersgroep");
    let t = labels(Lang::Nl);
    let note = note_for(&path, Lang::Nl);
    let bc = note.business_case.as_ref().unwrap();
    // The starter group's leader (SSC · SaaS) has no scenario: all scenarios are shown.
    assert_eq!(bc.selection, "all");
    assert!(bc.selection_text.starts_with(t.selection_rule));
    let s = &bc.scenarios[0];
    assert_eq!(s.candidate.id, "ssc-iaas-community");
    let a = s.allocation.as_ref().unwrap();
    let md = markdown::render(&note);
    let heads = chapter_headings(&note, Lang::Nl);
    let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
    in_order(&md, &heads, "\n## ").unwrap();
    let chapter = business_case_chapter(&md, Lang::Nl);
    // The yearly table has every row of seed 003 Bijlage 1, in order.
    in_order(
        chapter,
        &[
            t.year,
            t.benefits,
            t.operating_costs,
            t.investments,
            t.total_costs,
            t.cash_flow,
            t.cumulative_benefits,
            t.cumulative_costs,
            t.cumulative_cash_flow,
        ],
        "| ",
    )
    .unwrap();
    let y1 = &s.years[0];
    assert!(chapter.contains(&format!(
        "| 1 | {} | {} |",
        number::euros(y1.benefits, Lang::Nl),
        number::euros(y1.operating_costs, Lang::Nl)
    )));
    // The return year per band, "not within the horizon" when there is none.
    for b in &s.bands {
        let year = b
            .return_year
            .map_or(t.not_within_horizon.to_string(), |y| y.to_string());
        let row = chapter
            .lines()
            .find(|l| l.starts_with(&format!("| {} | ", b.name)))
            .unwrap_or_else(|| panic!("no row for {}", b.name));
        assert!(row.contains(&format!("| {year} |")), "{row}");
    }
    assert!(s.bands.iter().any(|b| b.return_year.is_none()));
    // The losers are flagged, and only they.
    for p in &a.participants {
        let row = chapter
            .lines()
            .find(|l| l.starts_with(&format!("| {}", p.participant)) && l.contains("EUR"))
            .unwrap();
        assert_eq!(row.contains(t.loses), p.loses_while_group_wins, "{row}");
    }
    assert!(chapter.contains(&t.loses_note.replace("{names}", "Reusel-Zuid")));
    let h = html::render(&note);
    assert!(h.contains(&format!(
        "<title id=\"fig-cashflow-1-title\">{}: {}</title>",
        t.cash_flow_chart, s.label
    )));
    assert!(h.contains(r#"<polygon class="band""#), "the band is shaded");
    let marked = format!("{} {}", t.return_year, s.return_year.unwrap());
    assert!(h.contains(&marked), "the return year is marked");
    assert!(h.contains(&format!(
        r#"<th scope="row">Reusel-Zuid — <strong>{}</strong></th>"#,
        t.loses
    )));
    let c = csv::render(&note);
    assert!(c.contains("business_case_years,Samen een SSC Kempenrand,1,"));
    let row = c
        .lines()
        .find(|l| {
            l.starts_with("business_case_participants,Samen een SSC Kempenrand,Reusel-Zuid,270,")
        })
        .unwrap();
    assert!(row.ends_with(",true"), "{row}");
    let j: Value = serde_json::from_str(&json::render(&note)).unwrap();
    assert_eq!(
        j["business_case"]["scenarios"][0]["allocation"]["participants"][3]["loses_while_group_wins"],
        true
    );
    let en = markdown::render(&note_for(&path, Lang::En));
    let end = s.years.last().unwrap().cumulative_cash_flow;
    assert!(en.contains(&number::money(end, Lang::En)));
    assert!(md.contains(&number::money(end, Lang::Nl)));

    // Without a [business_case], no chapter in any format.
    let mut p = profile::load(&path).unwrap();
    p.business_case = None;
    let e = evaluate(&cat, &p).unwrap();
    let plain = Note::build(&NoteInput {
        catalogue: &cat,
        profile: &p,
        evaluation: &e,
        lang: Lang::Nl,
        form: None,
    })
    .unwrap();
    assert!(plain.business_case.is_none());
    let md = markdown::render(&plain);
    let heads = chapter_headings(&plain, Lang::Nl);
    let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
    in_order(&md, &heads, "\n## ").unwrap();
    assert!(!md.contains(&format!(". {}\n", t.ch_business_case)));
    let h = html::render(&plain);
    assert_eq!(h.matches("<svg ").count(), 3);
    assert!(!h.contains("id=\"businesscase\""));
    assert!(!csv::render(&plain).contains("business_case"));
    let plain_json: Value = serde_json::from_str(&json::render(&plain)).unwrap();
    assert!(plain_json.get("business_case").is_none());
}

#[test]
fn a_business_case_that_cannot_be_evaluated_is_an_error() {
    // Loading a profile evaluates its business case; a profile changed in code may still fail.
    let cat = catalogue::built_in();
    let mut p = profile::load(&profile_path("kleine-gemeente")).unwrap();
    p.business_case.as_mut().unwrap().municipalities.clear();
    let err = render_report(&cat, &p, ReportFormat::Html, Lang::Nl).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the business case cannot be evaluated: "),
        "{err}"
    );
}

#[test]
fn csv_has_a_block_per_table_with_its_own_header() {
    // The mid-sized municipality: its leader is an SSC, so the obstacles block has rows.
    let c = render(
        &profile_path("middelgrote-gemeente"),
        ReportFormat::Csv,
        Lang::En,
    );
    let blocks: Vec<&str> = c.split("\n\n").collect();
    let names: Vec<&str> = blocks
        .iter()
        .map(|b| {
            b.lines()
                .nth(1)
                .map(|l| l.split(',').next().unwrap())
                .unwrap_or("")
        })
        .collect();
    assert_eq!(
        names,
        [
            "subject",
            "weights",
            "ranking",
            "leaders",
            "excluded",
            "layers",
            "landscape",
            "rules",
            "business_case_scenarios",
            "business_case_years",
            "business_case_bands",
            "obstacles",
            "option_rules",
            "sources"
        ]
    );
    for b in &blocks {
        assert!(b.starts_with("table,"), "{b}");
    }
    assert!(c.contains("weights,privacy,Privacy,30,0.3"));
    assert!(c.contains("ranking,1,false,ssc-saas-community,"));
}

#[test]
fn json_holds_every_chapter() {
    let j: Value = serde_json::from_str(&render(
        &profile_path("startersgroep"),
        ReportFormat::Json,
        Lang::En,
    ))
    .unwrap();
    for key in [
        "subject",
        "weights",
        "ranking",
        "leaders",
        "excluded",
        "layers",
        "landscape",
        "business_case",
        "sources",
    ] {
        assert!(!j[key].is_null(), "{key}");
    }
    assert_eq!(j["subject"]["kind"], "group");
    // The collaboration chapter follows the leader: the mid-sized municipality's is an SSC.
    let m: Value = serde_json::from_str(&render(
        &profile_path("middelgrote-gemeente"),
        ReportFormat::Json,
        Lang::En,
    ))
    .unwrap();
    assert!(!m["collaboration"].is_null());
    assert_eq!(m["collaboration"]["form"], "public_body");
    assert_eq!(m["collaboration"]["chosen"], false);
    for s in j["sources"].as_array().unwrap() {
        assert!(
            [
                "binding",
                "self_binding",
                "reference",
                "background",
                "pending"
            ]
            .contains(&s["status"].as_str().unwrap())
        );
        for key in ["publisher", "title", "date", "checked", "kind", "document"] {
            assert!(s.get(key).is_some(), "{key}");
        }
    }
    // The background sources are the advice documents, not norms.
    let statuses: Vec<(&str, &str)> = j["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].as_str().unwrap(), s["status"].as_str().unwrap()))
        .collect();
    assert!(
        statuses.contains(&("king_cloud_ssc", "background")),
        "{statuses:?}"
    );
}

#[test]
fn a_non_collaboration_leader_has_no_obstacles() {
    // The large municipality's leader is an SSC; ruling SSCs out leaves own or hosting on top.
    let cat = catalogue::built_in();
    let mut p = profile::load(&profile_path("grote-gemeente")).unwrap();
    p.constraints
        .exclude_options
        .push(wolkwijzer::core::catalogue::PlacementOption::Ssc);
    let e = evaluate(&cat, &p).unwrap();
    let note = Note::build(&NoteInput {
        catalogue: &cat,
        profile: &p,
        evaluation: &e,
        lang: Lang::Nl,
        form: None,
    })
    .unwrap();
    assert!(["own", "colocation", "managed"].contains(&note.collaboration.option.unwrap()));
    assert_eq!(note.collaboration.form, None);
    assert!(note.collaboration.obstacles.is_empty());
    let md = markdown::render(&note);
    assert!(md.contains(labels(Lang::Nl).form_none));
}

// ---------------------------------------------------------------------------------------------
// Command line

fn bin() -> Command {
    let mut c = Command::cargo_bin("wolkwijzer").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

#[test]
fn report_command_prints_every_format() {
    for (format, marker) in [
        ("markdown", "## Bijlage 3. Ranglijst"),
        ("html", "<!DOCTYPE html>"),
        ("json", "\"leaders\""),
        ("csv", "table,criterion,name,points,share"),
    ] {
        let out = bin()
            .args([
                "report",
                "--format",
                format,
                "-p",
                "profiles/kleine-gemeente.toml",
            ])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(marker), "{format}");
        let lib = render(
            &profile_path("kleine-gemeente"),
            match format {
                "markdown" => ReportFormat::Markdown,
                "html" => ReportFormat::Html,
                "json" => ReportFormat::Json,
                _ => ReportFormat::Csv,
            },
            Lang::Nl,
        );
        assert_eq!(text, lib, "the CLI prints what the pure renderer returns");
    }
}

#[test]
fn report_command_writes_a_file_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("note.html");
    bin()
        .args(["report", "--lang", "en", "--format", "html", "-p"])
        .arg("profiles/middelgrote-gemeente.toml")
        .arg("-o")
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("<html lang=\"en\">"));
    assert!(text.contains("Hybrid landscape</h2>"));
}

#[test]
fn report_command_rejects_bad_input() {
    bin()
        .args(["report", "-p", "tests/invalid_profiles/unknown_key.toml"])
        .assert()
        .code(1);
    bin().args(["report", "--format", "pdf"]).assert().code(2);
    let dir = tempfile::tempdir().unwrap();
    bin()
        .args(["report", "-o"])
        .arg(dir.path().join("missing-dir").join("x.md"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("cannot write the report"));
}

/// `score`, `catalogue` and `business-case` are built once as a document: their text and
/// Markdown say the same numbers in the same order, for every shipped profile in both
/// languages (a per-format writer that forgot or added a number fails here).
#[test]
fn score_catalogue_and_business_case_say_the_same_in_text_and_markdown() {
    use wolkwijzer::cli::{Format, business_case, render_score};
    let cat = catalogue::built_in();
    for lang in [Lang::Nl, Lang::En] {
        let text = wolkwijzer::report::doc::text::render(
            &wolkwijzer::report::catalogue::catalogue_doc(&cat, lang),
        );
        let md = wolkwijzer::report::doc::markdown::render(
            &wolkwijzer::report::catalogue::catalogue_doc(&cat, lang),
        );
        assert!(tokens(&text).len() > 20);
        assert_eq!(tokens(&text), tokens(&md), "catalogue {lang:?}");
        for p in common::shipped_profiles() {
            let prof = profile::load(&p).unwrap();
            let what = format!("{} {lang:?}", name(&p));
            let text = render_score(&cat, &prof, Format::Table, lang).unwrap();
            let md = render_score(&cat, &prof, Format::Markdown, lang).unwrap();
            assert!(tokens(&text).len() > 50, "score {what}");
            assert_eq!(tokens(&text), tokens(&md), "score {what}");
            let text = business_case(&cat, &prof, None, None, Format::Table, lang);
            let md = business_case(&cat, &prof, None, None, Format::Markdown, lang);
            assert_eq!(text.code, md.code, "business case {what}");
            if text.code == 0 {
                assert!(tokens(&text.stdout).len() > 50, "business case {what}");
                assert_eq!(
                    tokens(&text.stdout),
                    tokens(&md.stdout),
                    "business case {what}"
                );
            }
        }
    }
}
