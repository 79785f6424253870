//! `newsfacts export` on the bundled corpus, each format read back by a real parser of
//! that format: csv for CSV, oxttl for N-Triples, oxjsonld (a JSON-LD 1.1 processor) for
//! JSON-LD, quick-xml for GraphML, and a strict line parser for brat standoff.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use newsfacts::output::format::KnowledgeFile;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The corpus's knowledge file, extracted once for all tests.
fn knowledge() -> &'static (tempfile::TempDir, KnowledgeFile) {
    static K: OnceLock<(tempfile::TempDir, KnowledgeFile)> = OnceLock::new();
    K.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        Command::cargo_bin("newsfacts")
            .unwrap()
            .arg("extract")
            .arg(repo().join("corpus"))
            .arg("--rules")
            .arg(repo().join("rules"))
            .arg("--out")
            .arg(dir.path().join("k.json"))
            .output()
            .unwrap();
        let file = serde_json::from_slice(&fs::read(dir.path().join("k.json")).unwrap()).unwrap();
        (dir, file)
    })
}

/// Exports to a fresh folder and returns it.
fn export(to: &str, extra: &[&str]) -> (tempfile::TempDir, &'static KnowledgeFile) {
    let (dir, file) = knowledge();
    let out = tempfile::tempdir().unwrap();
    let run = Command::cargo_bin("newsfacts")
        .unwrap()
        .arg("export")
        .arg(dir.path().join("k.json"))
        .args(["--to", to, "--out"])
        .arg(out.path())
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    (out, file)
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader.records().map(|r| r.unwrap()).collect();
    (headers, rows)
}

#[test]
fn csv_has_one_row_per_record_and_keeps_the_exact_text() {
    let (out, file) = export("csv", &[]);
    let (headers, rows) = read_csv(&out.path().join("entities.csv"));
    assert_eq!(&headers[..3], ["id", "type", "name"]);
    assert!(headers.contains(&"ids.iso3166".to_string()));
    assert_eq!(rows.len(), file.entities.len());
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let japan = rows.iter().find(|r| &r[0] == "country:JP").unwrap();
    assert_eq!(&japan[col("ids.iso3166")], "JP");
    let lithium = rows.iter().find(|r| &r[0] == "mineral:lithium").unwrap();
    assert_eq!(&lithium[col("ids.symbol")], "Li");

    let (headers, rows) = read_csv(&out.path().join("mentions.csv"));
    assert_eq!(
        headers,
        ["entity", "doc", "field", "start", "end", "text", "rule"]
    );
    let mentions: usize = file.entities.iter().map(|e| e.mentions.len()).sum();
    assert_eq!(rows.len(), mentions);
    let all: BTreeSet<(String, String, usize, usize, String)> = file
        .entities
        .iter()
        .flat_map(|e| {
            e.mentions.iter().map(|m| {
                (
                    e.id.clone(),
                    m.doc.to_string(),
                    m.start,
                    m.end,
                    m.text.clone(),
                )
            })
        })
        .collect();
    for r in &rows {
        let key = (
            r[0].to_string(),
            r[1].to_string(),
            r[3].parse().unwrap(),
            r[4].parse().unwrap(),
            r[5].to_string(),
        );
        assert!(all.contains(&key), "{r:?}");
    }
    assert!(
        rows.iter().any(|r| r[5].contains('\n')),
        "a mention across a line break survives the quoting"
    );

    let (headers, rows) = read_csv(&out.path().join("facts.csv"));
    assert!(headers.contains(&"args.parties".to_string()));
    assert!(headers.contains(&"attributes.status".to_string()));
    assert_eq!(rows.len(), file.facts.len());
    let (_, rows) = read_csv(&out.path().join("evidence.csv"));
    assert_eq!(
        rows.len(),
        file.facts.iter().map(|f| f.evidence.len()).sum::<usize>()
    );
    let (_, rows) = read_csv(&out.path().join("documents.csv"));
    assert_eq!(rows.len(), file.documents.len());
}

fn ntriples(out: &Path) -> BTreeSet<String> {
    let bytes = fs::read(out.join("knowledge.nt")).unwrap();
    oxttl::NTriplesParser::new()
        .for_slice(&bytes)
        .map(|t| {
            let t = t.expect("valid N-Triples");
            format!("{} {} {}", t.subject, t.predicate, t.object)
        })
        .collect()
}

#[test]
fn ntriples_parse_and_use_schema_org_and_iso_codes() {
    let (out, file) = export("ntriples", &[]);
    let triples = ntriples(out.path());
    let text = fs::read_to_string(out.path().join("knowledge.nt")).unwrap();
    assert_eq!(
        triples.len(),
        text.lines().count(),
        "one triple a line, no repeats"
    );
    let has = |t: &str| assert!(triples.contains(t), "missing: {t}");
    let jp = "<urn:newsfacts:entity:country:JP>";
    has(&format!(
        "{jp} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Country>"
    ));
    has(&format!("{jp} <https://schema.org/name> \"Japan\""));
    has(&format!(
        "{jp} <https://schema.org/identifier> <urn:newsfacts:entity:country:JP#iso3166>"
    ));
    has(
        "<urn:newsfacts:entity:country:JP#iso3166> <https://schema.org/propertyID> \"ISO 3166-1 alpha-2\"",
    );
    has("<urn:newsfacts:entity:country:JP#iso3166> <https://schema.org/value> \"JP\"");
    has("<urn:newsfacts:entity:mineral:lithium#symbol> <https://schema.org/value> \"Li\"");
    let types = triples
        .iter()
        .filter(|t| t.contains("rdf-syntax-ns#type> <https://schema.org/NewsArticle>"))
        .count();
    assert_eq!(types, file.documents.len());
    let agreements = triples
        .iter()
        .filter(|t| t.ends_with("<urn:newsfacts:vocab:Agreement>"))
        .count();
    assert_eq!(
        agreements,
        file.facts.iter().filter(|f| f.ftype == "agreement").count()
    );
}

#[test]
fn jsonld_expands_to_the_same_graph_as_ntriples() {
    let (out, _) = export("jsonld", &[]);
    let bytes = fs::read(out.path().join("knowledge.jsonld")).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(value["@context"]["@vocab"], "https://schema.org/");
    let from_jsonld: BTreeSet<String> = oxjsonld::JsonLdParser::new()
        .for_slice(&bytes)
        .map(|q| {
            let q = q.expect("valid JSON-LD");
            assert!(q.graph_name.is_default_graph());
            format!("{} {} {}", q.subject, q.predicate, q.object)
        })
        .collect();
    let (nt_out, _) = export("ntriples", &[]);
    let from_nt = ntriples(nt_out.path());
    assert!(!from_nt.is_empty());
    let only_jsonld: Vec<&String> = from_jsonld.difference(&from_nt).take(5).collect();
    let only_nt: Vec<&String> = from_nt.difference(&from_jsonld).take(5).collect();
    assert!(
        only_jsonld.is_empty() && only_nt.is_empty(),
        "only in JSON-LD: {only_jsonld:#?}\nonly in N-Triples: {only_nt:#?}"
    );
}

#[test]
fn graphml_is_well_formed_and_every_edge_joins_two_nodes() {
    use quick_xml::XmlVersion;
    use quick_xml::events::Event;

    let (out, file) = export("graphml", &[]);
    let text = fs::read_to_string(out.path().join("knowledge.graphml")).unwrap();
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut nodes = BTreeSet::new();
    let mut edges = Vec::new();
    let mut keys = BTreeSet::new();
    let mut data_keys = BTreeSet::new();
    let mut root = None;
    loop {
        let event = reader.read_event().expect("well-formed XML");
        let e = match &event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => e,
            _ => continue,
        };
        let attr = |name: &str| {
            e.try_get_attribute(name).unwrap().map(|a| {
                a.normalized_value(XmlVersion::Implicit1_0)
                    .unwrap()
                    .into_owned()
            })
        };
        match e.name().as_ref() {
            "graphml" => root = attr("xmlns"),
            "key" => {
                keys.insert(attr("id").unwrap());
            }
            "node" => {
                assert!(nodes.insert(attr("id").unwrap()), "node ids are unique");
            }
            "edge" => edges.push((attr("source").unwrap(), attr("target").unwrap())),
            "data" => {
                data_keys.insert(attr("key").unwrap());
            }
            _ => {}
        }
    }
    assert_eq!(
        root.as_deref(),
        Some("http://graphml.graphdrawing.org/xmlns")
    );
    assert_eq!(
        nodes.len(),
        file.documents.len() + file.entities.len() + file.facts.len()
    );
    assert!(data_keys.is_subset(&keys), "every data key is declared");
    assert!(!edges.is_empty());
    for (s, t) in &edges {
        assert!(nodes.contains(s) && nodes.contains(t), "{s} -> {t}");
    }
    assert!(nodes.contains("e:country:JP"));
}

/// One `.ann` line, parsed strictly.
enum Ann {
    Text {
        id: String,
        ty: String,
        fragments: Vec<(usize, usize)>,
        text: String,
    },
    Note {
        target: String,
        note: String,
    },
}

fn parse_ann(line: &str) -> Ann {
    let parts: Vec<&str> = line.split('\t').collect();
    assert_eq!(parts.len(), 3, "three tab-separated fields: {line:?}");
    if parts[0].starts_with('T') {
        assert!(parts[0][1..].parse::<u32>().is_ok(), "{line:?}");
        let (ty, offsets) = parts[1].split_once(' ').expect("type and offsets");
        assert!(!ty.is_empty() && !ty.contains(char::is_whitespace));
        let fragments = offsets
            .split(';')
            .map(|f| {
                let (s, e) = f.split_once(' ').expect("start end");
                let (s, e) = (s.parse().unwrap(), e.parse().unwrap());
                assert!(s < e, "{line:?}");
                (s, e)
            })
            .collect();
        Ann::Text {
            id: parts[0].into(),
            ty: ty.into(),
            fragments,
            text: parts[2].into(),
        }
    } else {
        assert!(parts[0].starts_with('#'), "{line:?}");
        let target = parts[1]
            .strip_prefix("AnnotatorNotes ")
            .expect("AnnotatorNotes");
        Ann::Note {
            target: target.into(),
            note: parts[2].into(),
        }
    }
}

#[test]
fn brat_offsets_point_at_the_annotated_text() {
    let corpus = repo().join("corpus");
    let (out, file) = export("brat", &["--articles", corpus.to_str().unwrap()]);
    let conf = fs::read_to_string(out.path().join("annotation.conf")).unwrap();
    let declared: BTreeSet<&str> = conf
        .lines()
        .skip_while(|l| *l != "[entities]")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    let mut spans = 0;
    let mut by_note: BTreeMap<String, usize> = BTreeMap::new();
    for d in &file.documents {
        let stem = d.id.replace('/', "__");
        let txt = fs::read_to_string(out.path().join(format!("{stem}.txt"))).unwrap();
        let chars: Vec<char> = txt.chars().collect();
        let ann = fs::read_to_string(out.path().join(format!("{stem}.ann"))).unwrap();
        let mut ids = BTreeSet::new();
        for line in ann.lines() {
            match parse_ann(line) {
                Ann::Text {
                    id,
                    ty,
                    fragments,
                    text,
                } => {
                    assert!(declared.contains(ty.as_str()), "{ty} is in annotation.conf");
                    // brat offsets are code points, as Python counts them.
                    let covered: Vec<String> = fragments
                        .iter()
                        .map(|&(s, e)| chars[s..e].iter().collect())
                        .collect();
                    assert_eq!(covered.join(" "), text, "{stem}: {line}");
                    ids.insert(id);
                    spans += 1;
                }
                Ann::Note { target, note } => {
                    assert!(ids.contains(&target), "a note follows its annotation");
                    *by_note.entry(note).or_default() += 1;
                }
            }
        }
        if let Some(title) = &d.title {
            assert!(txt.starts_with(&format!("{title}\n\n")));
        }
    }
    let expected: usize = file
        .entities
        .iter()
        .map(|e| e.mentions.len())
        .sum::<usize>()
        + file.facts.iter().map(|f| f.evidence.len()).sum::<usize>();
    assert!(spans > 0 && spans <= expected);
    let japan: BTreeSet<_> = file
        .entities
        .iter()
        .find(|e| e.id == "country:JP")
        .unwrap()
        .mentions
        .iter()
        .map(|m| (m.doc.clone(), m.field, m.start, m.end))
        .collect();
    assert_eq!(
        by_note.get("country:JP").copied(),
        Some(japan.len()),
        "every mention of Japan is annotated"
    );
}

#[test]
fn brat_without_articles_is_a_usage_error() {
    let (dir, _) = knowledge();
    let out = tempfile::tempdir().unwrap();
    Command::cargo_bin("newsfacts")
        .unwrap()
        .arg("export")
        .arg(dir.path().join("k.json"))
        .args(["--to", "brat", "--out"])
        .arg(out.path())
        .assert()
        .code(2);
}
