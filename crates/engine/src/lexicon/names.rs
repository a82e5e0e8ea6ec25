//! Parts of personal names.

use super::word_list;

word_list! {
    /// Lower-case particles inside personal names ("de", "van", "bin").
    NAME_PARTICLES, is_name_particle:
        "de"
        | "van"
        | "von"
        | "da"
        | "bin"
        | "al"
}
