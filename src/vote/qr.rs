//! The join URL as a QR code in terminal characters, two modules per character cell (upper and
//! lower half blocks), with the quiet zone the standard asks for (4 modules).
//!
//! The URL is written in upper case (scheme, host and the `/J/` path are case-insensitive and
//! the code is upper case), so the QR code can use alphanumeric mode: a smaller code, larger
//! modules on the projector, easier to scan from the back of the room.

use qrcode::{Color, EcLevel, QrCode};

/// Modules of quiet zone around the code.
pub const QUIET: usize = 4;

/// The QR code of `text` as lines of `▀ ▄ █` and spaces, where a *drawn* cell is a light
/// module (draw it light on dark) and a space a dark one. `None` when the text does not fit a
/// QR code.
pub fn lines(text: &str) -> Option<Vec<String>> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let w = code.width();
    let colors = code.to_colors();
    let size = w + 2 * QUIET;
    let light = |x: usize, y: usize| -> bool {
        if x < QUIET || y < QUIET || x >= w + QUIET || y >= w + QUIET {
            return true;
        }
        colors[(y - QUIET) * w + (x - QUIET)] == Color::Light
    };
    let mut out = vec![];
    for row in (0..size).step_by(2) {
        let line: String = (0..size)
            .map(|x| {
                let top = light(x, row);
                let bottom = row + 1 < size && light(x, row + 1);
                match (top, bottom) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                }
            })
            .collect();
        out.push(line);
    }
    Some(out)
}

/// The QR code of `text` at double size: every module two characters wide and one line
/// high (`█` light, space dark), for a screen with room to spare (the back of the room).
pub fn lines_large(text: &str) -> Option<Vec<String>> {
    let (w, dark) = modules(text)?;
    let size = w + 2 * QUIET;
    Some(
        (0..size)
            .map(|y| {
                (0..size)
                    .map(|x| {
                        let inside = x >= QUIET && y >= QUIET && x < w + QUIET && y < w + QUIET;
                        if inside && dark[(y - QUIET) * w + (x - QUIET)] {
                            "  "
                        } else {
                            "██"
                        }
                    })
                    .collect()
            })
            .collect(),
    )
}

/// The QR code's modules, row by row (`true` = dark), without quiet zone: for tests and for
/// anything that draws it another way.
pub fn modules(text: &str) -> Option<(usize, Vec<bool>)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let w = code.width();
    Some((
        w,
        code.to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_join_url_fits_a_small_code_with_its_quiet_zone() {
        let url = "HTTP://192.168.178.23:8080/J/ABCD2345";
        let (w, m) = modules(url).unwrap();
        // Alphanumeric mode keeps it at version 3 (29 modules) with level M.
        assert!(w <= 29, "width {w}");
        let l = lines(url).unwrap();
        assert_eq!(l.len(), (w + 2 * QUIET).div_ceil(2));
        assert!(l.iter().all(|x| x.chars().count() == w + 2 * QUIET));
        // The quiet zone is light all round: the first line is full blocks.
        assert!(l[0].chars().all(|c| c == '█'));
        // The top-left finder pattern: dark 7×7 border starting at (0,0).
        assert!(m[0] && m[6] && m[6 * w] && !m[w + 1]);
        let big = lines_large(url).unwrap();
        assert_eq!(big.len(), w + 2 * QUIET);
        assert_eq!(big[QUIET].chars().count(), 2 * (w + 2 * QUIET));
        assert!(big[QUIET].starts_with(&"█".repeat(2 * QUIET)));
    }
}
