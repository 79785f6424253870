//! `newsfacts explain FILE`: one article through the rules with tracing on: its mentions,
//! the candidates that lost and why, its facts, and answers to `--why` / `--why-not`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::explain::{self, Highlight, Questions};
use crate::input::{self, Article, Limits, WalkOptions};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The article: a text, Markdown or HTML file, or a JSONL file (see --doc).
    file: PathBuf,
    /// For a JSONL file: the id of the article to explain (default: the first).
    #[arg(long, value_name = "ID")]
    doc: Option<String>,
    /// The rule folder (or one rule file).
    #[arg(long, default_value = "rules")]
    rules: PathBuf,
    /// Which mention covers the first occurrence of TEXT, which rule made it, and what
    /// lost there.
    #[arg(long, value_name = "TEXT")]
    why: Option<String>,
    /// Why nothing (or something else) was found at the first occurrence of TEXT: the
    /// rules that match TEXT alone, and the candidates that lost there.
    #[arg(long = "why-not", value_name = "TEXT")]
    why_not: Option<String>,
    /// Print the explanation as JSON (format `newsfacts-explain`).
    #[arg(long)]
    json: bool,
}

/// The article asked for, or the message saying why there is none.
fn find_article(args: &Args) -> Result<Article, String> {
    let mut problems = Vec::new();
    let mut seen = Vec::new();
    for unit in input::units(std::slice::from_ref(&args.file), &WalkOptions::default()) {
        let loaded = input::load(unit, &Limits::default());
        problems.extend(loaded.problems.into_iter().map(|p| match p.line {
            Some(line) => format!("{}:{line}: {}", p.source, p.message),
            None => format!("{}: {}", p.source, p.message),
        }));
        for article in loaded.articles {
            match &args.doc {
                Some(id) if *id != article.id => seen.push(article.id),
                _ => return Ok(article),
            }
        }
    }
    for p in &problems {
        eprintln!("{p}");
    }
    Err(match &args.doc {
        Some(id) if !seen.is_empty() => format!(
            "{}: no article with id \"{id}\" (ids: {}{})",
            args.file.display(),
            seen.iter().take(5).cloned().collect::<Vec<_>>().join(", "),
            if seen.len() > 5 { ", ..." } else { "" }
        ),
        _ => format!("{}: no article could be read", args.file.display()),
    })
}

pub fn run(args: Args) -> u8 {
    let rules = match super::load_rules(&args.rules, false) {
        Ok(r) => r,
        Err(code) => return code,
    };
    if !args.file.exists() {
        eprintln!("newsfacts: {}: no such file", args.file.display());
        return super::exit::FAILED;
    }
    let article = match find_article(&args) {
        Ok(a) => a,
        Err(message) => {
            eprintln!("newsfacts: {message}");
            return super::exit::FAILED;
        }
    };
    let questions = Questions {
        why: args.why.as_deref(),
        why_not: args.why_not.as_deref(),
    };
    let ex = explain::explain(rules, &article, &questions);
    let text = if args.json {
        match serde_json::to_string_pretty(&ex) {
            Ok(s) => s + "\n",
            Err(e) => {
                eprintln!("newsfacts: {e}");
                return super::exit::FAILED;
            }
        }
    } else {
        // Colour goes to stdout here, so it is stdout that must be a terminal.
        let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let style = if colour {
            Highlight::Colour
        } else {
            Highlight::Brackets
        };
        explain::render_text(&ex, style)
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
    super::exit::OK
}
