//! Writing outputs atomically: a temporary file in the target folder, then a rename, so a failed
//! run never leaves a half-written file and never replaces the previous output.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Writes `bytes` to `path` atomically, creating the folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// A file being written in place of `path`: a temporary file in the same folder, which replaces
/// `path` only when [`AtomicFile::commit`] (or the [`Staged`] file's commit) succeeds. Dropped
/// before that, it is removed and `path` is untouched.
pub struct AtomicFile {
    path: PathBuf,
    tmp: tempfile::NamedTempFile,
}

impl AtomicFile {
    /// Starts writing `path`, creating its folder if needed.
    ///
    /// Errors: the folder or the temporary file cannot be created.
    pub fn create(path: &Path) -> Result<Self> {
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).with_context(|| format!("failed to create `{}`", dir.display()))?;
        let tmp = tempfile::Builder::new()
            .prefix(".perspektiv-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .with_context(|| format!("failed to create a temporary file in `{}`", dir.display()))?;
        Ok(AtomicFile { path: path.to_owned(), tmp })
    }

    /// Another handle to the temporary file, for writers that take ownership of theirs.
    pub fn handle(&self) -> std::io::Result<File> {
        self.tmp.as_file().try_clone()
    }

    /// Appends `bytes`.
    ///
    /// Errors: the file cannot be written.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        self.tmp.write_all(bytes).with_context(|| format!("failed to write `{}`", self.path.display()))
    }

    /// Flushes the file to disk and closes it, ready to replace its target.
    ///
    /// Errors: the file cannot be synced.
    pub fn stage(self) -> Result<Staged> {
        let fail = || format!("failed to write `{}`", self.path.display());
        self.tmp.as_file().sync_all().with_context(fail)?;
        // Temporary files are private (0600); outputs are ordinary files, or keep their mode.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode =
                std::fs::metadata(&self.path).map(|m| m.permissions().mode() & 0o7777).unwrap_or(0o644);
            let _ = self.tmp.as_file().set_permissions(std::fs::Permissions::from_mode(mode));
        }
        Ok(Staged { path: self.path, tmp: self.tmp.into_temp_path() })
    }

    /// Replaces the target with the file.
    ///
    /// Errors: the file cannot be synced or renamed.
    pub fn commit(self) -> Result<()> {
        self.stage()?.commit()
    }
}

/// A written file waiting to replace its target (it holds no open file). Dropped, it is removed.
pub struct Staged {
    path: PathBuf,
    tmp: tempfile::TempPath,
}

impl Staged {
    /// `bytes` staged for `path`, or `None` when `path` already holds exactly these bytes (an
    /// unchanged output is left as it is).
    ///
    /// Errors: the file cannot be written.
    pub fn unless_unchanged(path: &Path, bytes: &[u8]) -> Result<Option<Self>> {
        if std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
            && std::fs::read(path).is_ok_and(|old| old == bytes)
        {
            return Ok(None);
        }
        let mut file = AtomicFile::create(path)?;
        file.write_all(bytes)?;
        file.stage().map(Some)
    }

    /// Replaces the target.
    ///
    /// Errors: the rename fails.
    pub fn commit(self) -> Result<()> {
        self.tmp
            .persist(&self.path)
            .map_err(|e| e.error)
            .with_context(|| format!("failed to write `{}`", self.path.display()))
    }
}

/// Replaces the folder `dir` with one holding exactly `files` (paths inside it, `/`-separated):
/// they are written into a new folder next to it, which then takes its place; the old folder is
/// removed. A failed run leaves the old folder as it was, and no file of an earlier run stays.
pub fn replace_dir(dir: &Path, files: &[(&str, &[u8])]) -> Result<()> {
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).with_context(|| format!("failed to create `{}`", parent.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(".perspektiv-")
        .tempdir_in(parent)
        .with_context(|| format!("failed to create a temporary folder in `{}`", parent.display()))?;
    for (rel, bytes) in files {
        let path = staging.path().join(rel);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)
                .with_context(|| format!("failed to create `{}`", folder.display()))?;
        }
        std::fs::write(&path, bytes)
            .with_context(|| format!("failed to write `{}`", dir.join(rel).display()))?;
    }
    // Temporary folders are private (0700); the output is an ordinary folder.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir).map(|m| m.permissions().mode() & 0o7777).unwrap_or(0o755);
        std::fs::set_permissions(staging.path(), std::fs::Permissions::from_mode(mode))
            .with_context(|| format!("failed to set the permissions of `{}`", dir.display()))?;
    }
    let old = tempfile::Builder::new()
        .prefix(".perspektiv-old-")
        .tempdir_in(parent)
        .with_context(|| format!("failed to create a temporary folder in `{}`", parent.display()))?;
    if dir.exists() {
        std::fs::rename(dir, old.path().join("previous"))
            .with_context(|| format!("failed to move `{}` aside", dir.display()))?;
    }
    let staged = staging.keep();
    if let Err(e) = std::fs::rename(&staged, dir) {
        // Put the previous folder back.
        let _ = std::fs::rename(old.path().join("previous"), dir);
        let _ = std::fs::remove_dir_all(&staged);
        return Err(e).with_context(|| format!("failed to write `{}`", dir.display()));
    }
    Ok(())
}

/// "1 file", "2 files", "2 bodies", "1 annex": a count with an English noun for messages. The
/// last word of `noun` takes the plural ("2 source files"); nouns the rules below get wrong
/// (`person`) are not used in messages.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        return format!("1 {noun}");
    }
    format!("{n} {}", plural_noun(noun))
}

/// The English plural of a noun: `-s`, `-es` after a sibilant (`annex`, `match`, `bus`), `-ies`
/// after a consonant and `y` (`body`, but `key`), and the nouns whose plural is the word itself
/// (`KPI` stays an abbreviation with `s`).
pub fn plural_noun(noun: &str) -> String {
    let lower = noun.to_ascii_lowercase();
    if let Some(stem) = lower.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'i', 'o', 'u'])
        && !stem.is_empty()
    {
        return format!("{}ies", &noun[..noun.len() - 1]);
    }
    if ["s", "x", "z", "ch", "sh"].iter().any(|end| lower.ends_with(end)) {
        return format!("{noun}es");
    }
    format!("{noun}s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_replaced_whole() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let site = dir.path().join("2023/webb");
        replace_dir(&site, &[("index.html", b"one"), ("a/b.html", b"b"), ("stale.html", b"s")])?;
        replace_dir(&site, &[("index.html", b"two"), ("a/b.html", b"b")])?;
        assert_eq!(std::fs::read(site.join("index.html"))?, b"two");
        assert!(!site.join("stale.html").exists(), "a file of the earlier run stayed");
        let names = std::fs::read_dir(dir.path().join("2023"))?.collect::<Result<Vec<_>, _>>()?;
        assert_eq!(names.len(), 1, "temporary folders stayed: {names:?}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&site)?.permissions().mode() & 0o777, 0o755);
        }
        Ok(())
    }

    #[test]
    fn english_plurals() {
        for (n, noun, expected) in [
            (1, "error", "1 error"),
            (0, "error", "0 errors"),
            (2, "body", "2 bodies"),
            (1, "body", "1 body"),
            (1, "annex", "1 annex"),
            (17, "annex", "17 annexes"),
            (2, "key", "2 keys"),
            (3, "KPI", "3 KPIs"),
            (2, "source file", "2 source files"),
            (2, "match", "2 matches"),
            (2, "warning", "2 warnings"),
            (2, "entry", "2 entries"),
            (2, "day", "2 days"),
        ] {
            assert_eq!(plural(n, noun), expected);
        }
    }

    #[test]
    fn replaces_and_leaves_no_temporary_files() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a/b.pdf");
        write_atomic(&path, b"one")?;
        write_atomic(&path, b"two")?;
        assert_eq!(std::fs::read(&path)?, b"two");
        let names = std::fs::read_dir(dir.path().join("a"))?.collect::<Result<Vec<_>, _>>()?;
        assert_eq!(names.len(), 1);
        Ok(())
    }

    #[test]
    fn staged_files_replace_their_targets_only_when_committed() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let (a, b) = (dir.path().join("a.pdf"), dir.path().join("b.pdf"));
        write_atomic(&a, b"old")?;
        write_atomic(&b, b"same")?;
        assert!(Staged::unless_unchanged(&b, b"same")?.is_none(), "an unchanged file is not written");
        let staged = Staged::unless_unchanged(&a, b"new")?.ok_or("a changed file is staged")?;
        assert_eq!(std::fs::read(&a)?, b"old");
        drop(Staged::unless_unchanged(&b, b"dropped")?);
        assert_eq!(std::fs::read(&b)?, b"same", "a dropped file leaves its target");
        staged.commit()?;
        assert_eq!(std::fs::read(&a)?, b"new");
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 2, "no temporary files are left");
        Ok(())
    }
}
