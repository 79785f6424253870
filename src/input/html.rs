//! HTML articles: the title, and the readable text of the main content with
//! page furniture (navigation, scripts, footers...) left out.

use std::sync::LazyLock;

use regex::bytes::Regex;
use scraper::{ElementRef, Html};

/// Subtrees that are never article text, wherever they appear.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg",
    "iframe",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "table",
    "caption",
    "ul",
    "ol",
    "dl",
    "dd",
    "dt",
    "figure",
    "figcaption",
    "address",
    "details",
    "summary",
    "hr",
];

/// Table cells sit side by side: a space keeps their words apart.
const CELLS: &[&str] = &["td", "th"];

/// How far into the bytes a `<meta>` charset is looked for; browsers stop at
/// 1024, some generators put long comments first.
const PRESCAN_BYTES: usize = 8 * 1024;

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub(crate) title: Option<String>,
    pub(crate) text: String,
}

/// The charset a page declares in `<meta charset>` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">`.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<String> {
    static META: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i-u)<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#)
            .expect("charset pattern is valid")
    });
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let label = META.captures(head)?.get(1)?.as_bytes();
    Some(String::from_utf8_lossy(label).into_owned())
}

pub(crate) fn parse(html: &str) -> Parsed {
    let document = Html::parse_document(html);
    let root = document.root_element();
    let h1 = first_named(root, "h1", true)
        .map(collapsed_text)
        .filter(|t| !t.is_empty());
    let title = match first_named(root, "title", true)
        .map(collapsed_text)
        .filter(|t| !t.is_empty())
    {
        Some(title) => Some(match &h1 {
            Some(h1) => without_site_name(title, h1),
            None => title,
        }),
        // A site logo in <header> is often an <h1>: prefer one outside the
        // furniture, but a headline only found there beats nothing.
        None => h1.or_else(|| {
            first_named(root, "h1", false)
                .map(collapsed_text)
                .filter(|t| !t.is_empty())
        }),
    };
    let container = ["article", "main", "body"]
        .iter()
        .find_map(|name| first_named(root, name, true))
        .unwrap_or(root);
    Parsed {
        title,
        text: render(container),
    }
}

/// "Headline | Site Name" -> "Headline" when the page's `<h1>` shows which
/// part is the headline. Site names are furniture like the navigation, and
/// often name places or companies that the article is not about.
fn without_site_name(title: String, h1: &str) -> String {
    const SEPARATORS: &[&str] = &[
        "|", "-", "\u{2013}", "\u{2014}", "\u{b7}", "\u{2022}", ":", "/",
    ];
    // The gap is the site name plus its separator, on whichever side it is.
    let site_after = title.strip_prefix(h1).is_some_and(|rest| {
        rest.starts_with(' ') && SEPARATORS.iter().any(|s| rest.trim_start().starts_with(s))
    });
    let site_before = title.strip_suffix(h1).is_some_and(|rest| {
        rest.ends_with(' ') && SEPARATORS.iter().any(|s| rest.trim_end().ends_with(s))
    });
    if site_after || site_before {
        h1.to_owned()
    } else {
        title
    }
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Open(ElementRef<'a>),
    Close(ElementRef<'a>),
    Text(&'a str),
}

/// Depth-first walk of `root`'s subtree, in document order, leaving out
/// dropped subtrees below `root` when `skip_dropped`. Iterative, because
/// html5ever builds trees as deep as the markup nests and a hostile page
/// could overflow the stack. `visit` returns false to stop.
fn walk<'a>(root: ElementRef<'a>, skip_dropped: bool, mut visit: impl FnMut(Step<'a>) -> bool) {
    let mut stack = vec![Step::Open(root)];
    while let Some(step) = stack.pop() {
        let Step::Open(element) = step else {
            if !visit(step) {
                return;
            }
            continue;
        };
        if skip_dropped && element != root && DROPPED.contains(&element.value().name()) {
            continue;
        }
        if !visit(Step::Open(element)) {
            return;
        }
        stack.push(Step::Close(element));
        for child in element.children().rev() {
            if let Some(child_element) = ElementRef::wrap(child) {
                stack.push(Step::Open(child_element));
            } else if let Some(text) = child.value().as_text() {
                stack.push(Step::Text(text));
            }
        }
    }
}

fn first_named<'a>(root: ElementRef<'a>, name: &str, skip_dropped: bool) -> Option<ElementRef<'a>> {
    let mut found = None;
    walk(root, skip_dropped, |step| match step {
        Step::Open(element) if element.value().name() == name => {
            found = Some(element);
            false
        }
        _ => true,
    });
    found
}

fn collapsed_text(element: ElementRef<'_>) -> String {
    let mut writer = Writer::default();
    walk(element, true, |step| {
        if let Step::Text(text) = step {
            writer.text(text);
        }
        true
    });
    writer.out
}

fn render(container: ElementRef<'_>) -> String {
    let mut writer = Writer::default();
    walk(container, true, |step| {
        match step {
            Step::Text(text) => writer.text(text),
            Step::Open(element) | Step::Close(element) => {
                let name = element.value().name();
                if name == "br" {
                    if matches!(step, Step::Open(_)) {
                        writer.line_break();
                    }
                } else if BLOCKS.contains(&name) {
                    writer.paragraph_break();
                } else if CELLS.contains(&name) {
                    writer.space();
                }
            }
        }
        true
    });
    writer.out
}

/// Builds text with collapsed whitespace. Breaks and spaces are held back
/// until the next word, so the text never starts or ends with them and
/// nested blocks do not pile up empty paragraphs.
#[derive(Default)]
struct Writer {
    out: String,
    newlines: usize,
    space: bool,
}

impl Writer {
    fn text(&mut self, text: &str) {
        // HTML's own whitespace: a no-break space is content, not layout.
        let mut pieces = text.split(['\t', '\n', '\x0c', '\r', ' ']);
        if let Some(first) = pieces.next() {
            self.word(first);
        }
        for piece in pieces {
            self.space = true;
            self.word(piece);
        }
    }

    fn word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        if !self.out.is_empty() {
            if self.newlines > 0 {
                self.out.extend(std::iter::repeat_n('\n', self.newlines));
            } else if self.space {
                self.out.push(' ');
            }
        }
        self.newlines = 0;
        self.space = false;
        self.out.push_str(word);
    }

    fn space(&mut self) {
        self.space = true;
    }

    fn line_break(&mut self) {
        self.newlines = (self.newlines + 1).min(2);
    }

    fn paragraph_break(&mut self) {
        self.newlines = 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_is_dropped_and_title_comes_from_title_element() {
        let page = r##"<!doctype html><html><head><title> Site |  Big   news </title>
            <style>p { color: red }</style><script>var x = "<p>no</p>";</script></head>
            <body><nav><a href="/">Home</a></nav><header>Masthead</header>
            <h1>Big news</h1>
            <p>First  paragraph,
               with <b>bold</b> and <a href="#">a link</a>.</p>
            <div>Second<br>line &amp; more</div>
            <noscript>Enable JS</noscript><aside>Related</aside>
            <form><input value="x">Subscribe</form>
            <footer>Copyright</footer></body></html>"##;
        let parsed = parse(page);
        // The <h1> shows which part of the <title> is the site name.
        assert_eq!(parsed.title.as_deref(), Some("Big news"));
        assert_eq!(
            parsed.text,
            "Big news\n\nFirst paragraph, with bold and a link.\n\nSecond\nline & more"
        );
    }

    #[test]
    fn site_name_is_trimmed_from_title_only_when_h1_shows_it() {
        let title = |page: &str| parse(page).title;
        let with = |t: &str, h: &str| format!("<title>{t}</title><body><h1>{h}</h1></body>");
        assert_eq!(
            title(&with("Deal signed \u{2014} Ore Ledger", "Deal signed")).as_deref(),
            Some("Deal signed")
        );
        assert_eq!(
            title(&with("Ore Ledger: Deal signed", "Deal signed")).as_deref(),
            Some("Deal signed")
        );
        assert_eq!(
            title(&with("Deal signed: details", "Deal")).as_deref(),
            Some("Deal signed: details")
        );
        assert_eq!(
            title(&with("Deal signedx | Site", "Deal signed")).as_deref(),
            Some("Deal signedx | Site")
        );
        assert_eq!(
            title("<title>Deal | Site</title><p>x</p>").as_deref(),
            Some("Deal | Site")
        );
        // A logo <h1> in the header says nothing about the title.
        assert_eq!(
            title("<title>Deal | Site</title><header><h1>Site</h1></header>").as_deref(),
            Some("Deal | Site")
        );
    }

    #[test]
    fn title_falls_back_to_first_h1() {
        let page = "<html><body><header><h1>Logo</h1></header>\
                    <p>Intro</p><h1>The  headline</h1><p>Body</p></body></html>";
        let parsed = parse(page);
        assert_eq!(parsed.title.as_deref(), Some("The headline"));
        assert_eq!(parsed.text, "Intro\n\nThe headline\n\nBody");
    }

    #[test]
    fn svg_title_is_not_the_page_title() {
        let page = "<body><svg><title>icon</title></svg><h1>Real</h1></body>";
        assert_eq!(parse(page).title.as_deref(), Some("Real"));
    }

    #[test]
    fn article_wins_over_main_and_body() {
        let page = "<body><p>Teaser</p><main><p>Main</p><article><h1>Head</h1>\
                    <p>Story</p><ul><li>one</li><li>two</li></ul></article></main></body>";
        let parsed = parse(page);
        assert_eq!(parsed.text, "Head\n\nStory\n\none\n\ntwo");
        let page = "<body><p>Teaser</p><main><p>Main only</p></main></body>";
        assert_eq!(parse(page).text, "Main only");
    }

    #[test]
    fn tables_keep_cells_apart() {
        let page = "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table>";
        assert_eq!(parse(page).text, "a b\n\nc d");
    }

    #[test]
    fn entities_and_nbsp() {
        let page = "<p>caf&eacute;&nbsp;&lt;x&gt; &#8212; ok</p>";
        assert_eq!(parse(page).text, "café\u{a0}<x> \u{2014} ok");
    }

    #[test]
    fn empty_page() {
        assert_eq!(
            parse(""),
            Parsed {
                title: None,
                text: String::new()
            }
        );
    }

    #[test]
    fn deep_nesting_is_walked_without_recursion() {
        let page = "<div>".repeat(4_000) + "deep" + &"</div>".repeat(4_000);
        assert_eq!(parse(&page).text, "deep");
    }

    #[test]
    fn charset_declarations() {
        assert_eq!(
            declared_charset(b"<meta charset=\"windows-1252\">").as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            declared_charset(
                b"<META HTTP-EQUIV='content-type' CONTENT='text/html; Charset=ISO-8859-1'>"
            )
            .as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(declared_charset(b"<meta name=description content=x>"), None);
        assert_eq!(declared_charset(b"<p>charset=utf-8</p>"), None);
    }
}
