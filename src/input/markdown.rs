//! Markdown articles: optional `---` front matter with `title`, `date`,
//! `source` and `url`, or a leading `# Heading` as the title. The markdown
//! itself is kept as written (not rendered) so offsets point into the file.

#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub(crate) title: Option<String>,
    pub(crate) date: Option<String>,
    pub(crate) source: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) text: String,
    /// Set when the front matter is malformed; the whole file is then the text.
    pub(crate) problem: Option<String>,
}

pub(crate) fn parse(text: String) -> Parsed {
    let mut parsed = Parsed::default();
    let mut body_start = 0;
    if is_fence(text.split_inclusive('\n').next().unwrap_or("")) {
        match read_front_matter(&text, &mut parsed) {
            Some(end) => body_start = end,
            None => {
                return Parsed {
                    text,
                    problem: Some("front matter has no closing ---".to_owned()),
                    ..Parsed::default()
                };
            }
        }
    }
    let mut body = skip_blank_lines(&text[body_start..]);
    if parsed.title.is_none() {
        let first_line = body.split_inclusive('\n').next().unwrap_or("");
        if let Some(heading) = atx_h1(first_line) {
            parsed.title = Some(heading.to_owned());
            body = skip_blank_lines(&body[first_line.len()..]);
        }
    }
    parsed.text = body.to_owned();
    parsed
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Fills the known keys and returns the byte offset just past the closing
/// fence, or `None` when there is none.
fn read_front_matter(text: &str, parsed: &mut Parsed) -> Option<usize> {
    let mut lines = text.split_inclusive('\n');
    let mut offset = lines.next()?.len();
    for line in lines {
        offset += line.len();
        if is_fence(line) {
            return Some(offset);
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "title" => &mut parsed.title,
            "date" => &mut parsed.date,
            "source" => &mut parsed.source,
            "url" => &mut parsed.url,
            _ => continue,
        };
        *slot = unquote(value.trim()).filter(|v| !v.is_empty());
    }
    None
}

/// Strips YAML-style quotes; inside them only the escapes that matter for a
/// one-line value are honoured ('' in single quotes, \" and \\ in double).
fn unquote(value: &str) -> Option<String> {
    let quoted = |q: char| value.len() >= 2 && value.starts_with(q) && value.ends_with(q);
    if quoted('\'') {
        Some(value[1..value.len() - 1].replace("''", "'"))
    } else if quoted('"') {
        let inner = &value[1..value.len() - 1];
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match (c, chars.clone().next()) {
                ('\\', Some(next @ ('"' | '\\'))) => {
                    out.push(next);
                    chars.next();
                }
                _ => out.push(c),
            }
        }
        Some(out)
    } else {
        Some(value.to_owned())
    }
}

fn skip_blank_lines(mut s: &str) -> &str {
    while let Some(line) = s.split_inclusive('\n').next() {
        if !line.trim().is_empty() {
            break;
        }
        s = &s[line.len()..];
    }
    s
}

/// The text of a CommonMark level-1 ATX heading ("# Title", optional closing
/// hashes), or `None` when the line is something else.
fn atx_h1(line: &str) -> Option<&str> {
    let line = line.trim_end();
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = line[indent..].strip_prefix('#')?;
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let mut heading = rest.trim();
    let without_closing = heading.trim_end_matches('#');
    if without_closing.is_empty() || without_closing.ends_with([' ', '\t']) {
        heading = without_closing.trim_end();
    }
    (!heading.is_empty()).then_some(heading)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> Parsed {
        parse(s.to_owned())
    }

    #[test]
    fn front_matter_with_quotes() {
        let p = md(
            "---\ntitle: \"Say \\\"hi\\\"\"\ndate: '2024-01-02'\nsource: 'O''Reilly'\nurl: https://x.test/a?b=c\nauthor: ignored\n---\n\n\nBody line.\n",
        );
        assert_eq!(p.title.as_deref(), Some("Say \"hi\""));
        assert_eq!(p.date.as_deref(), Some("2024-01-02"));
        assert_eq!(p.source.as_deref(), Some("O'Reilly"));
        assert_eq!(p.url.as_deref(), Some("https://x.test/a?b=c"));
        assert_eq!(p.text, "Body line.\n");
        assert_eq!(p.problem, None);
    }

    #[test]
    fn front_matter_title_keeps_heading_in_text() {
        let p = md("---\ntitle: Meta\n---\n# Heading\n\nBody");
        assert_eq!(p.title.as_deref(), Some("Meta"));
        assert_eq!(p.text, "# Heading\n\nBody");
    }

    #[test]
    fn front_matter_without_title_uses_heading() {
        let p = md("---\r\ndate: 2024\r\n---\r\n\r\n# Heading #\r\n\r\nBody\r\n");
        assert_eq!(p.title.as_deref(), Some("Heading"));
        assert_eq!(p.date.as_deref(), Some("2024"));
        assert_eq!(p.text, "Body\r\n");
    }

    #[test]
    fn heading_without_front_matter() {
        let p = md("\n# The *title*\nBody **bold**\n");
        assert_eq!(p.title.as_deref(), Some("The *title*"));
        assert_eq!(p.text, "Body **bold**\n");
    }

    #[test]
    fn no_title_at_all() {
        let s = "Just a paragraph.\n\n## Sub\n";
        let p = md(s);
        assert_eq!(p.title, None);
        assert_eq!(p.text, s);
    }

    #[test]
    fn level_two_heading_or_hashtag_is_not_a_title() {
        assert_eq!(md("## Sub\nx").title, None);
        assert_eq!(md("#hashtag\nx").title, None);
    }

    #[test]
    fn malformed_front_matter_is_a_problem_and_whole_file_is_text() {
        let s = "---\ntitle: Never closed\n\nBody\n";
        let p = md(s);
        assert_eq!(p.text, s);
        assert_eq!(p.title, None);
        assert_eq!(
            p.problem.as_deref(),
            Some("front matter has no closing ---")
        );
    }

    #[test]
    fn empty_values_are_absent() {
        let p = md("---\ntitle: \"\"\ndate:\n---\nBody");
        assert_eq!(p.title, None);
        assert_eq!(p.date, None);
        assert_eq!(p.text, "Body");
    }
}
