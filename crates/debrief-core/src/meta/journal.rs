//! The meta-review saved a little at a time (`document::journal`): it is small, so each field
//! is replaced whole when it differs; and what differs between two versions, in plain words.

use super::{IncidentSummary, MetaNote, MetaReview, NextStep};
use crate::document::journal::{quote_or, set, Change, Difference, Found, Journaled};

impl Journaled for MetaReview {
    fn changes_since(saved: &mut Self, current: &Self) -> Vec<Change> {
        let mut changes = Vec::new();
        // A meta-review is small: every field is replaced whole when it differs.
        let MetaReview {
            id,
            title,
            created_at,
            updated_at,
            time_zone,
            selection,
            summaries,
            themes,
            went_well,
            next_steps,
            open_questions,
            redactions,
            same_people,
        } = current;
        let c = &mut changes;
        set(c, "id", &mut saved.id, id);
        set(c, "title", &mut saved.title, title);
        set(c, "created_at", &mut saved.created_at, created_at);
        set(c, "updated_at", &mut saved.updated_at, updated_at);
        set(c, "time_zone", &mut saved.time_zone, time_zone);
        set(c, "selection", &mut saved.selection, selection);
        set(c, "summaries", &mut saved.summaries, summaries);
        set(c, "themes", &mut saved.themes, themes);
        set(c, "went_well", &mut saved.went_well, went_well);
        set(c, "next_steps", &mut saved.next_steps, next_steps);
        set(
            c,
            "open_questions",
            &mut saved.open_questions,
            open_questions,
        );
        set(c, "redactions", &mut saved.redactions, redactions);
        set(c, "same_people", &mut saved.same_people, same_people);
        changes
    }

    fn differences(mine: &Self, theirs: &Self) -> Vec<Difference> {
        let mut found = Found::default();
        let MetaReview {
            id,
            title,
            created_at,
            updated_at: _,
            time_zone,
            selection,
            summaries,
            themes,
            went_well,
            next_steps,
            open_questions,
            redactions,
            same_people,
        } = mine;
        if *title != theirs.title {
            found.versions(
                "Title",
                "",
                &quote_or(title, "no title"),
                &quote_or(&theirs.title, "no title"),
            );
        }
        let about = "About this meta-review";
        if *id != theirs.id {
            found.push(about, "They are filed under different ids.");
        }
        if *created_at != theirs.created_at {
            found.push(about, "When the meta-review was created differs.");
        }
        if *time_zone != theirs.time_zone {
            found.versions(
                about,
                "Time zone: ",
                &quote_or(time_zone, "none"),
                &quote_or(&theirs.time_zone, "none"),
            );
        }
        if *selection != theirs.selection {
            found.push("Which incidents", "Different incidents are chosen.");
        }
        found.entries(
            "The incidents",
            ("incident summary", "incident summaries"),
            summaries,
            &theirs.summaries,
            |s: &IncidentSummary| &s.review,
            |s| {
                format!(
                    "the summary of {}",
                    quote_or(&s.title, "an untitled review")
                )
            },
        );
        for (section, nouns, mine_notes, theirs_notes) in [
            (
                "Common factors and themes",
                ("theme", "themes"),
                themes,
                &theirs.themes,
            ),
            (
                "What went well across incidents",
                ("note", "notes"),
                went_well,
                &theirs.went_well,
            ),
            (
                "Open questions",
                ("question", "questions"),
                open_questions,
                &theirs.open_questions,
            ),
        ] {
            found.entries(
                section,
                nouns,
                mine_notes,
                theirs_notes,
                |n: &MetaNote| &n.id,
                |n| quote_or(&n.text, "a note with no text"),
            );
        }
        found.entries(
            "Next steps",
            ("next step", "next steps"),
            next_steps,
            &theirs.next_steps,
            |s: &NextStep| &s.id,
            |s| quote_or(&s.text, "a step with no text"),
        );
        if *redactions != theirs.redactions {
            found.push("Share and export", "The redactions differ.");
        }
        if *same_people != theirs.same_people {
            found.push(
                "Across the incidents",
                "Different names are counted as one person.",
            );
        }
        found.0
    }
}
