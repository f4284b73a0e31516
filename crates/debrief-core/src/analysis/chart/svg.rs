//! The SVG kit every chart writes with: coordinates as short numbers, ids unique to one
//! rendering, positioned text, the root element with its title and description, and the
//! drawing that says there is nothing to draw. Every piece of text goes through
//! `markup::Attr`; `attrs` arguments are fixed strings, never user text.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Debug, Clone)]
pub(crate) struct Label {
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) anchor: Anchor,
    pub(crate) text: String,
}

/// Ids unique to one rendering.
#[derive(Debug, Clone)]
pub(crate) struct Ids {
    pub(crate) title: String,
    pub(crate) desc: String,
}

impl Ids {
    pub(crate) fn new(prefix: &str) -> Self {
        let mut clean: String = prefix
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
            .take(64)
            .collect();
        if clean.is_empty() {
            clean = "timeline".to_owned();
        }
        // XML ids must start with a letter or underscore.
        if !clean.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            clean.insert_str(0, "t-");
        }
        Self {
            title: format!("{clean}-title"),
            desc: format!("{clean}-desc"),
        }
    }
}

/// A coordinate with at most one decimal: "12", "12.5", "-3".
pub(crate) struct N(pub(crate) f64);

impl fmt::Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tenths = (self.0 * 10.0).round() as i64;
        if tenths < 0 {
            f.write_char('-')?;
        }
        let abs = tenths.unsigned_abs();
        write!(f, "{}", abs / 10)?;
        if !abs.is_multiple_of(10) {
            write!(f, ".{}", abs % 10)?;
        }
        Ok(())
    }
}

pub(crate) fn anchor_attr(anchor: Anchor) -> &'static str {
    match anchor {
        Anchor::Start => "",
        Anchor::Middle => " text-anchor=\"middle\"",
        Anchor::End => " text-anchor=\"end\"",
    }
}

/// A `<text>`, with an optional tooltip. `attrs` are fixed strings, never user text.
pub(crate) fn write_text(out: &mut String, label: &Label, attrs: &str, title: Option<&str>) {
    w!(
        out,
        "<text x=\"{}\" y=\"{}\"{}{}>",
        N(label.x),
        N(label.y),
        anchor_attr(label.anchor),
        attrs
    );
    if let Some(title) = title {
        w!(out, "<title>{}</title>", Attr(title));
    }
    w!(out, "{}</text>", Attr(&label.text));
}

pub(crate) fn open_root(
    out: &mut String,
    ids: &Ids,
    width: f64,
    height: f64,
    title: &str,
    desc: &str,
) {
    w!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"100%\" \
         role=\"img\" aria-labelledby=\"{} {}\" font-family=\"system-ui, sans-serif\" \
         font-size=\"{}\" fill=\"currentColor\">",
        N(width),
        N(height),
        ids.title,
        ids.desc,
        N(FONT)
    );
    w!(
        out,
        "<title id=\"{}\">{}</title><desc id=\"{}\">{}</desc>",
        ids.title,
        Attr(title),
        ids.desc,
        Attr(desc)
    );
}

/// The root element with its title and description, and the header line above the plot
/// that names the clock the times are on.
pub(crate) fn open_chart(
    out: &mut String,
    ids: &Ids,
    (width, height): (f64, f64),
    (title, desc): (&str, &str),
    header: &str,
) {
    open_root(out, ids, width, height, title, desc);
    write_text(
        out,
        &Label {
            x: PAD,
            y: HEADER_BASELINE,
            anchor: Anchor::Start,
            text: header.to_owned(),
        },
        " fill-opacity=\"0.85\"",
        None,
    );
}

/// A small drawing that says there is nothing to draw, in words (also its description).
pub(crate) fn write_empty(ids: &Ids, width: f64, title: &str, message: &str) -> String {
    let mut out = String::with_capacity(600);
    open_root(&mut out, ids, width, 48.0, title, message);
    write_text(
        &mut out,
        &Label {
            x: width / 2.0,
            y: 29.0,
            anchor: Anchor::Middle,
            text: message.to_owned(),
        },
        " fill-opacity=\"0.75\"",
        None,
    );
    out.push_str("</svg>");
    out
}
