//! Rebuilds the program when a built-in template or a message catalogue is added, changed or
//! removed: the templates in `templates/` and the catalogues in `i18n/` are embedded in the
//! binary, each folder whole.

fn main() {
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=i18n");
}
