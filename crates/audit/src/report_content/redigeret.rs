//! The koordinator's own wording of a generated paragraph: the tool writes Deltagere, Auditmateriale
//! and Metodisk fokus from the audit's data, and the koordinator may replace that text or add to it.
//! The edit remembers the generated text it was made against (`grundlag`), so that the editor can say
//! when the generated text would now read differently (after a panel change, say) and let the
//! koordinator take the new text or keep their own.

use serde::{Deserialize, Serialize};

/// The generated sections that can be edited: the anchor of each (the key of its edit) and its name.
pub const REDIGERBARE_AFSNIT: [(&str, &str); 3] = [
    ("deltagere", "Deltagere"),
    ("auditmateriale", "Auditmateriale"),
    ("metodisk-fokus", "Metodisk fokus"),
];

/// How the koordinator's text stands to the generated one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Redigeringsmaade {
    /// The koordinator's text instead of the generated.
    #[default]
    Erstat,
    /// The generated text, then the koordinator's.
    Tilfoej,
}

impl Redigeringsmaade {
    /// The marker the editor shows ("redigeret: erstattet").
    pub fn navn(self) -> &'static str {
        match self {
            Redigeringsmaade::Erstat => "erstattet",
            Redigeringsmaade::Tilfoej => "udvidet",
        }
    }
}

/// The koordinator's edit of one generated section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tekstredigering {
    /// Replace or extend.
    pub maade: Redigeringsmaade,
    /// The koordinator's paragraphs.
    pub tekst: Vec<String>,
    /// The generated paragraphs as they read when the koordinator last saved or kept the edit.
    pub grundlag: Vec<String>,
}
