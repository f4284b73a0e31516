//! Escaping: the one way text from a review, a chat log or a file enters HTML, SVG or XML
//! markup, for every renderer in this crate and for the command-line tool's pages.
//!
//! Two places text can stand, and nothing else: element content (`text`) and an attribute
//! value (`attr`, which is also what SVG's XML takes everywhere). Both drop the characters no
//! rendering shows (`text::is_unshown`: controls, noncharacters, bidirectional overrides), so
//! every output agrees on what user text can carry.

use crate::text::is_unshown;
use std::fmt;

/// Text as HTML element content: `&`, `<` and `>` escaped; tabs and line breaks kept, for
/// the places that show them.
pub fn text(value: &str) -> String {
    Escaped {
        value,
        in_attribute: false,
    }
    .to_string()
}

/// Text as an attribute value between double or single quotes, or as XML/SVG text: quotes of
/// both kinds escaped too, so the value cannot end early whichever quoting a later edit uses;
/// tabs and line breaks become spaces (legal, but a renderer collapses them anyway, and goldens
/// and diffs stay readable).
pub fn attr(value: &str) -> String {
    Attr(value).to_string()
}

/// [`attr`] as a `Display`, to write straight into a larger piece of markup.
pub struct Attr<'a>(pub &'a str);

impl fmt::Display for Attr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Escaped {
            value: self.0,
            in_attribute: true,
        }
        .fmt(f)
    }
}

struct Escaped<'a> {
    value: &'a str,
    in_attribute: bool,
}

impl Escaped<'_> {
    fn replacement(&self, c: char) -> Option<&'static str> {
        match c {
            '&' => Some("&amp;"),
            '<' => Some("&lt;"),
            '>' => Some("&gt;"),
            '"' if self.in_attribute => Some("&quot;"),
            '\'' if self.in_attribute => Some("&#39;"),
            '\t' | '\n' | '\r' if self.in_attribute => Some(" "),
            c if is_unshown(c) => Some(""),
            _ => None,
        }
    }
}

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.value;
        while let Some((i, replacement)) = rest
            .char_indices()
            .find_map(|(i, c)| self.replacement(c).map(|r| (i, r)))
        {
            f.write_str(&rest[..i])?;
            f.write_str(replacement)?;
            let c_len = rest[i..].chars().next().map_or(1, char::len_utf8);
            rest = &rest[i + c_len..];
        }
        f.write_str(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_content_escapes_markup_and_keeps_quotes_and_breaks() {
        assert_eq!(
            text("<b>\"q\" & 'a'</b>\n\tx"),
            "&lt;b&gt;\"q\" &amp; 'a'&lt;/b&gt;\n\tx"
        );
    }

    #[test]
    fn attributes_escape_quotes_and_flatten_whitespace() {
        assert_eq!(
            attr("<script>alert('x')</script> & \"q\"\r\n\tz"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;   z"
        );
        assert_eq!(Attr("a\"b").to_string(), attr("a\"b"));
    }

    #[test]
    fn both_drop_what_no_rendering_shows() {
        let hostile = "Report \u{202E}txt.exe\u{202C}\u{0}\u{7}\u{FFFE}\u{FDD0} end";
        assert_eq!(text(hostile), "Report txt.exe end");
        assert_eq!(attr(hostile), "Report txt.exe end");
    }

    #[test]
    fn everything_else_passes_through() {
        let plain = "Ünïcödé — 東京 🚒 a/b?c=d;e";
        assert_eq!(text(plain), plain);
        assert_eq!(attr(plain), plain);
    }
}
