//! Damaged, hostile and foreign files: what is not a zip, zips cut short or garbled, index
//! files that are not lists, entries over the caps, zip bombs (hand-made, since no zip writer
//! will lie about sizes), and arbitrary bytes that must never panic.

use super::*;

#[test]
fn what_is_not_a_zip_is_refused_as_such() {
    for bytes in [
        &b""[..],
        b"hello",
        b"{\"json\": true}",
        &[0u8; 64],
        &[0xffu8; 5000],
    ] {
        assert_eq!(SlackExport::open(bytes).unwrap_err(), ImportError::NotAZip);
    }
}

#[test]
fn a_zip_cut_short_is_damaged() {
    let zip = fixture_zip();
    for length in [2, 30, zip.len() / 2, zip.len() - 1] {
        let error = SlackExport::open(&zip[..length]).unwrap_err();
        assert!(
            matches!(error, ImportError::DamagedZip(_)),
            "{length}: {error:?}"
        );
    }
}

#[test]
fn a_zip_whose_data_is_garbled_is_damaged() {
    // Stored, so the bytes of the day file can be found and garbled.
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in fixture_files() {
        writer.start_file(name, stored).unwrap();
        writer.write_all(content.as_bytes()).unwrap();
    }
    let mut zip = writer.finish().unwrap().into_inner();
    let at = zip
        .windows(11)
        .position(|window| window == b"Morning all")
        .unwrap();
    zip[at] = b'W';
    let export = SlackExport::open(&zip).unwrap();
    let error = export.transcript(&["general"], None, None).unwrap_err();
    assert!(matches!(error, ImportError::DamagedZip(_)), "{error:?}");
    assert!(export.transcript(&["incident-42"], None, None).is_ok());
}

#[test]
fn a_zip_without_channel_folders_is_not_an_export() {
    let cases: [&[(&str, &str)]; 4] = [
        &[],
        &[("users.json", USERS), ("channels.json", CHANNELS)],
        &[("report.pdf", "%PDF"), ("notes/readme.txt", "hello")],
        &[
            ("a/b/2019-11-06.json", "[]"),
            ("general/2019-11-6.json", "[]"),
        ],
    ];
    for files in cases {
        assert_eq!(
            SlackExport::open(&zip_of(files)).unwrap_err(),
            ImportError::NotASlackExport,
            "{files:?}"
        );
    }
}

#[test]
fn a_bad_index_file_is_named() {
    let files = fixture_with(&[("users.json", "[{\"id\": \"U01\",")]);
    let error = SlackExport::open(&zip_of(&files)).unwrap_err();
    assert!(
        matches!(&error, ImportError::BadJson { file, .. } if file == "users.json"),
        "{error:?}"
    );
}

#[test]
fn an_entry_over_the_limit_is_too_large() {
    let limits = Limits {
        entry: 2000,
        total: 1_000_000,
    };
    // users.json is about 800 bytes, the 2019-11-06 day file about 4,000.
    let export = SlackExport::open_with(fixture_zip(), limits).unwrap();
    assert!(export.transcript(&["general"], None, None).is_ok());
    assert_eq!(
        export.transcript(&["incident-42"], None, None),
        Err(ImportError::TooLarge { limit_bytes: 2000 })
    );
}

#[test]
fn all_entries_together_over_the_limit_are_too_large() {
    let total = (USERS.len() + CHANNELS.len() + GENERAL_05.len()) as u64;
    let limits = Limits {
        entry: 1_000_000,
        total,
    };
    let export = SlackExport::open_with(fixture_zip(), limits).unwrap();
    // The budget is per call: open's spending does not count against a transcript.
    assert!(export.transcript(&["general"], None, None).is_ok());
    assert_eq!(
        export.transcript(&["general", "incident-42"], None, None),
        Err(ImportError::TooLarge { limit_bytes: total })
    );
    let limits = Limits {
        entry: 1_000_000,
        total: USERS.len() as u64 + 10,
    };
    assert_eq!(
        SlackExport::open_with(fixture_zip(), limits).unwrap_err(),
        ImportError::TooLarge {
            limit_bytes: limits.total
        }
    );
}

/// A raw deflate stream of at least `length` zero bytes, in about `length / 160` bytes:
/// one fixed-Huffman block of a literal zero and then copies of 258 bytes at distance 1,
/// 13 bits each. Written by hand so a test can hold a 300 MB bomb without making one.
fn zeros_deflated(length: u64) -> Vec<u8> {
    let mut bits = Bits::default();
    bits.put(1, 1); // the final block
    bits.put(1, 2); // fixed Huffman codes
    bits.put_code(0b0011_0000, 8); // literal 0
    for _ in 0..length.saturating_sub(1).div_ceil(258) {
        bits.put_code(0b1100_0101, 8); // length 258 (code 285)
        bits.put_code(0, 5); // distance 1 (code 0)
    }
    bits.put_code(0, 7); // end of block (code 256)
    bits.finish()
}

/// Deflate's bit order: values least significant bit first, Huffman codes most first.
#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    pending: u32,
    count: u32,
}

impl Bits {
    fn put(&mut self, value: u32, count: u32) {
        self.pending |= value << self.count;
        self.count += count;
        while self.count >= 8 {
            self.bytes.push(self.pending as u8);
            self.pending >>= 8;
            self.count -= 8;
        }
    }

    fn put_code(&mut self, code: u32, length: u32) {
        let reversed = code.reverse_bits() >> (32 - length);
        self.put(reversed, length);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.count > 0 {
            self.bytes.push(self.pending as u8);
        }
        self.bytes
    }
}

#[test]
fn the_hand_made_deflate_stream_inflates_to_zeros() {
    let inflated = miniz_oxide::inflate::decompress_to_vec(&zeros_deflated(10_000)).unwrap();
    assert_eq!(inflated.len(), 1 + 39 * 258);
    assert!(inflated.iter().all(|&byte| byte == 0));
}

fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |crc, &byte| {
        (0..8).fold(crc ^ u32::from(byte), |crc, _| {
            (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg())
        })
    })
}

/// One entry of a hand-made zip: name, method (0 stored, 8 deflate), data as stored, the
/// size and checksum its headers claim.
struct RawEntry {
    name: &'static str,
    method: u16,
    data: Vec<u8>,
    size: u32,
    crc: u32,
}

impl RawEntry {
    fn stored(name: &'static str, content: &str) -> RawEntry {
        RawEntry {
            name,
            method: 0,
            data: content.as_bytes().to_vec(),
            size: content.len() as u32,
            crc: crc32(content.as_bytes()),
        }
    }

    /// Zeros, deflated: `claimed` is the size the headers say, which a bomb need not tell
    /// truly. The checksum is wrong; nothing should read far enough to check it.
    fn zeros(name: &'static str, length: u64, claimed: u32) -> RawEntry {
        RawEntry {
            name,
            method: 8,
            data: zeros_deflated(length),
            size: claimed,
            crc: 0,
        }
    }
}

/// A zip written field by field (APPNOTE 4.3), as a hostile one would be.
fn raw_zip(entries: &[RawEntry]) -> Vec<u8> {
    let mut zip = Vec::new();
    let mut directory = Vec::new();
    for entry in entries {
        let offset = zip.len() as u32;
        let header = |signature: u32, central: bool| {
            let mut out = signature.to_le_bytes().to_vec();
            if central {
                out.extend(20u16.to_le_bytes()); // made by
            }
            out.extend(20u16.to_le_bytes()); // needed
            out.extend(0u16.to_le_bytes()); // flags
            out.extend(entry.method.to_le_bytes());
            out.extend(0u16.to_le_bytes()); // time
            out.extend(0x21u16.to_le_bytes()); // date: 1980-01-01
            out.extend(entry.crc.to_le_bytes());
            out.extend((entry.data.len() as u32).to_le_bytes());
            out.extend(entry.size.to_le_bytes());
            out.extend((entry.name.len() as u16).to_le_bytes());
            out.extend(0u16.to_le_bytes()); // extra field
            if central {
                out.extend([0u8; 6]); // comment length, disk, internal attributes
                out.extend(0u32.to_le_bytes()); // external attributes
                out.extend(offset.to_le_bytes());
            }
            out.extend(entry.name.as_bytes());
            out
        };
        zip.extend(header(0x0403_4b50, false));
        zip.extend(&entry.data);
        directory.extend(header(0x0201_4b50, true));
    }
    let directory_offset = zip.len() as u32;
    zip.extend(&directory);
    zip.extend(0x0605_4b50u32.to_le_bytes());
    zip.extend([0u8; 4]); // disk numbers
    zip.extend((entries.len() as u16).to_le_bytes());
    zip.extend((entries.len() as u16).to_le_bytes());
    zip.extend((directory.len() as u32).to_le_bytes());
    zip.extend(directory_offset.to_le_bytes());
    zip.extend(0u16.to_le_bytes()); // comment
    zip
}

const BOMB: u64 = 300 * MIB;

#[test]
fn the_hand_made_zip_is_read_like_a_real_one() {
    let zip = raw_zip(&[
        RawEntry::stored("users.json", USERS),
        RawEntry::stored("general/2019-11-05.json", GENERAL_05),
    ]);
    let export = SlackExport::open(&zip).unwrap();
    let transcript = export.transcript(&["general"], None, None).unwrap();
    assert_eq!(transcript.messages[0].author, "Ada Lovelace");
}

#[test]
fn a_zip_bomb_in_an_index_file_fails_fast() {
    let zip = raw_zip(&[
        RawEntry::zeros("users.json", BOMB, BOMB as u32),
        RawEntry::stored("general/2019-11-05.json", GENERAL_05),
    ]);
    assert!(zip.len() < 3 * MIB as usize, "{} bytes", zip.len());
    assert_eq!(
        SlackExport::open(&zip).unwrap_err(),
        ImportError::TooLarge {
            limit_bytes: MAX_ENTRY_BYTES
        }
    );
}

#[test]
fn a_zip_bomb_in_a_day_file_fails_fast_whatever_its_headers_claim() {
    for claimed in [BOMB as u32, 1000] {
        let zip = raw_zip(&[
            RawEntry::stored("users.json", USERS),
            RawEntry::zeros("general/2019-11-05.json", BOMB, claimed),
        ]);
        let export = SlackExport::open(&zip).unwrap();
        assert_eq!(
            export.transcript(&["general"], None, None),
            Err(ImportError::TooLarge {
                limit_bytes: MAX_ENTRY_BYTES
            }),
            "claiming {claimed} bytes"
        );
    }
}

#[test]
fn errors_read_as_sentences() {
    let error = SlackExport::open(b"nope").unwrap_err();
    assert!(error.to_string().starts_with("This is not a zip file."));
    let error = ImportError::TooLarge {
        limit_bytes: MAX_ENTRY_BYTES,
    };
    assert!(error.to_string().contains("more than 50 MB"), "{error}");
}

proptest! {
    #[test]
    fn open_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = SlackExport::open(&bytes);
    }

    #[test]
    fn open_never_panics_on_bytes_that_start_like_a_zip(tail in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let bytes: Vec<u8> = b"PK\x03\x04".iter().copied().chain(tail).collect();
        let _ = SlackExport::open(&bytes);
    }

    #[test]
    fn a_garbled_export_never_panics(
        changes in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut zip = fixture_zip().to_vec();
        for (index, byte) in changes {
            let at = index.index(zip.len());
            zip[at] = byte;
        }
        zip.truncate(zip.len() - cut.index(zip.len() / 8));
        if let Ok(export) = SlackExport::open(&zip) {
            let names: Vec<String> = export.channels().iter().map(|c| c.name.clone()).collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let _ = export.transcript(&names, None, None);
        }
    }

    #[test]
    fn markup_never_panics_and_leaves_no_entities(raw in "[<>&|@#!a-z:/^ ]{0,40}|.{0,40}") {
        let directory = directory();
        let names = Names::learn(&directory, &[]);
        let text = readable(&raw, &names);
        prop_assert!(!text.contains("&amp;") || raw.contains("&amp;amp;"));
    }
}
