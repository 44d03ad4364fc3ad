//! A values file (Kolada's JSON) as a source file and as a page of Kolada's API; the records it
//! reads, written back as JSON, read again to the same records (in the order the file is written).

#![no_main]

use libfuzzer_sys::fuzz_target;
use perspektiv::sources::values::{Mode, parse, to_json};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let page = parse(text, Mode::Page);
    let file = parse(text, Mode::File);
    for doc in [page, file] {
        for problem in &doc.problems {
            assert!(problem.span.start <= problem.span.end && problem.span.end <= text.len());
        }
        let mut records: Vec<_> = doc.records.into_iter().map(|(record, _)| record).collect();
        // The file is written in its canonical order: by KPI, area and period, genders T, K, M.
        records.sort_by(|a, b| (&a.kpi, &a.area, a.period).cmp(&(&b.kpi, &b.area, b.period)));
        for record in &mut records {
            record.values.sort_by_key(|gv| gv.gender);
        }
        let again = parse(&to_json(&records), Mode::File);
        assert!(again.problems.is_empty(), "{:?}", again.problems);
        let again: Vec<_> = again.records.into_iter().map(|(record, _)| record).collect();
        assert_eq!(records, again);
    }
});
