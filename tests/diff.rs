//! `newsfacts diff` as a user runs it: two knowledge files in a temp dir, the binary,
//! exact lines and exit codes (0 equal, 1 different, 4 unreadable).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::Arc;

use assert_cmd::Command;
use newsfacts::output::format::{Document, Entity, Fact, Field, Generator, KnowledgeFile, Mention};
use newsfacts::rules::AttrValue;

const SENTENCE: &str = "Japan and Saudi Arabia signed a memorandum on Monday.";

fn mention(start: usize, text: &str, rule: &str) -> Mention {
    Mention {
        doc: Arc::from("a.txt"),
        field: Field::Text,
        start,
        end: start + text.chars().count(),
        text: text.into(),
        rule: Arc::from(rule),
    }
}

fn knowledge(status: &str, with_saudi: bool) -> KnowledgeFile {
    let mut entities = vec![Entity {
        id: "country:JP".into(),
        etype: "country".into(),
        name: "Japan".into(),
        ids: BTreeMap::new(),
        attributes: BTreeMap::new(),
        aliases: vec![],
        mentions: vec![mention(0, "Japan", "country:JP")],
    }];
    if with_saudi {
        entities.push(Entity {
            id: "country:SA".into(),
            etype: "country".into(),
            name: "Saudi Arabia".into(),
            ids: BTreeMap::new(),
            attributes: BTreeMap::new(),
            aliases: vec![],
            mentions: vec![mention(10, "Saudi Arabia", "country:SA")],
        });
    }
    KnowledgeFile {
        format: "newsfacts-knowledge".into(),
        version: 1,
        generator: Generator {
            name: "newsfacts".into(),
            version: "0.1.0".into(),
            rules_digest: "sha256:0".into(),
        },
        documents: vec![Document {
            id: "a.txt".into(),
            source: "in/a.txt".into(),
            title: None,
            date: None,
            url: None,
            sha256: "0".into(),
            chars: SENTENCE.chars().count(),
            about: vec![],
        }],
        entities,
        facts: vec![Fact {
            id: "agreement:memorandum/country:JP+country:SA/".into(),
            ftype: "agreement".into(),
            args: BTreeMap::from([(
                "parties".into(),
                AttrValue::Many(vec!["country:JP".into(), "country:SA".into()]),
            )]),
            attributes: BTreeMap::from([
                ("kind".into(), AttrValue::One("memorandum".into())),
                ("status".into(), AttrValue::One(status.into())),
            ]),
            evidence: vec![mention(0, SENTENCE, "agreement-signed")],
        }],
        problems: vec![],
    }
}

fn write(dir: &Path, name: &str, k: &KnowledgeFile) {
    fs::write(dir.join(name), serde_json::to_string_pretty(k).unwrap()).unwrap();
}

fn diff(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("newsfacts")
        .expect("binary builds")
        .current_dir(dir)
        .arg("diff")
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn equal_files_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "old.json", &knowledge("signed", true));
    let (code, out, _) = diff(dir.path(), &["old.json", "old.json"]);
    assert_eq!((code, out.as_str()), (0, "no differences\n"));
}

#[test]
fn changed_fact_status_and_a_removed_mention() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "old.json", &knowledge("proposed", true));
    write(dir.path(), "new.json", &knowledge("signed", false));
    let (code, out, _) = diff(dir.path(), &["old.json", "new.json"]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "documents  +0 -0\n\
         entities   +0 -1\n\
         mentions   +0 -1\n\
         facts      +0 -0 ~1\n\
         \n\
         entity type  entities  mentions\n\
         country      +0 -1     +0 -1\n\
         \n\
         rule              mentions  facts\n\
         agreement-signed            +0 -0 ~1\n\
         country:SA        +0 -1\n\
         \n\
         entities removed (1)\n\
         \x20 - country:SA  country  \"Saudi Arabia\"\n\
         \n\
         mentions removed (1)\n\
         \x20 - country:SA  a.txt text:10..22  rule country:SA\n\
         \x20     a.txt: \"Japan and [Saudi Arabia] signed a memorandum on Monday.\"\n\
         \n\
         facts changed (1)\n\
         \x20 ~ agreement:memorandum/country:JP+country:SA/\n\
         \x20     status: proposed -> signed\n\
         \x20     evidence [agreement-signed] a.txt: \"Japan and Saudi Arabia signed a memorandum on Monday.\"\n"
    );
}

#[test]
fn json_and_limit() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "old.json", &knowledge("proposed", true));
    write(dir.path(), "new.json", &knowledge("signed", false));
    let (code, out, _) = diff(
        dir.path(),
        &["old.json", "new.json", "--json", "--limit", "0"],
    );
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["format"], "newsfacts-diff");
    assert_eq!(v["equal"], false);
    assert_eq!(v["counts"]["facts"]["changed"], 1);
    assert_eq!(
        v["counts"]["by_rule"]["country:SA"]["mentions"]["removed"],
        1
    );
    assert_eq!(v["facts"]["changed"].as_array().map(Vec::len), Some(0));

    let (_, out, _) = diff(dir.path(), &["old.json", "new.json", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let slot = &v["facts"]["changed"][0]["slots"][0];
    assert_eq!(slot["slot"], "status");
    assert_eq!(slot["old"], "proposed");
    assert_eq!(slot["new"], "signed");

    let (_, out, _) = diff(dir.path(), &["old.json", "new.json", "--limit", "0"]);
    assert!(
        out.contains("\nfacts changed (1)\n  ... and 1 more\n"),
        "{out}"
    );
}

#[test]
fn unreadable_input_exits_four() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "old.json", &knowledge("signed", true));
    fs::write(dir.path().join("bad.json"), "{\"format\": \"other\"}").unwrap();
    let (code, out, err) = diff(dir.path(), &["old.json", "missing.json"]);
    assert_eq!(code, 4);
    assert_eq!(out, "");
    assert!(err.starts_with("newsfacts: missing.json: "), "{err}");
    let (code, _, err) = diff(dir.path(), &["bad.json", "old.json"]);
    assert_eq!(code, 4);
    assert!(
        err.starts_with("newsfacts: bad.json: not a knowledge file"),
        "{err}"
    );
}
