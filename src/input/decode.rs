//! Turning the bytes of a file into text: byte order marks, UTF-8, a declared
//! charset, or a guess, and telling binary files apart from text.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE};

/// How far into a file we look for a NUL byte before calling it binary.
const SNIFF_BYTES: usize = 8 * 1024;

/// Decoded text and, when the bytes were not plain UTF-8 or carried
/// undecodable bytes, a note saying what was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    pub(crate) text: String,
    pub(crate) problem: Option<String>,
}

/// A NUL byte near the start means binary: text in any encoding we accept has
/// none, except UTF-16, which announces itself with a BOM.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    bytes[..bytes.len().min(SNIFF_BYTES)].contains(&0)
}

/// Decodes `bytes`; `hint` is a charset label the document declared (HTML
/// `<meta>`). Takes the bytes by value so valid UTF-8, the common case, needs
/// no copy.
pub(crate) fn decode(mut bytes: Vec<u8>, hint: Option<&str>) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(&bytes) {
        if encoding == UTF_8 {
            bytes.drain(..bom_len);
            return match String::from_utf8(bytes) {
                Ok(text) => Decoded {
                    text,
                    problem: None,
                },
                Err(e) => decode_with(UTF_8, e.as_bytes(), ""),
            };
        }
        // A BOM is a declaration: trusting it is not a guess, so no problem
        // unless the content itself is broken.
        return decode_with(encoding, &bytes[bom_len..], "");
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            return Decoded {
                text,
                problem: None,
            };
        }
        Err(e) => e.into_bytes(),
    };
    if let Some(encoding) = hint.and_then(|label| Encoding::for_label(label.trim().as_bytes())) {
        // A page that claims UTF-8 or UTF-16 but is neither cannot be trusted
        // on its charset; the replacement encoding would throw the text away.
        let unusable = [UTF_8, UTF_16LE, UTF_16BE, REPLACEMENT].contains(&encoding);
        if !unusable {
            return decode_with(encoding, &bytes, "");
        }
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(&bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Deny);
    let note = format!("not UTF-8; decoded as {}", encoding.name());
    decode_with(encoding, &bytes, &note)
}

/// Decodes without BOM sniffing. `note` (empty for none) becomes the problem;
/// undecodable bytes are replaced with U+FFFD and said so.
fn decode_with(encoding: &'static Encoding, bytes: &[u8], note: &str) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let problem = match (note.is_empty(), had_errors) {
        (true, false) => None,
        (false, false) => Some(note.to_owned()),
        (true, true) => Some(format!(
            "invalid {}; undecodable bytes replaced",
            encoding.name()
        )),
        (false, true) => Some(format!("{note}; undecodable bytes replaced")),
    };
    Decoded {
        text: text.into_owned(),
        problem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_utf8_has_no_problem() {
        let d = decode("héllo".as_bytes().to_vec(), None);
        assert_eq!(d.text, "héllo");
        assert_eq!(d.problem, None);
    }

    #[test]
    fn valid_utf8_wins_over_a_declared_charset() {
        let d = decode("héllo".as_bytes().to_vec(), Some("windows-1252"));
        assert_eq!(d.text, "héllo");
        assert_eq!(d.problem, None);
    }

    #[test]
    fn only_one_utf8_bom_is_stripped() {
        let d = decode(b"\xef\xbb\xbf\xef\xbb\xbfx".to_vec(), None);
        assert_eq!(d.text, "\u{feff}x");
    }

    #[test]
    fn windows_1252_is_guessed_and_reported() {
        let d = decode(b"une journ\xe9e d'\xe9t\xe9 \xe0 la plage".to_vec(), None);
        assert_eq!(d.text, "une journée d'été à la plage");
        assert_eq!(
            d.problem.as_deref(),
            Some("not UTF-8; decoded as windows-1252")
        );
    }

    #[test]
    fn declared_charset_is_used_without_problem() {
        // 0xE9 is 'é' in windows-1252 but 'И' in KOI8-R: the label decides.
        let d = decode(b"\xe9".to_vec(), Some("koi8-r"));
        assert_eq!(d.text, "И");
        assert_eq!(d.problem, None);
    }

    #[test]
    fn unusable_declared_charset_falls_back_to_guessing() {
        let d = decode(b"caf\xe9".to_vec(), Some("utf-8"));
        assert_eq!(d.text, "café");
        assert!(d.problem.is_some());
        let d = decode(b"caf\xe9".to_vec(), Some("no-such-charset"));
        assert_eq!(d.text, "café");
        assert!(d.problem.is_some());
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in "añb".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert!(!looks_binary(&le));
        assert_eq!(decode(le, None).text, "añb");
        assert_eq!(decode(be, None).text, "añb");
    }

    #[test]
    fn broken_utf8_after_a_bom_is_reported() {
        let d = decode(b"\xef\xbb\xbfcaf\xe9".to_vec(), None);
        assert_eq!(d.text, "caf\u{fffd}");
        assert_eq!(
            d.problem.as_deref(),
            Some("invalid UTF-8; undecodable bytes replaced")
        );
    }

    #[test]
    fn broken_utf16_is_reported() {
        // An unpaired high surrogate.
        let d = decode(vec![0xFF, 0xFE, 0x00, 0xD8], None);
        assert_eq!(d.text, "\u{fffd}");
        assert_eq!(
            d.problem.as_deref(),
            Some("invalid UTF-16LE; undecodable bytes replaced")
        );
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(looks_binary(b"abc\0def"));
        assert!(!looks_binary(b"abc def"));
        assert!(!looks_binary(b""));
        let mut late = vec![b'a'; SNIFF_BYTES];
        late.push(0);
        assert!(!looks_binary(&late));
    }
}
