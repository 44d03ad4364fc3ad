//! The zip sent to the municipalities: the annexes and a manifest, with reproducible bytes.

use std::io::Write;

use anyhow::Result;
use sha2::{Digest, Sha256};

use super::schedule::Annex;

/// The zip: the annexes and `manifest.csv` (file, party, code, pages, sha256), entries sorted by
/// name, every timestamp fixed, so the same annexes give the same bytes.
pub fn zip_bytes(annexes: &[Annex]) -> Result<Vec<u8>> {
    let mut sorted: Vec<&Annex> = annexes.iter().collect();
    sorted.sort_by(|a, b| a.file.cmp(&b.file));
    let mut manifest = csv::Writer::from_writer(Vec::new());
    manifest.write_record(["file", "party", "code", "pages", "sha256"])?;
    for a in &sorted {
        let digest = Sha256::digest(&a.pdf);
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        manifest.write_record([
            a.file.as_str(),
            a.party.official_name.as_str(),
            a.party.code.as_str(),
            &a.pages.to_string(),
            &hex,
        ])?;
    }
    let manifest = manifest.into_inner().map_err(|e| anyhow::anyhow!("failed to write the manifest: {e}"))?;

    let mut entries: Vec<(&str, &[u8])> =
        sorted.iter().map(|a| (a.file.as_str(), a.pdf.as_slice())).collect();
    entries.push(("manifest.csv", &manifest));
    entries.sort_by(|a, b| a.0.cmp(b.0));

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let time = zip::DateTime::from_date_and_time(2000, 1, 1, 0, 0, 0).map_err(|e| anyhow::anyhow!("{e}"))?;
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    for (name, bytes) in entries {
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}
