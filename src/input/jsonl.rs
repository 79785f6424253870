//! JSONL records: one JSON object a line with `text` and optional `id`,
//! `title`, `date`, `source` and `url`. Other fields are ignored, so dumps made
//! for other tools (Reuters-style lines with `labels`) read as they are.

use serde_json::{Map, Value};

#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Record {
    pub(crate) id: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) date: Option<String>,
    pub(crate) source: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) text: String,
}

/// A record, and notes about optional fields of the wrong type that were
/// ignored: losing a whole article over a numeric title would be worse.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub(crate) record: Record,
    pub(crate) warnings: Vec<String>,
}

/// Parses one line; the error is a message for a problem on that line.
pub(crate) fn parse_line(line: &str) -> Result<Parsed, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| json_error(&e))?;
    let mut object = match value {
        Value::Object(object) => object,
        other => return Err(format!("expected a JSON object, found {}", kind(&other))),
    };
    let text = match object.remove("text") {
        None | Some(Value::Null) => return Err("missing \"text\" field".to_owned()),
        Some(Value::String(text)) => text,
        Some(other) => return Err(format!("\"text\" must be a string, found {}", kind(&other))),
    };
    let mut warnings = Vec::new();
    let id = match object.remove("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) => Some(id),
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        Some(other) => {
            warnings.push(format!(
                "\"id\" must be a string or an integer, found {}; ignored",
                kind(&other)
            ));
            None
        }
    };
    let mut string_field = |name: &str| optional_string(&mut object, name, &mut warnings);
    let record = Record {
        // An empty id would collide across records; the line-based one won't.
        id: id.filter(|id| !id.is_empty()),
        title: string_field("title"),
        date: string_field("date"),
        source: string_field("source"),
        url: string_field("url"),
        text,
    };
    Ok(Parsed { record, warnings })
}

fn optional_string(
    object: &mut Map<String, Value>,
    name: &str,
    warnings: &mut Vec<String>,
) -> Option<String> {
    match object.remove(name) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s).filter(|s| !s.trim().is_empty()),
        Some(other) => {
            warnings.push(format!(
                "\"{name}\" must be a string, found {}; ignored",
                kind(&other)
            ));
            None
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json's message without its "at line 1": a record is one line, and
/// the problem carries the line number in the file.
fn json_error(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    match full.strip_suffix(&position) {
        Some(message) => format!("{message} at column {}", e.column()),
        None => full,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_and_number_ids() {
        let p = parse_line(r#"{"id": "r-1", "text": "a"}"#).expect("valid");
        assert_eq!(p.record.id.as_deref(), Some("r-1"));
        let p = parse_line(r#"{"id": 42, "text": "a"}"#).expect("valid");
        assert_eq!(p.record.id.as_deref(), Some("42"));
        let p = parse_line(r#"{"id": -3, "text": "a"}"#).expect("valid");
        assert_eq!(p.record.id.as_deref(), Some("-3"));
        assert!(p.warnings.is_empty());
    }

    #[test]
    fn all_fields_and_extra_fields() {
        let line = r#"{"id":"x","title":"T","date":"2024-01-01","source":"AP","url":"u","text":"body","labels":["earn"],"topics":null}"#;
        let p = parse_line(line).expect("valid");
        assert_eq!(
            p.record,
            Record {
                id: Some("x".into()),
                title: Some("T".into()),
                date: Some("2024-01-01".into()),
                source: Some("AP".into()),
                url: Some("u".into()),
                text: "body".into(),
            }
        );
        assert!(p.warnings.is_empty());
    }

    #[test]
    fn nulls_are_absent() {
        let p = parse_line(r#"{"id":null,"title":null,"text":""}"#).expect("valid");
        assert_eq!(p.record.id, None);
        assert_eq!(p.record.title, None);
        assert_eq!(p.record.text, "");
    }

    #[test]
    fn malformed_lines() {
        assert_eq!(
            parse_line("oops").unwrap_err(),
            "expected value at column 1"
        );
        assert_eq!(
            parse_line(r#"{"text": "a""#).unwrap_err(),
            "EOF while parsing an object at column 12"
        );
        assert_eq!(
            parse_line("[1]").unwrap_err(),
            "expected a JSON object, found an array"
        );
        assert_eq!(
            parse_line(r#"{"id": 1}"#).unwrap_err(),
            "missing \"text\" field"
        );
        assert_eq!(
            parse_line(r#"{"text": 5}"#).unwrap_err(),
            "\"text\" must be a string, found a number"
        );
    }

    #[test]
    fn wrong_optional_types_are_ignored_with_a_warning() {
        let p = parse_line(r#"{"id": 1.5, "title": 3, "text": "a"}"#).expect("loads");
        assert_eq!(p.record.id, None);
        assert_eq!(p.record.title, None);
        assert_eq!(
            p.warnings,
            [
                "\"id\" must be a string or an integer, found a number; ignored",
                "\"title\" must be a string, found a number; ignored"
            ]
        );
    }
}
