//! The activity heatmap: messages by weekday and hour on the incident's clock, night hours
//! marked; laid out first, then written.

use super::*;

// ---------------------------------------------------------------------------------------------
// Layout of the heatmap.

pub(super) const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
pub(super) const HEAT_LEFT: f64 = 48.0;
pub(super) const NIGHT_TOP: f64 = 26.0;
pub(super) const NIGHT_H: f64 = 12.0;
pub(super) const HOUR_BASELINE: f64 = 52.0;
pub(super) const GRID_TOP: f64 = 58.0;
pub(super) const CELL_H: f64 = 22.0;
/// Opacity of the faintest non-empty cell: one message is still visible.
pub(super) const MIN_CELL_OPACITY: f64 = 0.12;

#[derive(Debug)]
pub(super) struct Heatmap {
    pub(super) width: f64,
    pub(super) height: f64,
    pub(super) ids: Ids,
    pub(super) title: String,
    pub(super) desc: String,
    pub(super) header: String,
    /// Night blocks as (x0, x1): after midnight and before it.
    pub(super) night: Vec<(f64, f64)>,
    pub(super) night_title: String,
    pub(super) hour_labels: Vec<Label>,
    pub(super) day_labels: Vec<Label>,
    pub(super) cells: Vec<Cell>,
    pub(super) grid_bottom: f64,
    pub(super) legend_y: f64,
    pub(super) max: usize,
}

#[derive(Debug)]
pub(super) struct Cell {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) w: f64,
    pub(super) count: usize,
    pub(super) opacity: f64,
    pub(super) title: String,
}

pub(super) fn heatmap_layout(
    participation: &Participation,
    options: &ParticipationChartOptions,
    ids: Ids,
) -> Option<Heatmap> {
    if participation.message_count == 0 {
        return None;
    }
    let width = chart_width(options);
    let cell_w = (width - HEAT_LEFT - PAD) / 24.0;
    let grid = &participation.weekday_hours;
    let max = grid.iter().flatten().copied().max().unwrap_or(0).max(1);
    let mut cells = Vec::with_capacity(7 * 24);
    let mut busiest = (0usize, 0usize, 0usize);
    for (day, hours) in grid.iter().enumerate() {
        for (hour, &n) in hours.iter().enumerate() {
            if n > busiest.2 {
                busiest = (day, hour, n);
            }
            cells.push(Cell {
                x: HEAT_LEFT + hour as f64 * cell_w,
                y: GRID_TOP + day as f64 * CELL_H,
                w: cell_w,
                count: n,
                opacity: if n == 0 {
                    0.0
                } else {
                    MIN_CELL_OPACITY + (1.0 - MIN_CELL_OPACITY) * n as f64 / max as f64
                },
                title: format!(
                    "{} {hour:02}:00–{:02}:00: {}",
                    DAYS[day],
                    (hour + 1) % 24,
                    count(n, "message", "messages")
                ),
            });
        }
    }
    let hour_step = if cell_w >= 22.0 { 1 } else { 3 };
    let hour_labels = (0..24)
        .step_by(hour_step)
        .map(|hour| Label {
            x: HEAT_LEFT + (hour as f64 + 0.5) * cell_w,
            y: HOUR_BASELINE,
            anchor: Anchor::Middle,
            text: format!("{hour:02}"),
        })
        .collect();
    let day_labels = DAYS
        .iter()
        .enumerate()
        .map(|(day, name)| Label {
            x: PAD,
            y: GRID_TOP + day as f64 * CELL_H + CELL_H / 2.0 + 4.0,
            anchor: Anchor::Start,
            text: name[..3].to_owned(),
        })
        .collect();
    let column = |hour: u32| HEAT_LEFT + f64::from(hour) * cell_w;
    let night = vec![
        (column(0), column(NIGHT_END_HOUR)),
        (column(NIGHT_START_HOUR), column(24)),
    ];
    let at_night: usize = grid
        .iter()
        .flat_map(|hours| hours.iter().enumerate())
        .filter(|(hour, _)| is_night_hour(*hour as u32))
        .map(|(_, n)| n)
        .sum();
    let percent =
        |n: usize| (n * 100 + participation.message_count / 2) / participation.message_count;
    let night_title = format!(
        "Night, {NIGHT_START_HOUR:02}:00–{NIGHT_END_HOUR:02}:00 on the incident's clock: {} \
         ({}%)",
        count(at_night, "message", "messages"),
        percent(at_night)
    );
    let header = format!(
        "Messages by weekday and hour. {}",
        header_text(participation, options)
    );
    let desc = format!(
        "Messages from people by weekday and hour: {} in all, most on {} {:02}:00–{:02}:00 with \
         {}; {} ({}%) between {NIGHT_START_HOUR:02}:00 and {NIGHT_END_HOUR:02}:00. {}.",
        participation.message_count,
        DAYS[busiest.0],
        busiest.1,
        (busiest.1 + 1) % 24,
        busiest.2,
        at_night,
        percent(at_night),
        header_text(participation, options)
    );
    let grid_bottom = GRID_TOP + 7.0 * CELL_H;
    Some(Heatmap {
        width,
        height: grid_bottom + 36.0,
        ids,
        title: "Messages by weekday and hour".to_owned(),
        desc,
        header,
        night,
        night_title,
        hour_labels,
        day_labels,
        cells,
        grid_bottom,
        legend_y: grid_bottom + 22.0,
        max,
    })
}

// ---------------------------------------------------------------------------------------------
// Writing.

pub(super) fn write_heatmap(map: &Heatmap) -> String {
    let mut out = String::with_capacity(24 * 1024);
    open_root(
        &mut out, &map.ids, map.width, map.height, &map.title, &map.desc,
    );
    write_text(
        &mut out,
        &Label {
            x: PAD,
            y: HEADER_BASELINE,
            anchor: Anchor::Start,
            text: map.header.clone(),
        },
        " fill-opacity=\"0.85\"",
        None,
    );
    // Night: a band above the hours it covers, and a dashed frame around those columns.
    out.push_str("<g>");
    w!(out, "<title>{}</title>", Attr(&map.night_title));
    for &(x0, x1) in &map.night {
        w!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"currentColor\" \
             fill-opacity=\"0.3\"/>",
            N(x0),
            N(NIGHT_TOP),
            N(x1 - x0),
            N(NIGHT_H)
        );
        w!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" \
             stroke=\"currentColor\" stroke-opacity=\"0.6\" stroke-dasharray=\"4 3\"/>",
            N(x0),
            N(GRID_TOP - 1.0),
            N(x1 - x0),
            N(map.grid_bottom - GRID_TOP + 2.0)
        );
    }
    let night_w = map.night[0].1 - map.night[0].0;
    if night_w >= text_width("night", SMALL) + 4.0 {
        for &(x0, x1) in &map.night {
            if x1 - x0 >= text_width("night", SMALL) + 4.0 {
                write_text(
                    &mut out,
                    &Label {
                        x: (x0 + x1) / 2.0,
                        y: NIGHT_TOP + NIGHT_H - 2.0,
                        anchor: Anchor::Middle,
                        text: "night".to_owned(),
                    },
                    " font-size=\"10\" fill-opacity=\"0.9\"",
                    None,
                );
            }
        }
    }
    out.push_str("</g><g font-size=\"11\">");
    for label in map.hour_labels.iter().chain(&map.day_labels) {
        write_text(&mut out, label, "", None);
    }
    out.push_str("</g>");
    // Cells: the colour's strength is the count; empty cells are faint outlines.
    w!(out, "<g fill=\"{MESSAGE_COLOUR}\">");
    for cell in &map.cells {
        let paint = if cell.count == 0 {
            " fill=\"currentColor\" fill-opacity=\"0.04\"".to_owned()
        } else {
            format!(" fill-opacity=\"{:.2}\"", cell.opacity)
        };
        w!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{paint}><title>{}</title></rect>",
            N(cell.x + 1.0),
            N(cell.y + 1.0),
            N((cell.w - 2.0).max(1.0)),
            N(CELL_H - 2.0),
            Attr(&cell.title)
        );
    }
    out.push_str("</g>");
    // Scale.
    out.push_str("<g font-size=\"11\">");
    write_text(
        &mut out,
        &Label {
            x: HEAT_LEFT,
            y: map.legend_y,
            anchor: Anchor::Start,
            text: "Fewer".to_owned(),
        },
        "",
        None,
    );
    let swatch_x = HEAT_LEFT + text_width("Fewer", SMALL) + 6.0;
    for step in 0..5 {
        let opacity = MIN_CELL_OPACITY + (1.0 - MIN_CELL_OPACITY) * f64::from(step) / 4.0;
        w!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"12\" fill=\"{MESSAGE_COLOUR}\" \
             fill-opacity=\"{opacity:.2}\"/>",
            N(swatch_x + f64::from(step) * 16.0),
            N(map.legend_y - 10.0)
        );
    }
    write_text(
        &mut out,
        &Label {
            x: swatch_x + 5.0 * 16.0 + 4.0,
            y: map.legend_y,
            anchor: Anchor::Start,
            text: format!("More (at most {} in an hour)", map.max),
        },
        "",
        None,
    );
    out.push_str("</g></svg>");
    out
}
