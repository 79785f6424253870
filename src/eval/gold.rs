//! Gold annotations, read.
//!
//! Input: a folder of gold files (`corpus/gold/*.json`, the format docs/corpus.md
//! describes), or a JSONL file of labelled articles (`{"id", "labels": {...}}` a line, other
//! fields ignored). Output: [`GoldDoc`]s, or [`LabelledLine`]s handed one at a time to a
//! callback so that a large file is never held whole; malformed units become
//! [`GoldProblem`]s (`file:line: message`) and the rest is read on.

use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::EvalError;
use crate::rules::AttrValue;

/// One article's gold: every entity it names and the facts it states.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct GoldDoc {
    /// The document id in the knowledge file: the path under the corpus folder, or the
    /// `id` of a JSONL line.
    pub doc: String,
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    #[serde(default)]
    pub facts: Vec<GoldFact>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct GoldEntity {
    pub id: String,
    /// One surface form from the text, shown next to a miss.
    #[serde(default)]
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct GoldFact {
    #[serde(rename = "type")]
    pub ftype: String,
    #[serde(default)]
    pub args: BTreeMap<String, AttrValue>,
    #[serde(default)]
    pub attributes: BTreeMap<String, AttrValue>,
}

/// One labelled article: its id and its label fields (`topics`, `places_iso3166`, ...).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct LabelledLine {
    pub id: String,
    #[serde(default)]
    pub labels: BTreeMap<String, AttrValue>,
}

/// A gold unit that could not be used: `file:line: message` (line 0: no position).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct GoldProblem {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for GoldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.file, self.message),
            n => write!(f, "{}:{n}: {}", self.file, self.message),
        }
    }
}

/// Reads every `*.json` file directly in `dir`, in name order. A file that is not valid
/// gold is a problem, not an error; a folder or file that cannot be read is an error.
pub(crate) fn read_folder(dir: &Path) -> Result<(Vec<GoldDoc>, Vec<GoldProblem>), EvalError> {
    let io = |source| EvalError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.extension().is_some_and(|e| e == "json") && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    let mut docs = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let text = super::read_to_string(&path)?;
        match parse_doc(&text) {
            Ok(doc) => docs.push(doc),
            Err(e) => problems.push(GoldProblem {
                file: path.display().to_string(),
                line: e.line(),
                message: e.to_string(),
            }),
        }
    }
    Ok((docs, problems))
}

pub(crate) fn parse_doc(text: &str) -> Result<GoldDoc, serde_json::Error> {
    serde_json::from_str(text)
}

/// `Ok(None)` for a blank line.
pub(crate) fn parse_line(line: &str) -> Result<Option<LabelledLine>, serde_json::Error> {
    if line.trim().is_empty() {
        return Ok(None);
    }
    serde_json::from_str(line).map(Some)
}

/// Streams `path` line by line, calling `each` on every labelled article; returns the
/// lines that were not one.
pub(crate) fn for_each_line(
    path: &Path,
    mut each: impl FnMut(LabelledLine),
) -> Result<Vec<GoldProblem>, EvalError> {
    let io = |source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut reader = BufReader::with_capacity(1 << 16, File::open(path).map_err(io)?);
    let mut problems = Vec::new();
    let mut buf = Vec::new();
    let mut number = 0;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf).map_err(io)? == 0 {
            break;
        }
        number += 1;
        let problem = |message: String| GoldProblem {
            file: path.display().to_string(),
            line: number,
            message,
        };
        // Bytes, not read_line: one line in a foreign encoding is a problem, not the end.
        match std::str::from_utf8(&buf) {
            Err(e) => problems.push(problem(format!("not UTF-8: {e}"))),
            Ok(text) => match parse_line(text) {
                Ok(Some(line)) => each(line),
                Ok(None) => {}
                Err(e) => problems.push(problem(e.to_string())),
            },
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gold_doc_reads_with_its_note_and_facts() {
        let doc = parse_doc(
            r#"{"doc": "a.txt", "note": "traps", "entities": [{"id": "country:JP", "name": "Japan"}],
                "facts": [{"type": "based_in", "args": {"organization": "organization:x", "country": "country:JP"}}]}"#,
        )
        .unwrap();
        assert_eq!(doc.doc, "a.txt");
        assert_eq!(doc.entities[0].id, "country:JP");
        assert_eq!(doc.facts[0].ftype, "based_in");
        assert!(doc.facts[0].attributes.is_empty());
    }

    #[test]
    fn a_labelled_line_ignores_the_article_fields() {
        let line = parse_line(
            r#"{"id": "r-1", "title": "T", "text": "x", "labels": {"topics": ["gold"], "people": []}}"#,
        )
        .unwrap()
        .unwrap();
        assert_eq!(line.id, "r-1");
        assert_eq!(line.labels["topics"].values(), ["gold"]);
        assert!(parse_line("  \n").unwrap().is_none());
    }

    #[test]
    fn malformed_lines_are_counted_with_their_number_and_the_rest_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gold.jsonl");
        std::fs::write(
            &path,
            b"{\"id\": \"a\", \"labels\": {}}\n{\"id\": \n\n{\"labels\": {}}\n\xff\n{\"id\": \"b\"}\n",
        )
        .unwrap();
        let mut ids = Vec::new();
        let problems = for_each_line(&path, |l| ids.push(l.id)).unwrap();
        assert_eq!(ids, ["a", "b"]);
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 4, 5]);
        assert!(
            problems[0]
                .to_string()
                .starts_with(&format!("{}:2: ", path.display()))
        );
    }

    #[test]
    fn a_folder_is_read_in_name_order_and_a_bad_file_is_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.json"), r#"{"doc": "b"}"#).unwrap();
        std::fs::write(dir.path().join("a.json"), r#"{"doc": "a"}"#).unwrap();
        std::fs::write(dir.path().join("c.json"), "{\n\"doc\": 3}").unwrap();
        std::fs::write(dir.path().join("notes.md"), "not gold").unwrap();
        let (docs, problems) = read_folder(dir.path()).unwrap();
        let names: Vec<&str> = docs.iter().map(|d| d.doc.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 2);
        assert!(problems[0].file.ends_with("c.json"));
    }
}
