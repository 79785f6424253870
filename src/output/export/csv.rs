//! Knowledge file -> CSV for spreadsheets: `documents.csv`, `entities.csv`,
//! `mentions.csv`, `facts.csv` and `evidence.csv`, UTF-8, a header row, one record per
//! row.
//!
//! Flat on purpose: every id, attribute and argument key gets its own column
//! (`ids.iso3166`, `attributes.country`, `args.parties`), so a spreadsheet can sort and
//! filter on it; a list in one cell is joined with `"; "`. Mentions and evidence are
//! rows of their own, keyed by entity or fact id, so they join back with a lookup.

use std::collections::{BTreeMap, BTreeSet};

use crate::output::format::{Field, KnowledgeFile, Mention};
use crate::rules::AttrValue;

/// The files of the export, by name.
pub fn render(file: &KnowledgeFile) -> Result<Vec<(String, Vec<u8>)>, csv::Error> {
    Ok(vec![
        ("documents.csv".into(), documents(file)?),
        ("entities.csv".into(), entities(file)?),
        ("mentions.csv".into(), mentions(file)?),
        ("facts.csv".into(), facts(file)?),
        ("evidence.csv".into(), evidence(file)?),
    ])
}

const LIST: &str = "; ";

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new())
}

fn finish(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, csv::Error> {
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

fn joined(v: &AttrValue) -> String {
    v.values().join(LIST)
}

fn documents(file: &KnowledgeFile) -> Result<Vec<u8>, csv::Error> {
    let mut w = writer();
    w.write_record([
        "id", "source", "title", "date", "url", "sha256", "chars", "about",
    ])?;
    for d in &file.documents {
        w.write_record([
            d.id.as_str(),
            &d.source,
            d.title.as_deref().unwrap_or(""),
            d.date.as_deref().unwrap_or(""),
            d.url.as_deref().unwrap_or(""),
            &d.sha256,
            &d.chars.to_string(),
            &d.about.join(LIST),
        ])?;
    }
    finish(w)
}

/// The keys used in any of the maps, sorted: one column each.
fn keys<'a, V: 'a>(maps: impl Iterator<Item = &'a BTreeMap<String, V>>) -> Vec<String> {
    let set: BTreeSet<&String> = maps.flat_map(|m| m.keys()).collect();
    set.into_iter().cloned().collect()
}

fn cells(map: &BTreeMap<String, AttrValue>, keys: &[String]) -> Vec<String> {
    keys.iter()
        .map(|k| map.get(k).map(joined).unwrap_or_default())
        .collect()
}

fn entities(file: &KnowledgeFile) -> Result<Vec<u8>, csv::Error> {
    let id_keys = keys(file.entities.iter().map(|e| &e.ids));
    let attr_keys = keys(file.entities.iter().map(|e| &e.attributes));
    let mut w = writer();
    let mut header: Vec<String> = vec!["id".into(), "type".into(), "name".into()];
    header.extend(id_keys.iter().map(|k| format!("ids.{k}")));
    header.extend(attr_keys.iter().map(|k| format!("attributes.{k}")));
    header.extend(["aliases".into(), "mentions".into()]);
    w.write_record(&header)?;
    for e in &file.entities {
        let mut row: Vec<String> = vec![e.id.clone(), e.etype.clone(), e.name.clone()];
        row.extend(
            id_keys
                .iter()
                .map(|k| e.ids.get(k).cloned().unwrap_or_default()),
        );
        row.extend(cells(&e.attributes, &attr_keys));
        row.push(e.aliases.join(LIST));
        row.push(e.mentions.len().to_string());
        w.write_record(&row)?;
    }
    finish(w)
}

fn span_rows(
    w: &mut csv::Writer<Vec<u8>>,
    owner: &str,
    spans: &[Mention],
) -> Result<(), csv::Error> {
    for m in spans {
        w.write_record([
            owner,
            &m.doc,
            match m.field {
                Field::Title => "title",
                Field::Text => "text",
            },
            &m.start.to_string(),
            &m.end.to_string(),
            &m.text,
            &m.rule,
        ])?;
    }
    Ok(())
}

fn mentions(file: &KnowledgeFile) -> Result<Vec<u8>, csv::Error> {
    let mut w = writer();
    w.write_record(["entity", "doc", "field", "start", "end", "text", "rule"])?;
    for e in &file.entities {
        span_rows(&mut w, &e.id, &e.mentions)?;
    }
    finish(w)
}

fn facts(file: &KnowledgeFile) -> Result<Vec<u8>, csv::Error> {
    let arg_keys = keys(file.facts.iter().map(|f| &f.args));
    let attr_keys = keys(file.facts.iter().map(|f| &f.attributes));
    let mut w = writer();
    let mut header: Vec<String> = vec!["id".into(), "type".into()];
    header.extend(arg_keys.iter().map(|k| format!("args.{k}")));
    header.extend(attr_keys.iter().map(|k| format!("attributes.{k}")));
    header.push("evidence".into());
    w.write_record(&header)?;
    for f in &file.facts {
        let mut row: Vec<String> = vec![f.id.clone(), f.ftype.clone()];
        row.extend(cells(&f.args, &arg_keys));
        row.extend(cells(&f.attributes, &attr_keys));
        row.push(f.evidence.len().to_string());
        w.write_record(&row)?;
    }
    finish(w)
}

fn evidence(file: &KnowledgeFile) -> Result<Vec<u8>, csv::Error> {
    let mut w = writer();
    w.write_record(["fact", "doc", "field", "start", "end", "text", "rule"])?;
    for f in &file.facts {
        span_rows(&mut w, &f.id, &f.evidence)?;
    }
    finish(w)
}
