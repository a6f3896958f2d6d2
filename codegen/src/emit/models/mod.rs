//! The items of the data model: one struct, enum or `AnyX` per schema type, and
//! the registry from type names to those items.

pub mod enums;
pub mod polymorphic;
pub mod registry;
pub mod structs;
