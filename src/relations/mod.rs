//! Mentions + sentences -> facts (agreements, roles, based_in, and whatever fact types a
//! rule pack declares).
//!
//! Relation rules are patterns over a sentence's tokens and typed entity slots (see
//! [`pattern`] for the language), compiled once to regexes over an encoded sentence. Each
//! match is a partial fact. Fact types declared with `frame = true` (agreements) are then
//! assembled across sentences: a partial that names its parties opens a frame (or joins
//! the frame with the same kind and parties), a partial without parties ("The
//! memorandum, signed by ...", "Under the deal, ...") fills the most recent open frame.

mod pattern;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use regex_automata::hybrid::dfa::{Cache as LooseCache, DFA as LooseDfa};
use regex_automata::meta::Regex;
use toml::Spanned;
use toml::de::DeValue;

use crate::extract::{ArticleView, FieldView};
use crate::knowledge::FactRecord;
use crate::matching::Candidate;
use crate::output::format::Mention;
use crate::rules::read_api::{Example, Reader, Table, get, kind};
use crate::rules::{AttrValue, Origin, RuleError, RuleSet, Severity};
use crate::text::Span;

pub(crate) use pattern::WordClass;

/// A `[words]` class with the span of its name.
pub(crate) type NamedClass = (Spanned<String>, WordClass);

// ---------------------------------------------------------------------------------------
// Reading

#[derive(Debug, Clone)]
pub(crate) struct RawRelation {
    id: Spanned<String>,
    fact: Spanned<String>,
    pattern: Spanned<String>,
    args: Vec<(String, String)>,
    attributes: Vec<(String, String)>,
    frame: Option<Spanned<String>>,
    within: Option<Spanned<String>>,
    origin: Origin,
    file: std::sync::Arc<str>,
}

/// `[facts.<type>]`: how facts of one type are shaped and identified.
#[derive(Debug, Clone)]
pub(crate) struct RawFactType {
    name: String,
    origin: Origin,
    lists: Vec<String>,
    key: Vec<String>,
    require: Vec<String>,
    min: BTreeMap<String, usize>,
    frame: bool,
    date: bool,
    collect: BTreeMap<String, Vec<String>>,
    infer: BTreeMap<String, String>,
    precedence: BTreeMap<String, Vec<String>>,
    defaults: BTreeMap<String, String>,
}

const RELATION_KEYS: &[&str] = &[
    "id",
    "fact",
    "pattern",
    "args",
    "attributes",
    "frame",
    "within",
    "examples",
];
const FACT_KEYS: &[&str] = &[
    "description",
    "lists",
    "key",
    "require",
    "min",
    "frame",
    "date",
    "collect",
    "infer",
    "precedence",
    "defaults",
];

pub(crate) fn read_rule(
    reader: &mut Reader<'_>,
    t: &Table<'_>,
    span: Range<usize>,
    examples: &mut Vec<Example>,
) -> Option<RawRelation> {
    reader.check_keys(t, "[[relation]]", RELATION_KEYS);
    let id = reader.required_string(t, "id", "[[relation]]", span.clone());
    let fact = reader.required_string(t, "fact", "[[relation]]", span.clone());
    let pattern = reader.required_string(t, "pattern", "[[relation]]", span.clone());
    let args = string_pairs(reader, t, "args");
    let attributes = string_pairs(reader, t, "attributes");
    let frame = reader.string(t, "frame");
    let within = reader.string(t, "within");
    if let Some(f) = &frame
        && !matches!(f.get_ref().as_str(), "new" | "attach")
    {
        reader.error(
            f.span(),
            format!("`frame` is \"new\" or \"attach\", not \"{}\"", f.get_ref()),
        );
    }
    let (id, fact, pattern) = (id?, fact?, pattern?);
    if let Some(ex) = get(t, "examples") {
        if let DeValue::Array(items) = ex.get_ref() {
            for item in items {
                if let Some(et) = reader.table(item, "an example")
                    && let Some(e) = reader.example(et, item.span(), id.get_ref())
                {
                    examples.push(e);
                }
            }
        } else {
            reader.error(ex.span(), "`examples` must be a list of tables");
        }
    }
    Some(RawRelation {
        origin: reader.origin(&span),
        file: reader.path.clone(),
        id,
        fact,
        pattern,
        args,
        attributes,
        frame,
        within,
    })
}

fn string_pairs(reader: &mut Reader<'_>, t: &Table<'_>, key: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some(value) = get(t, key) else { return out };
    let Some(table) = reader.table(value, &format!("`{key}`")) else {
        return out;
    };
    for (k, v) in table {
        match v.get_ref() {
            DeValue::String(s) => out.push((k.get_ref().to_string(), s.to_string())),
            other => reader.error(
                v.span(),
                format!(
                    "`{key}.{}` must be a string, found {}",
                    k.get_ref(),
                    kind(other)
                ),
            ),
        }
    }
    out
}

/// `[words]`: named word classes. A class is a list of phrases (each its own value) or a
/// table of canonical value -> phrases.
pub(crate) fn read_words(
    reader: &mut Reader<'_>,
    value: &Spanned<DeValue<'_>>,
    out: &mut Vec<(Spanned<String>, WordClass)>,
) {
    let Some(t) = reader.table(value, "[words]") else {
        return;
    };
    for (name, v) in t {
        let mut class: WordClass = Vec::new();
        match v.get_ref() {
            DeValue::Array(_) => {
                for p in reader.strings(t, name.get_ref()).unwrap_or_default() {
                    let tokens = pattern::phrase_tokens(p.get_ref());
                    class.push((tokens.join(" "), tokens));
                }
            }
            DeValue::Table(inner) => {
                for (canonical, _) in inner {
                    for p in reader
                        .strings(inner, canonical.get_ref())
                        .unwrap_or_default()
                    {
                        class.push((
                            canonical.get_ref().to_string(),
                            pattern::phrase_tokens(p.get_ref()),
                        ));
                    }
                }
            }
            other => reader.error(
                v.span(),
                format!(
                    "word class `{}` must be a list or a table, found {}",
                    name.get_ref(),
                    kind(other)
                ),
            ),
        }
        class.retain(|(_, p)| !p.is_empty());
        out.push((Spanned::new(name.span(), name.get_ref().to_string()), class));
    }
}

/// `[facts.<type>]` tables.
pub(crate) fn read_fact_types(
    reader: &mut Reader<'_>,
    value: &Spanned<DeValue<'_>>,
    out: &mut Vec<RawFactType>,
) {
    let Some(t) = reader.table(value, "[facts]") else {
        return;
    };
    for (name, v) in t {
        let Some(ft) = reader.table(v, &format!("[facts.{}]", name.get_ref())) else {
            continue;
        };
        reader.check_keys(ft, &format!("[facts.{}]", name.get_ref()), FACT_KEYS);
        let list = |r: &mut Reader<'_>, key: &str| -> Vec<String> {
            r.strings(ft, key)
                .unwrap_or_default()
                .into_iter()
                .map(Spanned::into_inner)
                .collect()
        };
        let mut collect = BTreeMap::new();
        if let Some(c) = get(ft, "collect")
            && let Some(ct) = reader.table(c, "`collect`")
        {
            for (arg, _) in ct {
                let types = reader.strings(ct, arg.get_ref()).unwrap_or_default();
                collect.insert(
                    arg.get_ref().to_string(),
                    types.into_iter().map(Spanned::into_inner).collect(),
                );
            }
        }
        let mut precedence = BTreeMap::new();
        if let Some(c) = get(ft, "precedence")
            && let Some(ct) = reader.table(c, "`precedence`")
        {
            for (attr, _) in ct {
                let order = reader.strings(ct, attr.get_ref()).unwrap_or_default();
                precedence.insert(
                    attr.get_ref().to_string(),
                    order.into_iter().map(Spanned::into_inner).collect(),
                );
            }
        }
        let infer = string_pairs(reader, ft, "infer").into_iter().collect();
        let defaults = string_pairs(reader, ft, "defaults").into_iter().collect();
        let mut min = BTreeMap::new();
        if let Some(c) = get(ft, "min")
            && let Some(ct) = reader.table(c, "`min`")
        {
            for (arg, _) in ct {
                if let Some(n) = reader.integer(ct, arg.get_ref()) {
                    min.insert(arg.get_ref().to_string(), n.max(0) as usize);
                }
            }
        }
        out.push(RawFactType {
            name: name.get_ref().to_string(),
            origin: reader.origin(&name.span()),
            lists: list(reader, "lists"),
            key: list(reader, "key"),
            require: list(reader, "require"),
            min,
            frame: reader.boolean(ft, "frame").unwrap_or(false),
            date: reader.boolean(ft, "date").unwrap_or(false),
            collect,
            infer,
            precedence,
            defaults,
        });
    }
}

// ---------------------------------------------------------------------------------------
// Compiling

#[derive(Debug)]
struct Rule {
    id: String,
    fact: usize,
    regex: Regex,
    /// [`pattern::loosen`] of the rule's pattern, forward only: searched first, and
    /// `regex` only where it matches.
    loose: LooseDfa,
    /// Each slot with the index of its capture group.
    slots: Vec<(usize, pattern::Slot)>,
    /// [`pattern::Compiled::requires`] as bit sets over [`Relations::required`]: the
    /// non-zero words of each, by word index.
    requires: Vec<Vec<(usize, u64)>>,
    args: Vec<(String, String)>,
    attributes: Vec<(String, String)>,
    frame: Option<bool>,
    /// Matched against the name of each mention of this type (the whole name), with the
    /// entities named inside it as mentions; the mention fills the role of the same name.
    within: Option<String>,
    /// Whether the rule can match a sentence that names no entity: it refers back
    /// (`^class`) or attaches to the frame before.
    entity_free: bool,
    origin: Origin,
}

/// A compiled fact type is the declaration as read: nothing in it needs compiling.
type FactType = RawFactType;

/// The compiled relation rules of a pack.
#[derive(Debug, Default)]
pub struct Relations {
    rules: Vec<Rule>,
    facts: Vec<FactType>,
    alphabet: pattern::Alphabet,
    /// Every code some rule requires, sorted: a code's position is its bit in the rules'
    /// `requires` sets and in a sentence's set of codes present.
    required: Vec<pattern::Sym>,
    /// Code -> its position in `required` (u16::MAX: not required), one entry per code.
    required_bit: Vec<u16>,
    /// Position in `required` -> the rules anchored on that code: each rule is listed
    /// under the codes of one of its `requires` sets (a word set rather than an entity
    /// set, since nearly every sentence names an entity; then the smallest), so a sentence
    /// looks only at the rules whose anchor it holds.
    anchored: Vec<Vec<u32>>,
    /// Rules without a required set: looked at in every sentence.
    unanchored: Vec<u32>,
    /// The entity types some rule looks inside (`within`), each once and sorted, with the
    /// rules that do, in pack order: a mention of another type is not looked inside.
    within: Vec<(String, Vec<u32>)>,
    /// Whether some rule can match a sentence that names no entity (see `Rule::entity_free`).
    any_entity_free: bool,
    /// Tells this pack's search caches from another's (see [`Caches`]).
    id: u64,
    /// Room for one thread's search caches, `CACHE_BUDGET` (tests set less).
    cache_budget: usize,
    /// Whether a rule's loose form is searched before its regex (tests compare both ways).
    loose_first: bool,
}

/// Room for one thread's relation-rule search caches (mostly lazy-DFA states, built as
/// sentences need them and kept for the next ones), all rules together. Past it, the
/// least recently used caches are dropped (their states are built again when needed)
/// until the total is at most three quarters of it. Without a bound, on wire copy
/// generated from the dev set at 2 threads, each thread's caches held 56 MB after 10 MB
/// of input, 77 MB after 30 MB and 88 MB after 100 MB, and kept growing with the input.
/// 48 MiB held 1 GB at 2 threads to 293 MB until the loose forms came (their automata and
/// caches: 307.6 MB, 443 CPU-s); 40 MiB: 289.1 MB, 467 CPU-s (one run each on a shared
/// machine; at 100 MB 10-13 MB less for the same CPU time).
const CACHE_BUDGET: usize = 40 << 20;

/// One thread's search caches for the rules of the pack `owner` (a [`Relations::id`]), two
/// per rule (its regex's and its loose form's), made on first use. Each worker thread keeps
/// its own, so a search takes no lock and the memory they hold can be bounded
/// (`CACHE_BUDGET`). Boxed: the caches are large structures before they hold a state, and
/// a thread keeps a slot for each even when it is empty.
#[derive(Default)]
struct Caches {
    owner: u64,
    /// Rule number -> its regex's cache.
    regex: Vec<Option<Box<regex_automata::meta::Cache>>>,
    /// Rule number -> its loose form's cache.
    loose: Vec<Option<Box<LooseCache>>>,
    /// The article count when each cache was last searched with: the regexes' by rule
    /// number, then the loose forms' (rule count + rule number).
    used: Vec<u64>,
    articles: u64,
}

impl Caches {
    /// These caches, emptied first when they were another pack's.
    fn of(&mut self, rel: &Relations) -> &mut Self {
        if self.owner != rel.id {
            *self = Caches {
                owner: rel.id,
                ..Caches::default()
            };
        }
        let n = rel.rules.len();
        if self.regex.len() < n {
            self.regex.resize_with(n, || None);
            self.loose.resize_with(n, || None);
            self.used.resize(2 * n, 0);
        }
        self
    }

    /// The memory each cache made so far holds, with its number in `used`.
    fn held(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let regex = self
            .regex
            .iter()
            .map(|r| r.as_ref().map(|r| r.memory_usage()));
        let loose = self
            .loose
            .iter()
            .map(|l| l.as_ref().map(|l| l.memory_usage()));
        regex
            .chain(loose)
            .enumerate()
            .filter_map(|(i, memory)| Some((i, memory?)))
    }
}

thread_local! {
    static CACHES: std::cell::RefCell<Caches> = std::cell::RefCell::new(Caches::default());
}

/// Relation packs compiled so far in this process, for [`Relations::id`].
static PACKS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl Relations {
    /// Runs `search` with rule `ri`'s regex and this thread's cache for it.
    fn with_regex<T>(
        &self,
        ri: usize,
        search: impl FnOnce(&Regex, &mut regex_automata::meta::Cache) -> T,
    ) -> T {
        let regex = &self.rules[ri].regex;
        CACHES.with_borrow_mut(|c| {
            let c = c.of(self);
            c.used[ri] = c.articles;
            search(
                regex,
                c.regex[ri].get_or_insert_with(|| Box::new(regex.create_cache())),
            )
        })
    }

    /// Whether rule `ri` can match `encoded` at all: its loose form matches (see
    /// [`pattern::loosen`]).
    fn may_match_text(&self, ri: usize, encoded: &[u8]) -> bool {
        if !self.loose_first {
            return true;
        }
        let loose = &self.rules[ri].loose;
        CACHES.with_borrow_mut(|c| {
            let c = c.of(self);
            c.used[self.rules.len() + ri] = c.articles;
            let cache = c.loose[ri].get_or_insert_with(|| Box::new(loose.create_cache()));
            let input = regex_automata::Input::new(encoded).earliest(true);
            // The search gives up only on a configuration this one does not set (quit
            // bytes, a minimum of cache clears): the rule's regex decides.
            loose
                .try_search_fwd(cache, &input)
                .map_or(true, |m| m.is_some())
        })
    }

    /// Keeps this thread's caches within `cache_budget`: past it, drops the least recently
    /// used ones until they hold at most three quarters of it. Called once an article is
    /// done.
    fn trim_caches(&self) {
        CACHES.with_borrow_mut(|c| {
            if c.owner != self.id {
                return;
            }
            c.articles += 1;
            let n = c.regex.len();
            let mut sizes: Vec<(u64, usize, usize)> =
                c.held().map(|(i, memory)| (c.used[i], memory, i)).collect();
            let mut total: usize = sizes.iter().map(|(_, m, _)| m).sum();
            if total <= self.cache_budget {
                return;
            }
            // Least recently used first (then the smaller, then the first rule).
            sizes.sort_unstable();
            for (_, memory, i) in sizes {
                if total <= self.cache_budget / 4 * 3 {
                    break;
                }
                // Dropped rather than reset: a reset cache keeps its allocations.
                if i < n {
                    c.regex[i] = None;
                } else {
                    c.loose[i - n] = None;
                }
                total -= memory;
            }
        });
    }

    /// The set of required codes present in `encoded`, as bits (see `required`).
    fn present(&self, encoded: &[u8], bits: &mut Vec<u64>) {
        bits.clear();
        bits.resize(self.required.len().div_ceil(64), 0);
        for code in pattern::syms(encoded) {
            let i = usize::from(self.required_bit[usize::from(code)]);
            if i != usize::from(u16::MAX) {
                bits[i / 64] |= 1 << (i % 64);
            }
        }
    }

    /// The rules worth a look in a sentence whose required codes are `present`, as a set
    /// of bits over the rules (see `anchored`); each still has to pass [`Self::may_match`].
    fn candidates(&self, present: &[u64], rules: &mut Vec<u64>) {
        rules.clear();
        rules.resize(self.rules.len().div_ceil(64), 0);
        let mut mark = |ri: u32| rules[ri as usize / 64] |= 1 << (ri % 64);
        self.unanchored.iter().copied().for_each(&mut mark);
        for bit in bits(present) {
            self.anchored[bit].iter().copied().for_each(&mut mark);
        }
    }

    /// Whether rule `ri` can match a sentence whose characters are `present`: a sentence
    /// without the rule's verb costs a few word tests, not a regex search.
    fn may_match(&self, ri: usize, present: &[u64]) -> bool {
        self.rules[ri]
            .requires
            .iter()
            .all(|any| any.iter().any(|&(w, bits)| present[w] & bits != 0))
    }
}

impl Relations {
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    pub fn origin_of(&self, rule: &str) -> Option<&Origin> {
        self.rules.iter().find(|r| r.id == rule).map(|r| &r.origin)
    }

    pub fn rule_origins(&self) -> impl Iterator<Item = (&str, &Origin)> {
        self.rules.iter().map(|r| (r.id.as_str(), &r.origin))
    }

    pub fn fact_types(&self) -> impl Iterator<Item = &str> {
        self.facts.iter().map(|f| f.name.as_str())
    }
}

pub(crate) struct RelationSources<'a> {
    pub relations: Vec<&'a RawRelation>,
    pub words: Vec<(&'a std::sync::Arc<str>, &'a NamedClass)>,
    pub fact_types: Vec<&'a RawFactType>,
    pub sources: &'a [(std::sync::Arc<str>, &'a str)],
}

pub(crate) fn compile(
    src: RelationSources<'_>,
    types: &BTreeSet<String>,
    attributes: &[String],
    diagnostics: &mut Vec<RuleError>,
) -> Relations {
    let error_at = |diagnostics: &mut Vec<RuleError>,
                    file: &std::sync::Arc<str>,
                    span: Range<usize>,
                    message: String| {
        let text = src
            .sources
            .iter()
            .find(|(p, _)| p == file)
            .map_or("", |(_, t)| *t);
        let lines = crate::rules::error_lines(text);
        diagnostics.push(lines.error(Severity::Error, file, span, message));
    };
    let mut classes: BTreeMap<String, WordClass> = BTreeMap::new();
    for (file, (name, class)) in &src.words {
        if classes
            .insert(name.get_ref().clone(), class.clone())
            .is_some()
        {
            error_at(
                diagnostics,
                file,
                name.span(),
                format!("word class `{}` is defined twice", name.get_ref()),
            );
        }
    }
    let mut facts: Vec<FactType> = Vec::new();
    for f in &src.fact_types {
        if facts.iter().any(|x| x.name == f.name) {
            diagnostics.push(plain_error(
                &f.origin,
                format!("fact type `{}` is declared twice", f.name),
            ));
            continue;
        }
        facts.push((*f).clone());
    }
    let mut rules = Vec::new();
    let mut pending = Vec::new();
    let mut alphabet = pattern::Alphabet::new(types, attributes);
    let mut seen: BTreeMap<String, Origin> = BTreeMap::new();
    for r in &src.relations {
        if let Some(first) = seen.get(r.id.get_ref()) {
            error_at(
                diagnostics,
                &r.file,
                r.id.span(),
                format!(
                    "relation `{}` is already defined at {first}",
                    r.id.get_ref()
                ),
            );
            continue;
        }
        seen.insert(r.id.get_ref().clone(), r.origin.clone());
        let Some(fact) = facts.iter().position(|f| &f.name == r.fact.get_ref()) else {
            let known: Vec<&str> = facts.iter().map(|f| f.name.as_str()).collect();
            error_at(
                diagnostics,
                &r.file,
                r.fact.span(),
                format!(
                    "unknown fact type `{}`: declare it in [facts.{}] (known: {})",
                    r.fact.get_ref(),
                    r.fact.get_ref(),
                    known.join(", ")
                ),
            );
            continue;
        };
        if let Some(w) = &r.within
            && !types.contains(w.get_ref())
        {
            error_at(
                diagnostics,
                &r.file,
                w.span(),
                format!("`within`: unknown entity type `{}`", w.get_ref()),
            );
            continue;
        }
        let compiled = match pattern::compile(r.pattern.get_ref(), types, &classes, &mut alphabet) {
            Ok(c) => c,
            Err(e) => {
                error_at(
                    diagnostics,
                    &r.file,
                    r.pattern.span(),
                    format!("bad relation pattern: {e}"),
                );
                continue;
            }
        };
        pending.push((r, fact, compiled));
    }
    // Building the automata is most of the relation rules' compile time: on every core.
    // Each syntax tree is dropped where it was built, in parallel too (large trees take
    // a while to free), and the memos the patterns were parsed with beside them.
    let memos = alphabet.compiled();
    let (built, ()) = rayon::join(
        || {
            use rayon::prelude::*;
            pending
                .par_iter_mut()
                .map(|(r, _, compiled)| {
                    let hir = std::mem::replace(&mut compiled.hir, regex_syntax::hir::Hir::empty());
                    // A `within` rule matches the whole name, not a part of it: "Lithium Chile
                    // Inc." is not "Chile Inc.".
                    let whole = r.within.is_some();
                    let regex = pattern::build(&hir, whole)?;
                    Ok((regex, pattern::build_loose(&pattern::loosen(hir), whole)?))
                })
                .collect::<Vec<Result<(Regex, LooseDfa), String>>>()
        },
        || drop(memos),
    );
    let mut required: Vec<pattern::Sym> = pending
        .iter()
        .flat_map(|(_, _, c)| c.requires.iter().flatten().copied())
        .collect();
    required.sort_unstable();
    required.dedup();
    let bitset = |chars: &[pattern::Sym]| {
        let mut words: BTreeMap<usize, u64> = BTreeMap::new();
        for c in chars {
            if let Ok(i) = required.binary_search(c) {
                *words.entry(i / 64).or_default() |= 1 << (i % 64);
            }
        }
        words.into_iter().collect::<Vec<_>>()
    };
    let mut anchored: Vec<Vec<u32>> = vec![Vec::new(); required.len()];
    let mut unanchored: Vec<u32> = Vec::new();
    for ((r, fact, compiled), regex) in pending.into_iter().zip(built) {
        let (regex, loose) = match regex {
            Ok(re) => re,
            Err(e) => {
                error_at(
                    diagnostics,
                    &r.file,
                    r.pattern.span(),
                    format!("relation pattern too large or invalid once compiled: {e}"),
                );
                continue;
            }
        };
        let refers = compiled
            .slots
            .values()
            .any(|s| matches!(s, pattern::Slot::Refer { .. }));
        let frame = r.frame.as_ref().map(|f| f.get_ref() == "new");
        // A pack's relation rules number far below u32::MAX (each builds automata).
        let ri = rules.len() as u32;
        let anchor = compiled
            .requires
            .iter()
            .min_by_key(|set| (set.iter().any(|&c| pattern::is_entity_sym(c)), set.len()));
        match anchor {
            Some(set) => {
                for c in set {
                    if let Ok(bit) = required.binary_search(c) {
                        anchored[bit].push(ri);
                    }
                }
            }
            None => unanchored.push(ri),
        }
        rules.push(Rule {
            id: r.id.get_ref().clone(),
            fact,
            entity_free: r.within.is_none() && (refers || frame == Some(false)),
            within: r.within.as_ref().map(|w| w.get_ref().clone()),
            slots: compiled
                .slots
                .into_iter()
                .filter_map(|(group, slot)| {
                    let index = regex
                        .group_info()
                        .to_index(regex_automata::PatternID::ZERO, &group)?;
                    Some((index, slot))
                })
                .collect(),
            regex,
            loose,
            requires: compiled.requires.iter().map(|any| bitset(any)).collect(),
            args: r.args.clone(),
            attributes: r.attributes.clone(),
            frame,
            origin: r.origin.clone(),
        });
    }
    let mut within: Vec<(String, Vec<u32>)> = Vec::new();
    for (ri, r) in rules.iter().enumerate() {
        let Some(otype) = &r.within else { continue };
        match within.binary_search_by(|(t, _)| t.as_str().cmp(otype)) {
            Ok(at) => within[at].1.push(ri as u32),
            Err(at) => within.insert(at, (otype.clone(), vec![ri as u32])),
        }
    }
    let any_entity_free = rules.iter().any(|r| r.entity_free);
    let mut required_bit = vec![u16::MAX; pattern::SYMS];
    for (i, &code) in required.iter().enumerate() {
        // At most SYMS codes, so every position fits below u16::MAX.
        required_bit[usize::from(code)] = i as u16;
    }
    Relations {
        rules,
        facts,
        alphabet,
        required,
        required_bit,
        anchored,
        unanchored,
        within,
        any_entity_free,
        id: PACKS.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1,
        cache_budget: CACHE_BUDGET,
        loose_first: true,
    }
}

fn plain_error(origin: &Origin, message: String) -> RuleError {
    RuleError {
        severity: Severity::Error,
        path: origin.file.clone(),
        line: origin.line as usize,
        col: origin.col as usize,
        message,
        excerpt: None,
    }
}

// ---------------------------------------------------------------------------------------
// Extracting

/// One rule match: a partial fact and where it was found.
#[derive(Debug, Clone)]
struct Partial {
    rule: usize,
    args: BTreeMap<String, Vec<String>>,
    attrs: BTreeMap<String, String>,
    evidence: Mention,
    /// (field, sentence) of the evidence, for collecting mentions later.
    sentence: (usize, usize),
}

/// [`Relations::may_match_text`], timed for the profile (`crate::profile`): one search of
/// a sentence for the rule.
fn loose_match(rules: &RuleSet, ri: usize, encoded: &[u8]) -> bool {
    let since = rules.profile.clock();
    let may = rules.relations.may_match_text(ri, encoded);
    rules.profile.relation(ri, since, 1, 0);
    may
}

pub fn extract(
    rules: &RuleSet,
    view: &ArticleView<'_>,
    date: Option<&str>,
) -> Vec<(String, FactRecord)> {
    let rel = &rules.relations;
    if rel.rules.is_empty() {
        return Vec::new();
    }
    let any_entity_free = rel.any_entity_free;
    let any_within = !rel.within.is_empty();
    let mut partials: Vec<Partial> = Vec::new();
    let mut encoded: Vec<u8> = Vec::new();
    let mut scratch = String::new();
    let mut present: Vec<u64> = Vec::new();
    let mut candidates: Vec<u64> = Vec::new();
    let mut symbols: Vec<(usize, Span, usize)> = Vec::new();
    let mut nested: Vec<Candidate> = Vec::new();
    for (fi, fv) in view.fields.iter().enumerate() {
        let mentions = &fv.matches.mentions;
        // Candidates that lost to a longer mention, by start: the names inside names.
        let mut inner: Vec<(Span, usize)> = Vec::new();
        if any_within {
            inner = fv
                .matches
                .overlapped
                .iter()
                .filter_map(|(span, r)| match r {
                    crate::matching::RuleRef::Alias(a) => Some((*span, *a)),
                    _ => None,
                })
                .collect();
            inner.sort_by_key(|(span, _)| (span.start, std::cmp::Reverse(span.end)));
        }
        for (si, sentence) in fv.analyzed.sentences.iter().enumerate() {
            let first = mentions.partition_point(|m| m.span.start < sentence.start);
            let last = mentions.partition_point(|m| m.span.start < sentence.end);
            // Most rules need an entity; a sentence without one is skipped before it is
            // encoded unless some rule refers back or attaches.
            if first == last && !any_entity_free {
                continue;
            }
            encode(
                rules,
                fv,
                *sentence,
                &mentions[first..last],
                &mut encoded,
                &mut symbols,
                &mut scratch,
            );
            rel.present(&encoded, &mut present);
            rel.candidates(&present, &mut candidates);
            for ri in bits(&candidates).filter(|&ri| {
                let r = &rel.rules[ri];
                r.within.is_none()
                    && (first < last || r.entity_free)
                    && rel.may_match(ri, &present)
                    && loose_match(rules, ri, &encoded)
            }) {
                let rule = &rel.rules[ri];
                let since = rules.profile.clock();
                let mut hits = 0;
                rel.with_regex(ri, |regex, cache| {
                    let mut caps = regex.create_captures();
                    let mut it = regex_automata::util::iter::Searcher::new(
                        regex_automata::Input::new(&encoded[..]),
                    );
                    // As `captures_iter`, with this thread's cache.
                    while it
                        .advance(|input| {
                            regex.search_captures_with(cache, input, &mut caps);
                            Ok(caps.get_match())
                        })
                        .is_some()
                    {
                        hits += 1;
                        if let Some(p) = partial(
                            rules,
                            view,
                            fv,
                            ri,
                            rule,
                            &caps,
                            &mentions[first..last],
                            &symbols,
                            *sentence,
                            (fi, si),
                        ) {
                            partials.push(p);
                        }
                    }
                });
                rules.profile.relation(ri, since, 0, hits);
            }
            if !any_within {
                continue;
            }
            for outer in &mentions[first..last] {
                let otype = outer.entity_type(rules);
                let Some((_, inside)) = rel.within.iter().find(|(t, _)| t == otype) else {
                    continue;
                };
                names_inside(rules, outer, &inner, &mut nested);
                if nested.is_empty() {
                    continue;
                }
                encode(
                    rules,
                    fv,
                    outer.span,
                    &nested,
                    &mut encoded,
                    &mut symbols,
                    &mut scratch,
                );
                rel.present(&encoded, &mut present);
                for ri in inside
                    .iter()
                    .map(|&ri| ri as usize)
                    .filter(|&ri| rel.may_match(ri, &present) && loose_match(rules, ri, &encoded))
                {
                    let rule = &rel.rules[ri];
                    let since = rules.profile.clock();
                    let mut caps = rule.regex.create_captures();
                    rel.with_regex(ri, |regex, cache| {
                        regex.search_captures_with(
                            cache,
                            &regex_automata::Input::new(&encoded[..]),
                            &mut caps,
                        );
                    });
                    rules
                        .profile
                        .relation(ri, since, 0, u64::from(caps.is_match()));
                    if !caps.is_match() {
                        continue;
                    }
                    if let Some(mut p) = partial(
                        rules,
                        view,
                        fv,
                        ri,
                        rule,
                        &caps,
                        &nested,
                        &symbols,
                        *sentence,
                        (fi, si),
                    ) {
                        let list = p.args.entry(otype.to_string()).or_default();
                        let id = outer.entity_id(rules).to_string();
                        if !list.contains(&id) {
                            list.insert(0, id);
                        }
                        partials.push(p);
                    }
                }
            }
        }
    }
    rel.trim_caches();
    assemble(rules, view, partials, date)
}

/// The positions of the set bits of `words`, in ascending order.
fn bits(words: &[u64]) -> impl Iterator<Item = usize> + '_ {
    words.iter().enumerate().flat_map(|(w, &word)| {
        let mut rest = word;
        std::iter::from_fn(move || {
            (rest != 0).then(|| {
                let bit = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                w * 64 + bit
            })
        })
    })
}

/// The gazetteer names inside `outer` that lost to it ("Saudi Arabian" in "Saudi Arabian
/// Mining Company"), longest first where they overlap, in text order. Shorter aliases of
/// the outer entity itself are not names inside it: "China Baowu", an alias of "China
/// Baowu Steel Group", would hide the "China" it begins with.
fn names_inside(
    rules: &RuleSet,
    outer: &Candidate,
    inner: &[(Span, usize)],
    out: &mut Vec<Candidate>,
) {
    out.clear();
    let span = outer.span;
    let own = outer.entity_id(rules);
    let from = inner.partition_point(|(s, _)| s.start < span.start);
    let mut end = span.start;
    for &(s, alias) in &inner[from..] {
        if s.start >= span.end {
            break;
        }
        if s.end > span.end || s == span || s.start < end {
            continue;
        }
        if rules.entities[rules.aliases[alias].entity].id == own {
            continue;
        }
        end = s.end;
        out.push(Candidate {
            span: s,
            target: crate::matching::Target::Known(rules.aliases[alias].entity),
            rule: crate::matching::RuleRef::Alias(alias),
            priority: 0,
            order: 0,
            attrs: Vec::new(),
        });
    }
}

/// Encodes a sentence (see [`pattern`]) and remembers each symbol's start and span.
fn encode(
    rules: &RuleSet,
    fv: &FieldView<'_>,
    sentence: Span,
    mentions: &[Candidate],
    out: &mut Vec<u8>,
    symbols: &mut Vec<(usize, Span, usize)>,
    scratch: &mut String,
) {
    out.clear();
    symbols.clear();
    let text = fv.analyzed.norm.text();
    let tokens = &fv.analyzed.tokens[fv.analyzed.tokens_in(sentence)];
    let mut m = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        if m < mentions.len() && mentions[m].span.start <= t.span.start {
            let c = &mentions[m];
            symbols.push((out.len(), c.span, m));
            pattern::push_sym(
                out,
                rules.relations.alphabet.entity_sym(
                    c.entity_type(rules),
                    c.attrs.iter().map(|(k, _)| k.as_str()),
                ),
            );
            while i < tokens.len() && tokens[i].span.start < c.span.end {
                i += 1;
            }
            m += 1;
            continue;
        }
        symbols.push((out.len(), t.span, usize::MAX));
        pattern::encode_token(
            out,
            &text[t.span.start..t.span.end],
            t.kind,
            &rules.relations.alphabet,
            scratch,
        );
        i += 1;
    }
}

#[allow(clippy::too_many_arguments)]
fn partial(
    rules: &RuleSet,
    view: &ArticleView<'_>,
    fv: &FieldView<'_>,
    ri: usize,
    rule: &Rule,
    caps: &regex_automata::util::captures::Captures,
    mentions: &[Candidate],
    symbols: &[(usize, Span, usize)],
    sentence: Span,
    at: (usize, usize),
) -> Option<Partial> {
    let mut args: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut role_mentions: BTreeMap<String, &Candidate> = BTreeMap::new();
    let mut words: BTreeMap<String, String> = BTreeMap::new();
    for (group, slot) in &rule.slots {
        let Some(m) = caps.get_group(*group) else {
            continue;
        };
        match slot {
            pattern::Slot::Entity { role } => {
                let k = symbols.partition_point(|(s, _, _)| *s < m.start);
                let c = mentions.get(symbols.get(k)?.2)?;
                let id = c.entity_id(rules).to_string();
                let list = args.entry(role.clone()).or_default();
                if !list.contains(&id) {
                    list.push(id);
                }
                role_mentions.entry(role.clone()).or_insert(c);
            }
            pattern::Slot::Refer { role, canonical } => {
                let k = symbols.partition_point(|(s, _, _)| *s < m.start);
                let pos = symbols.get(k)?.1.start;
                let ids = refer(rules, view, at.0, pos, canonical);
                if ids.is_empty() {
                    return None;
                }
                let list = args.entry(role.clone()).or_default();
                for id in ids {
                    if !list.contains(&id) {
                        list.push(id);
                    }
                }
            }
            pattern::Slot::Word { name, canonical } => {
                words
                    .entry(name.clone())
                    .or_insert_with(|| canonical.clone());
            }
            pattern::Slot::Text { name } => {
                let first = symbols.partition_point(|(s, _, _)| *s < m.start);
                let last = symbols.partition_point(|(s, _, _)| *s < m.end);
                if first < last {
                    let span = Span::new(symbols[first].1.start, symbols[last - 1].1.end);
                    let mention = fv.mention(&view.doc, span, std::sync::Arc::from(""));
                    words
                        .entry(name.clone())
                        .or_insert(crate::knowledge::collapse_space(&mention.text));
                }
            }
        }
    }
    let lookup_attr = |name: &str| -> Option<String> {
        if let Some((role, attr)) = name.split_once('.') {
            let c = role_mentions.get(role)?;
            if let Some((_, v)) = c.attrs.iter().find(|(k, _)| k == attr) {
                return Some(v.clone());
            }
            let id = c.entity_id(rules);
            return rules
                .entity(id)?
                .attributes
                .get(attr)?
                .as_str()
                .map(str::to_string);
        }
        if let Some(w) = words.get(name) {
            return Some(w.clone());
        }
        args.get(name).and_then(|v| v.first().cloned())
    };
    let lookup = |name: &str| -> Option<String> {
        // `{role.attr=a/b}`: nothing when the attribute is one of the values, else the
        // alternative fails ("{place.kind=state/province}" keeps cities out).
        if let Some((name, values)) = name.split_once('=') {
            let have = lookup_attr(name)?;
            return values.split('/').any(|v| v == have).then(String::new);
        }
        lookup_attr(name)
    };
    let extra: Vec<(String, String)> = rule
        .args
        .iter()
        .filter_map(|(name, template)| fill(template, &lookup).map(|v| (name.clone(), v)))
        .collect();
    let attrs: BTreeMap<String, String> = rule
        .attributes
        .iter()
        .filter_map(|(name, template)| fill(template, &lookup).map(|v| (name.clone(), v)))
        .collect();
    for (name, v) in extra {
        let list = args.entry(name).or_default();
        if !list.contains(&v) {
            list.push(v);
        }
    }
    let evidence = fv.mention(&view.doc, sentence, std::sync::Arc::from(rule.id.as_str()));
    Some(Partial {
        rule: ri,
        args,
        attrs,
        evidence,
        sentence: at,
    })
}

/// What a referring phrase at `at` (field `fi`) stands for, by its canonical value:
/// - `TYPE*2` ("the two countries"): the last pair of that type written as "A and B" (or
///   "A, B") before it; else the two the article named most often before it;
/// - `TYPE@main` ("the government"): the one the article named most often before it;
/// - `TYPE` ("the company", "the plant"): the first of that type in the nearest earlier
///   sentence that names one;
/// - `TYPE@subject` ("it"): the subject of the phrase's own sentence before it ("Cominco
///   said it sold"), else of the sentence before, else, when the sentence before has no
///   subject ("It said ...", "This follows ..."), of the article's lead. A subject of another
///   type (a country, a person) stops the search: "it" is then not of this type.
///
/// A suffix `!attr=v1/v2` drops an entity whose `attr` is one of the values
/// (`organization@subject!kind=agency/ministry`: a regulator does not sell a business).
/// Nothing when the article gives no such entity.
fn refer(
    rules: &RuleSet,
    view: &ArticleView<'_>,
    fi: usize,
    at: usize,
    canonical: &str,
) -> Vec<String> {
    let (canonical, unless) = match canonical.split_once('!') {
        Some((c, u)) => (c, u.split_once('=')),
        None => (canonical, None),
    };
    let allowed = |id: &str| -> bool {
        let Some((attr, values)) = unless else {
            return true;
        };
        let have = rules
            .entity(id)
            .and_then(|e| e.attributes.get(attr))
            .and_then(|v| v.as_str());
        !have.is_some_and(|h| values.split('/').any(|v| v == h))
    };
    let mut ids = refer_ids(rules, view, fi, at, canonical);
    ids.retain(|id| allowed(id));
    ids
}

fn refer_ids(
    rules: &RuleSet,
    view: &ArticleView<'_>,
    fi: usize,
    at: usize,
    canonical: &str,
) -> Vec<String> {
    let (etype, how) = match canonical.find(['*', '@']) {
        Some(i) => (&canonical[..i], &canonical[i..]),
        None => (canonical, ""),
    };
    if how == "@subject" {
        return subject_before(rules, &view.fields[fi], at, etype)
            .map(|id| vec![id])
            .unwrap_or_default();
    }
    // Mentions of the type before the phrase, in text order: (field, mention).
    let mut before: Vec<(usize, &Candidate)> = Vec::new();
    for (i, fv) in view.fields.iter().enumerate().take(fi + 1) {
        for c in &fv.matches.mentions {
            if (i < fi || c.span.end <= at) && c.entity_type(rules) == etype {
                before.push((i, c));
            }
        }
    }
    let most_named = |n: usize| -> Vec<String> {
        let mut counts: Vec<(String, usize, usize)> = Vec::new();
        for (order, (_, c)) in before.iter().enumerate() {
            let id = c.entity_id(rules);
            match counts.iter_mut().find(|(x, _, _)| x == id) {
                Some(e) => e.1 += 1,
                None => counts.push((id.to_string(), 1, order)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        if counts.len() < n || (counts.len() > n && counts[n - 1].1 == counts[n].1) {
            return Vec::new(); // no clear winner
        }
        counts.into_iter().take(n).map(|(id, _, _)| id).collect()
    };
    match how {
        "*2" => {
            for w in before.windows(2).rev() {
                let ((f1, a), (f2, b)) = (w[0], w[1]);
                if f1 != f2 || a.entity_id(rules) == b.entity_id(rules) {
                    continue;
                }
                let text = view.fields[f1].analyzed.norm.text();
                let between = text.get(a.span.end..b.span.start).unwrap_or("").trim();
                if matches!(between, "and" | "," | "&" | ", and") {
                    return vec![
                        a.entity_id(rules).to_string(),
                        b.entity_id(rules).to_string(),
                    ];
                }
            }
            most_named(2)
        }
        "@main" => most_named(1),
        "" => {
            // The nearest earlier sentence (not the phrase's own) that names one.
            let fv = &view.fields[fi];
            let own = fv.analyzed.sentences.partition_point(|s| s.end <= at);
            let own_start = fv.analyzed.sentences.get(own).map_or(at, |s| s.start);
            let Some(&(f, last)) = before
                .iter()
                .rev()
                .find(|(f, c)| *f < fi || c.span.end <= own_start)
            else {
                return Vec::new();
            };
            let sentences = &view.fields[f].analyzed.sentences;
            let si = sentences.partition_point(|s| s.end <= last.span.start);
            let start = sentences.get(si).map_or(0, |s| s.start);
            before
                .iter()
                .find(|(g, c)| *g == f && c.span.start >= start)
                .map(|(_, c)| vec![c.entity_id(rules).to_string()])
                .unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

/// What a sentence is about, as far as a subject of one type goes.
enum Subject {
    /// A mention of the type opens the sentence: its entity.
    Of(String),
    /// The sentence opens with a mention of another type followed by a verb ("China
    /// said", "Smith agreed").
    Other,
    /// A pronoun comes first ("It said", "In 2021 it agreed"): it refers further back.
    Pronoun,
    /// Nothing that says ("Analysts said", "This follows ...").
    None,
}

/// Words that, before any name, make the sentence's subject a pronoun.
const PRONOUNS: &[&str] = &["it", "its", "they", "their", "he", "his", "she", "her"];

/// How many tokens from the start of a sentence its subject may begin (a dateline, "New
/// Jersey-based overnight messenger ...").
const SUBJECT_WINDOW: usize = 16;

/// The subject of the sentence `s` of `fv`, looking only before `until`: the first mention
/// of `etype`, with nothing acting before it. A mention of another type is a modifier when
/// a possessive, a hyphen, punctuation or a capitalised word follows it ("Japan's
/// Mitsubishi", "New Jersey-based", "ATLANTA, April 1 - "); followed by a lower-case word
/// it is the subject ("China said it ...").
fn sentence_subject(
    rules: &RuleSet,
    fv: &FieldView<'_>,
    s: Span,
    until: usize,
    etype: &str,
) -> Subject {
    let text = fv.analyzed.norm.text();
    let tokens = &fv.analyzed.tokens[fv.analyzed.tokens_in(s)];
    let mentions = &fv.matches.mentions;
    let mut m = mentions.partition_point(|c| c.span.start < s.start);
    let mut i = 0;
    let mut seen = 0;
    while i < tokens.len() && seen < SUBJECT_WINDOW && tokens[i].span.start < until {
        let t = tokens[i];
        if let Some(c) = mentions
            .get(m)
            .filter(|c| c.span.start <= t.span.start && c.span.end <= s.end)
        {
            if c.entity_type(rules) == etype {
                return Subject::Of(c.entity_id(rules).to_string());
            }
            while i < tokens.len() && tokens[i].span.start < c.span.end {
                i += 1;
            }
            m += 1;
            seen += 1;
            let next = tokens.get(i).map(|t| &text[t.span.start..t.span.end]);
            if next.is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase)) {
                return Subject::Other;
            }
            continue;
        }
        let word = &text[t.span.start..t.span.end];
        if PRONOUNS.iter().any(|p| p.eq_ignore_ascii_case(word)) {
            return Subject::Pronoun;
        }
        i += 1;
        seen += 1;
    }
    Subject::None
}

/// `TYPE@subject` (see [`refer`]): the subject of the phrase's sentence before it, of the
/// sentence before, or of the lead.
fn subject_before(rules: &RuleSet, fv: &FieldView<'_>, at: usize, etype: &str) -> Option<String> {
    let sentences = &fv.analyzed.sentences;
    let own = sentences.partition_point(|s| s.end <= at);
    let own_span = *sentences.get(own)?;
    let mut tries = vec![(own_span, at)];
    if own > 0 {
        tries.push((sentences[own - 1], sentences[own - 1].end));
        if own > 1 {
            tries.push((sentences[0], sentences[0].end));
        }
    }
    for (s, until) in tries {
        match sentence_subject(rules, fv, s, until, etype) {
            Subject::Of(id) => return Some(id),
            // "China said it ...": the phrase is not of this type.
            Subject::Other => return None,
            Subject::Pronoun | Subject::None => {}
        }
    }
    None
}

/// The first alternative of `a|b|c` whose `{placeholders}` all resolve.
fn fill(template: &str, lookup: &impl Fn(&str) -> Option<String>) -> Option<String> {
    'alternatives: for alt in template.split('|') {
        let mut out = String::new();
        let mut rest = alt;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                continue 'alternatives;
            };
            match lookup(&rest[open + 1..open + close]) {
                Some(v) => out.push_str(&v),
                None => continue 'alternatives,
            }
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        if !out.is_empty() {
            return Some(out);
        }
    }
    None
}

/// A fact being assembled.
#[derive(Debug, Clone)]
struct Frame {
    fact: usize,
    args: BTreeMap<String, BTreeSet<String>>,
    attrs: BTreeMap<String, String>,
    evidence: BTreeSet<Mention>,
    sentences: BTreeSet<(usize, usize)>,
}

fn assemble(
    rules: &RuleSet,
    view: &ArticleView<'_>,
    partials: Vec<Partial>,
    date: Option<&str>,
) -> Vec<(String, FactRecord)> {
    let rel = &rules.relations;
    let mut frames: Vec<Frame> = Vec::new();
    for p in partials {
        let rule = &rel.rules[p.rule];
        let ft = &rel.facts[rule.fact];
        let new_frame = Frame {
            fact: rule.fact,
            args: p
                .args
                .iter()
                .map(|(k, v)| (k.clone(), v.iter().cloned().collect()))
                .collect(),
            attrs: p.attrs.clone(),
            evidence: BTreeSet::from([p.evidence.clone()]),
            sentences: BTreeSet::from([p.sentence]),
        };
        if !ft.frame {
            frames.push(new_frame);
            continue;
        }
        let identifying: Vec<&String> = ft.key.iter().filter(|k| ft.lists.contains(*k)).collect();
        let opens = rule.frame.unwrap_or_else(|| {
            identifying
                .iter()
                .any(|k| p.args.get(*k).is_some_and(|v| !v.is_empty()))
        });
        let compatible = |f: &Frame| {
            f.fact == rule.fact
                && match (f.attrs.get("kind"), p.attrs.get("kind")) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                }
        };
        // A frame below `min` (one party) is kept until the end, but a match that brings no
        // party of its own goes to the frame before it that is complete: the lone party of
        // a passing remark must not take the sentences meant for the real agreement.
        let brings = identifying
            .iter()
            .any(|k| p.args.get(*k).is_some_and(|v| !v.is_empty()));
        let complete = |f: &Frame| {
            ft.min
                .iter()
                .all(|(arg, &n)| f.args.get(arg).map_or(0, BTreeSet::len) >= n)
        };
        let target = if rule.frame == Some(true) {
            None // `frame = "new"`: always a frame of its own
        } else if opens {
            frames.iter().rposition(|f| {
                compatible(f)
                    && identifying.iter().all(|k| {
                        let mine: BTreeSet<String> = p
                            .args
                            .get(*k)
                            .map(|v| v.iter().cloned().collect())
                            .unwrap_or_default();
                        f.args.get(*k).cloned().unwrap_or_default() == mine
                    })
            })
        } else {
            frames
                .iter()
                .rposition(|f| compatible(f) && (brings || complete(f)))
                .or_else(|| frames.iter().rposition(compatible))
        };
        match target {
            Some(i) => merge_frame(&mut frames[i], new_frame, ft),
            None => frames.push(new_frame),
        }
    }

    // Roles found in this article, for inferring parties from signatories.
    let mut affiliations: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &frames {
        if rel.facts[f.fact].name == "role"
            && let (Some(p), Some(a)) = (f.args.get("person"), f.args.get("affiliation"))
        {
            for person in p {
                affiliations
                    .entry(person.clone())
                    .or_default()
                    .extend(a.iter().cloned());
            }
        }
    }

    let mut out: BTreeMap<String, FactRecord> = BTreeMap::new();
    for mut f in frames {
        let ft = &rel.facts[f.fact];
        // Mentions of the collected types in the frame's sentences fill their arg, unless
        // the entity already has a role in the fact.
        for (arg, types) in &ft.collect {
            let taken: BTreeSet<String> = f.args.values().flatten().cloned().collect();
            for &(fi, si) in &f.sentences {
                let fv = &view.fields[fi];
                let s = fv.analyzed.sentences[si];
                for c in fv.matches.mentions.iter().filter(|c| s.contains(&c.span)) {
                    let id = c.entity_id(rules);
                    if types.iter().any(|t| t == c.entity_type(rules)) && !taken.contains(id) {
                        f.args
                            .entry(arg.clone())
                            .or_default()
                            .insert(id.to_string());
                    }
                }
            }
        }
        for (arg, from) in &ft.infer {
            if f.args.get(arg).is_none_or(BTreeSet::is_empty) {
                let inferred: BTreeSet<String> = f
                    .args
                    .get(from)
                    .into_iter()
                    .flatten()
                    .filter_map(|person| affiliations.get(person))
                    .flatten()
                    .cloned()
                    .collect();
                if !inferred.is_empty() {
                    f.args.insert(arg.clone(), inferred);
                }
            }
        }
        if ft
            .require
            .iter()
            .any(|r| f.args.get(r).is_none_or(BTreeSet::is_empty) && !f.attrs.contains_key(r))
        {
            continue;
        }
        if ft
            .min
            .iter()
            .any(|(arg, &n)| f.args.get(arg).map_or(0, BTreeSet::len) < n)
        {
            continue;
        }
        for (k, v) in &ft.defaults {
            f.attrs.entry(k.clone()).or_insert_with(|| v.clone());
        }
        if ft.date
            && let Some(d) = date
        {
            f.attrs
                .entry("date".into())
                .or_insert_with(|| normalize_date(d));
        }
        let args: BTreeMap<String, AttrValue> = f
            .args
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| {
                let value = if ft.lists.contains(&k) || v.len() > 1 {
                    AttrValue::Many(v.into_iter().collect())
                } else {
                    AttrValue::One(v.into_iter().next().unwrap_or_default())
                };
                (k, value)
            })
            .collect();
        let attributes: BTreeMap<String, AttrValue> = f
            .attrs
            .into_iter()
            .map(|(k, v)| (k, AttrValue::One(v)))
            .collect();
        let id = fact_id(ft, &args, &attributes);
        let record = FactRecord {
            ftype: ft.name.clone(),
            args,
            attributes,
            evidence: f.evidence,
        };
        match out.get_mut(&id) {
            Some(existing) => merge_record(existing, record, ft),
            None => {
                out.insert(id, record);
            }
        }
    }
    out.into_iter().collect()
}

/// Two frames of an article that came out as the same fact (same kind, parties and date):
/// one fact, its lists joined, an attribute with a precedence taking the most definite
/// value (a deal reported as signed in one place and agreed in another is signed), any
/// other attribute the first value.
fn merge_record(into: &mut FactRecord, other: FactRecord, ft: &FactType) {
    for (k, v) in other.args {
        match into.args.get_mut(&k) {
            None => {
                into.args.insert(k, v);
            }
            Some(old) => {
                let mut all: BTreeSet<String> =
                    old.values().iter().map(|s| s.to_string()).collect();
                all.extend(v.values().iter().map(|s| s.to_string()));
                if all.len() > 1 || ft.lists.contains(&k) {
                    *old = AttrValue::Many(all.into_iter().collect());
                }
            }
        }
    }
    for (k, v) in other.attributes {
        match into.attributes.get(&k) {
            None => {
                into.attributes.insert(k, v);
            }
            Some(old) => {
                if let (Some(order), AttrValue::One(new), AttrValue::One(was)) =
                    (ft.precedence.get(&k), &v, old)
                {
                    let rank = |x: &str| order.iter().position(|o| o == x).unwrap_or(usize::MAX);
                    if rank(new) < rank(was) {
                        into.attributes.insert(k, v);
                    }
                }
            }
        }
    }
    into.evidence.extend(other.evidence);
}

fn merge_frame(into: &mut Frame, other: Frame, ft: &FactType) {
    for (k, v) in other.args {
        into.args.entry(k).or_default().extend(v);
    }
    for (k, v) in other.attrs {
        match into.attrs.get(&k) {
            None => {
                into.attrs.insert(k, v);
            }
            Some(old) => {
                if let Some(order) = ft.precedence.get(&k) {
                    let rank = |x: &str| order.iter().position(|o| o == x).unwrap_or(usize::MAX);
                    if rank(&v) < rank(old) {
                        into.attrs.insert(k, v);
                    }
                }
            }
        }
    }
    into.evidence.extend(other.evidence);
    into.sentences.extend(other.sentences);
}

/// `type:value/value/...` over the fact type's key (args and attributes), lists joined
/// with `+`: readable, and the same for the same fact in any article.
fn fact_id(
    ft: &FactType,
    args: &BTreeMap<String, AttrValue>,
    attributes: &BTreeMap<String, AttrValue>,
) -> String {
    let keys: Vec<&String> = if ft.key.is_empty() {
        args.keys().collect()
    } else {
        ft.key.iter().collect()
    };
    let parts: Vec<String> = keys
        .iter()
        .map(|k| {
            args.get(*k)
                .or_else(|| attributes.get(*k))
                .map(|v| v.values().join("+"))
                .unwrap_or_default()
        })
        .collect();
    format!("{}:{}", ft.name, parts.join("/"))
}

/// ISO `YYYY-MM-DD` from the date forms articles carry ("2024-01-10", "26-FEB-1987
/// 15:01:01.79", "January 10, 2024", "10 January 2024"); anything else as it is.
pub fn normalize_date(raw: &str) -> String {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let s = raw.trim();
    if s.len() >= 10
        && s.as_bytes()[4] == b'-'
        && s.as_bytes()[7] == b'-'
        && s[..4].chars().all(|c| c.is_ascii_digit())
    {
        return s[..10].to_string();
    }
    let parts: Vec<&str> = s
        .split(['-', ' ', ',', '/'])
        .filter(|p| !p.is_empty())
        .collect();
    let month = |p: &str| {
        MONTHS
            .iter()
            .position(|m| p.to_ascii_lowercase().starts_with(m))
            .map(|i| i + 1)
    };
    let num = |p: &str| p.parse::<u32>().ok();
    let (mut d, mut m, mut y) = (None, None, None);
    for p in parts.iter().take(4) {
        if let Some(mm) = month(p) {
            m.get_or_insert(mm as u32);
        } else if let Some(n) = num(p) {
            if n > 31 {
                y.get_or_insert(n);
            } else {
                d.get_or_insert(n);
            }
        }
    }
    match (y, m, d) {
        (Some(y), Some(m), Some(d)) if (1..=31).contains(&d) => format!("{y:04}-{m:02}-{d:02}"),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_date;

    /// This thread's relation search caches: how many, and the memory they hold.
    fn caches_held() -> (usize, usize) {
        super::CACHES.with_borrow(|c| {
            let held: Vec<usize> = c.held().map(|(_, memory)| memory).collect();
            (held.len(), held.iter().sum())
        })
    }

    /// Dropping the search caches past the budget changes what the rules find in nothing,
    /// and leaves the thread holding at most the budget.
    #[test]
    fn caches_stay_within_their_budget_and_change_nothing() {
        let mut rules = default_pack();
        let text = "Japan and Saudi Arabia signed a memorandum of understanding on Tuesday \
            to invest jointly in mining projects in Africa. Manara Minerals, a joint venture \
            of Ma'aden and the Public Investment Fund, agreed to buy a 10% stake in Vale Base \
            Metals. Ken Saito, Japan's industry minister, said the deal would secure lithium \
            and nickel supplies.";
        let full = crate::rules::examples::extract_text(&rules, text);
        let (count, held) = caches_held();
        assert!(count > 0 && held > 0, "{count} caches, {held} bytes");
        assert!(!full.facts.is_empty());
        rules.relations.cache_budget = held / 2;
        let trimmed = crate::rules::examples::extract_text(&rules, text);
        assert!(
            caches_held().1 <= held / 2,
            "{:?} after trimming",
            caches_held()
        );
        rules.relations.cache_budget = 0;
        let none = crate::rules::examples::extract_text(&rules, text);
        assert_eq!(caches_held(), (0, 0));
        assert_eq!(full, trimmed);
        assert_eq!(full, none);
    }

    /// Searching each rule's loose form first skips only searches that would find nothing:
    /// the sample articles give the same knowledge both ways.
    #[test]
    fn the_loose_forms_change_nothing() {
        let mut rules = default_pack();
        let mut texts: Vec<(std::path::PathBuf, String)> = std::fs::read_dir("corpus")
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            // One sample is Latin-1 on purpose (the bad-input case): read lossily, its
            // words still make sentences.
            .map(|p| {
                let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
                (p, text)
            })
            .collect();
        texts.sort();
        assert!(texts.len() >= 10, "the sample articles are there");
        let extract = |rules: &crate::rules::RuleSet| -> Vec<crate::knowledge::Knowledge> {
            texts
                .iter()
                .map(|(_, t)| crate::rules::examples::extract_text(rules, t))
                .collect()
        };
        let with = extract(&rules);
        rules.relations.loose_first = false;
        let without = extract(&rules);
        let facts: usize = with.iter().map(|k| k.facts.len()).sum();
        assert!(facts > 50, "{facts} facts");
        for (((path, _), a), b) in texts.iter().zip(&with).zip(&without) {
            assert_eq!(a, b, "{}", path.display());
        }
    }

    /// The bundled rule pack, compiled.
    fn default_pack() -> crate::rules::RuleSet {
        crate::rules::RuleSetBuilder::new()
            .add_path(std::path::Path::new("rules"))
            .build()
            .unwrap()
    }

    /// What `pack` extracts from `text`.
    fn knowledge(pack: &str, text: &str) -> crate::knowledge::Knowledge {
        let rules = crate::rules::RuleSetBuilder::new()
            .add_str("t.toml", pack)
            .build()
            .unwrap();
        crate::rules::examples::extract_text(&rules, text)
    }

    fn facts(pack: &str, text: &str) -> Vec<String> {
        knowledge(pack, text).facts.into_keys().collect()
    }

    const PACK: &str = r#"
        [facts.based_in]
        key = ["organization", "country"]
        require = ["organization", "country"]
        [[entity]]
        id = "country:CN"
        name = "China"
        [[entity]]
        id = "place:zhejiang"
        name = "Zhejiang"
        attributes = { country = "CN", kind = "province" }
        [[entity]]
        id = "place:london"
        name = "London"
        attributes = { country = "GB", kind = "city" }
        [[entity]]
        id = "organization:china-baowu"
        name = "China Baowu Steel Group"
        aliases = ["China Baowu"]
        [[entity]]
        id = "organization:zhejiang-huayou"
        name = "Zhejiang Huayou Cobalt"
        [[entity]]
        id = "organization:lme"
        name = "London Metal Exchange"
        [[relation]]
        id = "starts-with-country"
        fact = "based_in"
        pattern = '{country: country} <word>+'
        within = "organization"
        [[relation]]
        id = "starts-with-province"
        fact = "based_in"
        pattern = '{place: place} <word>+'
        args = { country = "country:{place.country}{place.kind=state/province}" }
        within = "organization"
    "#;

    // A shorter alias of the name itself ("China Baowu") hid the country it begins with.
    #[test]
    fn within_sees_past_the_names_own_shorter_alias() {
        let f = facts(PACK, "China Baowu Steel Group agreed.");
        assert_eq!(f, ["based_in:organization:china-baowu/country:CN"]);
    }

    #[test]
    fn attribute_test_in_a_template_drops_the_arg_when_it_fails() {
        let f = facts(
            PACK,
            "Zhejiang Huayou Cobalt and the London Metal Exchange agreed.",
        );
        assert_eq!(f, ["based_in:organization:zhejiang-huayou/country:CN"]);
    }

    /// Facts of `text` as `id status=.. signatories=..` lines, for the tests below.
    fn described(pack: &str, text: &str) -> Vec<String> {
        knowledge(pack, text)
            .facts
            .into_iter()
            .filter(|(id, _)| id.starts_with("agreement:"))
            .map(|(id, f)| {
                let status = f.attributes.get("status").map(|v| v.values().join(","));
                let signatories = f.args.get("signatories").map(|v| v.values().join(","));
                format!(
                    "{id} status={} signatories={}",
                    status.unwrap_or_default(),
                    signatories.unwrap_or_default()
                )
            })
            .collect()
    }

    const AGREEMENTS: &str = r#"
        [facts.agreement]
        lists = ["parties", "signatories"]
        key = ["kind", "parties"]
        require = ["parties"]
        min = { parties = 2 }
        frame = true
        infer = { parties = "signatories" }
        precedence = { status = ["signed", "proposed"] }
        [facts.role]
        key = ["person", "affiliation"]
        [words.kind]
        memorandum = ["memorandum"]
        [words.refer-pair]
        "country*2" = ["the two countries"]
        [words.refer-pronoun]
        "organization@subject!kind=agency" = ["it"]
        [[entity]]
        id = "country:JP"
        name = "Japan"
        [[entity]]
        id = "country:SA"
        name = "Saudi Arabia"
        [[entity]]
        id = "country:CL"
        name = "Chile"
        [[entity]]
        id = "person:ken-saito"
        name = "Ken Saito"
        [[entity]]
        id = "person:bandar-alkhorayef"
        name = "Bandar Alkhorayef"
        [[entity]]
        id = "organization:glencore"
        name = "Glencore"
        [[entity]]
        id = "organization:teck"
        name = "Teck"
        [[entity]]
        id = "organization:fhlbb"
        name = "FHLBB"
        attributes = { kind = "agency" }
        [[relation]]
        id = "pair-signed"
        fact = "agreement"
        pattern = '{parties: country} and {parties: country} signed a {kind: @kind}'
        attributes = { kind = "{kind}", status = "signed" }
        [[relation]]
        id = "pair-plan"
        fact = "agreement"
        pattern = '{parties: country} and {parties: country} plan a {kind: @kind}'
        attributes = { kind = "{kind}", status = "proposed" }
        [[relation]]
        id = "one-wants"
        fact = "agreement"
        pattern = '{parties: country} wants a {kind: @kind}'
        attributes = { kind = "{kind}", status = "proposed" }
        [[relation]]
        id = "the-two-countries"
        fact = "agreement"
        pattern = '{parties: ^refer-pair} signed a {kind: @kind}'
        attributes = { kind = "{kind}", status = "signed" }
        [[relation]]
        id = "it-sold"
        fact = "agreement"
        pattern = '{parties: ^refer-pronoun} sold ~4 to {parties: organization}'
        attributes = { kind = "sale" }
        [[relation]]
        id = "signed-by"
        fact = "agreement"
        pattern = 'the {kind: @kind} was signed by {signatories: person} and {signatories: person}'
        attributes = { kind = "{kind}" }
        [[relation]]
        id = "role"
        fact = "role"
        pattern = "{affiliation: country} ' s {person: person}"
        [[relation]]
        id = "persons-signed"
        fact = "agreement"
        pattern = '{signatories: person} and ~3 {signatories: person} signed a {kind: @kind}'
        attributes = { kind = "{kind}", status = "signed" }
        frame = "new"
    "#;

    #[test]
    fn refer_pair_is_the_last_pair_named_a_and_b() {
        let f = described(
            AGREEMENTS,
            "Japan and Chile met. Saudi Arabia sent a note. The two countries signed a memorandum.",
        );
        assert_eq!(
            f,
            ["agreement:memorandum/country:CL+country:JP status=signed signatories="]
        );
    }

    #[test]
    fn refer_subject_of_its_own_sentence_the_one_before_or_the_lead() {
        let own = described(
            AGREEMENTS,
            "Teck met Glencore. Glencore said it sold its mines to Teck.",
        );
        assert_eq!(
            own,
            ["agreement:sale/organization:glencore+organization:teck status= signatories="]
        );
        // "It said ..." has no subject of its own: the lead's, not Teck of the sentence
        // before the one before.
        let lead = described(
            AGREEMENTS,
            "Glencore bought a smelter. Prices fell at Teck. It said a loss. It sold the smelter to Teck.",
        );
        assert_eq!(
            lead,
            ["agreement:sale/organization:glencore+organization:teck status= signatories="]
        );
    }

    #[test]
    fn refer_subject_is_never_another_type_nor_an_excluded_kind() {
        for text in [
            "Glencore bought a smelter. Chile said it sold its stake to Teck.",
            "FHLBB said it sold the assets to Teck.",
            "Prices fell. It sold its mines to Teck.",
        ] {
            assert_eq!(described(AGREEMENTS, text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn frame_new_opens_a_frame_even_after_a_compatible_one() {
        let f = described(
            AGREEMENTS,
            "Japan and Chile signed a memorandum. Saudi Arabia's Bandar Alkhorayef and Japan's Ken Saito signed a memorandum.",
        );
        assert_eq!(
            f,
            [
                "agreement:memorandum/country:CL+country:JP status=signed signatories=",
                "agreement:memorandum/country:JP+country:SA status=signed signatories=person:bandar-alkhorayef,person:ken-saito",
            ]
        );
    }

    #[test]
    fn same_id_frames_merge_and_the_status_with_precedence_wins() {
        let f = described(
            AGREEMENTS,
            "Japan and Saudi Arabia plan a memorandum. Saudi Arabia's Bandar Alkhorayef and Japan's Ken Saito signed a memorandum.",
        );
        assert_eq!(
            f,
            [
                "agreement:memorandum/country:JP+country:SA status=signed signatories=person:bandar-alkhorayef,person:ken-saito"
            ]
        );
    }

    #[test]
    fn an_attachment_prefers_the_complete_frame_to_a_later_lone_party() {
        let f = described(
            AGREEMENTS,
            "Japan and Saudi Arabia signed a memorandum. Chile wants a memorandum. The memorandum was signed by Ken Saito and Bandar Alkhorayef.",
        );
        assert_eq!(
            f,
            [
                "agreement:memorandum/country:JP+country:SA status=signed signatories=person:bandar-alkhorayef,person:ken-saito"
            ]
        );
    }

    #[test]
    fn within_matches_the_whole_name_only() {
        // "China Group" is the end of the name, not the name.
        let pack = format!(
            "{PACK}\n[[entity]]\nid = \"organization:bank-of-china\"\nname = \"Bank of China Group\"\n"
        );
        assert_eq!(
            facts(&pack, "Bank of China Group lent the money."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn dates() {
        for (raw, want) in [
            ("2024-01-10", "2024-01-10"),
            ("26-FEB-1987 15:01:01.79", "1987-02-26"),
            ("January 10, 2024", "2024-01-10"),
            ("10 January 2024", "2024-01-10"),
            ("sometime", "sometime"),
        ] {
            assert_eq!(normalize_date(raw), want);
        }
    }
}
