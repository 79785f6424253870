//! JSON Schemas of the output contract, generated from the serde types in
//! [`super::format`]: the knowledge file and one `--format jsonl` line.
//!
//! Input: the Rust types. Output: schema documents (JSON Schema 2020-12) as values and as
//! the exact text committed in `schema/`. `cargo run --example gen_schema` rewrites the
//! committed files; `tests/schema.rs` fails when they are stale.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::format::{ArticleLine, KnowledgeFile};
use crate::rules::AttrValue;

/// Where the committed schemas live, relative to the repository root.
pub const KNOWLEDGE_PATH: &str = "schema/knowledge.schema.json";
pub const LINE_PATH: &str = "schema/line.schema.json";

/// The schema of the knowledge file (`newsfacts extract --format json`).
pub fn knowledge() -> Schema {
    let mut schema = schemars::schema_for!(KnowledgeFile);
    schema.insert("title".into(), "newsfacts knowledge file, version 1".into());
    schema
}

/// The schema of one line of `newsfacts extract --format jsonl`.
pub fn line() -> Schema {
    let mut schema = schemars::schema_for!(ArticleLine);
    schema.insert("title".into(), "newsfacts JSONL line, version 1".into());
    schema
}

/// A schema as committed: pretty JSON with a final newline, so a diff of the file is
/// readable and the text is the same on every run.
pub fn render(schema: &Schema) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

// `AttrValue` lives with the rules; its schema is written here so the rules module does
// not depend on schemars. It is serde-untagged: a string or a list of strings.
impl JsonSchema for AttrValue {
    fn schema_name() -> Cow<'static, str> {
        "AttrValue".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "One string, or a list of strings when several values were found.",
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}}
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_are_refused_by_the_schema() {
        let schema = knowledge();
        let text = render(&schema);
        assert!(text.contains("\"additionalProperties\": false"), "{text}");
        assert!(text.ends_with("}\n"));
    }
}
