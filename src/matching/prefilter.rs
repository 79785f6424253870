//! Which pattern rules can match a text at all, found with one Aho-Corasick pass instead
//! of one regex pass per rule.
//!
//! Most pattern rules start with a character class ("a capitalised word"), so the regex
//! engine has no literal to skip ahead with and scans the whole text with its lazy DFA,
//! once per rule; yet most rules match in few articles. Here each rule's syntax tree is
//! read once for a set of literals of which every match must contain one (the title
//! words of `person-before-title`, the state names of `place-comma-region`); a text that
//! holds none of a rule's literals is not searched with that rule. Rules without such a
//! set always run. The filter only ever skips searches that would have found nothing, so
//! the mentions are the same with it and without it.

use aho_corasick::{AhoCorasick, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind};

/// Literals of one set at most, and characters a class may stand for in it.
const MAX_LITERALS: usize = 512;
const MAX_CLASS_CHARS: usize = 8;
/// Shorter literals (a space, "of") are in nearly every text and would only slow the
/// filter's own pass down.
const MIN_LITERAL_LEN: usize = 3;

#[derive(Debug)]
pub struct PatternFilter {
    /// None when no pattern has required literals.
    automaton: Option<AhoCorasick>,
    /// For each literal of the automaton, the pattern it belongs to.
    owner: Vec<usize>,
    /// For each pattern, whether it has required literals (else it always runs).
    filtered: Vec<bool>,
}

impl PatternFilter {
    /// `patterns`: each pattern's regex as written and whether it ignores case, in the
    /// rule set's order. A regex that does not parse is never filtered.
    pub fn new<'a>(patterns: impl IntoIterator<Item = (&'a str, bool)>) -> Self {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut owner = Vec::new();
        let mut filtered = Vec::new();
        for (index, (regex, case_insensitive)) in patterns.into_iter().enumerate() {
            let required = regex_syntax::ParserBuilder::new()
                .case_insensitive(case_insensitive)
                .build()
                .parse(regex)
                .ok()
                .and_then(|hir| required(&hir).useful());
            filtered.push(required.is_some());
            for literal in required.into_iter().flatten() {
                literals.push(literal);
                owner.push(index);
            }
        }
        // Overlapping search with standard semantics reports every literal that occurs.
        let automaton = (!literals.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&literals)
                    .ok()
            })
            .flatten();
        if automaton.is_none() {
            filtered.iter_mut().for_each(|f| *f = false);
        }
        PatternFilter {
            automaton,
            owner,
            filtered,
        }
    }

    /// For each pattern, whether it may match `text`.
    pub fn candidates(&self, text: &str) -> Vec<bool> {
        let mut may: Vec<bool> = self.filtered.iter().map(|f| !f).collect();
        let Some(automaton) = &self.automaton else {
            return may;
        };
        let mut open = self.filtered.iter().filter(|&&f| f).count();
        for m in automaton.find_overlapping_iter(text) {
            let p = self.owner[m.pattern().as_usize()];
            if !may[p] {
                may[p] = true;
                open -= 1;
                if open == 0 {
                    break;
                }
            }
        }
        may
    }
}

/// What a piece of a regex says about the text it matches.
#[derive(Debug, Clone, PartialEq)]
enum Required {
    /// Nothing usable.
    Any,
    /// Every match contains one of these literals; when `exact`, every match is one of
    /// them (look-arounds aside).
    Set { literals: Vec<Vec<u8>>, exact: bool },
}

impl Required {
    fn exact(literals: Vec<Vec<u8>>) -> Self {
        Required::Set {
            literals,
            exact: true,
        }
    }

    /// The literal set, when it is worth a filter: none of its literals is short (the
    /// empty string is met by every text), and a literal holding another one of the set
    /// is left out, since the shorter one is found wherever the longer one is.
    fn useful(self) -> Option<Vec<Vec<u8>>> {
        let Required::Set { literals, .. } = self else {
            return None;
        };
        if literals.is_empty() || literals.iter().any(|l| l.len() < MIN_LITERAL_LEN) {
            return None;
        }
        let minimal = literals
            .iter()
            .filter(|l| {
                !literals
                    .iter()
                    .any(|other| other.len() < l.len() && contains(l, other))
            })
            .cloned()
            .collect();
        Some(minimal)
    }

    /// How selective a requirement is: the length of its shortest literal, then the
    /// fewer literals the better.
    fn score(&self) -> Option<(usize, std::cmp::Reverse<usize>)> {
        match self {
            Required::Set { literals, .. } if !literals.is_empty() => {
                let shortest = literals.iter().map(Vec::len).min().unwrap_or(0);
                (shortest > 0).then_some((shortest, std::cmp::Reverse(literals.len())))
            }
            _ => None,
        }
    }
}

fn required(hir: &Hir) -> Required {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Required::exact(vec![Vec::new()]),
        HirKind::Literal(l) => Required::exact(vec![l.0.to_vec()]),
        HirKind::Class(class) => class_literals(class).map_or(Required::Any, Required::exact),
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) => match (r.min, r.max, required(&r.sub)) {
            // `x?`: exactly x's strings or nothing.
            (
                0,
                Some(1),
                Required::Set {
                    mut literals,
                    exact: true,
                },
            ) => {
                literals.push(Vec::new());
                dedup(&mut literals);
                Required::exact(literals)
            }
            (0, _, _) => Required::Any,
            (1, Some(1), sub) => sub,
            (_, _, Required::Set { literals, .. }) => Required::Set {
                literals,
                exact: false,
            },
            (_, _, Required::Any) => Required::Any,
        },
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            let mut all_exact = true;
            for b in branches {
                match required(b) {
                    Required::Any => return Required::Any,
                    Required::Set { literals, exact } => {
                        all.extend(literals);
                        all_exact &= exact;
                    }
                }
                // The case variants of an `(?i)` list of words run into the thousands:
                // too many to filter with, and to build the filter from.
                if all.len() > MAX_LITERALS {
                    return Required::Any;
                }
            }
            dedup(&mut all);
            Required::Set {
                literals: all,
                exact: all_exact,
            }
        }
        HirKind::Concat(parts) => concat(parts),
    }
}

/// A concatenation: runs of exact parts are multiplied out into longer literals (while
/// the product stays small), and the most selective run or part is the requirement.
fn concat(parts: &[Hir]) -> Required {
    let mut best = Required::Any;
    let consider = |r: Required, best: &mut Required| {
        if r.score() > best.score() {
            *best = r;
        }
    };
    let mut run: Option<Vec<Vec<u8>>> = Some(vec![Vec::new()]);
    let mut whole_exact = true;
    for part in parts {
        match required(part) {
            Required::Set {
                literals,
                exact: true,
            } => {
                let current = run.take().unwrap_or_else(|| vec![Vec::new()]);
                if current.len() * literals.len() <= MAX_LITERALS {
                    let mut product = Vec::with_capacity(current.len() * literals.len());
                    for a in &current {
                        for b in &literals {
                            let mut l = a.clone();
                            l.extend_from_slice(b);
                            product.push(l);
                        }
                    }
                    dedup(&mut product);
                    run = Some(product);
                } else {
                    whole_exact = false;
                    consider(inexact(current), &mut best);
                    run = Some(literals);
                }
            }
            other => {
                whole_exact = false;
                if let Some(current) = run.take() {
                    consider(inexact(current), &mut best);
                }
                consider(other, &mut best);
            }
        }
    }
    match run {
        Some(literals) if whole_exact => Required::exact(literals),
        Some(current) => {
            consider(inexact(current), &mut best);
            best
        }
        None => best,
    }
}

fn inexact(literals: Vec<Vec<u8>>) -> Required {
    Required::Set {
        literals,
        exact: false,
    }
}

/// The UTF-8 (or byte) strings of a small class, each one character.
fn class_literals(class: &Class) -> Option<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    match class {
        Class::Unicode(c) => {
            for range in c.ranges() {
                for ch in range.start()..=range.end() {
                    if out.len() == MAX_CLASS_CHARS {
                        return None;
                    }
                    out.push(ch.to_string().into_bytes());
                }
            }
        }
        Class::Bytes(c) => {
            for range in c.ranges() {
                for b in range.start()..=range.end() {
                    if out.len() == MAX_CLASS_CHARS {
                        return None;
                    }
                    out.push(vec![b]);
                }
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn dedup(literals: &mut Vec<Vec<u8>>) {
    literals.sort_unstable();
    literals.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literals(regex: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::parse(regex).unwrap();
        required(&hir).useful().map(|ls| {
            ls.into_iter()
                .map(|l| String::from_utf8(l).unwrap())
                .collect()
        })
    }

    #[test]
    fn required_literals() {
        let cases: &[(&str, Option<&[&str]>)] = &[
            (r"\b[A-Z][a-z]+ (?:Corp|Inc)\.?\b", Some(&[" Corp", " Inc"])),
            (
                r"(?:in|at) (?P<n>[A-Z][a-z]+), (?:Ohio|Utah)",
                Some(&[", Ohio", ", Utah"]),
            ),
            (r"[A-Z][a-z]+", None),
            (r"(?:Mr|Ms)?\.? [A-Z]", None),
            (r"x|[a-z]+", None),
            (
                r"(?i)ore",
                Some(&["ORE", "ORe", "OrE", "Ore", "oRE", "oRe", "orE", "ore"]),
            ),
            (r"(?:Mr|Ms)\.? [A-Z]", Some(&["Mr ", "Mr. ", "Ms ", "Ms. "])),
            (r"(?:Wang|Li) [A-Z][a-z]+", Some(&["Li ", "Wang "])),
            (r"\A(?P<n>[A-Z]+) - ", Some(&[" - "])),
        ];
        for (regex, want) in cases {
            let want = want.map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            assert_eq!(literals(regex), want, "{regex}");
        }
    }

    #[test]
    fn skips_only_texts_without_a_required_literal() {
        let patterns = [
            (r"\b[A-Z][a-z]+ Corp\b", false),
            (r"[A-Z][a-z]+", false),
            (r"(?x) \b (?: Ohio | Utah ) \b", false),
        ];
        let filter = PatternFilter::new(patterns.iter().copied());
        assert_eq!(filter.candidates("Acme Corp said"), [true, true, false]);
        assert_eq!(filter.candidates("in utah, Ohio"), [false, true, true]);
        assert_eq!(filter.candidates(""), [false, true, false]);
    }
}
