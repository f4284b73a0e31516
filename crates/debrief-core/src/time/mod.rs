//! Time as incident analysts need it: every instant shown with its offset, in the incident's
//! zone, UTC or the reader's own; and a forgiving parser for what people type.

mod display;
pub(crate) mod grammar;
mod input;
mod written;
mod zones;

pub use display::{format_duration, format_instant, format_offset, ZonedLabel};
pub use input::{
    format_for_input, is_unknown_time, names_a_date, next_day_reading, parse_date_input,
    parse_exact_time, parse_time_input, TimeInputError,
};
pub use written::{format_written_for_input, parse_written_time};
#[cfg(feature = "bundled-zones")]
pub use zones::BundledZones;
pub use zones::{
    is_well_formed_zone_name, zone_names_for_picker, TimeZones, UnknownZone, Zone, ZoneOffset,
};
