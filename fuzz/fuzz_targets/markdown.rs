//! Prose Markdown to Typst markup and to HTML, with and without headings and a lead.

#![no_main]

use libfuzzer_sys::fuzz_target;
use perspektiv::markdown::{Footnotes, Headings, Placement, strong_texts, to_html, to_typst};

fuzz_target!(|data: &[u8]| {
    let Some((&options, bytes)) = data.split_first() else { return };
    let Ok(md) = std::str::from_utf8(bytes) else { return };
    let headings =
        if options & 1 == 0 { Headings::Forbidden } else { Headings::From(1 + (options >> 1) % 3) };
    let place =
        Placement { shift: (options >> 3) % 3, lead: (options & 0x20 != 0).then_some("En god hälsa.") };
    let _ = to_typst(md, headings);
    let mut notes = Footnotes::default();
    let _ = to_html(md, headings, place, &mut notes);
    let _ = strong_texts(md);
});
