//! graph-docgen: Microsoft Graph reference pages in, Rust out.
//!
//! One pipeline, one direction:
//!
//! ```text
//! source (walkdir) -> parse (one page, pure) -> facts -> schema (merge, resolve, infer, validate) -> Rust model -> emit -> check
//! ```
//!
//! * [`source`] finds and decodes the pages.
//! * [`parse`] turns one page into [`facts::PageFacts`].
//! * [`schema`] merges the facts of all pages into the [`schema::Schema`], the one contract emit reads.
//! * [`rust_model`] resolves the schema into Rust names, fields, families, areas and client paths, once.
//! * [`emit`] prints a crate (models, client, registry) from the Rust model.
//! * [`check`] states and applies the round-trip equality rule for the docs' JSON examples.
//! * [`hidden_chars`] says which characters a reader cannot see, for parse to report and emit to escape.
//! * [`output`] writes files atomically and only when they changed.
//! * [`harness`] builds a harness against a generated crate and round-trips examples through it.
//! * [`loopback`] replays the docs' example pairs through a generated client over loopback HTTP.
//! * [`verify`] generates, builds and round-trips a docs tree (`graph-docgen verify`).
//! * [`openapi`] writes one OpenAPI 3.0.3 document per doc area from the schema (`graph-docgen openapi`).
//! * [`diff`] compares two schemas and says what breaks users of the generated crate.

pub mod check;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod facts;
pub mod harness;
pub mod hidden_chars;
pub mod loopback;
pub mod openapi;
pub mod output;
pub mod parse;
pub mod pipeline;
pub mod rust_model;
pub mod schema;
pub mod source;
pub mod verify;
