//! `debrief lint`: the blameless-language check and the pre-publish check, printed for a
//! person reading a terminal or a CI log. Exit 1 when either has something to look at, so a
//! pipeline can stop before a review with "should have" or an email address goes out.
//!
//! What the public version *removes* is listed but is not a finding: leaving internal
//! entries out is the point of the public version. What it would still *show* that looks
//! private is.

use super::Outcome;
use crate::args::LintArgs;
use crate::error::CliError;
use crate::files;
use crate::terminal::one_line;
use debrief_core::analysis::language::{check_review, LanguageFinding};
use debrief_core::render::public::{prepublish_check, PublishCheck};
use debrief_core::text::count;
use std::fmt::Write as _;

pub fn run(args: &LintArgs) -> Result<Outcome, CliError> {
    let review = files::read_review(&args.review)?;
    let findings = check_review(&review);
    let check = prepublish_check(&review);
    let heading = format!(
        "{} ({})",
        one_line(review.display_title()),
        one_line(&args.review.display().to_string())
    );
    files::write_stdout(&report(&heading, &findings, &check))?;
    if findings.is_empty() && check.flagged.is_empty() {
        Ok(Outcome::Clean)
    } else {
        Ok(Outcome::Findings)
    }
}

/// The whole lint report as text. Everything quoted from the review goes through
/// [`one_line`]: a review is a document anyone may have edited, and its text must not be
/// able to move the cursor or recolour a terminal.
fn report(heading: &str, findings: &[LanguageFinding], check: &PublishCheck) -> String {
    let mut out = String::new();
    // `write!` to a String cannot fail; the results are ignored for that reason.
    let _ = writeln!(out, "{heading}\n");

    if findings.is_empty() {
        out.push_str("Language: no findings.\n");
    } else {
        let _ = writeln!(
            out,
            "Language: {}",
            count(findings.len(), "finding", "findings")
        );
        for finding in findings {
            let _ = writeln!(
                out,
                "  {}: \u{201c}{}\u{201d} ({})\n    {}",
                one_line(&finding.field.label),
                one_line(&finding.phrase),
                finding.rule.label(),
                finding.rule.suggestion(),
            );
        }
    }

    out.push('\n');
    if check.removed.is_empty() {
        out.push_str("The public version removes nothing.\n");
    } else {
        out.push_str("The public version removes:\n");
        for removed in &check.removed {
            let _ = writeln!(out, "  - {}", one_line(removed));
        }
    }

    out.push('\n');
    if check.replacements.is_empty() {
        out.push_str("The public version replaces no names or terms.\n");
    } else {
        let _ = writeln!(
            out,
            "The public version replaces {} (check each reads right; keep one as written \
             in the app's Share section):",
            count(check.replacements.len(), "name or term", "names or terms")
        );
        for replacement in &check.replacements {
            let _ = writeln!(
                out,
                "  \u{201c}{}\u{201d} \u{2192} {} in: {}",
                one_line(&replacement.found),
                if replacement.kept {
                    "kept as written".to_owned()
                } else {
                    format!("\u{201c}{}\u{201d}", one_line(&replacement.replacement))
                },
                one_line(&replacement.sentence),
            );
        }
    }

    out.push('\n');
    if check.flagged.is_empty() {
        out.push_str("Nothing left in the public version looks private.\n");
    } else {
        let _ = writeln!(
            out,
            "Still in the public version and looks private: {}",
            count(check.flagged.len(), "item", "items")
        );
        for flag in &check.flagged {
            let _ = writeln!(
                out,
                "  {}: \u{201c}{}\u{201d} ({})",
                one_line(&flag.field),
                one_line(&flag.excerpt),
                flag.kind.label(),
            );
        }
    }

    out.push('\n');
    out.push_str(&summary(findings.len(), check.flagged.len()));
    out.push('\n');
    out
}

fn summary(findings: usize, flagged: usize) -> String {
    match (findings, flagged) {
        (0, 0) => "Clean: nothing to look at.".to_owned(),
        (f, 0) => format!(
            "{} to look at.",
            count(f, "language finding", "language findings")
        ),
        (0, p) => format!(
            "{} to look at.",
            count(p, "possibly private item", "possibly private items")
        ),
        (f, p) => format!(
            "{} and {} to look at.",
            count(f, "language finding", "language findings"),
            count(p, "possibly private item", "possibly private items")
        ),
    }
}
