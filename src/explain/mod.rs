//! One article + the rules -> why each mention and fact is there, and why others are not:
//! the rule author's microscope.
//!
//! Input: a [`RuleSet`] and one [`Article`], plus optional questions about a piece of
//! text ([`Questions`]). The article is analysed with tracing on
//! ([`crate::extract::view`]), so the candidates that lost (to a longer overlap, a case
//! policy, a context condition, a stop list) are kept with their reasons.
//!
//! Output: an [`Explanation`] value: the article text, its mentions (span, text, entity,
//! rule and where the rule is written), the candidates that lost and why, the facts with
//! their rules and evidence, and the answers to `--why` / `--why-not`. [`render_text`]
//! prints it for people (mentions highlighted `[[Japan|country:JP]]`, or in colour);
//! serialised with serde it is the `--json` structure (format `newsfacts-explain`,
//! version 1), whose fields are the ones of the types below. Spans are code-point offsets
//! into the field (`title` or `text`) of the article as read, as in the knowledge file.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::diff::table;
use crate::extract::{ArticleView, FieldView};
use crate::input::Article;
use crate::knowledge::collapse_space;
use crate::matching::{self, Candidate, Lost, RuleRef};
use crate::output::format::Field;
use crate::rules::{Alias, AttrValue, CasePolicy, Origin, Pattern, RuleSet};
use crate::text::{Analyzed, Span};

pub const FORMAT: &str = "newsfacts-explain";
pub const VERSION: u32 = 1;

/// How many phrases of a `near` list are shown before "...".
const NEAR_SHOWN: usize = 8;
/// Longest condition shown in text output before it is cut.
const CONDITION_CHARS: usize = 160;

/// Questions about a piece of the article, as typed on the command line.
#[derive(Debug, Clone, Default)]
pub struct Questions<'a> {
    /// `--why`: what made the mention at the first occurrence of this text.
    pub why: Option<&'a str>,
    /// `--why-not`: why nothing, or something else, was found there.
    pub why_not: Option<&'a str>,
}

/// Where a rule is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub col: u32,
}

impl From<&Origin> for Location {
    fn from(o: &Origin) -> Self {
        Location {
            file: o.file.to_string(),
            line: o.line,
            col: o.col,
        }
    }
}

/// A rule that proposed a candidate or made a fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// The rule id as the knowledge file reports it: the entity id for gazetteer aliases,
    /// the pattern id, or the relation id.
    pub id: String,
    /// `alias`, `pattern`, `relation`, or `resolution` (a built-in step: surname,
    /// acronym).
    pub kind: &'static str,
    /// For an alias: its text as matching sees it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// Where the alias, pattern or relation is written.
    pub location: Option<Location>,
    /// The rule's conditions, readable (`case initial`, `near 12 words: ore, smelter`);
    /// given only where they explain an outcome (`why_not.alone`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<String>,
}

/// A span of one field of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Place {
    pub field: Field,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentionInfo {
    #[serde(flatten)]
    pub place: Place,
    pub text: String,
    pub entity: String,
    #[serde(rename = "type")]
    pub etype: String,
    pub rule: RuleInfo,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LostInfo {
    #[serde(flatten)]
    pub place: Place,
    pub text: String,
    pub entity: String,
    #[serde(rename = "type")]
    pub etype: String,
    pub rule: RuleInfo,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceInfo {
    #[serde(flatten)]
    pub place: Place,
    pub text: String,
    pub rule: RuleInfo,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactInfo {
    pub id: String,
    #[serde(rename = "type")]
    pub ftype: String,
    pub args: BTreeMap<String, AttrValue>,
    pub attributes: BTreeMap<String, AttrValue>,
    /// The relation rules whose matches made the fact, each once.
    pub rules: Vec<RuleInfo>,
    pub evidence: Vec<EvidenceInfo>,
}

/// Where the asked text stands in the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Occurrence {
    #[serde(flatten)]
    pub place: Place,
    /// The article's text there (its letter case may differ from the question's).
    pub text: String,
    /// Only found inside a longer word ("tin" in "Latin"), where no alias can match.
    pub inside_word: bool,
}

/// A candidate the rules propose for the asked text on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trial {
    /// Code-point offsets into the asked text.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub entity: String,
    #[serde(rename = "type")]
    pub etype: String,
    pub rule: RuleInfo,
    /// Why it loses on its own, or None when it would be a mention.
    pub lost: Option<String>,
}

/// The answer to `--why` or `--why-not`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Probe {
    pub text: String,
    /// The first occurrence in the article (title first, then text), or None.
    pub occurrence: Option<Occurrence>,
    /// Mentions overlapping the occurrence.
    pub mentions: Vec<MentionInfo>,
    /// Candidates overlapping the occurrence that lost, with the reason.
    pub lost: Vec<LostInfo>,
    /// `--why-not` only: the candidates of the rule set run on the asked text alone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alone: Option<Vec<Trial>>,
}

/// Everything `explain` says about one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    pub format: &'static str,
    pub version: u32,
    pub doc: String,
    pub source: String,
    pub title: Option<String>,
    pub text: String,
    pub mentions: Vec<MentionInfo>,
    pub lost: Vec<LostInfo>,
    pub facts: Vec<FactInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<Probe>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why_not: Option<Probe>,
}

/// Analyses one article with tracing on and answers the questions.
pub fn explain(rules: &RuleSet, article: &Article, questions: &Questions<'_>) -> Explanation {
    let view = crate::extract::view(rules, article, true);
    let mut mentions = Vec::new();
    let mut lost = Vec::new();
    for fv in &view.fields {
        mentions.extend(
            fv.matches
                .mentions
                .iter()
                .map(|c| mention_info(rules, &view, fv, c)),
        );
        lost.extend(
            fv.matches
                .lost
                .iter()
                .map(|l| lost_info(rules, &view, fv, l)),
        );
    }
    lost.sort_by(|a, b| (a.place, &a.entity).cmp(&(b.place, &b.entity)));
    let facts = crate::relations::extract(rules, &view, article.date.as_deref())
        .into_iter()
        .map(|(id, f)| {
            let mut rule_ids: Vec<&str> = f.evidence.iter().map(|e| &*e.rule).collect();
            rule_ids.sort_unstable();
            rule_ids.dedup();
            FactInfo {
                id,
                ftype: f.ftype.clone(),
                args: f.args.clone(),
                attributes: f.attributes.clone(),
                rules: rule_ids.iter().map(|r| relation_rule(rules, r)).collect(),
                evidence: f
                    .evidence
                    .iter()
                    .map(|e| EvidenceInfo {
                        place: Place {
                            field: e.field,
                            start: e.start,
                            end: e.end,
                        },
                        text: e.text.clone(),
                        rule: relation_rule(rules, &e.rule),
                    })
                    .collect(),
            }
        })
        .collect();
    let why = questions
        .why
        .map(|q| probe(rules, &view, &mentions, &lost, q, false));
    let why_not = questions
        .why_not
        .map(|q| probe(rules, &view, &mentions, &lost, q, true));
    Explanation {
        format: FORMAT,
        version: VERSION,
        doc: article.id.clone(),
        source: article.source.clone(),
        title: article.title.clone(),
        text: article.text.clone(),
        mentions,
        lost,
        facts,
        why,
        why_not,
    }
}

fn place(view: &ArticleView<'_>, fv: &FieldView<'_>, span: Span) -> (Place, String) {
    let m = fv.mention(&view.doc, span, std::sync::Arc::from(""));
    (
        Place {
            field: m.field,
            start: m.start,
            end: m.end,
        },
        m.text,
    )
}

fn mention_info(
    rules: &RuleSet,
    view: &ArticleView<'_>,
    fv: &FieldView<'_>,
    c: &Candidate,
) -> MentionInfo {
    let (place, text) = place(view, fv, c.span);
    MentionInfo {
        place,
        text,
        entity: c.entity_id(rules).to_string(),
        etype: c.entity_type(rules).to_string(),
        rule: candidate_rule(rules, c, false),
    }
}

fn lost_info(rules: &RuleSet, view: &ArticleView<'_>, fv: &FieldView<'_>, l: &Lost) -> LostInfo {
    let (p, text) = place(view, fv, l.candidate.span);
    let reason = overlap_reason(rules, &fv.matches.mentions, &l.candidate, |span| {
        let (wp, wtext) = place(view, fv, span);
        format!(
            "\"{}\" at {}:{}..{}",
            collapse_space(&wtext),
            field_name(wp.field),
            wp.start,
            wp.end
        )
    })
    .unwrap_or_else(|| l.reason.clone());
    LostInfo {
        place: p,
        text,
        entity: l.candidate.entity_id(rules).to_string(),
        etype: l.candidate.entity_type(rules).to_string(),
        rule: candidate_rule(rules, &l.candidate, false),
        reason,
    }
}

/// Matching reports an overlap loss with byte offsets into the normalised text, which
/// mean nothing to a reader; this names the winner instead. None when the candidate did
/// not lose to an overlap.
fn overlap_reason(
    rules: &RuleSet,
    mentions: &[Candidate],
    loser: &Candidate,
    describe: impl Fn(Span) -> String,
) -> Option<String> {
    let winner = mentions
        .iter()
        .filter(|m| m.span.overlaps(&loser.span))
        .max_by_key(|m| (m.span.len(), std::cmp::Reverse(m.span.start)))?;
    // A gazetteer mention's rule id is its entity id: say it once.
    let (entity, rule) = (winner.entity_id(rules), winner.rule_id(rules));
    let what = if entity == rule {
        format!("{} ({entity})", describe(winner.span))
    } else {
        format!("{} ({entity}, rule {rule})", describe(winner.span))
    };
    Some(if winner.span.len() > loser.span.len() {
        format!("overlaps the longer mention {what}")
    } else if winner.span == loser.span {
        format!("same span as the mention {what}, whose rule has a higher priority or comes first")
    } else {
        format!(
            "overlaps the mention {what}, as long, whose rule has a higher priority or comes first"
        )
    })
}

fn location(o: &Origin) -> Option<Location> {
    Some(Location::from(o))
}

fn candidate_rule(rules: &RuleSet, c: &Candidate, with_conditions: bool) -> RuleInfo {
    match c.rule {
        RuleRef::Alias(a) => {
            let alias = &rules.aliases()[a];
            RuleInfo {
                id: c.rule_id(rules).to_string(),
                kind: "alias",
                alias: Some(alias.text.clone()),
                location: location(&alias.origin),
                conditions: if with_conditions {
                    alias_conditions(alias, rules.entities()[alias.entity].priority)
                } else {
                    Vec::new()
                },
            }
        }
        RuleRef::Pattern(p) => {
            let pattern = &rules.patterns()[p];
            RuleInfo {
                id: pattern.id.clone(),
                kind: "pattern",
                alias: None,
                location: location(&pattern.origin),
                conditions: if with_conditions {
                    pattern_conditions(pattern)
                } else {
                    Vec::new()
                },
            }
        }
        // Surname and acronym resolution are built into matching, not written anywhere.
        RuleRef::Resolved(name) => RuleInfo {
            id: name.to_string(),
            kind: "resolution",
            alias: None,
            location: None,
            conditions: Vec::new(),
        },
    }
}

fn relation_rule(rules: &RuleSet, id: &str) -> RuleInfo {
    RuleInfo {
        id: id.to_string(),
        kind: "relation",
        alias: None,
        location: rules.origin_of(id).and_then(location),
        conditions: Vec::new(),
    }
}

fn phrases(list: &[Vec<String>]) -> String {
    list.iter()
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join(", ")
}

fn alias_conditions(alias: &Alias, priority: i32) -> Vec<String> {
    let mut out = vec![format!(
        "case {}",
        match alias.case {
            CasePolicy::Any => "any",
            CasePolicy::Exact => "exact",
            CasePolicy::Initial => "initial",
        }
    )];
    if let Some(near) = &alias.near {
        let mut shown = phrases(&near.phrases[..near.phrases.len().min(NEAR_SHOWN)]);
        if near.phrases.len() > NEAR_SHOWN {
            let _ = write!(shown, ", ... ({} in all)", near.phrases.len());
        }
        out.push(format!("near {} words: {shown}", near.window));
    }
    if !alias.unless_next.is_empty() {
        out.push(format!("unless_next: {}", phrases(&alias.unless_next)));
    }
    if !alias.unless_prev.is_empty() {
        out.push(format!("unless_prev: {}", phrases(&alias.unless_prev)));
    }
    if priority != 0 {
        out.push(format!("priority {priority}"));
    }
    out
}

fn pattern_conditions(p: &Pattern) -> Vec<String> {
    let mut out = vec![format!("regex {}", p.regex.as_str())];
    if !p.stop.is_empty() {
        out.push(format!("stop: {}", p.stop.join(", ")));
    }
    if !p.unless_next.is_empty() {
        out.push(format!("unless_next: {}", phrases(&p.unless_next)));
    }
    if !p.unless_prev.is_empty() {
        out.push(format!("unless_prev: {}", phrases(&p.unless_prev)));
    }
    if p.priority != 0 {
        out.push(format!("priority {}", p.priority));
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The first occurrence of `needle` in a normalised text: preferably on word boundaries,
/// else inside a word; exact letter case first, then ASCII case ignored (a user asking
/// about "lead" wants to hear about the "LEAD" of a headline).
fn find_in(text: &str, needle: &str) -> Option<(Span, bool)> {
    if needle.is_empty() {
        return None;
    }
    // ASCII lower-casing keeps byte offsets, so spans found in the folded copies hold
    // for the original.
    let folded_text = text.to_ascii_lowercase();
    let folded_needle = needle.to_ascii_lowercase();
    for (hay, n) in [
        (text, needle),
        (folded_text.as_str(), folded_needle.as_str()),
    ] {
        let spans: Vec<Span> = hay
            .match_indices(n)
            .map(|(at, m)| Span::new(at, at + m.len()))
            .collect();
        let bounded = spans.iter().find(|s| {
            !text[..s.start]
                .chars()
                .next_back()
                .is_some_and(is_word_char)
                && !text[s.end..].chars().next().is_some_and(is_word_char)
        });
        if let Some(s) = bounded {
            return Some((*s, false));
        }
        if let Some(s) = spans.first() {
            return Some((*s, true));
        }
    }
    None
}

fn probe(
    rules: &RuleSet,
    view: &ArticleView<'_>,
    mentions: &[MentionInfo],
    lost: &[LostInfo],
    question: &str,
    why_not: bool,
) -> Probe {
    // The question is normalised as the article is, so "Saudi Arabia" finds
    // "Saudi\nArabia" and a typographic apostrophe matches a plain one.
    let analyzed_question = Analyzed::new(question.trim());
    let needle = analyzed_question.norm.text().trim();
    let mut occurrence = None;
    // Title before text: the order the article is read in.
    let mut found: Vec<(usize, Span, bool)> = view
        .fields
        .iter()
        .enumerate()
        .filter_map(|(i, fv)| find_in(fv.analyzed.norm.text(), needle).map(|(s, w)| (i, s, w)))
        .collect();
    found.sort_by_key(|(i, _, inside)| (*inside, view.fields[*i].field, *i));
    if let Some(&(i, span, inside_word)) = found.first() {
        let fv = &view.fields[i];
        let (p, text) = place(view, fv, span);
        occurrence = Some(Occurrence {
            place: p,
            text,
            inside_word,
        });
    }
    let overlaps = |q: &Place, p: &Place| q.field == p.field && q.start < p.end && p.start < q.end;
    let (here_mentions, here_lost) = match &occurrence {
        Some(o) => (
            mentions
                .iter()
                .filter(|m| overlaps(&o.place, &m.place))
                .cloned()
                .collect(),
            lost.iter()
                .filter(|l| overlaps(&o.place, &l.place))
                .cloned()
                .collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let alone = why_not.then(|| trials(rules, question.trim(), &analyzed_question));
    Probe {
        text: question.to_string(),
        occurrence,
        mentions: here_mentions,
        lost: here_lost,
        alone,
    }
}

/// Runs the rule set on the asked text alone: which aliases or patterns could match it.
fn trials(rules: &RuleSet, original: &str, a: &Analyzed) -> Vec<Trial> {
    let found = matching::find(rules, a, true);
    let offsets = |span: Span| {
        let bytes = a.norm.original_bytes(span, original);
        let start = a.norm.char_offset(original, bytes.start);
        let text = original[bytes].to_string();
        (start, start + text.chars().count(), text)
    };
    let mut out: Vec<Trial> = Vec::new();
    for c in &found.mentions {
        let (start, end, text) = offsets(c.span);
        out.push(Trial {
            start,
            end,
            text,
            entity: c.entity_id(rules).to_string(),
            etype: c.entity_type(rules).to_string(),
            rule: candidate_rule(rules, c, true),
            lost: None,
        });
    }
    for l in &found.lost {
        let (start, end, text) = offsets(l.candidate.span);
        let reason = overlap_reason(rules, &found.mentions, &l.candidate, |span| {
            let (s, e, t) = offsets(span);
            format!("\"{t}\" at {s}..{e}")
        })
        .unwrap_or_else(|| l.reason.clone());
        out.push(Trial {
            start,
            end,
            text,
            entity: l.candidate.entity_id(rules).to_string(),
            etype: l.candidate.entity_type(rules).to_string(),
            rule: candidate_rule(rules, &l.candidate, true),
            lost: Some(reason),
        });
    }
    out.sort_by(|x, y| {
        (x.start, std::cmp::Reverse(x.end), &x.entity, &x.rule.id).cmp(&(
            y.start,
            std::cmp::Reverse(y.end),
            &y.entity,
            &y.rule.id,
        ))
    });
    out
}

// ---------------------------------------------------------------------------------------
// Text output

/// How mentions stand out in the printed article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Highlight {
    /// `[[Japan|country:JP]]`: survives pipes, files and diffs.
    Brackets,
    /// ANSI colours by entity type, for a terminal.
    Colour,
}

/// The ANSI colour of an entity type; types a pack adds share one.
fn colour(etype: &str) -> &'static str {
    match etype {
        "country" => "1;34",
        "region" => "1;36",
        "mineral" => "1;33",
        "organization" => "1;32",
        "person" => "1;35",
        "place" => "1;31",
        _ => "1;4",
    }
}

fn field_name(f: Field) -> &'static str {
    match f {
        Field::Title => "title",
        Field::Text => "text",
    }
}

fn span_text(p: &Place) -> String {
    format!("{}:{}..{}", field_name(p.field), p.start, p.end)
}

fn short_location(l: &Option<Location>) -> String {
    l.as_ref()
        .map_or_else(|| "-".into(), |l| format!("{}:{}", l.file, l.line))
}

fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}...", &s[..at]),
        None => s.to_string(),
    }
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", collapse_space(s))
}

/// The field's text with its mentions marked.
fn highlighted(text: &str, field: Field, mentions: &[MentionInfo], style: Highlight) -> String {
    let mut marks: Vec<&MentionInfo> = mentions.iter().filter(|m| m.place.field == field).collect();
    marks.sort_by_key(|m| m.place);
    // Code-point offsets -> byte offsets, once for the whole field.
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect();
    let mut out = String::with_capacity(text.len() + marks.len() * 24);
    let mut at = 0;
    for m in marks {
        let (Some(&s), Some(&e)) = (bytes.get(m.place.start), bytes.get(m.place.end)) else {
            continue;
        };
        if s < at {
            continue;
        }
        out.push_str(&text[at..s]);
        match style {
            Highlight::Brackets => {
                let _ = write!(out, "[[{}|{}]]", &text[s..e], m.entity);
            }
            Highlight::Colour => {
                let _ = write!(out, "\x1b[{}m{}\x1b[0m", colour(&m.etype), &text[s..e]);
            }
        }
        at = e;
    }
    out.push_str(&text[at..]);
    out
}

fn mention_rows(mentions: &[MentionInfo]) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        "span".to_string(),
        "text".into(),
        "entity".into(),
        "rule".into(),
        "location".into(),
    ]];
    rows.extend(mentions.iter().map(|m| {
        vec![
            span_text(&m.place),
            quoted(&m.text),
            m.entity.clone(),
            m.rule.id.clone(),
            short_location(&m.rule.location),
        ]
    }));
    rows
}

fn lost_rows(lost: &[LostInfo]) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        "span".to_string(),
        "text".into(),
        "entity".into(),
        "rule".into(),
        "location".into(),
        "reason".into(),
    ]];
    rows.extend(lost.iter().map(|l| {
        vec![
            span_text(&l.place),
            quoted(&l.text),
            l.entity.clone(),
            l.rule.id.clone(),
            short_location(&l.rule.location),
            l.reason.clone(),
        ]
    }));
    rows
}

/// The explanation for people. With a question asked, only its answer is printed.
pub fn render_text(ex: &Explanation, style: Highlight) -> String {
    let mut out = String::new();
    if ex.why.is_some() || ex.why_not.is_some() {
        if let Some(p) = &ex.why {
            render_probe(&mut out, p, false);
        }
        if let Some(p) = &ex.why_not {
            if ex.why.is_some() {
                out.push('\n');
            }
            render_probe(&mut out, p, true);
        }
        return out;
    }
    let _ = writeln!(out, "doc {} ({})", ex.doc, ex.source);
    if style == Highlight::Colour {
        out.push_str("colours:");
        for t in [
            "country",
            "region",
            "mineral",
            "organization",
            "person",
            "place",
        ] {
            let _ = write!(out, " \x1b[{}m{t}\x1b[0m", colour(t));
        }
        out.push('\n');
    }
    if let Some(title) = &ex.title {
        let _ = writeln!(
            out,
            "\ntitle:\n{}",
            highlighted(title, Field::Title, &ex.mentions, style)
        );
    }
    let _ = writeln!(
        out,
        "\ntext:\n{}",
        highlighted(&ex.text, Field::Text, &ex.mentions, style).trim_end()
    );
    let _ = writeln!(out, "\nmentions ({})", ex.mentions.len());
    if !ex.mentions.is_empty() {
        out.push_str(&table(&mention_rows(&ex.mentions), "  "));
    }
    let _ = writeln!(out, "\nlost candidates ({})", ex.lost.len());
    if !ex.lost.is_empty() {
        out.push_str(&table(&lost_rows(&ex.lost), "  "));
    }
    let _ = writeln!(out, "\nfacts ({})", ex.facts.len());
    for f in &ex.facts {
        let _ = writeln!(out, "  {}", f.id);
        for (k, v) in f.args.iter().chain(&f.attributes) {
            let _ = writeln!(out, "    {k}: {}", v.values().join(", "));
        }
        let rules: Vec<String> = f
            .rules
            .iter()
            .map(|r| format!("{} ({})", r.id, short_location(&r.location)))
            .collect();
        let _ = writeln!(out, "    rules: {}", rules.join(", "));
        for e in &f.evidence {
            let _ = writeln!(
                out,
                "    evidence {} [{}]: {}",
                span_text(&e.place),
                e.rule.id,
                quoted(&e.text)
            );
        }
    }
    out
}

fn render_probe(out: &mut String, p: &Probe, why_not: bool) {
    let _ = writeln!(
        out,
        "{} {}",
        if why_not { "why not" } else { "why" },
        quoted(&p.text)
    );
    match &p.occurrence {
        None => {
            let _ = writeln!(out, "  not in the article");
        }
        Some(o) => {
            let _ = writeln!(
                out,
                "  found at {}: {}{}",
                span_text(&o.place),
                quoted(&o.text),
                if o.inside_word {
                    " (inside a longer word: aliases match only on word boundaries)"
                } else {
                    ""
                }
            );
            if p.mentions.is_empty() {
                let _ = writeln!(out, "  no mention there");
            }
            for m in &p.mentions {
                let covers = m.place.start <= o.place.start && o.place.end <= m.place.end;
                let _ = writeln!(
                    out,
                    "  {} mention {} {} -> {}  rule {}{}  {}",
                    if covers { "covered by" } else { "overlaps" },
                    span_text(&m.place),
                    quoted(&m.text),
                    m.entity,
                    m.rule.id,
                    m.rule
                        .alias
                        .as_ref()
                        .map(|a| format!(" (alias \"{a}\")"))
                        .unwrap_or_default(),
                    short_location(&m.rule.location)
                );
            }
            if p.lost.is_empty() {
                let _ = writeln!(out, "  no candidate lost there");
            } else {
                let _ = writeln!(out, "  lost there:");
                for l in &p.lost {
                    let _ = writeln!(
                        out,
                        "    {} {} {}  rule {}  {}: {}",
                        span_text(&l.place),
                        quoted(&l.text),
                        l.entity,
                        l.rule.id,
                        short_location(&l.rule.location),
                        l.reason
                    );
                }
            }
        }
    }
    let Some(alone) = &p.alone else { return };
    if alone.is_empty() {
        let _ = writeln!(
            out,
            "  no rule has an alias or pattern that matches this text"
        );
        return;
    }
    let _ = writeln!(out, "  rules that match the text on its own:");
    for t in alone {
        let what = match &t.rule.alias {
            Some(a) => format!("alias \"{a}\" of {}", t.entity),
            None => format!("pattern {} -> {}", t.rule.id, t.entity),
        };
        let _ = writeln!(
            out,
            "    {what} at {}..{} {}  {}",
            t.start,
            t.end,
            quoted(&t.text),
            short_location(&t.rule.location)
        );
        if !t.rule.conditions.is_empty() {
            // A regex or a word list can run to kilobytes; the JSON form has it whole.
            let shown: Vec<String> = t
                .rule
                .conditions
                .iter()
                .map(|c| cut(c, CONDITION_CHARS))
                .collect();
            let _ = writeln!(out, "      {}", shown.join("; "));
        }
        let _ = writeln!(
            out,
            "      on its own: {}",
            t.lost.as_deref().unwrap_or("a mention")
        );
    }
    // The rules match the text alone, yet nothing was proposed in the article: the
    // difference is the surrounding text.
    if let Some(o) = &p.occurrence
        && p.mentions.is_empty()
        && p.lost.is_empty()
        && !o.inside_word
    {
        let _ = writeln!(
            out,
            "  in the article no rule proposed a candidate there: a pattern's regex sees the words around it"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSetBuilder;

    fn rules(text: &str) -> RuleSet {
        RuleSetBuilder::new()
            .add_str("t.toml", text)
            .build()
            .expect("rules")
    }

    fn article(text: &str) -> Article {
        Article::new("a", text)
    }

    const PACK: &str = r#"
[[entity]]
id = "country:SA"
name = "Saudi Arabia"
aliases = ["Saudi"]

[[entity]]
id = "mineral:lead"
name = "lead"
case = "initial"
"#;

    #[test]
    fn longer_overlap_wins_and_the_loser_names_the_winner() {
        let ex = explain(
            &rules(PACK),
            &article("Saudi\u{a0}Arabia signed."),
            &Questions::default(),
        );
        assert_eq!(ex.mentions.len(), 1);
        assert_eq!(ex.mentions[0].text, "Saudi\u{a0}Arabia");
        assert_eq!(ex.lost.len(), 1);
        assert_eq!(
            ex.lost[0].reason,
            "overlaps the longer mention \"Saudi Arabia\" at text:0..12 (country:SA)"
        );
        let text = render_text(&ex, Highlight::Brackets);
        assert!(
            text.contains("[[Saudi\u{a0}Arabia|country:SA]] signed."),
            "{text}"
        );
    }

    #[test]
    fn why_not_reports_case_policy_and_the_rule_alone() {
        let ex = explain(
            &rules(PACK),
            &article("The LEAD price."),
            &Questions {
                why: None,
                why_not: Some("LEAD"),
            },
        );
        let p = ex.why_not.as_ref().expect("probe");
        assert_eq!(
            p.occurrence.as_ref().map(|o| o.place),
            Some(Place {
                field: Field::Text,
                start: 4,
                end: 8
            })
        );
        assert_eq!(p.lost.len(), 1);
        assert!(p.lost[0].reason.starts_with("letter case"));
        let alone = p.alone.as_ref().expect("alone");
        assert_eq!(alone.len(), 1);
        assert_eq!(alone[0].rule.conditions, ["case initial"]);
    }

    #[test]
    fn why_not_without_any_rule() {
        let ex = explain(
            &rules(PACK),
            &article("Nothing here."),
            &Questions {
                why: None,
                why_not: Some("Nothing"),
            },
        );
        let text = render_text(&ex, Highlight::Brackets);
        assert!(
            text.ends_with("  no rule has an alias or pattern that matches this text\n"),
            "{text}"
        );
    }

    #[test]
    fn find_prefers_word_boundaries_then_ignores_case() {
        assert_eq!(find_in("Latin tin", "tin"), Some((Span::new(6, 9), false)));
        assert_eq!(find_in("Latin", "tin"), Some((Span::new(2, 5), true)));
        assert_eq!(find_in("LEAD", "lead"), Some((Span::new(0, 4), false)));
        assert_eq!(find_in("x", ""), None);
    }
}
