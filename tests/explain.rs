//! `newsfacts explain` as a user runs it: a small rule pack and a one-line article in a
//! temp dir (one line, so no loader takes a title off it), the binary, exact lines.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

const RULES: &str = r#"[[entity]]
id = "country:SA"
name = "Saudi Arabia"
aliases = ["Saudi"]

[[entity]]
id = "mineral:lead"
name = "lead"
case = "initial"
unless_next = ["to"]

[[entity]]
id = "mineral:tin"
name = "tin"
near = ["smelter", "tonnes"]
window = 3
"#;

const ARTICLE: &str =
    "Saudi Arabia and LEAD to tin, but lead prices rose at the tin smelter near Latin quarters.";

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("rules")).unwrap();
    fs::write(dir.path().join("rules/r.toml"), RULES).unwrap();
    fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    dir
}

fn explain(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("newsfacts")
        .expect("binary builds")
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .arg("explain")
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn has_line(stdout: &str, line: &str) {
    assert!(
        stdout.lines().any(|l| l == line),
        "no line\n{line}\nin\n{stdout}"
    );
}

#[test]
fn text_is_bracketed_when_stdout_is_not_a_terminal() {
    let dir = setup();
    let (code, out, _) = explain(dir.path(), &["a.txt"]);
    assert_eq!(code, 0);
    assert!(!out.contains('\x1b'), "no colour into a pipe");
    has_line(
        &out,
        "[[Saudi Arabia|country:SA]] and LEAD to tin, but [[lead|mineral:lead]] prices rose at the [[tin|mineral:tin]] smelter near Latin quarters.",
    );
    has_line(&out, "mentions (3)");
    has_line(
        &out,
        "  text:34..38  \"lead\"          mineral:lead  mineral:lead  rules/r.toml:8",
    );
}

#[test]
fn alias_lost_to_a_longer_overlap() {
    let dir = setup();
    let (_, out, _) = explain(dir.path(), &["a.txt"]);
    has_line(&out, "lost candidates (3)");
    has_line(
        &out,
        "  text:0..5    \"Saudi\"  country:SA    country:SA    rules/r.toml:4   overlaps the longer mention \"Saudi Arabia\" at text:0..12 (country:SA)",
    );
    let (_, why, _) = explain(dir.path(), &["a.txt", "--why", "Saudi"]);
    assert_eq!(
        why,
        "why \"Saudi\"\n\
         \x20 found at text:0..5: \"Saudi\"\n\
         \x20 covered by mention text:0..12 \"Saudi Arabia\" -> country:SA  rule country:SA (alias \"Saudi Arabia\")  rules/r.toml:3\n\
         \x20 lost there:\n\
         \x20   text:0..5 \"Saudi\" country:SA  rule country:SA  rules/r.toml:4: overlaps the longer mention \"Saudi Arabia\" at text:0..12 (country:SA)\n"
    );
}

#[test]
fn context_condition_failing() {
    let dir = setup();
    let (_, out, _) = explain(dir.path(), &["a.txt"]);
    has_line(
        &out,
        "  text:25..28  \"tin\"    mineral:tin   mineral:tin   rules/r.toml:14  no context word within 3 words",
    );
    let (_, why_not, _) = explain(dir.path(), &["a.txt", "--why-not", "tin"]);
    has_line(&why_not, "  found at text:25..28: \"tin\"");
    has_line(
        &why_not,
        "    text:25..28 \"tin\" mineral:tin  rule mineral:tin  rules/r.toml:14: no context word within 3 words",
    );
    has_line(&why_not, "      case any; near 3 words: smelter, tonnes");
}

#[test]
fn why_not_reports_a_case_policy_rejection() {
    let dir = setup();
    let (code, out, _) = explain(dir.path(), &["a.txt", "--why-not", "LEAD"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "why not \"LEAD\"\n\
         \x20 found at text:17..21: \"LEAD\"\n\
         \x20 no mention there\n\
         \x20 lost there:\n\
         \x20   text:17..21 \"LEAD\" mineral:lead  rule mineral:lead  rules/r.toml:8: letter case: \"LEAD\" does not fit the alias \"lead\" (Initial)\n\
         \x20 rules that match the text on its own:\n\
         \x20   alias \"lead\" of mineral:lead at 0..4 \"LEAD\"  rules/r.toml:8\n\
         \x20     case initial; unless_next: to\n\
         \x20     on its own: letter case: \"LEAD\" does not fit the alias \"lead\" (Initial)\n"
    );
}

#[test]
fn why_not_without_any_matching_rule_and_inside_a_word() {
    let dir = setup();
    let (_, out, _) = explain(dir.path(), &["a.txt", "--why-not", "prices"]);
    has_line(
        &out,
        "  no rule has an alias or pattern that matches this text",
    );
    let (_, out, _) = explain(dir.path(), &["a.txt", "--why-not", "quart"]);
    has_line(
        &out,
        "  found at text:81..86: \"quart\" (inside a longer word: aliases match only on word boundaries)",
    );
    let (_, out, _) = explain(dir.path(), &["a.txt", "--why-not", "zinc"]);
    has_line(&out, "  not in the article");
}

#[test]
fn json_has_mentions_losers_and_the_answer() {
    let dir = setup();
    let (code, out, _) = explain(dir.path(), &["a.txt", "--json", "--why-not", "LEAD"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["format"], "newsfacts-explain");
    assert_eq!(v["mentions"].as_array().map(Vec::len), Some(3));
    assert_eq!(v["mentions"][0]["entity"], "country:SA");
    assert_eq!(v["mentions"][0]["rule"]["kind"], "alias");
    assert_eq!(v["mentions"][0]["rule"]["location"]["line"], 3);
    assert_eq!(
        v["lost"][1]["reason"].as_str().map(|r| &r[..11]),
        Some("letter case")
    );
    assert_eq!(v["why_not"]["occurrence"]["start"], 17);
    assert_eq!(
        v["why_not"]["alone"][0]["rule"]["conditions"][0],
        "case initial"
    );
}

#[test]
fn exit_codes() {
    let dir = setup();
    let (code, _, err) = explain(dir.path(), &["missing.txt"]);
    assert_eq!(code, 4);
    assert!(err.contains("missing.txt"), "{err}");
    fs::write(
        dir.path().join("rules/bad.toml"),
        "[[entity]]\nname = \"x\"\n",
    )
    .unwrap();
    let (code, _, _) = explain(dir.path(), &["a.txt"]);
    assert_eq!(code, 3);
}
