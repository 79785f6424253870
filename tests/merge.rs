//! `extract --shard I/N` and `newsfacts merge` as a cluster job uses them: the merged
//! shards of the bundled corpus are byte for byte the file one run gives, whatever the
//! mix of knowledge files and JSONL and the order; mixed rules are refused.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use newsfacts::output::format::KnowledgeFile;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn newsfacts(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("newsfacts").unwrap();
    cmd.current_dir(dir);
    cmd
}

/// Runs `extract` on the bundled corpus with the bundled rules; extra args last.
fn extract(dir: &Path, out: &str, extra: &[&str]) {
    let corpus = repo().join("corpus");
    let rules = repo().join("rules");
    let out = newsfacts(dir)
        .arg("extract")
        .arg(&corpus)
        .arg("--rules")
        .arg(&rules)
        .args(["--out", out])
        .args(extra)
        .output()
        .unwrap();
    // 1: the corpus has a Windows-1252 article, reported as a problem on purpose.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn merge(dir: &Path, inputs: &[&str], out: &str) -> std::process::Output {
    newsfacts(dir)
        .arg("merge")
        .args(inputs)
        .args(["--out", out])
        .output()
        .unwrap()
}

#[test]
fn merged_shards_are_byte_identical_to_a_single_run() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    extract(dir, "single.json", &[]);
    for i in 0..4 {
        let shard = format!("{i}/4");
        extract(dir, &format!("s{i}.json"), &["--shard", &shard]);
        extract(
            dir,
            &format!("l{i}.jsonl"),
            &["--shard", &shard, "--format", "jsonl"],
        );
    }
    let single = fs::read(dir.join("single.json")).unwrap();
    let shards: Vec<KnowledgeFile> = (0..4)
        .map(|i| {
            serde_json::from_slice(&fs::read(dir.join(format!("s{i}.json"))).unwrap()).unwrap()
        })
        .collect();
    let total: usize = shards.iter().map(|s| s.documents.len()).sum();
    let whole: KnowledgeFile = serde_json::from_slice(&single).unwrap();
    assert_eq!(total, whole.documents.len(), "the shards split the corpus");
    assert!(shards.iter().all(|s| !s.documents.is_empty()));

    for (name, inputs) in [
        ("files", vec!["s0.json", "s1.json", "s2.json", "s3.json"]),
        (
            "files reversed",
            vec!["s3.json", "s2.json", "s1.json", "s0.json"],
        ),
        (
            "lines",
            vec!["l1.jsonl", "l0.jsonl", "l3.jsonl", "l2.jsonl"],
        ),
        ("mixed", vec!["l0.jsonl", "s1.json", "l2.jsonl", "s3.json"]),
        (
            "with repeats",
            vec![
                "s0.json",
                "s1.json",
                "l1.jsonl",
                "s2.json",
                "s3.json",
                "single.json",
            ],
        ),
    ] {
        let out = merge(dir, &inputs, "merged.json");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let merged = fs::read(dir.join("merged.json")).unwrap();
        assert!(
            merged == single,
            "{name}: merge differs from the single run"
        );
    }
}

const RULES_A: &str = r#"
[[entity]]
id = "country:JP"
name = "Japan"
examples = [{ text = "Japan agreed.", expect = ["country:JP"] }]
"#;

fn small_run(dir: &Path, rules: &str, out: &str, format: &str) {
    fs::create_dir_all(dir.join("in")).unwrap();
    fs::write(dir.join("in/a.txt"), "Japan\n\nJapan signs.\n").unwrap();
    fs::create_dir_all(dir.join(rules)).unwrap();
    newsfacts(dir)
        .args([
            "extract", "in", "--rules", rules, "--format", format, "--out", out,
        ])
        .assert()
        .code(0);
}

#[test]
fn outputs_of_different_rules_are_refused_unless_allowed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::create_dir_all(dir.join("ra")).unwrap();
    fs::create_dir_all(dir.join("rb")).unwrap();
    fs::write(dir.join("ra/r.toml"), RULES_A).unwrap();
    fs::write(
        dir.join("rb/r.toml"),
        format!("{RULES_A}\n# another pack\n"),
    )
    .unwrap();
    small_run(dir, "ra", "a.json", "json");
    small_run(dir, "rb", "b.jsonl", "jsonl");

    let out = merge(dir, &["a.json", "b.jsonl"], "m.json");
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("different rules"), "{stderr}");
    assert!(
        stderr.contains("a.json") && stderr.contains("b.jsonl"),
        "{stderr}"
    );
    assert!(stderr.contains("--allow-mixed-rules"), "{stderr}");
    assert!(!dir.join("m.json").exists(), "nothing written on refusal");

    let out = newsfacts(dir)
        .args([
            "merge",
            "a.json",
            "b.jsonl",
            "--allow-mixed-rules",
            "--out",
            "m.json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let m: KnowledgeFile = serde_json::from_slice(&fs::read(dir.join("m.json")).unwrap()).unwrap();
    let digests: Vec<&str> = m.generator.rules_digest.split(", ").collect();
    assert_eq!(
        digests.len(),
        2,
        "both digests are named: {}",
        m.generator.rules_digest
    );
    assert_eq!(m.documents.len(), 1);
}

#[test]
fn the_empty_knowledge_file_is_the_identity() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::create_dir_all(dir.join("r")).unwrap();
    fs::write(dir.join("r/r.toml"), RULES_A).unwrap();
    small_run(dir, "r", "a.json", "json");
    fs::create_dir_all(dir.join("nothing")).unwrap();
    newsfacts(dir)
        .args(["extract", "nothing", "--rules", "r", "--out", "empty.json"])
        .assert()
        .code(0);
    fs::write(dir.join("empty.jsonl"), "").unwrap();
    let out = merge(dir, &["empty.json", "a.json", "empty.jsonl"], "m.json");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        fs::read(dir.join("m.json")).unwrap(),
        fs::read(dir.join("a.json")).unwrap()
    );
}

#[test]
fn a_broken_input_fails_the_merge_with_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(
        dir.join("bad.jsonl"),
        "{\"id\": \"a\", \"ok\": true}\n{\"id\": \n",
    )
    .unwrap();
    let out = merge(dir, &["bad.jsonl"], "m.json");
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.jsonl:2:"), "{stderr}");
}

#[test]
fn shard_flag_is_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let out = newsfacts(tmp.path())
        .args(["extract", "--shard", "3/3"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 to 2"));
}
