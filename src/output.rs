//! Writing outputs atomically: a temporary file in the target folder, then a rename, so a failed
//! run never leaves a half-written file and never replaces the previous output.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// Writes `bytes` to `path` atomically, creating the folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("failed to create `{}`", dir.display()))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".perspektiv-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("failed to create a temporary file in `{}`", dir.display()))?;
    tmp.write_all(bytes).with_context(|| format!("failed to write `{}`", path.display()))?;
    tmp.as_file().sync_all().with_context(|| format!("failed to write `{}`", path.display()))?;
    // Temporary files are private (0600); outputs are ordinary files.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map(|m| m.permissions().mode() & 0o7777).unwrap_or(0o644);
        let _ = tmp.as_file().set_permissions(std::fs::Permissions::from_mode(mode));
    }
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("failed to write `{}`", path.display()))?;
    Ok(())
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
}
