//! Tokens over the normalised text: words (letters and digits, with inner apostrophes
//! and periods of abbreviations left as separate punctuation) and single punctuation marks.
//! Context conditions count words with them and relation rules run over them.

use super::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut word_start: Option<usize> = None;
    let bytes = text.as_bytes();
    let mut next = 0;
    while next < bytes.len() {
        let at = next;
        // ASCII (nearly every byte of news text) without decoding a character.
        let c = match bytes[at] {
            b if b.is_ascii() => char::from(b),
            _ => text[at..].chars().next().expect("at a character boundary"),
        };
        next += c.len_utf8();
        if c.is_alphanumeric() {
            word_start.get_or_insert(at);
            continue;
        }
        if let Some(start) = word_start.take() {
            tokens.push(Token {
                span: Span::new(start, at),
                kind: TokenKind::Word,
            });
        }
        if !c.is_whitespace() {
            tokens.push(Token {
                span: Span::new(at, at + c.len_utf8()),
                kind: TokenKind::Punct,
            });
        }
    }
    if let Some(start) = word_start {
        tokens.push(Token {
            span: Span::new(start, text.len()),
            kind: TokenKind::Word,
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_punctuation() {
        let text = "Saudi Arabia's U.S. deal, 2.5 mln";
        let got: Vec<&str> = tokenize(text)
            .iter()
            .map(|t| &text[t.span.start..t.span.end])
            .collect();
        assert_eq!(
            got,
            [
                "Saudi", "Arabia", "'", "s", "U", ".", "S", ".", "deal", ",", "2", ".", "5", "mln"
            ]
        );
    }
}
