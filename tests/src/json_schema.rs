//! JSON documents checked against a JSON Schema (draft 2020-12) by a real validator:
//! Python's `jsonschema`, which `.ci/run` installs with openapi-spec-validator.

use std::path::{Path, PathBuf};
use std::process::Command;

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

/// Whether the validator can run here; when it cannot, the caller skips: this prints
/// why, and panics instead when `CI=true` (CI must run the check).
pub fn validator_available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true but Python's jsonschema is not installed (pip install jsonschema)");
        }
        eprintln!("SKIPPED: Python's jsonschema is not installed (pip install jsonschema)");
    }
    ok
}

/// Validates `files` against the JSON Schema in `schema`: Err with the report when any fails.
pub fn validate(schema: &Path, files: &[PathBuf]) -> Result<(), String> {
    let out = Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .arg(schema)
        .args(files)
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}
