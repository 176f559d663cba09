//! The report as a Word file (DOCX, with docx-rs): the same document model as the HTML, in the same
//! order and words.
//!
//! What Word and LibreOffice get: Word's built-in styles (Title, Heading 1–3 for the numbered
//! headings so the navigation pane and the contents field work, Quote for quotations, Caption,
//! footnote text), a title page like the printed one, a contents page with a TOC field, the
//! follow-up plan and every figure table as a Word table with a repeated header row, the spider
//! webs and colour charts as PNGs drawn on the server ([`figur`]), the notes as Word footnotes, and
//! Danish (da-DK) as the document's language. What docx-rs cannot say yet is added to its parts by
//! [`ooxml`].

mod figur;
mod ooxml;

use std::io::Cursor;

use audit::report::document::{
    Opfoelgningsplan, Overskrift, RapportAnbefaling, RapportDroeftelse, RapportTiltag,
};
use audit::report::fodnoter::{Tekstdel, citat, dele};
use audit::report::{Blok, Rapport, Sektion};
use audit::{Opmaerksomhed, Tekstafsnit};
use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, FieldCharType, Footer, Footnote, Header,
    IndentLevel, InstrPAGEREF, InstrText, InstrToC, Level, LevelJc, LevelOverride, LevelText,
    LineSpacing, NumPages, NumberFormat, Numbering, NumberingId, PageMargin, PageNum, Paragraph,
    Pic, Run, RunFonts, SpecialIndentType, Start, Style, StyleType, Tab, TabLeaderType,
    TabValueType, Table, TableCell, TableLayoutType, TableRow, VertAlignType, WidthType,
};

use super::Udgave;
use super::annex::{SPINDELVAEV_FORKLARING, figurtekst, spindel_tabel};
use super::calibration::{
    NO_SEVERITY, coefficient_tabel, forms_tabel, items_tabel, pairs_tabel, paradox_note,
    rounds_tabel, rounds_text, severity_tabeller, sizes_text,
};
use super::sections::{fordeling_tabel, heading_of, tiltag_nummer};
use super::tables::{Celle, Tabel};
use crate::components::spindelvaev::{Eger, spindelvaev};
use crate::components::{DanishDate, heatmap_svg};

/// The media type of a Word file.
pub const DOCX_MEDIA_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// Why the Word file could not be written.
#[derive(Debug, thiserror::Error)]
#[error("Word-filen kunne ikke skrives: {0}")]
pub struct DocxFejl(String);

/// The bookmark of the `i`th heading of the contents, which its page number refers to.
fn bogmaerke(i: usize) -> String {
    format!("_Toc{:08}", i + 1)
}

/// The width of the text on an A4 page with 2 cm margins, in twentieths of a point.
const TEKSTBREDDE_TWIP: usize = 9638;
/// The width of the text on an A4 page with 2 cm margins, in CSS pixels (17 cm at 96 per inch).
const TEKSTBREDDE_PX: u32 = 642;
/// The height a figure may take, in CSS pixels: the text height of the page (24,7 cm) less room
/// for a caption.
const FIGURHOEJDE_PX: u32 = 860;
/// English Metric Units per CSS pixel.
const EMU_PR_PX: u32 = 9525;
/// The numbering of bullet lists; numbered lists get an instance each from 2 on.
/// (docx-rs's own default list has id 1.)
const PUNKTER: usize = 10;
const NUMMERERET: usize = 11;

/// The report as a DOCX file.
///
/// # Errors
/// [`DocxFejl`] when docx-rs cannot pack the parts (it writes into memory, so only a bug does that).
pub fn docx(r: &Rapport, udgave: Udgave) -> Result<Vec<u8>, DocxFejl> {
    let mut w = Skriver {
        doc: Some(grundlag(r)),
        lister: NUMMERERET,
        figurer: 0,
    };
    w.forside(r, udgave);
    w.indhold(r);
    w.body(r);
    w.bilag(r);
    let doc = w.doc.take().unwrap_or_default();
    let mut xml = doc.build();
    ooxml::tilpas(&mut xml);
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| DocxFejl(e.to_string()))?;
    uden_mapper(out.into_inner()).map_err(|e| DocxFejl(e.to_string()))
}

/// The package without the folder entries docx-rs writes into the zip: an OPC package is parts
/// only, and Word's own files have none.
fn uden_mapper(pakke: Vec<u8>) -> zip::result::ZipResult<Vec<u8>> {
    let mut ind = zip::ZipArchive::new(Cursor::new(pakke))?;
    let mut ud = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..ind.len() {
        let del = ind.by_index_raw(i)?;
        if !del.is_dir() {
            ud.raw_copy_file(del)?;
        }
    }
    Ok(ud.finish()?.into_inner())
}

/// The document before its content: page, styles, numbering, running header and page numbers.
fn grundlag(r: &Rapport) -> Docx {
    let sidehoved = Header::new().add_paragraph(
        Paragraph::new().align(AlignmentType::Right).add_run(
            Run::new()
                .add_text(format!("Auditrapport {}", r.auditnummer))
                .size(18),
        ),
    );
    let sidefod = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text("Side ").size(18))
            .add_page_num(PageNum::new())
            .add_run(Run::new().add_text(" af ").size(18))
            .add_num_pages(NumPages::new()),
    );
    let mut doc = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(1418)
                .bottom(1418)
                .left(1134)
                .right(1134)
                .header(708)
                .footer(708),
        )
        .default_fonts(
            RunFonts::new()
                .ascii("Calibri")
                .hi_ansi("Calibri")
                .cs("Calibri"),
        )
        .default_size(22)
        .header(sidehoved)
        .first_header(Header::new())
        .footer(sidefod)
        .first_footer(Footer::new())
        .title_pg()
        .add_abstract_numbering(liste(PUNKTER, "bullet", "•"))
        .add_abstract_numbering(liste(NUMMERERET, "decimal", "%1."))
        .add_numbering(Numbering::new(PUNKTER, PUNKTER));
    for s in stilarter() {
        doc = doc.add_style(s);
    }
    doc
}

/// An abstract list of one level: bullets or numbers, hanging indent.
fn liste(id: usize, format: &str, tekst: &str) -> AbstractNumbering {
    AbstractNumbering::new(id).add_level(
        Level::new(
            0,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(tekst),
            LevelJc::new("left"),
        )
        .indent(Some(720), Some(SpecialIndentType::Hanging(360)), None, None),
    )
}

/// Word's built-in styles by their built-in names, so Word treats them as its own.
fn stilarter() -> Vec<Style> {
    let afsnit = |id: &str, navn: &str| {
        Style::new(id, StyleType::Paragraph)
            .name(navn)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
    };
    let mut overskrifter: Vec<Style> = [(1, 32), (2, 26), (3, 23), (4, 22), (5, 22), (6, 22)]
        .into_iter()
        .map(|(n, size)| {
            let mut s = afsnit(&format!("Heading{n}"), &format!("heading {n}"))
                .bold()
                .size(size)
                .color("14365D")
                .outline_lvl(n - 1);
            s.paragraph_property = s
                .paragraph_property
                .keep_next(true)
                .line_spacing(LineSpacing::new().before(240).after(80));
            s
        })
        .collect();
    let mut fodnotehenvisning = Style::new("FootnoteReference", StyleType::Character)
        .name("footnote reference")
        .based_on("DefaultParagraphFont");
    fodnotehenvisning.run_property = fodnotehenvisning
        .run_property
        .vert_align(VertAlignType::SuperScript);
    let mut alle = vec![
        Style::new("Normal", StyleType::Paragraph)
            .name("Normal")
            .q_format(true)
            .line_spacing(LineSpacing::new().after(120)),
        Style::new("DefaultParagraphFont", StyleType::Character)
            .name("Default Paragraph Font")
            .semi_hidden()
            .unhide_when_used(),
        afsnit("Title", "Title").size(56).bold().color("14365D"),
        afsnit("Subtitle", "Subtitle").size(32).color("4A4A4A"),
        afsnit("TOCHeading", "TOC Heading")
            .size(32)
            .bold()
            .color("14365D"),
        afsnit("Quote", "Quote")
            .italic()
            .indent(Some(567), None, Some(567), None),
        afsnit("Caption", "caption")
            .italic()
            .size(18)
            .color("4A4A4A"),
        afsnit("ListParagraph", "List Paragraph"),
        afsnit("FootnoteText", "footnote text").size(18),
        afsnit("TOC1", "toc 1").bold(),
        afsnit("TOC2", "toc 2").indent(Some(284), None, None, None),
        afsnit("TOC3", "toc 3").indent(Some(567), None, None, None),
        fodnotehenvisning,
    ];
    alle.append(&mut overskrifter);
    alle
}

/// Writes the report into the document, part by part.
struct Skriver {
    doc: Option<Docx>,
    /// The last numbering instance used by a numbered list.
    lister: usize,
    /// How many figures are in so far (for their ids).
    figurer: usize,
}

impl Skriver {
    fn p(&mut self, p: Paragraph) {
        self.doc = self.doc.take().map(|d| d.add_paragraph(p));
    }

    fn tabel(&mut self, t: Table) {
        self.doc = self.doc.take().map(|d| d.add_table(t));
    }

    fn stil(&mut self, stil: &str, tekst: &str) {
        self.p(Paragraph::new()
            .style(stil)
            .add_run(Run::new().add_text(tekst)));
    }

    /// The title page: sender, title, the audit's title, edition, month and model version.
    fn forside(&mut self, r: &Rapport, udgave: Udgave) {
        self.p(Paragraph::new()
            .line_spacing(LineSpacing::new().before(2400).after(600))
            .add_run(Run::new().add_text(&r.afsender).bold().color("14365D")));
        self.stil("Title", &r.titel);
        self.stil("Subtitle", &r.undertitel);
        match udgave {
            Udgave::Kladde => self.p(Paragraph::new()
                .add_run(Run::new().add_text("Kladde").bold())
                .add_run(Run::new().add_text(super::KLADDE_FORKLARING))),
            Udgave::Offentliggjort { version, at } => {
                self.stil(
                    "Normal",
                    &format!(
                        "Version {version}, offentliggjort {}",
                        audit::dansk_dato(DanishDate::local(at).0)
                    ),
                );
                self.p(Paragraph::new().add_run(Run::new().add_text(super::maaned(at)).size(28)));
            }
        }
        self.p(Paragraph::new()
            .add_run(Run::new().add_text(format!("Kvalitetsmodellen, version {}", r.model_version)))
            .add_run(Run::new().add_break(BreakType::Page)));
    }

    /// "Indhold": a TOC field over Heading 1–3, its result already filled in from the table of
    /// contents (each line's page number a PAGEREF to its heading's bookmark) and marked dirty, so
    /// Word renews it on opening and LibreOffice shows it as it is.
    fn indhold(&mut self, r: &Rapport) {
        self.stil("TOCHeading", "Indhold");
        let felt = |t: FieldCharType| Run::new().add_field_char(t, false);
        let n = r.indholdsfortegnelse.len();
        for (i, p) in r.indholdsfortegnelse.iter().enumerate() {
            let mut par = Paragraph::new()
                .style(&format!("TOC{}", p.niveau.min(3)))
                .add_tab(
                    Tab::new()
                        .val(TabValueType::Right)
                        .leader(TabLeaderType::Dot)
                        .pos(TEKSTBREDDE_TWIP),
                );
            if i == 0 {
                par = par
                    .add_run(Run::new().add_field_char(FieldCharType::Begin, true))
                    .add_run(Run::new().add_instr_text(InstrText::TOC(
                        InstrToC::new().heading_styles_range(1, 3).hyperlink(),
                    )))
                    .add_run(felt(FieldCharType::Separate));
            }
            par = par
                .add_run(Run::new().add_text(format!("{} {}", p.nummer, p.overskrift)))
                .add_run(Run::new().add_tab())
                .add_run(felt(FieldCharType::Begin))
                .add_run(Run::new().add_instr_text(InstrText::PAGEREF(
                    InstrPAGEREF::new(bogmaerke(i)).hyperlink(),
                )))
                .add_run(felt(FieldCharType::Separate))
                .add_run(Run::new().add_text(""))
                .add_run(felt(FieldCharType::End));
            if i + 1 == n {
                par = par.add_run(felt(FieldCharType::End));
            }
            self.p(par);
        }
        self.p(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
    }

    /// A numbered heading, with the bookmark its line in the contents refers to.
    fn overskrift(&mut self, r: &Rapport, o: &Overskrift) {
        let stil = format!("Heading{}", o.niveau().min(3));
        let mut p = Paragraph::new().style(&stil);
        let plads = r
            .indholdsfortegnelse
            .iter()
            .position(|i| i.anker == o.anker);
        if let Some(i) = plads {
            p = p.add_bookmark_start(i + 1, bogmaerke(i));
        }
        p = p.add_run(Run::new().add_text(format!("{} {}", o.nummer, o.tekst)));
        if let Some(i) = plads {
            p = p.add_bookmark_end(i + 1);
        }
        self.p(p);
    }

    /// A run of text with its footnotes as Word footnotes.
    fn loeb(p: Paragraph, r: &Rapport, tekst: &str) -> Paragraph {
        dele(tekst).into_iter().fold(p, |p, d| match d {
            Tekstdel::Tekst(t) => p.add_run(Run::new().add_text(t)),
            Tekstdel::Fodnote(n) => {
                let note = r.fodnoter.iter().find(|f| f.nummer == n);
                let tekst = note.map_or("", |f| f.tekst.as_str());
                p.add_run(Run::new().add_footnote_reference(Footnote {
                    id: n,
                    content: vec![
                        Paragraph::new()
                            .style("FootnoteText")
                            .add_run(Run::new().add_text(tekst)),
                    ],
                }))
            }
        })
    }

    /// A text as paragraphs (split on blank lines), a quotation in the Quote style.
    fn afsnit(&mut self, r: &Rapport, tekst: &str) {
        for p in tekst.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            let (stil, t) = match citat(p) {
                Some(c) => ("Quote", c),
                None => ("Normal", p),
            };
            let par = Self::loeb(Paragraph::new().style(stil), r, t);
            self.p(par);
        }
    }

    fn punkter(&mut self, r: &Rapport, punkter: &[String]) {
        self.liste(r, PUNKTER, punkter);
    }

    /// A numbered list, numbered from 1 by a numbering instance of its own.
    fn nummereret(&mut self, r: &Rapport, punkter: &[String]) {
        self.lister += 1;
        let id = self.lister;
        self.doc = self.doc.take().map(|d| {
            d.add_numbering(
                Numbering::new(id, NUMMERERET).add_override(LevelOverride::new(0).start(1)),
            )
        });
        self.liste(r, id, punkter);
    }

    /// The points of a list, each a paragraph of the numbering instance `id`.
    fn liste(&mut self, r: &Rapport, id: usize, punkter: &[String]) {
        for x in punkter {
            let p = Self::loeb(listeafsnit(id), r, x);
            self.p(p);
        }
    }

    fn blokke(&mut self, r: &Rapport, blokke: &[Blok]) {
        for b in blokke {
            match b {
                Blok::Afsnit(t) => self.afsnit(r, t),
                Blok::Punkter(p) => self.punkter(r, p),
                Blok::Nummereret(p) => self.nummereret(r, p),
            }
        }
    }

    fn sektion(&mut self, r: &Rapport, s: &Sektion) {
        self.overskrift(r, &s.overskrift);
        self.blokke(r, &s.genereret);
        self.blokke(r, &s.skrevet);
        for u in &s.undersektioner {
            self.sektion(r, u);
        }
    }

    /// Sections 1–6, as `sections::body` prints them.
    fn body(&mut self, r: &Rapport) {
        self.sektion(r, &r.indledning);
        self.sektion(r, &r.formaal);
        let m = &r.metodisk_tilrettelaeggelse;
        self.overskrift(r, &m.overskrift);
        for s in [&m.fokus, &m.deltagere, &m.auditmateriale, &m.metodisk_fokus] {
            self.sektion(r, s);
        }
        self.overskrift(r, &r.droeftelser.overskrift);
        if r.droeftelser.droeftelser.is_empty() && r.droeftelser.plenum.is_empty() {
            self.afsnit(r, "Auditpanelets drøftelser er endnu ikke skrevet.");
        }
        // With a plenum after them, the discussions of the forms are one step of their own.
        if let Some(skema) = &r.droeftelser.skemadroeftelser {
            self.overskrift(r, skema);
        }
        for d in &r.droeftelser.droeftelser {
            self.droeftelse(r, d);
        }
        for s in &r.droeftelser.plenum {
            self.sektion(r, s);
        }
        self.overskrift(r, &r.anbefalinger.overskrift);
        for p in &r.anbefalinger.konklusion {
            self.afsnit(r, p);
        }
        if r.anbefalinger.anbefalinger.is_empty() {
            self.afsnit(r, "Der er endnu ingen anbefalinger.");
        }
        for a in &r.anbefalinger.anbefalinger {
            self.anbefaling(r, a);
        }
        self.opfoelgningsplan(r, &r.opfoelgningsplan);
    }

    fn tekstafsnit(&mut self, r: &Rapport, a: &Tekstafsnit) {
        self.stil("Heading5", &a.overskrift);
        for p in &a.afsnit {
            self.afsnit(r, p);
        }
        self.punkter(r, &a.punkter);
        for p in &a.afslutning {
            self.afsnit(r, p);
        }
    }

    fn opmaerksomheder(&mut self, r: &Rapport, titel: &str, punkter: &[Opmaerksomhed]) {
        if punkter.is_empty() {
            return;
        }
        self.stil("Heading5", titel);
        if punkter.iter().all(|p| p.overskrift.is_none()) {
            let tekster: Vec<String> = punkter.iter().map(|p| p.tekst.clone()).collect();
            self.punkter(r, &tekster);
        } else {
            for p in punkter {
                if let Some(o) = &p.overskrift {
                    self.stil("Heading6", o);
                }
                self.afsnit(r, &p.tekst);
            }
        }
    }

    fn droeftelse(&mut self, r: &Rapport, d: &RapportDroeftelse) {
        self.overskrift(r, &d.overskrift);
        if let Some(i) = &d.indikator {
            self.p(Paragraph::new()
                .add_run(Run::new().add_text(format!("Indikator {}: ", i.id)).bold())
                .add_run(Run::new().add_text(i.tekst.as_str())));
            if let Some((nr, tekst)) = &i.kriterium {
                self.stil("Caption", &format!("Kriterium {nr}: {tekst}"));
            }
            if let Some(tema) = &i.tema {
                self.stil("Caption", &format!("Tema: {tema}"));
            }
        }
        for p in &d.indledning {
            self.afsnit(r, p);
        }
        for a in &d.afsnit {
            self.tekstafsnit(r, a);
        }
        if !d.ligheder.is_empty() {
            self.stil("Heading5", "Ligheder på tværs");
            for p in &d.ligheder {
                self.afsnit(r, p);
            }
        }
        self.opmaerksomheder(r, "Opmærksomheder", &d.opmaerksomheder);
        self.opmaerksomheder(r, "Datakilder og undersøgelsesmetoder", &d.datakilder);
        if let Some(v) = &d.vurdering {
            self.tekstafsnit(r, v);
        }
        if !d.statistik.is_empty() || d.fordeling.is_some() {
            self.stil("Heading5", "Bedømmelsernes fordeling og enighed");
            for p in &d.statistik {
                self.afsnit(r, p);
            }
            if let Some(f) = &d.fordeling {
                self.figurtabel(&fordeling_tabel(f));
            }
        }
        if !d.anbefalinger.is_empty() {
            let se: Vec<String> = d.anbefalinger.iter().map(|a| heading_of(r, a)).collect();
            self.afsnit(r, &format!("Se {}.", se.join(", ")));
        }
    }

    fn anbefaling(&mut self, r: &Rapport, a: &RapportAnbefaling) {
        self.p(Paragraph::new().keep_next(true).add_run(
            Run::new()
                .add_text("Socialstyrelsens anbefaling")
                .bold()
                .size(18)
                .color("14365D"),
        ));
        self.overskrift(r, &a.overskrift);
        for p in &a.tekst {
            self.afsnit(r, p);
        }
        self.punkter(r, &a.punkter);
        if let Some(g) = &a.grundlag {
            let indikator = g
                .indikator
                .as_ref()
                .map(|i| format!(" (indikator {i})"))
                .unwrap_or_default();
            self.afsnit(
                r,
                &format!(
                    "Bygger på drøftelsen {}{indikator}.",
                    heading_of(r, &g.droeftelse)
                ),
            );
        }
        if !a.opfoelgning.is_empty() {
            let tiltag: Vec<String> = a
                .opfoelgning
                .iter()
                .map(|t| format!("tiltag {}", tiltag_nummer(r, t)))
                .collect();
            self.afsnit(
                r,
                &format!("Opfølgning: {} i opfølgningsplanen.", tiltag.join(", ")),
            );
        }
    }

    fn opfoelgningsplan(&mut self, r: &Rapport, p: &Opfoelgningsplan) {
        self.overskrift(r, &p.overskrift);
        self.afsnit(r, &p.indledning);
        if p.tiltag.is_empty() {
            self.afsnit(r, "Opfølgningsplanen har endnu ingen tiltag.");
            return;
        }
        let hoved = ["Nr.", "Tiltag", "Ansvarlig", "Frist", "Forfaldsdato"];
        let bredder = [700, 4338, 1800, 1400, 1400];
        let mut rows = vec![hovedraekke(&hoved, &bredder)];
        for (i, t) in p.tiltag.iter().enumerate() {
            let nummer = format!("{}.{}", p.overskrift.nummer, i + 1);
            rows.push(tiltagsraekke(r, &nummer, t, &bredder));
        }
        self.tabel(fast_bredde(Table::new(rows).set_grid(bredder.to_vec())));
        self.p(Paragraph::new());
    }

    /// Section 7, as `annex::bilag` prints it.
    fn bilag(&mut self, r: &Rapport) {
        let b = &r.bilag;
        self.overskrift(r, &b.overskrift);
        for eget in &b.bilag {
            self.overskrift(r, &eget.overskrift);
            for a in &eget.afsnit {
                let tilsyn = a
                    .tilsyn
                    .map(|t| format!("{}: ", t.fulde_navn()))
                    .unwrap_or_default();
                self.stil("Heading4", &format!("{tilsyn}{}", a.overskrift));
                for p in &a.afsnit {
                    self.afsnit(r, p);
                }
            }
        }
        self.overskrift(r, &b.kalibrering_overskrift);
        if let Some(note) = &b.syntetisk {
            self.afsnit(r, note);
        }
        self.kalibrering(r);
        if let Some(o) = &b.spindelvaev_overskrift {
            self.overskrift(r, o);
            self.afsnit(r, SPINDELVAEV_FORKLARING);
            for w in &b.spindelvaev {
                match &w.fejl {
                    Some(fejl) => self.afsnit(r, fejl),
                    None => {
                        let eger: Vec<Eger<'_>> = w
                            .punkter
                            .iter()
                            .map(|p| Eger {
                                navn: &p.navn,
                                score: p.score,
                                tekst: p.score_tekst.as_deref(),
                            })
                            .collect();
                        let titel = format!(
                            "Spindelvæv for {}, {}",
                            w.pseudonym,
                            super::annex::kilde(w.kilde)
                        );
                        self.figur(&spindelvaev(&titel, &eger).into_string(), &titel);
                        self.figurtabel(&spindel_tabel(w));
                    }
                }
                self.stil("Caption", &figurtekst(w));
            }
        }
    }

    /// The calibration appendix, as `calibration::appendix` prints it.
    fn kalibrering(&mut self, r: &Rapport) {
        let k = &r.bilag.kalibrering;
        for p in &k.forklaring {
            self.afsnit(r, p);
        }
        for (i, s) in k.statistik.iter().flat_map(|s| &s.scales).enumerate() {
            self.stil("Heading4", &format!("Bedømmelser på {}", s.scale_navn));
            self.figurtabel(&coefficient_tabel("Samlet enighed, runde 1", &s.overall));
            self.stil("Caption", &sizes_text(&s.overall));
            if !s.overall.interpretation.is_empty() {
                self.stil("Heading5", "Sådan skal tallene læses");
                for p in &s.overall.interpretation {
                    self.afsnit(r, p);
                }
            }
            if s.forms.len() > 1 {
                self.figurtabel(&forms_tabel(&s.forms));
            }
            self.figurtabel(&items_tabel(s));
            if let Some(note) = paradox_note(s) {
                self.stil("Caption", note);
            }
            self.stil(
                "Heading5",
                "Farvekort: hver bedømmers bedømmelse af hver enhed",
            );
            let ordered = s.scale.is_ordered();
            let svg = heatmap_svg::heatmap(
                &format!("kalibrering-skala-{}-heatmap", i + 1),
                "Farvekort over bedømmelserne",
                &s.heatmap,
                &s.categories,
                ordered,
            );
            self.figur(&svg.into_string(), "Farvekort over bedømmelserne");
            for c in &s.categories {
                let kode = c.code.map(|k| format!("{k} = ")).unwrap_or_default();
                self.stil("Caption", &format!("{kode}{}", c.label));
            }
            self.stil("Caption", "● materiale fra bedømmerens eget tilsyn");
            self.stil("Caption", "tom celle = ingen bedømmelse med en værdi");
            match severity_tabeller(s) {
                Some(tabeller) => tabeller.iter().for_each(|t| self.figurtabel(t)),
                None => self.afsnit(r, NO_SEVERITY),
            }
            if let Some(t) = pairs_tabel(s) {
                self.figurtabel(&t);
            }
            if let Some(rounds) = &s.rounds {
                self.figurtabel(&rounds_tabel(rounds));
                self.afsnit(r, &rounds_text(rounds));
                for p in &rounds.interpretation {
                    self.afsnit(r, p);
                }
            }
        }
        for n in &k.noter {
            self.stil("Caption", n);
        }
    }

    /// An SVG figure as an inline PNG, at most as wide as the text.
    fn figur(&mut self, svg: &str, titel: &str) {
        let Some(png) = figur::png(svg) else {
            self.stil("Caption", &format!("{titel} (figuren kunne ikke tegnes)"));
            return;
        };
        self.figurer += 1;
        // The largest size within the text's width and a page's height, in the figure's proportions.
        let skala = f64::min(
            1.0,
            f64::min(
                f64::from(TEKSTBREDDE_PX) / f64::from(png.bredde.max(1)),
                f64::from(FIGURHOEJDE_PX) / f64::from(png.hoejde.max(1)),
            ),
        );
        let bredde = (f64::from(png.bredde) * skala).round() as u32;
        let hoejde = (f64::from(png.hoejde) * skala).round() as u32;
        let pic = Pic::new_with_dimensions(png.bytes, png.bredde * 2, png.hoejde * 2)
            .id(format!("rIdFigur{}", self.figurer))
            .size(bredde * EMU_PR_PX, hoejde * EMU_PR_PX);
        self.p(Paragraph::new()
            .keep_next(true)
            .add_run(Run::new().add_image(pic)));
    }

    /// A figure table: its caption above it, a header row Word repeats on every page.
    fn figurtabel(&mut self, t: &Tabel) {
        self.p(Paragraph::new()
            .style("Caption")
            .keep_next(true)
            .add_run(Run::new().add_text(t.caption.as_str())));
        let n = t.columns.len().max(1);
        let bredder: Vec<usize> = (0..n).map(|_| TEKSTBREDDE_TWIP / n).collect();
        let hoved: Vec<&str> = t.columns.iter().map(|c| c.heading).collect();
        let mut rows = vec![hovedraekke(&hoved, &bredder)];
        for row in &t.rows {
            let celler = row
                .iter()
                .zip(&t.columns)
                .zip(&bredder)
                .map(|((c, col), b)| {
                    let p = Paragraph::new().line_spacing(LineSpacing::new().after(0));
                    let p = if col.class == Some("num") {
                        p.align(AlignmentType::Right)
                    } else {
                        p
                    };
                    let p = match c {
                        Celle::Tekst(t) => p.add_run(Run::new().add_text(t.as_str())),
                        Celle::Raekkeoverskrift(t) => {
                            p.add_run(Run::new().add_text(t.as_str()).bold())
                        }
                        Celle::Punkt {
                            indikator,
                            tekst,
                            paradoks,
                        } => {
                            let p = match indikator {
                                Some(i) => p.add_run(
                                    Run::new()
                                        .add_text(format!("Indikator {i}"))
                                        .bold()
                                        .add_break(BreakType::TextWrapping),
                                ),
                                None => p,
                            };
                            let p = p.add_run(Run::new().add_text(tekst.as_str()));
                            if *paradoks {
                                p.add_run(
                                    Run::new()
                                        .add_text(format!(" {}", super::tables::PARADOKS_MAERKE))
                                        .color("4A4A4A"),
                                )
                            } else {
                                p
                            }
                        }
                    };
                    TableCell::new().width(*b, WidthType::Dxa).add_paragraph(p)
                })
                .collect();
            rows.push(TableRow::new(celler));
        }
        self.tabel(fast_bredde(Table::new(rows).set_grid(bredder)));
        self.p(Paragraph::new());
    }
}

/// A paragraph of the list with numbering instance `id`.
fn listeafsnit(id: usize) -> Paragraph {
    Paragraph::new()
        .style("ListParagraph")
        .numbering(NumberingId::new(id), IndentLevel::new(0))
}

/// A table as wide as the text, its columns as wide as its grid says.
fn fast_bredde(t: Table) -> Table {
    t.width(TEKSTBREDDE_TWIP, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// A table's head row: bold headings, marked as the row Word repeats on every page
/// ([`ooxml::HOVEDRAEKKE`]).
fn hovedraekke(hoved: &[&str], bredder: &[usize]) -> TableRow {
    TableRow::new(
        hoved
            .iter()
            .zip(bredder)
            .map(|(h, b)| {
                TableCell::new().width(*b, WidthType::Dxa).add_paragraph(
                    Paragraph::new()
                        .line_spacing(LineSpacing::new().after(0))
                        .add_run(Run::new().add_text(*h).bold()),
                )
            })
            .collect(),
    )
    .cant_split()
}

/// One action of the follow-up plan as a table row.
fn tiltagsraekke(r: &Rapport, nummer: &str, t: &RapportTiltag, bredder: &[usize]) -> TableRow {
    let celle = |i: usize, paragraphs: Vec<Paragraph>| {
        paragraphs.into_iter().fold(
            TableCell::new().width(bredder[i], WidthType::Dxa),
            TableCell::add_paragraph,
        )
    };
    let linje = |t: &str| {
        Paragraph::new()
            .line_spacing(LineSpacing::new().after(0))
            .add_run(Run::new().add_text(t))
    };
    let mut tiltag = vec![Skriver::loeb(Paragraph::new(), r, &t.tekst)];
    tiltag.extend(
        t.punkter
            .iter()
            .map(|x| Skriver::loeb(listeafsnit(PUNKTER), r, x)),
    );
    if !t.anbefalinger.is_empty() {
        let af: Vec<String> = t.anbefalinger.iter().map(|a| heading_of(r, a)).collect();
        tiltag.push(linje(&format!("Følger af {}", af.join(", "))));
    }
    let frist = match &t.frist {
        Some(f) => {
            let mut p = vec![linje(&f.tekst)];
            if let Some(fejl) = &f.fejl {
                p.push(linje(&format!("Fristen kan ikke læses: {fejl}")));
            }
            p
        }
        None => vec![linje("Ingen frist")],
    };
    let forfald = t
        .frist
        .as_ref()
        .and_then(|f| f.forfald)
        .map_or_else(|| "–".to_owned(), audit::dansk_dato);
    TableRow::new(vec![
        celle(0, vec![linje(nummer)]),
        celle(1, tiltag),
        celle(2, vec![linje(&t.ansvarlige.join(", "))]),
        celle(3, frist),
        celle(4, vec![linje(&forfald)]),
    ])
}
