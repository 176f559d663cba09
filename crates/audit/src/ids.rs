//! Identifiers parsed at the edge: audit numbers, usernames, material and item ids, rating units.
//!
//! Each is a newtype that can only hold a valid value, so code further in never re-checks them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An identifier that failed to parse; `Display` says which kind, quotes the text and says what is allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind} »{value}« er ugyldigt: {rule}")]
pub struct IdError {
    /// What was being parsed ("auditnummer", "brugernavn" …).
    pub kind: &'static str,
    /// The text given.
    pub value: String,
    /// What a valid one looks like.
    pub rule: &'static str,
}

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident, $kind:literal, $rule:literal, $check:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Parses and validates `value`.
            ///
            /// # Errors
            #[doc = concat!("[`IdError`] when the text is not a valid ", $kind, ".")]
            pub fn new(value: impl Into<String>) -> Result<Self, IdError> {
                let value: String = value.into();
                let check: fn(&str) -> bool = $check;
                if check(&value) {
                    Ok(Self(value))
                } else {
                    Err(IdError { kind: $kind, value, rule: $rule })
                }
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::new(s.trim())
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::new(s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }
    };
}

string_id!(
    /// An audit round's number, as the audit function writes it: a two-digit year, a dot and a running
    /// number ("19.1", "25.12") or a letter ("16.a", "16.b": 19.2 refers to "audit 16.a og 16.b").
    AuditNr,
    "auditnummer",
    "skriv år, punktum og løbenummer eller bogstav, f.eks. 19.1 eller 16.a",
    |s| matches!(s.split_once('.'), Some((y, n)) if y.len() == 2 && all_digits(y) && is_running_number(n))
);

/// The part after the dot: one to three digits, or one letter a–z.
fn is_running_number(n: &str) -> bool {
    let one_letter = n.len() == 1 && n.bytes().all(|b| b.is_ascii_lowercase());
    let digits = !n.is_empty() && n.len() <= 3 && all_digits(n);
    one_letter || digits
}

string_id!(
    /// A login name: lowercase ASCII letters, digits, '-', '_' and '.', at most 64 characters ("midt-2").
    Username,
    "brugernavn",
    "brug små bogstaver a–z, tal, bindestreg, punktum eller understreg (højst 64 tegn)",
    |s| is_slug(s, 64, &['-', '_', '.'])
);

string_id!(
    /// A material item's id within its audit ("m1", "hovedstaden-a").
    MaterialId,
    "materiale-id",
    "brug små bogstaver a–z, tal og bindestreg (højst 40 tegn)",
    |s| is_slug(s, 40, &['-'])
);

string_id!(
    /// A rating form item's id, unique within its audit ("20-1-a-3a", "refleksion-1").
    ItemId,
    "punkt-id",
    "brug små bogstaver a–z, tal, bindestreg og punktum (højst 40 tegn)",
    |s| is_slug(s, 40, &['-', '.'])
);

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

fn is_slug(s: &str, max: usize, extra: &[char]) -> bool {
    !s.is_empty()
        && s.len() <= max
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || extra.contains(&c))
        && s.starts_with(|c: char| c.is_ascii_alphanumeric())
}

/// One thing several raters rate: a form item, for one material when the item is rated per material.
///
/// Its text form is `item` or `item/material`; that is the unit id in exports and the agreement statistics.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UnitKey {
    /// The form item.
    pub item: ItemId,
    /// The material the item is rated for, when it is rated per material.
    pub material: Option<MaterialId>,
}

impl UnitKey {
    /// The unit of `item` rated for `material`.
    pub fn new(item: ItemId, material: Option<MaterialId>) -> UnitKey {
        UnitKey { item, material }
    }
}

impl fmt::Display for UnitKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.material {
            Some(m) => write!(f, "{}/{}", self.item, m),
            None => write!(f, "{}", self.item),
        }
    }
}

impl FromStr for UnitKey {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().split_once('/') {
            Some((item, material)) => Ok(UnitKey::new(item.parse()?, Some(material.parse()?))),
            None => Ok(UnitKey::new(s.parse()?, None)),
        }
    }
}

impl TryFrom<String> for UnitKey {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<UnitKey> for String {
    fn from(key: UnitKey) -> String {
        key.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_numbers_are_year_dot_number_or_letter() {
        // 003 (19.2) refers to "audit 16.a og 16.b": a letter after the dot is a number too.
        for ok in ["19.1", "20.1", "25.12", "16.a", "16.b"] {
            assert!(AuditNr::new(ok).is_ok(), "{ok}");
        }
        for bad in [
            "19", "2019.1", "19.", ".1", "19.ab", "19.A", "19.æ", "19.1.2", "16.a1", "",
        ] {
            let err = AuditNr::new(bad).unwrap_err();
            assert!(err.to_string().contains("auditnummer"), "{err}");
        }
    }

    #[test]
    fn usernames_are_lowercase_ascii() {
        assert!(Username::new("tilsynskontakt-oest").is_ok());
        assert!(Username::new("Midt-1").is_err());
        assert!(Username::new("søren").is_err());
        assert!(Username::new("-x").is_err());
    }

    #[test]
    fn unit_keys_round_trip_through_text() {
        let key: UnitKey = "f1-8.a/m3".parse().unwrap();
        assert_eq!(key.item.as_str(), "f1-8.a");
        assert_eq!(key.material.as_ref().map(MaterialId::as_str), Some("m3"));
        assert_eq!(key.to_string(), "f1-8.a/m3");
        let bare: UnitKey = "refleksion-1".parse().unwrap();
        assert_eq!(bare.material, None);
        assert!("x/Y".parse::<UnitKey>().is_err());
    }
}
