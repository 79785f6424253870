//! Matcher semantics, table-driven: tests/cases/matching.toml holds each case's rules,
//! text and expected mentions (as the regex crate keeps its suite in TOML).

use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    rules: String,
    text: String,
    want: Vec<String>,
}

#[test]
fn matching_cases() {
    let cases: Cases =
        toml::from_str(&std::fs::read_to_string("tests/cases/matching.toml").unwrap()).unwrap();
    assert!(cases.case.len() >= 8);
    let mut failures = Vec::new();
    for c in &cases.case {
        let rules = newsfacts::rules::RuleSetBuilder::new()
            .add_str(&c.name, &c.rules)
            .build()
            .unwrap_or_else(|e| panic!("{}: {e}", c.name));
        let k = newsfacts::rules::examples::extract_text(&rules, &c.text);
        let mut got: Vec<(usize, String)> = k
            .entities
            .iter()
            .flat_map(|(id, e)| {
                e.mentions
                    .iter()
                    .map(move |m| (m.start, format!("{id}={}", m.text)))
            })
            .collect();
        got.sort();
        let got: Vec<String> = got.into_iter().map(|(_, s)| s).collect();
        if got != c.want {
            failures.push(format!(
                "{}:\n  want {:?}\n  got  {:?}",
                c.name, c.want, got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
