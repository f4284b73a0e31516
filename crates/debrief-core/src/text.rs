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

/// A number with its noun: "1 interview", "3 interviews". Both forms are given, since English
/// plurals are not one rule ("1 person", "2 people").
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// As [`count`], the number grouped by thousands ("50,000 messages"): counts that run large
/// are read at a glance.
pub fn count_grouped(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", grouped(n), if n == 1 { one } else { many })
}

/// "50,000".
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
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

/// How long a download's file name from a title may get, in characters.
const FILE_STEM_CHARS: usize = 60;

/// A file name (without extension) from a title: its words in lower case joined by dashes,
/// nothing a file system could object to, cut after a whole word so no name ends
/// mid-word; `fallback` for a title with no letters or digits.
pub fn file_stem(title: &str, fallback: &str) -> String {
    let mut stem = String::new();
    let mut chars = 0;
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_lowercase();
        let len = word.chars().count();
        if stem.is_empty() {
            // A single word longer than the limit is the one case cut inside a word.
            stem = word.chars().take(FILE_STEM_CHARS).collect();
            chars = len.min(FILE_STEM_CHARS);
        } else if chars + 1 + len <= FILE_STEM_CHARS {
            stem.push('-');
            stem.push_str(&word);
            chars += 1 + len;
        } else {
            break;
        }
    }
    if stem.is_empty() {
        fallback.to_owned()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(grouped(50_000), "50,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(count_grouped(1, "message", "messages"), "1 message");
        assert_eq!(
            count_grouped(12_000, "message", "messages"),
            "12,000 messages"
        );
    }

    #[test]
    fn lists_are_trimmed_and_deduplicated() {
        assert_eq!(
            parse_list(" ingest, storage,,Ingest\nquery "),
            ["ingest", "storage", "query"]
        );
        assert!(parse_list(" , ").is_empty());
    }

    #[test]
    fn file_stems_are_whole_lower_case_words() {
        assert_eq!(
            file_stem("Ausfall der Zahlungsübersicht: 2024-03-01", "review"),
            "ausfall-der-zahlungsübersicht-2024-03-01"
        );
        assert_eq!(file_stem("?? / !!", "review"), "review");
        let long = "Ingest brownouts from a slow memory leak in the compression library upgrade";
        let stem = file_stem(long, "review");
        assert_eq!(
            stem,
            "ingest-brownouts-from-a-slow-memory-leak-in-the-compression"
        );
        assert!(stem.chars().count() <= 60);
        assert_eq!(file_stem(&"x".repeat(80), "review").len(), 60);
    }
}
