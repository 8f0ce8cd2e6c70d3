//! The decision note as a council document: golden tests of the beslispunten and the summary
//! (what a clerk lifts into the municipality's own raadsvoorstel template) for every shipped
//! profile in both languages, and the structure every note shares.
//!
//! The snapshots are Markdown of the two chapters, rendered by the one Markdown renderer; when
//! scores change (a new criterion rule), regenerate them with `INSTA_UPDATE=always` and read
//! the diff: the sentences must still say what the numbers say.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

mod common;

use std::path::Path;

use wolkwijzer::core::scoring::evaluate;
use wolkwijzer::core::text::Lang;
use wolkwijzer::i18n::council;
use wolkwijzer::io::{catalogue, profile};
use wolkwijzer::report::doc::{self, Block, Document};
use wolkwijzer::report::note::{Note, NoteInput, council as front, document};
use wolkwijzer::report::number;

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

fn lift(note: &Note) -> String {
    let mut d = Document::new("", note.language());
    d.extend(front::decisions_and_summary(note, &document::annexes(note)));
    doc::markdown::render(&d)
}

#[test]
fn golden_decisions_and_summary_for_every_profile_in_both_languages() {
    let profiles = common::shipped_profiles();
    assert!(profiles.len() >= 4, "{profiles:?}");
    for path in profiles {
        for lang in [Lang::Nl, Lang::En] {
            let note = common::note(&path, lang);
            let text = lift(&note);
            insta::assert_snapshot!(format!("council_{}_{}", stem(&path), lang.code()), text);
        }
    }
}

#[test]
fn the_decisions_name_the_leader_and_the_summary_its_total_and_the_gap() {
    for path in common::shipped_profiles() {
        for lang in [Lang::Nl, Lang::En] {
            let note = common::note(&path, lang);
            let text = lift(&note);
            let c = council(lang);
            assert!(
                text.starts_with(&format!("## {}\n\n1. ", c.decisions)),
                "{text}"
            );
            assert!(text.contains(&format!("\n## {}\n", c.summary)));
            let leader = &note.ranking[0];
            let first_decision = text.lines().nth(2).unwrap();
            assert!(
                first_decision.contains(&leader.candidate.name),
                "{}: {first_decision}",
                stem(&path)
            );
            assert!(text.contains(&number::score(leader.total, lang)));
            let runner = &note.ranking[1];
            assert!(text.contains(&runner.candidate.name));
            assert!(text.contains(&number::score(runner.total, lang)));
            // The smallest flip, when there is one, is in the summary with both weights.
            if let Some(f) = note.robustness.as_ref().and_then(|r| r.flip.as_ref()) {
                assert!(text.contains(&number::weight(f.from, lang)), "{text}");
                assert!(text.contains(&number::weight(f.to, lang)), "{text}");
            }
            // A business case: the expected band's return year or "not within the horizon".
            if let Some(s) = note.business_case.as_ref().map(|b| &b.scenarios[0]) {
                assert!(text.contains(&s.label), "{text}");
            }
        }
    }
}

#[test]
fn the_front_matter_has_the_chapters_of_a_raadsvoorstel_in_order() {
    let path = common::shipped_profiles()[0].clone();
    for lang in [Lang::Nl, Lang::En] {
        let note = common::note(&path, lang);
        let d = document::document(&note);
        let heads: Vec<String> = d
            .headings()
            .into_iter()
            .filter(|(level, _)| *level == 2)
            .map(|(_, t)| t)
            .collect();
        let c = council(lang);
        let expected = [
            c.decisions,
            c.summary,
            c.occasion,
            c.effect,
            c.arguments,
            c.caveats,
            c.finance,
            c.next_steps,
            c.annexes,
        ];
        assert_eq!(&heads[..expected.len()], &expected.map(String::from)[..]);
        let annex = match lang {
            Lang::Nl => "Bijlage 1. ",
            Lang::En => "Annex 1. ",
        };
        assert!(heads[expected.len()].starts_with(annex), "{heads:?}");
        // Every annex a front-matter chapter points to exists.
        let md = doc::markdown::render(&d);
        let count = document::annexes(&note).len();
        let word = match lang {
            Lang::Nl => "bijlage ",
            Lang::En => "annex ",
        };
        for (i, _) in md.match_indices(word) {
            let n: String = md[i + word.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if let Ok(n) = n.parse::<usize>() {
                assert!((1..=count).contains(&n), "{word}{n} of {count}");
            }
        }
    }
}

#[test]
fn a_note_without_a_business_case_says_so_in_its_financial_chapter() {
    let cat = catalogue::built_in();
    let path = common::shipped_profiles()[0].clone();
    let mut p = profile::load(&path).unwrap();
    p.business_case = None;
    let e = evaluate(&cat, &p).unwrap();
    let note = Note::build(&NoteInput {
        catalogue: &cat,
        profile: &p,
        evaluation: &e,
        lang: Lang::Nl,
        form: None,
    })
    .unwrap();
    let blocks = front::front_matter(&note, &document::annexes(&note));
    let c = council(Lang::Nl);
    let at = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { text, .. } if text == c.finance))
        .unwrap();
    assert_eq!(blocks[at + 1], doc::para(c.finance_none));
    let md = doc::markdown::render(&document::document(&note));
    assert!(md.contains(c.next_business_case));
    assert!(
        !md.contains("bijlage 9"),
        "one annex fewer: no business case"
    );
}

/// The summary's exclusion sentence agrees with its number: "valt 1 … af" / "vallen 2 … af",
/// "1 … is excluded" / "2 … are excluded"; likewise the open obstacles.
#[test]
fn the_summary_agrees_with_one_and_with_more_excluded_combinations() {
    let path = common::shipped_profiles()
        .into_iter()
        .find(|p| !common::note(p, Lang::Nl).excluded.is_empty())
        .expect("a shipped profile with an excluded combination");
    for lang in [Lang::Nl, Lang::En] {
        let full = common::note(&path, lang);
        for n in [1, 2] {
            let mut note = full.clone();
            let first = note.excluded[0].clone();
            note.excluded = vec![first; n];
            // Every combination scored: the admissible ones and the excluded.
            let total = note.ranking.len() + n;
            let text = lift(&note);
            let (want, wrong) = match (lang, n) {
                (Lang::Nl, 1) => (
                    format!("Op harde eisen valt 1 van de {total} combinaties af"),
                    "vallen 1 van".to_string(),
                ),
                (Lang::Nl, _) => (
                    format!("Op harde eisen vallen 2 van de {total} combinaties af"),
                    "valt 2 van".to_string(),
                ),
                (Lang::En, 1) => (
                    format!("1 of the {total} combinations is excluded"),
                    "1 of the combinations are".to_string(),
                ),
                (Lang::En, _) => (
                    format!("2 of the {total} combinations are excluded"),
                    format!("2 of the {total} combinations is"),
                ),
            };
            assert!(
                text.contains(&want),
                "{lang:?}, {n}: {want:?} not in\n{text}"
            );
            assert!(
                !text.contains(&wrong),
                "{lang:?}, {n}: {wrong:?} in\n{text}"
            );
        }
    }
}

/// The council reads names, not the program's ids: no note of a shipped profile, in either
/// language, shows an id as code (the business-case chapter once named its candidate
/// `ssc-iaas-community` beside its name).
#[test]
fn no_note_shows_an_internal_id_as_code() {
    for path in common::shipped_profiles() {
        for lang in [Lang::Nl, Lang::En] {
            let note = common::note(&path, lang);
            let md = doc::markdown::render(&document::document(&note));
            let code: Vec<&str> = md.lines().filter(|l| l.contains('`')).collect();
            assert!(code.is_empty(), "{}: {lang:?}: {code:#?}", path.display());
        }
    }
}
