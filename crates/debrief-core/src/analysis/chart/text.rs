//! Measuring and shaping text for SVG without a browser: widths from a table of glyph
//! advances, fitting, truncating, one tidy line. Shared by every chart.

use super::*;

/// Rough width of `text` in a sans-serif face at `size` px. Errs wide, so labels judged not
/// to collide really don't.
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | 't' | 'f' | 'r' | 'I' | '.' | ',' | ':' | ';' | '\'' | '!' | '|'
            | ' ' | '(' | ')' => 0.36,
            'm' | 'w' | 'M' | 'W' | '—' | '…' => 0.95,
            'A'..='Z' => 0.72,
            c if c.is_ascii() => 0.61,
            _ => 1.0,
        })
        .sum();
    ems * size
}

/// The horizontal span a label covers.
pub(crate) fn text_span(label: &Label) -> (f64, f64) {
    let w = text_width(&label.text, SMALL);
    match label.anchor {
        Anchor::Start => (label.x, label.x + w),
        Anchor::Middle => (label.x - w / 2.0, label.x + w / 2.0),
        Anchor::End => (label.x - w, label.x),
    }
}

/// Centred on `x` unless that would cross either edge.
pub(crate) fn fit_anchor(x: f64, w: f64, limit: f64) -> Anchor {
    if x + w / 2.0 > limit {
        Anchor::End
    } else if x - w / 2.0 < 2.0 {
        Anchor::Start
    } else {
        Anchor::Middle
    }
}

/// `text` shortened with "…" until it is at most `max_px` wide; and whether it was.
pub(crate) fn fit_text(text: &str, size: f64, max_px: f64) -> (String, bool) {
    if text_width(text, size) <= max_px {
        return (text.to_owned(), false);
    }
    let mut chars = text.chars().count();
    loop {
        chars -= 1;
        let shorter = truncate(text, chars);
        if chars <= 2 || text_width(&shorter, size) <= max_px {
            return (shorter, true);
        }
    }
}

/// Whether XML 1.0 can carry `c` at all, and it is not a character renderers hide (a
/// bidirectional override would reverse the rest of a label).
pub(super) fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !is_unshown(c)
}

/// User text as one tidy line: whitespace runs (newlines included) become one space, control
/// characters and characters XML cannot carry are dropped.
pub(crate) fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else if allowed_in_xml(c) && !c.is_control() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// At most `max` characters, the last one "…" when text was cut.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}
