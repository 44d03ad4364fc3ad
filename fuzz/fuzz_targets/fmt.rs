//! `fmt` of a source file of any kind (the first byte chooses it) that loads: formatting
//! succeeds, and its output loads to the same model and formats to itself.

#![no_main]

use libfuzzer_sys::fuzz_target;
use perspektiv::sources::de::from_toml;
use perspektiv_fuzz::with_kind;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    with_kind!(kind as usize, T => {
        let (Some((model, _)), _) = from_toml::<T>(text) else { return };
        let out = match perspektiv::fmt::format::<T>(text) {
            Ok(out) => out,
            Err(e) => panic!("a file that loads could not be formatted: {e}"),
        };
        let (Some((again, _)), problems) = from_toml::<T>(&out) else {
            panic!("the formatted text does not load");
        };
        assert!(problems.is_empty());
        assert_eq!(model, again, "the formatted text loads to another model");
        assert_eq!(perspektiv::fmt::format::<T>(&out).as_deref(), Ok(out.as_str()), "not stable");
    });
});
