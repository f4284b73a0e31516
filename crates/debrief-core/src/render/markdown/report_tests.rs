use super::*;
use crate::document::load;
use crate::model::{ActionStatus, Hypothesis, Redaction};
use crate::time::BundledZones;
use chrono::{DateTime, Utc};
use pulldown_cmark::{Event, Options, Parser, Tag};

const V1: &str = include_str!("../../../tests/fixtures/review-v1.json");

fn fixture() -> Review {
    load(V1).expect("the v1 fixture loads")
}

fn options(audience: Audience) -> RenderOptions {
    RenderOptions {
        audience,
        // After the action's due date (2019-12-01), so it shows as overdue.
        generated_at: DateTime::parse_from_rfc3339("2019-12-05T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc),
    }
}

/// Every extension a Markdown renderer might turn on, so escaping is tested against the
/// most permissive reading, not just GitHub's.
fn permissive() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_SUPERSCRIPT
        | Options::ENABLE_SUBSCRIPT
        | Options::ENABLE_WIKILINKS
}

/// The document's structure as a parser sees it: every event except text and breaks.
fn structure(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, permissive())
        .filter(|e| !matches!(e, Event::Text(_) | Event::SoftBreak | Event::HardBreak))
        .map(|e| format!("{e:?}"))
        .collect()
}

/// The text a reader sees, breaks as spaces.
fn visible_text(markdown: &str) -> String {
    let mut text = String::new();
    for event in Parser::new_ext(markdown, permissive()) {
        match event {
            Event::Text(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(_) => text.push('\n'),
            _ => {}
        }
    }
    text
}

/// Puts `text` in every free-text field the Markdown can show (people's names excepted:
/// the public view rewrites names inside other text, which is not what is tested here).
fn fill(review: &Review, text: &str) -> Review {
    let mut r = review.clone();
    let t = || text.to_owned();
    r.title = t();
    r.severity = t();
    r.services = vec![t(), t()];
    r.tags = vec![t()];
    r.summary = t();
    r.impact.statement = t();
    for w in &mut r.impact.windows {
        w.affected = t();
        w.magnitude = t();
    }
    r.analyst.name = t();
    r.trigger.description = t();
    for p in &mut r.people {
        p.team = t();
        p.on_call_for = t();
        p.notes = t();
    }
    for e in &mut r.timeline {
        e.text = t();
        e.tags = vec![t()];
    }
    for h in &mut r.hypotheses {
        h.statement = t();
        h.disproof = t();
        for e in &mut h.evidence {
            e.text = t();
        }
    }
    for f in &mut r.factors {
        f.description = t();
    }
    for list in [
        &mut r.learnings.went_well,
        &mut r.learnings.got_lucky,
        &mut r.learnings.difficult,
    ] {
        for n in list {
            n.text = t();
        }
    }
    for i in &mut r.interviews {
        i.notes = t();
        for q in &mut i.quotes {
            q.text = t();
            q.visibility = Visibility::Public;
        }
    }
    for a in &mut r.actions {
        a.description = t();
        a.owner = t();
    }
    r.deep_analysis.notes = t();
    r.redactions.clear();
    r
}

/// The same text with every character that could be syntax replaced by a letter: same
/// length and lines, no markup.
fn harmless_twin(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() || c.is_whitespace() {
                c
            } else {
                'x'
            }
        })
        .collect()
}

const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![img](https://evil.example/x.png)",
    "<img src=x onerror=alert(1)>",
    "| table | break |",
    "a | b\n|---|---|\n| c | d |",
    "`code` and ``more``",
    "```\nfenced\n```",
    "<!-- hidden comment -->",
    "<https://autolink.example> <javascript:alert(1)>",
    "[ref]: https://evil.example\n[ref]",
    "**bold** _em_ ~~gone~~ ^sup^ $x^2$",
    "# heading\n## another",
    "- item\n+ item\n* item\n1. one\n2) two",
    "> quote\n>> deeper",
    "Title\n===\nSub\n---",
    "***\n___",
    "    indented code",
    "line\\\nbreak  \nspaces",
    "&lt;script&gt; &#60;b&#62; &amp;",
    "[^1] footnote\n\n[^1]: note",
    "- [ ] task\n- [x] done",
    "Term\n: definition",
    "[[wiki link]]",
    "trojan \u{202E}esrever\u{202C} text",
    "\\` \\* \\\\ trailing\\",
    "a\u{0}b\u{7}c\u{2028}d",
];

#[test]
fn hostile_text_never_becomes_structure() {
    let base = fixture();
    for audience in [Audience::Internal, Audience::Public] {
        let options = options(audience);
        for payload in HOSTILE {
            let hostile = render_markdown(&fill(&base, payload), &BundledZones, &options);
            let twin = render_markdown(
                &fill(&base, &harmless_twin(payload)),
                &BundledZones,
                &options,
            );
            assert_eq!(
                structure(&hostile),
                structure(&twin),
                "{audience:?}: {payload:?} changed the structure:\n{hostile}"
            );
            assert!(!hostile.contains('<'), "{payload:?}:\n{hostile}");
            assert!(!hostile.contains("](javascript"), "{payload:?}");
            assert!(!hostile.contains("!["), "{payload:?}");
            assert!(
                hostile
                    .match_indices('`')
                    .all(|(i, _)| hostile[..i].ends_with('\\')),
                "{payload:?}: a bare backtick"
            );
        }
    }
}

#[test]
fn hostile_text_reads_exactly_as_typed() {
    let base = fixture();
    for payload in HOSTILE
        .iter()
        .filter(|p| !p.contains(['\n', '\u{0}', '\u{202E}']))
    {
        let markdown = render_markdown(
            &fill(&base, payload),
            &BundledZones,
            &options(Audience::Internal),
        );
        let text = visible_text(&markdown);
        // The title, a cell and a paragraph each hold the payload verbatim.
        assert!(
            text.matches(payload.trim()).count() >= 10,
            "{payload:?} was altered:\n{text}"
        );
    }
}

#[test]
fn only_web_links_are_links_and_images_never() {
    let mut review = fixture();
    review.timeline[0].source.link = Some("javascript:alert(1)".to_owned());
    review.timeline[1].source.link = Some("https://ok.example/a(b)\"c\"|d".to_owned());
    review.timeline[2].source.link = Some(" data:text/html,<b>x</b> ".to_owned());
    review.actions[0].tracker_link = Some("HTTPS://tracker.example/[1]".to_owned());
    let markdown = render_markdown(&review, &BundledZones, &options(Audience::Internal));
    let mut links = Vec::new();
    for event in Parser::new_ext(&markdown, permissive()) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Start(Tag::Image { .. }) | Event::Html(_) | Event::InlineHtml(_) => {
                panic!("{event:?} in\n{markdown}")
            }
            _ => {}
        }
    }
    assert_eq!(
        links,
        [
            "https://ok.example/a%28b%29%22c%22%7Cd",
            "HTTPS://tracker.example/[1]"
        ]
    );
    assert!(
        markdown.contains("| Alert: javascript:alert(1) |"),
        "{markdown}"
    );
    assert!(markdown.contains("Dashboard: data:text/html,&lt;b&gt;x&lt;/b&gt;"));
}

#[test]
fn internal_only_text_never_reaches_the_public_version() {
    let mut review = fixture();
    review.summary = "Host ingest-7.internal ran out of memory.".to_owned();
    review.redactions = vec![Redaction {
        term: "ingest-7.internal".to_owned(),
        replacement: "an ingest host".to_owned(),
    }];
    review.timeline[1].text = "CANARY-EVENT".to_owned();
    review.factors[1].description = "CANARY-FACTOR".to_owned();
    review.learnings.difficult[0].text = "CANARY-LEARNING".to_owned();
    review.people[0].notes = "CANARY-PERSON-NOTES".to_owned();
    review.interviews[0].notes = "CANARY-INTERVIEW".to_owned();
    review.interviews[0].prompt_notes[0].note = "CANARY-PROMPT".to_owned();
    review.interviews[0].quotes[0].text = "CANARY-QUOTE".to_owned();
    review.analyst.name = "CANARY-ANALYST".to_owned();
    review.deep_analysis.notes = "CANARY-DEEP".to_owned();
    review.hypotheses.push(Hypothesis {
        id: EntityId::new("h-internal"),
        statement: "CANARY-HYPOTHESIS".to_owned(),
        ..Hypothesis::default()
    });
    let zones = BundledZones;
    let internal = render_markdown(&review, &zones, &options(Audience::Internal));
    let public = render_markdown(&review, &zones, &options(Audience::Public));
    for shown_internally in [
        "CANARY-EVENT",
        "CANARY-FACTOR",
        "CANARY-LEARNING",
        "CANARY-QUOTE",
        "CANARY-ANALYST",
        "CANARY-HYPOTHESIS",
        "Avery On-Call",
        "tracker.example.com",
        "ingest-7.internal",
    ] {
        assert!(internal.contains(shown_internally), "{shown_internally}");
    }
    for secret in [
        "CANARY",
        "Avery",
        "Jordan",
        "Sam Reviewer",
        "ingest-7.internal",
        "tracker.example.com",
        "alerts.example.com",
        "(internal)",
    ] {
        assert!(!public.contains(secret), "{secret} leaked:\n{public}");
    }
    assert!(public.contains("an ingest host"));
}

#[test]
fn overdue_actions_say_so_in_words() {
    let mut review = fixture();
    let zones = BundledZones;
    let markdown = render_markdown(&review, &zones, &options(Audience::Internal));
    assert!(markdown.contains("| Open · **Overdue** |"), "{markdown}");
    review.actions[0].status = ActionStatus::Done;
    let markdown = render_markdown(&review, &zones, &options(Audience::Internal));
    assert!(!markdown.contains("Overdue"));
}

#[test]
fn an_empty_review_and_an_unknown_zone_render() {
    let mut review = crate::testing::empty_review();
    review.incident.time_zone = "Mars/Olympus_Mons".to_owned();
    let markdown = render_markdown(&review, &BundledZones, &options(Audience::Public));
    assert!(markdown.starts_with("# Untitled review\n"));
    assert!(markdown.contains(
        "Times are in UTC: the review's time zone \"Mars/Olympus\\_Mons\" is not known here."
    ));
    assert!(markdown.contains("## How this review was made"));
    assert!(!markdown.contains("## Timeline"));
    assert!(markdown.ends_with(".\n") && !markdown.ends_with("\n\n"));
}

#[test]
fn rendering_is_deterministic() {
    let review = fixture();
    let zones = BundledZones;
    for audience in [Audience::Internal, Audience::Public] {
        let first = render_markdown(&review, &zones, &options(audience));
        assert_eq!(
            first,
            render_markdown(&review.clone(), &zones, &options(audience))
        );
    }
}

#[test]
fn seed_incident_matches_the_golden_files() {
    let review = crate::testing::seed_incident();
    for (audience, name) in [
        (Audience::Internal, "seed.internal.md"),
        (Audience::Public, "seed.public.md"),
    ] {
        crate::testing::assert_golden(
            name,
            &render_markdown(&review, &BundledZones, &options(audience)),
        );
    }
}

#[test]
fn v1_fixture_matches_the_golden_files() {
    let review = fixture();
    let zones = BundledZones;
    crate::testing::assert_golden(
        "review-v1.internal.md",
        &render_markdown(&review, &zones, &options(Audience::Internal)),
    );
    crate::testing::assert_golden(
        "review-v1.public.md",
        &render_markdown(&review, &zones, &options(Audience::Public)),
    );
}
