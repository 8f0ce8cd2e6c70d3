//! Screen 10, summary: the decision in a few lines — the best choice and why, the runner-up,
//! where each workload goes, what was excluded — plus the facilitator's notes. `s` saves it all
//! as part of the session; `e` exports the decision note (format from the file extension).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::action::{Action, Effect};
use crate::tui::state::{InputPurpose, Popup, State};
use crate::tui::widgets::mcda::{num, pct};
use crate::tui::widgets::panel;

/// Draws the summary screen.
pub fn render(frame: &mut Frame, area: Rect, state: &State) {
    let t = crate::i18n::tui(state.lang);
    let s = crate::i18n::strings(state.lang);
    let th = &state.theme;
    let lang = state.lang;
    let mut lines = vec![];
    if state.is_group() {
        // Whose result this is: the group's (plenary weights, admissible for all) or one
        // municipality's own.
        let r = crate::i18n::room(lang);
        let (who, how) = if state.focus_is_group() {
            (
                format!("{} {}", r.group, state.profile.subject.name()),
                r.plenary_weights,
            )
        } else {
            (state.focus_name(), r.own_weights)
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", r.result_of), th.dim()),
            Span::styled(who, th.heading()),
            Span::styled(format!(" — {how}"), th.dim()),
        ]));
    }
    match state.evaluation() {
        Err(_) => lines.push(Line::from(Span::styled(t.all_weights_zero, th.bad()))),
        Ok(e) => {
            if let Some(r) = e.ranking.first() {
                lines.push(Line::from(vec![
                    Span::styled(format!("{}: ", t.leader), th.heading()),
                    Span::styled(
                        format!(
                            "{}  ({}{})",
                            state.catalogue.candidate_name(r.key, lang),
                            num(lang, r.total, 2),
                            shared(r, lang)
                        ),
                        th.heading(),
                    ),
                ]));
                // The criteria that weigh most, with the leader's score on each.
                let mut top: Vec<_> = r.criteria.iter().collect();
                top.sort_by(|a, b| b.weight.total_cmp(&a.weight));
                let parts: Vec<String> = top
                    .iter()
                    .take(3)
                    .map(|c| {
                        format!(
                            "{} {} ({})",
                            c.criterion.name().get(lang),
                            num(lang, c.score, 1),
                            pct(lang, c.weight, 0)
                        )
                    })
                    .collect();
                lines.push(Line::from(format!(
                    "  {}: {}",
                    s.why_top,
                    parts.join(" · ")
                )));
            }
            if let Some(r) = e.ranking.get(1) {
                lines.push(Line::from(format!(
                    "{}: {}  ({}{})",
                    t.runner_up,
                    state.catalogue.candidate_name(r.key, lang),
                    num(lang, r.total, 2),
                    shared(r, lang)
                )));
            }
            if let Some(w) = state.ahp_warning() {
                lines.push(Line::from(Span::styled(format!("⚠ {w}"), th.bad())));
            }
            // The rule only where it explains what Summary shows: a shared first or second
            // place (ties further down are on Comparison).
            if e.ranking.iter().take(2).any(|r| r.tied) {
                lines.push(Line::from(Span::styled(
                    crate::core::text::tie_break_note().get(lang).to_string(),
                    th.dim(),
                )));
            }
            for w in e.blind_spot_texts(&state.catalogue) {
                lines.push(Line::from(Span::styled(
                    format!("⚠ {}", w.get(lang)),
                    th.bad(),
                )));
            }
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(s.landscape, th.heading())));
            for (k, v) in super::landscape::groups(e) {
                let name = k
                    .map(|k| state.catalogue.candidate_name(k, lang))
                    .unwrap_or_else(|| s.none_admissible.to_string());
                let names: Vec<&str> = v.iter().map(|&i| e.workloads[i].name.as_str()).collect();
                lines.push(Line::from(vec![
                    Span::styled(format!("  {name}: "), th.text()),
                    Span::styled(names.join(", "), th.dim()),
                ]));
            }
            lines.push(Line::from(""));
            lines.push(Line::from(format!(
                "{}: {}",
                t.excluded_count,
                e.excluded.len()
            )));
        }
    }
    lines.push(Line::from(""));
    let r = crate::i18n::room(lang);
    lines.push(Line::from(Span::styled(r.notes, th.heading())));
    if state.notes.is_empty() && state.room_notes.is_empty() {
        lines.push(Line::from(Span::styled(r.no_notes, th.dim())));
    }
    for l in state.notes.lines() {
        lines.push(Line::from(format!("  {l}")));
    }
    for n in &state.room_notes {
        let kind = r.note_kinds[crate::io::store::NoteKind::ALL
            .iter()
            .position(|&k| k == n.kind)
            .unwrap_or(0)];
        // Continuation lines keep the indent of the note's text.
        let pad = " ".repeat(kind.chars().count() + 4);
        for (i, l) in n.text.lines().enumerate() {
            lines.push(if i == 0 {
                Line::from(vec![
                    Span::styled(format!("  {kind}: "), th.heading()),
                    Span::styled(l.to_string(), th.text()),
                ])
            } else {
                Line::from(Span::styled(format!("{pad}{l}"), th.text()))
            });
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(t.export_note, th.dim())));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(panel(t.decision, th, true)),
        area,
    );
}

/// ", gedeeld 1e" after a total whose place is shared, else nothing.
fn shared(r: &crate::core::scoring::Ranked, lang: crate::core::text::Lang) -> String {
    if r.tied {
        format!(", {}", crate::core::text::rank_words(r.rank, true, lang))
    } else {
        String::new()
    }
}

/// Enter writes a note; `e` asks where to export the decision note.
pub fn handle(state: &mut State, action: Action) -> Option<Effect> {
    match action {
        Action::Select => super::super::action::update(state, Action::EditNotes),
        Action::Export => {
            state.popup = Some(Popup::Input {
                purpose: InputPurpose::ExportPath,
                buffer: state.default_export_path.clone(),
            });
            None
        }
        _ => None,
    }
}
