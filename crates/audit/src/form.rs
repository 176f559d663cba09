//! Rating forms (vurderingsskemaer): what the panel is asked to rate, built from the quality model.

use serde::{Deserialize, Serialize};

use crate::{ItemId, MaterialId, Scale};

/// A rating form: a scale, the material it covers and its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingForm {
    /// The heading the panel sees ("Vurderingsskema 1: Målgruppe, metoder og resultater").
    pub titel: String,
    /// The scale its rating items use.
    pub scale: Scale,
    /// The material the form covers; empty means all of the audit's material.
    #[serde(default)]
    pub materials: Vec<MaterialId>,
    /// The items, in the order shown.
    pub items: Vec<FormItem>,
}

impl RatingForm {
    /// Whether `item` of this form may be answered "kunne ikke bedømmes" (an answer without a value):
    /// an item rated on the form's scale only where the scale offers it ([`Scale::kan_ikke_bedoemmes`]);
    /// a nomination, a case selection or a reflection always.
    pub fn kan_ikke_bedoemmes(&self, item: &FormItem) -> bool {
        !item.kind.is_scored() || self.scale.kan_ikke_bedoemmes()
    }
}

/// One item of a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormItem {
    /// The id, unique within the audit.
    pub id: ItemId,
    /// What is asked, shown beside the answer (for indicator ratings the indicator's text).
    pub tekst: String,
    /// What kind of answer the item takes.
    #[serde(flatten)]
    pub kind: ItemKind,
}

/// The kinds of form items the seed audits use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "art", rename_all = "kebab-case")]
pub enum ItemKind {
    /// Rate one indicator of the quality model for each material, on the form's scale, with a reason (20.1).
    Indikator {
        /// The indicator id ("3.a").
        indikator: String,
    },
    /// The overall rating (helhedsvurdering) of each material, on the form's scale (20.1).
    Helhedsvurdering,
    /// Pick the best material for an indicator (19.1).
    Nominering {
        /// The indicator the nomination is for, if any.
        #[serde(default)]
        indikator: Option<String>,
    },
    /// Pick `antal` materials (cases) to discuss at the meeting (19.2).
    Sagsudvaelgelse {
        /// How many to pick.
        antal: u32,
    },
    /// A free-text reflection question (19.1's four questions).
    Refleksion,
    /// A checklist requirement answered ja / nej / ikke relevant for each material (faglig udtalelse).
    Tjekliste,
}

impl ItemKind {
    /// Whether the item is rated once per material (a unit per material) or once in all.
    pub fn per_material(&self) -> bool {
        matches!(
            self,
            ItemKind::Indikator { .. } | ItemKind::Helhedsvurdering | ItemKind::Tjekliste
        )
    }

    /// Whether the answer is a value on a scale, so that agreement can be computed on it.
    pub fn is_scored(&self) -> bool {
        self.per_material()
    }

    /// The Danish name of the kind.
    pub fn navn(&self) -> &'static str {
        match self {
            ItemKind::Indikator { .. } => "indikatorbedømmelse",
            ItemKind::Helhedsvurdering => "helhedsvurdering",
            ItemKind::Nominering { .. } => "nominering af bedste eksempel",
            ItemKind::Sagsudvaelgelse { .. } => "udvælgelse af sager",
            ItemKind::Refleksion => "refleksionsspørgsmål",
            ItemKind::Tjekliste => "tjeklistepunkt",
        }
    }
}
