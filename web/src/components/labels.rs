//! Danish words for domain values that pages show, kept in one place.

use audit::visibility::ProgressStatus;
use audit::{Attendance, RevealRule};
use maud::{Markup, html};

/// The attendance as the reports write it, with the reason ("afbud (sygdom)").
pub fn attendance(attendance: &Attendance) -> String {
    match attendance {
        Attendance::Deltager => "deltager".to_owned(),
        Attendance::Afbud { grund, paa_dagen } => {
            let day = if *paa_dagen { ", på dagen" } else { "" };
            if grund.trim().is_empty() {
                format!("afbud{day}")
            } else {
                format!("afbud ({grund}{day})")
            }
        }
        Attendance::Fritaget { grund } if grund.trim().is_empty() => "fritaget".to_owned(),
        Attendance::Fritaget { grund } => format!("fritaget ({grund})"),
    }
}

/// The reveal rule in words.
pub fn reveal_rule(rule: RevealRule) -> &'static str {
    match rule {
        RevealRule::VedMoedet => "Koordinatoren afslører bedømmelserne på auditmødet",
        RevealRule::EfterEgenIndsendelse => {
            "En panelist ser de andres bedømmelser af et materiale, når egne bedømmelser af det er indsendt"
        }
    }
}

/// A panelist's round-1 progress as a badge: indsendt, kladde or ikke begyndt.
pub fn progress_status(status: ProgressStatus) -> Markup {
    let (class, text) = match status {
        ProgressStatus::Submitted => ("submitted", "Indsendt"),
        ProgressStatus::Draft => ("draft", "Kladde"),
        ProgressStatus::NotStarted => ("not-started", "Ikke begyndt"),
    };
    html! { span class=(format!("status {class}")) { (text) } }
}

/// `text` with its first letter in upper case ("drøftelse" → "Drøftelse").
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
