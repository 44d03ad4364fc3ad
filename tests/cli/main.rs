//! Integration tests: the real `perspektiv` binary against fixtures, and the library in-process
//! where a property needs many runs.

mod support;
mod tagged;

mod accessibility;
mod annexes;
mod browser;
mod build;
mod completeness;
mod diff;
mod drafting;
mod errors;
mod escaping;
mod kolada;
mod language;
mod layout;
mod limits;
mod realworld;
mod review;
mod serve;
mod site;
mod snapshots;
mod table_headers;
mod tooling;
mod typography;
mod typst_warnings;
mod values;
