//! Two knowledge files -> what changed between them: the rule author's "what did my edit
//! do to the corpus" view.
//!
//! Input: two [`KnowledgeFile`] values (an old and a new run; [`parse`] reads either the
//! knowledge file or the `--format jsonl` lines from text). Output: a [`Diff`] value,
//! rendered by [`render_text`] for people or serialised as JSON (format `newsfacts-diff`,
//! version 1) for scripts.
//!
//! What is compared, and by which key:
//!
//! - documents, added or removed, by `id`;
//! - entities, added or removed, by `id`;
//! - mentions, added or removed, by `(doc, field, start, end, entity)`;
//! - facts, added or removed by `id`; a fact present in both is *changed* when an arg or
//!   an attribute differs (shown slot by slot) or when its evidence gained or lost a
//!   sentence.
//!
//! Everything else (the generator, problems, an entity's name or attributes) is not
//! compared: those follow from the rules and the articles, and the changes above are what a
//! rule edit is judged by. Two files are equal when all the change lists are empty.
//!
//! The JSON form (`serde_json::to_string_pretty(&diff)`):
//!
//! ```json
//! {
//!   "format": "newsfacts-diff", "version": 1, "equal": false,
//!   "counts": {
//!     "documents": {"added": 0, "removed": 0},
//!     "entities": {"added": 1, "removed": 0},
//!     "mentions": {"added": 1, "removed": 0},
//!     "facts": {"added": 0, "removed": 0, "changed": 1},
//!     "by_type": {"person": {"entities": {"added": 1, "removed": 0},
//!                            "mentions": {"added": 1, "removed": 0}}},
//!     "by_rule": {"person-after-title": {"mentions": {"added": 1, "removed": 0},
//!                                        "facts": {"added": 0, "removed": 0, "changed": 0}}}
//!   },
//!   "documents": {"added": [], "removed": []},
//!   "entities": {"added": [{"id": "person:ken-saito", "type": "person", "name": "Ken Saito"}],
//!                "removed": []},
//!   "mentions": {"added": [{"entity": "person:ken-saito", "type": "person", "doc": "a.txt",
//!                           "field": "text", "start": 44, "end": 53, "text": "Ken Saito",
//!                           "rule": "person-after-title",
//!                           "context": "...was signed by Minister [Ken Saito] on Monday."}],
//!                "removed": []},
//!   "facts": {"added": [], "removed": [],
//!             "changed": [{"id": "agreement:memorandum/country:JP+country:SA/",
//!                          "type": "agreement",
//!                          "slots": [{"slot": "status", "part": "attributes",
//!                                     "old": "proposed", "new": "signed"}],
//!                          "evidence_added": [], "evidence_removed": [],
//!                          "evidence": [{"doc": "a.txt", "field": "text", "start": 0,
//!                                        "end": 60, "text": "...", "rule": "..."}]}]}
//! }
//! ```
//!
//! Fact entries in `added` and `removed` are the fact records as the knowledge file has
//! them. `context` is the mention with up to 40 characters either side, cut from a fact's
//! evidence sentence that contains it (the only article text a knowledge file holds), or
//! null. With a limit ([`Diff::truncate`]) the lists hold at most that many entries each;
//! the counts always cover everything.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::knowledge::Knowledge;
use crate::output::format::{
    ArticleLine, FORMAT as KNOWLEDGE_FORMAT, Fact, Field, Generator, KnowledgeFile, Mention,
};
use crate::rules::AttrValue;

pub const FORMAT: &str = "newsfacts-diff";
pub const VERSION: u32 = 1;

/// Characters of context shown either side of a mention.
const CONTEXT_CHARS: usize = 40;
/// Longest evidence sentence shown in text output before it is cut.
const EVIDENCE_CHARS: usize = 160;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub added: usize,
    pub removed: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FactTally {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TypeCounts {
    pub entities: Tally,
    pub mentions: Tally,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RuleCounts {
    pub mentions: Tally,
    pub facts: FactTally,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub documents: Tally,
    pub entities: Tally,
    pub mentions: Tally,
    pub facts: FactTally,
    /// Entities and mentions by entity type.
    pub by_type: BTreeMap<String, TypeCounts>,
    /// Mentions by `mention.rule`, facts by each `evidence.rule` they carry (a fact found
    /// by two rules counts for both).
    pub by_rule: BTreeMap<String, RuleCounts>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changes<T> {
    pub added: Vec<T>,
    pub removed: Vec<T>,
}

impl<T> Default for Changes<T> {
    fn default() -> Self {
        Changes {
            added: Vec::new(),
            removed: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentRef {
    pub id: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRef {
    pub id: String,
    #[serde(rename = "type")]
    pub etype: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentionRef {
    pub entity: String,
    #[serde(rename = "type")]
    pub etype: String,
    pub doc: String,
    pub field: Field,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub rule: String,
    /// The mention in its sentence, `[bracketed]`, when some fact's evidence holds it.
    pub context: Option<String>,
}

/// Whether a slot is one of the fact's args or one of its attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Args,
    Attributes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SlotChange {
    pub slot: String,
    pub part: Part,
    pub old: Option<AttrValue>,
    pub new: Option<AttrValue>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactChange {
    pub id: String,
    #[serde(rename = "type")]
    pub ftype: String,
    pub slots: Vec<SlotChange>,
    pub evidence_added: Vec<Mention>,
    pub evidence_removed: Vec<Mention>,
    /// The new file's evidence, for showing where the fact stands now.
    pub evidence: Vec<Mention>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FactChanges {
    pub added: Vec<Fact>,
    pub removed: Vec<Fact>,
    pub changed: Vec<FactChange>,
}

/// What changed from an old knowledge file to a new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diff {
    pub format: &'static str,
    pub version: u32,
    pub equal: bool,
    pub counts: Counts,
    pub documents: Changes<DocumentRef>,
    pub entities: Changes<EntityRef>,
    pub mentions: Changes<MentionRef>,
    pub facts: FactChanges,
}

impl Diff {
    /// Keeps at most `limit` entries in each change list; the counts stay complete.
    pub fn truncate(&mut self, limit: usize) {
        self.documents.added.truncate(limit);
        self.documents.removed.truncate(limit);
        self.entities.added.truncate(limit);
        self.entities.removed.truncate(limit);
        self.mentions.added.truncate(limit);
        self.mentions.removed.truncate(limit);
        self.facts.added.truncate(limit);
        self.facts.removed.truncate(limit);
        self.facts.changed.truncate(limit);
    }
}

/// Why a file could not be read as knowledge.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);

/// A knowledge file, or the lines `extract --format jsonl` writes (merged into one).
pub fn parse(text: &str) -> Result<KnowledgeFile, ParseError> {
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    // A knowledge file is pretty-printed, so its first line is a lone "{"; a JSONL line
    // is a whole object. That tells which error to report when neither parses.
    if serde_json::from_str::<ArticleLine>(first_line).is_ok() {
        let mut k = Knowledge::default();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let parsed: ArticleLine = serde_json::from_str(line)
                .map_err(|e| ParseError(format!("line {}: {e}", n + 1)))?;
            if parsed.ok {
                k.merge(Knowledge::from_line(parsed));
            }
        }
        return Ok(k.into_file(Generator {
            name: String::new(),
            version: String::new(),
            rules_digest: String::new(),
        }));
    }
    let file: KnowledgeFile =
        serde_json::from_str(text).map_err(|e| ParseError(format!("not a knowledge file: {e}")))?;
    if file.format != KNOWLEDGE_FORMAT {
        return Err(ParseError(format!(
            "format is \"{}\", not \"{KNOWLEDGE_FORMAT}\"",
            file.format
        )));
    }
    if file.version != crate::output::format::VERSION {
        return Err(ParseError(format!(
            "knowledge format version {} is not supported (this build reads {})",
            file.version,
            crate::output::format::VERSION
        )));
    }
    Ok(file)
}

type MentionKey<'a> = (&'a str, Field, usize, usize, &'a str);

/// Compares two knowledge files.
pub fn diff(old: &KnowledgeFile, new: &KnowledgeFile) -> Diff {
    let mut counts = Counts::default();
    let contexts = Contexts::new([old, new]);

    let old_docs: BTreeMap<&str, &str> = old
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.source.as_str()))
        .collect();
    let new_docs: BTreeMap<&str, &str> = new
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.source.as_str()))
        .collect();
    let documents = Changes {
        added: only_in(&new_docs, &old_docs)
            .map(|(id, source)| DocumentRef {
                id: id.to_string(),
                source: source.to_string(),
            })
            .collect(),
        removed: only_in(&old_docs, &new_docs)
            .map(|(id, source)| DocumentRef {
                id: id.to_string(),
                source: source.to_string(),
            })
            .collect(),
    };
    counts.documents = Tally {
        added: documents.added.len(),
        removed: documents.removed.len(),
    };

    let old_entities: BTreeMap<&str, &crate::output::format::Entity> =
        old.entities.iter().map(|e| (e.id.as_str(), e)).collect();
    let new_entities: BTreeMap<&str, &crate::output::format::Entity> =
        new.entities.iter().map(|e| (e.id.as_str(), e)).collect();
    let entity_ref = |e: &crate::output::format::Entity| EntityRef {
        id: e.id.clone(),
        etype: e.etype.clone(),
        name: e.name.clone(),
    };
    let entities = Changes {
        added: only_in(&new_entities, &old_entities)
            .map(|(_, e)| entity_ref(e))
            .collect::<Vec<_>>(),
        removed: only_in(&old_entities, &new_entities)
            .map(|(_, e)| entity_ref(e))
            .collect::<Vec<_>>(),
    };
    for e in &entities.added {
        counts
            .by_type
            .entry(e.etype.clone())
            .or_default()
            .entities
            .added += 1;
    }
    for e in &entities.removed {
        counts
            .by_type
            .entry(e.etype.clone())
            .or_default()
            .entities
            .removed += 1;
    }
    counts.entities = Tally {
        added: entities.added.len(),
        removed: entities.removed.len(),
    };

    let old_mentions = mention_index(old);
    let new_mentions = mention_index(new);
    let mention_ref = |(key, (etype, m)): (&MentionKey<'_>, &(&str, &Mention))| MentionRef {
        entity: key.4.to_string(),
        etype: etype.to_string(),
        doc: m.doc.to_string(),
        field: m.field,
        start: m.start,
        end: m.end,
        text: m.text.clone(),
        rule: m.rule.to_string(),
        context: contexts.around(m),
    };
    let mentions = Changes {
        added: only_in(&new_mentions, &old_mentions)
            .map(mention_ref)
            .collect::<Vec<_>>(),
        removed: only_in(&old_mentions, &new_mentions)
            .map(mention_ref)
            .collect::<Vec<_>>(),
    };
    for m in &mentions.added {
        counts
            .by_type
            .entry(m.etype.clone())
            .or_default()
            .mentions
            .added += 1;
        counts
            .by_rule
            .entry(m.rule.clone())
            .or_default()
            .mentions
            .added += 1;
    }
    for m in &mentions.removed {
        counts
            .by_type
            .entry(m.etype.clone())
            .or_default()
            .mentions
            .removed += 1;
        counts
            .by_rule
            .entry(m.rule.clone())
            .or_default()
            .mentions
            .removed += 1;
    }
    counts.mentions = Tally {
        added: mentions.added.len(),
        removed: mentions.removed.len(),
    };

    let old_facts: BTreeMap<&str, &Fact> = old.facts.iter().map(|f| (f.id.as_str(), f)).collect();
    let new_facts: BTreeMap<&str, &Fact> = new.facts.iter().map(|f| (f.id.as_str(), f)).collect();
    let mut facts = FactChanges {
        added: only_in(&new_facts, &old_facts)
            .map(|(_, f)| (*f).clone())
            .collect(),
        removed: only_in(&old_facts, &new_facts)
            .map(|(_, f)| (*f).clone())
            .collect(),
        changed: Vec::new(),
    };
    for (id, o) in &old_facts {
        if let Some(n) = new_facts.get(id)
            && let Some(change) = fact_change(o, n)
        {
            facts.changed.push(change);
        }
    }
    for f in &facts.added {
        for rule in evidence_rules([f]) {
            counts.by_rule.entry(rule).or_default().facts.added += 1;
        }
    }
    for f in &facts.removed {
        for rule in evidence_rules([f]) {
            counts.by_rule.entry(rule).or_default().facts.removed += 1;
        }
    }
    for c in &facts.changed {
        let (o, n) = (old_facts[c.id.as_str()], new_facts[c.id.as_str()]);
        for rule in evidence_rules([o, n]) {
            counts.by_rule.entry(rule).or_default().facts.changed += 1;
        }
    }
    counts.facts = FactTally {
        added: facts.added.len(),
        removed: facts.removed.len(),
        changed: facts.changed.len(),
    };

    let equal = documents.added.is_empty()
        && documents.removed.is_empty()
        && entities.added.is_empty()
        && entities.removed.is_empty()
        && mentions.added.is_empty()
        && mentions.removed.is_empty()
        && facts.added.is_empty()
        && facts.removed.is_empty()
        && facts.changed.is_empty();
    Diff {
        format: FORMAT,
        version: VERSION,
        equal,
        counts,
        documents,
        entities,
        mentions,
        facts,
    }
}

/// Entries of `a` whose key `b` lacks, in key order.
fn only_in<'m, K: Ord, V>(
    a: &'m BTreeMap<K, V>,
    b: &'m BTreeMap<K, V>,
) -> impl Iterator<Item = (&'m K, &'m V)> {
    a.iter().filter(move |(k, _)| !b.contains_key(*k))
}

/// Every mention of a file by its diff key, with the entity's type.
fn mention_index(file: &KnowledgeFile) -> BTreeMap<MentionKey<'_>, (&str, &Mention)> {
    let mut index = BTreeMap::new();
    for e in &file.entities {
        for m in &e.mentions {
            index.insert(
                (&*m.doc, m.field, m.start, m.end, e.id.as_str()),
                (e.etype.as_str(), m),
            );
        }
    }
    index
}

fn evidence_rules<'a>(facts: impl IntoIterator<Item = &'a Fact>) -> BTreeSet<String> {
    facts
        .into_iter()
        .flat_map(|f| f.evidence.iter().map(|e| e.rule.to_string()))
        .collect()
}

fn fact_change(old: &Fact, new: &Fact) -> Option<FactChange> {
    let mut slots = Vec::new();
    for (part, o, n) in [
        (Part::Args, &old.args, &new.args),
        (Part::Attributes, &old.attributes, &new.attributes),
    ] {
        let names: BTreeSet<&String> = o.keys().chain(n.keys()).collect();
        for name in names {
            let (ov, nv) = (o.get(name), n.get(name));
            if ov != nv {
                slots.push(SlotChange {
                    slot: name.clone(),
                    part,
                    old: ov.cloned(),
                    new: nv.cloned(),
                });
            }
        }
    }
    let old_ev: BTreeSet<&Mention> = old.evidence.iter().collect();
    let new_ev: BTreeSet<&Mention> = new.evidence.iter().collect();
    let evidence_added: Vec<Mention> = new_ev.difference(&old_ev).map(|m| (*m).clone()).collect();
    let evidence_removed: Vec<Mention> = old_ev.difference(&new_ev).map(|m| (*m).clone()).collect();
    if slots.is_empty() && evidence_added.is_empty() && evidence_removed.is_empty() {
        return None;
    }
    Some(FactChange {
        id: new.id.clone(),
        ftype: new.ftype.clone(),
        slots,
        evidence_added,
        evidence_removed,
        evidence: new.evidence.clone(),
    })
}

/// The evidence sentences of both files, by document and field: the only article text a
/// knowledge file keeps, so the only place a mention's context can come from.
struct Contexts<'a> {
    sentences: BTreeMap<(&'a str, Field), Vec<&'a Mention>>,
}

impl<'a> Contexts<'a> {
    fn new(files: [&'a KnowledgeFile; 2]) -> Self {
        let mut sentences: BTreeMap<(&str, Field), Vec<&Mention>> = BTreeMap::new();
        for file in files {
            for f in &file.facts {
                for e in &f.evidence {
                    sentences.entry((&*e.doc, e.field)).or_default().push(e);
                }
            }
        }
        for list in sentences.values_mut() {
            list.sort();
            list.dedup();
        }
        Contexts { sentences }
    }

    /// `...before [mention] after...`, or None when no evidence sentence holds it.
    fn around(&self, m: &Mention) -> Option<String> {
        let sentence = self
            .sentences
            .get(&(&*m.doc, m.field))?
            .iter()
            .find(|s| s.start <= m.start && m.end <= s.end)?;
        let chars: Vec<char> = sentence.text.chars().collect();
        let (from, to) = (m.start - sentence.start, m.end - sentence.start);
        // Offsets of a file made from another article version may not fit this sentence.
        if to > chars.len() || chars[from..to].iter().collect::<String>() != m.text {
            return None;
        }
        let lo = from.saturating_sub(CONTEXT_CHARS);
        let hi = (to + CONTEXT_CHARS).min(chars.len());
        let piece = |a: usize, b: usize| one_line(&chars[a..b].iter().collect::<String>());
        Some(format!(
            "{}{}[{}]{}{}",
            if lo > 0 { "..." } else { "" },
            piece(lo, from),
            piece(from, to),
            piece(to, hi),
            if hi < chars.len() { "..." } else { "" },
        ))
    }
}

/// Line breaks and tabs as single spaces, so a snippet stays on one output line.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

fn cut(s: &str, max: usize) -> String {
    let s = crate::knowledge::collapse_space(s);
    if s.chars().count() <= max {
        s
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push_str("...");
        out
    }
}

fn tally(t: Tally) -> String {
    format!("+{} -{}", t.added, t.removed)
}

fn fact_tally(t: FactTally) -> String {
    format!("+{} -{} ~{}", t.added, t.removed, t.changed)
}

fn field_name(f: Field) -> &'static str {
    match f {
        Field::Title => "title",
        Field::Text => "text",
    }
}

fn value_text(v: &AttrValue) -> String {
    v.values().join(", ")
}

/// `status: proposed -> signed` for single values, `signatories: +a -b` for lists.
pub fn slot_line(s: &SlotChange) -> String {
    let single = |v: &Option<AttrValue>| matches!(v, None | Some(AttrValue::One(_)));
    if single(&s.old) && single(&s.new) {
        let show = |v: &Option<AttrValue>| v.as_ref().map_or("(none)".into(), value_text);
        return format!("{}: {} -> {}", s.slot, show(&s.old), show(&s.new));
    }
    let set = |v: &Option<AttrValue>| -> BTreeSet<String> {
        v.iter().flat_map(|v| v.values().iter().cloned()).collect()
    };
    let (o, n) = (set(&s.old), set(&s.new));
    let mut parts: Vec<String> = n.difference(&o).map(|x| format!("+{x}")).collect();
    parts.extend(o.difference(&n).map(|x| format!("-{x}")));
    if parts.is_empty() {
        // Same values, one shape changed (a one-element list became a single value).
        parts.push(format!(
            "{} -> {}",
            s.old.as_ref().map_or("(none)".into(), value_text),
            s.new.as_ref().map_or("(none)".into(), value_text)
        ));
    }
    format!("{}: {}", s.slot, parts.join(" "))
}

fn evidence_line(sign: &str, e: &Mention) -> String {
    format!(
        "{sign}evidence [{}] {}: \"{}\"",
        e.rule,
        e.doc,
        cut(&e.text, EVIDENCE_CHARS)
    )
}

/// Lines padded into columns separated by two spaces; the last column is not padded.
pub(crate) fn table(rows: &[Vec<String>], indent: &str) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::from(indent);
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                line.push_str("  ");
            }
            line.push_str(cell);
            if c + 1 < row.len() {
                line.extend(std::iter::repeat_n(
                    ' ',
                    widths[c].saturating_sub(cell.chars().count()),
                ));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The diff for people: counts first, then each change with its evidence. `limit` caps
/// the entries shown per list (`... and N more`).
pub fn render_text(d: &Diff, limit: Option<usize>) -> String {
    let mut out = String::new();
    if d.equal {
        out.push_str("no differences\n");
        return out;
    }
    let c = &d.counts;
    out.push_str(&table(
        &[
            vec!["documents".into(), tally(c.documents)],
            vec!["entities".into(), tally(c.entities)],
            vec!["mentions".into(), tally(c.mentions)],
            vec!["facts".into(), fact_tally(c.facts)],
        ],
        "",
    ));
    if !c.by_type.is_empty() {
        let mut rows = vec![vec![
            "entity type".to_string(),
            "entities".into(),
            "mentions".into(),
        ]];
        for (t, tc) in &c.by_type {
            rows.push(vec![
                t.clone(),
                nonzero(tc.entities).map(tally).unwrap_or_default(),
                nonzero(tc.mentions).map(tally).unwrap_or_default(),
            ]);
        }
        out.push('\n');
        out.push_str(&table(&rows, ""));
    }
    if !c.by_rule.is_empty() {
        let mut rows = vec![vec!["rule".to_string(), "mentions".into(), "facts".into()]];
        for (r, rc) in &c.by_rule {
            let facts = (rc.facts != FactTally::default()).then(|| fact_tally(rc.facts));
            rows.push(vec![
                r.clone(),
                nonzero(rc.mentions).map(tally).unwrap_or_default(),
                facts.unwrap_or_default(),
            ]);
        }
        out.push('\n');
        out.push_str(&table(&rows, ""));
    }

    let mut section = |title: &str, total: usize, items: Vec<String>| {
        if total == 0 {
            return;
        }
        let _ = writeln!(out, "\n{title} ({total})");
        let shown = limit.unwrap_or(usize::MAX).min(items.len());
        for item in &items[..shown] {
            out.push_str(item);
        }
        if total > shown {
            let _ = writeln!(out, "  ... and {} more", total - shown);
        }
    };
    let doc_item = |sign: char, x: &DocumentRef| format!("  {sign} {}  {}\n", x.id, x.source);
    section(
        "documents added",
        c.documents.added,
        d.documents.added.iter().map(|x| doc_item('+', x)).collect(),
    );
    section(
        "documents removed",
        c.documents.removed,
        d.documents
            .removed
            .iter()
            .map(|x| doc_item('-', x))
            .collect(),
    );
    let entity_item =
        |sign: char, e: &EntityRef| format!("  {sign} {}  {}  \"{}\"\n", e.id, e.etype, e.name);
    section(
        "entities added",
        c.entities.added,
        d.entities
            .added
            .iter()
            .map(|e| entity_item('+', e))
            .collect(),
    );
    section(
        "entities removed",
        c.entities.removed,
        d.entities
            .removed
            .iter()
            .map(|e| entity_item('-', e))
            .collect(),
    );
    let mention_item = |sign: char, m: &MentionRef| {
        let snippet = m.context.clone().unwrap_or_else(|| one_line(&m.text));
        format!(
            "  {sign} {}  {} {}:{}..{}  rule {}\n      {}: \"{snippet}\"\n",
            m.entity,
            m.doc,
            field_name(m.field),
            m.start,
            m.end,
            m.rule,
            m.doc
        )
    };
    section(
        "mentions added",
        c.mentions.added,
        d.mentions
            .added
            .iter()
            .map(|m| mention_item('+', m))
            .collect(),
    );
    section(
        "mentions removed",
        c.mentions.removed,
        d.mentions
            .removed
            .iter()
            .map(|m| mention_item('-', m))
            .collect(),
    );
    let fact_item = |sign: char, f: &Fact| {
        let mut s = format!("  {sign} {}\n", f.id);
        for (k, v) in f.args.iter().chain(&f.attributes) {
            let _ = writeln!(s, "      {k}: {}", value_text(v));
        }
        for e in &f.evidence {
            let _ = writeln!(s, "      {}", evidence_line("", e));
        }
        s
    };
    section(
        "facts added",
        c.facts.added,
        d.facts.added.iter().map(|f| fact_item('+', f)).collect(),
    );
    section(
        "facts removed",
        c.facts.removed,
        d.facts.removed.iter().map(|f| fact_item('-', f)).collect(),
    );
    section(
        "facts changed",
        c.facts.changed,
        d.facts
            .changed
            .iter()
            .map(|f| {
                let mut s = format!("  ~ {}\n", f.id);
                for slot in &f.slots {
                    let _ = writeln!(s, "      {}", slot_line(slot));
                }
                for e in &f.evidence_added {
                    let _ = writeln!(s, "      {}", evidence_line("+", e));
                }
                for e in &f.evidence_removed {
                    let _ = writeln!(s, "      {}", evidence_line("-", e));
                }
                // With the slots changed, the sentences that still hold the fact say why.
                if !f.slots.is_empty() {
                    for e in f.evidence.iter().filter(|e| !f.evidence_added.contains(e)) {
                        let _ = writeln!(s, "      {}", evidence_line("", e));
                    }
                }
                s
            })
            .collect(),
    );
    out
}

fn nonzero(t: Tally) -> Option<Tally> {
    (t != Tally::default()).then_some(t)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::output::format::{Document, Entity};

    fn mention(doc: &str, start: usize, text: &str, rule: &str) -> Mention {
        Mention {
            doc: Arc::from(doc),
            field: Field::Text,
            start,
            end: start + text.chars().count(),
            text: text.into(),
            rule: Arc::from(rule),
        }
    }

    fn entity(id: &str, mentions: Vec<Mention>) -> Entity {
        Entity {
            id: id.into(),
            etype: id.split(':').next().unwrap_or_default().into(),
            name: id.into(),
            ids: BTreeMap::new(),
            attributes: BTreeMap::new(),
            aliases: Vec::new(),
            mentions,
        }
    }

    fn document(id: &str) -> Document {
        Document {
            id: id.into(),
            source: format!("corpus/{id}"),
            title: None,
            date: None,
            url: None,
            sha256: String::new(),
            chars: 0,
            about: Vec::new(),
        }
    }

    fn fact(status: &str, signatories: &[&str], evidence: Vec<Mention>) -> Fact {
        Fact {
            id: "agreement:mou/country:JP+country:SA/".into(),
            ftype: "agreement".into(),
            args: BTreeMap::from([(
                "signatories".into(),
                AttrValue::Many(signatories.iter().map(|s| s.to_string()).collect()),
            )]),
            attributes: BTreeMap::from([("status".into(), AttrValue::One(status.into()))]),
            evidence,
        }
    }

    fn file(documents: Vec<Document>, entities: Vec<Entity>, facts: Vec<Fact>) -> KnowledgeFile {
        KnowledgeFile {
            format: KNOWLEDGE_FORMAT.into(),
            version: 1,
            generator: Generator {
                name: "newsfacts".into(),
                version: "0".into(),
                rules_digest: String::new(),
            },
            documents,
            entities,
            facts,
            problems: Vec::new(),
        }
    }

    const SENTENCE: &str = "Japan and Saudi Arabia signed a memorandum on mining.";

    #[test]
    fn equal_files_have_no_changes() {
        let k = file(
            vec![document("a.txt")],
            vec![entity(
                "country:JP",
                vec![mention("a.txt", 0, "Japan", "country:JP")],
            )],
            vec![fact(
                "signed",
                &["person:x"],
                vec![mention("a.txt", 0, SENTENCE, "r")],
            )],
        );
        let d = diff(&k, &k);
        assert!(d.equal);
        assert_eq!(d.counts, Counts::default());
        assert_eq!(render_text(&d, None), "no differences\n");
    }

    #[test]
    fn changed_status_and_signatories_are_shown_slot_by_slot() {
        let ev = vec![mention("a.txt", 0, SENTENCE, "mou-signed")];
        let old = file(
            vec![document("a.txt")],
            vec![],
            vec![fact("proposed", &["person:x", "person:y"], ev.clone())],
        );
        let new = file(
            vec![document("a.txt")],
            vec![],
            vec![fact("signed", &["person:x", "person:z"], ev)],
        );
        let d = diff(&old, &new);
        assert!(!d.equal);
        assert_eq!(d.counts.facts.changed, 1);
        let lines: Vec<String> = d.facts.changed[0].slots.iter().map(slot_line).collect();
        assert_eq!(
            lines,
            [
                "signatories: +person:z -person:y",
                "status: proposed -> signed"
            ]
        );
        assert_eq!(d.counts.by_rule["mou-signed"].facts.changed, 1);
    }

    #[test]
    fn mentions_are_keyed_by_place_and_entity_and_get_context() {
        let fact_ev = vec![mention("a.txt", 0, SENTENCE, "r")];
        let old = file(
            vec![document("a.txt")],
            vec![entity(
                "country:JP",
                vec![mention("a.txt", 0, "Japan", "country:JP")],
            )],
            vec![fact("signed", &[], fact_ev.clone())],
        );
        let new = file(
            vec![document("a.txt")],
            vec![
                entity(
                    "country:JP",
                    vec![mention("a.txt", 0, "Japan", "country:JP")],
                ),
                entity(
                    "country:SA",
                    vec![mention("a.txt", 10, "Saudi Arabia", "country:SA")],
                ),
            ],
            vec![fact("signed", &[], fact_ev)],
        );
        let d = diff(&old, &new);
        assert_eq!(
            d.counts.mentions,
            Tally {
                added: 1,
                removed: 0
            }
        );
        assert_eq!(
            d.counts.entities,
            Tally {
                added: 1,
                removed: 0
            }
        );
        assert_eq!(d.counts.by_type["country"].mentions.added, 1);
        assert_eq!(d.counts.by_rule["country:SA"].mentions.added, 1);
        assert_eq!(
            d.mentions.added[0].context.as_deref(),
            Some("Japan and [Saudi Arabia] signed a memorandum on mining.")
        );
        // The same place under another entity is a removal and an addition.
        let moved = file(
            vec![document("a.txt")],
            vec![entity(
                "country:XX",
                vec![mention("a.txt", 0, "Japan", "x")],
            )],
            vec![],
        );
        let d = diff(&old, &moved);
        assert_eq!(
            d.counts.mentions,
            Tally {
                added: 1,
                removed: 1
            }
        );
        assert_eq!(d.counts.facts.removed, 1);
    }

    #[test]
    fn documents_and_evidence_only_changes_count() {
        let old = file(
            vec![document("a.txt")],
            vec![],
            vec![fact(
                "signed",
                &[],
                vec![mention("a.txt", 0, SENTENCE, "r1")],
            )],
        );
        let new = file(
            vec![document("b.txt")],
            vec![],
            vec![fact(
                "signed",
                &[],
                vec![
                    mention("a.txt", 0, SENTENCE, "r1"),
                    mention("a.txt", 60, "Another.", "r2"),
                ],
            )],
        );
        let d = diff(&old, &new);
        assert_eq!(
            d.counts.documents,
            Tally {
                added: 1,
                removed: 1
            }
        );
        assert_eq!(d.facts.changed[0].slots, vec![]);
        assert_eq!(d.facts.changed[0].evidence_added.len(), 1);
        let text = render_text(&d, Some(0));
        assert!(
            text.contains("\nfacts changed (1)\n  ... and 1 more\n"),
            "{text}"
        );
    }

    #[test]
    fn long_context_is_cut_to_forty_characters_a_side() {
        let long = format!("{}Japan{}", "x".repeat(50), "y".repeat(50));
        let k = file(
            vec![],
            vec![],
            vec![fact("signed", &[], vec![mention("a.txt", 100, &long, "r")])],
        );
        let c = Contexts::new([&k, &k]);
        let got = c.around(&mention("a.txt", 150, "Japan", "country:JP"));
        assert_eq!(
            got,
            Some(format!("...{}[Japan]{}...", "x".repeat(40), "y".repeat(40)))
        );
    }

    #[test]
    fn parse_rejects_other_json() {
        assert!(parse("{\"a\": 1}").is_err());
        assert!(parse("not json").is_err());
        let k = file(vec![document("a.txt")], vec![], vec![]);
        let text = serde_json::to_string_pretty(&k).unwrap();
        assert_eq!(parse(&text), Ok(k));
    }
}
