//! The one way an input file is read: profiles, catalogues, sessions and AHP files all come
//! through `read_text_file`. It refuses what is not a regular file (a FIFO would block forever,
//! a directory or a device is never what the user meant) *before* opening it, requires UTF-8,
//! drops a UTF-8 byte order mark (Windows Notepad writes one) and turns CRLF line endings into
//! LF, so a file saved on Windows reads exactly like the same file saved on Linux.

use std::fs::{self, File, Metadata};
use std::io::Read;
use std::path::Path;

use super::error::{InputError, line_col};

/// The UTF-8 byte order mark.
const BOM: &str = "\u{feff}";

/// What kind of thing a path is when it is not a regular file, in words for the user.
fn kind_of(meta: &Metadata) -> Option<&'static str> {
    let ft = meta.file_type();
    if ft.is_file() {
        return None;
    }
    if ft.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if ft.is_socket() {
            return Some("a socket");
        }
        if ft.is_char_device() || ft.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

fn not_regular(name: &str, kind: &str) -> InputError {
    InputError::file(
        name,
        format!("this is {kind}, not a file; give the path of a TOML file"),
    )
}

/// Reads a text input file: refuses non-regular files, requires UTF-8 (with the place of the
/// first bad byte), strips a leading BOM and normalises CRLF to LF.
#[allow(clippy::result_large_err)]
pub fn read_text_file(path: &Path) -> Result<String, InputError> {
    let name = path.display().to_string();
    let cannot = |e: std::io::Error| InputError::file(&name, format!("cannot read the file: {e}"));
    // Checked before opening: opening a FIFO for reading blocks until a writer appears.
    let meta = fs::metadata(path).map_err(cannot)?;
    if let Some(kind) = kind_of(&meta) {
        return Err(not_regular(&name, kind));
    }
    let mut file = File::open(path).map_err(cannot)?;
    // The path may have been swapped between the check and the open: check what was opened.
    if let Some(kind) = file.metadata().ok().as_ref().and_then(kind_of) {
        return Err(not_regular(&name, kind));
    }
    let mut bytes = Vec::with_capacity(meta.len().try_into().unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(cannot)?;
    let text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..good]).into_owned();
            let (line, column) = line_col(&prefix, prefix.len());
            return Err(InputError {
                file: name,
                line: Some(line),
                column: Some(column),
                field: None,
                message: format!(
                    "the file is not valid UTF-8 (byte 0x{:02x} at offset {good}); save it as UTF-8",
                    bytes[good]
                ),
                allowed: None,
            });
        }
    };
    Ok(normalise(text))
}

/// Drops a leading BOM and turns every CRLF into LF (a lone CR is left alone).
pub fn normalise(text: String) -> String {
    let text = match text.strip_prefix(BOM) {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.contains("\r\n") {
        text.replace("\r\n", "\n")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_normalised() {
        assert_eq!(
            normalise("\u{feff}a = 1\r\nb = 2\r\n".into()),
            "a = 1\nb = 2\n"
        );
        assert_eq!(normalise("a\rb\n".into()), "a\rb\n");
        // Only a leading BOM is a byte order mark.
        assert_eq!(normalise("a\u{feff}".into()), "a\u{feff}");
    }

    #[test]
    fn a_folder_is_refused_with_what_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_text_file(dir.path()).unwrap_err().to_string();
        assert!(e.contains("this is a folder, not a file"), "{e}");
        assert!(e.starts_with(&dir.path().display().to_string()), "{e}");
    }

    #[test]
    fn bad_utf8_is_placed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.toml");
        fs::write(&p, b"a = 1\r\nb = \"\xff\"\r\n").unwrap();
        let e = read_text_file(&p).unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(6)), "{e}");
        assert!(e.message.contains("0xff"), "{e}");
    }

    #[test]
    fn a_missing_file_says_so() {
        let e = read_text_file(Path::new("/nonexistent/wolkwijzer.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("cannot read the file"), "{e}");
    }
}
