//! The knowledge file turned around for scoring: per document, the entities it mentions,
//! the ones it is about, and the facts with evidence in it.
//!
//! Input: a [`KnowledgeFile`]. Output: [`Predictions`], which drops the mentions' text and
//! offsets (the dev set's knowledge file is large) and keeps ids, names and the place ->
//! country attribute.

use std::collections::{BTreeSet, HashMap};

use crate::output::format::{Fact, KnowledgeFile};

/// One document's results.
#[derive(Debug, Default)]
pub(crate) struct DocPredictions {
    /// Entities with a mention in the title or the text.
    pub mentioned: BTreeSet<String>,
    /// The document's `about` list.
    pub about: BTreeSet<String>,
    /// Indexes into [`Predictions::facts`] of the facts with evidence in this document.
    pub facts: Vec<usize>,
}

#[derive(Debug, Default)]
pub(crate) struct Predictions {
    docs: HashMap<String, DocPredictions>,
    names: HashMap<String, String>,
    /// Place id -> `country:XX`, from the place's `attributes.country`.
    place_country: HashMap<String, String>,
    facts: Vec<Fact>,
}

impl Predictions {
    pub(crate) fn new(file: KnowledgeFile) -> Self {
        let mut p = Predictions::default();
        for d in file.documents {
            p.docs.entry(d.id).or_default().about = d.about.into_iter().collect();
        }
        for e in file.entities {
            for m in &e.mentions {
                // A mention of a document missing from `documents` still counts: the
                // mention says the article was read.
                p.docs
                    .entry(m.doc.to_string())
                    .or_default()
                    .mentioned
                    .insert(e.id.clone());
            }
            let code = e.attributes.get("country").and_then(|v| v.as_str());
            if let (Some(code), "place") = (code, id_type(&e.id)) {
                p.place_country
                    .insert(e.id.clone(), format!("country:{code}"));
            }
            p.names.insert(e.id, e.name);
        }
        for (i, f) in file.facts.into_iter().enumerate() {
            let docs: BTreeSet<&str> = f.evidence.iter().map(|m| &*m.doc).collect();
            for doc in docs {
                p.docs.entry(doc.to_string()).or_default().facts.push(i);
            }
            p.facts.push(f);
        }
        p
    }

    pub(crate) fn doc(&self, id: &str) -> Option<&DocPredictions> {
        self.docs.get(id)
    }

    pub(crate) fn name(&self, id: &str) -> Option<&str> {
        self.names.get(id).map(String::as_str)
    }

    /// The country a place lies in, as a `country:` id.
    pub(crate) fn country_of(&self, place: &str) -> Option<&str> {
        self.place_country.get(place).map(String::as_str)
    }

    pub(crate) fn fact(&self, index: usize) -> &Fact {
        &self.facts[index]
    }
}

/// The part of an id before the first ':', which is its entity type.
pub(crate) fn id_type(id: &str) -> &str {
    id.split_once(':').map_or(id, |(t, _)| t)
}
