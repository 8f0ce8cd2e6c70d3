//! Where wolkwijzer keeps the user's files: `directories::ProjectDirs` (data dir for sessions
//! and the user's own profiles). `WOLKWIJZER_DATA_DIR` overrides it (tests, portable installs).

use std::path::PathBuf;

/// The data directory, or `None` when the platform has no home directory.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("WOLKWIJZER_DATA_DIR") {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("nl", "wolkwijzer", "wolkwijzer")
        .map(|d| d.data_dir().to_path_buf())
}

/// The folder for the user's own profiles: `<data dir>/profiles`.
pub fn user_profiles_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("profiles"))
}
