//! Rule files -> parsed rules -> one frozen, compiled [`RuleSet`].
//!
//! A [`RuleSetBuilder`] takes rule files or strings, reads them all, and `build` either
//! returns a `RuleSet` (gazetteer automaton, compiled regexes, relation rules) or every
//! error found, each at `path:line:col`. Nothing changes after `build`: worker threads
//! share `&RuleSet`.

mod compile;
mod error;
pub mod examples;
mod read;

/// What relation rules need to read their own tables with the same diagnostics.
pub(crate) mod read_api {
    #[cfg(test)]
    pub(crate) use super::read::read_file;
    pub(crate) use super::read::{Example, Reader, Table, get, kind};
}

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use aho_corasick::AhoCorasick;
use regex::Regex;
use serde::{Deserialize, Serialize};

pub use compile::hex;
pub(crate) use compile::{DFA_CACHE_LIMIT, REGEX_NEST_LIMIT, REGEX_SIZE_LIMIT};

pub(crate) fn error_lines(source: &str) -> error::Lines<'_> {
    error::Lines::new(source)
}
pub use error::{RuleError, RuleErrors, Severity};
pub use read::Example;

/// Where a rule was written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    pub file: Arc<str>,
    pub line: u32,
    pub col: u32,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

/// An attribute value: one string or a list of them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AttrValue {
    One(String),
    Many(Vec<String>),
}

impl AttrValue {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            AttrValue::One(s) => Some(s),
            AttrValue::Many(_) => None,
        }
    }

    pub fn values(&self) -> &[String] {
        match self {
            AttrValue::One(s) => std::slice::from_ref(s),
            AttrValue::Many(v) => v,
        }
    }
}

/// How the letter case of a match must relate to the alias as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CasePolicy {
    /// Any letter case.
    Any,
    /// Only as written.
    Exact,
    /// As written, or with the first letter capitalised.
    Initial,
}

/// Entity types every pack knows; a pack may declare more in `[types]`.
pub const BUILTIN_TYPES: &[&str] = &[
    "country",
    "region",
    "mineral",
    "organization",
    "person",
    "place",
];

/// One gazetteer entity, after `[[extend]]` tables were folded in.
#[derive(Debug, Clone)]
pub struct Entity {
    pub id: String,
    pub etype: Arc<str>,
    pub name: String,
    pub ids: BTreeMap<String, String>,
    pub attributes: BTreeMap<String, AttrValue>,
    pub priority: i32,
    pub origin: Origin,
    pub order: usize,
}

/// A word window condition: one of the phrases must stand within `window` words.
#[derive(Debug, Clone)]
pub struct Near {
    pub phrases: Vec<Vec<String>>,
    pub window: usize,
}

/// One alias of a gazetteer entity, compiled: the automaton's pattern `i` is `aliases[i]`.
#[derive(Debug, Clone)]
pub struct Alias {
    pub entity: usize,
    /// The alias as matching sees it (normalised like article text).
    pub text: String,
    pub case: CasePolicy,
    pub near: Option<Near>,
    pub unless_next: Vec<Vec<String>>,
    pub unless_prev: Vec<Vec<String>>,
    pub origin: Origin,
    /// Whether the alias starts / ends with a letter or digit: only then does a word
    /// boundary need checking on that side ("U.S." may be followed by anything).
    pub word_start: bool,
    pub word_end: bool,
}

/// A compiled pattern rule.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub id: String,
    pub etype: Arc<str>,
    pub regex: Regex,
    pub case_insensitive: bool,
    /// The search used on non-ASCII text, built when first needed.
    pub(crate) wide: crate::matching::LazyWide,
    /// Index of the capture group that is the mention (0: the whole match).
    pub group: usize,
    pub entity: Option<String>,
    pub attributes: Vec<(String, String)>,
    pub priority: i32,
    /// Lower-cased mention texts this rule must not produce.
    pub stop: Vec<String>,
    /// Words dropped from the start of a mention ("The", "Shares").
    pub strip_leading: Vec<String>,
    /// Words at which a mention ends, themselves left out ("Minister" in
    /// "Ministry of Commerce and Industry Minister Piyush Goyal").
    pub end_before: Vec<String>,
    /// Word sequences that veto a match right after / right before it.
    pub unless_next: Vec<Vec<String>>,
    pub unless_prev: Vec<Vec<String>>,
    pub origin: Origin,
    pub order: usize,
}

/// The compiled, frozen rule pack.
#[derive(Debug)]
pub struct RuleSet {
    pub(crate) entities: Vec<Entity>,
    pub(crate) by_id: std::collections::HashMap<String, usize>,
    pub(crate) aliases: Vec<Alias>,
    pub(crate) automaton: AhoCorasick,
    pub(crate) patterns: Vec<Pattern>,
    /// Which patterns can match a text, by their required literals (`matching::prefilter`).
    pub(crate) pattern_filter: crate::matching::PatternFilter,
    /// (type, lower-cased alias) -> entity, so a pattern's match that names a known
    /// entity gets the known entity's id ("BHP Billiton Ltd" -> `organization:bhp`).
    pub(crate) resolve: std::collections::HashMap<(Arc<str>, String), usize>,
    pub(crate) relations: crate::relations::Relations,
    pub(crate) examples: Vec<Example>,
    pub(crate) warnings: Vec<RuleError>,
    pub(crate) files: Vec<Arc<str>>,
    pub(crate) digest: String,
    /// Time per stage and per rule, counted once started (`extract --profile`).
    pub(crate) profile: crate::profile::Profile,
}

impl RuleSet {
    /// `sha256:` of the rule files' paths and contents, in load order.
    pub fn digest(&self) -> &str {
        &self.digest
    }

    /// This rule set's time counters: [`Profile::start`](crate::profile::Profile::start)
    /// them before a run, read [`RuleSet::profile_report`] after.
    pub fn profile(&self) -> &crate::profile::Profile {
        &self.profile
    }

    /// Where the time went since the profile was started, by stage and by rule.
    pub fn profile_report(&self) -> crate::profile::ProfileReport {
        self.profile.report(self)
    }

    pub fn warnings(&self) -> &[RuleError] {
        &self.warnings
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }

    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    pub fn aliases(&self) -> &[Alias] {
        &self.aliases
    }

    pub fn examples(&self) -> &[Example] {
        &self.examples
    }

    pub fn files(&self) -> &[Arc<str>] {
        &self.files
    }

    pub fn relations(&self) -> &crate::relations::Relations {
        &self.relations
    }

    /// Where the rule with this id (entity id, pattern id or relation id) is written.
    pub fn origin_of(&self, rule: &str) -> Option<&Origin> {
        if let Some(e) = self.entity(rule) {
            return Some(&e.origin);
        }
        if let Some(p) = self.patterns.iter().find(|p| p.id == rule) {
            return Some(&p.origin);
        }
        self.relations.origin_of(rule)
    }
}

/// Collects rule sources, then compiles them into a [`RuleSet`].
#[derive(Debug, Default)]
pub struct RuleSetBuilder {
    sources: Vec<(Arc<str>, String)>,
    io_errors: Vec<RuleError>,
}

impl RuleSetBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// A rule file, or a folder whose `.toml` files are read recursively in sorted order.
    pub fn add_path(&mut self, path: &Path) -> &mut Self {
        if path.is_dir() {
            let walk = walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                });
            let mut any = false;
            for entry in walk {
                match entry {
                    Ok(e)
                        if e.file_type().is_file()
                            && e.path().extension().is_some_and(|x| x == "toml") =>
                    {
                        any = true;
                        self.add_file(e.path());
                    }
                    Ok(_) => {}
                    Err(e) => self.io_error(path, format!("cannot read rule folder: {e}")),
                }
            }
            if !any {
                self.io_error(path, "no rule files (*.toml) in this folder".to_string());
            }
        } else {
            self.add_file(path);
        }
        self
    }

    pub fn add_file(&mut self, path: &Path) -> &mut Self {
        match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => self
                    .sources
                    .push((Arc::from(path.display().to_string()), text)),
                Err(e) => {
                    self.io_error(path, format!("rule file is not UTF-8: {}", e.utf8_error()))
                }
            },
            Err(e) => self.io_error(path, format!("cannot read rule file: {e}")),
        }
        self
    }

    /// Rules from a string; `origin` names it in messages.
    pub fn add_str(&mut self, origin: &str, text: &str) -> &mut Self {
        self.sources.push((Arc::from(origin), text.to_string()));
        self
    }

    fn io_error(&mut self, path: &Path, message: String) {
        self.io_errors.push(RuleError {
            severity: Severity::Error,
            path: Arc::from(path.display().to_string()),
            line: 0,
            col: 0,
            message,
            excerpt: None,
        });
    }

    pub fn build(&self) -> Result<RuleSet, RuleErrors> {
        compile::compile(&self.sources, self.io_errors.clone())
    }
}
