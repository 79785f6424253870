//! Knowledge file -> other tools' formats: CSV for spreadsheets, JSON-LD and N-Triples
//! for linked-data stores, GraphML for graph tools, brat standoff for annotators.
//!
//! Input: a [`KnowledgeFile`] (and, for brat, the articles). Output: named files, written
//! into one folder by [`write_files`], each atomically. Every renderer is pure and
//! deterministic: the same knowledge file gives the same bytes.

pub mod brat;
pub mod csv;
pub mod graphml;
pub mod jsonld;
pub mod ntriples;
mod rdf;

use std::io::{self, Write};
use std::path::Path;

use super::Destination;
use super::format::KnowledgeFile;

/// The formats that need nothing but the knowledge file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Csv,
    JsonLd,
    NTriples,
    GraphMl,
}

/// The files of one export, by name inside the output folder.
pub fn render(file: &KnowledgeFile, target: Target) -> io::Result<Vec<(String, Vec<u8>)>> {
    Ok(match target {
        Target::Csv => csv::render(file).map_err(io::Error::other)?,
        Target::JsonLd => vec![("knowledge.jsonld".into(), jsonld::render(file).into_bytes())],
        Target::NTriples => vec![("knowledge.nt".into(), ntriples::render(file).into_bytes())],
        Target::GraphMl => vec![(
            "knowledge.graphml".into(),
            graphml::render(file)?.into_bytes(),
        )],
    })
}

/// Writes each file into `dir` (created if missing), each through a temporary file
/// renamed into place, so a reader never sees half a file.
pub fn write_files(dir: &Path, files: &[(String, Vec<u8>)]) -> io::Result<()> {
    std::fs::create_dir_all(dir)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot create {}: {e}", dir.display())))?;
    for (name, bytes) in files {
        let mut dest = Destination::create(&dir.join(name))?;
        dest.write_all(bytes)?;
        dest.finish()?;
    }
    Ok(())
}
