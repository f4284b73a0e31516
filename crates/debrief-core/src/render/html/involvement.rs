//! Who took part: the people table, response metrics, and (internal report only) who
//! spoke when in the chat, with quiet gaps; names, counts and times only.

use super::*;

impl<'a> Report<'a> {
    pub(super) fn people(&self, out: &mut String) {
        out.push_str("<section class=\"people new-page\">\n<h2>People and response</h2>\n");
        out.push_str(
            "<p class=\"lede\">Who was involved and when, beside the response metrics. \
             Night is 22:00–06:00 on each person's own clock. These explain what made sense \
             at the time; they are not a measure of anyone.</p>\n",
        );
        out.push_str("<div class=\"people-grid\">\n");
        self.people_table(out);
        self.metrics(out);
        out.push_str("</div>\n</section>\n");
    }

    pub(super) fn people_table(&self, out: &mut String) {
        let others = people::others_involved_sentence(self.review, |p| {
            self.person_name(Some(&p.id)).unwrap_or_default().to_owned()
        });
        if !self.review.people.iter().any(|p| p.is_person()) {
            out.push_str("<div>\n<p class=\"muted\">No people recorded yet.</p>\n");
            if let Some(others) = others {
                w!(out, "<p>{}</p>\n", text(&others));
            }
            out.push_str("</div>\n");
            return;
        }
        out.push_str(
            "<div class=\"table-wrap\">\n<table class=\"people-table\">\n\
             <thead><tr><th>Person</th><th>Team</th><th>Involved</th><th>Events</th>\
             <th>At night</th><th>Other pages</th><th>Hypotheses raised</th></tr></thead>\n\
             <tbody>\n",
        );
        let activity = people::people_activity(self.review, self.zones);
        let people = self.review.people.iter().filter(|p| p.is_person());
        for (person, activity) in people.zip(&activity) {
            let mut who = format!(
                "<strong>{}</strong>",
                text(self.person_name(Some(&person.id)).unwrap_or_default())
            );
            let roles: Vec<&str> = person.roles.iter().map(|r| r.label()).collect();
            if !roles.is_empty() {
                w!(who, "<br><span class=\"muted\">{}</span>", roles.join(", "));
            }
            if !person.on_call_for.trim().is_empty() {
                w!(
                    who,
                    "<br><span class=\"muted\">On call for {}</span>",
                    text(&person.on_call_for)
                );
            }
            if let Some(zone) = &person.time_zone {
                w!(who, "<br><span class=\"muted\">{}</span>", text(zone));
            }
            if self.internal() && !person.notes.trim().is_empty() {
                w!(
                    who,
                    "<div class=\"note prose\">{}</div>",
                    text(&person.notes)
                );
            }
            let mut team = text(&person.team);
            if let Some(months) = person.tenure_months {
                w!(
                    team,
                    "<br><span class=\"muted nowrap\">{months} month{}</span>",
                    if months == 1 { "" } else { "s" }
                );
            }
            let involved = match (&activity.first_involvement, &activity.last_activity) {
                (Some(first), Some(last)) => format!(
                    "{} → {}<br><span class=\"muted\">{}</span>",
                    self.clock(first),
                    self.clock(last),
                    text(&format_duration(*last - *first))
                ),
                _ => "<span class=\"muted\">—</span>".to_owned(),
            };
            w!(
                out,
                "<tr><td>{who}</td><td>{team}</td><td class=\"when\">{involved}</td><td class=\"num\">{}</td>\
                 <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                activity.event_count,
                activity.night_events,
                activity.other_incident_events,
                activity.hypotheses_raised,
            );
        }
        out.push_str("</tbody>\n</table>\n");
        if let Some(others) = others {
            w!(out, "<p>{}</p>\n", text(&others));
        }
        out.push_str("</div>\n");
    }

    pub(super) fn metrics(&self, out: &mut String) {
        let metrics = metrics::response_metrics(self.review);
        out.push_str("<aside class=\"metrics\">\n<h3>Response metrics</h3>\n<dl>\n");
        for metric in metrics::Metric::ALL {
            w!(out, "<div class=\"metric\"><dt>{}</dt>", metric.label());
            if let Some(value) = metrics.values.iter().find(|v| v.metric == metric) {
                w!(
                    out,
                    "<dd class=\"value\">{}</dd><dd class=\"muted\">{} → {}</dd>",
                    text(&value.span.written(format_duration)),
                    self.written_clock(&value.from, value.from_known),
                    self.written_clock(&value.to, value.to_known),
                );
            } else if let Some((_, reason)) = metrics.missing.iter().find(|(m, _)| *m == metric) {
                w!(
                    out,
                    "<dd class=\"value muted\">—</dd><dd class=\"muted\">{}</dd>",
                    text(reason)
                );
            }
            w!(
                out,
                "<dd class=\"explain\">{}</dd></div>\n",
                text(metric.explanation())
            );
        }
        out.push_str("</dl>\n</aside>\n");
    }

    // --- participation -------------------------------------------------------------------

    pub(super) fn participation(&self, out: &mut String, transcripts: &ReviewTranscripts) {
        let Some(range) = participation::message_range(transcripts) else {
            return;
        };
        let settings = participation::default_settings(range);
        let found = participation::participation(self.review, transcripts, self.zones, &settings);
        out.push_str("<section class=\"participation new-page\">\n<h2>Participation</h2>\n");
        let writers = found.speakers.iter().filter(|s| s.messages > 0).count();
        w!(
            out,
            "<p class=\"lede\">Who was writing when in the imported chat: {} from {}, and {}. \
             Counts show where to look and what to ask (who carried the night, who joined and \
             stayed silent, when alerts piled up); they are not a measure of anyone. What people \
             wrote is not part of this report.</p>\n",
            count(found.message_count, "message", "messages"),
            count(writers, "person", "people"),
            count(found.alert_count, "alert", "alerts"),
        );
        let options = participation_chart::ParticipationChartOptions {
            id_prefix: "report-participation".to_owned(),
            zone_label: found.zone.clone(),
            ..participation_chart::ParticipationChartOptions::default()
        };
        w!(
            out,
            "<figure class=\"chart\">\n{}\n<figcaption>Messages in {} buckets for each person; \
             alerts and the number of people in the channel on their own rows; impact windows \
             shaded; silences of more than {} marked.</figcaption>\n</figure>\n",
            participation_chart::render_participation_svg(self.review, &found, &options),
            text(&format_duration(found.bucket)),
            text(&format_duration(found.quiet_gap)),
        );
        w!(
            out,
            "<figure class=\"chart\">\n{}\n<figcaption>Messages by weekday and hour on the \
             incident's clock ({}); night, 22:00–06:00, marked.</figcaption>\n</figure>\n",
            participation_chart::render_activity_heatmap_svg(&found, &options),
            text(&found.zone),
        );
        self.team_line(out, &found);
        self.speaker_table(out, &found);
        self.quiet_gaps(out, &found);
        out.push_str("</section>\n");
    }

    pub(super) fn team_line(&self, out: &mut String, found: &Participation) {
        if found.message_count == 0 {
            return;
        }
        let teams: Vec<String> = found
            .teams
            .iter()
            .filter(|t| t.messages > 0)
            .map(|t| {
                format!(
                    "{} {} ({})",
                    t.team
                        .as_deref()
                        .map_or_else(|| "no team recorded".to_owned(), text),
                    count(t.messages, "message", "messages"),
                    count(t.speakers, "person", "people"),
                )
            })
            .collect();
        w!(out, "<p>By team: {}.</p>\n", teams.join("; "));
    }

    pub(super) fn speaker_table(&self, out: &mut String, found: &Participation) {
        out.push_str(
            "<div class=\"table-wrap\">\n<table class=\"people-table\">\n\
             <caption>Most messages first. Share is of people's messages (alerts, joins and \
             channel notices left out); night is 22:00–06:00 on each person's own \
             clock.</caption>\n\
             <thead><tr><th>Person</th><th>Team</th><th>Tenure</th><th>First message</th>\
             <th>Last message</th><th>Messages</th><th>Share</th><th>At night</th></tr></thead>\n\
             <tbody>\n",
        );
        for speaker in &found.speakers {
            let mut who = format!("<strong>{}</strong>", text(&speaker.name));
            if speaker.only_joined {
                who.push_str(" <span class=\"badge status\">Only joined</span>");
            }
            let roles: Vec<&str> = speaker.roles.iter().map(|r| r.label()).collect();
            if !roles.is_empty() {
                w!(who, "<br><span class=\"muted\">{}</span>", roles.join(", "));
            }
            if speaker.person.is_none() {
                who.push_str("<br><span class=\"muted\">Chat name, not linked to a person</span>");
            } else if speaker.authors.iter().any(|a| *a != speaker.name) {
                let names: Vec<String> = speaker.authors.iter().map(|a| text(a)).collect();
                w!(
                    who,
                    "<br><span class=\"muted\">In chat as {}</span>",
                    names.join(", ")
                );
            }
            if let Some(joined) = &speaker.joined_at {
                w!(
                    who,
                    "<br><span class=\"muted\">Joined {}",
                    self.clock(joined)
                );
                if let Some(left) = &speaker.left_at {
                    w!(who, ", left {}", self.clock(left));
                }
                who.push_str("</span>");
            } else if let Some(left) = &speaker.left_at {
                w!(
                    who,
                    "<br><span class=\"muted\">Left {}</span>",
                    self.clock(left)
                );
            }
            let dash = "<span class=\"muted\">—</span>";
            let team = speaker
                .team
                .as_deref()
                .map_or_else(|| dash.to_owned(), text);
            let tenure = speaker.tenure_months.map_or_else(
                || dash.to_owned(),
                |months| format!("{months} month{}", if months == 1 { "" } else { "s" }),
            );
            let when = |t: Option<&Timestamp>| t.map_or_else(|| dash.to_owned(), |t| self.clock(t));
            w!(
                out,
                "<tr><td>{who}</td><td>{team}</td><td class=\"nowrap\">{tenure}</td>\
                 <td class=\"when\">{}</td><td class=\"when\">{}</td><td class=\"num\">{}</td>\
                 <td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                when(speaker.first_message.as_ref()),
                when(speaker.last_message.as_ref()),
                speaker.messages,
                percent(speaker.messages, speaker.share),
                speaker.night_messages,
            );
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }

    pub(super) fn quiet_gaps(&self, out: &mut String, found: &Participation) {
        out.push_str("<h3>Quiet gaps</h3>\n");
        let threshold = text(&format_duration(found.quiet_gap));
        if found.quiet_gaps.is_empty() {
            w!(
                out,
                "<p class=\"muted\">No silence between people's messages longer than \
                 {threshold}.</p>\n"
            );
            return;
        }
        // The same gaps the chart marks.
        let (listed, left_out) = found.longest_quiet_gaps(participation::SHOWN_QUIET_GAPS);
        let caption = if left_out > 0 {
            format!(
                "The {} longest of {} silences between people's messages longer \
                 than {threshold}, in time order.",
                listed.len(),
                found.quiet_gaps.len()
            )
        } else {
            format!("Silences between people's messages longer than {threshold}.")
        };
        w!(
            out,
            "<div class=\"table-wrap\">\n<table>\n<caption>{caption}</caption>\n\
             <thead><tr><th>From</th><th>Until</th><th>Lasted</th><th>Alerts meanwhile</th>\
             </tr></thead>\n<tbody>\n"
        );
        for gap in listed {
            w!(
                out,
                "<tr><td class=\"when\">{}</td><td class=\"when\">{}</td>\
                 <td class=\"nowrap\">{}</td><td class=\"num\">{}</td></tr>\n",
                self.clock(&gap.start),
                self.clock(&gap.end),
                text(&format_duration(gap.length)),
                gap.alerts,
            );
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }

    // --- hypotheses ----------------------------------------------------------------------
}
