//! JSON documents checked against a JSON Schema (draft 2020-12) by a real validator:
//! Python's `jsonschema`, which `.ci/run` installs with openapi-spec-validator.

use std::path::{Path, PathBuf};

/// Checks the schema itself, then every file; prints each failing file with its first errors.
const SCRIPT: &str = r#"
import json, sys
from jsonschema import Draft202012Validator
with open(sys.argv[1], encoding="utf-8") as f:
    schema = json.load(f)
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)
failed = 0
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        errors = list(validator.iter_errors(json.load(f)))
    if errors:
        failed += 1
        for e in errors[:5]:
            print(f"{path}: at {'/'.join(map(str, e.absolute_path))}: {e.message[:500]}")
sys.exit(1 if failed else 0)
"#;

/// Whether the validator can run here (see [`crate::python::module_available`]).
pub fn validator_available() -> bool {
    crate::python::module_available("jsonschema", "pip install jsonschema")
}

/// Validates `files` against the JSON Schema in `schema`: Err with the report when any fails.
pub fn validate(schema: &Path, files: &[PathBuf]) -> Result<(), String> {
    let mut args = vec![schema.to_path_buf()];
    args.extend(files.iter().cloned());
    crate::python::run_script(SCRIPT, &args)
}
