//! The CLI as a user runs it: temp corpus and rules, the binary, its exit code, stdout,
//! stderr and files.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use newsfacts::output::format::KnowledgeFile;

fn newsfacts() -> Command {
    Command::cargo_bin("newsfacts").expect("binary builds")
}

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

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "rules/r.toml", RULES);
    write(
        dir.path(),
        "in/a.txt",
        "Japan buys lithium\n\nJapan wants lithium from abroad.\n",
    );
    dir
}

#[test]
fn clean_run_exits_zero_and_writes_the_knowledge_file() {
    let dir = setup();
    newsfacts()
        .current_dir(dir.path())
        .args(["extract", "in", "--out", "k.json"])
        .assert()
        .code(0);
    let k: KnowledgeFile = serde_json::from_slice(&fs::read(dir.path().join("k.json")).unwrap())
        .expect("knowledge file follows the contract");
    assert_eq!(k.format, "newsfacts-knowledge");
    assert_eq!(k.version, 1);
    let ids: Vec<&str> = k.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["country:JP", "mineral:lithium"]);
    assert!(k.problems.is_empty());
}

#[test]
fn problems_exit_one_and_the_rest_of_the_batch_is_kept() {
    let dir = setup();
    fs::write(dir.path().join("in/b.txt"), b"\x00\x01\x02binary\x00").unwrap();
    let out = newsfacts()
        .current_dir(dir.path())
        .args(["extract", "in", "--out", "k.json"])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("b.txt"), "{stderr}");
    let k: KnowledgeFile =
        serde_json::from_slice(&fs::read(dir.path().join("k.json")).unwrap()).unwrap();
    assert_eq!(k.documents.len(), 1, "the good article is still there");
    assert_eq!(k.problems.len(), 1);
    assert!(k.problems[0].source.ends_with("b.txt"));
}

#[test]
fn missing_input_and_unwritable_output_exit_four() {
    let dir = setup();
    newsfacts()
        .current_dir(dir.path())
        .args(["extract", "nowhere", "--out", "k.json"])
        .assert()
        .code(4);
    newsfacts()
        .current_dir(dir.path())
        .args(["extract", "in", "--out", "no/such/folder/k.json"])
        .assert()
        .code(4);
}

#[test]
fn broken_rule_file_reports_every_error_at_its_position_and_writes_nothing() {
    let dir = setup();
    write(
        dir.path(),
        "rules/bad.toml",
        "[[entity]]\nid = \"minral:gold\"\nname = \"gold\"\n\n[[pattern]]\nid = \"p\"\ntype = \"person\"\nregex = '''Minister (?P<name>[A-Z'''\n",
    );
    let out = newsfacts()
        .current_dir(dir.path())
        .args(["check"])
        .assert()
        .code(3);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains(
            "rules/bad.toml:2:7: unknown entity type \"minral\" (did you mean \"mineral\"?)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("rules/bad.toml:8:9: invalid regex"),
        "{stderr}"
    );
    assert!(stderr.contains("2 errors in the rules"), "{stderr}");
    newsfacts()
        .current_dir(dir.path())
        .args(["extract", "in", "--out", "k.json"])
        .assert()
        .code(3);
    assert!(!dir.path().join("k.json").exists(), "nothing is written");
}

#[test]
fn rule_examples_run_and_untested_rules_fail() {
    let dir = setup();
    newsfacts()
        .current_dir(dir.path())
        .args(["test"])
        .assert()
        .code(0);
    write(
        dir.path(),
        "rules/more.toml",
        "[[entity]]\nid = \"mineral:cobalt\"\nname = \"cobalt\"\n\n[[entity]]\nid = \"mineral:tin\"\nname = \"tin\"\nexamples = [{ text = \"Latin America\", expect = [\"mineral:tin\"] }]\n",
    );
    let out = newsfacts()
        .current_dir(dir.path())
        .args(["test"])
        .assert()
        .code(3);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("rules/more.toml:1:1: rule `mineral:cobalt` has no example"),
        "{stderr}"
    );
    assert!(
        stderr.contains("rules/more.toml:8:13: example of `mineral:tin` failed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("expected mineral:tin, got nothing"),
        "{stderr}"
    );
}

#[test]
fn stdout_output_and_jsonl_lines_in_input_order() {
    let dir = setup();
    write(dir.path(), "in/b.txt", "Nothing here.\n");
    let out = newsfacts()
        .current_dir(dir.path())
        .args(["extract", "in", "--format", "jsonl", "--out", "-"])
        .assert()
        .code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let ids: Vec<String> = stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids, ["a.txt", "b.txt"]);
}

#[test]
fn stats_count_mentions_articles_and_overlap_losses_per_rule() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "rules/r.toml",
        "[[entity]]\nid = \"country:SA\"\nname = \"Saudi Arabia\"\nexamples = [{ text = \"Saudi Arabia\", expect = [\"country:SA\"] }]\n\n[[entity]]\nid = \"organization:saudi\"\nname = \"Saudi\"\nexamples = [{ text = \"Saudi said\", expect = [\"organization:saudi\"] }]\n\n[[entity]]\nid = \"mineral:tin\"\nname = \"tin\"\nexamples = [{ text = \"tin\", expect = [\"mineral:tin\"] }]\n",
    );
    write(
        dir.path(),
        "in/a.txt",
        "Saudi Arabia and Saudi Arabia again.\n",
    );
    newsfacts()
        .current_dir(dir.path())
        .args(["extract", "in", "--out", "k.json", "--stats", "stats.json"])
        .assert()
        .code(0);
    let stats: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("stats.json")).unwrap()).unwrap();
    let rule = |id: &str| {
        stats["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["rule"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("{id} in {stats:#}"))
    };
    assert_eq!(rule("country:SA")["mentions"], 2);
    assert_eq!(rule("country:SA")["articles"], 1);
    assert_eq!(rule("organization:saudi")["lost"], 2, "{stats:#}");
    assert_eq!(
        stats["never_fired"],
        serde_json::json!(["organization:saudi", "mineral:tin"])
    );
}

/// `--profile` on the bundled corpus and pack: every stage and every pattern and relation
/// rule of the pack in the report, counts that add up, and the knowledge file the same as
/// without it.
#[test]
fn profile_times_every_stage_and_rule_and_changes_nothing() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let run = |extra: &[&str], out: &str| {
        newsfacts()
            .current_dir(dir.path())
            .arg("extract")
            .arg(repo.join("corpus"))
            .arg("--rules")
            .arg(repo.join("rules"))
            .args(["-j2", "--out", out])
            .args(extra)
            .assert()
            // 1: the corpus has one Latin-1 article on purpose, reported as a problem.
            .code(1);
        fs::read(dir.path().join(out)).unwrap()
    };
    let plain = run(&[], "plain.json");
    let profiled = run(&["--profile", "profile.json"], "profiled.json");
    assert!(plain == profiled, "--profile changed the knowledge file");

    let report: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("profile.json")).unwrap()).unwrap();
    let stages: Vec<&str> = report["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stage"].as_str().unwrap())
        .collect();
    assert_eq!(
        stages,
        [
            "reading",
            "analysis",
            "gazetteer",
            "patterns",
            "resolution",
            "relations",
            "records",
            "collect",
            "write"
        ]
    );
    let rules = newsfacts::rules::RuleSetBuilder::new()
        .add_path(&repo.join("rules"))
        .build()
        .unwrap();
    let listed = report["rules"].as_array().unwrap();
    assert_eq!(
        listed.len(),
        rules.patterns().len() + rules.relations().len()
    );
    let rule = |id: &str| listed.iter().find(|r| r["rule"] == id).unwrap();
    // The corpus has officials after their title, and agreements between countries.
    let title = rule("person-after-title");
    assert!(title["matches"].as_u64().unwrap() > 0, "{title:#}");
    assert!(title["searches"].as_u64().unwrap() >= 45, "{title:#}");
    let seconds = |r: &serde_json::Value| r["seconds"].as_f64().unwrap();
    assert!(listed.windows(2).all(|w| seconds(&w[0]) >= seconds(&w[1])));
    assert!(
        listed
            .iter()
            .any(|r| r["kind"] == "relation" && r["matches"].as_u64().unwrap() > 0)
    );

    // The table form, by extension.
    run(&["--profile", "profile.txt"], "again.json");
    let table = fs::read_to_string(dir.path().join("profile.txt")).unwrap();
    assert!(table.contains("person-after-title"), "{table}");
}

#[test]
fn profile_is_refused_in_watch_mode() {
    let dir = setup();
    let out = newsfacts()
        .current_dir(dir.path())
        .args(["extract", "in", "--watch", "--profile", "p.txt"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("--profile"), "{stderr}");
}

/// A stats or profile path that cannot be written fails before any article is read.
#[test]
fn an_unwritable_report_path_fails_before_the_run() {
    for flag in ["--stats", "--profile"] {
        let dir = setup();
        // Read, it would be reported on stderr.
        fs::write(dir.path().join("in/latin1.txt"), b"Caf\xe9 in Japan\n").unwrap();
        let out = newsfacts()
            .current_dir(dir.path())
            .args(["extract", "in", flag, "no/such/folder/report.txt"])
            .assert()
            // 4: could not run.
            .code(4);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(stderr.contains("no/such/folder"), "{flag}: {stderr}");
        assert!(!stderr.contains("latin1.txt"), "{flag}: {stderr}");
        assert!(!dir.path().join("knowledge.json").exists(), "{flag}");
    }
}
