//! Safety: hostile text everywhere stays text, the empty state is inert, numbers and ids
//! are written only as the rules allow.

use super::*;

#[test]
fn hostile_text_everywhere_stays_text() {
    let review = hostile_review();
    let options = ChartOptions {
        zone: HOSTILE[1].to_owned(),
        id_prefix: HOSTILE[1].to_owned(),
        ..options()
    };
    let svg = render(&review, &options);
    let root = assert_inert(&svg);

    // Nothing that XML forbids, and no raw controls.
    assert!(!svg.contains(['\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{FFFE}']));
    // Escaped once, not twice and not zero times.
    assert!(svg.contains("&amp;amp; &amp;lt;b&amp;gt; &amp;#x3c;"));
    assert!(svg.contains("&lt;/title&gt;&lt;script&gt;"));
    assert!(svg.contains("&quot;&gt;&lt;svg onload=alert(1)&gt;"));
    assert!(svg.contains("&#39; onmouseover=&#39;alert(1)&#39; x=&#39;"));
    // The payloads come back, as text, when the document is read.
    let texts: Vec<String> = root.descendants().into_iter().map(El::own_text).collect();
    for payload in HOSTILE {
        let expected = one_line(payload);
        assert!(
            texts.iter().any(|t| t.contains(&expected)),
            "{expected:?} missing"
        );
    }
    assert!(texts.iter().any(|t| t.contains("nulbellescdelc1 end")));
    // The hostile zone name is shown (escaped) and UTC is used instead.
    assert!(texts
        .iter()
        .any(|t| t.starts_with("Times in UTC (“\"><svg onload")));
    // The hostile id prefix was reduced to safe characters.
    assert_eq!(
        root.attr("aria-labelledby"),
        Some("svgonloadalert1-title svgonloadalert1-desc")
    );
}

#[test]
fn empty_state_is_inert_too() {
    let mut nothing = review(vec![person("p1", "<b>")], vec![]);
    nothing.title = "</title><script>".to_owned();
    let svg = render(
        &nothing,
        &ChartOptions {
            id_prefix: "<x>".to_owned(),
            ..options()
        },
    );
    let root = assert_inert(&svg);
    assert!(root.all("text")[0]
        .own_text()
        .contains("No events with a time"));
    assert_eq!(root.attr("aria-labelledby"), Some("x-title x-desc"));
}

#[test]
fn escaping_and_cleaning() {
    assert_eq!(Attr("a<b>&\"c'").to_string(), "a&lt;b&gt;&amp;&quot;c&#39;");
    assert_eq!(Attr("x\u{0}y\u{FFFF}z\nw").to_string(), "xyz w");
    assert_eq!(one_line("  two\n\tlines \u{1}here  "), "two lines here");
    assert_eq!(truncate("abcdef", 4), "abc…");
    assert_eq!(truncate("ab  cdef", 4), "ab…");
    assert_eq!(truncate("abc", 3), "abc");
    assert_eq!(truncate("ééééé", 3).chars().count(), 3);
}

#[test]
fn numbers_have_at_most_one_decimal() {
    let n = |v: f64| N(v).to_string();
    assert_eq!(n(12.0), "12");
    assert_eq!(n(12.34), "12.3");
    assert_eq!(n(0.96), "1");
    assert_eq!(n(-0.04), "0");
    assert_eq!(n(-3.21), "-3.2");
    assert_eq!(n(-0.5), "-0.5");
}

#[test]
fn id_prefixes_are_sanitised() {
    assert_eq!(Ids::new("review-42_a").title, "review-42_a-title");
    assert_eq!(Ids::new("my chart!").desc, "mychart-desc");
    assert_eq!(Ids::new("9lives").title, "t-9lives-title");
    assert_eq!(Ids::new("").title, "timeline-title");
    let a = render(
        &sample(),
        &ChartOptions {
            id_prefix: "a".into(),
            ..options()
        },
    );
    let b = render(
        &sample(),
        &ChartOptions {
            id_prefix: "b".into(),
            ..options()
        },
    );
    assert!(a.contains("id=\"a-title\"") && b.contains("id=\"b-title\""));
    assert!(!b.contains("id=\"a-"));
}
