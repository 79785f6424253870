//! `newsfacts check`: validate the rules, print every error and warning, read no article.

use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The rule folder (or one rule file).
    #[arg(long, default_value = "rules")]
    rules: PathBuf,
}

pub fn run(args: Args) -> u8 {
    match super::load_rules(&args.rules, true) {
        Ok(rules) => {
            eprintln!(
                "{}: {} files, {} entities, {} aliases, {} patterns, {} relation rules, {} examples: ok ({} warnings)",
                args.rules.display(),
                rules.files().len(),
                rules.entities().len(),
                rules.aliases().len(),
                rules.patterns().len(),
                rules.relations().len(),
                rules.examples().len(),
                rules.warnings().len()
            );
            super::exit::OK
        }
        Err(code) => code,
    }
}
