//! Name normalisation shared by the gazetteer builder and the recogniser:
//! lower case, Latin diacritics folded to ASCII, typographic apostrophes
//! straightened, runs of white space collapsed.

/// The lookup key of a place name: "São Paulo" → "sao paulo"; an
/// abbreviated first word of a longer name is spelt out ("St. Paul" and
/// "Saint Paul" → "saint paul", "Mt. Pleasant" → "mount pleasant", "Ft.
/// Worth" → "fort worth"), since news and the gazetteer abbreviate
/// differently.
pub(crate) fn key(name: &str) -> String {
    let folded = fold_key(name);
    match folded.split_once(' ') {
        Some((first, rest)) if !rest.is_empty() => match spelt_out(first) {
            Some(full) => format!("{full} {rest}"),
            None => folded,
        },
        _ => folded,
    }
}

/// The full form of an abbreviation that opens place names.
fn spelt_out(word: &str) -> Option<&'static str> {
    Some(match word {
        "st." | "st" => "saint",
        "ste." | "ste" => "sainte",
        "mt." | "mt" => "mount",
        "ft." | "ft" => "fort",
        _ => return None,
    })
}

/// Lower case, diacritics folded, white space collapsed.
fn fold_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match fold(c) {
            Some(s) => out.push_str(s),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The ASCII form of a name ("Bogotá" → "Bogota"), keeping case; `None`
/// when a character has no ASCII form.
pub(crate) fn ascii(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let folded = fold(c)?;
            if c.is_uppercase() {
                let mut chars = folded.chars();
                if let Some(first) = chars.next() {
                    out.push(first.to_ascii_uppercase());
                    out.push_str(chars.as_str());
                }
            } else {
                out.push_str(folded);
            }
        }
    }
    Some(out)
}

/// The lower-case ASCII folding of one non-ASCII Latin letter or quote.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' | 'Č' | 'č' => "c",
        'Ð' | 'ð' | 'Ď' | 'ď' | 'Đ' | 'đ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ĕ' | 'ĕ' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => {
            "e"
        }
        'Ĝ' | 'ĝ' | 'Ğ' | 'ğ' | 'Ġ' | 'ġ' | 'Ģ' | 'ģ' => "g",
        'Ĥ' | 'ĥ' | 'Ħ' | 'ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ' | 'ĩ' | 'Ī' | 'ī' | 'Ĭ' | 'ĭ' | 'Į' | 'į' | 'İ' | 'ı' => {
            "i"
        }
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' => "k",
        'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' | 'Ŀ' | 'ŀ' | 'Ł' | 'ł' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ņ' | 'ņ' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ŏ' | 'ŏ' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ' | 'ŕ' | 'Ŗ' | 'ŗ' | 'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Ŝ' | 'ŝ' | 'Ş' | 'ş' | 'Š' | 'š' | 'Ș' | 'ș' => "s",
        'ß' => "ss",
        'Ţ' | 'ţ' | 'Ť' | 'ť' | 'Ŧ' | 'ŧ' | 'Ț' | 'ț' => "t",
        'Þ' | 'þ' => "th",
        'Ù'..='Ü'
        | 'ù'..='ü'
        | 'Ũ'
        | 'ũ'
        | 'Ū'
        | 'ū'
        | 'Ŭ'
        | 'ŭ'
        | 'Ů'
        | 'ů'
        | 'Ű'
        | 'ű'
        | 'Ų'
        | 'ų' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ' | 'ŷ' | 'Ÿ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => "z",
        '‘' | '’' | 'ʼ' | 'ʻ' | '`' => "'",
        '‐' | '‑' | '–' => "-",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(key("São  Paulo"), "sao paulo");
        assert_eq!(key(" Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(ascii("Bogotá").as_deref(), Some("Bogota"));
        assert_eq!(key("St. Paul"), key("Saint Paul"));
        assert_eq!(key("St Albans"), "saint albans");
        assert_eq!(key("Mt. Pleasant"), "mount pleasant");
        assert_eq!(key("Ft. Worth"), "fort worth");
        assert_eq!(key("Ste. Genevieve"), "sainte genevieve");
        // Only a first word of a longer name.
        assert_eq!(key("St."), "st.");
        assert_eq!(key("Main St."), "main st.");
        assert_eq!(ascii("Łódź").as_deref(), Some("Lodz"));
        assert_eq!(ascii("Багдад"), None);
    }
}
