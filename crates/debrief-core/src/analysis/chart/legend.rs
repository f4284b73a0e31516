//! The legend under a chart: each symbol with its words, flowing left to right and wrapping
//! at the chart's width. The timeline chart and the participation chart share the flow and
//! the writing; each draws its own symbols.

use super::*;

/// Height of one row of the legend.
pub(crate) const LEGEND_ROW_H: f64 = 20.0;

#[derive(Debug)]
pub(crate) struct LegendItem<S> {
    pub(crate) x: f64,
    /// The baseline of the words; a symbol is drawn around it.
    pub(crate) y: f64,
    pub(crate) symbol: S,
    pub(crate) text: String,
}

/// Legend items left to right from `top`, wrapping at `width`, and how many rows they take.
pub(crate) fn flow_legend<S: Copy>(
    symbols: &[S],
    text_of: impl Fn(S) -> String,
    top: f64,
    width: f64,
) -> (Vec<LegendItem<S>>, usize) {
    let mut items = Vec::with_capacity(symbols.len());
    let (mut x, mut row) = (PAD, 0usize);
    for &symbol in symbols {
        let text = text_of(symbol);
        let w = 22.0 + text_width(&text, SMALL) + 16.0;
        if x + w > width - PAD && x > PAD {
            row += 1;
            x = PAD;
        }
        items.push(LegendItem {
            x,
            y: top + row as f64 * LEGEND_ROW_H,
            symbol,
            text,
        });
        x += w;
    }
    let rows = if items.is_empty() { 0 } else { row + 1 };
    (items, rows)
}

/// Writes the legend: `draw` puts each item's symbol in the 22 px before its words.
pub(crate) fn write_legend<S>(
    out: &mut String,
    items: &[LegendItem<S>],
    mut draw: impl FnMut(&mut String, &LegendItem<S>),
) {
    if items.is_empty() {
        return;
    }
    out.push_str("<g font-size=\"11\">");
    for item in items {
        draw(out, item);
        write_text(
            out,
            &Label {
                x: item.x + 22.0,
                y: item.y,
                anchor: Anchor::Start,
                text: item.text.clone(),
            },
            "",
            None,
        );
    }
    out.push_str("</g>");
}

/// The impact window's swatch, its top left corner at (`x`, `y`): drawn as the chart draws
/// impact windows.
pub(crate) fn write_impact_swatch(out: &mut String, x: f64, y: f64) {
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"12\" fill=\"{IMPACT_COLOUR}\" \
         fill-opacity=\"0.14\" stroke=\"{IMPACT_COLOUR}\" stroke-opacity=\"0.55\" \
         stroke-dasharray=\"3 3\"/>",
        N(x),
        N(y)
    );
}
