//! Label maps: how the labels an editor gave an article (Reuters `topics`, `people`, ...)
//! translate into entity ids of this rule pack.
//!
//! Input: TOML files (`eval/labels/reuters.toml`), one section per label field:
//!
//! ```toml
//! include = ["reuters-people.toml"]     # more maps, paths relative to this file
//!
//! [topics]
//! copper = "mineral:copper"             # a label -> one id
//! iron-steel = ["mineral:iron-ore", "mineral:steel"]   # -> any one of these ids
//!
//! [places_iso3166]
//! "*" = "country:{}"                    # every value v -> "country:v", no table
//! CD = ["country:CD", "country:ZR"]     # ... except those listed beside it
//! ```
//!
//! Several files (given together, or included) merge; a label mapped twice is an error.
//! The ids of one section share a type (the part before ':'), which is the type the field
//! is scored as. Output: a [`LabelMap`], which turns an article's labels into
//! [`GoldItem`]s and says which ids a type's labels can produce (its codomain).

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use super::EvalError;
use super::predicted::id_type;
use crate::rules::AttrValue;

/// The key of a section's catch-all entry, whose value is a template with `{}`.
const ANY_LABEL: &str = "*";

#[derive(Debug, Clone, Default)]
pub(crate) struct LabelMap {
    fields: BTreeMap<String, FieldMap>,
}

#[derive(Debug, Clone)]
struct FieldMap {
    etype: String,
    labels: BTreeMap<String, Vec<String>>,
    template: Option<String>,
    /// The file that set this field's type, for error messages.
    origin: PathBuf,
}

/// One label of one article, mapped: satisfied when any of `ids` is predicted (or, for a
/// person, when a predicted person's name ends with the label's surname).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GoldItem {
    pub field: String,
    pub label: String,
    pub etype: String,
    /// Empty for a person label the map does not know: only the surname rule can find it.
    pub ids: Vec<String>,
}

impl GoldItem {
    /// How a miss is listed: the id when there is one, else `field:label`.
    pub(crate) fn key(&self) -> String {
        match self.ids.as_slice() {
            [id] => id.clone(),
            _ => format!("{}:{}", self.field, self.label),
        }
    }
}

/// The ids a type's labels can produce: predictions outside it are not scored, since
/// the editors only labelled what their label list has a value for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Codomain {
    /// A catch-all template: every id of the type.
    All,
    Ids(BTreeSet<String>),
}

impl Codomain {
    pub(crate) fn contains(&self, id: &str) -> bool {
        match self {
            Codomain::All => true,
            Codomain::Ids(ids) => ids.contains(id),
        }
    }
}

/// The labels of one article, mapped, and the values the map has no entry for.
#[derive(Debug, Default)]
pub(crate) struct MappedLabels {
    pub items: Vec<GoldItem>,
    /// `(field, label)` pairs that are not scored.
    pub unmapped: Vec<(String, String)>,
}

impl LabelMap {
    /// Reads and merges the maps in `paths`, following their `include`s.
    pub(crate) fn load(paths: &[PathBuf]) -> Result<LabelMap, EvalError> {
        let mut map = LabelMap::default();
        let mut seen = HashSet::new();
        for path in paths {
            map.load_file(path, &mut seen)?;
        }
        if map.fields.is_empty() {
            let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            return Err(EvalError::invalid(
                Path::new(&names.join(", ")),
                0,
                0,
                "no label field is mapped",
            ));
        }
        Ok(map)
    }

    fn load_file(&mut self, path: &Path, seen: &mut HashSet<PathBuf>) -> Result<(), EvalError> {
        // An include cycle (or a file named twice) is read once.
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !seen.insert(canonical) {
            return Ok(());
        }
        let text = super::read_to_string(path)?;
        let includes = self.add_str(path, &text)?;
        let dir = path.parent().unwrap_or(Path::new(""));
        for include in includes {
            self.load_file(&dir.join(include), seen)?;
        }
        Ok(())
    }

    /// Merges one file's sections; returns its `include` list. `path` names the file in
    /// errors only.
    pub(crate) fn add_str(&mut self, path: &Path, text: &str) -> Result<Vec<String>, EvalError> {
        let table: toml::Table = toml::from_str(text).map_err(|e| {
            let (line, col) = e.span().map_or((0, 0), |span| line_col(text, span.start));
            EvalError::invalid(path, line, col, e.message().trim_end())
        })?;
        let bad = |message: String| EvalError::invalid(path, 0, 0, message);
        let mut includes = Vec::new();
        for (key, value) in table {
            if key == "include" {
                let list = strings(&value)
                    .ok_or_else(|| bad("`include` must be a list of file names".to_string()))?;
                includes.extend(list);
                continue;
            }
            let toml::Value::Table(section) = value else {
                return Err(bad(format!(
                    "`{key}` must be a [{key}] section mapping labels to ids"
                )));
            };
            self.add_section(path, &key, section)?;
        }
        Ok(includes)
    }

    fn add_section(
        &mut self,
        path: &Path,
        field: &str,
        section: toml::Table,
    ) -> Result<(), EvalError> {
        let bad = |message: String| EvalError::invalid(path, 0, 0, format!("[{field}] {message}"));
        for (label, value) in section {
            let ids = strings(&value)
                .filter(|ids| !ids.is_empty())
                .ok_or_else(|| {
                    bad(format!(
                        "{label}: expected an id or a non-empty list of ids"
                    ))
                })?;
            if label == ANY_LABEL && (ids.len() != 1 || !ids[0].contains("{}")) {
                return Err(bad(format!(
                    "\"{ANY_LABEL}\" must be one id template with {{}}, such as \"country:{{}}\""
                )));
            }
            let etype = id_type(&ids[0]).to_string();
            if let Some(id) = ids
                .iter()
                .find(|id| !id.contains(':') || id_type(id).is_empty() || id_type(id) != etype)
            {
                return Err(bad(format!(
                    "{label}: \"{id}\" is not an id of type \"{etype}\" (type:name)"
                )));
            }
            let entry = self
                .fields
                .entry(field.to_string())
                .or_insert_with(|| FieldMap {
                    etype: etype.clone(),
                    labels: BTreeMap::new(),
                    template: None,
                    origin: path.to_path_buf(),
                });
            if entry.etype != etype {
                return Err(bad(format!(
                    "{label}: maps to type \"{etype}\", but {} maps this field to \"{}\"",
                    entry.origin.display(),
                    entry.etype
                )));
            }
            let duplicate = if label == ANY_LABEL {
                entry.template.replace(ids[0].clone()).is_some()
            } else {
                entry.labels.insert(label.clone(), ids).is_some()
            };
            if duplicate {
                return Err(bad(format!("{label}: mapped twice")));
            }
        }
        Ok(())
    }

    /// The entity types the map scores, in order.
    pub(crate) fn types(&self) -> BTreeSet<&str> {
        self.fields.values().map(|f| f.etype.as_str()).collect()
    }

    pub(crate) fn codomain(&self, etype: &str) -> Codomain {
        let mut ids = BTreeSet::new();
        for f in self.fields.values().filter(|f| f.etype == etype) {
            if f.template.is_some() {
                return Codomain::All;
            }
            ids.extend(f.labels.values().flatten().cloned());
        }
        Codomain::Ids(ids)
    }

    /// Whether the editors gave an article any value, mapped or not, in a field scored as
    /// `etype` (for a mineral: any topic at all, `earn` included). An article with none
    /// was most likely never labelled for that type rather than judged to have nothing of
    /// it, so its predictions say little about precision.
    pub(crate) fn labelled(&self, labels: &BTreeMap<String, AttrValue>, etype: &str) -> bool {
        labels.iter().any(|(field, values)| {
            self.fields.get(field).is_some_and(|f| f.etype == etype)
                && values.values().iter().any(|v| !v.is_empty())
        })
    }

    /// Maps an article's label fields; fields the map does not name are left out.
    pub(crate) fn map(&self, labels: &BTreeMap<String, AttrValue>) -> MappedLabels {
        let mut out = MappedLabels::default();
        for (field, values) in labels {
            let Some(map) = self.fields.get(field) else {
                continue;
            };
            let mut done = BTreeSet::new();
            for label in values.values() {
                if !done.insert(label) {
                    continue;
                }
                let ids = match (map.labels.get(label), &map.template) {
                    (Some(ids), _) => ids.clone(),
                    (None, Some(template)) => vec![template.replace("{}", label)],
                    // A person label still has its surname to go by.
                    (None, None) if map.etype == "person" => Vec::new(),
                    (None, None) => {
                        out.unmapped.push((field.clone(), label.clone()));
                        continue;
                    }
                };
                out.items.push(GoldItem {
                    field: field.clone(),
                    label: label.clone(),
                    etype: map.etype.clone(),
                    ids,
                });
            }
        }
        out
    }
}

fn strings(value: &toml::Value) -> Option<Vec<String>> {
    match value {
        toml::Value::String(s) => Some(vec![s.clone()]),
        toml::Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => None,
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// Whether a person's `name` ends with the surname of a label (`volcker`, `james-baker`,
/// `von-weizsaecker`): the name is folded to a lower-case ASCII slug (umlauts as the
/// labels spell them, "ä" -> "ae") and must equal the label or end with "-" + label, so
/// that "Paul Volcker" finds `volcker` and "James Baker" does not find `howard-baker`.
pub(crate) fn surname_matches(name: &str, label: &str) -> bool {
    let slug = slug(name);
    slug == label
        || slug
            .strip_suffix(label)
            .is_some_and(|rest| rest.ends_with('-'))
}

fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'ä' | 'æ' => "ae",
            'ö' | 'œ' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            'á' | 'à' | 'â' | 'ã' | 'å' => "a",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'í' | 'ì' | 'î' | 'ï' => "i",
            'ó' | 'ò' | 'ô' | 'õ' | 'ø' => "o",
            'ú' | 'ù' | 'û' => "u",
            'ñ' => "n",
            'ç' => "c",
            _ => "",
        };
        if !folded.is_empty() {
            out.push_str(folded);
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(text: &str) -> LabelMap {
        let mut m = LabelMap::default();
        m.add_str(Path::new("map.toml"), text).unwrap();
        m
    }

    fn labels(pairs: &[(&str, &[&str])]) -> BTreeMap<String, AttrValue> {
        pairs
            .iter()
            .map(|(k, v)| {
                let values = v.iter().map(|s| s.to_string()).collect();
                (k.to_string(), AttrValue::Many(values))
            })
            .collect()
    }

    const MAP: &str = r#"
        [topics]
        copper = "mineral:copper"
        iron-steel = ["mineral:iron-ore", "mineral:steel"]
        [places_iso3166]
        "*" = "country:{}"
        CD = ["country:CD", "country:ZR"]
        [people]
        volcker = "person:paul-volcker"
    "#;

    #[test]
    fn labels_map_to_items_with_their_ids_and_unknown_topics_are_unmapped() {
        let m = map(MAP);
        let mapped = m.map(&labels(&[
            ("topics", &["iron-steel", "earn", "copper", "copper"]),
            ("places_iso3166", &["SU", "CD"]),
            ("people", &["volcker", "lyng"]),
            ("places", &["ussr"]),
        ]));
        let got: Vec<(&str, Vec<&str>)> = mapped
            .items
            .iter()
            .map(|i| (i.label.as_str(), i.ids.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            got,
            [
                ("volcker", vec!["person:paul-volcker"]),
                ("lyng", vec![]),
                ("SU", vec!["country:SU"]),
                ("CD", vec!["country:CD", "country:ZR"]),
                ("iron-steel", vec!["mineral:iron-ore", "mineral:steel"]),
                ("copper", vec!["mineral:copper"]),
            ]
        );
        assert_eq!(
            mapped.unmapped,
            [("topics".to_string(), "earn".to_string())]
        );
        assert_eq!(mapped.items[4].key(), "topics:iron-steel");
        assert_eq!(mapped.items[5].key(), "mineral:copper");
    }

    #[test]
    fn the_codomain_is_every_mapped_id_or_the_whole_type_for_a_template() {
        let m = map(MAP);
        assert_eq!(
            m.types().into_iter().collect::<Vec<_>>(),
            ["country", "mineral", "person"]
        );
        let minerals = m.codomain("mineral");
        assert!(minerals.contains("mineral:steel"));
        assert!(!minerals.contains("mineral:cobalt"));
        assert_eq!(m.codomain("country"), Codomain::All);
    }

    #[test]
    fn files_merge_but_a_label_mapped_twice_or_a_mixed_type_is_an_error() {
        let mut m = map(MAP);
        m.add_str(Path::new("more.toml"), "[topics]\ntin = \"mineral:tin\"")
            .unwrap();
        assert!(m.codomain("mineral").contains("mineral:tin"));
        let twice = m
            .add_str(
                Path::new("more.toml"),
                "[topics]\ncopper = \"mineral:copper\"",
            )
            .unwrap_err();
        assert_eq!(
            twice.to_string(),
            "more.toml: [topics] copper: mapped twice"
        );
        let mixed = map("").add_str(
            Path::new("x.toml"),
            "[topics]\ngold = [\"mineral:gold\", \"country:GH\"]",
        );
        assert!(
            mixed
                .unwrap_err()
                .to_string()
                .contains("\"country:GH\" is not an id of type \"mineral\"")
        );
    }

    #[test]
    fn a_toml_syntax_error_names_the_file_line_and_column() {
        let err = LabelMap::default()
            .add_str(Path::new("bad.toml"), "[topics]\ncopper = \n")
            .unwrap_err();
        assert!(err.to_string().starts_with("bad.toml:2:"), "{err}");
    }

    #[test]
    fn includes_are_read_relative_to_the_including_file() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("labels");
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(
            sub.join("main.toml"),
            "include = [\"people.toml\", \"main.toml\"]\n[topics]\ngold = \"mineral:gold\"",
        )
        .unwrap();
        std::fs::write(
            sub.join("people.toml"),
            "[people]\nreagan = \"person:ronald-reagan\"",
        )
        .unwrap();
        let m = LabelMap::load(&[sub.join("main.toml")]).unwrap();
        assert_eq!(
            m.types().into_iter().collect::<Vec<_>>(),
            ["mineral", "person"]
        );
        let missing = LabelMap::load(&[dir.path().join("none.toml")]).unwrap_err();
        assert!(missing.to_string().contains("none.toml"));
    }

    #[test]
    fn the_shipped_reuters_map_loads_and_names_only_ids_of_the_rule_pack() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let m = LabelMap::load(&[root.join("eval/labels/reuters.toml")]).unwrap();
        let types: Vec<&str> = m.types().into_iter().collect();
        assert_eq!(types, ["country", "mineral", "organization", "person"]);
        let rules = crate::rules::RuleSetBuilder::new()
            .add_path(&root.join("rules"))
            .build()
            .expect("the rule pack loads");
        for etype in types {
            if let Codomain::Ids(ids) = m.codomain(etype) {
                for id in ids {
                    assert!(rules.entity(&id).is_some(), "{id} is not in rules/");
                }
            }
        }
    }

    #[test]
    fn a_surname_label_matches_the_end_of_a_name_at_a_word_boundary() {
        assert!(surname_matches("Paul Volcker", "volcker"));
        assert!(surname_matches("Volcker", "volcker"));
        assert!(surname_matches("James A. Baker", "baker"));
        assert!(surname_matches("James Baker", "james-baker"));
        assert!(!surname_matches("James Baker", "howard-baker"));
        assert!(!surname_matches("Paul Bavolcker", "volcker"));
        assert!(surname_matches("Richard von Weizsäcker", "von-weizsaecker"));
        assert!(surname_matches("Willy De Clercq", "de-clercq"));
        assert!(surname_matches("Robin Leigh-Pemberton", "leigh-pemberton"));
    }
}
