//! Scale and determinism: 5,000 events stay lean, the detail budget, the same review
//! always the same string.

use super::*;

fn big_review(events: usize) -> Review {
    let people: Vec<Person> = (0..10)
        .map(|i| person(&format!("p{i}"), &format!("Responder {i}")))
        .collect();
    let timeline = (0..events)
        .map(|i| {
            let when = pst("01:00") + TimeDelta::seconds((i as i64 * 8 * 3600) / events as i64);
            let actor = (i % 11 != 10).then(|| format!("p{}", i % 10));
            let kind = EventKind::ALL[(i * 7) % EventKind::ALL.len()];
            if i % 100 == 0 {
                key(event(
                    &format!("e{i}"),
                    when,
                    kind,
                    actor.as_deref(),
                    &format!("Milestone {i}: something worth a label"),
                ))
            } else if i % 37 == 0 {
                until(
                    event(
                        &format!("e{i}"),
                        when,
                        kind,
                        actor.as_deref(),
                        &format!("routine span {i}"),
                    ),
                    when + TimeDelta::minutes(20),
                )
            } else {
                event(
                    &format!("e{i}"),
                    when,
                    kind,
                    actor.as_deref(),
                    &format!("routine event {i} with some ordinary words"),
                )
            }
        })
        .collect();
    let mut review = review(people, timeline);
    review.impact.windows = vec![window(pst("02:00"), pst("03:00"), "ingest API")];
    review.hypotheses = sample().hypotheses;
    review
}

#[test]
fn five_thousand_events_stay_lean() {
    let review = big_review(5000);
    let svg = render(&review, &options());
    assert!(svg.len() < 400_000, "{} bytes", svg.len());
    let root = assert_inert(&svg);
    assert!(!svg.contains("routine"), "no text of ordinary events");
    let texts = root.all("text");
    let labels = texts
        .iter()
        .filter(|t| t.own_text().starts_with("Milestone"))
        .count();
    assert!(labels > 0 && labels <= 50, "{labels}");
    assert!(texts.len() < 50 + 60, "{} text elements", texts.len());
    // Every key event keeps its own tooltip; the rest are counted per lane and kind.
    assert_eq!(
        root.all("title")
            .iter()
            .filter(|t| t.own_text().contains("Milestone"))
            .count(),
        50
    );
    assert!(svg.contains("<title>Responder 0: "));
    let chart = chart(&review, &options());
    assert!(!chart.detailed);
    assert_eq!(
        chart.lanes.iter().map(|l| l.marks.len()).sum::<usize>(),
        5000
    );
}

#[test]
fn detailed_up_to_the_budget_compact_beyond() {
    let small = render(&big_review(DETAILED_LIMIT), &options());
    assert!(small.contains("routine event 1 with some ordinary words</title>"));
    assert!(chart(&big_review(DETAILED_LIMIT), &options()).detailed);
    assert!(!chart(&big_review(DETAILED_LIMIT + 1), &options()).detailed);
    let large = render(&big_review(DETAILED_LIMIT + 1), &options());
    assert_inert(&large);
    assert!(large.len() < small.len());
}

#[test]
fn same_review_same_string() {
    let review = sample();
    let first = render(&review, &options());
    assert_eq!(first, render(&review.clone(), &options()));
    let big = big_review(1500);
    assert_eq!(render(&big, &options()), render(&big, &options()));
    assert!(first.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 960 "));
    assert!(
        first.contains("width=\"100%\" role=\"img\" aria-labelledby=\"chart-title chart-desc\"")
    );
}

#[test]
fn height_grows_with_lanes_and_numbers_stay_compact() {
    let few = chart_of_kinds(&[EventKind::Alert]);
    let many = chart(&big_review(100), &options());
    assert!(many.height > few.height + 8.0 * MARK_ROW_H);
    // No coordinate has more than one decimal.
    let root = assert_inert(&render(&big_review(100), &options()));
    for el in root.descendants() {
        for (name, value) in el.attrs.iter().filter(|(n, _)| !n.ends_with("opacity")) {
            for number in value.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
                let decimals = number.split_once('.').map_or(0, |(_, d)| d.len());
                assert!(decimals <= 1, "{name}={value:?}");
            }
        }
    }
}

/// Writes the sample chart for a person to look at: `cargo test -p debrief-core --lib
/// analysis::chart -- --ignored` then open `$TMPDIR/chart-sample.svg`.
#[test]
#[ignore]
fn write_sample_for_eyeballing() {
    let dir = std::env::temp_dir();
    std::fs::write(dir.join("chart-sample.svg"), render(&sample(), &options())).unwrap();
    let big = render(&big_review(5000), &options());
    std::fs::write(dir.join("chart-5000.svg"), big).unwrap();
    let narrow = ChartOptions {
        width: 480,
        ..options()
    };
    std::fs::write(dir.join("chart-narrow.svg"), render(&sample(), &narrow)).unwrap();
    let hostile = render(&hostile_review(), &options());
    std::fs::write(dir.join("chart-hostile.svg"), hostile).unwrap();
}
