//! Schema: merge the facts of every page into one [`Schema`].

pub mod model;

pub use model::*;
