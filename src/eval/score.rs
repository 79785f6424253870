//! The arithmetic: gold against predictions, per article, summed over articles (micro).
//!
//! Input: [`Predictions`] and parsed gold ([`GoldDoc`]s, or [`LabelledLine`]s with a
//! [`LabelMap`]). Output: a [`Report`] of [`Counts`] per entity type (and level), per fact
//! type, per agreement slot, plus the misses and false positives.
//!
//! Matching rules, chosen so that a fact counts as found when its identity is right even
//! if its details are not (the details are scored separately):
//! - entities: by (document, id); predicted = a mention in the document;
//! - `agreement`: by kind and the set of parties; for matched pairs the signatories,
//!   minerals and regions are scored as sets, and the status by accuracy;
//! - `role`: by (person, affiliation); `based_in`: by (organization, country);
//! - any other fact type: by all its arguments;
//! - labels: per article and type, a label is found when any of its ids is predicted (a
//!   person label also by surname); precision counts only the predictions the label map
//!   can produce, and a `place` stands for the country in its `attributes.country`.
//!   The same counts are also summed over the articles whose label fields for the type
//!   are not empty ("labelled articles only"), beside, never instead of, the totals.
//!
//! Several facts of one document with the same key are matched as a multiset, paired in
//! order for the slot scores.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::gold::{GoldDoc, LabelledLine};
use super::labels::{Codomain, LabelMap, surname_matches};
use super::predicted::{DocPredictions, Predictions, id_type};
use super::report::{DocErrors, LabelledRow, Mode, Report, Row, Status, Top};
use super::{Level, Options};
use crate::rules::AttrValue;

/// Support counts; precision and recall have their own numerators because a label mapped to
/// several ids is found by any one of them, while each of them predicted is correct.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Counts {
    /// Gold items: entities, labels, facts or slot values.
    pub gold: u64,
    /// Gold items found: the recall numerator.
    pub found: u64,
    /// Predictions scored (with labels: those the map can produce).
    pub predicted: u64,
    /// Predictions that are gold: the precision numerator.
    pub correct: u64,
}

impl Counts {
    /// Counts for one set against another, where every match is one item both ways.
    pub(crate) fn sets<T: Ord>(gold: &BTreeSet<T>, predicted: &BTreeSet<T>) -> Counts {
        let both = gold.intersection(predicted).count() as u64;
        Counts {
            gold: gold.len() as u64,
            found: both,
            predicted: predicted.len() as u64,
            correct: both,
        }
    }

    pub(crate) fn add(&mut self, other: Counts) {
        self.gold += other.gold;
        self.found += other.found;
        self.predicted += other.predicted;
        self.correct += other.correct;
    }

    /// `None` when nothing was predicted.
    pub(crate) fn precision(&self) -> Option<f64> {
        (self.predicted > 0).then(|| self.correct as f64 / self.predicted as f64)
    }

    /// `None` when there is no gold.
    pub(crate) fn recall(&self) -> Option<f64> {
        (self.gold > 0).then(|| self.found as f64 / self.gold as f64)
    }

    /// `None` when there is neither gold nor prediction; an undefined precision or recall
    /// counts as 0 beside a defined one (nothing predicted for gold that exists scores 0).
    pub(crate) fn f1(&self) -> Option<f64> {
        let (p, r) = (self.precision(), self.recall());
        if p.is_none() && r.is_none() {
            return None;
        }
        let (p, r) = (p.unwrap_or(0.0), r.unwrap_or(0.0));
        Some(if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        })
    }
}

/// How often each id was missed or falsely predicted, per (type, level).
#[derive(Debug, Default)]
struct Tally {
    by: BTreeMap<(String, Level), Frequencies>,
}

/// Id (or label key) -> how many articles it was a false positive (or a miss) in.
#[derive(Debug, Default)]
struct Frequencies {
    false_positives: HashMap<String, u64>,
    misses: HashMap<String, u64>,
}

impl Tally {
    fn note<'a>(
        &mut self,
        etype: &str,
        level: Level,
        false_positives: impl IntoIterator<Item = &'a str>,
        misses: impl IntoIterator<Item = String>,
    ) {
        let f = self.by.entry((etype.to_string(), level)).or_default();
        for id in false_positives {
            *f.false_positives.entry(id.to_string()).or_default() += 1;
        }
        for key in misses {
            *f.misses.entry(key).or_default() += 1;
        }
    }

    fn top(self, n: usize) -> Vec<Top> {
        let ranked = |counts: HashMap<String, u64>| {
            let mut v: Vec<(String, u64)> = counts.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v.truncate(n);
            v
        };
        self.by
            .into_iter()
            .map(|((etype, level), f)| {
                Top::new(etype, level, ranked(f.false_positives), ranked(f.misses))
            })
            .collect()
    }
}

fn entity_rows(counts: &BTreeMap<(String, Level), Counts>) -> Vec<Row> {
    let mut rows: Vec<Row> = counts
        .iter()
        .map(|((t, level), c)| Row::new(t, Some(*level), *c))
        .collect();
    let levels: BTreeSet<Level> = counts.keys().map(|(_, l)| *l).collect();
    for level in levels {
        let mut all = Counts::default();
        for ((_, l), c) in counts {
            if *l == level {
                all.add(*c);
            }
        }
        rows.push(Row::new("all", Some(level), all));
    }
    rows
}

/// Scores a folder's gold documents; only documents with a gold file are scored.
pub(crate) fn score_folder(pred: &Predictions, docs: &[GoldDoc], options: &Options) -> Report {
    let mut report = Report::new(Mode::Folder);
    let empty = DocPredictions::default();
    let mut entities: BTreeMap<(String, Level), Counts> = BTreeMap::new();
    let mut tally = Tally::default();
    let mut facts = FactScore::default();
    for g in docs {
        report.documents.scored += 1;
        let doc = pred.doc(&g.doc).unwrap_or_else(|| {
            report.documents.missing.push(g.doc.clone());
            &empty
        });
        let gold_names: BTreeMap<&str, &str> = g
            .entities
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str()))
            .collect();
        let mut types: BTreeSet<&str> = gold_names.keys().map(|id| id_type(id)).collect();
        types.extend(doc.mentioned.iter().map(|id| id_type(id)));
        let mut errors = DocErrors::new(&g.doc, None);
        for etype in types {
            let gold: BTreeSet<&str> = gold_names
                .keys()
                .copied()
                .filter(|id| id_type(id) == etype)
                .collect();
            let predicted: BTreeSet<&str> = doc
                .mentioned
                .iter()
                .map(String::as_str)
                .filter(|id| id_type(id) == etype)
                .collect();
            entities
                .entry((etype.to_string(), Level::Any))
                .or_default()
                .add(Counts::sets(&gold, &predicted));
            let misses: Vec<&str> = gold.difference(&predicted).copied().collect();
            let fps: Vec<&str> = predicted.difference(&gold).copied().collect();
            tally.note(
                etype,
                Level::Any,
                fps.iter().copied(),
                misses.iter().map(|s| s.to_string()),
            );
            for id in misses {
                errors.missed(id, gold_names[id]);
            }
            for id in fps {
                errors.false_positive(id, pred.name(id).unwrap_or(""));
            }
        }
        let predicted_facts: Vec<FactView> = doc
            .facts
            .iter()
            .map(|&i| {
                let f = pred.fact(i);
                FactView::new(&f.ftype, &f.args, &f.attributes)
            })
            .collect();
        let gold_facts: Vec<FactView> = g
            .facts
            .iter()
            .map(|f| FactView::new(&f.ftype, &f.args, &f.attributes))
            .collect();
        facts.add(&gold_facts, &predicted_facts, &mut errors);
        if options.verbose && !errors.is_empty() {
            report.per_doc.push(errors);
        }
    }
    report.entities = entity_rows(&entities);
    report.top = if options.top > 0 {
        tally.top(options.top)
    } else {
        Vec::new()
    };
    facts.finish(&mut report);
    report
}

/// A fact of either side, reduced to what matching looks at.
struct FactView<'a> {
    ftype: &'a str,
    /// The matching key, also the way a miss is listed.
    key: String,
    args: &'a BTreeMap<String, AttrValue>,
    status: Option<&'a str>,
}

impl<'a> FactView<'a> {
    fn new(
        ftype: &'a str,
        args: &'a BTreeMap<String, AttrValue>,
        attributes: &'a BTreeMap<String, AttrValue>,
    ) -> Self {
        // One value as a rule, but a list written by hand still reads.
        let arg = |name: &str| set(args, name).into_iter().collect::<Vec<_>>().join(",");
        let key = match ftype {
            "agreement" => {
                let kind = attributes
                    .get("kind")
                    .and_then(|v| v.as_str())
                    .unwrap_or("?");
                let parties: BTreeSet<&str> = set(args, "parties");
                let parties: Vec<&str> = parties.into_iter().collect();
                format!("agreement {kind}: {}", parties.join(" + "))
            }
            "role" => format!("role {} -> {}", arg("person"), arg("affiliation")),
            "based_in" => format!("based_in {} -> {}", arg("organization"), arg("country")),
            _ => {
                let all: Vec<String> = args
                    .keys()
                    .map(|k| {
                        let values: Vec<&str> = set(args, k).into_iter().collect();
                        format!("{k}={}", values.join(","))
                    })
                    .collect();
                format!("{ftype} {}", all.join("; "))
            }
        };
        FactView {
            ftype,
            key,
            args,
            status: attributes.get("status").and_then(|v| v.as_str()),
        }
    }
}

/// An argument's values as a set; a missing argument is the empty set.
fn set<'a>(args: &'a BTreeMap<String, AttrValue>, name: &str) -> BTreeSet<&'a str> {
    args.get(name)
        .map(|v| v.values().iter().map(String::as_str).collect())
        .unwrap_or_default()
}

/// The agreement arguments scored as sets once an agreement is matched.
const SLOTS: [&str; 3] = ["signatories", "minerals", "regions"];

#[derive(Default)]
struct FactScore {
    by_type: BTreeMap<String, Counts>,
    slots: BTreeMap<&'static str, Counts>,
    status: Status,
}

impl FactScore {
    fn add(&mut self, gold: &[FactView], predicted: &[FactView], errors: &mut DocErrors) {
        let mut by_key: BTreeMap<&str, (Vec<&FactView>, Vec<&FactView>)> = BTreeMap::new();
        for f in gold {
            by_key.entry(&f.key).or_default().0.push(f);
        }
        for f in predicted {
            by_key.entry(&f.key).or_default().1.push(f);
        }
        for (key, (g, p)) in by_key {
            let ftype = g.first().or(p.first()).map_or("", |f| f.ftype);
            let matched = g.len().min(p.len());
            self.by_type
                .entry(ftype.to_string())
                .or_default()
                .add(Counts {
                    gold: g.len() as u64,
                    found: matched as u64,
                    predicted: p.len() as u64,
                    correct: matched as u64,
                });
            for _ in matched..g.len() {
                errors.missed_fact(key);
            }
            for _ in matched..p.len() {
                errors.false_fact(key);
            }
            if ftype != "agreement" {
                continue;
            }
            for (gf, pf) in g.iter().zip(&p) {
                for slot in SLOTS {
                    self.slots
                        .entry(slot)
                        .or_default()
                        .add(Counts::sets(&set(gf.args, slot), &set(pf.args, slot)));
                }
                self.status.matched += 1;
                if gf.status == pf.status {
                    self.status.correct += 1;
                }
            }
        }
    }

    fn finish(self, report: &mut Report) {
        report.facts = self
            .by_type
            .iter()
            .map(|(t, c)| Row::new(t, None, *c))
            .collect();
        if self.status.matched > 0 {
            report.agreement_slots = self
                .slots
                .iter()
                .map(|(s, c)| Row::new(s, None, *c))
                .collect();
            let s = self.status;
            report.agreement_status = Some(Status {
                accuracy: Some(s.correct as f64 / s.matched as f64),
                ..s
            });
        }
    }
}

/// Scores labelled articles one at a time, so that a large JSONL file is streamed.
pub(crate) struct LabelScorer<'a> {
    map: &'a LabelMap,
    pred: &'a Predictions,
    options: &'a Options,
    types: Vec<(String, Codomain)>,
    counts: BTreeMap<(String, Level), Counts>,
    /// The same counts over the articles labelled for the type only, with their number.
    labelled: BTreeMap<(String, Level), (u64, Counts)>,
    tally: Tally,
    report: Report,
}

impl<'a> LabelScorer<'a> {
    pub(crate) fn new(map: &'a LabelMap, pred: &'a Predictions, options: &'a Options) -> Self {
        let types = map
            .types()
            .into_iter()
            .map(|t| (t.to_string(), map.codomain(t)))
            .collect();
        LabelScorer {
            map,
            pred,
            options,
            types,
            counts: BTreeMap::new(),
            labelled: BTreeMap::new(),
            tally: Tally::default(),
            report: Report::new(Mode::Labels),
        }
    }

    pub(crate) fn add(&mut self, line: &LabelledLine) {
        let mapped = self.map.map(&line.labels);
        for (field, label) in mapped.unmapped {
            *self
                .report
                .unmapped_labels
                .entry(field)
                .or_default()
                .entry(label)
                .or_default() += 1;
        }
        self.report.documents.scored += 1;
        let pred = self.pred;
        let empty = DocPredictions::default();
        let doc = match pred.doc(&line.id) {
            Some(d) => d,
            None => {
                self.report.documents.missing.push(line.id.clone());
                &empty
            }
        };
        for &level in &self.options.levels {
            let mut errors = DocErrors::new(&line.id, Some(level));
            let at_level = match level {
                Level::Any => &doc.mentioned,
                Level::About => &doc.about,
            };
            for (etype, codomain) in &self.types {
                let predicted = Self::predicted(pred, at_level, etype);
                let items: Vec<_> = mapped.items.iter().filter(|i| &i.etype == etype).collect();
                let gold_ids: BTreeSet<&str> = items
                    .iter()
                    .flat_map(|i| i.ids.iter().map(String::as_str))
                    .collect();
                let names: Vec<&str> = if etype == "person" {
                    predicted.iter().filter_map(|id| pred.name(id)).collect()
                } else {
                    Vec::new()
                };
                let mut found = 0;
                let mut misses = Vec::new();
                for item in &items {
                    let by_id = item.ids.iter().any(|id| predicted.contains(id.as_str()));
                    let by_name =
                        etype == "person" && names.iter().any(|n| surname_matches(n, &item.label));
                    if by_id || by_name {
                        found += 1;
                    } else {
                        misses.push(item.key());
                        errors.missed(&item.key(), &item.label);
                    }
                }
                let scored: BTreeSet<&str> = predicted
                    .iter()
                    .copied()
                    .filter(|id| codomain.contains(id))
                    .collect();
                let fps: Vec<&str> = scored.difference(&gold_ids).copied().collect();
                for id in &fps {
                    errors.false_positive(id, pred.name(id).unwrap_or(""));
                }
                let counts = Counts {
                    gold: items.len() as u64,
                    found,
                    predicted: scored.len() as u64,
                    correct: (scored.len() - fps.len()) as u64,
                };
                self.counts
                    .entry((etype.clone(), level))
                    .or_default()
                    .add(counts);
                if self.map.labelled(&line.labels, etype) {
                    let (articles, sum) = self.labelled.entry((etype.clone(), level)).or_default();
                    *articles += 1;
                    sum.add(counts);
                }
                self.tally.note(etype, level, fps, misses);
            }
            if self.options.verbose && !errors.is_empty() {
                self.report.per_doc.push(errors);
            }
        }
    }

    /// The ids of `etype` among `ids`; a place stands for its country too, since an
    /// article datelined in a city is about that city's country for the editors.
    fn predicted<'b>(
        pred: &'b Predictions,
        ids: &'b BTreeSet<String>,
        etype: &str,
    ) -> BTreeSet<&'b str> {
        let mut out: BTreeSet<&str> = ids
            .iter()
            .map(String::as_str)
            .filter(|id| id_type(id) == etype)
            .collect();
        if etype == "country" {
            out.extend(
                ids.iter()
                    .filter(|id| id_type(id) == "place")
                    .filter_map(|id| pred.country_of(id)),
            );
        }
        out
    }

    pub(crate) fn finish(mut self) -> Report {
        self.report.entities = entity_rows(&self.counts);
        self.report.labelled_only = self
            .labelled
            .iter()
            .map(|((t, level), (articles, c))| LabelledRow {
                articles: *articles,
                row: Row::new(t, Some(*level), *c),
            })
            .collect();
        if self.options.top > 0 {
            self.report.top = self.tally.top(self.options.top);
        }
        self.report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::gold::{GoldEntity, GoldFact};
    use crate::eval::labels::LabelMap;
    use crate::output::format::{Document, Entity, Fact, Field, Generator, KnowledgeFile, Mention};
    use std::path::Path;

    /// A knowledge file built in code: entities mentioned once in each listed document.
    struct K(KnowledgeFile);

    impl K {
        fn new() -> K {
            K(KnowledgeFile {
                format: crate::output::format::FORMAT.into(),
                version: crate::output::format::VERSION,
                generator: Generator {
                    name: "test".into(),
                    version: "0".into(),
                    rules_digest: String::new(),
                },
                documents: Vec::new(),
                entities: Vec::new(),
                facts: Vec::new(),
                problems: Vec::new(),
            })
        }

        fn doc(mut self, id: &str, about: &[&str]) -> K {
            self.0.documents.push(Document {
                id: id.into(),
                source: id.into(),
                title: None,
                date: None,
                url: None,
                sha256: String::new(),
                chars: 0,
                about: about.iter().map(|s| s.to_string()).collect(),
            });
            self
        }

        fn entity(mut self, id: &str, name: &str, country: Option<&str>, docs: &[&str]) -> K {
            let attributes = country
                .map(|c| ("country".to_string(), AttrValue::One(c.into())))
                .into_iter()
                .collect();
            self.0.entities.push(Entity {
                id: id.into(),
                etype: id_type(id).into(),
                name: name.into(),
                ids: BTreeMap::new(),
                attributes,
                aliases: Vec::new(),
                mentions: docs.iter().map(|d| mention(d, name)).collect(),
            });
            self
        }

        fn fact(
            mut self,
            ftype: &str,
            args: &[(&str, &[&str])],
            attrs: &[(&str, &str)],
            doc: &str,
        ) -> K {
            self.0.facts.push(Fact {
                id: format!("{ftype}:{}", self.0.facts.len()),
                ftype: ftype.into(),
                args: args_of(args),
                attributes: attrs
                    .iter()
                    .map(|(k, v)| (k.to_string(), AttrValue::One(v.to_string())))
                    .collect(),
                evidence: vec![mention(doc, "sentence")],
            });
            self
        }

        fn build(self) -> Predictions {
            Predictions::new(self.0)
        }
    }

    fn mention(doc: &str, text: &str) -> Mention {
        Mention {
            doc: doc.into(),
            field: Field::Text,
            start: 0,
            end: text.chars().count(),
            text: text.into(),
            rule: "test".into(),
        }
    }

    /// One-valued arguments as `One`, as the extractor writes `person` or `country`.
    fn args_of(args: &[(&str, &[&str])]) -> BTreeMap<String, AttrValue> {
        args.iter()
            .map(|(k, v)| {
                let value = match v {
                    [one] => AttrValue::One(one.to_string()),
                    many => AttrValue::Many(many.iter().map(|s| s.to_string()).collect()),
                };
                (k.to_string(), value)
            })
            .collect()
    }

    fn gold(doc: &str, ids: &[&str], facts: Vec<GoldFact>) -> GoldDoc {
        GoldDoc {
            doc: doc.into(),
            entities: ids
                .iter()
                .map(|id| GoldEntity {
                    id: id.to_string(),
                    name: format!("name of {id}"),
                })
                .collect(),
            facts,
        }
    }

    fn gold_fact(ftype: &str, args: &[(&str, &[&str])], attrs: &[(&str, &str)]) -> GoldFact {
        GoldFact {
            ftype: ftype.into(),
            args: args
                .iter()
                .map(|(k, v)| {
                    (
                        k.to_string(),
                        AttrValue::Many(v.iter().map(|s| s.to_string()).collect()),
                    )
                })
                .collect(),
            attributes: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), AttrValue::One(v.to_string())))
                .collect(),
        }
    }

    fn options(levels: &[Level]) -> Options {
        Options {
            levels: levels.to_vec(),
            verbose: true,
            top: 5,
        }
    }

    fn row<'r>(rows: &'r [Row], name: &str, level: Option<Level>) -> &'r Row {
        rows.iter()
            .find(|r| r.name == name && r.level == level)
            .unwrap_or_else(|| panic!("no row {name} {level:?}"))
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-12)
    }

    #[test]
    fn counts_give_exact_ratios_and_none_when_undefined() {
        let c = Counts {
            gold: 4,
            found: 2,
            predicted: 3,
            correct: 2,
        };
        assert!(close(c.precision(), 2.0 / 3.0));
        assert!(close(c.recall(), 0.5));
        assert!(close(c.f1(), 4.0 / 7.0));
        let none = Counts::default();
        assert_eq!(
            (none.precision(), none.recall(), none.f1()),
            (None, None, None)
        );
        let unpredicted = Counts {
            gold: 3,
            ..Counts::default()
        };
        assert_eq!(unpredicted.precision(), None);
        assert!(close(unpredicted.f1(), 0.0));
    }

    #[test]
    fn folder_entities_are_matched_by_doc_and_id_per_type_and_micro_averaged() {
        let pred = K::new()
            .doc("a.txt", &[])
            .doc("b.txt", &[])
            .entity("country:AU", "Australia", None, &["a.txt"])
            .entity("country:CN", "China", None, &["a.txt"])
            .entity("mineral:lithium", "lithium", None, &["a.txt"])
            // Mentioned in another document only: neither found nor a false positive here.
            .entity("person:kent-masters", "Kent Masters", None, &["b.txt"])
            .build();
        let docs = [gold(
            "a.txt",
            &[
                "country:AU",
                "country:US",
                "mineral:lithium",
                "person:kent-masters",
            ],
            Vec::new(),
        )];
        let report = score_folder(&pred, &docs, &options(&[Level::Any]));
        let any = Some(Level::Any);
        let country = row(&report.entities, "country", any);
        assert_eq!(
            country.counts,
            Counts {
                gold: 2,
                found: 1,
                predicted: 2,
                correct: 1
            }
        );
        assert!(close(country.precision, 0.5) && close(country.recall, 0.5));
        let person = row(&report.entities, "person", any);
        assert_eq!((person.precision, person.recall), (None, Some(0.0)));
        let all = row(&report.entities, "all", any);
        assert!(close(all.precision, 2.0 / 3.0));
        assert!(close(all.recall, 0.5));
        assert!(close(all.f1, 4.0 / 7.0));
        let errors = &report.per_doc[0];
        let missed: Vec<&str> = errors.missed.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(missed, ["country:US", "person:kent-masters"]);
        assert_eq!(errors.missed[0].name, "name of country:US");
        assert_eq!(errors.false_positives[0].id, "country:CN");
        assert_eq!(errors.false_positives[0].name, "China");
    }

    #[test]
    fn a_gold_doc_missing_from_the_knowledge_file_is_all_missed() {
        let pred = K::new().doc("a.txt", &[]).build();
        let docs = [gold("gone.txt", &["country:JP", "mineral:tin"], Vec::new())];
        let report = score_folder(&pred, &docs, &options(&[Level::Any]));
        assert_eq!(report.documents.missing, ["gone.txt"]);
        let all = row(&report.entities, "all", Some(Level::Any));
        assert_eq!(
            all.counts,
            Counts {
                gold: 2,
                found: 0,
                predicted: 0,
                correct: 0
            }
        );
    }

    #[test]
    fn agreements_match_on_kind_and_the_set_of_parties_and_score_slots_when_matched() {
        let pred = K::new()
            .doc("a.txt", &[])
            .fact(
                "agreement",
                &[
                    ("parties", &["organization:b", "organization:a"]),
                    ("minerals", &["mineral:lithium", "mineral:nickel"]),
                ],
                &[("kind", "offtake"), ("status", "agreed")],
                "a.txt",
            )
            .fact(
                "agreement",
                &[("parties", &["organization:a", "organization:c"])],
                &[("kind", "offtake"), ("status", "signed")],
                "a.txt",
            )
            .fact(
                "role",
                &[
                    ("person", &["person:p"]),
                    ("affiliation", &["organization:a"]),
                ],
                &[("title", "chief")],
                "a.txt",
            )
            .fact(
                "based_in",
                &[
                    ("organization", &["organization:a"]),
                    ("country", &["country:US"]),
                ],
                &[],
                "a.txt",
            )
            // Evidence in another document: not a prediction for a.txt.
            .fact(
                "based_in",
                &[
                    ("organization", &["organization:a"]),
                    ("country", &["country:AU"]),
                ],
                &[],
                "b.txt",
            )
            .build();
        let facts = vec![
            gold_fact(
                "agreement",
                &[
                    ("parties", &["organization:a", "organization:b"]),
                    ("signatories", &["person:p"]),
                    ("minerals", &["mineral:lithium"]),
                    ("regions", &[]),
                ],
                &[("kind", "offtake"), ("status", "signed")],
            ),
            gold_fact(
                "agreement",
                &[("parties", &["organization:a", "organization:c"])],
                &[("kind", "acquisition"), ("status", "signed")],
            ),
            gold_fact(
                "role",
                &[
                    ("person", &["person:p"]),
                    ("affiliation", &["organization:a"]),
                ],
                &[("title", "CEO")],
            ),
            gold_fact(
                "based_in",
                &[
                    ("organization", &["organization:a"]),
                    ("country", &["country:AU"]),
                ],
                &[],
            ),
        ];
        let report = score_folder(&pred, &[gold("a.txt", &[], facts)], &options(&[Level::Any]));
        let agreement = row(&report.facts, "agreement", None);
        assert_eq!(
            agreement.counts,
            Counts {
                gold: 2,
                found: 1,
                predicted: 2,
                correct: 1
            }
        );
        let role = row(&report.facts, "role", None);
        assert_eq!(
            role.counts,
            Counts {
                gold: 1,
                found: 1,
                predicted: 1,
                correct: 1
            }
        );
        let based_in = row(&report.facts, "based_in", None);
        assert_eq!(
            based_in.counts,
            Counts {
                gold: 1,
                found: 0,
                predicted: 1,
                correct: 0
            }
        );
        assert!(close(based_in.f1, 0.0));
        let minerals = row(&report.agreement_slots, "minerals", None);
        assert!(close(minerals.precision, 0.5) && close(minerals.recall, 1.0));
        let signatories = row(&report.agreement_slots, "signatories", None);
        assert_eq!(
            (signatories.precision, signatories.recall),
            (None, Some(0.0))
        );
        let status = report.agreement_status.unwrap();
        assert_eq!((status.matched, status.correct), (1, 0));
        let errors = &report.per_doc[0];
        assert_eq!(
            errors.missed_facts,
            [
                "agreement acquisition: organization:a + organization:c",
                "based_in organization:a -> country:AU"
            ]
        );
        assert_eq!(
            errors.false_facts,
            [
                "agreement offtake: organization:a + organization:c",
                "based_in organization:a -> country:US"
            ]
        );
    }

    #[test]
    fn other_fact_types_match_on_all_their_arguments() {
        let pred = K::new()
            .doc("a.txt", &[])
            .fact(
                "stake",
                &[
                    ("holder", &["organization:a"]),
                    ("target", &["organization:b"]),
                ],
                &[],
                "a.txt",
            )
            .fact(
                "stake",
                &[
                    ("holder", &["organization:a"]),
                    ("target", &["organization:c"]),
                ],
                &[],
                "a.txt",
            )
            .build();
        let facts = vec![gold_fact(
            "stake",
            &[
                ("target", &["organization:b"]),
                ("holder", &["organization:a"]),
            ],
            &[],
        )];
        let report = score_folder(&pred, &[gold("a.txt", &[], facts)], &options(&[Level::Any]));
        let stake = row(&report.facts, "stake", None);
        assert_eq!(
            stake.counts,
            Counts {
                gold: 1,
                found: 1,
                predicted: 2,
                correct: 1
            }
        );
        assert_eq!(
            report.per_doc[0].false_facts,
            ["stake holder=organization:a; target=organization:c"]
        );
    }

    fn label_map() -> LabelMap {
        let mut m = LabelMap::default();
        m.add_str(
            Path::new("map.toml"),
            r#"
            [topics]
            copper = "mineral:copper"
            iron-steel = ["mineral:iron-ore", "mineral:steel"]
            [places_iso3166]
            "*" = "country:{}"
            [people]
            volcker = "person:paul-volcker"
            james-baker = "person:james-baker"
            "#,
        )
        .unwrap();
        m
    }

    fn line(id: &str, labels: &[(&str, &[&str])]) -> LabelledLine {
        LabelledLine {
            id: id.into(),
            labels: args_of(labels)
                .into_iter()
                .map(|(k, v)| (k, AttrValue::Many(v.values().to_vec())))
                .collect(),
        }
    }

    fn score_lines(pred: &Predictions, lines: &[LabelledLine], levels: &[Level]) -> Report {
        let map = label_map();
        let options = options(levels);
        let mut scorer = LabelScorer::new(&map, pred, &options);
        for l in lines {
            scorer.add(l);
        }
        scorer.finish()
    }

    #[test]
    fn a_label_mapped_to_a_list_is_found_by_any_id_and_unmapped_ids_are_not_scored() {
        let pred = K::new()
            .doc("r1", &[])
            .doc("r2", &[])
            .doc("r3", &[])
            .entity("mineral:steel", "steel", None, &["r1", "r2", "r3"])
            .entity("mineral:iron-ore", "iron ore", None, &["r2"])
            // No topic maps to cobalt in this map: outside the codomain, never scored.
            .entity("mineral:cobalt", "cobalt", None, &["r1", "r3"])
            .build();
        let lines = [
            line("r1", &[("topics", &["iron-steel", "earn"])]),
            line("r2", &[("topics", &["iron-steel", "copper"])]),
            line("r3", &[]),
        ];
        let report = score_lines(&pred, &lines, &[Level::Any]);
        let mineral = row(&report.entities, "mineral", Some(Level::Any));
        // r1: 1/1 found, steel correct; r2: 1/2 found (copper missed), both ids correct;
        // r3: steel predicted without a label, a false positive.
        assert_eq!(
            mineral.counts,
            Counts {
                gold: 3,
                found: 2,
                predicted: 4,
                correct: 3
            }
        );
        assert!(close(mineral.precision, 3.0 / 4.0));
        assert!(close(mineral.recall, 2.0 / 3.0));
        assert_eq!(report.unmapped_labels["topics"]["earn"], 1);
        let top = report.top.iter().find(|t| t.etype == "mineral").unwrap();
        assert_eq!(top.misses[0].id, "mineral:copper");
        assert_eq!(
            (
                top.false_positives[0].id.as_str(),
                top.false_positives[0].count
            ),
            ("mineral:steel", 1)
        );
    }

    #[test]
    fn labelled_rows_count_an_article_with_any_label_of_the_field_mapped_or_not() {
        let pred = K::new()
            .doc("r1", &[])
            .doc("r2", &[])
            .doc("r3", &[])
            .entity("mineral:copper", "copper", None, &["r1", "r2", "r3"])
            .build();
        let lines = [
            // Labelled, but with a topic the map does not score: copper is a false positive.
            line("r1", &[("topics", &["earn"])]),
            line("r2", &[("topics", &["copper"])]),
            // No topic at all: left out of the labelled rows only.
            line("r3", &[("places_iso3166", &["US"])]),
        ];
        let report = score_lines(&pred, &lines, &[Level::Any]);
        let all = row(&report.entities, "mineral", Some(Level::Any));
        assert_eq!((all.counts.predicted, all.counts.correct), (3, 1));
        let labelled = report
            .labelled_only
            .iter()
            .find(|r| r.row.name == "mineral")
            .unwrap();
        assert_eq!(labelled.articles, 2);
        assert_eq!(
            labelled.row.counts,
            Counts {
                gold: 1,
                found: 1,
                predicted: 2,
                correct: 1
            }
        );
        let country = report
            .labelled_only
            .iter()
            .find(|r| r.row.name == "country")
            .unwrap();
        assert_eq!(country.articles, 1);
    }

    #[test]
    fn a_place_predicts_its_country_at_both_levels() {
        let pred = K::new()
            .doc("r1", &["place:perth"])
            .entity("place:perth", "Perth", Some("AU"), &["r1"])
            .entity("country:US", "United States", None, &["r1"])
            .build();
        let lines = [line("r1", &[("places_iso3166", &["AU", "JP"])])];
        let report = score_lines(&pred, &lines, &[Level::Any, Level::About]);
        let any = row(&report.entities, "country", Some(Level::Any));
        assert_eq!(
            any.counts,
            Counts {
                gold: 2,
                found: 1,
                predicted: 2,
                correct: 1
            }
        );
        let about = row(&report.entities, "country", Some(Level::About));
        assert_eq!(
            about.counts,
            Counts {
                gold: 2,
                found: 1,
                predicted: 1,
                correct: 1
            }
        );
        assert!(close(about.precision, 1.0) && close(about.recall, 0.5));
    }

    #[test]
    fn a_person_label_is_found_by_surname_but_precision_counts_mapped_ids_only() {
        let pred = K::new()
            .doc("r1", &["person:james-baker"])
            // Not the mapped id, but the name ends with the label: found.
            .entity("person:paul-a-volcker", "Paul A. Volcker", None, &["r1"])
            .entity("person:james-baker", "James Baker", None, &["r1"])
            // Unlabelled, unmapped: not a false positive.
            .entity("person:someone-else", "Someone Else", None, &["r1"])
            .build();
        let lines = [line(
            "r1",
            &[("people", &["volcker", "james-baker", "lyng"])],
        )];
        let report = score_lines(&pred, &lines, &[Level::Any, Level::About]);
        let any = row(&report.entities, "person", Some(Level::Any));
        assert_eq!(
            any.counts,
            Counts {
                gold: 3,
                found: 2,
                predicted: 1,
                correct: 1
            }
        );
        assert!(close(any.recall, 2.0 / 3.0));
        let about = row(&report.entities, "person", Some(Level::About));
        assert_eq!(
            about.counts,
            Counts {
                gold: 3,
                found: 1,
                predicted: 1,
                correct: 1
            }
        );
        let missed: Vec<&str> = report.per_doc[0]
            .missed
            .iter()
            .map(|n| n.id.as_str())
            .collect();
        assert_eq!(missed, ["people:lyng"]);
    }

    #[test]
    fn an_article_absent_from_the_knowledge_file_is_counted_and_all_missed() {
        let pred = K::new().doc("r1", &[]).build();
        let lines = [line("r9", &[("topics", &["copper"])])];
        let report = score_lines(&pred, &lines, &[Level::Any]);
        assert_eq!(report.documents.missing, ["r9"]);
        let mineral = row(&report.entities, "mineral", Some(Level::Any));
        assert_eq!(
            mineral.counts,
            Counts {
                gold: 1,
                found: 0,
                predicted: 0,
                correct: 0
            }
        );
    }

    #[test]
    fn min_f1_lists_the_rows_with_gold_below_it() {
        let pred = K::new()
            .doc("a.txt", &[])
            .entity("country:AU", "Australia", None, &["a.txt"])
            .entity("mineral:tin", "tin", None, &["a.txt"])
            .build();
        let docs = [gold("a.txt", &["country:AU", "country:US"], Vec::new())];
        let mut report = score_folder(&pred, &docs, &options(&[Level::Any]));
        // country F1 = 2/3; mineral has no gold and is not checked; all = 1/2.
        assert!(report.check_min_f1(0.5).is_empty());
        assert_eq!(
            report.check_min_f1(0.7),
            [
                "entities country (any): F1 0.667 < 0.700",
                "entities all (any): F1 0.500 < 0.700"
            ]
        );
    }
}
