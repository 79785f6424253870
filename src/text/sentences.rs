//! Sentence segmentation that survives the abbreviations of business and wire copy
//! ("Co.", "U.S.", "Mr.", "Jan.", initials) and wire datelines ("TOKYO, March 3 -").
//!
//! A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets) followed by a
//! space and an upper-case letter, digit, quote or bracket, and always at a paragraph
//! break. After an abbreviation it ends only when the next word is one that usually opens
//! a sentence: "... with Manara Minerals Investment Co. The deal ..." splits, "Co. Ltd" and
//! "U.S. Treasury" do not.

use super::Span;

/// Words that are abbreviations when followed by a period (compared in lower case).
const ABBREVIATIONS: &[&str] = &[
    "co", "corp", "inc", "ltd", "plc", "bhd", "llc", "cos", "mr", "mrs", "ms", "dr", "prof", "gen",
    "col", "lt", "sgt", "capt", "cmdr", "adm", "gov", "sen", "rep", "rev", "hon", "st", "sr", "jr",
    "messrs", "no", "nos", "vs", "etc", "approx", "dept", "est", "fig", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri",
    "sat", "sun", "u.s", "u.k", "u.n", "e.u", "u.s.a", "s.a", "n.v", "a.g", "p.m", "a.m", "i.e",
    "e.g", "calif", "conn", "mass", "penn", "wash", "ariz", "colo", "fla", "ill", "ind", "kan",
    "mich", "minn", "nev", "okla", "ore", "tenn", "tex", "va", "wis", "ont", "que", "mt", "ft",
    "pty", "int'l", "intl", "govt", "assn", "bros",
];

/// Words after an abbreviation that show a new sentence has begun.
const SENTENCE_OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "this",
    "that",
    "these",
    "those",
    "there",
    "in",
    "on",
    "but",
    "and",
    "under",
    "as",
    "at",
    "for",
    "after",
    "before",
    "his",
    "her",
    "their",
    "our",
    "both",
    "while",
    "when",
    "if",
    "however",
    "meanwhile",
    "also",
    "officials",
    "analysts",
];

pub fn sentences(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            push(&mut out, text, start, i);
            start = i + 1;
            i += 1;
            continue;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            // Closing quotes and brackets belong to the sentence they close.
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')' | b']') {
                end += 1;
            }
            if end + 1 < bytes.len()
                && bytes[end] == b' '
                && opens_sentence(&text[end + 1..])
                && !(b == b'.' && is_abbreviation_stop(text, i, &text[end + 1..]))
            {
                push(&mut out, text, start, end);
                start = end + 1;
                i = end + 1;
                continue;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push(&mut out, text, start, bytes.len());
    out
}

fn push(out: &mut Vec<Span>, text: &str, start: usize, end: usize) {
    let piece = &text[start..end];
    let trimmed_start = start + (piece.len() - piece.trim_start().len());
    let trimmed_end = start + piece.trim_end().len();
    if trimmed_start < trimmed_end {
        out.push(Span::new(trimmed_start, trimmed_end));
    }
}

fn opens_sentence(rest: &str) -> bool {
    rest.chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\'' | '(' | '[')
    })
}

/// Whether the period at `dot` ends an abbreviation or an initial rather than a sentence.
fn is_abbreviation_stop(text: &str, dot: usize, rest: &str) -> bool {
    let before = &text[..dot];
    // The word before the period, including inner periods ("U.S").
    let word_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\''))
        .map_or(0, |p| p + 1);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    let is_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let known = ABBREVIATIONS.contains(&lower.as_str())
        || (word.contains('.') && word.split('.').all(|p| p.chars().count() == 1));
    if !(known || is_initial) {
        return false;
    }
    let next: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    // Initials ("J. Smith") never end a sentence; company suffixes and "U.S." do when
    // a typical sentence opener follows.
    is_initial || !SENTENCE_OPENERS.contains(&next.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Manara Minerals Investment Co. signed it. Then Mr. Saito left.",
                &[
                    "Manara Minerals Investment Co. signed it.",
                    "Then Mr. Saito left.",
                ],
            ),
            (
                "The U.S. Treasury and the U.K. agreed on Jan. 5. Prices rose.",
                &[
                    "The U.S. Treasury and the U.K. agreed on Jan. 5.",
                    "Prices rose.",
                ],
            ),
            (
                "J. R. Smith of Acme Corp. said so.",
                &["J. R. Smith of Acme Corp. said so."],
            ),
            (
                "It signed with Manara Minerals Investment Co. The deal is big.",
                &[
                    "It signed with Manara Minerals Investment Co.",
                    "The deal is big.",
                ],
            ),
            (
                "Dr. Li spoke. \"We agree.\" Gen. Ali nodded!",
                &["Dr. Li spoke.", "\"We agree.\"", "Gen. Ali nodded!"],
            ),
            (
                "TOKYO, March 3 - Japan and Saudi Arabia signed a memorandum. It covers Africa.",
                &[
                    "TOKYO, March 3 - Japan and Saudi Arabia signed a memorandum.",
                    "It covers Africa.",
                ],
            ),
            (
                "Output was 2.5 mln tonnes.\nNew paragraph",
                &["Output was 2.5 mln tonnes.", "New paragraph"],
            ),
            ("", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(split(text), *want, "{text}");
        }
    }
}
