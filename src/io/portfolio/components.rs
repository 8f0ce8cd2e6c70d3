//! The GEMMA reference component table (`data/gemma_components.toml`) → `ComponentTable`.
//! The shipped table is checked by a test; a broken entry is a build-time bug, not user input.

use serde::Deserialize;

use crate::core::catalogue::DataClass;
use crate::core::portfolio::{Basis, Biv, BivLevel, ComponentDefault, ComponentTable};

/// The shipped table's text.
pub const BUILT_IN: &str = include_str!("../../../data/gemma_components.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    component: Vec<RawComponent>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComponent {
    name: String,
    data: DataClass,
    availability: BivLevel,
    integrity: BivLevel,
    confidentiality: BivLevel,
    basis: String,
    citation: Option<String>,
    checked: Option<String>,
    reason: Option<String>,
}

/// Parses a component table; `Err` names the problem.
pub fn parse(text: &str) -> Result<ComponentTable, String> {
    let raw: RawTable = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut out = vec![];
    for c in raw.component {
        let basis = match (c.basis.as_str(), c.citation, c.checked, c.reason) {
            ("sourced", Some(citation), Some(checked), None) => {
                Basis::Sourced { citation, checked }
            }
            ("assumed", None, None, Some(reason)) => Basis::Assumed { reason },
            _ => {
                return Err(format!(
                    "{}: basis must be `sourced` with citation and checked, or `assumed` with reason",
                    c.name
                ));
            }
        };
        out.push(ComponentDefault {
            name: c.name,
            data: c.data,
            biv: Biv {
                availability: Some(c.availability),
                integrity: Some(c.integrity),
                confidentiality: Some(c.confidentiality),
            },
            basis,
        });
    }
    Ok(ComponentTable::new(out))
}

/// The shipped table.
pub fn built_in() -> ComponentTable {
    parse(BUILT_IN).expect("the shipped GEMMA component table is valid (tested)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_is_valid_and_has_no_duplicates() {
        let t = parse(BUILT_IN).unwrap();
        assert!(t.entries().len() >= 20);
        let mut names: Vec<String> = t
            .entries()
            .iter()
            .map(|e| crate::core::portfolio::components::fold(&e.name))
            .collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), t.entries().len());
    }
}
