//! Lanes: one per person in the people order, names shortened with tooltips, internal
//! items left out of the public chart.

use super::*;

#[test]
fn lanes_follow_people_order_and_not_attributed_only_when_needed() {
    let people = vec![
        person("p1", "Avery"),
        person("p2", "Jordan"),
        person("p3", "Riley"),
    ];
    let attributed = vec![
        event(
            "a",
            pst("03:00"),
            EventKind::Alert,
            Some("p2"),
            "Jordan first",
        ),
        event(
            "b",
            pst("03:10"),
            EventKind::Action,
            Some("p1"),
            "then Avery",
        ),
    ];
    let chart_of =
        |timeline: Vec<TimelineEvent>| chart(&review(people.clone(), timeline), &options());
    assert_eq!(
        lane_names(&chart_of(attributed.clone())),
        ["Avery", "Jordan"]
    );

    let mut with_anonymous = attributed.clone();
    with_anonymous.push(event(
        "c",
        pst("03:20"),
        EventKind::Observation,
        None,
        "nobody",
    ));
    assert_eq!(
        lane_names(&chart_of(with_anonymous)),
        ["Avery", "Jordan", "Not attributed"]
    );

    // Someone not in the people list cannot be attributed either.
    let mut with_stranger = attributed;
    with_stranger.push(event(
        "d",
        pst("03:30"),
        EventKind::Observation,
        Some("ghost"),
        "?",
    ));
    let chart = chart_of(with_stranger);
    assert_eq!(lane_names(&chart), ["Avery", "Jordan", "Not attributed"]);
    assert_eq!(chart.lanes[2].marks.len(), 1);

    // The sample: people order, Quinn (who never acted) left out, anonymous events last.
    let full = self::chart(&sample(), &options());
    let whole_names: Vec<&str> = full
        .lanes
        .iter()
        .map(|l| l.full_name.as_deref().unwrap_or(&l.name.text))
        .collect();
    assert_eq!(
        whole_names,
        [
            "Avery On-Call",
            "Jordan Fresh-Eyes",
            "Riley from Storage",
            "Casey (Communications lead for the EMEA region)",
            "Morgan Incident-Commander",
            "Not attributed"
        ]
    );
}

#[test]
fn long_names_are_shortened_with_the_whole_name_in_a_tooltip() {
    let chart = chart(&sample(), &options());
    let casey = chart
        .lanes
        .iter()
        .find(|l| l.name.text.starts_with("Casey"))
        .unwrap();
    assert!(casey.name.text.ends_with('…'));
    assert!(text_width(&casey.name.text, FONT) <= chart.left - PAD - 10.0);
    assert_eq!(
        casey.full_name.as_deref(),
        Some("Casey (Communications lead for the EMEA region)")
    );
    let root = assert_inert(&render(&sample(), &options()));
    let label = root
        .all("text")
        .into_iter()
        .find(|t| t.own_text().starts_with("Casey"))
        .unwrap();
    assert_eq!(
        label.title().as_deref(),
        Some("Casey (Communications lead for the EMEA region)")
    );
}

#[test]
fn internal_items_are_left_out_of_the_public_chart() {
    let mut review = sample();
    review.people.push(person("p7", "Secret Sam"));
    let mut secret = key(event(
        "s1",
        pst("04:00"),
        EventKind::Action,
        Some("p7"),
        "INTERNAL-EVENT restarts the database",
    ));
    secret.visibility = Visibility::Internal;
    review.timeline.push(secret);
    let mut theory = hypothesis(
        "hs",
        "INTERNAL-HYPOTHESIS about a colleague",
        pst("04:00"),
        HypothesisStatus::Open,
        None,
    );
    theory.visibility = Visibility::Internal;
    review.hypotheses.push(theory);
    // An internal event far outside the rest must not stretch the public range either.
    let mut late = event(
        "s2",
        pst("23:00"),
        EventKind::Other,
        Some("p1"),
        "INTERNAL-LATE",
    );
    late.visibility = Visibility::Internal;
    review.timeline.push(late);

    let internal = render(&review, &options());
    assert!(internal.contains("INTERNAL-EVENT") && internal.contains("INTERNAL-HYPOTHESIS"));
    assert!(internal.contains("Secret Sam"));

    let public_options = ChartOptions {
        include_internal: false,
        ..options()
    };
    let public = render(&review, &public_options);
    assert_inert(&public);
    assert!(!public.contains("INTERNAL"));
    assert!(
        !public.contains("Secret Sam"),
        "no lane for someone only in internal events"
    );
    assert_eq!(public, render(&sample(), &public_options));
}
