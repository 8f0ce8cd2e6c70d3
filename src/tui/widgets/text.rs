//! Fitting text into cells: cutting with "…" that keeps the part that tells items apart, and
//! wrapping that keeps a line's indent. Widths are terminal cells (a wide character counts
//! two), so what is computed here is what is drawn. Every screen uses these instead of cutting
//! by hand.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// The separator between the parts of a candidate's name ("Hosting · IaaS · Privé").
pub const PART_SEP: &str = " · ";

/// The width of a text in terminal cells.
pub fn width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// The longest start of `text` that fits in `n` cells.
fn take_cells(text: &str, n: usize) -> &str {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > n {
            return &text[..i];
        }
        used += w;
    }
    text
}

/// `text` cut to at most `n` cells, the cut marked with "…".
pub fn fit(text: &str, n: usize) -> String {
    if width(text) <= n {
        return text.to_string();
    }
    if n == 0 {
        return String::new();
    }
    let mut s = take_cells(text, n - 1)
        .trim_end_matches([' ', '·', ',', ':'])
        .to_string();
    s.push('…');
    s
}

/// `text` cut to at most `n` cells so that items whose names share parts stay told apart
/// ("Hosting · IaaS · Private cloud", "Hosting · IaaS · Public cloud EU" and "… non-EU").
/// Parts are separated by `sep`. The first part gives way first, cut at its end down to three
/// cells ("Ho…": its start tells it apart); then the longest later part, cut in its middle
/// ("Publ…d EU", keeping its start and its end) down to six cells, then five ("Pr…ud",
/// "Pu…EU"); a part of four cells or less ("IaaS") is left whole. Only then is the whole cut
/// at its end.
pub fn fit_parts(text: &str, sep: &str, n: usize) -> String {
    if width(text) <= n {
        return text.to_string();
    }
    let parts: Vec<Vec<char>> = text.split(sep).map(|p| p.chars().collect()).collect();
    if parts.len() < 2 {
        return fit(text, n);
    }
    let mut target: Vec<usize> = parts.iter().map(Vec::len).collect();
    let fixed = width(sep) * (parts.len() - 1);
    let total = |t: &[usize]| fixed + t.iter().sum::<usize>();
    while total(&target) > n && target[0] > 3 {
        target[0] -= 1;
    }
    // Later parts down to six cells, then (a narrow column) down to five and four.
    for min in [6, 5, 4] {
        while total(&target) > n {
            let Some(i) = target
                .iter()
                .enumerate()
                .skip(1)
                .filter(|&(_, &t)| t > min)
                .max_by_key(|&(i, &t)| (t, i))
                .map(|(i, _)| i)
            else {
                break;
            };
            target[i] -= 1;
        }
    }
    if total(&target) > n {
        return fit(text, n);
    }
    parts
        .iter()
        .zip(&target)
        .enumerate()
        .map(|(i, (p, &t))| {
            if i == 0 {
                fit(&p.iter().collect::<String>(), t)
            } else {
                middle_cut(p, t)
            }
        })
        .collect::<Vec<_>>()
        .join(sep)
}

/// A part cut to `t` characters in its middle: its start, "…", its end.
fn middle_cut(part: &[char], t: usize) -> String {
    if part.len() <= t {
        return part.iter().collect();
    }
    let keep = t.saturating_sub(1);
    let head = keep.div_ceil(2);
    let tail = keep - head;
    let mut s: String = part[..head].iter().collect();
    s = s.trim_end().to_string();
    s.push('…');
    let end: String = part[part.len() - tail..].iter().collect();
    s.push_str(end.trim_start());
    s
}

/// A candidate's name ("Option · model · deployment") fitted to `n` cells, keeping what tells
/// the variants apart (see [`fit_parts`]).
pub fn fit_name(name: &str, n: usize) -> String {
    fit_parts(name, PART_SEP, n)
}

/// Candidates' names fitted to `n` cells so that two candidates never read the same and each
/// keeps its option, service model and deployment. One form is taken for the candidates shown
/// together, `among` (all of the catalogue's when empty), so that a column reads alike: the
/// first in which they all fit. The forms are the full name ("Hosting · IaaS · Publieke cloud
/// EU"); the option's short name with the deployment without "cloud" ("Gastgemeente · SaaS ·
/// Gedeeld"); the compact forms of `i18n` ("Gastgem. · SaaS · ged."), then the same with
/// single spaces ("Gastgem. SaaS ged."). In the compact forms an on-premises candidate in a
/// private cloud drops its deployment, which on-premises implies ("Coloc. · eig. beheer"). At
/// 20 cells every candidate of the catalogue fits whole in the last form; only below it is
/// that form cut at its end. The form is chosen once (`new`), then each name is made (`get`).
pub struct CandidateLabels<'a> {
    catalogue: &'a crate::core::catalogue::Catalogue,
    lang: crate::core::text::Lang,
    n: usize,
    level: usize,
}

impl<'a> CandidateLabels<'a> {
    /// The form in which every candidate of `among` fits in `n` cells.
    pub fn new(
        catalogue: &'a crate::core::catalogue::Catalogue,
        among: &[crate::core::catalogue::CandidateKey],
        lang: crate::core::text::Lang,
        n: usize,
    ) -> Self {
        let fits = |k, level| width(&candidate_form(catalogue, k, lang, level)) <= n;
        let level = (0..FORMS)
            .find(|&level| {
                if among.is_empty() {
                    catalogue.candidates.iter().all(|c| fits(c.key(), level))
                } else {
                    among.iter().all(|&k| fits(k, level))
                }
            })
            .unwrap_or(FORMS - 1);
        CandidateLabels {
            catalogue,
            lang,
            n,
            level,
        }
    }

    /// The name of `key` in the chosen form.
    pub fn get(&self, key: crate::core::catalogue::CandidateKey) -> String {
        fit(
            &candidate_form(self.catalogue, key, self.lang, self.level),
            self.n,
        )
    }
}

/// One candidate's name as [`CandidateLabels`] makes it (for a name shown on its own, or in
/// a test).
pub fn candidate_label(
    catalogue: &crate::core::catalogue::Catalogue,
    among: &[crate::core::catalogue::CandidateKey],
    key: crate::core::catalogue::CandidateKey,
    lang: crate::core::text::Lang,
    n: usize,
) -> String {
    CandidateLabels::new(catalogue, among, lang, n).get(key)
}

/// How many forms of a candidate's name [`candidate_form`] knows.
const FORMS: usize = 4;

/// A candidate's name in form `level` (0 full … 3 compact with single spaces).
fn candidate_form(
    catalogue: &crate::core::catalogue::Catalogue,
    key: crate::core::catalogue::CandidateKey,
    lang: crate::core::text::Lang,
    level: usize,
) -> String {
    use crate::core::catalogue::{Deployment, ServiceModel, short_model};
    use crate::report::label::{
        deployment_compact, deployment_short, model_compact, option_compact,
    };
    match level {
        0 => catalogue.candidate_name(key, lang),
        1 => {
            let option = catalogue
                .option(key.option)
                .map(|o| o.short.get(lang).to_string())
                .unwrap_or_else(|| option_compact(key.option, lang).to_string());
            let model = short_model(key.service_model, lang);
            [
                option.as_str(),
                model,
                deployment_short(key.deployment, lang),
            ]
            .join(PART_SEP)
        }
        _ => {
            let mut parts = vec![
                option_compact(key.option, lang),
                model_compact(key.service_model, lang),
            ];
            let implied = key.service_model == ServiceModel::OnPremises
                && key.deployment == Deployment::Private;
            if !implied {
                parts.push(deployment_compact(key.deployment, lang));
            }
            parts.join(if level == 2 { PART_SEP } else { " " })
        }
    }
}

/// Wraps styled lines to `width` cells. A wrapped line keeps its indent: the continuation
/// rows start under the first word after the line's leading marks (spaces, "•", "✓", "+", "−",
/// "§", "▶" and the like), so a list item stays one block. Words longer than a row are broken.
pub fn wrap(lines: &[Line<'_>], width: usize) -> Vec<Line<'static>> {
    let mut out = vec![];
    for line in lines {
        wrap_line(line, width.max(1), &mut out);
    }
    out
}

/// One styled character of a line.
type Cell = (char, Style);

fn wrap_line(line: &Line<'_>, width: usize, out: &mut Vec<Line<'static>>) {
    let cells: Vec<Cell> = line
        .spans
        .iter()
        .flat_map(|s| {
            let st = line.style.patch(s.style);
            s.content.chars().map(move |c| (c, st))
        })
        .collect();
    let cell_w = |c: char| c.width().unwrap_or(0);
    let total: usize = cells.iter().map(|&(c, _)| cell_w(c)).sum();
    if total <= width {
        out.push(to_line(&cells, line));
        return;
    }
    // The hanging indent: the leading blanks and marks, up to the first letter or digit.
    let indent_chars = cells
        .iter()
        .take_while(|&&(c, _)| !c.is_alphanumeric() && c != '(' && c != '[' && c != '"')
        .count();
    let indent_w: usize = cells[..indent_chars].iter().map(|&(c, _)| cell_w(c)).sum();
    let indent_w = if indent_w * 2 > width { 0 } else { indent_w };
    let mut row: Vec<Cell> = vec![];
    let mut row_w = 0;
    let mut i = 0;
    while i < cells.len() {
        // The next word with the blanks before it.
        let start = i;
        while i < cells.len() && cells[i].0 == ' ' {
            i += 1;
        }
        while i < cells.len() && cells[i].0 != ' ' {
            i += 1;
        }
        let word = &cells[start..i];
        let word_w: usize = word.iter().map(|&(c, _)| cell_w(c)).sum();
        if row_w + word_w <= width {
            row.extend_from_slice(word);
            row_w += word_w;
            continue;
        }
        // The word goes on the next row, without its leading blanks; on a row that holds
        // only the indent (or the line's leading marks) it stays, and is broken there.
        let rest: Vec<Cell> = if row_w > indent_w {
            out.push(to_line(trim_end(&row), line));
            row = vec![(' ', Style::default()); indent_w];
            row_w = indent_w;
            word.iter()
                .copied()
                .skip_while(|&(c, _)| c == ' ')
                .collect()
        } else {
            word.to_vec()
        };
        // A word longer than a row is broken over rows.
        for (c, st) in rest {
            let w = cell_w(c);
            if row_w + w > width && row_w > indent_w {
                out.push(to_line(trim_end(&row), line));
                row = vec![(' ', Style::default()); indent_w];
                row_w = indent_w;
            }
            row.push((c, st));
            row_w += w;
        }
    }
    if !row.is_empty() {
        out.push(to_line(trim_end(&row), line));
    }
}

fn trim_end(row: &[Cell]) -> &[Cell] {
    let end = row
        .iter()
        .rposition(|&(c, _)| c != ' ')
        .map_or(0, |p| p + 1);
    &row[..end]
}

/// Styled cells back into spans (one per run of the same style).
fn to_line(cells: &[Cell], like: &Line<'_>) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = vec![];
    let mut text = String::new();
    let mut style = None;
    for &(c, st) in cells {
        if style.is_some_and(|s| s != st) {
            spans.push(Span::styled(
                std::mem::take(&mut text),
                style.unwrap_or_default(),
            ));
        }
        style = Some(st);
        text.push(c);
    }
    if !text.is_empty() {
        spans.push(Span::styled(text, style.unwrap_or_default()));
    }
    Line::from(spans).alignment(like.alignment.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn plain(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("Hosting", 10), "Hosting");
        assert_eq!(fit("Hosting", 7), "Hosting");
        assert_eq!(fit("Hosting", 5), "Host…");
        assert_eq!(fit("Hosting", 1), "…");
        assert_eq!(fit("Hosting", 0), "");
    }

    #[test]
    fn variants_stay_apart() {
        let names = [
            "Hosting · IaaS · Private cloud",
            "Hosting · IaaS · Public cloud EU",
            "Hosting · IaaS · Public cloud non-EU",
            "Hosting · PaaS · Public cloud EU",
            "Hosting · IaaS · Privé",
            "Hosting · IaaS · Publiek",
        ];
        for n in 21..40 {
            // (Below 21 "Public cloud EU" and "… non-EU" both become "Pu…EU".)
            let fitted: Vec<String> = names.iter().map(|x| fit_name(x, n)).collect();
            for (i, a) in fitted.iter().enumerate() {
                assert!(width(a) <= n, "at {n}: {a}");
                for b in &fitted[i + 1..] {
                    assert_ne!(a, b, "at {n}: {fitted:?}");
                }
            }
        }
        assert_eq!(
            fit_name("Hosting · IaaS · Private cloud", 30),
            "Hosting · IaaS · Private cloud"
        );
        assert_eq!(
            fit_name("Hosting · IaaS · Public cloud EU", 26),
            "Ho… · IaaS · Public…oud EU"
        );
        assert_eq!(fit_name("Hosting · IaaS · Privé", 18), "Ho… · IaaS · Privé");
    }

    #[test]
    fn candidate_labels_stay_apart_and_keep_their_parts() {
        use crate::core::catalogue::{Deployment, PlacementOption, ServiceModel};
        use crate::core::text::Lang;
        let cat = crate::io::catalogue::built_in();
        let keys = cat.candidates.iter().map(|c| c.key()).collect::<Vec<_>>();
        assert!(keys.len() >= 10, "{}", keys.len());
        for lang in [Lang::Nl, Lang::En] {
            for n in 20..50 {
                let labels: Vec<String> = keys
                    .iter()
                    .map(|&k| candidate_label(&cat, &[], k, lang, n))
                    .collect();
                for (i, (a, &k)) in labels.iter().zip(&keys).enumerate() {
                    assert!(width(a) <= n, "at {n}: {a}");
                    assert!(!a.contains('…'), "cut at {n}: {a}");
                    // The model is always there; a deployment unless on-premises implies it.
                    let model = crate::report::label::model_compact(k.service_model, lang);
                    let full_model = crate::core::catalogue::short_model(k.service_model, lang);
                    assert!(a.contains(model) || a.contains(full_model), "{a}");
                    let on_prem_private = k.service_model == ServiceModel::OnPremises
                        && k.deployment == Deployment::Private;
                    if !on_prem_private {
                        let d = k.deployment;
                        let full = cat
                            .deployment(d)
                            .map(|x| x.name.get(lang).to_string())
                            .unwrap_or_default();
                        let parts = [
                            crate::report::label::deployment_compact(d, lang),
                            crate::report::label::deployment_short(d, lang),
                            full.as_str(),
                        ];
                        assert!(parts.iter().any(|p| a.contains(p)), "{a}");
                    }
                    for b in &labels[i + 1..] {
                        assert_ne!(a, b, "at {n} in {lang:?}: {labels:#?}");
                    }
                }
            }
        }
        let key = |o, m, d| crate::core::catalogue::CandidateKey {
            option: o,
            service_model: m,
            deployment: d,
        };
        let host = key(
            PlacementOption::Host,
            ServiceModel::Saas,
            Deployment::Community,
        );
        let public = key(
            PlacementOption::Managed,
            ServiceModel::Iaas,
            Deployment::Public,
        );
        for (k, lang, n, want) in [
            (host, Lang::En, 20, "Host mun. SaaS comm."),
            (host, Lang::Nl, 40, "Gastgemeente · SaaS · Gedeeld"),
            (public, Lang::Nl, 26, "Hosting · IaaS · publ.EU"),
            (public, Lang::Nl, 20, "Hosting IaaS publ.EU"),
            // Below 20 cells the compact form is cut at its end.
            (public, Lang::Nl, 12, "Hosting Iaa…"),
        ] {
            assert_eq!(candidate_label(&cat, &[], k, lang, n), want);
        }
    }

    #[test]
    fn wrapped_lines_keep_their_indent() {
        let line = Line::from("  • een lange regel die over meer rijen loopt");
        let rows = plain(&wrap(&[line], 20));
        assert_eq!(
            rows,
            vec![
                "  • een lange regel",
                "    die over meer",
                "    rijen loopt"
            ]
        );
    }

    #[test]
    fn wrap_keeps_styles_and_breaks_long_words() {
        let bold = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let line = Line::from(vec![
            Span::styled("✓ ", bold),
            Span::raw("abcdefghijklmnop"),
        ]);
        let rows = wrap(&[line], 8);
        assert_eq!(plain(&rows), vec!["✓ abcdef", "  ghijkl", "  mnop"]);
        assert_eq!(rows[0].spans[0].style, bold);
    }

    proptest! {
        /// Fitting never exceeds the width and keeps a text that fits unchanged.
        #[test]
        fn fit_never_overflows(text in "[a-zé· ]{0,40}", n in 0usize..50) {
            let f = fit(&text, n);
            prop_assert!(width(&f) <= n);
            if width(&text) <= n { prop_assert_eq!(f, text.clone()); }
            let g = fit_name(&text, n);
            prop_assert!(width(&g) <= n);
        }

        /// Wrapping never exceeds the width and loses no word.
        #[test]
        fn wrap_never_overflows_and_keeps_words(
            words in proptest::collection::vec("[a-z]{1,12}", 0..30),
            indent in 0usize..6,
            w in 4usize..60,
        ) {
            let text = format!("{}{}", " ".repeat(indent), words.join(" "));
            let rows = wrap(&[Line::from(text.clone())], w);
            for r in &rows {
                prop_assert!(width(&r.to_string()) <= w, "{r} wider than {w}");
            }
            let joined: String = plain(&rows).join(" ");
            let got: String = joined.split_whitespace().collect();
            let want: String = text.split_whitespace().collect();
            prop_assert_eq!(got, want);
        }
    }
}
