//! Any valid review survives storage: `encode` (and `encode_pretty`) followed by `load` gives
//! back the same review, offsets and all.
//!
//! The generator builds only valid reviews, by construction rather than by filtering, so every
//! case exercises the whole load path instead of being rejected by validation.

mod generate;

use debrief_core::document::{encode, encode_pretty, load};
use debrief_core::model::Review;
use debrief_core::validate::validate_review;
use generate::review;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn valid_reviews_round_trip_through_both_encodings(review in review()) {
        // Checks the generator: a case that fails validation would only test the refusal path.
        prop_assert_eq!(validate_review(&review), vec![]);
        let encoders: [fn(&Review) -> String; 2] = [encode::<Review>, encode_pretty::<Review>];
        for encoder in encoders {
            let text = encoder(&review);
            let loaded = load::<Review>(&text)
                .map_err(|err| TestCaseError::fail(format!("{err}\n{text}")))?;
            prop_assert_eq!(&loaded, &review);
            // `DateTime` equality compares instants and ignores the offset, so a lost offset
            // would pass the check above; the text written again shows every offset.
            prop_assert_eq!(encoder(&loaded), text);
        }
    }
}
