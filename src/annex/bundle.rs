//! The zip sent to the municipalities: the annexes, the county overview, the spreadsheet and a
//! manifest, with reproducible bytes.
//!
//! `manifest.csv` is written for a Swedish Excel, which opens a double-clicked CSV file with the
//! list separator of the Swedish locale (`;`) and reads it as UTF-8 only when it starts with a
//! byte order mark: so the file is UTF-8 with a BOM, `;`-separated, lines ending in CRLF, with
//! Swedish column names. Excel still reads the code `0017` as the number 17; the spreadsheet's
//! sheet "Filer" has the same rows with the codes as text.

use std::io::Write;

use anyhow::Result;
use sha2::{Digest, Sha256};

use super::schedule::Annex;

/// A file of the zip and its line in the manifest.
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    /// The file name in the zip.
    pub file: &'a str,
    /// What it is for ("Årjängs kommun", "Värmland").
    pub name: &'a str,
    /// The area code, or "" for a file of no one area.
    pub code: &'a str,
    /// Pages of a PDF.
    pub pages: Option<usize>,
    /// The bytes.
    pub bytes: &'a [u8],
}

impl<'a> Entry<'a> {
    /// The entry of an annex.
    pub fn annex(a: &'a Annex) -> Self {
        Self {
            file: &a.file,
            name: &a.party.official_name,
            code: a.party.code.as_str(),
            pages: Some(a.pages),
            bytes: &a.pdf,
        }
    }

    /// The SHA-256 of the bytes, in hex.
    pub fn sha256(&self) -> String {
        Sha256::digest(self.bytes).iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// `manifest.csv`: file, name, code, pages and SHA-256 of every entry, sorted by file name,
/// for a Swedish Excel (UTF-8 with BOM, `;`, CRLF).
pub fn manifest_csv(entries: &[Entry<'_>]) -> Result<Vec<u8>> {
    let mut sorted = entries.to_vec();
    sorted.sort_by(|a, b| a.file.cmp(b.file));
    let mut out = "\u{feff}".as_bytes().to_vec();
    let mut writer =
        csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(&mut out);
    writer.write_record(["Fil", "Namn", "Kod", "Sidor", "SHA-256"])?;
    for e in &sorted {
        let pages = e.pages.map(|p| p.to_string()).unwrap_or_default();
        writer.write_record([e.file, e.name, e.code, &pages, &e.sha256()])?;
    }
    writer.flush()?;
    drop(writer);
    Ok(out)
}

/// The zip: the entries and `manifest.csv`, sorted by name, every timestamp fixed, so the same
/// entries give the same bytes.
pub fn zip_bytes(entries: &[Entry<'_>]) -> Result<Vec<u8>> {
    let manifest = manifest_csv(entries)?;
    let mut all: Vec<(&str, &[u8])> = entries.iter().map(|e| (e.file, e.bytes)).collect();
    all.push(("manifest.csv", &manifest));
    all.sort_by(|a, b| a.0.cmp(b.0));

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let time = zip::DateTime::from_date_and_time(2000, 1, 1, 0, 0, 0).map_err(|e| anyhow::anyhow!("{e}"))?;
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    for (name, bytes) in all {
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_opens_in_a_swedish_excel() -> Result<(), Box<dyn std::error::Error>> {
        let entries = [
            Entry { file: "b.pdf", name: "Region Värmland", code: "0017", pages: Some(3), bytes: b"b" },
            Entry { file: "a.xlsx", name: "Värmland; alla", code: "", pages: None, bytes: b"a" },
        ];
        let bytes = manifest_csv(&entries)?;
        assert!(bytes.starts_with("\u{feff}".as_bytes()), "a byte order mark");
        let text = String::from_utf8(bytes)?;
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], "Fil;Namn;Kod;Sidor;SHA-256");
        assert!(lines[1].starts_with("a.xlsx;\"Värmland; alla\";;;"), "{}", lines[1]);
        assert!(lines[2].starts_with("b.pdf;Region Värmland;0017;3;3e23e8160039594a"), "{}", lines[2]);
        Ok(())
    }
}
