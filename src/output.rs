//! Writing files: every program that writes (the PDFs, the annexes and their zip, the site, and
//! the rewrites of the user's own files by `fmt`, `kolada fetch` and `new`) writes through here.
//!
//! - **Atomically.** A file is written to a temporary file in its target's folder, then renamed
//!   onto it, so a failed run never leaves a half-written file and never replaces the previous
//!   output ([`AtomicFile`], [`Staged`], [`write_atomic`]); a folder's files are all written
//!   before any is moved into place ([`write_dir`]).
//! - **Through symbolic links.** A path that is a symbolic link is written at the file (or
//!   folder) the link leads to, never at the link: the link stays a link ([`write_target`]).
//! - **In the file's own line endings.** A text file the user owns is rewritten with the line
//!   endings and byte order mark it has ([`write_text`], [`write_texts`], [`Staged::text`]; the style is read and
//!   applied by [`text::Style`]): a CRLF file stays CRLF.
//! - **Leaving nothing behind.** A temporary file or folder is named after the process that
//!   writes it (`.perspektiv-<pid>-<random>.tmp`, `.perspektiv-<pid>-<random>/`); the first write
//!   of a run into a folder removes those a killed run left there ([`remove_leftovers`]).

use std::collections::{BTreeSet, HashSet};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result, bail};

use crate::sources::text;
use crate::t;

/// The most symbolic links followed in a row to find what a write replaces (Linux's own limit).
const MAX_LINKS: usize = 40;

/// The path a write of `path` replaces: `path` itself, or when it is a symbolic link, the file or
/// folder the link (and any link it leads to) points to in the end, a relative link read from
/// the link's own folder, whether or not that exists yet. Writing there, not at `path`, keeps
/// the link a link. Links among the folders above `path` need nothing: the system follows them.
///
/// Errors: a link cannot be read, or the links lead in a circle (more than 40 in a row).
pub fn write_target(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_owned();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link =
                    std::fs::read_link(&current).with_context(|| t!("error-read-link", path = &current))?;
                current = match current.parent() {
                    Some(folder) => folder.join(link),
                    None => link,
                };
            }
            _ => return Ok(current),
        }
    }
    bail!(t!("error-link-circle", path = path))
}

/// Writes `bytes` to `path` atomically, creating the folder if needed; a symbolic link at `path`
/// stays a link and its target gets the bytes.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// Writes `bytes` to a new file at `path` atomically, creating the folder if needed, and never
/// replaces a file: when something is at `path` (or appears there while the file is written),
/// nothing is written.
///
/// Errors: `path` exists; the file cannot be written.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    if std::fs::symlink_metadata(path).is_ok() {
        bail!(t!("error-exists", path = path));
    }
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes)?;
    file.stage()?.commit_new()
}

/// Writes `text` (with `\n` line breaks) to a text file the user owns, as a rewrite of it must:
/// in the line endings and byte order mark the file has now (CRLF stays CRLF; a new file gets
/// LF and no mark), through a symbolic link to its target, atomically. Returns whether the file
/// changed: one that already holds exactly these bytes is left as it is.
///
/// Errors: the file exists but cannot be read; it cannot be written.
pub fn write_text(path: &Path, text: &str) -> Result<bool> {
    match Staged::text(path, text)? {
        Some(staged) => staged.commit().map(|()| true),
        None => Ok(false),
    }
}

/// Rewrites several text files the user owns, each as [`write_text`] does, all or none as far
/// as a rename can: every file is written to a temporary file first, then they are all renamed
/// into place; a file that already holds its text is left as it is.
///
/// Errors: a file exists but cannot be read; a file cannot be written or renamed.
pub fn write_texts(files: &[(PathBuf, String)]) -> Result<()> {
    let mut staged = Vec::new();
    for (path, text) in files {
        staged.extend(Staged::text(path, text)?);
    }
    for file in staged {
        file.commit()?;
    }
    Ok(())
}

/// A file being written in place of `path`: a temporary file in the folder of the file `path`
/// leads to ([`write_target`]), which replaces that file only when [`AtomicFile::commit`] (or
/// the [`Staged`] file's commit) succeeds. Dropped before that, it is removed and the target is
/// untouched.
pub struct AtomicFile {
    /// The path as the caller named it, for messages.
    path: PathBuf,
    /// The file the rename replaces: `path`, or the target of the link at `path`.
    target: PathBuf,
    tmp: tempfile::NamedTempFile,
}

impl AtomicFile {
    /// Starts writing `path`, creating its target's folder if needed.
    ///
    /// Errors: a symbolic link at `path` cannot be followed; the folder or the temporary file
    /// cannot be created.
    pub fn create(path: &Path) -> Result<Self> {
        let target = write_target(path)?;
        let dir = parent_of(&target);
        std::fs::create_dir_all(dir).with_context(|| t!("error-create", path = dir))?;
        remove_leftovers(dir);
        let tmp = tempfile::Builder::new()
            .prefix(&temp_prefix())
            .suffix(".tmp")
            .tempfile_in(dir)
            .with_context(|| t!("error-temporary-file", folder = dir))?;
        Ok(AtomicFile { path: path.to_owned(), target, tmp })
    }

    /// Another handle to the temporary file, for writers that take ownership of theirs.
    pub fn handle(&self) -> std::io::Result<File> {
        self.tmp.as_file().try_clone()
    }

    /// Appends `bytes`.
    ///
    /// Errors: the file cannot be written.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        self.tmp.write_all(bytes).with_context(|| t!("error-write", path = &self.path))
    }

    /// Flushes the file to disk and closes it, ready to replace its target.
    ///
    /// Errors: the file cannot be synced.
    pub fn stage(self) -> Result<Staged> {
        let fail = || t!("error-write", path = &self.path);
        self.tmp.as_file().sync_all().with_context(fail)?;
        // Temporary files are private (0600); outputs are ordinary files, or keep their mode.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode =
                std::fs::metadata(&self.target).map(|m| m.permissions().mode() & 0o7777).unwrap_or(0o644);
            let _ = self.tmp.as_file().set_permissions(std::fs::Permissions::from_mode(mode));
        }
        Ok(Staged { path: self.path, target: self.target, tmp: self.tmp.into_temp_path() })
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
    target: PathBuf,
    tmp: tempfile::TempPath,
}

impl Staged {
    /// `bytes` staged for `path`, or `None` when `path` already holds exactly these bytes (an
    /// unchanged output is left as it is).
    ///
    /// Errors: the file cannot be written.
    pub fn unless_unchanged(path: &Path, bytes: &[u8]) -> Result<Option<Self>> {
        if let Ok(target) = write_target(path) {
            remove_leftovers(parent_of(&target));
        }
        if std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
            && std::fs::read(path).is_ok_and(|old| old == bytes)
        {
            return Ok(None);
        }
        Self::bytes(path, bytes).map(Some)
    }

    /// `text` (with `\n` line breaks) staged for the text file `path` in the line endings and
    /// byte order mark that file has now (see [`write_text`]), or `None` when it already holds
    /// exactly that.
    ///
    /// Errors: the file exists but cannot be read; the temporary file cannot be written.
    pub fn text(path: &Path, text: &str) -> Result<Option<Self>> {
        if let Ok(target) = write_target(path) {
            remove_leftovers(parent_of(&target));
        }
        let old = match std::fs::read(path) {
            Ok(old) => Some(old),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(e).with_context(|| t!("error-read", path = path)),
        };
        let style =
            old.as_deref().and_then(|b| text::decode(b).ok()).map(|(_, style)| style).unwrap_or_default();
        let new = style.apply(text);
        if old.as_deref() == Some(new.as_bytes()) {
            return Ok(None);
        }
        Self::bytes(path, new.as_bytes()).map(Some)
    }

    fn bytes(path: &Path, bytes: &[u8]) -> Result<Self> {
        let mut file = AtomicFile::create(path)?;
        file.write_all(bytes)?;
        file.stage()
    }

    /// Puts the file in place only if nothing is there (the check and the move are one step).
    ///
    /// Errors: something is at the target; the move fails.
    pub fn commit_new(self) -> Result<()> {
        match self.tmp.persist_noclobber(&self.target) {
            Ok(()) => Ok(()),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
                bail!(t!("error-exists", path = &self.path))
            }
            Err(e) => Err(e.error).with_context(|| t!("error-write", path = &self.path)),
        }
    }

    /// Replaces the target.
    ///
    /// Errors: the rename fails.
    pub fn commit(self) -> Result<()> {
        self.tmp
            .persist(&self.target)
            .map_err(|e| e.error)
            .with_context(|| t!("error-write", path = &self.path))
    }
}

/// The folder of `path` (`.` for a bare name).
fn parent_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Makes the folder `dir` hold exactly `files` (paths inside it, `/`-separated).
///
/// Every file is written first, to a hidden temporary folder inside `dir`; only when all are
/// written are they moved into place, one rename each, and then whatever an earlier run left
/// that is not among `files` is removed. Hidden entries (`.git`, `.htaccess`, names starting
/// with `.`), which perspektiv never writes, are left alone. The folder itself stays what it is,
/// so a symbolic link at `dir` stays a link and the folder it points to gets the files, and a web
/// server or a shell inside the folder keeps seeing it. A new folder is written beside its place
/// and moved there whole. A failure before the files are moved leaves the folder as it was.
///
/// Errors: a symbolic link at `dir` cannot be followed; a file cannot be written, moved or
/// removed.
pub fn write_dir(dir: &Path, files: &[(&str, &[u8])]) -> Result<()> {
    let target = write_target(dir)?;
    if target.is_dir() {
        return write_into(&target, dir, files);
    }
    let parent = parent_of(&target);
    std::fs::create_dir_all(parent).with_context(|| t!("error-create", path = parent))?;
    remove_leftovers(parent);
    let staging = tempfile::Builder::new()
        .prefix(&temp_prefix())
        .tempdir_in(parent)
        .with_context(|| t!("error-temporary-folder", folder = parent))?;
    write_files(staging.path(), dir, files)?;
    // Temporary folders are private (0700); the output is an ordinary folder.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(staging.path(), std::fs::Permissions::from_mode(0o755))
            .with_context(|| t!("error-permissions", path = dir))?;
    }
    let staged = staging.keep();
    if let Err(e) = std::fs::rename(&staged, &target) {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(e).with_context(|| t!("error-write", path = dir));
    }
    Ok(())
}

/// Writes `files` into the folder `root` (named `dir` in messages) under their paths.
fn write_files(root: &Path, dir: &Path, files: &[(&str, &[u8])]) -> Result<()> {
    for (rel, bytes) in files {
        let path = root.join(rel);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).with_context(|| t!("error-create", path = &dir.join(rel)))?;
        }
        std::fs::write(&path, bytes).with_context(|| t!("error-write", path = &dir.join(rel)))?;
    }
    Ok(())
}

/// [`write_dir`] into the existing folder `target`.
fn write_into(target: &Path, dir: &Path, files: &[(&str, &[u8])]) -> Result<()> {
    if let Some(parent) = target.parent() {
        remove_leftovers(parent);
    }
    let staging = tempfile::Builder::new()
        .prefix(&temp_prefix())
        .tempdir_in(target)
        .with_context(|| t!("error-temporary-folder", folder = dir))?;
    write_files(staging.path(), dir, files)?;
    for (rel, _) in files {
        let to = target.join(rel);
        let fail = || t!("error-write", path = &dir.join(rel));
        if let Some(folder) = to.parent() {
            // A file of an earlier run where a folder now goes gives way.
            let mut above = folder;
            while above != target {
                if std::fs::symlink_metadata(above).is_ok_and(|m| m.is_file()) {
                    std::fs::remove_file(above).with_context(fail)?;
                }
                above = parent_of(above);
            }
            std::fs::create_dir_all(folder).with_context(fail)?;
        }
        // So does a folder where a file now goes.
        if std::fs::symlink_metadata(&to).is_ok_and(|m| m.is_dir()) {
            std::fs::remove_dir_all(&to).with_context(fail)?;
        }
        std::fs::rename(staging.path().join(rel), &to).with_context(fail)?;
    }
    let mut keep_files = BTreeSet::new();
    let mut keep_dirs = BTreeSet::new();
    for (rel, _) in files {
        let rel = Path::new(rel);
        keep_files.insert(rel.to_owned());
        keep_dirs.extend(rel.ancestors().skip(1).filter(|a| !a.as_os_str().is_empty()).map(Path::to_owned));
    }
    remove_others(target, Path::new(""), &keep_files, &keep_dirs, staging.path())
        .with_context(|| t!("error-remove-earlier", folder = dir))
}

/// Removes what is in `root/rel` but neither in `keep_files` nor (a folder) in `keep_dirs`,
/// except hidden entries; perspektiv's own leftovers ([`is_leftover`]) go, except `staging`.
fn remove_others(
    root: &Path,
    rel: &Path,
    keep_files: &BTreeSet<PathBuf>,
    keep_dirs: &BTreeSet<PathBuf>,
    staging: &Path,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(root.join(rel))? {
        let entry = entry?;
        let name = entry.file_name();
        let hidden = name.to_string_lossy().starts_with('.');
        let path = entry.path();
        let kind = entry.file_type()?;
        let inner = rel.join(&name);
        let remove = if hidden {
            path != staging && is_leftover(&entry)
        } else if kind.is_dir() {
            if keep_dirs.contains(&inner) {
                remove_others(root, &inner, keep_files, keep_dirs, staging)?;
                false
            } else {
                true
            }
        } else {
            // A link the user made to a folder the site writes into stays, and is not entered.
            !(keep_files.contains(&inner) || (kind.is_symlink() && keep_dirs.contains(&inner)))
        };
        if remove {
            if kind.is_dir() { std::fs::remove_dir_all(&path)? } else { std::fs::remove_file(&path)? }
        }
    }
    Ok(())
}

/// The start of the name of every temporary file and folder this process makes:
/// `.perspektiv-<pid>-`, which [`is_leftover`] reads back.
pub fn temp_prefix() -> String {
    format!(".perspektiv-{}-", std::process::id())
}

/// Removes from the folder `dir` (not its subfolders) the temporary files and folders that runs
/// no longer running left there ([`is_leftover`]: a run that was killed, or lost its power, before
/// it could remove them). Done once per folder and process, before the first write into it;
/// what cannot be listed or removed stays, silently: a leftover costs only space.
pub fn remove_leftovers(dir: &Path) {
    static DONE: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);
    {
        let mut done = DONE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if !done.get_or_insert_with(HashSet::new).insert(dir.to_owned()) {
            return;
        }
    }
    let Ok(listing) = std::fs::read_dir(dir) else { return };
    for entry in listing.flatten() {
        if is_leftover(&entry) {
            let path = entry.path();
            let _ = match entry.file_type() {
                Ok(kind) if kind.is_dir() => std::fs::remove_dir_all(&path),
                _ => std::fs::remove_file(&path),
            };
        }
    }
}

/// Whether `entry` is a temporary file (`.perspektiv-<pid>-<random>.tmp`) or folder
/// (`.perspektiv-<pid>-<random>`) that perspektiv made and no running process still writes: its
/// process is not this one and no longer runs (on systems without `/proc`, and for the names of
/// earlier versions without a process id, `.perspektiv-<random>.tmp`: it is over an hour old).
/// Nothing else is ever a leftover, so the user's own files stay whatever their names.
pub fn is_leftover(entry: &std::fs::DirEntry) -> bool {
    let name = entry.file_name();
    let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(".perspektiv-")) else { return false };
    let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
    if !is_dir && !rest.ends_with(".tmp") {
        return false;
    }
    let pid = rest.split_once('-').and_then(|(pid, _)| pid.parse::<u32>().ok());
    match pid {
        Some(pid) if pid == std::process::id() => false,
        Some(pid) if Path::new("/proc/self").exists() => !Path::new("/proc").join(pid.to_string()).exists(),
        _ => is_old(entry),
    }
}

/// Whether a leftover temporary file or folder is old enough (an hour) that no running process
/// still writes it.
fn is_old(entry: &std::fs::DirEntry) -> bool {
    entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age.as_secs() > 3600)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every entry under `dir`, `/`-separated, folders with a trailing `/`.
    fn listing(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![PathBuf::new()];
        while let Some(rel) = stack.pop() {
            for entry in std::fs::read_dir(dir.join(&rel)).into_iter().flatten().flatten() {
                let inner = rel.join(entry.file_name());
                let name = inner.to_string_lossy().replace('\\', "/");
                if entry.file_type().is_ok_and(|t| t.is_dir()) {
                    out.push(format!("{name}/"));
                    stack.push(inner);
                } else {
                    out.push(name);
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn a_folder_holds_exactly_the_files_of_the_last_run() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let site = dir.path().join("2023/webb");
        write_dir(
            &site,
            &[("index.html", b"one"), ("a/b.html", b"b"), ("stale.html", b"s"), ("c/d/e.html", b"e")],
        )?;
        std::fs::write(site.join(".htaccess"), "kept")?;
        // `a` becomes a file, `c/d` goes, `stale.html` goes, `x/y.html` is new.
        write_dir(&site, &[("index.html", b"two"), ("a", b"a"), ("c/f.html", b"f"), ("x/y.html", b"y")])?;
        assert_eq!(std::fs::read(site.join("index.html"))?, b"two");
        assert_eq!(listing(&site), [".htaccess", "a", "c/", "c/f.html", "index.html", "x/", "x/y.html"]);
        // And back: a folder where the file was.
        write_dir(&site, &[("a/b.html", b"b")])?;
        assert_eq!(listing(&site), [".htaccess", "a/", "a/b.html"]);
        assert_eq!(std::fs::read_dir(dir.path().join("2023"))?.count(), 1, "temporary folders stayed");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&site)?.permissions().mode() & 0o777, 0o755);
        }
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn links_stay_links_and_their_targets_are_written() -> Result<(), Box<dyn std::error::Error>> {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        std::fs::create_dir_all(root.join("elsewhere/www"))?;
        std::fs::create_dir_all(root.join("project/sources"))?;
        // A file behind a relative link, behind a chain of two links, behind an absolute link.
        std::fs::write(root.join("elsewhere/goals.toml"), "old")?;
        symlink("../../elsewhere/goals.toml", root.join("project/sources/goals.toml"))?;
        symlink("goals.toml", root.join("project/sources/chain.toml"))?;
        symlink(root.join("elsewhere/www"), root.join("project/webb"))?;
        let goals = root.join("project/sources/goals.toml");
        let chain = root.join("project/sources/chain.toml");
        assert_eq!(write_target(&chain)?, root.join("project/sources/../../elsewhere/goals.toml"));
        write_atomic(&goals, b"new")?;
        assert!(std::fs::symlink_metadata(&goals)?.file_type().is_symlink());
        assert_eq!(std::fs::read(root.join("elsewhere/goals.toml"))?, b"new");
        assert!(write_text(&chain, "newer\n")?);
        assert!(std::fs::symlink_metadata(&chain)?.file_type().is_symlink());
        assert_eq!(std::fs::read(root.join("elsewhere/goals.toml"))?, b"newer\n");
        assert_eq!(listing(&root.join("elsewhere")), ["goals.toml", "www/"], "no temporary file stays");

        // A link to a folder: the folder gets the files, the link stays, hidden files stay.
        std::fs::write(root.join("elsewhere/www/.well-known"), "kept")?;
        std::fs::write(root.join("elsewhere/www/stale.html"), "old")?;
        let webb = root.join("project/webb");
        write_dir(&webb, &[("index.html", b"<p>"), ("assets/a.css", b"p {}")])?;
        assert!(std::fs::symlink_metadata(&webb)?.file_type().is_symlink());
        assert_eq!(
            listing(&root.join("elsewhere/www")),
            [".well-known", "assets/", "assets/a.css", "index.html"]
        );

        // A dangling link: the write creates its target.
        symlink("../elsewhere/new.toml", root.join("project/new.toml"))?;
        write_atomic(&root.join("project/new.toml"), b"x")?;
        assert_eq!(std::fs::read(root.join("elsewhere/new.toml"))?, b"x");
        assert!(std::fs::symlink_metadata(root.join("project/new.toml"))?.file_type().is_symlink());

        // A circle of links is an error, not a hang.
        symlink("b", root.join("project/a"))?;
        symlink("a", root.join("project/b"))?;
        let err = write_atomic(&root.join("project/a"), b"x").err().ok_or("a circle was written")?;
        assert!(err.to_string().contains("leads in a circle"), "{err}");
        Ok(())
    }

    #[test]
    fn text_files_keep_their_line_endings_and_byte_order_mark() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("kolada.toml");
        for (before, text, after) in [
            (&b"a = 1\r\n"[..], "a = 2\nb = 3\n", &b"a = 2\r\nb = 3\r\n"[..]),
            (b"\xEF\xBB\xBFa = 1\n", "a = 2\n", b"\xEF\xBB\xBFa = 2\n"),
            (b"\xEF\xBB\xBFa = 1\r\n", "a = 2\n", b"\xEF\xBB\xBFa = 2\r\n"),
            (b"a = 1\n", "a = 2\n", b"a = 2\n"),
        ] {
            std::fs::write(&path, before)?;
            assert!(write_text(&path, text)?);
            assert_eq!(std::fs::read(&path)?, after, "{before:?}");
            assert!(!write_text(&path, text)?, "an unchanged file is not written again");
        }
        let new = dir.path().join("new.json");
        assert!(write_text(&new, "{}\n")?);
        assert_eq!(std::fs::read(&new)?, b"{}\n");
        Ok(())
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_temporary_files_of_runs_that_ended_are_removed_and_nothing_else()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let mut child = std::process::Command::new("true").spawn()?;
        let dead = child.id();
        child.wait()?;
        let own = std::process::id();
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join(format!(".perspektiv-{dead}-Ab12Cd/sub")))?;
        for name in [
            format!(".perspektiv-{dead}-x1Y2z3.tmp"),
            format!(".perspektiv-{own}-x1Y2z3.tmp"),
            // A process that runs (the first one always does) may still be writing.
            ".perspektiv-1-x1Y2z3.tmp".to_owned(),
            // An earlier version's name, written just now.
            ".perspektiv-q9W8e7.tmp".to_owned(),
            // The user's own files, whatever their names.
            ".perspektiv-notes.txt".to_owned(),
            format!(".perspektiv-{dead}-notes.txt"),
            "report.tmp".to_owned(),
        ] {
            std::fs::write(out.join(name), "x")?;
        }
        write_atomic(&out.join("a.pdf"), b"pdf")?;
        let mut expected = vec![
            format!(".perspektiv-{own}-x1Y2z3.tmp"),
            format!(".perspektiv-{dead}-notes.txt"),
            ".perspektiv-1-x1Y2z3.tmp".to_owned(),
            ".perspektiv-notes.txt".to_owned(),
            ".perspektiv-q9W8e7.tmp".to_owned(),
            "a.pdf".to_owned(),
            "report.tmp".to_owned(),
        ];
        expected.sort();
        assert_eq!(listing(&out), expected);
        Ok(())
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
