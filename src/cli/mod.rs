//! The command line: one file per subcommand, each thin: parse flags, build a config,
//! call the library, turn the result into an exit code.

mod check;
mod diff;
mod eval;
mod explain;
mod export;
mod extract;
mod merge;
mod test;

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::rules::{RuleSet, RuleSetBuilder};

/// Exit codes, documented in the README.
pub mod exit {
    /// Everything went through.
    pub const OK: u8 = 0;
    /// Finished, but some input had problems (listed on stderr and in the output).
    pub const PROBLEMS: u8 = 1;
    /// The command line was wrong.
    pub const USAGE: u8 = 2;
    /// The rules are invalid (or, for `test`, an example failed); nothing was written.
    pub const RULES: u8 = 3;
    /// Could not run: output not writable, input missing, I/O failure.
    pub const FAILED: u8 = 4;
}

#[derive(Parser, Debug)]
#[command(
    name = "newsfacts",
    version,
    about = "Turns a folder of news articles into a knowledge file of critical-minerals deals",
    after_help = "Exit codes: 0 clean; 1 finished with problems; 2 usage error; 3 rules invalid or rule examples failing; 4 could not run."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract entities and facts from articles into a knowledge file.
    Extract(extract::Args),
    /// Validate the rule files without reading any article.
    Check(check::Args),
    /// Run the examples written in the rule files.
    Test(test::Args),
    /// Score a knowledge file against gold annotations: precision, recall, F1.
    Eval(eval::Args),
    /// Combine knowledge files and JSONL outputs (shards, streams) into one knowledge file.
    Merge(merge::Args),
    /// Write a knowledge file as CSV, JSON-LD, N-Triples, GraphML or brat standoff.
    Export(export::Args),
    /// Compare two knowledge files: what a rule change did.
    Diff(diff::Args),
    /// Show how the rules read one article: mentions, losers, facts, --why, --why-not.
    Explain(explain::Args),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Check(args) => check::run(args),
        Command::Test(args) => test::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Export(args) => export::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Explain(args) => explain::run(args),
    };
    ExitCode::from(code)
}

/// Loads the rule pack, printing every error (and warning) on stderr.
pub(crate) fn load_rules(dir: &Path, show_warnings: bool) -> Result<RuleSet, u8> {
    match RuleSetBuilder::new().add_path(dir).build() {
        Ok(rules) => {
            if show_warnings {
                for w in rules.warnings() {
                    eprintln!("{w}");
                }
            }
            Ok(rules)
        }
        Err(errors) => {
            for w in errors.warnings.iter().filter(|_| show_warnings) {
                eprintln!("{w}");
            }
            eprintln!("{errors}");
            Err(exit::RULES)
        }
    }
}

/// Whether progress and colour may go to stderr.
pub(crate) fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}
