//! Snapshots of the decision tools in the TUI on `TestBackend`, at 80×24 and 160×48, in Dutch
//! and English: each weight-elicitation method on the weights screen, the sensitivity view's
//! panes on the comparison screen, and the group view on `profiles/startersgroep.toml`.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

mod common;

use wolkwijzer::core::text::Lang;
use wolkwijzer::tui::{Action, Screen, State};

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn snap_both(name: &str, s: &State) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(
            format!("{name}_{}_{w}x{h}", s.lang.code()),
            common::render(s, w, h)
        );
    }
}

#[test]
fn each_elicitation_method_on_the_weights_screen() {
    for lang in [Lang::Nl, Lang::En] {
        let mut s = common::demo(lang);
        common::feed(&mut s, &[Action::GoTo(Screen::Weights.index())]);
        // Swing: the second swing lowered; ROC and rank-sum: one criterion moved up; AHP: two
        // judgements given, the second one contradicting the first.
        common::feed(
            &mut s,
            &[
                Action::NextMethod,
                Action::Down,
                Action::Decrease,
                Action::Decrease,
            ],
        );
        snap_both("elicit_swing", &s);
        common::feed(&mut s, &[Action::NextMethod, Action::MoveItemUp]);
        snap_both("elicit_roc", &s);
        common::feed(&mut s, &[Action::NextMethod, Action::Select]);
        snap_both("elicit_rank_sum", &s);
        common::feed(&mut s, &[Action::NextMethod]);
        common::feed(&mut s, &vec![Action::Left; 4]);
        common::feed(&mut s, &[Action::Down]);
        common::feed(&mut s, &vec![Action::Left; 2]);
        common::feed(
            &mut s,
            &[Action::Down, Action::Down, Action::Down, Action::Down],
        );
        common::feed(&mut s, &vec![Action::Right; 6]);
        snap_both("elicit_ahp", &s);
    }
}

#[test]
fn sensitivity_view_on_the_comparison_screen() {
    for lang in [Lang::Nl, Lang::En] {
        let mut s = common::demo(lang);
        common::feed(
            &mut s,
            &[
                Action::GoTo(Screen::Comparison.index()),
                Action::ToggleSensitivity,
            ],
        );
        // 160×48 shows all four panes; 80×24 one at a time (←/→).
        snap_both("sensitivity", &s);
        for pane in ["stability", "smaa", "topsis"] {
            common::feed(&mut s, &[Action::Right]);
            insta::assert_snapshot!(
                format!("sensitivity_{pane}_{}_80x24", lang.code()),
                common::render(&s, 80, 24)
            );
        }
    }
}

#[test]
fn group_view_on_the_starter_group() {
    for lang in [Lang::Nl, Lang::En] {
        let mut s = common::starters(lang);
        common::feed(
            &mut s,
            &[
                Action::GoTo(Screen::Comparison.index()),
                Action::ToggleGroup,
            ],
        );
        snap_both("group_blind", &s);
        common::feed(&mut s, &[Action::Reveal]);
        snap_both("group_revealed", &s);
    }
}
