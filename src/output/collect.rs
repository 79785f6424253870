//! The merged knowledge file of a run of any size, written in memory that grows with the
//! distinct entities and facts found rather than with the bytes read.
//!
//! [`Knowledge::merge`] holds every document and mention until the file is written: 3.7 GB
//! for 1 GB of wire copy. A [`Collector`] keeps only the heads in memory (each entity's
//! names, ids, attributes and distinct surface forms; each fact's arguments and
//! attributes; the problems) and buffers the rest (documents, mentions, evidence). When the
//! buffer passes its limit it is sorted and written to an anonymous temporary file (a
//! *run*, deleted by the system however the process ends); [`Collector::finish`] merges the
//! runs and streams the knowledge file out, section by section, in the order and bytes
//! of [`Knowledge::into_file`] followed by [`super::write_knowledge`]. Runs that
//! fit the buffer never touch the disk.
//!
//! Temporary files go to the system's temporary folder (`TMPDIR`); at most about as many
//! bytes as the knowledge file itself.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, Write};
use std::sync::Arc;

use serde::Serialize;

use super::format::{self, Document, Field, Generator, Mention};
use crate::knowledge::{Knowledge, collapse_space};
use crate::stats::StatsBuilder;

/// Bytes of documents and mentions buffered before a run is written.
pub const DEFAULT_BUFFER: usize = 16 << 20;
/// Runs of one kind kept on disk before they are merged into one, so that the final merge
/// never needs more open files than this however large the input.
const MAX_RUNS: usize = 256;

/// A mention of an entity (`section` 0) or an evidence sentence of a fact (1), with the
/// id of what it belongs to; ordered as the knowledge file lists them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Record {
    section: u8,
    key: String,
    mention: Mention,
}

const MENTIONS: u8 = 0;
const EVIDENCE: u8 = 1;

impl Record {
    fn weight(&self) -> usize {
        // The strings plus the structs and their allocations, roughly.
        120 + self.key.len() + self.mention.doc.len() + self.mention.text.len()
    }
}

fn doc_weight(d: &Document) -> usize {
    200 + d.id.len()
        + d.source.len()
        + d.title.as_ref().map_or(0, String::len)
        + d.about.iter().map(|a| a.len() + 24).sum::<usize>()
}

/// Accumulates per-article knowledge; see the module docs.
pub struct Collector {
    /// Entities without mentions, facts without evidence, problems, overlap losers.
    heads: Knowledge,
    /// Entity id -> its distinct mention texts (space collapsed): the aliases to be.
    texts: BTreeMap<String, BTreeSet<String>>,
    keep_overlapped: bool,
    records: Vec<Record>,
    docs: Vec<Document>,
    buffered: usize,
    limit: usize,
    max_runs: usize,
    record_runs: Vec<File>,
    doc_runs: Vec<File>,
}

impl Collector {
    /// `keep_overlapped`: keep the candidates that lost to overlapping mentions (for
    /// `--stats`); they grow with the input, so they are dropped otherwise.
    pub fn new(keep_overlapped: bool) -> Self {
        Collector::with_buffer(keep_overlapped, DEFAULT_BUFFER)
    }

    /// As [`Collector::new`], writing a run whenever `limit` bytes are buffered.
    pub fn with_buffer(keep_overlapped: bool, limit: usize) -> Self {
        Collector {
            heads: Knowledge::default(),
            texts: BTreeMap::new(),
            keep_overlapped,
            records: Vec::new(),
            docs: Vec::new(),
            buffered: 0,
            limit: limit.max(1),
            max_runs: MAX_RUNS,
            record_runs: Vec::new(),
            doc_runs: Vec::new(),
        }
    }

    /// How many runs went to disk so far.
    pub fn runs(&self) -> usize {
        self.record_runs.len() + self.doc_runs.len()
    }

    pub fn problem(&mut self, problem: format::Problem) {
        self.heads.problem(problem);
    }

    /// Folds one article's (or any) knowledge in.
    pub fn add(&mut self, mut k: Knowledge) -> io::Result<()> {
        for (_, doc) in std::mem::take(&mut k.documents) {
            self.buffered += doc_weight(&doc);
            self.docs.push(doc);
        }
        for (id, e) in k.entities.iter_mut() {
            let mentions = std::mem::take(&mut e.mentions);
            let texts = self.texts.entry(id.clone()).or_default();
            for m in &mentions {
                let text = collapse_space(&m.text);
                if !texts.contains(&text) {
                    texts.insert(text);
                }
            }
            for m in mentions {
                self.push(MENTIONS, id, m);
            }
        }
        for (id, f) in k.facts.iter_mut() {
            for m in std::mem::take(&mut f.evidence) {
                self.push(EVIDENCE, id, m);
            }
        }
        if !self.keep_overlapped {
            k.overlapped.clear();
        }
        self.heads.merge(k);
        if self.buffered >= self.limit {
            self.spill()?;
        }
        Ok(())
    }

    fn push(&mut self, section: u8, key: &str, mention: Mention) {
        let r = Record {
            section,
            key: key.to_string(),
            mention,
        };
        self.buffered += r.weight();
        self.records.push(r);
    }

    /// How many candidates of each rule lost to an overlapping mention (empty unless the
    /// collector keeps them).
    pub fn overlapped_by_rule(&self) -> BTreeMap<String, usize> {
        self.heads.overlapped_by_rule()
    }

    /// Sorts the buffer and writes it as one run of records and one of documents.
    fn spill(&mut self) -> io::Result<()> {
        self.buffered = 0;
        spill(
            &mut self.records,
            &mut self.record_runs,
            self.max_runs,
            Source::Records,
            write_record,
        )?;
        spill(
            &mut self.docs,
            &mut self.doc_runs,
            self.max_runs,
            Source::Documents,
            write_document,
        )
    }

    /// Writes the knowledge file: the bytes `write_knowledge(into_file(merged))` would
    /// write for the merge of everything added. `stats`, if given, sees every mention and
    /// evidence sentence on the way. Returns the number of documents written.
    pub fn finish(
        mut self,
        generator: Generator,
        out: &mut dyn Write,
        mut stats: Option<&mut StatsBuilder>,
    ) -> io::Result<usize> {
        let mut records = merge_all(
            std::mem::take(&mut self.records),
            std::mem::take(&mut self.record_runs),
            Source::Records,
        );
        let mut docs = merge_all(
            std::mem::take(&mut self.docs),
            std::mem::take(&mut self.doc_runs),
            Source::Documents,
        );

        out.write_all(b"{\n")?;
        field(out, "format", &format::FORMAT)?;
        out.write_all(b",\n")?;
        field(out, "version", &format::VERSION)?;
        out.write_all(b",\n")?;
        field(out, "generator", &generator)?;
        out.write_all(b",\n  \"documents\": ")?;

        // Documents: one per id; different versions under one id are a clash, and the
        // smallest by (sha256, source, document) is kept, as `Knowledge::merge` does.
        let mut list = List::new(out, 4);
        let mut articles = 0;
        let mut group: Vec<Document> = Vec::new();
        loop {
            let next = docs.next()?;
            let same = matches!((&next, group.first()), (Some(d), Some(g)) if d.id == g.id);
            if !same && !group.is_empty() {
                group.dedup();
                if group.len() > 1 {
                    let versions = self.heads.clashes.entry(group[0].id.clone()).or_default();
                    for d in &group {
                        versions.insert((d.sha256.clone(), d.source.clone()));
                    }
                }
                let keep = group
                    .drain(..)
                    .min_by(|a, b| (&a.sha256, &a.source, a).cmp(&(&b.sha256, &b.source, b)))
                    .expect("a group is never empty");
                list.item(&keep)?;
                articles += 1;
            }
            match next {
                Some(d) => group.push(d),
                None => break,
            }
        }
        list.end()?;
        let out = list.into_inner();

        out.write_all(b",\n  \"entities\": ")?;
        let mut list = List::new(out, 4);
        let mut pending = records.next()?;
        for (id, e) in std::mem::take(&mut self.heads.entities) {
            let aliases: Vec<String> = self
                .texts
                .remove(&id)
                .unwrap_or_default()
                .into_iter()
                .filter(|t| *t != e.name)
                .collect();
            let head = format::Entity {
                id,
                etype: e.etype,
                name: e.name,
                ids: e.ids,
                attributes: e.attributes,
                aliases,
                mentions: Vec::new(),
            };
            list.open_item(&head)?;
            write_records(
                &mut list,
                MENTIONS,
                &head.id,
                &mut pending,
                &mut records,
                |m| {
                    if let Some(s) = stats.as_deref_mut() {
                        s.mention(m);
                    }
                },
            )?;
        }
        list.end()?;
        let out = list.into_inner();

        out.write_all(b",\n  \"facts\": ")?;
        let mut list = List::new(out, 4);
        // Mentions of entities no head lists cannot happen; skip them if they did.
        while pending.as_ref().is_some_and(|r| r.section == MENTIONS) {
            pending = records.next()?;
        }
        for (id, f) in std::mem::take(&mut self.heads.facts) {
            let head = format::Fact {
                id,
                ftype: f.ftype,
                args: f.args,
                attributes: f.attributes,
                evidence: Vec::new(),
            };
            list.open_item(&head)?;
            if let Some(s) = stats.as_deref_mut() {
                s.start_fact();
            }
            write_records(
                &mut list,
                EVIDENCE,
                &head.id,
                &mut pending,
                &mut records,
                |m| {
                    if let Some(s) = stats.as_deref_mut() {
                        s.evidence(m);
                    }
                },
            )?;
        }
        list.end()?;
        let out = list.into_inner();

        out.write_all(b",\n  \"problems\": ")?;
        self.heads.clash_problems();
        let mut list = List::new(out, 4);
        for p in &self.heads.problems {
            list.item(p)?;
        }
        list.end()?;
        let out = list.into_inner();
        out.write_all(b"\n}\n")?;
        Ok(articles)
    }
}

/// Writes the records of `key` in `section` (the mentions of one entity, the evidence of
/// one fact) as the list that ends the object `list` has open, then closes the object.
/// `pending` is the merged stream's next record; records before `key` have no object and
/// are skipped, duplicates are written once, and `seen` sees each record written.
fn write_records(
    list: &mut List<'_>,
    section: u8,
    key: &str,
    pending: &mut Option<Record>,
    records: &mut Merge<Record>,
    mut seen: impl FnMut(&Mention),
) -> io::Result<()> {
    let mut inner = List::new(list.writer(), 8);
    let mut last: Option<Mention> = None;
    while let Some(r) = pending.take_if(|r| r.section == section && r.key.as_str() <= key) {
        if r.key == key && last.as_ref() != Some(&r.mention) {
            seen(&r.mention);
            inner.item(&r.mention)?;
            last = Some(r.mention);
        }
        *pending = records.next()?;
    }
    inner.end()?;
    list.close_item()
}

/// Sorts `buffer` and writes it as one more of `runs`; at `max_runs` runs they are merged
/// into one, so a merge never opens more files than that.
fn spill<T: Ord + Decode>(
    buffer: &mut Vec<T>,
    runs: &mut Vec<File>,
    max_runs: usize,
    source: fn(BufReader<File>) -> Source<T>,
    write: fn(&mut BufWriter<File>, &T) -> io::Result<()>,
) -> io::Result<()> {
    if buffer.is_empty() {
        return Ok(());
    }
    let mut items = std::mem::take(buffer);
    items.sort_unstable();
    items.dedup();
    let mut w = BufWriter::with_capacity(1 << 16, run_file()?);
    for item in &items {
        write(&mut w, item)?;
    }
    runs.push(rewind(w)?);
    if runs.len() >= max_runs {
        let all = std::mem::take(runs);
        runs.push(compact(all, source, write)?);
    }
    Ok(())
}

/// The merge of everything of one kind: the runs on disk (fewer than `max_runs`, see
/// [`spill`]) and the buffer, sorted in memory rather than spilled as one more run only to
/// be read back.
fn merge_all<T: Ord + Decode>(
    mut buffer: Vec<T>,
    runs: Vec<File>,
    source: fn(BufReader<File>) -> Source<T>,
) -> Merge<T> {
    buffer.sort_unstable();
    let mut sources: Vec<Source<T>> = runs
        .into_iter()
        .map(|f| source(BufReader::with_capacity(1 << 16, f)))
        .collect();
    sources.push(Source::Memory(buffer.into_iter()));
    Merge::new(sources)
}

/// Merges sorted runs into one (equal items once).
fn compact<T: Ord + Decode>(
    runs: Vec<File>,
    source: fn(BufReader<File>) -> Source<T>,
    write: fn(&mut BufWriter<File>, &T) -> io::Result<()>,
) -> io::Result<File> {
    let mut merge = Merge::new(
        runs.into_iter()
            .map(|f| source(BufReader::with_capacity(1 << 16, f)))
            .collect(),
    );
    let mut w = BufWriter::with_capacity(1 << 16, run_file()?);
    let mut last: Option<T> = None;
    while let Some(item) = merge.next()? {
        if last.as_ref() != Some(&item) {
            write(&mut w, &item)?;
            last = Some(item);
        }
    }
    rewind(w)
}

fn write_document(w: &mut BufWriter<File>, d: &Document) -> io::Result<()> {
    serde_json::to_writer(&mut *w, d).map_err(io::Error::other)?;
    w.write_all(b"\n")
}

fn run_file() -> io::Result<File> {
    tempfile::tempfile().map_err(|e| {
        io::Error::new(
            e.kind(),
            format!(
                "cannot create a temporary file in {} for the merge: {e}",
                std::env::temp_dir().display()
            ),
        )
    })
}

fn rewind(w: BufWriter<File>) -> io::Result<File> {
    let mut f = w.into_inner().map_err(|e| e.into_error())?;
    f.rewind()?;
    Ok(f)
}

/// `  "name": value` as `to_writer_pretty` writes a field of the top-level object.
fn field(out: &mut dyn Write, name: &str, value: &impl Serialize) -> io::Result<()> {
    write!(out, "  \"{name}\": ")?;
    write_indented(out, value, 2)
}

/// `value` pretty-printed, every line after the first indented by `indent` spaces: what
/// `to_writer_pretty` writes for a value nested that deep.
fn write_indented(out: &mut dyn Write, value: &impl Serialize, indent: usize) -> io::Result<()> {
    let mut text = Vec::with_capacity(256);
    render(&mut text, value, indent)?;
    out.write_all(&text)
}

/// Appends `value` pretty-printed to `text`, every line after the first indented by
/// `indent` spaces: what `to_writer_pretty` writes for a value nested that deep.
fn render(text: &mut Vec<u8>, value: &impl Serialize, indent: usize) -> io::Result<()> {
    let mut printer = serde_json::Serializer::with_formatter(
        text,
        Indented {
            base: indent,
            depth: 0,
            has_value: false,
        },
    );
    value.serialize(&mut printer).map_err(io::Error::other)
}

/// serde_json's `PrettyFormatter` (two spaces a level) with every line after the first
/// starting `base` spaces further in: the value printed where `to_writer_pretty` would
/// print it that deep, without printing it at the top and indenting it afterwards.
struct Indented {
    base: usize,
    depth: usize,
    has_value: bool,
}

impl Indented {
    fn newline<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        const SPACES: &[u8; 64] = &[b' '; 64];
        w.write_all(b"\n")?;
        let mut left = self.base + 2 * self.depth;
        while left > 0 {
            let n = left.min(SPACES.len());
            w.write_all(&SPACES[..n])?;
            left -= n;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(bracket)
    }

    fn next<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.next(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.next(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// A JSON array written item by item at nesting `indent` (the items' indentation).
struct List<'a> {
    out: &'a mut dyn Write,
    indent: usize,
    items: usize,
}

impl<'a> List<'a> {
    fn new(out: &'a mut dyn Write, indent: usize) -> Self {
        List {
            out,
            indent,
            items: 0,
        }
    }

    fn separator(&mut self) -> io::Result<()> {
        self.out
            .write_all(if self.items == 0 { b"[\n" } else { b",\n" })?;
        self.out.write_all(&b"                "[..self.indent])?;
        self.items += 1;
        Ok(())
    }

    fn item(&mut self, value: &impl Serialize) -> io::Result<()> {
        self.separator()?;
        write_indented(self.out, value, self.indent)
    }

    /// Writes an object whose last field is an empty array, without that array and the
    /// closing brace: the caller writes the array's items, then `close_item`.
    fn open_item(&mut self, value: &impl Serialize) -> io::Result<()> {
        self.separator()?;
        let mut text = Vec::new();
        render(&mut text, value, self.indent)?;
        let tail = format!("[]\n{}}}", &"                "[..self.indent]);
        let Some(head) = text.strip_suffix(tail.as_bytes()) else {
            return Err(io::Error::other(
                "internal error: an entity or fact did not end with its list",
            ));
        };
        self.out.write_all(head)
    }

    fn close_item(&mut self) -> io::Result<()> {
        write!(self.out, "\n{}}}", &"                "[..self.indent])
    }

    fn writer(&mut self) -> &mut dyn Write {
        self.out
    }

    fn end(&mut self) -> io::Result<()> {
        if self.items == 0 {
            self.out.write_all(b"[]")
        } else {
            write!(
                self.out,
                "\n{}]",
                &"                "[..self.indent.saturating_sub(2)]
            )
        }
    }

    fn into_inner(self) -> &'a mut dyn Write {
        self.out
    }
}

/// One sorted run, in memory or on disk.
enum Source<T> {
    Memory(std::vec::IntoIter<T>),
    Records(BufReader<File>),
    Documents(BufReader<File>),
}

trait Decode: Sized {
    fn decode(source: &mut Source<Self>) -> io::Result<Option<Self>>;
}

impl Decode for Record {
    fn decode(source: &mut Source<Self>) -> io::Result<Option<Self>> {
        match source {
            Source::Memory(it) => Ok(it.next()),
            Source::Records(r) => read_record(r),
            Source::Documents(_) => Err(io::Error::other("internal error: mixed runs")),
        }
    }
}

impl Decode for Document {
    fn decode(source: &mut Source<Self>) -> io::Result<Option<Self>> {
        match source {
            Source::Memory(it) => Ok(it.next()),
            Source::Documents(r) => {
                let mut line = String::new();
                if r.read_line(&mut line)? == 0 {
                    return Ok(None);
                }
                serde_json::from_str(&line)
                    .map(Some)
                    .map_err(|e| io::Error::other(format!("a temporary run file is damaged: {e}")))
            }
            Source::Records(_) => Err(io::Error::other("internal error: mixed runs")),
        }
    }
}

/// A k-way merge of sorted runs (duplicates are kept; callers skip them).
struct Merge<T: Ord + Decode> {
    sources: Vec<Source<T>>,
    heap: BinaryHeap<Reverse<(T, usize)>>,
    primed: bool,
}

impl<T: Ord + Decode> Merge<T> {
    fn new(sources: Vec<Source<T>>) -> Self {
        Merge {
            sources,
            heap: BinaryHeap::new(),
            primed: false,
        }
    }

    fn next(&mut self) -> io::Result<Option<T>> {
        if !self.primed {
            self.primed = true;
            for i in 0..self.sources.len() {
                if let Some(t) = T::decode(&mut self.sources[i])? {
                    self.heap.push(Reverse((t, i)));
                }
            }
        }
        let Some(Reverse((t, i))) = self.heap.pop() else {
            return Ok(None);
        };
        if let Some(next) = T::decode(&mut self.sources[i])? {
            self.heap.push(Reverse((next, i)));
        }
        Ok(Some(t))
    }
}

// The run format of records: fields in order, strings as a little-endian u32 length and
// UTF-8 bytes, numbers as little-endian u64, the field as one byte.

fn write_str(w: &mut impl Write, s: &str) -> io::Result<()> {
    let len = u32::try_from(s.len()).map_err(|_| io::Error::other("string too long to spill"))?;
    w.write_all(&len.to_le_bytes())?;
    w.write_all(s.as_bytes())
}

fn write_record(w: &mut impl Write, r: &Record) -> io::Result<()> {
    let m = &r.mention;
    w.write_all(&[r.section])?;
    write_str(w, &r.key)?;
    write_str(w, &m.doc)?;
    w.write_all(&[match m.field {
        Field::Title => 0,
        Field::Text => 1,
    }])?;
    w.write_all(&(m.start as u64).to_le_bytes())?;
    w.write_all(&(m.end as u64).to_le_bytes())?;
    write_str(w, &m.text)?;
    write_str(w, &m.rule)
}

fn read_exact_or_eof(r: &mut impl Read, buf: &mut [u8]) -> io::Result<bool> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..])? {
            0 if filled == 0 => return Ok(false),
            0 => {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "a temporary run file ends mid-record",
                ));
            }
            n => filled += n,
        }
    }
    Ok(true)
}

fn read_u64(r: &mut impl Read) -> io::Result<u64> {
    let mut b = [0; 8];
    r.read_exact(&mut b)?;
    Ok(u64::from_le_bytes(b))
}

fn read_str(r: &mut impl Read) -> io::Result<String> {
    let mut b = [0; 4];
    r.read_exact(&mut b)?;
    let mut s = vec![0; u32::from_le_bytes(b) as usize];
    r.read_exact(&mut s)?;
    String::from_utf8(s).map_err(|_| io::Error::other("a temporary run file is damaged"))
}

fn read_record(r: &mut impl Read) -> io::Result<Option<Record>> {
    let mut section = [0u8; 1];
    if !read_exact_or_eof(r, &mut section)? {
        return Ok(None);
    }
    let key = read_str(r)?;
    let doc: Arc<str> = read_str(r)?.into();
    let mut field = [0u8; 1];
    r.read_exact(&mut field)?;
    let start = read_u64(r)? as usize;
    let end = read_u64(r)? as usize;
    let text = read_str(r)?;
    let rule: Arc<str> = read_str(r)?.into();
    Ok(Some(Record {
        section: section[0],
        key,
        mention: Mention {
            doc,
            field: if field[0] == 0 {
                Field::Title
            } else {
                Field::Text
            },
            start,
            end,
            text,
            rule,
        },
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::{EntityRecord, FactRecord};
    use crate::rules::AttrValue;

    fn mention(doc: &str, start: usize, text: &str) -> Mention {
        Mention {
            doc: doc.into(),
            field: Field::Text,
            start,
            end: start + text.chars().count(),
            text: text.into(),
            rule: "r".into(),
        }
    }

    fn article(doc: &str, sha: &str, entities: &[(&str, &str)], fact: Option<&str>) -> Knowledge {
        let mut k = Knowledge::default();
        k.documents.insert(
            doc.into(),
            Document {
                id: doc.into(),
                source: format!("{doc}.txt"),
                title: Some("T".into()),
                date: None,
                url: None,
                sha256: sha.into(),
                chars: 10,
                about: vec!["x".into()],
            },
        );
        for (i, (id, text)) in entities.iter().enumerate() {
            let e = k.entities.entry(id.to_string()).or_insert(EntityRecord {
                etype: "country".into(),
                name: text.to_uppercase(),
                ..EntityRecord::default()
            });
            e.mentions.insert(mention(doc, i * 10, text));
        }
        if let Some(f) = fact {
            k.facts.insert(
                f.into(),
                FactRecord {
                    ftype: "agreement".into(),
                    args: BTreeMap::from([("parties".into(), AttrValue::One(doc.into()))]),
                    attributes: BTreeMap::new(),
                    evidence: BTreeSet::from([mention(doc, 0, "They signed.")]),
                },
            );
        }
        k
    }

    fn articles() -> Vec<Knowledge> {
        let mut out = Vec::new();
        for i in 0..40 {
            let doc = format!("d{:02}", (i * 7) % 23);
            let sha = if i % 11 == 0 { "b" } else { "a" };
            let ents = [("c:1", "Japan"), ("c:2", "Saudi  Arabia"), ("c:1", "JAPAN")];
            let fact = (i % 3 == 0).then(|| format!("f{}", i % 4));
            out.push(article(&doc, sha, &ents[..1 + i % 3], fact.as_deref()));
        }
        out.push(Knowledge::default());
        out
    }

    fn generator() -> Generator {
        Generator {
            name: "newsfacts".into(),
            version: "0".into(),
            rules_digest: "sha256:0".into(),
        }
    }

    fn reference(parts: Vec<Knowledge>) -> Vec<u8> {
        let mut k = Knowledge::default();
        for p in parts {
            k.merge(p);
        }
        k.problem(format::Problem {
            source: "s".into(),
            line: Some(3),
            message: "m".into(),
        });
        let mut out = Vec::new();
        crate::output::write_knowledge(&mut out, &k.into_file(generator())).unwrap();
        out
    }

    fn collected(parts: Vec<Knowledge>, buffer: usize) -> (Vec<u8>, usize) {
        collected_with(parts, buffer, MAX_RUNS)
    }

    fn collected_with(parts: Vec<Knowledge>, buffer: usize, max_runs: usize) -> (Vec<u8>, usize) {
        let mut c = Collector::with_buffer(false, buffer);
        c.max_runs = max_runs;
        for p in parts {
            c.add(p).unwrap();
        }
        c.problem(format::Problem {
            source: "s".into(),
            line: Some(3),
            message: "m".into(),
        });
        let runs = c.runs();
        let mut out = Vec::new();
        c.finish(generator(), &mut out, None).unwrap();
        (out, runs)
    }

    #[test]
    fn in_memory_and_spilled_write_the_bytes_of_a_merge() {
        let want = reference(articles());
        let (memory, runs) = collected(articles(), DEFAULT_BUFFER);
        assert_eq!(runs, 0);
        assert_eq!(
            String::from_utf8_lossy(&memory),
            String::from_utf8_lossy(&want)
        );
        let (spilled, runs) = collected(articles(), 500);
        assert!(runs > 4, "only {runs} runs");
        assert_eq!(
            String::from_utf8_lossy(&spilled),
            String::from_utf8_lossy(&want)
        );
        // Past `max_runs` the runs are merged into one as they come.
        let (compacted, runs) = collected_with(articles(), 500, 3);
        assert!(runs <= 4, "{runs} runs");
        assert_eq!(
            String::from_utf8_lossy(&compacted),
            String::from_utf8_lossy(&want)
        );
    }

    #[test]
    fn a_run_is_written_per_buffer_full_not_per_article() {
        let mut whole = Collector::new(false);
        for p in articles() {
            whole.add(p).unwrap();
        }
        let total = whole.buffered;
        // A buffer a quarter of the whole spills after about every quarter: a run of
        // records and one of documents each time, never one per article added.
        let (_, runs) = collected(articles(), total / 4);
        assert!((4..=10).contains(&runs), "{runs} runs for 4 buffers");
    }

    #[test]
    fn an_empty_run_is_the_empty_file() {
        let mut out = Vec::new();
        Collector::new(false)
            .finish(generator(), &mut out, None)
            .unwrap();
        let mut want = Vec::new();
        crate::output::write_knowledge(&mut want, &Knowledge::default().into_file(generator()))
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out),
            String::from_utf8_lossy(&want)
        );
    }

    #[test]
    fn records_survive_the_run_format() {
        let r = Record {
            section: EVIDENCE,
            key: "agreement:x/é".into(),
            mention: Mention {
                field: Field::Title,
                ..mention("d1", 7, "naïve “quoted”")
            },
        };
        let mut buf = Vec::new();
        write_record(&mut buf, &r).unwrap();
        write_record(&mut buf, &r).unwrap();
        let mut rd = &buf[..];
        assert_eq!(read_record(&mut rd).unwrap(), Some(r.clone()));
        assert_eq!(read_record(&mut rd).unwrap(), Some(r));
        assert_eq!(read_record(&mut rd).unwrap(), None);
        let mut cut = &buf[..buf.len() - 3];
        read_record(&mut cut).unwrap();
        assert!(read_record(&mut cut).is_err());
    }
}
