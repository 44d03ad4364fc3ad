//! One source file of any kind (the first byte chooses it) through the recovering loader: read
//! as bytes (encoding, byte order mark, line endings), parsed, deserialized with every problem.

#![no_main]

use libfuzzer_sys::fuzz_target;
use perspektiv::sources::{Report, load_file};
use perspektiv_fuzz::{KINDS, OneFile, with_kind};

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else { return };
    let tree = OneFile { rel: KINDS[kind as usize % 7].into(), bytes: bytes.to_vec() };
    let mut report = Report::default();
    with_kind!(kind as usize, T => {
        let loaded = load_file::<T>(&tree, &tree.rel, &mut report);
        // A file that loads has no errors; one that does not says why.
        assert_eq!(loaded.is_some(), !report.has_errors(), "{:?}", report.problems);
        for problem in &report.problems {
            assert!(!problem.message.is_empty());
        }
    });
});
