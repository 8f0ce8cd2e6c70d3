//! The pure domain core: no I/O, no terminal, no TOML. Serde derives are allowed.

/// Declares a closed set of ids with `ALL`, `id()`, `from_id()` and `allowed()`.
macro_rules! id_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $id:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in the catalogue's canonical order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The short snake_case id used in files and JSON.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }

            /// Parses an id; `None` when unknown.
            pub fn from_id(s: &str) -> Option<Self> {
                match s { $($id => Some($name::$variant),)+ _ => None }
            }

            /// All ids, for "allowed values" in error messages.
            pub fn allowed() -> String {
                [$($id),+].join(", ")
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.id())
            }
        }
    };
}

/// Cost allocation (verrekening) among participants: keys, tariff models, exact rounding.
pub mod allocation;
/// Sensitivity of a profile's result: contributions, stability, SMAA, TOPSIS, the group.
pub mod analysis;
/// Upper bounds of amounts, counts and years (what a municipality can plausibly have).
pub mod bounds;
/// Business case of seed 003: nulmeting, scenarios, yearly table, risk bands (Decimal money).
pub mod business_case;
/// Options, service models with Table 1, deployments, candidates and rule points (data types).
pub mod catalogue;
/// The criteria and the rules that derive a candidate's 0–10 score on each.
pub mod criteria;
/// The starter group: every member's own evaluation and the group result.
pub mod group;
/// Multi-criteria decision analysis: elicitation, AHP, sensitivity, SMAA, TOPSIS, group.
pub mod mcda;
/// The application portfolio: applications, classification, placement per application, roadmap.
pub mod portfolio;
/// A validated profile: municipality or starter group, weights, constraints, workloads.
pub mod profile;
/// A voting round: what is asked, validated ballots, the live count and the reveal.
pub mod round;
/// The one text sanitiser: control and bidi characters, CSV formulas, long echoed values.
pub mod safe_text;
/// Weighted sum, ranking, constraints and the workload landscape.
pub mod scoring;
/// Bilingual text.
pub mod text;
/// Named weight sets ranked side by side (issue 15, decision screens).
pub mod weight_sets;
