//! CPR numbers in audit material. Material is about citizens, and a tilsynsrapport or a case file may
//! carry a personal identity number that the panel must never see. The upload scans the file's text
//! with [`find_lines`] or [`find_pages`] and the koordinator is shown each hit masked (`010203-XXXX`)
//! with its line or page, before the material is released to the panel.
//!
//! A CPR number is `DDMMYY-SSSS`, or the same ten digits without the hyphen when they stand alone.
//! The six first digits must be a real date; the seventh digit decides the century (the CPR office's
//! table), which matters for 29 February. There is no modulus-11 check: numbers issued since 2007 need
//! not satisfy it. Digits that are part of a longer number (an account or a phone number with a
//! prefix) are not a CPR number.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where in a file a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Placering {
    /// A page of a PDF, from 1.
    Side(u32),
    /// A line of a text file or a paragraph of a Word document, from 1.
    Linje(u32),
}

impl fmt::Display for Placering {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Placering::Side(n) => write!(f, "side {n}"),
            Placering::Linje(n) => write!(f, "linje {n}"),
        }
    }
}

/// One possible CPR number: where it is, and the text around it with every CPR number masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CprFund {
    /// The page or line.
    pub placering: Placering,
    /// The number masked (`010203-XXXX`) with a few words around it, never the full number.
    pub udsnit: String,
}

/// How many characters of context an excerpt shows on each side of the number.
const CONTEXT_CHARS: usize = 24;

/// The byte ranges of the CPR numbers in `text`, in order.
pub fn find(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let run_end = |mut i: usize| {
        while digit(i) {
            i += 1;
        }
        i
    };
    let mut hits = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !digit(i) {
            i += 1;
            continue;
        }
        let end = run_end(i);
        let candidate = match end - i {
            // DDMMYY-SSSS: exactly six digits, a hyphen and exactly four digits.
            6 if bytes.get(end) == Some(&b'-') && run_end(end + 1) == end + 5 => Some(end + 5),
            // DDMMYYSSSS standing alone.
            10 => Some(end),
            _ => None,
        };
        if let Some(stop) = candidate {
            let digits: Vec<u8> = bytes[i..stop]
                .iter()
                .filter(|b| b.is_ascii_digit())
                .map(|b| b - b'0')
                .collect();
            if valid_date(&digits) {
                hits.push(i..stop);
            }
            i = stop;
        } else {
            i = end;
        }
    }
    hits
}

/// Whether the ten digits start with a real date, the century read from the seventh digit.
fn valid_date(d: &[u8]) -> bool {
    let [d1, d2, m1, m2, y1, y2, s, ..] = d else {
        return false;
    };
    let (day, month, yy) = (
        u32::from(d1 * 10 + d2),
        u32::from(m1 * 10 + m2),
        u32::from(y1 * 10 + y2),
    );
    let century = match (s, yy) {
        (0..=3, _) => 1900,
        (4 | 9, 0..=36) => 2000,
        (4 | 9, _) => 1900,
        (_, 0..=57) => 2000,
        _ => 1800,
    };
    let year = century + yy;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// `text` with the last four digits of every CPR number replaced by `X` (same length in bytes).
fn masked(text: &str, hits: &[std::ops::Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for hit in hits {
        let mut left = 4;
        for b in bytes[hit.clone()].iter_mut().rev() {
            if left == 0 {
                break;
            }
            if b.is_ascii_digit() {
                *b = b'X';
                left -= 1;
            }
        }
    }
    // Only ASCII digits were replaced by an ASCII letter, so the bytes are still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// The hits in one piece of text; `place` gives the placement of a hit from the number of line breaks
/// before it.
fn scan(text: &str, place: impl Fn(u32) -> Placering) -> Vec<CprFund> {
    let hits = find(text);
    let shown = masked(text, &hits);
    hits.iter()
        .map(|hit| {
            let line_start = shown[..hit.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = shown[hit.end..]
                .find('\n')
                .map_or(shown.len(), |i| hit.end + i);
            let before: Vec<char> = shown[line_start..hit.start].chars().collect();
            let after: Vec<char> = shown[hit.end..line_end].chars().collect();
            let from = before.len().saturating_sub(CONTEXT_CHARS);
            let to = after.len().min(CONTEXT_CHARS);
            let mut udsnit = String::new();
            if from > 0 {
                udsnit.push('…');
            }
            udsnit.extend(&before[from..]);
            udsnit.push_str(&shown[hit.clone()]);
            udsnit.extend(&after[..to]);
            if to < after.len() {
                udsnit.push('…');
            }
            let breaks = shown[..hit.start].matches('\n').count();
            CprFund {
                placering: place(u32::try_from(breaks).unwrap_or(u32::MAX).saturating_add(1)),
                udsnit: udsnit.split_whitespace().collect::<Vec<_>>().join(" "),
            }
        })
        .collect()
}

/// The CPR numbers in a text file (or a Word document's paragraphs, one per line), by line.
pub fn find_lines(text: &str) -> Vec<CprFund> {
    scan(text, Placering::Linje)
}

/// The CPR numbers in a PDF's text layer, `pages[i]` being the text of page i + 1, by page.
pub fn find_pages(pages: &[String]) -> Vec<CprFund> {
    pages
        .iter()
        .zip(1u32..)
        .flat_map(|(text, page)| scan(text, |_| Placering::Side(page)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpr_numbers_are_found_only_with_a_real_date_and_standing_alone() {
        // (text, the numbers found)
        let cases: &[(&str, &[&str])] = &[
            ("cpr 010203-1234.", &["010203-1234"]),
            ("0102031234", &["0102031234"]),
            ("(0102031234)", &["0102031234"]),
            (
                "a 311299-4321 og 150285-1234",
                &["311299-4321", "150285-1234"],
            ),
            // Not a date: day 32, month 13, day 0, 31 April.
            ("320101-1234", &[]),
            ("011301-1234", &[]),
            ("000101-1234", &[]),
            ("310485-1234", &[]),
            // 29 February: 1984 is a leap year (seventh digit 1 → 1900s); 1900 is not; 2000 is (4 → 2000s).
            ("290284-1234", &["290284-1234"]),
            ("290200-1234", &[]),
            ("290200-4234", &["290200-4234"]),
            // Part of a longer number: eleven digits, seven before the hyphen, five after.
            ("01020312345", &[]),
            ("10102031234", &[]),
            ("1010203-1234", &[]),
            ("010203-12345", &[]),
            // Too short, or a space instead of the hyphen.
            ("010203-123", &[]),
            ("010203 1234", &[]),
            // No modulus-11 check: 010203-1235 fails it and is still found.
            ("010203-1235", &["010203-1235"]),
            ("ingen tal her", &[]),
            ("æøå 010203-1234 æøå", &["010203-1234"]),
        ];
        for (text, expected) in cases {
            let found: Vec<&str> = find(text).into_iter().map(|r| &text[r]).collect();
            assert_eq!(&found, expected, "{text}");
        }
    }

    #[test]
    fn hits_are_masked_with_their_line_and_context() {
        let text =
            "Referat\n\nBorgeren (cpr 010203-1234) og 0102031234 deltog i mødet om støtte.\n";
        let found = find_lines(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].placering, Placering::Linje(3));
        assert_eq!(
            found[0].udsnit,
            "Borgeren (cpr 010203-XXXX) og 010203XXXX deltog i…"
        );
        assert!(found.iter().all(|f| !f.udsnit.contains("1234")));
        assert_eq!(found[1].placering.to_string(), "linje 3");
    }

    #[test]
    fn pdf_pages_are_numbered_from_one() {
        let pages = vec!["intet".to_owned(), "nr. 150285-1234".to_owned()];
        let found = find_pages(&pages);
        assert_eq!(
            found,
            [CprFund {
                placering: Placering::Side(2),
                udsnit: "nr. 150285-XXXX".to_owned()
            }]
        );
    }
}
