//! The time axis: round steps that fit the width, local round times in any zone, clock
//! changes, an unknown zone named.

use super::*;

#[test]
fn tick_steps_are_round_and_fit_the_width() {
    let plot = 960.0 - 960.0 * 0.17 - RIGHT_MARGIN;
    // Spans as the chart pads them (3% each side).
    let padded = |seconds: i64| seconds * 106 / 100;
    assert_eq!(choose_tick_step(padded(10 * 60), plot), 60);
    assert_eq!(choose_tick_step(padded(8 * 3600), plot), 3600);
    assert_eq!(choose_tick_step(padded(3 * DAY), plot), 12 * 3600);
    assert_eq!(choose_tick_step(45, plot), 10);
    assert_eq!(choose_tick_step(3 * 365 * DAY, plot), 182 * DAY);
    assert_eq!(choose_tick_step(40 * 365 * DAY, plot), 4 * 364 * DAY);
    // Narrow charts take coarser steps.
    assert_eq!(choose_tick_step(8 * 3600, 300.0), 2 * 3600);
    for span in [60, 3600, 5 * 3600, 40 * 3600, 20 * DAY] {
        let step = choose_tick_step(span, plot);
        assert!(span as f64 / step as f64 <= (plot / MIN_TICK_PX).floor());
    }
}

#[test]
fn ten_minutes_tick_every_minute() {
    let chart = chart(&span_review(pst("03:00"), pst("03:10")), &options());
    let expected: Vec<String> = (0..=10).map(|m| format!("03:{m:02}")).collect();
    assert_eq!(tick_times(&chart), expected);
    assert_eq!(chart.ticks[0].date.as_deref(), Some("2019-11-06"));
    assert!(chart.ticks[1..].iter().all(|t| t.date.is_none()));
}

#[test]
fn eight_hours_tick_every_hour() {
    let chart = chart(&span_review(pst("01:00"), pst("09:00")), &options());
    assert_eq!(
        tick_times(&chart),
        ["01:00", "02:00", "03:00", "04:00", "05:00", "06:00", "07:00", "08:00", "09:00"]
    );
    let xs: Vec<f64> = chart.ticks.iter().map(|t| t.x).collect();
    let gaps: Vec<f64> = xs.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(gaps
        .iter()
        .all(|g| (g - gaps[0]).abs() < 0.01 && *g >= MIN_TICK_PX));
}

#[test]
fn three_days_tick_every_twelve_hours_with_dates_at_midnight() {
    let chart = chart(
        &span_review(
            at("2019-11-06T00:00:00-08:00"),
            at("2019-11-09T00:00:00-08:00"),
        ),
        &options(),
    );
    assert_eq!(
        tick_times(&chart),
        ["00:00", "12:00", "00:00", "12:00", "00:00", "12:00", "00:00"]
    );
    let dates: Vec<Option<&str>> = chart.ticks.iter().map(|t| t.date.as_deref()).collect();
    assert_eq!(
        dates,
        [
            Some("2019-11-06"),
            None,
            Some("2019-11-07"),
            None,
            Some("2019-11-08"),
            None,
            Some("2019-11-09")
        ]
    );
    // Titles carry the date when the chart spans days.
    let svg = render(
        &span_review(
            at("2019-11-06T00:00:00-08:00"),
            at("2019-11-09T00:00:00-08:00"),
        ),
        &options(),
    );
    assert!(svg.contains("<title>2019-11-06 00:00 PST — Alert — first</title>"));
}

#[test]
fn three_weeks_tick_by_days_with_the_year_once() {
    let chart = chart(
        &span_review(
            at("2019-12-20T09:00:00-08:00"),
            at("2020-01-10T09:00:00-08:00"),
        ),
        &options(),
    );
    let times = tick_times(&chart);
    assert_eq!(times[..3], ["12-20", "12-22", "12-24"]);
    let years: Vec<&str> = chart
        .ticks
        .iter()
        .filter_map(|t| t.date.as_deref())
        .collect();
    assert_eq!(years, ["2019", "2020"]);
}

#[test]
fn ticks_fall_on_local_round_times_in_half_hour_zones() {
    let chart = chart(
        &span_review(at("2024-01-01T00:00:00Z"), at("2024-01-01T08:00:00Z")),
        &ChartOptions {
            zone: "Asia/Kolkata".to_owned(),
            ..options()
        },
    );
    assert_eq!(tick_times(&chart)[0], "06:00");
    assert!(chart.header.ends_with("Asia/Kolkata, UTC+05:30"));
}

#[test]
fn a_clock_change_shows_both_offsets() {
    // Fall back in Los Angeles: 01:00 happens twice.
    let review = span_review(
        at("2019-11-02T22:00:00-07:00"),
        at("2019-11-03T04:00:00-08:00"),
    );
    let chart = chart(&review, &options());
    assert_eq!(
        chart.header,
        "Times in America/Los_Angeles, UTC-07:00 → UTC-08:00"
    );
    assert_eq!(
        tick_times(&chart).iter().filter(|t| **t == "01:00").count(),
        2
    );
    assert_eq!(chart.clock_changes.len(), 1);
    assert!(chart.clock_changes[0]
        .title
        .contains("2019-11-03 01:00 PST (UTC-08:00)"));
    let svg = render(&review, &options());
    assert_inert(&svg);
    assert!(svg.contains("from 2019-11-02 22:00 PDT to 2019-11-03 04:00 PST"));
}

#[test]
fn unknown_zone_falls_back_to_utc_and_says_so() {
    let chart = chart(
        &sample(),
        &ChartOptions {
            zone: "Mars/Olympus".into(),
            ..options()
        },
    );
    assert_eq!(
        chart.header,
        "Times in UTC (“Mars/Olympus” is not a time zone known here)"
    );
    assert_eq!(chart.ticks[0].time, "11:00");
}
