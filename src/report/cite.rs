//! Citations as a council member can follow them. The core hands out [`Citation`]s (a source
//! id and the sections used) and [`Provenance`]s; this module writes them in the reader's
//! language: "KING (nu VNG), *Cloud computing en shared service centra*, ca. 2012, §4.2 —
//! achtergrond" or "Verordening (EU) 2023/2854 (Dataverordening), art. 29 — bindend". Every view
//! (CLI, TUI, decision note) writes citations through these functions, so a rule carries the same
//! status everywhere.

use crate::core::catalogue::{Catalogue, Citation, Provenance, Source, SourceKind};
use crate::core::text::Lang;

/// How a title is marked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// No markup (terminal, CSV, HTML before escaping).
    Plain,
    /// The title in `*italics*`.
    Markdown,
}

/// The status word in the reader's language (one definition, in the label module).
pub use crate::report::label::status_name as status;

/// A `YYYY-MM-DD` or `YYYY-MM` date in words ("13 mei 2022"); the one implementation is
/// [`number::date`](crate::report::number::date).
pub use crate::report::number::date;

/// When a source appeared: its date in words, its year, or "ca. 2012".
pub fn when(s: &Source, lang: Lang) -> String {
    if s.approximate {
        match lang {
            Lang::Nl => format!("ca. {}", s.year),
            Lang::En => format!("about {}", s.year),
        }
    } else if !s.date.is_empty() {
        date(&s.date, lang)
    } else {
        s.year.to_string()
    }
}

/// Whether a source is cited by its title alone: a Dutch law or an EU act, whose title names
/// it in full.
pub fn cited_by_title(s: &Source) -> bool {
    matches!(s.kind, SourceKind::Law | SourceKind::EuRegulation)
}

/// The document as cited, without sections or status: "KING (nu VNG), *De baten als
/// ballast*, ca. 2012" or "Verordening (EU) 2016/679 (AVG)".
pub fn document(s: &Source, lang: Lang, markup: Markup) -> String {
    let title = match markup {
        Markup::Plain => s.title.clone(),
        Markup::Markdown => format!("*{}*", s.title),
    };
    let short = match s.short.get(lang) {
        "" => String::new(),
        x => format!(" ({x})"),
    };
    if cited_by_title(s) {
        format!("{title}{short}")
    } else {
        format!(
            "{}, {title}{short}, {}",
            s.publisher.get(lang),
            when(s, lang)
        )
    }
}

/// Sections joined for reading: "§3.3, §4.1", or with semicolons when a section has a comma
/// of its own ("Bijlage 3, stap 4; §2.7").
pub fn sections(list: &[String]) -> String {
    let sep = if list.iter().any(|s| s.contains(',')) {
        "; "
    } else {
        ", "
    };
    list.join(sep)
}

/// A citation without its status: the document and the sections used.
pub fn reference(cat: &Catalogue, c: &Citation, lang: Lang, markup: Markup) -> String {
    let Some(s) = cat.source(&c.source) else {
        return match lang {
            Lang::Nl => "onbekende bron".to_string(),
            Lang::En => "unknown source".to_string(),
        };
    };
    let doc = document(s, lang, markup);
    if c.sections.is_empty() {
        doc
    } else {
        format!("{doc}, {}", sections(&c.sections))
    }
}

/// A citation with its status: "… , §4.2 — achtergrond".
pub fn full(cat: &Catalogue, c: &Citation, lang: Lang, markup: Markup) -> String {
    format!(
        "{} — {}",
        reference(cat, c, lang, markup),
        status(cat.status_of(&c.source), lang)
    )
}

/// Several citations, each with its status, separated by semicolons.
pub fn list(cat: &Catalogue, cs: &[Citation], lang: Lang, markup: Markup) -> String {
    cs.iter()
        .map(|c| full(cat, c, lang, markup))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Where a number comes from, in words: "bron: …" or "aanname van wolkwijzer (ingegeven
/// door …)".
pub fn provenance(cat: &Catalogue, p: &Provenance, lang: Lang) -> String {
    match (p, lang) {
        (Provenance::Sourced { citation }, Lang::Nl) => {
            format!("bron: {}", full(cat, citation, lang, Markup::Plain))
        }
        (Provenance::Sourced { citation }, Lang::En) => {
            format!("source: {}", full(cat, citation, lang, Markup::Plain))
        }
        (Provenance::Assumption { context: None }, Lang::Nl) => "aanname van wolkwijzer".into(),
        (Provenance::Assumption { context: None }, Lang::En) => "wolkwijzer's assumption".into(),
        (Provenance::Assumption { context: Some(c) }, Lang::Nl) => format!(
            "aanname van wolkwijzer, ingegeven door {}",
            full(cat, c, lang, Markup::Plain)
        ),
        (Provenance::Assumption { context: Some(c) }, Lang::En) => format!(
            "wolkwijzer's assumption, informed by {}",
            full(cat, c, lang, Markup::Plain)
        ),
    }
}

/// Whether a number is sourced, in a few words: "bron: KING (nu VNG), …, §4.1 — achtergrond"
/// or "aanname van wolkwijzer" (the source that informed an assumption is listed with the
/// sources, not here).
pub fn provenance_short(cat: &Catalogue, p: &Provenance, lang: Lang) -> String {
    match (p, lang) {
        (Provenance::Assumption { .. }, Lang::Nl) => "aanname van wolkwijzer".into(),
        (Provenance::Assumption { .. }, Lang::En) => "wolkwijzer's assumption".into(),
        (Provenance::Sourced { .. }, _) => provenance(cat, p, lang),
    }
}

/// A source's age in whole years on a `YYYY-MM-DD` date (its year to that date's year).
pub fn age(s: &Source, on: &str) -> Option<u16> {
    let year: u16 = on.get(..4)?.parse().ok()?;
    year.checked_sub(s.year)
}

/// What a source list says about a source's status on the checked date, when anything was
/// uncertain.
pub fn status_note(s: &Source, lang: Lang) -> Option<&str> {
    s.status_note.as_ref().map(|n| n.get(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::catalogue::built_in;

    #[test]
    fn citations_read_as_a_council_cites_them() {
        let cat = built_in();
        assert_eq!(
            full(
                &cat,
                &Citation::new("king_cloud_ssc", "§4.2"),
                Lang::Nl,
                Markup::Markdown
            ),
            "KING (nu VNG), *Cloud computing en shared service centra*, ca. 2012, §4.2 — achtergrond"
        );
        assert_eq!(
            full(
                &cat,
                &Citation::new("data_act", "art. 29"),
                Lang::Nl,
                Markup::Plain
            ),
            "Verordening (EU) 2023/2854 (Dataverordening), art. 29 — bindend"
        );
        assert_eq!(
            full(
                &cat,
                &Citation::new("native_ssc_2022", "Flexibiliteit en schaalbaarheid"),
                Lang::En,
                Markup::Plain
            ),
            "Native Consulting, Heeft het gemeentelijk ICT Shared Service Center nog een toekomst?, 13 May 2022, Flexibiliteit en schaalbaarheid — background"
        );
    }

    #[test]
    fn dates_are_written_in_words() {
        assert_eq!(date("2022-05-13", Lang::Nl), "13 mei 2022");
        assert_eq!(date("2012-11", Lang::En), "November 2012");
        assert_eq!(date("2012", Lang::En), "2012");
    }

    #[test]
    fn a_number_says_whether_it_is_sourced_or_assumed() {
        let cat = built_in();
        let sourced = Provenance::Sourced {
            citation: Citation::new("avg", "art. 35"),
        };
        assert_eq!(
            provenance(&cat, &sourced, Lang::Nl),
            "bron: Verordening (EU) 2016/679 (AVG), art. 35 — bindend"
        );
        let assumed = Provenance::Assumption { context: None };
        assert_eq!(
            provenance(&cat, &assumed, Lang::En),
            "wolkwijzer's assumption"
        );
    }
}
