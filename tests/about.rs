//! What a document is about (`documents[].about`): the entities in the title or the lead,
//! those the text names twice, and those the headline names in words the matching rules
//! left alone but the body confirms.

use newsfacts::input::Article;
use newsfacts::rules::{RuleSet, RuleSetBuilder};

/// "gold" counts among metal words only, and capitals are not "Initial" case: the
/// headline's "GOLD" is never a mention by itself, as in the default pack.
const RULES: &str = r#"
[[entity]]
id = "mineral:gold"
name = "gold"
case = "initial"
near = ["ounces", "tonne", "mine"]

[[entity]]
id = "mineral:silver"
name = "silver"
case = "initial"
near = ["ounces", "tonne", "mine"]

[[pattern]]
id = "org-ticker"
type = "organization"
regex = '''(?P<name>[A-Z]+ GOLD) <[A-Z]+>'''
group = "name"
"#;

fn rules() -> RuleSet {
    RuleSetBuilder::new()
        .add_str("about.toml", RULES)
        .build()
        .unwrap()
}

fn about(title: &str, text: &str) -> Vec<String> {
    let article = Article {
        id: "a".into(),
        source: "a.txt".into(),
        line: None,
        title: Some(title.into()),
        date: None,
        url: None,
        source_name: None,
        text: text.into(),
    };
    let k = newsfacts::extract::extract(&rules(), &article);
    k.documents["a"].about.clone()
}

const BODY: &str = "SYDNEY, March 3 - Placer said the approval was near. \
    Reserves are 62 mln tonnes grading 1.35 grams/tonne gold and 20 grams/tonne silver.";

#[test]
fn a_headline_word_the_body_confirms_makes_the_article_about_it() {
    let about = about("PLACER HOPES FOR MISIMA GOLD APPROVAL SOON", BODY);
    assert!(about.contains(&"mineral:gold".to_string()), "{about:?}");
    // Named once, after the lead, and not in the headline.
    assert!(!about.contains(&"mineral:silver".to_string()), "{about:?}");
}

#[test]
fn a_headline_word_inside_a_headline_mention_does_not_count() {
    let about = about("NEWMONT GOLD <NGC> SEES HIGHER SALES", BODY);
    assert!(!about.contains(&"mineral:gold".to_string()), "{about:?}");
    assert!(
        about.contains(&"organization:newmont-gold".to_string()),
        "{about:?}"
    );
}

#[test]
fn a_headline_word_must_be_a_whole_word() {
    let about = about("GOLDFIELDS HOPES FOR APPROVAL SOON", BODY);
    assert!(!about.contains(&"mineral:gold".to_string()), "{about:?}");
}
