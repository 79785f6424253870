//! Generates `rules/countries.toml` from the ISO 3166 data of the Debian package iso-codes.
//!
//! ```text
//! cargo run --example gen_countries > rules/countries.toml
//! ```
//!
//! It reads `iso_3166-1.json` and `iso_3166-3.json` from `/usr/share/iso-codes/json`, or from
//! the folder named by the environment variable `ISO_CODES_DIR`.
//!
//! One `[[entity]]` per ISO 3166-1 code, sorted by code, then the former states that older
//! news still names (ISO 3166-3), also sorted by code. Names:
//!
//! - `name` is the first of: `common_name` ("Bolivia"); `name` unless it is an inverted form
//!   ("Korea, Republic of"); `official_name` unless inverted; `name` turned round
//!   ("Congo, The Democratic Republic of the" -> "Democratic Republic of the Congo").
//! - `aliases` are `name` and `official_name` where they differ from the chosen name and are
//!   not inverted forms.
//! - Every form loses parenthesised parts ("Falkland Islands (Malvinas)" -> "Falkland
//!   Islands") and a leading "the" ("the State of Eritrea" -> "State of Eritrea").
//!
//! Short forms, demonyms and other hand-kept aliases live in `rules/countries-aliases.toml`.
//!
//! `generate` has no side effects, so a test can include this file with `#[path]` and compare
//! its output with the committed file (there `main` is unused, hence the `allow`).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// Where Debian's iso-codes package puts its JSON files.
const DEFAULT_DIR: &str = "/usr/share/iso-codes/json";

/// Former states (ISO 3166-3) that older news still names, as their own entities:
/// (alpha-3 code in iso_3166-3.json, English name). Looked up by alpha-3 because ISO reused
/// the alpha-2 code `CS` (Czechoslovakia until 1993, Serbia and Montenegro until 2006).
const FORMER: &[(&str, &str)] = &[
    ("CSK", "Czechoslovakia"),
    ("DDR", "East Germany"),
    ("SUN", "Soviet Union"),
    ("YUG", "Yugoslavia"),
    ("ZAR", "Zaire"),
];

/// ISO names withheld from a country, so that the hand-kept aliases can give them to another
/// one: in news about minerals a bare "Congo" ("Congo's cobalt") means the Democratic
/// Republic of the Congo (CD), not the Republic of the Congo (CG), whose ISO name it is.
const WITHHELD: &[(&str, &str)] = &[("CG", "Congo")];

/// Entity-level alias settings for names that are also ordinary words, as
/// (code, key, TOML value). With `case = "initial"`, "Guinea" is the country and "guinea
/// pig" is not, nor "jersey" or "chad"; the price is that an all-capital headline does not
/// find these three.
const SETTINGS: &[(&str, &str, &str)] = &[
    ("GN", "case", "\"initial\""),
    ("JE", "case", "\"initial\""),
    // Places and firms of New Jersey.
    ("JE", "unless_next", "[\"City\", \"Central\", \"Shore\"]"),
    ("JE", "unless_prev", "[\"Central\", \"First\"]"),
    // The Niger Delta is in Nigeria.
    ("NE", "unless_next", "[\"Delta\"]"),
    ("TD", "case", "\"initial\""),
];

/// File-level examples, run by `newsfacts test`, beside the one each entity gets (its name
/// and aliases, each found as that entity). They use only names made here.
const EXAMPLES: &[(&str, &[&str], &[&str])] = &[
    (
        "Bolivia, Chile and Argentina hold most of the world's lithium.",
        &[
            "country:BO=Bolivia",
            "country:CL=Chile",
            "country:AR=Argentina",
        ],
        &[],
    ),
    (
        "The Plurinational State of Bolivia signed an accord with the Russian Federation.",
        &[
            "country:BO=Plurinational State of Bolivia",
            "country:RU=Russian Federation",
        ],
        &[],
    ),
    (
        "South Korea, Iran, Viet Nam and Taiwan were named in the report.",
        &[
            "country:KR=South Korea",
            "country:IR=Iran",
            "country:VN=Viet Nam",
            "country:TW=Taiwan",
        ],
        &[],
    ),
    (
        "The Democratic Republic of the Congo mines most of the world's cobalt.",
        &["country:CD=Democratic Republic of the Congo"],
        &["country:CG"],
    ),
    (
        "The Republic of the Congo exports oil.",
        &["country:CG=Republic of the Congo"],
        &["country:CD"],
    ),
    (
        "Papua New Guinea and Equatorial Guinea signed; Guinea did not.",
        &[
            "country:PG=Papua New Guinea",
            "country:GQ=Equatorial Guinea",
            "country:GN=Guinea",
        ],
        &[],
    ),
    (
        "Spills in the Niger Delta hurt Nigeria.",
        &["country:NG=Nigeria"],
        &["country:NE"],
    ),
    (
        "Jersey City, the Jersey Shore and Central Jersey are in New Jersey.",
        &[],
        &["country:JE"],
    ),
    (
        "A guinea pig in a football jersey chewed a paper chad.",
        &[],
        &["country:GN", "country:JE", "country:TD"],
    ),
    (
        "Côte d'Ivoire and Türkiye joined the United Kingdom of Great Britain and Northern Ireland.",
        &[
            "country:CI=Côte d'Ivoire",
            "country:TR=Türkiye",
            "country:GB",
        ],
        &[],
    ),
    (
        "Zaire sold cobalt to the Soviet Union, Czechoslovakia, Yugoslavia and the German Democratic Republic.",
        &[
            "country:ZR=Zaire",
            "country:SU=Soviet Union",
            "country:CS=Czechoslovakia",
            "country:YU=Yugoslavia",
            "country:DD=German Democratic Republic",
        ],
        &["country:CD", "country:DE"],
    ),
];

fn main() {
    let dir = std::env::var_os("ISO_CODES_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_DIR));
    match generate(&dir) {
        Ok(text) => print!("{text}"),
        Err(e) => {
            eprintln!("gen_countries: {e}");
            std::process::exit(1);
        }
    }
}

/// One `[[entity]]` to write.
struct Country {
    code: String,
    name: String,
    aliases: Vec<String>,
    ids: Vec<(&'static str, String)>,
    attributes: Vec<(&'static str, String)>,
    /// Entity-level alias settings from `SETTINGS`, as (key, TOML value).
    settings: Vec<(&'static str, &'static str)>,
}

/// The text of `rules/countries.toml` for the iso-codes JSON files in `dir`.
pub fn generate(dir: &Path) -> Result<String, String> {
    let current = read_records(&dir.join("iso_3166-1.json"), "3166-1")?;
    let withdrawn = read_records(&dir.join("iso_3166-3.json"), "3166-3")?;

    let mut countries = BTreeMap::new();
    for record in &current {
        let country = current_country(record)?;
        if countries.contains_key(&country.code) {
            return Err(format!(
                "iso_3166-1.json: code {} appears twice",
                country.code
            ));
        }
        countries.insert(country.code.clone(), country);
    }

    let mut former = BTreeMap::new();
    for &(alpha3, name) in FORMER {
        let record = withdrawn
            .iter()
            .find(|r| r.get("alpha_3").and_then(Value::as_str) == Some(alpha3))
            .ok_or_else(|| format!("iso_3166-3.json: no former state with alpha_3 {alpha3}"))?;
        let country = former_country(record, name)?;
        if countries.contains_key(&country.code) || former.contains_key(&country.code) {
            return Err(format!("former state code {} is also in use", country.code));
        }
        former.insert(country.code.clone(), country);
    }

    check_unique_names(countries.values().chain(former.values()))?;

    let mut out = String::new();
    out.push_str(
        "# Generated by examples/gen_countries.rs from the ISO 3166 files of the Debian package\n\
         # iso-codes (iso_3166-1.json, iso_3166-3.json). Do not edit: hand-kept aliases and\n\
         # demonyms go in rules/countries-aliases.toml. To regenerate:\n\
         #\n\
         #     cargo run --example gen_countries > rules/countries.toml\n\
         #\n\
         # (ISO_CODES_DIR overrides /usr/share/iso-codes/json.)\n",
    );
    out.push_str("\n# ISO 3166-1 countries and territories, by alpha-2 code.\n");
    for country in countries.values() {
        write_entity(&mut out, country);
    }
    out.push_str("\n# Former states (ISO 3166-3) that older news still names.\n");
    for country in former.values() {
        write_entity(&mut out, country);
    }
    out.push_str("\n# Examples, run by `newsfacts test`.\n");
    for &(text, expect, reject) in EXAMPLES {
        out.push_str("\n[[example]]\n");
        let _ = writeln!(out, "text = {}", toml_string(text));
        if !expect.is_empty() {
            let _ = writeln!(out, "expect = {}", toml_array(expect.iter().copied()));
        }
        if !reject.is_empty() {
            let _ = writeln!(out, "reject = {}", toml_array(reject.iter().copied()));
        }
    }
    Ok(out)
}

/// The array under `key` in the iso-codes file at `path`.
fn read_records(path: &Path, key: &str) -> Result<Vec<Value>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut json: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    match json.get_mut(key).map(Value::take) {
        Some(Value::Array(records)) => Ok(records),
        _ => Err(format!("{}: no array \"{key}\"", path.display())),
    }
}

/// A string field of an iso-codes record.
fn field<'a>(record: &'a Value, key: &str) -> Option<&'a str> {
    record.get(key).and_then(Value::as_str)
}

/// A string field that every record must have.
fn required<'a>(record: &'a Value, key: &str) -> Result<&'a str, String> {
    field(record, key).ok_or_else(|| format!("record without \"{key}\": {record}"))
}

fn current_country(record: &Value) -> Result<Country, String> {
    let code = required(record, "alpha_2")?.to_string();
    let iso_name = required(record, "name")?;
    let official = field(record, "official_name");
    let withheld = |form: &str| WITHHELD.contains(&(code.as_str(), form));

    // Candidate display names in order of preference; inverted and withheld forms skipped.
    let mut candidates = Vec::new();
    candidates.extend(field(record, "common_name").map(clean));
    candidates.extend(
        [Some(iso_name), official]
            .into_iter()
            .flatten()
            .filter(|s| !is_inverted(s))
            .map(clean),
    );
    candidates.push(clean(&uninvert(iso_name)));
    let name = candidates
        .into_iter()
        .find(|c| !c.is_empty() && !withheld(c))
        .ok_or_else(|| format!("{code}: no usable name"))?;

    let forms = [Some(iso_name), official].into_iter().flatten();
    let aliases = alias_forms(&name, forms, withheld);

    let mut ids = vec![
        ("iso3166", code.clone()),
        ("iso3166_alpha3", required(record, "alpha_3")?.to_string()),
    ];
    ids.extend(field(record, "numeric").map(|n| ("iso3166_numeric", n.to_string())));
    let settings = SETTINGS
        .iter()
        .filter(|s| s.0 == code)
        .map(|s| (s.1, s.2))
        .collect();
    Ok(Country {
        code,
        name,
        aliases,
        ids,
        attributes: Vec::new(),
        settings,
    })
}

fn former_country(record: &Value, name: &str) -> Result<Country, String> {
    let code = required(record, "alpha_2")?.to_string();
    let aliases = alias_forms(name, [required(record, "name")?], |_| false);
    let mut ids = vec![
        ("iso3166", code.clone()),
        ("iso3166_alpha3", required(record, "alpha_3")?.to_string()),
    ];
    ids.extend(field(record, "alpha_4").map(|a| ("iso3166_alpha4", a.to_string())));
    ids.extend(field(record, "numeric").map(|n| ("iso3166_numeric", n.to_string())));
    let mut attributes = vec![("former", "yes".to_string())];
    attributes.extend(field(record, "withdrawal_date").map(|d| ("withdrawn", d.to_string())));
    Ok(Country {
        code,
        name: name.to_string(),
        aliases,
        ids,
        attributes,
        settings: Vec::new(),
    })
}

/// The cleaned `forms` that are not inverted, not withheld, and differ from `name` and from
/// each other (ignoring case), in the order given.
fn alias_forms<'a>(
    name: &str,
    forms: impl IntoIterator<Item = &'a str>,
    withheld: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut seen = vec![name.to_lowercase()];
    let mut aliases = Vec::new();
    for form in forms {
        if is_inverted(form) {
            continue;
        }
        let form = clean(form);
        if form.is_empty() || withheld(&form) || seen.contains(&form.to_lowercase()) {
            continue;
        }
        seen.push(form.to_lowercase());
        aliases.push(form);
    }
    aliases
}

/// ISO's inverted form "Korea, Republic of", "Virgin Islands, British", as opposed to a
/// list such as "Bonaire, Sint Eustatius and Saba".
fn is_inverted(s: &str) -> bool {
    match s.split_once(", ") {
        Some((_, rest)) => !rest.contains(" and "),
        None => false,
    }
}

/// "Congo, The Democratic Republic of the" -> "The Democratic Republic of the Congo".
fn uninvert(s: &str) -> String {
    match s.split_once(", ") {
        Some((head, rest)) if is_inverted(s) => format!("{rest} {head}"),
        _ => s.to_string(),
    }
}

/// Drops parenthesised parts and a leading "the", and collapses white space.
fn clean(s: &str) -> String {
    let mut plain = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = plain.split_whitespace().collect();
    let words = match words.first() {
        Some(first) if first.eq_ignore_ascii_case("the") => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

/// No two entities may share a name or alias (ignoring case): the match would be a coin toss.
fn check_unique_names<'a>(countries: impl Iterator<Item = &'a Country>) -> Result<(), String> {
    let mut owner: BTreeMap<String, &str> = BTreeMap::new();
    for country in countries {
        for form in std::iter::once(&country.name).chain(&country.aliases) {
            if let Some(other) = owner.insert(form.to_lowercase(), &country.code) {
                return Err(format!(
                    "\"{form}\" names both {other} and {}",
                    country.code
                ));
            }
        }
    }
    Ok(())
}

fn write_entity(out: &mut String, country: &Country) {
    out.push_str("\n[[entity]]\n");
    let _ = writeln!(out, "id = \"country:{}\"", country.code);
    let _ = writeln!(out, "name = {}", toml_string(&country.name));
    if !country.aliases.is_empty() {
        let _ = writeln!(
            out,
            "aliases = {}",
            toml_array(country.aliases.iter().map(String::as_str))
        );
    }
    let _ = writeln!(out, "ids = {}", toml_table(&country.ids));
    if !country.attributes.is_empty() {
        let _ = writeln!(out, "attributes = {}", toml_table(&country.attributes));
    }
    for (key, value) in &country.settings {
        let _ = writeln!(out, "{key} = {value}");
    }
    // Every form must find this entity and no other: a check that no other rule takes it.
    let forms: Vec<&str> = std::iter::once(&country.name)
        .chain(&country.aliases)
        .map(String::as_str)
        .collect();
    let expect: Vec<String> = forms
        .iter()
        .map(|f| format!("country:{}={f}", country.code))
        .collect();
    let _ = writeln!(
        out,
        "examples = [{{ text = {}, expect = {} }}]",
        toml_string(&forms.join("; ")),
        toml_array(expect.iter().map(String::as_str)),
    );
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut quoted = String::with_capacity(s.len() + 2);
    quoted.push('"');
    for c in s.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04X}", c as u32);
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

fn toml_array<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.map(toml_string).collect();
    format!("[{}]", items.join(", "))
}

fn toml_table(pairs: &[(&str, String)]) -> String {
    let pairs: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k} = {}", toml_string(v)))
        .collect();
    format!("{{ {} }}", pairs.join(", "))
}
