//! A small reader of zip archives, for the class debrief's "one zip of
//! everyone's progress files": it lists the entries and hands out each one's
//! stored bytes. Stored entries are ready; deflated ones are inflated by the
//! caller (the browser's `DecompressionStream("deflate-raw")`), so no inflate
//! code ships in the wasm. Hostile archives are refused, never trusted:
//! offsets are checked against the archive, sizes against the limits, and
//! encrypted or zip64 entries are not read.

/// How an entry's bytes are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Stored,
    Deflated,
}

/// One file in the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'z> {
    pub name: String,
    pub method: Method,
    /// The entry's bytes as stored (deflated or not).
    pub data: &'z [u8],
    /// The size once inflated, as the archive says (checked after inflating).
    pub size: usize,
}

/// Why an archive or one of its entries cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ZipError {
    #[error("this is not a zip archive (or it is damaged)")]
    NotZip,
    #[error("the archive is damaged: {0}")]
    Damaged(&'static str),
    #[error("the archive holds more than {0} files")]
    TooManyEntries(usize),
    #[error("`{0}` is encrypted, zip64 or compressed in a way this reader does not know")]
    Unsupported(String),
    #[error("`{0}` is larger than {1} bytes")]
    TooLarge(String, usize),
}

fn u16_at(bytes: &[u8], at: usize) -> Option<usize> {
    bytes
        .get(at..at + 2)
        .map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<usize> {
    bytes
        .get(at..at + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
}

/// The entries of `archive` that are files (not folders, not macOS's
/// `__MACOSX` shadows), at most `max_entries`, none larger than `max_size`
/// once inflated. An entry that cannot be read fails the whole listing only
/// when the archive's structure is damaged; an unsupported or too large entry
/// is returned as its own error, so the others are still read.
pub fn entries(
    archive: &[u8],
    max_entries: usize,
    max_size: usize,
) -> Result<Vec<Result<Entry<'_>, ZipError>>, ZipError> {
    const END: u32 = 0x0605_4b50;
    const CENTRAL: usize = 0x0201_4b50;
    const LOCAL: usize = 0x0403_4b50;
    // The end record is in the last 22 + 65,535 (comment) bytes.
    let search_from = archive.len().saturating_sub(22 + 65_535);
    let end = (search_from..archive.len().saturating_sub(21))
        .rev()
        .find(|&at| u32_at(archive, at) == Some(END as usize))
        .ok_or(ZipError::NotZip)?;
    let count = u16_at(archive, end + 10).ok_or(ZipError::NotZip)?;
    let mut at = u32_at(archive, end + 16).ok_or(ZipError::NotZip)?;
    if count > max_entries {
        return Err(ZipError::TooManyEntries(max_entries));
    }
    let mut found = Vec::new();
    for _ in 0..count {
        if u32_at(archive, at) != Some(CENTRAL) {
            return Err(ZipError::Damaged("a directory entry is missing"));
        }
        let field = |offset| u16_at(archive, at + offset).ok_or(ZipError::Damaged("cut off"));
        let flags = field(8)?;
        let method = field(10)?;
        let compressed = u32_at(archive, at + 20).ok_or(ZipError::Damaged("cut off"))?;
        let size = u32_at(archive, at + 24).ok_or(ZipError::Damaged("cut off"))?;
        let name_len = field(28)?;
        let extra_len = field(30)?;
        let comment_len = field(32)?;
        let local = u32_at(archive, at + 42).ok_or(ZipError::Damaged("cut off"))?;
        let name_bytes = archive
            .get(at + 46..at + 46 + name_len)
            .ok_or(ZipError::Damaged("a name is cut off"))?;
        let name = String::from_utf8_lossy(name_bytes).into_owned();
        at += 46 + name_len + extra_len + comment_len;
        if name.ends_with('/') || name.starts_with("__MACOSX/") {
            continue;
        }
        let entry = (|| {
            if flags & 1 != 0 || compressed == 0xFFFF_FFFF || size == 0xFFFF_FFFF {
                return Err(ZipError::Unsupported(name.clone()));
            }
            let method = match method {
                0 => Method::Stored,
                8 => Method::Deflated,
                _ => return Err(ZipError::Unsupported(name.clone())),
            };
            if size > max_size || compressed > max_size {
                return Err(ZipError::TooLarge(name.clone(), max_size));
            }
            if u32_at(archive, local) != Some(LOCAL) {
                return Err(ZipError::Damaged("a file header is missing"));
            }
            let local_name = u16_at(archive, local + 26).ok_or(ZipError::Damaged("cut off"))?;
            let local_extra = u16_at(archive, local + 28).ok_or(ZipError::Damaged("cut off"))?;
            let start = local + 30 + local_name + local_extra;
            let data = archive
                .get(start..start + compressed)
                .ok_or(ZipError::Damaged("a file's data is cut off"))?;
            if method == Method::Stored && compressed != size {
                return Err(ZipError::Damaged("a stored file's sizes differ"));
            }
            Ok(Entry {
                name: name.clone(),
                method,
                data,
                size,
            })
        })();
        // A damaged structure is the archive's problem, not one entry's.
        if let Err(ZipError::Damaged(why)) = entry {
            return Err(ZipError::Damaged(why));
        }
        found.push(entry);
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn archive(files: &[(&str, &[u8], zip::CompressionMethod)]) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut writer = zip::ZipWriter::new(&mut out);
        for (name, data, method) in files {
            let options = zip::write::SimpleFileOptions::default().compression_method(*method);
            writer.start_file(*name, options).unwrap();
            writer.write_all(data).unwrap();
        }
        writer
            .add_directory("folder/", zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn lists_stored_and_deflated_entries() {
        let text = b"{\"counterpart_progress\":{\"v\":2}}".repeat(20);
        let bytes = archive(&[
            ("a.json", &text, zip::CompressionMethod::Stored),
            ("b.json", &text, zip::CompressionMethod::Deflated),
        ]);
        let found = entries(&bytes, 10, 1 << 20).unwrap();
        assert_eq!(found.len(), 2, "the folder is left out");
        let a = found[0].as_ref().unwrap();
        assert_eq!(
            (a.name.as_str(), a.method, a.data),
            ("a.json", Method::Stored, &text[..])
        );
        let b = found[1].as_ref().unwrap();
        assert_eq!((b.method, b.size), (Method::Deflated, text.len()));
        assert!(b.data.len() < text.len());
    }

    #[test]
    fn refuses_what_is_not_a_zip_or_too_much() {
        assert_eq!(entries(b"{\"json\": true}", 10, 100), Err(ZipError::NotZip));
        let big = vec![b'x'; 500];
        let bytes = archive(&[
            ("big.json", &big, zip::CompressionMethod::Stored),
            ("small.json", b"{}", zip::CompressionMethod::Stored),
        ]);
        let found = entries(&bytes, 10, 100).unwrap();
        assert_eq!(found[0], Err(ZipError::TooLarge("big.json".into(), 100)));
        assert!(found[1].is_ok(), "the other entries are still read");
        assert_eq!(entries(&bytes, 1, 1000), Err(ZipError::TooManyEntries(1)));
        // Cut short: the directory points past the end.
        let cut = [&bytes[..20], &bytes[bytes.len() - 22..]].concat();
        assert!(entries(&cut, 10, 1000).is_err());
    }
}
