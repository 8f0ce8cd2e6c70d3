//! The pure domain core: no I/O, no terminal, no TOML. Serde derives are allowed.

/// Cost allocation (verrekening) among participants: keys, tariff models, exact rounding.
pub mod allocation;
/// Business case of seed 003: nulmeting, scenarios, yearly table, risk bands (Decimal money).
pub mod business_case;
