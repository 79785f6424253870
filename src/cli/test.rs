//! `newsfacts test`: run every example written in the rules, and fail on rules that have
//! none.

use std::path::PathBuf;

use crate::rules::examples::{self, Failure};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The rule folder (or one rule file).
    #[arg(long, default_value = "rules")]
    rules: PathBuf,
    /// Print every example, not only failures.
    #[arg(long, short)]
    verbose: bool,
}

pub fn run(args: Args) -> u8 {
    let rules = match super::load_rules(&args.rules, false) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let report = examples::run_all(rules);
    for f in &report.failures {
        match f {
            Failure::Example {
                origin,
                owner,
                text,
                problems,
            } => {
                eprintln!("{origin}: example of `{owner}` failed: {text:?}");
                for p in problems {
                    eprintln!("    {p}");
                }
            }
            Failure::Untested { origin, rule } => {
                eprintln!("{origin}: rule `{rule}` has no example (add `examples` with `expect`)");
            }
        }
    }
    if args.verbose {
        eprintln!("{} examples run", report.run);
    }
    eprintln!(
        "{} examples, {} passed, {} failed; {} rules without examples",
        report.run,
        report.passed,
        report.run - report.passed,
        report
            .failures
            .iter()
            .filter(|f| matches!(f, Failure::Untested { .. }))
            .count()
    );
    if report.failures.is_empty() {
        super::exit::OK
    } else {
        super::exit::RULES
    }
}
