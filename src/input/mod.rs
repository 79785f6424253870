//! Placeholder until the real reader lands: plain files only.
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub id: String,
    pub source: String,
    pub line: Option<u64>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub source_name: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Problem {
    pub source: String,
    pub line: Option<u64>,
    pub message: String,
}

pub enum Unit {
    File {
        path: PathBuf,
        id: String,
        source: String,
    },
    Record {
        source: String,
        line: u64,
        text: String,
    },
    Problem(Problem),
}

pub struct Loaded {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
}

#[derive(Default)]
pub struct WalkOptions {
    pub follow_links: bool,
}

pub struct Limits {
    pub max_article_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_article_bytes: 16 << 20,
        }
    }
}

pub fn load(unit: Unit, _limits: &Limits) -> Loaded {
    match unit {
        Unit::File { path, id, source } => match std::fs::read_to_string(&path) {
            Ok(text) => Loaded {
                articles: vec![Article {
                    id,
                    source,
                    line: None,
                    title: None,
                    date: None,
                    url: None,
                    source_name: None,
                    text,
                }],
                problems: vec![],
            },
            Err(e) => Loaded {
                articles: vec![],
                problems: vec![Problem {
                    source,
                    line: None,
                    message: e.to_string(),
                }],
            },
        },
        Unit::Record { source, line, .. } => Loaded {
            articles: vec![],
            problems: vec![Problem {
                source,
                line: Some(line),
                message: "todo".into(),
            }],
        },
        Unit::Problem(p) => Loaded {
            articles: vec![],
            problems: vec![p],
        },
    }
}

pub struct Units {
    items: std::vec::IntoIter<Unit>,
}

impl Units {
    pub fn skipped(&self) -> usize {
        0
    }
}

impl Iterator for Units {
    type Item = Unit;
    fn next(&mut self) -> Option<Unit> {
        self.items.next()
    }
}

pub fn units(inputs: &[PathBuf], _opts: &WalkOptions) -> Units {
    let mut v = Vec::new();
    for i in inputs {
        for e in walkdir::WalkDir::new(i)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if e.file_type().is_file() {
                let id = e
                    .path()
                    .strip_prefix(i)
                    .unwrap_or(e.path())
                    .display()
                    .to_string();
                v.push(Unit::File {
                    path: e.path().to_path_buf(),
                    id,
                    source: e.path().display().to_string(),
                });
            }
        }
    }
    Units {
        items: v.into_iter(),
    }
}
