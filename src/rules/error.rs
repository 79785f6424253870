//! Rule errors and warnings that say where and what: `path:line:col: message`, then the
//! offending line with a caret under the fault, as compilers print them.

use std::fmt;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub severity: Severity,
    pub path: Arc<str>,
    pub line: usize,
    pub col: usize,
    pub message: String,
    /// The source line and the width of the fault under it, when there is a position.
    pub excerpt: Option<(String, usize)>,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        if self.line == 0 {
            return write!(f, "{}: {kind}{}", self.path, self.message);
        }
        write!(
            f,
            "{}:{}:{}: {kind}{}",
            self.path, self.line, self.col, self.message
        )?;
        if let Some((text, width)) = &self.excerpt {
            let gutter = self.line.to_string().len();
            let pad: String = text
                .chars()
                .take(self.col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(
                f,
                "\n{:gutter$} |\n{} | {}\n{:gutter$} | {}{}",
                "",
                self.line,
                text,
                "",
                pad,
                "^".repeat((*width).max(1))
            )?;
        }
        Ok(())
    }
}

/// Every error found while loading a rule pack, and the warnings beside them.
#[derive(Debug, Clone, Default)]
pub struct RuleErrors {
    pub errors: Vec<RuleError>,
    pub warnings: Vec<RuleError>,
}

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.errors {
            writeln!(f, "{e}")?;
        }
        write!(
            f,
            "{} error{} in the rules",
            self.errors.len(),
            if self.errors.len() == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for RuleErrors {}

/// Line starts of one source, to turn byte offsets into `line:col` (both 1-based, col in
/// characters).
pub(crate) struct Lines<'a> {
    source: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(source: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { source, starts }
    }

    pub fn locate(&self, offset: usize) -> (usize, usize, &'a str) {
        let offset = offset.min(self.source.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.source.len(), |&e| e - 1);
        let text = self.source[start..end].trim_end_matches('\r');
        let col = self.source[start..offset].chars().count() + 1;
        (line + 1, col, text)
    }

    pub fn error(
        &self,
        severity: Severity,
        path: &Arc<str>,
        span: std::ops::Range<usize>,
        message: String,
    ) -> RuleError {
        let (line, col, text) = self.locate(span.start);
        let width = self.source[span.start.min(self.source.len())..span.end.min(self.source.len())]
            .lines()
            .next()
            .map_or(1, |l| l.chars().count());
        RuleError {
            severity,
            path: path.clone(),
            line,
            col,
            message,
            excerpt: Some((text.to_string(), width)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_sits_under_the_fault() {
        let source = "[[entity]]\nid = \"minral:lithium\"\n";
        let lines = Lines::new(source);
        let at = source.find("minral").unwrap();
        let e = lines.error(
            Severity::Error,
            &Arc::from("rules/m.toml"),
            at..at + 6,
            "unknown entity type \"minral\"".into(),
        );
        assert_eq!(
            e.to_string(),
            "rules/m.toml:2:7: unknown entity type \"minral\"\n  |\n2 | id = \"minral:lithium\"\n  |       ^^^^^^"
        );
    }
}
