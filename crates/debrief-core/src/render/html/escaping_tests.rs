use super::*;

#[test]
fn text_and_attributes_escape_what_they_must() {
    assert_eq!(text("a<b>&c\"d'e"), "a&lt;b&gt;&amp;c\"d'e");
    assert_eq!(attr("a<b>&c\"d'e"), "a&lt;b&gt;&amp;c&quot;d&#39;e");
    // NUL, other controls, bidi overrides and noncharacters never reach the page.
    assert_eq!(
        text("a\0b\u{1}c\u{7f}d\u{9b}e\u{202E}f\u{2066}g\u{FFFE}h\u{FDD0}i"),
        "abcdefghi"
    );
    assert_eq!(text("line\nnext\ttab"), "line\nnext\ttab");
    assert_eq!(attr("line\nnext"), "line next");
    // Look-alikes are just text.
    assert_eq!(text("＜script＞"), "＜script＞");
}

#[test]
fn only_web_and_mail_links_become_hrefs() {
    for good in [
        "https://example.com/x",
        " HTTP://example.com ",
        "https://x/\"onmouseover=\"alert(1)",
        "mailto:ops@example.com",
        "MAILTO:ops@example.com",
    ] {
        assert!(safe_href(good).is_some(), "{good}");
    }
    for bad in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java&#x09;script:alert(1)",
        "\u{1}javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "/relative",
        "https://",
        "https://a b",
        "mailto:",
        "mailto:a b@example.com",
        "https://x/\u{202E}gnp.exe",
    ] {
        assert_eq!(safe_href(bad), None, "{bad:?}");
    }
    assert_eq!(
        link_or_text("Chat", "javascript:alert(1)"),
        "Chat <span class=\"muted\">javascript:alert(1)</span>"
    );
    assert_eq!(
        link_or_text("Chat", "https://x/\"><b>"),
        "<a href=\"https://x/&quot;&gt;&lt;b&gt;\" rel=\"noopener noreferrer\">Chat</a>"
    );
}

#[test]
fn the_data_block_escapes_reverse_exactly() {
    for tricky in [
        "</script><script>alert(1)</script>",
        "<!-- -->",
        "a & b > c",
        "\u{2028}\u{2029}",
        // The review's own text may contain what looks like our escapes.
        "\\u003c and \\\\u003c and \\\\\\u003e",
        "\\",
        "end with backslash \\",
        "ü € 𝄞",
    ] {
        let json = serde_json::to_string(&serde_json::json!({ "text": tricky })).unwrap();
        let block = escape_json_block(&json);
        assert!(
            !block.contains(['<', '>', '&', '\u{2028}', '\u{2029}']),
            "{block}"
        );
        assert_eq!(unescape_json_block(&block), json, "{tricky}");
        let back: serde_json::Value = serde_json::from_str(&block).unwrap();
        assert_eq!(back["text"], tricky, "the escaped block is the same JSON");
    }
}

#[test]
fn extraction_finds_only_our_block() {
    assert_eq!(extract_embedded_review("<html><p>no data</p></html>"), None);
    assert_eq!(
        extract_embedded_review("<script type=\"application/json\">{}</script>"),
        None
    );
    let html = format!(
        "<SCRIPT>1</SCRIPT><p>x</p><script type='application/json' id='{REVIEW_DATA_ID}'>\
             {{\"a\":\"\\u003c/script\\u003e\"}}</Script>"
    );
    assert_eq!(
        extract_embedded_review(&html).as_deref(),
        Some("{\"a\":\"</script>\"}")
    );
    assert_eq!(
        extract_embedded_review(&format!("<script id={REVIEW_DATA_ID}>")),
        None,
        "an unclosed block is not a review"
    );
}
