//! `newsfacts merge`: knowledge files and `--format jsonl` outputs in, one knowledge file
//! out; what follows sharded (`extract --shard I/N`) or streamed runs.
//!
//! Thin: read each input (a small reader here, since the input module reads articles,
//! not our own outputs), fold it into a [`Merger`], write the result atomically.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::knowledge::merge_files::{Kind, Merger, sniff};
use crate::output::format::{ArticleLine, KnowledgeFile};
use crate::output::{self, Destination};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Knowledge files and JSONL outputs, in any mix and order (told apart by content);
    /// `-` reads standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output file; `-` is stdout.
    #[arg(long, default_value = "knowledge.json")]
    out: PathBuf,
    /// Merge outputs made with different rules; the digest then lists every one.
    #[arg(long)]
    allow_mixed_rules: bool,
}

pub fn run(args: Args) -> u8 {
    let mut merger = Merger::new();
    for path in &args.inputs {
        if let Err(e) = read_into(&mut merger, path) {
            eprintln!("newsfacts: {e}");
            return super::exit::FAILED;
        }
    }
    let file = match merger.finish(args.allow_mixed_rules) {
        Ok(file) => file,
        Err(e) => {
            eprintln!("newsfacts: {e}");
            return super::exit::FAILED;
        }
    };
    let written = Destination::create(&args.out).and_then(|mut dest| {
        output::write_knowledge(&mut dest, &file)?;
        dest.finish()
    });
    if let Err(e) = written {
        eprintln!("newsfacts: {e}");
        return super::exit::FAILED;
    }
    if args.out.as_os_str() != "-" {
        eprintln!(
            "newsfacts: {} inputs, {} documents, {} entities, {} facts, {} problems -> {}",
            args.inputs.len(),
            file.documents.len(),
            file.entities.len(),
            file.facts.len(),
            file.problems.len(),
            args.out.display()
        );
    }
    super::exit::OK
}

/// Reads one input into the merger; the error says which input and line.
fn read_into(merger: &mut Merger, path: &Path) -> Result<(), String> {
    let (origin, mut reader): (String, Box<dyn BufRead>) = if path.as_os_str() == "-" {
        ("<stdin>".into(), Box::new(io::stdin().lock()))
    } else {
        let file = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        (
            path.display().to_string(),
            Box::new(BufReader::with_capacity(1 << 16, file)),
        )
    };
    let at = |n: usize, e: &dyn std::fmt::Display| format!("{origin}:{n}: {e}");
    let mut buf = String::new();
    let mut n = 0;
    // The first non-blank line tells what the input is; an empty input adds nothing.
    loop {
        buf.clear();
        n += 1;
        if reader.read_line(&mut buf).map_err(|e| at(n, &e))? == 0 {
            return Ok(());
        }
        if !buf.trim().is_empty() {
            break;
        }
    }
    match sniff(buf.trim()) {
        Kind::KnowledgeFile | Kind::KnowledgeLine => {
            reader
                .read_to_string(&mut buf)
                .map_err(|e| format!("{origin}: {e}"))?;
            let file: KnowledgeFile = serde_json::from_str(&buf)
                .map_err(|e| format!("{origin}: not a knowledge file: {e}"))?;
            merger.add_file(&origin, file).map_err(|e| e.to_string())
        }
        Kind::Lines => loop {
            if !buf.trim().is_empty() {
                let line: ArticleLine = serde_json::from_str(buf.trim())
                    .map_err(|e| at(n, &format!("not a newsfacts JSONL line: {e}")))?;
                merger.add_line(&origin, line);
            }
            buf.clear();
            n += 1;
            if reader.read_line(&mut buf).map_err(|e| at(n, &e))? == 0 {
                return Ok(());
            }
        },
    }
}
