//! What kind of chat file a person handed over, from its name and first bytes, so one
//! "Import chat" control takes a Slack zip, a channel's JSON files, a CSV or a pasted log.

use super::ImportError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatFileKind {
    /// A zip archive: a Slack workspace export.
    SlackExport,
    /// JSON: one day file of a Slack channel (or `users.json` beside them).
    SlackDayFile,
    Csv,
    /// Anything else that is text: a chat log.
    TextLog,
}

/// Decides by content first (a zip is a zip whatever it is called), then by name.
pub fn chat_file_kind(name: &str, bytes: &[u8]) -> ChatFileKind {
    let lower = name.to_ascii_lowercase();
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return ChatFileKind::SlackExport;
    }
    if lower.ends_with(".zip") {
        // Named a zip but not one: let the Slack reader say so in its own words.
        return ChatFileKind::SlackExport;
    }
    if lower.ends_with(".json") || looks_like_json_list(bytes) {
        return ChatFileKind::SlackDayFile;
    }
    if lower.ends_with(".csv") || lower.ends_with(".tsv") {
        return ChatFileKind::Csv;
    }
    ChatFileKind::TextLog
}

/// `[` then `{` or `]`: a JSON list of records, not a log line such as `[14:03] alice: …`.
fn looks_like_json_list(bytes: &[u8]) -> bool {
    let mut significant = bytes
        .iter()
        .filter(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF));
    significant.next() == Some(&b'[') && matches!(significant.next(), Some(b'{') | Some(b']'))
}

/// The text of a file that should be UTF-8 (a leading byte order mark is dropped). UTF-16
/// and other encodings are refused in plain words rather than read as garbage.
pub fn decode_text(bytes: &[u8]) -> Result<String, ImportError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ImportError::NotText);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotText)?;
    // NUL bytes mean a binary file that happens to be valid UTF-8.
    if text.contains('\0') {
        return Err(ImportError::NotText);
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_before_the_name() {
        assert_eq!(
            chat_file_kind("notes.txt", b"PK\x03\x04rest"),
            ChatFileKind::SlackExport
        );
        assert_eq!(
            chat_file_kind("export.zip", b"not a zip"),
            ChatFileKind::SlackExport
        );
        assert_eq!(
            chat_file_kind("2019-11-06.json", b"[{}]"),
            ChatFileKind::SlackDayFile
        );
        assert_eq!(
            chat_file_kind("pasted", b"\xEF\xBB\xBF  [{\"ts\":\"1\"}]"),
            ChatFileKind::SlackDayFile
        );
        assert_eq!(
            chat_file_kind("alerts.CSV", b"time,text\n"),
            ChatFileKind::Csv
        );
        assert_eq!(
            chat_file_kind("log.txt", b"[2019-11-06 14:03:12] alice: hi"),
            ChatFileKind::TextLog
        );
    }

    #[test]
    fn only_utf8_text_is_read() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFh\xC3\xA9").unwrap(), "hé");
        assert_eq!(
            decode_text(b"\xFF\xFEh\x00i\x00"),
            Err(ImportError::NotText)
        );
        assert_eq!(decode_text(b"caf\xE9"), Err(ImportError::NotText));
        assert_eq!(decode_text(b"a\x00b"), Err(ImportError::NotText));
    }
}
