//! Uploaded files as the browser names them: material and follow-up evidence. The name is typed by
//! whoever uploads and shown to others and offered back as a download name, so it is made safe before
//! it is stored; an empty file is refused, because it is always a mistake (the wrong file, or a
//! transfer that broke off) and would be released to the panel as if it were material.

/// Characters that are reserved in file names on common systems or that quote or separate in headers.
const RESERVED: &[char] = &['<', '>', ':', '"', '/', '\\', '|', '?', '*', ';'];

/// The longest name kept, in characters.
const MAX_CHARS: usize = 200;

/// Why an upload is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UploadFejl {
    /// The file has no content.
    #[error("filen »{0}« er tom (0 byte)")]
    Tom(String),
}

/// `name` as it may be stored: without any directory part (`../../etc/passwd` → `passwd`), without
/// control characters, reserved characters or leading dots (no hidden files), at most 200 characters;
/// letters such as æ, ø and å are kept. A name with nothing left is `fil`.
pub fn safe_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let kept: String = base
        .chars()
        .filter(|c| !c.is_control() && !RESERVED.contains(c))
        .take(MAX_CHARS)
        .collect();
    let trimmed = kept
        .trim_start_matches(|c: char| c == '.' || c.is_whitespace())
        .trim_end();
    if trimmed.is_empty() {
        "fil".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// Refuses an empty file.
///
/// # Errors
/// [`UploadFejl::Tom`] naming the file when it has no bytes.
pub fn check_upload(name: &str, size: usize) -> Result<(), UploadFejl> {
    if size == 0 {
        Err(UploadFejl::Tom(name.to_owned()))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_paths_controls_and_reserved_characters_but_keep_danish_letters() {
        for (given, stored) in [
            ("../../etc/passwd\u{0}.pdf", "passwd.pdf"),
            ("../../etc/pass<wd>\u{85}\t|?*:.pdf", "passwd.pdf"),
            ("C:\\Users\\x\\Rapport Ø.pdf", "Rapport Ø.pdf"),
            ("referat æøå.txt", "referat æøå.txt"),
            ("a\r\nb.txt", "ab.txt"),
            (".htaccess", "htaccess"),
            ("  ..  ", "fil"),
            ("", "fil"),
            ("\"x\";y.pdf", "xy.pdf"),
        ] {
            assert_eq!(safe_file_name(given), stored, "{given:?}");
        }
        assert_eq!(safe_file_name(&"å".repeat(300)).chars().count(), 200);
    }

    #[test]
    fn empty_files_are_refused_by_name() {
        assert_eq!(
            check_upload("tom.pdf", 0).unwrap_err().to_string(),
            "filen »tom.pdf« er tom (0 byte)"
        );
        assert!(check_upload("a.pdf", 1).is_ok());
    }
}
