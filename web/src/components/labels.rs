//! Danish words for domain values that pages show, kept in one place.

use audit::visibility::{Fremdrift, ProgressStatus};
use audit::{Afsloeringsregel, Fremmoede};
use maud::{Markup, html};

/// The attendance as the reports write it, with the reason ("afbud (sygdom)").
pub fn attendance(attendance: &Fremmoede) -> String {
    match attendance {
        Fremmoede::Deltager => "deltager".to_owned(),
        Fremmoede::Afbud { grund, paa_dagen } => {
            let day = if *paa_dagen { ", på dagen" } else { "" };
            if grund.trim().is_empty() {
                format!("afbud{day}")
            } else {
                format!("afbud ({grund}{day})")
            }
        }
        Fremmoede::Fritaget { grund } if grund.trim().is_empty() => "fritaget".to_owned(),
        Fremmoede::Fritaget { grund } => format!("fritaget ({grund})"),
    }
}

/// The reveal rule in words.
pub fn reveal_rule(rule: Afsloeringsregel) -> &'static str {
    match rule {
        Afsloeringsregel::VedMoedet => "Koordinatoren afslører bedømmelserne på auditmødet",
        Afsloeringsregel::EfterEgenIndsendelse => {
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

/// Progress in three counts, "4 indsendt, 2 i kladde, 3 ikke startet" (`audit::visibility::Fremdrift`),
/// the one way every page shows how far the ratings have come.
pub fn fremdrift(fremdrift: Fremdrift) -> Markup {
    html! { span.fremdrift { (fremdrift) } }
}

/// `text` with its first letter in upper case ("drøftelse" → "Drøftelse").
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
