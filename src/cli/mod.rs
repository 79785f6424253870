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

/// Loads the rule pack, printing every error (and warning) on stderr. The pack lives
/// until the process ends: each command loads it once, and freeing it piece by piece on
/// the way out took about 10 ms.
pub(crate) fn load_rules(dir: &Path, show_warnings: bool) -> Result<&'static RuleSet, u8> {
    // Compiling builds and frees many syntax trees and automata: with freed memory going
    // back to the system at once (see main.rs), the same pages were faulted in again and
    // again. With mimalloc's default 10 ms delay while compiling, `check` takes 20,000 to
    // 21,600 page faults instead of 27,700 and 136-163 ms instead of 160-180 ms (`perf
    // stat -r 30`, four alternating pairs), for about 8 MB more peak (66-70 MB).
    // SAFETY: commands load their rules first, on the main thread; the compile's threads
    // are spawned after the first call and idle again before the second.
    let purge_delay = unsafe { set_purge_delay(DEFAULT_PURGE_DELAY) };
    let built = RuleSetBuilder::new().add_path(dir).build();
    // SAFETY: as above.
    unsafe { set_purge_delay(purge_delay) };
    match built {
        Ok(rules) => {
            if show_warnings {
                for w in rules.warnings() {
                    eprintln!("{w}");
                }
            }
            Ok(Box::leak(Box::new(rules)))
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

/// `mi_option_purge_delay` in mimalloc 3's `mi_option_e` (libmimalloc-sys names only the
/// options common to its versions), and mimalloc's default for it, in ms.
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;
const DEFAULT_PURGE_DELAY: std::ffi::c_long = 10;

/// Sets how long the allocator (the binary's global allocator, mimalloc) keeps memory
/// the program freed before it goes back to the system, in ms; returns the previous
/// setting.
///
/// # Safety
///
/// No other thread may allocate or free meanwhile: the setting is a plain word of
/// mimalloc's, read whenever it purges.
pub unsafe fn set_purge_delay(ms: std::ffi::c_long) -> std::ffi::c_long {
    // SAFETY: one option of mimalloc's table read, then stored; the caller keeps other
    // threads away.
    unsafe {
        let previous = libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY);
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, ms);
        previous
    }
}

/// Whether progress and colour may go to stderr.
pub(crate) fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}
