//! `newsfacts eval` as a user runs it: a knowledge file and gold written to a temp folder,
//! the binary, its stdout (table or JSON), stderr and exit code.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::{Value, json};

fn newsfacts() -> Command {
    Command::cargo_bin("newsfacts").expect("binary builds")
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// An entity mentioned once in each of `docs`.
fn entity(id: &str, name: &str, attributes: Value, docs: &[&str]) -> Value {
    let mentions: Vec<Value> = docs
        .iter()
        .map(
            |d| json!({"doc": d, "field": "text", "start": 0, "end": 1, "text": name, "rule": "r"}),
        )
        .collect();
    json!({
        "id": id, "type": id.split(':').next().unwrap(), "name": name, "ids": {},
        "attributes": attributes, "aliases": [], "mentions": mentions
    })
}

fn document(id: &str, about: &[&str]) -> Value {
    json!({"id": id, "source": id, "title": null, "date": null, "url": null,
           "sha256": "", "chars": 1, "about": about})
}

fn knowledge(documents: Vec<Value>, entities: Vec<Value>, facts: Vec<Value>) -> String {
    json!({
        "format": "newsfacts-knowledge", "version": 1,
        "generator": {"name": "newsfacts", "version": "0", "rules_digest": ""},
        "documents": documents, "entities": entities, "facts": facts, "problems": []
    })
    .to_string()
}

/// a.txt: gold AU, US, lithium, an offtake; predicted AU, CN, lithium, the offtake.
fn folder_setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let offtake = json!({
        "id": "agreement:1", "type": "agreement",
        "args": {"parties": ["organization:b", "organization:a"], "minerals": "mineral:lithium"},
        "attributes": {"kind": "offtake", "status": "signed"},
        "evidence": [{"doc": "a.txt", "field": "text", "start": 0, "end": 1, "text": "x", "rule": "r"}]
    });
    write(
        dir.path(),
        "k.json",
        &knowledge(
            vec![document("a.txt", &[])],
            vec![
                entity("country:AU", "Australia", json!({}), &["a.txt"]),
                entity("country:CN", "China", json!({}), &["a.txt"]),
                entity("mineral:lithium", "lithium", json!({}), &["a.txt"]),
            ],
            vec![offtake],
        ),
    );
    write(
        dir.path(),
        "gold/a.json",
        r#"{"doc": "a.txt", "note": "n",
            "entities": [{"id": "country:AU", "name": "Australia"}, {"id": "country:US", "name": "U.S."},
                         {"id": "mineral:lithium", "name": "lithium"}],
            "facts": [{"type": "agreement",
                       "args": {"parties": ["organization:a", "organization:b"], "signatories": [],
                                "minerals": ["mineral:lithium"], "regions": []},
                       "attributes": {"kind": "offtake", "status": "agreed"}}]}"#,
    );
    dir
}

fn run_json(cmd: &mut Command) -> Value {
    let out = cmd.arg("--json").output().unwrap();
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

fn row<'v>(rows: &'v Value, name: &str, level: Option<&str>) -> &'v Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["type"] == name && level.is_none_or(|l| r["level"] == l))
        .unwrap_or_else(|| panic!("no row {name}"))
}

#[test]
fn a_gold_folder_scores_entities_and_facts_in_json() {
    let dir = folder_setup();
    let report = run_json(
        newsfacts()
            .current_dir(dir.path())
            .args(["eval", "k.json", "--gold", "gold"]),
    );
    assert_eq!(report["mode"], "folder");
    assert_eq!(report["documents"]["scored"], 1);
    let all = row(&report["entities"], "all", Some("any"));
    assert_eq!(
        (&all["gold"], &all["predicted"], &all["correct"]),
        (&json!(3), &json!(3), &json!(2))
    );
    assert_eq!(all["precision"].as_f64().unwrap(), 2.0 / 3.0);
    let agreement = row(&report["facts"], "agreement", None);
    assert_eq!(agreement["f1"], 1.0);
    let minerals = row(&report["agreement_slots"], "minerals", None);
    assert_eq!(minerals["recall"], 1.0);
    assert_eq!(report["agreement_status"]["correct"], 0);
}

#[test]
fn min_f1_sets_exit_code_1_and_names_the_rows_below_it() {
    let dir = folder_setup();
    // country: P 1/2, R 1/2; mineral 1; all 2/3; agreement 1.
    newsfacts()
        .current_dir(dir.path())
        .args(["eval", "k.json", "--gold", "gold", "--min-f1", "0.5"])
        .assert()
        .code(0);
    let out = newsfacts()
        .current_dir(dir.path())
        .args(["eval", "k.json", "--gold", "gold", "--min-f1", "0.6"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("entities country (any): F1 0.500 < 0.600"),
        "{stderr}"
    );
    assert!(!stderr.contains("entities all"), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains(concat!(
            "entities  level      P      R     F1  gold  found  pred  correct\n",
            "country   any    0.500  0.500  0.500     2      1     2        1\n"
        )),
        "{stdout}"
    );
}

#[test]
fn verbose_lists_each_documents_misses_and_false_positives() {
    let dir = folder_setup();
    let out = newsfacts()
        .current_dir(dir.path())
        .args(["eval", "k.json", "--gold", "gold", "--verbose"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("missed          country:US  U.S."),
        "{stdout}"
    );
    assert!(
        stdout.contains("false positive  country:CN  China"),
        "{stdout}"
    );
}

const MAP: &str = r#"
include = ["people.toml"]
[topics]
iron-steel = ["mineral:iron-ore", "mineral:steel"]
[places_iso3166]
"*" = "country:{}"
"#;

/// r1: labelled iron-steel, AU, volcker; r2 is malformed; r3: no labels.
fn labels_setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "map/reuters.toml", MAP);
    write(
        dir.path(),
        "map/people.toml",
        "[people]\nvolcker = \"person:paul-volcker\"\n",
    );
    write(
        dir.path(),
        "dev.jsonl",
        concat!(
            r#"{"id": "r1", "text": "ignored", "labels": {"topics": ["iron-steel", "earn"], "places_iso3166": ["AU"], "people": ["volcker"]}}"#,
            "\n{\"id\": \"r2\", \"labels\": \n",
            r#"{"id": "r3", "labels": {}}"#,
            "\n"
        ),
    );
    write(
        dir.path(),
        "k.json",
        &knowledge(
            vec![document("r1", &["place:perth"]), document("r3", &[])],
            vec![
                entity("mineral:steel", "steel", json!({}), &["r1", "r3"]),
                entity("place:perth", "Perth", json!({"country": "AU"}), &["r1"]),
                entity("person:p-volcker", "Paul Volcker", json!({}), &["r1"]),
            ],
            Vec::new(),
        ),
    );
    dir
}

#[test]
fn a_jsonl_gold_scores_labels_at_both_levels_and_counts_a_malformed_line() {
    let dir = labels_setup();
    let mut cmd = newsfacts();
    cmd.current_dir(dir.path()).args([
        "eval",
        "k.json",
        "--gold",
        "dev.jsonl",
        "--labels",
        "map/reuters.toml",
    ]);
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1), "a malformed line is a problem");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("dev.jsonl:2: "), "{stderr}");
    let report = run_json(&mut cmd);
    assert_eq!(report["mode"], "labels");
    assert_eq!(report["documents"]["scored"], 2);
    assert_eq!(report["documents"]["malformed"], 1);
    let mineral = row(&report["entities"], "mineral", Some("any"));
    // r1: found by steel, correct; r3: steel without a label.
    assert_eq!(
        (
            &mineral["found"],
            &mineral["correct"],
            &mineral["predicted"]
        ),
        (&json!(1), &json!(1), &json!(2))
    );
    assert_eq!(mineral["precision"], 0.5);
    let country = row(&report["entities"], "country", Some("about"));
    assert_eq!(country["recall"], 1.0, "Perth in `about` stands for AU");
    let person = row(&report["entities"], "person", Some("any"));
    assert_eq!(person["recall"], 1.0, "found by surname");
    assert_eq!(person["predicted"], 0, "an unmapped id is not scored");
    assert_eq!(report["unmapped_labels"]["topics"]["earn"], 1);
}

#[test]
fn labelled_only_rows_leave_out_the_articles_without_a_label_of_the_type() {
    let dir = labels_setup();
    let mut cmd = newsfacts();
    cmd.current_dir(dir.path()).args([
        "eval",
        "k.json",
        "--gold",
        "dev.jsonl",
        "--labels",
        "map/reuters.toml",
    ]);
    let report = run_json(&mut cmd);
    // The totals still count r3's steel as a false positive ...
    let all = row(&report["entities"], "mineral", Some("any"));
    assert_eq!(all["precision"], 0.5);
    // ... the labelled rows score r1 only: it has topics, r3 has none.
    let labelled = row(&report["labelled_only"], "mineral", Some("any"));
    assert_eq!(labelled["articles"], 1);
    assert_eq!(
        (
            &labelled["gold"],
            &labelled["predicted"],
            &labelled["correct"]
        ),
        (&json!(1), &json!(1), &json!(1))
    );
    assert_eq!(labelled["precision"], 1.0);
    assert!(
        report["labelled_only"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["type"] != "all"),
        "no micro-average over different subsets"
    );
    let out = newsfacts()
        .current_dir(dir.path())
        .args([
            "eval",
            "k.json",
            "--gold",
            "dev.jsonl",
            "--labels",
            "map/reuters.toml",
        ])
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    let (totals, labelled) = table
        .split_once("labelled articles only")
        .expect("the labelled rows follow the totals");
    assert!(totals.contains("mineral"), "{table}");
    assert!(labelled.contains("articles"), "{table}");
}

#[test]
fn unreadable_inputs_exit_4_naming_the_file() {
    let dir = labels_setup();
    // `eval KNOWLEDGE --gold dev.jsonl --labels LABELS` exits 4 with `named` in stderr.
    let fails_naming = |knowledge: &str, labels: &str, named: &str| {
        let out = newsfacts()
            .current_dir(dir.path())
            .args(["eval", knowledge, "--gold", "dev.jsonl", "--labels", labels])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(4));
        assert!(String::from_utf8(out.stderr).unwrap().contains(named));
    };
    fails_naming("missing.json", "map/reuters.toml", "missing.json");

    write(dir.path(), "bad.toml", "[topics]\ngold = \n");
    fails_naming("k.json", "bad.toml", "bad.toml:2:");

    write(dir.path(), "broken.json", "{\"format\": \n");
    fails_naming("broken.json", "map/reuters.toml", "broken.json:");
}
