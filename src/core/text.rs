//! Bilingual text: the `Lang` the room speaks and `Localized` strings carried by domain data.

use serde::{Deserialize, Serialize};

/// The language of the room. Dutch is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Nederlands.
    #[default]
    Nl,
    /// English.
    En,
}

impl Lang {
    /// The other language (the `L` key toggles).
    pub fn toggled(self) -> Lang {
        match self {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }

    /// Short code: `nl` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

/// A text in Dutch and English.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    pub nl: String,
    pub en: String,
}

impl Localized {
    /// Builds a text from its two versions.
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Localized {
            nl: nl.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }

    /// Joins texts with a separator, per language.
    pub fn join(parts: &[Localized], sep: &str) -> Localized {
        Localized {
            nl: parts
                .iter()
                .map(|p| p.nl.as_str())
                .collect::<Vec<_>>()
                .join(sep),
            en: parts
                .iter()
                .map(|p| p.en.as_str())
                .collect::<Vec<_>>()
                .join(sep),
        }
    }
}
