//! Pattern rules on text that is not all ASCII.
//!
//! A pattern's `\b` is a Unicode word boundary. The regex crate's lazy DFA decides one
//! only between ASCII bytes: at the first other byte it gives up and the whole rest of
//! the search runs in its NFA simulation. One accented name ("Vučić", "Nouméa") makes every
//! pattern rule crawl over the whole article: on the sample corpus pattern rules ran at
//! 1.2 MB/s over its 14 texts with a non-ASCII letter against 8.1 MB/s over the others.
//!
//! For such a text a pattern with a Unicode word boundary is searched in two steps. Its
//! *relaxed* form (the same regex with every word-boundary assertion removed) has no
//! assertion the DFA cannot decide, and it matches wherever the pattern does, so its
//! leftmost match start is never after the pattern's. The pattern itself is then tried
//! anchored at that start only; where it fails the relaxed search goes on one character
//! later. Each start so visited lies before or at the pattern's next match, so the
//! matches found, and their capture groups, are those of the plain search, while the
//! slow engine only ever runs anchored, for a few bytes. Patterns that can match the
//! empty string keep the plain search.

use std::sync::OnceLock;

use regex_automata::meta::{self, Regex};
use regex_automata::util::captures::Captures;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::{self, Hir, HirKind, Look};

use crate::rules::Pattern;
use crate::text::Span;

/// The two regexes of a pattern's search over non-ASCII text.
#[derive(Debug, Clone)]
pub struct Wide {
    relaxed: Regex,
    exact: Regex,
}

/// A pattern's [`Wide`] search, built on the first non-ASCII text that needs it (a pack
/// run over ASCII text never pays for it); `None` when the plain search is as fast
/// (no Unicode word boundary) or must be kept (the pattern can match empty).
pub type LazyWide = OnceLock<Option<Wide>>;

/// One match of a pattern rule: its capture groups, whichever search found it.
pub enum Hit<'h> {
    Plain(regex::Captures<'h>),
    Wide(&'h Captures),
}

impl Hit<'_> {
    pub fn group(&self, index: usize) -> Option<Span> {
        match self {
            Hit::Plain(c) => c.get(index).map(|m| Span::new(m.start(), m.end())),
            Hit::Wide(c) => c.get_group(index).map(|s| Span::new(s.start, s.end)),
        }
    }

    pub fn named(&self, name: &str) -> Option<Span> {
        match self {
            Hit::Plain(c) => c.name(name).map(|m| Span::new(m.start(), m.end())),
            Hit::Wide(c) => c.get_group_by_name(name).map(|s| Span::new(s.start, s.end)),
        }
    }
}

/// Calls `f` with every match of `p` in `text`, in order, as `captures_iter` finds them.
/// `ascii`: whether `text` is all ASCII (then the plain search is fast).
pub fn each_match(p: &Pattern, text: &str, ascii: bool, mut f: impl FnMut(&Hit<'_>)) {
    let wide = if ascii { None } else { wide(p) };
    let Some(w) = wide else {
        for caps in p.regex.captures_iter(text) {
            f(&Hit::Plain(caps));
        }
        return;
    };
    each_wide(w, text, |caps| f(&Hit::Wide(caps)));
}

/// The matches of the wide search; see the module docs.
fn each_wide(w: &Wide, text: &str, mut f: impl FnMut(&Captures)) {
    let hay = text.as_bytes();
    let mut caps = w.exact.create_captures();
    let mut at = 0;
    while at < hay.len() {
        let Some(candidate) = w.relaxed.search(&Input::new(hay).span(at..hay.len())) else {
            break;
        };
        let start = candidate.start();
        let anchored = Input::new(hay)
            .span(start..hay.len())
            .anchored(Anchored::Yes);
        w.exact.search_captures(&anchored, &mut caps);
        match caps.get_match() {
            Some(m) => {
                f(&caps);
                // Never empty: see `build`.
                at = m.end();
            }
            None => at = start + text[start..].chars().next().map_or(1, char::len_utf8),
        }
    }
}

fn wide(p: &Pattern) -> Option<&Wide> {
    p.wide
        .get_or_init(|| build(p.regex.as_str(), p.case_insensitive))
        .as_ref()
}

/// The Unicode word-boundary assertions the lazy DFA cannot decide past ASCII.
const UNICODE_WORD: [Look; 6] = [
    Look::WordUnicode,
    Look::WordUnicodeNegate,
    Look::WordStartUnicode,
    Look::WordEndUnicode,
    Look::WordStartHalfUnicode,
    Look::WordEndHalfUnicode,
];

/// The wide search of a pattern regex as its rule compiled it; `None` when it has no
/// Unicode word boundary, can match the empty string, or does not build.
pub(crate) fn build(pattern: &str, case_insensitive: bool) -> Option<Wide> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .nest_limit(crate::rules::REGEX_NEST_LIMIT)
        .build()
        .parse(pattern)
        .ok()?;
    let props = hir.properties();
    if props.minimum_len().is_none_or(|n| n == 0)
        || !UNICODE_WORD.iter().any(|&l| props.look_set().contains(l))
    {
        return None;
    }
    let config = || {
        meta::Config::new()
            .nfa_size_limit(Some(crate::rules::REGEX_SIZE_LIMIT))
            .hybrid_cache_capacity(crate::rules::DFA_CACHE_LIMIT)
    };
    let exact = meta::Builder::new()
        .configure(config())
        .syntax(syntax::Config::new().case_insensitive(case_insensitive))
        .build_from_hir(&hir)
        .ok()?;
    let relaxed = meta::Builder::new()
        .configure(config().which_captures(regex_automata::nfa::thompson::WhichCaptures::Implicit))
        .build_from_hir(&relax(&hir))
        .ok()?;
    Some(Wide { relaxed, exact })
}

/// `hir` without its Unicode word-boundary assertions: it matches wherever `hir` does.
fn relax(h: &Hir) -> Hir {
    match h.kind() {
        HirKind::Look(l) if UNICODE_WORD.contains(l) => Hir::empty(),
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(relax).collect()),
        HirKind::Alternation(parts) => Hir::alternation(parts.iter().map(relax).collect()),
        HirKind::Repetition(r) => Hir::repetition(hir::Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(relax(&r.sub)),
        }),
        HirKind::Capture(c) => Hir::capture(hir::Capture {
            index: c.index,
            name: c.name.clone(),
            sub: Box::new(relax(&c.sub)),
        }),
        _ => h.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every match and group of the wide search against the plain one.
    fn agree(pattern: &str, case_insensitive: bool, texts: &[&str]) {
        let re = regex::RegexBuilder::new(pattern)
            .case_insensitive(case_insensitive)
            .build()
            .unwrap();
        let w = build(pattern, case_insensitive).expect("a wide search");
        for text in texts {
            let want: Vec<Vec<Option<(usize, usize)>>> = re
                .captures_iter(text)
                .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
                .collect();
            let mut got = Vec::new();
            each_wide(&w, text, |caps| {
                got.push(
                    (0..caps.group_len())
                        .map(|i| caps.get_group(i).map(|s| (s.start, s.end)))
                        .collect::<Vec<_>>(),
                )
            });
            assert_eq!(got, want, "{pattern:?} on {text:?}");
        }
    }

    const TEXTS: &[&str] = &[
        "Ólafur Ragnar met Vučić and Máximo Pacheco in São Paulo; Émile Ça.",
        "Président Macron, l'Élysée: Société Générale and Nouméa's Eramet SA",
        "ÉÉ É É-x éa aÉ Ó. Ó Ó, x",
        "plain ASCII text with Names In It, Inc",
        "",
        "é",
        "Cañada Corp said; Ñandú Inc. and Zoë Ltd",
    ];

    #[test]
    fn finds_the_matches_and_groups_of_the_plain_search() {
        agree(r"\b\p{Lu}\w+\b", false, TEXTS);
        agree(r"\b(?P<name>\p{Lu}\w*(?: \p{Lu}\w*)*)\b", false, TEXTS);
        agree(
            r"\b(?P<name>[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)(?:, | said)",
            false,
            TEXTS,
        );
        agree(r"(?P<x>\w+)\b(?: (?:corp|inc|ltd|sa)\b)", true, TEXTS);
        agree(r"\B\w\B", false, TEXTS);
        agree(r"\b(?:é|Ó)\b|\bx", false, TEXTS);
        agree(r"(?m)^\w+\b", false, TEXTS);
    }

    /// The default pack's patterns over the bundled articles that are not all ASCII (raw
    /// files, markup and all), and over the fixed texts above.
    #[test]
    fn the_default_patterns_find_what_the_plain_search_finds() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let rules = crate::rules::RuleSetBuilder::new()
            .add_path(&root.join("rules"))
            .build()
            .unwrap();
        let mut texts: Vec<String> = TEXTS.iter().map(|t| t.to_string()).collect();
        for dir in ["corpus", "eval/holdout", "eval/tuning", "eval/holdout2"] {
            for entry in std::fs::read_dir(root.join(dir))
                .into_iter()
                .flatten()
                .flatten()
            {
                if let Ok(text) = std::fs::read_to_string(entry.path())
                    && !text.is_ascii()
                {
                    texts.push(crate::text::Normalized::new(&text).text().to_string());
                }
            }
        }
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        assert!(texts.len() > TEXTS.len() + 5, "{} texts", texts.len());
        let mut wide = 0;
        for p in rules.patterns() {
            if build(p.regex.as_str(), p.case_insensitive).is_some() {
                agree(p.regex.as_str(), p.case_insensitive, &texts);
                wide += 1;
            }
        }
        assert!(wide > 10, "only {wide} patterns search wide");
    }

    #[test]
    fn leaves_patterns_the_plain_search_handles_well() {
        assert!(build(r"[A-Z]+ Inc", false).is_none(), "no word boundary");
        assert!(
            build(r"(?-u:\b)[A-Z]+", false).is_none(),
            "ASCII word boundary"
        );
        assert!(build(r"\b\w*", false).is_none(), "can match empty");
        assert!(build(r"(", false).is_none(), "does not parse");
    }
}
