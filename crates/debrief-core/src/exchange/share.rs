//! A review carried whole in a link's fragment: `#/shared/<payload>`.
//!
//! The fragment (everything after `#`) is never sent to a server, so a shared review goes
//! from one browser to another without Debrief having, or needing, a backend.
//!
//! The payload is `base64url(zlib(document::encode(review)))`:
//! - the review's ordinary envelope, so the link is read by the same load path as every
//!   other document (parse → migrate → validate) and old links keep opening after a schema
//!   change;
//! - zlib rather than raw deflate: its Adler-32 checksum turns a link that a chat tool cut
//!   short or mangled into a plain "damaged" message instead of a confusing JSON error;
//! - base64url without padding, whose alphabet (`A–Z a–z 0–9 - _`) no browser, chat tool or
//!   mail client percent-encodes or mistakes for the end of a link.
//!
//! Reading is defensive: the payload comes from whoever wrote the link. Inflation stops at
//! [`MAX_INFLATED_BYTES`], so a crafted "zip bomb" cannot exhaust memory, and nothing in here
//! panics on any input.

use crate::document::{self, LoadError};
use crate::model::Review;
use miniz_oxide::deflate::{compress_to_vec_zlib, CompressionLevel};
use miniz_oxide::inflate::{decompress_to_vec_zlib_with_limit, TINFLStatus};
use std::fmt;

/// What a share fragment starts with; the app's router matches it.
pub const SHARE_PREFIX: &str = "#/shared/";

/// The longest fragment Debrief writes, in characters (prefix included).
///
/// The fragment never reaches a server, so servers' 8 KB request-line limits do not apply,
/// and browsers accept far longer addresses (Chromium 2 MB). What bites is where links are
/// pasted: chat tools cap a message at tens of thousands of characters (Slack at 40,000) and
/// some cut or refuse long links sooner. 32,000 characters fits in one Slack message with
/// room for a sentence around it; in practice a review of some hundred timeline events fits.
/// Past it, the honest answer is a file.
pub const MAX_SHARE_FRAGMENT: usize = 32_000;

/// The most a fragment may inflate to. A link at [`MAX_SHARE_FRAGMENT`] holds about 24 KB of
/// deflate data, which real reviews inflate to well under 1 MB; deflate's worst case is
/// about 1,000 to 1, so without a cap 24 KB could claim 24 MB. 8 MiB leaves reviews ample room
/// and makes a bomb harmless.
pub const MAX_INFLATED_BYTES: usize = 8 * 1024 * 1024;

/// Why a review could not be put in, or read from, a link.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareError {
    /// The fragment would be `length` characters; links carry at most `limit`.
    TooLarge { length: usize, limit: usize },
    /// The fragment is not one Debrief wrote, or lost characters on the way. The text says
    /// what is wrong, in words, without a full stop.
    Damaged(String),
    /// The fragment unpacked to a document the load path refused.
    Load(LoadError),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge { length, limit } => write!(
                f,
                "This review is too large for a link ({} KB compressed; links carry at most {} KB). \
                 Export it as a file instead.",
                // Rounded apart, so the two numbers never read as equal.
                length.div_ceil(1024),
                limit / 1024
            ),
            Self::Damaged(detail) => write!(
                f,
                "This link is damaged or incomplete: {detail}. Ask for the link to be copied \
                 again in full, or for the review as a file."
            ),
            Self::Load(err) => err.fmt(f),
        }
    }
}

impl std::error::Error for ShareError {}

impl From<LoadError> for ShareError {
    fn from(err: LoadError) -> Self {
        Self::Load(err)
    }
}

/// The fragment that carries `review`: [`SHARE_PREFIX`] followed by the payload. The same
/// review always gives the same fragment.
pub fn encode_share_fragment(review: &Review) -> Result<String, ShareError> {
    let fragment = pack(&document::encode(review));
    if fragment.len() > MAX_SHARE_FRAGMENT {
        return Err(ShareError::TooLarge {
            length: fragment.len(),
            limit: MAX_SHARE_FRAGMENT,
        });
    }
    Ok(fragment)
}

/// The review in a fragment. Accepts the fragment with or without [`SHARE_PREFIX`], or a
/// whole pasted address containing it; whitespace a mail client wrapped into it is ignored.
pub fn decode_share_fragment(fragment: &str) -> Result<Review, ShareError> {
    let payload = strip_prefix(fragment);
    let packed = base64url::decode(payload).map_err(ShareError::Damaged)?;
    let text = inflate(&packed)?;
    Ok(document::load::<Review>(&text)?)
}

/// Prefix + base64url(zlib(text)). Deterministic: fixed level, no timestamps in zlib.
fn pack(text: &str) -> String {
    let packed = compress_to_vec_zlib(text.as_bytes(), CompressionLevel::BestCompression as u8);
    let mut fragment = String::with_capacity(SHARE_PREFIX.len() + packed.len() * 4 / 3 + 4);
    fragment.push_str(SHARE_PREFIX);
    base64url::encode_into(&packed, &mut fragment);
    fragment
}

/// The payload part: after the first [`SHARE_PREFIX`] if there is one (the payload alphabet
/// has no `#`, so a whole URL can be pasted), else the text itself.
fn strip_prefix(fragment: &str) -> &str {
    match fragment.split_once(SHARE_PREFIX) {
        Some((_, payload)) => payload,
        None => fragment,
    }
}

fn inflate(packed: &[u8]) -> Result<String, ShareError> {
    let damaged = |detail: &str| ShareError::Damaged(detail.to_owned());
    if packed.is_empty() {
        return Err(damaged("it ends where the review should begin"));
    }
    let bytes = decompress_to_vec_zlib_with_limit(packed, MAX_INFLATED_BYTES).map_err(|err| {
        match err.status {
            TINFLStatus::HasMoreOutput => ShareError::Damaged(format!(
                "it unpacks to more than {} MB, far more than any review",
                MAX_INFLATED_BYTES / (1024 * 1024)
            )),
            // Cut short (needs more input), a checksum mismatch or invalid data: to the
            // person these are all the same thing.
            _ => damaged("part of it is missing or was changed after it was made"),
        }
    })?;
    String::from_utf8(bytes).map_err(|_| damaged("what it holds is not text"))
}

/// URL-safe base64 (RFC 4648 §5) without padding: a few lines rather than a dependency.
mod base64url {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    pub fn encode_into(bytes: &[u8], out: &mut String) {
        for chunk in bytes.chunks(3) {
            let group = chunk
                .iter()
                .enumerate()
                .fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
            // n bytes give n + 1 characters; the missing ones would only be padding.
            for i in 0..=chunk.len() {
                let sextet = (group >> (18 - 6 * i)) & 0x3f;
                out.push(char::from(ALPHABET[sextet as usize]));
            }
        }
    }

    #[cfg(test)]
    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::new();
        encode_into(bytes, &mut out);
        out
    }

    /// Decodes, skipping whitespace (mail clients wrap long links) and one run of trailing
    /// `=` padding. Errors are the words for [`super::ShareError::Damaged`].
    pub fn decode(text: &str) -> Result<Vec<u8>, String> {
        let text = text.trim_end_matches(|c: char| c == '=' || c.is_whitespace());
        let mut out = Vec::with_capacity(text.len() / 4 * 3 + 3);
        let (mut acc, mut bits, mut count) = (0u32, 0u32, 0usize);
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            let value = sextet(c).ok_or_else(|| {
                format!(
                    "it contains \"{}\", which a Debrief link never has",
                    c.escape_debug()
                )
            })?;
            acc = (acc << 6) | value;
            bits += 6;
            count += 1;
            if bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
                acc &= (1 << bits) - 1;
            }
        }
        // One character alone cannot make a byte: the text stopped mid-way.
        if count % 4 == 1 {
            return Err("it is cut short".to_owned());
        }
        Ok(out)
    }

    fn sextet(c: char) -> Option<u32> {
        let value = match c {
            'A'..='Z' => c as u32 - 'A' as u32,
            'a'..='z' => c as u32 - 'a' as u32 + 26,
            '0'..='9' => c as u32 - '0' as u32 + 52,
            '-' => 62,
            '_' => 63,
            _ => return None,
        };
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::WorkbookIndex;
    use crate::model::{EntityId, ReviewId, TimelineEvent};
    use proptest::prelude::*;

    const V1: &str = include_str!("../../tests/fixtures/review-v1.json");

    fn fixture() -> Review {
        document::load(V1).expect("the v1 fixture loads")
    }

    fn is_damaged(result: Result<Review, ShareError>) -> bool {
        matches!(result, Err(ShareError::Damaged(_)))
    }

    #[test]
    fn base64url_matches_rfc_4648_vectors() {
        // RFC 4648 §10, without padding, plus the two URL-safe characters.
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url::encode(plain.as_bytes()), encoded);
            assert_eq!(base64url::decode(encoded).unwrap(), plain.as_bytes());
        }
        assert_eq!(base64url::encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url::decode("-_8=").unwrap(), [0xfb, 0xff]);
        assert_eq!(base64url::decode("Zm9v\n YmFy").unwrap(), b"foobar");
    }

    #[test]
    fn fixture_round_trips_through_a_link() {
        let review = fixture();
        let fragment = encode_share_fragment(&review).unwrap();
        assert!(fragment.starts_with(SHARE_PREFIX));
        let payload = &fragment[SHARE_PREFIX.len()..];
        assert!(payload
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert!(fragment.len() < 4_000, "{} characters", fragment.len());
        assert_eq!(decode_share_fragment(&fragment).unwrap(), review);
        // Without the prefix, and as a whole pasted address.
        assert_eq!(decode_share_fragment(payload).unwrap(), review);
        let url = format!("https://debrief.example/app/{fragment}\n");
        assert_eq!(decode_share_fragment(&url).unwrap(), review);
    }

    #[test]
    fn the_same_review_always_gives_the_same_link() {
        let review = fixture();
        assert_eq!(
            encode_share_fragment(&review).unwrap(),
            encode_share_fragment(&review.clone()).unwrap()
        );
    }

    #[test]
    fn unicode_survives() {
        let mut review = fixture();
        review.title = "Störung im Ingest — 障害 🚒 «ça coupe»".to_owned();
        review.summary = "Ω≈ç√∫ \u{200b} zero-width, RTL \u{202e}text, 𝕏".to_owned();
        let fragment = encode_share_fragment(&review).unwrap();
        assert!(fragment.is_ascii());
        assert_eq!(decode_share_fragment(&fragment).unwrap(), review);
    }

    /// Text that deflate cannot shrink much: letters from a fixed pseudo-random sequence.
    fn noise(length: usize, seed: u64) -> String {
        let mut state = seed;
        (0..length)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                char::from(b'a' + ((state >> 33) % 26) as u8)
            })
            .collect()
    }

    #[test]
    fn a_review_too_large_for_a_link_says_so_in_words() {
        let mut review = fixture();
        review.timeline = (0..400)
            .map(|i| TimelineEvent {
                id: EntityId::new(format!("n{i}")),
                text: noise(200, i),
                ..TimelineEvent::default()
            })
            .collect();
        let err = encode_share_fragment(&review).unwrap_err();
        let ShareError::TooLarge { length, limit } = err else {
            panic!("expected TooLarge, got {err:?}");
        };
        assert!(length > limit);
        assert_eq!(limit, MAX_SHARE_FRAGMENT);
        let message = err.to_string();
        assert!(message.starts_with("This review is too large for a link ("));
        assert!(
            message.ends_with(
                "KB compressed; links carry at most 31 KB). Export it as a file instead."
            ),
            "{message}"
        );
    }

    #[test]
    fn the_limit_is_on_the_whole_fragment() {
        let mut review = fixture();
        review.summary = noise(30_000, 7);
        let fragment = encode_share_fragment(&review).unwrap();
        assert!(fragment.len() <= MAX_SHARE_FRAGMENT);
        review.summary = noise(50_000, 7);
        assert!(matches!(
            encode_share_fragment(&review),
            Err(ShareError::TooLarge { .. })
        ));
    }

    #[test]
    fn truncated_links_are_damaged() {
        let fragment = encode_share_fragment(&fixture()).unwrap();
        // Every cut, from nothing left to one character short.
        for end in SHARE_PREFIX.len()..fragment.len() {
            assert!(
                is_damaged(decode_share_fragment(&fragment[..end])),
                "cut at {end}"
            );
        }
        let message = decode_share_fragment(SHARE_PREFIX).unwrap_err().to_string();
        assert!(message.starts_with("This link is damaged or incomplete: "));
    }

    #[test]
    fn changed_characters_are_caught_by_the_checksum() {
        let fragment = encode_share_fragment(&fixture()).unwrap();
        let bytes = fragment.as_bytes();
        for position in (SHARE_PREFIX.len()..fragment.len()).step_by(7) {
            let mut changed = bytes.to_vec();
            changed[position] = if bytes[position] == b'A' { b'B' } else { b'A' };
            let changed = String::from_utf8(changed).unwrap();
            let result = decode_share_fragment(&changed);
            // Flipping the last character's unused low bits changes nothing: still the
            // same review. Anything else must be refused, never read as a different review.
            match result {
                Ok(review) => assert_eq!(review, fixture(), "at {position}"),
                Err(err) => assert!(matches!(err, ShareError::Damaged(_)), "at {position}"),
            }
        }
    }

    #[test]
    fn characters_a_link_never_has_are_named() {
        let err = decode_share_fragment("#/shared/abc.def").unwrap_err();
        assert!(err.to_string().contains("\".\""), "{err}");
        assert!(is_damaged(decode_share_fragment("#/shared/%7B%22a")));
        assert!(is_damaged(decode_share_fragment("#/shared/ünï")));
    }

    #[test]
    fn an_inflation_bomb_stops_at_the_cap() {
        let huge = vec![b' '; MAX_INFLATED_BYTES + 1];
        let packed = compress_to_vec_zlib(&huge, 10);
        let fragment = format!("{SHARE_PREFIX}{}", base64url::encode(&packed));
        assert!(fragment.len() < MAX_SHARE_FRAGMENT, "a small link…");
        let err = decode_share_fragment(&fragment).unwrap_err();
        assert!(
            matches!(&err, ShareError::Damaged(d) if d.contains("more than 8 MB")),
            "{err:?}"
        );
    }

    #[test]
    fn what_unpacks_is_read_by_the_one_load_path() {
        let index = pack(&document::encode(&WorkbookIndex::default()));
        let err = decode_share_fragment(&index).unwrap_err();
        assert!(matches!(err, ShareError::Load(LoadError::WrongKind { .. })));
        assert!(err.to_string().contains("not a review"), "{err}");

        let newer = pack(r#"{"format":"debrief.review","schema_version":99,"review":{}}"#);
        assert!(matches!(
            decode_share_fragment(&newer),
            Err(ShareError::Load(LoadError::NewerVersion { found: 99, .. }))
        ));

        let unsafe_link = {
            let mut review = Review::new(
                ReviewId::new("r"),
                Default::default(),
                chrono::DateTime::UNIX_EPOCH,
            );
            review.actions.push(crate::model::ActionItem {
                id: EntityId::new("a"),
                tracker_link: Some("javascript:alert(1)".to_owned()),
                ..Default::default()
            });
            pack(&document::encode(&review))
        };
        assert!(matches!(
            decode_share_fragment(&unsafe_link),
            Err(ShareError::Load(LoadError::Invalid(_)))
        ));

        let not_text = format!("{SHARE_PREFIX}{}", {
            base64url::encode(&compress_to_vec_zlib(&[0xff, 0xfe, 0x00], 6))
        });
        assert!(is_damaged(decode_share_fragment(&not_text)));
    }

    proptest! {
        #[test]
        fn any_text_is_refused_or_read_never_a_panic(text in any::<String>()) {
            let _ = decode_share_fragment(&text);
            let _ = decode_share_fragment(&format!("{SHARE_PREFIX}{text}"));
        }

        #[test]
        fn any_payload_alphabet_text_is_refused_or_read(text in "[A-Za-z0-9_-]{0,400}") {
            let _ = decode_share_fragment(&text);
        }

        #[test]
        fn any_bytes_after_base64_are_refused_or_read(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let fragment = format!("{SHARE_PREFIX}{}", base64url::encode(&bytes));
            let _ = decode_share_fragment(&fragment);
            prop_assert_eq!(base64url::decode(&fragment[SHARE_PREFIX.len()..]).unwrap(), bytes);
        }

        #[test]
        fn titles_round_trip(title in any::<String>()) {
            let mut review = Review::new(ReviewId::new("r"), Default::default(), chrono::DateTime::UNIX_EPOCH);
            review.title = title;
            let fragment = encode_share_fragment(&review).unwrap();
            prop_assert_eq!(decode_share_fragment(&fragment).unwrap(), review);
        }
    }
}
