//! The zip sent to the municipalities: the annexes, the county overview, the spreadsheet and a
//! manifest, with reproducible bytes.
//!
//! `manifest.csv` is written for a Swedish Excel, which opens a double-clicked CSV file with the
//! list separator of the Swedish locale (`;`) and reads it as UTF-8 only when it starts with a
//! byte order mark: so the file is UTF-8 with a BOM, `;`-separated, lines ending in CRLF, with
//! Swedish column names. Excel still reads the code `0017` as the number 17; the spreadsheet's
//! sheet "Filer" has the same rows with the codes as text. A field that starts like a formula gets
//! a leading `'` ([`as_text`]).
//!
//! The zip is written while the annexes are typeset: each entry is compressed by the worker that
//! made it ([`ZipStream::add`]) and written as soon as every entry before it in name order is
//! written, so only the few entries that finish out of order wait in memory.

use std::collections::BTreeMap;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result, bail};
use zip::write::{PreparedZipFile, SimpleFileOptions};

use crate::output::AtomicFile;

/// The name of the manifest in the zip.
pub const MANIFEST: &str = "manifest.csv";

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
    /// The SHA-256 of the file's bytes.
    pub sha256: [u8; 32],
}

impl Entry<'_> {
    /// The SHA-256 of the bytes, in hex.
    pub fn sha256(&self) -> String {
        crate::cache::hex(&self.sha256)
    }
}

/// `manifest.csv`: file, name, code, pages and SHA-256 of every entry, sorted by file name,
/// for a Swedish Excel (UTF-8 with BOM, `;`, CRLF).
///
/// Errors: the CSV writer fails (it writes to memory, so it does not in practice).
pub fn manifest_csv(entries: &[Entry<'_>]) -> Result<Vec<u8>> {
    let mut sorted = entries.to_vec();
    sorted.sort_by(|a, b| a.file.cmp(b.file));
    let mut out = "\u{feff}".as_bytes().to_vec();
    let mut writer =
        csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(&mut out);
    writer.write_record(["Fil", "Namn", "Kod", "Sidor", "SHA-256"])?;
    for e in &sorted {
        let pages = e.pages.map(|p| p.to_string()).unwrap_or_default();
        writer.write_record([
            &*as_text(e.file),
            &*as_text(e.name),
            &*as_text(e.code),
            &pages,
            &e.sha256(),
        ])?;
    }
    writer.flush()?;
    drop(writer);
    Ok(out)
}

/// A field that a spreadsheet must read as text: one that starts with `=`, `+`, `-`, `@`, a tab or
/// a carriage return, which Excel and its kin would evaluate as a formula, gets a leading `'`
/// (OWASP's rule against CSV injection); any other field is kept as it is. The manifest's numbers
/// (pages) and hashes never start so and are not passed through this.
pub fn as_text(field: &str) -> std::borrow::Cow<'_, str> {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}").into()
    } else {
        field.into()
    }
}

/// The options of every entry: deflated, permissions 0644, modified 2000-01-01 00:00, so that the
/// same files give the same zip on any machine and day.
fn options() -> Result<SimpleFileOptions> {
    let time = zip::DateTime::from_date_and_time(2000, 1, 1, 0, 0, 0)
        .map_err(|e| anyhow::anyhow!(crate::t!("error-zip-timestamp", error = e.to_string())))?;
    Ok(SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644))
}

/// A zip written entry by entry, entries sorted by name whatever order they arrive in. The file
/// appears at its path only when [`ZipStream::finish`] succeeds.
pub struct ZipStream {
    path: PathBuf,
    options: SimpleFileOptions,
    state: Mutex<State>,
}

struct State {
    writer: zip::ZipWriter<BufWriter<std::fs::File>>,
    file: AtomicFile,
    /// Every entry's name, sorted.
    names: Vec<String>,
    /// How many of `names` are written.
    written: usize,
    /// Entries that arrived before their turn.
    waiting: BTreeMap<String, PreparedZipFile>,
}

impl ZipStream {
    /// Starts the zip at `path` (a temporary file next to it until [`ZipStream::finish`]); it
    /// will hold exactly the entries `names`.
    ///
    /// Errors: the folder or the temporary file cannot be created; a name is given twice.
    pub fn create(path: &Path, mut names: Vec<String>) -> Result<Self> {
        names.sort();
        if let Some(w) = names.windows(2).find(|w| w[0] == w[1]) {
            bail!(crate::t!("error-zip-twice", name = &w[0]));
        }
        let file = AtomicFile::create(path)?;
        let handle = file.handle().with_context(|| crate::t!("error-write", path = path))?;
        let writer = zip::ZipWriter::new(BufWriter::with_capacity(1 << 20, handle));
        Ok(ZipStream {
            path: path.to_owned(),
            options: options()?,
            state: Mutex::new(State { writer, file, names, written: 0, waiting: BTreeMap::new() }),
        })
    }

    /// Compresses `bytes` as the entry `name` in the calling thread, then writes it and every
    /// waiting entry after it, if the entries before it are written; else it waits.
    ///
    /// Errors: `name` is not an entry of the zip or was given before; the file cannot be written.
    pub fn add(&self, name: &str, bytes: &[u8]) -> Result<()> {
        let prepared = PreparedZipFile::from_data(name, self.options, bytes)
            .with_context(|| crate::t!("error-zip-compress", name = name, path = &self.path))?;
        let mut state = self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let state = &mut *state;
        let Ok(at) = state.names.binary_search_by(|n| n.as_str().cmp(name)) else {
            bail!(crate::t!("error-zip-not-an-entry", name = name, path = &self.path));
        };
        if at < state.written || state.waiting.contains_key(name) {
            bail!(crate::t!("error-zip-added-twice", name = name, path = &self.path));
        }
        state.waiting.insert(name.to_owned(), prepared);
        while let Some(next) = state.names.get(state.written)
            && let Some(prepared) = state.waiting.remove(next)
        {
            state
                .writer
                .add_prepared_file(prepared)
                .with_context(|| crate::t!("error-write", path = &self.path))?;
            state.written += 1;
        }
        Ok(())
    }

    /// Writes the zip's central directory and puts the file in place.
    ///
    /// Errors: an entry was never added; the file cannot be written.
    pub fn finish(self) -> Result<()> {
        let state = self.state.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(missing) = state.names.get(state.written) {
            bail!(crate::t!("error-zip-missing", name = missing, path = &self.path));
        }
        let fail = || crate::t!("error-write", path = &self.path);
        let buffered = state.writer.finish().with_context(fail)?;
        buffered.into_inner().map_err(|e| e.into_error()).with_context(fail)?;
        state.file.commit()
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// The zip as it was written before entries were streamed: everything in memory, each entry
    /// compressed as it is written, in name order.
    fn in_memory(entries: &[(&str, &[u8])]) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
        let mut sorted = entries.to_vec();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, bytes) in sorted {
            zip.start_file(name, options()?)?;
            zip.write_all(bytes)?;
        }
        Ok(zip.finish()?.into_inner())
    }

    #[test]
    fn the_manifest_opens_in_a_swedish_excel() -> Result<(), Box<dyn std::error::Error>> {
        let entries = [
            Entry {
                file: "b.pdf",
                name: "Region Värmland",
                code: "0017",
                pages: Some(3),
                sha256: crate::cache::sha256(b"b"),
            },
            Entry {
                file: "a.xlsx",
                name: "Värmland; alla",
                code: "",
                pages: None,
                sha256: crate::cache::sha256(b"a"),
            },
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

    #[test]
    fn a_field_a_spreadsheet_would_evaluate_is_text() -> Result<(), Box<dyn std::error::Error>> {
        for (field, want) in [
            ("=SUMMA(A1)", "'=SUMMA(A1)"),
            ("+46", "'+46"),
            ("-1", "'-1"),
            ("@cmd", "'@cmd"),
            ("\tx", "'\tx"),
            ("Årjäng", "Årjäng"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(as_text(field), want);
        }
        let entries = [Entry {
            file: "=1+1.pdf",
            name: "=HYPERLINK(\"http://x\")",
            code: "@0017",
            pages: Some(1),
            sha256: crate::cache::sha256(b"x"),
        }];
        let text = String::from_utf8(manifest_csv(&entries)?)?;
        let line = text.split("\r\n").nth(1).unwrap_or_default();
        assert!(line.starts_with("'=1+1.pdf;\"'=HYPERLINK(\"\"http://x\"\")\";'@0017;1;"), "{line}");
        Ok(())
    }

    #[test]
    fn entries_in_any_order_give_the_bytes_of_a_zip_written_in_one_go()
    -> Result<(), Box<dyn std::error::Error>> {
        let big: Vec<u8> = (0..200_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        let entries: [(&str, &[u8]); 5] = [
            ("2023-bilaga-arjang.pdf", b"%PDF-1.7 first"),
            ("2023-bilaga-eda.pdf", &big),
            ("2023-bilaga-saffle.pdf", b""),
            ("2023-bilaga-torsby.pdf", b"%PDF-1.7 torsby torsby torsby"),
            (MANIFEST, b"Fil;Namn;Kod;Sidor;SHA-256\r\n"),
        ];
        let expected = in_memory(&entries)?;
        let dir = tempfile::tempdir()?;
        for order in [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 0, 4, 1, 3]] {
            let path = dir.path().join(format!("{order:?}.zip"));
            let zip = ZipStream::create(&path, entries.iter().map(|e| e.0.to_owned()).collect())?;
            for i in order {
                zip.add(entries[i].0, entries[i].1)?;
            }
            assert!(!path.exists(), "the zip appears only when finished");
            zip.finish()?;
            assert!(std::fs::read(&path)? == expected, "order {order:?}");
        }
        Ok(())
    }

    #[test]
    fn a_missing_unknown_or_repeated_entry_is_an_error() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.zip");
        let names = || vec!["a.pdf".to_owned(), "b.pdf".to_owned()];
        let zip = ZipStream::create(&path, names())?;
        zip.add("a.pdf", b"a")?;
        assert!(zip.add("a.pdf", b"a").is_err());
        assert!(zip.add("c.pdf", b"c").is_err());
        let err = zip.finish().err().ok_or("an unfinished zip is an error")?;
        assert!(err.to_string().contains("`b.pdf` is missing"), "{err}");
        assert!(!path.exists());
        assert!(ZipStream::create(&path, vec!["a".into(), "a".into()]).is_err());
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 0, "no temporary files are left");
        Ok(())
    }
}
