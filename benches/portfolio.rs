//! Criterion benchmarks of the application portfolio (issue 16): import and place 300, 3,000
//! and 30,000 applications (CSV bytes → parsed, validated, classified and placed), and a weight
//! change that re-places 3,000 applications and redraws the portfolio screen. The rows carry
//! everything placement looks at (class, BIV, DigiD, SaaS, collaboration), so the groups the
//! core places are as many as in the sample. Goals: 30,000 in
//! under 0.5 s; the weight change within one 16 ms frame. Run: `cargo bench --bench portfolio_bench`.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use wolkwijzer::core::criteria::Criterion as Crit;
use wolkwijzer::core::portfolio::Date;
use wolkwijzer::core::portfolio::place::place_all;
use wolkwijzer::core::scoring::evaluate;
use wolkwijzer::io::portfolio::{self, SAMPLE};
use wolkwijzer::io::{catalogue, profile};
use wolkwijzer::tui::screens::portfolio::PortfolioKey;
use wolkwijzer::tui::{Action, Screen, State, screens, update};

/// A portfolio of `n` applications: the sample's rows repeated, each package name made unique.
fn csv_of(n: usize) -> Vec<u8> {
    // The sample's records, read through the importer (two of them span two lines).
    let sample = portfolio::parse("sample", SAMPLE.as_bytes()).unwrap();
    let apps = &sample.portfolio.applications;
    let mut out = String::from(
        "Pakket;Leverancier;Referentiecomponenten;Gegevensklasse;Beschikbaarheid;Integriteit;Vertrouwelijkheid;BSN;Bijzondere persoonsgegevens;DigiD;Hostingvorm;Hostinglocatie;Jurisdictie;SaaS beschikbaar;Einddatum contract;Opzegtermijn;Kosten per jaar;Eigenaar;Samenwerking\r\n",
    );
    for i in 0..n {
        let a = &apps[i % apps.len()];
        out.push_str(&format!(
            "{} {i};{};\"{}\";{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{}\r\n",
            a.package,
            a.supplier,
            a.components.join(", "),
            a.data.map(|d| d.id()).unwrap_or(""),
            a.biv.availability.map(|l| l.id()).unwrap_or(""),
            a.biv.integrity.map(|l| l.id()).unwrap_or(""),
            a.biv.confidentiality.map(|l| l.id()).unwrap_or(""),
            if a.bsn { "ja" } else { "nee" },
            if a.special { "ja" } else { "nee" },
            if a.digid { "ja" } else { "nee" },
            match a.hosting {
                wolkwijzer::core::portfolio::Hosting::OnPremises => "on-premises",
                wolkwijzer::core::portfolio::Hosting::Saas => "saas",
                wolkwijzer::core::portfolio::Hosting::Hosted => "hosted",
            },
            a.location.map(|r| r.id()).unwrap_or(""),
            a.jurisdiction.map(|r| r.id()).unwrap_or(""),
            if a.saas_available { "ja" } else { "nee" },
            a.contract_end.map(|d| d.iso()).unwrap_or_default(),
            a.notice_months,
            a.yearly_cost.to_string().replace('.', ","),
            a.owner,
            a.collaboration.as_deref().unwrap_or(""),
        ));
    }
    out.into_bytes()
}

fn import_and_place(c: &mut Criterion) {
    let cat = catalogue::built_in();
    let prof = profile::demo();
    let table = portfolio::components::built_in();
    let mut group = c.benchmark_group("portfolio_import_and_place");
    group.sample_size(10);
    for n in [300usize, 3_000, 30_000] {
        let bytes = csv_of(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &bytes, |b, bytes| {
            b.iter(|| {
                let imported = portfolio::parse("bench.csv", black_box(bytes)).unwrap();
                let ev = evaluate(&cat, &prof).unwrap();
                let placed = place_all(&cat, &prof, &ev, &table, &imported.portfolio.applications);
                assert_eq!(placed.apps.len(), n);
                placed
            })
        });
    }
    group.finish();
}

fn weight_change_replaces_and_redraws(c: &mut Criterion) {
    let mut s = State::new(catalogue::built_in(), profile::demo(), None);
    update(&mut s, Action::Resize(120, 36));
    update(&mut s, Action::GoTo(Screen::Landscape.index()));
    let imported = portfolio::parse("bench.csv", &csv_of(3_000)).unwrap();
    update(&mut s, Action::Portfolio(PortfolioKey::Toggle));
    update(
        &mut s,
        Action::Portfolio(PortfolioKey::Loaded(
            Ok(Box::new(imported)),
            Date::new(2026, 12, 1).unwrap(),
        )),
    );
    let mut term = Terminal::new(TestBackend::new(120, 36)).unwrap();
    let mut up = true;
    c.bench_function("portfolio_weight_change_3000_replace_redraw_120x36", |b| {
        b.iter(|| {
            let w = if up { 9.0 } else { 3.0 };
            up = !up;
            s.weights[0].set(Crit::Privacy, w);
            s.recompute_member(0);
            assert_eq!(
                s.portfolio.placement.as_ref().map(|p| p.apps.len()),
                Some(3_000)
            );
            term.draw(|f| screens::render(f, black_box(&s))).unwrap();
        })
    });
}

criterion_group!(
    benches,
    import_and_place,
    weight_change_replaces_and_redraws
);
criterion_main!(benches);
