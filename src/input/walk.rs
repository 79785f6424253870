//! Listing the inputs: paths in the order given, folders walked in sorted
//! order, JSONL files and stdin streamed line by line. Listing stays cheap and
//! sequential so the output order is stable; the reading of ordinary files is
//! left to `load` on worker threads.

use std::collections::VecDeque;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

use super::{Kind, Limits, Problem, Unit, WalkOptions, too_large};

const STDIN_NAME: &str = "<stdin>";

/// Lazily yields the [`Unit`]s for the inputs. See [`units`].
pub struct Units {
    inputs: VecDeque<PathBuf>,
    follow_links: bool,
    max_record_bytes: usize,
    /// The folder being walked, if any.
    walk: Option<FolderWalk>,
    /// The JSONL stream being read, if any; it comes before `walk` resumes.
    lines: Option<Lines>,
    skipped: u64,
}

struct FolderWalk {
    root: PathBuf,
    entries: walkdir::FilterEntry<walkdir::IntoIter, fn(&DirEntry) -> bool>,
}

/// Lazily yields units for `inputs` in order: each path in the order given; a
/// folder walked recursively in byte-wise file name order; "-" for JSONL on
/// stdin.
///
/// Inside folders, files are taken by extension (`.txt .text .md .markdown
/// .html .htm .jsonl .ndjson`, any case); others are skipped and counted in
/// [`Units::skipped`]; hidden files and folders are skipped; symbolic links
/// are followed only with `follow_links`. A file given directly is read
/// whatever its extension. JSONL lines longer than the default
/// [`Limits::max_article_bytes`] become problems without being held in memory;
/// see [`Units::with_limits`] to match another limit.
pub fn units(inputs: &[PathBuf], opts: &WalkOptions) -> Units {
    Units {
        inputs: inputs.iter().cloned().collect(),
        follow_links: opts.follow_links,
        max_record_bytes: Limits::default().max_article_bytes,
        walk: None,
        lines: None,
        skipped: 0,
    }
}

impl Units {
    /// Uses the limit the pipeline loads with, so that a JSONL line over it is
    /// reported (and never buffered whole) while listing.
    pub fn with_limits(mut self, limits: &Limits) -> Self {
        self.max_record_bytes = limits.max_article_bytes;
        self
    }

    /// Files skipped so far inside folders because of their extension.
    pub fn skipped(&self) -> u64 {
        self.skipped
    }

    fn start_input(&mut self, input: PathBuf) -> Option<Unit> {
        if input.as_os_str() == "-" {
            // `Stdin` rather than its lock: the lock is not `Send`, and the
            // pipeline may move this iterator to another thread.
            let reader = BufReader::new(io::stdin());
            self.lines = Some(Lines::new(
                Box::new(reader),
                STDIN_NAME.into(),
                STDIN_NAME.into(),
            ));
            return None;
        }
        let source = input.display().to_string();
        let metadata = match fs::metadata(&input) {
            Ok(metadata) => metadata,
            Err(e) => {
                let message = format!("cannot read input: {e}");
                return Some(Unit::Problem(Problem::new(source, None, message)));
            }
        };
        if metadata.is_dir() {
            let entries = WalkDir::new(&input)
                .follow_links(self.follow_links)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(is_visible as fn(&DirEntry) -> bool);
            self.walk = Some(FolderWalk {
                root: input,
                entries,
            });
            return None;
        }
        let id = match input.file_name() {
            Some(name) => name.to_string_lossy().into_owned(),
            None => source.clone(),
        };
        self.take_file(input, id, source)
    }

    fn take_entry(&mut self, root: &Path, entry: DirEntry) -> Option<Unit> {
        // With `follow_links` this is the type of the link's target; without
        // it a link is neither file nor folder and so is left alone.
        if !entry.file_type().is_file() {
            return None;
        }
        if Kind::from_path(entry.path()).is_none() {
            self.skipped += 1;
            return None;
        }
        let id = relative_id(root, entry.path());
        let source = entry.path().display().to_string();
        self.take_file(entry.into_path(), id, source)
    }

    fn take_file(&mut self, path: PathBuf, id: String, source: String) -> Option<Unit> {
        // JSONL is streamed here; everything else is read whole by `load`.
        if Kind::from_path(&path) != Some(Kind::Jsonl) {
            return Some(Unit::File { path, id, source });
        }
        match File::open(&path) {
            Ok(file) => {
                self.lines = Some(Lines::new(Box::new(BufReader::new(file)), source, id));
                None
            }
            Err(e) => {
                let message = format!("cannot read file: {e}");
                Some(Unit::Problem(Problem::new(source, None, message)))
            }
        }
    }
}

impl Iterator for Units {
    type Item = Unit;

    fn next(&mut self) -> Option<Unit> {
        loop {
            if let Some(lines) = &mut self.lines {
                match lines.next_unit(self.max_record_bytes) {
                    Some(unit) => return Some(unit),
                    None => self.lines = None,
                }
                continue;
            }
            if let Some(walk) = &mut self.walk {
                let root = walk.root.clone();
                match walk.entries.next() {
                    None => self.walk = None,
                    Some(Err(e)) => return Some(Unit::Problem(walk_problem(&e, &root))),
                    Some(Ok(entry)) => {
                        if let Some(unit) = self.take_entry(&root, entry) {
                            return Some(unit);
                        }
                    }
                }
                continue;
            }
            let input = self.inputs.pop_front()?;
            if let Some(unit) = self.start_input(input) {
                return Some(unit);
            }
        }
    }
}

fn is_visible(entry: &DirEntry) -> bool {
    // The root was named by the user, so it counts even if it is "." or hidden.
    entry.depth() == 0 || !entry.file_name().as_encoded_bytes().starts_with(b".")
}

/// The path below the walked root, '/'-separated on every platform so ids are
/// the same wherever the corpus is read.
fn relative_id(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<_> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}

fn walk_problem(e: &walkdir::Error, root: &Path) -> Problem {
    let path = e.path().unwrap_or(root);
    let message = if let Some(ancestor) = e.loop_ancestor() {
        format!("link loop: leads back to {}", ancestor.display())
    } else if let Some(io) = e.io_error() {
        if path.is_dir() {
            format!("cannot read folder: {io}")
        } else {
            format!("cannot read: {io}")
        }
    } else {
        e.to_string()
    };
    Problem::new(path.display().to_string(), None, message)
}

/// One JSONL stream (a file or stdin), read a line at a time.
struct Lines {
    reader: Box<dyn BufRead + Send>,
    source: String,
    /// Prefix of the fallback id of records without one.
    id: String,
    /// Lines read so far, so the number of the last one.
    line: u64,
    /// Set after an I/O error: the rest of the stream cannot be trusted.
    failed: bool,
    buf: Vec<u8>,
}

enum LineRead {
    Eof,
    Line,
    TooLong(usize),
}

impl Lines {
    fn new(reader: Box<dyn BufRead + Send>, source: String, id: String) -> Self {
        Lines {
            reader,
            source,
            id,
            line: 0,
            failed: false,
            buf: Vec::new(),
        }
    }

    fn problem(&self, message: String) -> Unit {
        Unit::Problem(Problem::new(self.source.clone(), Some(self.line), message))
    }

    fn next_unit(&mut self, max_bytes: usize) -> Option<Unit> {
        while !self.failed {
            self.buf.clear();
            let read = read_capped_line(&mut *self.reader, max_bytes, &mut self.buf);
            match read {
                Ok(LineRead::Eof) => return None,
                Err(e) => {
                    self.failed = true;
                    self.line += 1;
                    return Some(self.problem(format!("cannot read file: {e}")));
                }
                Ok(LineRead::TooLong(n)) => {
                    self.line += 1;
                    return Some(self.problem(too_large(n as u64, max_bytes)));
                }
                Ok(LineRead::Line) => self.line += 1,
            }
            let mut bytes = &self.buf[..];
            if self.line == 1 {
                bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
            }
            let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            if bytes.trim_ascii().is_empty() {
                continue;
            }
            return Some(match std::str::from_utf8(bytes) {
                Ok(text) => Unit::Record {
                    source: self.source.clone(),
                    id: self.id.clone(),
                    line: self.line,
                    text: text.to_owned(),
                },
                // Worded without "column", which would read as a JSON syntax error.
                Err(e) => self.problem(format!(
                    "not UTF-8: invalid byte at position {}",
                    e.valid_up_to() + 1
                )),
            });
        }
        None
    }
}

/// Reads one line (without its '\n') into `buf`, but never more than `cap`
/// bytes of it: a longer line is consumed and reported with its length, so a
/// single huge line cannot exhaust memory.
fn read_capped_line(
    reader: &mut dyn BufRead,
    cap: usize,
    buf: &mut Vec<u8>,
) -> io::Result<LineRead> {
    let mut total = 0usize;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, used, end_of_line) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], i + 1, true),
            None => (available, available.len(), false),
        };
        total += chunk.len();
        if total <= cap {
            buf.extend_from_slice(chunk);
        }
        reader.consume(used);
        if end_of_line {
            break;
        }
    }
    Ok(match (any, total > cap) {
        (false, _) => LineRead::Eof,
        (true, true) => LineRead::TooLong(total),
        (true, false) => LineRead::Line,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{Article, load};
    use super::*;
    use std::fs;

    fn touch(path: &Path, contents: &str) {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create dirs");
        }
        fs::write(path, contents).expect("write");
    }

    fn file_ids(units: impl Iterator<Item = Unit>) -> Vec<String> {
        units
            .map(|unit| match unit {
                Unit::File { id, .. } => id,
                Unit::Record { id, line, .. } => format!("{id}:{line} (record)"),
                Unit::Problem(p) => format!("problem {}: {}", p.source, p.message),
            })
            .collect()
    }

    fn articles(inputs: &[PathBuf], opts: &WalkOptions) -> Vec<Article> {
        units(inputs, opts)
            .flat_map(|unit| load(unit, &Limits::default()).articles)
            .collect()
    }

    #[test]
    fn units_is_send() {
        fn assert_send<T: Send>() {}
        assert_send::<Units>();
    }

    #[test]
    fn sorted_nested_walk_skips_hidden_and_unknown() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        for name in [
            "b.txt",
            "a.md",
            "B.HTML",
            "sub/z.text",
            "sub/deeper/y.htm",
            "sub/a.markdown",
            "a0/x.txt",
            ".hidden.txt",
            ".git/config.txt",
            "image.png",
            "sub/notes.docx",
            "noext",
        ] {
            touch(&root.join(name), "x");
        }
        touch(&root.join("feed.NDJSON"), "{\"text\":\"a\"}\n");
        let mut units = units(&[root.to_path_buf()], &WalkOptions::default());
        let ids = file_ids(units.by_ref());
        assert_eq!(
            ids,
            [
                "B.HTML",
                "a.md",
                "a0/x.txt",
                "b.txt",
                "feed.NDJSON:1 (record)",
                "sub/a.markdown",
                "sub/deeper/y.htm",
                "sub/z.text",
            ]
        );
        assert_eq!(units.skipped(), 3);
    }

    #[test]
    fn inputs_keep_their_order_and_sources_join_the_given_path() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        touch(&root.join("corpus/sub/a.txt"), "x");
        touch(&root.join("single.weird"), "x");
        let corpus = root.join("corpus");
        let inputs = [
            root.join("single.weird"),
            corpus.clone(),
            root.join("missing"),
        ];
        let units: Vec<_> = units(&inputs, &WalkOptions::default()).collect();
        assert_eq!(units.len(), 3);
        assert_eq!(
            units[0],
            Unit::File {
                path: root.join("single.weird"),
                id: "single.weird".into(),
                source: root.join("single.weird").display().to_string(),
            }
        );
        assert_eq!(
            units[1],
            Unit::File {
                path: corpus.join("sub/a.txt"),
                id: "sub/a.txt".into(),
                source: corpus.join("sub/a.txt").display().to_string(),
            }
        );
        let Unit::Problem(problem) = &units[2] else {
            panic!("expected a problem, got {:?}", units[2]);
        };
        assert!(
            problem.message.starts_with("cannot read input: "),
            "{problem:?}"
        );
    }

    #[test]
    fn jsonl_streams_records_with_problems_in_place() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("feed.jsonl");
        touch(
            &path,
            "\u{feff}{\"id\": \"s1\", \"text\": \"one\"}\r\n\
             \n   \n\
             {\"id\": 2, \"text\": \"two\"}\n\
             {\"id\": 3, \"text\": \n\
             {\"title\": \"no text\"}\n\
             {\"text\": \"last, no newline\"}",
        );
        let mut all_articles = Vec::new();
        let mut problems = Vec::new();
        for unit in units(std::slice::from_ref(&path), &WalkOptions::default()) {
            let loaded = load(unit, &Limits::default());
            all_articles.extend(loaded.articles);
            problems.extend(loaded.problems);
        }
        let got: Vec<_> = all_articles
            .iter()
            .map(|a| (a.id.as_str(), a.line, a.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("s1", Some(1), "one"),
                ("2", Some(4), "two"),
                ("feed.jsonl:7", Some(7), "last, no newline")
            ]
        );
        let source = path.display().to_string();
        assert_eq!(
            problems,
            [
                Problem::new(
                    source.clone(),
                    Some(5),
                    "EOF while parsing a value at column 18"
                ),
                Problem::new(source, Some(6), "missing \"text\" field"),
            ]
        );
    }

    #[test]
    fn long_jsonl_line_is_a_problem_and_the_next_line_still_loads() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("feed.jsonl");
        let long = format!("{{\"text\": \"{}\"}}", "x".repeat(100));
        touch(&path, &format!("{long}\n{{\"text\": \"ok\"}}\n"));
        let limits = Limits {
            max_article_bytes: 50,
        };
        let units: Vec<_> = units(std::slice::from_ref(&path), &WalkOptions::default())
            .with_limits(&limits)
            .collect();
        assert_eq!(units.len(), 2);
        assert_eq!(
            units[0],
            Unit::Problem(Problem::new(
                path.display().to_string(),
                Some(1),
                "article too large: 112 bytes, limit 50"
            ))
        );
        assert!(
            matches!(&units[1], Unit::Record { line: 2, text, .. } if text == "{\"text\": \"ok\"}")
        );
    }

    #[test]
    fn invalid_utf8_jsonl_line_is_a_problem() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("feed.jsonl");
        fs::write(&path, b"{\"text\": \"caf\xe9\"}\n{\"text\": \"ok\"}\n").expect("write");
        let units: Vec<_> = units(&[path], &WalkOptions::default()).collect();
        assert!(
            matches!(&units[0], Unit::Problem(p) if p.line == Some(1) && p.message == "not UTF-8: invalid byte at position 14"),
            "{units:?}"
        );
        assert!(matches!(&units[1], Unit::Record { line: 2, .. }));
    }

    #[test]
    fn io_error_mid_stream_ends_that_stream() {
        struct Failing(u8);
        impl io::Read for Failing {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                self.0 += 1;
                match self.0 {
                    1 => {
                        let line = b"{\"text\": \"a\"}\n";
                        out[..line.len()].copy_from_slice(line);
                        Ok(line.len())
                    }
                    _ => Err(io::Error::other("disk on fire")),
                }
            }
        }
        let mut lines = Lines::new(
            Box::new(BufReader::new(Failing(0))),
            "f.jsonl".into(),
            "f.jsonl".into(),
        );
        assert!(matches!(
            lines.next_unit(1024),
            Some(Unit::Record { line: 1, .. })
        ));
        assert_eq!(
            lines.next_unit(1024),
            Some(Unit::Problem(Problem::new(
                "f.jsonl",
                Some(2),
                "cannot read file: disk on fire"
            )))
        );
        assert_eq!(lines.next_unit(1024), None);
    }

    #[test]
    fn hidden_root_and_dot_root_are_walked() {
        let dir = tempfile::tempdir().expect("temp dir");
        touch(&dir.path().join(".corpus/a.txt"), "x");
        let ids = file_ids(units(
            &[dir.path().join(".corpus")],
            &WalkOptions::default(),
        ));
        assert_eq!(ids, ["a.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_followed_only_when_asked() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().expect("temp dir");
        let outside = dir.path().join("outside");
        touch(&outside.join("o.txt"), "outside");
        let root = dir.path().join("corpus");
        touch(&root.join("a.txt"), "a");
        symlink(&outside, root.join("linked-dir")).expect("symlink");
        symlink(outside.join("o.txt"), root.join("linked.txt")).expect("symlink");
        let inputs = [root.clone()];

        let ids: Vec<_> = articles(&inputs, &WalkOptions::default())
            .into_iter()
            .map(|a| a.id)
            .collect();
        assert_eq!(ids, ["a.txt"]);

        let follow = WalkOptions { follow_links: true };
        let ids: Vec<_> = articles(&inputs, &follow)
            .into_iter()
            .map(|a| a.id)
            .collect();
        assert_eq!(ids, ["a.txt", "linked-dir/o.txt", "linked.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn link_loop_is_a_problem_and_the_walk_goes_on() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("corpus");
        touch(&root.join("a/x.txt"), "x");
        touch(&root.join("b.txt"), "b");
        symlink(&root, root.join("a/loop")).expect("symlink");
        // A link to itself cannot even be resolved.
        symlink(root.join("self"), root.join("self")).expect("symlink");
        let follow = WalkOptions { follow_links: true };
        let ids = file_ids(units(std::slice::from_ref(&root), &follow));
        assert_eq!(ids.len(), 4, "{ids:?}");
        assert!(
            ids[0].starts_with("problem ") && ids[0].contains("link loop: leads back to "),
            "{ids:?}"
        );
        assert_eq!(ids[1..3], ["a/x.txt", "b.txt"]);
        assert!(
            ids[3].starts_with("problem ") && ids[3].contains("cannot read: "),
            "{ids:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn unreadable_folder_is_a_problem_and_the_walk_goes_on() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("corpus");
        touch(&root.join("a/secret.txt"), "x");
        touch(&root.join("b.txt"), "b");
        let locked = root.join("a");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
        let readable = fs::read_dir(&locked).is_ok();
        let ids = file_ids(units(std::slice::from_ref(&root), &WalkOptions::default()));
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).expect("chmod back");
        if readable {
            // Running as root: the folder is readable, nothing to check.
            return;
        }
        assert_eq!(ids.len(), 2, "{ids:?}");
        assert!(
            ids[0].starts_with("problem ") && ids[0].contains("cannot read folder: "),
            "{ids:?}"
        );
        assert_eq!(ids[1], "b.txt");
    }
}
