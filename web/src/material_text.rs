//! The text of an uploaded material file, read so that the upload can look for CPR numbers
//! (`audit::cpr`) before the file reaches the panel: a text file as it is, a Word document's paragraphs
//! (`word/document.xml` inside the DOCX zip), and a PDF's text layer page by page.
//!
//! The PDF reader is deliberately small: it finds the objects (also inside compressed object streams),
//! follows the page tree, inflates `FlateDecode` content streams and reads the strings the text
//! operators show. Text in fonts with their own encodings (CID fonts, subsets) may not come out
//! readable; digits and hyphens in the standard fonts that reports use do. Whatever cannot be read is
//! skipped, never an error: the scan is a warning, and a file it cannot read is not refused.

use std::collections::BTreeMap;
use std::io::Read;

use audit::cpr::{self, CprFund};

/// The most bytes inflated from one stream or zip entry: a small compressed file cannot grow without
/// bound (a "zip bomb").
const MAX_INFLATED: u64 = 64 * 1024 * 1024;

/// The CPR numbers in the file, by page (PDF) or line (text, DOCX); empty for a file it cannot read.
pub(crate) fn scan(file_name: &str, media_type: &str, bytes: &[u8]) -> Vec<CprFund> {
    let name = file_name.to_lowercase();
    if bytes.starts_with(b"%PDF") {
        cpr::find_pages(&pdf_pages(bytes))
    } else if bytes.starts_with(b"PK") {
        docx_text(bytes).map_or_else(Vec::new, |text| cpr::find_lines(&text))
    } else if media_type.starts_with("text/")
        || [".txt", ".csv", ".md"].iter().any(|e| name.ends_with(e))
        || std::str::from_utf8(bytes).is_ok()
    {
        cpr::find_lines(&String::from_utf8_lossy(bytes))
    } else {
        Vec::new()
    }
}

/// The paragraphs of a DOCX file, one per line.
fn docx_text(bytes: &[u8]) -> Option<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let entry = archive.by_name("word/document.xml").ok()?;
    let mut xml = String::new();
    entry.take(MAX_INFLATED).read_to_string(&mut xml).ok()?;
    Some(word_xml_text(&xml))
}

/// The text of WordprocessingML: the contents of `<w:t>` elements, a line break after each paragraph
/// and at `<w:br/>`, a space for `<w:tab/>`.
fn word_xml_text(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    let mut in_text = false;
    while let Some(open) = rest.find('<') {
        if in_text {
            out.push_str(&unescape_xml(&rest[..open]));
        }
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/', '\t', '\n', '\r'])
            .next()
            .unwrap_or_default();
        let closing = tag.starts_with('/');
        let empty = tag.ends_with('/');
        match name {
            "w:t" => in_text = !closing && !empty,
            "w:p" if closing || empty => out.push('\n'),
            "w:br" | "w:cr" => out.push('\n'),
            "w:tab" => out.push(' '),
            _ => {}
        }
        rest = &rest[open + close + 1..];
    }
    out
}

/// XML's five entities and numeric character references.
fn unescape_xml(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let Some(semi) = after.find(';').filter(|&s| s <= 10) else {
            out.push('&');
            rest = after;
            continue;
        };
        let entity = &after[..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// One PDF object: its dictionary (or other value) as text, and its stream, if it has one.
#[derive(Debug, Default, Clone)]
struct Object {
    dict: String,
    stream: Option<Vec<u8>>,
}

/// The text of each page of a PDF, in page order.
fn pdf_pages(bytes: &[u8]) -> Vec<String> {
    let objects = pdf_objects(bytes);
    let mut pages = Vec::new();
    if let Some(root) = objects
        .values()
        .find(|o| has_type(&o.dict, "Catalog"))
        .and_then(|catalog| reference(&catalog.dict, "/Pages"))
    {
        collect_pages(&objects, root, &mut pages, 0);
    }
    if pages.is_empty() {
        // No usable page tree: the page objects in object order.
        pages = objects
            .iter()
            .filter(|(_, o)| has_type(&o.dict, "Page"))
            .map(|(n, _)| *n)
            .collect();
    }
    pages
        .into_iter()
        .map(|page| {
            let Some(object) = objects.get(&page) else {
                return String::new();
            };
            let mut text = String::new();
            for content in contents(&object.dict) {
                if let Some(stream) = objects.get(&content).and_then(decoded_stream) {
                    text.push_str(&content_text(&stream));
                    text.push('\n');
                }
            }
            text
        })
        .collect()
}

/// Appends the pages under page-tree node `node`, in order (`depth` guards against loops).
fn collect_pages(objects: &BTreeMap<u32, Object>, node: u32, pages: &mut Vec<u32>, depth: usize) {
    let Some(object) = objects.get(&node) else {
        return;
    };
    if depth > 32 || pages.len() > 100_000 {
        return;
    }
    if has_type(&object.dict, "Pages") {
        for kid in array_refs(&object.dict, "/Kids") {
            collect_pages(objects, kid, pages, depth + 1);
        }
    } else if has_type(&object.dict, "Page") {
        pages.push(node);
    }
}

/// Whether the dictionary says `/Type /name` (not a longer name: `/Page` is not `/Pages`).
fn has_type(dict: &str, name: &str) -> bool {
    let compact: String = dict.split_whitespace().collect::<Vec<_>>().join("");
    let needle = format!("/Type/{name}");
    compact.match_indices(&needle).any(|(i, _)| {
        !compact[i + needle.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    })
}

/// The object number of `key N G R` in a dictionary.
fn reference(dict: &str, key: &str) -> Option<u32> {
    let at = key_position(dict, key)?;
    let mut words = dict[at + key.len()..].split_whitespace();
    let (n, _generation, r) = (words.next()?, words.next()?, words.next()?);
    r.starts_with('R').then(|| n.parse().ok()).flatten()
}

/// Where `key` stands as a whole name in a dictionary.
fn key_position(dict: &str, key: &str) -> Option<usize> {
    dict.match_indices(key).map(|(i, _)| i).find(|&i| {
        !dict[i + key.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    })
}

/// The object numbers in `key [N G R …]`.
fn array_refs(dict: &str, key: &str) -> Vec<u32> {
    let Some(at) = key_position(dict, key) else {
        return Vec::new();
    };
    let rest = dict[at + key.len()..].trim_start();
    let Some(inner) = rest
        .strip_prefix('[')
        .and_then(|r| r.split_once(']'))
        .map(|(inner, _)| inner)
    else {
        return Vec::new();
    };
    let words: Vec<&str> = inner.split_whitespace().collect();
    words
        .windows(3)
        .filter(|w| w[2] == "R")
        .filter_map(|w| w[0].parse().ok())
        .collect()
}

/// A page's content streams: `/Contents N G R` or `/Contents [N G R …]`.
fn contents(dict: &str) -> Vec<u32> {
    reference(dict, "/Contents").map_or_else(|| array_refs(dict, "/Contents"), |n| vec![n])
}

/// Every object of the file by number, those inside object streams included.
fn pdf_objects(bytes: &[u8]) -> BTreeMap<u32, Object> {
    let mut objects = BTreeMap::new();
    let mut from = 0;
    while let Some(at) = find(bytes, b"obj", from) {
        from = at + 3;
        let Some(number) = object_number(bytes, at) else {
            continue;
        };
        if bytes.get(at + 3).is_some_and(u8::is_ascii_alphanumeric) {
            continue;
        }
        let end = find(bytes, b"endobj", from).unwrap_or(bytes.len());
        let body = &bytes[from..end];
        let object = match find(body, b"stream", 0) {
            Some(s) if !body[..s].ends_with(b"end") => {
                let mut start = s + b"stream".len();
                if body.get(start) == Some(&b'\r') {
                    start += 1;
                }
                if body.get(start) == Some(&b'\n') {
                    start += 1;
                }
                let stop = find(body, b"endstream", start).unwrap_or(body.len());
                let data = body[start..stop]
                    .strip_suffix(b"\n")
                    .map(|d| d.strip_suffix(b"\r").unwrap_or(d))
                    .unwrap_or(&body[start..stop]);
                Object {
                    dict: String::from_utf8_lossy(&body[..s]).into_owned(),
                    stream: Some(data.to_vec()),
                }
            }
            _ => Object {
                dict: String::from_utf8_lossy(body).into_owned(),
                stream: None,
            },
        };
        objects.insert(number, object);
        from = end + b"endobj".len();
    }
    let streams: Vec<Object> = objects
        .values()
        .filter(|o| has_type(&o.dict, "ObjStm"))
        .cloned()
        .collect();
    for stream in streams {
        for (n, object) in object_stream(&stream) {
            objects.entry(n).or_insert(object);
        }
    }
    objects
}

/// The number `N` of `N G obj` ending at `at`.
fn object_number(bytes: &[u8], at: usize) -> Option<u32> {
    let head = String::from_utf8_lossy(&bytes[at.saturating_sub(24)..at]).into_owned();
    let mut words = head.split_whitespace().rev();
    let generation = words.next()?;
    let number = words.next()?;
    generation.parse::<u32>().ok()?;
    number
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .ok()
}

/// The objects inside an object stream (`/Type /ObjStm`, PDF 1.5).
fn object_stream(stream: &Object) -> Vec<(u32, Object)> {
    let Some(data) = decoded_stream(stream) else {
        return Vec::new();
    };
    let number = |key: &str| {
        key_position(&stream.dict, key).and_then(|at| {
            stream.dict[at + key.len()..]
                .split_whitespace()
                .next()
                .and_then(|w| w.trim_end_matches(['/', '>']).parse::<usize>().ok())
        })
    };
    let (Some(count), Some(first)) = (number("/N"), number("/First")) else {
        return Vec::new();
    };
    let Some(header) = data.get(..first) else {
        return Vec::new();
    };
    let header = String::from_utf8_lossy(header);
    let pairs: Vec<usize> = header
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    let entries: Vec<(u32, usize)> = pairs
        .chunks(2)
        .take(count)
        .filter_map(|p| Some((u32::try_from(*p.first()?).ok()?, first + *p.get(1)?)))
        .collect();
    entries
        .iter()
        .enumerate()
        .filter_map(|(i, (n, start))| {
            let end = entries.get(i + 1).map_or(data.len(), |(_, e)| *e);
            let body = data.get(*start..end.max(*start))?;
            Some((
                *n,
                Object {
                    dict: String::from_utf8_lossy(body).into_owned(),
                    stream: None,
                },
            ))
        })
        .collect()
}

/// The stream's bytes with its filter undone: none or `FlateDecode`; `None` for other filters.
fn decoded_stream(object: &Object) -> Option<Vec<u8>> {
    let data = object.stream.as_ref()?;
    match key_position(&object.dict, "/Filter") {
        None => Some(data.clone()),
        Some(_) if object.dict.contains("FlateDecode") && !object.dict.contains("DCTDecode") => {
            inflate(data)
        }
        Some(_) => None,
    }
}

/// zlib-inflated bytes, or raw deflate when the zlib header is missing, at most [`MAX_INFLATED`].
fn inflate(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    if flate2::read::ZlibDecoder::new(data)
        .take(MAX_INFLATED)
        .read_to_end(&mut out)
        .is_ok()
    {
        return Some(out);
    }
    out.clear();
    flate2::read::DeflateDecoder::new(data)
        .take(MAX_INFLATED)
        .read_to_end(&mut out)
        .ok()
        .map(|_| out)
}

/// The text a content stream shows: its literal and hex strings, a line break at every text
/// positioning or block end, a space where a `TJ` array moves far to the right.
fn content_text(content: &[u8]) -> String {
    let mut out = String::new();
    let mut i = 0;
    let mut word = Vec::new();
    while i < content.len() {
        let b = content[i];
        match b {
            b'(' => {
                flush_word(&mut word, &mut out);
                let (text, next) = literal_string(content, i + 1);
                out.extend(text.iter().map(|&b| char::from(b)));
                i = next;
                continue;
            }
            b'<' if content.get(i + 1) != Some(&b'<') => {
                flush_word(&mut word, &mut out);
                let end = content[i..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(content.len(), |p| i + p);
                let hex: Vec<u8> = content[i + 1..end]
                    .iter()
                    .copied()
                    .filter(u8::is_ascii_hexdigit)
                    .collect();
                for pair in hex.chunks(2) {
                    let text = String::from_utf8_lossy(pair);
                    let padded = format!("{text:0<2}");
                    if let Ok(byte) = u8::from_str_radix(&padded, 16) {
                        out.push(char::from(byte));
                    }
                }
                i = end + 1;
                continue;
            }
            b'%' => {
                // A comment to the end of the line.
                while i < content.len() && content[i] != b'\n' && content[i] != b'\r' {
                    i += 1;
                }
                continue;
            }
            _ if b.is_ascii_whitespace() || b"[]<>/{}".contains(&b) => {
                flush_word(&mut word, &mut out);
            }
            _ => word.push(b),
        }
        i += 1;
    }
    flush_word(&mut word, &mut out);
    out
}

/// Acts on one operator or number token of a content stream.
fn flush_word(word: &mut Vec<u8>, out: &mut String) {
    match word.as_slice() {
        b"Td" | b"TD" | b"T*" | b"Tm" | b"ET" | b"'" | b"\"" => out.push('\n'),
        number => {
            // In a TJ array a number is a move left in thousandths of an em: a large negative one is a gap.
            if let Ok(n) = std::str::from_utf8(number).unwrap_or("x").parse::<f64>()
                && n < -200.0
            {
                out.push(' ');
            }
        }
    }
    word.clear();
}

/// A literal string starting after its `(`: its bytes with escapes undone, and where it ends.
fn literal_string(content: &[u8], mut i: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let mut depth = 1;
    while i < content.len() {
        let b = content[i];
        i += 1;
        match b {
            b'\\' => {
                let Some(&next) = content.get(i) else { break };
                i += 1;
                match next {
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'b' | b'f' => {}
                    b'0'..=b'7' => {
                        let mut value = u32::from(next - b'0');
                        for _ in 0..2 {
                            match content.get(i) {
                                Some(&d @ b'0'..=b'7') => {
                                    value = value * 8 + u32::from(d - b'0');
                                    i += 1;
                                }
                                _ => break,
                            }
                        }
                        out.push(u8::try_from(value & 0xFF).unwrap_or(0));
                    }
                    b'\r' | b'\n' => {}
                    other => out.push(other),
                }
            }
            b'(' => {
                depth += 1;
                out.push(b);
            }
            b')' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
                out.push(b);
            }
            _ => out.push(b),
        }
    }
    (out, i)
}

/// The first position of `needle` in `haystack` from `from`.
fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn zlib(bytes: &[u8]) -> Vec<u8> {
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn a_flate_compressed_pdf_page_is_read_in_page_tree_order() {
        let page2 = zlib(b"BT /F1 12 Tf 72 700 Td (Borger ) Tj [(0102) -10 (03-1234)] TJ ET");
        let mut pdf = b"%PDF-1.5\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
            2 0 obj << /Type /Pages /Kids [4 0 R 3 0 R] /Count 2 >> endobj\n\
            3 0 obj << /Type /Page /Parent 2 0 R /Contents 5 0 R >> endobj\n\
            4 0 obj << /Type /Page /Parent 2 0 R /Contents [6 0 R] >> endobj\n"
            .to_vec();
        pdf.extend_from_slice(
            format!(
                "5 0 obj << /Length {} /Filter /FlateDecode >>\nstream\n",
                page2.len()
            )
            .as_bytes(),
        );
        pdf.extend_from_slice(&page2);
        pdf.extend_from_slice(b"\nendstream\nendobj\n6 0 obj << /Length 20 >>\nstream\nBT (\\(forside\\)) Tj ET\nendstream\nendobj\n%%EOF");
        let pages = pdf_pages(&pdf);
        assert_eq!(pages.len(), 2);
        assert!(pages[0].contains("(forside)"), "{pages:?}");
        assert!(pages[1].contains("Borger 010203-1234"), "{pages:?}");
        let found = scan("x.pdf", "application/pdf", &pdf);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].placering, cpr::Placering::Side(2));
    }

    #[test]
    fn a_docx_is_read_paragraph_by_paragraph() {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.write_all(
            br#"<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>Referat</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">Borger &amp; cpr </w:t></w:r><w:r><w:t>150285-1234</w:t></w:r></w:p></w:body></w:document>"#,
        )
        .unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        let found = scan("referat.docx", "application/octet-stream", &bytes);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].placering, cpr::Placering::Linje(2));
        assert_eq!(found[0].udsnit, "Borger & cpr 150285-XXXX");
    }

    #[test]
    fn binary_files_are_skipped_without_error() {
        assert!(
            scan(
                "billede.png",
                "image/png",
                &[0x89, b'P', b'N', b'G', 0, 0xff]
            )
            .is_empty()
        );
        assert!(scan("x.pdf", "application/pdf", b"%PDF-1.4 garbage (").is_empty());
    }
}
