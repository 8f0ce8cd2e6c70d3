//! The landscape's reasons pane scrolls (issue 15): PgDn/PgUp/Home/End move it, a scrollbar
//! shows where it is when the reasons do not fit, none when they do, and a wrapped rule keeps
//! its indent under its mark. On the portfolio list the same keys move the cursor a page, or to
//! either end.
#![allow(clippy::unwrap_used)]

mod common;

use wolkwijzer::core::portfolio::Date;
use wolkwijzer::core::text::Lang;
use wolkwijzer::tui::screens::portfolio::PortfolioKey;
use wolkwijzer::tui::widgets::scroll::Scroll;
use wolkwijzer::tui::{Action, Screen, State, update};

/// The starter group's landscape at `w`×`h`, the first workload (the BRP, with the most rules)
/// selected.
fn landscape(w: u16, h: u16) -> State {
    let mut s = common::starters(Lang::Nl);
    common::feed(
        &mut s,
        &[
            Action::Resize(w, h),
            Action::GoTo(Screen::Landscape.index()),
        ],
    );
    s
}

/// The rows of the reasons pane: those below the title "╭ Burgerzaken (BRP) ".
fn reasons(frame: &str) -> Vec<String> {
    frame
        .lines()
        .skip_while(|l| !l.contains("╭ Burgerzaken (BRP) "))
        .skip(1)
        .take_while(|l| !l.contains('╰'))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_reasons_pane_scrolls_with_a_scrollbar_when_it_does_not_fit() {
    let mut s = landscape(120, 36);
    let top = common::render(&s, 120, 36);
    let first = reasons(&top);
    assert!(first[0].contains("BRP-gegevens →"), "{top}");
    assert!(
        top.contains('▲') && top.contains('▼'),
        "a scrollbar:\n{top}"
    );

    update(&mut s, Action::Scroll(Scroll::PageDown));
    let paged = common::render(&s, 120, 36);
    assert_ne!(reasons(&paged), first, "PgDn moved the pane:\n{paged}");
    assert!(!reasons(&paged)[0].contains("BRP-gegevens →"), "{paged}");

    update(&mut s, Action::Scroll(Scroll::End));
    let end = common::render(&s, 120, 36);
    // The last reason's last source is on the last row of the pane.
    let last = reasons(&end).last().cloned().unwrap();
    assert!(last.contains('['), "the end of the last source:\n{end}");

    update(&mut s, Action::Scroll(Scroll::Home));
    assert_eq!(reasons(&common::render(&s, 120, 36)), first);

    // Another workload starts at the top of its own reasons.
    update(&mut s, Action::Scroll(Scroll::End));
    update(&mut s, Action::Down);
    update(&mut s, Action::Up);
    assert_eq!(reasons(&common::render(&s, 120, 36)), first);
}

#[test]
fn a_pane_that_fits_has_no_scrollbar_and_wrapped_rules_keep_their_indent() {
    let s = landscape(200, 60);
    let frame = common::render(&s, 200, 60);
    let rows = reasons(&frame);
    assert!(
        !rows.iter().any(|r| r.contains('▲') || r.contains('█')),
        "no scrollbar at 200×60:\n{frame}"
    );
    // At 120 columns the BRP rule wraps: its continuation starts under the text, not under
    // the ✗.
    let frame = common::render(&landscape(120, 36), 120, 36);
    let rows = reasons(&frame);
    let i = rows.iter().position(|r| r.contains("│ ✗ ")).unwrap();
    assert!(
        rows[i + 1].starts_with(" │   ") && !rows[i + 1].contains('↳'),
        "the continuation is indented under the text:\n{frame}"
    );
}

#[test]
fn page_keys_move_the_portfolio_cursor_a_page_or_to_either_end() {
    let mut s = common::demo(Lang::Nl);
    common::feed(
        &mut s,
        &[
            Action::Resize(120, 36),
            Action::GoTo(Screen::Landscape.index()),
        ],
    );
    update(&mut s, Action::Portfolio(PortfolioKey::Toggle));
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
    assert_eq!(s.portfolio.cursor, 0);
    update(&mut s, Action::Scroll(Scroll::PageDown));
    let page = s.portfolio.cursor;
    assert!(page > 1, "a page is more than one row: {page}");
    update(&mut s, Action::Scroll(Scroll::End));
    let n = s
        .portfolio
        .loaded
        .as_ref()
        .unwrap()
        .as_ref()
        .unwrap()
        .portfolio
        .applications
        .len();
    assert_eq!(s.portfolio.cursor, n - 1);
    update(&mut s, Action::Scroll(Scroll::PageUp));
    assert_eq!(s.portfolio.cursor, n - 1 - page);
    update(&mut s, Action::Scroll(Scroll::Home));
    assert_eq!(s.portfolio.cursor, 0);
}

/// A box's title stays inside its corners, at every size: a long candidate name is shortened
/// where it is least telling, never cut by the corner.
#[test]
fn box_titles_fit_inside_their_corners() {
    for (w, h) in [(80, 24), (120, 36), (200, 60)] {
        let frame = common::render(&landscape(w, h), w, h);
        for line in frame.lines().filter(|l| l.contains('╭')) {
            for (i, _) in line.match_indices('╮') {
                assert!(
                    line[..i].ends_with('─'),
                    "a title runs into its corner at {w}×{h}:\n{frame}"
                );
            }
        }
        assert!(frame.contains("· IaaS · Gedeelde cloud ─"), "{frame}");
    }
}
