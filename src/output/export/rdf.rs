//! The knowledge file as an RDF graph: the one model that both the JSON-LD and the
//! N-Triples exports write, so the two always say the same triples.
//!
//! Input: a [`KnowledgeFile`]. Output: a sorted, duplicate-free list of triples.
//!
//! Vocabulary: schema.org where it has the notion (`Country`, `Organization`, `Person`,
//! `Place`, `ChemicalSubstance`, `NewsArticle`, `name`, `alternateName`, `identifier` as a
//! `PropertyValue`, `about`, `mentions`, `affiliation`, `location`), and
//! `urn:newsfacts:vocab:` for what schema.org has no word for (agreements, fact roles,
//! offsets). Resources are named `urn:newsfacts:{entity,document,fact}:<id>`, the id
//! percent-encoded where an IRI may not hold a character; no blank nodes, so two exports
//! of one file are equal as sets of triples.

use std::collections::{BTreeMap, BTreeSet};

use crate::output::format::{Entity, Fact, KnowledgeFile};
use crate::rules::AttrValue;

pub(crate) const SCHEMA: &str = "https://schema.org/";
pub(crate) const NF: &str = "urn:newsfacts:vocab:";
pub(crate) const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
pub(crate) const XSD_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Object {
    Iri(String),
    Text(String),
    Integer(u64),
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Triple {
    pub(crate) subject: String,
    pub(crate) predicate: String,
    pub(crate) object: Object,
}

pub(crate) fn entity_iri(id: &str) -> String {
    format!("urn:newsfacts:entity:{}", encode(id))
}

pub(crate) fn document_iri(id: &str) -> String {
    format!("urn:newsfacts:document:{}", encode(id))
}

pub(crate) fn fact_iri(id: &str) -> String {
    format!("urn:newsfacts:fact:{}", encode(id))
}

fn schema(term: &str) -> String {
    format!("{SCHEMA}{term}")
}

fn nf(term: &str) -> String {
    format!("{NF}{}", encode(term))
}

/// Percent-encodes what an IRI (and N-Triples' IRIREF) may not hold: everything but
/// unreserved characters and the sub-delimiters, `:`, `/` and `@`. Non-ASCII is encoded
/// too, as UTF-8 bytes, so the IRI is also a valid URI.
pub(crate) fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~:/@!$&'()*+,;=".contains(&b);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The schema.org class of an entity type; types a rule pack adds are `Thing`s.
fn entity_class(etype: &str) -> &'static str {
    match etype {
        "country" => "Country",
        "region" | "place" => "Place",
        "mineral" => "ChemicalSubstance",
        "organization" => "Organization",
        "person" => "Person",
        _ => "Thing",
    }
}

/// What a key of `ids` names, as schema.org's `PropertyValue.propertyID`.
fn id_scheme(key: &str) -> &str {
    match key {
        "iso3166" => "ISO 3166-1 alpha-2",
        "iso3166_alpha3" => "ISO 3166-1 alpha-3",
        "iso3166_numeric" => "ISO 3166-1 numeric",
        "symbol" => "chemical element symbol",
        "m49" => "UN M49",
        other => other,
    }
}

/// `based_in` -> `BasedIn`: fact types become classes of the newsfacts vocabulary.
fn fact_class(ftype: &str) -> String {
    ftype
        .split(['_', '-'])
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

struct Graph {
    triples: BTreeSet<Triple>,
}

impl Graph {
    fn add(&mut self, subject: &str, predicate: String, object: Object) {
        self.triples.insert(Triple {
            subject: subject.to_string(),
            predicate,
            object,
        });
    }
}

/// The triples of a knowledge file, sorted.
pub(crate) fn triples(file: &KnowledgeFile) -> Vec<Triple> {
    let entity_ids: BTreeSet<&str> = file.entities.iter().map(|e| e.id.as_str()).collect();
    // An attribute or argument value that names an entity of the file is a link to it;
    // anything else stays text.
    let value = |v: &str| {
        if entity_ids.contains(v) {
            Object::Iri(entity_iri(v))
        } else {
            Object::Text(v.to_string())
        }
    };
    let mut g = Graph {
        triples: BTreeSet::new(),
    };
    for d in &file.documents {
        let s = document_iri(&d.id);
        g.add(&s, RDF_TYPE.into(), Object::Iri(schema("NewsArticle")));
        g.add(&s, nf("id"), Object::Text(d.id.clone()));
        g.add(&s, nf("source"), Object::Text(d.source.clone()));
        if let Some(t) = &d.title {
            g.add(&s, schema("headline"), Object::Text(t.clone()));
        }
        if let Some(t) = &d.date {
            g.add(&s, schema("datePublished"), Object::Text(t.clone()));
        }
        if let Some(t) = &d.url {
            g.add(&s, schema("url"), Object::Text(t.clone()));
        }
        g.add(&s, nf("sha256"), Object::Text(d.sha256.clone()));
        g.add(&s, nf("chars"), Object::Integer(d.chars as u64));
        for a in &d.about {
            g.add(&s, schema("about"), Object::Iri(entity_iri(a)));
        }
    }
    for e in &file.entities {
        entity(&mut g, e, &value);
    }
    for f in &file.facts {
        fact(&mut g, f, &value);
    }
    g.triples.into_iter().collect()
}

fn entity(g: &mut Graph, e: &Entity, value: &impl Fn(&str) -> Object) {
    let s = entity_iri(&e.id);
    g.add(
        &s,
        RDF_TYPE.into(),
        Object::Iri(schema(entity_class(&e.etype))),
    );
    g.add(&s, nf("id"), Object::Text(e.id.clone()));
    g.add(&s, nf("entityType"), Object::Text(e.etype.clone()));
    g.add(&s, schema("name"), Object::Text(e.name.clone()));
    for alias in &e.aliases {
        g.add(&s, schema("alternateName"), Object::Text(alias.clone()));
    }
    for (key, code) in &e.ids {
        // A named node rather than a blank one keeps the graph free of blank nodes.
        let pv = format!("{s}#{}", encode(key));
        g.add(&s, schema("identifier"), Object::Iri(pv.clone()));
        g.add(&pv, RDF_TYPE.into(), Object::Iri(schema("PropertyValue")));
        g.add(
            &pv,
            schema("propertyID"),
            Object::Text(id_scheme(key).into()),
        );
        g.add(&pv, schema("value"), Object::Text(code.clone()));
    }
    for (key, v) in &e.attributes {
        for one in v.values() {
            g.add(&s, nf(key), value(one));
        }
    }
    for m in &e.mentions {
        g.add(
            &document_iri(&m.doc),
            schema("mentions"),
            Object::Iri(s.clone()),
        );
    }
}

fn fact(g: &mut Graph, f: &Fact, value: &impl Fn(&str) -> Object) {
    let s = fact_iri(&f.id);
    g.add(&s, RDF_TYPE.into(), Object::Iri(nf(&fact_class(&f.ftype))));
    g.add(&s, nf("id"), Object::Text(f.id.clone()));
    for (role, v) in &f.args {
        for one in v.values() {
            g.add(&s, nf(role), value(one));
        }
    }
    for (key, v) in &f.attributes {
        for one in v.values() {
            g.add(&s, nf(key), Object::Text(one.clone()));
        }
    }
    let docs: BTreeSet<&str> = f.evidence.iter().map(|m| &*m.doc).collect();
    for doc in docs {
        g.add(&s, nf("evidenceIn"), Object::Iri(document_iri(doc)));
    }
    // Where schema.org has the relation itself, say it there too, so a schema.org
    // consumer sees who works where and which company is based in which country.
    let one = |role: &str| f.args.get(role).and_then(AttrValue::as_str);
    match f.ftype.as_str() {
        "role" => {
            if let (Some(person), Some(aff)) = (one("person"), one("affiliation")) {
                g.add(&entity_iri(person), schema("affiliation"), value(aff));
            }
        }
        "based_in" => {
            if let (Some(org), Some(country)) = (one("organization"), one("country")) {
                g.add(&entity_iri(org), schema("location"), value(country));
            }
        }
        _ => {}
    }
}

/// Subjects with their predicates and objects, for writers that group by node.
pub(crate) fn by_subject(triples: &[Triple]) -> BTreeMap<&str, BTreeMap<&str, Vec<&Object>>> {
    let mut nodes: BTreeMap<&str, BTreeMap<&str, Vec<&Object>>> = BTreeMap::new();
    for t in triples {
        nodes
            .entry(&t.subject)
            .or_default()
            .entry(&t.predicate)
            .or_default()
            .push(&t.object);
    }
    nodes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_encoded_into_iris() {
        assert_eq!(entity_iri("country:JP"), "urn:newsfacts:entity:country:JP");
        assert_eq!(
            document_iri("sub dir/Café.txt"),
            "urn:newsfacts:document:sub%20dir/Caf%C3%A9.txt"
        );
        assert_eq!(encode("a<b>\"c\\{}|^`"), "a%3Cb%3E%22c%5C%7B%7D%7C%5E%60");
    }

    #[test]
    fn fact_types_become_class_names() {
        assert_eq!(fact_class("based_in"), "BasedIn");
        assert_eq!(fact_class("agreement"), "Agreement");
    }
}
