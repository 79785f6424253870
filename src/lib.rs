//! newsfacts: a folder of news articles -> a knowledge file of who signed or negotiated
//! which agreements over which minerals, each fact with its evidence.
//!
//! The modules follow the data: [`input`] reads articles, [`text`] normalises and
//! segments them, [`rules`] compiles the rule pack, [`matching`] finds entity mentions,
//! [`relations`] turns mentions into facts, [`knowledge`] merges per-article results and
//! [`output`] writes them. [`pipeline`] runs it all in parallel; `cli` is the command line.
//!
//! ```
//! use newsfacts::rules::RuleSetBuilder;
//! use newsfacts::input::Article;
//!
//! let rules = RuleSetBuilder::new()
//!     .add_str("inline.toml", r#"
//!         [[entity]]
//!         id = "mineral:lithium"
//!         name = "lithium"
//!     "#)
//!     .build()
//!     .unwrap();
//! let article = Article::new("a", "Lithium prices rose.");
//! let knowledge = newsfacts::extract::extract(&rules, &article);
//! assert!(knowledge.entities.contains_key("mineral:lithium"));
//! ```

pub mod cli;
pub mod diff;
pub(crate) mod eval;
pub mod explain;
pub mod extract;
pub mod input;
pub mod knowledge;
pub mod matching;
pub mod output;
pub mod pipeline;
pub mod profile;
pub mod relations;
pub mod rules;
pub(crate) mod shard;
pub mod stats;
pub(crate) mod stream;
pub mod text;
pub mod watch;
