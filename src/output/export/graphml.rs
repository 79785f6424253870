//! Knowledge file -> GraphML (`knowledge.graphml`) for Gephi, yEd, Cytoscape, networkx.
//!
//! Facts are n-ary (an agreement has several parties, signatories, minerals), so the
//! graph is bipartite: entity, fact and document nodes; an edge from each fact to each
//! entity in its arguments, labelled with the role, and an edge from each document to
//! each entity it mentions, weighted by the number of mentions. Node ids are prefixed by
//! their kind (`e:country:JP`, `f:agreement:...`, `d:wire-001`) so they cannot collide.

use std::collections::{BTreeMap, BTreeSet};
use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::output::format::KnowledgeFile;

const NS: &str = "http://graphml.graphdrawing.org/xmlns";

/// (id, for, attr.type): the data keys every node or edge may carry.
const KEYS: &[(&str, &str, &str)] = &[
    ("kind", "node", "string"),
    ("type", "node", "string"),
    ("label", "node", "string"),
    ("attributes", "node", "string"),
    ("mentions", "node", "int"),
    ("role", "edge", "string"),
    ("weight", "edge", "int"),
];

pub fn render(file: &KnowledgeFile) -> io::Result<String> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("graphml")
        .with_attribute(("xmlns", NS))
        .write_inner_content(|w| {
            for (id, target, ty) in KEYS {
                w.create_element("key")
                    .with_attributes([
                        ("id", *id),
                        ("for", *target),
                        ("attr.name", *id),
                        ("attr.type", *ty),
                    ])
                    .write_empty()?;
            }
            w.create_element("graph")
                .with_attributes([("id", "knowledge"), ("edgedefault", "directed")])
                .write_inner_content(|w| body(w, file))?;
            Ok(())
        })?;
    let mut text = String::from_utf8(w.into_inner()).map_err(io::Error::other)?;
    text.push('\n');
    Ok(text)
}

fn body(w: &mut Writer<Vec<u8>>, file: &KnowledgeFile) -> io::Result<()> {
    let entities: BTreeSet<&str> = file.entities.iter().map(|e| e.id.as_str()).collect();
    for d in &file.documents {
        let label = d.title.as_deref().unwrap_or(&d.id);
        node(
            w,
            &format!("d:{}", d.id),
            &[("kind", "document"), ("label", label)],
        )?;
    }
    for e in &file.entities {
        let count = e.mentions.len().to_string();
        node(
            w,
            &format!("e:{}", e.id),
            &[
                ("kind", "entity"),
                ("type", &e.etype),
                ("label", &e.name),
                ("mentions", &count),
            ],
        )?;
    }
    for f in &file.facts {
        let attributes: Vec<String> = f
            .attributes
            .iter()
            .map(|(k, v)| format!("{k}={}", v.values().join("|")))
            .collect();
        node(
            w,
            &format!("f:{}", f.id),
            &[
                ("kind", "fact"),
                ("type", &f.ftype),
                ("label", &f.id),
                ("attributes", &attributes.join("; ")),
            ],
        )?;
    }
    let mut n = 0usize;
    for f in &file.facts {
        for (role, v) in &f.args {
            for target in v.values().iter().filter(|t| entities.contains(t.as_str())) {
                n += 1;
                edge(
                    w,
                    n,
                    &format!("f:{}", f.id),
                    &format!("e:{target}"),
                    &[("role", role)],
                )?;
            }
        }
    }
    // Mentions per (document, entity), in a stable order.
    let mut mentions: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for e in &file.entities {
        for m in &e.mentions {
            *mentions.entry((&m.doc, &e.id)).or_default() += 1;
        }
    }
    let docs: BTreeSet<&str> = file.documents.iter().map(|d| d.id.as_str()).collect();
    for ((doc, entity), count) in mentions {
        if docs.contains(doc) {
            n += 1;
            let weight = count.to_string();
            edge(
                w,
                n,
                &format!("d:{doc}"),
                &format!("e:{entity}"),
                &[("role", "mentions"), ("weight", &weight)],
            )?;
        }
    }
    Ok(())
}

fn node(w: &mut Writer<Vec<u8>>, id: &str, data: &[(&str, &str)]) -> io::Result<()> {
    w.create_element("node")
        .with_attribute(("id", clean(id).as_str()))
        .write_inner_content(|w| write_data(w, data))?;
    Ok(())
}

fn edge(
    w: &mut Writer<Vec<u8>>,
    n: usize,
    source: &str,
    target: &str,
    data: &[(&str, &str)],
) -> io::Result<()> {
    let id = format!("x{n}");
    w.create_element("edge")
        .with_attributes([
            ("id", id.as_str()),
            ("source", clean(source).as_str()),
            ("target", clean(target).as_str()),
        ])
        .write_inner_content(|w| write_data(w, data))?;
    Ok(())
}

fn write_data(w: &mut Writer<Vec<u8>>, data: &[(&str, &str)]) -> io::Result<()> {
    for (key, value) in data.iter().filter(|(_, v)| !v.is_empty()) {
        w.create_element("data")
            .with_attribute(("key", *key))
            .write_text_content(BytesText::new(&clean(value)))?;
    }
    Ok(())
}

/// XML 1.0 cannot carry most control characters even escaped; an article that holds one
/// must still export, so it becomes U+FFFD.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}
