//! RuleSet + analysed text -> entity mentions.
//!
//! Gazetteer aliases are found with one Aho-Corasick automaton, pattern rules with their
//! regexes; every candidate then has to pass its word-boundary, case and context checks,
//! and the survivors compete for the text: of two overlapping candidates the longer span
//! wins, then the higher priority, then the earlier rule. Losers are kept (with the reason)
//! only when tracing, for `explain`.

mod prefilter;
mod resolve;
mod wide;

use std::sync::Arc;

pub use prefilter::PatternFilter;
pub use resolve::{ACRONYM_RULE, SURNAME_RULE, resolve};
pub use wide::LazyWide;

use crate::profile::Stage;
use crate::rules::{Alias, CasePolicy, RuleSet};
use crate::text::{Analyzed, Span, TokenKind, slug};

/// What a candidate names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A gazetteer entity, by index into the rule set.
    Known(usize),
    /// An entity found by a pattern rule and not in the gazetteer.
    New {
        id: String,
        etype: Arc<str>,
        name: String,
    },
}

/// Which rule proposed a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleRef {
    Alias(usize),
    Pattern(usize),
    /// A built-in resolution step ([`SURNAME_RULE`], [`ACRONYM_RULE`]).
    Resolved(&'static str),
}

#[derive(Debug, Clone)]
pub struct Candidate {
    pub span: Span,
    pub target: Target,
    pub rule: RuleRef,
    pub priority: i32,
    pub order: usize,
    /// Attributes a pattern rule captured (e.g. the title before a person's name).
    pub attrs: Vec<(String, String)>,
}

impl Candidate {
    pub fn entity_id<'r>(&'r self, rules: &'r RuleSet) -> &'r str {
        match &self.target {
            Target::Known(i) => &rules.entities[*i].id,
            Target::New { id, .. } => id,
        }
    }

    pub fn entity_type<'r>(&'r self, rules: &'r RuleSet) -> &'r str {
        match &self.target {
            Target::Known(i) => &rules.entities[*i].etype,
            Target::New { etype, .. } => etype,
        }
    }

    fn target_key<'r>(&'r self, rules: &'r RuleSet) -> (&'r str, &'r str) {
        (self.entity_type(rules), self.entity_id(rules))
    }

    /// The rule id reported with the mention: the entity id for gazetteer matches, the
    /// pattern id for pattern matches.
    pub fn rule_id<'r>(&self, rules: &'r RuleSet) -> &'r str {
        self.rule.id(rules)
    }
}

impl RuleRef {
    /// The id of the rule: the entity id of an alias, a pattern's id, a built-in step's.
    pub fn id<'r>(&self, rules: &'r RuleSet) -> &'r str {
        match *self {
            RuleRef::Alias(a) => &rules.entities[rules.aliases[a].entity].id,
            RuleRef::Pattern(p) => &rules.patterns[p].id,
            RuleRef::Resolved(name) => name,
        }
    }
}

/// A candidate that did not become a mention, and why.
#[derive(Debug, Clone)]
pub struct Lost {
    pub candidate: Candidate,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct Matches {
    /// Accepted mentions, sorted by position.
    pub mentions: Vec<Candidate>,
    /// Filled only when tracing.
    pub lost: Vec<Lost>,
    /// Candidates that lost to an overlapping mention (always kept: cheap, and per-rule
    /// statistics count them).
    pub overlapped: Vec<(Span, RuleRef)>,
}

/// Finds the entity mentions of one analysed text.
pub fn find(rules: &RuleSet, a: &Analyzed, trace: bool) -> Matches {
    let text = a.norm.text();
    let mut out = Matches::default();
    let mut candidates: Vec<Candidate> = Vec::new();
    let profile = &rules.profile;
    let clock = profile.clock();

    for m in rules.automaton.find_overlapping_iter(text) {
        let alias_index = m.pattern().as_usize();
        let alias = &rules.aliases[alias_index];
        let span = Span::new(m.start(), m.end());
        let entity = &rules.entities[alias.entity];
        let candidate = Candidate {
            span,
            target: Target::Known(alias.entity),
            rule: RuleRef::Alias(alias_index),
            priority: entity.priority,
            order: entity.order,
            attrs: Vec::new(),
        };
        // Mid-word hits ("tin" in "Latin") are the common case and never interesting.
        if !on_word_boundaries(text, span, alias) {
            continue;
        }
        match alias_veto(a, span, alias) {
            None => candidates.push(candidate),
            Some(veto) if trace => out.lost.push(Lost {
                candidate,
                reason: veto.reason(a, span, alias),
            }),
            Some(_) => {}
        }
    }

    let clock = profile.stage(Stage::Gazetteer, clock);
    let may_match = rules.pattern_filter.candidates(text);
    let ascii = text.is_ascii();
    for (index, p) in rules.patterns.iter().enumerate() {
        if !may_match[index] {
            continue;
        }
        let since = profile.clock();
        let mut hits = 0;
        wide::each_match(p, text, ascii, |caps| {
            hits += 1;
            let Some(m) = caps.group(p.group) else { return };
            let Some(span) = trim_mention(text, m, p) else {
                return;
            };
            let mention = &text[span.start..span.end];
            let attrs: Vec<(String, String)> = p
                .attributes
                .iter()
                .filter_map(|(k, v)| match v.strip_prefix('$') {
                    Some(g) => caps
                        .named(g)
                        .map(|c| (k.clone(), text[c.start..c.end].trim().to_string())),
                    None => Some((k.clone(), v.clone())),
                })
                .collect();
            let target = resolve_pattern(rules, p, mention);
            let candidate = Candidate {
                span,
                target,
                rule: RuleRef::Pattern(index),
                priority: p.priority,
                order: p.order,
                attrs,
            };
            let veto = if p.stop.iter().any(|s| s.eq_ignore_ascii_case(mention)) {
                Some("in the rule's stop list".to_string())
            } else {
                context_veto(a, span, &p.unless_next, &p.unless_prev)
            };
            if let Some(reason) = veto {
                if trace {
                    out.lost.push(Lost { candidate, reason });
                }
                return;
            }
            candidates.push(candidate);
        });
        profile.pattern(index, since, 1, hits);
    }
    let clock = profile.stage(Stage::Patterns, clock);

    // Longer span first, then priority, then rule order, then position: the greedy pass
    // below then implements "longer wins, then priority, then earlier rule".
    candidates.sort_by(|x, y| {
        y.span
            .len()
            .cmp(&x.span.len())
            .then(y.priority.cmp(&x.priority))
            .then(x.order.cmp(&y.order))
            .then(x.span.start.cmp(&y.span.start))
    });
    let mut taken: Vec<Span> = Vec::new();
    for c in candidates {
        // `taken` is kept sorted by start; only a neighbour can overlap.
        let i = taken.partition_point(|s| s.start < c.span.start);
        let clash = [i.checked_sub(1), Some(i)]
            .into_iter()
            .flatten()
            .filter_map(|j| taken.get(j))
            .find(|s| s.overlaps(&c.span))
            .copied();
        match clash {
            None => {
                taken.insert(i, c.span);
                out.mentions.push(c);
            }
            // The same name found twice (a gazetteer alias and a title pattern): one
            // mention, with the attributes the pattern captured ("title").
            Some(winner) if winner == c.span && !c.attrs.is_empty() => {
                if let Some(w) = out
                    .mentions
                    .iter_mut()
                    .find(|m| m.span == winner && m.target_key(rules) == c.target_key(rules))
                {
                    for (k, v) in c.attrs {
                        if !w.attrs.iter().any(|(wk, _)| *wk == k) {
                            w.attrs.push((k, v));
                        }
                    }
                }
            }
            Some(winner) if trace => {
                out.overlapped.push((c.span, c.rule));
                let reason = if winner.len() > c.span.len() {
                    format!(
                        "overlaps a longer mention at {}..{}",
                        winner.start, winner.end
                    )
                } else {
                    format!(
                        "overlaps a mention of equal length at {}..{} with higher priority or an earlier rule",
                        winner.start, winner.end
                    )
                };
                out.lost.push(Lost {
                    candidate: c,
                    reason,
                });
            }
            Some(_) => out.overlapped.push((c.span, c.rule)),
        }
    }
    out.mentions.sort_by_key(|c| (c.span.start, c.span.end));
    profile.stage(Stage::Resolution, clock);
    out
}

/// Applies a pattern's `strip_leading` and `end_before` words to a raw match, and trims
/// trailing punctuation; None when nothing is left.
fn trim_mention(text: &str, span: Span, p: &crate::rules::Pattern) -> Option<Span> {
    let mut start = span.start;
    let mut end = span.end;
    loop {
        let rest = &text[start..end];
        let first = rest.split(' ').next().unwrap_or("");
        if rest.len() > first.len() && p.strip_leading.iter().any(|w| w == first) {
            start += first.len() + 1;
        } else {
            break;
        }
    }
    let mut offset = start;
    for word in text[start..end].split(' ') {
        if offset > start
            && p.end_before
                .iter()
                .any(|w| w == word.trim_end_matches([',', '.']))
        {
            end = offset - 1;
            break;
        }
        offset += word.len() + 1;
    }
    let trimmed = text[start..end].trim_end_matches([' ', ',', ';', ':']);
    (!trimmed.is_empty()).then(|| Span::new(start, start + trimmed.len()))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn on_word_boundaries(text: &str, span: Span, alias: &Alias) -> bool {
    let before = text[..span.start].chars().next_back();
    // Initials continue across periods: "B.C." is not inside "T.B.C.".
    if alias.text.contains('.') && before == Some('.') {
        return false;
    }
    let before_ok = !alias.word_start || !before.is_some_and(is_word_char);
    let after_ok = !alias.word_end || !text[span.end..].chars().next().is_some_and(is_word_char);
    before_ok && after_ok
}

/// Why an alias hit does not count; worded only when tracing, since most hits of a
/// case-insensitive automaton are vetoed and the words would cost an allocation each.
enum AliasVeto {
    Case,
    Context(String),
    NotNear,
}

impl AliasVeto {
    fn reason(self, a: &Analyzed, span: Span, alias: &Alias) -> String {
        match self {
            AliasVeto::Case => format!(
                "letter case: \"{}\" does not fit the alias \"{}\" ({:?})",
                &a.norm.text()[span.start..span.end],
                alias.text,
                alias.case
            ),
            AliasVeto::Context(reason) => reason,
            AliasVeto::NotNear => format!(
                "no context word within {} words",
                alias.near.as_ref().map_or(0, |n| n.window)
            ),
        }
    }
}

/// Why an alias hit at `span` does not count, or None when it does.
fn alias_veto(a: &Analyzed, span: Span, alias: &Alias) -> Option<AliasVeto> {
    let found = &a.norm.text()[span.start..span.end];
    let case_ok = match alias.case {
        CasePolicy::Any => true,
        CasePolicy::Exact => found == alias.text,
        CasePolicy::Initial => found == alias.text || is_capitalized(found, &alias.text),
    };
    if !case_ok {
        return Some(AliasVeto::Case);
    }
    if alias.unless_next.is_empty() && alias.unless_prev.is_empty() && alias.near.is_none() {
        return None;
    }
    if let Some(reason) = context_veto(a, span, &alias.unless_next, &alias.unless_prev) {
        return Some(AliasVeto::Context(reason));
    }
    let words = a.tokens_in(span);
    if let Some(near) = &alias.near
        && !near_found(a, words.clone(), near)
    {
        return Some(AliasVeto::NotNear);
    }
    None
}

fn context_veto(
    a: &Analyzed,
    span: Span,
    next: &[Vec<String>],
    prev: &[Vec<String>],
) -> Option<String> {
    if next.is_empty() && prev.is_empty() {
        return None;
    }
    let words = a.tokens_in(span);
    if let Some(p) = next.iter().find(|p| words_match(a, words.end, p)) {
        return Some(format!("followed by \"{}\"", p.join(" ")));
    }
    if let Some(p) = prev.iter().find(|p| words_before_match(a, words.start, p)) {
        return Some(format!("preceded by \"{}\"", p.join(" ")));
    }
    None
}

/// Whether `found` is `alias` with its first letter capitalised (and nothing else
/// changed), without building the capitalised string.
fn is_capitalized(found: &str, alias: &str) -> bool {
    let mut chars = alias.chars();
    let Some(first) = chars.next() else {
        return found.is_empty();
    };
    let rest = chars.as_str();
    found.len() >= rest.len()
        && found.ends_with(rest)
        && first
            .to_uppercase()
            .eq(found[..found.len() - rest.len()].chars())
}

fn token_text(a: &Analyzed, i: usize) -> &str {
    let t = a.tokens[i].span;
    &a.norm.text()[t.start..t.end]
}

/// Whether the tokens from index `from` on are `phrase`. Punctuation is a token, so
/// "lead, to" is not "lead to", and `unless_next = ["-managed"]` or `unless_prev = ["<"]`
/// can see a hyphen or a ticker's bracket.
fn words_match(a: &Analyzed, from: usize, phrase: &[String]) -> bool {
    phrase
        .iter()
        .enumerate()
        .all(|(k, w)| from + k < a.tokens.len() && token_text(a, from + k).eq_ignore_ascii_case(w))
}

fn words_before_match(a: &Analyzed, before: usize, phrase: &[String]) -> bool {
    before >= phrase.len() && words_match(a, before - phrase.len(), phrase)
}

fn near_found(a: &Analyzed, inside: std::ops::Range<usize>, near: &crate::rules::Near) -> bool {
    // Collect up to `window` word tokens on each side.
    let mut left = Vec::new();
    let mut i = inside.start;
    while i > 0 && left.len() < near.window {
        i -= 1;
        if a.tokens[i].kind == TokenKind::Word {
            left.push(i);
        }
    }
    let mut right = Vec::new();
    let mut j = inside.end;
    while j < a.tokens.len() && right.len() < near.window {
        if a.tokens[j].kind == TokenKind::Word {
            right.push(j);
        }
        j += 1;
    }
    let lo = left.last().copied().unwrap_or(inside.start);
    let hi = right.last().map_or(inside.end, |&r| r + 1);
    let words: Vec<usize> = (lo..hi)
        .filter(|&k| {
            a.tokens[k].kind == TokenKind::Word && !(inside.start..inside.end).contains(&k)
        })
        .collect();
    near.phrases.iter().any(|p| {
        words.windows(p.len()).any(|w| {
            w.iter()
                .zip(p)
                .all(|(&k, word)| token_text(a, k).eq_ignore_ascii_case(word))
        })
    })
}

/// A corporate suffix the resolver may drop to find a known entity ("BHP Billiton Ltd").
const SUFFIXES: &[&str] = &[
    " co",
    " co.",
    " corp",
    " corp.",
    " corporation",
    " ltd",
    " ltd.",
    " limited",
    " inc",
    " inc.",
    " plc",
    " group",
    " holdings",
    " sa",
    " s.a.",
    " ag",
    " nv",
    " n.v.",
    " llc",
    " company",
];

/// Legal forms that end company names: "Korea Zinc Inc.", "Vale S.A.", "Zijin Mining
/// Group Co., Ltd.". Words that are also part of what a body is called ("Corporation",
/// "Company", "Group", "Holdings") are not among them.
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "co",
    "ltd",
    "limited",
    "plc",
    "llc",
    "l.l.c",
    "sa",
    "s.a",
    "s.a.a",
    "sab",
    "ag",
    "nv",
    "n.v",
    "bv",
    "b.v",
    "gmbh",
    "spa",
    "s.p.a",
    "ab",
    "asa",
    "oyj",
    "tbk",
    "bhd",
    "berhad",
    "pty",
    "pte",
    "sarl",
    "s.a.r.l",
];

/// A company name without the legal forms that end it, so that "Korea Zinc Inc." in one
/// article and "Korea Zinc" in another are one organization of the knowledge file. The
/// first word always stays.
fn without_legal_form(name: &str) -> &str {
    let mut stem = name;
    while let Some((rest, last)) = stem.trim_end_matches([',', ' ']).rsplit_once(' ') {
        let word = last.trim_end_matches('.');
        let rest = rest.trim_end_matches([',', ' ']);
        // "Merrill Lynch and Co" is a name, not a legal form.
        let joined = rest.ends_with(" and") || rest.ends_with(" &");
        if !LEGAL_FORMS.iter().any(|f| f.eq_ignore_ascii_case(word))
            || !rest.chars().any(char::is_alphanumeric)
            || joined
        {
            break;
        }
        stem = rest;
    }
    stem
}

fn resolve_pattern(rules: &RuleSet, p: &crate::rules::Pattern, mention: &str) -> Target {
    let key = (p.etype.clone(), mention.to_lowercase());
    if let Some(&e) = rules.resolve.get(&key) {
        return Target::Known(e);
    }
    let mut stem_key = (p.etype.clone(), String::new());
    for suffix in SUFFIXES {
        if let Some(stem) = key.1.strip_suffix(suffix) {
            stem_key.1.clear();
            stem_key.1.push_str(stem.trim_end_matches(','));
            if let Some(&e) = rules.resolve.get(&stem_key) {
                return Target::Known(e);
            }
        }
    }
    let s = if &*p.etype == "organization" {
        slug(without_legal_form(mention))
    } else {
        slug(mention)
    };
    let id = match &p.entity {
        Some(template) => template.replace("{type}", &p.etype).replace("{slug}", &s),
        None => format!("{}:{s}", p.etype),
    };
    Target::New {
        id,
        etype: p.etype.clone(),
        name: mention.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::without_legal_form;

    #[test]
    fn legal_forms_leave_company_names() {
        for (name, want) in [
            ("Korea Zinc Inc.", "Korea Zinc"),
            ("Korea Zinc Inc", "Korea Zinc"),
            ("Zijin Mining Group Co., Ltd.", "Zijin Mining Group"),
            ("Vale S.A.", "Vale"),
            ("Norsk Hydro ASA", "Norsk Hydro"),
            ("Mineral Resources Limited", "Mineral Resources"),
            ("PT Vale Indonesia Tbk", "PT Vale Indonesia"),
            ("Iluka Resources Pty Ltd", "Iluka Resources"),
            ("Africa Finance Corporation", "Africa Finance Corporation"),
            ("Rio Tinto Group", "Rio Tinto Group"),
            ("Anglo American", "Anglo American"),
            ("Co Ltd", "Co"),
            ("Merrill Lynch and Co Inc", "Merrill Lynch and Co"),
            ("Smith & Co.", "Smith & Co."),
            ("Inc.", "Inc."),
            ("", ""),
        ] {
            assert_eq!(without_legal_form(name), want, "{name:?}");
        }
    }
}
