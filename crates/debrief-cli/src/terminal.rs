//! Text from review documents on its way to a terminal or a CI log.

/// `text` on one line with every control character replaced: line breaks and tabs become
/// spaces, anything else (escape sequences that could recolour or rewrite a terminal)
/// becomes U+FFFD.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn control_characters_cannot_reach_the_terminal() {
        assert_eq!(one_line("a\nb\tc"), "a b c");
        assert_eq!(one_line("red \u{1b}[31m"), "red \u{fffd}[31m");
        assert_eq!(one_line("Zürich “quoted”"), "Zürich “quoted”");
    }
}
