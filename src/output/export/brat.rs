//! Knowledge file + the articles -> brat standoff: per article `<id>.txt` and `<id>.ann`,
//! plus one `annotation.conf` for the collection, so the folder opens in brat as is.
//!
//! The `.txt` is the title, a blank line, then the text (just the text when there is no
//! title): title mentions keep their offsets, text mentions move by the title's length
//! plus two. Offsets are code points, which is what brat counts. Each mention is a
//! text-bound annotation `T<n>` of its entity type with an `AnnotatorNotes` line holding
//! the entity id; each fact's evidence sentence is one of its fact type with the fact
//! id. A span that crosses a line break is written as brat's discontinuous fragments,
//! since an `.ann` line cannot hold a line break. The file name is the document id with
//! `/` replaced by `__`.

use std::collections::BTreeSet;
use std::fmt::Write;

use crate::input::Article;
use crate::output::format::{Field, KnowledgeFile, Mention};

/// The two files of one article.
pub struct Standoff {
    pub stem: String,
    pub txt: String,
    pub ann: String,
    /// Spans that did not match the article text (it changed since extraction); left out.
    pub skipped: usize,
}

pub fn file_stem(doc_id: &str) -> String {
    doc_id.replace('/', "__")
}

pub fn render(file: &KnowledgeFile, article: &Article) -> Standoff {
    let (txt, shift) = match &article.title {
        Some(title) => (
            format!("{title}\n\n{}", article.text),
            title.chars().count() + 2,
        ),
        None => (article.text.clone(), 0),
    };
    let chars: Vec<char> = txt.chars().collect();
    // Where a span of the output file points into the `.txt`, if it still says what the
    // file says it does.
    let place = |m: &Mention| {
        let offset = match m.field {
            Field::Title if article.title.is_none() => return None,
            Field::Title => 0,
            Field::Text => shift,
        };
        let (start, end) = (m.start + offset, m.end + offset);
        let fits = end <= chars.len() && chars[start..end].iter().copied().eq(m.text.chars());
        fits.then_some((start, end))
    };
    // (start, end, type, id) in text order; one span may carry a mention and evidence.
    let mut spans: BTreeSet<(usize, usize, &str, &str)> = BTreeSet::new();
    let mut skipped = 0;
    let entity_spans = file.entities.iter().flat_map(|e| {
        e.mentions
            .iter()
            .map(move |m| (m, e.etype.as_str(), e.id.as_str()))
    });
    let fact_spans = file.facts.iter().flat_map(|f| {
        f.evidence
            .iter()
            .map(move |m| (m, f.ftype.as_str(), f.id.as_str()))
    });
    for (m, ty, id) in entity_spans.chain(fact_spans) {
        if *m.doc != *article.id {
            continue;
        }
        match place(m) {
            Some((start, end)) => {
                spans.insert((start, end, ty, id));
            }
            None => skipped += 1,
        }
    }
    let mut ann = String::new();
    for (n, (start, end, ty, id)) in spans.iter().enumerate() {
        let n = n + 1;
        let fragments = fragments(&chars, *start, *end);
        let offsets: Vec<String> = fragments.iter().map(|(s, e)| format!("{s} {e}")).collect();
        let texts: Vec<String> = fragments
            .iter()
            .map(|(s, e)| chars[*s..*e].iter().collect())
            .collect();
        let _ = writeln!(ann, "T{n}\t{ty} {}\t{}", offsets.join(";"), texts.join(" "));
        let _ = writeln!(ann, "#{n}\tAnnotatorNotes T{n}\t{id}");
    }
    Standoff {
        stem: file_stem(&article.id),
        txt,
        ann,
        skipped,
    }
}

/// The pieces of `[start, end)` between line breaks, empty pieces dropped.
fn fragments(chars: &[char], start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = start;
    for (i, c) in chars.iter().enumerate().take(end).skip(start) {
        if matches!(c, '\n' | '\r') {
            if i > from {
                out.push((from, i));
            }
            from = i + 1;
        }
    }
    if end > from {
        out.push((from, end));
    }
    out
}

/// `annotation.conf`: every entity and fact type of the file as a brat entity type, and
/// any overlap allowed (evidence sentences contain mentions).
pub fn annotation_conf(file: &KnowledgeFile) -> String {
    let types: BTreeSet<&str> = file
        .entities
        .iter()
        .map(|e| e.etype.as_str())
        .chain(file.facts.iter().map(|f| f.ftype.as_str()))
        .collect();
    let mut out = String::from("[entities]\n");
    for t in types {
        out.push_str(t);
        out.push('\n');
    }
    out.push_str(
        "\n[relations]\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n[attributes]\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_across_line_breaks_become_fragments() {
        let chars: Vec<char> = "Saudi\nArabia".chars().collect();
        assert_eq!(fragments(&chars, 0, 12), [(0, 5), (6, 12)]);
        assert_eq!(fragments(&chars, 0, 5), [(0, 5)]);
    }

    #[test]
    fn ids_with_folders_become_flat_names() {
        assert_eq!(file_stem("sub/a.txt"), "sub__a.txt");
    }
}
