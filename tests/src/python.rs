//! Checks run by Python tools from PyPI (`.ci/run` installs them): whether a module
//! is there, and a script's verdict over files.

use std::process::Command;

/// Whether `import MODULE` works. When it does not, the caller skips: this prints
/// why, and panics instead when `CI=true` (CI must run the check).
pub fn module_available(module: &str, install: &str) -> bool {
    let ok = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true but {module} is not installed ({install})");
        }
        eprintln!("SKIPPED: {module} is not installed ({install})");
    }
    ok
}

/// Runs `script` with `args`: Ok when it exits 0, else Err with what it printed.
pub fn run_script<S: AsRef<std::ffi::OsStr>>(script: &str, args: &[S]) -> Result<(), String> {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
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
