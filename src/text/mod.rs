//! Text analysis that every later stage shares: normalisation with an offset map back to
//! the article as decoded, sentence segmentation and tokens.
//!
//! Everything here is pure: `&str` in, spans out. Spans are byte ranges into the
//! normalised text ([`Normalized::text`]); [`Normalized::to_original`] turns them into
//! code-point offsets into the original, which is what the output reports.

mod normalize;
mod sentences;
mod slug;
mod tokens;

pub use normalize::Normalized;
pub use sentences::sentences;
pub use slug::slug;
pub use tokens::{Token, TokenKind, tokenize};

/// A half-open byte range `[start, end)` into the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// One analysed text field: the normalised text, its sentences and tokens.
#[derive(Debug)]
pub struct Analyzed {
    pub norm: Normalized,
    pub sentences: Vec<Span>,
    pub tokens: Vec<Token>,
}

impl Analyzed {
    pub fn new(original: &str) -> Self {
        let norm = Normalized::new(original);
        let sentences = sentences(norm.text());
        let tokens = tokenize(norm.text());
        Analyzed {
            norm,
            sentences,
            tokens,
        }
    }

    /// Index of the sentence holding byte `pos`, if any.
    pub fn sentence_of(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= pos);
        (i < self.sentences.len() && self.sentences[i].start <= pos).then_some(i)
    }

    /// The range of token indices that lie inside `span`.
    pub fn tokens_in(&self, span: Span) -> std::ops::Range<usize> {
        let first = self.tokens.partition_point(|t| t.span.end <= span.start);
        let last = self.tokens.partition_point(|t| t.span.start < span.end);
        first..last.max(first)
    }
}
