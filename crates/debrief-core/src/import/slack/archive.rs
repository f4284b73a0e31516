//! The archive: opening it, finding an export's parts (its index files and each
//! conversation's day files), and reading entries under the caps.

use super::*;

/// How much unpacking is allowed: [`MAX_ENTRY_BYTES`] and [`MAX_TOTAL_BYTES`], or less in tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Limits {
    pub(super) entry: u64,
    pub(super) total: u64,
}

impl Limits {
    pub(super) const STANDARD: Limits = Limits {
        entry: MAX_ENTRY_BYTES,
        total: MAX_TOTAL_BYTES,
    };
}

/// What one call may still unpack.
pub(super) struct Budget {
    pub(super) limits: Limits,
    pub(super) left: u64,
}

impl Budget {
    pub(super) fn new(limits: Limits) -> Budget {
        Budget {
            limits,
            left: limits.total,
        }
    }

    /// The most the next entry may unpack to, and the limit to name when it unpacks to more.
    pub(super) fn cap(&self) -> (u64, u64) {
        if self.limits.entry <= self.left {
            (self.limits.entry, self.limits.entry)
        } else {
            (self.left, self.limits.total)
        }
    }

    pub(super) fn spend(&mut self, bytes: u64) {
        self.left = self.left.saturating_sub(bytes);
    }
}

pub(super) fn open_archive(zip_bytes: &[u8]) -> Result<Archive, ImportError> {
    // Every zip record starts with "PK": with it, a zip that will not open is a damaged one
    // (most often cut short, which loses the directory at its end); without it, not a zip.
    let looks_like_zip = zip_bytes.starts_with(b"PK");
    Archive::open(zip_bytes).map_err(|why| {
        if looks_like_zip {
            ImportError::DamagedZip(why)
        } else {
            ImportError::NotAZip
        }
    })
}

/// Unpacks one entry, refusing past the budget's cap. Only inflating tells an entry's size:
/// the sizes in its headers are whatever the archive's author wrote.
pub(super) fn read_entry(
    archive: &Archive,
    index: usize,
    budget: &mut Budget,
) -> Result<Vec<u8>, ImportError> {
    let (cap, limit) = budget.cap();
    let bytes = archive.read(index, cap).map_err(|error| match error {
        ReadError::OverCap => ImportError::TooLarge { limit_bytes: limit },
        ReadError::Damaged(why) => ImportError::DamagedZip(why),
    })?;
    budget.spend(bytes.len() as u64);
    Ok(bytes)
}

/// The index files an export may have beside its channel folders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum IndexFile {
    Users,
    /// `channels.json`, `groups.json`, `mpims.json`: conversations with an id and a name.
    Channels,
    /// `dms.json`: direct messages, whose folders are named by id.
    DirectMessages,
    /// Index files without names Debrief uses (`integration_logs.json`, `canvases.json`…).
    Other,
}

impl IndexFile {
    pub(super) fn of(file_name: &str) -> Option<IndexFile> {
        match file_name {
            "users.json" => Some(Self::Users),
            "channels.json" | "groups.json" | "mpims.json" => Some(Self::Channels),
            "dms.json" => Some(Self::DirectMessages),
            "integration_logs.json" | "canvases.json" => Some(Self::Other),
            _ => None,
        }
    }
}

/// Where a day file sits in the archive.
#[derive(Debug, Clone)]
pub(super) struct DayFile {
    pub(super) date: NaiveDate,
    pub(super) index: usize,
    /// "incident-42/2019-11-06.json", for people.
    pub(super) path: String,
}

/// The archive's entries sorted into index files and channel folders.
#[derive(Debug, Default)]
pub(super) struct Layout {
    /// Index files: kind, entry, name. A kind may have several (`channels.json`, `groups.json`).
    pub(super) index: Vec<(IndexFile, usize, String)>,
    pub(super) days: BTreeMap<String, Vec<DayFile>>,
}

impl Layout {
    pub(super) fn of(archive: &Archive) -> Layout {
        let names: Vec<(usize, String)> = (0..archive.len())
            .map(|index| (index, archive.name(index).replace('\\', "/")))
            .filter(|(_, name)| !name.starts_with("__MACOSX/") && !name.ends_with('/'))
            .collect();
        let root = export_root(&names);
        let mut layout = Layout::default();
        for (index, name) in names {
            let Some(inside) = name.strip_prefix(root.as_str()) else {
                continue;
            };
            layout.add(index, inside);
        }
        for files in layout.days.values_mut() {
            sorting::sort_by_key(files, |file| file.date);
        }
        layout
    }

    pub(super) fn add(&mut self, index: usize, path: &str) {
        match path.split_once('/') {
            None => {
                if let Some(kind) = IndexFile::of(path) {
                    self.index.push((kind, index, path.to_owned()));
                }
            }
            Some((folder, file)) if !folder.is_empty() && !file.contains('/') => {
                if let Some(date) = day_of(file) {
                    self.days
                        .entry(folder.to_owned())
                        .or_default()
                        .push(DayFile {
                            date,
                            index,
                            path: path.to_owned(),
                        });
                }
            }
            Some(_) => {}
        }
    }
}

/// The folder the export sits in within the zip: "" as Slack writes it, or "Acme export/" when
/// someone unpacked and zipped it again. Found by its index files, the shallowest one winning.
pub(super) fn export_root(names: &[(usize, String)]) -> String {
    names
        .iter()
        .filter_map(|(_, name)| {
            let (folder, file) = name.rsplit_once('/').unwrap_or(("", name));
            matches!(
                IndexFile::of(file),
                Some(IndexFile::Users | IndexFile::Channels)
            )
            .then_some(folder)
        })
        .min_by_key(|folder| (folder.matches('/').count(), folder.len()))
        .filter(|folder| !folder.is_empty())
        .map(|folder| format!("{folder}/"))
        .unwrap_or_default()
}

/// The date of a day file's name, "2019-11-06.json".
pub(super) fn day_of(file_name: &str) -> Option<NaiveDate> {
    let stem = file_name.strip_suffix(".json")?;
    if stem.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(stem, "%Y-%m-%d").ok()
}

pub(super) fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Parses a file that must hold a JSON array: a day file or an index file.
pub(super) fn parse_list(file: &str, bytes: &[u8]) -> Result<Vec<Value>, ImportError> {
    let bad = |detail: String| ImportError::BadJson {
        file: file.to_owned(),
        detail,
    };
    match serde_json::from_slice(bytes).map_err(|error| bad(error.to_string()))? {
        Value::Array(records) => Ok(records),
        _ => Err(bad("expected a list of records".to_owned())),
    }
}

pub(super) fn read_directory(
    archive: &Archive,
    index: &[(IndexFile, usize, String)],
    budget: &mut Budget,
) -> Result<Directory, ImportError> {
    let mut directory = Directory::default();
    for (kind, entry, path) in index {
        if *kind == IndexFile::Other {
            continue;
        }
        let bytes = read_entry(archive, *entry, budget)?;
        directory.add(*kind, &parse_list(path, &bytes)?);
    }
    Ok(directory)
}

pub(super) fn list_channels(
    days: &BTreeMap<String, Vec<DayFile>>,
    directory: &Directory,
) -> Vec<SlackChannel> {
    days.iter()
        .map(|(name, files)| SlackChannel {
            id: directory
                .channel_ids
                .get(name)
                .cloned()
                .unwrap_or_else(|| name.clone()),
            name: name.clone(),
            days: files.len(),
            first_day: files.first().map(|file| file.date.to_string()),
            last_day: files.last().map(|file| file.date.to_string()),
        })
        .collect()
}
