//! Docs that cannot drift: the TOML blocks of docs/rules.md, put together, are a valid
//! rule pack whose examples all pass; the README's commands and documented exit codes
//! match the binary.

use std::fs;

fn toml_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_start()) {
            (None, l) if l.starts_with("```toml") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            _ => {}
        }
    }
    blocks
}

#[test]
fn every_rule_construct_in_docs_rules_md_compiles_and_its_examples_pass() {
    let doc = fs::read_to_string("docs/rules.md").unwrap();
    let blocks = toml_blocks(&doc);
    assert!(blocks.len() >= 8, "found {} toml blocks", blocks.len());
    let mut builder = newsfacts::rules::RuleSetBuilder::new();
    for (i, block) in blocks.iter().enumerate() {
        builder.add_str(&format!("docs/rules.md#block{:02}", i + 1), block);
    }
    let rules = builder
        .build()
        .unwrap_or_else(|e| panic!("docs/rules.md blocks:\n{e}"));
    let report = newsfacts::rules::examples::run_all(&rules);
    let failures: Vec<String> = report.failures.iter().map(|f| format!("{f:?}")).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(report.run >= 10);
}

#[test]
fn readme_documents_the_test_command_and_the_exit_codes() {
    let readme = fs::read_to_string("README.md").unwrap();
    assert!(
        readme.contains("\ncargo test\n"),
        "README names the test command"
    );
    let ci = fs::read_to_string(".ci/run").unwrap();
    assert!(
        ci.contains("\ncargo test\n"),
        ".ci/run runs the README's test command"
    );
    for (code, name) in [
        (newsfacts::cli::exit::OK, "clean"),
        (newsfacts::cli::exit::PROBLEMS, "problems"),
        (newsfacts::cli::exit::USAGE, "usage"),
        (newsfacts::cli::exit::RULES, "rules"),
        (newsfacts::cli::exit::FAILED, "could not run"),
    ] {
        let row = format!("| {code} |");
        let line = readme
            .lines()
            .find(|l| l.starts_with(&row))
            .unwrap_or_else(|| panic!("README has no exit code row for {code}"));
        assert!(
            line.contains(name),
            "exit code {code} row should say {name:?}: {line}"
        );
    }
}
