//! The pure domain core: no I/O, no terminal, no TOML. Serde derives are allowed.
