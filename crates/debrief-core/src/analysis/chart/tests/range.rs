//! The range shown: what the whole review spans, and what a zoom clips.

use super::*;

#[test]
fn full_range_pads_the_whole_review() {
    let (start, end) = full_range(&sample()).unwrap();
    let span = (pst("09:45") - pst("02:20")).num_seconds();
    let pad = (pst("02:20") - start).num_seconds();
    assert_eq!(pad, (end - pst("09:45")).num_seconds());
    assert!(pad * 100 >= span * 3 && pad * 100 < span * 3 + 100);
    // Drawing the full range explicitly is drawing the default.
    let zoomed = ChartOptions {
        range: Some((start, end)),
        ..options()
    };
    assert_eq!(render(&sample(), &zoomed), render(&sample(), &options()));
    // A single instant still gets a readable span.
    let one = span_review(pst("03:00"), pst("03:00"));
    let (a, b) = full_range(&one).unwrap();
    assert!((b - a).num_minutes() >= 10);
    assert_eq!(full_range(&review(vec![], vec![])), None);
}

#[test]
fn range_counts_incident_impact_and_hypotheses() {
    let mut r = review(vec![], vec![]);
    r.hypotheses = vec![hypothesis(
        "h",
        "x",
        pst("01:00"),
        HypothesisStatus::Falsified,
        Some(pst("11:00")),
    )];
    r.impact.windows = vec![window(pst("00:30"), pst("00:40"), "api")];
    r.incident.end = Some(pst("12:00"));
    let (start, end) = full_range(&r).unwrap();
    assert!(start < pst("00:30") && end > pst("12:00"));
    // Only a hypothesis and an impact window: axis, bands and bars, no lanes.
    let chart = chart(&r, &options());
    assert!(chart.lanes.is_empty() && chart.note.is_some());
    assert_inert(&render(&r, &options()));
}

#[test]
fn zoom_clips_marks() {
    let review = review(
        vec![person("p1", "Avery")],
        vec![
            event(
                "a",
                pst("03:00"),
                EventKind::Alert,
                Some("p1"),
                "before the zoom",
            ),
            until(
                event(
                    "b",
                    pst("03:30"),
                    EventKind::Action,
                    Some("p1"),
                    "runs into the zoom",
                ),
                pst("04:30"),
            ),
            event(
                "c",
                pst("05:00"),
                EventKind::Observation,
                Some("p1"),
                "inside the zoom",
            ),
            event(
                "d",
                pst("07:00"),
                EventKind::Decision,
                Some("p1"),
                "after the zoom",
            ),
        ],
    );
    let options = ChartOptions {
        range: Some((pst("04:00"), pst("06:00"))),
        ..options()
    };
    let chart = chart(&review, &options);
    let marks = &chart.lanes[0].marks;
    assert_eq!(marks.len(), 2);
    // The running action shows as a bar from the left edge, with no point.
    assert!(!marks[0].point);
    assert_eq!(marks[0].bar.map(|(x0, _)| x0), Some(chart.left));
    assert!(marks[1].point && marks[1].x > chart.left && marks[1].x < chart.right);
    let svg = render(&review, &options);
    assert_inert(&svg);
    assert!(svg.contains("inside the zoom") && svg.contains("runs into the zoom"));
    assert!(!svg.contains("before the zoom") && !svg.contains("after the zoom"));
    assert!(svg.contains("Timeline of 2 events by 1 person from 04:00 to 06:00 PST"));
}

#[test]
fn zoom_clips_impact_windows_and_hypotheses() {
    let options = ChartOptions {
        range: Some((pst("06:00"), pst("09:00"))),
        ..options()
    };
    let chart = chart(&sample(), &options);
    assert!(
        chart.bands.is_empty(),
        "both impact windows end before 06:00"
    );
    let bars = &chart.hypotheses.as_ref().unwrap().bars;
    let statements: Vec<&str> = bars
        .iter()
        .filter_map(|b| b.label.as_ref())
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(bars.len(), 3, "{statements:?}");
    assert!(bars
        .iter()
        .all(|b| b.x0 >= chart.left && b.x1 <= chart.right));
    // Raised before the zoom: clipped at the left edge.
    assert_eq!(bars[0].x0, chart.left);
}
