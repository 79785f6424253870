//! What a document is about (`documents[].about`): the entities in the title or the lead,
//! those the text names twice (a sentence repeated word for word counting once), those
//! the headline names in words the matching rules left alone but the body confirms, and
//! the minerals of a mining or a metals story.

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
regex = '''(?P<name>[A-Z]+ (?:GOLD|METALS)) <[A-Z]+>'''
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
        title: Some(title.into()),
        ..Article::new("a", text)
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

/// A pay dispute at a mine: the metal is named once, late, and never in the headline.
const STRIKE: &str = "JOHANNESBURG, May 4 - About 2,000 workers went back underground \
    on Monday, the owners said. The men had stopped work on Friday over pay at the \
    company's gold mine near the town.";

#[test]
fn a_mining_headline_is_about_the_mineral_its_text_names() {
    let miners = about("VALLEY MINERS END THEIR STRIKE", STRIKE);
    assert!(miners.contains(&"mineral:gold".to_string()), "{miners:?}");
    // The word may be part of a company's name.
    let company = about("<KESTREL MINING LTD> WORKERS END STRIKE", STRIKE);
    assert!(company.contains(&"mineral:gold".to_string()), "{company:?}");
}

#[test]
fn without_a_mining_headline_a_mineral_named_once_is_not_what_it_is_about() {
    for title in [
        "VALLEY WORKERS END THEIR STRIKE",
        "UNION SAYS PAY TALKS UNDERMINED",
    ] {
        let about = about(title, STRIKE);
        assert!(
            !about.contains(&"mineral:gold".to_string()),
            "{title}: {about:?}"
        );
    }
}

#[test]
fn a_mining_headline_adds_nothing_when_a_mineral_is_already_about() {
    let text = "PERTH, June 2 - Kestrel said output rose in the quarter. The mine \
        produced 41,000 ounces of gold, against 38,000 ounces of gold a year earlier. \
        It also recovered 9,000 ounces of silver.";
    let about = about("KESTREL MINE OUTPUT RISES", text);
    assert!(about.contains(&"mineral:gold".to_string()), "{about:?}");
    assert!(!about.contains(&"mineral:silver".to_string()), "{about:?}");
}

/// A drilling report: gold twice, silver once, neither in the lead.
const DRILLING: &str = "VANCOUVER, July 9 - Kestrel said its drilling programme was on \
    schedule. One hole cut 0.21 ounces of gold a ton over 30 feet. Another returned 0.18 \
    ounce of gold and 2.4 ounces of silver a ton.";

#[test]
fn a_metals_headline_is_about_every_mineral_its_text_names() {
    let about = about("KESTREL REPORTS METALS FIND IN YUKON", DRILLING);
    for id in ["mineral:gold", "mineral:silver"] {
        assert!(about.contains(&id.to_string()), "{id}: {about:?}");
    }
}

#[test]
fn metals_in_a_company_name_do_not_make_a_metals_headline() {
    let about = about("KESTREL METALS <KML> NAMES NEW CHAIRMAN", DRILLING);
    assert!(about.contains(&"mineral:gold".to_string()), "{about:?}");
    assert!(!about.contains(&"mineral:silver".to_string()), "{about:?}");
    assert!(
        about.contains(&"organization:kestrel-metals".to_string()),
        "{about:?}"
    );
}

#[test]
fn a_sentence_repeated_word_for_word_names_its_entities_once() {
    let aside = "Elsewhere, silver rose on buying of 5,000 ounces.";
    let repeated = format!(
        "LONDON, May 5 - Cocoa futures ended lower in thin trade. {aside} \
         Dealers expect a quiet week. {aside}"
    );
    let about_repeated = about("COCOA FUTURES END LOWER", &repeated);
    assert!(
        !about_repeated.contains(&"mineral:silver".to_string()),
        "{about_repeated:?}"
    );
    // Two different sentences that name it still make it twice.
    let twice = "LONDON, May 5 - Cocoa futures ended lower in thin trade. Elsewhere, \
        silver rose on buying of 5,000 ounces. Dealers said silver buyers bought 2,000 \
        ounces more.";
    let about_twice = about("COCOA FUTURES END LOWER", twice);
    assert!(
        about_twice.contains(&"mineral:silver".to_string()),
        "{about_twice:?}"
    );
}
