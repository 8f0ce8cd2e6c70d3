//! Every screen in Dutch and in English (TestBackend), every view of it that shows numbers:
//! a Dutch number never has a decimal point (`7.24`, `9.0`), an English one never a decimal
//! comma (`7,24`) or a thousands dot (`45.300`). Ids, paths, versions and section numbers
//! (`§ 3.2`, `art. 5.1`) are not numbers of the room and are skipped: tokens glued to a letter,
//! and the citation lines (`↳ …`).
#![allow(clippy::unwrap_used)]

mod common;

use wolkwijzer::core::text::Lang;
use wolkwijzer::tui::{Action, Screen, State};

/// Maximal runs of digits with `.`/`,` inside, that stand alone (not glued to a letter, `§`,
/// `-` or `_`), with the word before them.
fn numbers(line: &str) -> Vec<(String, String)> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = vec![];
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == ',') {
            i += 1;
        }
        let mut tok: String = chars[start..i].iter().collect();
        while tok.ends_with(['.', ',']) {
            tok.pop();
        }
        let before = start.checked_sub(1).map(|k| chars[k]);
        let after = chars.get(i).copied();
        let glued = |c: Option<char>| {
            c.is_some_and(|c| c.is_alphabetic() || matches!(c, '§' | '-' | '_' | '/' | '.'))
        };
        if glued(before) || after.is_some_and(|c| c.is_alphabetic() || c == '_' || c == '/') {
            continue;
        }
        let word: String = chars[..start]
            .iter()
            .collect::<String>()
            .split_whitespace()
            .last()
            .unwrap_or("")
            .to_lowercase();
        out.push((tok, word));
    }
    out
}

/// Words after which a dotted number is a section, article or version, not a quantity.
const SECTION_WORDS: [&str; 9] = [
    "§",
    "art.",
    "artikel",
    "paragraaf",
    "section",
    "versie",
    "version",
    "bio",
    "hoofdstuk",
];

fn bad_dutch(tok: &str) -> bool {
    // Dutch: grouping dots take exactly three digits each and come before any comma.
    let int_part = tok.split(',').next().unwrap_or("");
    let groups: Vec<&str> = int_part.split('.').collect();
    groups.len() > 1 && groups[1..].iter().any(|g| g.len() != 3)
}

fn bad_english(tok: &str) -> bool {
    // English: a comma followed by anything but a group of three is a decimal comma; a dot
    // followed by exactly three digits after two or more digits is a thousands dot (45.300),
    // while small values with three decimals (CR 0.125, λmax 6.760) are fine.
    let int_part = tok.split('.').next().unwrap_or("");
    let comma_groups: Vec<&str> = int_part.split(',').collect();
    let decimal_comma = comma_groups.len() > 1 && comma_groups[1..].iter().any(|g| g.len() != 3);
    let dots: Vec<&str> = tok.split('.').collect();
    let thousands_dot = dots.len() > 2
        || (dots.len() == 2 && dots[1].len() == 3 && dots[0].replace(',', "").len() >= 2);
    decimal_comma || thousands_dot
}

/// Every text the profile itself gives (names, business-case line labels such as
/// "Administratie (0,5 fte)"): the room's own words, shown as typed in either language.
fn profile_texts(state: &State) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) if s.chars().count() >= 8 => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = vec![];
    walk(&serde_json::to_value(&state.profile).unwrap(), &mut out);
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out
}

fn check(state: &State, label: &str, problems: &mut Vec<String>) {
    let own = profile_texts(state);
    for (w, h) in [(120, 36), (160, 48)] {
        let text = common::render(state, w, h);
        for line in text.lines() {
            if line.contains('↳') {
                continue;
            }
            // The profile's own texts are not numbers the screen formatted (decision screens,
            // issue 15: input labels are no longer cut where there is room).
            let mut line = line.to_string();
            for t in &own {
                line = line.replace(t.as_str(), " ");
            }
            let line = line.as_str();
            for (tok, word) in numbers(line) {
                if SECTION_WORDS.iter().any(|s| word.ends_with(s)) {
                    continue;
                }
                let bad = match state.lang {
                    Lang::Nl => bad_dutch(&tok),
                    Lang::En => bad_english(&tok),
                };
                if bad {
                    problems.push(format!(
                        "{label} {:?} {w}x{h}: `{tok}` in: {}",
                        state.lang,
                        line.trim()
                    ));
                }
            }
        }
    }
}

fn views(mut s: State, name: &str, problems: &mut Vec<String>) {
    for screen in Screen::ALL {
        common::feed(&mut s, &[Action::GoTo(screen.index())]);
        check(&s, &format!("{name} {screen:?}"), problems);
    }
    common::feed(
        &mut s,
        &[
            Action::GoTo(Screen::Comparison.index()),
            Action::ToggleSensitivity,
        ],
    );
    for pane in 0..4 {
        check(&s, &format!("{name} sensitivity pane {pane}"), problems);
        common::feed(&mut s, &[Action::Right]);
    }
    common::feed(&mut s, &[Action::ToggleSensitivity]);
    if s.is_group() {
        common::feed(&mut s, &[Action::Reveal, Action::ToggleGroup]);
        check(&s, &format!("{name} group view"), problems);
        common::feed(&mut s, &[Action::ToggleGroup]);
    }
    // Each elicitation method on the weights screen.
    common::feed(&mut s, &[Action::GoTo(Screen::Weights.index())]);
    for m in 0..5 {
        common::feed(&mut s, &[Action::NextMethod]);
        check(&s, &format!("{name} weights method {m}"), problems);
    }
}

#[test]
fn no_screen_mixes_up_the_decimal_separator_of_its_language() {
    let mut problems = vec![];
    for lang in [Lang::Nl, Lang::En] {
        views(common::demo(lang), "demo", &mut problems);
        views(common::starters(lang), "starters", &mut problems);
    }
    problems.dedup();
    assert!(
        problems.is_empty(),
        "{} numbers in the wrong notation:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_checker_flags_what_it_should() {
    assert!(
        bad_dutch("7.24") && bad_dutch("9.0") && !bad_dutch("45.300") && !bad_dutch("1.234,50")
    );
    assert!(bad_english("7,24") && bad_english("45.300") && !bad_english("45,300"));
    assert!(!bad_english("0.125") && !bad_english("6.760") && !bad_english("1,234.50"));
    assert_eq!(
        numbers("CR 0,208 en §3.2 v1.2 45.300."),
        vec![
            ("0,208".to_string(), "cr".to_string()),
            ("45.300".to_string(), "v1.2".to_string()),
        ]
    );
}
