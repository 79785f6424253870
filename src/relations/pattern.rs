//! The relation pattern language, compiled to a regex over an encoded sentence.
//!
//! A sentence is encoded as one character per token, with each entity mention folded into
//! a single character of its type: the words and punctuation that some rule names each
//! have their own characters (one for the lower-case and one for the capitalised form of
//! a word), all other words are one of two characters ("a word", "a capitalised word"),
//! and an entity mention is the character of its type and of the attributes it carries (a
//! person with a `title`). The characters are all three bytes long in UTF-8 (words below
//! the surrogates, the rest in the private use area); article text is never copied into
//! the encoding, so they stand only for tokens. A pattern is then a regex over characters: matching
//! stays linear in the sentence whatever the rule, a gap of N tokens is N characters, and
//! the automata stay small.
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

use crate::text::{TokenKind, tokenize};

/// A word class: canonical value -> phrases (each a list of lower-case tokens).
pub(crate) type WordClass = Vec<(String, Vec<String>)>;

/// What a capture group of the compiled regex stands for.
#[derive(Debug, Clone)]
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
    pub regex: String,
    /// Capture group name -> what it means.
    pub slots: BTreeMap<String, Slot>,
    /// Characters a sentence must hold for the rule to have a chance: one of each list.
    /// Checked before the regex runs, so a sentence without the rule's verb costs nothing.
    pub requires: Vec<Vec<char>>,
}

const DEFAULT_GAP: usize = 8;
const PHRASE_MAX: usize = 12;

/// The characters of the encoding (see the module docs).
#[derive(Debug, Default)]
pub(crate) struct Alphabet {
    words: std::collections::HashMap<String, u32>,
    puncts: std::collections::HashMap<String, u32>,
    /// Entity types, in a fixed order; a mention's character is given by its type and
    /// which of `attributes` it carries.
    types: Vec<String>,
    attributes: Vec<String>,
}

const GENERIC_WORD: u32 = 0xE000;
const GENERIC_CAP: u32 = 0xE001;
const GENERIC_PUNCT: u32 = 0xE002;
const ENTITY_BASE: u32 = 0xE100;
const ENTITY_END: u32 = 0xE7FF;
const PUNCT_BASE: u32 = 0xE800;
const PUNCT_END: u32 = 0xF8FF;
// Words take the three-byte characters below the surrogates (lower case, then
// capitalised), so every character of an encoded sentence is three bytes long in UTF-8:
// the automata stay smaller and build faster than with four-byte characters.
const WORD_BASE: u32 = 0x1000;
const WORD_END: u32 = 0x73FF;
const CAP_BASE: u32 = 0x7400;
const CAP_END: u32 = 0xD7FF;
/// Distinct words the patterns of one pack can name.
const MAX_WORDS: usize = (WORD_END - WORD_BASE + 1) as usize;
/// Any token: every character an encoded sentence holds (what `.` would be, in a much
/// smaller automaton).
const ANY: &str = "[\u{1000}-\u{D7FF}\u{E000}-\u{F8FF}]";

fn ch(code: u32) -> char {
    char::from_u32(code).unwrap_or('\u{E000}')
}

fn class_range(from: u32, to: u32) -> String {
    format!("{}-{}", ch(from), ch(to))
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

    fn word_id(&mut self, token: &str) -> u32 {
        let next = self.words.len() as u32;
        *self.words.entry(token.to_string()).or_insert(next)
    }

    fn punct_id(&mut self, token: &str) -> Option<u32> {
        let next = self.puncts.len() as u32;
        let id = *self.puncts.entry(token.to_string()).or_insert(next);
        (PUNCT_BASE + id <= PUNCT_END).then_some(id)
    }

    fn signatures(&self) -> u32 {
        1 << self.attributes.len()
    }

    /// The character of a mention of `etype` carrying `attrs`.
    pub(crate) fn entity_char<'a>(
        &self,
        etype: &str,
        attrs: impl Iterator<Item = &'a str>,
    ) -> char {
        let Some(t) = self.types.iter().position(|x| x == etype) else {
            return ch(ENTITY_END);
        };
        let mut mask = 0;
        for a in attrs {
            if let Some(i) = self.attributes.iter().position(|x| x == a) {
                mask |= 1 << i;
            }
        }
        ch(ENTITY_BASE + t as u32 * self.signatures() + mask)
    }

    /// The regex class of mentions of one of `types` that carry `attr` (if given).
    fn entity_class(
        &self,
        types: &[&str],
        attr: Option<&str>,
    ) -> Result<(String, Vec<char>), String> {
        let need = match attr {
            Some(a) => match self.attributes.iter().position(|x| x == a) {
                Some(i) => Some(1u32 << i),
                None => {
                    return Err(format!(
                        "no pattern rule gives mentions the attribute `{a}`"
                    ));
                }
            },
            None => None,
        };
        if ENTITY_BASE + self.types.len() as u32 * self.signatures() > ENTITY_END {
            return Err("too many entity types and attributes to encode".into());
        }
        let mut chars = Vec::new();
        for t in types {
            let i = self
                .types
                .iter()
                .position(|x| x == t)
                .ok_or_else(|| format!("unknown entity type `{t}`"))?;
            let base = ENTITY_BASE + i as u32 * self.signatures();
            for mask in 0..self.signatures() {
                if need.is_none_or(|n| mask & n != 0) {
                    chars.push(ch(base + mask));
                }
            }
        }
        // The characters themselves, consecutive ones as ranges: none is a regex
        // metacharacter, and a short pattern parses and compiles faster than escapes.
        let mut class = String::new();
        let mut i = 0;
        while i < chars.len() {
            let mut j = i;
            while j + 1 < chars.len() && chars[j + 1] as u32 == chars[j] as u32 + 1 {
                j += 1;
            }
            class.push(chars[i]);
            if j > i {
                class.push('-');
                class.push(chars[j]);
            }
            i = j + 1;
        }
        Ok((format!("[{class}]"), chars))
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
    // `.` must match every character: gaps and `<any>` cross any token.
    let regex = format!("(?s){}", alternatives.join("|"));
    if p.pos < p.chars.len() {
        return Err(format!(
            "unexpected `{}` at character {}",
            p.chars[p.pos],
            p.pos + 1
        ));
    }
    if alternatives.iter().any(String::is_empty) {
        return Err("empty pattern (or an empty alternative)".into());
    }
    if p.vocab.words.len() > MAX_WORDS {
        return Err(format!(
            "the relation patterns name more than {MAX_WORDS} different words"
        ));
    }
    Ok(Compiled {
        regex,
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
    requires: Vec<Vec<char>>,
    /// The characters one of which the atom just read needs, if it is that simple.
    last: Option<Vec<char>>,
    /// What the group alternative just read needs first (see `sequence`).
    group_first: Option<Vec<char>>,
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
    fn sequence(&mut self, in_group: bool) -> Result<String, String> {
        let mut out = String::new();
        // Inside a group: the first mandatory atom's characters, which the group needs
        // when every alternative has one (see `atom`).
        self.group_first = None;
        let mut first: Option<Vec<char>> = None;
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
                    let mandatory = quant.is_empty()
                        || quant == "+"
                        || (quant.starts_with('{') && !quant.starts_with("{0"));
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
                    if quant.is_empty() {
                        out.push_str(&atom);
                    } else {
                        out.push_str(&format!("(?:{atom}){quant}"));
                    }
                }
            }
        }
    }

    fn quantifier(&mut self) -> Result<String, String> {
        match self.peek() {
            Some(c @ ('?' | '*' | '+')) => {
                self.pos += 1;
                Ok(c.to_string())
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
                if !body.chars().all(|c| c.is_ascii_digit() || c == ',') {
                    return Err(format!("bad quantifier `{{{body}}}`"));
                }
                self.pos += end + 1;
                Ok(format!("{{{body}}}"))
            }
            _ => Ok(String::new()),
        }
    }

    fn atom(&mut self) -> Result<String, String> {
        let c = self.peek().ok_or("unexpected end of pattern")?;
        match c {
            '(' => {
                self.pos += 1;
                let mut alternatives = vec![self.sequence(true)?];
                let mut needs: Option<Vec<char>> = self.group_first.take();
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
                Ok(format!("(?:{})", alternatives.join("|")))
            }
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
                    "Cap" => format!("[{}{}]", ch(GENERIC_CAP), class_range(CAP_BASE, CAP_END)),
                    "word" => format!(
                        "[{}{}{}{}]",
                        ch(GENERIC_WORD),
                        ch(GENERIC_CAP),
                        class_range(WORD_BASE, WORD_END),
                        class_range(CAP_BASE, CAP_END)
                    ),
                    "punct" => format!(
                        "[{}{}]",
                        ch(GENERIC_PUNCT),
                        class_range(PUNCT_BASE, PUNCT_END)
                    ),
                    "entity" => format!("[{}]", class_range(ENTITY_BASE, ENTITY_END)),
                    "any" => ANY.to_string(),
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
                Ok(format!("{ANY}{{0,{n}}}?"))
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

    fn slot(&mut self, body: &str) -> Result<String, String> {
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
            return Ok(format!(
                "(?P<{g}>[{}{}{}{}{}]{{1,{PHRASE_MAX}}})",
                ch(GENERIC_WORD),
                ch(GENERIC_CAP),
                class_range(ENTITY_BASE, ENTITY_END),
                class_range(WORD_BASE, WORD_END),
                class_range(CAP_BASE, CAP_END)
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
                format!("(?P<{g}>{class})")
            }
            None => class,
        })
    }

    /// A word class; with a role, the phrase matched is captured as a `Word` slot (or, when
    /// the flag is set, a `Refer` slot).
    fn class(&mut self, name: &str, role: Option<(&str, bool)>) -> Result<String, String> {
        let class = self.classes.get(name).ok_or_else(|| {
            let known: Vec<&str> = self.classes.keys().map(String::as_str).collect();
            format!("unknown word class `@{name}` (known: {})", known.join(", "))
        })?;
        // Longer phrases first, so "memorandum of understanding" beats "memorandum"
        // whatever order the class lists them in.
        let mut phrases: Vec<&(String, Vec<String>)> = class.iter().collect();
        phrases.sort_by_key(|(_, p)| std::cmp::Reverse(p.len()));
        let mut firsts: Option<Vec<char>> = Some(Vec::new());
        for (_, phrase) in &phrases {
            match (
                phrase.first().and_then(|t| self.token_chars(t)),
                firsts.as_mut(),
            ) {
                (Some(c), Some(list)) => list.extend(c),
                _ => firsts = None,
            }
        }
        let mut alts = Vec::new();
        for (canonical, phrase) in phrases {
            let body: String = phrase.iter().map(|t| self.token_regex(t)).collect();
            match role {
                Some((r, refer)) => {
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
                    alts.push(format!("(?P<{g}>{body})"));
                }
                None => alts.push(body),
            }
        }
        self.last = firsts.filter(|f| !f.is_empty());
        Ok(format!("(?:{})", alts.join("|")))
    }

    /// The regex of one literal token (already lower case): its lower-case or capitalised
    /// character.
    fn token_regex(&mut self, token: &str) -> String {
        if token.chars().next().is_some_and(char::is_alphanumeric) {
            let id = self.vocab.word_id(token);
            format!("[{}{}]", ch(WORD_BASE + id), ch(CAP_BASE + id))
        } else {
            match self.vocab.punct_id(token) {
                Some(id) => ch(PUNCT_BASE + id).to_string(),
                None => ch(GENERIC_PUNCT).to_string(),
            }
        }
    }

    /// A literal written in a pattern: its tokens, in any case.
    fn literal(&mut self, text: &str) -> String {
        let tokens = phrase_tokens(text);
        let regex = tokens.iter().map(|t| self.token_regex(t)).collect();
        self.last = tokens.first().and_then(|t| self.token_chars(t));
        regex
    }

    /// The characters a token may be encoded as, unless it is a generic one.
    fn token_chars(&mut self, token: &str) -> Option<Vec<char>> {
        if token.chars().next().is_some_and(char::is_alphanumeric) {
            let id = self.vocab.word_id(token);
            Some(vec![ch(WORD_BASE + id), ch(CAP_BASE + id)])
        } else {
            self.vocab
                .punct_id(token)
                .map(|id| vec![ch(PUNCT_BASE + id)])
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

/// Encodes one token for the sentence string; `scratch` saves an allocation per token.
pub(crate) fn encode_token(
    out: &mut String,
    text: &str,
    kind: TokenKind,
    alphabet: &Alphabet,
    scratch: &mut String,
) {
    scratch.clear();
    scratch.extend(text.chars().flat_map(char::to_lowercase));
    let code = match kind {
        TokenKind::Word => {
            let cap = text.chars().next().is_some_and(char::is_uppercase);
            match (alphabet.words.get(scratch.as_str()), cap) {
                (Some(&id), false) => WORD_BASE + id,
                (Some(&id), true) => CAP_BASE + id,
                (None, false) => GENERIC_WORD,
                (None, true) => GENERIC_CAP,
            }
        }
        TokenKind::Punct => match alphabet.puncts.get(scratch.as_str()) {
            Some(&id) if PUNCT_BASE + id <= PUNCT_END => PUNCT_BASE + id,
            _ => GENERIC_PUNCT,
        },
    };
    out.push(ch(code));
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
        let re = regex::Regex::new(&c.regex).unwrap();
        let mut scratch = String::new();
        let mut s = String::new();
        s.push(alphabet.entity_char("country", std::iter::empty()));
        encode_token(&mut s, "and", TokenKind::Word, &alphabet, &mut scratch);
        s.push(alphabet.entity_char("country", std::iter::empty()));
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
        let untitled = format!("{s}{}", alphabet.entity_char("person", std::iter::empty()));
        assert!(
            !re.is_match(&untitled),
            "a person without a title does not fill person+title"
        );
        s.push(alphabet.entity_char("person", ["title"].into_iter()));
        let caps = re.captures(&s).expect("pattern matches");
        let kinds: Vec<&str> = c
            .slots
            .iter()
            .filter(|(g, _)| caps.name(g).is_some())
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
        assert_eq!(caps.get(0).unwrap().as_str().chars().count(), 12);
    }

    #[test]
    fn words_no_rule_names_share_one_character() {
        let mut alphabet = Alphabet::new(&types(), &[]);
        compile("signed", &types(), &classes(), &mut alphabet).unwrap();
        let mut scratch = String::new();
        let (mut a, mut b) = (String::new(), String::new());
        encode_token(&mut a, "zebra", TokenKind::Word, &alphabet, &mut scratch);
        encode_token(&mut b, "yak", TokenKind::Word, &alphabet, &mut scratch);
        assert_eq!(a, b);
        let (mut c, mut d) = (String::new(), String::new());
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
