//! Knowledge files and per-article JSONL lines -> one knowledge file: what
//! `newsfacts merge` does after sharded or streamed runs.
//!
//! Input: parsed knowledge files and [`ArticleLine`]s, in any order and grouping.
//! Output: one [`KnowledgeFile`], or a refusal when the inputs were made with different
//! rules. The contents merge through [`Knowledge::merge`]; this module adds the
//! generator, which must merge as lawfully as the rest:
//!
//! - each of `name`, `version`, `rules_digest` is the set of the inputs' values, written
//!   sorted and joined by `", "` (one value when all agree, which is the normal case), and
//!   read back by splitting, so a merged file merges again like its parts;
//! - an input with no content (no document, entity, fact or problem) adds nothing to
//!   the generator unless no input has content: so the empty file of a run is the
//!   identity of every file, and the empty file of any run one of every file with
//!   content;
//! - a JSONL line carries only `rules_digest`; for it, the name and version are this
//!   program's.
//!
//! With these, merging is associative, commutative and idempotent on files as on
//! [`Knowledge`], and merging the outputs of the shards of a corpus gives the bytes of a
//! single run (`tests/merge.rs`, `tests/merge_laws.rs`).
//!
//! Known limit: a knowledge file keeps one document per id and states a clash of ids as
//! a problem without the clashing versions, so a file cannot say which versions it saw.
//! With three or more different articles under one id spread over several inputs, the
//! merge keeps the same document but words the clash as several problems where a single
//! run writes one; with two versions per id everything above holds.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Deserialize;

use super::Knowledge;
use crate::output::format::{self, ArticleLine, Generator, KnowledgeFile};

/// How the values of one generator field are joined when inputs differ.
const JOIN: &str = ", ";

const NAME: &str = "newsfacts";
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What a merge input holds, decided by its content rather than its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One knowledge file, pretty-printed over many lines.
    KnowledgeFile,
    /// One knowledge file on one line.
    KnowledgeLine,
    /// `--format jsonl` lines, one article each.
    Lines,
}

/// Tells a knowledge file from JSONL lines by the first non-blank line of the input: a
/// knowledge file either opens with a bare `{` (pretty-printed) or is one object with
/// `"format"`; a JSONL line is a complete object without it.
pub fn sniff(first_line: &str) -> Kind {
    #[derive(Deserialize)]
    struct Probe {
        #[serde(default)]
        format: Option<serde::de::IgnoredAny>,
    }
    match serde_json::from_str::<Probe>(first_line) {
        Ok(Probe { format: Some(_) }) => Kind::KnowledgeLine,
        Ok(Probe { format: None }) => Kind::Lines,
        Err(_) => Kind::KnowledgeFile,
    }
}

/// Why inputs were not merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeError {
    /// A knowledge file of another format or version.
    Format {
        origin: String,
        format: String,
        version: u32,
    },
    /// Inputs made with different rules, and mixing was not allowed: each digest with
    /// the inputs that carry it.
    MixedRules(BTreeMap<String, BTreeSet<String>>),
}

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MergeError::Format {
                origin,
                format,
                version,
            } => write!(
                f,
                "{origin}: format \"{format}\" version {version}; this program merges \"{}\" version {}",
                format::FORMAT,
                format::VERSION
            ),
            MergeError::MixedRules(digests) => {
                writeln!(f, "the inputs were made with different rules:")?;
                for (digest, origins) in digests {
                    let list: Vec<&str> = origins.iter().map(String::as_str).collect();
                    writeln!(f, "  {digest}: {}", list.join(", "))?;
                }
                write!(
                    f,
                    "merge outputs of one rule pack, or pass --allow-mixed-rules to merge them anyway"
                )
            }
        }
    }
}

impl std::error::Error for MergeError {}

/// The generator values seen, as sets.
#[derive(Debug, Default)]
struct Generators {
    names: BTreeSet<String>,
    versions: BTreeSet<String>,
    /// Each rules digest with the inputs that carry it (for the refusal message).
    digests: BTreeMap<String, BTreeSet<String>>,
}

impl Generators {
    fn add(&mut self, origin: &str, name: &str, version: &str, digest: Option<&str>) {
        self.names.extend(split(name));
        self.versions.extend(split(version));
        for d in digest.map(split).unwrap_or_default() {
            self.digests
                .entry(d)
                .or_default()
                .insert(origin.to_string());
        }
    }

    fn is_empty(&self) -> bool {
        self.names.is_empty() && self.versions.is_empty() && self.digests.is_empty()
    }
}

/// Inputs folded so far.
#[derive(Debug, Default)]
pub struct Merger {
    knowledge: Knowledge,
    /// The generators of inputs with content.
    full: Generators,
    /// The generators of inputs without content: used only when no input has any.
    empty: Generators,
}

impl Merger {
    pub fn new() -> Merger {
        Merger::default()
    }

    /// Adds one knowledge file; `origin` names it in messages.
    pub fn add_file(&mut self, origin: &str, file: KnowledgeFile) -> Result<(), MergeError> {
        if file.format != format::FORMAT || file.version != format::VERSION {
            return Err(MergeError::Format {
                origin: origin.to_string(),
                format: file.format,
                version: file.version,
            });
        }
        let has_content = !(file.documents.is_empty()
            && file.entities.is_empty()
            && file.facts.is_empty()
            && file.problems.is_empty());
        let g = &file.generator;
        let target = if has_content {
            &mut self.full
        } else {
            &mut self.empty
        };
        target.add(origin, &g.name, &g.version, Some(&g.rules_digest));
        if has_content {
            self.knowledge.merge(Knowledge::from_file(file));
        }
        Ok(())
    }

    /// Adds one JSONL line; `origin` names its file in messages.
    pub fn add_line(&mut self, origin: &str, line: ArticleLine) {
        self.full
            .add(origin, NAME, VERSION, line.rules_digest.as_deref());
        self.knowledge.merge(Knowledge::from_line(line));
    }

    /// The merged knowledge file. With `allow_mixed_rules` false, inputs made with
    /// different rules are refused.
    pub fn finish(self, allow_mixed_rules: bool) -> Result<KnowledgeFile, MergeError> {
        let generators = if self.full.is_empty() {
            self.empty
        } else {
            self.full
        };
        if generators.digests.len() > 1 && !allow_mixed_rules {
            return Err(MergeError::MixedRules(generators.digests));
        }
        let join = |set: BTreeSet<String>, default: &str| {
            if set.is_empty() {
                default.to_string()
            } else {
                set.into_iter().collect::<Vec<_>>().join(JOIN)
            }
        };
        let generator = Generator {
            name: join(generators.names, NAME),
            version: join(generators.versions, VERSION),
            rules_digest: join(generators.digests.into_keys().collect(), ""),
        };
        Ok(self.knowledge.into_file(generator))
    }
}

/// The values of a generator field that may hold several, joined.
fn split(field: &str) -> Vec<String> {
    field
        .split(JOIN)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Merges two knowledge files, mixed rules allowed: the binary operation whose laws
/// `tests/merge_laws.rs` checks.
pub fn merge(a: KnowledgeFile, b: KnowledgeFile) -> Result<KnowledgeFile, MergeError> {
    let mut m = Merger::new();
    m.add_file("a", a)?;
    m.add_file("b", b)?;
    m.finish(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_files_and_lines_by_content() {
        assert_eq!(sniff("{"), Kind::KnowledgeFile);
        assert_eq!(
            sniff(r#"{"format": "newsfacts-knowledge", "version": 1}"#),
            Kind::KnowledgeLine
        );
        assert_eq!(sniff(r#"{"id": "a", "ok": true}"#), Kind::Lines);
    }

    #[test]
    fn generator_fields_hold_sets() {
        assert_eq!(split("sha256:a, sha256:b"), ["sha256:a", "sha256:b"]);
        assert_eq!(split(""), Vec::<String>::new());
    }
}
