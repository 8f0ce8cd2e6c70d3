//! What the `catalogue` report says, built once as a [`Document`]: the placement options with
//! their pros, cons and rules, the layer-control table, the deployment models, the cloud
//! characteristics, the candidates, the collaboration forms and their obstacles, the placement
//! rules and the sources with their status. `doc::text` and `doc::markdown` render it; JSON
//! and CSV are written from the data.

use super::cite::{self, Markup};
use super::doc::{Block, Document, Inline, Runs, plain};
use super::label;
use crate::core::catalogue::{Catalogue, Layer, short_model};
use crate::core::text::Lang;
use crate::i18n::strings;

/// A bulleted list of styled items.
fn list(doc: &mut Document, items: Vec<Runs>) {
    if !items.is_empty() {
        doc.push(Block::List {
            ordered: false,
            items,
        });
    }
}

/// `text` followed by its citation in emphasis: `text (source, §2.1)`.
fn cited(text: String, citation: String) -> Runs {
    vec![
        Inline::Text(format!("{text} ")),
        Inline::Emph(format!("({citation})")),
    ]
}

/// The catalogue as a document.
pub fn catalogue_doc(c: &Catalogue, lang: Lang) -> Document {
    let t = strings(lang);
    let cf = |source: &str, section: &str| {
        cite::full(c, &c.citation(source, section), lang, Markup::Plain)
    };
    let rules_of = |cs: &[crate::core::catalogue::Citation]| cite::list(c, cs, lang, Markup::Plain);
    let mut doc = Document::new(t.options, lang);

    doc.heading(2, t.options);
    for o in &c.options {
        doc.push(Block::Heading {
            level: 3,
            text: format!("{}. {}", o.number, o.name.get(lang)),
            id: Some(o.id.id().to_string()),
        });
        doc.runs(vec![
            Inline::Code(o.id.id().to_string()),
            Inline::Text(format!(" — {} ", o.summary.get(lang))),
            Inline::Emph(format!("({})", cf(&o.source, &o.section))),
        ]);
        let mut items: Vec<Runs> = Vec::new();
        for p in &o.pros {
            items.push(cited(
                format!("+ {}", p.text(lang)),
                cf(&p.source, &p.section),
            ));
        }
        for p in &o.cons {
            items.push(cited(
                format!("− {}", p.text(lang)),
                cf(&p.source, &p.section),
            ));
        }
        for r in c.option_rules_for(o.id) {
            items.push(cited(
                format!("§ {}", r.text.get(lang)),
                rules_of(&r.citations()),
            ));
        }
        list(&mut doc, items);
    }

    doc.heading(2, t.control_table);
    let mut head = vec![t.layers.to_string()];
    head.extend(
        c.service_models
            .iter()
            .map(|m| short_model(m.id, lang).to_string()),
    );
    let rows = Layer::ALL
        .iter()
        .map(|l| {
            let name = c.layer(*l).map(|x| x.name.get(lang)).unwrap_or(l.id());
            let mut row = vec![name.to_string()];
            row.extend(
                c.service_models
                    .iter()
                    .map(|m| label::level_name(m.control_on(*l), lang).to_string()),
            );
            row
        })
        .collect();
    doc.grid(head, vec![], rows);
    if let Some(m) = c.service_models.first() {
        doc.runs(vec![Inline::Emph(format!(
            "({})",
            cf(&m.source, "§2.2 Tabel 1")
        ))]);
    }

    doc.heading(2, t.deployments);
    let items = c
        .deployments
        .iter()
        .map(|d| {
            vec![
                Inline::Strong(d.name.get(lang).to_string()),
                Inline::Text(" (".into()),
                Inline::Code(d.id.id().to_string()),
                Inline::Text(format!("): {} {} ", d.who.get(lang), d.summary.get(lang))),
                Inline::Emph(format!("({})", cf(&d.source, &d.section))),
            ]
        })
        .collect();
    list(&mut doc, items);

    doc.heading(2, t.characteristics);
    let items = c
        .characteristics
        .iter()
        .map(|ch| {
            let owners: Vec<&str> = c
                .options
                .iter()
                .filter(|o| {
                    c.candidates
                        .iter()
                        .any(|k| k.option == o.id && k.has(ch.id))
                })
                .map(|o| o.id.id())
                .collect();
            plain(format!(
                "{} [{}]: {} ({}: {})",
                ch.name.get(lang),
                ch.id,
                ch.summary.get(lang),
                t.options.to_lowercase(),
                owners.join(", ")
            ))
        })
        .collect();
    list(&mut doc, items);

    doc.heading(2, t.candidates);
    let items = c
        .candidates
        .iter()
        .map(|k| {
            vec![
                Inline::Code(k.key().to_string()),
                Inline::Text(format!(": {}", k.why.get(lang))),
            ]
        })
        .collect();
    list(&mut doc, items);

    doc.heading(2, t.forms);
    let items = c
        .forms
        .iter()
        .map(|f| {
            cited(
                format!("{} [{}]: {}", f.name.get(lang), f.id, f.summary.get(lang)),
                cf(&f.source, &f.section),
            )
        })
        .collect();
    list(&mut doc, items);

    doc.heading(2, t.obstacles);
    let items = c
        .obstacles
        .iter()
        .map(|o| {
            let forms: Vec<&str> = o.forms.iter().map(|f| f.id()).collect();
            let mut runs = cited(
                format!("{} [{}]", o.text.get(lang), forms.join(", ")),
                cf(&o.source, &o.section),
            );
            if let Some(h) = &o.historical {
                runs.push(Inline::Text(format!(" — {}", h.get(lang))));
            }
            runs
        })
        .collect();
    list(&mut doc, items);

    for (heading, rules) in [
        (
            t.rules,
            c.placement_rules
                .iter()
                .map(|r| {
                    let classes: Vec<&str> = r.applies_to.iter().map(|d| d.id()).collect();
                    (&r.id, classes.join(", "), &r.text, &r.source, r.citations())
                })
                .collect::<Vec<_>>(),
        ),
        (
            t.option_rules,
            c.option_rules
                .iter()
                .map(|r| {
                    let options: Vec<&str> = r.options.iter().map(|o| o.id()).collect();
                    (&r.id, options.join(", "), &r.text, &r.source, r.citations())
                })
                .collect(),
        ),
    ] {
        doc.heading(2, heading);
        let items = rules
            .into_iter()
            .map(|(id, applies, text, source, citations)| {
                vec![
                    Inline::Code(id.to_string()),
                    Inline::Text(format!(
                        " ({} {applies}): {} — ",
                        t.applies_to.to_lowercase(),
                        text.get(lang)
                    )),
                    Inline::Strong(cite::status(c.status_of(source), lang).to_string()),
                    Inline::Text(" ".into()),
                    Inline::Emph(format!("({})", rules_of(&citations))),
                ]
            })
            .collect();
        list(&mut doc, items);
    }

    doc.heading(2, t.sources);
    doc.para(format!(
        "{}: {}",
        t.policy_checked,
        cite::date(c.policy_checked(), lang)
    ));
    let items = c
        .sources
        .iter()
        .map(|s| {
            let id = if s.identifier.is_empty() {
                String::new()
            } else {
                format!(", {}", s.identifier)
            };
            let mut runs = vec![
                Inline::Strong(format!("[{}]", cite::status(s.status, lang))),
                Inline::Text(format!(
                    " {}{id} — {}",
                    cite::document(s, lang, Markup::Plain),
                    s.note.get(lang)
                )),
            ];
            if let Some(n) = cite::status_note(s, lang) {
                runs.push(Inline::Text(format!(" ! {n}")));
            }
            runs.push(Inline::Emph(format!(
                " ({} {})",
                t.checked,
                cite::date(&s.checked, lang)
            )));
            runs
        })
        .collect();
    list(&mut doc, items);
    doc
}
