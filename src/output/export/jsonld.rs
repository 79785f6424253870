//! Knowledge file -> JSON-LD (`knowledge.jsonld`): the graph of [`super::rdf`] as one
//! `@graph` of node objects, one per resource, with a context that makes schema.org the
//! default vocabulary and `nf:` the newsfacts one. Any JSON-LD processor turns it back
//! into exactly the triples of the N-Triples export.

use serde_json::{Map, Value, json};

use super::rdf::{self, NF, Object, RDF_TYPE, SCHEMA};
use crate::output::format::KnowledgeFile;

pub fn render(file: &KnowledgeFile) -> String {
    let triples = rdf::triples(file);
    let mut graph = Vec::new();
    for (subject, properties) in rdf::by_subject(&triples) {
        let mut node = Map::new();
        node.insert("@id".into(), subject.into());
        for (predicate, objects) in properties {
            if predicate == RDF_TYPE {
                let types: Vec<Value> = objects
                    .iter()
                    .map(|o| match o {
                        Object::Iri(iri) => compact(iri).into(),
                        other => value(other),
                    })
                    .collect();
                node.insert("@type".into(), one_or_many(types));
            } else {
                let values: Vec<Value> = objects.iter().map(|o| value(o)).collect();
                node.insert(compact(predicate), one_or_many(values));
            }
        }
        graph.push(Value::Object(node));
    }
    let doc = json!({
        "@context": {"@vocab": SCHEMA, "nf": NF},
        "@graph": graph,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// A vocabulary IRI as the context abbreviates it: schema.org terms bare, newsfacts ones
/// as `nf:term`.
fn compact(iri: &str) -> String {
    if let Some(term) = iri.strip_prefix(SCHEMA) {
        term.to_string()
    } else if let Some(term) = iri.strip_prefix(NF) {
        format!("nf:{term}")
    } else {
        iri.to_string()
    }
}

fn value(o: &Object) -> Value {
    match o {
        Object::Iri(iri) => json!({"@id": iri}),
        Object::Text(s) => s.as_str().into(),
        // A JSON integer is an xsd:integer literal in JSON-LD.
        Object::Integer(n) => (*n).into(),
    }
}

fn one_or_many(mut values: Vec<Value>) -> Value {
    if values.len() == 1 {
        values.remove(0)
    } else {
        Value::Array(values)
    }
}
