//! Sources as they were at a git revision (`HEAD~3`, `v2023-remiss`), read with gix from the
//! repository's object database: no git process, no checkout.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use super::SourceTree;
use crate::i18n::Msg;
use crate::{msg, t};

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
        .with_context(|| t!("error-git-no-repository", folder = sources_dir))?;
    let workdir = repo.workdir().ok_or_else(|| anyhow!(t!("error-git-bare", repository = repo.git_dir())))?;
    let workdir = workdir.canonicalize().with_context(|| t!("error-read", path = workdir))?;
    let dir = sources_dir.canonicalize().with_context(|| t!("error-git-no-sources", folder = sources_dir))?;
    let prefix = dir
        .strip_prefix(&workdir)
        .map_err(|_| anyhow!(t!("error-git-outside", folder = &dir, worktree = &workdir)))?
        .to_owned();

    let id = match repo.rev_parse_single(rev) {
        Ok(id) => id,
        // A shallow clone (what CI makes by default) has only the newest commits.
        Err(_) if repo.is_shallow().unwrap_or(false) && reaches_back(rev) => {
            bail!(t!("error-git-shallow", rev = rev))
        }
        Err(_) => return Err(unknown_revision(&repo, rev).into()),
    };
    let tree = id
        .object()
        .map_err(|e| anyhow!("{e}"))?
        .peel_to_tree()
        .map_err(|e| anyhow!(t!("error-git-no-tree", rev = rev, error = e.to_string())))?;
    let tree = if prefix.as_os_str().is_empty() {
        tree
    } else {
        let entry = tree
            .lookup_entry_by_path(&prefix)
            .map_err(|e| anyhow!("{e}"))?
            .ok_or_else(|| anyhow!(t!("error-git-missing-folder", folder = &prefix, rev = rev)))?;
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
        bail!(t!("error-git-empty-folder", folder = &prefix, rev = rev));
    }
    let label =
        if prefix.as_os_str().is_empty() { rev.to_owned() } else { format!("{rev}:{}", prefix.display()) };
    Ok(MemTree::new(files, label))
}

/// Whether a revision names an ancestor (`HEAD~1`, `HEAD^`, `main~3`): what a shallow clone lacks.
/// Why `rev` names no commit, in the user's terms (never the library's): how far back the
/// history goes, that a commit has no second parent, that there is no such branch, tag or
/// commit; with the hint what does exist.
fn unknown_revision(repo: &gix::Repository, rev: &str) -> crate::UsageError {
    let usage = |message: Msg, hint: Option<Msg>| crate::UsageError {
        message: message.text(),
        hint: hint.map(|h| h.text()),
    };
    // The name the navigation starts from: `HEAD` in `HEAD~5`, `main` in `main^2`.
    let base_end = rev.find(['~', '^', '@']).unwrap_or(rev.len());
    let base = if base_end == 0 { "HEAD" } else { &rev[..base_end] };
    let branches = || -> Option<Msg> {
        let refs = repo.references().ok()?;
        let names: Vec<String> = refs
            .local_branches()
            .ok()?
            .filter_map(Result::ok)
            .map(|r| r.name().shorten().to_string())
            .collect();
        let branches = names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        (!names.is_empty()).then(|| msg!("error-git-branches", branches = branches))
    };
    let Ok(start) = repo.rev_parse_single(base) else {
        return usage(
            msg!("error-git-no-commit.base", rev = rev, base = base),
            branches().or_else(|| Some(msg!("error-git-no-commit.hint"))),
        );
    };
    let rest = &rev[base_end..];
    // How many commits `start` has behind it, following first parents (bounded: a long history
    // is long enough for any `~N` a person types).
    let depth = || -> usize {
        let mut n = 0;
        let mut at = start.object().ok().and_then(|o| o.try_into_commit().ok());
        while let Some(commit) = at {
            if n >= 100_000 {
                break;
            }
            at = commit
                .parent_ids()
                .next()
                .and_then(|p| p.object().ok())
                .and_then(|o| o.try_into_commit().ok());
            if at.is_some() {
                n += 1;
            }
        }
        n
    };
    if rest.starts_with('~') || (rest.starts_with('^') && rest[1..].chars().all(|c| c == '^')) {
        let back = depth();
        if back == 0 {
            return usage(
                msg!("error-git-too-far.first", rev = rev, base = base),
                Some(msg!("error-git-too-far.first-hint")),
            );
        }
        return usage(
            msg!("error-git-too-far", rev = rev, base = base, commits = back),
            // A number to type after `~`, as it is typed.
            Some(msg!("error-git-too-far.hint", base = base, commits = back.to_string())),
        );
    }
    if let Some(n) = rest.strip_prefix('^').and_then(|n| n.parse::<usize>().ok()) {
        let parents =
            start.object().ok().and_then(|o| o.try_into_commit().ok()).map_or(0, |c| c.parent_ids().count());
        return usage(
            msg!("error-git-no-parent", rev = rev, n = n, base = base, parents = parents),
            Some(msg!("error-git-no-parent.hint", base = base)),
        );
    }
    if rest.starts_with("@{") {
        return usage(
            msg!("error-git-reflog", rev = rev, base = base),
            Some(msg!("error-git-reflog.hint", base = base)),
        );
    }
    usage(msg!("error-git-no-commit", rev = rev), branches())
}

fn reaches_back(rev: &str) -> bool {
    rev.contains(['~', '^']) || rev.contains("@{")
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
/// inside the work tree) differ from it as git sees it: a staged or unstaged change of a tracked
/// file, or an untracked file that is not ignored (`.gitignore`) and is not an editor's backup or
/// scratch file. Line-ending conversion (`core.autocrlf`, `.gitattributes`) is applied as git
/// does, so a checkout with CRLF line endings is not a change. `None` outside a git repository or
/// without commits.
pub fn head_state(dir: &Path, dirs: &[&Path]) -> Option<HeadState> {
    let repo = gix::discover(dir).ok()?;
    let commit = repo.head_commit().ok()?;
    let short = commit.id().to_hex_with_len(7).to_string();
    let workdir = repo.workdir()?.canonicalize().ok()?;
    let prefixes: Vec<String> = dirs
        .iter()
        .filter_map(|d| d.canonicalize().ok())
        .filter_map(|abs| abs.strip_prefix(&workdir).ok().map(Path::to_owned))
        .map(|rel| {
            let parts: Vec<String> =
                rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            if parts.is_empty() { String::new() } else { format!("{}/", parts.join("/")) }
        })
        .collect();
    if prefixes.is_empty() {
        return Some(HeadState { short, dirty: false });
    }
    // When git cannot tell, the draft says it has changes rather than that it has none.
    let dirty = changed(&repo, &prefixes).unwrap_or(true);
    Some(HeadState { short, dirty })
}

/// Whether the work tree's file at the repository-relative `path` reads as the same text as the
/// blob `id` once both are read the way sources are ([`super::text::decode`]: line breaks `\n`, no
/// byte order mark). `None` when either cannot be read or is not UTF-8.
fn same_text(repo: &gix::Repository, id: &gix::oid, path: &str) -> Option<bool> {
    let blob = repo.find_object(id).ok()?;
    let file = std::fs::read(repo.workdir()?.join(path)).ok()?;
    let (committed, _) = super::text::decode(&blob.data).ok()?;
    let (saved, _) = super::text::decode(&file).ok()?;
    Some(committed == saved)
}

/// Whether anything under the repository-relative `prefixes` (`sources/`) differs from `HEAD`,
/// as text: a file that differs only in its line endings is unchanged.
fn changed(repo: &gix::Repository, prefixes: &[String]) -> Result<bool> {
    use gix::status::index_worktree::iter::Summary;
    let status = repo
        .status(gix::progress::Discard)
        .map_err(|e| anyhow!("{e}"))?
        .untracked_files(gix::status::UntrackedFiles::Files)
        .index_worktree_rewrites(None);
    let items = status.into_iter(Vec::<gix::bstr::BString>::new()).map_err(|e| anyhow!("{e}"))?;
    for item in items {
        let item = item.map_err(|e| anyhow!("{e}"))?;
        let path = item.location().to_string();
        if !prefixes.iter().any(|p| p.is_empty() || path.starts_with(p.as_str())) {
            continue;
        }
        let change = match &item {
            gix::status::Item::TreeIndex(_) => true,
            gix::status::Item::IndexWorktree(change) => match change.summary() {
                None => false,
                Some(Summary::Added) => {
                    let name = path.rsplit('/').next().unwrap_or(&path);
                    !super::is_scratch(name)
                }
                // A save that changed only the line endings (or added a byte order mark) is no
                // change: the sources read the same, and `diff` finds nothing either.
                Some(Summary::Modified) => match change {
                    gix::status::index_worktree::Item::Modification { entry, .. } => {
                        !same_text(repo, &entry.id, &path).unwrap_or(false)
                    }
                    _ => true,
                },
                Some(_) => true,
            },
        };
        if change {
            return Ok(true);
        }
    }
    Ok(false)
}
