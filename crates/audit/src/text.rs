//! Free text as the application accepts it: every text field has a length limit, and control
//! characters other than newline and tab are refused, so that no NUL byte, escape sequence or 1 MB
//! paste reaches the database, a report or an export.
//!
//! The limits, in characters (Unicode scalar values, as a user counts them):
//!
//! | field | limit |
//! | --- | --- |
//! | titles and headings (audit title, form title, section and recommendation headings) | [`TITLE_MAX`] = 300 |
//! | names and short fields (names, ids, a deadline as typed) | [`SHORT_MAX`] = 300 |
//! | a reason (begrundelse) of a rating, a reflection answer, the reason of a workflow step or a follow-up event | [`REASON_MAX`] = 5 000 |
//! | longer prose (purpose, focus, report texts, discussion notes, follow-up texts) | [`PROSE_MAX`] = 20 000 |
//!
//! The set-up pages hold a few fields shorter than their kind: a material's pseudonym and a scale
//! label at most 80 characters, a material's description and one line of the form builder at most 500.
//! The README's "Grænser for input" lists them all.
//!
//! A line break may be sent as `\n` or as `\r\n` (browsers send text areas so) and counts as one
//! character; a carriage return on its own is refused like the other control characters.
//!
//! Every handler that takes free text calls [`check_text`] with the field's Danish name; the domain's
//! own checks (`Audit::validate`, `Audit::check_rating`, `workflow::transition`, the follow-up status
//! machine) call it again, so a path that forgets is still refused before anything is stored.

/// The longest title or heading, in characters.
pub const TITLE_MAX: usize = 300;

/// The longest name or other short field, in characters.
pub const SHORT_MAX: usize = 300;

/// The longest reason (begrundelse) or reflection answer, in characters.
pub const REASON_MAX: usize = 5_000;

/// The longest prose field (purpose, report texts, discussion notes), in characters.
pub const PROSE_MAX: usize = 20_000;

/// Why a text is refused; `Display` names the field (as given to [`check_text`]) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Longer than the field's limit.
    #[error("{field} er for lang: {chars} tegn, men højst {max} tegn er tilladt")]
    TooLong {
        /// The field, in Danish ("begrundelsen").
        field: String,
        /// The text's length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// A control character other than newline and tab.
    #[error(
        "{field} indeholder et usynligt styretegn ({code}) som tegn nr. {position}; kun almindelige tegn, linjeskift og tabulator er tilladt"
    )]
    ControlCharacter {
        /// The field, in Danish.
        field: String,
        /// The character as `U+0000`.
        code: String,
        /// Its position, counted from 1 in characters.
        position: usize,
    },
}

impl TextError {
    /// The field the error names.
    pub fn field(&self) -> &str {
        match self {
            TextError::TooLong { field, .. } | TextError::ControlCharacter { field, .. } => field,
        }
    }
}

/// Checks `value` of the field `field` (its Danish name in definite form, e.g. "begrundelsen"): at most
/// `max_chars` characters, a line break counted once whether sent as `\n` or `\r\n`, and no control
/// character but newline and tab.
///
/// # Errors
/// [`TextError::ControlCharacter`] for the first control character, else [`TextError::TooLong`].
pub fn check_text(field: &str, value: &str, max_chars: usize) -> Result<(), TextError> {
    let mut chars = 0;
    let mut iter = value.chars().peekable();
    while let Some(c) = iter.next() {
        chars += 1;
        let allowed = match c {
            '\n' | '\t' => true,
            // CR LF is one line break; the LF is counted, the CR not.
            '\r' if iter.peek() == Some(&'\n') => {
                chars -= 1;
                true
            }
            c => !c.is_control(),
        };
        if !allowed {
            return Err(TextError::ControlCharacter {
                field: field.to_owned(),
                code: format!("U+{:04X}", u32::from(c)),
                position: chars,
            });
        }
    }
    if chars > max_chars {
        return Err(TextError::TooLong {
            field: field.to_owned(),
            chars,
            max: max_chars,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_danish_text_with_newlines_and_tabs_passes() {
        assert_eq!(
            check_text("begrundelsen", "Æble, øl og å.\r\n\tNy linje\n", 100),
            Ok(())
        );
        assert_eq!(check_text("titlen", "", TITLE_MAX), Ok(()));
    }

    #[test]
    fn control_characters_are_refused_with_their_code_and_place() {
        for (text, code, position) in [
            ("a\u{0}b", "U+0000", 2),
            ("\u{1}", "U+0001", 1),
            ("ab\u{7f}", "U+007F", 3),
            ("a\rb", "U+000D", 2),
            ("æ\u{1b}[31m", "U+001B", 2),
            ("x\u{85}", "U+0085", 2),
        ] {
            let err = check_text("begrundelsen", text, 100).unwrap_err();
            assert_eq!(
                err,
                TextError::ControlCharacter {
                    field: "begrundelsen".into(),
                    code: code.into(),
                    position,
                },
                "{text:?}"
            );
            assert!(
                err.to_string()
                    .starts_with("begrundelsen indeholder et usynligt styretegn")
            );
        }
    }

    #[test]
    fn the_limit_counts_characters_and_a_crlf_once() {
        assert_eq!(check_text("f", &"æ".repeat(REASON_MAX), REASON_MAX), Ok(()));
        let err = check_text("begrundelsen", &"æ".repeat(REASON_MAX + 1), REASON_MAX).unwrap_err();
        assert_eq!(
            err.to_string(),
            "begrundelsen er for lang: 5001 tegn, men højst 5000 tegn er tilladt"
        );
        assert_eq!(
            check_text("f", "ab\r\ncd", 5),
            Ok(()),
            "CR LF is one character"
        );
        assert!(check_text("f", "ab\r\ncde", 5).is_err());
    }
}
