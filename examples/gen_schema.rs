//! Writes the JSON Schemas of the output contract, generated from the serde types in
//! `src/output/format.rs`:
//!
//! ```text
//! cargo run --example gen_schema
//! ```
//!
//! Input: nothing but the types. Output: `schema/knowledge.schema.json` (the knowledge
//! file) and `schema/line.schema.json` (one `--format jsonl` line), in the repository.
//! `tests/schema.rs` regenerates both in memory and fails when the committed ones differ.

use std::path::Path;

use newsfacts::output::schema;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (path, s) in [
        (schema::KNOWLEDGE_PATH, schema::knowledge()),
        (schema::LINE_PATH, schema::line()),
    ] {
        let target = root.join(path);
        let written = std::fs::create_dir_all(target.parent().unwrap_or(root))
            .and_then(|()| std::fs::write(&target, schema::render(&s)));
        if let Err(e) = written {
            eprintln!("gen_schema: {}: {e}", target.display());
            std::process::exit(1);
        }
        eprintln!("gen_schema: wrote {path}");
    }
}
