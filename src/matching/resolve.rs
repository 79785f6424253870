//! Within-article resolution of short forms: once an article names "Ken Saito" in full,
//! a later "Saito" is the same person; once it writes "Japan Organization for Metals and
//! Energy Security (JOGMEC)", every "JOGMEC" is that organization. Both run after
//! matching, over all fields of the article, and only fill gaps: text already inside a
//! mention is never taken over.
//!
//! A surname shared by two people of the article stays unresolved: "Kim" alone cannot say
//! which Kim.

use std::collections::BTreeMap;

use super::{Candidate, Matches, RuleRef};
use crate::rules::RuleSet;
use crate::text::{Analyzed, Span, TokenKind};

/// Rule ids of the built-in resolution steps, as they appear on mentions.
pub const SURNAME_RULE: &str = "resolve-surname";
pub const ACRONYM_RULE: &str = "resolve-acronym";

/// Capitalised words that end many false person names and must never be taken as a
/// surname on their own.
const NOT_SURNAMES: &[&str] = &[
    "administration",
    "government",
    "ministry",
    "minister",
    "group",
    "bank",
    "fund",
    "corp",
    "inc",
    "ltd",
    "co",
    "company",
    "the",
    "and",
    "said",
    "says",
    "president",
    "secretary",
];

pub fn resolve(rules: &RuleSet, fields: &mut [(&Analyzed, &mut Matches)]) {
    // short form -> the candidates that name it in full (one per distinct entity)
    let mut surnames: BTreeMap<String, Vec<Candidate>> = BTreeMap::new();
    let mut acronyms: BTreeMap<String, Candidate> = BTreeMap::new();
    for (a, m) in fields.iter() {
        let text = a.norm.text();
        for c in &m.mentions {
            let etype = c.entity_type(rules);
            let mention = &text[c.span.start..c.span.end];
            if etype == "person" {
                let words: Vec<&str> = mention
                    .split([' ', '-'])
                    .filter(|w| !w.is_empty())
                    .collect();
                if let Some(last) = words.last().filter(|_| words.len() >= 2) {
                    let key = last.to_lowercase();
                    if last.chars().count() >= 3
                        && last.chars().next().is_some_and(char::is_uppercase)
                        && !NOT_SURNAMES.contains(&key.as_str())
                    {
                        let list = surnames.entry(key).or_default();
                        if !list
                            .iter()
                            .any(|x| x.entity_id(rules) == c.entity_id(rules))
                        {
                            list.push(c.clone());
                        }
                    }
                }
            }
            if etype == "organization" || etype == "country" {
                // "<name> (ACRONYM)"
                let rest = &text[c.span.end..];
                if let Some(inner) = rest
                    .strip_prefix(" (")
                    .and_then(|r| r.split_once(')'))
                    .map(|(i, _)| i)
                {
                    let letters = inner.chars().filter(|ch| ch.is_alphabetic()).count();
                    if (2..=10).contains(&letters)
                        && inner.chars().all(|ch| {
                            ch.is_ascii_uppercase() || ch == '-' || ch == '&' || ch.is_ascii_digit()
                        })
                    {
                        acronyms
                            .entry(inner.to_string())
                            .or_insert_with(|| c.clone());
                    }
                }
            }
        }
    }
    if surnames.is_empty() && acronyms.is_empty() {
        return;
    }
    for (a, m) in fields.iter_mut() {
        let text = a.norm.text();
        let mut added = Vec::new();
        for t in a.tokens.iter().filter(|t| t.kind == TokenKind::Word) {
            let word = &text[t.span.start..t.span.end];
            let covered = m.mentions.iter().any(|c| c.span.overlaps(&t.span));
            if covered {
                continue;
            }
            if let Some(full) = acronyms.get(word) {
                added.push(short_form(full, t.span, ACRONYM_RULE));
                continue;
            }
            let capitalised = word.chars().next().is_some_and(char::is_uppercase);
            if !capitalised {
                continue;
            }
            if let Some(list) = surnames.get(&word.to_lowercase()) {
                // Shared by two people: leave it.
                if let [only] = list.as_slice() {
                    added.push(short_form(only, t.span, SURNAME_RULE));
                }
            }
        }
        if !added.is_empty() {
            m.mentions.extend(added);
            m.mentions.sort_by_key(|c| (c.span.start, c.span.end));
        }
    }
}

fn short_form(full: &Candidate, span: Span, rule: &'static str) -> Candidate {
    Candidate {
        span,
        target: full.target.clone(),
        rule: RuleRef::Resolved(rule),
        priority: full.priority,
        order: full.order,
        attrs: Vec::new(),
    }
}
