//! The pure domain core: no I/O, no terminal, no TOML. Serde derives are allowed.

/// Multi-criteria decision analysis: elicitation, AHP, sensitivity, SMAA, TOPSIS, group.
pub mod mcda;
