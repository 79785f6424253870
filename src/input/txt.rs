//! Plain text articles: an optional title line, then the body, kept exactly as
//! decoded so that offsets computed later point into it.

/// Splits off the title: the first line is the title when a blank line
/// follows it, and the body starts after that blank line. Otherwise there is
/// no title and the body is the whole text.
pub(crate) fn parse(text: String) -> (Option<String>, String) {
    let Some(first_end) = text.find('\n') else {
        return (None, text);
    };
    let title = text[..first_end].trim();
    let rest = &text[first_end + 1..];
    let (second, body_start) = match rest.find('\n') {
        Some(i) => (&rest[..i], first_end + 1 + i + 1),
        None => (rest, text.len()),
    };
    // "Title\n" alone has no blank line after it, just an end of file.
    if title.is_empty() || rest.is_empty() || !second.trim().is_empty() {
        return (None, text);
    }
    let title = title.to_owned();
    let body = text[body_start..].to_owned();
    (Some(title), body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> (Option<String>, String) {
        parse(s.to_owned())
    }

    #[test]
    fn title_when_blank_line_follows() {
        assert_eq!(
            split("Big news\n\nFirst paragraph.\n\nSecond.\n"),
            (
                Some("Big news".into()),
                "First paragraph.\n\nSecond.\n".into()
            )
        );
    }

    #[test]
    fn crlf_and_whitespace_only_blank_line() {
        assert_eq!(
            split("Big news\r\n  \r\nBody\r\n"),
            (Some("Big news".into()), "Body\r\n".into())
        );
    }

    #[test]
    fn no_title_when_text_follows_directly() {
        let s = "First line\nsecond line\n\nthird";
        assert_eq!(split(s), (None, s.into()));
    }

    #[test]
    fn no_title_for_a_single_line() {
        assert_eq!(split("Only line"), (None, "Only line".into()));
        assert_eq!(split("Only line\n"), (None, "Only line\n".into()));
    }

    #[test]
    fn no_title_when_first_line_is_blank() {
        let s = "\n\nBody";
        assert_eq!(split(s), (None, s.into()));
    }

    #[test]
    fn title_with_empty_body() {
        assert_eq!(split("Title\n\n"), (Some("Title".into()), String::new()));
        assert_eq!(split("Title\n"), (None, "Title\n".into()));
    }

    #[test]
    fn body_spacing_is_kept() {
        assert_eq!(
            split("T\n\n\n  indented  \tline"),
            (Some("T".into()), "\n  indented  \tline".into())
        );
    }
}
