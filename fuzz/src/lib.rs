//! What the fuzz targets share: the kinds of source files, chosen by an input's first byte, and a
//! source tree in memory that holds one file.

use std::io;
use std::path::{Path, PathBuf};

use perspektiv::sources::{SourceTree, kinds};

/// The kinds of source files, in the order of the byte that selects one (`byte % 7`), with the
/// path each is read at.
pub const KINDS: [&str; 7] = [
    kinds::PARTIES.file,
    kinds::KOLADA.file,
    "2023/document.toml",
    "2023/goals.toml",
    "2023/members.toml",
    "2023/groups.toml",
    "2023/appendices.toml",
];

/// Calls `$body` with `$T` the model type of source kind `$kind` (an index into [`KINDS`]).
#[macro_export]
macro_rules! with_kind {
    ($kind:expr, $T:ident => $body:expr) => {{
        match $kind % 7 {
            0 => {
                type $T = perspektiv::sources::PartiesFile;
                $body
            }
            1 => {
                type $T = perspektiv::sources::KoladaFile;
                $body
            }
            2 => {
                type $T = perspektiv::sources::DocumentFile;
                $body
            }
            3 => {
                type $T = perspektiv::sources::GoalsFile;
                $body
            }
            4 => {
                type $T = perspektiv::sources::MembersFile;
                $body
            }
            5 => {
                type $T = perspektiv::sources::GroupsFile;
                $body
            }
            _ => {
                type $T = perspektiv::sources::AppendicesFile;
                $body
            }
        }
    }};
}

/// A source tree of one file.
pub struct OneFile {
    /// Where the file is, relative to the sources folder.
    pub rel: PathBuf,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl SourceTree for OneFile {
    fn read(&self, rel: &Path) -> io::Result<Option<Vec<u8>>> {
        Ok((rel == self.rel).then(|| self.bytes.clone()))
    }

    fn list(&self, _rel: &Path) -> io::Result<Vec<String>> {
        Ok(Vec::new())
    }

    fn display(&self, rel: &Path) -> PathBuf {
        PathBuf::from("sources").join(rel)
    }
}
