//! Check: the docs' JSON examples against the schema (doc defects) and through
//! the generated types and back (round trip).

pub mod equality;
pub mod formats;
pub mod roundtrip;
pub mod validate;

pub use equality::{first_difference, json_equal};
pub use roundtrip::{Outcome, RoundtripReport};
