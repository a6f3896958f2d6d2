//! Source: find and decode the pages.
