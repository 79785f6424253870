//! Raw definitions of every file -> one checked, compiled [`RuleSet`].

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::RegexBuilder;
use sha2::{Digest, Sha256};

use super::error::{RuleError, RuleErrors, Severity};
use super::read::{self, AliasSettings, RawEntity, RawFile, Reader};
use super::{Alias, BUILTIN_TYPES, CasePolicy, Entity, Near, Pattern, RuleSet};
use crate::text::{Normalized, TokenKind, tokenize};

/// Compiled-regex limits: no rule file can make a run explode in memory or time.
pub(crate) const REGEX_SIZE_LIMIT: usize = 1 << 21;
pub(crate) const REGEX_NEST_LIMIT: u32 = 64;
/// Room for each pattern rule's lazy DFA per thread; a cache only grows as far as its rule
/// needs. Measured per rule on the dev set (second pass, states built): most run alike at
/// 2, 8 and 32 MiB, but person-before-title (a name, then up to six words before a title)
/// fills 2 MiB, is cleared and rebuilds: 105 ms at 2 MiB, 36 ms at 8 and 32 MiB (it needs
/// about 6). Relation rules have their own (`DFA_CACHE` in relations/pattern.rs).
pub(crate) const DFA_CACHE_LIMIT: usize = 8 << 20;
const DEFAULT_WINDOW: usize = 12;

/// A named word set: where it is defined (file, span) and its words.
type ContextSet = (Arc<str>, std::ops::Range<usize>, Vec<String>);

pub(crate) fn compile(
    sources: &[(Arc<str>, String)],
    io_errors: Vec<RuleError>,
) -> Result<RuleSet, RuleErrors> {
    use rayon::prelude::*;
    let mut diagnostics = io_errors;
    // Files are read in parallel. Rule order runs on across the pack: file `i` numbers its
    // rules from `i << 32` (on 64-bit targets), so the comparisons are those of one count
    // over all files.
    let read: Vec<(RawFile, Vec<RuleError>)> = sources
        .par_iter()
        .enumerate()
        .map(|(i, (path, text))| {
            let mut reader = Reader::new(path.clone(), text, i << (usize::BITS / 2));
            let raw = read::read_file(&mut reader, text);
            (raw, reader.diagnostics)
        })
        .collect();
    let mut files: Vec<(Arc<str>, &str, RawFile)> = Vec::new();
    for ((path, text), (raw, mut errors)) in sources.iter().zip(read) {
        diagnostics.append(&mut errors);
        files.push((path.clone(), text.as_str(), raw));
    }
    let mut c = Compiler {
        diagnostics,
        files: &files,
    };
    let set = c.compile(sources);
    let (errors, warnings): (Vec<_>, Vec<_>) = c
        .diagnostics
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    match set {
        Some(mut set) if errors.is_empty() => {
            set.warnings = warnings;
            Ok(set)
        }
        _ => Err(RuleErrors { errors, warnings }),
    }
}

/// What [`Compiler::gazetteer`] builds.
struct Gazetteer {
    entities: Vec<Entity>,
    by_id: HashMap<String, usize>,
    aliases: Vec<Alias>,
    automaton: Result<AhoCorasick, aho_corasick::BuildError>,
    patterns: Vec<Pattern>,
    pattern_filter: crate::matching::PatternFilter,
}

struct Compiler<'a> {
    diagnostics: Vec<RuleError>,
    files: &'a [(Arc<str>, &'a str, RawFile)],
}

impl Compiler<'_> {
    fn at(&mut self, severity: Severity, origin: &super::Origin, message: String) {
        let source = self
            .files
            .iter()
            .find(|(p, _, _)| *p == origin.file)
            .map(|(_, s, _)| *s)
            .unwrap_or("");
        let line_text = source
            .lines()
            .nth(origin.line.saturating_sub(1) as usize)
            .unwrap_or("");
        self.diagnostics.push(RuleError {
            severity,
            path: origin.file.clone(),
            line: origin.line as usize,
            col: origin.col as usize,
            message,
            excerpt: (origin.line > 0).then(|| (line_text.to_string(), 1)),
        });
    }

    fn error_at_span(
        &mut self,
        file: &Arc<str>,
        span: std::ops::Range<usize>,
        severity: Severity,
        message: String,
    ) {
        let source = self
            .files
            .iter()
            .find(|(p, _, _)| p == file)
            .map_or("", |(_, s, _)| *s);
        let lines = super::error::Lines::new(source);
        self.diagnostics
            .push(lines.error(severity, file, span, message));
    }

    fn compile(&mut self, sources: &[(Arc<str>, String)]) -> Option<RuleSet> {
        let files = self.files;
        // Types.
        let mut types: BTreeSet<String> = BUILTIN_TYPES.iter().map(|t| t.to_string()).collect();
        for (_, _, raw) in files {
            types.extend(raw.types.iter().map(|t| t.get_ref().clone()));
        }

        // Relation rules. They need only the raw files and the types, so they are built
        // beside the entities, pattern rules and gazetteer automaton: the two halves take
        // about the same time. Their messages still follow the patterns' ones.
        // Attributes pattern rules give mentions: relation slots can ask for them.
        let attribute_names: Vec<String> = files
            .iter()
            .flat_map(|(_, _, raw)| raw.patterns.iter())
            .flat_map(|p| p.attributes.iter().map(|(k, _)| k.clone()))
            .collect();
        let texts: Vec<(Arc<str>, &str)> = files.iter().map(|(p, t, _)| (p.clone(), *t)).collect();
        let mut relation_diagnostics = Vec::new();
        let (relations, gazetteer) = rayon::join(
            || {
                crate::relations::compile(
                    crate::relations::RelationSources {
                        relations: files
                            .iter()
                            .flat_map(|(_, _, raw)| raw.relations.iter())
                            .collect(),
                        words: files
                            .iter()
                            .flat_map(|(p, _, raw)| raw.words.iter().map(move |w| (p, w)))
                            .collect(),
                        fact_types: files
                            .iter()
                            .flat_map(|(_, _, raw)| raw.fact_types.iter())
                            .collect(),
                        sources: &texts,
                    },
                    &types,
                    &attribute_names,
                    &mut relation_diagnostics,
                )
            },
            || self.gazetteer(&types),
        );
        let Gazetteer {
            entities,
            by_id,
            aliases,
            automaton,
            patterns,
            pattern_filter,
        } = gazetteer;
        self.diagnostics.append(&mut relation_diagnostics);
        let automaton = match automaton {
            Ok(a) => a,
            Err(e) => {
                self.diagnostics.push(RuleError {
                    severity: Severity::Error,
                    path: Arc::from("rules"),
                    line: 0,
                    col: 0,
                    message: format!("cannot build the gazetteer automaton: {e}"),
                    excerpt: None,
                });
                return None;
            }
        };

        let examples: Vec<read::Example> = files
            .iter()
            .flat_map(|(_, _, raw)| raw.examples.iter().cloned())
            .collect();

        let mut resolve = HashMap::new();
        for a in &aliases {
            let e = &entities[a.entity];
            resolve
                .entry((e.etype.clone(), a.text.to_lowercase()))
                .or_insert(a.entity);
        }

        let mut hasher = Sha256::new();
        for (path, text) in sources {
            hasher.update((path.len() as u64).to_le_bytes());
            hasher.update(path.as_bytes());
            hasher.update((text.len() as u64).to_le_bytes());
            hasher.update(text.as_bytes());
        }
        let digest = format!("sha256:{}", hex(&hasher.finalize()));

        let profile = crate::profile::Profile::new(patterns.len(), relations.len());
        Some(RuleSet {
            profile,
            entities,
            by_id,
            aliases,
            automaton,
            patterns,
            pattern_filter,
            resolve,
            relations,
            examples,
            warnings: Vec::new(),
            files: sources.iter().map(|(p, _)| p.clone()).collect(),
            digest,
        })
    }

    /// The entities with their aliases, the pattern rules, the gazetteer automaton and the
    /// pattern prefilter.
    fn gazetteer(&mut self, types: &BTreeSet<String>) -> Gazetteer {
        let files = self.files;
        let type_list: Vec<&str> = types.iter().map(String::as_str).collect();
        let mut type_arcs: HashMap<String, Arc<str>> = HashMap::new();
        let mut type_arc = |t: &str| {
            type_arcs
                .entry(t.to_string())
                .or_insert_with(|| Arc::from(t))
                .clone()
        };

        // Contexts.
        let mut contexts: HashMap<String, ContextSet> = HashMap::new();
        for (path, _, raw) in files {
            for (name, words) in &raw.contexts {
                if contexts.contains_key(name.get_ref()) {
                    self.error_at_span(
                        path,
                        name.span(),
                        Severity::Error,
                        format!("context set `{}` is defined twice", name.get_ref()),
                    );
                    continue;
                }
                contexts.insert(
                    name.get_ref().clone(),
                    (path.clone(), name.span(), words.clone()),
                );
            }
        }
        let mut used_contexts: BTreeSet<String> = BTreeSet::new();

        // Entities, then extensions folded into them.
        let mut entities: Vec<Entity> = Vec::new();
        let mut by_id: HashMap<String, usize> = HashMap::new();
        let mut alias_sources: Vec<Vec<(&read::RawAlias, usize)>> = Vec::new();
        let mut extends: Vec<(&Arc<str>, &RawEntity)> = Vec::new();
        for (path, _, raw) in files {
            for e in &raw.entities {
                if e.extend {
                    extends.push((path, e));
                    continue;
                }
                let id = e.id.get_ref();
                let Some(etype) = self.check_id(path, &e.id, &type_list) else {
                    continue;
                };
                if let Some(&first) = by_id.get(id) {
                    let at = entities[first].origin.clone();
                    self.error_at_span(
                        path,
                        e.id.span(),
                        Severity::Error,
                        format!("entity `{id}` is already defined at {at}"),
                    );
                    continue;
                }
                by_id.insert(id.clone(), entities.len());
                entities.push(Entity {
                    id: id.clone(),
                    etype: type_arc(&etype),
                    name: e.name.clone(),
                    ids: e.ids.clone(),
                    attributes: e.attributes.clone(),
                    priority: e.priority,
                    origin: e.origin.clone(),
                    order: e.order,
                });
                alias_sources.push(e.aliases.iter().map(|a| (a, e.order)).collect());
            }
        }
        for (path, e) in extends {
            let Some(&target) = by_id.get(e.id.get_ref()) else {
                let hint = nearest_id(e.id.get_ref(), by_id.keys())
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                self.error_at_span(
                    path,
                    e.id.span(),
                    Severity::Error,
                    format!("[[extend]] of unknown entity `{}`{hint}", e.id.get_ref()),
                );
                continue;
            };
            for (k, v) in &e.attributes {
                match entities[target].attributes.get(k) {
                    Some(old) if old != v => {
                        self.error_at_span(
                            path,
                            e.id.span(),
                            Severity::Error,
                            format!(
                                "attribute `{k}` of `{}` contradicts the one given at {}",
                                e.id.get_ref(),
                                entities[target].origin
                            ),
                        );
                    }
                    _ => {
                        entities[target].attributes.insert(k.clone(), v.clone());
                    }
                }
            }
            alias_sources[target].extend(e.aliases.iter().map(|a| (a, e.order)));
        }

        // Aliases.
        let mut aliases: Vec<Alias> = Vec::new();
        let mut seen_alias: HashMap<(String, bool), (usize, super::Origin)> = HashMap::new();
        for (entity, list) in alias_sources.iter().enumerate() {
            let mut own: BTreeSet<String> = BTreeSet::new();
            for (raw, _) in list {
                let text = Normalized::new(raw.text.trim()).text().to_string();
                if text.is_empty() {
                    continue;
                }
                let case = raw.settings.case.unwrap_or_else(|| default_case(&text));
                if !own.insert(format!("{text}\u{0}{case:?}")) {
                    continue; // the name repeated among the aliases: harmless.
                }
                let near = self.near(&raw.settings, &contexts, &mut used_contexts, &raw.origin);
                let conditional = raw.settings.near.is_some()
                    || raw.settings.unless_next.is_some()
                    || raw.settings.unless_prev.is_some();
                let key = (
                    if case == CasePolicy::Any {
                        text.to_lowercase()
                    } else {
                        text.clone()
                    },
                    conditional,
                );
                if conditional {
                    // Context conditions are how one alias serves two entities: not a clash.
                } else if let Some((other, at)) = seen_alias.get(&key) {
                    if *other != entity {
                        let (winner, loser) = (&entities[*other], &entities[entity]);
                        let msg = format!(
                            "alias \"{}\" of `{}` is also an alias of `{}` ({at}); `{}` wins by priority or rule order",
                            raw.text,
                            loser.id,
                            winner.id,
                            if loser.priority > winner.priority {
                                &loser.id
                            } else {
                                &winner.id
                            }
                        );
                        self.at(Severity::Warning, &raw.origin, msg);
                    }
                } else {
                    seen_alias.insert(key, (entity, raw.origin.clone()));
                }
                let first = text.chars().next().unwrap_or(' ');
                let last = text.chars().last().unwrap_or(' ');
                aliases.push(Alias {
                    entity,
                    word_start: first.is_alphanumeric(),
                    word_end: last.is_alphanumeric(),
                    text,
                    case,
                    near,
                    unless_next: phrases(raw.settings.unless_next.as_deref().unwrap_or(&[])),
                    unless_prev: phrases(raw.settings.unless_prev.as_deref().unwrap_or(&[])),
                    origin: raw.origin.clone(),
                });
            }
        }
        for (name, (path, span, _)) in &contexts {
            if !used_contexts.contains(name) {
                self.error_at_span(
                    path,
                    span.clone(),
                    Severity::Warning,
                    format!("context set `{name}` is never used"),
                );
            }
        }

        // Pattern rules.
        let mut patterns = Vec::new();
        let mut pattern_ids: HashMap<String, super::Origin> = HashMap::new();
        // The regexes are built first, on every core: the largest take most of the time.
        let built: Vec<Vec<Result<regex::Regex, regex::Error>>> = {
            use rayon::prelude::*;
            files
                .iter()
                .map(|(_, _, raw)| {
                    raw.patterns
                        .par_iter()
                        .map(|p| {
                            RegexBuilder::new(p.regex.get_ref())
                                .case_insensitive(p.case_insensitive)
                                .size_limit(REGEX_SIZE_LIMIT)
                                .nest_limit(REGEX_NEST_LIMIT)
                                .dfa_size_limit(DFA_CACHE_LIMIT)
                                .build()
                        })
                        .collect()
                })
                .collect()
        };
        for ((path, _, raw), built) in files.iter().zip(built) {
            for (p, regex) in raw.patterns.iter().zip(built) {
                if p.id.contains(':') || p.id.is_empty() {
                    self.at(Severity::Error, &p.origin, format!("pattern id \"{}\" must be non-empty and have no `:` (ids with `:` are entity ids)", p.id));
                }
                if let Some(first) = pattern_ids.get(&p.id) {
                    self.at(
                        Severity::Error,
                        &p.origin,
                        format!("pattern `{}` is already defined at {first}", p.id),
                    );
                    continue;
                }
                pattern_ids.insert(p.id.clone(), p.origin.clone());
                if !types.contains(p.etype.get_ref()) {
                    let hint = read::closest(p.etype.get_ref(), &type_list)
                        .map(|c| format!(" (did you mean \"{c}\"?)"))
                        .unwrap_or_default();
                    self.error_at_span(
                        path,
                        p.etype.span(),
                        Severity::Error,
                        format!("unknown entity type \"{}\"{hint}", p.etype.get_ref()),
                    );
                    continue;
                }
                let regex = match regex {
                    Ok(r) => r,
                    Err(e) => {
                        self.regex_error(path, &p.regex, &e);
                        continue;
                    }
                };
                if regex.is_match("") {
                    self.error_at_span(
                        path,
                        p.regex.span(),
                        Severity::Warning,
                        format!("pattern `{}` can match the empty string", p.id),
                    );
                }
                let group = match &p.group {
                    None => 0,
                    Some(g) => match regex
                        .capture_names()
                        .position(|n| n == Some(g.get_ref().as_str()))
                    {
                        Some(i) => i,
                        None => {
                            self.error_at_span(
                                path,
                                g.span(),
                                Severity::Error,
                                format!("the regex has no capture group named `{}`", g.get_ref()),
                            );
                            continue;
                        }
                    },
                };
                for (key, value) in &p.attributes {
                    if let Some(name) = value.strip_prefix('$')
                        && !regex.capture_names().any(|n| n == Some(name))
                    {
                        self.at(Severity::Error, &p.origin, format!("attribute `{key}` takes group `{name}`, which the regex does not have"));
                    }
                }
                patterns.push(Pattern {
                    id: p.id.clone(),
                    etype: type_arc(p.etype.get_ref()),
                    regex,
                    case_insensitive: p.case_insensitive,
                    wide: Default::default(),
                    group,
                    entity: p.entity.clone(),
                    attributes: p.attributes.clone(),
                    priority: p.priority,
                    stop: p
                        .stop
                        .iter()
                        .map(|s| Normalized::new(s).text().to_lowercase())
                        .collect(),
                    strip_leading: p.strip_leading.clone(),
                    end_before: p.end_before.clone(),
                    unless_next: phrases(&p.unless_next),
                    unless_prev: phrases(&p.unless_prev),
                    origin: p.origin.clone(),
                    order: p.order,
                });
            }
        }
        // The gazetteer automaton and the pattern prefilter are independent: built side
        // by side.
        let (automaton, pattern_filter) = rayon::join(
            || {
                AhoCorasick::builder()
                    // Overlapping search needs standard semantics. Leftmost-longest
                    // is applied afterwards, over the candidates that pass their
                    // word-boundary, case and context checks: done inside the
                    // automaton, an invalid candidate (a match inside a longer word)
                    // could hide a valid one that starts at the same place.
                    .match_kind(MatchKind::Standard)
                    .ascii_case_insensitive(true)
                    .build(aliases.iter().map(|a| a.text.as_str()))
            },
            || {
                crate::matching::PatternFilter::new(
                    patterns
                        .iter()
                        .map(|p: &Pattern| (p.regex.as_str(), p.case_insensitive)),
                )
            },
        );
        Gazetteer {
            entities,
            by_id,
            aliases,
            automaton,
            patterns,
            pattern_filter,
        }
    }
    fn check_id(
        &mut self,
        path: &Arc<str>,
        id: &toml::Spanned<String>,
        types: &[&str],
    ) -> Option<String> {
        let Some((etype, key)) = id.get_ref().split_once(':') else {
            self.error_at_span(
                path,
                id.span(),
                Severity::Error,
                format!(
                    "entity id \"{}\" must be \"<type>:<key>\", e.g. \"mineral:lithium\"",
                    id.get_ref()
                ),
            );
            return None;
        };
        if !types.contains(&etype) {
            let hint = read::closest(etype, types)
                .map(|c| format!(" (did you mean \"{c}\"?)"))
                .unwrap_or_default();
            // Point at the type itself, inside the quotes.
            let start = id.span().start + 1;
            self.error_at_span(
                path,
                start..start + etype.len(),
                Severity::Error,
                format!("unknown entity type \"{etype}\"{hint}"),
            );
            return None;
        }
        if key.is_empty() || key.chars().any(|c| c.is_whitespace() || c == ':') {
            self.error_at_span(
                path,
                id.span(),
                Severity::Error,
                format!("entity key \"{key}\" must be non-empty, without spaces or `:`"),
            );
            return None;
        }
        Some(etype.to_string())
    }

    fn near(
        &mut self,
        settings: &AliasSettings,
        contexts: &HashMap<String, ContextSet>,
        used: &mut BTreeSet<String>,
        origin: &super::Origin,
    ) -> Option<Near> {
        let near = settings.near.as_ref()?;
        let mut words: Vec<String> = Vec::new();
        for w in near {
            if let Some(name) = w.get_ref().strip_prefix('@') {
                match contexts.get(name) {
                    Some((_, _, list)) => {
                        used.insert(name.to_string());
                        words.extend(list.iter().cloned());
                    }
                    None => {
                        let names: Vec<&str> = contexts.keys().map(String::as_str).collect();
                        let hint = read::closest(name, &names)
                            .map(|c| format!(" (did you mean `@{c}`?)"))
                            .unwrap_or_default();
                        self.at(
                            Severity::Error,
                            origin,
                            format!("unknown context set `@{name}`{hint}"),
                        );
                    }
                }
            } else {
                words.push(w.get_ref().clone());
            }
        }
        if words.is_empty() {
            self.at(
                Severity::Error,
                origin,
                "`near` lists no word: the alias could never match".to_string(),
            );
        }
        Some(Near {
            phrases: word_phrases(&words),
            window: settings.window.unwrap_or(DEFAULT_WINDOW),
        })
    }

    fn regex_error(&mut self, path: &Arc<str>, regex: &toml::Spanned<String>, e: &regex::Error) {
        // The regex crate prints its own caret under the pattern; keep its whole text.
        let message = match e {
            regex::Error::CompiledTooBig(limit) => format!(
                "regex is too big once compiled (limit {limit} bytes): simplify it or split it into several patterns"
            ),
            other => format!("invalid regex:\n{other}"),
        };
        self.error_at_span(path, regex.span(), Severity::Error, message);
    }
}

/// Words and phrases as lower-case token sequences, the way `unless_next` and
/// `unless_prev` compare them (punctuation counts: `unless_prev = ["<"]`).
pub(crate) fn phrases(list: &[String]) -> Vec<Vec<String>> {
    token_phrases(list, false)
}

/// The same, words only: `near` counts words.
pub(crate) fn word_phrases(list: &[String]) -> Vec<Vec<String>> {
    token_phrases(list, true)
}

fn token_phrases(list: &[String], words_only: bool) -> Vec<Vec<String>> {
    list.iter()
        .map(|p| {
            let norm = Normalized::new(p);
            let text = norm.text().to_lowercase();
            tokenize(&text)
                .iter()
                .filter(|t| !words_only || t.kind == TokenKind::Word)
                .map(|t| text[t.span.start..t.span.end].to_string())
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

fn default_case(alias: &str) -> CasePolicy {
    if alias.chars().any(char::is_lowercase) || !alias.chars().any(char::is_uppercase) {
        CasePolicy::Any
    } else {
        CasePolicy::Exact
    }
}

fn nearest_id<'a>(id: &str, ids: impl Iterator<Item = &'a String>) -> Option<&'a str> {
    let list: Vec<&str> = ids.map(String::as_str).collect();
    read::closest(id, &list)
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
