//! Knowledge file -> N-Triples (`knowledge.nt`): one triple a line, sorted, the graph
//! described in [`super::rdf`].

use std::fmt::Write;

use super::rdf::{self, Object, XSD_INTEGER};
use crate::output::format::KnowledgeFile;

pub fn render(file: &KnowledgeFile) -> String {
    let mut out = String::new();
    for t in rdf::triples(file) {
        let _ = write!(out, "<{}> <{}> ", t.subject, t.predicate);
        match &t.object {
            Object::Iri(iri) => {
                let _ = write!(out, "<{iri}>");
            }
            Object::Text(s) => literal(&mut out, s),
            Object::Integer(n) => {
                let _ = write!(out, "\"{n}\"^^<{XSD_INTEGER}>");
            }
        }
        out.push_str(" .\n");
    }
    out
}

/// A string literal with the escapes N-Triples requires (quote, backslash, line breaks)
/// and `\u` for the other control characters, which are legal but unreadable.
fn literal(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_quotes_breaks_and_controls() {
        let mut s = String::new();
        literal(&mut s, "a \"b\"\nc\\d\u{1}é");
        assert_eq!(s, r#""a \"b\"\nc\\d\u0001é""#);
    }
}
