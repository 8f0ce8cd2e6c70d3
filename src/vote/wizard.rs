//! The participant's ballot as one screen per question, without script: who votes (the
//! municipality, the name in a named round), one screen per criterion (points or swing) or per
//! pair of criteria (AHP), the option they would choose, and a review with a link to change
//! each answer and the button that casts the ballot.
//!
//! The server keeps no draft. Every step is a plain `GET` form that carries the answers so
//! far as hidden fields; "next" checks the answers of its own step, "back" keeps what was typed
//! unchecked. Only the review's `POST` casts, and it goes through the same validation as a
//! ballot file. The review and the receipt also carry the ballot file itself as a `data:` link,
//! so a page that lost its network (or was saved on the phone) still yields the file for the
//! facilitator.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::core::criteria::Criterion;
use crate::core::round::{Ballot, Judgement, MAX_VALUE_BYTES, Problem, Question, RoundSpec, Scope};
use crate::core::text::Lang;
use crate::i18n::{fill, vote, vote_field_label, vote_problem};

use super::page::{self, BallotPage, esc};

/// One screen of the ballot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Who votes: the municipality (per-municipality rounds) and the name (named rounds).
    Who,
    /// One criterion's points or swing rating.
    Value(Criterion),
    /// One AHP judgement between two criteria.
    Pair(Criterion, Criterion),
    /// The option the participant would choose.
    Choice,
    /// Every answer with a link to change it, and the button that casts.
    Review,
}

impl Step {
    /// The ballot fields this step asks for.
    pub fn fields(self, spec: &RoundSpec) -> Vec<String> {
        match self {
            Step::Who => {
                let mut f = vec![];
                if spec.scope == Scope::PerMunicipality {
                    f.push("municipality".to_string());
                }
                if spec.named {
                    f.push("name".to_string());
                }
                f
            }
            Step::Value(c) => vec![spec.value_field(c)],
            Step::Pair(a, b) => vec![RoundSpec::pair_field(a, b)],
            Step::Choice => vec!["choice".to_string()],
            Step::Review => vec![],
        }
    }
}

/// The round's screens in order; the review is always the last.
pub fn steps(spec: &RoundSpec) -> Vec<Step> {
    let mut s = vec![];
    if spec.scope == Scope::PerMunicipality || spec.named {
        s.push(Step::Who);
    }
    match spec.question {
        Question::Points | Question::Swing => {
            s.extend(spec.criteria.iter().map(|&c| Step::Value(c)))
        }
        Question::Ahp => s.extend(spec.pairs().into_iter().map(|(a, b)| Step::Pair(a, b))),
    }
    if spec.ask_choice {
        s.push(Step::Choice);
    }
    s.push(Step::Review);
    s
}

/// Where a participant's request leads: the screen to show, the answers so far, and the
/// problems to point out there.
#[derive(Debug, Clone, PartialEq)]
pub struct Nav {
    /// Index into [`steps`].
    pub step: usize,
    pub draft: BTreeMap<String, String>,
    pub problems: Vec<Problem>,
    /// The screen was opened from the review: its "next" returns there.
    pub to_review: bool,
}

/// The answers among `pairs` that belong to the round (first of each field; longer values cut
/// to what validation would refuse anyway, so the page stays small).
pub fn draft_of(spec: &RoundSpec, pairs: &[(String, String)]) -> BTreeMap<String, String> {
    let allowed = spec.fields();
    let mut draft = BTreeMap::new();
    for (k, v) in pairs {
        if allowed.contains(k) && !draft.contains_key(k) {
            let v = crate::core::safe_text::cut_to(v, MAX_VALUE_BYTES + 1).into_owned();
            draft.insert(k.clone(), v);
        }
    }
    draft
}

/// The problems of `draft` that belong on screen `step`: its own fields on a question's
/// screen, all of them on the review.
pub fn problems_at(spec: &RoundSpec, step: Step, draft: &BTreeMap<String, String>) -> Vec<Problem> {
    let pairs: Vec<(String, String)> = draft.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let Err(all) = spec.validate_ballot(&pairs) else {
        return vec![];
    };
    match step {
        Step::Review => all,
        _ => {
            let own = step.fields(spec);
            all.into_iter().filter(|p| own.contains(&p.field)).collect()
        }
    }
}

/// Follows a `GET` of the ballot pages: `query` as sent (`step`, `go` = `next`/`back`, and the
/// answers so far), `cast` the participant's ballot if they cast one. A first visit without
/// answers starts at the first screen, or at the review of the cast ballot.
pub fn navigate(spec: &RoundSpec, query: &[(String, String)], cast: Option<&Ballot>) -> Nav {
    let all = steps(spec);
    let last = all.len() - 1;
    let value = |key: &str| {
        query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let mut draft = draft_of(spec, query);
    let to_review = value("ret") == Some("review");
    let Some(step) = value("step") else {
        if draft.is_empty()
            && let Some(b) = cast
        {
            draft = b.to_fields(spec).into_iter().collect();
            let problems = problems_at(spec, Step::Review, &draft);
            return Nav {
                step: last,
                draft,
                problems,
                to_review: false,
            };
        }
        return Nav {
            step: 0,
            draft,
            problems: vec![],
            to_review: false,
        };
    };
    let step = step.parse::<usize>().map_or(0, |s| s.min(last));
    let (step, problems) = match value("go") {
        Some("back") => (step.saturating_sub(1), vec![]),
        Some("next") => {
            let problems = problems_at(spec, all[step], &draft);
            if problems.is_empty() {
                (
                    if to_review {
                        last
                    } else {
                        (step + 1).min(last)
                    },
                    vec![],
                )
            } else {
                (step, problems)
            }
        }
        _ => (step, vec![]),
    };
    // The review always says what is still wrong: it is where the ballot is cast.
    let problems = if step == last {
        problems_at(spec, Step::Review, &draft)
    } else {
        problems
    };
    Nav {
        step,
        draft,
        problems,
        to_review: to_review && step != last,
    }
}

/// The query of a link to screen `step` that keeps the answers.
fn link(token: &str, lang: Lang, step: usize, draft: &BTreeMap<String, String>) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.append_pair("lang", lang.code());
    q.append_pair("step", &step.to_string());
    for (k, v) in draft {
        q.append_pair(k, v);
    }
    format!("/b/{token}?{}", q.finish())
}

/// A link to screen `step` from the review: that screen's "next" returns to the review.
fn back_link(token: &str, lang: Lang, step: usize, draft: &BTreeMap<String, String>) -> String {
    format!("{}&ret=review", link(token, lang, step, draft))
}

fn hidden(name: &str, value: &str) -> String {
    format!(
        "<input type=\"hidden\" name=\"{}\" value=\"{}\">\n",
        esc(name),
        esc(value)
    )
}

/// The progress line: "Vraag 3 van 9" on a question, "Controleren" on the review.
fn progress(lang: Lang, step: usize, total: usize) -> String {
    let t = vote(lang);
    let questions = total - 1;
    let text = if step + 1 == total {
        t.step_review.to_string()
    } else {
        fill(
            t.step_progress,
            &[
                ("n", &(step + 1).to_string()),
                ("total", &questions.to_string()),
            ],
        )
    };
    format!(
        "<p class=\"progress\"><span>{}</span> <progress value=\"{}\" max=\"{}\" aria-hidden=\"true\">\
         </progress></p>\n",
        esc(&text),
        step + 1,
        total
    )
}

/// The link to the screen of a field, if it has one.
type FieldLink<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The problems on top of a screen; on the review (`links`) each links to its question.
fn errors_box(p: &BallotPage<'_>, links: Option<FieldLink<'_>>) -> String {
    if p.problems.is_empty() {
        return String::new();
    }
    let t = vote(p.lang);
    let heading = if links.is_some() {
        t.errors_heading
    } else {
        t.step_errors_heading
    };
    let items: String = p
        .problems
        .iter()
        .map(|x| {
            let text = esc(&vote_problem(x, p.lang));
            match links.and_then(|l| l(&x.field)) {
                Some(href) => format!("<li><a href=\"{}\">{text}</a></li>", esc(&href)),
                None => format!("<li>{text}</li>"),
            }
        })
        .collect();
    format!(
        "<div class=\"errors\" role=\"alert\" tabindex=\"-1\" id=\"errors\"><p><strong>{}</strong></p>\
         <ul>{items}</ul></div>\n",
        esc(heading)
    )
}

/// The inputs of one question's screen.
fn inputs(p: &BallotPage<'_>, step: Step) -> String {
    let t = vote(p.lang);
    let lang = p.lang;
    let value = |f: &str| p.values.get(f).map(String::as_str).unwrap_or("");
    let mut b = String::new();
    match step {
        Step::Who => {
            if p.spec.scope == Scope::PerMunicipality {
                let _ = write!(
                    b,
                    "<fieldset{}>\n<legend>{}</legend>\n{}",
                    page::described_by(p.problems, "municipality"),
                    esc(t.municipality_legend),
                    page::field_errors(p.problems, "municipality", lang)
                );
                for (i, m) in p.spec.municipalities.iter().enumerate() {
                    b.push_str(&page::radio(
                        "municipality",
                        &format!("m{i}"),
                        m,
                        m,
                        value("municipality") == m,
                    ));
                }
                b.push_str("</fieldset>\n");
            }
            if p.spec.named {
                let _ = write!(
                    b,
                    "<label for=\"name\">{}</label>\n{}<input type=\"text\" id=\"name\" name=\"name\" \
                     maxlength=\"60\" required autocomplete=\"name\" value=\"{}\"{}>\n",
                    esc(t.name_label),
                    page::field_errors(p.problems, "name", lang),
                    esc(value("name")),
                    page::described_by(p.problems, "name")
                );
            } else {
                let _ = writeln!(b, "<p class=\"meta\">{}</p>", esc(t.anonymous_note));
            }
        }
        Step::Value(c) => {
            let swing = p.spec.question == Question::Swing;
            let (legend, hint, max) = if swing {
                (t.swing_question, t.swing_hint, 100)
            } else {
                (t.points_question, t.points_hint, 10)
            };
            let f = p.spec.value_field(c);
            let _ = write!(
                b,
                "<p class=\"question\">{legend}</p>\n<label class=\"big\" for=\"{f}\">{name}</label>\n\
                 <p class=\"hint\" id=\"hint-{f}\">{hint}</p>\n{errs}<input type=\"number\" id=\"{f}\" \
                 name=\"{f}\" min=\"0\" max=\"{max}\" step=\"1\" inputmode=\"numeric\" required \
                 autofocus value=\"{v}\" aria-describedby=\"hint-{f}\"{invalid}>\n",
                legend = esc(legend),
                f = esc(&f),
                name = esc(c.name().get(lang)),
                hint = esc(hint),
                errs = page::field_errors(p.problems, &f, lang),
                v = esc(value(&f)),
                invalid = if p.problems.iter().any(|x| x.field == f) {
                    " aria-invalid=\"true\""
                } else {
                    ""
                },
            );
        }
        Step::Pair(a, c) => {
            let f = RoundSpec::pair_field(a, c);
            let (an, cn) = (
                a.name().get(lang).to_string(),
                c.name().get(lang).to_string(),
            );
            let chosen = Judgement::parse(value(&f));
            let _ = write!(
                b,
                "<p class=\"question\">{legend}</p>\n<label class=\"big\" for=\"{f}\">{label}</label>\n\
                 {errs}<select id=\"{f}\" name=\"{f}\" autofocus{desc}>\n",
                legend = esc(t.ahp_legend),
                f = esc(&f),
                label = esc(&vote_field_label(&f, lang)),
                errs = page::field_errors(p.problems, &f, lang),
                desc = page::described_by(p.problems, &f),
            );
            // The second criterion favoured first, then equal, then the first favoured: the
            // list reads from one side to the other.
            for j in Judgement::scale() {
                let _ = writeln!(
                    b,
                    "<option value=\"{}\"{}>{}</option>",
                    j,
                    if Some(j) == chosen || (chosen.is_none() && j.favoured().0.is_none()) {
                        " selected"
                    } else {
                        ""
                    },
                    esc(&page::judgement_label(j, &an, &cn, lang))
                );
            }
            b.push_str("</select>\n");
        }
        Step::Choice => {
            let _ = write!(
                b,
                "<fieldset{}>\n<legend>{}</legend>\n{}",
                page::described_by(p.problems, "choice"),
                esc(t.choice_legend),
                page::field_errors(p.problems, "choice", lang)
            );
            for (o, name) in p.options {
                b.push_str(&page::radio(
                    "choice",
                    &format!("o-{}", o.id()),
                    o.id(),
                    name.get(lang),
                    value("choice") == o.id(),
                ));
            }
            let none = value("choice");
            b.push_str(&page::radio(
                "choice",
                "o-none",
                "none",
                t.no_preference,
                none.is_empty() || none == "none",
            ));
            b.push_str("</fieldset>\n");
        }
        Step::Review => {}
    }
    b
}

/// One question's screen: the progress line, the problems, the question, and next/back. A
/// `GET` form: it carries the other answers as hidden fields and changes nothing on the server.
/// With `to_review` (opened from the review) its "next" returns to the review.
pub fn step_page(p: &BallotPage<'_>, step: usize, to_review: bool) -> String {
    let all = steps(p.spec);
    let step = step.min(all.len() - 1);
    if all[step] == Step::Review {
        return review(p);
    }
    let t = vote(p.lang);
    let lang = p.lang;
    let own = all[step].fields(p.spec);
    let mut b = format!(
        "<h1>{}</h1>\n<p class=\"meta\">{} {}</p>\n{}",
        esc(t.ballot_heading),
        esc(t.round_label),
        esc(p.code),
        progress(lang, step, all.len())
    );
    b.push_str(&errors_box(p, None));
    let _ = writeln!(b, "<form method=\"get\" action=\"/b/{}\">", esc(p.token));
    b.push_str(&hidden("lang", lang.code()));
    b.push_str(&hidden("step", &step.to_string()));
    if to_review {
        b.push_str(&hidden("ret", "review"));
    }
    for (k, v) in p.values {
        if !own.contains(k) {
            b.push_str(&hidden(k, v));
        }
    }
    b.push_str(&inputs(p, all[step]));
    let _ = writeln!(
        b,
        "<button type=\"submit\" name=\"go\" value=\"next\">{}</button>",
        esc(t.next)
    );
    if step > 0 {
        let _ = writeln!(
            b,
            "<button type=\"submit\" name=\"go\" value=\"back\" class=\"secondary\" formnovalidate>{}</button>",
            esc(t.back)
        );
    }
    b.push_str("</form>");
    let other = if to_review {
        back_link(p.token, lang.toggled(), step, p.values)
    } else {
        link(p.token, lang.toggled(), step, p.values)
    };
    page::page(lang, t.page_title, Some(&other), &b)
}

/// What an answer reads as on the review and the receipt.
pub fn shown(p: &BallotPage<'_>, field: &str, value: &str) -> String {
    let t = vote(p.lang);
    let lang = p.lang;
    if field == "choice" {
        p.options
            .iter()
            .find(|(o, _)| o.id() == value)
            .map_or(t.no_preference.to_string(), |(_, n)| {
                n.get(lang).to_string()
            })
    } else if field.starts_with("ahp.") {
        let mut parts = field.split('.').skip(1);
        let name = |id: Option<&str>| {
            id.and_then(Criterion::from_id)
                .map_or(String::new(), |c| c.name().get(lang).to_string())
        };
        let (a, c) = (name(parts.next()), name(parts.next()));
        Judgement::parse(value).map_or(value.to_string(), |j| {
            page::judgement_label(j, &a, &c, lang)
        })
    } else {
        value.to_string()
    }
}

/// The ballot file of a valid draft as a `data:` link that downloads it: it works without the
/// server, also from a page saved on the phone.
pub fn file_link(p: &BallotPage<'_>) -> Option<String> {
    let pairs: Vec<(String, String)> = p
        .values
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let ballot = p.spec.validate_ballot(&pairs).ok()?;
    let text = super::ballot_file::write(p.code, p.spec, p.token, &ballot);
    let t = vote(p.lang);
    Some(format!(
        "<a class=\"button secondary\" id=\"ballot-file\" download=\"{name}\" \
         href=\"data:application/toml;charset=utf-8,{data}\">{download}</a>\n<p class=\"hint\">{hint}</p>\n",
        name = esc(&super::ballot_file::file_name(p.code)),
        data = percent_encoding::utf8_percent_encode(&text, percent_encoding::NON_ALPHANUMERIC),
        download = esc(t.download),
        hint = esc(t.download_hint),
    ))
}

/// The list of answers, each question above its answer (a phone is too narrow for three
/// columns); with `edit`, each answer links to its screen.
pub fn answers_table(p: &BallotPage<'_>, edit: bool) -> String {
    let t = vote(p.lang);
    let all = steps(p.spec);
    let mut rows = String::new();
    for (i, s) in all.iter().enumerate() {
        for f in s.fields(p.spec) {
            let v = p.values.get(&f).map(String::as_str).unwrap_or("");
            let answer = if v.is_empty() && f != "choice" {
                format!("<em>{}</em>", esc(t.not_answered))
            } else {
                esc(&shown(p, &f, v))
            };
            let label = vote_field_label(&f, p.lang);
            let change = if edit {
                format!(
                    " <a id=\"edit-{}\" href=\"{}\">{}<span class=\"visually-hidden\">: {}</span></a>",
                    esc(&f),
                    esc(&back_link(p.token, p.lang, i, p.values)),
                    esc(t.edit),
                    esc(&label)
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                rows,
                "<div><dt>{}</dt><dd><span>{answer}</span>{change}</dd></div>",
                esc(&label)
            );
        }
    }
    format!("<dl class=\"answers\">\n{rows}</dl>\n")
}

/// The review: every answer with a link to change it, what is still wrong, and the form that
/// casts the ballot (the answers as hidden fields, posted).
pub fn review(p: &BallotPage<'_>) -> String {
    let t = vote(p.lang);
    let lang = p.lang;
    let all = steps(p.spec);
    let last = all.len() - 1;
    let step_of = |field: &str| {
        all.iter()
            .position(|s| s.fields(p.spec).iter().any(|f| f == field))
            .map(|i| back_link(p.token, lang, i, p.values))
    };
    let mut b = format!(
        "<h1>{}</h1>\n<p class=\"meta\">{} {}</p>\n{}",
        esc(t.review_heading),
        esc(t.round_label),
        esc(p.code),
        progress(lang, last, all.len())
    );
    b.push_str(&errors_box(p, Some(&step_of)));
    let _ = writeln!(b, "<p>{}</p>", esc(t.review_intro));
    b.push_str(&answers_table(p, true));
    let _ = writeln!(
        b,
        "<form method=\"post\" action=\"/b/{}?lang={}\">",
        esc(p.token),
        lang.code()
    );
    for (k, v) in p.values {
        b.push_str(&hidden(k, v));
    }
    let _ = write!(
        b,
        "<button type=\"submit\"{}>{}</button>\n</form>\n",
        if p.problems.is_empty() {
            ""
        } else {
            " disabled"
        },
        esc(t.submit)
    );
    if let Some(file) = file_link(p) {
        b.push_str(&file);
    }
    let other = link(p.token, lang.toggled(), last, p.values);
    page::page(lang, t.page_title, Some(&other), &b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalogue::PlacementOption;
    use crate::core::round::ProblemKind;
    use crate::core::text::Localized;

    fn spec(question: Question, scope: Scope, named: bool) -> RoundSpec {
        RoundSpec {
            question,
            criteria: vec![Criterion::Privacy, Criterion::Control, Criterion::Exit],
            ask_choice: true,
            scope,
            municipalities: vec!["Aa".into(), "Bee".into()],
            named,
        }
    }

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn one_screen_per_question_then_the_review() {
        let s = spec(Question::Points, Scope::PerMunicipality, false);
        assert_eq!(
            steps(&s),
            vec![
                Step::Who,
                Step::Value(Criterion::Privacy),
                Step::Value(Criterion::Control),
                Step::Value(Criterion::Exit),
                Step::Choice,
                Step::Review
            ]
        );
        let s = spec(Question::Ahp, Scope::Everyone, false);
        let st = steps(&s);
        assert_eq!(st.len(), 3 + 2, "three pairs, the choice and the review");
        assert_eq!(st[0], Step::Pair(Criterion::Privacy, Criterion::Control));
        // Every field of the round is asked on exactly one screen.
        let asked: Vec<String> = st.iter().flat_map(|x| x.fields(&s)).collect();
        assert_eq!(asked, s.fields());
    }

    #[test]
    fn next_checks_only_its_own_screen_and_back_checks_nothing() {
        let s = spec(Question::Points, Scope::PerMunicipality, false);
        // The municipality is missing: "next" stays with that one problem.
        let nav = navigate(&s, &q(&[("step", "0"), ("go", "next")]), None);
        assert_eq!(nav.step, 0);
        assert_eq!(nav.problems.len(), 1);
        assert_eq!(nav.problems[0].field, "municipality");
        assert_eq!(nav.problems[0].kind, ProblemKind::Missing);
        // Given, it moves on although the points are not there yet.
        let nav = navigate(
            &s,
            &q(&[("step", "0"), ("go", "next"), ("municipality", "Bee")]),
            None,
        );
        assert_eq!((nav.step, nav.problems.len()), (1, 0));
        assert_eq!(
            nav.draft.get("municipality").map(String::as_str),
            Some("Bee")
        );
        // A value out of range keeps the participant on its screen.
        let nav = navigate(
            &s,
            &q(&[("step", "2"), ("go", "next"), ("points.control", "11")]),
            None,
        );
        assert_eq!(nav.step, 2);
        assert!(matches!(
            nav.problems[0].kind,
            ProblemKind::OutOfRange { .. }
        ));
        // Back keeps the unchecked value and shows no problem.
        let nav = navigate(
            &s,
            &q(&[("step", "2"), ("go", "back"), ("points.control", "11")]),
            None,
        );
        assert_eq!((nav.step, nav.problems.len()), (1, 0));
        assert_eq!(
            nav.draft.get("points.control").map(String::as_str),
            Some("11")
        );
        // Opened from the review, "next" returns there.
        let nav = navigate(
            &s,
            &q(&[
                ("step", "1"),
                ("go", "next"),
                ("ret", "review"),
                ("points.privacy", "4"),
            ]),
            None,
        );
        assert_eq!(nav.step, steps(&s).len() - 1);
        // Unknown fields and an absurd step never reach the draft or past the review.
        let nav = navigate(&s, &q(&[("step", "99"), ("evil", "x")]), None);
        assert_eq!(nav.step, steps(&s).len() - 1);
        assert!(!nav.draft.contains_key("evil"));
    }

    #[test]
    fn the_review_lists_what_is_still_wrong_and_a_cast_ballot_opens_on_the_review() {
        let s = spec(Question::Points, Scope::Everyone, false);
        let last = steps(&s).len() - 1;
        let all_zero = q(&[
            ("step", &last.to_string()),
            ("points.privacy", "0"),
            ("points.control", "0"),
            ("points.exit", "0"),
        ]);
        let nav = navigate(&s, &all_zero, None);
        assert_eq!(nav.problems.len(), 1);
        assert_eq!(nav.problems[0].kind, ProblemKind::AllZero);
        let fields = q(&[
            ("points.privacy", "8"),
            ("points.control", "5"),
            ("points.exit", "2"),
            ("choice", "ssc"),
        ]);
        let ballot = s.validate_ballot(&fields).unwrap();
        let nav = navigate(&s, &[], Some(&ballot));
        assert_eq!((nav.step, nav.problems.len()), (last, 0));
        assert_eq!(
            nav.draft.get("points.privacy").map(String::as_str),
            Some("8")
        );
        assert_eq!(navigate(&s, &[], None).step, 0);
    }

    fn page_input<'a>(
        s: &'a RoundSpec,
        values: &'a BTreeMap<String, String>,
        problems: &'a [Problem],
        options: &'a [(PlacementOption, Localized)],
    ) -> BallotPage<'a> {
        BallotPage {
            spec: s,
            code: "ABCD-EFGH",
            token: "TOK",
            lang: Lang::Nl,
            options,
            values,
            problems,
        }
    }

    #[test]
    fn a_screen_carries_the_other_answers_and_shows_its_progress() {
        let s = spec(Question::Points, Scope::PerMunicipality, false);
        let values: BTreeMap<String, String> = [
            ("municipality".to_string(), "B&<".to_string()),
            ("points.privacy".to_string(), "7".to_string()),
        ]
        .into();
        let options = [(PlacementOption::Ssc, Localized::new("SSC", "SSC"))];
        let html = step_page(&page_input(&s, &values, &[], &options), 1, false);
        assert!(html.contains("Vraag 2 van 5"), "{html}");
        assert!(html.contains("<form method=\"get\" action=\"/b/TOK\">"));
        assert!(
            html.contains("<input type=\"hidden\" name=\"municipality\" value=\"B&amp;&lt;\">")
        );
        assert!(html.contains("<label class=\"big\" for=\"points.privacy\">Privacy</label>"));
        assert!(html.contains("value=\"7\""));
        assert!(
            !html.contains("name=\"points.privacy\" value=\"7\"><"),
            "not hidden: {html}"
        );
        assert!(html.contains("value=\"back\""));
        assert!(!html.contains("<script"));
        assert!(!html.contains("http"), "no external resource: {html}");
        // The first screen has no way back.
        let first = step_page(&page_input(&s, &values, &[], &options), 0, false);
        assert!(!first.contains("value=\"back\""));
    }

    #[test]
    fn the_review_links_each_answer_to_its_screen_and_holds_the_file() {
        let s = spec(Question::Points, Scope::Everyone, false);
        let values: BTreeMap<String, String> = [
            ("points.privacy".to_string(), "8".to_string()),
            ("points.control".to_string(), "5".to_string()),
            ("points.exit".to_string(), "0".to_string()),
            ("choice".to_string(), "ssc".to_string()),
        ]
        .into();
        let options = [(PlacementOption::Ssc, Localized::new("Shared", "Shared"))];
        let html = review(&page_input(&s, &values, &[], &options));
        assert!(
            html.contains("id=\"edit-points.control\" href=\"/b/TOK?lang=nl&amp;step=1&amp;"),
            "{html}"
        );
        assert!(html.contains("&amp;ret=review\""), "{html}");
        assert!(html.contains("<form method=\"post\" action=\"/b/TOK?lang=nl\">"));
        assert!(
            html.contains("<dt>Optie</dt><dd><span>Shared</span> <a id=\"edit-choice\""),
            "{html}"
        );
        // The file link holds exactly the ballot file.
        let start = html.find("charset=utf-8,").unwrap() + "charset=utf-8,".len();
        let end = start + html[start..].find('"').unwrap();
        let text = percent_encoding::percent_decode_str(&html[start..end])
            .decode_utf8()
            .unwrap();
        let ballot = s
            .validate_ballot(&values.clone().into_iter().collect::<Vec<_>>())
            .unwrap();
        assert_eq!(
            text,
            super::super::ballot_file::write("ABCD-EFGH", &s, "TOK", &ballot)
        );
        // With a problem: no file, the button is disabled, the problem links to its screen.
        let bad: BTreeMap<String, String> =
            [("points.privacy".to_string(), "x".to_string())].into();
        let problems = s
            .validate_ballot(&bad.clone().into_iter().collect::<Vec<_>>())
            .unwrap_err();
        let html = review(&page_input(&s, &bad, &problems, &options));
        assert!(!html.contains("data:"));
        assert!(html.contains(" disabled>"));
        assert!(
            html.contains("<li><a href=\"/b/TOK?lang=nl&amp;step=0&amp;"),
            "{html}"
        );
    }
}
