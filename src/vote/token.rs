//! Random join codes and participant tokens from the operating system's generator.
//!
//! The alphabet has 32 characters without look-alikes (no 0/O, no 1/I), so each character
//! carries exactly 5 random bits and no value is favoured. A join code has 8 characters (40
//! bits), shown as `ABCD-EFGH`; a participant token has 26 (130 bits). Both live only as long
//! as their round.

/// The characters codes and tokens are made of.
pub const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/// Characters of a join code (without the dash).
pub const CODE_CHARS: usize = 8;
/// Characters of a participant token.
pub const TOKEN_CHARS: usize = 26;

/// `n` random characters of [`ALPHABET`].
///
/// # Errors
/// The operating system's generator failed (its message).
pub fn random_chars(n: usize) -> Result<String, String> {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).map_err(|e| format!("no random numbers from the system: {e}"))?;
    Ok(bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b & 31)]))
        .collect())
}

/// A new join code, `ABCD-EFGH`.
///
/// # Errors
/// As [`random_chars`].
pub fn join_code() -> Result<String, String> {
    let c = random_chars(CODE_CHARS)?;
    Ok(format!("{}-{}", &c[..4], &c[4..]))
}

/// A new participant token.
///
/// # Errors
/// As [`random_chars`].
pub fn participant_token() -> Result<String, String> {
    random_chars(TOKEN_CHARS)
}

/// A code as typed by a person: upper case, without spaces and dashes.
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Whether `s` has the shape of a participant token (checked before any lookup).
pub fn is_token_shaped(s: &str) -> bool {
    s.len() == TOKEN_CHARS && s.bytes().all(|b| ALPHABET.contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_tokens_have_their_shape_and_differ() {
        let a = join_code().unwrap();
        assert_eq!(a.len(), 9);
        assert_eq!(&a[4..5], "-");
        let t = participant_token().unwrap();
        let u = participant_token().unwrap();
        assert!(is_token_shaped(&t) && is_token_shaped(&u));
        assert_ne!(t, u);
        assert!(!is_token_shaped("../../etc/passwd"));
    }

    #[test]
    fn typed_codes_are_normalised() {
        assert_eq!(normalise_code(" abcd-efgh "), "ABCDEFGH");
    }

    #[test]
    fn every_character_is_used() {
        let s = random_chars(4000).unwrap();
        for &c in ALPHABET {
            assert!(s.contains(char::from(c)), "{}", char::from(c));
        }
    }
}
