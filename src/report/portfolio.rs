//! The application portfolio as text: a list (table, Markdown, JSON, CSV) and the roadmap.
//! Pure functions of the placed portfolio; the CSV is what Dutch Excel opens (`;`, a BOM and
//! decimal commas in Dutch) and what `portfolio import` reads back.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::core::catalogue::{CandidateKey, Catalogue};
use crate::core::portfolio::place::{Exception, PortfolioPlacement};
use crate::core::portfolio::roadmap::{MoveBasis, Roadmap};
use crate::core::portfolio::{Application, BivLevel, ClassSource, Hosting, Portfolio, Region};
use crate::core::text::Lang;
use crate::i18n::{PortfolioStrings, portfolio_strings};
use crate::io::portfolio::columns::Field;
use crate::report::doc::Block;
use crate::report::number;

/// Everything a portfolio view needs.
#[derive(Debug, Clone, Copy)]
pub struct PortfolioView<'a> {
    pub catalogue: &'a Catalogue,
    pub portfolio: &'a Portfolio,
    pub placement: &'a PortfolioPlacement,
    pub roadmap: &'a Roadmap,
    pub lang: Lang,
}

impl<'a> PortfolioView<'a> {
    pub fn s(&self) -> &'static PortfolioStrings {
        portfolio_strings(self.lang)
    }

    /// The candidate's name, or "not placed".
    pub fn placement_name(&self, key: Option<CandidateKey>) -> String {
        match key {
            Some(k) => self.catalogue.candidate_name(k, self.lang),
            None => self.s().not_placed.to_string(),
        }
    }

    /// The data class of application `i` as the room reads it, or "unclassified".
    pub fn class_name(&self, i: usize) -> String {
        match self.placement.apps[i].classified.data {
            Some(d) => d.name().get(self.lang).to_string(),
            None => self.s().unclassified.to_string(),
        }
    }

    /// Where the class came from: "file", "reference component (X)", ….
    pub fn class_source(&self, i: usize) -> String {
        let s = self.s();
        match &self.placement.apps[i].classified.source {
            ClassSource::File => s.from_file.to_string(),
            ClassSource::Flags => s.from_flags.to_string(),
            ClassSource::Component { component } => format!("{} ({component})", s.from_component),
            ClassSource::Unclassified => s.unclassified.to_string(),
        }
    }

    /// Today's hosting in words.
    pub fn hosting_name(&self, h: Hosting) -> &'static str {
        let s = self.s();
        match h {
            Hosting::OnPremises => s.on_premises,
            Hosting::Saas => s.saas,
            Hosting::Hosted => s.hosted,
        }
    }

    /// The move of application `i`: its date, "stays", or empty.
    pub fn move_text(&self, i: usize) -> String {
        if self.placement.apps[i].stays {
            return self.s().stays.to_string();
        }
        self.roadmap
            .moves
            .iter()
            .find(|m| m.app == i)
            .map(|m| date(m.date, self.lang))
            .unwrap_or_default()
    }

    /// One exception in words.
    pub fn exception_text(&self, e: &Exception) -> String {
        let s = self.s();
        match e {
            Exception::Unclassified => s.exc_unclassified.to_string(),
            Exception::UnknownComponents { components } => {
                format!("{}: {}", s.exc_unknown_components, components.join(", "))
            }
            Exception::NoCandidate => s.exc_no_candidate.to_string(),
            Exception::DataOutsideEea { location } => {
                format!("{} ({})", s.exc_outside_eea, region(*location))
            }
            Exception::NonEuJurisdiction { jurisdiction } => {
                format!("{} ({})", s.exc_non_eu_jurisdiction, region(*jurisdiction))
            }
            Exception::CriticalOnPublic => s.exc_critical_on_public.to_string(),
            Exception::DigidMoves => s.exc_digid_moves.to_string(),
            Exception::NoContractEnd => s.exc_no_contract_end.to_string(),
            Exception::UnknownCollaboration { name } => {
                format!("{}: {name}", s.exc_unknown_collaboration)
            }
        }
    }

    /// All exceptions of application `i`, joined.
    pub fn exceptions_text(&self, i: usize) -> String {
        self.placement.apps[i]
            .exceptions
            .iter()
            .map(|e| self.exception_text(e))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The portfolio's yearly cost (the software part of a baseline).
    pub fn total_cost(&self) -> Decimal {
        self.portfolio.yearly_cost().unwrap_or(Decimal::MAX)
    }
}

/// A date as the language writes it: `31-03-2027` (Dutch) or `2027-03-31`.
pub fn date(d: crate::core::portfolio::Date, lang: Lang) -> String {
    match lang {
        Lang::Nl => d.dutch(),
        Lang::En => d.iso(),
    }
}

/// A region's short name (NL, EU, US, elsewhere).
pub fn region(r: Region) -> &'static str {
    match r {
        Region::Nl => "NL",
        Region::Eu => "EU",
        Region::Us => "US",
        Region::Elsewhere => "elders/elsewhere",
    }
}

fn pad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n > w {
        let mut t: String = s.chars().take(w.saturating_sub(1)).collect();
        t.push('…');
        t
    } else {
        format!("{s}{}", " ".repeat(w - n))
    }
}

/// The list as a plain-text table: counts per placement, then one line per application.
pub fn table(v: &PortfolioView<'_>) -> String {
    let s = v.s();
    let mut out = format!(
        "{} — {} {}\n\n{}\n",
        s.title,
        number::integer(v.portfolio.applications.len() as u64, v.lang),
        s.applications,
        s.per_placement
    );
    for (k, n) in v.placement.counts() {
        out.push_str(&format!(
            "  {:>5}  {}\n",
            number::integer(n as u64, v.lang),
            v.placement_name(k)
        ));
    }
    out.push_str(&format!(
        "\n{}: {}\n\n",
        s.total_cost,
        number::money(v.total_cost(), v.lang)
    ));
    let head = [
        (s.package, 26),
        (s.owner, 14),
        (s.data_class, 18),
        (s.today, 12),
        (s.placement, 34),
        (s.move_date, 12),
    ];
    let line: Vec<String> = head.iter().map(|(h, w)| pad(h, *w)).collect();
    out.push_str(line.join(" ").trim_end());
    out.push_str(&format!(" {}\n", s.exceptions));
    for (i, a) in v.portfolio.applications.iter().enumerate() {
        let cells = [
            pad(&a.package, 26),
            pad(&a.owner, 14),
            pad(&v.class_name(i), 18),
            pad(v.hosting_name(a.hosting), 12),
            pad(&v.placement_name(v.placement.apps[i].key), 34),
            pad(&v.move_text(i), 12),
        ];
        let exc = v.exceptions_text(i);
        let row = format!("{} {}", cells.join(" "), exc);
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

/// The list in Markdown: the note chapter followed by the annex with every application.
pub fn markdown(v: &PortfolioView<'_>) -> String {
    let mut blocks = crate::report::note::portfolio::portfolio_chapter(v);
    blocks.extend(crate::report::note::portfolio::portfolio_annex(v));
    crate::report::note::portfolio::markdown(&blocks)
}

#[derive(Serialize)]
struct JsonApp<'a> {
    #[serde(flatten)]
    app: &'a Application,
    class: Option<crate::core::catalogue::DataClass>,
    class_source: &'a ClassSource,
    critical: bool,
    placement: Option<String>,
    stays: bool,
    move_date: Option<String>,
    notice_deadline: Option<String>,
    exceptions: &'a [Exception],
    reason: Option<&'a str>,
    rules: Vec<&'a str>,
}

/// The list and roadmap as JSON (ids, ISO dates, amounts as strings).
pub fn json(v: &PortfolioView<'_>) -> String {
    let apps: Vec<JsonApp<'_>> = v
        .portfolio
        .applications
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let p = &v.placement.apps[i];
            let m = v.roadmap.moves.iter().find(|m| m.app == i);
            let reason = v.placement.reason(i);
            JsonApp {
                app: a,
                class: p.classified.data,
                class_source: &p.classified.source,
                critical: p.critical,
                placement: p.key.map(|k| k.id()),
                stays: p.stays,
                move_date: m.map(|m| m.date.iso()),
                notice_deadline: m.map(|m| m.notice_deadline.iso()),
                exceptions: &p.exceptions,
                reason: reason.map(|r| r.explanation.get(v.lang)),
                rules: reason
                    .map(|r| r.rules.iter().map(|x| x.id.as_str()).collect())
                    .unwrap_or_default(),
            }
        })
        .collect();
    let counts: Vec<serde_json::Value> = v
        .placement
        .counts()
        .into_iter()
        .map(|(k, n)| serde_json::json!({ "placement": k.map(|k| k.id()), "count": n }))
        .collect();
    let doc = serde_json::json!({
        "applications": apps,
        "counts": counts,
        "yearly_cost": v.total_cost().to_string(),
        "roadmap": v.roadmap,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

fn level(l: Option<BivLevel>, lang: Lang) -> &'static str {
    match (l, lang) {
        (None, _) => "",
        (Some(BivLevel::Low), Lang::Nl) => "laag",
        (Some(BivLevel::Medium), Lang::Nl) => "midden",
        (Some(BivLevel::High), Lang::Nl) => "hoog",
        (Some(l), Lang::En) => l.id(),
    }
}

fn yes(b: bool, lang: Lang) -> &'static str {
    match (b, lang) {
        (true, Lang::Nl) => "ja",
        (false, Lang::Nl) => "nee",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    }
}

/// An application's cell for a field, in the form `portfolio import` reads back.
fn cell(a: &Application, f: Field, lang: Lang) -> String {
    match f {
        Field::Package => a.package.clone(),
        Field::Supplier => a.supplier.clone(),
        Field::Version => a.version.clone(),
        Field::Components => a.components.join(", "),
        Field::DataClass => a.data.map(|d| d.id().to_string()).unwrap_or_default(),
        Field::Biv => String::new(),
        Field::Availability => level(a.biv.availability, lang).into(),
        Field::Integrity => level(a.biv.integrity, lang).into(),
        Field::Confidentiality => level(a.biv.confidentiality, lang).into(),
        Field::Bsn => yes(a.bsn, lang).into(),
        Field::Special => yes(a.special, lang).into(),
        Field::Wpg => yes(a.wpg, lang).into(),
        Field::Digid => yes(a.digid, lang).into(),
        Field::Hosting => match a.hosting {
            Hosting::OnPremises => "on-premises",
            Hosting::Saas => "SaaS",
            Hosting::Hosted => "hosted",
        }
        .into(),
        Field::Location => a.location.map(region_cell).unwrap_or_default().into(),
        Field::Jurisdiction => a.jurisdiction.map(region_cell).unwrap_or_default().into(),
        Field::SaasAvailable => yes(a.saas_available, lang).into(),
        Field::ContractEnd => a.contract_end.map(|d| d.iso()).unwrap_or_default(),
        Field::Notice => a.notice_months.to_string(),
        // Plain, ungrouped, with the language's decimal separator: Excel reads it as a number.
        Field::Cost => {
            let plain = a.yearly_cost.normalize().to_string();
            match lang {
                Lang::Nl => plain.replace('.', ","),
                Lang::En => plain,
            }
        }
        Field::Owner => a.owner.clone(),
        Field::Collaboration => a.collaboration.clone().unwrap_or_default(),
    }
}

fn region_cell(r: Region) -> &'static str {
    match r {
        Region::Nl => "NL",
        Region::Eu => "EU",
        Region::Us => "US",
        Region::Elsewhere => "elsewhere",
    }
}

/// A CSV field with `sep` as separator: neutralised like every CSV export
/// (`core::safe_text::csv_cell`), quoted when needed.
fn csv_field(s: &str, sep: char) -> String {
    let s = crate::core::safe_text::csv_cell(s);
    if s.contains([sep, '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The list as CSV: every imported column (so `portfolio import` reads it back as the same
/// portfolio), then the derived ones. Dutch: `;`, a BOM and decimal commas (Dutch Excel);
/// English: `,`.
pub fn csv(v: &PortfolioView<'_>) -> String {
    let (sep, bom) = match v.lang {
        Lang::Nl => (';', "\u{feff}"),
        Lang::En => (',', ""),
    };
    let s = v.s();
    let fields: Vec<Field> = Field::ALL
        .into_iter()
        .filter(|f| *f != Field::Biv)
        .collect();
    let mut head: Vec<String> = fields
        .iter()
        .map(|f| match v.lang {
            Lang::Nl => f.header().0,
            Lang::En => f.header().1,
        })
        .map(str::to_string)
        .collect();
    let derived = match v.lang {
        Lang::Nl => [
            "Bepaalde klasse",
            "Klasse uit",
            "Geplaatst op",
            "Verhuisdatum",
            "Opzeggen uiterlijk",
            "Uitzonderingen",
        ],
        Lang::En => [
            "Resolved class",
            "Class from",
            "Placed on",
            "Move date",
            "Give notice by",
            "Exceptions",
        ],
    };
    head.extend(derived.iter().map(|h| h.to_string()));
    let mut out = String::from(bom);
    let row = |cells: &[String]| -> String {
        cells
            .iter()
            .map(|c| csv_field(c, sep))
            .collect::<Vec<_>>()
            .join(&sep.to_string())
            + "\r\n"
    };
    out.push_str(&row(&head));
    for (i, a) in v.portfolio.applications.iter().enumerate() {
        let p = &v.placement.apps[i];
        let m = v.roadmap.moves.iter().find(|m| m.app == i);
        let mut cells: Vec<String> = fields.iter().map(|&f| cell(a, f, v.lang)).collect();
        cells.push(v.class_name(i));
        cells.push(v.class_source(i));
        cells.push(p.key.map(|k| k.id()).unwrap_or_default());
        cells.push(if p.stays {
            s.stays.to_string()
        } else {
            m.map(|m| m.date.iso()).unwrap_or_default()
        });
        cells.push(m.map(|m| m.notice_deadline.iso()).unwrap_or_default());
        cells.push(
            p.exceptions
                .iter()
                .map(Exception::id)
                .collect::<Vec<_>>()
                .join(" "),
        );
        out.push_str(&row(&cells));
    }
    out
}

/// The short portfolio section `score` adds when the profile names a portfolio: counts per
/// placement and the applications that are not placed; `file` names the portfolio file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreSection {
    pub file: String,
    pub applications: usize,
    /// Placement id (`None`: not placed), its name, how many applications.
    pub counts: Vec<(Option<String>, String, usize)>,
    /// The packages that are not placed, sorted.
    pub unplaced: Vec<String>,
}

impl ScoreSection {
    /// The section of `v`'s placement.
    pub fn new(v: &PortfolioView<'_>, file: &str) -> ScoreSection {
        ScoreSection {
            file: file.to_string(),
            applications: v.portfolio.applications.len(),
            counts: v
                .placement
                .counts()
                .into_iter()
                .map(|(k, n)| (k.map(|k| k.id()), v.placement_name(k), n))
                .collect(),
            unplaced: v
                .placement
                .apps
                .iter()
                .zip(&v.portfolio.applications)
                .filter(|(p, _)| p.key.is_none())
                .map(|(_, a)| a.package.clone())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect(),
        }
    }

    fn heading(&self, lang: Lang) -> String {
        let s = portfolio_strings(lang);
        format!(
            "{} — {} {} ({})",
            s.title,
            number::integer(self.applications as u64, lang),
            s.applications,
            self.file
        )
    }

    /// As plain text, after the score table.
    pub fn table(&self, lang: Lang) -> String {
        let s = portfolio_strings(lang);
        let mut out = format!("\n{}\n{}\n", self.heading(lang), s.per_placement);
        for (_, name, n) in &self.counts {
            out.push_str(&format!(
                "  {:>5}  {name}\n",
                number::integer(*n as u64, lang)
            ));
        }
        if !self.unplaced.is_empty() {
            out.push_str(&format!("{}: {}\n", s.unplaced, self.unplaced.join(", ")));
        }
        out.push_str(s.score_more);
        out.push('\n');
        out
    }

    /// In Markdown, after the score.
    pub fn markdown(&self, lang: Lang) -> String {
        let s = portfolio_strings(lang);
        let esc = |t: &str| t.replace('|', "\\|");
        let mut out = format!(
            "\n## {}\n\n| {} | {} |\n|---|---:|\n",
            esc(&self.heading(lang)),
            s.placement,
            s.count
        );
        for (_, name, n) in &self.counts {
            out.push_str(&format!(
                "| {} | {} |\n",
                esc(name),
                number::integer(*n as u64, lang)
            ));
        }
        if !self.unplaced.is_empty() {
            out.push_str(&format!(
                "\n{}: {}\n",
                s.unplaced,
                esc(&self.unplaced.join(", "))
            ));
        }
        out.push_str(&format!("\n{}\n", s.score_more));
        out
    }

    /// As JSON: `file`, `applications`, `counts` (`placement` id or null, `name`, `count`),
    /// `unplaced`.
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "file": self.file,
            "applications": self.applications,
            "counts": self.counts.iter().map(|(id, name, n)| serde_json::json!({
                "placement": id, "name": name, "count": n
            })).collect::<Vec<_>>(),
            "unplaced": self.unplaced,
        })
    }
}

/// The roadmap as plain text.
pub fn roadmap_table(v: &PortfolioView<'_>) -> String {
    let blocks = crate::report::note::portfolio::roadmap_blocks(v);
    crate::report::note::portfolio::text(&blocks)
}

/// The roadmap in Markdown.
pub fn roadmap_markdown(v: &PortfolioView<'_>) -> String {
    let blocks = crate::report::note::portfolio::roadmap_blocks(v);
    crate::report::note::portfolio::markdown(&blocks)
}

/// The roadmap as JSON.
pub fn roadmap_json(v: &PortfolioView<'_>) -> String {
    serde_json::to_string_pretty(v.roadmap).unwrap_or_default() + "\n"
}

/// The roadmap as CSV: one row per move.
pub fn roadmap_csv(v: &PortfolioView<'_>) -> String {
    let (sep, bom) = match v.lang {
        Lang::Nl => (';', "\u{feff}"),
        Lang::En => (',', ""),
    };
    let s = v.s();
    let head = [
        s.year,
        s.quarter,
        s.move_date,
        s.notice_by,
        s.package,
        s.owner,
        s.placement,
        s.yearly_cost,
        s.reason,
    ];
    let mut out = String::from(bom);
    out.push_str(
        &head
            .iter()
            .map(|h| csv_field(h, sep))
            .collect::<Vec<_>>()
            .join(&sep.to_string()),
    );
    out.push_str("\r\n");
    for m in &v.roadmap.moves {
        let a = &v.portfolio.applications[m.app];
        let basis = match m.basis {
            MoveBasis::ContractEnd => s.at_contract_end,
            MoveBasis::AfterRenewal { .. } => s.after_renewal,
        };
        let cells = [
            m.date.year().to_string(),
            format!("Q{}", m.date.quarter()),
            m.date.iso(),
            m.notice_deadline.iso(),
            a.package.clone(),
            a.owner.clone(),
            v.placement.apps[m.app]
                .key
                .map(|k| k.id())
                .unwrap_or_default(),
            cell(a, Field::Cost, v.lang),
            basis.to_string(),
        ];
        out.push_str(
            &cells
                .iter()
                .map(|c| csv_field(c, sep))
                .collect::<Vec<_>>()
                .join(&sep.to_string()),
        );
        out.push_str("\r\n");
    }
    out
}

/// Blocks are re-exported for the note chapter's callers.
pub type Blocks = Vec<Block>;
