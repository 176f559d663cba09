//! What docx-rs 0.4 cannot say, added to the parts it built: the document's language (da-DK), the
//! head rows Word repeats on every page, the number at the start of each footnote, and the
//! relationship to the (empty) comments part it always packs, so that every part is referenced.
//! And the schema's order: docx-rs writes the children of paragraph and run properties, sections
//! and styles in an order of its own, where ECMA-376 prescribes a sequence that Word's validator
//! checks (and Word drops run properties out of it), so [`ordn`] sorts them into the schema's.
//!
//! Each change is a replacement of text docx-rs writes in one known shape; the tests below pin
//! those shapes, so an update of docx-rs that changes them fails here and not in Word.

use docx_rs::XMLDocx;

/// The mark of a table's head row: the only rows the report keeps from splitting over a page.
pub(super) const HOVEDRAEKKE: &str = "<w:trPr><w:cantSplit /></w:trPr>";

/// The language of the text, for spelling and hyphenation.
const SPROG: &str = r#"<w:lang w:val="da-DK" w:eastAsia="da-DK" w:bidi="ar-SA" />"#;

/// Adds to `xml` what docx-rs leaves out.
pub(super) fn tilpas(xml: &mut XMLDocx) {
    xml.styles = ordn(&sprog(&tekst(&xml.styles))).into_bytes();
    xml.numberings = ordn(&tekst(&xml.numberings)).into_bytes();
    for del in xml.headers.iter_mut().chain(&mut xml.footers) {
        *del = ordn(&tekst(del)).into_bytes();
    }
    xml.settings = tekst(&xml.settings)
        .replacen(
            "</w:settings>",
            r#"<w:themeFontLang w:val="da-DK" /></w:settings>"#,
            1,
        )
        .into_bytes();
    xml.document = ordn(&tekst(&xml.document))
        .replace(
            HOVEDRAEKKE,
            "<w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>",
        )
        .into_bytes();
    xml.footnotes = ordn(&fodnotenumre(&tekst(&xml.footnotes))).into_bytes();
    let rels = tekst(&xml.document_rels);
    if !rels.contains("comments.xml\"") {
        xml.document_rels = rels
            .replacen(
                "</Relationships>",
                r#"<Relationship Id="rIdKommentarer" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml" /></Relationships>"#,
                1,
            )
            .into_bytes();
    }
}

fn tekst(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The default run properties with the language, in the schema's order (fonts, size, language).
fn sprog(styles: &str) -> String {
    const START: &str = "<w:rPrDefault><w:rPr>";
    const SLUT: &str = "</w:rPr></w:rPrDefault>";
    let (Some(a), Some(b)) = (styles.find(START), styles.find(SLUT)) else {
        return styles.to_owned();
    };
    let indhold = &styles[a + START.len()..b];
    // docx-rs writes the size before the fonts; CT_RPr wants the fonts first.
    let (skrift, resten): (Vec<&str>, Vec<&str>) = elementer(indhold)
        .into_iter()
        .partition(|e| e.starts_with("<w:rFonts"));
    format!(
        "{}{START}{}{}{SPROG}{}",
        &styles[..a],
        skrift.concat(),
        resten.concat(),
        &styles[b..]
    )
}

/// The empty elements (`<w:x … />`) of a run of them.
fn elementer(xml: &str) -> Vec<&str> {
    let mut ud = Vec::new();
    let mut rest = xml;
    while let Some(slut) = rest.find("/>") {
        ud.push(rest[..slut + 2].trim());
        rest = &rest[slut + 2..];
    }
    ud
}

/// Each footnote's own number (`w:footnoteRef`) at the start of its first paragraph, as Word writes
/// it, so the note at the foot of the page is numbered like its reference.
fn fodnotenumre(footnotes: &str) -> String {
    const NUMMER: &str = r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference" /></w:rPr><w:footnoteRef /></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>"#;
    let mut ud = String::with_capacity(footnotes.len() + 200);
    let mut rest = footnotes;
    while let Some(start) = rest.find("<w:footnote ") {
        let efter = &rest[start..];
        match efter.find("</w:pPr>") {
            Some(p) => {
                let slut = start + p + "</w:pPr>".len();
                ud.push_str(&rest[..slut]);
                ud.push_str(NUMMER);
                rest = &rest[slut..];
            }
            None => break,
        }
    }
    ud.push_str(rest);
    ud
}

/// The children of `w:pPr` in the schema's order (CT_PPr).
const PPR: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
];
/// The children of `w:rPr` in the schema's order (CT_ParaRPr and CT_RPr).
const RPR: &[&str] = &[
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
];
/// The children of `w:sectPr` in the schema's order (CT_SectPr).
const SECTPR: &[&str] = &[
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
];
/// The children of `w:style` in the schema's order (CT_Style).
const STYLE: &[&str] = &[
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblStylePr",
];
/// The children of `w:lvl` in the schema's order (CT_Lvl).
const LVL: &[&str] = &[
    "start",
    "numFmt",
    "lvlRestart",
    "pStyle",
    "isLgl",
    "suff",
    "lvlText",
    "lvlPicBulletId",
    "legacy",
    "lvlJc",
    "pPr",
    "rPr",
];

/// `xml` with the children of every property element sorted into the schema's order (a stable
/// sort: children the list does not name keep their place at the end).
pub(super) fn ordn(xml: &str) -> String {
    let mut ud = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        ud.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let navn = elementnavn(rest);
        let orden = match navn {
            "w:pPr" => Some(PPR),
            "w:rPr" => Some(RPR),
            "w:sectPr" => Some(SECTPR),
            "w:style" => Some(STYLE),
            "w:lvl" => Some(LVL),
            _ => None,
        };
        let (Some(orden), Some(start_slut)) = (orden, rest.find('>')) else {
            let slut = rest.find('>').map_or(rest.len(), |i| i + 1);
            ud.push_str(&rest[..slut]);
            rest = &rest[slut..];
            continue;
        };
        let start = &rest[..=start_slut];
        if start.ends_with("/>") {
            ud.push_str(start);
            rest = &rest[start.len()..];
            continue;
        }
        let Some(laengde) = elementlaengde(rest, navn) else {
            ud.push_str(rest);
            return ud;
        };
        let slut_tag = format!("</{navn}>");
        let indhold = &rest[start.len()..laengde - slut_tag.len()];
        let mut boern: Vec<String> = boern(indhold).into_iter().map(ordn).collect();
        let plads = |b: &String| {
            let lokal = elementnavn(b).trim_start_matches("w:");
            orden
                .iter()
                .position(|o| *o == lokal)
                .unwrap_or(orden.len())
        };
        boern.sort_by_key(plads);
        ud.push_str(start);
        ud.push_str(&boern.concat());
        ud.push_str(&slut_tag);
        rest = &rest[laengde..];
    }
    ud.push_str(rest);
    ud
}

/// The name of the element whose tag starts `xml` (`w:pPr` of `<w:pPr w:x="1">`).
fn elementnavn(xml: &str) -> &str {
    let navn = xml.trim_start_matches(['<', '/']);
    let slut = navn
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(navn.len());
    &navn[..slut]
}

/// The length of the element `navn` that starts `xml`, its end tag included, counting nested
/// elements of the same name; `None` when it is not closed.
fn elementlaengde(xml: &str, navn: &str) -> Option<usize> {
    let mut dybde = 0usize;
    let mut i = 0;
    while let Some(lt) = xml[i..].find('<') {
        let tag_start = i + lt;
        let tag_slut = tag_start + xml[tag_start..].find('>')? + 1;
        let tag = &xml[tag_start..tag_slut];
        if elementnavn(tag) == navn {
            if tag.starts_with("</") {
                dybde = dybde.checked_sub(1)?;
                if dybde == 0 {
                    return Some(tag_slut);
                }
            } else if !tag.ends_with("/>") {
                dybde += 1;
            }
        }
        i = tag_slut;
    }
    None
}

/// The child elements of an element's content, each with its own content.
fn boern(indhold: &str) -> Vec<&str> {
    let mut ud = Vec::new();
    let mut rest = indhold.trim_start();
    while rest.starts_with('<') {
        let navn = elementnavn(rest);
        let Some(start_slut) = rest.find('>') else {
            break;
        };
        let laengde = if rest[..=start_slut].ends_with("/>") {
            start_slut + 1
        } else {
            match elementlaengde(rest, navn) {
                Some(l) => l,
                None => break,
            }
        };
        ud.push(&rest[..laengde]);
        rest = rest[laengde..].trim_start();
    }
    if !rest.is_empty() {
        ud.push(rest);
    }
    ud
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_run_gets_danish_with_the_fonts_first() {
        // What docx-rs 0.4.22 writes for a default size and fonts.
        let styles = r#"<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22" /><w:szCs w:val="22" /><w:rFonts w:ascii="Calibri" /></w:rPr></w:rPrDefault></w:docDefaults>"#;
        assert_eq!(
            sprog(styles),
            r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" /><w:sz w:val="22" /><w:szCs w:val="22" /><w:lang w:val="da-DK" w:eastAsia="da-DK" w:bidi="ar-SA" /></w:rPr></w:rPrDefault></w:docDefaults>"#
        );
    }

    #[test]
    fn properties_are_sorted_into_the_schemas_order() {
        // docx-rs 0.4.22 writes a heading's paragraph mark properties first and its style last,
        // and a section's header references after its page size.
        let doc = r#"<w:p><w:pPr><w:rPr /><w:pStyle w:val="Heading1" /><w:numPr><w:ilvl w:val="0" /></w:numPr><w:keepNext /></w:pPr><w:r><w:rPr><w:sz w:val="18" /><w:b /><w:rStyle w:val="X" /></w:rPr><w:t>Tekst</w:t></w:r></w:p><w:sectPr><w:pgSz w:w="1" /><w:headerReference r:id="a" /><w:titlePg /></w:sectPr>"#;
        assert_eq!(
            ordn(doc),
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1" /><w:keepNext /><w:numPr><w:ilvl w:val="0" /></w:numPr><w:rPr /></w:pPr><w:r><w:rPr><w:rStyle w:val="X" /><w:b /><w:sz w:val="18" /></w:rPr><w:t>Tekst</w:t></w:r></w:p><w:sectPr><w:headerReference r:id="a" /><w:pgSz w:w="1" /><w:titlePg /></w:sectPr>"#
        );
    }

    #[test]
    fn each_footnote_starts_with_its_number() {
        let notes = r#"<w:footnotes><w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText" /></w:pPr><w:r><w:t>A</w:t></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:pPr><w:rPr /></w:pPr></w:p></w:footnote></w:footnotes>"#;
        let ud = fodnotenumre(notes);
        assert_eq!(ud.matches("<w:footnoteRef />").count(), 2);
        assert!(ud.contains(
            r#"</w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference" /></w:rPr><w:footnoteRef />"#
        ));
        assert!(ud.ends_with("<w:t>A</w:t></w:r></w:p></w:footnote><w:footnote w:id=\"2\"><w:p><w:pPr><w:rPr /></w:pPr><w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\" /></w:rPr><w:footnoteRef /></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r></w:p></w:footnote></w:footnotes>"));
    }
}
