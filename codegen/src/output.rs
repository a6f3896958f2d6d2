//! Output: atomic, write-only-when-changed file output.
