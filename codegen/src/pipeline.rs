//! Pipeline: the stages wired together.
