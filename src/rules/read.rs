//! Reading one rule file: TOML (parsed with positions) -> raw definitions, every error
//! collected with its position instead of stopping at the first.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::error::{Lines, RuleError, Severity};
use super::{AttrValue, CasePolicy, Origin};

pub(crate) type Table<'i> = DeTable<'i>;

/// Settings that an entity gives all its aliases and an alias may override.
#[derive(Debug, Clone, Default)]
pub(crate) struct AliasSettings {
    pub case: Option<CasePolicy>,
    pub near: Option<Vec<Spanned<String>>>,
    pub window: Option<usize>,
    pub unless_next: Option<Vec<String>>,
    pub unless_prev: Option<Vec<String>>,
}

impl AliasSettings {
    /// These settings, with the gaps filled from `defaults`.
    pub fn or(&self, defaults: &AliasSettings) -> AliasSettings {
        AliasSettings {
            case: self.case.or(defaults.case),
            near: self.near.clone().or_else(|| defaults.near.clone()),
            window: self.window.or(defaults.window),
            unless_next: self
                .unless_next
                .clone()
                .or_else(|| defaults.unless_next.clone()),
            unless_prev: self
                .unless_prev
                .clone()
                .or_else(|| defaults.unless_prev.clone()),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct RawAlias {
    pub text: String,
    pub origin: Origin,
    pub settings: AliasSettings,
}

#[derive(Debug, Clone)]
pub struct Example {
    /// The rule (entity id, pattern id, relation id or file) the example belongs to.
    pub owner: String,
    pub origin: Origin,
    pub text: String,
    pub expect: Vec<String>,
    pub reject: Vec<String>,
    pub facts: Vec<String>,
    pub no_facts: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct RawEntity {
    pub id: Spanned<String>,
    pub name: String,
    pub aliases: Vec<RawAlias>,
    pub ids: BTreeMap<String, String>,
    pub attributes: BTreeMap<String, AttrValue>,
    pub priority: i32,
    pub origin: Origin,
    pub order: usize,
    pub extend: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct RawPattern {
    pub id: String,
    pub etype: Spanned<String>,
    pub regex: Spanned<String>,
    pub group: Option<Spanned<String>>,
    pub entity: Option<String>,
    pub attributes: Vec<(String, String)>,
    pub priority: i32,
    pub case_insensitive: bool,
    pub stop: Vec<String>,
    pub strip_leading: Vec<String>,
    pub end_before: Vec<String>,
    pub unless_next: Vec<String>,
    pub unless_prev: Vec<String>,
    pub origin: Origin,
    pub order: usize,
}

/// What one file contributes to the rule pack.
#[derive(Debug, Default)]
pub(crate) struct RawFile {
    pub types: Vec<Spanned<String>>,
    pub contexts: Vec<(Spanned<String>, Vec<String>)>,
    pub entities: Vec<RawEntity>,
    pub patterns: Vec<RawPattern>,
    pub examples: Vec<Example>,
    pub relations: Vec<crate::relations::RawRelation>,
    pub words: Vec<(Spanned<String>, crate::relations::WordClass)>,
    pub fact_types: Vec<crate::relations::RawFactType>,
}

/// The reading context of one file: its path, text and the diagnostics found so far.
pub(crate) struct Reader<'a> {
    pub path: Arc<str>,
    pub lines: Lines<'a>,
    pub diagnostics: Vec<RuleError>,
    /// Rule order across the whole pack: the next rule gets this number.
    pub order: usize,
}

impl<'a> Reader<'a> {
    pub fn new(path: Arc<str>, source: &'a str, order: usize) -> Self {
        Reader {
            path,
            lines: Lines::new(source),
            diagnostics: Vec::new(),
            order,
        }
    }

    pub fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        let e = self
            .lines
            .error(Severity::Error, &self.path, span, message.into());
        self.diagnostics.push(e);
    }

    pub fn origin(&self, span: &Range<usize>) -> Origin {
        let (line, col, _) = self.lines.locate(span.start);
        Origin {
            file: self.path.clone(),
            line: line as u32,
            col: col as u32,
        }
    }

    pub fn next_order(&mut self) -> usize {
        self.order += 1;
        self.order
    }

    /// Reports keys of `table` that are not in `allowed`.
    pub fn check_keys(&mut self, table: &Table<'_>, what: &str, allowed: &[&str]) {
        for key in table.keys() {
            if !allowed.contains(&key.get_ref().as_ref()) {
                let hint = closest(key.get_ref(), allowed)
                    .map(|c| format!(" (did you mean `{c}`?)"))
                    .unwrap_or_default();
                self.error(
                    key.span(),
                    format!(
                        "unknown key `{}` in {what}{hint}; expected one of {}",
                        key.get_ref(),
                        allowed.join(", ")
                    ),
                );
            }
        }
    }

    pub fn string(&mut self, table: &Table<'_>, key: &str) -> Option<Spanned<String>> {
        let value = get(table, key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(Spanned::new(value.span(), s.to_string())),
            other => {
                self.error(
                    value.span(),
                    format!("`{key}` must be a string, found {}", kind(other)),
                );
                None
            }
        }
    }

    pub fn required_string(
        &mut self,
        table: &Table<'_>,
        key: &str,
        what: &str,
        span: Range<usize>,
    ) -> Option<Spanned<String>> {
        if get(table, key).is_none() {
            self.error(span, format!("{what} needs `{key}`"));
            return None;
        }
        self.string(table, key)
    }

    pub fn integer(&mut self, table: &Table<'_>, key: &str) -> Option<i64> {
        let value = get(table, key)?;
        match value.get_ref() {
            DeValue::Integer(i) => {
                let digits = i.as_str().replace('_', "");
                match i64::from_str_radix(
                    digits
                        .trim_start_matches("0x")
                        .trim_start_matches("0o")
                        .trim_start_matches("0b"),
                    i.radix(),
                ) {
                    Ok(n) => Some(n),
                    Err(e) => {
                        self.error(value.span(), format!("`{key}`: {e}"));
                        None
                    }
                }
            }
            other => {
                self.error(
                    value.span(),
                    format!("`{key}` must be an integer, found {}", kind(other)),
                );
                None
            }
        }
    }

    pub fn boolean(&mut self, table: &Table<'_>, key: &str) -> Option<bool> {
        let value = get(table, key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                self.error(
                    value.span(),
                    format!("`{key}` must be true or false, found {}", kind(other)),
                );
                None
            }
        }
    }

    /// A list of strings; a single string counts as a list of one.
    pub fn strings(&mut self, table: &Table<'_>, key: &str) -> Option<Vec<Spanned<String>>> {
        let value = get(table, key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(vec![Spanned::new(value.span(), s.to_string())]),
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for item in items {
                    match item.get_ref() {
                        DeValue::String(s) => out.push(Spanned::new(item.span(), s.to_string())),
                        other => self.error(
                            item.span(),
                            format!("`{key}` must hold strings, found {}", kind(other)),
                        ),
                    }
                }
                Some(out)
            }
            other => {
                self.error(
                    value.span(),
                    format!("`{key}` must be a list of strings, found {}", kind(other)),
                );
                None
            }
        }
    }

    pub fn table<'t, 'i>(
        &mut self,
        value: &'t Spanned<DeValue<'i>>,
        what: &str,
    ) -> Option<&'t Table<'i>> {
        match value.get_ref() {
            DeValue::Table(t) => Some(t),
            other => {
                self.error(
                    value.span(),
                    format!("{what} must be a table, found {}", kind(other)),
                );
                None
            }
        }
    }

    /// The tables of an array of tables (`[[entity]]`), or of an inline array of tables.
    pub fn tables<'t, 'i>(
        &mut self,
        value: &'t Spanned<DeValue<'i>>,
        what: &str,
    ) -> Vec<&'t Spanned<DeValue<'i>>> {
        match value.get_ref() {
            DeValue::Array(items) => items.iter().collect(),
            DeValue::Table(_) => {
                self.error(
                    value.span(),
                    format!("`{what}` must be an array of tables: write [[{what}]]"),
                );
                Vec::new()
            }
            other => {
                self.error(
                    value.span(),
                    format!("`{what}` must be an array of tables, found {}", kind(other)),
                );
                Vec::new()
            }
        }
    }

    fn string_map(&mut self, table: &Table<'_>, key: &str) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let Some(value) = get(table, key) else {
            return out;
        };
        let Some(t) = self.table(value, &format!("`{key}`")) else {
            return out;
        };
        for (k, v) in t {
            match v.get_ref() {
                DeValue::String(s) => {
                    out.insert(k.get_ref().to_string(), s.to_string());
                }
                other => self.error(
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

    pub fn attributes(&mut self, table: &Table<'_>) -> BTreeMap<String, AttrValue> {
        let mut out = BTreeMap::new();
        let Some(value) = get(table, "attributes") else {
            return out;
        };
        let Some(t) = self.table(value, "`attributes`") else {
            return out;
        };
        for (k, v) in t {
            let key = k.get_ref().to_string();
            match v.get_ref() {
                DeValue::String(s) => {
                    out.insert(key, AttrValue::One(s.to_string()));
                }
                DeValue::Array(items) => {
                    let mut list = Vec::new();
                    for item in items {
                        match item.get_ref() {
                            DeValue::String(s) => list.push(s.to_string()),
                            other => self.error(
                                item.span(),
                                format!(
                                    "attribute `{key}` must hold strings, found {}",
                                    kind(other)
                                ),
                            ),
                        }
                    }
                    out.insert(key, AttrValue::Many(list));
                }
                other => self.error(
                    v.span(),
                    format!(
                        "attribute `{key}` must be a string or a list of strings, found {}",
                        kind(other)
                    ),
                ),
            }
        }
        out
    }

    fn alias_settings(&mut self, table: &Table<'_>) -> AliasSettings {
        let case = self.string(table, "case").and_then(|c| {
            match c.get_ref().as_str() {
                "any" => Some(CasePolicy::Any),
                "exact" => Some(CasePolicy::Exact),
                "initial" => Some(CasePolicy::Initial),
                other => {
                    self.error(
                        c.span(),
                        format!("unknown case policy \"{other}\"; expected \"any\", \"exact\" or \"initial\""),
                    );
                    None
                }
            }
        });
        let window = self.integer(table, "window").and_then(|w| {
            if (1..=200).contains(&w) {
                Some(w as usize)
            } else {
                let span = get(table, "window").map_or(0..0, |v| v.span());
                self.error(span, "`window` must be between 1 and 200 words");
                None
            }
        });
        AliasSettings {
            case,
            near: self.strings(table, "near"),
            window,
            unless_next: self.plain_strings(table, "unless_next"),
            unless_prev: self.plain_strings(table, "unless_prev"),
        }
    }

    fn plain_strings(&mut self, table: &Table<'_>, key: &str) -> Option<Vec<String>> {
        self.strings(table, key)
            .map(|v| v.into_iter().map(Spanned::into_inner).collect())
    }

    fn examples(&mut self, table: &Table<'_>, owner: &str) -> Vec<Example> {
        let Some(value) = get(table, "examples") else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.error(value.span(), "`examples` must be a list of tables");
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            if let Some(t) = self.table(item, "an example")
                && let Some(e) = self.example(t, item.span(), owner)
            {
                out.push(e);
            }
        }
        out
    }

    pub fn example(&mut self, t: &Table<'_>, span: Range<usize>, owner: &str) -> Option<Example> {
        self.check_keys(
            t,
            "an example",
            &["text", "expect", "reject", "facts", "no_facts"],
        );
        let text = self.required_string(t, "text", "an example", span.clone())?;
        let list = |r: &mut Self, key| -> Vec<String> {
            r.strings(t, key)
                .unwrap_or_default()
                .into_iter()
                .map(Spanned::into_inner)
                .collect()
        };
        let expect = list(self, "expect");
        let reject = list(self, "reject");
        let facts = list(self, "facts");
        let no_facts = list(self, "no_facts");
        if expect.is_empty() && reject.is_empty() && facts.is_empty() && no_facts.is_empty() {
            self.error(
                span.clone(),
                "an example needs `expect`, `reject`, `facts` or `no_facts`",
            );
        }
        Some(Example {
            owner: owner.to_string(),
            origin: self.origin(&span),
            text: text.into_inner(),
            expect,
            reject,
            facts,
            no_facts,
        })
    }
}

pub(crate) fn get<'t, 'i>(table: &'t Table<'i>, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, v)| v)
}

pub(crate) fn kind(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// The allowed word nearest to a misspelt one, if it is close.
pub(crate) fn closest<'a>(word: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|a| (edit_distance(word, a), *a))
        .filter(|(d, a)| *d <= 2.max(a.len() / 4))
        .min()
        .map(|(_, a)| a)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

const TOP_KEYS: &[&str] = &[
    "meta", "types", "contexts", "words", "facts", "entity", "extend", "pattern", "example",
    "relation",
];
const ENTITY_KEYS: &[&str] = &[
    "id",
    "name",
    "aliases",
    "ids",
    "attributes",
    "priority",
    "case",
    "near",
    "window",
    "unless_next",
    "unless_prev",
    "examples",
];
const EXTEND_KEYS: &[&str] = &[
    "id",
    "aliases",
    "attributes",
    "case",
    "near",
    "window",
    "unless_next",
    "unless_prev",
    "examples",
];
const ALIAS_KEYS: &[&str] = &[
    "text",
    "case",
    "near",
    "window",
    "unless_next",
    "unless_prev",
];
const PATTERN_KEYS: &[&str] = &[
    "id",
    "type",
    "regex",
    "group",
    "entity",
    "attributes",
    "priority",
    "case_insensitive",
    "stop",
    "strip_leading",
    "end_before",
    "unless_next",
    "unless_prev",
    "examples",
];

/// Reads one rule file. Diagnostics land in `reader`.
pub(crate) fn read_file(reader: &mut Reader<'_>, source: &str) -> RawFile {
    let mut out = RawFile::default();
    let (root, syntax_errors) = DeTable::parse_recoverable(source);
    for e in &syntax_errors {
        let span = e.span().unwrap_or(0..0);
        reader.error(span, e.message().trim().to_string());
    }
    if !syntax_errors.is_empty() {
        // A file with a syntax error is not read further: what the recovery kept is not
        // what the author wrote, and errors about it would mislead.
        return out;
    }
    let root = root.into_inner();
    reader.check_keys(&root, "a rule file", TOP_KEYS);
    for (key, value) in &root {
        match key.get_ref().as_ref() {
            "meta" => {
                if let Some(t) = reader.table(value, "[meta]") {
                    reader.check_keys(t, "[meta]", &["description", "version"]);
                }
            }
            "types" => {
                if let Some(t) = reader.table(value, "[types]") {
                    for (name, description) in t {
                        if !matches!(description.get_ref(), DeValue::String(_)) {
                            reader.error(
                                description.span(),
                                "a type's value is its description, a string",
                            );
                        }
                        out.types
                            .push(Spanned::new(name.span(), name.get_ref().to_string()));
                    }
                }
            }
            "contexts" => {
                if let Some(t) = reader.table(value, "[contexts]") {
                    let names: Vec<String> = t.keys().map(|k| k.get_ref().to_string()).collect();
                    for (name, key) in names.iter().zip(t.keys()) {
                        let words = reader
                            .strings(t, name)
                            .unwrap_or_default()
                            .into_iter()
                            .map(Spanned::into_inner)
                            .collect();
                        out.contexts
                            .push((Spanned::new(key.span(), name.clone()), words));
                    }
                }
            }
            "entity" | "extend" => {
                let extend = key.get_ref() == "extend";
                for item in reader.tables(value, key.get_ref()) {
                    if let Some(t) = reader.table(item, key.get_ref())
                        && let Some(e) =
                            read_entity(reader, t, item.span(), extend, &mut out.examples)
                    {
                        out.entities.push(e);
                    }
                }
            }
            "pattern" => {
                for item in reader.tables(value, "pattern") {
                    if let Some(t) = reader.table(item, "[[pattern]]")
                        && let Some(p) = read_pattern(reader, t, item.span(), &mut out.examples)
                    {
                        out.patterns.push(p);
                    }
                }
            }
            "words" => crate::relations::read_words(reader, value, &mut out.words),
            "facts" => crate::relations::read_fact_types(reader, value, &mut out.fact_types),
            "example" => {
                let owner = reader.path.to_string();
                for item in reader.tables(value, "example") {
                    if let Some(t) = reader.table(item, "[[example]]")
                        && let Some(e) = reader.example(t, item.span(), &owner)
                    {
                        out.examples.push(e);
                    }
                }
            }
            "relation" => {
                for item in reader.tables(value, "relation") {
                    if let Some(t) = reader.table(item, "[[relation]]")
                        && let Some(r) =
                            crate::relations::read_rule(reader, t, item.span(), &mut out.examples)
                    {
                        out.relations.push(r);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn read_entity(
    reader: &mut Reader<'_>,
    t: &Table<'_>,
    span: Range<usize>,
    extend: bool,
    examples: &mut Vec<Example>,
) -> Option<RawEntity> {
    let what = if extend { "[[extend]]" } else { "[[entity]]" };
    reader.check_keys(t, what, if extend { EXTEND_KEYS } else { ENTITY_KEYS });
    let id = reader.required_string(t, "id", what, span.clone())?;
    let name = if extend {
        String::new()
    } else {
        reader
            .required_string(t, "name", what, span.clone())
            .map(Spanned::into_inner)
            .unwrap_or_default()
    };
    let defaults = reader.alias_settings(t);
    let mut aliases = Vec::new();
    if !extend && !name.is_empty() {
        let name_span = get(t, "name").map_or(span.clone(), |v| v.span());
        aliases.push(RawAlias {
            text: name.clone(),
            origin: reader.origin(&name_span),
            settings: defaults.clone(),
        });
    }
    if let Some(value) = get(t, "aliases") {
        match value.get_ref() {
            DeValue::Array(items) => {
                for item in items {
                    match item.get_ref() {
                        DeValue::String(s) => aliases.push(RawAlias {
                            text: s.to_string(),
                            origin: reader.origin(&item.span()),
                            settings: defaults.clone(),
                        }),
                        DeValue::Table(at) => {
                            reader.check_keys(at, "an alias", ALIAS_KEYS);
                            if let Some(text) =
                                reader.required_string(at, "text", "an alias", item.span())
                            {
                                let own = reader.alias_settings(at);
                                aliases.push(RawAlias {
                                    text: text.into_inner(),
                                    origin: reader.origin(&item.span()),
                                    settings: own.or(&defaults),
                                });
                            }
                        }
                        other => reader.error(
                            item.span(),
                            format!("an alias is a string or a table, found {}", kind(other)),
                        ),
                    }
                }
            }
            other => reader.error(
                value.span(),
                format!("`aliases` must be an array, found {}", kind(other)),
            ),
        }
    }
    for alias in &aliases {
        if alias.text.trim().is_empty() {
            reader.error(span.clone(), "an alias must not be empty");
        }
    }
    let ids = reader.string_map(t, "ids");
    let attributes = reader.attributes(t);
    let priority = reader.integer(t, "priority").unwrap_or(0) as i32;
    examples.extend(reader.examples(t, id.get_ref()));
    let origin = reader.origin(&span);
    let order = reader.next_order();
    Some(RawEntity {
        id,
        name,
        aliases,
        ids,
        attributes,
        priority,
        origin,
        order,
        extend,
    })
}

fn read_pattern(
    reader: &mut Reader<'_>,
    t: &Table<'_>,
    span: Range<usize>,
    examples: &mut Vec<Example>,
) -> Option<RawPattern> {
    reader.check_keys(t, "[[pattern]]", PATTERN_KEYS);
    let id = reader.required_string(t, "id", "[[pattern]]", span.clone());
    let etype = reader.required_string(t, "type", "[[pattern]]", span.clone());
    let regex = reader.required_string(t, "regex", "[[pattern]]", span.clone());
    let group = reader.string(t, "group");
    let entity = reader.string(t, "entity").map(Spanned::into_inner);
    let attributes = reader.string_map(t, "attributes").into_iter().collect();
    let priority = reader.integer(t, "priority").unwrap_or(0) as i32;
    let case_insensitive = reader.boolean(t, "case_insensitive").unwrap_or(false);
    let stop = reader
        .strings(t, "stop")
        .unwrap_or_default()
        .into_iter()
        .map(Spanned::into_inner)
        .collect();
    let strip_leading = reader.plain_strings(t, "strip_leading").unwrap_or_default();
    let end_before = reader.plain_strings(t, "end_before").unwrap_or_default();
    let unless_next = reader.plain_strings(t, "unless_next").unwrap_or_default();
    let unless_prev = reader.plain_strings(t, "unless_prev").unwrap_or_default();
    let (id, etype, regex) = (id?, etype?, regex?);
    examples.extend(reader.examples(t, id.get_ref()));
    let origin = reader.origin(&span);
    let order = reader.next_order();
    Some(RawPattern {
        id: id.into_inner(),
        etype,
        regex,
        group,
        entity,
        attributes,
        priority,
        case_insensitive,
        stop,
        strip_leading,
        end_before,
        unless_next,
        unless_prev,
        origin,
        order,
    })
}
