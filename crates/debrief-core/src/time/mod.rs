//! Time as incident analysts need it: every instant shown with its offset, in the incident's
//! zone, UTC or the reader's own; and a forgiving parser for what people type.

mod display;
mod input;
mod zones;

pub use display::{format_duration, format_instant, format_offset, ZonedLabel};
pub use input::{format_for_input, parse_time_input, TimeInputError};
pub use zones::{known_zone_names, parse_zone, UnknownZone};
