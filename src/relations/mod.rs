//! Mentions + sentences -> facts (agreements, roles, based_in).

use std::ops::Range;

use crate::extract::ArticleView;
use crate::knowledge::FactRecord;
use crate::rules::read_api::{Example, Reader, Table};
use crate::rules::{Origin, RuleError, RuleSet};

#[derive(Debug, Clone)]
pub(crate) struct RawRelation {
    pub origin: Origin,
}

pub(crate) fn read_rule(
    reader: &mut Reader<'_>,
    _t: &Table<'_>,
    span: Range<usize>,
    _order: usize,
    _examples: &mut Vec<Example>,
) -> Option<RawRelation> {
    reader.error(span.clone(), "relation rules are not supported yet");
    Some(RawRelation {
        origin: reader.origin(&span),
    })
}

#[derive(Debug, Default)]
pub struct Relations {}

impl Relations {
    pub fn origin_of(&self, _rule: &str) -> Option<&Origin> {
        None
    }
}

pub(crate) fn compile<'a>(
    _raw: impl Iterator<Item = &'a RawRelation>,
    _types: &std::collections::BTreeSet<String>,
    _diagnostics: &mut Vec<RuleError>,
) -> Relations {
    Relations::default()
}

pub fn extract(_rules: &RuleSet, _view: &ArticleView<'_>) -> Vec<(String, FactRecord)> {
    Vec::new()
}

impl Relations {
    pub fn len(&self) -> usize {
        0
    }

    pub fn is_empty(&self) -> bool {
        true
    }

    pub fn rule_origins(&self) -> impl Iterator<Item = (&str, &Origin)> {
        std::iter::empty()
    }
}
