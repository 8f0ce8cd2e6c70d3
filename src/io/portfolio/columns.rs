//! The columns of a portfolio file: which headers name which field (Dutch or English, in the
//! shape of a Softwarecatalogus export plus the municipality's own columns), and how each cell
//! is read. Headers and words are matched after `core::portfolio::components::fold` (case,
//! accents, spaces and punctuation ignored).

use rust_decimal::Decimal;

use crate::core::bounds::MAX_AMOUNT;
use crate::core::catalogue::DataClass;
use crate::core::portfolio::components::fold;
use crate::core::portfolio::{BivLevel, Date, Hosting, MAX_NOTICE_MONTHS, Region};
use crate::core::text::Lang;
use crate::i18n::{fill, portfolio_import};

/// A field of an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Package,
    Supplier,
    Version,
    Components,
    DataClass,
    Biv,
    Availability,
    Integrity,
    Confidentiality,
    Bsn,
    Special,
    Wpg,
    Digid,
    Hosting,
    Location,
    Jurisdiction,
    SaasAvailable,
    ContractEnd,
    Notice,
    Cost,
    Owner,
    /// The profile collaboration (SSC, host municipality) the application runs at today.
    Collaboration,
}

impl Field {
    /// Every field, in the order of an export.
    pub const ALL: [Field; 22] = [
        Field::Package,
        Field::Supplier,
        Field::Version,
        Field::Components,
        Field::DataClass,
        Field::Biv,
        Field::Availability,
        Field::Integrity,
        Field::Confidentiality,
        Field::Bsn,
        Field::Special,
        Field::Wpg,
        Field::Digid,
        Field::Hosting,
        Field::Location,
        Field::Jurisdiction,
        Field::SaasAvailable,
        Field::ContractEnd,
        Field::Notice,
        Field::Cost,
        Field::Owner,
        Field::Collaboration,
    ];

    /// The header an export writes: Dutch (Softwarecatalogus style) and English.
    pub fn header(self) -> (&'static str, &'static str) {
        match self {
            Field::Package => ("Pakket", "Package"),
            Field::Supplier => ("Leverancier", "Supplier"),
            Field::Version => ("Pakketversie", "Version"),
            Field::Components => ("Referentiecomponenten", "Reference components"),
            Field::DataClass => ("Gegevensklasse", "Data class"),
            Field::Biv => ("BIV", "BIV classification"),
            Field::Availability => ("Beschikbaarheid", "Availability"),
            Field::Integrity => ("Integriteit", "Integrity"),
            Field::Confidentiality => ("Vertrouwelijkheid", "Confidentiality"),
            Field::Bsn => ("BSN", "BSN"),
            Field::Special => ("Bijzondere persoonsgegevens", "Special categories"),
            Field::Wpg => ("Wpg", "Police data (Wpg)"),
            Field::Digid => ("DigiD", "DigiD connected"),
            Field::Hosting => ("Hostingvorm", "Hosting"),
            Field::Location => ("Hostinglocatie", "Hosting location"),
            Field::Jurisdiction => ("Jurisdictie", "Jurisdiction"),
            Field::SaasAvailable => ("SaaS beschikbaar", "SaaS available"),
            Field::ContractEnd => ("Einddatum contract", "Contract end"),
            Field::Notice => ("Opzegtermijn (maanden)", "Notice period (months)"),
            Field::Cost => ("Kosten per jaar", "Yearly cost"),
            Field::Owner => ("Eigenaar", "Owner"),
            Field::Collaboration => ("Samenwerking", "Collaboration"),
        }
    }

    /// Every header accepted for the field, folded.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Package => &[
                "pakket",
                "pakketnaam",
                "package",
                "application",
                "applicatie",
                "applicatienaam",
                "naam",
                "name",
            ],
            Field::Supplier => &["leverancier", "supplier", "vendor"],
            Field::Version => &["pakketversie", "versie", "version", "packageversion"],
            Field::Components => &[
                "referentiecomponenten",
                "referentiecomponent",
                "referencecomponents",
                "referencecomponent",
                "gemmareferentiecomponenten",
                "gemmacomponents",
            ],
            Field::DataClass => &[
                "gegevensklasse",
                "dataklasse",
                "classificatie",
                "gegevensclassificatie",
                "dataclass",
                "dataclassification",
            ],
            Field::Biv => &[
                "biv",
                "bivclassificatie",
                "bivclassification",
                "bivclassificatiebiv",
            ],
            Field::Availability => &["beschikbaarheid", "availability"],
            Field::Integrity => &["integriteit", "integrity"],
            Field::Confidentiality => &["vertrouwelijkheid", "confidentiality"],
            Field::Bsn => &["bsn", "bsnverwerking", "processesbsn"],
            Field::Special => &[
                "bijzonderepersoonsgegevens",
                "bijzonderecategorieen",
                "specialcategories",
                "specialcategoriesofpersonaldata",
            ],
            Field::Wpg => &[
                "wpg",
                "politiegegevens",
                "policedata",
                "policedatawpg",
                "wpggegevens",
            ],
            Field::Digid => &[
                "digid",
                "digidaansluiting",
                "digidgekoppeld",
                "digidconnected",
            ],
            Field::Hosting => &[
                "hostingvorm",
                "hosting",
                "huidigehosting",
                "hostingtoday",
                "hostingform",
            ],
            Field::Location => &[
                "hostinglocatie",
                "locatie",
                "datalocatie",
                "location",
                "hostinglocation",
                "datalocation",
            ],
            Field::Jurisdiction => &["jurisdictie", "jurisdiction"],
            Field::SaasAvailable => &["saasbeschikbaar", "saasmogelijk", "saasavailable"],
            Field::ContractEnd => &[
                "einddatumcontract",
                "contracteinde",
                "einddatum",
                "contractend",
                "contractenddate",
                "enddate",
            ],
            Field::Notice => &[
                "opzegtermijnmaanden",
                "opzegtermijn",
                "noticeperiodmonths",
                "noticeperiod",
                "noticemonths",
            ],
            Field::Cost => &[
                "kostenperjaar",
                "jaarlijksekosten",
                "jaarkosten",
                "kosten",
                "yearlycost",
                "annualcost",
                "costperyear",
                "cost",
            ],
            Field::Owner => &["eigenaar", "afdeling", "owner", "department"],
            Field::Collaboration => &[
                "samenwerking",
                "samenwerkingsverband",
                "collaboration",
                "sharedservicecenter",
            ],
        }
    }

    /// The field a header names, if any.
    pub fn from_header(header: &str) -> Option<Field> {
        let f = fold(header);
        Field::ALL
            .into_iter()
            .find(|fl| fl.aliases().contains(&f.as_str()))
    }

    /// What an absent column means, in the import summary (Dutch, English).
    pub fn default_note(self) -> (&'static str, &'static str) {
        match self {
            Field::Package => ("verplicht", "required"),
            Field::Supplier | Field::Version | Field::Owner => ("leeg", "empty"),
            Field::Components => ("geen referentiecomponenten", "no reference components"),
            Field::DataClass => (
                "klasse uit vlaggen en referentiecomponenten; anders ongeclassificeerd",
                "class from the flags and reference components; otherwise unclassified",
            ),
            Field::Biv | Field::Availability | Field::Integrity | Field::Confidentiality => (
                "BIV uit de referentiecomponenten",
                "BIV from the reference components",
            ),
            Field::Bsn | Field::Special | Field::Wpg | Field::Digid => ("nee", "no"),
            Field::Hosting => ("on-premises (aanname)", "on-premises (assumed)"),
            Field::Location | Field::Jurisdiction => ("onbekend", "unknown"),
            Field::SaasAvailable => ("nee", "no"),
            Field::ContractEnd => (
                "geen datum: verhuizing niet te plannen",
                "no date: the move cannot be planned",
            ),
            Field::Notice => ("3 maanden (aanname)", "3 months (assumed)"),
            Field::Cost => ("0", "0"),
            Field::Collaboration => ("geen samenwerking", "no collaboration"),
        }
    }
}

/// How numbers are written in the file: Dutch (`1.234,50`, what a `;` CSV from Dutch Excel
/// holds) or English (`1,234.50`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    Dutch,
    English,
}

/// A cell that cannot be read: what is wrong and what is allowed.
pub type CellError = (String, String);

fn bad(what: impl Into<String>, allowed: impl Into<String>) -> CellError {
    (what.into(), allowed.into())
}

/// Yes or no; empty is no.
pub fn yes_no(cell: &str, lang: Lang) -> Result<bool, CellError> {
    let t = portfolio_import(lang);
    match fold(cell).as_str() {
        "" | "nee" | "n" | "no" | "false" | "onwaar" | "0" => Ok(false),
        "ja" | "j" | "yes" | "y" | "true" | "waar" | "1" | "x" => Ok(true),
        _ => Err(bad(t.not_yes_no, t.yes_no_allowed)),
    }
}

/// A data class; `None` when empty.
pub fn data_class(cell: &str, lang: Lang) -> Result<Option<DataClass>, CellError> {
    let t = portfolio_import(lang);
    Ok(Some(match fold(cell).as_str() {
        "" => return Ok(None),
        "openbaar" | "public" => DataClass::Public,
        "intern" | "internal" => DataClass::Internal,
        "persoonsgegevens" | "personal" | "personaldata" => DataClass::Personal,
        "brp" | "brpgegevens" | "brpdata" => DataClass::Brp,
        "bijzonder" | "bijzonderepersoonsgegevens" | "special" | "specialcategories" => {
            DataClass::Special
        }
        _ => {
            return Err(bad(t.not_data_class, t.data_class_allowed));
        }
    }))
}

fn level_word(f: &str) -> Option<Option<BivLevel>> {
    Some(Some(match f {
        "" => return Some(None),
        "laag" | "low" | "l" | "1" => BivLevel::Low,
        "midden" | "middel" | "gemiddeld" | "medium" | "m" | "2" => BivLevel::Medium,
        "hoog" | "high" | "h" | "3" => BivLevel::High,
        _ => return None,
    }))
}

/// One BIV level; `None` when empty.
pub fn level(cell: &str, lang: Lang) -> Result<Option<BivLevel>, CellError> {
    let t = portfolio_import(lang);
    level_word(&fold(cell)).ok_or_else(|| bad(t.not_level, t.levels_allowed))
}

/// A combined BIV cell, availability-integrity-confidentiality: `3-2-2`, `H/M/M`, `hoog, midden,
/// laag`; empty is unknown.
pub fn biv(cell: &str, lang: Lang) -> Result<[Option<BivLevel>; 3], CellError> {
    let t = portfolio_import(lang);
    if cell.trim().is_empty() {
        return Ok([None; 3]);
    }
    let parts: Vec<&str> = cell
        .split(['-', '/', ',', ';', ' '])
        .filter(|p| !p.trim().is_empty())
        .collect();
    let allowed = t.biv_allowed;
    if parts.len() != 3 {
        return Err(bad(
            fill(t.biv_parts, &[("n", &parts.len().to_string())]),
            allowed,
        ));
    }
    let mut out = [None; 3];
    for (i, p) in parts.iter().enumerate() {
        out[i] = level_word(&fold(p))
            .ok_or_else(|| bad(fill(t.biv_part_not_level, &[("part", p.trim())]), allowed))?;
    }
    Ok(out)
}

/// How it is hosted today; `None` when empty.
pub fn hosting(cell: &str, lang: Lang) -> Result<Option<Hosting>, CellError> {
    let t = portfolio_import(lang);
    Ok(Some(match fold(cell).as_str() {
        "" => return Ok(None),
        "onpremises" | "onpremise" | "onprem" | "eigenbeheer" | "lokaal" | "intern"
        | "eigendatacenter" => Hosting::OnPremises,
        "saas" | "softwareasaservice" => Hosting::Saas,
        "hosted" | "gehost" | "hosting" | "extern" | "externgehost" => Hosting::Hosted,
        _ => {
            return Err(bad(t.not_hosting, t.hosting_allowed));
        }
    }))
}

/// A location or jurisdiction; `None` when empty.
pub fn region(cell: &str, lang: Lang) -> Result<Option<Region>, CellError> {
    let t = portfolio_import(lang);
    Ok(Some(match fold(cell).as_str() {
        "" => return Ok(None),
        "nl" | "nederland" | "netherlands" => Region::Nl,
        "eu" | "eer" | "eea" | "europa" | "europe" => Region::Eu,
        "us" | "vs" | "usa" | "verenigdestaten" | "unitedstates" => Region::Us,
        "elders" | "elsewhere" | "overig" | "other" | "anders" => Region::Elsewhere,
        _ => return Err(bad(t.not_region, t.region_allowed)),
    }))
}

/// A date: `2027-06-30`, `30-06-2027` or `30/06/2027`; `None` when empty.
pub fn date(cell: &str, lang: Lang) -> Result<Option<Date>, CellError> {
    let tr = portfolio_import(lang);
    let t = cell.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let allowed = tr.date_allowed;
    let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
    let nums: Option<Vec<u32>> = parts.iter().map(|p| p.trim().parse::<u32>().ok()).collect();
    let (Some(n), 3) = (nums, parts.len()) else {
        return Err(bad(tr.not_date, allowed));
    };
    let (y, m, d) = if parts[0].trim().len() == 4 {
        (n[0], n[1], n[2])
    } else if parts[2].trim().len() == 4 {
        (n[2], n[1], n[0])
    } else {
        return Err(bad(tr.date_year_digits, allowed));
    };
    let y = i32::try_from(y).map_err(|_| bad(tr.year_out_of_range, allowed))?;
    Date::new(y, m, d)
        .map(Some)
        .ok_or_else(|| bad(tr.no_such_date, allowed))
}

/// A notice period in whole months (`3`, `3 maanden`, `3 months`); `None` when empty.
pub fn months(cell: &str, lang: Lang) -> Result<Option<u32>, CellError> {
    let tr = portfolio_import(lang);
    let t = cell.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let allowed = fill(
        tr.months_allowed,
        &[("max", &MAX_NOTICE_MONTHS.to_string())],
    );
    let num: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = fold(&t[num.len()..]);
    if num.is_empty()
        || !matches!(
            rest.as_str(),
            "" | "maanden" | "maand" | "months" | "month" | "mnd" | "m"
        )
    {
        return Err(bad(tr.not_months, allowed));
    }
    match num.parse::<u32>() {
        Ok(n) if n <= MAX_NOTICE_MONTHS => Ok(Some(n)),
        _ => Err(bad(tr.notice_too_long, allowed)),
    }
}

/// An amount of money in `style`, optionally with `EUR` or `€`; empty is 0. Between 0 and
/// `bounds::MAX_AMOUNT`.
pub fn amount(cell: &str, style: NumberStyle, lang: Lang) -> Result<Decimal, CellError> {
    let tr = portfolio_import(lang);
    let mut t = cell.trim();
    for p in ["EUR", "eur", "€"] {
        t = t.strip_prefix(p).unwrap_or(t).trim();
    }
    if t.is_empty() {
        return Ok(Decimal::ZERO);
    }
    let (dec, grp) = match style {
        NumberStyle::Dutch => (',', '.'),
        NumberStyle::English => ('.', ','),
    };
    let allowed = match style {
        NumberStyle::Dutch => tr.amount_allowed_dutch,
        NumberStyle::English => tr.amount_allowed_english,
    };
    if t.starts_with('-') {
        return Err(bad(tr.negative_amount, allowed));
    }
    let (int_part, frac) = match t.split_once(dec) {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    let groups: Vec<&str> = int_part.split(grp).collect();
    let grouped_ok = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !grouped_ok || !groups.iter().all(|g| digits(g)) || frac.is_some_and(|f| !digits(f)) {
        return Err(bad(tr.not_amount, allowed));
    }
    let plain = match frac {
        Some(f) => format!("{}.{f}", groups.concat()),
        None => groups.concat(),
    };
    match plain.parse::<Decimal>() {
        Ok(d) if d <= MAX_AMOUNT => Ok(d),
        _ => Err(bad(tr.amount_too_large, allowed)),
    }
}

/// A list of reference components, comma- or semicolon-separated (a Softwarecatalogus export
/// separates them by commas); empty entries dropped.
pub fn list(cell: &str) -> Vec<String> {
    cell.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn headers_in_dutch_and_english_any_case_and_accents() {
        assert_eq!(Field::from_header("PAKKET"), Some(Field::Package));
        assert_eq!(
            Field::from_header("Referentie\u{AD}componenten"),
            Some(Field::Components)
        );
        assert_eq!(
            Field::from_header("Opzegtermijn (maanden)"),
            Some(Field::Notice)
        );
        assert_eq!(
            Field::from_header("Bijzondere categorieën"),
            Some(Field::Special)
        );
        assert_eq!(Field::from_header("Yearly cost"), Some(Field::Cost));
        assert_eq!(Field::from_header("Opmerkingen"), None);
        // Every alias names exactly one field.
        for a in Field::ALL {
            for alias in a.aliases() {
                let owners: Vec<Field> = Field::ALL
                    .into_iter()
                    .filter(|f| f.aliases().contains(alias))
                    .collect();
                assert_eq!(owners, vec![a], "{alias}");
            }
            assert_eq!(Field::from_header(a.header().0), Some(a));
            assert_eq!(Field::from_header(a.header().1), Some(a));
        }
    }

    #[test]
    fn amounts_follow_the_style() {
        assert_eq!(
            amount("EUR 1.234,50", NumberStyle::Dutch, Lang::En),
            Ok(dec!(1234.50))
        );
        assert_eq!(
            amount("1234,5", NumberStyle::Dutch, Lang::En),
            Ok(dec!(1234.5))
        );
        assert_eq!(
            amount("1,234.50", NumberStyle::English, Lang::En),
            Ok(dec!(1234.50))
        );
        assert_eq!(
            amount("", NumberStyle::English, Lang::En),
            Ok(Decimal::ZERO)
        );
        assert!(amount("1.23,4", NumberStyle::Dutch, Lang::En).is_err());
        assert!(amount("-5", NumberStyle::Dutch, Lang::En).is_err());
        assert!(amount("10000000001", NumberStyle::Dutch, Lang::En).is_err());
        assert!(amount("12abc", NumberStyle::English, Lang::En).is_err());
    }

    #[test]
    fn dates_months_levels_and_words() {
        assert_eq!(
            date("2027-06-30", Lang::En).unwrap(),
            Date::new(2027, 6, 30)
        );
        assert_eq!(
            date("30/06/2027", Lang::En).unwrap(),
            Date::new(2027, 6, 30)
        );
        assert!(date("31-02-2027", Lang::En).is_err());
        assert!(date("27-6-30", Lang::En).is_err());
        assert_eq!(months("3 maanden", Lang::En), Ok(Some(3)));
        assert!(months("drie", Lang::En).is_err());
        assert!(months("61", Lang::En).is_err());
        assert_eq!(
            biv("3-2-1", Lang::En).unwrap(),
            [
                Some(BivLevel::High),
                Some(BivLevel::Medium),
                Some(BivLevel::Low)
            ]
        );
        assert!(biv("H/M", Lang::En).is_err());
        assert_eq!(yes_no("Ja", Lang::En), Ok(true));
        assert!(yes_no("misschien", Lang::En).is_err());
        assert_eq!(region("VS", Lang::En), Ok(Some(Region::Us)));
        assert_eq!(
            hosting("Eigen beheer", Lang::En),
            Ok(Some(Hosting::OnPremises))
        );
        assert_eq!(
            data_class("Bijzondere persoonsgegevens", Lang::En),
            Ok(Some(DataClass::Special))
        );
    }
}
