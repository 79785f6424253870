//! Reading the inputs: listing files and JSONL records ([`units`]) and turning
//! each of them into [`Article`]s ([`load`]).
//!
//! This is the only module that touches the file system. Listing is cheap and
//! sequential; the expensive part (reading, decoding, parsing) happens in
//! [`load`], which the pipeline runs on worker threads. Nothing here stops the
//! batch: whatever goes wrong with one input becomes a [`Problem`].

mod decode;
mod html;
mod jsonl;
mod markdown;
mod txt;
mod walk;

pub use walk::{Units, units};

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// One article as read, before any analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// JSONL `id` if given (string or number); else the path relative to the
    /// input root with '/' separators ("sub/a.txt"); for a file given directly,
    /// its file name; for a JSONL record without id, "<relative path>:<line>".
    pub id: String,
    /// Where it came from, for messages: the path as given on the command line
    /// joined with the relative path ("corpus/a.txt"), or "<stdin>".
    pub source: String,
    /// 1-based line for JSONL records.
    pub line: Option<u64>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    /// The `source` field of JSONL / front matter (the publisher).
    pub source_name: Option<String>,
    /// The article body as decoded; offsets computed later point into it.
    pub text: String,
}

impl Article {
    /// An article of `text` alone (no title, date or address), `id` its id and source.
    pub fn new(id: &str, text: &str) -> Self {
        Article {
            id: id.to_string(),
            source: id.to_string(),
            line: None,
            title: None,
            date: None,
            url: None,
            source_name: None,
            text: text.to_string(),
        }
    }
}

/// Something wrong with one input; the batch goes on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Problem {
    pub source: String,
    pub line: Option<u64>,
    pub message: String,
}

impl Problem {
    pub(crate) fn new(
        source: impl Into<String>,
        line: Option<u64>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            source: source.into(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    /// `source:line: message`, the shape compilers use, so editors can jump to it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.source, line, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

/// A unit of reading work, small enough to hand to a worker thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    /// Read + decode + parse happen in [`load`], on a worker.
    File {
        path: PathBuf,
        id: String,
        source: String,
    },
    /// One JSONL line already read (file or stdin); parsed in [`load`].
    /// `id` is the prefix of the fallback id: a record without its own `id`
    /// gets "{id}:{line}".
    Record {
        source: String,
        id: String,
        line: u64,
        text: String,
    },
    /// A walk or read error found while listing (unreadable folder, link loop,
    /// I/O error in the middle of a JSONL file, oversize JSONL line).
    Problem(Problem),
}

/// What one [`Unit`] produced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
}

/// How folders are walked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WalkOptions {
    pub follow_links: bool,
}

/// Size limits that keep one odd input from exhausting memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A larger file or JSONL record becomes a problem and is not loaded.
    pub max_article_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_article_bytes: 16 * 1024 * 1024,
        }
    }
}

/// The formats we know, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    Markdown,
    Html,
    Jsonl,
}

impl Kind {
    /// `None` for an extension we do not read (the walk skips such files).
    pub(crate) fn from_path(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Kind::Text),
            "md" | "markdown" => Some(Kind::Markdown),
            "html" | "htm" => Some(Kind::Html),
            "jsonl" | "ndjson" => Some(Kind::Jsonl),
            _ => None,
        }
    }
}

pub(crate) fn too_large(bytes: u64, limit: usize) -> String {
    format!("article too large: {bytes} bytes, limit {limit}")
}

/// Reads, decodes and parses one unit. Never panics: errors become problems.
pub fn load(unit: Unit, limits: &Limits) -> Loaded {
    let (source, line) = match &unit {
        Unit::File { source, .. } => (source.clone(), None),
        Unit::Record { source, line, .. } => (source.clone(), Some(*line)),
        Unit::Problem(p) => (p.source.clone(), p.line),
    };
    // The parsers are third-party code fed untrusted bytes; a bug in one of
    // them must cost one article, not the whole batch.
    match panic::catch_unwind(AssertUnwindSafe(|| load_unit(unit, limits))) {
        Ok(loaded) => loaded,
        Err(_) => Loaded {
            articles: Vec::new(),
            problems: vec![Problem::new(source, line, "internal error while reading")],
        },
    }
}

fn load_unit(unit: Unit, limits: &Limits) -> Loaded {
    let mut loaded = Loaded::default();
    match unit {
        Unit::File { path, id, source } => load_file(&path, id, source, limits, &mut loaded),
        Unit::Record {
            source,
            id,
            line,
            text,
        } => load_record(source, &id, line, &text, limits, &mut loaded),
        Unit::Problem(problem) => loaded.problems.push(problem),
    }
    loaded
}

enum Contents {
    Bytes(Vec<u8>),
    TooLarge(u64),
}

/// Reads at most `limit + 1` bytes, so a file that grows while we read it (or
/// a device that never ends) cannot take more memory than the limit.
fn read_limited(path: &Path, limit: usize) -> io::Result<Contents> {
    let file = File::open(path)?;
    let declared = file.metadata()?.len();
    if declared > limit as u64 {
        return Ok(Contents::TooLarge(declared));
    }
    let mut bytes = Vec::with_capacity(declared as usize);
    file.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        return Ok(Contents::TooLarge(declared.max(bytes.len() as u64)));
    }
    Ok(Contents::Bytes(bytes))
}

fn load_file(path: &Path, id: String, source: String, limits: &Limits, loaded: &mut Loaded) {
    let bytes = match read_limited(path, limits.max_article_bytes) {
        Ok(Contents::Bytes(bytes)) => bytes,
        Ok(Contents::TooLarge(n)) => {
            let message = too_large(n, limits.max_article_bytes);
            loaded.problems.push(Problem::new(source, None, message));
            return;
        }
        Err(e) => {
            let message = format!("cannot read file: {e}");
            loaded.problems.push(Problem::new(source, None, message));
            return;
        }
    };
    if decode::looks_binary(&bytes) {
        loaded
            .problems
            .push(Problem::new(source, None, "binary file skipped"));
        return;
    }
    // A file given directly is read whatever its extension: as plain text.
    let kind = Kind::from_path(path).unwrap_or(Kind::Text);
    let hint = match kind {
        Kind::Html => html::declared_charset(&bytes),
        _ => None,
    };
    let decoded = decode::decode(bytes, hint.as_deref());
    if let Some(message) = decoded.problem {
        loaded
            .problems
            .push(Problem::new(source.clone(), None, message));
    }
    let mut article = Article {
        id,
        source,
        line: None,
        title: None,
        date: None,
        url: None,
        source_name: None,
        text: String::new(),
    };
    match kind {
        Kind::Text => {
            let (title, text) = txt::parse(decoded.text);
            article.title = title;
            article.text = text;
        }
        Kind::Markdown => {
            let parsed = markdown::parse(decoded.text);
            if let Some(message) = parsed.problem {
                let problem = Problem::new(article.source.clone(), Some(1), message);
                loaded.problems.push(problem);
            }
            article.title = parsed.title;
            article.date = parsed.date;
            article.url = parsed.url;
            article.source_name = parsed.source;
            article.text = parsed.text;
        }
        Kind::Html => {
            let parsed = html::parse(&decoded.text);
            article.title = parsed.title;
            article.text = parsed.text;
        }
        Kind::Jsonl => {
            // `units` streams JSONL files itself; this path only serves a
            // `Unit::File` built by hand, so reading it whole is acceptable.
            let prefix = article.id;
            for (index, line) in decoded.text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let line_no = index as u64 + 1;
                load_record(
                    article.source.clone(),
                    &prefix,
                    line_no,
                    line,
                    limits,
                    loaded,
                );
            }
            return;
        }
    }
    loaded.articles.push(article);
}

fn load_record(
    source: String,
    id_prefix: &str,
    line: u64,
    text: &str,
    limits: &Limits,
    loaded: &mut Loaded,
) {
    if text.len() > limits.max_article_bytes {
        let message = too_large(text.len() as u64, limits.max_article_bytes);
        loaded
            .problems
            .push(Problem::new(source, Some(line), message));
        return;
    }
    match jsonl::parse_line(text) {
        Err(message) => loaded
            .problems
            .push(Problem::new(source, Some(line), message)),
        Ok(parsed) => {
            for message in parsed.warnings {
                let problem = Problem::new(source.clone(), Some(line), message);
                loaded.problems.push(problem);
            }
            let record = parsed.record;
            loaded.articles.push(Article {
                id: record.id.unwrap_or_else(|| format!("{id_prefix}:{line}")),
                source,
                line: Some(line),
                title: record.title,
                date: record.date,
                url: record.url,
                source_name: record.source,
                text: record.text,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// Lists and loads sequentially, as the pipeline would in parallel.
    pub(crate) fn load_all(inputs: &[PathBuf], limits: &Limits) -> (Vec<Article>, Vec<Problem>) {
        let mut articles = Vec::new();
        let mut problems = Vec::new();
        for unit in units(inputs, &WalkOptions::default()) {
            let loaded = load(unit, limits);
            articles.extend(loaded.articles);
            problems.extend(loaded.problems);
        }
        (articles, problems)
    }

    fn one_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, Vec<Article>, Vec<Problem>) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(name);
        fs::write(&path, bytes).expect("write");
        let (articles, problems) = load_all(&[path], &Limits::default());
        (dir, articles, problems)
    }

    #[test]
    fn file_given_directly_uses_file_name_as_id_and_path_as_source() {
        let (dir, articles, problems) = one_file("a.txt", b"Title\n\nBody.");
        assert!(problems.is_empty());
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].id, "a.txt");
        assert_eq!(
            articles[0].source,
            dir.path().join("a.txt").display().to_string()
        );
        assert_eq!(articles[0].title.as_deref(), Some("Title"));
        assert_eq!(articles[0].text, "Body.");
    }

    #[test]
    fn unknown_extension_given_directly_is_read_as_text() {
        let (_dir, articles, problems) = one_file("notes.dat", b"Head\n\nBody");
        assert!(problems.is_empty());
        assert_eq!(articles[0].title.as_deref(), Some("Head"));
        assert_eq!(articles[0].text, "Body");
    }

    #[test]
    fn windows_1252_text_is_decoded_with_a_problem() {
        let (_dir, articles, problems) =
            one_file("a.txt", b"Caf\xe9 cr\xe8me et d\xe9j\xe0 vu, tr\xe8s bien");
        assert_eq!(articles[0].text, "Café crème et déjà vu, très bien");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message, "not UTF-8; decoded as windows-1252");
        assert_eq!(problems[0].line, None);
    }

    #[test]
    fn utf16le_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Título\n\nCuerpo".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let (_dir, articles, problems) = one_file("a.txt", &bytes);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(articles[0].title.as_deref(), Some("Título"));
        assert_eq!(articles[0].text, "Cuerpo");
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let (_dir, articles, problems) = one_file("a.txt", b"\xef\xbb\xbfJust text");
        assert!(problems.is_empty());
        assert_eq!(articles[0].text, "Just text");
    }

    #[test]
    fn binary_file_is_skipped() {
        let (_dir, articles, problems) = one_file("a.txt", b"PK\x03\x04\x00\x00binary");
        assert!(articles.is_empty());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message, "binary file skipped");
    }

    #[test]
    fn empty_file_is_an_empty_article() {
        let (_dir, articles, problems) = one_file("a.md", b"");
        assert!(problems.is_empty());
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].text, "");
        assert_eq!(articles[0].title, None);
    }

    #[test]
    fn oversize_file_is_a_problem() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("big.txt");
        fs::write(&path, vec![b'a'; 100]).expect("write");
        let limits = Limits {
            max_article_bytes: 10,
        };
        let (articles, problems) = load_all(&[path], &limits);
        assert!(articles.is_empty());
        assert_eq!(
            problems[0].message,
            "article too large: 100 bytes, limit 10"
        );
    }

    #[test]
    fn oversize_record_is_a_problem() {
        let unit = Unit::Record {
            source: "x.jsonl".into(),
            id: "x.jsonl".into(),
            line: 3,
            text: r#"{"text": "0123456789"}"#.into(),
        };
        let loaded = load(
            unit,
            &Limits {
                max_article_bytes: 10,
            },
        );
        assert!(loaded.articles.is_empty());
        assert_eq!(
            loaded.problems,
            vec![Problem::new(
                "x.jsonl",
                Some(3),
                "article too large: 22 bytes, limit 10"
            )]
        );
    }

    #[test]
    fn missing_file_is_a_problem() {
        let unit = Unit::File {
            path: PathBuf::from("/nonexistent/newsfacts/a.txt"),
            id: "a.txt".into(),
            source: "nowhere/a.txt".into(),
        };
        let loaded = load(unit, &Limits::default());
        assert!(loaded.articles.is_empty());
        assert_eq!(loaded.problems.len(), 1);
        assert!(
            loaded.problems[0].message.starts_with("cannot read file: "),
            "{:?}",
            loaded.problems
        );
    }

    #[cfg(unix)]
    #[test]
    fn permission_denied_file_is_a_problem() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("secret.txt");
        fs::write(&path, "x").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
        if fs::read(&path).is_ok() {
            // Running as root: the file is readable, nothing to check.
            return;
        }
        let (articles, problems) = load_all(&[dir.path().to_path_buf()], &Limits::default());
        assert!(articles.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.starts_with("cannot read file: "));
        assert!(problems[0].source.ends_with("secret.txt"));
    }

    #[test]
    fn markdown_problem_points_at_line_one_and_keeps_text() {
        let (_dir, articles, problems) = one_file("a.md", b"---\ntitle: x\nbody");
        assert_eq!(articles[0].text, "---\ntitle: x\nbody");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(1));
    }

    #[test]
    fn markdown_front_matter_fills_the_article() {
        let (_dir, articles, problems) = one_file(
            "a.MD",
            b"---\ntitle: \"Quoted: title\"\ndate: '2024-05-01'\nsource: Reuters\nurl: https://example.com/a\n---\n\nBody.\n",
        );
        assert!(problems.is_empty());
        let a = &articles[0];
        assert_eq!(a.title.as_deref(), Some("Quoted: title"));
        assert_eq!(a.date.as_deref(), Some("2024-05-01"));
        assert_eq!(a.source_name.as_deref(), Some("Reuters"));
        assert_eq!(a.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(a.text, "Body.\n");
    }

    #[test]
    fn html_with_declared_windows_1252_charset() {
        let page = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head>\
                     <body><p>Cr\xe8me br\xfbl\xe9e</p></body></html>";
        let (_dir, articles, problems) = one_file("a.html", page);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(articles[0].title.as_deref(), Some("Café"));
        assert_eq!(articles[0].text, "Crème brûlée");
    }

    #[test]
    fn html_with_http_equiv_charset() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">\
                     </head><body><p>na\xefve</p></body></html>";
        let (_dir, articles, problems) = one_file("a.htm", page);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(articles[0].text, "naïve");
    }

    #[test]
    fn jsonl_file_records_load_with_line_numbers() {
        let (dir, articles, problems) = one_file(
            "feed.jsonl",
            b"{\"id\": \"a\", \"text\": \"one\"}\n\n{\"text\": \"two\"}\noops\n{\"id\": 7, \"text\": \"three\"}\n",
        );
        let ids: Vec<_> = articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "feed.jsonl:3", "7"]);
        let lines: Vec<_> = articles.iter().map(|a| a.line).collect();
        assert_eq!(lines, [Some(1), Some(3), Some(5)]);
        assert_eq!(
            articles[1].source,
            dir.path().join("feed.jsonl").display().to_string()
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(4));
        assert_eq!(problems[0].message, "expected value at column 1");
    }

    #[test]
    fn jsonl_given_as_file_unit_is_still_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("feed.ndjson");
        fs::write(&path, "{\"text\": \"one\"}\n{\"text\": 1}\n").expect("write");
        let unit = Unit::File {
            path,
            id: "feed.ndjson".into(),
            source: "in/feed.ndjson".into(),
        };
        let loaded = load(unit, &Limits::default());
        assert_eq!(loaded.articles.len(), 1);
        assert_eq!(loaded.articles[0].id, "feed.ndjson:1");
        assert_eq!(loaded.problems[0].line, Some(2));
    }

    #[test]
    fn problem_display_has_source_and_line() {
        let p = Problem::new("a.jsonl", Some(7), "expected value at column 1");
        assert_eq!(p.to_string(), "a.jsonl:7: expected value at column 1");
        let p = Problem::new("a.txt", None, "binary file skipped");
        assert_eq!(p.to_string(), "a.txt: binary file skipped");
    }
}
