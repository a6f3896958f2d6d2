//! The Rust types typify generates from the OpenAPI document of docs-input's
//! `intune-deviceconfig` area (see build.rs). That this crate compiles is the
//! proof; the tests read a docs example through the generated types.

#[allow(clippy::all, dead_code, unused_imports, non_camel_case_types)]
pub mod intune_deviceconfig {
    include!(concat!(env!("OUT_DIR"), "/intune_deviceconfig.rs"));
}
