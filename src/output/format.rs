//! The knowledge file and the per-article JSONL line: the serde types that are the
//! output contract (format `newsfacts-knowledge`, version 1). docs/knowledge-format.md
//! describes every field with an example; tests read output back with
//! `deny_unknown_fields`, so a field added here without a version bump fails them.

use std::collections::BTreeMap;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::rules::AttrValue;

pub const FORMAT: &str = "newsfacts-knowledge";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeFile {
    pub format: String,
    pub version: u32,
    pub generator: Generator,
    pub documents: Vec<Document>,
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Generator {
    pub name: String,
    pub version: String,
    pub rules_digest: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub id: String,
    pub source: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    /// SHA-256 of the article text (UTF-8), hex.
    pub sha256: String,
    /// Length of the text in code points.
    pub chars: usize,
    /// Ids of the entities the article is mainly about.
    pub about: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: String,
    #[serde(rename = "type")]
    pub etype: String,
    pub name: String,
    pub ids: BTreeMap<String, String>,
    pub attributes: BTreeMap<String, AttrValue>,
    pub aliases: Vec<String>,
    pub mentions: Vec<Mention>,
}

/// Where a text field of a document says something: a mention or a fact's evidence.
/// Offsets are code points into the field (`text` or `title`), end exclusive.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Mention {
    pub doc: Arc<str>,
    pub field: Field,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub rule: Arc<str>,
}

/// Facts' evidence has the mention's shape: the sentence, where it stands, the rule.
pub type Evidence = Mention;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Title,
    Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    #[serde(rename = "type")]
    pub ftype: String,
    pub args: BTreeMap<String, AttrValue>,
    pub attributes: BTreeMap<String, AttrValue>,
    pub evidence: Vec<Evidence>,
}

#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Problem {
    pub source: String,
    pub line: Option<u64>,
    pub message: String,
}

/// One line of `--format jsonl`: an article's own results, or why it has none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleLine {
    pub id: Option<String>,
    pub ok: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<Document>,
    /// The entities the article mentions, without their mentions (those are below).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entities: Option<Vec<LineEntity>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentions: Option<Vec<LineMention>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts: Option<Vec<Fact>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problems: Option<Vec<Problem>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<LineError>,
    /// `generator.rules_digest` of the run that wrote the line, so `newsfacts merge` can
    /// refuse to mix lines made with different rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules_digest: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LineEntity {
    pub id: String,
    #[serde(rename = "type")]
    pub etype: String,
    pub name: String,
    pub ids: BTreeMap<String, String>,
    pub attributes: BTreeMap<String, AttrValue>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LineMention {
    pub entity: String,
    pub field: Field,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub rule: Arc<str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LineError {
    /// `malformed-json`, `missing-text`, `too-large`, `bad-encoding`, `empty-line` (stream
    /// mode), `binary`, `unreadable`.
    pub code: String,
    pub message: String,
}
