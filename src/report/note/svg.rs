//! Inline SVG charts of the decision note: ranking bars, the layer matrix, the landscape as
//! boxes and (with the business case) the cumulative cash-flow lines. Each chart is an
//! `<svg role="img">` with a `<title>` and a `<desc>` it is labelled by; the HTML puts the
//! same figures in a table next to it. Widths come from a fixed `viewBox` and scale to the
//! page, so no chart is wider than its column. No scripts, no external resources.

use std::fmt::Write;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::{LEADING, Note, ScenarioNote};
use crate::core::text::Lang;
use crate::i18n::report as labels;
use crate::report::number;

/// The width of every chart in user units.
const WIDTH: f64 = 720.0;

/// The advance of an average character of a 13-unit label, for laying out a legend.
const LABEL_CHAR: f64 = 7.4;

/// The same for a 12-unit tick label.
const TICK_CHAR: f64 = 6.9;

/// Escapes text for HTML and SVG content and attributes.
pub(super) use crate::report::doc::html::esc;

/// Wraps text on spaces into lines of at most `max` characters (a longer word stays whole).
pub(super) fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = vec![];
    let mut line = String::new();
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The charts' style sheet, carried inside every SVG (a `<style>` after its title and
/// description), so a chart looks the same in the HTML note and rasterised for Word. Literal
/// colours, the page's palette (see the contrast test of `note::html`); no font family, so the
/// chart takes the page's font in HTML and the embedded one as an image.
pub const STYLE: &str = concat!(
    "svg .label { font-size: 13px; fill: #1b1f24; }",
    "svg .value { font-size: 13px; font-weight: 600; fill: #1b1f24; }",
    "svg .tick { font-size: 12px; fill: #4a5563; }",
    "svg .head { font-size: 13px; font-weight: 600; fill: #17375e; }",
    "svg .bar { fill: #7f9cbd; }",
    "svg .bar.lead { fill: #17375e; }",
    "svg .axis { stroke: #4a5563; stroke-width: 1; }",
    "svg rect.level.full { fill: #1e6b45; }",
    "svg rect.level.configuration { fill: #f4d58d; }",
    "svg rect.level.none { fill: #d9dde3; }",
    "svg .cell { font-size: 13px; font-weight: 600; fill: #1b1f24; }",
    "svg .cell.full { fill: #fff; }",
    "svg .cell.small { font-size: 11.5px; font-weight: 400; }",
    "svg .box { fill: #fff; stroke: #17375e; stroke-width: 1.2; }",
    "svg .box.unplaced { stroke: #7a1f1f; stroke-dasharray: 5 3; }",
    "svg .boxhead { fill: #eef2f7; }",
    "svg .boxtitle { font-size: 13px; font-weight: 700; fill: #17375e; }",
    "svg .item { font-size: 12.5px; fill: #1b1f24; }",
    "svg .band { fill: #d6e2ef; }",
    "svg .line { fill: none; stroke-width: 2.5; }",
    "svg .line.estimate { stroke: #1b1f24; stroke-width: 3.5; }",
    "svg .line.favourable { stroke: #1e6b45; }",
    "svg .line.expected { stroke: #1f4e8c; stroke-dasharray: 9 4; }",
    "svg .line.unfavourable { stroke: #7a1f1f; stroke-dasharray: 3 3; }",
    "svg .dot { stroke: #fff; stroke-width: 1.5; }",
    "svg .dot.estimate { fill: #1b1f24; }",
    "svg .dot.favourable { fill: #1e6b45; }",
    "svg .dot.expected { fill: #1f4e8c; }",
    "svg .dot.unfavourable { fill: #7a1f1f; }",
    "svg .marker { stroke: #4a5563; stroke-dasharray: 3 3; }",
);

/// A chart: its title and description (the alt text, also inside the SVG as `<title>` and
/// `<desc>`) and the SVG markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub title: String,
    pub desc: String,
    pub svg: String,
}

/// Opens an accessible SVG: role, labelled by its title and description.
fn open(out: &mut String, id: &str, height: f64, title: &str, desc: &str) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="{id}-title {id}-desc" preserveAspectRatio="xMinYMin meet"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc><style>{STYLE}</style>"#,
        esc(title),
        esc(desc)
    );
}

/// The ranking as horizontal bars on the 0–10 scale; the leading candidates in the darker tone.
pub(super) fn ranking_bars(note: &Note, id: &str) -> Chart {
    let lang = note.language();
    let t = labels(lang);
    let row = 26.0;
    let top = 8.0;
    let label_w = 330.0;
    let bar_w = 320.0;
    let max = f64::from(note.scale[1]);
    let height = top + row * note.ranking.len() as f64 + 30.0;
    let desc = note
        .ranking
        .iter()
        .map(|r| {
            format!(
                "{} {}: {}",
                crate::core::text::rank_compact(r.rank, r.tied),
                r.candidate.name,
                number::score(r.total, lang)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let mut out = String::new();
    let title = t.ranking_chart.to_string();
    let desc = format!("{} {desc}.", t.ranking_chart_desc);
    open(&mut out, id, height, &title, &desc);
    for (i, r) in note.ranking.iter().enumerate() {
        let y = top + row * i as f64;
        let w = (r.total / max).clamp(0.0, 1.0) * bar_w;
        let class = if r.rank <= LEADING { "bar lead" } else { "bar" };
        let _ = write!(
            out,
            r#"<text class="label" x="{:.1}" y="{:.1}" text-anchor="end">{}</text><rect class="{class}" x="{label_w}" y="{:.1}" width="{w:.1}" height="{:.1}"/><text class="value" x="{:.1}" y="{:.1}">{}</text>"#,
            label_w - 8.0,
            y + 17.0,
            esc(&r.candidate.name),
            y + 4.0,
            row - 8.0,
            label_w + w + 6.0,
            y + 17.0,
            number::score(r.total, lang)
        );
    }
    let axis_y = top + row * note.ranking.len() as f64 + 4.0;
    let _ = write!(
        out,
        r#"<line class="axis" x1="{label_w}" y1="{axis_y:.1}" x2="{:.1}" y2="{axis_y:.1}"/><text class="tick" x="{label_w}" y="{:.1}" text-anchor="middle">{}</text><text class="tick" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text></svg>"#,
        label_w + bar_w,
        axis_y + 16.0,
        note.scale[0],
        label_w + bar_w,
        axis_y + 16.0,
        note.scale[1]
    );
    Chart {
        title,
        desc,
        svg: out,
    }
}

/// The layer matrix: one row per layer, one column per leading candidate, each cell coloured by
/// the control level and naming who runs what is given up.
pub(super) fn layer_matrix(note: &Note, id: &str) -> Chart {
    let lang = note.language();
    let t = labels(lang);
    let l = &note.layers;
    let n = l.candidates.len().max(1) as f64;
    let first = 200.0;
    let col = (WIDTH - first) / n;
    let head_h = 62.0;
    let row_h = 54.0;
    let legend_h = 34.0;
    let height = head_h + row_h * l.rows.len() as f64 + legend_h;
    let mut desc = vec![];
    for (i, c) in l.candidates.iter().enumerate() {
        let cells: Vec<String> = l
            .rows
            .iter()
            .map(|r| format!("{} {}", r.name, r.cells[i].level_name))
            .collect();
        desc.push(format!("{}: {}", c.name, cells.join(", ")));
    }
    let mut out = String::new();
    let title = t.layers_chart.to_string();
    let desc = format!("{}.", desc.join("; "));
    open(&mut out, id, height, &title, &desc);
    for (i, c) in l.candidates.iter().enumerate() {
        let x = first + col * i as f64 + col / 2.0;
        for (j, part) in c.name.split(" · ").enumerate() {
            let _ = write!(
                out,
                r#"<text class="head" x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                16.0 + 16.0 * j as f64,
                esc(part)
            );
        }
    }
    for (r, row) in l.rows.iter().enumerate() {
        let y = head_h + row_h * r as f64;
        for (j, line) in wrap(&row.name, 24).iter().enumerate() {
            let _ = write!(
                out,
                r#"<text class="label" x="0" y="{:.1}">{}</text>"#,
                y + 22.0 + 16.0 * j as f64,
                esc(line)
            );
        }
        for (i, cell) in row.cells.iter().enumerate() {
            let x = first + col * i as f64;
            let _ = write!(
                out,
                r#"<rect class="level {}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="3"/><text class="cell {}" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                cell.level,
                x + 3.0,
                y + 3.0,
                col - 6.0,
                row_h - 6.0,
                cell.level,
                x + col / 2.0,
                y + 23.0,
                esc(&cell.level_name)
            );
            if let Some(to) = &cell.given_to {
                let _ = write!(
                    out,
                    r#"<text class="cell small {}" x="{:.1}" y="{:.1}" text-anchor="middle">{} {}</text>"#,
                    cell.level,
                    x + col / 2.0,
                    y + 40.0,
                    esc(t.given_to),
                    esc(to)
                );
            }
        }
    }
    let y = head_h + row_h * l.rows.len() as f64 + 10.0;
    let levels = [
        ("full", crate::i18n::strings(lang).full),
        ("configuration", crate::i18n::strings(lang).configuration),
        ("none", crate::i18n::strings(lang).no_influence),
    ];
    let mut x = first;
    for (class, name) in levels {
        let _ = write!(
            out,
            r#"<rect class="level {class}" x="{x:.1}" y="{y:.1}" width="16" height="16" rx="2"/><text class="tick" x="{:.1}" y="{:.1}">{}</text>"#,
            x + 22.0,
            y + 13.0,
            esc(name)
        );
        x += 36.0 + name.chars().count() as f64 * 7.5;
    }
    out.push_str("</svg>");
    Chart {
        title,
        desc,
        svg: out,
    }
}

/// The landscape as boxes: one box per placement, listing its workloads; boxes flow into two
/// columns, each box in the shorter column.
pub(super) fn landscape_boxes(note: &Note, id: &str) -> Chart {
    let lang = note.language();
    let t = labels(lang);
    // Groups in order of the overall ranking, unplaced last.
    let mut groups: Vec<(Option<usize>, String, Vec<String>)> = vec![];
    for w in &note.landscape.workloads {
        let key = w.overall_rank;
        let name = w
            .placement
            .as_ref()
            .map(|p| p.name.clone())
            .unwrap_or_else(|| t.unplaced.to_string());
        let item = format!("{} ({})", w.name, w.data_name);
        match groups.iter_mut().find(|g| g.0 == key) {
            Some(g) => g.2.push(item),
            None => groups.push((key, name, vec![item])),
        }
    }
    groups.sort_by_key(|g| g.0.unwrap_or(usize::MAX));
    let gap = 12.0;
    let box_w = (WIDTH - gap) / 2.0;
    let line_h = 17.0;
    let chars = 46;
    let mut cols = [0.0_f64, 0.0_f64];
    let mut body = String::new();
    let mut desc = vec![];
    for (rank, name, items) in &groups {
        let head_lines = wrap(name, chars);
        let item_lines: Vec<Vec<String>> = items.iter().map(|i| wrap(i, chars - 2)).collect();
        let n_lines: usize = item_lines.iter().map(Vec::len).sum();
        let h = 14.0 + line_h * head_lines.len() as f64 + 8.0 + line_h * n_lines as f64 + 8.0;
        let c = if cols[0] <= cols[1] { 0 } else { 1 };
        let x = c as f64 * (box_w + gap);
        let y = cols[c];
        cols[c] += h + gap;
        let class = if rank.is_some() {
            "box"
        } else {
            "box unplaced"
        };
        let _ = write!(
            body,
            r#"<rect class="{class}" x="{x:.1}" y="{y:.1}" width="{box_w:.1}" height="{h:.1}" rx="4"/><rect class="boxhead" x="{x:.1}" y="{y:.1}" width="{box_w:.1}" height="{:.1}" rx="4"/>"#,
            10.0 + line_h * head_lines.len() as f64
        );
        for (j, line) in head_lines.iter().enumerate() {
            let _ = write!(
                body,
                r#"<text class="boxtitle" x="{:.1}" y="{:.1}">{}</text>"#,
                x + 10.0,
                y + 18.0 + line_h * j as f64,
                esc(line)
            );
        }
        let mut yy = y + 14.0 + line_h * head_lines.len() as f64 + 8.0 + 4.0;
        for lines in &item_lines {
            for (j, line) in lines.iter().enumerate() {
                let bullet = if j == 0 { "• " } else { "  " };
                let _ = write!(
                    body,
                    r#"<text class="item" x="{:.1}" y="{yy:.1}" xml:space="preserve">{bullet}{}</text>"#,
                    x + 10.0,
                    esc(line)
                );
                yy += line_h;
            }
        }
        desc.push(format!("{name}: {}", items.join(", ")));
    }
    let height = cols[0].max(cols[1]).max(gap) - gap + 2.0;
    let mut out = String::new();
    let title = t.landscape_chart.to_string();
    let desc = format!("{}.", desc.join("; "));
    open(&mut out, id, height, &title, &desc);
    out.push_str(&body);
    out.push_str("</svg>");
    Chart {
        title,
        desc,
        svg: out,
    }
}

fn to_f64(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// The cumulative cash flow of a scenario: the estimate (the yearly table) as a solid line,
/// one line per risk band, the area between the lowest and highest band shaded, the zero line
/// drawn, the estimate's return year marked with a vertical line and each band's return year
/// with a dot on its line. Axis labels are values of the note (the extremes and zero), so the
/// chart shows no number the JSON does not hold.
pub(super) fn cash_flow(s: &ScenarioNote, lang: Lang, id: &str) -> Chart {
    let t = labels(lang);
    let left = 120.0;
    let right = 24.0;
    let top = 22.0;
    let plot_h = 140.0;
    let legend_top = top + plot_h + 42.0;
    let height = legend_top + 14.0;
    let years: Vec<u32> = s.years.iter().map(|y| y.year).collect();
    let estimate: Vec<Decimal> = s.years.iter().map(|y| y.cumulative_cash_flow).collect();
    let all: Vec<Decimal> = s
        .bands
        .iter()
        .flat_map(|b| b.cumulative_cash_flow.iter().copied())
        .chain(estimate.iter().copied())
        .collect();
    let min = all
        .iter()
        .copied()
        .min()
        .unwrap_or_default()
        .min(Decimal::ZERO);
    let max = all
        .iter()
        .copied()
        .max()
        .unwrap_or_default()
        .max(Decimal::ZERO);
    let span = to_f64(max - min).max(1.0);
    let plot_w = WIDTH - left - right;
    let step = if years.len() > 1 {
        plot_w / (years.len() - 1) as f64
    } else {
        0.0
    };
    let x_of = |i: usize| left + step * i as f64;
    let y_of = |v: Decimal| top + plot_h - (to_f64(v - min) / span) * plot_h;
    let points = |values: &[Decimal]| -> String {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{:.1},{:.1}", x_of(i), y_of(*v)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let return_text = |y: Option<u32>| {
        y.map(number::year)
            .unwrap_or_else(|| t.not_within_horizon.to_string())
    };
    let mut desc = vec![format!(
        "{}: {} {}",
        t.estimate,
        t.return_year.to_lowercase(),
        return_text(s.return_year)
    )];
    desc.extend(s.bands.iter().map(|b| {
        format!(
            "{}: {} {}",
            b.name,
            t.return_year.to_lowercase(),
            return_text(b.return_year)
        )
    }));
    let mut out = String::new();
    let title = format!("{}: {}", t.cash_flow_chart, s.label);
    let desc = format!("{}.", desc.join("; "));
    open(&mut out, id, height, &title, &desc);
    // Shaded band between the lowest and highest band value per year.
    if s.bands.len() > 1 && !years.is_empty() {
        let per_year = |pick: fn(Decimal, Decimal) -> Decimal| -> Vec<Decimal> {
            (0..years.len())
                .map(|i| {
                    s.bands
                        .iter()
                        .filter_map(|b| b.cumulative_cash_flow.get(i).copied())
                        .reduce(pick)
                        .unwrap_or_default()
                })
                .collect()
        };
        let highs = per_year(Decimal::max);
        let lows = per_year(Decimal::min);
        let mut pts: Vec<String> = highs
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{:.1},{:.1}", x_of(i), y_of(*v)))
            .collect();
        pts.extend(
            lows.iter()
                .enumerate()
                .rev()
                .map(|(i, v)| format!("{:.1},{:.1}", x_of(i), y_of(*v))),
        );
        let _ = write!(out, r#"<polygon class="band" points="{}"/>"#, pts.join(" "));
    }
    // Axes: the extremes and zero, in whole euros; the years below.
    let zero = y_of(Decimal::ZERO);
    let _ = write!(
        out,
        r#"<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{:.1}"/><line class="axis" x1="{left}" y1="{zero:.1}" x2="{:.1}" y2="{zero:.1}"/>"#,
        top + plot_h,
        WIDTH - right
    );
    let mut ticks = vec![(max, y_of(max)), (min, y_of(min))];
    if min < Decimal::ZERO && max > Decimal::ZERO {
        ticks.push((Decimal::ZERO, zero));
    }
    for (v, y) in ticks {
        let _ = write!(
            out,
            r#"<text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">EUR {}</text>"#,
            left - 6.0,
            y + 4.0,
            esc(&number::euros(v, lang))
        );
    }
    let _ = write!(
        out,
        r#"<text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
        left - 14.0,
        top + plot_h + 20.0,
        esc(t.year)
    );
    for (i, y) in years.iter().enumerate() {
        let _ = write!(
            out,
            r#"<text class="tick" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            x_of(i),
            top + plot_h + 20.0,
            number::year(*y)
        );
    }
    // The estimate's return year.
    if let Some(ry) = s.return_year
        && let Some(i) = years.iter().position(|y| *y == ry)
    {
        let x = x_of(i);
        let label = format!("{} {}", t.return_year, number::year(ry));
        // Right of the marker when the label fits before the edge, else left of it.
        let fits = x + 4.0 + TICK_CHAR * label.chars().count() as f64 <= WIDTH;
        let (anchor, tx) = if fits {
            ("start", x + 4.0)
        } else {
            ("end", x - 4.0)
        };
        let _ = write!(
            out,
            r#"<line class="marker" x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{:.1}"/><text class="tick" x="{tx:.1}" y="{:.1}" text-anchor="{anchor}">{}</text>"#,
            top + plot_h,
            top - 8.0,
            esc(&label)
        );
    }
    for b in &s.bands {
        let _ = write!(
            out,
            r#"<polyline class="line {}" points="{}"/>"#,
            b.band,
            points(&b.cumulative_cash_flow)
        );
    }
    let _ = write!(
        out,
        r#"<polyline class="line estimate" points="{}"/>"#,
        points(&estimate)
    );
    // A dot where each line turns positive.
    let dots = s
        .bands
        .iter()
        .map(|b| (b.band, b.return_year, &b.cumulative_cash_flow[..]))
        .chain(std::iter::once(("estimate", s.return_year, &estimate[..])));
    for (class, ry, values) in dots {
        if let Some(ry) = ry
            && let Some(i) = years.iter().position(|y| *y == ry)
            && let Some(v) = values.get(i)
        {
            let _ = write!(
                out,
                r#"<circle class="dot {class}" cx="{:.1}" cy="{:.1}" r="4.5"/>"#,
                x_of(i),
                y_of(*v)
            );
        }
    }
    // Legend in one row: the four lines and the shaded band, each as wide as its text.
    let mut entries: Vec<(Option<&str>, &str)> = vec![(Some("estimate"), t.estimate)];
    entries.extend(s.bands.iter().map(|b| (Some(b.band), b.name.as_str())));
    if s.bands.len() > 1 {
        entries.push((None, t.band_area));
    }
    let mut x = 10.0;
    for (class, name) in entries {
        match class {
            Some(class) => {
                let _ = write!(
                    out,
                    r#"<line class="line {class}" x1="{x:.1}" y1="{legend_top:.1}" x2="{:.1}" y2="{legend_top:.1}"/>"#,
                    x + 28.0
                );
            }
            None => {
                let _ = write!(
                    out,
                    r#"<rect class="band" x="{x:.1}" y="{:.1}" width="28" height="12"/>"#,
                    legend_top - 6.0
                );
            }
        }
        let _ = write!(
            out,
            r#"<text class="label" x="{:.1}" y="{:.1}">{}</text>"#,
            x + 36.0,
            legend_top + 4.5,
            esc(name)
        );
        x += 36.0 + LABEL_CHAR * name.chars().count() as f64 + 26.0;
    }
    out.push_str("</svg>");
    Chart {
        title,
        desc,
        svg: out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_lines_short_and_words_whole() {
        assert_eq!(
            wrap("Sociaal domein (Wmo, Jeugd, Participatie, schuldhulp)", 20),
            vec![
                "Sociaal domein (Wmo,",
                "Jeugd, Participatie,",
                "schuldhulp)"
            ]
        );
        assert_eq!(
            wrap("Kostenvoorspelbaarheid", 5),
            vec!["Kostenvoorspelbaarheid"]
        );
        assert!(wrap("", 10).is_empty());
    }

    /// The business case of every shipped profile, as the note holds it.
    fn scenarios(lang: Lang) -> Vec<ScenarioNote> {
        use crate::core::scoring::evaluate;
        use crate::io::{catalogue, profile};
        let cat = catalogue::built_in();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles");
        let mut out = vec![];
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.extension().is_none_or(|x| x != "toml") {
                continue;
            }
            let p = profile::load(&path).unwrap();
            let ev = evaluate(&cat, &p).unwrap();
            let note = Note::build(&super::super::NoteInput {
                catalogue: &cat,
                profile: &p,
                evaluation: &ev,
                lang,
                form: None,
            })
            .unwrap();
            out.extend(note.business_case.unwrap().scenarios);
        }
        out
    }

    /// `(x, anchor, text)` of every `<text class="{class}">` of a chart.
    fn texts<'a>(svg: &'a str, class: &str) -> Vec<(f64, &'a str, &'a str)> {
        svg.split(&format!(r#"<text class="{class}" x=""#))
            .skip(1)
            .map(|t| {
                let x: f64 = t[..t.find('"').unwrap()].parse().unwrap();
                let tag = &t[..t.find('>').unwrap()];
                let anchor = tag
                    .split("text-anchor=\"")
                    .nth(1)
                    .map_or("start", |a| &a[..a.find('"').unwrap()]);
                let body = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
                (x, anchor, body)
            })
            .collect()
    }

    #[test]
    fn cash_flow_labels_stay_inside_the_chart() {
        for lang in [Lang::Nl, Lang::En] {
            for s in scenarios(lang) {
                let svg = cash_flow(&s, lang, "c").svg;
                assert!(svg.contains(&format!(
                    "<title id=\"c-title\">{}: {}</title>",
                    labels(lang).cash_flow_chart,
                    esc(&s.label)
                )));
                let legend = texts(&svg, "label");
                assert_eq!(legend.len(), 5, "estimate, three bands, the shaded band");
                for (x, _, text) in legend {
                    let right = x + LABEL_CHAR * text.chars().count() as f64;
                    assert!(right <= WIDTH, "{text}: legend ends at {right}");
                }
                for (x, anchor, text) in texts(&svg, "tick") {
                    let w = TICK_CHAR * text.chars().count() as f64;
                    let (l, r) = match anchor {
                        "end" => (x - w, x),
                        "middle" => (x - w / 2.0, x + w / 2.0),
                        _ => (x, x + w),
                    };
                    assert!(l >= 0.0 && r <= WIDTH, "{text} at {l}..{r}");
                }
                if let Some(y) = s.return_year {
                    let mark = format!("{} {y}", labels(lang).return_year);
                    assert!(svg.contains(&format!(">{mark}</text>")), "{mark}");
                }
            }
        }
    }

    #[test]
    fn escaping_covers_markup_characters() {
        assert_eq!(
            esc(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
