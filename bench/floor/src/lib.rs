//! What the floor scanner and the corpus generator share: walking input folders.

use std::io;
use std::path::{Path, PathBuf};

/// Every file under `paths` (a file stands for itself), folders walked recursively in
/// sorted order so runs see the articles in the same order; dot-files are skipped.
pub fn walk(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        walk_one(p, &mut out)?;
    }
    Ok(out)
}

fn walk_one(path: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    if !path.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    entries.sort();
    for e in entries {
        let hidden = e
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if !hidden {
            walk_one(&e, out)?;
        }
    }
    Ok(())
}

/// The file name without its extension: an article's id.
pub fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
