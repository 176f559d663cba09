//! Stable ids from Danish text: "Sag A" → `sag-a`, "Hvad kendetegner god praksis?" →
//! `hvad-kendetegner-god-praksis`. The same text always gives the same id, so rebuilding a form keeps
//! its item ids; æ, ø and å are spelled out as ae, oe and aa.

/// `text` as a slug of at most `max` characters: lower-case a–z, digits and single hyphens, cut at a
/// word boundary when possible; "x" when nothing is left.
pub(super) fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut hyphen = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let spelled: &str = match c {
            'æ' | 'ä' => "ae",
            'ø' | 'ö' => "oe",
            'å' => "aa",
            'é' | 'è' | 'ê' => "e",
            'ü' => "u",
            _ => "",
        };
        if !spelled.is_empty() {
            out.push_str(spelled);
            hyphen = false;
        } else if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
            hyphen = false;
        } else if !out.is_empty() && !hyphen {
            out.push('-');
            hyphen = true;
        }
    }
    if out.len() > max {
        out.truncate(max);
        if let Some(cut) = out.rfind('-').filter(|&i| i >= max / 2) {
            out.truncate(cut);
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() { "x".to_owned() } else { out }
}

/// `base`, or `base-2`, `base-3` … when `taken` already holds it; never longer than `max`.
pub(super) fn unique(base: &str, max: usize, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| {
            let suffix = format!("-{n}");
            let keep = max.saturating_sub(suffix.len()).min(base.len());
            format!("{}{suffix}", base[..keep].trim_end_matches('-'))
        })
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| base.to_owned())
}

#[cfg(test)]
mod tests {
    use super::{slug, unique};

    #[test]
    fn danish_text_becomes_a_stable_slug() {
        assert_eq!(slug("Sag A", 40), "sag-a");
        assert_eq!(slug("Øst – Rapport Å?", 40), "oest-rapport-aa");
        assert_eq!(
            slug(
                "Hvad kendetegner en god bedømmelse af ledelsens kompetencer?",
                30
            ),
            "hvad-kendetegner-en-god"
        );
        assert_eq!(slug("!!!", 10), "x");
        assert_eq!(
            slug("Sag A", 40),
            slug("Sag A", 40),
            "the same text, the same id"
        );
    }

    #[test]
    fn taken_ids_get_a_number() {
        let taken = ["sag-a", "sag-a-2"];
        assert_eq!(unique("sag-a", 40, |c| taken.contains(&c)), "sag-a-3");
        assert_eq!(unique("sag-b", 40, |c| taken.contains(&c)), "sag-b");
        assert_eq!(unique("abcdef", 6, |c| c == "abcdef"), "abcd-2");
    }
}
