//! Small text helpers shared by editors and renderers.

/// Splits a comma- or newline-separated list as people type it ("ingest, storage"), trimming
/// entries and dropping empty ones and repeats (case-insensitively), keeping the first spelling.
pub fn parse_list(text: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for item in text
        .split([',', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        if !items.iter().any(|seen| seen.eq_ignore_ascii_case(item)) {
            items.push(item.to_owned());
        }
    }
    items
}

/// Characters no rendering shows: controls other than tab and line breaks (NUL included),
/// Unicode noncharacters, and the explicit bidirectional embeddings, overrides and isolates,
/// which could make the rest of a line read backwards ("Trojan Source"). Shared by every
/// renderer so reports, Markdown and the chart agree on what user text can carry.
pub fn is_unshown(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{FDD0}'..='\u{FDEF}')
        || (c as u32 & 0xFFFE) == 0xFFFE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_trimmed_and_deduplicated() {
        assert_eq!(
            parse_list(" ingest, storage,,Ingest\nquery "),
            ["ingest", "storage", "query"]
        );
        assert!(parse_list(" , ").is_empty());
    }
}
