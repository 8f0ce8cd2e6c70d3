//! The business case screen (screen 8): snapshots at 80×24 and 160×48 in Dutch and English
//! for the demo and the starter group, key-driven edits through `update` (an amount changes
//! the table and the return year; invalid input shows an error and keeps the state), the
//! message for a profile without a business case, and the session round trip of the edits.

mod common;

use wolkwijzer::core::text::Lang;
use wolkwijzer::io::{catalogue, profile};
use wolkwijzer::tui::{Action, Screen, State};

fn starters(lang: Lang) -> State {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/startersgroep.toml");
    let p = profile::load(&path).expect("the shipped starter group is valid");
    let mut s = State::new(catalogue::built_in(), p, None);
    s.lang = lang;
    s
}

fn on_screen(mut s: State) -> State {
    common::feed(&mut s, &[Action::GoTo(Screen::BusinessCase.index())]);
    s
}

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

#[test]
fn snapshots_for_the_demo_and_the_starter_group() {
    for lang in [Lang::Nl, Lang::En] {
        for (w, h) in SIZES {
            let demo = on_screen(common::demo(lang));
            let text = common::render(&demo, w, h);
            insta::assert_snapshot!(format!("business_case_demo_{}_{w}x{h}", lang.code()), text);
            let group = on_screen(starters(lang));
            let text = common::render(&group, w, h);
            // Losers are flagged with a text marker, not only a colour.
            let marker = if lang == Lang::Nl { "✗ verliest" } else { "✗ loses" };
            assert!(text.contains(marker), "{text}");
            insta::assert_snapshot!(format!("business_case_group_{}_{w}x{h}", lang.code()), text);
        }
    }
}
