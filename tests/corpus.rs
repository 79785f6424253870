//! The default rule pack on the bundled corpus: the output contract, determinism across
//! thread counts, the offset invariant, and the facts of the article the project started
//! from (our own report of the Japan-Saudi memorandum).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use newsfacts::input::{self, Limits, WalkOptions};
use newsfacts::output::format::{Field, KnowledgeFile};
use newsfacts::rules::{RuleSet, RuleSetBuilder};

fn rules() -> RuleSet {
    RuleSetBuilder::new()
        .add_path(Path::new("rules"))
        .build()
        .unwrap_or_else(|e| panic!("default rules load:\n{e}"))
}

fn extract_corpus(jobs: &str) -> Vec<u8> {
    extract_corpus_with(&["--jobs", jobs])
}

fn extract_corpus_with(options: &[&str]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("k.json");
    Command::cargo_bin("newsfacts")
        .unwrap()
        .arg("extract")
        .arg("corpus")
        .args(options)
        .arg("--out")
        .arg(&out)
        .assert()
        // 1: the Windows-1252 article is decoded with a problem recorded.
        .code(1);
    std::fs::read(out).unwrap()
}

#[test]
fn output_is_byte_identical_at_any_thread_count() {
    let one = extract_corpus("1");
    let four = extract_corpus("4");
    assert!(one == four, "--jobs 1 and --jobs 4 differ");
    let k: KnowledgeFile = serde_json::from_slice(&one).expect("contract holds");
    assert!(k.documents.len() >= 40, "{} documents", k.documents.len());
    assert!(
        k.problems.iter().all(|p| p.message.contains("decoded as")),
        "{:?}",
        k.problems
    );
}

#[test]
fn a_merge_spilled_to_disk_writes_the_same_bytes() {
    // --merge-memory 0: every article's documents and mentions go to a run file of their
    // own, and the file is written by merging some fifty runs.
    let memory = extract_corpus_with(&["--jobs", "2"]);
    let spilled = extract_corpus_with(&["--jobs", "2", "--merge-memory", "0"]);
    assert!(
        memory == spilled,
        "spilled merge differs from the in-memory one"
    );
}

#[test]
fn every_mention_and_evidence_offset_points_at_its_text() {
    let rules = rules();
    let mut checked = 0;
    for unit in input::units(&[PathBuf::from("corpus")], &WalkOptions::default()) {
        for article in input::load(unit, &Limits::default()).articles {
            let k = newsfacts::extract::extract(&rules, &article);
            let spans = k
                .entities
                .values()
                .flat_map(|e| e.mentions.iter())
                .chain(k.facts.values().flat_map(|f| f.evidence.iter()));
            for m in spans {
                let field = match m.field {
                    Field::Text => &article.text,
                    Field::Title => article.title.as_ref().expect("title mention has a title"),
                };
                let got: String = field.chars().skip(m.start).take(m.end - m.start).collect();
                assert_eq!(got, m.text, "{} {}..{}", article.id, m.start, m.end);
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} spans checked");
}

#[test]
fn every_example_of_the_default_pack_passes_and_every_rule_has_one() {
    let report = newsfacts::rules::examples::run_all(&rules());
    let failures: Vec<String> = report.failures.iter().map(|f| format!("{f:?}")).collect();
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(report.run > 500);
}

/// Our own report of the seed article's event (the project started from it): every entity and fact of its gold.
#[test]
fn the_japan_saudi_memoranda() {
    let rules = rules();
    let units = input::units(
        &[PathBuf::from("corpus/japan-saudi-mining-mou.txt")],
        &WalkOptions::default(),
    );
    let article = units
        .flat_map(|u| input::load(u, &Limits::default()).articles)
        .next()
        .expect("the article reads");
    let k = newsfacts::extract::extract(&rules, &article);
    let ids: BTreeSet<&str> = k.entities.keys().map(String::as_str).collect();
    for want in [
        "country:JP",
        "country:SA",
        "country:US",
        "region:africa",
        "region:europe",
        "mineral:lithium",
        "organization:japan-organization-for-metals-and-energy-security",
        "organization:manara-minerals-investment-co",
        "person:ken-saito",
        "person:bandar-bin-ibrahim-alkhorayef",
    ] {
        assert!(ids.contains(want), "{want} missing; got {ids:?}");
    }
    assert!(!ids.iter().any(|id| id.contains("hot-news")), "{ids:?}");
    assert_eq!(k.entities["country:JP"].ids["iso3166"], "JP");
    assert_eq!(k.entities["country:SA"].ids["iso3166"], "SA");

    let facts: Vec<String> = k
        .facts
        .values()
        .map(newsfacts::rules::examples::fact_line)
        .collect();
    let has = |spec: &str| {
        let s = newsfacts::rules::examples::FactSpec::parse(spec).unwrap();
        k.facts.values().any(|f| s.matches(f))
    };
    assert!(
        has(
            "agreement parties=country:JP,country:SA signatories=person:ken-saito,person:bandar-bin-ibrahim-alkhorayef regions=region:africa kind=memorandum status=signed"
        ),
        "{facts:#?}"
    );
    assert!(
        has(
            "agreement parties=organization:japan-organization-for-metals-and-energy-security,organization:manara-minerals-investment-co kind=memorandum status=signed"
        ),
        "{facts:#?}"
    );
    assert!(
        has("role person=person:ken-saito affiliation=country:JP"),
        "{facts:#?}"
    );
    assert!(
        has("role person=person:bandar-bin-ibrahim-alkhorayef affiliation=country:SA"),
        "{facts:#?}"
    );
    assert!(
        has("based_in organization=organization:manara-minerals-investment-co country=country:SA"),
        "{facts:#?}"
    );
    let agreements: Vec<_> = k
        .facts
        .values()
        .filter(|f| f.ftype == "agreement")
        .collect();
    assert_eq!(agreements.len(), 2, "{facts:#?}");
    assert!(
        !agreements.iter().any(|f| f
            .args
            .values()
            .any(|v| v.values().iter().any(|x| x == "country:US"))),
        "the United States is no party: {facts:#?}"
    );
}
