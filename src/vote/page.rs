//! The participant's pages, rendered on the server as plain HTML: the join page, the ballot
//! form, the receipt, and the refusals. No script, no external resource, one small style sheet
//! served by the same process; every input has a label, touch targets are at least 48 pixels
//! high, and the text has high contrast. Pure functions of their input; `server` sends them.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::core::catalogue::PlacementOption;
use crate::core::round::{Judgement, Problem, RoundSpec};
use crate::core::text::{Lang, Localized};
use crate::i18n::{fill, vote, vote_problem};

/// The style sheet (`/style.css`).
pub const STYLE: &str = "\
*{box-sizing:border-box}
html{font-size:18px}
body{margin:0;padding:1rem;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;\
color:#111;background:#fff;line-height:1.45;max-width:40rem;margin-inline:auto}
h1{font-size:1.4rem;margin:.2rem 0 .6rem}
h2{font-size:1.15rem;margin:1.2rem 0 .4rem}
p{margin:.4rem 0}
.meta{color:#333;font-size:.9rem}
fieldset{border:2px solid #555;border-radius:8px;margin:1rem 0;padding:.6rem .8rem}
legend{font-weight:700;padding:0 .3rem}
.hint{color:#333;font-size:.9rem;margin:.2rem 0 .6rem}
label{display:block;font-weight:600;margin:.6rem 0 .2rem}
.choice{display:flex;align-items:center;gap:.6rem;min-height:48px;margin:.2rem 0;font-weight:400;\
padding:.2rem .4rem;border-radius:6px}
.choice input{width:1.4rem;height:1.4rem;margin:0;flex:none}
input[type=number],input[type=text],select{display:block;width:100%;min-height:48px;font-size:1.1rem;\
padding:.4rem .6rem;border:2px solid #333;border-radius:6px;background:#fff;color:#111}
input[type=number]{max-width:8rem}
button,.button{display:block;width:100%;min-height:52px;font-size:1.15rem;font-weight:700;margin:1.2rem 0;\
color:#fff;background:#0b4f8a;border:0;border-radius:8px;text-align:center;text-decoration:none;padding:.8rem}
.button.secondary{color:#0b4f8a;background:#fff;border:2px solid #0b4f8a}
a{color:#0b4f8a}
:focus-visible{outline:3px solid #c60;outline-offset:2px}
.errors{border:3px solid #a00;border-radius:8px;padding:.6rem .8rem;background:#fff4f4;color:#600}
.errors ul{margin:.3rem 0 0;padding-left:1.2rem}
.field-error{color:#a00;font-weight:700;margin:.2rem 0}
.ok{border:3px solid #176b2c;border-radius:8px;padding:.6rem .8rem;background:#f2fbf4}
footer{margin-top:2rem;color:#333;font-size:.85rem}
.progress{display:flex;align-items:center;gap:.6rem;margin:.2rem 0 .8rem;font-weight:600}
.progress progress{flex:1;height:.6rem}
.question{font-size:1rem;color:#333;margin:.8rem 0 .2rem}
label.big{font-size:1.35rem;font-weight:700;margin:.2rem 0 .4rem}
button.secondary{color:#0b4f8a;background:#fff;border:2px solid #0b4f8a;margin-top:0}
button[disabled]{background:#767676;cursor:not-allowed}
td a{display:inline-block;min-height:44px;min-width:44px;padding:.6rem 0}
.answers{margin:.6rem 0 1rem}
.answers div{border-bottom:1px solid #ccc;padding:.3rem 0}
.answers dt{font-weight:700}
.answers dd{margin:0;display:flex;justify-content:space-between;align-items:center;gap:.8rem}
.answers dd a{display:inline-flex;align-items:center;min-height:44px;padding:0 .2rem;flex:none}
h1,h2,dt,dd,label,legend{overflow-wrap:anywhere}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
";

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    s.chars()
        .fold(String::with_capacity(s.len()), |mut out, ch| {
            let _ = match ch {
                '&' => out.write_str("&amp;"),
                '<' => out.write_str("&lt;"),
                '>' => out.write_str("&gt;"),
                '"' => out.write_str("&quot;"),
                '\'' => out.write_str("&#39;"),
                c => out.write_char(c),
            };
            out
        })
}

/// What the ballot page needs besides the round's spec.
pub struct BallotPage<'a> {
    pub spec: &'a RoundSpec,
    /// The round's join code.
    pub code: &'a str,
    /// The participant's token (the form posts to `/b/{token}`).
    pub token: &'a str,
    pub lang: Lang,
    /// Names of the placement options (from the catalogue).
    pub options: &'a [(PlacementOption, Localized)],
    /// Values to show in the form: the participant's earlier ballot or what they just sent.
    pub values: &'a BTreeMap<String, String>,
    /// Problems of what they just sent (empty: none).
    pub problems: &'a [Problem],
}

pub(super) fn page(lang: Lang, title: &str, lang_link: Option<&str>, body: &str) -> String {
    let t = vote(lang);
    let switch = lang_link.map_or(String::new(), |href| {
        format!(
            "<p class=\"meta\"><a href=\"{}\" lang=\"{}\">{}</a></p>",
            esc(href),
            lang.toggled().code(),
            esc(t.lang_switch)
        )
    });
    format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <title>{title}</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n\
         <main>\n{body}\n</main>\n{switch}\n<footer>{footer}</footer>\n</body>\n</html>\n",
        code = lang.code(),
        title = esc(title),
        footer = esc(t.footer),
    )
}

/// The start page: type the round's code.
pub fn join(lang: Lang, error: Option<&str>) -> String {
    let t = vote(lang);
    let err = error.map_or(String::new(), |e| {
        format!(
            "<div class=\"errors\" role=\"alert\"><p>{}</p></div>\n",
            esc(e)
        )
    });
    let body = format!(
        "<h1>{h}</h1>\n{err}<p>{intro}</p>\n<form method=\"get\" action=\"/j\">\n\
         <input type=\"hidden\" name=\"lang\" value=\"{code}\">\n\
         <label for=\"code\">{label}</label>\n\
         <input type=\"text\" id=\"code\" name=\"code\" autocomplete=\"off\" autocapitalize=\"characters\" \
         spellcheck=\"false\" required maxlength=\"20\">\n\
         <button type=\"submit\">{button}</button>\n</form>",
        h = esc(t.join_heading),
        intro = esc(t.join_intro),
        code = lang.code(),
        label = esc(t.join_code_label),
        button = esc(t.join_button),
    );
    let other = format!("/?lang={}", lang.toggled().code());
    page(lang, t.page_title, Some(&other), &body)
}

/// A short page with a heading and a message (refusals, closed round).
pub fn message(lang: Lang, heading: &str, text: &str) -> String {
    let body = format!(
        "<h1>{}</h1>\n<div class=\"errors\" role=\"alert\"><p>{}</p></div>",
        esc(heading),
        esc(text)
    );
    page(lang, vote(lang).page_title, None, &body)
}

pub(super) fn field_errors(problems: &[Problem], field: &str, lang: Lang) -> String {
    problems
        .iter()
        .filter(|p| p.field == field)
        .map(|p| {
            format!(
                "<p class=\"field-error\" id=\"err-{}\">{}</p>\n",
                esc(field),
                esc(&vote_problem(p, lang))
            )
        })
        .collect()
}

pub(super) fn described_by(problems: &[Problem], field: &str) -> String {
    if problems.iter().any(|p| p.field == field) {
        format!(
            " aria-describedby=\"err-{}\" aria-invalid=\"true\"",
            esc(field)
        )
    } else {
        String::new()
    }
}

pub(super) fn radio(name: &str, id: &str, value: &str, text: &str, checked: bool) -> String {
    format!(
        "<label class=\"choice\" for=\"{id}\"><input type=\"radio\" id=\"{id}\" name=\"{name}\" \
         value=\"{value}\"{c} required><span>{text}</span></label>\n",
        id = esc(id),
        name = esc(name),
        value = esc(value),
        text = esc(text),
        c = if checked { " checked" } else { "" }
    )
}

/// The label of one AHP judgement in the select list.
pub fn judgement_label(j: Judgement, a: &str, b: &str, lang: Lang) -> String {
    let t = vote(lang);
    match j.favoured() {
        (None, _) => t.ahp_equal.to_string(),
        (Some(first), n) => fill(
            t.ahp_more,
            &[
                ("a", if first { a } else { b }),
                ("n", &n.to_string()),
                ("word", t.ahp_words[usize::from(n).saturating_sub(2).min(7)]),
            ],
        ),
    }
}

/// The receipt after a ballot was accepted: what was recorded, a link to change it, and the
/// ballot file as a link that works without the server.
pub fn received(p: &BallotPage<'_>) -> String {
    let t = vote(p.lang);
    let lang = p.lang;
    let body = format!(
        "<h1>{h}</h1>\n<div class=\"ok\" role=\"status\"><p>{text}</p></div>\n\
         <h2>{answers}</h2>\n{table}\
         <a class=\"button\" href=\"/b/{tok}?lang={code}\">{change}</a>\n{file}",
        h = esc(t.received_heading),
        text = esc(t.received_text),
        answers = esc(t.your_answers),
        table = super::wizard::answers_table(p, false),
        tok = esc(p.token),
        code = lang.code(),
        change = esc(t.change),
        file = super::wizard::file_link(p).unwrap_or_default(),
    );
    let other = format!("/b/{}/ok?lang={}", p.token, lang.toggled().code());
    page(lang, t.page_title, Some(&other), &body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::criteria::Criterion;
    use crate::core::round::{ProblemKind, Question, Scope};

    fn spec(question: Question) -> RoundSpec {
        RoundSpec {
            question,
            criteria: vec![Criterion::Privacy, Criterion::Control],
            ask_choice: true,
            scope: Scope::PerMunicipality,
            municipalities: vec!["Aa".into(), "B&<\"".into()],
            named: false,
        }
    }

    #[test]
    fn escaping_covers_markup() {
        assert_eq!(
            esc("<a href=\"x\">'&"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;"
        );
    }

    #[test]
    fn the_screens_label_every_input_and_escape_names() {
        let s = spec(Question::Points);
        let values = BTreeMap::new();
        let options = [(PlacementOption::Ssc, Localized::new("SSC", "SSC"))];
        let p = BallotPage {
            spec: &s,
            code: "ABCD-EFGH",
            token: "TOK",
            lang: Lang::Nl,
            options: &options,
            values: &values,
            problems: &[],
        };
        let who = super::super::wizard::step_page(&p, 0, false);
        assert!(who.contains("B&amp;&lt;&quot;"), "{who}");
        let html = super::super::wizard::step_page(&p, 1, false);
        assert!(html.contains("<label class=\"big\" for=\"points.privacy\">Privacy</label>"));
        assert!(html.contains("id=\"points.privacy\""));
        for h in [&who, &html] {
            assert!(!h.contains("<script"));
            assert!(!h.contains("http"), "no external resource: {h}");
        }
    }

    #[test]
    fn problems_are_shown_beside_their_field_and_on_top() {
        let s = spec(Question::Ahp);
        let values: BTreeMap<String, String> =
            [("ahp.privacy.control".to_string(), "1/3".to_string())].into();
        let problems = [Problem {
            field: "municipality".into(),
            kind: ProblemKind::Missing,
        }];
        let p = BallotPage {
            spec: &s,
            code: "C",
            token: "T",
            lang: Lang::En,
            options: &[],
            values: &values,
            problems: &problems,
        };
        let who = super::super::wizard::step_page(&p, 0, false);
        assert!(who.contains("Municipality: please fill this in."), "{who}");
        assert!(who.contains("<strong>Please fix first:</strong>"), "{who}");
        assert!(who.contains("aria-invalid=\"true\""));
        let pair = super::super::wizard::step_page(&BallotPage { problems: &[], ..p }, 1, false);
        assert!(
            pair.contains(
                "<option value=\"1/3\" selected>Control 3× as important (moderately)</option>"
            ),
            "{pair}"
        );
    }
}
