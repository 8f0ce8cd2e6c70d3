//! The `portfolio` command (issue 16): `portfolio import FILE` reports what a file holds and
//! every problem in it; `portfolio [--profile P] [--file F] [--view list|roadmap] --format …`
//! places every application and shows the list or the roadmap.

use std::collections::BTreeMap;
use std::path::Path;

use super::{EXIT_INVALID, Format, Outcome, PortfolioAction, PortfolioShow};
use crate::core::catalogue::Catalogue;
use crate::core::portfolio::place::{PortfolioPlacement, place_all};
use crate::core::portfolio::roadmap::{Roadmap, roadmap};
use crate::core::portfolio::{ClassSource, ComponentTable, Date, classify};
use crate::core::profile::Profile;
use crate::core::scoring;
use crate::core::text::Lang;
use crate::i18n::portfolio_strings;
use crate::io::portfolio::{self as io_portfolio, Imported, columns};
use crate::io::{InputError, InputErrors, profile};
use crate::report::number;
use crate::report::portfolio::{self as view, PortfolioView};

/// Today's date from the system clock (UTC); 2000-01-01 if the clock is outside the supported
/// years (then `--as-of` gives the date).
pub fn today() -> Date {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0);
    i64::try_from(days)
        .ok()
        .and_then(Date::from_days)
        .unwrap_or(Date::Y2K)
}

/// Parses `--as-of`.
fn as_of_arg(arg: Option<&str>) -> Result<Date, String> {
    match arg {
        None => Ok(today()),
        Some(s) => match columns::date(s, crate::core::text::Lang::En) {
            Ok(Some(d)) => Ok(d),
            Ok(None) | Err(_) => Err(format!(
                "--as-of: `{}` is not a date (allowed: YYYY-MM-DD)",
                crate::io::error::cut(s)
            )),
        },
    }
}

/// A profile with its portfolio, placed.
pub struct Placed {
    pub profile: Profile,
    pub imported: Imported,
    pub placement: PortfolioPlacement,
}

/// Loads the profile (or the demo) and its portfolio (or `file`), and places every application.
pub fn load_and_place(
    cat: &Catalogue,
    profile_path: Option<&Path>,
    file: Option<&Path>,
    table: &ComponentTable,
    lang: Lang,
) -> Result<Placed, InputErrors> {
    let p = match profile_path {
        Some(path) => profile::load_with(path, cat)?,
        None => profile::demo(),
    };
    let imported = match (file, &p.portfolio) {
        (Some(f), _) => io_portfolio::load_in(f, lang)?,
        (None, Some(name)) => io_portfolio::for_profile_in(profile_path, name, lang)?,
        (None, None) => {
            let name =
                profile_path.map_or(profile::DEMO_NAME.to_string(), |p| p.display().to_string());
            return Err(InputError::file(&name, "the profile names no portfolio")
                .field("portfolio")
                .allowed("portfolio = \"apps.csv\" (a CSV or XLSX file, relative to the profile), or give --file")
                .into());
        }
    };
    let placement = place_with(cat, &p, table, &imported)?;
    Ok(Placed {
        profile: p,
        imported,
        placement,
    })
}

fn place_with(
    cat: &Catalogue,
    p: &Profile,
    table: &ComponentTable,
    imported: &Imported,
) -> Result<PortfolioPlacement, InputErrors> {
    let ev = scoring::evaluate(cat, p)
        .map_err(|e| InputErrors(vec![InputError::file("profile", e.to_string())]))?;
    Ok(place_all(
        cat,
        p,
        &ev,
        table,
        &imported.portfolio.applications,
    ))
}

fn failed(msg: String) -> Outcome {
    Outcome {
        stdout: String::new(),
        stderr: format!("{msg}\n"),
        code: EXIT_INVALID,
    }
}

/// Runs `portfolio`.
#[allow(clippy::too_many_arguments)]
pub fn run(
    cat: &Catalogue,
    action: Option<&PortfolioAction>,
    profile_path: Option<&Path>,
    file: Option<&Path>,
    show: PortfolioShow,
    format: Format,
    as_of: Option<&str>,
    lang: Lang,
) -> Outcome {
    let table = io_portfolio::components::built_in();
    if let Some(PortfolioAction::Import { file }) = action {
        return match io_portfolio::load_in(file, lang) {
            Ok(imported) => Outcome::ok(import_summary(
                &file.display().to_string(),
                &imported,
                &table,
                lang,
            )),
            Err(e) => Outcome::invalid(&e),
        };
    }
    let as_of = match as_of_arg(as_of) {
        Ok(d) => d,
        Err(e) => return failed(e),
    };
    let placed = match load_and_place(cat, profile_path, file, &table, lang) {
        Ok(p) => p,
        Err(e) => return Outcome::invalid(&e),
    };
    let road: Roadmap = roadmap(
        &placed.imported.portfolio.applications,
        &placed.placement,
        as_of,
    );
    let v = PortfolioView {
        catalogue: cat,
        portfolio: &placed.imported.portfolio,
        placement: &placed.placement,
        roadmap: &road,
        lang,
    };
    Outcome::ok(match (show, format) {
        (PortfolioShow::List, Format::Table) => view::table(&v),
        (PortfolioShow::List, Format::Markdown) => view::markdown(&v),
        (PortfolioShow::List, Format::Json) => view::json(&v),
        (PortfolioShow::List, Format::Csv) => view::csv(&v),
        (PortfolioShow::Roadmap, Format::Table) => view::roadmap_table(&v),
        (PortfolioShow::Roadmap, Format::Markdown) => view::roadmap_markdown(&v),
        (PortfolioShow::Roadmap, Format::Json) => view::roadmap_json(&v),
        (PortfolioShow::Roadmap, Format::Csv) => view::roadmap_csv(&v),
    })
}

/// What `portfolio import` prints: how the file was read, the classes and where they came
/// from, the defaults used for missing columns, unknown columns and reference components.
pub fn import_summary(
    file: &str,
    imported: &Imported,
    table: &ComponentTable,
    lang: Lang,
) -> String {
    let s = portfolio_strings(lang);
    let apps = &imported.portfolio.applications;
    let mut out = format!(
        "{}: {} {} — {file} ({} {})\n",
        s.import_ok,
        number::integer(apps.len() as u64, lang),
        s.applications,
        s.read_as,
        imported.dialect
    );
    if imported.empty_rows > 0 {
        out.push_str(&format!("  {} {}\n", imported.empty_rows, s.empty_rows));
    }
    let mut by_source: BTreeMap<u8, usize> = BTreeMap::new();
    let mut unknown: BTreeMap<String, usize> = BTreeMap::new();
    for a in apps {
        let c = classify(a, table);
        let k = match c.source {
            ClassSource::File => 0,
            ClassSource::Flags => 1,
            ClassSource::Component { .. } => 2,
            ClassSource::Unclassified => 3,
        };
        *by_source.entry(k).or_default() += 1;
        for u in c.unknown_components {
            *unknown.entry(u).or_default() += 1;
        }
    }
    out.push_str(&format!("\n{}:\n", s.class_from));
    for (k, n) in by_source {
        let label = match k {
            0 => s.from_file,
            1 => s.from_flags,
            2 => s.from_component,
            _ => s.unclassified,
        };
        out.push_str(&format!(
            "  {:>6}  {label}\n",
            number::integer(n as u64, lang)
        ));
    }
    let cost = imported.portfolio.yearly_cost().unwrap_or_default();
    out.push_str(&format!(
        "\n{}: {}\n",
        s.total_cost,
        number::money(cost, lang)
    ));
    if !imported.missing.is_empty() {
        out.push_str(&format!("\n{}:\n", s.missing_columns));
        for f in &imported.missing {
            let (h, d) = match lang {
                Lang::Nl => (f.header().0, f.default_note().0),
                Lang::En => (f.header().1, f.default_note().1),
            };
            out.push_str(&format!("  {h}: {d}\n"));
        }
    }
    if !imported.unknown_columns.is_empty() {
        out.push_str(&format!(
            "\n{}: {}\n",
            s.unknown_columns,
            imported.unknown_columns.join(", ")
        ));
    }
    if !unknown.is_empty() {
        out.push_str(&format!("\n{}:\n", s.unknown_components));
        for (c, n) in unknown {
            out.push_str(&format!(
                "  {c} ({} {})\n",
                number::integer(n as u64, lang),
                s.applications
            ));
        }
    }
    out
}

/// `score` with the profile's portfolio: the score text `text` in `format` followed by the
/// portfolio section (counts per placement, applications not placed); JSON gets a `portfolio`
/// key. Unchanged when the profile names no portfolio, and for CSV (one table, no sections).
/// A portfolio file that cannot be imported does not hide the score: the section says so and
/// every problem goes to standard error (exit code 0, the score itself is sound).
pub fn with_score_section(
    cat: &Catalogue,
    profile: &Profile,
    profile_path: Option<&Path>,
    format: Format,
    lang: Lang,
    text: String,
) -> Outcome {
    let Some(name) = &profile.portfolio else {
        return Outcome::ok(text);
    };
    if format == Format::Csv {
        return Outcome::ok(text);
    }
    let table = io_portfolio::components::built_in();
    let placed = io_portfolio::for_profile_in(profile_path, name, lang).and_then(|imported| {
        place_with(cat, profile, &table, &imported).map(|placement| (imported, placement))
    });
    let section = match &placed {
        Ok((imported, placement)) => {
            let road = roadmap(&imported.portfolio.applications, placement, today());
            let v = PortfolioView {
                catalogue: cat,
                portfolio: &imported.portfolio,
                placement,
                roadmap: &road,
                lang,
            };
            Ok(view::ScoreSection::new(&v, name))
        }
        Err(e) => Err(e),
    };
    let stderr = match &section {
        Ok(_) => String::new(),
        Err(e) => format!("{e}\n"),
    };
    let problems = |e: &InputErrors| {
        crate::i18n::fill(
            portfolio_strings(lang).score_unread,
            &[("file", name), ("n", &e.0.len().to_string())],
        )
    };
    let stdout = match (format, &section) {
        (Format::Table, Ok(sec)) => text + &sec.table(lang),
        (Format::Markdown, Ok(sec)) => text + &sec.markdown(lang),
        (Format::Table, Err(e)) => format!("{text}\n{}\n", problems(e)),
        (Format::Markdown, Err(e)) => format!("{text}\n{}\n", problems(e)),
        (Format::Json, _) => match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(serde_json::Value::Object(mut m)) => {
                let value = match &section {
                    Ok(sec) => sec.json(),
                    Err(e) => serde_json::json!({ "file": name, "error": problems(e) }),
                };
                m.insert("portfolio".into(), value);
                serde_json::to_string_pretty(&serde_json::Value::Object(m)).unwrap_or(text) + "\n"
            }
            _ => text,
        },
        (Format::Csv, _) => text,
    };
    Outcome {
        stdout,
        stderr,
        code: 0,
    }
}
