//! Running the examples that rules carry: each example's text goes through the whole
//! rule pack; `expect` ids must be found, `reject` ids must not, `facts` specs must be
//! produced and `no_facts` specs must not. A rule that no example exercises is a failure
//! too, so the pack cannot grow untested rules.

use std::collections::BTreeSet;

use super::{Origin, RuleSet};
use crate::input::Article;
use crate::knowledge::{FactRecord, Knowledge};

#[derive(Debug)]
pub enum Failure {
    Example {
        origin: Origin,
        owner: String,
        text: String,
        problems: Vec<String>,
    },
    Untested {
        origin: Origin,
        rule: String,
    },
}

#[derive(Debug, Default)]
pub struct Report {
    pub run: usize,
    pub passed: usize,
    pub failures: Vec<Failure>,
}

/// The knowledge a single example sentence yields.
pub fn extract_text(rules: &RuleSet, text: &str) -> Knowledge {
    crate::extract::extract(rules, &Article::new("example", text))
}

pub fn run_all(rules: &RuleSet) -> Report {
    let mut report = Report::default();
    let mut exercised: BTreeSet<String> = BTreeSet::new();
    // The examples are independent: extract them on every core, then account in order.
    let extracted: Vec<Knowledge> = {
        use rayon::prelude::*;
        rules
            .examples()
            .par_iter()
            .map(|e| extract_text(rules, &e.text))
            .collect()
    };
    for (example, k) in rules.examples().iter().zip(extracted) {
        report.run += 1;
        let found: BTreeSet<(String, String)> = k
            .entities
            .iter()
            .flat_map(|(id, e)| e.mentions.iter().map(move |m| (id.clone(), m.text.clone())))
            .collect();
        let rules_fired: BTreeSet<String> = k
            .entities
            .values()
            .flat_map(|e| e.mentions.iter().map(|m| m.rule.to_string()))
            .chain(
                k.facts
                    .values()
                    .flat_map(|f| f.evidence.iter().map(|m| m.rule.to_string())),
            )
            .collect();
        let mut problems = Vec::new();
        for want in &example.expect {
            let (id, surface) = split_expect(want);
            let hit = found
                .iter()
                .any(|(fid, text)| fid == id && surface.is_none_or(|s| s == text));
            if hit {
                exercised.insert(id.to_string());
            } else {
                problems.push(format!("expected {want}, got {}", describe(&found)));
            }
        }
        for unwanted in &example.reject {
            let (id, surface) = split_expect(unwanted);
            if found
                .iter()
                .any(|(fid, text)| fid == id && surface.is_none_or(|s| s == text))
            {
                problems.push(format!("rejected {unwanted} was found"));
            }
        }
        for spec in &example.facts {
            match FactSpec::parse(spec) {
                Ok(s) => {
                    if !k.facts.values().any(|f| s.matches(f)) {
                        problems.push(format!(
                            "expected fact `{spec}`, got {}",
                            describe_facts(&k)
                        ));
                    }
                }
                Err(e) => problems.push(e),
            }
        }
        for spec in &example.no_facts {
            match FactSpec::parse(spec) {
                Ok(s) => {
                    if let Some(f) = k.facts.values().find(|f| s.matches(f)) {
                        problems.push(format!(
                            "unwanted fact `{spec}` was produced: {}",
                            fact_line(f)
                        ));
                    }
                }
                Err(e) => problems.push(e),
            }
        }
        if problems.is_empty() {
            report.passed += 1;
            exercised.insert(example.owner.clone());
            exercised.extend(rules_fired);
        } else {
            report.failures.push(Failure::Example {
                origin: example.origin.clone(),
                owner: example.owner.clone(),
                text: example.text.clone(),
                problems,
            });
        }
    }
    for e in rules.entities() {
        if !exercised.contains(&e.id) {
            report.failures.push(Failure::Untested {
                origin: e.origin.clone(),
                rule: e.id.clone(),
            });
        }
    }
    for p in rules.patterns() {
        if !exercised.contains(&p.id) {
            report.failures.push(Failure::Untested {
                origin: p.origin.clone(),
                rule: p.id.clone(),
            });
        }
    }
    for (id, origin) in rules.relations().rule_origins() {
        if !exercised.contains(id) {
            report.failures.push(Failure::Untested {
                origin: origin.clone(),
                rule: id.to_string(),
            });
        }
    }
    report
}

fn split_expect(s: &str) -> (&str, Option<&str>) {
    match s.split_once('=') {
        Some((id, text)) => (id, Some(text)),
        None => (s, None),
    }
}

fn describe(found: &BTreeSet<(String, String)>) -> String {
    if found.is_empty() {
        return "nothing".into();
    }
    found
        .iter()
        .map(|(id, text)| format!("{id}={text}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn describe_facts(k: &Knowledge) -> String {
    if k.facts.is_empty() {
        return "no facts".into();
    }
    k.facts
        .values()
        .map(fact_line)
        .collect::<Vec<_>>()
        .join("; ")
}

/// A fact in the spec syntax, for messages.
pub fn fact_line(f: &FactRecord) -> String {
    let mut parts = vec![f.ftype.clone()];
    for (k, v) in f.args.iter().chain(f.attributes.iter()) {
        parts.push(format!("{k}={}", v.values().join(",")));
    }
    parts.join(" ")
}

/// `"agreement parties=country:JP,country:SA kind=memorandum"`: a fact of that type whose
/// args or attributes hold at least the given values.
#[derive(Debug)]
pub struct FactSpec {
    ftype: String,
    wants: Vec<(String, Vec<String>)>,
}

impl FactSpec {
    pub fn parse(spec: &str) -> Result<FactSpec, String> {
        let mut words = spec.split_whitespace();
        let ftype = words
            .next()
            .ok_or_else(|| "an empty fact spec".to_string())?
            .to_string();
        let mut wants = Vec::new();
        for w in words {
            let (k, v) = w
                .split_once('=')
                .ok_or_else(|| format!("fact spec `{spec}`: `{w}` is not key=value"))?;
            let values = v
                .split(',')
                .filter(|s| !s.is_empty())
                .map(|s| s.replace('_', " "))
                .collect();
            wants.push((k.to_string(), values));
        }
        Ok(FactSpec { ftype, wants })
    }

    pub fn matches(&self, f: &FactRecord) -> bool {
        f.ftype == self.ftype
            && self.wants.iter().all(|(k, values)| {
                let have = f.args.get(k).or_else(|| f.attributes.get(k));
                match have {
                    Some(h) => values.iter().all(|v| h.values().iter().any(|x| x == v)),
                    None => values.is_empty(),
                }
            })
    }
}
