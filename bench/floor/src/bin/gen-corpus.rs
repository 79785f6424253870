//! Makes a benchmark corpus of any size from real articles, deterministically.
//!
//!     gen-corpus (--from DIR | --from-jsonl FILE)... [--size 1GB] [--seed 7]
//!                --out PATH [--as files|jsonl] [--verbatim]
//!
//! Sources: `--from` reads a folder of articles as newsfacts' bundled `corpus/` has them
//! (`.txt` with the title on the first line, `.md` with front matter, `.html`/`.htm`,
//! `.jsonl` records with `text` and optional `id`, `title`, `date`); `--from-jsonl` reads
//! one JSONL file. Each source article is split into paragraphs.
//!
//! Output: each new article takes a random source article's title, date and first
//! paragraph (the dateline and lead), then walks its remaining paragraphs, swapping each,
//! with probability 1/4, for a random paragraph of another article; articles are made
//! until their text adds up to `--size` bytes (suffixes KB, MB, GB, TB are powers of
//! 1000). Ids are `gen-<seed>-<n>`, unique. The same sources and seed give the same bytes.
//! `--verbatim` writes each source article once under its own id instead (a JSONL
//! record's text unchanged; a file's body, headline and markup taken off).
//!
//! `--as files` writes `PATH/<n / 1000>/<id>.txt` holding the text alone; `--as jsonl`
//! writes one JSON object a line (`id`, `title`, `date`, `text`) to PATH if it ends in
//! `.jsonl`, else to `PATH/corpus.jsonl`.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    Files,
    Jsonl,
}

struct Args {
    dirs: Vec<PathBuf>,
    jsonls: Vec<PathBuf>,
    size: u64,
    seed: u64,
    out: PathBuf,
    layout: Layout,
    verbatim: bool,
}

const USAGE: &str = "usage: gen-corpus (--from DIR | --from-jsonl FILE)... [--size 1GB] [--seed 7] --out PATH [--as files|jsonl] [--verbatim]";

fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let upper = s.to_ascii_uppercase();
    let (num, mult) = [
        ("TB", 1e12),
        ("GB", 1e9),
        ("MB", 1e6),
        ("KB", 1e3),
        ("B", 1.0),
    ]
    .iter()
    .find_map(|(suffix, m)| upper.strip_suffix(suffix).map(|n| (n.to_string(), *m)))
    .unwrap_or((upper.clone(), 1.0));
    let n: f64 = num
        .trim()
        .parse()
        .map_err(|_| format!("--size: cannot read \"{s}\" (try 100MB or 1GB)"))?;
    Ok((n * mult) as u64)
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        dirs: vec![],
        jsonls: vec![],
        size: 100_000_000,
        seed: 7,
        out: PathBuf::new(),
        layout: Layout::Files,
        verbatim: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--from" => a.dirs.push(value()?.into()),
            "--from-jsonl" => a.jsonls.push(value()?.into()),
            "--size" => a.size = parse_size(&value()?)?,
            "--seed" => a.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--out" => a.out = value()?.into(),
            "--as" => {
                a.layout = match value()?.as_str() {
                    "files" => Layout::Files,
                    "jsonl" => Layout::Jsonl,
                    other => return Err(format!("--as: \"{other}\" is not files or jsonl")),
                }
            }
            "--verbatim" => a.verbatim = true,
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    if a.dirs.is_empty() && a.jsonls.is_empty() {
        return Err(format!("no source given\n{USAGE}"));
    }
    if a.out.as_os_str().is_empty() {
        return Err(format!("--out is required\n{USAGE}"));
    }
    Ok(a)
}

/// One source article taken apart.
struct Source {
    id: String,
    title: Option<String>,
    date: Option<String>,
    paras: Vec<String>,
    /// The body as read, for `--verbatim`.
    text: String,
}

/// Paragraphs: separated by blank lines, or (wire copy) by a line that starts indented.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for line in text.lines() {
        let blank = line.trim().is_empty();
        let indented = line.starts_with([' ', '\t']);
        if (blank || indented) && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        if blank {
            continue;
        }
        if !cur.is_empty() {
            cur.push('\n');
        }
        cur.push_str(line.trim());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn from_text(id: String, text: &str) -> Source {
    let mut paras = paragraphs(text);
    // A one-line first paragraph is the headline, as in corpus/*.txt.
    let title = (paras.len() > 1 && !paras[0].contains('\n')).then(|| paras.remove(0));
    Source {
        id,
        title,
        date: None,
        text: paras.join("\n\n"),
        paras,
    }
}

fn from_markdown(id: String, text: &str) -> Source {
    let mut title = None;
    let mut date = None;
    let mut body = text;
    if let Some(rest) = text.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---")
    {
        for line in rest[..end].lines() {
            if let Some((k, v)) = line.split_once(':') {
                match k.trim() {
                    "title" => title = Some(v.trim().to_string()),
                    "date" => date = Some(v.trim().to_string()),
                    _ => {}
                }
            }
        }
        body = rest[end + 4..].trim_start_matches(['-', '\n']);
    }
    let paras: Vec<String> = paragraphs(body)
        .into_iter()
        .filter(|p| {
            if let Some(h) = p.strip_prefix("# ") {
                title.get_or_insert_with(|| h.to_string());
                return false;
            }
            !p.starts_with('#')
        })
        .collect();
    Source {
        id,
        title,
        date,
        text: paras.join("\n\n"),
        paras,
    }
}

/// The text of `<p>` elements, tags dropped and the common entities decoded.
fn from_html(id: String, html: &str) -> Source {
    fn strip(s: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in s.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        let out = out
            .replace("&#x27;", "'")
            .replace("&#39;", "'")
            .replace("&quot;", "\"")
            .replace("&nbsp;", " ")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }
    let between = |open: &str, close: &str| -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = html;
        while let Some(i) = rest.find(open) {
            let after = &rest[i + open.len()..];
            let Some(gt) = after.find('>') else { break };
            let inner = &after[gt + 1..];
            let Some(end) = inner.find(close) else { break };
            out.push(strip(&inner[..end]));
            rest = &inner[end..];
        }
        out
    };
    let title = between("<h1", "</h1>")
        .into_iter()
        .next()
        .or_else(|| between("<title", "</title>").into_iter().next());
    let paras = between("<p", "</p>")
        .into_iter()
        .filter(|p| p.len() > 40)
        .collect::<Vec<_>>();
    Source {
        id,
        title,
        date: None,
        text: paras.join("\n\n"),
        paras,
    }
}

fn from_record(line: &str, fallback_id: String) -> Option<Source> {
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
    let text = s("text")?;
    Some(Source {
        id: s("id").unwrap_or(fallback_id),
        title: s("title"),
        date: s("date"),
        paras: paragraphs(&text),
        text,
    })
}

fn read_jsonl(path: &Path, out: &mut Vec<Source>) -> Result<(), String> {
    let file = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("{}: {e}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        match from_record(&line, format!("{}-{}", benchkit::stem(path), n + 1)) {
            Some(s) => out.push(s),
            None => eprintln!("gen-corpus: {}:{}: skipped", path.display(), n + 1),
        }
    }
    Ok(())
}

fn read_sources(args: &Args) -> Result<Vec<Source>, String> {
    let mut out = Vec::new();
    for path in benchkit::walk(&args.dirs).map_err(|e| e.to_string())? {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.to_ascii_uppercase().starts_with("README") {
            continue;
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if ext == "jsonl" {
            read_jsonl(&path, &mut out)?;
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue; // binary or unreadable: not an article
        };
        let id = benchkit::stem(&path);
        out.push(match ext.as_str() {
            "md" | "markdown" => from_markdown(id, &text),
            "html" | "htm" => from_html(id, &text),
            "txt" | "text" | "" => from_text(id, &text),
            _ => continue,
        });
    }
    for path in &args.jsonls {
        read_jsonl(path, &mut out)?;
    }
    out.retain(|s| !s.paras.is_empty());
    if out.is_empty() {
        return Err("no article with any text in the sources".into());
    }
    Ok(out)
}

/// SplitMix64: small, fast, and the same on every platform, which is all a corpus needs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

struct Article {
    id: String,
    title: Option<String>,
    date: Option<String>,
    text: String,
}

/// Writes articles in the chosen layout.
enum Sink {
    Files { root: PathBuf, n: usize },
    Jsonl(BufWriter<File>),
}

impl Sink {
    fn new(out: &Path, layout: Layout) -> Result<Sink, String> {
        let err = |e: std::io::Error| format!("{}: {e}", out.display());
        match layout {
            Layout::Files => {
                std::fs::create_dir_all(out).map_err(err)?;
                Ok(Sink::Files {
                    root: out.to_path_buf(),
                    n: 0,
                })
            }
            Layout::Jsonl => {
                let path = if out.extension().is_some_and(|e| e == "jsonl") {
                    if let Some(p) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
                        std::fs::create_dir_all(p).map_err(err)?;
                    }
                    out.to_path_buf()
                } else {
                    std::fs::create_dir_all(out).map_err(err)?;
                    out.join("corpus.jsonl")
                };
                let f = File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                Ok(Sink::Jsonl(BufWriter::with_capacity(1 << 20, f)))
            }
        }
    }

    fn write(&mut self, a: &Article) -> Result<(), String> {
        match self {
            Sink::Files { root, n } => {
                let dir = root.join(format!("{:04}", *n / 1000));
                if *n % 1000 == 0 {
                    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
                }
                *n += 1;
                let safe: String =
                    a.id.chars()
                        .map(|c| {
                            if c.is_alphanumeric() || "-_.".contains(c) {
                                c
                            } else {
                                '_'
                            }
                        })
                        .collect();
                let path = dir.join(format!("{safe}.txt"));
                std::fs::write(&path, &a.text).map_err(|e| format!("{}: {e}", path.display()))
            }
            Sink::Jsonl(w) => {
                let mut obj = serde_json::Map::new();
                obj.insert("id".into(), a.id.clone().into());
                if let Some(t) = &a.title {
                    obj.insert("title".into(), t.clone().into());
                }
                if let Some(d) = &a.date {
                    obj.insert("date".into(), d.clone().into());
                }
                obj.insert("text".into(), a.text.clone().into());
                serde_json::to_writer(&mut *w, &obj).map_err(|e| e.to_string())?;
                w.write_all(b"\n").map_err(|e| e.to_string())
            }
        }
    }

    fn finish(self) -> Result<(), String> {
        match self {
            Sink::Files { .. } => Ok(()),
            Sink::Jsonl(mut w) => w.flush().map_err(|e| e.to_string()),
        }
    }
}

fn run(args: Args) -> Result<(), String> {
    let sources = read_sources(&args)?;
    let mut sink = Sink::new(&args.out, args.layout)?;
    let (mut count, mut bytes) = (0u64, 0u64);
    if args.verbatim {
        for s in &sources {
            let a = Article {
                id: s.id.clone(),
                title: s.title.clone(),
                date: s.date.clone(),
                text: s.text.clone(),
            };
            bytes += a.text.len() as u64;
            count += 1;
            sink.write(&a)?;
        }
    } else {
        let mut rng = Rng(args.seed);
        while bytes < args.size {
            let base = &sources[rng.below(sources.len())];
            let mut paras: Vec<&str> = Vec::with_capacity(base.paras.len());
            for (i, p) in base.paras.iter().enumerate() {
                if i > 0 && rng.below(4) == 0 {
                    let other = &sources[rng.below(sources.len())];
                    paras.push(&other.paras[rng.below(other.paras.len())]);
                } else {
                    paras.push(p);
                }
            }
            let a = Article {
                id: format!("gen-{}-{count:09}", args.seed),
                title: base.title.clone(),
                date: base.date.clone(),
                text: paras.join("\n\n"),
            };
            bytes += a.text.len() as u64;
            count += 1;
            sink.write(&a)?;
        }
    }
    sink.finish()?;
    eprintln!(
        "gen-corpus: {count} articles, {bytes} bytes of text from {} sources -> {}",
        sources.len(),
        args.out.display()
    );
    Ok(())
}

fn main() -> ExitCode {
    match parse_args().and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1GB").unwrap(), 1_000_000_000);
        assert_eq!(parse_size("100mb").unwrap(), 100_000_000);
        assert_eq!(parse_size("1.5KB").unwrap(), 1500);
        assert_eq!(parse_size("42").unwrap(), 42);
        assert!(parse_size("lots").is_err());
    }

    #[test]
    fn wire_paragraphs_split_on_indent() {
        let t = "LONDON, March 3 - First line\ngoes on.\n    Second para\nhere.\n\nThird.";
        assert_eq!(
            paragraphs(t),
            vec![
                "LONDON, March 3 - First line\ngoes on.",
                "Second para\nhere.",
                "Third."
            ]
        );
    }

    #[test]
    fn rng_is_deterministic() {
        let (mut a, mut b) = (Rng(7), Rng(7));
        assert!((0..100).all(|_| a.next() == b.next()));
    }
}
