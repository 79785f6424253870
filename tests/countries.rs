//! rules/countries.toml is generated from Debian's iso-codes; this test fails when the
//! committed file is stale, and is skipped (saying why) where that data is not installed.

#[path = "../examples/gen_countries.rs"]
mod gen_countries;

use std::path::PathBuf;

#[test]
fn committed_countries_file_matches_the_generator() {
    let dir = std::env::var_os("ISO_CODES_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/iso-codes/json"));
    if !dir.join("iso_3166-1.json").exists() {
        eprintln!(
            "skipped: {} has no iso_3166-1.json (install Debian's iso-codes, or set ISO_CODES_DIR)",
            dir.display()
        );
        return;
    }
    let generated = gen_countries::generate(&dir).expect("generator runs");
    let committed = std::fs::read_to_string("rules/countries.toml").unwrap();
    assert!(
        generated == committed,
        "rules/countries.toml is stale: run `cargo run --example gen_countries > rules/countries.toml`"
    );
}
