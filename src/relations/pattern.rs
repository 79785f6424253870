//! The relation pattern language, compiled to a regex over an encoded sentence.
//!
//! A sentence is encoded as one code per token, with each entity mention folded into a
//! single code of its type: the words and punctuation that some rule names each have
//! their own codes (one for the lower-case and one for the capitalised form of a word),
//! all other words are one of two codes ("a word", "a capitalised word"), and an entity
//! mention is the code of its type and of the attributes it carries (a person with a
//! `title`). Each code is two bytes (see [`push_sym`]); article text is never copied into
//! the encoding, so the bytes stand only for tokens. A pattern is then a byte regex over
//! codes: matching stays linear in the sentence whatever the rule, a gap of N tokens is N
//! codes, and the automata stay small.
//!
//! Pattern elements, separated by spaces:
//!
//! | element | matches |
//! |---|---|
//! | `signed`, `'s`, `,` | that token (sequence), any case |
//! | `"("` | a quoted literal, for tokens the syntax itself uses |
//! | `(a \| an \| the)` | one of the alternatives (each a sequence of elements) |
//! | `{parties: country\|organization}` | a mention of one of the types; its entity fills role `parties` |
//! | `{person: person+title}` | a person mention that carries the attribute `title` |
//! | `{country\|organization}` | such a mention, without a role |
//! | `@agree-verb` | a phrase of the word class `agree-verb` (`[words]`) |
//! | `{status: @agree-verb}` | the same, and the class entry it matched becomes `status` |
//! | `{parties: ^refer}` | a phrase of the class `refer` ("the two countries", "the company") that stands for entities named before; its canonical value says which (see the relations module) and they fill role `parties` |
//! | `{purpose: phrase}` | 1 to 12 words or mentions, kept as text |
//! | `<Cap>` `<word>` `<punct>` `<entity>` `<any>` | a capitalised word, any word, punctuation, any mention, any token |
//! | `~` or `~N` | a gap of 0 to N tokens (8 by default), as short as possible |
//! | `X?` `X*` `X+` `X{m,n}` | quantifiers on the element before |

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex_automata::meta;
use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, Hir, HirKind, Look, Repetition,
};

use crate::text::{TokenKind, tokenize};

/// A word class: canonical value -> phrases (each a list of lower-case tokens).
pub(crate) type WordClass = Vec<(String, Vec<String>)>;

/// What a capture group of the compiled regex stands for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Slot {
    /// An entity mention filling a role; the group captures the mention number.
    Entity { role: String },
    /// A word-class phrase; one group per canonical value, named after it.
    Word { name: String, canonical: String },
    /// Raw text, kept as the source says it.
    Text { name: String },
    /// A phrase that refers back ("the two countries"); `canonical` says to what, and the
    /// entities it resolves to fill `role`.
    Refer { role: String, canonical: String },
}

#[derive(Debug)]
pub(crate) struct Compiled {
    /// The regex, built as a syntax tree: nothing to print and parse again.
    pub hir: Hir,
    /// Capture group name -> what it means.
    pub slots: BTreeMap<String, Slot>,
    /// Characters a sentence must hold for the rule to have a chance: one of each list.
    /// Checked before the regex runs, so a sentence without the rule's verb costs nothing.
    pub requires: Vec<Vec<Sym>>,
}

const DEFAULT_GAP: usize = 8;
const PHRASE_MAX: usize = 12;

/// The characters of the encoding (see the module docs).
#[derive(Debug, Default)]
pub(crate) struct Alphabet {
    words: std::collections::HashMap<String, Sym>,
    puncts: std::collections::HashMap<String, Sym>,
    /// Entity types, in a fixed order; a mention's character is given by its type and
    /// which of `attributes` it carries.
    types: Vec<String>,
    attributes: Vec<String>,
    /// Word classes as built while compiling (emptied by `compiled`).
    built: std::collections::HashMap<String, std::sync::Arc<ClassHir>>,
    /// Literals as built while compiling, with the codes they start with (emptied by
    /// `compiled`).
    literals: std::collections::HashMap<String, (Hir, Option<Vec<Sym>>)>,
    /// Groups as built while compiling, by their text (emptied by `compiled`).
    groups: std::collections::HashMap<String, GroupMemo>,
    /// Parse every group afresh (tests compare both ways).
    no_group_memo: bool,
}

/// A group as first parsed (see [`Parser::group`]): its syntax tree, whose capture groups
/// count from `base`, the codes it needs first and the slots of its capture groups.
#[derive(Debug)]
struct GroupMemo {
    hir: Hir,
    base: usize,
    last: Option<Vec<Sym>>,
    slots: Vec<Slot>,
}

/// The index of the `)` that closes the `(` at `open`, skipping quoted literals (`"("`),
/// slots and token classes; `None` when it is not closed.
fn group_end(chars: &[char], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < chars.len() {
        let close = match chars[i] {
            '"' => Some('"'),
            '{' => Some('}'),
            '<' => Some('>'),
            '(' => {
                depth += 1;
                None
            }
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
                None
            }
            _ => None,
        };
        if let Some(close) = close {
            i += 1 + chars[i + 1..].iter().position(|&c| c == close)?;
        }
        i += 1;
    }
    None
}

/// `hir` with its capture groups, numbered from `from` (group `g{from}` has index
/// `from + 1`, as [`Parser::capture`] makes them), renumbered from `to`. Subtrees without
/// a capture group are copied as they are.
fn rebase(hir: &Hir, from: usize, to: usize) -> Hir {
    if from == to || hir.properties().explicit_captures_len() == 0 {
        return hir.clone();
    }
    match hir.kind() {
        HirKind::Capture(c) => {
            let n = c.index as usize - 1 - from + to;
            Hir::capture(Capture {
                index: n as u32 + 1,
                name: Some(format!("g{n}").into_boxed_str()),
                sub: Box::new(rebase(&c.sub, from, to)),
            })
        }
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(|h| rebase(h, from, to)).collect()),
        HirKind::Alternation(alts) => {
            Hir::alternation(alts.iter().map(|h| rebase(h, from, to)).collect())
        }
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(rebase(&r.sub, from, to)),
            ..r.clone()
        }),
        _ => hir.clone(),
    }
}

/// `hir` without capture groups and with every repetition of more than one copy left
/// unbounded: it matches every sentence `hir` matches, and a few more. A gap of up to N
/// tokens makes a search automaton count: after each token that could start the pattern it
/// must remember how many tokens ago, so unanchored over varied sentences it builds a
/// state for every mix of counts it meets. Unbounded, the counts fold into one state, so
/// this form's automaton stays small and answers "can the rule match here?" cheaply.
pub(crate) fn loosen(hir: Hir) -> Hir {
    // Taken apart rather than copied: the leaves (literals, classes) move as they are.
    if !matches!(
        hir.kind(),
        HirKind::Capture(_) | HirKind::Concat(_) | HirKind::Alternation(_) | HirKind::Repetition(_)
    ) {
        return hir;
    }
    match hir.into_kind() {
        HirKind::Capture(c) => loosen(*c.sub),
        HirKind::Concat(parts) => Hir::concat(parts.into_iter().map(loosen).collect()),
        HirKind::Alternation(alts) => Hir::alternation(alts.into_iter().map(loosen).collect()),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            min: r.min,
            max: r.max.filter(|&max| max <= 1),
            greedy: r.greedy,
            sub: Box::new(loosen(*r.sub)),
        }),
        _ => unreachable!("leaves are returned above"),
    }
}

/// A word class, built: its phrases (longest first) with their canonical values, all of
/// them as one alternation, and the codes one of which every match starts with.
#[derive(Debug)]
pub(crate) struct ClassHir {
    phrases: Vec<(String, Hir)>,
    plain: Hir,
    firsts: Option<Vec<Sym>>,
}

/// A token's code in the encoding: below 2^14, written as two bytes (see [`push_sym`]).
pub(crate) type Sym = u16;

const GENERIC_WORD: Sym = 0;
const GENERIC_CAP: Sym = 1;
const GENERIC_PUNCT: Sym = 2;
const ENTITY_BASE: Sym = 0x100;
const ENTITY_END: Sym = 0x7FF;
const PUNCT_BASE: Sym = 0x800;
const PUNCT_END: Sym = 0xFFF;
// Words named by some pattern, two codes each (see `word_sym`).
const WORD_BASE: Sym = 0x1000;
const WORD_END: Sym = 0x3FFF;
/// Distinct words the patterns of one pack can name.
const MAX_WORDS: usize = (WORD_END - WORD_BASE + 1) as usize / 2;

/// The code of word `id`, lower case or capitalised: 64 words per lead byte, the case in
/// bit 6 of the trail byte. So a word in either case is one lead and two trails, and "any
/// capitalised word" is one range of leads with one range of trails.
fn word_sym(id: Sym, cap: bool) -> Sym {
    WORD_BASE + ((id >> 6) << 7) + (Sym::from(cap) << 6) + (id & 0x3F)
}

/// Every capitalised word code.
fn cap_syms() -> impl Iterator<Item = Sym> {
    (WORD_BASE..=WORD_END).filter(|c| c & 0x40 != 0)
}

/// Every code an encoded sentence can hold.
pub(crate) const SYMS: usize = WORD_END as usize + 1;

/// Appends a code as two bytes: a lead byte with the high bit set (the upper seven bits of
/// the code) and a trail byte without it (the lower seven). A lead never equals a trail,
/// so a match can only start on a token, and the automata work on bytes, not on UTF-8
/// sequences: fewer states to build, and the regexes parse and compile faster.
pub(crate) fn push_sym(out: &mut Vec<u8>, code: Sym) {
    out.push(0x80 | (code >> 7) as u8);
    out.push((code & 0x7F) as u8);
}

/// The codes of an encoded sentence, one per token.
pub(crate) fn syms(encoded: &[u8]) -> impl Iterator<Item = Sym> + '_ {
    encoded.chunks_exact(2).map(|p| sym_of(p[0], p[1]))
}

/// The code of a lead byte and a trail byte (see [`push_sym`]).
fn sym_of(lead: u8, trail: u8) -> Sym {
    (Sym::from(lead & 0x7F) << 7) | Sym::from(trail)
}

/// A class of bytes from inclusive ranges.
fn bytes(ranges: impl IntoIterator<Item = (u8, u8)>) -> Hir {
    Hir::class(Class::Bytes(ClassBytes::new(
        ranges.into_iter().map(|(a, b)| ClassBytesRange::new(a, b)),
    )))
}

/// Any token: a lead byte then a trail byte (what `.` would be, in a much smaller
/// automaton).
fn any() -> Hir {
    Hir::concat(vec![bytes([(0x80, 0xFF)]), bytes([(0x00, 0x7F)])])
}

/// One code.
fn sym_hir(code: Sym) -> Hir {
    Hir::literal([0x80 | (code >> 7) as u8, (code & 0x7F) as u8])
}

fn repeat(sub: Hir, min: u32, max: Option<u32>, greedy: bool) -> Hir {
    Hir::repetition(Repetition {
        min,
        max,
        greedy,
        sub: Box::new(sub),
    })
}

// The token classes, built once.
static CAP: LazyLock<Hir> =
    LazyLock::new(|| set_hir(std::iter::once(GENERIC_CAP).chain(cap_syms())));
static WORD: LazyLock<Hir> = LazyLock::new(|| {
    set_hir(
        [GENERIC_WORD, GENERIC_CAP]
            .into_iter()
            .chain(WORD_BASE..=WORD_END),
    )
});
static PUNCT: LazyLock<Hir> =
    LazyLock::new(|| set_hir(std::iter::once(GENERIC_PUNCT).chain(PUNCT_BASE..=PUNCT_END)));

static ENTITY: LazyLock<Hir> = LazyLock::new(|| set_hir(ENTITY_BASE..=ENTITY_END));
static WORD_OR_ENTITY: LazyLock<Hir> = LazyLock::new(|| {
    set_hir(
        [GENERIC_WORD, GENERIC_CAP]
            .into_iter()
            .chain(ENTITY_BASE..=ENTITY_END)
            .chain(WORD_BASE..=WORD_END),
    )
});

/// Whether `code` stands for an entity mention (of any type and attributes), as
/// `<entity>` matches it.
pub(crate) fn is_entity_sym(code: Sym) -> bool {
    (ENTITY_BASE..=ENTITY_END).contains(&code)
}

/// The alternation of `items` (phrase, its one token's codes if it has one token), in
/// order, with each run of one-token phrases as one set of codes: a few alternatives per
/// lead byte instead of one per word, for the same matches (a run's phrases all match
/// exactly one token, so which of them matches first makes no difference).
fn one_of<T>(items: &[(T, Hir, Option<Vec<Sym>>)]) -> Hir {
    let mut alts: Vec<Hir> = Vec::new();
    let mut codes: Vec<Sym> = Vec::new();
    for (_, body, single) in items {
        match single {
            Some(c) => codes.extend(c),
            None => {
                if !codes.is_empty() {
                    alts.push(set_hir(std::mem::take(&mut codes)));
                }
                alts.push(body.clone());
            }
        }
    }
    if !codes.is_empty() {
        alts.push(set_hir(codes));
    }
    Hir::alternation(alts)
}

/// The codes of the one token `h` matches, when it is a token literal as
/// [`Parser::token_hir`] and [`sym_hir`] build them (a lead byte and one or more trails).
fn token_codes(h: &Hir) -> Option<Vec<Sym>> {
    match h.kind() {
        HirKind::Literal(l) if l.0.len() == 2 && l.0[0] >= 0x80 && l.0[1] < 0x80 => {
            Some(vec![sym_of(l.0[0], l.0[1])])
        }
        HirKind::Concat(parts) if parts.len() == 2 => {
            let (HirKind::Literal(l), HirKind::Class(Class::Bytes(trails))) =
                (parts[0].kind(), parts[1].kind())
            else {
                return None;
            };
            if l.0.len() != 1 || l.0[0] < 0x80 {
                return None;
            }
            let mut out = Vec::new();
            for r in trails.ranges() {
                if r.end() >= 0x80 {
                    return None;
                }
                out.extend((r.start()..=r.end()).map(|t| sym_of(l.0[0], t)));
            }
            Some(out)
        }
        _ => None,
    }
}

/// A set of codes: one alternative per lead byte (consecutive leads with the same trails
/// share one), each with its trail bytes as a class.
fn set_hir(codes: impl IntoIterator<Item = Sym>) -> Hir {
    let mut codes: Vec<Sym> = codes.into_iter().collect();
    codes.sort_unstable();
    codes.dedup();
    // Lead -> trail ranges.
    let mut leads: Vec<(u8, Vec<(u8, u8)>)> = Vec::new();
    for c in codes {
        let (lead, trail) = (0x80 | (c >> 7) as u8, (c & 0x7F) as u8);
        match leads.last_mut() {
            Some((l, ranges)) if *l == lead => match ranges.last_mut() {
                Some((_, hi)) if *hi + 1 == trail => *hi = trail,
                _ => ranges.push((trail, trail)),
            },
            _ => leads.push((lead, vec![(trail, trail)])),
        }
    }
    let mut alts: Vec<Hir> = Vec::new();
    let mut i = 0;
    while i < leads.len() {
        let (lead, ranges) = &leads[i];
        // Consecutive leads with the same trails share one alternative.
        let mut j = i;
        while j + 1 < leads.len() && leads[j + 1].0 == leads[j].0 + 1 && leads[j + 1].1 == *ranges {
            j += 1;
        }
        alts.push(Hir::concat(vec![
            bytes([(*lead, leads[j].0)]),
            bytes(ranges.iter().copied()),
        ]));
        i = j + 1;
    }
    Hir::alternation(alts)
}

impl Alphabet {
    pub(crate) fn new(types: &std::collections::BTreeSet<String>, attributes: &[String]) -> Self {
        let mut attributes = attributes.to_vec();
        attributes.sort();
        attributes.dedup();
        // Keep the signature space small: at most 6 attributes distinguish mentions.
        attributes.truncate(6);
        Alphabet {
            types: types.iter().cloned().collect(),
            attributes,
            ..Alphabet::default()
        }
    }

    fn word_id(&mut self, token: &str) -> Sym {
        // Past MAX_WORDS the ids wrap; `compile` then rejects the pack.
        let next = (self.words.len() % MAX_WORDS) as Sym;
        *self.words.entry(token.to_string()).or_insert(next)
    }

    fn punct_id(&mut self, token: &str) -> Option<Sym> {
        let next = self.puncts.len().min(usize::from(PUNCT_END)) as Sym;
        let id = *self.puncts.entry(token.to_string()).or_insert(next);
        (PUNCT_BASE + id <= PUNCT_END).then_some(id)
    }

    /// The memos kept while compiling, taken out: once every pattern is compiled they are
    /// no longer needed (the caller drops them, off the critical path).
    pub(crate) fn compiled(&mut self) -> impl Send + use<> {
        (
            std::mem::take(&mut self.built),
            std::mem::take(&mut self.literals),
            std::mem::take(&mut self.groups),
        )
    }

    fn signatures(&self) -> Sym {
        1 << self.attributes.len()
    }

    /// The code of a mention of `etype` carrying `attrs`.
    pub(crate) fn entity_sym<'a>(&self, etype: &str, attrs: impl Iterator<Item = &'a str>) -> Sym {
        let Some(t) = self.types.iter().position(|x| x == etype) else {
            return ENTITY_END;
        };
        let mut mask = 0;
        for a in attrs {
            if let Some(i) = self.attributes.iter().position(|x| x == a) {
                mask |= 1 << i;
            }
        }
        (ENTITY_BASE + t as Sym * self.signatures() + mask).min(ENTITY_END)
    }

    /// The regex class of mentions of one of `types` that carry `attr` (if given).
    fn entity_class(&self, types: &[&str], attr: Option<&str>) -> Result<(Hir, Vec<Sym>), String> {
        let need = match attr {
            Some(a) => match self.attributes.iter().position(|x| x == a) {
                Some(i) => Some(1 << i),
                None => {
                    return Err(format!(
                        "no pattern rule gives mentions the attribute `{a}`"
                    ));
                }
            },
            None => None,
        };
        if usize::from(ENTITY_BASE) + self.types.len() * usize::from(self.signatures())
            > usize::from(ENTITY_END)
        {
            return Err("too many entity types and attributes to encode".into());
        }
        let mut chars = Vec::new();
        for t in types {
            let i = self
                .types
                .iter()
                .position(|x| x == t)
                .ok_or_else(|| format!("unknown entity type `{t}`"))?;
            let base = ENTITY_BASE + i as Sym * self.signatures();
            for mask in 0..self.signatures() {
                if need.is_none_or(|n| mask & n != 0) {
                    chars.push(base + mask);
                }
            }
        }
        Ok((set_hir(chars.iter().copied()), chars))
    }
}

pub(crate) fn compile(
    source: &str,
    types: &std::collections::BTreeSet<String>,
    classes: &BTreeMap<String, WordClass>,
    vocab: &mut Alphabet,
) -> Result<Compiled, String> {
    let mut p = Parser {
        chars: source.chars().collect(),
        pos: 0,
        slots: BTreeMap::new(),
        types,
        classes,
        vocab,
        requires: Vec::new(),
        last: None,
        group_first: None,
    };
    // Top-level alternatives are allowed: `A | B` is `(A | B)`.
    let mut alternatives = vec![p.sequence(false)?];
    while p.peek() == Some('|') {
        p.pos += 1;
        alternatives.push(p.sequence(false)?);
    }
    if alternatives.len() > 1 {
        // Each alternative needs its own characters; the rule as a whole needs none.
        p.requires.clear();
    }
    if p.pos < p.chars.len() {
        return Err(format!(
            "unexpected `{}` at character {}",
            p.chars[p.pos],
            p.pos + 1
        ));
    }
    if alternatives.iter().any(Vec::is_empty) {
        return Err("empty pattern (or an empty alternative)".into());
    }
    if p.vocab.words.len() > MAX_WORDS {
        return Err(format!(
            "the relation patterns name more than {MAX_WORDS} different words"
        ));
    }
    Ok(Compiled {
        hir: Hir::alternation(alternatives.into_iter().map(Hir::concat).collect()),
        slots: p.slots,
        requires: p.requires,
    })
}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    slots: BTreeMap<String, Slot>,
    types: &'a std::collections::BTreeSet<String>,
    classes: &'a BTreeMap<String, WordClass>,
    vocab: &'a mut Alphabet,
    requires: Vec<Vec<Sym>>,
    /// The codes one of which the atom just read needs, if it is that simple.
    last: Option<Vec<Sym>>,
    /// What the group alternative just read needs first (see `sequence`).
    group_first: Option<Vec<Sym>>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    /// Elements until `)` or `|` (inside a group) or the end.
    fn sequence(&mut self, in_group: bool) -> Result<Vec<Hir>, String> {
        let mut out = Vec::new();
        // Inside a group: the first mandatory atom's characters, which the group needs
        // when every alternative has one (see `atom`).
        self.group_first = None;
        let mut first: Option<Vec<Sym>> = None;
        let mut seen_mandatory = false;
        loop {
            self.skip_space();
            match self.peek() {
                None => return Ok(out),
                Some(')') | Some('|') if in_group => {
                    self.group_first = first;
                    return Ok(out);
                }
                Some('|') => return Ok(out),
                Some(')') => return Err(format!("unbalanced `)` at character {}", self.pos + 1)),
                Some(_) => {
                    self.last = None;
                    let atom = self.atom()?;
                    let needed = self.last.take();
                    let quant = self.quantifier()?;
                    let mandatory = quant.is_none_or(|(min, _)| min > 0);
                    if mandatory && !seen_mandatory {
                        seen_mandatory = true;
                        first = needed.clone();
                    }
                    if !in_group
                        && mandatory
                        && let Some(chars) = needed
                    {
                        self.requires.push(chars);
                    }
                    out.push(match quant {
                        None => atom,
                        Some((min, max)) => repeat(atom, min, max, true),
                    });
                }
            }
        }
    }

    /// `?`, `*`, `+` or `{m}`, `{m,}`, `{m,n}` after an element: (min, max).
    fn quantifier(&mut self) -> Result<Option<(u32, Option<u32>)>, String> {
        match self.peek() {
            Some(c @ ('?' | '*' | '+')) => {
                self.pos += 1;
                Ok(Some(match c {
                    '?' => (0, Some(1)),
                    '*' => (0, None),
                    _ => (1, None),
                }))
            }
            Some('{')
                if self
                    .chars
                    .get(self.pos + 1)
                    .is_some_and(|c| c.is_ascii_digit()) =>
            {
                let end = self.chars[self.pos..]
                    .iter()
                    .position(|&c| c == '}')
                    .ok_or("unclosed `{m,n}` quantifier")?;
                let body: String = self.chars[self.pos + 1..self.pos + end].iter().collect();
                let bad = || format!("bad quantifier `{{{body}}}`");
                let number = |t: &str| t.parse::<u32>().ok().filter(|&n| n <= 1000);
                let (min, max) = match body.split_once(',') {
                    None => {
                        let n = number(&body).ok_or_else(bad)?;
                        (n, Some(n))
                    }
                    Some((m, "")) => (number(m).ok_or_else(bad)?, None),
                    Some((m, n)) => (number(m).ok_or_else(bad)?, Some(number(n).ok_or_else(bad)?)),
                };
                if max.is_some_and(|max| max < min) {
                    return Err(bad());
                }
                self.pos += end + 1;
                Ok(Some((min, max)))
            }
            _ => Ok(None),
        }
    }

    /// A group, `(` to its `)`. The generated packs repeat the same groups in many rules
    /// (the party phrases, the verb chains): each distinct group text is parsed once per
    /// pack and later copies are the first one's syntax tree with its capture groups
    /// renumbered (`rebase`). Its slots, codes and needs are those a parse gives.
    fn group(&mut self) -> Result<Hir, String> {
        let start = self.pos;
        // The group's text and the position after its `)`.
        let key: Option<(String, usize)> = group_end(&self.chars, start)
            .map(|end| (self.chars[start..=end].iter().collect(), end + 1));
        let base = self.slots.len();
        if let Some((k, after)) = &key
            && !self.vocab.no_group_memo
            && let Some(memo) = self.vocab.groups.get(k)
        {
            let hir = rebase(&memo.hir, memo.base, base);
            let (last, slots) = (memo.last.clone(), memo.slots.clone());
            for (i, slot) in slots.into_iter().enumerate() {
                self.slots.insert(format!("g{}", base + i), slot);
            }
            self.last = last;
            self.pos = *after;
            return Ok(hir);
        }
        self.pos += 1;
        let mut alternatives = vec![self.sequence(true)?];
        let mut needs: Option<Vec<Sym>> = self.group_first.take();
        while self.peek() == Some('|') {
            self.pos += 1;
            alternatives.push(self.sequence(true)?);
            needs = match (needs, self.group_first.take()) {
                (Some(mut a), Some(b)) => {
                    a.extend(b);
                    Some(a)
                }
                _ => None,
            };
        }
        if self.peek() != Some(')') {
            return Err("unclosed `(`".into());
        }
        self.pos += 1;
        self.last = needs;
        let items: Vec<((), Hir, Option<Vec<Sym>>)> = alternatives
            .into_iter()
            .map(|seq| {
                let h = Hir::concat(seq);
                let codes = token_codes(&h);
                ((), h, codes)
            })
            .collect();
        let hir = one_of(&items);
        if let Some((k, after)) = key
            && self.pos == after
        {
            let slots = (base..self.slots.len())
                .map(|i| self.slots[&format!("g{i}")].clone())
                .collect();
            self.vocab.groups.insert(
                k,
                GroupMemo {
                    hir: hir.clone(),
                    base,
                    last: self.last.clone(),
                    slots,
                },
            );
        }
        Ok(hir)
    }

    fn atom(&mut self) -> Result<Hir, String> {
        let c = self.peek().ok_or("unexpected end of pattern")?;
        match c {
            '(' => self.group(),
            '{' => {
                self.pos += 1;
                let end = self.chars[self.pos..]
                    .iter()
                    .position(|&c| c == '}')
                    .ok_or("unclosed `{`")?;
                let body: String = self.chars[self.pos..self.pos + end].iter().collect();
                self.pos += end + 1;
                self.slot(body.trim())
            }
            '@' => {
                self.pos += 1;
                let name = self.name();
                self.class(&name, None)
            }
            '<' => {
                let end = self.chars[self.pos..]
                    .iter()
                    .position(|&c| c == '>')
                    .ok_or("unclosed `<`")?;
                let name: String = self.chars[self.pos + 1..self.pos + end].iter().collect();
                self.pos += end + 1;
                let body = match name.as_str() {
                    "Cap" => CAP.clone(),
                    "word" => WORD.clone(),
                    "punct" => PUNCT.clone(),
                    "entity" => ENTITY.clone(),
                    "any" => any(),
                    other => {
                        return Err(format!(
                            "unknown token class `<{other}>`; expected <Cap>, <word>, <punct>, <entity> or <any>"
                        ));
                    }
                };
                Ok(body)
            }
            '~' => {
                self.pos += 1;
                let digits: String = self.take_while(|c| c.is_ascii_digit());
                let n = if digits.is_empty() {
                    DEFAULT_GAP
                } else {
                    digits.parse::<usize>().map_err(|e| e.to_string())?
                };
                if n > 50 {
                    return Err(format!("gap ~{n} is too wide (50 tokens at most)"));
                }
                Ok(repeat(any(), 0, Some(n as u32), false))
            }
            '"' => {
                // A quoted literal: for tokens the pattern syntax uses, such as "(".
                self.pos += 1;
                let text = self.take_while(|c| c != '"');
                if self.peek() != Some('"') {
                    return Err("unclosed `\"`".into());
                }
                self.pos += 1;
                if text.is_empty() {
                    return Err("empty quoted literal".into());
                }
                Ok(self.literal(&text))
            }
            '|' | ')' | '}' | '>' | '?' | '*' | '+' => {
                Err(format!("unexpected `{c}` at character {}", self.pos + 1))
            }
            _ => {
                let word: String = self.take_while(|c| {
                    !c.is_whitespace()
                        && !matches!(
                            c,
                            '(' | ')' | '{' | '}' | '|' | '<' | '>' | '?' | '*' | '+' | '~' | '@'
                        )
                });
                Ok(self.literal(&word))
            }
        }
    }

    fn take_while(&mut self, f: impl Fn(char) -> bool) -> String {
        let start = self.pos;
        while self.peek().is_some_and(&f) {
            self.pos += 1;
        }
        self.chars[start..self.pos].iter().collect()
    }

    fn name(&mut self) -> String {
        self.take_while(|c| c.is_alphanumeric() || c == '-' || c == '_')
    }

    fn group_name(&self) -> String {
        format!("g{}", self.slots.len())
    }

    /// A capture group named `name` (from `group_name`, called once its slot is added):
    /// groups are numbered in the order they are made, which is their order in the pattern
    /// since they never nest.
    fn capture(&self, name: String, sub: Hir) -> Hir {
        Hir::capture(Capture {
            index: self.slots.len() as u32,
            name: Some(name.into_boxed_str()),
            sub: Box::new(sub),
        })
    }

    fn slot(&mut self, body: &str) -> Result<Hir, String> {
        let (role, spec) = match body.split_once(':') {
            Some((r, s)) => (Some(r.trim()), s.trim()),
            None => (None, body),
        };
        if let Some(r) = role
            && (r.is_empty()
                || !r
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-'))
        {
            return Err(format!("bad role name `{r}`"));
        }
        if let Some(class) = spec.strip_prefix('@') {
            return self.class(class, role.map(|r| (r, false)));
        }
        if let Some(class) = spec.strip_prefix('^') {
            let role = role.ok_or("`{^class}` needs a role: `{parties: ^refer}`")?;
            return self.class(class, Some((role, true)));
        }
        if spec == "phrase" {
            let role = role.ok_or("`{phrase}` needs a name: `{purpose: phrase}`")?;
            let g = self.group_name();
            self.slots.insert(
                g.clone(),
                Slot::Text {
                    name: role.to_string(),
                },
            );
            return Ok(self.capture(
                g,
                repeat(WORD_OR_ENTITY.clone(), 1, Some(PHRASE_MAX as u32), true),
            ));
        }
        let (types, attr) = match spec.split_once('+') {
            Some((t, a)) => (t, Some(a.trim())),
            None => (spec, None),
        };
        let mut list = Vec::new();
        for t in types.split('|').map(str::trim) {
            if !self.types.contains(t) {
                return Err(format!("unknown entity type `{t}` in slot `{{{body}}}`"));
            }
            list.push(t);
        }
        let (class, chars) = self.vocab.entity_class(&list, attr)?;
        self.last = Some(chars);
        Ok(match role {
            Some(r) => {
                let g = self.group_name();
                self.slots.insert(
                    g.clone(),
                    Slot::Entity {
                        role: r.to_string(),
                    },
                );
                self.capture(g, class)
            }
            None => class,
        })
    }

    /// A word class; with a role, the phrase matched is captured as a `Word` slot (or, when
    /// the flag is set, a `Refer` slot).
    fn class(&mut self, name: &str, role: Option<(&str, bool)>) -> Result<Hir, String> {
        let built = self.class_hir(name)?;
        self.last = built.firsts.clone();
        let Some((r, refer)) = role else {
            return Ok(built.plain.clone());
        };
        let mut alts = Vec::with_capacity(built.phrases.len());
        for (canonical, body) in &built.phrases {
            let g = self.group_name();
            let slot = if refer {
                Slot::Refer {
                    role: r.to_string(),
                    canonical: canonical.clone(),
                }
            } else {
                Slot::Word {
                    name: r.to_string(),
                    canonical: canonical.clone(),
                }
            };
            self.slots.insert(g.clone(), slot);
            alts.push(self.capture(g, body.clone()));
        }
        Ok(Hir::alternation(alts))
    }

    /// A word class's phrases, built once per pack: most rules name the same few classes.
    fn class_hir(&mut self, name: &str) -> Result<std::sync::Arc<ClassHir>, String> {
        if let Some(built) = self.vocab.built.get(name) {
            return Ok(built.clone());
        }
        let class = self.classes.get(name).ok_or_else(|| {
            let known: Vec<&str> = self.classes.keys().map(String::as_str).collect();
            format!("unknown word class `@{name}` (known: {})", known.join(", "))
        })?;
        // Longer phrases first, so "memorandum of understanding" beats "memorandum"
        // whatever order the class lists them in.
        let mut phrases: Vec<&(String, Vec<String>)> = class.iter().collect();
        phrases.sort_by_key(|(_, p)| std::cmp::Reverse(p.len()));
        let mut firsts: Option<Vec<Sym>> = Some(Vec::new());
        for (_, phrase) in &phrases {
            match (
                phrase.first().and_then(|t| self.token_chars(t)),
                firsts.as_mut(),
            ) {
                (Some(c), Some(list)) => list.extend(c),
                _ => firsts = None,
            }
        }
        // Each phrase with the codes of its token when it has one.
        let mut items: Vec<(&str, Hir, Option<Vec<Sym>>)> = Vec::with_capacity(phrases.len());
        for (canonical, phrase) in phrases {
            let body = Hir::concat(phrase.iter().map(|t| self.token_hir(t)).collect());
            let single = token_codes(&body);
            items.push((canonical.as_str(), body, single));
        }
        // Neighbouring phrases with the same canonical value share a capture group.
        let mut phrases: Vec<(String, Hir)> = Vec::new();
        let mut start = 0;
        while start < items.len() {
            let mut end = start + 1;
            while end < items.len() && items[end].0 == items[start].0 {
                end += 1;
            }
            phrases.push((items[start].0.to_string(), one_of(&items[start..end])));
            start = end;
        }
        let built = std::sync::Arc::new(ClassHir {
            plain: one_of(&items),
            phrases,
            firsts: firsts.filter(|f| !f.is_empty()),
        });
        self.vocab.built.insert(name.to_string(), built.clone());
        Ok(built)
    }

    /// One literal token (already lower case): its lower-case or capitalised code.
    fn token_hir(&mut self, token: &str) -> Hir {
        if token.chars().next().is_some_and(char::is_alphanumeric) {
            let id = self.vocab.word_id(token);
            let (lower, cap) = (word_sym(id, false), word_sym(id, true));
            let trail = |c: Sym| (c & 0x7F) as u8;
            Hir::concat(vec![
                Hir::literal([0x80 | (lower >> 7) as u8]),
                bytes([(trail(lower), trail(lower)), (trail(cap), trail(cap))]),
            ])
        } else {
            match self.vocab.punct_id(token) {
                Some(id) => sym_hir(PUNCT_BASE + id),
                None => sym_hir(GENERIC_PUNCT),
            }
        }
    }

    /// A literal written in a pattern: its tokens, in any case.
    fn literal(&mut self, text: &str) -> Hir {
        // The generated packs repeat the same literals in many rules: tokenised once.
        if let Some((hir, first)) = self.vocab.literals.get(text) {
            self.last = first.clone();
            return hir.clone();
        }
        let tokens = phrase_tokens(text);
        let hir = Hir::concat(tokens.iter().map(|t| self.token_hir(t)).collect());
        self.last = tokens.first().and_then(|t| self.token_chars(t));
        self.vocab
            .literals
            .insert(text.to_string(), (hir.clone(), self.last.clone()));
        hir
    }

    /// The codes a token may be encoded as, unless it is a generic one.
    fn token_chars(&mut self, token: &str) -> Option<Vec<Sym>> {
        if token.chars().next().is_some_and(char::is_alphanumeric) {
            let id = self.vocab.word_id(token);
            Some(vec![word_sym(id, false), word_sym(id, true)])
        } else {
            self.vocab.punct_id(token).map(|id| vec![PUNCT_BASE + id])
        }
    }
}

/// A phrase as lower-case tokens, split the way article text is.
pub(crate) fn phrase_tokens(text: &str) -> Vec<String> {
    let norm = crate::text::Normalized::new(text);
    let lower = norm.text().to_lowercase();
    tokenize(&lower)
        .iter()
        .map(|t| lower[t.span.start..t.span.end].to_string())
        .collect()
}

/// Room for each relation rule's lazy DFA per thread. Measured on the dev set read twice
/// in one run (-j1): 2 MiB 10.0 s, 4 MiB 9.7 s, 8 MiB 9.0 s at 14 MB more peak memory;
/// past 8 MiB no faster. Below that the busiest rules' caches fill, are cleared and
/// rebuild the same states.
const DFA_CACHE: usize = 8 << 20;

/// Builds a compiled pattern's regex, over bytes; `whole` anchors it at both ends.
///
/// With its lazy DFA (and the reverse automaton that comes with it), although the regex
/// runs only where the loose form matched: built without them, the capture engines search
/// the whole sentence, and one 180 KB article with no full stop (30,000 tokens) took 2.68
/// s instead of 1.81 s; leaving them out saved the pack's compile only 5 to 10 ms.
pub(crate) fn build(hir: &Hir, whole: bool) -> Result<meta::Regex, String> {
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .utf8_empty(false)
                .auto_prefilter(false)
                .nfa_size_limit(Some(crate::rules::REGEX_SIZE_LIMIT * 4))
                .hybrid_cache_capacity(DFA_CACHE),
        )
        .build_from_hir(&anchored(hir, whole))
        .map_err(|e| e.to_string())
}

/// Builds a loose form's (see [`loosen`]) search automaton: a lazy DFA, forward only,
/// without the reverse automaton and the engines for capture groups that a [`meta::Regex`]
/// would build, since all it answers is whether a sentence matches.
pub(crate) fn build_loose(
    hir: &Hir,
    whole: bool,
) -> Result<regex_automata::hybrid::dfa::DFA, String> {
    use regex_automata::hybrid::dfa::DFA;
    use regex_automata::nfa::thompson;
    let nfa = thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .utf8(false)
                .nfa_size_limit(Some(crate::rules::REGEX_SIZE_LIMIT * 4))
                .which_captures(thompson::WhichCaptures::None),
        )
        .build_from_hir(&anchored(hir, whole))
        .map_err(|e| e.to_string())?;
    DFA::builder()
        .configure(
            DFA::config()
                .cache_capacity(LOOSE_DFA_CACHE)
                .skip_cache_capacity_check(true),
        )
        .build_from_nfa(nfa)
        .map_err(|e| e.to_string())
}

/// Room for each loose form's lazy DFA per thread. Most stay well below it; with 1 MiB the
/// loose automata of a few generated rules filled up and were cleared again and again (54
/// times over the dev set read twice), and the dev set twice took 0.6-1.1 s longer at -j1
/// (three alternating runs). The thread's budget (`CACHE_BUDGET`) bounds all caches
/// together.
const LOOSE_DFA_CACHE: usize = 4 << 20;

/// `hir`, anchored at both ends when `whole`.
fn anchored(hir: &Hir, whole: bool) -> std::borrow::Cow<'_, Hir> {
    if whole {
        std::borrow::Cow::Owned(Hir::concat(vec![
            Hir::look(Look::Start),
            hir.clone(),
            Hir::look(Look::End),
        ]))
    } else {
        std::borrow::Cow::Borrowed(hir)
    }
}

/// Encodes one token for the sentence; `scratch` saves an allocation per token.
pub(crate) fn encode_token(
    out: &mut Vec<u8>,
    text: &str,
    kind: TokenKind,
    alphabet: &Alphabet,
    scratch: &mut String,
) {
    scratch.clear();
    if text.is_ascii() {
        // Most tokens: the same lower case, without a char-by-char table look-up.
        scratch.push_str(text);
        scratch.make_ascii_lowercase();
    } else {
        scratch.extend(text.chars().flat_map(char::to_lowercase));
    }
    let code = match kind {
        TokenKind::Word => {
            let cap = text.chars().next().is_some_and(char::is_uppercase);
            match (alphabet.words.get(scratch.as_str()), cap) {
                (Some(&id), cap) => word_sym(id, cap),
                (None, false) => GENERIC_WORD,
                (None, true) => GENERIC_CAP,
            }
        }
        TokenKind::Punct => match alphabet.puncts.get(scratch.as_str()) {
            Some(&id) if PUNCT_BASE + id <= PUNCT_END => PUNCT_BASE + id,
            _ => GENERIC_PUNCT,
        },
    };
    push_sym(out, code);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn classes() -> BTreeMap<String, WordClass> {
        let mut m = BTreeMap::new();
        m.insert(
            "kind".to_string(),
            vec![
                ("memorandum".to_string(), vec!["memorandum".to_string()]),
                (
                    "memorandum".to_string(),
                    vec!["memorandum".into(), "of".into(), "understanding".into()],
                ),
                ("agreement".to_string(), vec!["deal".to_string()]),
            ],
        );
        m
    }

    fn types() -> BTreeSet<String> {
        ["country", "person"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    /// Every relation rule of the default pack compiles to the same syntax tree, slots and
    /// needed codes whether its repeated groups are parsed again or copied from the first
    /// parse with their capture groups renumbered.
    #[test]
    fn group_copies_equal_fresh_parses() {
        let mut files = Vec::new();
        for entry in std::fs::read_dir("rules").unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path).unwrap();
                let mut reader = crate::rules::read_api::Reader::new(
                    std::sync::Arc::from(path.to_string_lossy().as_ref()),
                    &text,
                    0,
                );
                files.push(crate::rules::read_api::read_file(&mut reader, &text));
            }
        }
        let mut types: BTreeSet<String> = crate::rules::BUILTIN_TYPES
            .iter()
            .map(|t| t.to_string())
            .collect();
        types.extend(
            files
                .iter()
                .flat_map(|f| f.types.iter().map(|t| t.get_ref().clone())),
        );
        let attributes: Vec<String> = files
            .iter()
            .flat_map(|f| f.patterns.iter())
            .flat_map(|p| p.attributes.iter().map(|(k, _)| k.clone()))
            .collect();
        let classes: BTreeMap<String, WordClass> = files
            .iter()
            .flat_map(|f| f.words.iter())
            .map(|(name, class)| (name.get_ref().clone(), class.clone()))
            .collect();
        let mut memo = Alphabet::new(&types, &attributes);
        let mut fresh = Alphabet::new(&types, &attributes);
        fresh.no_group_memo = true;
        let mut rules = 0;
        for r in files.iter().flat_map(|f| f.relations.iter()) {
            let a = compile(r.pattern.get_ref(), &types, &classes, &mut memo).unwrap();
            let b = compile(r.pattern.get_ref(), &types, &classes, &mut fresh).unwrap();
            assert!(a.hir == b.hir, "{}: syntax trees differ", r.id.get_ref());
            assert_eq!(a.slots, b.slots, "{}", r.id.get_ref());
            assert_eq!(a.requires, b.requires, "{}", r.id.get_ref());
            rules += 1;
        }
        assert!(rules > 100, "{rules} relation rules read");
        assert!(
            memo.groups.len() > 100,
            "{} distinct groups",
            memo.groups.len()
        );
    }

    #[test]
    fn compiles_slots_classes_and_gaps() {
        let mut alphabet = Alphabet::new(&types(), &["title".to_string()]);
        let c = compile(
            "{parties: country} and {parties: country} (have)? ~2 signed a {kind: @kind} with {person+title}",
            &types(),
            &classes(),
            &mut alphabet,
        )
        .unwrap();
        let re = build(&c.hir, false).unwrap();
        let mut scratch = String::new();
        let mut s = Vec::new();
        push_sym(&mut s, alphabet.entity_sym("country", std::iter::empty()));
        encode_token(&mut s, "and", TokenKind::Word, &alphabet, &mut scratch);
        push_sym(&mut s, alphabet.entity_sym("country", std::iter::empty()));
        for w in [
            "have",
            "also",
            "signed",
            "a",
            "memorandum",
            "of",
            "understanding",
            "with",
        ] {
            encode_token(&mut s, w, TokenKind::Word, &alphabet, &mut scratch);
        }
        let mut untitled = s.clone();
        push_sym(
            &mut untitled,
            alphabet.entity_sym("person", std::iter::empty()),
        );
        assert!(
            !re.is_match(&untitled[..]),
            "a person without a title does not fill person+title"
        );
        push_sym(&mut s, alphabet.entity_sym("person", ["title"].into_iter()));
        let mut caps = re.create_captures();
        re.captures(&s[..], &mut caps);
        assert!(caps.is_match(), "pattern matches");
        let kinds: Vec<&str> = c
            .slots
            .iter()
            .filter(|(g, _)| caps.get_group_by_name(g).is_some())
            .filter_map(|(_, slot)| match slot {
                Slot::Word { canonical, .. } => Some(canonical.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            kinds,
            ["memorandum"],
            "the longest phrase of the class wins"
        );
        let whole = caps.get_match().unwrap().range();
        assert_eq!(syms(&s[whole]).count(), 12);
    }

    /// The loose form matches wherever the pattern does, and past its bounds too.
    #[test]
    fn the_loose_form_matches_a_superset() {
        let mut alphabet = Alphabet::new(&types(), &[]);
        let c = compile(
            "{parties: country} ~2 signed (a|an)? {kind: @kind}",
            &types(),
            &classes(),
            &mut alphabet,
        )
        .unwrap();
        let strict = build(&c.hir, false).unwrap();
        let dfa = build_loose(&loosen(c.hir.clone()), false).unwrap();
        let mut cache = dfa.create_cache();
        let mut loose = |s: &[u8]| {
            dfa.try_search_fwd(&mut cache, &regex_automata::Input::new(s))
                .unwrap()
                .is_some()
        };
        let mut scratch = String::new();
        let mut sentence = |gap: usize| {
            let mut s = Vec::new();
            encode_token(&mut s, "Then", TokenKind::Word, &alphabet, &mut scratch);
            push_sym(&mut s, alphabet.entity_sym("country", std::iter::empty()));
            for _ in 0..gap {
                encode_token(&mut s, "quietly", TokenKind::Word, &alphabet, &mut scratch);
            }
            for w in ["signed", "a", "deal"] {
                encode_token(&mut s, w, TokenKind::Word, &alphabet, &mut scratch);
            }
            s
        };
        for gap in 0..=2 {
            let s = sentence(gap);
            assert!(strict.is_match(&s[..]) && loose(&s[..]), "gap {gap}");
        }
        let far = sentence(5);
        assert!(!strict.is_match(&far[..]), "past the gap");
        assert!(loose(&far[..]), "the loose form has no bound");
        let mut unsigned = sentence(0);
        unsigned.truncate(unsigned.len() - 6);
        assert!(!loose(&unsigned[..]), "still needs the verb");
    }

    #[test]
    fn words_no_rule_names_share_one_character() {
        let mut alphabet = Alphabet::new(&types(), &[]);
        compile("signed", &types(), &classes(), &mut alphabet).unwrap();
        let mut scratch = String::new();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        encode_token(&mut a, "zebra", TokenKind::Word, &alphabet, &mut scratch);
        encode_token(&mut b, "yak", TokenKind::Word, &alphabet, &mut scratch);
        assert_eq!(a, b);
        let (mut c, mut d) = (Vec::new(), Vec::new());
        encode_token(&mut c, "signed", TokenKind::Word, &alphabet, &mut scratch);
        encode_token(&mut d, "Signed", TokenKind::Word, &alphabet, &mut scratch);
        assert_ne!(c, a);
        assert_ne!(c, d);
    }

    #[test]
    fn reports_what_is_wrong() {
        for (pattern, want) in [
            ("{party: minral}", "unknown entity type `minral`"),
            ("(a | b", "unclosed `(`"),
            ("@nope", "unknown word class `@nope`"),
            ("<Caps>", "unknown token class `<Caps>`"),
            ("~99", "too wide"),
            ("signed{3,1}", "bad quantifier `{3,1}`"),
            ("signed{2,x}", "bad quantifier `{2,x}`"),
            (
                "{person+title}",
                "no pattern rule gives mentions the attribute `title`",
            ),
        ] {
            let err = compile(
                pattern,
                &types(),
                &classes(),
                &mut Alphabet::new(&types(), &[]),
            )
            .unwrap_err();
            assert!(err.contains(want), "{pattern}: {err}");
        }
    }
}
