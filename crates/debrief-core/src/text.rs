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
