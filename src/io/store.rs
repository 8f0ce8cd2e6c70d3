//! Workshop sessions on disk: a versioned TOML document (`schema = 1`) holding the profile (its
//! path and an embedded copy, so edits made in the room survive), the weights per municipality,
//! the language, the screen and the notes. Writes are atomic: a temporary file in the same
//! directory, fsync, then rename — a crash leaves the old file or the new one, never half.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::{InputError, InputErrors, read_utf8};
use crate::core::catalogue::Catalogue;
use crate::core::criteria::Criterion;
use crate::core::mcda::elicitation::WeightMethod;
use crate::core::profile::{Profile, Weights};
use crate::core::text::Lang;

/// The session format version this build writes and reads.
pub const SCHEMA: u32 = 1;

/// The autosave file's name inside the data directory.
pub const AUTOSAVE_FILE: &str = "autosave.toml";

/// What a workshop session holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// Format version; always `SCHEMA` when written by this build.
    pub schema: u32,
    /// The profile file the session started from; absent for the built-in demo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_path: Option<PathBuf>,
    /// The room's language.
    pub language: Lang,
    /// The screen that was open (`start`, `situation`, …, `summary`).
    pub screen: String,
    /// The facilitator's notes.
    #[serde(default)]
    pub notes: String,
    /// Raw weights per municipality, in the order of the profile's members.
    pub weights: Vec<Weights>,
    /// The profile as edited in the room (its business case inputs included).
    pub profile: Profile,
    /// How each municipality's weights were obtained when not by direct points (absent in
    /// sessions written before weight elicitation existed; those still load).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elicitation: Vec<WeightRecord>,
    /// Where the business case screen stood (added within schema 1: files without it load).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_case: Option<BusinessCaseUi>,
}

/// How one municipality's weights were obtained: the method with its raw input, over which
/// criteria (the method's vectors are indexed like `criteria`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightRecord {
    /// The municipality (0-based, profile order).
    pub member: usize,
    /// The criteria the method's vectors refer to, in that order.
    pub criteria: Vec<Criterion>,
    /// The method and its raw input.
    pub how: WeightMethod,
}

/// The business case screen's part of a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessCaseUi {
    /// The scenario in focus (0-based, in the profile's order).
    pub scenario: usize,
}

impl Session {
    /// The profile the decision note is written from: the profile as edited in the room,
    /// with, for one municipality, the weights the room set; a starter group keeps the
    /// profile's plenary weights (the members' own weights stay in the session).
    pub fn note_profile(&self) -> Profile {
        let mut p = self.profile.clone();
        if !p.subject.is_group()
            && let Some(w) = self.weights.first()
        {
            p.weights = w.clone();
        }
        p
    }
}

/// Why a session could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct StoreError {
    pub path: String,
    pub message: String,
}

/// The autosave file in the data directory (`None` without a data directory).
pub fn autosave_path() -> Option<PathBuf> {
    super::paths::data_dir().map(|d| d.join(AUTOSAVE_FILE))
}

/// The session as TOML text.
pub fn to_toml(session: &Session) -> Result<String, StoreError> {
    toml::to_string(session).map_err(|e| StoreError {
        path: String::new(),
        message: format!("cannot encode the session: {e}"),
    })
}

/// Writes a session atomically: temp file in the same directory, fsync, rename, fsync the
/// directory. Creates the directory when missing.
pub fn save(path: &Path, session: &Session) -> Result<(), StoreError> {
    let err = |message: String| StoreError {
        path: path.display().to_string(),
        message,
    };
    let text = to_toml(session).map_err(|e| err(e.message))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir).map_err(|e| err(format!("cannot create the folder: {e}")))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "session.toml".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    };
    write().map_err(|e| {
        let _ = fs::remove_file(&tmp);
        err(format!("cannot write the session: {e}"))
    })
}

/// Parses session text; `file` names it in errors. The embedded profile is checked against
/// the built-in catalogue (see [`parse_with`]).
pub fn parse(file: &str, text: &str) -> Result<Session, InputErrors> {
    parse_with(file, text, &super::catalogue::built_in())
}

/// Parses session text and re-validates what it holds — the embedded profile through the same
/// checks as a profile file (`io::gate`), with business-case candidates looked up in
/// `catalogue` — so a session can carry nothing a profile file could not. Every error has the
/// file, line, column, field and what is allowed.
pub fn parse_with(file: &str, text: &str, catalogue: &Catalogue) -> Result<Session, InputErrors> {
    let doc = super::walk::Walker::new(file, text).parse()?;
    let root = doc.get_ref();
    let schema_at = super::walk::locate(root, "schema");
    let schema = super::walk::get(root, "schema").map(|v| v.get_ref());
    let schema_error = |message: String| -> InputErrors {
        let mut e = InputError::file(file, message)
            .field("schema")
            .allowed(SCHEMA.to_string());
        if let Some(at) = schema_at {
            e = e.at(text, at);
        }
        e.into()
    };
    match schema {
        Some(toml::de::DeValue::Integer(i)) if i.as_str() == SCHEMA.to_string() => {}
        Some(other) => {
            let shown = match other {
                toml::de::DeValue::Integer(i) => i.as_str().to_string(),
                v => v.type_str().to_string(),
            };
            return Err(schema_error(format!(
                "session schema {} is not supported by this version",
                super::error::cut(&shown)
            )));
        }
        None => return Err(schema_error("missing `schema`".into())),
    }
    let s: Session = toml::from_str(text).map_err(|e| {
        let message = e.message().trim().to_string();
        let mut err = InputError::file(
            file,
            format!("invalid session: {}", super::error::cut(&message)),
        );
        if let Some(span) = e.span() {
            err = err.at(text, span.start);
            let field = super::walk::path_at(root, span.start);
            if !field.is_empty() {
                err = err.field(field);
            }
        }
        if let Some(i) = message.find("expected ") {
            err = err.allowed(super::error::cut(&message[i + "expected ".len()..]));
        }
        InputErrors(vec![err])
    })?;
    let errors = super::gate::check_session(file, text, &s, catalogue);
    if errors.is_empty() {
        Ok(s)
    } else {
        Err(InputErrors(errors))
    }
}

/// Reads a session file, checked against the built-in catalogue.
pub fn load(path: &Path) -> Result<Session, InputErrors> {
    load_with(path, &super::catalogue::built_in())
}

/// Reads a session file; its profile's candidates are checked against `catalogue` (the one
/// given with `--catalogue`).
pub fn load_with(path: &Path, catalogue: &Catalogue) -> Result<Session, InputErrors> {
    let text = read_utf8(path)?;
    parse_with(&path.display().to_string(), &text, catalogue)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo_session() -> Session {
        let profile = crate::io::profile::demo();
        Session {
            schema: SCHEMA,
            profile_path: None,
            language: Lang::En,
            screen: "weights".into(),
            notes: "Raad wil \"zekerheid\"\nen een exit.".into(),
            weights: vec![profile.weights.clone()],
            business_case: profile
                .business_case
                .as_ref()
                .map(|_| BusinessCaseUi { scenario: 1 }),
            profile,
            elicitation: vec![],
        }
    }

    #[test]
    fn round_trips_through_toml() {
        let s = demo_session();
        let text = to_toml(&s).unwrap();
        assert!(text.starts_with("schema = 1"), "{text}");
        assert_eq!(parse("t", &text).unwrap(), s);
    }

    #[test]
    fn save_is_atomic_and_loadable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("s.toml");
        save(&path, &demo_session()).unwrap();
        assert_eq!(load(&path).unwrap(), demo_session());
        let leftovers: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn a_session_written_before_the_business_case_screen_still_loads() {
        // Schema 1 as earlier builds wrote it: no `business_case` table, and a profile
        // without a business case.
        let mut old = demo_session();
        old.profile.business_case = None;
        old.business_case = None;
        let mut doc: toml::Table = toml::from_str(&to_toml(&old).unwrap()).unwrap();
        assert!(doc.remove("business_case").is_none());
        let text = toml::to_string(&doc).unwrap();
        assert!(!text.contains("business_case"), "{text}");
        let s = parse("old.toml", &text).unwrap();
        assert_eq!(s.business_case, None);
        assert_eq!(s.profile.business_case, None);
        assert_eq!(s.weights, old.weights);
    }

    #[test]
    fn the_business_case_part_round_trips() {
        let s = demo_session();
        assert!(s.profile.business_case.is_some());
        let text = to_toml(&s).unwrap();
        assert!(text.contains("[business_case]"), "{text}");
        assert_eq!(
            parse("t", &text).unwrap().business_case,
            Some(BusinessCaseUi { scenario: 1 })
        );
    }

    #[test]
    fn unknown_schema_is_refused() {
        let text = to_toml(&demo_session())
            .unwrap()
            .replacen("schema = 1", "schema = 9", 1);
        let e = parse("s.toml", &text).unwrap_err().to_string();
        assert!(e.contains("schema 9"), "{e}");
    }

    #[test]
    fn save_into_a_file_path_that_is_a_directory_fails() {
        let dir = tempfile::tempdir().unwrap();
        let e = save(dir.path(), &demo_session()).unwrap_err();
        assert!(e.to_string().contains("cannot"), "{e}");
    }
}
