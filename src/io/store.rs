//! Workshop sessions on disk: a versioned TOML document (`schema = 2`; files of schema 1 still
//! load) holding the profile (its path and an embedded copy, so edits made in the room survive),
//! the weights per municipality, the language, the screen, the room's notes (typed as decision,
//! action or open question), the blind round and the named weight sets. Writes are atomic: a temporary file in the same
//! directory, fsync, then rename — a crash leaves the old file or the new one, never half.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::{InputError, InputErrors};
use super::text_file::read_text_file;
use crate::core::catalogue::Catalogue;
use crate::core::criteria::Criterion;
use crate::core::mcda::elicitation::WeightMethod;
use crate::core::profile::{Profile, Weights};
use crate::core::text::Lang;

/// The session format version this build writes.
pub const SCHEMA: u32 = 2;

/// Every session format version this build reads (1: before typed notes, the blind round and
/// named weight sets; those load empty).
pub const READABLE_SCHEMAS: [u32; 2] = [1, 2];

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
    /// The voting round and its ballots (issue 17; versioned by its own `version`, absent in
    /// sessions without a round, which still load).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<crate::core::round::Round>,
    /// The room's notes, each typed (schema 2; a schema-1 file's free `notes` stay there).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub room_notes: Vec<RoomNote>,
    /// A starter group's blind round: who entered weights, whether they were revealed
    /// (schema 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blind: Option<BlindRound>,
    /// Weight sets the room saved under a name to compare ("directie", "raad"; schema 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weight_sets: Vec<WeightSet>,
    /// Issue 16 (port2): the portfolio file the room imported in the TUI, with its
    /// fingerprint; a resumed session re-reads it and says when it changed or is gone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portfolio: Option<crate::io::portfolio::PortfolioFile>,
}

/// What a note of the room records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// Something the room decided.
    Decision,
    /// Something someone will do.
    Action,
    /// A question the room left open.
    Question,
}

impl NoteKind {
    /// The kinds in the order the note editor cycles through them.
    pub const ALL: [NoteKind; 3] = [NoteKind::Decision, NoteKind::Action, NoteKind::Question];

    /// The next kind (wraps).
    pub fn next(self) -> NoteKind {
        match self {
            NoteKind::Decision => NoteKind::Action,
            NoteKind::Action => NoteKind::Question,
            NoteKind::Question => NoteKind::Decision,
        }
    }
}

/// One note of the room: its kind and its text (may hold line breaks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomNote {
    pub kind: NoteKind,
    pub text: String,
}

/// A starter group's blind round as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BlindRound {
    /// The members (0-based, profile order) that entered their weights.
    #[serde(default)]
    pub entered: Vec<usize>,
    /// Whether the members' weights were revealed to the room.
    #[serde(default)]
    pub revealed: bool,
}

/// Weights the room saved under a name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightSet {
    pub name: String,
    pub weights: Weights,
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
    /// The file system's error kind, when that is what failed (for the TUI to say it in the
    /// room's language instead of the system's "(os error 2)").
    pub kind: Option<std::io::ErrorKind>,
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
        kind: None,
    })
}

/// Writes a session atomically (`write_atomic`). Creates the directory when missing.
pub fn save(path: &Path, session: &Session) -> Result<(), StoreError> {
    let text = to_toml(session).map_err(|e| StoreError {
        path: path.display().to_string(),
        message: e.message,
        kind: None,
    })?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| StoreError {
            path: path.display().to_string(),
            message: format!("cannot create the folder: {e}"),
            kind: Some(e.kind()),
        })?;
    }
    write_atomic(path, text.as_bytes(), &mut |_| Ok(())).map_err(|e| StoreError {
        path: path.display().to_string(),
        message: format!("cannot write the session: {e}"),
        kind: Some(e.kind()),
    })
}

/// A step of the atomic write, after which `write_atomic` calls its hook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteStep {
    /// The temporary file exists, empty.
    Created,
    /// The content is written to the temporary file (perhaps still in the OS's cache).
    Written,
    /// The temporary file is flushed to disk.
    Synced,
    /// The temporary file has replaced the target.
    Renamed,
}

/// The temporary file a write to `path` goes through: `.<name>.<pid>.tmp` beside it.
fn temp_path(dir: &Path, path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "session.toml".into());
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}

/// Writes `bytes` to `path` atomically (sessions, the autosave, `report -o`, the TUI's export)
/// into an existing folder: create a temporary file beside it, write, fsync,
/// rename over the target (on Windows too: `std::fs::rename` replaces an existing file), then
/// fsync the directory where the platform allows it. A crash at any point leaves the old file
/// or the new one, never a mix. `after` is called after each step; when it returns an error the
/// write stops right there, as a crash would (tests inject crashes this way; the temporary file
/// is then left behind like after a real crash, for `sweep_stale_temps`).
pub fn write_atomic(
    path: &Path,
    bytes: &[u8],
    after: &mut dyn FnMut(WriteStep) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = temp_path(&dir, path);
    let mut crashed = false;
    let mut write = || -> std::io::Result<()> {
        let mut step = |s: WriteStep| after(s).inspect_err(|_| crashed = true);
        let mut f = File::create(&tmp)?;
        step(WriteStep::Created)?;
        f.write_all(bytes)?;
        step(WriteStep::Written)?;
        f.sync_all()?;
        // Closed before the rename: Windows cannot rename a file that is still open.
        drop(f);
        step(WriteStep::Synced)?;
        fs::rename(&tmp, path)?;
        step(WriteStep::Renamed)?;
        sync_dir(&dir);
        Ok(())
    };
    let result = write();
    if result.is_err() && !crashed {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Makes a rename durable: fsync the directory (Unix). Windows cannot open a directory as a
/// file and has no such step; NTFS journals the rename itself.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Whether the process `pid` still runs, when the platform can tell (`None` otherwise).
fn process_alive(pid: u32) -> Option<bool> {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return Some(false);
        };
        // SAFETY: signal 0 only checks that the process exists; nothing is sent.
        let r = unsafe { libc::kill(pid, 0) };
        if r == 0 {
            return Some(true);
        }
        // EPERM: it exists but belongs to another user.
        Some(std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM))
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        None
    }
}

/// A temporary file older than this is stale whatever its pid says: a write takes
/// milliseconds.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes temporary files (`.<name>.<pid>.tmp`) that a crashed or killed run left in `dir`:
/// those of another pid that no longer runs (Unix), or older than ten minutes (everywhere; the
/// only test on Windows). Never this process's own, never other files. Returns what it removed.
pub fn sweep_stale_temps(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return vec![];
    };
    let own = std::process::id();
    let mut removed = vec![];
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = temp_pid(&name) else {
            continue;
        };
        if pid == own || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if (old || process_alive(pid) == Some(false)) && fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed
}

/// The pid in a temporary file's name `.<name>.<pid>.tmp`, or `None` for any other name.
fn temp_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (stem, pid) = rest.rsplit_once('.')?;
    if stem.is_empty() || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// The lock file that marks a data directory as in use by one running TUI.
pub const LOCK_FILE: &str = "wolkwijzer.lock";

/// Holds the data directory for this process: released when dropped or when the process
/// ends in any way (the OS drops the lock with the file handle, so a crash leaves no lock).
#[derive(Debug)]
pub struct DataDirLock {
    _file: File,
}

/// What `lock_data_dir` found.
#[derive(Debug)]
pub enum LockOutcome {
    /// This process now owns the data directory.
    Acquired(DataDirLock),
    /// Another running instance owns it (its pid, when the platform lets us read it: Windows
    /// locks the file's content too).
    HeldBy(Option<u32>),
}

/// Takes the data directory's lock (an OS advisory lock on `wolkwijzer.lock`, which also records
/// the owner's pid). Creates the directory when missing.
pub fn lock_data_dir(dir: &Path) -> Result<LockOutcome, StoreError> {
    use std::io::{Read, Seek, SeekFrom};
    let path = dir.join(LOCK_FILE);
    let err = |message: String| StoreError {
        path: path.display().to_string(),
        message,
        kind: None,
    };
    fs::create_dir_all(dir).map_err(|e| err(format!("cannot create the folder: {e}")))?;
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| err(format!("cannot open the lock file: {e}")))?;
    match file.try_lock() {
        Ok(()) => {
            // Best effort: the pid only makes the other instance's message more helpful.
            let _ = file.set_len(0);
            let _ = file.seek(SeekFrom::Start(0));
            let _ = write!(file, "{}", std::process::id());
            let _ = file.sync_all();
            Ok(LockOutcome::Acquired(DataDirLock { _file: file }))
        }
        Err(fs::TryLockError::WouldBlock) => {
            let mut text = String::new();
            let pid = file
                .read_to_string(&mut text)
                .ok()
                .and_then(|_| text.trim().parse().ok());
            Ok(LockOutcome::HeldBy(pid))
        }
        Err(fs::TryLockError::Error(e)) => Err(err(format!("cannot lock the data folder: {e}"))),
    }
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
        let allowed: Vec<String> = READABLE_SCHEMAS.iter().map(u32::to_string).collect();
        let mut e = InputError::file(file, message)
            .field("schema")
            .allowed(allowed.join(", "));
        if let Some(at) = schema_at {
            e = e.at(text, at);
        }
        e.into()
    };
    match schema {
        Some(toml::de::DeValue::Integer(i))
            if READABLE_SCHEMAS.iter().any(|v| i.as_str() == v.to_string()) => {}
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
        InputErrors(vec![super::walk::located_serde_error(
            file,
            text,
            Some(root),
            "invalid session: ",
            &e,
        )])
    })?;
    let mut errors = super::gate::check_session(file, text, &s, catalogue);
    // The voting round: re-validated like ballots from a phone.
    if let Some(Err(message)) = s.round.as_ref().map(crate::core::round::Round::check) {
        let mut e = InputError::file(file, message).field("round");
        if let Some(at) = super::walk::locate(root, "round") {
            e = e.at(text, at);
        }
        errors.push(e);
    }
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
    let text = read_text_file(path)?;
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
            round: None,
            room_notes: vec![RoomNote {
                kind: NoteKind::Action,
                text: "Jan belt de\nleverancier".into(),
            }],
            blind: None,
            weight_sets: vec![],
            portfolio: None,
        }
    }

    #[test]
    fn round_trips_through_toml() {
        let s = demo_session();
        let text = to_toml(&s).unwrap();
        assert!(text.starts_with("schema = 2"), "{text}");
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
    fn a_schema_1_session_still_loads_with_no_typed_notes_blind_round_or_weight_sets() {
        let mut old = demo_session();
        old.room_notes.clear();
        let text = to_toml(&old)
            .unwrap()
            .replacen("schema = 2", "schema = 1", 1);
        assert!(
            !text.contains("room_notes") && !text.contains("[blind]"),
            "{text}"
        );
        let s = parse("old.toml", &text).unwrap();
        assert_eq!(s.schema, 1);
        assert_eq!(s.notes, old.notes, "the free notes of schema 1 stay");
        assert!(s.room_notes.is_empty() && s.blind.is_none() && s.weight_sets.is_empty());
    }

    #[test]
    fn typed_notes_the_blind_round_and_weight_sets_round_trip() {
        let mut s = demo_session();
        s.blind = Some(BlindRound {
            entered: vec![0],
            revealed: true,
        });
        s.weight_sets = vec![WeightSet {
            name: "raad".into(),
            weights: s.weights[0].clone(),
        }];
        let text = to_toml(&s).unwrap();
        assert!(text.contains("kind = \"action\""), "{text}");
        assert_eq!(parse("t", &text).unwrap(), s);
    }

    #[test]
    fn a_group_session_may_record_the_groups_own_weights_but_no_further_member() {
        let text = include_str!("../../profiles/startersgroep.toml");
        let profile = crate::io::profile::parse("startersgroep.toml", text).unwrap();
        let record = |member| WeightRecord {
            member,
            criteria: profile.weights.criteria(),
            how: WeightMethod::GroupMean { members: 4 },
        };
        let mut s = demo_session();
        s.weights = vec![profile.weights.clone(); 4];
        s.profile = profile.clone();
        s.business_case = None;
        s.elicitation = vec![record(4)];
        s.blind = Some(BlindRound {
            entered: vec![0, 3],
            revealed: false,
        });
        assert!(parse("s.toml", &to_toml(&s).unwrap()).is_ok());
        s.elicitation = vec![record(5)];
        let e = parse("s.toml", &to_toml(&s).unwrap())
            .unwrap_err()
            .to_string();
        assert!(e.contains("0 to 4 (4: the group itself)"), "{e}");
        s.elicitation.clear();
        s.blind = Some(BlindRound {
            entered: vec![4],
            revealed: true,
        });
        let e = parse("s.toml", &to_toml(&s).unwrap())
            .unwrap_err()
            .to_string();
        assert!(e.contains("blind.entered[0]"), "{e}");
    }

    #[test]
    fn unknown_schema_is_refused() {
        let text = to_toml(&demo_session())
            .unwrap()
            .replacen("schema = 2", "schema = 9", 1);
        let e = parse("s.toml", &text).unwrap_err().to_string();
        assert!(e.contains("schema 9") && e.contains("1, 2"), "{e}");
    }

    #[test]
    fn save_into_a_file_path_that_is_a_directory_fails() {
        let dir = tempfile::tempdir().unwrap();
        let e = save(dir.path(), &demo_session()).unwrap_err();
        assert!(e.to_string().contains("cannot"), "{e}");
    }

    /// The deterministic crash test of the atomic save: a crash injected after each step of the
    /// write leaves the target with the old content or the new one, whole, never torn or empty.
    #[test]
    fn a_crash_after_any_step_leaves_the_old_or_the_new_file() {
        let old = "old = \"content\"\n".repeat(50);
        let new = "new = \"session\"\n".repeat(80);
        let steps = [
            WriteStep::Created,
            WriteStep::Written,
            WriteStep::Synced,
            WriteStep::Renamed,
        ];
        for crash_after in steps {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(AUTOSAVE_FILE);
            fs::write(&path, &old).unwrap();
            let mut seen = vec![];
            let r = write_atomic(&path, new.as_bytes(), &mut |s| {
                seen.push(s);
                if s == crash_after {
                    Err(std::io::Error::other("injected crash"))
                } else {
                    Ok(())
                }
            });
            assert!(r.is_err(), "{crash_after:?}");
            assert_eq!(seen.last(), Some(&crash_after));
            let now = fs::read_to_string(&path).unwrap();
            // Before the rename the target is untouched; from the rename on it is the new file.
            let expected = if crash_after == WriteStep::Renamed {
                &new
            } else {
                &old
            };
            assert_eq!(&now, expected, "crash after {crash_after:?}");
        }
        // Without a crash every step runs once, in order.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(AUTOSAVE_FILE);
        let mut seen = vec![];
        write_atomic(&path, new.as_bytes(), &mut |s| {
            seen.push(s);
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, steps);
        assert_eq!(fs::read_to_string(&path).unwrap(), new);
    }

    #[cfg(unix)]
    /// A crash before the rename leaves its temporary file; the next start's sweep removes it
    /// once its writer no longer runs, and leaves everything else alone.
    #[test]
    fn stale_temp_files_are_swept_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(AUTOSAVE_FILE);
        fs::write(&path, "kept").unwrap();
        // A process that has ended: its pid is free.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let stale = dir.path().join(format!(".{AUTOSAVE_FILE}.{dead}.tmp"));
        fs::write(&stale, "half").unwrap();
        // Our own (a write in progress) and a live process's stay.
        let own = dir
            .path()
            .join(format!(".{AUTOSAVE_FILE}.{}.tmp", std::process::id()));
        fs::write(&own, "mine").unwrap();
        let mut live = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let running = dir
            .path()
            .join(format!(".{AUTOSAVE_FILE}.{}.tmp", live.id()));
        fs::write(&running, "theirs").unwrap();
        let unrelated = dir.path().join(".notes.tmp");
        fs::write(&unrelated, "x").unwrap();
        let removed = sweep_stale_temps(dir.path());
        let _ = live.kill();
        let _ = live.wait();
        assert_eq!(removed, vec![stale.clone()]);
        assert!(!stale.exists());
        for p in [&path, &own, &running, &unrelated] {
            assert!(p.exists(), "{}", p.display());
        }
    }

    #[test]
    fn temp_names_are_recognised_exactly() {
        assert_eq!(temp_pid(".autosave.toml.123.tmp"), Some(123));
        assert_eq!(temp_pid(".sessie.toml.7.tmp"), Some(7));
        for other in [
            "autosave.toml",
            ".autosave.toml.tmp",
            ".x.12a.tmp",
            "..1.tmp",
            ".a.1.tm",
        ] {
            assert_eq!(temp_pid(other), None, "{other}");
        }
    }

    #[test]
    fn a_second_lock_on_the_data_folder_is_refused_with_the_owners_pid() {
        let dir = tempfile::tempdir().unwrap();
        let first = match lock_data_dir(dir.path()).unwrap() {
            LockOutcome::Acquired(l) => l,
            LockOutcome::HeldBy(p) => panic!("free folder reported held by {p:?}"),
        };
        match lock_data_dir(dir.path()).unwrap() {
            // Unix locks are advisory: the owner's pid is readable. Windows locks the content
            // too, so there the pid may be unknown (Wine lets it be read).
            LockOutcome::HeldBy(pid) if cfg!(unix) => assert_eq!(pid, Some(std::process::id())),
            LockOutcome::HeldBy(pid) => assert!(pid.is_none() || pid == Some(std::process::id())),
            LockOutcome::Acquired(_) => panic!("two owners of one data folder"),
        }
        drop(first);
        assert!(matches!(
            lock_data_dir(dir.path()).unwrap(),
            LockOutcome::Acquired(_)
        ));
    }
}
