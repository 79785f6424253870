//! `newsfacts diff OLD NEW`: what changed between two knowledge files, like diff(1): exit
//! 0 when they are equal, 1 when they differ, 4 when one cannot be read.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diff;
use crate::output::format::KnowledgeFile;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Exit codes: 0 equal; 1 different; 2 usage error; 4 an input cannot be read."
)]
pub struct Args {
    /// The earlier knowledge file (or `extract --format jsonl` output).
    old: PathBuf,
    /// The later one.
    new: PathBuf,
    /// Print the differences as JSON (format `newsfacts-diff`, see the `diff` module docs).
    #[arg(long)]
    json: bool,
    /// Show at most N entries of each list of changes; the counts stay complete.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
}

fn read(path: &Path) -> Result<KnowledgeFile, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    diff::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn run(args: Args) -> u8 {
    let (old, new) = match (read(&args.old), read(&args.new)) {
        (Ok(o), Ok(n)) => (o, n),
        (o, n) => {
            for e in [o.err(), n.err()].into_iter().flatten() {
                eprintln!("newsfacts: {e}");
            }
            return super::exit::FAILED;
        }
    };
    let mut d = diff::diff(&old, &new);
    let text = if args.json {
        if let Some(n) = args.limit {
            d.truncate(n);
        }
        match serde_json::to_string_pretty(&d) {
            Ok(s) => s + "\n",
            Err(e) => {
                eprintln!("newsfacts: {e}");
                return super::exit::FAILED;
            }
        }
    } else {
        diff::render_text(&d, args.limit)
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("newsfacts: {e}");
        return super::exit::FAILED;
    }
    if d.equal {
        super::exit::OK
    } else {
        // diff(1)'s convention: 1 means "they differ", not "something went wrong".
        super::exit::PROBLEMS
    }
}
