//! Stream mode as a caller uses it: `newsfacts extract --format jsonl -` with JSONL on
//! stdin, one answer line per input line, in order, problems in-band, exit 0.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command as Process, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use assert_cmd::Command;
use newsfacts::output::format::ArticleLine;
use serde_json::Value;

const RULES: &str = r#"
[[entity]]
id = "country:JP"
name = "Japan"
examples = [{ text = "Japan agreed.", expect = ["country:JP"] }]

[[entity]]
id = "mineral:lithium"
name = "lithium"
examples = [{ text = "Lithium rose.", expect = ["mineral:lithium"] }]
"#;

fn rules() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("r.toml"), RULES).unwrap();
    dir
}

fn stream(rules: &Path, input: impl Into<Vec<u8>>) -> (Vec<u8>, String, i32) {
    let out = Command::cargo_bin("newsfacts")
        .unwrap()
        .args(["extract", "--format", "jsonl", "--rules"])
        .arg(rules)
        .arg("-")
        .write_stdin(input)
        .output()
        .unwrap();
    (
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn lines(stdout: &[u8]) -> Vec<Value> {
    std::str::from_utf8(stdout)
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("every stdout line is JSON"))
        .collect()
}

/// Every kind of bad record, between good ones: one line out per line in, in order.
const MIXED: &[u8] = b"{\"id\": \"a\", \"text\": \"Japan buys lithium.\"}\n\
{\"id\": \"b\", \"text\": \"Japan\n\
\n\
{\"id\": \"c\"}\n\
{\"id\": 7, \"text\": \"Nothing here.\"}\n\
\xff\xfe{\"id\": \"d\"}\n\
[1, 2]\n\
{\"text\": \"Lithium without an id.\", \"title\": \"Japan\"}\n";

#[test]
fn one_line_per_input_line_in_order_with_problems_in_band() {
    let rules = rules();
    let (stdout, stderr, code) = stream(rules.path(), MIXED);
    assert_eq!(
        code, 0,
        "problems with records are data, not a failed run: {stderr}"
    );
    let got = lines(&stdout);
    let summary: Vec<(Value, bool, Option<&str>)> = got
        .iter()
        .map(|l| {
            (
                l["id"].clone(),
                l["ok"].as_bool().unwrap(),
                l["error"]["code"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("a".into(), true, None),
            (Value::Null, false, Some("malformed-json")),
            (Value::Null, false, Some("empty-line")),
            ("c".into(), false, Some("missing-text")),
            ("7".into(), true, None),
            (Value::Null, false, Some("bad-encoding")),
            (Value::Null, false, Some("malformed-json")),
            ("<stdin>:8".into(), true, None),
        ]
    );
    // The lines follow the documented contract, unknown fields denied.
    for l in &got {
        let line: ArticleLine = serde_json::from_value(l.clone()).unwrap();
        assert!(line.rules_digest.as_deref().unwrap().starts_with("sha256:"));
    }
    let mentions: Vec<&str> = got[0]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["entity"].as_str().unwrap())
        .collect();
    assert_eq!(mentions, ["country:JP", "mineral:lithium"]);
    assert_eq!(
        got[1]["error"]["message"]
            .as_str()
            .unwrap()
            .split(':')
            .next(),
        Some("<stdin>")
    );
    // Diagnostics go to stderr, never stdout.
    assert!(stderr.contains("<stdin>:3: empty line"), "{stderr}");
}

#[test]
fn a_second_run_gives_the_same_bytes() {
    let rules = rules();
    let first = stream(rules.path(), MIXED);
    let again = stream(rules.path(), MIXED);
    assert_eq!(first.0, again.0);
    let parallel = Command::cargo_bin("newsfacts")
        .unwrap()
        .args(["extract", "--format", "jsonl", "--jobs", "1", "--rules"])
        .arg(rules.path())
        .arg("-")
        .write_stdin(MIXED)
        .output()
        .unwrap();
    assert_eq!(
        first.0, parallel.stdout,
        "one thread or many, the same bytes"
    );
}

#[test]
fn an_oversize_record_is_answered_in_band() {
    let rules = rules();
    let big = format!("{{\"id\": \"big\", \"text\": \"{}\"}}", "x".repeat(300));
    let input = format!("{big}\n{{\"id\": \"small\", \"text\": \"Japan.\"}}\n");
    let out = Command::cargo_bin("newsfacts")
        .unwrap()
        .args([
            "extract",
            "--format",
            "jsonl",
            "--max-article-bytes",
            "100",
            "--rules",
        ])
        .arg(rules.path())
        .arg("-")
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0]["ok"], false);
    assert_eq!(got[0]["error"]["code"], "too-large");
    assert_eq!(got[1]["id"], "small");
}

#[test]
fn empty_input_gives_no_line_and_exit_zero() {
    let rules = rules();
    let (stdout, _, code) = stream(rules.path(), "");
    assert_eq!(code, 0);
    assert!(stdout.is_empty());
}

#[test]
fn invalid_rules_fail_the_run_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("r.toml"), "[[entity]]\nid = 3\n").unwrap();
    let (stdout, _, code) = stream(dir.path(), "{\"text\": \"Japan\"}\n");
    assert_eq!(code, 3);
    assert!(stdout.is_empty(), "stdout carries data only");
}

/// A caller that writes one line and waits for its answer must get it before it writes
/// the next: answers are not held back to fill a chunk.
#[test]
fn each_answer_comes_before_the_next_question() {
    let rules = rules();
    let mut child = Process::new(env!("CARGO_BIN_EXE_newsfacts"))
        .args(["extract", "--format", "jsonl", "--rules"])
        .arg(rules.path())
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    for id in ["q1", "q2", "q3"] {
        writeln!(
            stdin,
            "{{\"id\": \"{id}\", \"text\": \"Japan and lithium.\"}}"
        )
        .unwrap();
        stdin.flush().unwrap();
        let answer = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("no answer to {id} while stdin is still open"));
        let v: Value = serde_json::from_str(&answer).unwrap();
        assert_eq!(v["id"], id);
    }
    drop(stdin);
    assert!(
        rx.recv_timeout(Duration::from_secs(60)).is_err(),
        "no extra line"
    );
    assert_eq!(child.wait().unwrap().code(), Some(0));
}
