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
    let imported =
        wolkwijzer::io::portfolio::for_profile(None, s.profile.portfolio.as_deref().unwrap())
            .unwrap();
    update(
        &mut s,
        Action::Portfolio(PortfolioKey::Loaded(
            Ok(Box::new(imported)),
            Date::new(2026, 12, 1).unwrap(),
        )),
    );
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
    let imported =
        wolkwijzer::io::portfolio::for_profile(None, s.profile.portfolio.as_deref().unwrap())
            .unwrap();
    update(
        &mut s,
        Action::Portfolio(PortfolioKey::Loaded(
            Ok(Box::new(imported)),
            Date::new(2026, 12, 1).unwrap(),
        )),
    );
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
