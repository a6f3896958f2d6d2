//! OpenAPI documents checked by a real validator: openapi-spec-validator
//! (PyPI; `.ci/run` installs it), run once over all the files of a check.

use std::path::{Path, PathBuf};

/// Validates every file; reports each failing file with the validator's message.
const SCRIPT: &str = r#"
import json, sys
from openapi_spec_validator import validate
failed = 0
for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as f:
            validate(json.load(f))
    except Exception as e:
        failed += 1
        print(f"{path}: {str(e)[:2000]}")
sys.exit(1 if failed else 0)
"#;

/// Whether the validator can run here (see [`crate::python::module_available`]).
pub fn validator_available() -> bool {
    crate::python::module_available(
        "openapi_spec_validator",
        "pip install openapi-spec-validator",
    )
}

/// Runs the validator over `files`: Err with its report when any is invalid.
pub fn validate(files: &[PathBuf]) -> Result<(), String> {
    crate::python::run_script(SCRIPT, files)
}

/// The `*.json` documents in `dir`, sorted.
pub fn documents_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the documents were written")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}
