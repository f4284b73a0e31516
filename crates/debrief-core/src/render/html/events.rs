//! The timeline section: the chart and the table of events, a date row where the day
//! changes.

use super::*;

impl<'a> Report<'a> {
    pub(super) fn timeline(&self, out: &mut String) {
        out.push_str("<section class=\"timeline new-page\">\n<h2>Timeline</h2>\n");
        let options = chart::ChartOptions {
            id_prefix: "report".to_owned(),
            include_internal: self.internal(),
            ..chart::ChartOptions::for_review(self.review)
        };
        out.push_str("<figure class=\"chart\">\n");
        out.push_str(&chart::render_timeline_svg(
            self.review,
            self.zones,
            &options,
        ));
        out.push_str(
            "\n<figcaption>The timeline at a glance: one lane per person, impact shaded, \
             key events labelled, hypotheses as bars from raised to settled.</figcaption>\n\
             </figure>\n",
        );
        if self.review.timeline.is_empty() {
            out.push_str("<p class=\"muted\">No timeline events recorded yet.</p>\n</section>\n");
            return;
        }
        out.push_str(
            "<div class=\"table-wrap\">\n<table class=\"events\">\n\
             <caption>Events in time order; <span class=\"badge key\">Key</span> marks the \
             moments that mattered most.</caption>\n\
             <thead><tr><th>When</th><th>What happened</th><th>Who</th><th>Kind</th>\
             <th>Source</th></tr></thead>\n<tbody>\n",
        );
        let mut last_date: Option<String> = None;
        for index in timeline::sorted_event_indices(self.review) {
            let event = &self.review.timeline[index];
            self.event_row(out, event, &mut last_date);
        }
        out.push_str("</tbody>\n</table>\n</div>\n</section>\n");
    }

    /// One event. The date is written only when it changes, so a night's events read as a
    /// column of clock times.
    pub(super) fn event_row(
        &self,
        out: &mut String,
        event: &TimelineEvent,
        last_date: &mut Option<String>,
    ) {
        let when = match &event.at {
            Some(at) => {
                let label = format_instant(at, &self.zone);
                let mut when = String::new();
                if last_date.as_deref() != Some(label.date.as_str()) {
                    w!(when, "<span class=\"date\">{}</span> ", text(&label.date));
                    *last_date = Some(label.date.clone());
                }
                let clock = self.clock_of(at, &label, false);
                if event.time_known == TimeKnown::Day {
                    when.push_str("<span class=\"muted\">time not known</span>");
                } else {
                    let written = event.time_known.written(&clock, |latest| {
                        let latest_label = format_instant(latest, &self.zone);
                        let other_day = latest_label.date != label.date;
                        self.clock_of(latest, &latest_label, other_day)
                    });
                    w!(
                        when,
                        "{written} <span class=\"offset\">{}</span>",
                        text(&label.offset)
                    );
                }
                if let Some(meaning) = event.time_known.description() {
                    w!(when, "<span class=\"visually-hidden\"> ({meaning})</span>");
                }
                if let Some(end) = &event.end {
                    // The end's date only when it is not the start's.
                    let end_label = format_instant(end, &self.zone);
                    let other_day = end_label.date != label.date;
                    w!(
                        when,
                        "<br><span class=\"muted\">until {} ({})</span>",
                        self.clock_of(end, &end_label, other_day),
                        text(&format_duration(*end - *at))
                    );
                }
                when
            }
            None => "<span class=\"muted\">No time</span>".to_owned(),
        };
        let key = if event.key {
            "<span class=\"badge key\">Key</span> "
        } else {
            ""
        };
        let who = self
            .person_name(event.actor.as_ref())
            .map(text)
            .unwrap_or_default();
        let source = match &event.source.link {
            Some(link) => link_or_text(event.source.kind.label(), link),
            None => text(event.source.kind.label()),
        };
        w!(
            out,
            "<tr{}><td class=\"when\">{when}</td><td>{key}<span class=\"prose\">{}</span>{}{}</td>\
             <td>{who}</td><td class=\"nowrap\">{}</td><td>{source}</td></tr>\n",
            if event.key { " class=\"key\"" } else { "" },
            text(&event.text),
            self.visibility_badge(event.visibility),
            tag_line(&event.tags),
            event.kind.label(),
        );
    }

    // --- people and metrics --------------------------------------------------------------
}
