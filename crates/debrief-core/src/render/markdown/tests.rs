use super::*;

#[test]
fn syntax_characters_are_escaped() {
    assert_eq!(inline("a *b* _c_ `d`"), r"a \*b\* \_c\_ \`d\`");
    assert_eq!(
        inline("[x](javascript:alert(1))"),
        r"\[x\]\(javascript:alert(1))"
    );
    assert_eq!(
        inline("![img](https://evil/x.png)"),
        r"!\[img\]\(https://evil/x.png)"
    );
    assert_eq!(inline("<script>&amp;"), "&lt;script&gt;&amp;amp;");
    assert_eq!(inline("| a | b |"), r"\| a \| b \|");
    assert_eq!(inline(r"C:\dir ~~x~~ $5 #1"), r"C:\\dir \~\~x\~\~ \$5 \#1");
}

#[test]
fn block_markers_are_escaped_only_at_line_starts() {
    assert_eq!(inline("- item"), r"\- item");
    assert_eq!(inline("+ item"), r"\+ item");
    assert_eq!(inline("==="), r"\===");
    assert_eq!(inline("12. twelfth"), r"12\. twelfth");
    assert_eq!(inline("3) third"), r"3\) third");
    assert_eq!(inline("> quote"), "&gt; quote");
    assert_eq!(inline("# heading"), r"\# heading");
    assert_eq!(inline("a - b + c = 1. d"), "a - b + c = 1. d");
    assert_eq!(inline("2019 was"), "2019 was");
}

#[test]
fn inline_text_is_one_line() {
    assert_eq!(
        inline("  one\r\ntwo\u{2028}three\tfour  "),
        "one  two three four"
    );
    assert_eq!(inline_or(" \n ", "—"), "—");
}

#[test]
fn paragraphs_keep_their_shape() {
    assert_eq!(
        paragraphs("First line\n- second\n\n\n    code?\n1. x"),
        "First line\\\n\\- second\n\ncode?\\\n1\\. x"
    );
    assert_eq!(paragraphs("\n\n"), "");
}

#[test]
fn only_web_links_become_links() {
    assert_eq!(
        link_or_text("Alert", "https://x.example/a(b) c"),
        "Alert: https://x.example/a(b) c"
    );
    assert_eq!(
        link_or_text("Alert", "https://x.example/a(b)|\"c\"<d>\\"),
        "[Alert](https://x.example/a%28b%29%7C%22c%22%3Cd%3E%5C)"
    );
    assert_eq!(
        link_or_text("Alert", "javascript:alert(1)"),
        "Alert: javascript:alert(1)"
    );
    assert_eq!(
        link_or_text("Alert", "data:text/html,<b>"),
        "Alert: data:text/html,&lt;b&gt;"
    );
}
