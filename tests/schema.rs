//! The committed JSON Schemas (`schema/`) are the ones the Rust types generate, and the
//! bundled corpus's output, as a file and as lines, is valid against them.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use newsfacts::output::schema;
use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const REGENERATE: &str = "cargo run --example gen_schema";

#[test]
fn committed_schemas_are_up_to_date() {
    for (path, generated) in [
        (schema::KNOWLEDGE_PATH, schema::knowledge()),
        (schema::LINE_PATH, schema::line()),
    ] {
        let committed = std::fs::read_to_string(repo().join(path))
            .unwrap_or_else(|e| panic!("{path}: {e}; run `{REGENERATE}`"));
        assert!(
            committed == schema::render(&generated),
            "{path} is stale: the types in src/output/format.rs changed; run `{REGENERATE}` and commit the result"
        );
    }
}

fn validator(path: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo().join(path)).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{path} is not a schema: {e}"))
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance).map(|e| e.to_string()).collect()
}

fn extract(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::cargo_bin("newsfacts")
        .unwrap()
        .current_dir(dir)
        .arg("extract")
        .arg(repo().join("corpus"))
        .arg("--rules")
        .arg(repo().join("rules"))
        .args(args)
        .args(["--out", "-"])
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)));
    out.stdout
}

#[test]
fn the_corpus_output_is_valid_against_the_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let knowledge = validator(schema::KNOWLEDGE_PATH);
    let file: Value = serde_json::from_slice(&extract(dir.path(), &[])).unwrap();
    assert!(file["entities"].as_array().is_some_and(|e| !e.is_empty()));
    assert_eq!(errors(&knowledge, &file), Vec::<String>::new());

    let line = validator(schema::LINE_PATH);
    let stdout = extract(dir.path(), &["--format", "jsonl"]);
    let mut n = 0;
    for text in std::str::from_utf8(&stdout).unwrap().lines() {
        let value: Value = serde_json::from_str(text).unwrap();
        assert_eq!(errors(&line, &value), Vec::<String>::new(), "{text}");
        n += 1;
    }
    assert!(n > 40, "one line per article of the corpus");
}

#[test]
fn stream_error_lines_are_valid_and_unknown_fields_are_not() {
    let line = validator(schema::LINE_PATH);
    let out = Command::cargo_bin("newsfacts")
        .unwrap()
        .args(["extract", "--format", "jsonl", "--rules"])
        .arg(repo().join("rules"))
        .arg("-")
        .write_stdin("{broken\n\n{\"id\": \"x\"}\n")
        .output()
        .unwrap();
    let lines: Vec<Value> = std::str::from_utf8(&out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    for l in &lines {
        assert_eq!(l["ok"], false);
        assert_eq!(errors(&line, l), Vec::<String>::new(), "{l}");
    }
    let mut extra = lines[0].clone();
    extra["surprise"] = Value::Bool(true);
    assert!(
        !errors(&line, &extra).is_empty(),
        "the schema denies unknown fields"
    );
}
