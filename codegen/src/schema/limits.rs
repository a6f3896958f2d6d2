//! Sizes the generated Rust can hold. A type or enum larger than this is cut,
//! with a diagnostic: the rest of its members still round-trip (unknown
//! properties land in `additional_properties`, unknown enum values in
//! `Undocumented`), so nothing a service sends is lost.

use super::model::{Member, Property};
use crate::diag::{Code, Diagnostic, Location};

/// The most properties a type declares. rustc runs out of stack on the derived
/// `PartialEq` of a struct with tens of thousands of fields (and of memory
/// before that on 24 GiB); the largest type of the Graph beta reference
/// (2021-07) declares 283.
pub const MAX_PROPERTIES: usize = 1_000;

/// The most members an enum has; the largest enum of the Graph beta reference has 50.
pub const MAX_MEMBERS: usize = 1_000;

/// Keeps the first [`MAX_PROPERTIES`] properties (in name order) and
/// [`MAX_MEMBERS`] members (in documented order) of `type_name`; `too-large-type`
/// at `at` (the type's first source) when something was cut.
pub fn cut_to_size(
    type_name: &str,
    at: &Location,
    properties: &mut Vec<Property>,
    members: &mut Vec<Member>,
    diags: &mut Vec<Diagnostic>,
) {
    for (what, len, max) in [
        ("properties", properties.len(), MAX_PROPERTIES),
        ("members", members.len(), MAX_MEMBERS),
    ] {
        if len > max {
            diags.push(
                Diagnostic::warning(
                    Code::TooLargeType,
                    at,
                    format!("`{type_name}` has {len} {what}, more than the {max} a generated type holds; the first {max} are kept"),
                )
                .with_help(format!("split the type: no Graph type has more than a few hundred {what}")),
            );
        }
    }
    properties.truncate(MAX_PROPERTIES);
    members.truncate(MAX_MEMBERS);
}
