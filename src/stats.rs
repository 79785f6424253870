//! Per-rule statistics: which rules fire, how often, in how many articles, and which
//! never do.
//!
//! Input: the [`RuleSet`] and the [`KnowledgeFile`] a run produced. Every rule of the pack
//! is listed: gazetteer entities (their mentions carry the entity id as rule), pattern
//! rules and relation rules. Output: a [`Stats`] value, serialisable (for `--stats FILE`),
//! and [`render_text`], a plain table for people. Rule ids found in the knowledge but not
//! in the pack (a file made with other rules, or a built-in resolution step) are listed
//! too, as kind `other`.
//!
//! `lost` (candidates of the rule that lost to an overlapping mention) is not in a
//! knowledge file; it is None here, and `extract --stats`, which sees the matches, fills it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::Arc;

use serde::Serialize;

use crate::output::format::{KnowledgeFile, Mention};
use crate::rules::RuleSet;

/// What kind of rule a statistic is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    /// A gazetteer entity (all its aliases together).
    Entity,
    Pattern,
    Relation,
    /// A rule id the knowledge holds that the rule set does not define.
    Other,
}

impl RuleKind {
    pub fn name(self) -> &'static str {
        match self {
            RuleKind::Entity => "entity",
            RuleKind::Pattern => "pattern",
            RuleKind::Relation => "relation",
            RuleKind::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleStat {
    pub rule: String,
    pub kind: RuleKind,
    /// `file:line:col` where the rule is written.
    pub location: Option<String>,
    /// Mentions the rule produced.
    pub mentions: usize,
    /// Facts with at least one evidence sentence from the rule.
    pub facts: usize,
    /// Articles in which the rule produced a mention or evidence.
    pub articles: usize,
    /// Candidates of the rule that lost to an overlapping mention; `extract --stats` fills
    /// it (a knowledge file alone does not hold losers, so `rule_stats` leaves it None).
    pub lost: Option<usize>,
}

impl RuleStat {
    pub fn fired(&self) -> bool {
        self.mentions > 0 || self.facts > 0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Articles in the knowledge file.
    pub articles: usize,
    /// Every rule: the pack's in rule order (entities, patterns, relations), then the
    /// others by id.
    pub rules: Vec<RuleStat>,
    /// Ids of the pack's rules that produced nothing, in the same order.
    pub never_fired: Vec<String>,
}

impl Stats {
    /// These statistics with each rule's `lost` count (candidates that lost to an
    /// overlapping mention, by rule id; a rule not listed lost none).
    pub fn with_lost(mut self, lost: &BTreeMap<String, usize>) -> Self {
        for r in &mut self.rules {
            r.lost = Some(lost.get(&r.rule).copied().unwrap_or(0));
        }
        self
    }
}

#[derive(Default)]
struct Tally {
    mentions: usize,
    facts: usize,
    docs: BTreeSet<Arc<str>>,
}

/// Counts, mention by mention, what each rule contributed; [`rule_stats`] over a whole
/// file, or `extract` while it writes the file.
#[derive(Default)]
pub struct StatsBuilder {
    tallies: BTreeMap<Arc<str>, Tally>,
    /// The rules already counted for the fact being read.
    fact_rules: BTreeSet<Arc<str>>,
}

impl StatsBuilder {
    pub fn mention(&mut self, m: &Mention) {
        let t = self.tallies.entry(m.rule.clone()).or_default();
        t.mentions += 1;
        if !t.docs.contains(&m.doc) {
            t.docs.insert(m.doc.clone());
        }
    }

    /// The evidence of one fact follows, through [`StatsBuilder::evidence`].
    pub fn start_fact(&mut self) {
        self.fact_rules.clear();
    }

    /// An evidence sentence of the current fact: a fact counts once per rule however many
    /// of its sentences that rule matched.
    pub fn evidence(&mut self, e: &Mention) {
        let t = self.tallies.entry(e.rule.clone()).or_default();
        if !self.fact_rules.contains(&e.rule) {
            self.fact_rules.insert(e.rule.clone());
            t.facts += 1;
        }
        if !t.docs.contains(&e.doc) {
            t.docs.insert(e.doc.clone());
        }
    }

    /// The statistics of every rule of `rules` (and of the others seen), for a file of
    /// `articles` documents.
    pub fn finish(self, rules: &RuleSet, articles: usize) -> Stats {
        let tallies = self.tallies;
        let known = rules
            .entities()
            .iter()
            .map(|e| (e.id.as_str(), RuleKind::Entity, &e.origin))
            .chain(
                rules
                    .patterns()
                    .iter()
                    .map(|p| (p.id.as_str(), RuleKind::Pattern, &p.origin)),
            )
            .chain(
                rules
                    .relations()
                    .rule_origins()
                    .map(|(id, o)| (id, RuleKind::Relation, o)),
            );
        let mut out = Vec::new();
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for (id, kind, origin) in known {
            seen.insert(id);
            let t = tallies.get(id);
            out.push(RuleStat {
                rule: id.to_string(),
                kind,
                location: Some(origin.to_string()),
                mentions: t.map_or(0, |t| t.mentions),
                facts: t.map_or(0, |t| t.facts),
                articles: t.map_or(0, |t| t.docs.len()),
                lost: None,
            });
        }
        let never_fired = out
            .iter()
            .filter(|s| !s.fired())
            .map(|s| s.rule.clone())
            .collect();
        for (id, t) in &tallies {
            if !seen.contains(&**id) {
                out.push(RuleStat {
                    rule: id.to_string(),
                    kind: RuleKind::Other,
                    location: None,
                    mentions: t.mentions,
                    facts: t.facts,
                    articles: t.docs.len(),
                    lost: None,
                });
            }
        }
        Stats {
            articles,
            rules: out,
            never_fired,
        }
    }
}

/// Counts, for every rule of `rules`, what it contributed to `knowledge`.
pub fn rule_stats(rules: &RuleSet, knowledge: &KnowledgeFile) -> Stats {
    let mut b = StatsBuilder::default();
    for e in &knowledge.entities {
        for m in &e.mentions {
            b.mention(m);
        }
    }
    for f in &knowledge.facts {
        b.start_fact();
        for e in &f.evidence {
            b.evidence(e);
        }
    }
    b.finish(rules, knowledge.documents.len())
}

/// A table of the rules that fired, then the ids of those that never did.
pub fn render_text(stats: &Stats) -> String {
    let mut rows = vec![vec![
        "rule".to_string(),
        "kind".into(),
        "mentions".into(),
        "facts".into(),
        "articles".into(),
        "lost".into(),
        "location".into(),
    ]];
    for s in stats.rules.iter().filter(|s| s.fired()) {
        rows.push(vec![
            s.rule.clone(),
            s.kind.name().into(),
            s.mentions.to_string(),
            s.facts.to_string(),
            s.articles.to_string(),
            s.lost.map_or_else(|| "-".into(), |n| n.to_string()),
            s.location.clone().unwrap_or_else(|| "-".into()),
        ]);
    }
    let mut out = format!(
        "{} articles, {} rules, {} fired, {} never fired\n\n",
        stats.articles,
        stats.rules.len(),
        stats.rules.iter().filter(|s| s.fired()).count(),
        stats.never_fired.len()
    );
    out.push_str(&crate::diff::table(&rows, ""));
    if !stats.never_fired.is_empty() {
        let _ = writeln!(out, "\nnever fired ({}):", stats.never_fired.len());
        for id in &stats.never_fired {
            let _ = writeln!(out, "  {id}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Article;
    use crate::output::format::Generator;
    use crate::rules::RuleSetBuilder;

    #[test]
    fn counts_mentions_articles_and_silent_rules() {
        let rules = RuleSetBuilder::new()
            .add_str(
                "t.toml",
                r#"
[[entity]]
id = "mineral:lithium"
name = "lithium"

[[entity]]
id = "mineral:cobalt"
name = "cobalt"

[[pattern]]
id = "corp"
type = "organization"
regex = '''[A-Z][a-z]+ Corp'''
"#,
            )
            .build()
            .expect("rules");
        let mut k = crate::knowledge::Knowledge::default();
        for (id, text) in [
            ("a", "Lithium and lithium at Acme Corp."),
            ("b", "More lithium."),
        ] {
            k.merge(crate::extract::extract(&rules, &Article::new(id, text)));
        }
        let file = k.into_file(Generator {
            name: "t".into(),
            version: "0".into(),
            rules_digest: String::new(),
        });
        let stats = rule_stats(&rules, &file);
        let by_id: BTreeMap<&str, &RuleStat> =
            stats.rules.iter().map(|s| (s.rule.as_str(), s)).collect();
        assert_eq!(stats.articles, 2);
        assert_eq!(by_id["mineral:lithium"].mentions, 3);
        assert_eq!(by_id["mineral:lithium"].articles, 2);
        assert_eq!(by_id["corp"].mentions, 1);
        assert_eq!(by_id["corp"].kind, RuleKind::Pattern);
        assert_eq!(stats.never_fired, ["mineral:cobalt"]);
        let text = render_text(&stats);
        assert!(text.starts_with("2 articles, 3 rules, 2 fired, 1 never fired\n"));
        assert!(
            text.ends_with("\nnever fired (1):\n  mineral:cobalt\n"),
            "{text}"
        );
    }
}
