//! GEMMA reference components → a default data class and BIV, each default marked sourced or
//! assumed. The shipped table is `data/gemma_components.toml` (read by `io::portfolio`); names
//! are matched case- and accent-insensitively, ignoring spaces and punctuation.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::Biv;
use crate::core::catalogue::DataClass;

/// Why a default holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Basis {
    /// A public source says what the component processes: cited with section and the date it
    /// was checked.
    Sourced { citation: String, checked: String },
    /// wolkwijzer's assumption, with the reason.
    Assumed { reason: String },
}

/// The defaults of one reference component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComponentDefault {
    /// The name as GEMMA spells it.
    pub name: String,
    pub data: DataClass,
    pub biv: Biv,
    pub basis: Basis,
}

/// The mapping, looked up by folded name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ComponentTable {
    entries: Vec<ComponentDefault>,
    by_name: HashMap<String, usize>,
}

impl ComponentTable {
    /// A table from entries; a later entry with the same folded name replaces an earlier one.
    pub fn new(entries: Vec<ComponentDefault>) -> ComponentTable {
        let by_name = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (fold(&e.name), i))
            .collect();
        ComponentTable { entries, by_name }
    }

    /// The defaults of a component, by any spelling that folds to the same name.
    pub fn get(&self, name: &str) -> Option<&ComponentDefault> {
        self.by_name.get(&fold(name)).map(|&i| &self.entries[i])
    }

    /// Every entry, in the table's order.
    pub fn entries(&self) -> &[ComponentDefault] {
        &self.entries
    }
}

/// A name folded for matching: lower case, accents dropped (é → e, ï → i, …), only letters and
/// digits kept. `Referentiecomponenten`, `referentie-componenten` and `RÉFÉRENTIECOMPONENTEN`
/// fold alike.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let base = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
                'a'
            }
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            'ñ' | 'Ñ' => 'n',
            'ý' | 'ÿ' | 'Ý' => 'y',
            c => c,
        };
        if base.is_alphanumeric() {
            out.extend(base.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("Referentie-componenten"), "referentiecomponenten");
        assert_eq!(
            fold("BIJZONDERE PERSOONSGEGEVENS"),
            fold("bijzondere persoonsgegevens")
        );
        assert_eq!(fold("Categorie ë"), "categoriee");
    }

    #[test]
    fn lookup_by_any_spelling() {
        let t = ComponentTable::new(vec![ComponentDefault {
            name: "Bedrijven- en instellingen-registratiecomponent".into(),
            data: DataClass::Personal,
            biv: Biv::default(),
            basis: Basis::Assumed { reason: "r".into() },
        }]);
        assert!(
            t.get("bedrijven en instellingen registratiecomponent")
                .is_some()
        );
        assert!(t.get("Bedrijvencomponent").is_none());
    }
}
