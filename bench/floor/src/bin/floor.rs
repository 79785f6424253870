//! The floor: the least work any tool must do to answer the benchmark's question.
//!
//! Reads every article, finds whole-word, ASCII-case-insensitive occurrences of the terms
//! with one leftmost-longest Aho-Corasick automaton, and writes one JSON line per article
//! with the matches' byte offsets and text. No normalisation, no rules, no merge: newsfacts can
//! only be slower, and the ratio says how much its extra work costs.
//!
//!     floor --terms terms.txt --out matches.jsonl [--jobs N] INPUT...
//!
//! An INPUT is a folder (walked, each file one article), a file, or a `.jsonl` file
//! (each line one article: its `text`, and `id` when present).

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;

struct Args {
    terms: PathBuf,
    out: PathBuf,
    jobs: usize,
    inputs: Vec<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut terms = None;
    let mut out = None;
    let mut jobs = 0;
    let mut inputs = Vec::new();
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--terms" => terms = Some(PathBuf::from(value("--terms")?)),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--jobs" | "-j" => {
                jobs = value("--jobs")?
                    .parse()
                    .map_err(|e| format!("--jobs: {e}"))?
            }
            "-h" | "--help" => {
                return Err("usage: floor --terms FILE --out FILE [--jobs N] INPUT...".into());
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            _ => inputs.push(PathBuf::from(a)),
        }
    }
    Ok(Args {
        terms: terms.ok_or("--terms is required")?,
        out: out.ok_or("--out is required")?,
        jobs,
        inputs,
    })
}

/// One article as read: where it came from and its text.
enum Item {
    File(PathBuf),
    Record(String),
}

struct Scanner {
    automaton: AhoCorasick,
    /// Whether term `i` starts / ends with a word character: only then is a word
    /// boundary needed on that side ("U.S." may be followed by a letter).
    edges: Vec<(bool, bool)>,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

impl Scanner {
    fn new(terms: Vec<String>) -> Result<Scanner, String> {
        // Leftmost-longest, so "Saudi Arabia" wins over "Saudi".
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&terms)
            .map_err(|e| e.to_string())?;
        let edges = terms
            .iter()
            .map(|t| {
                (
                    t.chars().next().is_some_and(is_word),
                    t.chars().next_back().is_some_and(is_word),
                )
            })
            .collect();
        Ok(Scanner { automaton, edges })
    }

    /// The article's JSON line.
    fn scan(&self, id: &str, text: &str) -> String {
        let mut line = String::with_capacity(64);
        line.push_str("{\"id\":");
        line.push_str(&serde_json::to_string(id).unwrap_or_default());
        line.push_str(",\"matches\":[");
        let mut first = true;
        for m in self.automaton.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            let (ws, we) = self.edges[m.pattern().as_usize()];
            if ws && text[..start].chars().next_back().is_some_and(is_word) {
                continue;
            }
            if we && text[end..].chars().next().is_some_and(is_word) {
                continue;
            }
            if !first {
                line.push(',');
            }
            first = false;
            line.push_str(&format!(
                "[{start},{end},{}]",
                serde_json::to_string(&text[start..end]).unwrap_or_default()
            ));
        }
        line.push_str("]}\n");
        line
    }

    fn process(&self, item: &Item) -> Result<String, String> {
        match item {
            Item::File(path) => {
                let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
                let text = String::from_utf8_lossy(&bytes);
                Ok(self.scan(&benchkit::stem(path), &text))
            }
            Item::Record(line) => {
                let v: serde_json::Value =
                    serde_json::from_str(line).map_err(|e| format!("bad JSONL line: {e}"))?;
                let text = v.get("text").and_then(|t| t.as_str()).unwrap_or("");
                let id = v.get("id").and_then(|t| t.as_str()).unwrap_or("");
                Ok(self.scan(id, text))
            }
        }
    }
}

/// Articles handed to the workers at once; bounds memory on any corpus size.
const CHUNK: usize = 2048;

fn run(args: Args) -> Result<(), String> {
    let terms: Vec<String> = std::fs::read_to_string(&args.terms)
        .map_err(|e| format!("{}: {e}", args.terms.display()))?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    let scanner = Scanner::new(terms)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs)
        .build()
        .map_err(|e| e.to_string())?;
    let files = benchkit::walk(&args.inputs).map_err(|e| e.to_string())?;
    let mut out = BufWriter::with_capacity(
        1 << 16,
        File::create(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?,
    );
    let mut chunk: Vec<Item> = Vec::with_capacity(CHUNK);
    let flush = |chunk: &mut Vec<Item>, out: &mut BufWriter<File>| -> Result<(), String> {
        let lines: Vec<Result<String, String>> =
            pool.install(|| chunk.par_iter().map(|i| scanner.process(i)).collect());
        chunk.clear();
        for l in lines {
            match l {
                Ok(l) => out.write_all(l.as_bytes()).map_err(|e| e.to_string())?,
                Err(e) => eprintln!("floor: {e}"),
            }
        }
        Ok(())
    };
    for path in files {
        if path.extension().is_some_and(|x| x == "jsonl") {
            let reader = BufReader::new(File::open(&path).map_err(|e| e.to_string())?);
            for line in reader.lines() {
                let line = line.map_err(|e| e.to_string())?;
                if !line.trim().is_empty() {
                    chunk.push(Item::Record(line));
                }
                if chunk.len() == CHUNK {
                    flush(&mut chunk, &mut out)?;
                }
            }
        } else {
            chunk.push(Item::File(path));
            if chunk.len() == CHUNK {
                flush(&mut chunk, &mut out)?;
            }
        }
    }
    flush(&mut chunk, &mut out)?;
    out.flush().map_err(|e: io::Error| e.to_string())
}

fn main() -> ExitCode {
    match parse_args().and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("floor: {e}");
            ExitCode::FAILURE
        }
    }
}
