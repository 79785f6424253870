//! Readable, stable keys for entity ids: "Manara Minerals Investment Co." becomes
//! `manara-minerals-investment-co`.

/// Lower case, accents removed, every run of other characters than `a-z0-9` turned into one
/// `-`, none at either end.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_dash = false;
    for c in name.chars() {
        let c = fold_accent(c).unwrap_or(c);
        for l in c.to_lowercase() {
            if l.is_ascii_alphanumeric() {
                if pending_dash && !out.is_empty() {
                    out.push('-');
                }
                pending_dash = false;
                out.push(l);
            } else if l == '\'' || l == '\u{2019}' {
                // "Ma'aden" -> "maaden": an apostrophe inside a name is not a word break.
            } else {
                pending_dash = true;
            }
        }
    }
    out
}

/// The base letter of the accented Latin letters news names use; enough for slugs, which
/// only need to be stable, not linguistically perfect.
fn fold_accent(c: char) -> Option<char> {
    const FROM: &str = "àáâãäåāăąçćčďèéêëēėęěìíîïīįıñńňòóôõöøōőùúûüūůűųýÿźżžšśşřťţłđÀÁÂÃÄÅĀĂĄÇĆČĎÈÉÊËĒĖĘĚÌÍÎÏĪĮİÑŃŇÒÓÔÕÖØŌŐÙÚÛÜŪŮŰŲÝŸŹŻŽŠŚŞŘŤŢŁĐ";
    const TO: &str = "aaaaaaaaacccdeeeeeeeeiiiiiiinnnoooooooouuuuuuuuyyzzzsssrttldAAAAAAAAACCCDEEEEEEEEIIIIIIINNNOOOOOOOOUUUUUUUUYYZZZSSSRTTLD";
    FROM.chars()
        .position(|f| f == c)
        .and_then(|i| TO.chars().nth(i))
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs() {
        for (name, want) in [
            (
                "Manara Minerals Investment Co.",
                "manara-minerals-investment-co",
            ),
            ("Ken Saito", "ken-saito"),
            (
                "Bandar bin Ibrahim AlKhorayef",
                "bandar-bin-ibrahim-alkhorayef",
            ),
            ("Ma'aden", "maaden"),
            ("São Paulo", "sao-paulo"),
            ("Côte d’Ivoire", "cote-divoire"),
            ("  --Freeport-McMoRan--  ", "freeport-mcmoran"),
            ("", ""),
        ] {
            assert_eq!(slug(name), want, "{name}");
        }
    }
}
