//! Per-article results -> one merged, canonical, sorted knowledge graph.
//!
//! [`Knowledge`] is a value with a merge that is associative, commutative and idempotent,
//! with `Knowledge::default()` as identity: documents, entities and facts are keyed by
//! id, mentions and evidence are sets, and where two records of one key disagree (a
//! pattern entity's name written two ways) the choice is a fixed order, never "first
//! seen". That is what makes the output byte-identical at any thread count and lets
//! shards be merged later.

pub mod merge_files;

use std::collections::{BTreeMap, BTreeSet};

use crate::output::format::{
    self, ArticleLine, Document, Generator, KnowledgeFile, LineEntity, LineMention, Mention,
    Problem,
};
use crate::rules::AttrValue;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityRecord {
    pub etype: String,
    pub name: String,
    pub ids: BTreeMap<String, String>,
    pub attributes: BTreeMap<String, AttrValue>,
    pub mentions: BTreeSet<Mention>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FactRecord {
    pub ftype: String,
    pub args: BTreeMap<String, AttrValue>,
    pub attributes: BTreeMap<String, AttrValue>,
    pub evidence: BTreeSet<Mention>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Knowledge {
    pub documents: BTreeMap<String, Document>,
    pub entities: BTreeMap<String, EntityRecord>,
    pub facts: BTreeMap<String, FactRecord>,
    pub problems: BTreeSet<Problem>,
    /// Document ids used by more than one different article: every (sha256, source)
    /// seen. Reported as problems in the file; a set, so merging stays order-free.
    pub clashes: BTreeMap<String, BTreeSet<(String, String)>>,
    /// Candidates that lost to an overlapping mention: (doc, field, byte offset in the
    /// normalised field, rule). Not written to the knowledge file; per-rule statistics
    /// count them. A set, so merging stays order-free.
    pub overlapped: BTreeSet<(
        std::sync::Arc<str>,
        format::Field,
        usize,
        std::sync::Arc<str>,
    )>,
}

impl Knowledge {
    pub fn problem(&mut self, problem: Problem) {
        self.problems.insert(problem);
    }

    /// Folds `other` into `self`.
    pub fn merge(&mut self, other: Knowledge) {
        for (id, doc) in other.documents {
            match self.documents.get_mut(&id) {
                None => {
                    self.documents.insert(id, doc);
                }
                Some(mine) if *mine == doc => {}
                Some(mine) => {
                    let seen = self.clashes.entry(id).or_default();
                    seen.insert((mine.sha256.clone(), mine.source.clone()));
                    seen.insert((doc.sha256.clone(), doc.source.clone()));
                    // The whole document breaks ties: two versions with one text and
                    // source but another title must not be kept in arrival order.
                    if (&doc.sha256, &doc.source, &doc) < (&mine.sha256, &mine.source, &*mine) {
                        *mine = doc;
                    }
                }
            }
        }
        for (id, versions) in other.clashes {
            self.clashes.entry(id).or_default().extend(versions);
        }
        self.overlapped.extend(other.overlapped);
        for (id, e) in other.entities {
            match self.entities.get_mut(&id) {
                None => {
                    self.entities.insert(id, e);
                }
                Some(mine) => {
                    if name_rank(&e.name) < name_rank(&mine.name) {
                        mine.name = e.name;
                    }
                    merge_map(&mut mine.ids, e.ids);
                    merge_attrs(&mut mine.attributes, e.attributes);
                    mine.mentions.extend(e.mentions);
                }
            }
        }
        for (id, f) in other.facts {
            match self.facts.get_mut(&id) {
                None => {
                    self.facts.insert(id, f);
                }
                Some(mine) => {
                    merge_attrs(&mut mine.args, f.args);
                    merge_attrs(&mut mine.attributes, f.attributes);
                    mine.evidence.extend(f.evidence);
                }
            }
        }
        self.problems.extend(other.problems);
    }

    /// How many candidates of each rule lost to an overlapping mention.
    pub fn overlapped_by_rule(&self) -> BTreeMap<String, usize> {
        let mut out = BTreeMap::new();
        for (_, _, _, rule) in &self.overlapped {
            *out.entry(rule.to_string()).or_default() += 1;
        }
        out
    }

    /// Turns the clashes of document ids into problems (as the knowledge file states them).
    pub(crate) fn clash_problems(&mut self) {
        for (id, versions) in std::mem::take(&mut self.clashes) {
            let sources: BTreeSet<&String> = versions.iter().map(|(_, s)| s).collect();
            let list: Vec<&str> = sources.iter().map(|s| s.as_str()).collect();
            self.problems.insert(Problem {
                source: list.first().map_or(String::new(), |s| s.to_string()),
                line: None,
                message: format!(
                    "document id \"{id}\" is used by {} different articles ({}); one is listed, the mentions of all are kept",
                    versions.len(),
                    list.join(", ")
                ),
            });
        }
    }

    pub fn into_file(mut self, generator: Generator) -> KnowledgeFile {
        self.clash_problems();
        KnowledgeFile {
            format: format::FORMAT.to_string(),
            version: format::VERSION,
            generator,
            documents: self.documents.into_values().collect(),
            entities: self
                .entities
                .into_iter()
                .map(|(id, e)| {
                    let aliases: BTreeSet<String> = e
                        .mentions
                        .iter()
                        .map(|m| collapse_space(&m.text))
                        .filter(|t| *t != e.name)
                        .collect();
                    format::Entity {
                        id,
                        etype: e.etype,
                        name: e.name,
                        ids: e.ids,
                        attributes: e.attributes,
                        aliases: aliases.into_iter().collect(),
                        mentions: e.mentions.into_iter().collect(),
                    }
                })
                .collect(),
            facts: self
                .facts
                .into_iter()
                .map(|(id, f)| format::Fact {
                    id,
                    ftype: f.ftype,
                    args: f.args,
                    attributes: f.attributes,
                    evidence: f.evidence.into_iter().collect(),
                })
                .collect(),
            problems: self.problems.into_iter().collect(),
        }
    }

    pub fn from_file(file: KnowledgeFile) -> Knowledge {
        let mut k = Knowledge::default();
        for d in file.documents {
            k.merge(Knowledge {
                documents: BTreeMap::from([(d.id.clone(), d)]),
                ..Knowledge::default()
            });
        }
        for e in file.entities {
            k.merge(Knowledge {
                entities: BTreeMap::from([(
                    e.id,
                    EntityRecord {
                        etype: e.etype,
                        name: e.name,
                        ids: e.ids,
                        attributes: e.attributes,
                        mentions: e.mentions.into_iter().collect(),
                    },
                )]),
                ..Knowledge::default()
            });
        }
        for f in file.facts {
            k.merge(Knowledge {
                facts: BTreeMap::from([(
                    f.id,
                    FactRecord {
                        ftype: f.ftype,
                        args: f.args,
                        attributes: f.attributes,
                        evidence: f.evidence.into_iter().collect(),
                    },
                )]),
                ..Knowledge::default()
            });
        }
        k.problems.extend(file.problems);
        k
    }

    /// The JSONL line of a knowledge value that holds one article's results.
    pub fn to_line(&self, id: Option<String>) -> ArticleLine {
        let document = self.documents.values().next().cloned();
        let mut mentions: Vec<LineMention> = Vec::new();
        let entities = self
            .entities
            .iter()
            .map(|(eid, e)| {
                mentions.extend(e.mentions.iter().map(|m| LineMention {
                    entity: eid.clone(),
                    field: m.field,
                    start: m.start,
                    end: m.end,
                    text: m.text.clone(),
                    rule: m.rule.clone(),
                }));
                LineEntity {
                    id: eid.clone(),
                    etype: e.etype.clone(),
                    name: e.name.clone(),
                    ids: e.ids.clone(),
                    attributes: e.attributes.clone(),
                }
            })
            .collect();
        mentions.sort_by(|a, b| {
            (a.field, a.start, a.end, &a.entity).cmp(&(b.field, b.start, b.end, &b.entity))
        });
        let facts = self
            .facts
            .iter()
            .map(|(fid, f)| format::Fact {
                id: fid.clone(),
                ftype: f.ftype.clone(),
                args: f.args.clone(),
                attributes: f.attributes.clone(),
                evidence: f.evidence.iter().cloned().collect(),
            })
            .collect();
        ArticleLine {
            id: id.or_else(|| document.as_ref().map(|d| d.id.clone())),
            ok: true,
            document,
            entities: Some(entities),
            mentions: Some(mentions),
            facts: Some(facts),
            problems: (!self.problems.is_empty()).then(|| self.problems.iter().cloned().collect()),
            error: None,
            rules_digest: None,
        }
    }

    /// The knowledge value of a JSONL line (the inverse of [`Knowledge::to_line`]).
    pub fn from_line(line: ArticleLine) -> Knowledge {
        let mut k = Knowledge::default();
        let doc_id = line
            .document
            .as_ref()
            .map(|d| d.id.clone())
            .or(line.id.clone());
        if let Some(d) = line.document {
            k.documents.insert(d.id.clone(), d);
        }
        let doc: std::sync::Arc<str> = doc_id.unwrap_or_default().into();
        for e in line.entities.unwrap_or_default() {
            k.entities.insert(
                e.id,
                EntityRecord {
                    etype: e.etype,
                    name: e.name,
                    ids: e.ids,
                    attributes: e.attributes,
                    mentions: BTreeSet::new(),
                },
            );
        }
        for m in line.mentions.unwrap_or_default() {
            let entry = k.entities.entry(m.entity).or_default();
            entry.mentions.insert(Mention {
                doc: doc.clone(),
                field: m.field,
                start: m.start,
                end: m.end,
                text: m.text,
                rule: m.rule,
            });
        }
        for f in line.facts.unwrap_or_default() {
            k.facts.insert(
                f.id,
                FactRecord {
                    ftype: f.ftype,
                    args: f.args,
                    attributes: f.attributes,
                    evidence: f.evidence.into_iter().collect(),
                },
            );
        }
        k.problems.extend(line.problems.unwrap_or_default());
        k
    }
}

/// Keys missing in `mine` are taken from `other`; on a clash the smaller value wins, so
/// the result does not depend on merge order.
fn merge_map<V: Ord>(mine: &mut BTreeMap<String, V>, other: BTreeMap<String, V>) {
    for (k, v) in other {
        match mine.get_mut(&k) {
            None => {
                mine.insert(k, v);
            }
            Some(old) => {
                if v < *old {
                    *old = v;
                }
            }
        }
    }
}

/// Attribute and argument values merge as sets: two articles naming different
/// signatories of one agreement add up, and two different single values become a list of
/// both. A value is a list when either side was one or the union holds several values;
/// that makes the merge associative, commutative and idempotent.
fn merge_attrs(mine: &mut BTreeMap<String, AttrValue>, other: BTreeMap<String, AttrValue>) {
    for (k, v) in other {
        match mine.get_mut(&k) {
            None => {
                mine.insert(k, v);
            }
            // Equal values stay as written: a gazetteer list in its own order
            // (["us", "eu", "jp"]) merged with itself must not come back sorted, or
            // merging a file with itself would change it.
            Some(old) if *old == v => {}
            Some(old) => {
                let list = matches!(old, AttrValue::Many(_)) || matches!(v, AttrValue::Many(_));
                let set: BTreeSet<String> =
                    old.values().iter().chain(v.values()).cloned().collect();
                *old = if list || set.len() > 1 {
                    AttrValue::Many(set.into_iter().collect())
                } else {
                    AttrValue::One(set.into_iter().next().unwrap_or_default())
                };
            }
        }
    }
}

/// Which of two spellings of a name to show: one not in capitals ("Ken Saito", not
/// "KEN SAITO" from a wire headline), then the lexically smallest.
fn name_rank(name: &str) -> (bool, &str) {
    let shouting = name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase);
    (shouting, name)
}

pub(crate) fn collapse_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
