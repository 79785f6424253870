//! Normalisation for matching, with a map back to the article as decoded.
//!
//! Rules are written in plain ASCII punctuation and single spaces; news text is not. The
//! normalised text replaces typographic apostrophes and quotes, dash variants and every
//! kind of space with their ASCII forms, drops zero-width characters and soft hyphens, and
//! folds each run of white space into one space (or one `\n` when the run holds a blank
//! line, so paragraphs still end sentences). Case is left alone: case policies are per
//! alias. Every byte of the normalised text remembers the original byte it came from, so
//! a match anywhere maps back exactly.

use super::Span;

#[derive(Debug)]
pub struct Normalized {
    text: String,
    /// For each byte of `text`, the byte offset in the original of the character it
    /// came from.
    origin: Vec<u32>,
    /// Number of characters in the original before each 64-byte block: turns byte
    /// offsets into code-point offsets in O(64) without a table per byte.
    chars_before_block: Vec<u32>,
    original_len: usize,
    ascii: bool,
}

const BLOCK: usize = 64;

impl Normalized {
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        // Start of the pending white-space run and whether it holds a blank line.
        let mut space_run: Option<(usize, usize)> = None;
        let push = |text: &mut String, origin: &mut Vec<u32>, c: char, at: usize| {
            text.push(c);
            origin.extend(std::iter::repeat_n(at as u32, c.len_utf8()));
        };
        let bytes = original.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // Fast path: a run of ASCII that is neither white space nor changed by `fold`
            // (most of most articles) is copied as it stands.
            let plain = bytes[at..]
                .iter()
                .position(|&b| !b.is_ascii() || is_ascii_space(b))
                .unwrap_or(bytes.len() - at);
            if plain > 0 {
                if let Some((run_at, newlines)) = space_run.take() {
                    let sep = if newlines >= 2 { '\n' } else { ' ' };
                    push(&mut text, &mut origin, sep, run_at);
                }
                text.push_str(&original[at..at + plain]);
                origin.extend(at as u32..(at + plain) as u32);
                at += plain;
                continue;
            }
            let c = original[at..]
                .chars()
                .next()
                .expect("at a character boundary");
            let len = c.len_utf8();
            if c.is_whitespace() {
                let run = space_run.get_or_insert((at, 0));
                if c == '\n' {
                    run.1 += 1;
                }
                at += len;
                continue;
            }
            if matches!(
                c,
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
            ) {
                at += len;
                continue;
            }
            if let Some((run_at, newlines)) = space_run.take() {
                let sep = if newlines >= 2 { '\n' } else { ' ' };
                push(&mut text, &mut origin, sep, run_at);
            }
            push(&mut text, &mut origin, fold(c), at);
            at += len;
        }
        if let Some((run_at, newlines)) = space_run {
            let sep = if newlines >= 2 { '\n' } else { ' ' };
            push(&mut text, &mut origin, sep, run_at);
        }
        let ascii = original.is_ascii();
        let chars_before_block = if ascii {
            Vec::new()
        } else {
            let mut acc = 0u32;
            original
                .as_bytes()
                .chunks(BLOCK)
                .map(|chunk| {
                    let before = acc;
                    acc += chunk.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u32;
                    before
                })
                .collect()
        };
        Normalized {
            text,
            origin,
            chars_before_block,
            original_len: original.len(),
            ascii,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The byte range in the original that a non-empty span of the normalised text came
    /// from. The span must start and end on character boundaries.
    pub fn original_bytes(&self, span: Span, original: &str) -> std::ops::Range<usize> {
        if span.is_empty() {
            let at = self
                .origin
                .get(span.start)
                .map_or(self.original_len, |&o| o as usize);
            return at..at;
        }
        let start = self.origin[span.start] as usize;
        let last = self.origin[span.end - 1] as usize;
        let last_len = original[last..].chars().next().map_or(0, char::len_utf8);
        start..last + last_len
    }

    /// Code-point offset in the original of a byte offset in the original.
    pub fn char_offset(&self, original: &str, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let block = byte / BLOCK;
        let before = self.chars_before_block.get(block).copied().unwrap_or(0) as usize;
        before
            + original.as_bytes()[block * BLOCK..byte]
                .iter()
                .filter(|&&b| b & 0xC0 != 0x80)
                .count()
    }
}

/// `char::is_whitespace` for an ASCII byte (which, unlike `u8::is_ascii_whitespace`,
/// counts the vertical tab).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// The ASCII stand-in for a typographic character, or the character itself.
fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn back(n: &Normalized, original: &str, needle: &str) -> String {
        let start = n.text().find(needle).expect("needle in normalised text");
        let range = n.original_bytes(Span::new(start, start + needle.len()), original);
        original[range].to_string()
    }

    #[test]
    fn sees_through_typography_and_line_breaks() {
        let original =
            "Saudi\u{a0}Arabia\u{2019}s minister, \u{201c}Saudi\n  Arabia\u{201d} \u{2014} ok";
        let n = Normalized::new(original);
        assert_eq!(n.text(), "Saudi Arabia's minister, \"Saudi Arabia\" - ok");
        assert_eq!(
            back(&n, original, "Saudi Arabia'"),
            "Saudi\u{a0}Arabia\u{2019}"
        );
        assert_eq!(
            back(&n, original, "\"Saudi Arabia\""),
            "\u{201c}Saudi\n  Arabia\u{201d}"
        );
    }

    #[test]
    fn blank_lines_stay_paragraph_breaks() {
        let n = Normalized::new("One.\n\n\nTwo.\nThree.");
        assert_eq!(n.text(), "One.\nTwo. Three.");
    }

    #[test]
    fn char_offsets_count_code_points() {
        let original = "\u{e9}t\u{e9} \u{2014} S\u{e3}o Paulo ".repeat(20);
        let n = Normalized::new(&original);
        let pos = n.text().rfind("Paulo").unwrap();
        let bytes = n.original_bytes(Span::new(pos, pos + 5), &original);
        let chars = n.char_offset(&original, bytes.start);
        let via_chars: String = original.chars().skip(chars).take(5).collect();
        assert_eq!(via_chars, "Paulo");
    }

    #[test]
    fn zero_width_characters_vanish() {
        let original = "Li\u{200b}thium and co\u{ad}balt";
        let n = Normalized::new(original);
        assert_eq!(n.text(), "Lithium and cobalt");
        assert_eq!(back(&n, original, "Lithium"), "Li\u{200b}thium");
    }
}
