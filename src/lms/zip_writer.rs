//! A zip writer in memory: what the hand-out screen (`#/handout`) builds
//! SCORM and cmi5 packages with in the browser. Each file is deflated with
//! `miniz_oxide` (the deflate code the native builder's `zip` crate uses
//! too, through flate2; pure Rust, no I/O layer: only in the hand-out
//! screen's chunk) or stored as it is where that is not smaller, with its
//! CRC-32. Tested natively by reading the output back with the `zip` crate.
//! Names are UTF-8 (general-purpose flag bit 11). No zip64: more than 65,535
//! files or 4 GB is refused, far beyond any package of this app.

use std::collections::BTreeSet;

/// A time stamp as zip stores it (MS-DOS date and time, local, 2-second steps).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DosTime {
    date: u16,
    time: u16,
}

impl DosTime {
    /// 1980-01-01 00:00, the earliest a zip can say.
    pub const EARLIEST: DosTime = DosTime {
        date: (1 << 5) | 1,
        time: 0,
    };

    /// A date and time; out-of-range parts are clamped (years 1980–2107).
    pub fn new(year: u16, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> DosTime {
        let year = year.clamp(1980, 2107) - 1980;
        let (month, day) = (u16::from(month.clamp(1, 12)), u16::from(day.clamp(1, 31)));
        let (hour, minute) = (u16::from(hour.min(23)), u16::from(minute.min(59)));
        let second = u16::from(second.min(59));
        DosTime {
            date: (year << 9) | (month << 5) | day,
            time: (hour << 11) | (minute << 5) | (second / 2),
        }
    }
}

/// Why a zip could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ZipError {
    #[error("`{0}` is in the zip twice")]
    Duplicate(String),
    #[error("`{0}` is not a usable file name in a zip")]
    BadName(String),
    #[error("the zip would exceed 4 GB or 65,535 files")]
    TooLarge,
}

/// Builds a zip in memory: [`add`](Self::add) each file, then [`finish`](Self::finish).
pub struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    names: BTreeSet<String>,
    time: DosTime,
}

/// "Version needed to extract": 2.0, for deflated entries.
const VERSION: u16 = 20;
/// Compression methods: stored, deflated.
const STORED: u16 = 0;
const DEFLATED: u16 = 8;
/// The deflate level (miniz's default: a good ratio, fast enough for a few MB).
const LEVEL: u8 = 6;
/// General-purpose flags: bit 11, names are UTF-8.
const FLAGS: u16 = 1 << 11;

impl ZipWriter {
    /// An empty zip whose entries all carry `time`.
    pub fn new(time: DosTime) -> ZipWriter {
        ZipWriter {
            out: Vec::new(),
            central: Vec::new(),
            names: BTreeSet::new(),
            time,
        }
    }

    /// Adds a file, deflated unless that is not smaller. `name` is relative,
    /// with `/` separators.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Result<(), ZipError> {
        if name.is_empty()
            || name.starts_with('/')
            || name.contains('\\')
            || name.split('/').any(|part| part.is_empty() || part == "..")
        {
            return Err(ZipError::BadName(name.to_string()));
        }
        if self.names.contains(name) {
            return Err(ZipError::Duplicate(name.to_string()));
        }
        if self.names.len() >= usize::from(u16::MAX) {
            return Err(ZipError::TooLarge);
        }
        let too_large = |n: usize| u32::try_from(n).map_err(|_| ZipError::TooLarge);
        let offset = too_large(self.out.len())?;
        let size = too_large(bytes.len())?;
        let name_len = u16::try_from(name.len()).map_err(|_| ZipError::BadName(name.into()))?;
        let deflated = miniz_oxide::deflate::compress_to_vec(bytes, LEVEL);
        let (method, data) = if deflated.len() < bytes.len() {
            (DEFLATED, deflated.as_slice())
        } else {
            (STORED, bytes)
        };
        let stored_size = too_large(data.len())?;
        too_large(self.out.len() + 30 + name.len() + data.len())?;
        self.names.insert(name.to_string());
        let crc = crc32(bytes);

        // The fields the local header and the central directory share, from
        // "version needed" to the (empty) extra field's length.
        let time = self.time;
        let shared = |out: &mut Vec<u8>| {
            put16(out, VERSION);
            put16(out, FLAGS);
            put16(out, method);
            put16(out, time.time);
            put16(out, time.date);
            put32(out, crc);
            put32(out, stored_size);
            put32(out, size);
            put16(out, name_len);
            put16(out, 0); // no extra field
        };

        let local = &mut self.out;
        put32(local, 0x0403_4b50);
        shared(local);
        local.extend_from_slice(name.as_bytes());
        local.extend_from_slice(data);

        let central = &mut self.central;
        put32(central, 0x0201_4b50);
        put16(central, 20); // made by: MS-DOS attributes, zip 2.0
        shared(central);
        put16(central, 0); // comment
        put16(central, 0); // disk
        put16(central, 0); // internal attributes
        put32(central, 0); // external attributes
        put32(central, offset);
        central.extend_from_slice(name.as_bytes());
        Ok(())
    }

    /// The finished zip: the entries, the central directory, its end record.
    pub fn finish(mut self) -> Result<Vec<u8>, ZipError> {
        let too_large = |n: usize| u32::try_from(n).map_err(|_| ZipError::TooLarge);
        let count = u16::try_from(self.names.len()).map_err(|_| ZipError::TooLarge)?;
        let central_offset = too_large(self.out.len())?;
        let central_size = too_large(self.central.len())?;
        too_large(self.out.len() + self.central.len() + 22)?;
        self.out.append(&mut self.central);
        let end = &mut self.out;
        put32(end, 0x0605_4b50);
        put16(end, 0); // this disk
        put16(end, 0); // disk with the directory
        put16(end, count);
        put16(end, count);
        put32(end, central_size);
        put32(end, central_offset);
        put16(end, 0); // no comment
        Ok(self.out)
    }
}

fn put16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// The CRC-32 table (IEEE 802.3, reflected polynomial 0xEDB88320), built at compile time.
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
};

/// The CRC-32 zip records for each file.
pub fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |c, &b| {
        CRC_TABLE[usize::from((c as u8) ^ b)] ^ (c >> 8)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read};

    fn read_back(zip: Vec<u8>) -> Vec<(String, Vec<u8>, zip::CompressionMethod, u32)> {
        let mut archive = zip::ZipArchive::new(Cursor::new(zip)).expect("a readable zip");
        (0..archive.len())
            .map(|i| {
                let mut file = archive.by_index(i).expect("an entry");
                let mut bytes = Vec::new();
                file.read_to_end(&mut bytes)
                    .expect("its bytes (the CRC is checked)");
                (
                    file.name().to_string(),
                    bytes,
                    file.compression(),
                    file.crc32(),
                )
            })
            .collect()
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
    }

    #[test]
    fn the_zip_crate_reads_back_every_file_byte_for_byte_in_order() {
        let binary: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
        let files: Vec<(&str, Vec<u8>)> = vec![
            ("imsmanifest.xml", b"<manifest/>".to_vec()),
            (
                "index.html",
                "<!doctype html>\nÄrger – “quotes”".as_bytes().to_vec(),
            ),
            ("empty.txt", Vec::new()),
            ("scenarios/a.de.0123456789.json", b"{}".to_vec()),
            ("icons/icon-192.png", binary),
            ("grüße/übung.json", b"[1]".to_vec()),
        ];
        let mut zip = ZipWriter::new(DosTime::new(2026, 12, 3, 14, 5, 7));
        for (name, bytes) in &files {
            zip.add(name, bytes).expect("added");
        }
        let read = read_back(zip.finish().expect("finished"));
        assert_eq!(read.len(), files.len());
        for ((name, bytes), (read_name, read_bytes, _, crc)) in files.iter().zip(&read) {
            assert_eq!(name, read_name);
            assert_eq!(bytes, read_bytes, "{name}");
            assert_eq!(*crc, crc32(bytes));
        }
        // What deflates is deflated; what would not shrink is stored.
        let methods: Vec<_> = read.iter().map(|(_, _, method, _)| *method).collect();
        use zip::CompressionMethod::{Deflated, Stored};
        assert_eq!(methods, [Stored, Stored, Stored, Stored, Deflated, Stored]);
    }

    #[test]
    fn text_and_random_bytes_both_read_back() {
        // Text deflates well; pseudo-random bytes do not and are stored.
        let text = "Guten Tag, was kann ich für Sie tun? ".repeat(2_000);
        let mut state = 0x2545_f491_u32;
        let noise: Vec<u8> = (0..50_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                state as u8
            })
            .collect();
        let mut zip = ZipWriter::new(DosTime::EARLIEST);
        zip.add("text.json", text.as_bytes()).expect("added");
        zip.add("noise.bin", &noise).expect("added");
        let bytes = zip.finish().expect("finished");
        assert!(
            bytes.len() < text.len() / 10 + noise.len() + 500,
            "{}",
            bytes.len()
        );
        let read = read_back(bytes);
        assert_eq!(read[0].1, text.as_bytes());
        assert_eq!(read[0].2, zip::CompressionMethod::Deflated);
        assert_eq!(read[1].1, noise);
        assert_eq!(read[1].2, zip::CompressionMethod::Stored);
    }

    #[test]
    fn the_time_stamp_reads_back() {
        let mut zip = ZipWriter::new(DosTime::new(2026, 12, 3, 14, 5, 7));
        zip.add("a", b"x").expect("added");
        let bytes = zip.finish().expect("finished");
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
        let file = archive.by_index(0).expect("an entry");
        let time = file.last_modified().expect("a time");
        assert_eq!(
            (
                time.year(),
                time.month(),
                time.day(),
                time.hour(),
                time.minute(),
                time.second()
            ),
            (2026, 12, 3, 14, 5, 6)
        );
    }

    #[test]
    fn an_empty_zip_is_a_valid_zip() {
        let bytes = ZipWriter::new(DosTime::EARLIEST)
            .finish()
            .expect("finished");
        assert_eq!(bytes.len(), 22);
        assert!(read_back(bytes).is_empty());
    }

    #[test]
    fn a_name_twice_or_a_name_that_leaves_the_folder_is_refused() {
        let mut zip = ZipWriter::new(DosTime::EARLIEST);
        zip.add("index.html", b"a").expect("added");
        assert_eq!(
            zip.add("index.html", b"b"),
            Err(ZipError::Duplicate("index.html".into()))
        );
        for bad in ["", "/etc/passwd", "../up", "a//b", "a/../b", "dir/", "a\\b"] {
            assert_eq!(
                zip.add(bad, b""),
                Err(ZipError::BadName(bad.into())),
                "{bad}"
            );
        }
        // The refused ones left nothing behind.
        assert_eq!(read_back(zip.finish().expect("finished")).len(), 1);
    }
}
