//! The cache of finished PDFs under the output folder, so that a rerun copies an unchanged
//! document instead of typesetting it again.
//!
//! An entry is stored under the SHA-256 of everything that decides the PDF's bytes: the program
//! (the running executable's own bytes, so a rebuilt binary never reuses an entry of another
//! build, and with it Typst's version), the fonts' bytes, the PDF's creation date, identifier and
//! file name, and the rendered markup. The templates and the sources reach the PDF only through
//! the markup. An entry is a file `<KEY>.entry`:
//!
//! ```text
//! perspektiv cache 2\n      magic and format
//! key                       32 bytes, the entry's own key (its file name, as bytes)
//! owner                     u16 length (little endian) + UTF-8: the document's identifier
//! pages                     u32: the PDF's page count
//! warnings                  u32 length + JSON: Typst's warnings, printed again when it is taken
//! length                    u64: the PDF's length in bytes
//! the PDF
//! sha256                    32 bytes: the digest of everything before it
//! ```
//!
//! An entry whose digest, magic, key or length does not match is never used: the document is
//! typeset again and the entry replaced. Entries are written atomically (a temporary file, then a
//! rename) but not synced, since a torn entry fails its digest. [`Cache::prune`] removes the
//! entries a run did not use, so the cache holds one entry per document of the last run.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};

use crate::typeset::{Fonts, TypstProblem};

/// The first bytes of every entry: the format's name and version.
const MAGIC: &[u8] = b"perspektiv cache 2\n";

/// An entry's extension.
const EXTENSION: &str = "entry";

/// The folder of the cache under the output folder.
pub const DIR: &str = ".cache";

/// The SHA-256 key of an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key([u8; 32]);

impl Key {
    /// The key as 64 lowercase hex digits (the entry's file name without extension).
    pub fn hex(&self) -> String {
        hex(&self.0)
    }

    fn from_hex(s: &str) -> Option<Self> {
        if s.len() != 64 {
            return None;
        }
        let mut out = [0u8; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
        }
        Some(Key(out))
    }
}

/// Lowercase hex digits of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// The SHA-256 of the running executable, read once per process.
///
/// Errors: the executable cannot be found or read (then the cache cannot tell builds apart and
/// must not be used).
pub fn program_digest() -> Result<[u8; 32]> {
    static DIGEST: OnceLock<Result<[u8; 32], String>> = OnceLock::new();
    DIGEST
        .get_or_init(|| {
            let exe = std::env::current_exe()
                .map_err(|e| crate::t!("error-cache-no-program", error = e.to_string()))?;
            let mut file = std::fs::File::open(&exe)
                .map_err(|e| crate::t!("error-cache-program", path = &exe, error = e.to_string()))?;
            let mut hasher = Sha256::new();
            let mut buffer = vec![0; 1 << 20];
            loop {
                match std::io::Read::read(&mut file, &mut buffer) {
                    Ok(0) => break,
                    Ok(n) => hasher.update(&buffer[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        return Err(crate::t!("error-cache-program", path = &exe, error = e.to_string()));
                    }
                }
            }
            Ok(hasher.finalize().into())
        })
        .clone()
        .map_err(anyhow::Error::msg)
}

/// What every entry of a run shares: the program and the fonts. Each document adds its own parts
/// with [`Cache::key`].
pub fn run_salt(fonts: &Fonts) -> Result<[u8; 32]> {
    let mut hasher = Sha256::new();
    field(&mut hasher, MAGIC);
    field(&mut hasher, &program_digest()?);
    field(&mut hasher, &fonts.digest());
    Ok(hasher.finalize().into())
}

/// Hashes one field with its length first, so that no two lists of fields hash alike.
fn field(hasher: &mut Sha256, bytes: &[u8]) {
    hasher.update((bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

/// A finished PDF from the cache.
#[derive(Debug, PartialEq)]
pub struct Entry {
    /// The identifier of the document it belongs to.
    pub owner: String,
    /// The PDF's page count.
    pub pages: usize,
    /// Typst's warnings about the document, located in its markup: a run that takes the PDF
    /// prints them as the run that typeset it did.
    pub warnings: Vec<TypstProblem>,
    /// The PDF.
    pub pdf: Vec<u8>,
}

impl Entry {
    /// The entry's file contents.
    fn encode(&self, key: &Key) -> Vec<u8> {
        let owner = self.owner.as_bytes();
        let owner_len = u16::try_from(owner.len()).unwrap_or(u16::MAX);
        // A list of strings and numbers always serializes.
        let warnings = serde_json::to_vec(&self.warnings).unwrap_or_default();
        let mut out = Vec::with_capacity(
            MAGIC.len() + 32 + 2 + owner.len() + 4 + 4 + warnings.len() + 8 + 32 + self.pdf.len(),
        );
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&key.0);
        out.extend_from_slice(&owner_len.to_le_bytes());
        out.extend_from_slice(&owner[..usize::from(owner_len)]);
        out.extend_from_slice(&u32::try_from(self.pages).unwrap_or(u32::MAX).to_le_bytes());
        out.extend_from_slice(&u32::try_from(warnings.len()).unwrap_or(u32::MAX).to_le_bytes());
        out.extend_from_slice(&warnings);
        out.extend_from_slice(&(self.pdf.len() as u64).to_le_bytes());
        out.extend_from_slice(&self.pdf);
        let digest = sha256(&out);
        out.extend_from_slice(&digest);
        out
    }

    /// The owner from an entry's header, without checking the rest.
    fn owner_of(bytes: &[u8]) -> Option<String> {
        let mut r = Reader(bytes);
        r.take(MAGIC.len()).filter(|m| *m == MAGIC)?;
        r.take(32)?;
        let len = u16::from_le_bytes(r.take(2)?.try_into().ok()?);
        String::from_utf8(r.take(usize::from(len))?.to_vec()).ok()
    }

    /// The entry in `bytes` if it is whole and stored under `key`; `None` if anything is off.
    fn decode(bytes: &[u8], key: &Key) -> Option<Entry> {
        let (body, digest) = bytes.split_at_checked(bytes.len().checked_sub(32)?)?;
        if sha256(body) != digest {
            return None;
        }
        let mut r = Reader(body);
        r.take(MAGIC.len()).filter(|m| *m == MAGIC)?;
        r.take(32).filter(|k| *k == key.0)?;
        let len = u16::from_le_bytes(r.take(2)?.try_into().ok()?);
        let owner = String::from_utf8(r.take(usize::from(len))?.to_vec()).ok()?;
        let pages = u32::from_le_bytes(r.take(4)?.try_into().ok()?) as usize;
        let len = u32::from_le_bytes(r.take(4)?.try_into().ok()?) as usize;
        let warnings = serde_json::from_slice(r.take(len)?).ok()?;
        let len = usize::try_from(u64::from_le_bytes(r.take(8)?.try_into().ok()?)).ok()?;
        let pdf = r.take(len)?;
        r.0.is_empty().then(|| Entry { owner, pages, warnings, pdf: pdf.to_vec() })
    }
}

/// Reads an entry's fields in order.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
}

/// The cache of one kind of document of one year (`<OUT>/.cache/<YEAR>/annexes/`).
pub struct Cache {
    dir: PathBuf,
    salt: [u8; 32],
    used: Mutex<BTreeSet<Key>>,
    /// Set when an entry could not be stored: the run goes on without storing more.
    unwritable: std::sync::atomic::AtomicBool,
}

impl Cache {
    /// The cache in `dir` (created when the first entry is stored), its keys salted with
    /// [`run_salt`].
    pub fn new(dir: PathBuf, salt: [u8; 32]) -> Self {
        Cache { dir, salt, used: Mutex::new(BTreeSet::new()), unwritable: Default::default() }
    }

    /// The cache's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The key of a document: the run's salt, then `parts` (its file name, identifier, date,
    /// markup: whatever decides its bytes beyond the program and the fonts).
    pub fn key(&self, parts: &[&[u8]]) -> Key {
        let mut hasher = Sha256::new();
        field(&mut hasher, &self.salt);
        for part in parts {
            field(&mut hasher, part);
        }
        Key(hasher.finalize().into())
    }

    fn path(&self, key: &Key) -> PathBuf {
        self.dir.join(format!("{}.{EXTENSION}", key.hex()))
    }

    fn mark_used(&self, key: Key) {
        self.used.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(key);
    }

    /// The entry stored under `key`, if there is one and it is intact. A missing, unreadable,
    /// torn or foreign entry gives `None` (and is replaced by the next [`Cache::put`]).
    pub fn get(&self, key: &Key) -> Option<Entry> {
        let bytes = std::fs::read(self.path(key)).ok()?;
        let entry = Entry::decode(&bytes, key)?;
        self.mark_used(*key);
        Some(entry)
    }

    /// Stores a finished PDF under `key`, replacing whatever was there.
    ///
    /// Errors: the folder or the file cannot be written.
    pub fn put(&self, key: &Key, entry: &Entry) -> Result<()> {
        std::fs::create_dir_all(&self.dir)
            .with_context(|| crate::t!("error-create-cache", folder = &self.dir))?;
        let path = self.path(key);
        crate::output::write_atomic(&path, &entry.encode(key))
            .with_context(|| crate::t!("error-write-cache", path = &path))?;
        self.mark_used(*key);
        Ok(())
    }

    /// Stores a finished PDF as [`Cache::put`] does, unless a store of this run failed before.
    ///
    /// Errors: the first store that fails (a full disk, a file where the cache folder should be),
    /// once; nothing more is stored in this run and later calls succeed: the cache only saves
    /// time, so the run goes on without it (its caller says so).
    pub fn put_unless_failed(&self, key: &Key, entry: &Entry) -> Result<()> {
        use std::sync::atomic::Ordering;
        if self.unwritable.load(Ordering::Relaxed) {
            return Ok(());
        }
        match self.put(key, entry) {
            Err(e) if !self.unwritable.swap(true, Ordering::Relaxed) => Err(e),
            _ => Ok(()),
        }
    }

    /// Removes the entries this run did not use, and returns how many. With `owners`, only
    /// entries of those documents go (a run of some parties keeps the others' entries);
    /// entries that cannot be read go either way, as do temporary files left by a killed run.
    ///
    /// Errors: the folder cannot be listed or an entry cannot be removed.
    pub fn prune(&self, owners: Option<&BTreeSet<String>>) -> Result<usize> {
        let listing = match std::fs::read_dir(&self.dir) {
            Ok(listing) => listing,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e).with_context(|| crate::t!("error-read", path = &self.dir)),
        };
        let used = self.used.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut removed = 0;
        for item in listing {
            let item = item.with_context(|| crate::t!("error-read", path = &self.dir))?;
            let path = item.path();
            let name = item.file_name().to_string_lossy().into_owned();
            let remove = if let Some(stem) = name.strip_suffix(&format!(".{EXTENSION}")) {
                match Key::from_hex(stem) {
                    Some(key) if used.contains(&key) => false,
                    Some(_) => match owners {
                        None => true,
                        Some(owners) => read_header(&path).is_none_or(|owner| owners.contains(&owner)),
                    },
                    None => true,
                }
            } else {
                crate::output::is_leftover(&item)
            };
            if remove {
                match std::fs::remove_file(&path) {
                    Ok(()) => removed += 1,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => {
                        return Err(e).with_context(|| crate::t!("error-remove", path = &path));
                    }
                }
            }
        }
        Ok(removed)
    }
}

/// The owner named in an entry's header; `None` if the file cannot be read or is no entry.
fn read_header(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut head = Vec::with_capacity(MAGIC.len() + 32 + 2 + usize::from(u16::MAX));
    std::fs::File::open(path).ok()?.take(head.capacity() as u64).read_to_end(&mut head).ok()?;
    Entry::owner_of(&head)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(owner: &str, pdf: &[u8]) -> Entry {
        let warning = TypstProblem {
            is_error: false,
            message: "no text within stars".to_owned(),
            hints: vec!["using multiple consecutive stars (e.g. **) has no additional effect".to_owned()],
            range: Some(170..172),
        };
        Entry { owner: owner.to_owned(), pages: 3, warnings: vec![warning], pdf: pdf.to_vec() }
    }

    #[test]
    fn keys_differ_by_every_part_and_their_boundaries() {
        let cache = Cache::new(PathBuf::from("unused"), [7; 32]);
        let base = cache.key(&[b"a.pdf", b"id", b"markup"]);
        assert_eq!(base, cache.key(&[b"a.pdf", b"id", b"markup"]));
        assert_ne!(base, cache.key(&[b"a.pdf", b"id", b"markup!"]));
        assert_ne!(base, cache.key(&[b"a.pdf", b"idm", b"arkup"]));
        assert_ne!(base, Cache::new(PathBuf::from("unused"), [8; 32]).key(&[b"a.pdf", b"id", b"markup"]));
        assert_eq!(Key::from_hex(&base.hex()), Some(base));
        assert_eq!(Key::from_hex("zz"), None);
    }

    #[test]
    fn an_entry_round_trips_and_any_damage_is_refused() {
        let key = Key([1; 32]);
        let e = entry("perspektiv/annex/2023/eda", b"%PDF-1.7 data");
        let bytes = e.encode(&key);
        assert_eq!(Entry::decode(&bytes, &key), Some(entry("perspektiv/annex/2023/eda", b"%PDF-1.7 data")));
        assert_eq!(Entry::owner_of(&bytes).as_deref(), Some("perspektiv/annex/2023/eda"));
        // Stored under another key (a foreign entry), torn, lengthened, or with any byte changed.
        assert_eq!(Entry::decode(&bytes, &Key([2; 32])), None);
        assert_eq!(Entry::decode(&bytes[..bytes.len() - 1], &key), None);
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(Entry::decode(&longer, &key), None);
        for i in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[i] ^= 0x20;
            assert_eq!(Entry::decode(&damaged, &key), None, "byte {i}");
        }
        assert_eq!(Entry::decode(b"", &key), None);
    }

    #[test]
    fn prune_keeps_what_was_used_and_other_owners_when_asked() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let cache = Cache::new(dir.path().join("c"), [0; 32]);
        assert_eq!(cache.prune(None)?, 0, "a missing folder is an empty cache");
        let (a, b, c) = (cache.key(&[b"a"]), cache.key(&[b"b"]), cache.key(&[b"c"]));
        cache.put(&a, &entry("a", b"1"))?;
        cache.put(&b, &entry("b", b"2"))?;
        cache.put(&c, &entry("c", b"3"))?;
        std::fs::write(cache.dir().join("junk.entry"), b"junk")?;

        // A later run of "a" and "b" that used only "a": "b" is stale, "c" is not its business.
        let run = Cache::new(dir.path().join("c"), [0; 32]);
        assert_eq!(run.get(&a).map(|e| e.pdf), Some(b"1".to_vec()));
        let owners: BTreeSet<String> = ["a", "b"].map(str::to_owned).into();
        assert_eq!(run.prune(Some(&owners))?, 2);
        assert!(run.get(&c).is_some());
        assert!(run.get(&b).is_none());

        // A full run that used nothing but "a".
        let run = Cache::new(dir.path().join("c"), [0; 32]);
        assert!(run.get(&a).is_some());
        assert_eq!(run.prune(None)?, 1);
        let left: Vec<_> = std::fs::read_dir(cache.dir())?.collect::<Result<_, _>>()?;
        assert_eq!(left.len(), 1);
        Ok(())
    }
}
