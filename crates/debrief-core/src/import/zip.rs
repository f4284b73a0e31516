//! Reading zip archives (PKWARE's APPNOTE), as far as a Slack export needs: the central
//! directory, zip64 sizes, entries stored or deflated, checksums.
//!
//! Written here rather than taken from the `zip` crate so that the app carries one deflate
//! codec (miniz_oxide, which share links use too) and none of a general archive library.
//! Nothing is trusted: every offset and length is checked against the bytes, and the sizes
//! the headers claim are never used to allocate; inflating stops one byte past the caller's
//! cap.

use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};
use std::sync::Arc;

/// An archive's directory over a shared copy of its bytes: cloning it costs two reference
/// counts.
#[derive(Clone)]
pub(crate) struct Archive {
    bytes: Arc<[u8]>,
    entries: Arc<[Entry]>,
}

struct Entry {
    name: String,
    flags: u16,
    method: u16,
    crc: u32,
    compressed_size: u64,
    local_header: u64,
}

/// Why an entry could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ReadError {
    /// It unpacks to more than the cap.
    OverCap,
    /// The archive is damaged there, in words for the person ("a file's checksum does not
    /// match").
    Damaged(String),
}

const END_OF_DIRECTORY: u32 = 0x0605_4b50;
const ZIP64_LOCATOR: u32 = 0x0706_4b50;
const ZIP64_END_OF_DIRECTORY: u32 = 0x0606_4b50;
const DIRECTORY_ENTRY: u32 = 0x0201_4b50;
const LOCAL_HEADER: u32 = 0x0403_4b50;

impl Archive {
    /// Reads the directory at the archive's end. The error says what is wrong, in words.
    pub(crate) fn open(bytes: &[u8]) -> Result<Archive, String> {
        let end = find_end_of_directory(bytes).ok_or("its table of contents is missing")?;
        let mut count = u64::from(read_u16(bytes, end + 10).ok_or(CUT_SHORT)?);
        let mut offset = u64::from(read_u32(bytes, end + 16).ok_or(CUT_SHORT)?);
        if count == 0xFFFF || offset == 0xFFFF_FFFF {
            (count, offset) = zip64_directory(bytes, end).ok_or(CUT_SHORT)?;
        }
        let mut at = usize::try_from(offset).map_err(|_| CUT_SHORT)?;
        // Each entry takes at least 46 bytes, so a count past that is a lie, not a size to
        // reserve.
        let mut entries = Vec::with_capacity(count.min(bytes.len() as u64 / 46) as usize);
        for _ in 0..count {
            let (entry, next) = directory_entry(bytes, at).ok_or(CUT_SHORT)?;
            entries.push(entry);
            at = next;
        }
        Ok(Archive {
            bytes: Arc::from(bytes),
            entries: entries.into(),
        })
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The entry's path within the archive, as written.
    pub(crate) fn name(&self, index: usize) -> &str {
        &self.entries[index].name
    }

    /// Unpacks entry `index`, refusing past `cap` bytes and checking its checksum.
    pub(crate) fn read(&self, index: usize, cap: u64) -> Result<Vec<u8>, ReadError> {
        let entry = &self.entries[index];
        if entry.flags & 1 != 0 {
            return Err(damaged("a file in it is encrypted"));
        }
        let data = self.data_of(entry).ok_or_else(|| damaged(CUT_SHORT))?;
        let unpacked = match entry.method {
            0 if data.len() as u64 > cap => return Err(ReadError::OverCap),
            0 => data.to_vec(),
            8 => {
                let limit = usize::try_from(cap.saturating_add(1)).unwrap_or(usize::MAX);
                match decompress_to_vec_with_limit(data, limit) {
                    Ok(unpacked) => unpacked,
                    Err(error) if error.status == TINFLStatus::HasMoreOutput => {
                        return Err(ReadError::OverCap)
                    }
                    Err(_) => return Err(damaged("a file in it cannot be unpacked")),
                }
            }
            method => {
                return Err(damaged(&format!(
                    "a file in it is packed with method {method}, which Debrief cannot unpack"
                )))
            }
        };
        if unpacked.len() as u64 > cap {
            return Err(ReadError::OverCap);
        }
        if crc32(&unpacked) != entry.crc {
            return Err(damaged("a file's checksum does not match its content"));
        }
        Ok(unpacked)
    }

    /// The entry's packed bytes, after its local header (whose name and extra field may
    /// differ in length from the directory's).
    fn data_of(&self, entry: &Entry) -> Option<&[u8]> {
        let bytes = &self.bytes[..];
        let at = usize::try_from(entry.local_header).ok()?;
        if read_u32(bytes, at)? != LOCAL_HEADER {
            return None;
        }
        let name_length = usize::from(read_u16(bytes, at + 26)?);
        let extra_length = usize::from(read_u16(bytes, at + 28)?);
        let start = at + 30 + name_length + extra_length;
        let end = start.checked_add(usize::try_from(entry.compressed_size).ok()?)?;
        bytes.get(start..end)
    }
}

const CUT_SHORT: &str = "it looks cut short";

fn damaged(why: &str) -> ReadError {
    ReadError::Damaged(why.to_owned())
}

/// The end-of-directory record: the last one in the final 64 KiB (the most a trailing
/// comment can take) whose comment reaches exactly to the end.
fn find_end_of_directory(bytes: &[u8]) -> Option<usize> {
    let lowest = bytes.len().saturating_sub(22 + 0xFFFF);
    (lowest..=bytes.len().checked_sub(22)?).rev().find(|&at| {
        read_u32(bytes, at) == Some(END_OF_DIRECTORY)
            && read_u16(bytes, at + 20).map(|comment| at + 22 + usize::from(comment))
                == Some(bytes.len())
    })
}

/// The entry count and directory offset of a zip64 archive, from the record the locator
/// just before the end-of-directory points at.
fn zip64_directory(bytes: &[u8], end: usize) -> Option<(u64, u64)> {
    let locator = end.checked_sub(20)?;
    if read_u32(bytes, locator)? != ZIP64_LOCATOR {
        return None;
    }
    let record = usize::try_from(read_u64(bytes, locator + 8)?).ok()?;
    if read_u32(bytes, record)? != ZIP64_END_OF_DIRECTORY {
        return None;
    }
    Some((read_u64(bytes, record + 32)?, read_u64(bytes, record + 48)?))
}

/// One central-directory entry at `at`, and where the next one starts.
fn directory_entry(bytes: &[u8], at: usize) -> Option<(Entry, usize)> {
    if read_u32(bytes, at)? != DIRECTORY_ENTRY {
        return None;
    }
    let name_length = usize::from(read_u16(bytes, at + 28)?);
    let extra_length = usize::from(read_u16(bytes, at + 30)?);
    let comment_length = usize::from(read_u16(bytes, at + 32)?);
    let name_at = at + 46;
    let extra_at = name_at + name_length;
    let name = bytes.get(name_at..extra_at)?;
    let extra = bytes.get(extra_at..extra_at + extra_length)?;
    let mut entry = Entry {
        name: String::from_utf8_lossy(name).into_owned(),
        flags: read_u16(bytes, at + 8)?,
        method: read_u16(bytes, at + 10)?,
        crc: read_u32(bytes, at + 16)?,
        compressed_size: u64::from(read_u32(bytes, at + 20)?),
        local_header: u64::from(read_u32(bytes, at + 42)?),
    };
    let size = read_u32(bytes, at + 24)?;
    widen_from_zip64(&mut entry, size, extra);
    Some((entry, extra_at + extra_length + comment_length))
}

/// Sizes and offsets too large for 32 bits are 0xFFFFFFFF in the entry and their real
/// values sit, in a fixed order, in the zip64 extra field (id 1): only those that
/// overflowed, so the uncompressed size, when present, comes first and is skipped. Some
/// writers put a placeholder field before the real one; the last one counts.
fn widen_from_zip64(entry: &mut Entry, size: u32, mut extra: &[u8]) {
    let wide_size = size == u32::MAX;
    let wide_compressed = entry.compressed_size == u64::from(u32::MAX);
    let wide_offset = entry.local_header == u64::from(u32::MAX);
    while let (Some(id), Some(length)) = (read_u16(extra, 0), read_u16(extra, 2)) {
        let Some(field) = extra.get(4..4 + usize::from(length)) else {
            return;
        };
        if id == 1 {
            let mut values = field
                .chunks_exact(8)
                .map(|v| u64::from_le_bytes(v.try_into().expect("chunks of 8")));
            if wide_size {
                values.next();
            }
            if wide_compressed {
                entry.compressed_size = values.next().unwrap_or(entry.compressed_size);
            }
            if wide_offset {
                entry.local_header = values.next().unwrap_or(entry.local_header);
            }
        }
        extra = &extra[4 + usize::from(length)..];
    }
}

fn read_u16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn read_u64(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

/// The CRC-32 zip files carry (IEEE polynomial, reflected), by a table built at compile time.
fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut crc = i as u32;
            let mut bit = 0;
            while bit < 8 {
                crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
                bit += 1;
            }
            table[i] = crc;
            i += 1;
        }
        table
    };
    !bytes.iter().fold(!0u32, |crc, &byte| {
        TABLE[((crc ^ u32::from(byte)) & 0xFF) as usize] ^ (crc >> 8)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};
    use zip::write::SimpleFileOptions;

    fn written(large: bool) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(large);
        writer.start_file("a/one.json", options).unwrap();
        writer.write_all(b"[1, 2, 3]").unwrap();
        writer.start_file("two.txt", options).unwrap();
        writer
            .write_all("zwei — deux".repeat(100).as_bytes())
            .unwrap();
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_what_another_writer_wrote_with_and_without_zip64() {
        for large in [false, true] {
            let archive = Archive::open(&written(large)).unwrap();
            assert_eq!(archive.len(), 2);
            assert_eq!(archive.name(0), "a/one.json");
            assert_eq!(archive.read(0, 100).unwrap(), b"[1, 2, 3]");
            let two = archive.read(1, 100_000).unwrap();
            assert_eq!(two, "zwei — deux".repeat(100).as_bytes());
            assert_eq!(archive.read(1, 10), Err(ReadError::OverCap));
        }
    }

    #[test]
    fn the_checksum_is_the_standard_one() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn a_directory_that_points_outside_the_bytes_is_cut_short() {
        let mut zip = written(false);
        let end = find_end_of_directory(&zip).unwrap();
        zip[end + 16..end + 20].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(Archive::open(&zip).err().unwrap(), CUT_SHORT);
    }
}
