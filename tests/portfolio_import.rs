//! Portfolio import (issue 16): every dialect (`;`/`,`, BOM, Windows-1252, XLSX, Dutch and
//! English headers, quoted fields with line breaks), every class of bad cell with its
//! `file:row:column: header: problem (allowed: …)` message, and a property: import → export →
//! import gives the same portfolio.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use wolkwijzer::core::catalogue::DataClass;
use wolkwijzer::core::portfolio::place::place_all;
use wolkwijzer::core::portfolio::roadmap::roadmap;
use wolkwijzer::core::portfolio::{Application, Biv, BivLevel, Date, Hosting, Portfolio, Region};
use wolkwijzer::core::text::Lang;
use wolkwijzer::io::portfolio::{self, Imported, columns::Field};
use wolkwijzer::report::portfolio::{PortfolioView, csv};

fn ok(bytes: &[u8]) -> Imported {
    portfolio::parse("apps.csv", bytes).unwrap_or_else(|e| panic!("{e}"))
}

fn err(bytes: &[u8]) -> Vec<String> {
    portfolio::parse("apps.csv", bytes)
        .expect_err("should be refused")
        .to_string()
        .lines()
        .map(str::to_string)
        .collect()
}

const DUTCH: &str = "Pakket;Leverancier;Pakketversie;Referentiecomponenten;Gegevensklasse;BIV;BSN;DigiD;Hostingvorm;Hostinglocatie;Jurisdictie;SaaS beschikbaar;Einddatum contract;Opzegtermijn (maanden);Kosten per jaar;Afdeling\n\
Burgerwijs;Polderware BV;4.2;\"Burgerzakencomponent, GBA-administratiecomponent\";;3-3-3;ja;ja;eigen beheer;NL;NL;nee;31-12-2027;6;EUR 12.345,67;Publiekszaken\n\
Kaartviewer;Duinland Data;1.0;;openbaar;L/L/L;nee;nee;SaaS;EU;EU;ja;2028-03-31;3;950;Ruimte\n";

fn check_dutch(i: &Imported) {
    let a = &i.portfolio.applications;
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].package, "Burgerwijs");
    assert_eq!(
        a[0].components,
        vec!["Burgerzakencomponent", "GBA-administratiecomponent"]
    );
    assert_eq!(a[0].biv.availability, Some(BivLevel::High));
    assert!(a[0].bsn && a[0].digid);
    assert_eq!(a[0].hosting, Hosting::OnPremises);
    assert_eq!(a[0].contract_end, Date::new(2027, 12, 31));
    assert_eq!(a[0].notice_months, 6);
    assert_eq!(a[0].yearly_cost, dec!(12345.67));
    assert_eq!(a[0].owner, "Publiekszaken");
    assert_eq!(a[1].data, Some(DataClass::Public));
    assert_eq!(a[1].location, Some(Region::Eu));
    assert!(a[1].saas_available);
    assert_eq!(a[1].yearly_cost, dec!(950));
}

#[test]
fn semicolon_utf8_dutch_headers() {
    let i = ok(DUTCH.as_bytes());
    assert_eq!(i.dialect, "CSV, ';', UTF-8");
    check_dutch(&i);
    // Columns not in the file are named with their default.
    assert!(i.missing.contains(&Field::Special));
    assert!(!i.missing.contains(&Field::Owner));
}

#[test]
fn utf8_with_bom() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(DUTCH.as_bytes());
    let i = ok(&bytes);
    assert_eq!(i.dialect, "CSV, ';', UTF-8 with BOM");
    check_dutch(&i);
}

#[test]
fn windows_1252() {
    let text = DUTCH
        .replace("Burgerwijs", "Burgerwijs Café")
        .replace("Publiekszaken", "Publiekszaken én Burgerzaken");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the test file must not be UTF-8"
    );
    let i = ok(&bytes);
    assert_eq!(i.dialect, "CSV, ';', Windows-1252");
    assert_eq!(i.portfolio.applications[0].package, "Burgerwijs Café");
    assert_eq!(
        i.portfolio.applications[0].owner,
        "Publiekszaken én Burgerzaken"
    );
}

#[test]
fn comma_english_headers_any_case() {
    let text = "PACKAGE,supplier,Version,Reference components,Data class,Availability,Integrity,Confidentiality,Special categories,Hosting,Location,Jurisdiction,SaaS available,Contract end,Notice period,Yearly cost,Department\n\
Wijkteam Chat,Northwind Apps Inc.,2026,,special,medium,medium,high,yes,SaaS,EU,US,yes,2027-06-30,1,\"1,234.50\",Sociaal Domein\n";
    let i = ok(text.as_bytes());
    assert_eq!(i.dialect, "CSV, ',', UTF-8");
    let a = &i.portfolio.applications[0];
    assert_eq!(a.data, Some(DataClass::Special));
    assert_eq!(
        a.biv,
        Biv {
            availability: Some(BivLevel::Medium),
            integrity: Some(BivLevel::Medium),
            confidentiality: Some(BivLevel::High)
        }
    );
    assert_eq!(a.jurisdiction, Some(Region::Us));
    assert_eq!(a.yearly_cost, dec!(1234.50));
    assert!(i.unknown_columns.is_empty());
}

#[test]
fn quoted_fields_with_line_breaks() {
    let text = "Pakket;Referentiecomponenten;Eigenaar\n\"Zaakwijs\";\"Generieke Zaakafhandelcomponent,\nZaakregistratiecomponent\";\"Informatie-\nvoorziening\"\nTweede;;X\n";
    let i = ok(text.as_bytes());
    let a = &i.portfolio.applications;
    assert_eq!(
        a[0].components,
        vec![
            "Generieke Zaakafhandelcomponent",
            "Zaakregistratiecomponent"
        ]
    );
    assert_eq!(a[0].owner, "Informatie-\nvoorziening");
    // A bad cell after the multi-line record is reported on its own line (4), not line 3.
    let e = err(b"Pakket;Referentiecomponenten;BSN\nA;\"X,\nY\";ja\nB;;misschien\n");
    assert!(
        e[0].starts_with("apps.csv:4:3: BSN: not yes or no"),
        "{e:?}"
    );
}

#[test]
fn xlsx_with_typed_cells() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let heads = [
        "Pakket",
        "Leverancier",
        "Referentiecomponenten",
        "BSN",
        "Einddatum contract",
        "Opzegtermijn",
        "Kosten per jaar",
        "Eigenaar",
        "Opmerking",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let date_format = Format::new().set_num_format("dd-mm-yyyy");
    ws.write_string(1, 0, "Heffingsdesk").unwrap();
    ws.write_string(1, 1, "Kade Solutions").unwrap();
    ws.write_string(1, 2, "Belastingencomponent").unwrap();
    ws.write_boolean(1, 3, true).unwrap();
    ws.write_datetime_with_format(
        1,
        4,
        ExcelDateTime::from_ymd(2028, 6, 30).unwrap(),
        &date_format,
    )
    .unwrap();
    ws.write_number(1, 5, 6.0).unwrap();
    ws.write_number(1, 6, 23456.75).unwrap();
    ws.write_string(1, 7, "Belastingen").unwrap();
    ws.write_string(1, 8, "let op").unwrap();
    ws.write_string(2, 0, "Grafregister").unwrap();
    ws.write_string(2, 6, "1.500,00").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let i = portfolio::parse("apps.xlsx", &bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(i.dialect, "XLSX");
    let a = &i.portfolio.applications;
    assert_eq!(a[0].package, "Heffingsdesk");
    assert!(a[0].bsn);
    assert_eq!(a[0].contract_end, Date::new(2028, 6, 30));
    assert_eq!(a[0].notice_months, 6);
    assert_eq!(a[0].yearly_cost, dec!(23456.75));
    // A text cell with an amount is read in Dutch style.
    assert_eq!(a[1].yearly_cost, dec!(1500));
    assert_eq!(i.unknown_columns, vec!["Opmerking".to_string()]);

    // A bad XLSX cell has the worksheet's row and column.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Pakket").unwrap();
    ws.write_string(0, 1, "Hostingvorm").unwrap();
    ws.write_string(1, 0, "A").unwrap();
    ws.write_string(1, 1, "wolk").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let e = portfolio::parse("apps.xlsx", &bytes)
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "apps.xlsx:2:2: Hostingvorm: not a hosting form (allowed: on-premises, SaaS, hosted (or eigen beheer, gehost))"
    );
}

#[test]
fn a_broken_xlsx_is_refused_cleanly() {
    let e = portfolio::parse("apps.xlsx", b"PK\x03\x04 not really a zip")
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("apps.xlsx: not a readable XLSX workbook"),
        "{e}"
    );
}

#[test]
fn every_bad_cell_class_is_reported_at_once() {
    let text = "Pakket;Gegevensklasse;BIV;Beschikbaarheid;BSN;Hostingvorm;Hostinglocatie;Jurisdictie;Einddatum contract;Opzegtermijn;Kosten per jaar\n\
A;geheim;3-3;x;misschien;wolk;Mars;Mars;2027-02-30;drie;12,3,4\n\
;intern;;;;;;;;61;-5\n\
C;;;;;;;;27-6-30;;20.000.000.000\n";
    let e = err(text.as_bytes());
    let expected = [
        "apps.csv:2:2: Gegevensklasse: not a data class (allowed: ",
        "apps.csv:2:3: BIV: 2 part(s) instead of three (allowed: three levels",
        "apps.csv:2:4: Beschikbaarheid: not a BIV level (allowed: laag, midden, hoog",
        "apps.csv:2:5: BSN: not yes or no (allowed: ja, nee",
        "apps.csv:2:6: Hostingvorm: not a hosting form (allowed: on-premises, SaaS, hosted",
        "apps.csv:2:7: Hostinglocatie: not a region (allowed: NL, EU, US, elders",
        "apps.csv:2:8: Jurisdictie: not a region (allowed: NL, EU, US, elders",
        "apps.csv:2:9: Einddatum contract: no such date (allowed: YYYY-MM-DD or DD-MM-YYYY",
        "apps.csv:2:10: Opzegtermijn: not a number of months (allowed: whole months 0–60",
        "apps.csv:2:11: Kosten per jaar: not an amount (allowed: an amount in euros like 1234,50",
        "apps.csv:3:1: Pakket: empty; every row needs a package name (allowed: any text)",
        "apps.csv:3:10: Opzegtermijn: notice period too long (allowed: whole months 0–60",
        "apps.csv:3:11: Kosten per jaar: negative amount (allowed: ",
        "apps.csv:4:9: Einddatum contract: not a date (the year must have four digits) (allowed: ",
        "apps.csv:4:11: Kosten per jaar: amount too large (allowed: ",
    ];
    assert_eq!(e.len(), expected.len(), "{e:#?}");
    for (line, want) in e.iter().zip(expected) {
        assert!(line.starts_with(want), "got {line}\nwant {want}");
    }
}

fn err_nl(bytes: &[u8]) -> Vec<String> {
    portfolio::parse_in("apps.csv", bytes, Lang::Nl)
        .expect_err("should be refused")
        .to_string()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn every_bad_cell_class_is_reported_in_dutch() {
    let text = "Pakket;Gegevensklasse;BIV;Beschikbaarheid;BSN;Hostingvorm;Hostinglocatie;Jurisdictie;Einddatum contract;Opzegtermijn;Kosten per jaar\n\
A;geheim;3-3;x;misschien;wolk;Mars;Mars;2027-02-30;drie;12,3,4\n\
;intern;;;;;;;;61;-5\n\
C;;;;;;;;27-6-30;;20.000.000.000\n";
    let e = err_nl(text.as_bytes());
    let expected = [
        "apps.csv:2:2: Gegevensklasse: geen gegevensklasse (toegestaan: openbaar, intern",
        "apps.csv:2:3: BIV: 2 deel/delen in plaats van drie (toegestaan: drie niveaus",
        "apps.csv:2:4: Beschikbaarheid: geen BIV-niveau (toegestaan: laag, midden, hoog",
        "apps.csv:2:5: BSN: geen ja of nee (toegestaan: ja, nee",
        "apps.csv:2:6: Hostingvorm: geen hostingvorm (toegestaan: eigen beheer, gehost, SaaS",
        "apps.csv:2:7: Hostinglocatie: geen regio (toegestaan: NL, EU, VS, elders",
        "apps.csv:2:8: Jurisdictie: geen regio (toegestaan: NL, EU, VS, elders",
        "apps.csv:2:9: Einddatum contract: die datum bestaat niet (toegestaan: JJJJ-MM-DD of DD-MM-JJJJ",
        "apps.csv:2:10: Opzegtermijn: geen aantal maanden (toegestaan: hele maanden 0–60",
        "apps.csv:2:11: Kosten per jaar: geen bedrag (toegestaan: een bedrag in euro zoals 1234,50",
        "apps.csv:3:1: Pakket: leeg; elke rij heeft een pakketnaam nodig (toegestaan: elke tekst)",
        "apps.csv:3:10: Opzegtermijn: opzegtermijn te lang (toegestaan: hele maanden 0–60",
        "apps.csv:3:11: Kosten per jaar: negatief bedrag (toegestaan: ",
        "apps.csv:4:9: Einddatum contract: geen datum (het jaar moet vier cijfers hebben) (toegestaan: ",
        "apps.csv:4:11: Kosten per jaar: bedrag te groot (toegestaan: ",
    ];
    assert_eq!(e.len(), expected.len(), "{e:#?}");
    for (line, want) in e.iter().zip(expected) {
        assert!(line.starts_with(want), "got {line}\nwant {want}");
        assert!(!line.contains("allowed"), "{line}");
    }
}

#[test]
fn file_level_problems_in_dutch() {
    assert_eq!(
        err_nl(b""),
        vec![
            "apps.csv: het bestand is leeg; de eerste rij moet de kolommen noemen (minstens Pakket / Package)"
        ]
    );
    assert_eq!(
        err_nl(b"Pakket;Eigenaar\n"),
        vec!["apps.csv: het bestand noemt geen applicaties (alleen een kopregel)"]
    );
    assert_eq!(
        err_nl(b"Leverancier;Eigenaar\nX;Y\n"),
        vec![
            "apps.csv:1: geen kolom noemt het pakket (toegestaan: een kolomkop Pakket, Package, Applicatie of Naam)"
        ]
    );
    assert_eq!(
        err_nl(b"Pakket;Kosten;Yearly cost\nA;1;2\n"),
        vec![
            "apps.csv:1:3: Yearly cost: een tweede kolom voor hetzelfde veld (de eerste is kolom 2)"
        ]
    );
    let long = format!("Pakket\n{}\n", "x".repeat(2_001));
    assert_eq!(
        err_nl(long.as_bytes()),
        vec!["apps.csv:2:1: cel langer dan 2000 tekens"]
    );
    let e = portfolio::parse_in("apps.xlsx", b"PK\x03\x04 not really a zip", Lang::Nl)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("apps.xlsx: geen leesbare XLSX-werkmap: "),
        "{e}"
    );
    let dir = tempfile::tempdir().unwrap();
    let e = portfolio::load_in(dir.path(), Lang::Nl)
        .unwrap_err()
        .to_string();
    assert!(e.contains("dit is geen gewoon bestand"), "{e}");
}

#[test]
fn file_level_problems() {
    assert_eq!(
        err(b""),
        vec![
            "apps.csv: the file is empty; the first row must name the columns (at least Pakket / Package)"
        ]
    );
    assert_eq!(
        err(b"Pakket;Eigenaar\n"),
        vec!["apps.csv: the file names no applications (only a header row)"]
    );
    assert_eq!(
        err(b"Leverancier;Eigenaar\nX;Y\n"),
        vec![
            "apps.csv:1: no column names the package (allowed: a header Pakket, Package, Applicatie or Naam)"
        ]
    );
    let e = err(b"Pakket;Kosten;Yearly cost\nA;1;2\n");
    assert_eq!(
        e,
        vec![
            "apps.csv:1:3: Yearly cost: a second column for the same field (the first is column 2)"
        ]
    );
    let long = format!("Pakket\n{}\n", "x".repeat(2_001));
    assert_eq!(
        err(long.as_bytes()),
        vec!["apps.csv:2:1: cell longer than 2000 characters"]
    );
    let many: Vec<String> = (0..51).map(|i| format!("C{i}")).collect();
    let text = format!("Pakket;Referentiecomponenten\nA;\"{}\"\n", many.join(","));
    assert_eq!(
        err(text.as_bytes()),
        vec!["apps.csv:2:2: Referentiecomponenten: 51 reference components (allowed: at most 50)"]
    );
}

#[test]
fn unknown_column_reported_once_not_fatal() {
    let i = ok(b"Pakket;Opmerkingen;Opmerkingen 2\nA;x;y\nB;z;w\n");
    assert_eq!(
        i.unknown_columns,
        vec!["Opmerkingen".to_string(), "Opmerkingen 2".to_string()]
    );
    assert_eq!(i.portfolio.applications.len(), 2);
}

#[test]
fn a_path_that_is_not_a_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let e = portfolio::load(dir.path()).unwrap_err().to_string();
    assert!(e.contains("not a regular file"), "{e}");
}

// ---- import → export → import ------------------------------------------------------------

fn text_strategy() -> impl Strategy<Value = String> {
    // Letters, digits, spaces and the characters a CSV must quote; no leading formula
    // character (the export neutralises those on purpose) and no leading/trailing space (the
    // import trims cells).
    "[A-Za-zéëï0-9][A-Za-zéëï0-9 ;,\"\n-]{0,18}[A-Za-z0-9]"
}

fn app_strategy() -> impl Strategy<Value = Application> {
    let level = prop_oneof![
        Just(None),
        Just(Some(BivLevel::Low)),
        Just(Some(BivLevel::Medium)),
        Just(Some(BivLevel::High))
    ];
    let region = prop_oneof![
        Just(None),
        Just(Some(Region::Nl)),
        Just(Some(Region::Eu)),
        Just(Some(Region::Us)),
        Just(Some(Region::Elsewhere))
    ];
    let class = prop_oneof![
        Just(None),
        proptest::sample::select(DataClass::ALL.to_vec()).prop_map(Some)
    ];
    (
        (
            text_strategy(),
            text_strategy(),
            "[0-9]{1,2}\\.[0-9]",
            proptest::collection::vec("[A-Z][a-z]{2,12}component", 0..3),
            class,
        ),
        (level.clone(), level.clone(), level, any::<[bool; 5]>()),
        (
            proptest::sample::select(vec![Hosting::OnPremises, Hosting::Saas, Hosting::Hosted]),
            region.clone(),
            region,
        ),
        (
            proptest::option::of((2020i32..2040, 1u32..=12, 1u32..=28)),
            0u32..=60,
            0u64..=1_000_000_000_000u64,
            "[A-Za-z ]{0,10}[a-z]",
            proptest::option::of("[A-Za-z][A-Za-z -]{0,10}[a-z]"),
        ),
    )
        .prop_map(
            |(
                (package, supplier, version, components, data),
                (a, i, c, flags),
                (hosting, location, jurisdiction),
                (end, notice, cents, owner, collaboration),
            )| Application {
                package,
                supplier,
                version,
                components,
                data,
                biv: Biv {
                    availability: a,
                    integrity: i,
                    confidentiality: c,
                },
                bsn: flags[0],
                special: flags[1],
                wpg: flags[2],
                digid: flags[3],
                hosting,
                location,
                jurisdiction,
                saas_available: flags[4],
                contract_end: end.and_then(|(y, m, d)| Date::new(y, m, d)),
                notice_months: notice,
                yearly_cost: Decimal::new(cents as i64, 2),
                owner: owner.trim().to_string(),
                collaboration,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn import_export_import_is_the_same_portfolio(apps in proptest::collection::vec(app_strategy(), 1..12), english in any::<bool>()) {
        let lang = if english { Lang::En } else { Lang::Nl };
        let cat = wolkwijzer::io::catalogue::built_in();
        let profile = wolkwijzer::io::profile::demo();
        let ev = wolkwijzer::core::scoring::evaluate(&cat, &profile).unwrap();
        let table = wolkwijzer::io::portfolio::components::built_in();
        let first = Portfolio { applications: apps };
        let export = |p: &Portfolio| {
            let placement = place_all(&cat, &profile, &ev, &table, &p.applications);
            let road = roadmap(&p.applications, &placement, Date::new(2026, 12, 1).unwrap());
            csv(&PortfolioView { catalogue: &cat, portfolio: p, placement: &placement, roadmap: &road, lang })
        };
        let text = export(&first);
        let again = portfolio::parse("export.csv", text.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&again.portfolio, &first);
        // And the export of the re-import is byte for byte the same.
        prop_assert_eq!(export(&again.portfolio), text);
    }
}
