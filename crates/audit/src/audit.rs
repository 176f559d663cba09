//! The audit round (auditforløb): its settings, panel, material and forms, and the checks on ratings.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::text::{PROSE_MAX, REASON_MAX, SHORT_MAX, TITLE_MAX, TextError, check_text};
use crate::{
    AuditNr, FormItem, Fremmoede, ItemId, ItemKind, Material, MaterialId, PanelMember, Rating,
    RatingForm, RatingValue, Round, ScaleError, UnitKey, Username, WorkflowError, WorkflowState,
};

/// When panelists get to see each other's round-1 ratings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Afsloeringsregel {
    /// The koordinator reveals all ratings at the audit meeting (the transition to drøftelse). The default.
    #[default]
    VedMoedet,
    /// A panelist sees the others' submitted ratings of a material once their own ratings of it are
    /// submitted; everybody sees everything from drøftelse on.
    EfterEgenIndsendelse,
}

/// A part of an audit's set-up that is frozen once rating has begun ([`Audit::setup_freeze`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetupPart {
    /// The quality-model version.
    ModelVersion,
    /// The reveal rule.
    Afsloeringsregel,
    /// The scale of the rating forms.
    Scale,
    /// The rating forms' items, titles and material.
    Forms,
    /// The material items.
    Materials,
    /// The files of the material items.
    MaterialFiles,
    /// Who sits on the panel, from which tilsyn, in which role.
    Panel,
}

impl SetupPart {
    /// The part in Danish, in definite form ("reglen for afsløring af bedømmelserne").
    pub fn navn(self) -> &'static str {
        match self {
            SetupPart::ModelVersion => "kvalitetsmodellens version",
            SetupPart::Afsloeringsregel => "reglen for afsløring af bedømmelserne",
            SetupPart::Scale => "skalaen",
            SetupPart::Forms => "vurderingsskemaerne",
            SetupPart::Materials => "auditmaterialet",
            SetupPart::MaterialFiles => "auditmaterialets filer",
            SetupPart::Panel => "panelets sammensætning",
        }
    }

    /// The pronoun that stands for the part in a following sentence.
    fn pronomen(self) -> &'static str {
        match self {
            SetupPart::ModelVersion
            | SetupPart::Afsloeringsregel
            | SetupPart::Scale
            | SetupPart::Panel => "den",
            SetupPart::Forms | SetupPart::MaterialFiles => "de",
            SetupPart::Materials => "det",
        }
    }

    /// Why the part freezes once rating has begun.
    fn hvorfor(self) -> &'static str {
        match self {
            SetupPart::ModelVersion => "skemaerne og bedømmelserne bygger på den",
            SetupPart::Afsloeringsregel => {
                "panelet bedømmer i tillid til den regel, der gjaldt, da bedømmelsen begyndte, og en ændring kunne vise bedømmelser før tid"
            }
            SetupPart::Scale => "bedømmelserne afgives på den",
            SetupPart::Forms => "bedømmelserne hører til skemaernes punkter",
            SetupPart::Materials => "bedømmelserne hører til materialet",
            SetupPart::MaterialFiles => "panelet bedømmer det, filerne viser",
            SetupPart::Panel => "bedømmelserne hører til panelets medlemmer og deres tilsyn",
        }
    }
}

/// Why an audit's set-up is frozen ([`Audit::setup_freeze`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freeze {
    /// The audit has left planlægning.
    State(WorkflowState),
    /// Ratings exist (a draft counts), although the audit is in planlægning again.
    Rated,
}

impl Freeze {
    /// The Danish fragment that says `part` is frozen and why ("reglen for afsløring af bedømmelserne
    /// ligger fast, fordi der allerede er afgivet bedømmelser …").
    pub fn message(self, part: SetupPart) -> String {
        let navn = part.navn();
        match self {
            Freeze::State(state) => {
                let mut pronomen = part.pronomen().chars();
                let pronomen: String = pronomen
                    .next()
                    .map(|c| c.to_uppercase().chain(pronomen).collect())
                    .unwrap_or_default();
                format!(
                    "{navn} kan kun ændres under planlægning; auditforløbet er i tilstanden {state}. {pronomen} ligger fast, fordi {}",
                    part.hvorfor()
                )
            }
            Freeze::Rated => format!(
                "{navn} ligger fast, fordi der allerede er afgivet bedømmelser i auditforløbet (en kladde tæller med), og {}",
                part.hvorfor()
            ),
        }
    }

    /// The refusal of a change of `part`.
    pub fn refusal(self, part: SetupPart) -> WorkflowError {
        WorkflowError::Precondition(self.message(part))
    }
}

/// An audit round with everything the domain rules need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Audit {
    /// The number ("19.1").
    pub nr: AuditNr,
    /// The title.
    pub titel: String,
    /// Formål: why the round is run.
    pub formaal: String,
    /// Fokus: the tema or indicators in focus, in words.
    pub fokus: String,
    /// The quality-model version the round runs under ("2017", "2024").
    pub model_version: String,
    /// The workflow state.
    pub state: WorkflowState,
    /// The deadline for round-1 ratings.
    pub deadline: Option<Date>,
    /// The date of the audit meeting.
    pub meeting_date: Option<Date>,
    /// When ratings are revealed.
    #[serde(default)]
    pub reveal_rule: Afsloeringsregel,
    /// The panel.
    pub panel: Vec<PanelMember>,
    /// The material.
    pub materials: Vec<Material>,
    /// The rating forms.
    pub forms: Vec<RatingForm>,
}

/// An audit whose parts do not fit together; `Display` names the part.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditError {
    /// Two panel members with one username.
    #[error("brugeren »{0}« står to gange i panelet")]
    DuplicateMember(Username),
    /// Two material items with one id.
    #[error("materialet »{0}« findes to gange")]
    DuplicateMaterial(MaterialId),
    /// Two form items with one id.
    #[error("skemapunktet »{0}« findes to gange")]
    DuplicateItem(ItemId),
    /// A form names material the audit does not have.
    #[error("vurderingsskemaet »{form}« nævner materialet »{material}«, som ikke findes")]
    UnknownFormMaterial {
        /// The form's title.
        form: String,
        /// The unknown material id.
        material: MaterialId,
    },
    /// An empty title.
    #[error("auditforløbet mangler en titel")]
    MissingTitle,
    /// A text that is too long or holds a control character (`crate::text`).
    #[error(transparent)]
    Text(#[from] TextError),
}

/// Why a rating is refused; `Display` says what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RatingError {
    /// The rater is not on the panel, or is exempted.
    #[error("»{0}« er ikke bedømmer i dette auditforløb")]
    NotARater(Username),
    /// The unit does not exist in the audit's forms.
    #[error("enheden »{0}« findes ikke i auditforløbets vurderingsskemaer")]
    UnknownUnit(UnitKey),
    /// The value does not fit the item.
    #[error("svaret på »{unit}« passer ikke til punktet: {problem}")]
    WrongValue {
        /// The unit.
        unit: UnitKey,
        /// What is wrong.
        problem: String,
    },
    /// A score outside the scale.
    #[error("svaret på »{unit}«: {source}")]
    OffScale {
        /// The unit.
        unit: UnitKey,
        /// The scale's complaint.
        source: ScaleError,
    },
    /// The round is not open in the audit's state.
    #[error("runde {round} kan ikke bedømmes, når auditforløbet er i tilstanden {state}")]
    RoundClosed {
        /// The round tried.
        round: u8,
        /// The audit's state.
        state: WorkflowState,
    },
    /// Round 1 after the deadline.
    #[error("fristen for bedømmelserne var {}; der kan ikke længere bedømmes", crate::dansk_dato(*.0))]
    PastDeadline(Date),
    /// The rating was already submitted and is read-only.
    #[error("bedømmelsen af »{0}« er allerede indsendt og kan ikke ændres")]
    AlreadySubmitted(UnitKey),
    /// The reason or the text answer is too long or holds a control character (`crate::text`).
    #[error("bedømmelsen af »{unit}«: {source}")]
    Text {
        /// The unit.
        unit: UnitKey,
        /// What is wrong with the text.
        source: TextError,
    },
}

impl Audit {
    /// Checks that the parts fit together: unique usernames, material and item ids, and forms that only
    /// name existing material.
    ///
    /// # Errors
    /// The first [`AuditError`] found.
    pub fn validate(&self) -> Result<(), AuditError> {
        if self.titel.trim().is_empty() {
            return Err(AuditError::MissingTitle);
        }
        self.check_texts()?;
        let mut users = BTreeSet::new();
        for m in &self.panel {
            if !users.insert(&m.username) {
                return Err(AuditError::DuplicateMember(m.username.clone()));
            }
        }
        let mut materials = BTreeSet::new();
        for m in &self.materials {
            if !materials.insert(&m.id) {
                return Err(AuditError::DuplicateMaterial(m.id.clone()));
            }
        }
        let mut items = BTreeSet::new();
        for form in &self.forms {
            for material in &form.materials {
                if !materials.contains(material) {
                    return Err(AuditError::UnknownFormMaterial {
                        form: form.titel.clone(),
                        material: material.clone(),
                    });
                }
            }
            for item in &form.items {
                if !items.insert(&item.id) {
                    return Err(AuditError::DuplicateItem(item.id.clone()));
                }
            }
        }
        Ok(())
    }

    /// Checks every free text of the audit against its limit (`crate::text`): title, purpose and focus,
    /// the panel's names and reasons for absence, the material's pseudonyms and descriptions, and the
    /// forms' titles and item texts.
    ///
    /// # Errors
    /// The first [`TextError`], naming the field.
    pub fn check_texts(&self) -> Result<(), TextError> {
        check_text("titlen", &self.titel, TITLE_MAX)?;
        check_text("formålet", &self.formaal, PROSE_MAX)?;
        check_text("fokus", &self.fokus, PROSE_MAX)?;
        for m in &self.panel {
            check_text(&format!("navnet på »{}«", m.username), &m.navn, SHORT_MAX)?;
            if let Fremmoede::Afbud { grund, .. } | Fremmoede::Fritaget { grund } = &m.attendance {
                check_text(
                    &format!("grunden til fraværet for »{}«", m.username),
                    grund,
                    REASON_MAX,
                )?;
            }
        }
        for m in &self.materials {
            check_text(
                &format!("pseudonymet for »{}«", m.id),
                &m.pseudonym,
                SHORT_MAX,
            )?;
            check_text(
                &format!("beskrivelsen af »{}«", m.id),
                &m.beskrivelse,
                PROSE_MAX,
            )?;
        }
        for form in &self.forms {
            check_text("vurderingsskemaets titel", &form.titel, TITLE_MAX)?;
            for item in &form.items {
                check_text(
                    &format!("teksten til skemapunktet »{}«", item.id),
                    &item.tekst,
                    PROSE_MAX,
                )?;
            }
        }
        Ok(())
    }

    /// Whether the set-up of this audit is frozen, and why: outside planlægning always, and in
    /// planlægning too once ratings exist (`rated`; a draft counts), as after going back from vurdering.
    /// The caller tells whether ratings exist; the rule is here.
    pub fn setup_freeze(&self, rated: bool) -> Option<Freeze> {
        if self.state != WorkflowState::Planlaegning {
            Some(Freeze::State(self.state))
        } else if rated {
            Some(Freeze::Rated)
        } else {
            None
        }
    }

    /// The parts of the set-up that `changed` (this audit with new settings, panel, material or forms)
    /// changes and that freeze once rating has begun, in the order a refusal names them. Fremmoede,
    /// titles, purpose, focus and dates are not among them: they may change in every state.
    pub fn changed_parts(&self, changed: &Audit) -> Vec<SetupPart> {
        let scales = |a: &Audit| a.forms.iter().map(|f| f.scale.clone()).collect::<Vec<_>>();
        let without_scale = |a: &Audit| {
            a.forms
                .iter()
                .map(|f| (f.titel.clone(), f.materials.clone(), f.items.clone()))
                .collect::<Vec<_>>()
        };
        let seat = |m: &PanelMember| (m.username.clone(), m.tilsyn, m.rolle);
        let mut parts = Vec::new();
        if changed.model_version != self.model_version {
            parts.push(SetupPart::ModelVersion);
        }
        if changed.reveal_rule != self.reveal_rule {
            parts.push(SetupPart::Afsloeringsregel);
        }
        // A form added or removed is a change of the forms, not of the scale.
        if changed.forms.len() == self.forms.len() && scales(changed) != scales(self) {
            parts.push(SetupPart::Scale);
        }
        if without_scale(changed) != without_scale(self) {
            parts.push(SetupPart::Forms);
        }
        if changed.materials != self.materials {
            parts.push(SetupPart::Materials);
        }
        if changed
            .panel
            .iter()
            .map(seat)
            .ne(self.panel.iter().map(seat))
        {
            parts.push(SetupPart::Panel);
        }
        parts
    }

    /// Checks that `changed` (this audit with new settings, panel, material or forms) may replace it.
    /// Everything may change in planlægning before the first rating. Once rating has begun — the audit
    /// has left planlægning, or a rating exists (`rated`; a draft counts) — the quality-model version,
    /// the reveal rule, the scale, the forms, the material and who sits on the panel (tilsyn, role) are
    /// frozen, because ratings refer to them and the panel rates trusting the reveal rule; attendance,
    /// titles, purpose, focus and dates may still change (an afbud on the day of the meeting).
    ///
    /// # Errors
    /// [`WorkflowError::Precondition`] naming the first frozen part that changes, and why it is frozen.
    pub fn check_setup_change(&self, changed: &Audit, rated: bool) -> Result<(), WorkflowError> {
        let Some(freeze) = self.setup_freeze(rated) else {
            return Ok(());
        };
        match self.changed_parts(changed).first() {
            Some(part) => Err(freeze.refusal(*part)),
            None => Ok(()),
        }
    }

    /// Checks that the file of a material item may be attached or replaced. The file is what the panel
    /// reads and rates, so it is frozen with the rest of the material once rating has begun (`rated`:
    /// a rating exists; the file is kept beside [`Material`], so [`Audit::check_setup_change`] cannot
    /// see it change).
    ///
    /// # Errors
    /// [`WorkflowError::Precondition`] outside planlægning, or once a rating exists.
    pub fn check_material_file_change(&self, rated: bool) -> Result<(), WorkflowError> {
        match self.setup_freeze(rated) {
            None => Ok(()),
            Some(freeze) => Err(freeze.refusal(SetupPart::MaterialFiles)),
        }
    }

    /// The panel member with this username.
    pub fn member(&self, username: &Username) -> Option<&PanelMember> {
        self.panel.iter().find(|m| &m.username == username)
    }

    /// The members who rate (everyone but the exempted).
    pub fn raters(&self) -> impl Iterator<Item = &PanelMember> {
        self.panel.iter().filter(|m| m.rates())
    }

    /// The material item with this id.
    pub fn material(&self, id: &MaterialId) -> Option<&Material> {
        self.materials.iter().find(|m| &m.id == id)
    }

    /// Whether a material of this audit already carries `pseudonym`, ignoring case and surrounding
    /// whitespace: the panel tells the material apart by pseudonym alone, so two may not share one.
    pub fn pseudonym_in_use(&self, pseudonym: &str) -> bool {
        let wanted = pseudonym.trim().to_lowercase();
        self.materials
            .iter()
            .any(|m| m.pseudonym.trim().to_lowercase() == wanted)
    }

    /// The material a form covers (all of the audit's when the form names none), in audit order.
    pub fn form_materials<'a>(
        &'a self,
        form: &'a RatingForm,
    ) -> impl Iterator<Item = &'a Material> + 'a {
        self.materials
            .iter()
            .filter(move |m| form.materials.is_empty() || form.materials.contains(&m.id))
    }

    /// The form item with this id, and its form.
    pub fn item(&self, id: &ItemId) -> Option<(&RatingForm, &FormItem)> {
        self.forms
            .iter()
            .find_map(|f| f.items.iter().find(|i| &i.id == id).map(|i| (f, i)))
    }

    /// Every unit of the audit: each per-material item once per covered material, every other item once.
    pub fn units(&self) -> Vec<UnitKey> {
        let mut units = Vec::new();
        for form in &self.forms {
            for item in &form.items {
                if item.kind.per_material() {
                    units.extend(
                        self.form_materials(form)
                            .map(|m| UnitKey::new(item.id.clone(), Some(m.id.clone()))),
                    );
                } else {
                    units.push(UnitKey::new(item.id.clone(), None));
                }
            }
        }
        units
    }

    /// The units of one material.
    pub fn units_of_material(&self, material: &MaterialId) -> Vec<UnitKey> {
        self.units()
            .into_iter()
            .filter(|u| u.material.as_ref() == Some(material))
            .collect()
    }

    /// Whether `rater` comes from the same socialtilsyn as the material of `unit` (own-tilsyn rating).
    pub fn is_own_tilsyn(&self, rater: &Username, unit: &UnitKey) -> bool {
        let Some(member) = self.member(rater) else {
            return false;
        };
        unit.material
            .as_ref()
            .and_then(|m| self.material(m))
            .is_some_and(|m| m.tilsyn == member.tilsyn)
    }

    /// Checks a rating before it is saved: a rater of this audit, an existing unit, a value that fits the
    /// item, a reason within its limit and without control characters (`crate::text`), a round open in
    /// the current state, round 1 only until the deadline, and not overwriting a submitted rating (`previous` is the rater's stored rating of the unit in the same round, if any).
    ///
    /// # Errors
    /// The first [`RatingError`] found.
    pub fn check_rating(
        &self,
        rating: &Rating,
        previous: Option<&Rating>,
        today: Date,
    ) -> Result<(), RatingError> {
        if !self.member(&rating.rater).is_some_and(PanelMember::rates) {
            return Err(RatingError::NotARater(rating.rater.clone()));
        }
        let open = match rating.round {
            Round::First => self.state == WorkflowState::Vurdering,
            Round::Second => self.state == WorkflowState::Droeftelse,
        };
        if !open {
            return Err(RatingError::RoundClosed {
                round: rating.round.number(),
                state: self.state,
            });
        }
        if rating.round == Round::First
            && let Some(deadline) = self.deadline
            && today > deadline
        {
            return Err(RatingError::PastDeadline(deadline));
        }
        if previous.is_some_and(Rating::is_submitted) {
            return Err(RatingError::AlreadySubmitted(rating.unit.clone()));
        }
        check_text("begrundelsen", &rating.reason, REASON_MAX).map_err(|source| {
            RatingError::Text {
                unit: rating.unit.clone(),
                source,
            }
        })?;
        self.check_value(&rating.unit, rating.value.as_ref())
    }

    /// The form and item of `unit`, when the unit exists in the audit's forms: its item, and a material
    /// of the form exactly when the item is rated per material.
    ///
    /// # Errors
    /// [`RatingError::UnknownUnit`].
    pub fn check_unit(&self, unit: &UnitKey) -> Result<(&RatingForm, &FormItem), RatingError> {
        let unknown = || RatingError::UnknownUnit(unit.clone());
        let (form, item) = self.item(&unit.item).ok_or_else(unknown)?;
        let covered = self
            .form_materials(form)
            .any(|fm| Some(&fm.id) == unit.material.as_ref());
        match (&unit.material, item.kind.per_material()) {
            (Some(_), true) if covered => Ok((form, item)),
            (None, false) => Ok((form, item)),
            _ => Err(unknown()),
        }
    }

    /// Checks that `value` fits the item of `unit`; no value ("kunne ikke bedømmes") fits only where
    /// the form allows it ([`RatingForm::kan_ikke_bedoemmes`]).
    ///
    /// # Errors
    /// [`RatingError::UnknownUnit`], [`RatingError::OffScale`] or [`RatingError::WrongValue`].
    pub fn check_value(
        &self,
        unit: &UnitKey,
        value: Option<&RatingValue>,
    ) -> Result<(), RatingError> {
        let (form, item) = self.check_unit(unit)?;
        let covered = |m: &MaterialId| self.form_materials(form).any(|fm| &fm.id == m);
        let wrong = |problem: String| RatingError::WrongValue {
            unit: unit.clone(),
            problem,
        };
        let Some(value) = value else {
            return if form.kan_ikke_bedoemmes(item) {
                Ok(())
            } else {
                Err(wrong(format!(
                    "skalaen »{}« har ikke svaret »kunne ikke bedømmes«; vælg en af skalaens værdier",
                    form.scale.navn()
                )))
            };
        };
        match (&item.kind, value) {
            (kind, RatingValue::Score(v)) if kind.is_scored() => form
                .scale
                .validate(*v)
                .map(|_| ())
                .map_err(|source| RatingError::OffScale {
                    unit: unit.clone(),
                    source,
                }),
            (ItemKind::Nominering { .. }, RatingValue::Pick(m)) if covered(m) => Ok(()),
            (ItemKind::Nominering { .. }, RatingValue::Pick(m)) => {
                Err(wrong(format!("materialet »{m}« er ikke med i skemaet")))
            }
            (ItemKind::Sagsudvaelgelse { antal }, RatingValue::Picks(picks)) => {
                let distinct: BTreeSet<_> = picks.iter().collect();
                if let Some(m) = picks.iter().find(|m| !covered(m)) {
                    Err(wrong(format!("materialet »{m}« er ikke med i skemaet")))
                } else if distinct.len() != picks.len() {
                    Err(wrong("den samme sag er valgt mere end én gang".into()))
                } else if picks.len() != *antal as usize {
                    Err(wrong(format!(
                        "vælg præcis {antal} sager (der er valgt {})",
                        picks.len()
                    )))
                } else {
                    Ok(())
                }
            }
            (ItemKind::Refleksion, RatingValue::Text(t)) if !t.trim().is_empty() => {
                check_text("svaret", t, REASON_MAX).map_err(|source| RatingError::Text {
                    unit: unit.clone(),
                    source,
                })
            }
            (ItemKind::Refleksion, RatingValue::Text(_)) => Err(wrong("svaret er tomt".into())),
            (kind, _) => Err(wrong(format!(
                "et punkt af typen {} kan ikke få dette svar",
                kind.navn()
            ))),
        }
    }
}
