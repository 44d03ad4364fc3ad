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

/// "1 file", "2 files": a count with an English noun for messages.
pub fn plural(n: usize, word: &str) -> String {
    let ending = match n {
        1 => "",
        _ if word.ends_with(['s', 'x']) => "es",
        _ => "s",
    };
    format!("{n} {word}{ending}")
}

#[cfg(test)]
mod tests {
    use super::*;

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
