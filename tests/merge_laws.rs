//! The merge laws, checked on generated values: merging is associative, commutative and
//! idempotent with the empty value as identity, on [`Knowledge`] and on knowledge files
//! (what `newsfacts merge` combines), and a file survives its own round trip.
//!
//! The generated values are folds of small "articles" drawn from tiny pools of ids,
//! names and values, so that the same keys meet often and every merge rule is exercised:
//! documents that clash, names written two ways, single values that become lists.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use newsfacts::knowledge::merge_files::{self, Merger};
use newsfacts::knowledge::{EntityRecord, FactRecord, Knowledge};
use newsfacts::output::format::{
    ArticleLine, Document, Field, Generator, KnowledgeFile, Mention, Problem,
};
use newsfacts::rules::AttrValue;
use proptest::prelude::*;

fn pick<T: Clone + std::fmt::Debug + 'static>(pool: &'static [T]) -> impl Strategy<Value = T> {
    prop::sample::select(pool)
}

fn attr() -> impl Strategy<Value = AttrValue> {
    prop_oneof![
        pick(&["x", "y", "z"]).prop_map(|s| AttrValue::One(s.into())),
        // In any order and with repeats, as a rule pack may write a list.
        prop::collection::vec(pick(&["x", "y", "z"]), 0..4)
            .prop_map(|s| AttrValue::Many(s.into_iter().map(String::from).collect())),
    ]
}

fn attrs() -> impl Strategy<Value = BTreeMap<String, AttrValue>> {
    prop::collection::btree_map(
        pick(&["kind", "status", "country"]).prop_map(String::from),
        attr(),
        0..3,
    )
}

fn span(doc: &'static str) -> impl Strategy<Value = Mention> {
    (
        pick(&[Field::Title, Field::Text]),
        0usize..4,
        1usize..3,
        pick(&["r1", "r2"]),
    )
        .prop_map(move |(field, start, len, rule)| Mention {
            doc: Arc::from(doc),
            field,
            start,
            end: start + len,
            text: ["Japan", "JAPAN", "Saudi\nArabia"][start % 3].to_string(),
            rule: Arc::from(rule),
        })
}

/// One article's results: a document, its entities and facts. Each document id has two
/// versions, which differ in text ("b"), in source ("c") or only in title ("a"); more
/// than two versions of one id are the known limit described in `merge_files`.
fn article() -> impl Strategy<Value = Knowledge> {
    pick(&["a", "b", "c"]).prop_flat_map(|doc| {
        (
            0u8..2,
            prop::collection::vec(
                (
                    pick(&["country:JP", "country:SA", "person:ken-saito"]),
                    pick(&["Japan", "JAPAN", "Ken Saito"]),
                    prop::collection::btree_map(
                        pick(&["iso3166", "symbol"]).prop_map(String::from),
                        pick(&["JP", "SA"]).prop_map(String::from),
                        0..2,
                    ),
                    attrs(),
                    prop::collection::btree_set(span(doc), 0..3),
                ),
                0..3,
            ),
            prop::collection::vec(
                (
                    pick(&["agreement:m/JP+SA/", "role:ken-saito/JP"]),
                    attrs(),
                    attrs(),
                    prop::collection::btree_set(span(doc), 0..2),
                ),
                0..2,
            ),
            prop::collection::btree_set(pick(&["p1", "p2"]), 0..2),
        )
            .prop_map(move |(version, entities, facts, problems)| {
                let (text, title, source) = match doc {
                    "a" => (0, version, "in/x.txt"),
                    "b" => (version, 0, "in/x.txt"),
                    _ => (0, 0, ["in/x.txt", "<stdin>"][version as usize]),
                };
                let mut k = Knowledge::default();
                k.documents.insert(
                    doc.into(),
                    Document {
                        id: doc.into(),
                        source: source.into(),
                        title: Some(format!("title {title}")),
                        date: None,
                        url: None,
                        sha256: format!("sha{text}"),
                        chars: 10 + text as usize,
                        about: vec![],
                    },
                );
                for (id, name, ids, attributes, mentions) in entities {
                    k.merge(Knowledge {
                        entities: BTreeMap::from([(
                            id.to_string(),
                            EntityRecord {
                                etype: id.split(':').next().unwrap().into(),
                                name: name.into(),
                                ids,
                                attributes,
                                mentions,
                            },
                        )]),
                        ..Knowledge::default()
                    });
                }
                for (id, args, attributes, evidence) in facts {
                    k.merge(Knowledge {
                        facts: BTreeMap::from([(
                            id.to_string(),
                            FactRecord {
                                ftype: id.split(':').next().unwrap().into(),
                                args,
                                attributes,
                                evidence,
                            },
                        )]),
                        ..Knowledge::default()
                    });
                }
                for p in problems {
                    k.problem(Problem {
                        source: source.into(),
                        line: None,
                        message: p.into(),
                    });
                }
                k
            })
    })
}

fn knowledge() -> impl Strategy<Value = Knowledge> {
    prop::collection::vec(article(), 0..4).prop_map(|parts| {
        let mut k = Knowledge::default();
        for p in parts {
            k.merge(p);
        }
        k
    })
}

fn generator() -> impl Strategy<Value = Generator> {
    pick(&["sha256:aaa", "sha256:bbb"]).prop_map(|d| Generator {
        name: "newsfacts".into(),
        version: "0.1.0".into(),
        rules_digest: d.into(),
    })
}

fn file() -> impl Strategy<Value = KnowledgeFile> {
    (knowledge(), generator()).prop_map(|(k, g)| k.into_file(g))
}

fn merged(mut a: Knowledge, b: Knowledge) -> Knowledge {
    a.merge(b);
    a
}

fn mf(a: KnowledgeFile, b: KnowledgeFile) -> KnowledgeFile {
    merge_files::merge(a, b).expect("mixed rules allowed")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn knowledge_merge_is_associative(a in knowledge(), b in knowledge(), c in knowledge()) {
        prop_assert_eq!(
            merged(merged(a.clone(), b.clone()), c.clone()),
            merged(a, merged(b, c))
        );
    }

    #[test]
    fn knowledge_merge_is_commutative(a in knowledge(), b in knowledge()) {
        prop_assert_eq!(merged(a.clone(), b.clone()), merged(b, a));
    }

    #[test]
    fn knowledge_merge_is_idempotent_with_identity(a in knowledge()) {
        prop_assert_eq!(merged(a.clone(), a.clone()), a.clone());
        prop_assert_eq!(merged(a.clone(), Knowledge::default()), a.clone());
        prop_assert_eq!(merged(Knowledge::default(), a.clone()), a);
    }

    #[test]
    fn a_file_survives_its_round_trip(a in knowledge(), g in generator()) {
        let file = a.into_file(g.clone());
        let again = Knowledge::from_file(file.clone()).into_file(g);
        prop_assert_eq!(again, file);
    }

    #[test]
    fn file_merge_is_associative(a in file(), b in file(), c in file()) {
        prop_assert_eq!(
            mf(mf(a.clone(), b.clone()), c.clone()),
            mf(a, mf(b, c))
        );
    }

    #[test]
    fn file_merge_is_commutative(a in file(), b in file()) {
        prop_assert_eq!(mf(a.clone(), b.clone()), mf(b, a));
    }

    /// The empty file of the same run is the identity of every file; an empty file of
    /// any run is one for every file with content (it adds no digest).
    #[test]
    fn file_merge_is_idempotent_with_the_empty_file_as_identity(
        a in file(),
        g in generator(),
    ) {
        prop_assert_eq!(mf(a.clone(), a.clone()), a.clone());
        let same = Knowledge::default().into_file(a.generator.clone());
        prop_assert_eq!(mf(a.clone(), same.clone()), a.clone());
        prop_assert_eq!(mf(same, a.clone()), a.clone());
        let any = Knowledge::default().into_file(g);
        if !a.documents.is_empty() || !a.problems.is_empty() {
            prop_assert_eq!(mf(a.clone(), any.clone()), a.clone());
            prop_assert_eq!(mf(any, a.clone()), a);
        }
    }

    /// Lines are the per-article form of the same values: merging an article's line
    /// gives what merging the article gives.
    #[test]
    fn lines_merge_like_their_articles(parts in prop::collection::vec(article(), 1..4)) {
        let mut by_value = Knowledge::default();
        let mut by_line = Merger::new();
        for p in parts {
            let mut line: ArticleLine = p.to_line(None);
            line.rules_digest = Some("sha256:aaa".into());
            by_line.add_line("lines.jsonl", line);
            by_value.merge(p);
        }
        let g = Generator {
            name: "newsfacts".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            rules_digest: "sha256:aaa".into(),
        };
        prop_assert_eq!(by_line.finish(false).unwrap(), by_value.into_file(g));
    }
}

/// Different rules are refused by default and named together when allowed.
#[test]
fn mixed_digests_are_refused_then_joined() {
    let mut k = Knowledge::default();
    k.problem(Problem {
        source: "a".into(),
        line: None,
        message: "m".into(),
    });
    let with = |d: &str| {
        k.clone().into_file(Generator {
            name: "newsfacts".into(),
            version: "0.1.0".into(),
            rules_digest: d.into(),
        })
    };
    let mut m = Merger::new();
    m.add_file("a.json", with("sha256:aaa")).unwrap();
    m.add_file("b.json", with("sha256:bbb")).unwrap();
    let err = m.finish(false).unwrap_err().to_string();
    assert!(
        err.contains("sha256:aaa: a.json") && err.contains("sha256:bbb: b.json"),
        "{err}"
    );
    let joined = mf(with("sha256:bbb"), with("sha256:aaa"));
    assert_eq!(joined.generator.rules_digest, "sha256:aaa, sha256:bbb");
    let digests: BTreeSet<&str> = joined.generator.rules_digest.split(", ").collect();
    assert_eq!(digests.len(), 2);
}
