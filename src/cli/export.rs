//! `newsfacts export KNOWLEDGE --to csv|jsonld|ntriples|graphml|brat --out DIR`: a
//! knowledge file in other tools' formats (see `output::export`).
//!
//! Thin: read the knowledge file, render, write the files into DIR. brat needs the
//! article texts, which `--articles` names; they are read through the input module, so
//! ids and texts are exactly those extraction saw, and an article whose text no longer
//! has the document's SHA-256 is left out (its offsets would point elsewhere).

use std::collections::BTreeMap;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

use crate::input::{self, Limits, WalkOptions};
use crate::output::export::{self, Target, brat};
use crate::output::format::KnowledgeFile;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum To {
    /// documents.csv, entities.csv, mentions.csv, facts.csv, evidence.csv.
    Csv,
    /// knowledge.jsonld: schema.org types, ISO 3166 and element-symbol identifiers.
    Jsonld,
    /// knowledge.nt: the same graph as N-Triples.
    Ntriples,
    /// knowledge.graphml: entities, facts and documents as a graph.
    Graphml,
    /// brat standoff: <doc>.txt and <doc>.ann per article, and annotation.conf.
    Brat,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The knowledge file.
    knowledge: PathBuf,
    #[arg(long, value_enum)]
    to: To,
    /// The folder to write into (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// For brat: the articles the knowledge file was made from (files or folders, as
    /// given to extract).
    #[arg(long, num_args = 1..)]
    articles: Vec<PathBuf>,
    /// For brat: follow symbolic links while walking folders.
    #[arg(long)]
    follow_links: bool,
}

pub fn run(args: Args) -> u8 {
    let file: KnowledgeFile = match std::fs::read(&args.knowledge)
        .map_err(|e| e.to_string())
        .and_then(|bytes| serde_json::from_slice(&bytes).map_err(|e| e.to_string()))
    {
        Ok(f) => f,
        Err(e) => {
            eprintln!("newsfacts: {}: {e}", args.knowledge.display());
            return super::exit::FAILED;
        }
    };
    let target = match args.to {
        To::Csv => Some(Target::Csv),
        To::Jsonld => Some(Target::JsonLd),
        To::Ntriples => Some(Target::NTriples),
        To::Graphml => Some(Target::GraphMl),
        To::Brat => None,
    };
    let mut problems = false;
    let files = match target {
        Some(target) => match export::render(&file, target) {
            Ok(files) => files,
            Err(e) => {
                eprintln!("newsfacts: {e}");
                return super::exit::FAILED;
            }
        },
        None => {
            if args.articles.is_empty() {
                eprintln!(
                    "newsfacts: --to brat needs --articles: the texts the offsets point into"
                );
                return super::exit::USAGE;
            }
            let (files, incomplete) = brat_files(&file, &args);
            problems = incomplete;
            files
        }
    };
    if let Err(e) = export::write_files(&args.out, &files) {
        eprintln!("newsfacts: {e}");
        return super::exit::FAILED;
    }
    eprintln!("newsfacts: {} files -> {}", files.len(), args.out.display());
    if problems {
        super::exit::PROBLEMS
    } else {
        super::exit::OK
    }
}

/// The brat files, and whether some document could not be exported.
fn brat_files(file: &KnowledgeFile, args: &Args) -> (Vec<(String, Vec<u8>)>, bool) {
    let mut wanted: BTreeMap<&str, &str> = file
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.sha256.as_str()))
        .collect();
    let mut files = vec![(
        "annotation.conf".to_string(),
        brat::annotation_conf(file).into_bytes(),
    )];
    let mut incomplete = false;
    let limits = Limits::default();
    let units = input::units(
        &args.articles,
        &WalkOptions {
            follow_links: args.follow_links,
        },
    )
    .with_limits(&limits);
    for unit in units {
        for article in input::load(unit, &limits).articles {
            let Some(sha) = wanted.get(article.id.as_str()) else {
                continue;
            };
            if crate::rules::hex(&Sha256::digest(article.text.as_bytes())) != *sha {
                eprintln!(
                    "newsfacts: {}: the text differs from the one in the knowledge file; left out",
                    article.source
                );
                incomplete = true;
                wanted.remove(article.id.as_str());
                continue;
            }
            wanted.remove(article.id.as_str());
            let standoff = brat::render(file, &article);
            if standoff.skipped > 0 {
                eprintln!(
                    "newsfacts: {}: {} spans do not match the text; left out",
                    article.source, standoff.skipped
                );
                incomplete = true;
            }
            files.push((format!("{}.txt", standoff.stem), standoff.txt.into_bytes()));
            files.push((format!("{}.ann", standoff.stem), standoff.ann.into_bytes()));
        }
    }
    for id in wanted.keys() {
        eprintln!("newsfacts: document \"{id}\" not found among --articles; left out");
        incomplete = true;
    }
    (files, incomplete)
}
