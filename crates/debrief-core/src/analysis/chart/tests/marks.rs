//! Marks and labels: tooltips everywhere, labels only for key events and never
//! overlapping, inexact times dashed, open hypotheses to the edge, the legend.

use super::*;

#[test]
fn every_mark_has_a_tooltip_and_only_key_events_have_labels() {
    let review = sample();
    let svg = render(&review, &options());
    let root = assert_inert(&svg);
    let titles: Vec<String> = root.all("title").iter().map(|t| t.own_text()).collect();
    assert!(titles.contains(
        &"02:22 PST — Alert — SLO burn alert for ingest success rate pages the on-call engineer."
            .to_owned()
    ));
    assert!(titles.contains(
        &"03:00–07:30 PST — Hypothesis — Responders suspect the cloud provider's load balancers."
            .to_owned()
    ));
    for event in &review.timeline {
        assert!(
            titles.iter().any(|t| t.ends_with(&event.text)),
            "{}",
            event.id
        );
    }
    let labels: Vec<String> = root.all("text").iter().map(|t| t.own_text()).collect();
    for event in &review.timeline {
        let shown = truncate(&event.text, KEY_LABEL_CHARS);
        if !event.key {
            assert!(!labels.contains(&shown), "{} is not key", event.id);
        }
    }
    assert!(labels.contains(&"SLO burn alert for ingest success rate…".to_owned()));
    assert!(labels.contains(&"Incident resolved.".to_owned()));
    assert!(labels.contains(&"Impact: ingest API".to_owned()));
    assert!(
        labels.contains(&"Falsified: The provider's load balancers are dropping…".to_owned())
            || labels
                .iter()
                .any(|l| l.starts_with("Falsified: The provider"))
    );
    let desc = root.all("desc")[0].own_text();
    assert_eq!(
        desc,
        "Timeline of 20 events by 5 people from 02:20 to 09:45 PST, 2 impact windows, 4 hypotheses. Times in America/Los_Angeles, UTC-08:00."
    );
}

#[test]
fn crowded_key_labels_alternate_rows_and_the_rest_keep_their_tooltip() {
    let timeline: Vec<TimelineEvent> = (0..30)
        .map(|i| {
            key(event(
                &format!("k{i}"),
                pst("03:00") + TimeDelta::minutes(i * 2),
                EventKind::Decision,
                Some("p1"),
                &format!("Decision number {i} with a longer description"),
            ))
        })
        .collect();
    let review = review(vec![person("p1", "Avery")], timeline);
    let chart = chart(&review, &options());
    let lane = &chart.lanes[0];
    assert!(
        lane.labels.len() >= 2 && lane.labels.len() < 10,
        "{}",
        lane.labels.len()
    );
    assert_eq!(lane.height, 2.0 * ROW_H + MARK_ROW_H);
    // Labels above the marks and below them, none overlapping in its row.
    let above: Vec<&KeyLabel> = lane
        .labels
        .iter()
        .filter(|l| l.label.y < lane.mark_y)
        .collect();
    assert!(!above.is_empty() && above.len() < lane.labels.len());
    for row in [true, false] {
        let spans: Vec<(f64, f64)> = lane
            .labels
            .iter()
            .filter(|l| (l.label.y < lane.mark_y) == row)
            .map(|l| text_span(&l.label))
            .collect();
        for (i, a) in spans.iter().enumerate() {
            for b in &spans[i + 1..] {
                assert!(a.1 <= b.0 || b.1 <= a.0, "{a:?} overlaps {b:?}");
            }
        }
    }
    // Leader lines join each label to its mark.
    for label in &lane.labels {
        assert!(label.leader_top < label.leader_bottom);
    }
    let svg = render(&review, &options());
    for i in 0..30 {
        assert!(svg.contains(&format!(
            "Decision number {i} with a longer description</title>"
        )));
    }
}

#[test]
fn a_hypothesis_timed_only_by_its_event_is_drawn_and_counted() {
    let mut r = sample();
    let before = chart(&r, &options()).hypotheses.unwrap().bars.len();
    let mut linked = hypothesis(
        "h5",
        "The deploy at 02:10 started it.",
        pst("00:00"),
        HypothesisStatus::Open,
        None,
    );
    linked.raised_at = None;
    linked.raised_in_event = Some(r.timeline[0].id.clone());
    r.hypotheses.push(linked);
    let drawn = chart(&r, &options());
    let bars = &drawn.hypotheses.as_ref().unwrap().bars;
    assert_eq!(bars.len(), before + 1);
    assert!(bars.iter().any(|b| b.title.contains("The deploy at 02:10")));
    let svg = render(&r, &options());
    assert!(
        svg.contains(&count(before + 1, "hypothesis", "hypotheses")),
        "{svg}"
    );
}

#[test]
fn inexact_times_are_drawn_dashed_and_named_in_their_tooltips() {
    let mut r = sample();
    r.timeline[0].time_known = TimeKnown::About;
    r.timeline[1].time_known = TimeKnown::Before;
    let latest = r.timeline[2].at.unwrap() + TimeDelta::minutes(40);
    r.timeline[2].time_known = TimeKnown::Between { latest };
    let drawn = chart(&r, &options());
    let marks: Vec<&Mark> = drawn.lanes.iter().flat_map(|l| &l.marks).collect();
    let uncertain: Vec<(f64, f64)> = marks.iter().filter_map(|m| m.uncertain).collect();
    assert_eq!(uncertain.len(), 3);
    let before = marks
        .iter()
        .find(|m| m.title.as_deref().is_some_and(|t| t.starts_with("before ")))
        .expect("a 'before' tooltip");
    assert_eq!(before.uncertain.unwrap().1, before.x);
    assert!(marks
        .iter()
        .any(|m| m.title.as_deref().is_some_and(|t| t.starts_with('~'))));
    assert!(drawn
        .legend
        .iter()
        .any(|item| item.symbol == Symbol::Uncertain));
    let svg = render(&r, &options());
    assert!(svg.contains("stroke-dasharray=\"3 2\""));
    assert_inert(&svg);
    // Known only to its day, an event is not drawn: on a chart of hours it would be a
    // line across everything.
    let drawn_before = marks.len();
    r.timeline[3].time_known = TimeKnown::Day;
    let without = chart(&r, &options());
    assert_eq!(
        without.lanes.iter().map(|l| l.marks.len()).sum::<usize>(),
        drawn_before - 1
    );
}

#[test]
fn an_empty_public_chart_says_nothing_is_shown_rather_than_nothing_has_a_time() {
    let mut r = review(
        vec![],
        vec![event(
            "e",
            pst("22:10"),
            EventKind::Detection,
            None,
            "Paged",
        )],
    );
    r.timeline[0].visibility = Visibility::Internal;
    r.incident.start = Some(pst("21:30"));
    let public = ChartOptions {
        include_internal: false,
        ..options()
    };
    let drawn = chart(&r, &public);
    assert_eq!(
        drawn.note.unwrap().text,
        "No timeline events are shown in this version."
    );
    assert!(chart(&r, &options()).lanes.len() == 1);
}

#[test]
fn open_hypotheses_run_to_the_edge_with_an_arrow() {
    let chart = chart(&sample(), &options());
    let band = chart.hypotheses.as_ref().unwrap();
    let open = band
        .bars
        .iter()
        .find(|b| b.status == HypothesisStatus::Open)
        .unwrap();
    assert!(open.continues);
    assert_eq!(open.x1, chart.right);
    assert!(open.title.contains("06:00 PST onwards — still open"));
    let falsified = band
        .bars
        .iter()
        .find(|b| b.status == HypothesisStatus::Falsified)
        .unwrap();
    assert!(!falsified.continues && falsified.x1 < chart.right);
    assert!(falsified
        .title
        .starts_with("03:00–08:10 PST — Falsified — The provider"));
    assert!(falsified.title.ends_with("raised by Avery On-Call"));
    // Bars sharing a row never overlap, labels included.
    for (i, a) in band.bars.iter().enumerate() {
        for b in band.bars.iter().skip(i + 1).filter(|b| b.y == a.y) {
            assert!(a.x1 < b.x0 || b.x1 < a.x0);
        }
    }
}

#[test]
fn legend_names_every_kind_shown_and_the_statuses() {
    let chart = chart(&sample(), &options());
    let texts: Vec<&str> = chart.legend.iter().map(|i| i.text.as_str()).collect();
    for kind in EventKind::ALL {
        assert!(texts.contains(&kind.label()), "{kind:?}");
    }
    for text in [
        "Key event (larger, labelled)",
        "Event with a duration",
        "Impact window",
        "Hypothesis open",
        "Hypothesis falsified",
        "Hypothesis supported",
        "Hypothesis abandoned",
    ] {
        assert!(texts.contains(&text), "{text}");
    }
    assert!(chart
        .legend
        .iter()
        .all(|i| i.x + 22.0 + text_width(&i.text, SMALL) <= chart.width));
    // Only kinds present.
    let few = chart_of_kinds(&[EventKind::Alert]);
    assert_eq!(
        few.legend
            .iter()
            .map(|i| i.text.as_str())
            .collect::<Vec<_>>(),
        ["Alert"]
    );
}
