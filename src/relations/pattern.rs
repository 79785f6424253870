//! The relation pattern language, compiled to a regex over an encoded sentence.
//!
//! A sentence is encoded as one symbol per token, with each entity mention folded into a
//! single symbol of its type. Words and punctuation that some rule names get a number from
//! the rules' vocabulary; all others are only "a word" or "a capitalised word":
//! `\x01w17\x02` is the lower-case word number 17 ("signed", say), `\x01W\x02` a
//! capitalised word no rule names, `\x01p3\x02` punctuation number 3, `\x01@country#3\x02`
//! the fourth mention of the sentence (a country), `\x01@person,title#5\x02` a person
//! mention carrying a `title` attribute. A pattern is then a regex over symbols, so
//! matching stays linear in the sentence, whatever the rule; numbering the words keeps the
//! encoded sentence short and the automata small.
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
}

#[derive(Debug)]
pub(crate) struct Compiled {
    pub regex: String,
    /// Capture group name -> what it means.
    pub slots: BTreeMap<String, Slot>,
}

pub(crate) const OPEN: char = '\u{1}';
pub(crate) const CLOSE: char = '\u{2}';
const DEFAULT_GAP: usize = 8;
const PHRASE_MAX: usize = 12;

/// The words and punctuation the rules name, numbered.
#[derive(Debug, Default)]
pub(crate) struct Vocab {
    ids: std::collections::HashMap<String, u32>,
}

impl Vocab {
    fn id(&mut self, token: &str) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(token.to_string()).or_insert(next)
    }
}

pub(crate) fn compile(
    source: &str,
    types: &std::collections::BTreeSet<String>,
    classes: &BTreeMap<String, WordClass>,
    vocab: &mut Vocab,
) -> Result<Compiled, String> {
    let mut p = Parser {
        chars: source.chars().collect(),
        pos: 0,
        slots: BTreeMap::new(),
        types,
        classes,
        vocab,
    };
    let regex = p.sequence(false)?;
    if p.pos < p.chars.len() {
        return Err(format!(
            "unexpected `{}` at character {}",
            p.chars[p.pos],
            p.pos + 1
        ));
    }
    if regex.is_empty() {
        return Err("empty pattern".into());
    }
    Ok(Compiled {
        regex,
        slots: p.slots,
    })
}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    slots: BTreeMap<String, Slot>,
    types: &'a std::collections::BTreeSet<String>,
    classes: &'a BTreeMap<String, WordClass>,
    vocab: &'a mut Vocab,
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
        loop {
            self.skip_space();
            match self.peek() {
                None => return Ok(out),
                Some(')') | Some('|') if in_group => return Ok(out),
                Some(')') => return Err(format!("unbalanced `)` at character {}", self.pos + 1)),
                Some(_) => {
                    let atom = self.atom()?;
                    let quant = self.quantifier()?;
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
                while self.peek() == Some('|') {
                    self.pos += 1;
                    alternatives.push(self.sequence(true)?);
                }
                if self.peek() != Some(')') {
                    return Err("unclosed `(`".into());
                }
                self.pos += 1;
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
                    "Cap" => "W[^\u{2}]*",
                    "word" => "[wW][^\u{2}]*",
                    "punct" => "p[^\u{2}]*",
                    "entity" => "@[^\u{2}]*",
                    "any" => "[^\u{2}]*",
                    other => {
                        return Err(format!(
                            "unknown token class `<{other}>`; expected <Cap>, <word>, <punct>, <entity> or <any>"
                        ));
                    }
                };
                Ok(format!("{OPEN}{body}{CLOSE}"))
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
                Ok(format!("(?:{OPEN}[^{CLOSE}]*{CLOSE}){{0,{n}}}?"))
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
            return self.class(class, role);
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
                "(?P<{g}>(?:{OPEN}(?:[wW]|@)[^{CLOSE}]*{CLOSE}){{1,{PHRASE_MAX}}})"
            ));
        }
        let (types, attr) = match spec.split_once('+') {
            Some((t, a)) => (t, Some(a.trim())),
            None => (spec, None),
        };
        let mut alts = Vec::new();
        for t in types.split('|').map(str::trim) {
            if !self.types.contains(t) {
                return Err(format!("unknown entity type `{t}` in slot `{{{body}}}`"));
            }
            alts.push(regex::escape(t));
        }
        let attrs = match attr {
            Some(a) => format!("(?:,[^#{CLOSE}]*)?,{}(?:,[^#{CLOSE}]*)?", regex::escape(a)),
            None => format!("(?:,[^#{CLOSE}]*)?"),
        };
        let number = match role {
            Some(r) => {
                let g = self.group_name();
                self.slots.insert(
                    g.clone(),
                    Slot::Entity {
                        role: r.to_string(),
                    },
                );
                format!("(?P<{g}>[0-9]+)")
            }
            None => "[0-9]+".to_string(),
        };
        Ok(format!(
            "{OPEN}@(?:{}){attrs}#{number}{CLOSE}",
            alts.join("|")
        ))
    }

    fn class(&mut self, name: &str, role: Option<&str>) -> Result<String, String> {
        let class = self.classes.get(name).ok_or_else(|| {
            let known: Vec<&str> = self.classes.keys().map(String::as_str).collect();
            format!("unknown word class `@{name}` (known: {})", known.join(", "))
        })?;
        // Longer phrases first, so "memorandum of understanding" beats "memorandum"
        // whatever order the class lists them in.
        let mut phrases: Vec<&(String, Vec<String>)> = class.iter().collect();
        phrases.sort_by_key(|(_, p)| std::cmp::Reverse(p.len()));
        let mut alts = Vec::new();
        for (canonical, phrase) in phrases {
            let body: String = phrase.iter().map(|t| self.token_regex(t)).collect();
            match role {
                Some(r) => {
                    let g = self.group_name();
                    self.slots.insert(
                        g.clone(),
                        Slot::Word {
                            name: r.to_string(),
                            canonical: canonical.clone(),
                        },
                    );
                    alts.push(format!("(?P<{g}>{body})"));
                }
                None => alts.push(body),
            }
        }
        Ok(format!("(?:{})", alts.join("|")))
    }

    /// The regex of one literal token (already lower case).
    fn token_regex(&mut self, token: &str) -> String {
        let id = self.vocab.id(token);
        if token.chars().next().is_some_and(char::is_alphanumeric) {
            format!("{OPEN}[wW]{id}{CLOSE}")
        } else {
            format!("{OPEN}p{id}{CLOSE}")
        }
    }

    /// A literal written in a pattern: its tokens, in any case.
    fn literal(&mut self, text: &str) -> String {
        phrase_tokens(text)
            .iter()
            .map(|t| self.token_regex(t))
            .collect()
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
    vocab: &Vocab,
    scratch: &mut String,
) {
    scratch.clear();
    scratch.extend(text.chars().flat_map(char::to_lowercase));
    out.push(OPEN);
    match kind {
        TokenKind::Word => {
            let cap = text.chars().next().is_some_and(char::is_uppercase);
            out.push(if cap { 'W' } else { 'w' });
        }
        TokenKind::Punct => out.push('p'),
    }
    if let Some(id) = vocab.ids.get(scratch.as_str()) {
        use std::fmt::Write;
        let _ = write!(out, "{id}");
    }
    out.push(CLOSE);
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
        let mut vocab = Vocab::default();
        let c = compile(
            "{parties: country} and {parties: country} (have)? ~2 signed a {kind: @kind}",
            &types(),
            &classes(),
            &mut vocab,
        )
        .unwrap();
        let mut scratch = String::new();
        let re = regex::Regex::new(&c.regex).unwrap();
        let mut s = String::new();
        s.push_str("\u{1}@country#0\u{2}");
        encode_token(&mut s, "and", TokenKind::Word, &vocab, &mut scratch);
        s.push_str("\u{1}@country#1\u{2}");
        for w in [
            "have",
            "also",
            "signed",
            "a",
            "memorandum",
            "of",
            "understanding",
        ] {
            encode_token(&mut s, w, TokenKind::Word, &vocab, &mut scratch);
        }
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
        assert_eq!(kinds, ["memorandum"]);
        let understanding = vocab.ids["understanding"];
        assert!(
            caps.get(0)
                .unwrap()
                .as_str()
                .ends_with(&format!("w{understanding}\u{2}"))
        );
    }

    #[test]
    fn reports_what_is_wrong() {
        for (pattern, want) in [
            ("{party: minral}", "unknown entity type `minral`"),
            ("(a | b", "unclosed `(`"),
            ("@nope", "unknown word class `@nope`"),
            ("<Caps>", "unknown token class `<Caps>`"),
            ("~99", "too wide"),
        ] {
            let err = compile(pattern, &types(), &classes(), &mut Vocab::default()).unwrap_err();
            assert!(err.contains(want), "{pattern}: {err}");
        }
    }
}
