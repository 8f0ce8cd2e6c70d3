//! Everything that touches the outside world: files, TOML, directories. Raw input is validated
//! here into the core's types, with errors that say file, line, column, field and what is allowed.

pub mod ahp;
pub mod business_case;
pub mod catalogue;
pub mod error;
pub mod gate;
pub mod group;
pub mod paths;
/// Application portfolio files (CSV, XLSX) and the GEMMA component table (issue 16).
pub mod portfolio;
pub mod profile;
pub mod store;
pub mod text_file;
pub mod walk;

pub use error::{InputError, InputErrors};
pub use text_file::read_text_file;
