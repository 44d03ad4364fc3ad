//! Rebuilds the program when a built-in template is added, changed or removed: the templates in
//! `templates/` are embedded in the binary.

fn main() {
    println!("cargo:rerun-if-changed=templates");
}
