//! OpenAPI documents checked by a real validator: openapi-spec-validator
//! (PyPI; `.ci/run` installs it), run once over all the files of a check.

use std::path::{Path, PathBuf};
use std::process::Command;

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

/// Whether the validator can run here. When it cannot, the caller skips: this
/// prints why, and panics instead when `CI=true` (CI must run the check).
pub fn validator_available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import openapi_spec_validator"])
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but openapi-spec-validator is not installed (pip install openapi-spec-validator)");
    }
    eprintln!(
        "SKIPPED: openapi-spec-validator is not installed (pip install openapi-spec-validator)"
    );
    false
}

/// Runs the validator over `files`: Err with its report when any is invalid.
pub fn validate(files: &[PathBuf]) -> Result<(), String> {
    let out = Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
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
