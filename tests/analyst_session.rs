//! An analyst's session, end to end with the default rule pack: add a mineral with an
//! alias and an example, check, test, extract, diff (exactly the new mentions); then break
//! the rule file: check names path:line:col and fails, extract writes nothing.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

fn newsfacts(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("newsfacts").unwrap();
    c.current_dir(dir);
    c
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn add_a_mineral_then_break_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_dir(Path::new("rules"), &d.join("rules"));
    fs::create_dir_all(d.join("articles")).unwrap();
    fs::write(
        d.join("articles/a.txt"),
        "Miners bet on kryptonite\n\nAcme Mining Ltd said kryptonite ore output in Chile rose, and copper too.\n",
    )
    .unwrap();
    fs::write(
        d.join("articles/b.txt"),
        "Zinc only\n\nZinc prices rose in Peru.\n",
    )
    .unwrap();

    newsfacts(d)
        .args(["extract", "articles", "--out", "old.json"])
        .assert()
        .code(0);

    // The analyst's new rule, with its example.
    let rule = "\n[[entity]]\nid = \"mineral:kryptonite\"\nname = \"kryptonite\"\naliases = [\"kryptonite ore\"]\nexamples = [{ text = \"Kryptonite ore shipments rose.\", expect = [\"mineral:kryptonite=Kryptonite ore\"] }]\n";
    fs::write(d.join("rules/analyst.toml"), rule).unwrap();
    newsfacts(d).arg("check").assert().code(0);
    newsfacts(d).arg("test").assert().code(0);
    newsfacts(d)
        .args(["extract", "articles", "--out", "new.json"])
        .assert()
        .code(0);

    let out = newsfacts(d)
        .args(["diff", "old.json", "new.json", "--json"])
        .assert()
        .code(1);
    let diff: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let added: Vec<(String, String)> = diff["mentions"]["added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["entity"].as_str().unwrap().to_string(),
                m["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        added,
        [
            ("mineral:kryptonite".to_string(), "kryptonite".to_string()),
            (
                "mineral:kryptonite".to_string(),
                "kryptonite ore".to_string()
            ),
        ],
        "{diff:#}"
    );
    assert_eq!(
        diff["mentions"]["removed"].as_array().unwrap().len(),
        0,
        "{diff:#}"
    );
    assert_eq!(diff["entities"]["added"][0]["id"], "mineral:kryptonite");
    assert_eq!(diff["counts"]["facts"]["added"], 0);

    // A typo in the rule file.
    fs::write(
        d.join("rules/analyst.toml"),
        rule.replace("mineral:kryptonite\"\nname", "minral:kryptonite\"\nname"),
    )
    .unwrap();
    let out = newsfacts(d).arg("check").assert().code(3);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("rules/analyst.toml:3:7: unknown entity type \"minral\""),
        "{stderr}"
    );
    newsfacts(d)
        .args(["extract", "articles", "--out", "broken.json"])
        .assert()
        .code(3);
    assert!(!d.join("broken.json").exists());
}
