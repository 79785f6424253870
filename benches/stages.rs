//! The hot stages of `newsfacts extract`, one criterion benchmark each, so a regression
//! in one stage shows up by name: `cargo bench --bench stages [-- FILTER]`.
//!
//! Input: the articles of `corpus/` read with the library's own reader (or, in a tree
//! without them, synthetic articles made here), and the default rule pack in `rules/`
//! (or the folder `NEWSFACTS_BENCH_RULES` names).
//! Each stage reports throughput in bytes of article text, so the figures compare with
//! bench/run.sh's MB/s. Gazetteer and pattern matching are told apart by compiling the
//! pack's gazetteer files and its pattern files into rule sets of their own.
//! Measurement times are short on purpose (the whole run takes a couple of minutes);
//! for figures to publish use bench/run.sh.

use std::hint::black_box;

// The allocator of the newsfacts binary (src/main.rs), so the stages time what it runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use newsfacts::extract::{self, ArticleView};
use newsfacts::input::{self, Article, Limits, WalkOptions};
use newsfacts::knowledge::Knowledge;
use newsfacts::output::{self, format::Generator};
use newsfacts::rules::{RuleSet, RuleSetBuilder};
use newsfacts::text::Analyzed;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The articles of corpus/, or synthetic ones when the folder is missing or empty.
fn articles() -> Vec<Article> {
    let dir = root().join("corpus");
    let mut out = Vec::new();
    if dir.is_dir() {
        for unit in input::units(&[dir], &WalkOptions::default()) {
            out.extend(input::load(unit, &Limits::default()).articles);
        }
    }
    if out.is_empty() {
        eprintln!("stages: corpus/ has no articles; benchmarking synthetic ones");
        out = synthetic(200);
    }
    out
}

/// Wire-style articles that name countries, minerals, organizations and officials, with
/// agreement sentences, so every stage has work to do.
fn synthetic(n: usize) -> Vec<Article> {
    const PARTIES: &[&str] = &[
        "Japan",
        "Saudi Arabia",
        "Chile",
        "Australia",
        "the United States",
        "Indonesia",
        "Zambia",
        "the European Union",
        "Canada",
        "India",
    ];
    const MINERALS: &[&str] = &[
        "lithium",
        "cobalt",
        "nickel",
        "copper",
        "rare earths",
        "graphite",
        "iron ore",
    ];
    const FIRMS: &[&str] = &[
        "BHP",
        "Rio Tinto",
        "Glencore",
        "Codelco",
        "Albemarle",
        "Vale",
        "Anglo American",
    ];
    (0..n)
        .map(|i| {
            let p = |k: usize| PARTIES[(i * 7 + k * 3) % PARTIES.len()];
            let m = |k: usize| MINERALS[(i * 5 + k) % MINERALS.len()];
            let f = |k: usize| FIRMS[(i * 3 + k) % FIRMS.len()];
            let text = format!(
                "TOKYO, March {d} - {a} and {b} signed a memorandum of understanding on \
                 {m0} and {m1} supply chains on Monday, officials said.\n\n\
                 Industry Minister Ken Saito said the agreement would help {f0} and {f1} \
                 secure {m0} concentrate from new mines. {c} is the largest producer of \
                 {m1}, and prices rose 3% on the London Metal Exchange.\n\n\
                 {f2} chief executive Mike Henry said talks with {b} on a {m2} refinery \
                 were continuing. Shares of {f0} rose 1.2% in Sydney.",
                d = 1 + i % 28,
                a = p(0),
                b = p(1),
                c = p(2),
                m0 = m(0),
                m1 = m(1),
                m2 = m(2),
                f0 = f(0),
                f1 = f(1),
                f2 = f(2),
            );
            Article {
                id: format!("synthetic-{i}"),
                source: format!("synthetic-{i}.txt"),
                line: None,
                title: Some(format!("{} and {} sign {} pact", p(0), p(1), m(0))),
                date: Some("2024-03-04".into()),
                url: None,
                source_name: None,
                text,
            }
        })
        .collect()
}

fn build(files: &[PathBuf]) -> Option<RuleSet> {
    let mut b = RuleSetBuilder::new();
    for f in files {
        b.add_file(f);
    }
    match b.build() {
        Ok(r) => Some(r),
        Err(e) => {
            eprintln!("stages: cannot compile {files:?} on their own, skipping: {e}");
            None
        }
    }
}

/// The pack's rule files split by what they hold: pattern rules (files of patterns only)
/// and gazetteer entities (the other files without relations). A file that extends
/// entities stays with the gazetteer whatever else it holds ("countries-aliases.toml"
/// adds a pattern beside its aliases): on its own it would not compile.
fn split_pack(dir: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "toml"));
    files.sort();
    let (mut gazetteer, mut patterns) = (Vec::new(), Vec::new());
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        let entities = text.contains("[[entity]]") || text.contains("[[extend]]");
        if text.contains("[[pattern]]") && !entities {
            patterns.push(f);
        } else if !text.contains("[[relation]]") {
            gazetteer.push(f);
        }
    }
    (gazetteer, patterns)
}

fn stages(c: &mut Criterion) {
    // NEWSFACTS_BENCH_RULES names another rule folder, to compare two packs.
    let rules_dir = std::env::var_os("NEWSFACTS_BENCH_RULES")
        .map_or_else(|| root().join("rules"), PathBuf::from);
    let rules = RuleSetBuilder::new()
        .add_path(&rules_dir)
        .build()
        .expect("the default rule pack compiles");
    let arts = articles();
    let bytes: usize = arts
        .iter()
        .map(|a| a.text.len() + a.title.as_ref().map_or(0, String::len))
        .sum();
    eprintln!(
        "stages: {} articles, {bytes} bytes of text and titles",
        arts.len()
    );
    let fields: Vec<&str> = arts
        .iter()
        .flat_map(|a| a.title.as_deref().into_iter().chain([a.text.as_str()]))
        .collect();
    let analyzed: Vec<Analyzed> = fields.iter().map(|f| Analyzed::new(f)).collect();

    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes as u64));

    g.bench_function("normalize+segment", |b| {
        b.iter(|| {
            for f in &fields {
                black_box(Analyzed::new(black_box(f)));
            }
        })
    });

    let (gazetteer_files, pattern_files) = split_pack(&rules_dir);
    if let Some(gazetteer) = build(&gazetteer_files) {
        g.bench_function("match/gazetteer", |b| {
            b.iter(|| {
                for a in &analyzed {
                    black_box(newsfacts::matching::find(&gazetteer, a, false));
                }
            })
        });
    }
    if let Some(patterns) = build(&pattern_files) {
        g.bench_function("match/patterns", |b| {
            b.iter(|| {
                for a in &analyzed {
                    black_box(newsfacts::matching::find(&patterns, a, false));
                }
            })
        });
    }
    g.bench_function("match/all", |b| {
        b.iter(|| {
            for a in &analyzed {
                black_box(newsfacts::matching::find(&rules, a, false));
            }
        })
    });

    let views: Vec<ArticleView<'_>> = arts
        .iter()
        .map(|a| extract::view(&rules, a, false))
        .collect();
    g.bench_function("relations", |b| {
        b.iter(|| {
            for (a, v) in arts.iter().zip(&views) {
                black_box(newsfacts::relations::extract(&rules, v, a.date.as_deref()));
            }
        })
    });

    g.bench_function("extract/article", |b| {
        b.iter(|| {
            for a in &arts {
                black_box(extract::extract(&rules, a));
            }
        })
    });

    let per_article: Vec<Knowledge> = arts.iter().map(|a| extract::extract(&rules, a)).collect();
    g.bench_function("merge", |b| {
        b.iter_batched(
            || per_article.clone(),
            |ks| {
                let mut merged = Knowledge::default();
                for k in ks {
                    merged.merge(k);
                }
                merged
            },
            BatchSize::LargeInput,
        )
    });

    let mut merged = Knowledge::default();
    for k in per_article.iter().cloned() {
        merged.merge(k);
    }
    let generator = Generator {
        name: "newsfacts".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        rules_digest: rules.digest().to_string(),
    };
    let mut buffer: Vec<u8> = Vec::new();
    g.bench_function("serialize", |b| {
        b.iter_batched(
            || (merged.clone(), generator.clone()),
            |(k, gen_)| {
                buffer.clear();
                output::write_knowledge(&mut buffer, &k.into_file(gen_)).expect("in memory");
                buffer.len()
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();

    let mut g = c.benchmark_group("rules");
    g.bench_function("compile-default-pack", |b| {
        b.iter(|| {
            black_box(
                RuleSetBuilder::new()
                    .add_path(&rules_dir)
                    .build()
                    .expect("compiles"),
            )
        })
    });
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = stages
}
criterion_main!(benches);
