//! The runtime files of the generated crate, copied verbatim from templates
//! (`emit/runtime/*.rs`) behind the do-not-edit header.

/// `src/support.rs`: keys, the object visitor, enum and flags (de)serialization.
pub const SUPPORT: &str = include_str!("runtime/support.rs");
/// `src/edm.rs`: newtypes for the Edm primitives that are strings on the wire.
pub const EDM: &str = include_str!("runtime/edm.rs");

/// The runtime files keyed by crate-relative path.
pub fn files() -> [(&'static str, &'static str); 2] {
    [("src/support.rs", SUPPORT), ("src/edm.rs", EDM)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::names::RESERVED_TYPE_NAMES;

    /// Every public type the runtime defines is a name generated types may not take.
    #[test]
    fn runtime_names_are_reserved() {
        for (_, text) in files() {
            for line in text.lines() {
                let line = line.trim_start();
                for prefix in ["pub struct ", "pub trait ", "pub enum "] {
                    if let Some(rest) = line.strip_prefix(prefix) {
                        let name: String = rest
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        if name != "$name" && !name.is_empty() {
                            assert!(
                                RESERVED_TYPE_NAMES.contains(&name.as_str()),
                                "{name} is not reserved"
                            );
                        }
                    }
                }
            }
        }
        for edm in [
            "DateTimeOffset",
            "Date",
            "TimeOfDay",
            "Duration",
            "Guid",
            "Binary",
            "Stream",
        ] {
            assert!(EDM.contains(&format!("    {edm}\n}}")), "{edm}");
            assert!(RESERVED_TYPE_NAMES.contains(&edm));
        }
    }
}
