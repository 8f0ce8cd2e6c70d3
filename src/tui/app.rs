//! The terminal edge of the TUI: prepares the state (profile, session, restore offer, start
//! items), owns the terminal (raw mode, alternate screen, mouse) and restores it on every exit
//! path — normal quit, error, panic, SIGTERM/SIGHUP/SIGINT — and runs the loop: blocking
//! `event::read`, `update`, carry out effects, autosave, draw. No tick, no timer.

use std::io::{IsTerminal, stdout};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

use crate::core::catalogue::Catalogue;
use crate::core::text::Lang;
use crate::io::store;
use crate::io::{InputError, InputErrors, paths, profile};

use super::action::{Action, Effect, update};
use super::keymap;
use super::screens;
use super::state::{Screen, StartItem, StartKind, State};
use super::theme::{Theme, ThemeKind};

/// How the TUI was asked to start.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A profile file; the demo when absent.
    pub profile: Option<PathBuf>,
    /// Continue the last autosaved session.
    pub resume: bool,
    pub theme: ThemeKind,
    pub lang: Lang,
}

/// Builds the initial state, and the restore offer when an autosave is newer than the profile.
pub fn prepare(
    catalogue: Catalogue,
    opts: &Options,
) -> Result<(State, Option<Action>), InputErrors> {
    let p = match &opts.profile {
        Some(path) => profile::load_with(path, &catalogue)?,
        None => profile::demo(),
    };
    let mut state = State::new(catalogue, p, opts.profile.clone());
    state.lang = opts.lang;
    state.theme = Theme::from_env(opts.theme);
    state.start_items = start_items();
    state.own_profiles_dir = paths::user_profiles_dir();
    state.work_dir = std::env::current_dir().ok();
    state.home_dir = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from);
    if let Some(dir) = paths::data_dir() {
        state.default_save_path = dir.join("sessie.toml").display().to_string();
        state.default_export_path = dir.join("besluitnotitie.html").display().to_string();
    }
    if let Some(path) = &opts.profile {
        state.screen = Screen::Situation;
        // The profile given with -p is the highlighted start item (added when it is not in
        // the list), so a digit on Start keeps it instead of opening another.
        let file = path.file_name().map(|f| f.to_string_lossy().into_owned());
        let at = state.start_items.iter().position(|i| match &i.kind {
            StartKind::Shipped(f) => {
                file.as_deref() == Some(*f)
                    && path.parent().is_some_and(|d| d.ends_with("profiles"))
            }
            StartKind::Own(p) => p == path,
            _ => false,
        });
        let at = at.unwrap_or_else(|| {
            state.start_items.push(StartItem {
                kind: StartKind::Own(path.clone()),
                label: format!(
                    "{} ({})",
                    state.profile.subject.name(),
                    file.unwrap_or_default()
                ),
            });
            state.start_items.len() - 1
        });
        state.cursor.start = at;
        state.opened = Some(at);
    }
    let autosave = store::autosave_path();
    if opts.resume {
        let path = autosave
            .ok_or_else(|| InputError::file("autosave", "no data directory: nothing to resume"))?;
        if !path.exists() {
            return Err(InputError::file(
                &path.display().to_string(),
                "no autosaved session yet: start without --resume",
            )
            .into());
        }
        let s = store::load_with(&path, &state.catalogue)?;
        state.apply_session(s);
        return Ok((state, None));
    }
    let offer = autosave
        .filter(|a| newer_than_profile(a, opts.profile.as_deref()))
        .and_then(|a| store::load_with(&a, &state.catalogue).ok())
        .filter(|s| s.profile_path == opts.profile)
        .filter(|s| has_real_edits(s, &state.session()))
        .map(|s| Action::OfferRestore(Box::new(s)));
    Ok((state, offer))
}

/// Whether a saved session holds work the fresh start would lose: anything beyond where the
/// room was looking (screen, language, the scenario in focus). Only then is restoring offered;
/// an autosave of mere browsing is not worth a question.
pub fn has_real_edits(saved: &store::Session, fresh: &store::Session) -> bool {
    let mut s = saved.clone();
    s.schema = fresh.schema;
    s.screen = fresh.screen.clone();
    s.language = fresh.language;
    s.business_case = fresh.business_case;
    s != *fresh
}

fn mtime(p: &Path) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

fn newer_than_profile(autosave: &Path, profile: Option<&Path>) -> bool {
    match (mtime(autosave), profile.map(mtime)) {
        (None, _) => false,
        // The demo is built in: any autosave of it is newer.
        (Some(_), None) => true,
        (Some(a), Some(Some(p))) => a > p,
        (Some(_), Some(None)) => false,
    }
}

/// The profiles that ship with wolkwijzer, embedded in the binary so that the start screen
/// finds them from any folder: (file name, text).
pub const SHIPPED_PROFILES: [(&str, &str); 4] = [
    (
        "kleine-gemeente.toml",
        include_str!("../../profiles/kleine-gemeente.toml"),
    ),
    (
        "middelgrote-gemeente.toml",
        include_str!("../../profiles/middelgrote-gemeente.toml"),
    ),
    (
        "grote-gemeente.toml",
        include_str!("../../profiles/grote-gemeente.toml"),
    ),
    (
        "startersgroep.toml",
        include_str!("../../profiles/startersgroep.toml"),
    ),
];

/// The start screen's choices: the demo, the shipped profiles (embedded), the user's own
/// profiles (data directory) and the last session.
pub fn start_items() -> Vec<StartItem> {
    let mut items = vec![StartItem {
        kind: StartKind::Demo,
        label: profile::demo().subject.name().to_string(),
    }];
    // The shipped profiles are part of the binary: found from any folder.
    for (file, text) in SHIPPED_PROFILES {
        let label = match profile::parse(file, text) {
            Ok(p) => format!("{} ({file})", p.subject.name()),
            Err(_) => file.to_string(),
        };
        items.push(StartItem {
            kind: StartKind::Shipped(file),
            label,
        });
    }
    if let Some(dir) = paths::user_profiles_dir()
        && let Ok(rd) = std::fs::read_dir(&dir)
    {
        let mut files: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        for f in files {
            let file = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let label = match profile::load(&f) {
                Ok(p) => format!("{} ({file})", p.subject.name()),
                Err(_) => file,
            };
            items.push(StartItem {
                kind: StartKind::Own(f),
                label,
            });
        }
    }
    if let Some(a) = store::autosave_path().filter(|a| a.exists()) {
        let label = store::load(&a)
            .map(|s| s.profile.subject.name().to_string())
            .unwrap_or_else(|_| a.display().to_string());
        items.push(StartItem {
            kind: StartKind::Resume(a),
            label,
        });
    }
    items
}

/// Carries out an effect; returns the action that reports its outcome.
pub fn perform(effect: Effect, state: &State) -> Action {
    match effect {
        Effect::Save(path) => match store::save(&path, &state.session()) {
            Ok(()) => Action::Saved(path),
            Err(e) => Action::SaveFailed(store_error(&e, state.lang)),
        },
        Effect::Open(StartKind::Demo) => Action::Loaded {
            profile: Box::new(profile::demo()),
            origin: None,
        },
        Effect::Open(StartKind::Shipped(file)) => {
            let text = SHIPPED_PROFILES
                .iter()
                .find(|(f, _)| *f == file)
                .map_or("", |(_, t)| t);
            match profile::parse_with(file, text, Some(&state.catalogue)) {
                Ok(pr) => Action::Loaded {
                    profile: Box::new(pr),
                    origin: Some(PathBuf::from("profiles").join(file)),
                },
                Err(e) => Action::LoadFailed(e.to_string()),
            }
        }
        Effect::Open(StartKind::Own(p)) => match profile::load_with(&p, &state.catalogue) {
            Ok(pr) => Action::Loaded {
                profile: Box::new(pr),
                origin: Some(p),
            },
            Err(e) => Action::LoadFailed(e.to_string()),
        },
        Effect::Open(StartKind::Resume(p)) => match store::load_with(&p, &state.catalogue) {
            Ok(s) => Action::Restore(Box::new(s)),
            Err(e) => Action::LoadFailed(e.to_string()),
        },
        Effect::Export { path, overwrite } if !overwrite && path.exists() => {
            Action::ExportExists(path)
        }
        Effect::Export { path, .. } => match export(state, &path) {
            Ok(()) => Action::Exported(path),
            Err(e) => Action::ExportFailed(e),
        },
        Effect::Round(e) => super::round_link::perform(e, state),
        Effect::LoadPortfolio => crate::tui::screens::portfolio::load_action(state),
        // Issue 16 (port2): the TUI's import dialog.
        Effect::ImportPortfolio(path) => {
            Action::Portfolio(crate::tui::screens::portfolio::PortfolioKey::Imported(
                crate::tui::screens::portfolio::read_import(&path, state.lang),
                crate::cli::portfolio::today(),
            ))
        }
    }
}

/// Writes the decision note of the session to `path`, in the format its extension names,
/// through the pure renderers of `report::note`.
pub fn export(state: &State, path: &Path) -> Result<(), String> {
    use crate::report::note::{self, Note, NoteFormat, NoteInput};
    let t = crate::i18n::tui_bc(state.lang);
    let format = NoteFormat::from_path(path)
        .ok_or_else(|| format!("{}: {}", path.display(), t.export_unknown_format))?;
    let profile = state.note_profile();
    // A starter group's note is the group decision the room saw on Summary and in the group
    // view: the plenary weights, only the candidates admissible for every member.
    let evaluation = if profile.subject.is_group() {
        crate::core::group::group_decision(&state.catalogue, &profile, None)
    } else {
        crate::core::scoring::evaluate(&state.catalogue, &profile)
    }
    .map_err(|e| e.to_string())?;
    let input = NoteInput {
        catalogue: &state.catalogue,
        profile: &profile,
        evaluation: &evaluation,
        lang: state.lang,
        form: None,
    };
    let mut built = Note::build(&input).map_err(|e| e.to_string())?;
    // doca (issue 14): the portfolio chapter and annex when the profile names a portfolio.
    built
        .add_portfolio(
            &input,
            state.origin.as_deref(),
            crate::cli::portfolio::today(),
        )
        .map_err(|e| e.to_string())?;
    // The room's record (notes, how the weights came about, the group process) as an annex.
    built.session = session_blocks(state);
    let text = note::render_as(&built, format);
    store::write_atomic(
        path,
        crate::core::safe_text::escape(&text).as_bytes(),
        &mut |_| Ok(()),
    )
    .map_err(|e| format!("{}: {}", path.display(), io_error(&e, state.lang)))
}

use crate::io::error::{io_error, io_kind};

/// A session that could not be written, in the room's language: the file and what went wrong
/// (the system's own words only for an error kind without words here).
fn store_error(e: &store::StoreError, lang: Lang) -> String {
    match e.kind.and_then(|k| io_kind(k, lang)) {
        Some(words) => format!("{}: {words}", e.path),
        None => e.to_string(),
    }
}

/// The decision note's record of this session, as document blocks: the session chapter
/// (weights and how they were obtained, certainty, the room's notes, named weight sets) and,
/// for a starter group, the group chapter. For a starter group it speaks of the group decision
/// whatever municipality is in focus, as the note does. The note's assembly appends these
/// after its ranking chapters.
pub fn session_blocks(state: &State) -> Vec<crate::report::doc::Block> {
    use crate::report::note::session::{
        GroupChapter, SessionChapter, group_chapter, session_chapter,
    };
    let slot = state.group_slot().unwrap_or(0);
    let weights = if state.is_group() {
        state.profile.weights.clone()
    } else {
        state
            .weights
            .first()
            .cloned()
            .unwrap_or_else(|| state.profile.weights.clone())
    };
    let view = super::mcda::member_view(&state.profile, slot, &weights);
    let Ok(evaluation) = (if state.is_group() {
        crate::core::group::group_decision(&state.catalogue, &state.profile, None)
    } else {
        crate::core::scoring::evaluate(&state.catalogue, &view)
    }) else {
        return vec![];
    };
    // The robustness of the same decision: the cached analysis when it is of this input.
    let cached = state
        .analyses
        .sensitivity
        .as_ref()
        .filter(|c| c.input == view)
        .map(|c| c.value.clone());
    let analysis = cached.unwrap_or_else(|| {
        crate::core::analysis::analyse(
            &state.catalogue,
            &view,
            crate::core::analysis::SamplingSettings::default(),
        )
    });
    let smaa = analysis.as_ref().ok().and_then(|a| {
        a.robustness
            .as_ref()
            .map(|r| (&r.smaa, a.candidates.as_slice()))
    });
    let record = state.weight_records.get(slot).and_then(Option::as_ref);
    let mut blocks = session_chapter(&SessionChapter {
        catalogue: &state.catalogue,
        evaluation: &evaluation,
        weights_record: record,
        smaa,
        free_notes: &state.notes,
        notes: &state.room_notes,
        weight_sets: &state.weight_sets,
        // Decision screens (issue 15, part A): each set's winner, the business case outcome.
        set_winners: &super::screens::weight_sets::winners_at(state, slot),
        business_case: super::screens::business_case::outcome(state).as_ref(),
        lang: state.lang,
    });
    if state.is_group() {
        let input = super::mcda::group_view(&state.profile, &state.weights);
        if let Ok(g) = crate::core::group::evaluate_group_as(
            &state.catalogue,
            &input,
            crate::core::group::GroupWeighting::Plenary,
        ) {
            blocks.extend(group_chapter(&GroupChapter {
                catalogue: &state.catalogue,
                group: &g,
                revealed: state.reveal,
                entered: state.entered_count(),
                lang: state.lang,
            }));
        }
    }
    // The voting round (issue 17): its ballots and reveal follow the group chapter.
    blocks.extend(crate::report::note::round::round_section(
        state.round.round.as_ref(),
        &state.catalogue,
        state.lang,
    ));
    blocks
}

/// Applies an action and everything it leads to (effects and their outcomes).
pub fn dispatch(state: &mut State, action: Action) {
    let mut next = Some(action);
    while let Some(a) = next.take() {
        if let Some(effect) = update(state, a) {
            next = Some(perform(effect, state));
        }
    }
}

/// Writes the autosave when the session differs from the last one written (`last`: `None`
/// before the first): what is compared is the session itself, so no change can be missed and
/// nothing is written when nothing changed. Without an autosave file (read-only, no data
/// folder) the change is marked as only in memory, so `q` asks to save.
pub fn autosave(state: &mut State, last: &mut Option<store::Session>, path: Option<&Path>) {
    let now = state.session();
    if last.as_ref() == Some(&now) {
        return;
    }
    let outcome = match path {
        None => Action::NotAutosaved,
        Some(p) => match store::save(p, &now) {
            Ok(()) => Action::Autosaved,
            Err(e) => Action::AutosaveFailed(store_error(&e, state.lang)),
        },
    };
    *last = Some(now);
    update(state, outcome);
}

/// Claims the data folder for this instance before the first autosave: sweeps temporary files
/// that killed runs left, then takes the folder's lock. Returns the lock (held until the
/// process ends) and the autosave file to use: none when another instance holds the lock —
/// this one then goes on read-only (told in the status line; `q` asks where to save, and `s`
/// proposes a file of its own) instead of overwriting the other's autosave.
pub fn claim_data_dir(
    state: &mut State,
    dir: Option<&Path>,
) -> (Option<store::DataDirLock>, Option<PathBuf>) {
    let Some(dir) = dir else {
        return (None, None);
    };
    store::sweep_stale_temps(dir);
    let autosave = dir.join(store::AUTOSAVE_FILE);
    match store::lock_data_dir(dir) {
        Ok(store::LockOutcome::Acquired(lock)) => (Some(lock), Some(autosave)),
        Ok(store::LockOutcome::HeldBy(_)) => {
            state.default_save_path = dir
                .join(format!("sessie-{}.toml", std::process::id()))
                .display()
                .to_string();
            dispatch(state, Action::ReadOnly);
            (None, None)
        }
        // No lock possible (a read-only folder): the autosave will fail and say so itself.
        Err(_) => (None, Some(autosave)),
    }
}

/// Leaves the terminal as the user had it: mouse capture off, cursor shown, raw mode off, the
/// main screen back. Safe to call twice (a signal during the normal exit).
fn restore_terminal() {
    let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture, Show);
    ratatui::restore();
    // `ratatui::restore` leaves the alternate screen; show the cursor on the main screen too.
    let _ = execute!(stdout(), Show);
}

/// Restores the terminal and ends the process on SIGTERM, SIGHUP and SIGINT, with exit code
/// 128 + the signal's number as shells report it. The session is autosaved after every change;
/// only while autosave is failing or off (read-only instance) do in-memory changes go with it.
#[cfg(unix)]
fn install_signal_handlers() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) {
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                restore_terminal();
                std::process::exit(128 + sig);
            }
        });
    }
}

/// Restores the terminal when the console sends Ctrl-Break, or is closed, logged off or shut
/// down (in raw mode Ctrl-C arrives as a key, handled like `q`). Windows calls the handler on
/// a thread of its own; after a close event the process has a few seconds, enough to restore.
#[cfg(windows)]
fn install_signal_handlers() {
    type Handler = unsafe extern "system" fn(u32) -> i32;
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn SetConsoleCtrlHandler(handler: Option<Handler>, add: i32) -> i32;
    }
    unsafe extern "system" fn on_console_event(_event: u32) -> i32 {
        restore_terminal();
        // 130: what a Unix shell reports for Ctrl-C, the same code on every platform.
        std::process::exit(130)
    }
    // SAFETY: registers a handler function that lives for the whole program; the call has no
    // other preconditions.
    unsafe {
        SetConsoleCtrlHandler(Some(on_console_event), 1);
    }
}

/// Neither Unix nor Windows: no signals to catch; `q`, Ctrl-C and panics still restore.
#[cfg(not(any(unix, windows)))]
fn install_signal_handlers() {}

/// The TUI was started without a terminal (output piped or redirected).
#[derive(Debug, thiserror::Error)]
#[error(
    "the workshop TUI needs a terminal (stdin and stdout); for text output use a command, e.g. `wolkwijzer score`"
)]
pub struct NoTerminal;

/// Runs the TUI until the user quits.
pub fn run(catalogue: Catalogue, opts: Options) -> anyhow::Result<()> {
    let (mut state, offer) = prepare(catalogue, &opts)?;
    if !(std::io::stdin().is_terminal() && stdout().is_terminal()) {
        return Err(NoTerminal.into());
    }

    // Our hook first (mouse capture off), then ratatui's (raw mode off, screen left), which
    // calls ours after restoring.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture, Show);
        previous(info);
    }));
    let mut terminal = ratatui::try_init()?;
    // Bracketed paste: a pasted paragraph arrives as one event, never as key commands.
    let _ = execute!(stdout(), EnableMouseCapture, EnableBracketedPaste);
    install_signal_handlers();

    let result = (|| -> anyhow::Result<()> {
        let size = terminal.size()?;
        dispatch(&mut state, Action::Resize(size.width, size.height));
        if let Some(a) = offer {
            dispatch(&mut state, a);
        }
        let (_lock, autosave_path) = claim_data_dir(&mut state, paths::data_dir().as_deref());
        let mut saved = Some(state.session());
        loop {
            terminal.draw(|f| screens::render(f, &state))?;
            // While a voting round is served (issue 17), wake up for its ballots too.
            if super::round_link::is_live(&state) && !event::poll(Duration::from_millis(250))? {
                for a in super::round_link::pending(&state) {
                    dispatch(&mut state, a);
                }
                autosave(&mut state, &mut saved, autosave_path.as_deref());
                continue;
            }
            for a in super::round_link::pending(&state) {
                dispatch(&mut state, a);
            }
            let ev = event::read()?;
            if let Some(a) = keymap::action_for_event(&state, &ev) {
                dispatch(&mut state, a);
            }
            // Drain what is already queued (a held key, a paste) before saving and drawing
            // once: no waiting, no timer — poll with a zero timeout only asks "anything left?".
            while !state.quit && event::poll(Duration::ZERO)? {
                let ev = event::read()?;
                if let Some(a) = keymap::action_for_event(&state, &ev) {
                    dispatch(&mut state, a);
                }
            }
            autosave(&mut state, &mut saved, autosave_path.as_deref());
            if state.quit {
                return Ok(());
            }
        }
    })();
    restore_terminal();
    result
}
