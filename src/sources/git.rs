//! Sources as they were at a git revision (`HEAD~3`, `v2023-remiss`), read with gix from the
//! repository's object database: no git process, no checkout.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use super::SourceTree;

/// Source files held in memory: a snapshot of a folder at a revision.
pub struct MemTree {
    files: BTreeMap<PathBuf, Vec<u8>>,
    label: String,
}

impl MemTree {
    /// A snapshot with the given files (paths relative to the sources folder) and a label for
    /// messages (`HEAD~1:sources`).
    pub fn new(files: BTreeMap<PathBuf, Vec<u8>>, label: impl Into<String>) -> Self {
        Self { files, label: label.into() }
    }
}

impl SourceTree for MemTree {
    fn read(&self, rel: &Path) -> io::Result<Option<Vec<u8>>> {
        Ok(self.files.get(rel).cloned())
    }

    fn list(&self, rel: &Path) -> io::Result<Vec<String>> {
        let mut names: Vec<String> = self
            .files
            .keys()
            .filter_map(|p| p.strip_prefix(rel).ok())
            .filter_map(|p| p.components().next())
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        names.dedup();
        Ok(names)
    }

    fn display(&self, rel: &Path) -> PathBuf {
        PathBuf::from(format!("{}/{}", self.label, rel.display()))
    }
}

/// The sources folder `sources_dir` (on disk, inside a git work tree) as it was at `rev`.
pub fn at_revision(sources_dir: &Path, rev: &str) -> Result<MemTree> {
    let repo = gix::discover(sources_dir)
        .map_err(|e| anyhow!("{e}"))
        .with_context(|| format!("`{}` is not inside a git repository", sources_dir.display()))?;
    let workdir = repo.workdir().ok_or_else(|| anyhow!("the git repository has no work tree"))?;
    let workdir =
        workdir.canonicalize().with_context(|| format!("failed to read `{}`", workdir.display()))?;
    let dir = sources_dir
        .canonicalize()
        .with_context(|| format!("the sources folder `{}` does not exist", sources_dir.display()))?;
    let prefix = dir
        .strip_prefix(&workdir)
        .map_err(|_| anyhow!("`{}` is not inside the work tree `{}`", dir.display(), workdir.display()))?
        .to_owned();

    let id = repo.rev_parse_single(rev).map_err(|e| anyhow!("unknown revision `{rev}`: {e}"))?;
    let tree = id
        .object()
        .map_err(|e| anyhow!("{e}"))?
        .peel_to_tree()
        .map_err(|e| anyhow!("revision `{rev}` has no tree: {e}"))?;
    let tree = if prefix.as_os_str().is_empty() {
        tree
    } else {
        let entry = tree
            .lookup_entry_by_path(&prefix)
            .map_err(|e| anyhow!("{e}"))?
            .ok_or_else(|| anyhow!("`{}` does not exist at revision `{rev}`", prefix.display()))?;
        entry.object().map_err(|e| anyhow!("{e}"))?.peel_to_tree().map_err(|e| anyhow!("{e}"))?
    };

    let mut files = BTreeMap::new();
    let mut stack = vec![(PathBuf::new(), tree)];
    while let Some((path, tree)) = stack.pop() {
        for entry in tree.iter() {
            let entry = entry.map_err(|e| anyhow!("{e}"))?;
            let name = entry.filename().to_string();
            let rel = path.join(&name);
            let object = entry.object().map_err(|e| anyhow!("{e}"))?;
            if entry.mode().is_tree() {
                stack.push((rel, object.peel_to_tree().map_err(|e| anyhow!("{e}"))?));
            } else if entry.mode().is_blob() {
                files.insert(rel, object.data.clone());
            }
        }
    }
    if files.is_empty() {
        bail!("`{}` is empty at revision `{rev}`", prefix.display());
    }
    let label =
        if prefix.as_os_str().is_empty() { rev.to_owned() } else { format!("{rev}:{}", prefix.display()) };
    Ok(MemTree::new(files, label))
}

/// The commit the working tree is on, for draft marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadState {
    /// The commit's short hash.
    pub short: String,
    /// Whether any of the checked folders differs from the commit.
    pub dirty: bool,
}

/// The HEAD commit of the repository `dir` is in, and whether the files under `dirs` (folders
/// inside the work tree) differ from it. `None` outside a git repository or without commits.
pub fn head_state(dir: &Path, dirs: &[&Path]) -> Option<HeadState> {
    let repo = gix::discover(dir).ok()?;
    let commit = repo.head_commit().ok()?;
    let short = commit.id().to_hex_with_len(7).to_string();
    let workdir = repo.workdir()?.canonicalize().ok()?;
    let tree = commit.tree().ok()?;
    let hash_kind = repo.object_hash();
    let mut dirty = false;
    for d in dirs {
        let Ok(abs) = d.canonicalize() else { continue };
        let Ok(prefix) = abs.strip_prefix(&workdir) else { continue };
        // Files in the commit under this folder.
        let mut committed: BTreeMap<PathBuf, gix::ObjectId> = BTreeMap::new();
        if let Ok(Some(entry)) = tree.lookup_entry_by_path(prefix)
            && let Ok(sub) = entry.object().and_then(|o| o.peel_to_tree())
        {
            let mut stack = vec![(PathBuf::new(), sub)];
            while let Some((path, t)) = stack.pop() {
                for e in t.iter().flatten() {
                    let rel = path.join(e.filename().to_string());
                    if e.mode().is_tree() {
                        if let Ok(st) = e.object().and_then(|o| o.peel_to_tree()) {
                            stack.push((rel, st));
                        }
                    } else {
                        committed.insert(rel, e.object_id());
                    }
                }
            }
        }
        // Files on disk under this folder, hashed as git blobs.
        let mut on_disk: BTreeMap<PathBuf, gix::ObjectId> = BTreeMap::new();
        let mut stack = vec![PathBuf::new()];
        while let Some(rel) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(abs.join(&rel)) else { continue };
            for entry in entries.flatten() {
                let name = entry.file_name();
                if name.to_string_lossy().starts_with('.') {
                    continue;
                }
                let path = rel.join(&name);
                if entry.file_type().is_ok_and(|t| t.is_dir()) {
                    stack.push(path);
                } else if let Ok(bytes) = std::fs::read(entry.path())
                    && let Ok(id) = gix::objs::compute_hash(hash_kind, gix::objs::Kind::Blob, &bytes)
                {
                    on_disk.insert(path, id);
                }
            }
        }
        dirty |= committed != on_disk;
    }
    Some(HeadState { short, dirty })
}
