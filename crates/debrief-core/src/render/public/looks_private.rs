//! Text that looks private: e-mail and IP addresses, internal host names, names of the
//! review's people. Hand-written, deliberately pragmatic scanners: a false alarm costs the
//! analyst a glance, a miss can cost someone their privacy.

use super::*;

/// Everything in `text` that looks private, by byte range, in order of position.
pub(crate) fn find_private(text: &str, names: &TermSet) -> Vec<(Span, PrivateKind)> {
    let emails = find_emails(text);
    let mut found: Vec<(Span, PrivateKind)> = emails
        .iter()
        .map(|r| (r.clone(), PrivateKind::EmailAddress))
        .collect();
    let outside_emails = |r: &Span| !emails.iter().any(|e| e.start < r.end && r.start < e.end);
    found.extend(
        find_ip_addresses(text)
            .into_iter()
            .filter(outside_emails)
            .map(|r| (r, PrivateKind::IpAddress)),
    );
    found.extend(
        find_host_names(text)
            .into_iter()
            .filter(outside_emails)
            .map(|r| (r, PrivateKind::HostName)),
    );
    found.extend(
        names
            .find_all(text)
            .into_iter()
            .map(|(r, _)| (r, PrivateKind::PersonName)),
    );
    sorting::sort_by_key(&mut found, |(r, _)| (r.start, r.end));
    found
}

/// Maximal runs of characters satisfying `keep`, as byte ranges.
pub(super) fn runs(text: &str, keep: impl Fn(char) -> bool) -> Vec<Span> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (keep(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push(s..text.len());
    }
    runs
}

/// Shrinks a range past leading and trailing characters in `strip` (sentence punctuation
/// around an address: "see db.corp.", "(10.0.0.1)").
pub(super) fn trim_span(text: &str, mut span: Span, strip: &[char]) -> Span {
    while let Some(c) = text[span.clone()]
        .chars()
        .next()
        .filter(|c| strip.contains(c))
    {
        span.start += c.len_utf8();
    }
    while let Some(c) = text[span.clone()]
        .chars()
        .next_back()
        .filter(|c| strip.contains(c))
    {
        span.end -= c.len_utf8();
    }
    span
}

pub(super) fn is_domain_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && label
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

/// Whether `name` is a dotted name whose last label could be a top-level domain.
pub(super) fn looks_like_domain(name: &str) -> bool {
    let labels: Vec<&str> = name.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| is_domain_label(l))
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

/// `local@domain.tld`, local part of the usual characters.
pub(super) fn find_emails(text: &str) -> Vec<Span> {
    let is_local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let is_domain = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    let mut found = Vec::new();
    for (at, _) in text.match_indices('@') {
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_local(c))
            .last()
            .map_or(at, |(i, _)| i);
        let end = text[at + 1..]
            .char_indices()
            .find(|&(_, c)| !is_domain(c))
            .map_or(text.len(), |(i, _)| at + 1 + i);
        let domain = trim_span(text, at + 1..end, &['.', '-']);
        let local = trim_span(text, start..at, &['.']);
        if !local.is_empty() && local.end == at && looks_like_domain(&text[domain.clone()]) {
            found.push(local.start..domain.end);
        }
    }
    found
}

/// Dotted-quad IPv4 and colon-separated IPv6 addresses, not inside a longer word.
pub(super) fn find_ip_addresses(text: &str) -> Vec<Span> {
    let mut found = Vec::new();
    for run in runs(text, |c| c.is_ascii_digit() || c == '.') {
        let span = trim_span(text, run, &['.']);
        if is_standalone(text, &span) && is_ipv4(&text[span.clone()]) {
            found.push(span);
        }
    }
    for run in runs(text, |c| c.is_ascii_hexdigit() || c == ':' || c == '.') {
        let span = trim_span(text, run, &['.']);
        if !is_standalone(text, &span) {
            continue;
        }
        // "fe80::1:" at the end of a clause: the last colon is punctuation.
        let colon_trimmed = trim_span(text, span.clone(), &[':']);
        let span = [span, colon_trimmed]
            .into_iter()
            .find(|s| is_ipv6(&text[s.clone()]));
        found.extend(span);
    }
    found
}

/// At least two colons and a decimal digit, so "::" alone, a clock time or a code path such
/// as "a::b" (all hex letters, and valid IPv6) never count.
pub(super) fn is_ipv6(candidate: &str) -> bool {
    candidate.matches(':').count() >= 2
        && candidate.chars().any(|c| c.is_ascii_digit())
        && candidate.parse::<Ipv6Addr>().is_ok()
}

/// Not glued to letters or digits on either side ("v1.2.3.4" is a version, not an address).
pub(super) fn is_standalone(text: &str, span: &Span) -> bool {
    if span.is_empty() {
        return false;
    }
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

pub(super) fn is_ipv4(candidate: &str) -> bool {
    let parts: Vec<&str> = candidate.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            (1..=3).contains(&p.len())
                && p.chars().all(|c| c.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// Suffixes used only inside organisations' own networks.
pub(super) const INTERNAL_SUFFIXES: [&str; 11] = [
    "internal",
    "local",
    "localdomain",
    "corp",
    "lan",
    "intranet",
    "intra",
    "private",
    "priv",
    "home",
    "home.arpa",
];

/// Public domains that appear in reviews without saying anything about the organisation:
/// documentation examples, code hosts, the big providers' status and docs sites.
pub(super) const PUBLIC_DOMAINS: [&str; 16] = [
    "example.com",
    "example.org",
    "example.net",
    "github.com",
    "githubstatus.com",
    "githubusercontent.com",
    "gitlab.com",
    "google.com",
    "microsoft.com",
    "amazon.com",
    "cloudflare.com",
    "cloudflarestatus.com",
    "wikipedia.org",
    "mozilla.org",
    "rust-lang.org",
    "w3.org",
];

/// Last labels that are file extensions far more often than top-level domains in prose
/// ("values.prod.yaml").
pub(super) const FILE_EXTENSIONS: [&str; 24] = [
    "yaml", "yml", "json", "toml", "txt", "log", "md", "rs", "py", "js", "ts", "go", "java",
    "html", "css", "csv", "conf", "cfg", "ini", "xml", "sh", "tar", "gz", "zip",
];

/// Host names that look internal: a dotted name ending in an internal suffix
/// ("ingest-7.internal", "db1.corp"), or any fully qualified name with at least two dots
/// outside the well-known public domains ("grafana.eu.acme.net").
pub(super) fn find_host_names(text: &str) -> Vec<Span> {
    let mut found = Vec::new();
    for run in runs(text, |c| c.is_ascii_alphanumeric() || "._-".contains(c)) {
        let span = trim_span(text, run, &['.', '-', '_']);
        let name = &text[span.clone()];
        if !is_standalone(text, &span) || !looks_like_domain(name) {
            continue;
        }
        let lower = name.to_ascii_lowercase();
        let has_suffix = |suffix: &str| {
            lower
                .strip_suffix(suffix)
                .is_some_and(|rest| rest.ends_with('.'))
        };
        let internal = INTERNAL_SUFFIXES.iter().any(|s| has_suffix(s));
        let tld = lower.rsplit('.').next().unwrap_or_default();
        let fqdn = lower.matches('.').count() >= 2
            && !PUBLIC_DOMAINS.iter().any(|d| lower == *d || has_suffix(d))
            && !FILE_EXTENSIONS.contains(&tld);
        if internal || fqdn {
            found.push(span);
        }
    }
    found
}

/// The matched text with a few words either side, on one line.
pub(crate) fn excerpt_around(text: &str, span: Span) -> String {
    const CONTEXT_CHARS: usize = 24;
    let before_start = text[..span.start]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map(|(i, _)| i);
    let after_end = text[span.end..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map(|(i, _)| span.end + i);
    let mut out = String::new();
    if before_start.is_some() {
        out.push('…');
    }
    out.push_str(&text[before_start.unwrap_or(0)..after_end.unwrap_or(text.len())]);
    if after_end.is_some() {
        out.push('…');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
