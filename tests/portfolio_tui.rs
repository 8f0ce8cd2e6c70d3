//! The portfolio screen on `TestBackend` (issue 16): snapshots at 80×24 and 120×36 in both
//! languages, and the keys as state changes — open loads through an effect, search, filters,
//! sort, clear, and a weight change that re-places every application.
#![allow(clippy::unwrap_used)]

mod common;

use wolkwijzer::core::criteria::Criterion;
use wolkwijzer::core::portfolio::Date;
use wolkwijzer::core::text::Lang;
use wolkwijzer::tui::screens::portfolio::{PortfolioKey, rows};
use wolkwijzer::tui::{Action, Effect, Screen, State, update};

/// Answers the app's read of the profile's portfolio (the sample) as of 2026-12-01.
fn read_sample(s: &mut State) {
    let imported =
        wolkwijzer::io::portfolio::for_profile(None, s.profile.portfolio.as_deref().unwrap())
            .unwrap();
    update(
        s,
        Action::Portfolio(PortfolioKey::Loaded(
            Ok(Box::new(imported)),
            Date::new(2026, 12, 1).unwrap(),
        )),
    );
}

/// The demo on the landscape with the portfolio open and loaded as of 2026-12-01.
fn open(lang: Lang) -> State {
    let mut s = common::demo(lang);
    common::feed(&mut s, &[Action::GoTo(Screen::Landscape.index())]);
    let effect = update(&mut s, Action::Portfolio(PortfolioKey::Toggle));
    assert_eq!(
        effect,
        Some(Effect::LoadPortfolio),
        "opening asks the app to read the file"
    );
    read_sample(&mut s);
    s
}

fn shown(s: &State) -> Vec<String> {
    let v = s.portfolio.view(&s.catalogue, s.lang).expect("placed");
    rows(&s.portfolio, &v, &s.portfolio.search)
        .into_iter()
        .map(|i| v.portfolio.applications[i].package.clone())
        .collect()
}

#[test]
fn snapshots() {
    for lang in [Lang::Nl, Lang::En] {
        let mut s = open(lang);
        common::feed(&mut s, &[Action::Down, Action::Down, Action::Down]);
        for (w, h) in [(80, 24), (120, 36)] {
            insta::assert_snapshot!(
                format!("portfolio_{}_{w}x{h}", lang.code()),
                common::render(&s, w, h)
            );
        }
    }
}

#[test]
fn search_filter_sort_and_clear() {
    let mut s = open(Lang::Nl);
    assert_eq!(shown(&s).len(), 302);
    // Search through the prompt: typed characters, Enter.
    common::feed(&mut s, &[Action::Portfolio(PortfolioKey::Search)]);
    for c in "zaakwijs".chars() {
        update(&mut s, Action::InputChar(c));
    }
    update(&mut s, Action::Select);
    assert!(
        shown(&s).iter().all(|n| n.starts_with("Zaakwijs")),
        "{:?}",
        shown(&s)
    );
    assert!(!shown(&s).is_empty());
    // Clear, then filter by class: Right steps from "all" to the first class (public).
    common::feed(
        &mut s,
        &[Action::Portfolio(PortfolioKey::Clear), Action::Right],
    );
    let public = shown(&s);
    assert!(!public.is_empty() && public.len() < 302);
    let v = s.portfolio.view(&s.catalogue, s.lang).unwrap();
    for i in rows(&s.portfolio, &v, "") {
        assert_eq!(
            v.placement.apps[i].classified.data,
            Some(wolkwijzer::core::catalogue::DataClass::Public)
        );
    }
    // Next filter (placement) → the first placement; both filters hold.
    common::feed(
        &mut s,
        &[Action::Portfolio(PortfolioKey::NextFilter), Action::Right],
    );
    assert!(shown(&s).len() <= public.len());
    // Sort by cost, descending: the costs never rise down the list.
    common::feed(&mut s, &[Action::Portfolio(PortfolioKey::Clear)]);
    for _ in 0..5 {
        update(&mut s, Action::Portfolio(PortfolioKey::Sort));
    }
    update(&mut s, Action::Portfolio(PortfolioKey::Reverse));
    let v = s.portfolio.view(&s.catalogue, s.lang).unwrap();
    let costs: Vec<_> = rows(&s.portfolio, &v, "")
        .into_iter()
        .map(|i| v.portfolio.applications[i].yearly_cost)
        .collect();
    assert!(costs.windows(2).all(|w| w[0] >= w[1]));
    // `p` closes and the landscape is back.
    update(&mut s, Action::Portfolio(PortfolioKey::Toggle));
    assert!(!s.portfolio.open);
}

#[test]
fn a_weight_change_re_places_the_portfolio() {
    let mut s = open(Lang::Nl);
    let before = s.portfolio.placement.clone().unwrap();
    // Only flexibility counts (the demo weighs privacy first): the placements must change.
    for c in Criterion::ALL {
        s.weights[0].set(
            *c,
            if *c == Criterion::Flexibility {
                10.0
            } else {
                0.0
            },
        );
    }
    s.recompute_member(0);
    let after = s.portfolio.placement.clone().unwrap();
    assert_eq!(after.apps.len(), 302);
    assert_ne!(
        before.counts(),
        after.counts(),
        "the weights did not reach the portfolio"
    );
}

/// The demo on the landscape with its portfolio read (entering the landscape asks for it once).
fn landscape(lang: Lang) -> State {
    let mut s = common::demo(lang);
    assert_eq!(
        update(&mut s, Action::GoTo(Screen::Landscape.index())),
        Some(Effect::LoadPortfolio),
        "the landscape reads the portfolio for its counts"
    );
    assert_eq!(update(&mut s, Action::Down), None, "and only once");
    read_sample(&mut s);
    update(&mut s, Action::Up);
    s
}

#[test]
fn the_landscape_counts_per_placement_and_opens_one() {
    for lang in [Lang::Nl, Lang::En] {
        let mut s = landscape(lang);
        let counts = s.portfolio.placement.as_ref().unwrap().counts();
        assert!(counts.len() >= 5, "{counts:?}");
        for (w, h) in [(80, 24), (120, 36), (200, 60)] {
            let text = common::render(&s, w, h);
            // Every placement with its count and its full compact name (option, model and
            // deployment stay apart), also at 80×24.
            let colocation = match lang {
                Lang::Nl => "Colocatie · Eigen beheer · privé",
                Lang::En => "Colocation · On-premises · private",
            };
            let n = counts
                .iter()
                .find(|(k, _)| {
                    k.is_some_and(|k| {
                        k.option == wolkwijzer::core::catalogue::PlacementOption::Colocation
                    })
                })
                .map(|(_, n)| *n)
                .unwrap();
            assert!(
                text.contains(&format!("{n} {colocation}")),
                "{w}×{h}\n{text}"
            );
            if (w, h) != (200, 60) {
                insta::assert_snapshot!(format!("landscape_counts_{}_{w}x{h}", lang.code()), text);
            }
        }
        // ←→ picks a placement, Enter opens the list filtered to it.
        common::feed(&mut s, &[Action::Right, Action::Right, Action::Select]);
        assert!(s.portfolio.open);
        let (key, n) = counts[2];
        assert_eq!(s.portfolio.placed_on, Some(key));
        let v = s.portfolio.view(&s.catalogue, s.lang).unwrap();
        let shown = rows(&s.portfolio, &v, "");
        assert_eq!(shown.len(), n);
        assert!(shown.iter().all(|&i| v.placement.apps[i].key == key));
        // Left from the first goes round to the last ("not placed" included).
        let mut s = landscape(lang);
        common::feed(&mut s, &[Action::Left, Action::Select]);
        assert_eq!(s.portfolio.placed_on, Some(counts.last().unwrap().0));
    }
}

/// Types `text` into the open prompt.
fn type_text(s: &mut State, text: &str) {
    for c in text.chars() {
        update(s, Action::InputChar(c));
    }
}

/// Carries out an import effect the way the app does.
fn import(s: &mut State, effect: Option<Effect>) {
    let Some(Effect::ImportPortfolio(path)) = effect else {
        panic!("expected an import, got {effect:?}");
    };
    let result = wolkwijzer::tui::screens::portfolio::read_import(&path, s.lang);
    update(
        s,
        Action::Portfolio(PortfolioKey::Imported(
            result,
            Date::new(2026, 12, 1).unwrap(),
        )),
    );
}

#[test]
fn import_from_the_start_screen_keeps_the_path_and_never_half_imports() {
    use wolkwijzer::tui::state::{InputPurpose, Popup};
    let home = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join("bad.csv"),
        "Pakket;BSN;Kosten per jaar;Einddatum contract\nA;misschien;12,50;2027-02-30\n;ja;-3;\nB;ja;1.000,00;2028-01-01\n",
    )
    .unwrap();
    std::fs::write(
        home.path().join("good.csv"),
        "Pakket;Gegevensklasse;DigiD;Kosten per jaar\nEen;intern;nee;100\nTwee;brp;ja;250,50\n",
    )
    .unwrap();
    let mut s = common::demo(Lang::Nl);
    s.home_dir = Some(home.path().to_path_buf());
    let before = s.profile.portfolio.clone();
    // `i` on the Start screen asks for the path; `~` is the home folder.
    common::feed(&mut s, &[Action::Portfolio(PortfolioKey::Import)]);
    assert!(matches!(
        s.popup,
        Some(Popup::Input {
            purpose: InputPurpose::PortfolioImport,
            ..
        })
    ));
    type_text(&mut s, "~/bad.csv");
    let effect = update(&mut s, Action::Select);
    assert_eq!(
        effect,
        Some(Effect::ImportPortfolio(home.path().join("bad.csv")))
    );
    import(&mut s, effect);
    // Every problem at once, in a pane; nothing taken over.
    let Some(Popup::PortfolioProblems(p)) = &s.popup else {
        panic!("no problems pane: {:?}", s.popup);
    };
    assert_eq!(p.lines.len(), 4, "{:?}", p.lines);
    assert!(p.lines[0].ends_with("bad.csv:2:2: BSN: geen ja of nee (toegestaan: ja, nee, yes, no, j, n, y, true, false, 1, 0, x, leeg)"), "{:?}", p.lines);
    assert_eq!(s.profile.portfolio, before);
    assert!(s.portfolio.loaded.is_none() && s.portfolio.imported.is_none());
    // The pane as the room sees it (a fixture path, so the snapshot does not vary).
    let mut shown = s.clone();
    shown.work_dir = Some(std::path::PathBuf::from("tests/fixtures/portfolio_import"));
    update(&mut shown, Action::Back);
    update(&mut shown, Action::Portfolio(PortfolioKey::Import));
    for _ in 0.."~/bad.csv".len() {
        update(&mut shown, Action::InputBackspace);
    }
    type_text(&mut shown, "bad.csv");
    let effect = update(&mut shown, Action::Select);
    import(&mut shown, effect);
    insta::assert_snapshot!("import_problems_nl_80x24", common::render(&shown, 80, 24));
    // ↓ scrolls; Esc goes back to the path as typed.
    common::feed(&mut s, &[Action::Down, Action::Down]);
    let Some(Popup::PortfolioProblems(p)) = &s.popup else {
        panic!("the pane stays while scrolling");
    };
    assert_eq!(p.scroll, 2);
    common::feed(&mut s, &[Action::Back]);
    assert_eq!(
        s.popup,
        Some(Popup::Input {
            purpose: InputPurpose::PortfolioImport,
            buffer: "~/bad.csv".into()
        })
    );
    for _ in 0.."bad.csv".len() {
        update(&mut s, Action::InputBackspace);
    }
    type_text(&mut s, "good.csv");
    let effect = update(&mut s, Action::Select);
    import(&mut s, effect);
    assert_eq!(s.popup, None);
    let path = home.path().join("good.csv").display().to_string();
    assert_eq!(s.profile.portfolio.as_deref(), Some(path.as_str()));
    let placed = s.portfolio.placement.as_ref().expect("placed at once");
    assert_eq!(placed.apps.len(), 2);
    // The session keeps the file and its fingerprint.
    let session = s.session();
    let file = session.portfolio.clone().expect("kept in the session");
    assert_eq!(file.path, home.path().join("good.csv"));
    assert_eq!(
        file.fnv1a64,
        wolkwijzer::io::portfolio::fingerprint(
            &std::fs::read(home.path().join("good.csv")).unwrap()
        )
    );
    // The session file round-trips it.
    let toml = wolkwijzer::io::store::to_toml(&session).unwrap();
    let back = wolkwijzer::io::store::parse("s.toml", &toml).unwrap();
    assert_eq!(back.portfolio, Some(file));

    // Resumed: the file is read again at once; a changed file is said so.
    let resume = |session: wolkwijzer::io::store::Session| {
        let mut r = common::demo(Lang::Nl);
        let effect = update(&mut r, Action::Restore(Box::new(session)));
        assert_eq!(effect, Some(Effect::LoadPortfolio), "read again at once");
        let a = wolkwijzer::tui::screens::portfolio::load_action(&r);
        update(&mut r, a);
        r
    };
    let r = resume(back.clone());
    assert_eq!(r.portfolio.placement.as_ref().unwrap().apps.len(), 2);
    assert!(r.status.is_none(), "unchanged: nothing to say");
    std::fs::write(
        home.path().join("good.csv"),
        "Pakket;Gegevensklasse\nEen;intern\nTwee;brp\nDrie;intern\n",
    )
    .unwrap();
    let r = resume(back.clone());
    assert_eq!(r.portfolio.placement.as_ref().unwrap().apps.len(), 3);
    let status = common::render(&r, 120, 36);
    assert!(
        status.contains(
            "Portfoliobestand gewijzigd sinds bewaren; opnieuw ingelezen: 3 applicaties."
        ),
        "{status}"
    );
    std::fs::remove_file(home.path().join("good.csv")).unwrap();
    let r = resume(back);
    let status = common::render(&r, 120, 36);
    assert!(
        status.contains("Portfoliobestand niet te lezen:"),
        "{status}"
    );
    assert!(
        r.session().portfolio.is_some(),
        "still remembered, to import again"
    );
}

#[test]
fn another_profile_empties_the_portfolio_pane() {
    let mut s = landscape(Lang::Nl);
    assert!(s.portfolio.placement.is_some());
    let p = wolkwijzer::io::profile::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/profiles/kleine-gemeente.toml"
    )))
    .unwrap();
    update(
        &mut s,
        Action::Loaded {
            profile: Box::new(p),
            origin: None,
        },
    );
    assert!(s.portfolio.loaded.is_none() && s.portfolio.placement.is_none());
}

#[test]
fn the_landscape_says_when_the_portfolio_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("p.toml");
    std::fs::write(
        &profile,
        wolkwijzer::io::profile::DEMO
            .replace("middelgrote-gemeente-portfolio.csv", "ontbreekt.csv"),
    )
    .unwrap();
    let p = wolkwijzer::io::profile::load(&profile).unwrap();
    let mut s = State::new(
        wolkwijzer::io::catalogue::built_in(),
        p,
        Some(profile.clone()),
    );
    let effect = update(&mut s, Action::GoTo(Screen::Landscape.index()));
    assert_eq!(effect, Some(Effect::LoadPortfolio));
    let a = wolkwijzer::tui::screens::portfolio::load_action(&s);
    update(&mut s, a);
    let text = common::render(&s, 80, 24);
    assert!(
        text.contains("Het portfolio is niet") && text.contains("ingelezen: p toont waarom."),
        "{text}"
    );
    // `p` shows why: the file and what is wrong with it.
    common::feed(&mut s, &[Action::Portfolio(PortfolioKey::Toggle)]);
    let text = common::render(&s, 120, 36);
    assert!(
        text.contains("ontbreekt.csv: het bestand is niet te lezen"),
        "{text}"
    );
}

#[test]
fn the_import_pane_speaks_the_tui_language() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/portfolio_import/bad.csv");
    let nl = wolkwijzer::tui::screens::portfolio::read_import(&path, Lang::Nl).unwrap_err();
    let en = wolkwijzer::tui::screens::portfolio::read_import(&path, Lang::En).unwrap_err();
    assert_eq!(nl.len(), en.len());
    assert!(
        nl[0].ends_with("bad.csv:2:2: BSN: geen ja of nee (toegestaan: ja, nee, yes, no, j, n, y, true, false, 1, 0, x, leeg)"),
        "{nl:?}"
    );
    assert!(
        en[0].ends_with("bad.csv:2:2: BSN: not yes or no (allowed: ja, nee, yes, no, j, n, y, true, false, 1, 0, x, empty)"),
        "{en:?}"
    );
    assert!(nl.iter().all(|l| !l.contains("allowed")), "{nl:?}");
    assert!(en.iter().all(|l| !l.contains("toegestaan")), "{en:?}");
}
