//! The review's change lists and differences: how a review is saved a little at a time (see
//! [`crate::document::journal`]) and what a person is told differs between two versions of
//! it when choosing which to keep.

use crate::document::journal::{list, quote_or, set, Change, Difference, Found, Journaled};
use crate::model::{Note, Review};

impl Journaled for Review {
    fn changes_since(saved: &mut Self, current: &Self) -> Vec<Change> {
        let mut changes = Vec::new();
        // Named without `..`: a field added to the review does not compile here until it is
        // journaled. The strings are the field names `encode` writes (checked by a test).
        let Review {
            id,
            title,
            status,
            template,
            severity,
            services,
            tags,
            created_at,
            updated_at,
            incident,
            summary,
            impact,
            analyst,
            trigger,
            people,
            timeline,
            hypotheses,
            factors,
            learnings,
            interviews,
            actions,
            deep_analysis,
            redactions,
            dismissed_findings,
            kept_as_written,
        } = current;
        let c = &mut changes;
        set(c, "id", &mut saved.id, id);
        set(c, "title", &mut saved.title, title);
        set(c, "status", &mut saved.status, status);
        set(c, "template", &mut saved.template, template);
        set(c, "severity", &mut saved.severity, severity);
        set(c, "services", &mut saved.services, services);
        set(c, "tags", &mut saved.tags, tags);
        set(c, "created_at", &mut saved.created_at, created_at);
        set(c, "updated_at", &mut saved.updated_at, updated_at);
        set(c, "incident", &mut saved.incident, incident);
        set(c, "summary", &mut saved.summary, summary);
        set(c, "impact", &mut saved.impact, impact);
        set(c, "analyst", &mut saved.analyst, analyst);
        set(c, "trigger", &mut saved.trigger, trigger);
        list(c, "people", &mut saved.people, people, |p| &p.id);
        list(c, "timeline", &mut saved.timeline, timeline, |e| &e.id);
        list(c, "hypotheses", &mut saved.hypotheses, hypotheses, |h| {
            &h.id
        });
        list(c, "factors", &mut saved.factors, factors, |f| &f.id);
        set(c, "learnings", &mut saved.learnings, learnings);
        list(c, "interviews", &mut saved.interviews, interviews, |i| {
            &i.id
        });
        list(c, "actions", &mut saved.actions, actions, |a| &a.id);
        set(c, "deep_analysis", &mut saved.deep_analysis, deep_analysis);
        set(c, "redactions", &mut saved.redactions, redactions);
        set(
            c,
            "dismissed_findings",
            &mut saved.dismissed_findings,
            dismissed_findings,
        );
        set(
            c,
            "kept_as_written",
            &mut saved.kept_as_written,
            kept_as_written,
        );
        changes
    }

    fn differences(mine: &Self, theirs: &Self) -> Vec<Difference> {
        let mut found = Found::default();
        let Review {
            id,
            title,
            status,
            template,
            severity,
            services,
            tags,
            created_at,
            // When each was last changed always differs between two versions and says
            // nothing about their content.
            updated_at: _,
            incident,
            summary,
            impact,
            analyst,
            trigger,
            people,
            timeline,
            hypotheses,
            factors,
            learnings,
            interviews,
            actions,
            deep_analysis,
            redactions,
            dismissed_findings,
            kept_as_written,
        } = mine;

        if *title != theirs.title {
            found.versions(
                "Title",
                "",
                &quote_or(title, "no title"),
                &quote_or(&theirs.title, "no title"),
            );
        }

        let overview = "Overview";
        if *id != theirs.id {
            found.push(overview, "They are filed under different ids.");
        }
        if *status != theirs.status {
            found.versions(overview, "Status: ", status.label(), theirs.status.label());
        }
        if *template != theirs.template {
            found.versions(
                overview,
                "Template: ",
                template.label(),
                theirs.template.label(),
            );
        }
        if *severity != theirs.severity {
            found.versions(
                overview,
                "Severity: ",
                &quote_or(severity, "none"),
                &quote_or(&theirs.severity, "none"),
            );
        }
        for (name, mine_list, theirs_list) in [
            ("Services", services, &theirs.services),
            ("Tags", tags, &theirs.tags),
        ] {
            if mine_list != theirs_list {
                found.versions(
                    overview,
                    &format!("{name}: "),
                    &quoted_list(mine_list),
                    &quoted_list(theirs_list),
                );
            }
        }
        if *created_at != theirs.created_at {
            found.push(overview, "When the review was created differs.");
        }
        if incident.start != theirs.incident.start || incident.end != theirs.incident.end {
            found.push(overview, "When the incident started or ended differs.");
        }
        if incident.time_zone != theirs.incident.time_zone {
            found.versions(
                overview,
                "Time zone: ",
                &quote_or(&incident.time_zone, "none"),
                &quote_or(&theirs.incident.time_zone, "none"),
            );
        }
        if *summary != theirs.summary {
            let (mine_part, theirs_part) = where_texts_part(summary, &theirs.summary);
            found.versions(overview, "Summary: ", &mine_part, &theirs_part);
        }
        let reads_differently: [(&str, bool); 4] = [
            ("The impact", *impact != theirs.impact),
            ("The trigger", *trigger != theirs.trigger),
            ("The analyst", *analyst != theirs.analyst),
            (
                "Whether it deserves a deep analysis",
                *deep_analysis != theirs.deep_analysis,
            ),
        ];
        for (what, differs) in reads_differently {
            if differs {
                found.push(overview, format!("{what} reads differently."));
            }
        }

        found.entries(
            "Timeline",
            ("event", "events"),
            timeline,
            &theirs.timeline,
            |e| &e.id,
            |e| quote_or(&e.text, "an event with no text"),
        );
        found.entries(
            "People",
            ("person", "people"),
            people,
            &theirs.people,
            |p| &p.id,
            |p| quote_or(&p.name, "a person with no name"),
        );
        found.entries(
            "Hypotheses",
            ("hypothesis", "hypotheses"),
            hypotheses,
            &theirs.hypotheses,
            |h| &h.id,
            |h| quote_or(&h.statement, "a hypothesis with no statement"),
        );
        found.entries(
            "Contributing factors",
            ("contributing factor", "contributing factors"),
            factors,
            &theirs.factors,
            |f| &f.id,
            |f| quote_or(&f.description, "a factor with no description"),
        );
        for (heading, mine_notes, theirs_notes) in [
            (
                "What went well",
                &learnings.went_well,
                &theirs.learnings.went_well,
            ),
            (
                "Where we got lucky",
                &learnings.got_lucky,
                &theirs.learnings.got_lucky,
            ),
            (
                "What was difficult",
                &learnings.difficult,
                &theirs.learnings.difficult,
            ),
        ] {
            let label = |n: &Note| quote_or(&n.text, "a note with no text");
            found.entries_by(
                "Learnings",
                Some(heading),
                ("note", "notes"),
                mine_notes,
                theirs_notes,
                |n: &Note| &n.id,
                label,
                label,
            );
        }
        // An interview is known by who was interviewed; each version names its own people.
        let interviewee = |review: &Review, interview: &crate::model::Interview| {
            interview
                .participant
                .as_ref()
                .and_then(|id| review.people.iter().find(|p| &p.id == id))
                .map(|person| quote_or(&person.name, "someone with no name"))
                .unwrap_or_else(|| "someone not named".to_owned())
        };
        found.entries_by(
            "Interviews",
            None,
            ("interview", "interviews"),
            interviews,
            &theirs.interviews,
            |i| &i.id,
            |i| format!("the interview with {}", interviewee(mine, i)),
            |i| format!("the interview with {}", interviewee(theirs, i)),
        );
        found.entries(
            "Action items",
            ("action item", "action items"),
            actions,
            &theirs.actions,
            |a| &a.id,
            |a| quote_or(&a.description, "an action with no description"),
        );
        if *dismissed_findings != theirs.dismissed_findings {
            found.push("Language", "Different language findings are dismissed.");
        }
        if *redactions != theirs.redactions {
            found.push("Share", "The redactions differ.");
        }
        if *kept_as_written != theirs.kept_as_written {
            found.push(
                "Share",
                "Different replacements are kept as written in the public report.",
            );
        }
        found.0
    }
}

/// How much of a text is shown before the place where two versions of it part.
const LEAD_CHARS: usize = 20;

/// Both texts quoted from shortly before the first character where they differ, so two
/// long summaries that begin alike show what actually changed.
fn where_texts_part(mine: &str, theirs: &str) -> (String, String) {
    let (mine, theirs) = (mine.trim(), theirs.trim());
    let same = mine
        .chars()
        .zip(theirs.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let skip = same.saturating_sub(LEAD_CHARS);
    let part = |text: &str| {
        if text.is_empty() {
            return "no summary".to_owned();
        }
        // `skip` stays at least LEAD_CHARS short of either text's end: `rest` is never empty.
        let rest: String = text.chars().skip(skip).collect();
        let quoted = quote_or(&rest, "");
        if skip == 0 {
            quoted
        } else {
            quoted.replacen('“', "“…", 1)
        }
    };
    (part(mine), part(theirs))
}

fn quoted_list(items: &[String]) -> String {
    if items.iter().all(|item| item.trim().is_empty()) {
        return "none".to_owned();
    }
    items
        .iter()
        .filter(|item| !item.trim().is_empty())
        .map(|item| quote_or(item, ""))
        .collect::<Vec<_>>()
        .join(", ")
}
