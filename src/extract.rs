//! One article -> its knowledge: analyse the title and the text, find mentions, apply
//! the relation rules, decide what the article is about. Pure: no I/O, no clock, so the
//! result is a function of the article and the rules alone.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::input::Article;
use crate::knowledge::{EntityRecord, Knowledge};
use crate::matching::{self, Candidate, Matches, Target};
use crate::output::format::{Document, Field, Mention};
use crate::profile::Stage;
use crate::rules::{AttrValue, RuleSet};
use crate::text::{Analyzed, Span};

/// One analysed field of an article, as relation rules and `explain` see it.
pub struct FieldView<'a> {
    pub field: Field,
    pub original: &'a str,
    pub analyzed: Analyzed,
    pub matches: Matches,
}

impl FieldView<'_> {
    /// The mention record of a span of the normalised text.
    pub fn mention(&self, doc: &Arc<str>, span: Span, rule: Arc<str>) -> Mention {
        let bytes = self.analyzed.norm.original_bytes(span, self.original);
        let start = self.analyzed.norm.char_offset(self.original, bytes.start);
        let text = &self.original[bytes.clone()];
        Mention {
            doc: doc.clone(),
            field: self.field,
            start,
            end: start + text.chars().count(),
            text: text.to_string(),
            rule,
        }
    }
}

/// An article taken apart: what relation rules and `explain` work on.
pub struct ArticleView<'a> {
    pub doc: Arc<str>,
    pub fields: Vec<FieldView<'a>>,
}

pub fn view<'a>(rules: &RuleSet, article: &'a Article, trace: bool) -> ArticleView<'a> {
    let mut fields = Vec::with_capacity(2);
    if let Some(title) = article.title.as_deref() {
        fields.push(field_view(rules, Field::Title, title, trace));
    }
    fields.push(field_view(rules, Field::Text, &article.text, trace));
    let mut parts: Vec<(&Analyzed, &mut Matches)> = fields
        .iter_mut()
        .map(|f| (&f.analyzed, &mut f.matches))
        .collect();
    let clock = rules.profile.clock();
    matching::resolve(rules, &mut parts);
    rules.profile.stage(Stage::Resolution, clock);
    ArticleView {
        doc: Arc::from(article.id.as_str()),
        fields,
    }
}

fn field_view<'a>(rules: &RuleSet, field: Field, original: &'a str, trace: bool) -> FieldView<'a> {
    let clock = rules.profile.clock();
    let analyzed = Analyzed::new(original);
    rules.profile.stage(Stage::Analysis, clock);
    let matches = matching::find(rules, &analyzed, trace);
    FieldView {
        field,
        original,
        analyzed,
        matches,
    }
}

/// The knowledge one article yields.
pub fn extract(rules: &RuleSet, article: &Article) -> Knowledge {
    let view = view(rules, article, false);
    knowledge_of(rules, article, &view)
}

pub fn knowledge_of(rules: &RuleSet, article: &Article, view: &ArticleView<'_>) -> Knowledge {
    let clock = rules.profile.clock();
    let mut k = Knowledge::default();
    // One shared string per rule id and article; keyed by the rule set's own strings, so
    // a lookup allocates nothing.
    let mut rule_ids: BTreeMap<&str, Arc<str>> = BTreeMap::new();
    let mut rule_arc =
        |id| -> Arc<str> { rule_ids.entry(id).or_insert_with(|| Arc::from(id)).clone() };
    for fv in &view.fields {
        for c in &fv.matches.mentions {
            let mention = fv.mention(&view.doc, c.span, rule_arc(c.rule_id(rules)));
            let id = c.entity_id(rules);
            match k.entities.get_mut(id) {
                Some(record) => {
                    record.mentions.insert(mention);
                }
                None => {
                    let mut record = entity_record(rules, c);
                    record.mentions.insert(mention);
                    k.entities.insert(id.to_string(), record);
                }
            }
        }
        for (span, rule) in &fv.matches.overlapped {
            k.overlapped.insert((
                view.doc.clone(),
                fv.field,
                span.start,
                rule_arc(rule.id(rules)),
            ));
        }
    }
    let clock = rules.profile.stage(Stage::Records, clock);
    let facts = crate::relations::extract(rules, view, article.date.as_deref());
    let clock = rules.profile.stage(Stage::Relations, clock);
    for (id, fact) in facts {
        k.facts.insert(id, fact);
    }
    let about = about(rules, view, &k);
    for id in &about {
        if !k.entities.contains_key(id)
            && let Some(e) = rules.entity(id)
        {
            k.entities.insert(id.clone(), known_record(e));
        }
    }
    let text_hash = Sha256::digest(article.text.as_bytes());
    k.documents.insert(
        article.id.clone(),
        Document {
            id: article.id.clone(),
            source: article.source.clone(),
            title: article.title.clone(),
            date: article.date.clone(),
            url: article.url.clone(),
            sha256: hex(&text_hash),
            chars: article.text.chars().count(),
            about: about.into_iter().collect(),
        },
    );
    rules.profile.stage(Stage::Records, clock);
    k
}

/// Lower-case hex into one string (`rules::hex` formats a string per byte).
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

fn known_record(e: &crate::rules::Entity) -> EntityRecord {
    EntityRecord {
        etype: e.etype.to_string(),
        name: e.name.clone(),
        ids: e.ids.clone(),
        attributes: e.attributes.clone(),
        mentions: BTreeSet::new(),
    }
}

fn entity_record(rules: &RuleSet, c: &Candidate) -> EntityRecord {
    match &c.target {
        Target::Known(i) => known_record(&rules.entities()[*i]),
        Target::New { etype, name, .. } => EntityRecord {
            etype: etype.to_string(),
            name: crate::knowledge::collapse_space(name),
            ..EntityRecord::default()
        },
    }
}

/// The entities an article is mainly about: those named in the title or in the lead
/// (the first sentence of the text), and those mentioned at least twice. A sentence the
/// wire sent twice, word for word (a paragraph repeated in the copy), names its entities
/// once: a repeated passing remark is still one remark. A place there brings its country
/// along (`attributes.country`), so a wire dateline ("TOKYO, March 3 -") places the story
/// even when the country is never named.
///
/// A headline word the matching rules left alone counts too when the body mentions an
/// entity with that very text: in "MISIMA GOLD APPROVAL SOON" the capitals alone do not
/// make "GOLD" the metal, but a body that says "grading 1.35 grams/tonne gold" does. A
/// headline word inside a headline mention ("NEWMONT GOLD <NGC>", an organization) does
/// not count.
///
/// A headline about mines, mining or miners (a word of `MINING_WORDS`, also inside a
/// company's name: "LAC MINERALS TO CLOSE LAKE SHORE MINE") is about what is mined: when
/// no mineral is in `about` by the rules above, every mineral the text names is. A strike
/// story headlined "MINERS RETURN TO WORK" that says once, deep in the text, that the men
/// work a gold mine is a gold story. A headline that names its metal, or a text that names
/// one twice, already has its mineral, and the others the text names once stay out.
///
/// A headline about metals in general ("metal" or "metals" as a word of its own, not in a
/// headline mention such as a company's name) is about each mineral the text names: in
/// "KESTREL IN METALS FIND" the text says which metals were found, and each of them is
/// what the story reports, even when another was named twice.
fn about(rules: &RuleSet, view: &ArticleView<'_>, k: &Knowledge) -> BTreeSet<String> {
    let mut about = BTreeSet::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for fv in &view.fields {
        let lead_end = fv.analyzed.sentences.first().map_or(0, |s| s.end);
        let text = fv.analyzed.norm.text();
        // A mention's place in a sentence, by the sentence's words: the same in a
        // sentence the wire sent twice.
        let mut seen: BTreeSet<(&str, usize)> = BTreeSet::new();
        for c in &fv.matches.mentions {
            let id = c.entity_id(rules);
            let prominent = fv.field == Field::Title || c.span.end <= lead_end;
            if prominent {
                about.insert(id.to_string());
            }
            if fv.field != Field::Text {
                continue;
            }
            let place = match fv.analyzed.sentence_of(c.span.start) {
                Some(i) => {
                    let s = fv.analyzed.sentences[i];
                    (&text[s.start..s.end], c.span.start - s.start)
                }
                None => ("", c.span.start),
            };
            if seen.insert(place) {
                *counts.entry(id).or_default() += 1;
            }
        }
    }
    about.extend(
        counts
            .iter()
            .filter(|&(_, &n)| n >= 2)
            .map(|(id, _)| id.to_string()),
    );
    if let Some(title) = view.fields.iter().find(|f| f.field == Field::Title) {
        for fv in view.fields.iter().filter(|f| f.field == Field::Text) {
            for c in &fv.matches.mentions {
                let id = c.entity_id(rules);
                if about.contains(id) {
                    continue;
                }
                let said = &fv.analyzed.norm.text()[c.span.start..c.span.end];
                if in_headline(title, said) {
                    about.insert(id.to_string());
                }
            }
        }
    }
    if let Some(title) = view.fields.iter().find(|f| f.field == Field::Title) {
        let mining =
            !about.iter().any(|id| is_mineral(k, id)) && names_mining(title.analyzed.norm.text());
        let metals = in_headline(title, "metal") || in_headline(title, "metals");
        if mining || metals {
            for fv in view.fields.iter().filter(|f| f.field == Field::Text) {
                for c in &fv.matches.mentions {
                    let id = c.entity_id(rules);
                    if is_mineral(k, id) {
                        about.insert(id.to_string());
                    }
                }
            }
        }
    }
    let countries: Vec<String> = about
        .iter()
        .filter_map(|id| k.entities.get(id))
        .filter(|e| e.etype == "place")
        .filter_map(|e| match e.attributes.get("country") {
            Some(AttrValue::One(code)) => Some(format!("country:{code}")),
            _ => None,
        })
        .collect();
    about.extend(countries);
    about
}

/// Whether `words` stand in the title as whole words, ignoring case, outside every mention
/// the title already has.
fn in_headline(title: &FieldView<'_>, words: &str) -> bool {
    let text = title.analyzed.norm.text();
    let is_word = |c: char| c.is_alphanumeric();
    let mut from = 0;
    while let Some(at) = find_ignoring_case(&text[from..], words) {
        let start = from + at;
        let end = start + words.len();
        let bounded = !text[..start].chars().next_back().is_some_and(is_word)
            && !text[end..].chars().next().is_some_and(is_word);
        let free = !title
            .matches
            .mentions
            .iter()
            .any(|m| m.span.start < end && start < m.span.end);
        if bounded && free {
            return true;
        }
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// The byte offset of the first match of `needle` in `hay` ignoring ASCII case; only
/// ASCII letters fold, so offsets stay those of `hay`.
fn find_ignoring_case(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..=h.len() - n.len())
        .filter(|&i| hay.is_char_boundary(i) && hay.is_char_boundary(i + n.len()))
        .find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Headline words that make a story one about mines, mining or miners: the extraction,
/// the workers, the ore and its assays. Not "metal" or "smelter", which stand beside a
/// metal's name when the story is about one ("COPPER SMELTER"), nor "exploration",
/// "reserves" or "property", which oil, banking and real-estate stories share.
const MINING_WORDS: &[&str] = &[
    "mine",
    "mines",
    "mined",
    "mining",
    "miner",
    "miners",
    "mineworkers",
    "ore",
    "ores",
    "assay",
    "assays",
    "mineral",
    "minerals",
];

/// Whether a headline has a word of `MINING_WORDS` as a whole word, in any case.
fn names_mining(title: &str) -> bool {
    title
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| MINING_WORDS.iter().any(|m| w.eq_ignore_ascii_case(m)))
}

/// Whether `id` is an entity of type `mineral` of the article.
fn is_mineral(k: &Knowledge, id: &str) -> bool {
    k.entities.get(id).is_some_and(|e| e.etype == "mineral")
}
