//! Knowledge -> JSON and JSONL, written atomically; the only module that writes files.

pub mod collect;
pub(crate) mod export;
pub mod format;
pub mod schema;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// Where output goes: a file written atomically (a temp file in the same folder, renamed
/// over the target on `finish`), or stdout, flushed as it goes.
pub enum Destination {
    File {
        target: PathBuf,
        temp: BufWriter<NamedTempFile>,
    },
    Stdout(BufWriter<io::Stdout>),
}

impl Destination {
    /// `-` is stdout.
    pub fn create(path: &Path) -> io::Result<Destination> {
        if path.as_os_str() == "-" {
            return Ok(Destination::Stdout(BufWriter::new(io::stdout())));
        }
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".newsfacts-").suffix(".tmp");
        // A temp file is private (0600) by default; the output is an ordinary file, so
        // ask for 0666 and let the umask decide, as any other program's output.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let temp = builder.tempfile_in(&dir).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot create a temporary file in {}: {e}", dir.display()),
            )
        })?;
        Ok(Destination::File {
            target: path.to_path_buf(),
            temp: BufWriter::with_capacity(1 << 16, temp),
        })
    }

    /// Flushes what is written so far when writing to stdout (stream mode's
    /// back-pressure); a file is only complete at `finish`.
    pub fn flush_stream(&mut self) -> io::Result<()> {
        match self {
            Destination::Stdout(w) => w.flush(),
            Destination::File { .. } => Ok(()),
        }
    }

    /// Makes the output visible: renames the temp file over the target.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Destination::Stdout(mut w) => w.flush(),
            Destination::File { target, temp } => {
                let temp = temp.into_inner().map_err(|e| e.into_error())?;
                temp.as_file().sync_all()?;
                temp.persist(&target).map(|_: File| ()).map_err(|e| {
                    io::Error::new(
                        e.error.kind(),
                        format!("cannot write {}: {}", target.display(), e.error),
                    )
                })
            }
        }
    }
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Destination::File { temp, .. } => temp.write(buf),
            Destination::Stdout(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Destination::File { temp, .. } => temp.flush(),
            Destination::Stdout(w) => w.flush(),
        }
    }
}

/// The knowledge file as pretty JSON with a final newline.
pub fn write_knowledge(out: &mut impl Write, file: &format::KnowledgeFile) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, file).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

/// One JSONL line.
pub fn write_line(out: &mut impl Write, line: &format::ArticleLine) -> io::Result<()> {
    serde_json::to_writer(&mut *out, line).map_err(io::Error::other)?;
    out.write_all(b"\n")
}
