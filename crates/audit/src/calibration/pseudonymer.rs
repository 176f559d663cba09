//! The raters of a published report under pseudonyms: "Bedømmer A" from Midt, never a name.
//!
//! The auditrapport goes out to the five tilsyn and the public; it shows how the panel agreed, not who
//! judged harsher. Every calibration figure of the report therefore names a rater by a letter, given
//! by the member's place on the audit's panel (the first member is A, the 27th AA). The panel's seats
//! are frozen once rating has begun ([`Audit::check_setup_change`]) and a report is published only
//! after reveal, so a rater keeps the same letter in every version of the report. The koordinator's
//! live dashboard keeps the names; it reads [`CalibrationReport`] as computed.

use super::CalibrationReport;
use crate::{Audit, Username};

/// The letter of the panel seat `index` (0-based): A … Z, then AA, AB, … like a spreadsheet's columns.
pub fn bogstav(index: usize) -> String {
    let mut n = index + 1;
    let mut ud = Vec::new();
    while n > 0 {
        let rest = (n - 1) % 26;
        ud.push(char::from(b'A' + u8::try_from(rest).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    ud.iter().rev().collect()
}

/// A rater's pseudonym in `audit`'s published figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bedoemmerpseudonym {
    /// The pseudonym in the place of the username ("bedoemmer-a"), so that no login is published.
    pub id: Username,
    /// The pseudonym as printed ("Bedømmer A"); the figures add the tilsyn ("Bedømmer A (Midt)").
    pub navn: String,
}

/// The pseudonym of `username` in `audit`: by the member's seat on the panel. A username on no seat
/// (which cannot have a counted rating after reveal) gets the letter after the last seat, so that it
/// too is published under a pseudonym.
pub fn pseudonym(audit: &Audit, username: &Username) -> Bedoemmerpseudonym {
    let plads = audit
        .panel
        .iter()
        .position(|m| &m.username == username)
        .unwrap_or(audit.panel.len());
    let b = bogstav(plads);
    Bedoemmerpseudonym {
        // "bedoemmer-" and lowercase ASCII letters: always a valid username.
        id: Username::new(format!("bedoemmer-{}", b.to_lowercase()))
            .unwrap_or_else(|_| username.clone()),
        navn: format!("Bedømmer {b}"),
    }
}

impl CalibrationReport {
    /// The same figures with every rater under their pseudonym (username and display name).
    #[must_use]
    pub fn pseudonymiseret(mut self, audit: &Audit) -> CalibrationReport {
        let skift = |username: &mut Username, navn: &mut String| {
            let p = pseudonym(audit, username);
            *username = p.id;
            *navn = p.navn;
        };
        for s in &mut self.scales {
            for r in &mut s.heatmap.raters {
                skift(&mut r.username, &mut r.navn);
            }
            for r in &mut s.raters {
                skift(&mut r.username, &mut r.navn);
            }
            for r in &mut s.own_tilsyn.raters {
                skift(&mut r.username, &mut r.navn);
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::bogstav;

    #[test]
    fn letters_run_like_a_spreadsheets_columns() {
        assert_eq!(bogstav(0), "A");
        assert_eq!(bogstav(25), "Z");
        assert_eq!(bogstav(26), "AA");
        assert_eq!(bogstav(27), "AB");
        assert_eq!(bogstav(26 * 27), "AAA");
    }
}
