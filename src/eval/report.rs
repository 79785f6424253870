//! The evaluation's result, and its two renderings: an aligned table for people, JSON for
//! machines.
//!
//! Input: a [`Report`] built by `score`. Output: text on a writer, or a JSON string whose
//! structure is (`null` where a ratio is undefined, 0/0):
//!
//! ```json
//! {
//!   "mode": "folder",                      // or "labels" (a JSONL gold file)
//!   "documents": {"scored": 45, "missing": ["doc ids absent from the knowledge file"],
//!                 "malformed": 0},         // gold files or lines that could not be read
//!   "entities": [{"type": "country", "level": "any", "gold": 183, "found": 160,
//!                 "predicted": 175, "correct": 160,
//!                 "precision": 0.914, "recall": 0.874, "f1": 0.894}, ...,
//!                {"type": "all", "level": "any", ...}],           // micro-average
//!   "labelled_only": [{"type": "mineral", "level": "about",        // labels only, beside
//!                      "articles": 10377, "gold": 320, ...}],     // "entities" (below)
//!   "facts": [{"type": "agreement", "gold": 97, ...}],            // gold folder only
//!   "agreement_slots": [{"type": "minerals", ...}],               // over matched agreements
//!   "agreement_status": {"matched": 40, "correct": 30, "accuracy": 0.75},
//!   "unmapped_labels": {"topics": {"earn": 2709}},                // labels: not scored
//!   "top": [{"type": "mineral", "level": "any",                    // with --top N
//!            "false_positives": [{"id": "mineral:gold", "count": 9}], "misses": [...]}],
//!   "per_doc": [{"doc": "a.txt", "level": "any",                   // with --verbose
//!                "missed": [{"id": "...", "name": "..."}], "false_positives": [...],
//!                "missed_facts": ["agreement offtake: a + b"], "false_facts": [...]}],
//!   "problems": [{"file": "gold.jsonl", "line": 7, "message": "..."}],
//!   "below_min_f1": ["entities person (any): F1 0.412 < 0.500"]   // with --min-f1
//! }
//! ```
//!
//! `found` and `correct` differ only with labels: a label mapped to several ids is found
//! once by any of them, while each of them predicted is correct.
//!
//! `labelled_only` (labels only, absent otherwise) repeats the entity rows over the
//! `articles` whose label fields for the type hold any value, mapped or not. Newswire
//! editors leave many articles with no label of a field at all (a gold price report with
//! no topic), and every mineral such an article names counts as a false positive in
//! `entities`; these rows show the precision on the articles the editors did label. They
//! have no `all` row, since each type has its own subset, and `--min-f1` does not look at
//! them.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::Level;
use super::gold::GoldProblem;
use super::score::Counts;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Mode {
    /// A folder of gold files.
    Folder,
    /// A JSONL file of labelled articles.
    Labels,
}

#[derive(Debug, Serialize)]
pub(crate) struct Report {
    pub mode: Mode,
    pub documents: Documents,
    pub entities: Vec<Row>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labelled_only: Vec<LabelledRow>,
    pub facts: Vec<Row>,
    pub agreement_slots: Vec<Row>,
    pub agreement_status: Option<Status>,
    pub unmapped_labels: BTreeMap<String, BTreeMap<String, u64>>,
    pub top: Vec<Top>,
    pub per_doc: Vec<DocErrors>,
    pub problems: Vec<GoldProblem>,
    pub below_min_f1: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
pub(crate) struct Documents {
    /// Gold documents scored, including the missing ones (scored as all missed).
    pub scored: u64,
    /// Gold documents absent from the knowledge file.
    pub missing: Vec<String>,
    /// Gold files or lines that could not be read (listed in `problems`).
    pub malformed: u64,
}

/// One line of a score table.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Row {
    /// The entity type, fact type or agreement slot; `all` for the micro-average.
    #[serde(rename = "type")]
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    #[serde(flatten)]
    pub counts: Counts,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
}

impl Row {
    pub(crate) fn new(name: &str, level: Option<Level>, counts: Counts) -> Row {
        Row {
            name: name.to_string(),
            level,
            counts,
            precision: counts.precision(),
            recall: counts.recall(),
            f1: counts.f1(),
        }
    }
}

/// An entity row over the articles labelled for its type only.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LabelledRow {
    #[serde(flatten)]
    pub row: Row,
    /// How many articles have a label in a field of this type.
    pub articles: u64,
}

#[derive(Debug, Default, Clone, Copy, Serialize)]
pub(crate) struct Status {
    /// Matched agreement pairs.
    pub matched: u64,
    /// Of those, the ones whose status is the gold status.
    pub correct: u64,
    pub accuracy: Option<f64>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Top {
    #[serde(rename = "type")]
    pub etype: String,
    pub level: Level,
    pub false_positives: Vec<Ranked>,
    pub misses: Vec<Ranked>,
}

impl Top {
    pub(crate) fn new(
        etype: String,
        level: Level,
        false_positives: Vec<(String, u64)>,
        misses: Vec<(String, u64)>,
    ) -> Top {
        let ranked = |v: Vec<(String, u64)>| {
            v.into_iter()
                .map(|(id, count)| Ranked { id, count })
                .collect()
        };
        Top {
            etype,
            level,
            false_positives: ranked(false_positives),
            misses: ranked(misses),
        }
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct Ranked {
    pub id: String,
    pub count: u64,
}

/// One document's misses and false positives (with `--verbose`).
#[derive(Debug, Serialize)]
pub(crate) struct DocErrors {
    pub doc: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    pub missed: Vec<Named>,
    pub false_positives: Vec<Named>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missed_facts: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub false_facts: Vec<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Named {
    pub id: String,
    pub name: String,
}

impl DocErrors {
    pub(crate) fn new(doc: &str, level: Option<Level>) -> DocErrors {
        DocErrors {
            doc: doc.to_string(),
            level,
            missed: Vec::new(),
            false_positives: Vec::new(),
            missed_facts: Vec::new(),
            false_facts: Vec::new(),
        }
    }

    pub(crate) fn missed(&mut self, id: &str, name: &str) {
        self.missed.push(Named {
            id: id.to_string(),
            name: name.to_string(),
        });
    }

    pub(crate) fn false_positive(&mut self, id: &str, name: &str) {
        self.false_positives.push(Named {
            id: id.to_string(),
            name: name.to_string(),
        });
    }

    pub(crate) fn missed_fact(&mut self, key: &str) {
        self.missed_facts.push(key.to_string());
    }

    pub(crate) fn false_fact(&mut self, key: &str) {
        self.false_facts.push(key.to_string());
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.missed.is_empty()
            && self.false_positives.is_empty()
            && self.missed_facts.is_empty()
            && self.false_facts.is_empty()
    }
}

impl Report {
    pub(crate) fn new(mode: Mode) -> Report {
        Report {
            mode,
            documents: Documents::default(),
            entities: Vec::new(),
            labelled_only: Vec::new(),
            facts: Vec::new(),
            agreement_slots: Vec::new(),
            agreement_status: None,
            unmapped_labels: BTreeMap::new(),
            top: Vec::new(),
            per_doc: Vec::new(),
            problems: Vec::new(),
            below_min_f1: Vec::new(),
        }
    }

    pub(crate) fn set_problems(&mut self, problems: Vec<GoldProblem>) {
        self.documents.malformed = problems.len() as u64;
        self.problems = problems;
    }

    /// Every reported F1 below `min`, described; also kept in the report. Only rows with
    /// gold count: a type the gold never has has no recall to fall short of.
    pub(crate) fn check_min_f1(&mut self, min: f64) -> &[String] {
        let mut below = Vec::new();
        let rows = self
            .entities
            .iter()
            .map(|r| ("entities", r))
            .chain(self.facts.iter().map(|r| ("facts", r)));
        for (what, row) in rows {
            let Some(f1) = row.f1 else { continue };
            if row.counts.gold > 0 && f1 < min {
                let level = row.level.map(|l| format!(" ({l})")).unwrap_or_default();
                below.push(format!("{what} {}{level}: F1 {f1:.3} < {min:.3}", row.name));
            }
        }
        self.below_min_f1 = below;
        &self.below_min_f1
    }

    pub(crate) fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report serializes")
    }

    pub(crate) fn write_table(&self, out: &mut impl Write) -> io::Result<()> {
        let unit = match self.mode {
            Mode::Folder => "gold files",
            Mode::Labels => "gold lines",
        };
        writeln!(
            out,
            "documents: {} scored, {} missing from the knowledge file, {} malformed {unit}",
            self.documents.scored,
            self.documents.missing.len(),
            self.documents.malformed
        )?;
        writeln!(out)?;
        let rows: Vec<Vec<String>> = self.entities.iter().map(entity_cells).collect();
        table(
            out,
            &[
                "entities", "level", "P", "R", "F1", "gold", "found", "pred", "correct",
            ],
            2,
            &rows,
        )?;
        if !self.labelled_only.is_empty() {
            writeln!(out)?;
            writeln!(
                out,
                "labelled articles only: the same, over the articles with a label in a field of the type"
            )?;
            let rows: Vec<Vec<String>> = self
                .labelled_only
                .iter()
                .map(|r| {
                    let mut cells = entity_cells(&r.row);
                    cells.insert(2, r.articles.to_string());
                    cells
                })
                .collect();
            table(
                out,
                &[
                    "entities", "level", "articles", "P", "R", "F1", "gold", "found", "pred",
                    "correct",
                ],
                2,
                &rows,
            )?;
        }
        if !self.facts.is_empty() {
            writeln!(out)?;
            table(
                out,
                &["facts", "P", "R", "F1", "gold", "pred", "matched"],
                1,
                &short_rows(&self.facts),
            )?;
        }
        if !self.agreement_slots.is_empty() {
            writeln!(out)?;
            table(
                out,
                &["agreement slots", "P", "R", "F1", "gold", "pred", "correct"],
                1,
                &short_rows(&self.agreement_slots),
            )?;
        }
        if let Some(s) = &self.agreement_status {
            writeln!(
                out,
                "agreement status: {}/{} correct ({})",
                s.correct,
                s.matched,
                ratio(s.accuracy)
            )?;
        }
        if !self.unmapped_labels.is_empty() {
            writeln!(out)?;
            let fields: Vec<String> = self
                .unmapped_labels
                .iter()
                .map(|(field, labels)| {
                    format!(
                        "{field} {} ({} values)",
                        labels.values().sum::<u64>(),
                        labels.len()
                    )
                })
                .collect();
            writeln!(out, "labels not mapped (not scored): {}", fields.join(", "))?;
        }
        for top in &self.top {
            writeln!(out)?;
            writeln!(out, "{} ({})", top.etype, top.level)?;
            for (what, list) in [
                ("false positives", &top.false_positives),
                ("misses", &top.misses),
            ] {
                writeln!(
                    out,
                    "  {what}:{}",
                    if list.is_empty() { " none" } else { "" }
                )?;
                for r in list {
                    writeln!(out, "    {:>6}  {}", r.count, r.id)?;
                }
            }
        }
        for d in &self.per_doc {
            writeln!(out)?;
            match d.level {
                Some(level) => writeln!(out, "{} ({level})", d.doc)?,
                None => writeln!(out, "{}", d.doc)?,
            }
            for n in &d.missed {
                writeln!(out, "  missed          {}  {}", n.id, n.name)?;
            }
            for n in &d.false_positives {
                writeln!(out, "  false positive  {}  {}", n.id, n.name)?;
            }
            for k in &d.missed_facts {
                writeln!(out, "  missed fact     {k}")?;
            }
            for k in &d.false_facts {
                writeln!(out, "  false fact      {k}")?;
            }
        }
        Ok(())
    }
}

/// Name, level, ratios and counts of an entity row.
fn entity_cells(r: &Row) -> Vec<String> {
    let mut cells = vec![
        r.name.clone(),
        r.level.map(|l| l.to_string()).unwrap_or_default(),
    ];
    cells.extend(ratios(r));
    cells.extend(
        [
            r.counts.gold,
            r.counts.found,
            r.counts.predicted,
            r.counts.correct,
        ]
        .map(|n| n.to_string()),
    );
    cells
}

fn ratio(r: Option<f64>) -> String {
    r.map_or_else(|| "-".to_string(), |r| format!("{r:.3}"))
}

fn ratios(r: &Row) -> [String; 3] {
    [ratio(r.precision), ratio(r.recall), ratio(r.f1)]
}

/// Rows whose found and correct are the same count (facts, slots).
fn short_rows(rows: &[Row]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            let mut cells = vec![r.name.clone()];
            cells.extend(ratios(r));
            cells.extend(
                [r.counts.gold, r.counts.predicted, r.counts.correct].map(|n| n.to_string()),
            );
            cells
        })
        .collect()
}

/// Columns before `left` are left-aligned (names), the others right-aligned (numbers).
fn table(
    out: &mut impl Write,
    header: &[&str],
    left: usize,
    rows: &[Vec<String>],
) -> io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    for row in std::iter::once(&header).chain(rows) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, &w))| {
                if i < left {
                    format!("{cell:<w$}")
                } else {
                    format!("{cell:>w$}")
                }
            })
            .collect();
        writeln!(out, "{}", cells.join("  ").trim_end())?;
    }
    Ok(())
}
