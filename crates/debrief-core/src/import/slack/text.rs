//! A message's words as people read them: rich-text blocks, Slack's text markup, and the
//! lenient JSON access every part uses.

use super::*;

pub(super) fn blocks_text(blocks: Option<&Value>, names: &Names) -> String {
    list(blocks)
        .filter_map(|block| block_text(block, names))
        .filter(|text| !text.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn block_text(block: &Value, names: &Names) -> Option<String> {
    match text_at(block, "type")? {
        "rich_text" => Some(
            list(block.get("elements"))
                .map(|element| rich_block(element, names).trim_end().to_owned())
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        // Apps' layout blocks: a text object, and a section's fields.
        "section" | "header" => {
            let text = block.get("text").and_then(|text| text_object(text, names));
            let fields = list(block.get("fields")).filter_map(|field| text_object(field, names));
            let lines: Vec<String> = text.into_iter().chain(fields).collect();
            (!lines.is_empty()).then(|| lines.join("\n"))
        }
        "context" => {
            let parts: Vec<String> = list(block.get("elements"))
                .filter_map(|element| text_object(element, names))
                .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        }
        _ => None,
    }
}

/// A block kit text object: `mrkdwn` carries Slack markup, `plain_text` does not.
pub(super) fn text_object(object: &Value, names: &Names) -> Option<String> {
    let text = text_at(object, "text")?;
    Some(match text_at(object, "type") {
        Some("mrkdwn") => readable(text, names),
        _ => text.to_owned(),
    })
}

/// A block-level rich-text element: a section, a list, a code block, a quote.
pub(super) fn rich_block(element: &Value, names: &Names) -> String {
    let inline = || rich_inline_all(element.get("elements"), names);
    match text_at(element, "type").unwrap_or("") {
        "rich_text_list" => {
            let ordered = text_at(element, "style") == Some("ordered");
            list(element.get("elements"))
                .enumerate()
                .map(|(n, item)| {
                    let bullet = if ordered {
                        format!("{}.", n + 1)
                    } else {
                        "•".to_owned()
                    };
                    format!("{bullet} {}", rich_block(item, names).trim_end())
                })
                .collect::<Vec<_>>()
                .join("\n")
        }
        "rich_text_preformatted" => format!("```{}```", inline()),
        "rich_text_quote" => inline()
            .lines()
            .map(|line| format!("> {line}"))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => inline(),
    }
}

pub(super) fn rich_inline_all(elements: Option<&Value>, names: &Names) -> String {
    list(elements)
        .map(|element| rich_inline(element, names))
        .collect()
}

/// An inline rich-text element. Its text is not HTML-escaped, unlike `text`.
pub(super) fn rich_inline(element: &Value, names: &Names) -> String {
    let field = |key: &str| text_at(element, key).unwrap_or("");
    match field("type") {
        "link" => link_text(field("url"), text_at(element, "text")),
        "user" => person_mention(field("user_id"), None, names),
        "channel" => channel_mention(field("channel_id"), None, names),
        "usergroup" => format!("@{}", field("usergroup_id")),
        "broadcast" => format!("@{}", field("range")),
        "emoji" => format!(":{}:", field("name")),
        "date" => text_at(element, "fallback")
            .map(str::to_owned)
            .or_else(|| {
                let seconds = element.get("timestamp")?.to_string();
                Some(parse_ts(seconds.trim_matches('"'))?.to_rfc3339())
            })
            .unwrap_or_default(),
        "color" => field("value").to_owned(),
        _ => field("text").to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// Slack's text markup.

/// Slack's message markup as people read it: `<@U123>` → "@Ada Lovelace", `<#C123|general>` →
/// "#general", `<!here>` → "@here", `<https://x|label>` → "label (https://x)", and the
/// entities `&lt;` `&gt;` `&amp;` back to `<` `>` `&`.
pub(super) fn readable(raw: &str, names: &Names) -> String {
    let mut out = String::with_capacity(raw.len());
    for span in markup_spans(raw) {
        match span {
            Span::Plain(text) => out.push_str(&unescape(text)),
            Span::Markup(inner) => out.push_str(&render_markup(inner, names)),
        }
    }
    out
}

/// A piece of raw text: plain (still escaped), or the inside of one `<…>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Span<'a> {
    Plain(&'a str),
    Markup(&'a str),
}

/// Splits raw text at `<…>`. Slack escapes every literal `<` and `>`, so a bracket is always
/// markup; an unclosed one (hand-made files) is kept as plain text.
pub(super) fn markup_spans(raw: &str) -> impl Iterator<Item = Span<'_>> {
    let mut rest = raw;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        if let Some(after) = rest.strip_prefix('<') {
            match after.find(['<', '>']) {
                Some(close) if after[close..].starts_with('>') => {
                    rest = &after[close + 1..];
                    return Some(Span::Markup(&after[..close]));
                }
                // A stray bracket: itself as text, then go on after it.
                _ => {
                    let (bracket, tail) = rest.split_at(1);
                    rest = tail;
                    return Some(Span::Plain(bracket));
                }
            }
        }
        let end = rest.find('<').unwrap_or(rest.len());
        let (plain, tail) = rest.split_at(end);
        rest = tail;
        Some(Span::Plain(plain))
    })
}

pub(super) fn render_markup(inner: &str, names: &Names) -> String {
    let (target, label) = match inner.split_once('|') {
        Some((target, label)) if !label.is_empty() => (target, Some(unescape(label))),
        Some((target, _)) => (target, None),
        None => (inner, None),
    };
    let label = label.as_deref();
    if let Some(user) = target.strip_prefix('@') {
        person_mention(user, label, names)
    } else if let Some(channel) = target.strip_prefix('#') {
        channel_mention(channel, label, names)
    } else if let Some(special) = target.strip_prefix('!') {
        special_mention(&unescape(special), label)
    } else {
        link_text(&unescape(target), label)
    }
}

pub(super) fn person_mention(id: &str, label: Option<&str>, names: &Names) -> String {
    let name = names
        .person(id)
        .or_else(|| label.map(|label| label.trim_start_matches('@')))
        .unwrap_or(id);
    format!("@{name}")
}

pub(super) fn channel_mention(id: &str, label: Option<&str>, names: &Names) -> String {
    let name = names.channel(id).or(label).unwrap_or(id);
    format!("#{name}")
}

/// `<!here>`, `<!subteam^S123|@team>`, `<!date^1573034400^{date}|6 Nov 2019>`…
pub(super) fn special_mention(special: &str, label: Option<&str>) -> String {
    let mut parts = special.split('^');
    let keyword = parts.next().unwrap_or("");
    match (keyword, label) {
        ("here" | "channel" | "everyone" | "group", _) => format!("@{keyword}"),
        ("subteam", Some(label)) => format!("@{}", label.trim_start_matches('@')),
        ("subteam", None) => format!("@{}", parts.next().unwrap_or(keyword)),
        (_, Some(label)) => label.to_owned(),
        ("date", None) => parts
            .next()
            .and_then(parse_ts)
            .map_or_else(|| special.to_owned(), |at| at.to_rfc3339()),
        (_, None) => format!("@{keyword}"),
    }
}

/// A link as text: "label (url)", or the bare address when the label adds nothing.
pub(super) fn link_text(url: &str, label: Option<&str>) -> String {
    let label = label.map(str::trim).filter(|label| !label.is_empty());
    if let Some(address) = url
        .strip_prefix("mailto:")
        .or_else(|| url.strip_prefix("tel:"))
    {
        return label.unwrap_or(address).to_owned();
    }
    match label {
        Some(label) if !same_address(label, url) => format!("{label} ({url})"),
        _ => url.to_owned(),
    }
}

/// Slack links a typed "example.com" as `<http://example.com|example.com>`.
pub(super) fn same_address(label: &str, url: &str) -> bool {
    let bare = url.split_once("://").map_or(url, |(_, rest)| rest);
    label == url || label == bare || label == bare.trim_end_matches('/')
}

/// Undoes the three entities Slack escapes in `text`: `&lt;` `&gt;` `&amp;`.
pub(super) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let (decoded, length) = [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>')]
            .iter()
            .find(|(entity, _)| tail.starts_with(entity))
            .map_or(('&', 1), |(entity, decoded)| (*decoded, entity.len()));
        out.push(decoded);
        rest = &tail[length..];
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------------------------
// Lenient JSON access: exports vary by age and plan, so a missing or oddly typed field means
// "not there", never an error.

/// A non-empty string field.
pub(super) fn text_at<'v>(value: &'v Value, key: &str) -> Option<&'v str> {
    value
        .get(key)
        .and_then(Value::as_str)
        .filter(|text| !text.is_empty())
}

/// The items of an array field, or none.
pub(super) fn list(value: Option<&Value>) -> impl Iterator<Item = &Value> {
    value.and_then(Value::as_array).into_iter().flatten()
}
