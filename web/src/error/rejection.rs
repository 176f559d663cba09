//! Serde's complaints about a JSON or form body, in Danish: which field, and what is wrong with it.
//!
//! axum's `Json` and `Form` extractors deserialise through `serde_path_to_error`, so their rejections
//! carry the path of the field that did not fit (`ratings[0].value`) and serde's English message
//! ("invalid type: floating point `2.5`, expected u8"). The English never reaches a user: the message
//! is read for its kind (missing field, unknown field, wrong type, wrong value) and what was found, and
//! said again in Danish with the field's path. Anything not recognised becomes "Feltet »…« har en
//! ugyldig værdi".

use std::error::Error as StdError;

/// The serde error with its field path somewhere in the source chain of `err`, if there is one.
fn path_error<'a, E: StdError + 'static>(
    err: &'a (dyn StdError + 'static),
) -> Option<&'a serde_path_to_error::Error<E>> {
    let mut current = Some(err);
    while let Some(e) = current {
        if let Some(found) = e.downcast_ref::<serde_path_to_error::Error<E>>() {
            return Some(found);
        }
        current = e.source();
    }
    None
}

/// What is wrong with a JSON body whose shape does not fit, in Danish, naming the field.
pub(crate) fn json_data(err: &(dyn StdError + 'static)) -> String {
    match path_error::<serde_json::Error>(err) {
        Some(e) => data_message(
            &e.path().to_string(),
            &without_position(&e.inner().to_string()),
        ),
        None => "JSON-indholdet passer ikke til det forventede.".to_owned(),
    }
}

/// What is wrong with a body that is not JSON at all, in Danish, with the place.
pub(crate) fn json_syntax(err: &(dyn StdError + 'static)) -> String {
    match path_error::<serde_json::Error>(err) {
        Some(e) if e.inner().is_eof() => format!(
            "Indholdet er ikke gyldig JSON: det slutter, før det er færdigt (linje {}, tegn {}).",
            e.inner().line(),
            e.inner().column()
        ),
        Some(e) => format!(
            "Indholdet er ikke gyldig JSON (fejl i linje {}, tegn {}).",
            e.inner().line(),
            e.inner().column()
        ),
        None => "Indholdet er ikke gyldig JSON.".to_owned(),
    }
}

/// What is wrong with a form body that does not fit, in Danish, naming the field.
pub(crate) fn form(err: &(dyn StdError + 'static)) -> String {
    match path_error::<serde_urlencoded::de::Error>(err) {
        Some(e) => {
            let message = e.inner().to_string();
            let path = e.path().to_string();
            match backquoted(&message, "missing field ") {
                Some(name) => {
                    format!("Formularen er ufuldstændig: feltet »{name}« mangler. Intet er gemt.")
                }
                None if path != "." => format!(
                    "Formularen indeholder en ugyldig værdi i feltet »{path}«. Intet er gemt."
                ),
                None => "Formularen indeholder ugyldige værdier. Intet er gemt.".to_owned(),
            }
        }
        None => "Formularen er ufuldstændig eller indeholder ugyldige værdier. Intet er gemt."
            .to_owned(),
    }
}

/// serde_json's message without its " at line L column C".
fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// The name between backquotes after `prefix` at the start of `message` ("missing field `unit`").
fn backquoted<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = message.strip_prefix(prefix)?.strip_prefix('`')?;
    rest.split('`').next()
}

/// `path` joined with `name`: the full path of a field inside the object at `path`.
fn join(path: &str, name: &str) -> String {
    if path == "." || path.is_empty() {
        name.to_owned()
    } else if path == name || path.ends_with(&format!(".{name}")) {
        path.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// The Danish message for serde's `message` about the field at `path`.
fn data_message(path: &str, message: &str) -> String {
    if let Some(name) = backquoted(message, "missing field ") {
        return format!("Feltet »{}« mangler.", join(path, name));
    }
    if let Some(name) = backquoted(message, "unknown field ") {
        return format!(
            "Feltet »{}« kendes ikke; se API'ets beskrivelse af de felter, der kan sendes.",
            join(path, name)
        );
    }
    if let Some(name) = backquoted(message, "duplicate field ") {
        return format!("Feltet »{}« står to gange.", join(path, name));
    }
    let found_expected = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .map(|rest| match rest.split_once(", expected ") {
            Some((found, expected)) => (found, Some(expected)),
            None => (rest, None),
        });
    // The API's bodies are objects: a top-level value of another kind, or an array read into an
    // object field by field (serde allows that), is refused as a whole.
    if path == "." || path.starts_with('[') {
        return "Indholdet skal være et JSON-objekt med de felter, API'et beskriver.".to_owned();
    }
    match found_expected {
        Some((found, expected)) => {
            let expected = expected.and_then(expected_words);
            match (found_words(found), expected) {
                (Some(found), Some(expected)) => {
                    format!("Feltet »{path}« skal være {expected}, men er {found}.")
                }
                (Some(found), None) => format!("Feltet »{path}« kan ikke være {found}."),
                (None, Some(expected)) => format!("Feltet »{path}« skal være {expected}."),
                (None, None) => format!("Feltet »{path}« har en ugyldig værdi."),
            }
        }
        None => format!("Feltet »{path}« har en ugyldig værdi."),
    }
}

/// serde's words for the value found ("floating point `2.5`") in Danish.
fn found_words(found: &str) -> Option<String> {
    let quoted = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .map(|rest| rest.trim_matches(|c| c == '`' || c == '"').to_owned())
    };
    if let Some(n) = quoted("integer ") {
        return Some(format!("heltallet {n}"));
    }
    if let Some(n) = quoted("floating point ") {
        return Some(format!("decimaltallet {n}"));
    }
    if let Some(b) = quoted("boolean ") {
        return Some(format!("sandhedsværdien {b}"));
    }
    if let Some(s) = quoted("string ") {
        return Some(format!("teksten »{s}«"));
    }
    match found {
        "null" | "unit value" => Some("null".to_owned()),
        "map" => Some("et objekt".to_owned()),
        "sequence" => Some("en liste".to_owned()),
        _ => None,
    }
}

/// serde's words for what was expected ("u8", "a string", "struct PostedRating") in Danish.
fn expected_words(expected: &str) -> Option<&'static str> {
    let e = expected.trim();
    if matches!(
        e,
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "usize" | "isize"
    ) {
        return Some("et heltal i det tilladte interval");
    }
    if e.starts_with("struct ") || e == "a map" {
        return Some("et objekt");
    }
    match e {
        "a string" | "a borrowed string" | "string" => Some("en tekst"),
        "a boolean" | "bool" => Some("true eller false"),
        "a sequence" | "a tuple" => Some("en liste"),
        "f32" | "f64" => Some("et tal"),
        "any valid JSON value" => Some("en JSON-værdi"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::data_message;

    #[test]
    fn serdes_english_becomes_danish_with_the_field() {
        for (path, message, expected) in [
            (
                "round",
                "invalid type: floating point `2.5`, expected u8",
                "Feltet »round« skal være et heltal i det tilladte interval, men er decimaltallet 2.5.",
            ),
            (
                "round",
                "invalid value: integer `300`, expected u8",
                "Feltet »round« skal være et heltal i det tilladte interval, men er heltallet 300.",
            ),
            (
                "submit",
                "invalid type: string \"ja\", expected a boolean",
                "Feltet »submit« skal være true eller false, men er teksten »ja«.",
            ),
            (
                "ratings[0]",
                "missing field `unit`",
                "Feltet »ratings[0].unit« mangler.",
            ),
            (".", "missing field `ratings`", "Feltet »ratings« mangler."),
            (
                "ratings[0].score",
                "unknown field `score`, expected one of `unit`, `value`, `reason`",
                "Feltet »ratings[0].score« kendes ikke; se API'ets beskrivelse af de felter, der kan sendes.",
            ),
            (
                ".",
                "invalid type: sequence, expected struct RatingsPost",
                "Indholdet skal være et JSON-objekt med de felter, API'et beskriver.",
            ),
            (
                "[0]",
                "invalid type: integer `1`, expected a sequence",
                "Indholdet skal være et JSON-objekt med de felter, API'et beskriver.",
            ),
            (
                "x",
                "something else entirely",
                "Feltet »x« har en ugyldig værdi.",
            ),
        ] {
            assert_eq!(data_message(path, message), expected, "{message}");
        }
    }
}
