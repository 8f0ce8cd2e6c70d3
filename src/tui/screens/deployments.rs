//! Screen 5, deployment models: private, community, public, hybrid — who may use each, and the
//! placement rules per data class (with their status) that decide where public cloud may go.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::core::catalogue::DataClass;
use crate::tui::action::{Action, Effect};
use crate::tui::layout;
use crate::tui::state::{Screen, State};
use crate::tui::widgets::{self, panel, row_style};

/// Draws the deployments screen.
pub fn render(frame: &mut Frame, area: Rect, state: &State) {
    let t = crate::i18n::tui(state.lang);
    let s = crate::i18n::strings(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let (left, right) = split(area);
    let [list, rules_area] =
        Layout::vertical([Constraint::Length(list_height(state)), Constraint::Min(1)]).areas(left);
    let lines: Vec<Line> = state
        .catalogue
        .deployments
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let sel = i == state.cursor.deployment;
            let st = row_style(th, sel);
            Line::from(vec![
                Span::styled(if sel { "▶ " } else { "  " }, st),
                Span::styled(d.name.get(lang).to_string(), st),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(panel(s.deployments, th, true)),
        list,
    );

    // Per data class: may public cloud be used? Rules with their status.
    // The class names as wide as the panel allows beside the longest verdict
    // ("✗ nee [referentie]"), cut only when there is no room.
    // "✗ " + the verdict + " [referentie]" (the badge these rules carry; a longer one may
    // run to the border).
    let verdict_w = 2 + crate::tui::widgets::text::width(t.no_allowed) + 13;
    let class_w = (rules_area.width as usize)
        .saturating_sub(4 + 1 + verdict_w)
        .clamp(8, 30);
    let mut per_class = vec![];
    for &d in DataClass::ALL {
        let rules = state
            .rules_by_class
            .iter()
            .find(|(c, _)| *c == d)
            .map(|(_, r)| r.as_slice())
            .unwrap_or(&[]);
        let forbidding: Vec<_> = rules.iter().filter(|r| r.forbids_public).collect();
        let name = crate::tui::widgets::text::fit(d.name().get(lang), class_w);
        let mut spans = vec![Span::styled(format!("{name:<class_w$} "), th.text())];
        if forbidding.is_empty() && d.is_personal() {
            // Personal data in public cloud always comes with obligations (DPIA, processing
            // agreement, EEA storage): "ja, mits".
            spans.push(Span::styled(format!("✓ {}", t.yes_provided), th.good()));
        } else if forbidding.is_empty() {
            spans.push(Span::styled(format!("✓ {}", t.yes_allowed), th.good()));
        } else {
            spans.push(Span::styled(format!("✗ {}", t.no_allowed), th.bad()));
            let mut statuses: Vec<_> = forbidding.iter().map(|r| r.status).collect();
            statuses.dedup();
            for st in statuses {
                spans.push(Span::raw(" "));
                spans.push(widgets::status_badge(st, lang, th));
            }
        }
        per_class.push(Line::from(spans));
    }
    frame.render_widget(
        Paragraph::new(per_class).block(panel(t.public_per_class, th, false)),
        rules_area,
    );

    let Some(d) = state.catalogue.deployments.get(state.cursor.deployment) else {
        return;
    };
    let info = details(state, d);
    crate::tui::widgets::scroll::render(
        frame,
        right,
        panel(d.name.get(lang), th, false),
        &info,
        state.cursor.scroll[Screen::Deployments.index()],
        th,
    );
}

/// The right pane of the model under the cursor: who uses it, its source, and for public
/// cloud every placement rule (long: it scrolls).
fn details(state: &State, d: &crate::core::catalogue::DeploymentInfo) -> Vec<Line<'static>> {
    let t = crate::i18n::tui(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let mut info = vec![
        Line::from(Span::styled(d.summary.get(lang).to_string(), th.text())),
        Line::from(""),
        Line::from(vec![
            Span::styled(format!("{}: ", t.who_uses), th.heading()),
            Span::styled(d.who.get(lang).to_string(), th.text()),
        ]),
    ];
    info.extend(super::source_lines(
        state,
        &[state.catalogue.citation(&d.source, &d.section)],
    ));
    info.push(Line::from(""));
    if d.id.is_public() {
        info.extend(public_rules(state));
    } else {
        info.push(Line::from(Span::styled(t.no_rule_forbids, th.text())));
    }
    info
}

/// Every placement rule once: what it does for this profile (✗ forbids public cloud for some
/// class, ✓ lifted by the profile, • a condition), its text, the classes it applies to, and
/// its source with its status.
fn public_rules(state: &State) -> Vec<Line<'static>> {
    let s = crate::i18n::strings(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let mut out = vec![];
    for rule in &state.catalogue.placement_rules {
        let applied: Vec<_> = state
            .rules_by_class
            .iter()
            .filter(|(c, _)| rule.applies_to.contains(c))
            .flat_map(|(_, rs)| rs.iter().filter(|r| r.id == rule.id))
            .collect();
        let forbids = applied.iter().any(|r| r.forbids_public);
        let (mark, st) = if forbids {
            ("✗ ", th.bad())
        } else if rule.forbids == crate::core::catalogue::Forbids::Public {
            ("✓ ", th.good())
        } else {
            ("• ", th.text())
        };
        out.push(Line::from(vec![
            Span::styled(mark, st),
            Span::styled(rule.text.get(lang).to_string(), th.text()),
        ]));
        let classes: Vec<&str> = rule
            .applies_to
            .iter()
            .map(|&c| crate::report::label::data_class_short(c, lang))
            .collect();
        out.push(Line::from(Span::styled(
            format!("  {}: {}", s.applies_to, classes.join(", ")),
            th.dim(),
        )));
        out.extend(super::source_lines(state, &rule.citations()));
    }
    out
}

/// The list is wider here than on other screens: the status badges must fit.
fn split(area: Rect) -> (Rect, Rect) {
    let lw = if area.width >= 120 { 48 } else { 40 }.min(area.width / 2);
    (
        Rect { width: lw, ..area },
        Rect {
            x: area.x + lw + 1,
            width: area.width.saturating_sub(lw + 1),
            ..area
        },
    )
}

/// Moving through the models.
pub fn handle(state: &mut State, action: Action) -> Option<Effect> {
    let i = Screen::Deployments.index();
    if let Action::Scroll(key) = action {
        if let (Some(d), Some(body)) = (
            state.catalogue.deployments.get(state.cursor.deployment),
            layout::body_of(state),
        ) {
            let (_, right) = split(body);
            let info = details(state, d);
            state.cursor.scroll[i] =
                crate::tui::widgets::scroll::moved(state.cursor.scroll[i], key, &info, right);
        }
        return None;
    }
    let n = state.catalogue.deployments.len();
    let before = state.cursor.deployment;
    super::move_cursor(&mut state.cursor.deployment, n, &action);
    // Another model: its details from the top.
    if state.cursor.deployment != before {
        state.cursor.scroll[i] = 0;
    }
    None
}

/// The height of the list of models: one row each and the frame (issue 11 added a second
/// public cloud, so it follows the catalogue instead of a fixed height).
fn list_height(state: &State) -> u16 {
    state.catalogue.deployments.len().min(20) as u16 + 2
}

/// A click on a model.
pub fn hit(state: &State, area: Rect, column: u16, row: u16) -> Option<Action> {
    let (left, _) = split(area);
    let [list, _] =
        Layout::vertical([Constraint::Length(list_height(state)), Constraint::Min(1)]).areas(left);
    layout::list_row(list, column, row)
        .filter(|&i| i < state.catalogue.deployments.len())
        .map(Action::Pick)
}
