//! The index page of a site of reports (`debrief site`): one self-contained HTML file
//! listing every review.
//!
//! It follows the reports' rules so the site is as safe to host as a single report: the same
//! strict Content-Security-Policy (`render::html::CSP`), every piece of review text
//! escaped by `markup::attr` (element content too: quotes escaped everywhere, as this
//! page has always written them), and only relative links to pages whose names are slugs.

use super::html::CSP;
use super::Audience;
use crate::markup::attr;
use crate::model::Review;
use crate::time::{format_instant, TimeZones, Zone};
use chrono::{DateTime, SecondsFormat, Utc};
use std::fmt::Write as _;

/// One row of the index, already in the words it is shown in.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexEntry {
    /// The page's slug; the link is `<slug>.html`.
    pub slug: String,
    pub title: String,
    /// When the incident started, on the incident's clock with its offset, and as RFC 3339
    /// for `<time datetime>`; `None` when the review does not say.
    pub started: Option<(String, String)>,
    pub status: &'static str,
    pub severity: String,
    pub trigger: &'static str,
}

impl IndexEntry {
    /// The row for `review` (already the public view when the site is public), linking to
    /// the page named `slug`. A zone the host does not know is shown as UTC, as everywhere.
    pub fn new(review: &Review, slug: String, zones: &dyn TimeZones) -> Self {
        let started = review.incident.start.map(|start| {
            let zone = Zone::find_or_utc(zones, &review.incident.time_zone);
            (
                format_instant(&start, &zone).full(),
                start.to_rfc3339_opts(SecondsFormat::AutoSi, true),
            )
        });
        Self {
            slug,
            title: review.display_title().to_owned(),
            started,
            status: review.status.label(),
            severity: review.severity.trim().to_owned(),
            trigger: review.trigger.class.label(),
        }
    }
}

/// The index page for `entries`, in the order given (the site orders them).
pub fn render_index(
    entries: &[IndexEntry],
    audience: Audience,
    generated_at: DateTime<Utc>,
) -> String {
    let heading = match audience {
        Audience::Public => "Incident reviews",
        Audience::Internal => "Incident reviews (internal)",
    };
    let mut out = String::with_capacity(4096 + entries.len() * 400);
    // `write!` to a String cannot fail; the results are ignored for that reason.
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <title>{heading}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n\
         <h1>{heading}</h1>\n",
        // Escaped like any attribute, as the reports write it, so the two meta tags are
        // byte for byte the same.
        csp = attr(CSP),
    );
    let audience_note = match audience {
        Audience::Public => "Public versions",
        Audience::Internal => "Internal versions: not for publication",
    };
    let _ = writeln!(
        out,
        "<p class=\"meta\">{} · {audience_note} · Generated {}</p>",
        match entries.len() {
            1 => "1 review".to_owned(),
            n => format!("{n} reviews"),
        },
        generated_at.format("%Y-%m-%d %H:%M UTC"),
    );
    if entries.is_empty() {
        out.push_str("<p>No reviews yet.</p>\n");
    } else {
        out.push_str(
            "<table>\n<thead><tr><th scope=\"col\">Review</th><th scope=\"col\">Incident start</th>\
             <th scope=\"col\">Status</th><th scope=\"col\">Severity</th>\
             <th scope=\"col\">Trigger</th></tr></thead>\n<tbody>\n",
        );
        for entry in entries {
            write_row(&mut out, entry);
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn write_row(out: &mut String, entry: &IndexEntry) {
    // Only a slug becomes a link: it needs no escaping and can only ever name a sibling
    // file (never a `javascript:` URL or a path out of the folder). The command-line tool
    // makes nothing else; anything else is shown without its link.
    let title = if is_slug(&entry.slug) {
        format!("<a href=\"{}.html\">{}</a>", entry.slug, attr(&entry.title))
    } else {
        attr(&entry.title)
    };
    let started = match &entry.started {
        Some((label, datetime)) => format!(
            "<time datetime=\"{}\">{}</time>",
            attr(datetime),
            attr(label)
        ),
        None => "<span class=\"none\">Not recorded</span>".to_owned(),
    };
    let severity = if entry.severity.is_empty() {
        "<span class=\"none\">—</span>".to_owned()
    } else {
        attr(&entry.severity)
    };
    let _ = writeln!(
        out,
        "<tr><td>{title}</td><td>{started}</td><td>{}</td>\
         <td>{severity}</td><td>{}</td></tr>",
        attr(entry.status),
        attr(entry.trigger),
    );
}

/// A page name as `debrief site` makes them: lower-case letters, digits and dashes.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// System fonts only (the policy forbids loading any), light and dark. On a phone each
/// review is a block: title, start, then status · severity · trigger on one line.
const STYLE: &str = "\
:root{color-scheme:light dark;--fg:#1b1f24;--muted:#5b636e;--line:#d8dde3;--link:#0b5cad}\
@media (prefers-color-scheme:dark){:root{--fg:#e6e9ed;--muted:#9aa4af;--line:#39414a;--link:#7cb7ff}}\
body{margin:0;font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:var(--fg)}\
main{max-width:70rem;margin:0 auto;padding:2rem 1rem}\
h1{margin:0 0 .25rem;font-size:1.75rem}\
.meta,.none{color:var(--muted)}\
table{width:100%;border-collapse:collapse}\
th,td{text-align:left;vertical-align:top;padding:.5rem .75rem .5rem 0;border-bottom:1px solid var(--line)}\
th{font-size:.85rem;color:var(--muted);font-weight:600}\
a{color:var(--link)}\
td+td{white-space:nowrap}\
@media (max-width:40rem){thead{display:none}tr{display:block;padding:.5rem 0;border-bottom:1px solid var(--line)}\
td{display:inline;border:0;padding:0}td:first-child,td:nth-child(2){display:block}td:first-child{font-weight:600}\
td:nth-child(n+4)::before{content:\" \u{b7} \";color:var(--muted)}}";

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(slug: &str, title: &str) -> IndexEntry {
        IndexEntry {
            slug: slug.to_owned(),
            title: title.to_owned(),
            started: Some((
                "2019-11-06 02:20 PST (UTC-08:00)".to_owned(),
                "2019-11-06T02:20:00-08:00".to_owned(),
            )),
            status: "Draft",
            severity: String::new(),
            trigger: "Unknown",
        }
    }

    #[test]
    fn escapes_everything_from_the_review() {
        assert_eq!(
            attr(r#"<script>alert('x')</script> & "q""#),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        let page = render_index(
            &[entry("a", "<img src=x onerror=alert(1)>")],
            Audience::Public,
            DateTime::UNIX_EPOCH,
        );
        assert!(!page.contains("<img"));
        assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(page.contains(&format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
            attr(CSP)
        )));
        assert!(!page.contains("<script"));
    }

    #[test]
    fn only_a_slug_becomes_a_link() {
        let page = render_index(
            &[
                entry("javascript:alert(1)", "Hostile"),
                entry("../../etc", "Away"),
                entry("edge-proxy", "Fine"),
            ],
            Audience::Internal,
            DateTime::UNIX_EPOCH,
        );
        assert!(!page.contains("javascript:"), "{page}");
        assert!(!page.contains("../"), "{page}");
        assert!(page.contains("<td>Hostile</td>"));
        assert!(page.contains("<a href=\"edge-proxy.html\">Fine</a>"));
    }

    #[test]
    fn drops_what_the_reports_drop() {
        // A right-to-left override would make "exe.txt" read as "txt.exe" in the index.
        let page = render_index(
            &[entry(
                "a",
                "Report \u{202E}txt.exe\u{202C} and a bell \u{7}",
            )],
            Audience::Internal,
            DateTime::UNIX_EPOCH,
        );
        assert!(page.contains("Report txt.exe and a bell "));
        assert!(!page.contains(['\u{202E}', '\u{202C}', '\u{7}']));
    }

    #[test]
    fn empty_site_says_so() {
        let page = render_index(&[], Audience::Internal, DateTime::UNIX_EPOCH);
        assert!(page.contains("No reviews yet."));
        assert!(page.contains("not for publication"));
    }
}
