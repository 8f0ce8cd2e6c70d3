//! Views of `wolkwijzer sensitivity` and `wolkwijzer weights ahp`. Pure functions: results in,
//! text out.
//!
//! The table and Markdown formats render one shared [`Document`](crate::report::doc::Document)
//! (built in `content`) with the document renderers of `report::doc`, so both say the same
//! thing; JSON and CSV are built from the results directly.

mod content;
pub mod csv;
pub mod json;

use crate::core::analysis::ProfileAnalysis;
use crate::core::catalogue::Catalogue;
use crate::core::criteria::Criterion;
use crate::core::mcda::ahp::AhpAnalysis;
use crate::core::profile::Profile;
use crate::core::text::Lang;
use crate::io::ahp::AhpInput;

pub use content::{ahp_doc, sensitivity_doc};

/// Everything the sensitivity report needs.
pub struct SensitivityView<'a> {
    pub catalogue: &'a Catalogue,
    pub profile: &'a Profile,
    pub analysis: &'a ProfileAnalysis,
    pub lang: Lang,
}

/// Everything the AHP report needs.
pub struct AhpView<'a> {
    pub input: &'a AhpInput,
    pub analysis: &'a AhpAnalysis,
    pub lang: Lang,
}

/// A criterion's name.
pub(crate) fn criterion_name(c: Criterion, lang: Lang) -> String {
    c.name().get(lang).to_string()
}

/// Rounds to 6 decimals so machine-readable output is stable across platforms.
pub(crate) fn r6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// A judgement as the room writes it: `3`, `1/3`, `1`, or two decimals in the language's style
/// when not whole (`2,50`).
pub(crate) fn judgement(x: f64, lang: Lang) -> String {
    let whole = |v: f64| (v - v.round()).abs() < 1e-9;
    if x >= 1.0 {
        if whole(x) {
            format!("{}", x.round())
        } else {
            crate::report::number::decimal(x, 2, lang)
        }
    } else if whole(1.0 / x) {
        format!("1/{}", (1.0 / x).round())
    } else {
        crate::report::number::decimal(x, 2, lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judgements_print_as_typed() {
        assert_eq!(judgement(3.0, Lang::Nl), "3");
        assert_eq!(judgement(1.0 / 3.0, Lang::Nl), "1/3");
        assert_eq!(judgement(1.0, Lang::En), "1");
        assert_eq!(judgement(2.5, Lang::Nl), "2,50");
        assert_eq!(judgement(0.4, Lang::En), "0.40");
    }
}
