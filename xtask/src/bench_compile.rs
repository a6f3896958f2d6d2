//! `cargo xtask bench-compile [DOCS]`: what the generated crate costs its users.
//!
//! Generates the crate for DOCS (default: the corpus in ../shared) under
//! target/bench-crate, builds its dependencies once, then measures the crate
//! alone (its lib.rs touched before each step) with `/usr/bin/time -v`: wall
//! time, CPU time (and the wall time it allows at best on this machine's cores)
//! and peak memory of `cargo check` (default features, models only, one
//! area), and `cargo build --release` (default features), plus the size of the
//! release rlib, of the packaged `.crate`, and `cargo doc`; then what a user's
//! crate pays (`bench_user`).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

pub struct Measured {
    pub wall_s: f64,
    /// User plus system time of cargo and every rustc it ran.
    pub cpu_s: f64,
    pub peak_mib: f64,
    pub ok: bool,
}

impl Measured {
    /// The least wall time this CPU time allows on `cores` cores (none of them ever idle):
    /// what no layout of the same code can beat without making less work for rustc.
    pub fn floor_s(&self, cores: usize) -> f64 {
        self.cpu_s / cores.max(1) as f64
    }
}

/// The cores cargo runs rustc on (its default `-j`).
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// One step's line: wall time, CPU time and the floor it sets, peak memory.
fn report(label: &str, m: &Measured) {
    let cores = cores();
    println!(
        "{label:<52} {:6.1} s wall, {:6.0} MiB peak; {:6.1} s CPU (floor {:.1} s on {cores} cores){}",
        m.wall_s,
        m.peak_mib,
        m.cpu_s,
        m.floor_s(cores),
        if m.ok { "" } else { "  FAILED" }
    );
}

/// Runs `cargo ARGS` in `dir` under `/usr/bin/time -v`.
pub fn timed_cargo(dir: &Path, target: &Path, args: &[&str]) -> Measured {
    let output = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        // Cold builds, as a dependency is built: no incremental cache from an earlier step.
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .expect("/usr/bin/time runs (apt-get install time)");
    let log = String::from_utf8_lossy(&output.stderr);
    let field = |name: &str| {
        log.lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .map(|v| v.trim().to_string())
    };
    let wall_s = field("Elapsed (wall clock) time (h:mm:ss or m:ss):")
        .map(|v| {
            v.split(':').fold(0.0, |acc, part| {
                acc * 60.0 + part.parse::<f64>().unwrap_or(0.0)
            })
        })
        .unwrap_or(0.0);
    let seconds = |name: &str| {
        field(name)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let cpu_s = seconds("User time (seconds):") + seconds("System time (seconds):");
    let peak_mib = field("Maximum resident set size (kbytes):")
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0;
    if !output.status.success() {
        eprintln!("{}", &log[log.len().saturating_sub(3000)..]);
    }
    Measured {
        wall_s,
        cpu_s,
        peak_mib,
        ok: output.status.success(),
    }
}

/// Writes a binary crate `name` at `dir` that depends on the generated crate
/// at `crate_dir` (`graph_spec`: what follows its `path` in the dependency, e.g.
/// its features) and on serde and serde_json, with `main_rs` as its main, and
/// the workspace's Cargo.lock so that it builds offline with the same versions.
pub fn write_bench_crate(
    dir: &Path,
    name: &str,
    crate_dir: &Path,
    graph_spec: &str,
    extra_deps: &str,
    main_rs: &str,
) {
    std::fs::create_dir_all(dir.join("src")).expect("bench crate dir");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\ngraph-bench = {{ path = {:?}{graph_spec} }}\nserde = \"1\"\nserde_json = \"1\"\n{extra_deps}\n[workspace]\n",
            crate_dir.display().to_string()
        ),
    )
    .expect("bench crate Cargo.toml");
    std::fs::write(dir.join("src/main.rs"), main_rs).expect("bench crate main.rs");
    copy_lock(dir);
}

/// Copies the workspace's Cargo.lock into the crate at `dir`.
pub fn copy_lock(dir: &Path) {
    let _ = std::fs::copy(
        crate::workspace_root().join("Cargo.lock"),
        dir.join("Cargo.lock"),
    );
}

pub fn touch(file: &Path) {
    let text = std::fs::read(file).expect("lib.rs");
    std::fs::write(file, text).expect("touch lib.rs");
}

/// The area whose `cargo check` alone is measured: `users` (the area most Graph
/// users call) when the crate has it, else `intune-books` (the Intune corpus).
pub fn one_area(crate_dir: &Path) -> String {
    let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml")).unwrap_or_default();
    let has_users = manifest
        .lines()
        .any(|l| l.starts_with("\"users\" = [") || l.starts_with("users = ["));
    if has_users { "users" } else { "intune-books" }.to_string()
}

pub fn run(crate_dir: &Path, target: &Path, one_area: &str) {
    copy_lock(crate_dir);
    let lib = crate_dir.join("src/lib.rs");
    // What a user compiles: the default features (every area and the client), not the
    // test-only `registry` nor the `reqwest` executor. Dependencies once, in both profiles.
    timed_cargo(crate_dir, target, &["check", "--offline"]);
    timed_cargo(crate_dir, target, &["build", "--offline", "--release"]);
    let models_only = [
        "check",
        "--offline",
        "--no-default-features",
        "--features",
        "full",
    ];
    let steps: [(&str, Vec<&str>); 4] = [
        (
            "cargo check (default: all areas + client)",
            vec!["check", "--offline"],
        ),
        (
            "cargo check, models only (--features full)",
            models_only.to_vec(),
        ),
        (
            "cargo check, one area",
            vec![
                "check",
                "--offline",
                "--no-default-features",
                "--features",
                one_area,
            ],
        ),
        (
            "cargo build --release (default)",
            vec!["build", "--offline", "--release"],
        ),
    ];
    for (name, args) in steps {
        touch(&lib);
        let m = timed_cargo(crate_dir, target, &args);
        let label = if name.contains("one area") {
            format!("{name} ({one_area})")
        } else {
            name.to_string()
        };
        println!(
            "{label:<52} {:6.1} s wall, {:6.0} MiB peak{}",
            m.wall_s,
            m.peak_mib,
            if m.ok { "" } else { "  FAILED" }
        );
    }
    // The newest rlib of the crate: the release build just measured.
    let rlib = std::fs::read_dir(target.join("release/deps"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("libgraph_bench") && name.ends_with(".rlib")
        })
        .filter_map(|e| e.metadata().ok())
        .max_by_key(|m| m.modified().ok())
        .map(|m| m.len())
        .unwrap_or(0);
    println!("{:<52} {:6.1} MB", "release rlib size", rlib as f64 / 1e6);
    package_and_doc(crate_dir, target);
}

/// What publishing the crate takes: the `.crate` that `cargo package` packs
/// (crates.io refuses one over 10 MiB) and `cargo doc` of the crate alone
/// (docs.rs gives rustdoc about 15 minutes and 6 GiB).
fn package_and_doc(crate_dir: &Path, target: &Path) {
    let m = timed_cargo(
        crate_dir,
        target,
        &["package", "--offline", "--no-verify", "--allow-dirty"],
    );
    let packed = std::fs::read_dir(target.join("package"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".crate"))
        .filter_map(|e| e.metadata().ok())
        .max_by_key(|m| m.modified().ok())
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "{:<52} {:6.1} MiB{}",
        "cargo package (.crate size)",
        packed as f64 / (1024.0 * 1024.0),
        if m.ok { "" } else { "  FAILED" }
    );
    let m = timed_cargo(crate_dir, target, &["doc", "--offline", "--no-deps"]);
    println!(
        "{:<52} {:6.1} s wall, {:6.0} MiB peak{}",
        "cargo doc --no-deps (default features)",
        m.wall_s,
        m.peak_mib,
        if m.ok { "" } else { "  FAILED" }
    );
}

/// The same for the `crates` layout at `ws_dir` (a workspace: the facade at its root,
/// `crates/core` and one crate per group of area parts): every member's lib.rs touched
/// before each step; `one_area` is measured as a user picks it, through the facade's
/// feature (its crates and those they depend on), alone and with the client. Sizes are
/// the sum of the members' release rlibs and the largest member's `.crate`.
pub fn run_workspace(ws_dir: &Path, target: &Path, one_area: &str) {
    copy_lock(ws_dir);
    let libs: Vec<std::path::PathBuf> = std::iter::once(ws_dir.join("src/lib.rs"))
        .chain(
            std::fs::read_dir(ws_dir.join("crates"))
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path().join("src/lib.rs")),
        )
        .collect();
    timed_cargo(ws_dir, target, &["check", "--offline", "--workspace"]);
    timed_cargo(ws_dir, target, &["build", "--offline", "--release"]);
    let with_client = format!("{one_area},client");
    let only = |features| {
        vec![
            "check",
            "--offline",
            "--no-default-features",
            "--features",
            features,
        ]
    };
    let steps: [(String, Vec<&str>); 5] = [
        (
            "cargo check (default: all areas + client)".into(),
            vec!["check", "--offline"],
        ),
        (
            "cargo check, models only (--features full)".into(),
            only("full"),
        ),
        (format!("cargo check --features {one_area}"), only(one_area)),
        (
            format!("cargo check --features {with_client}"),
            only(&with_client),
        ),
        (
            "cargo build --release (default)".into(),
            vec!["build", "--offline", "--release"],
        ),
    ];
    // When the last step (the release build) began: the rlibs it wrote are newer.
    let mut release_started = std::time::SystemTime::now();
    for (name, args) in steps {
        libs.iter().for_each(|l| touch(l));
        release_started = std::time::SystemTime::now();
        let m = timed_cargo(ws_dir, target, &args);
        report(&name, &m);
    }
    // The files a step wrote (older ones may be another layout's, or another run's).
    let written_since = |dir: &Path, prefix: &str, suffix: &str, since| -> BTreeMap<String, u64> {
        std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let meta = e.metadata().ok()?;
                let fresh = meta.modified().ok()? >= since;
                (fresh && name.starts_with(prefix) && name.ends_with(suffix))
                    .then_some((name, meta.len()))
            })
            .collect()
    };
    let rlibs = written_since(
        &target.join("release/deps"),
        "libgraph_bench",
        ".rlib",
        release_started,
    );
    let (largest, size) = largest_file(&rlibs);
    println!(
        "{:<52} {:6.1} MB ({} rlibs; largest {largest} {:.1} MB)",
        "release rlibs, all members",
        rlibs.values().sum::<u64>() as f64 / 1e6,
        rlibs.len(),
        size as f64 / 1e6
    );
    let package_started = std::time::SystemTime::now();
    let m = timed_cargo(
        ws_dir,
        target,
        &[
            "package",
            "--offline",
            "--no-verify",
            "--allow-dirty",
            "--workspace",
        ],
    );
    let packed = written_since(
        &target.join("package"),
        "graph-bench",
        ".crate",
        package_started,
    );
    let (largest, size) = largest_file(&packed);
    println!(
        "{:<52} {:6.1} MiB ({largest}){}",
        "cargo package --workspace (largest .crate)",
        size as f64 / (1024.0 * 1024.0),
        if m.ok { "" } else { "  FAILED" }
    );
    let m = timed_cargo(
        ws_dir,
        target,
        &["doc", "--offline", "--no-deps", "--workspace"],
    );
    println!(
        "{:<52} {:6.1} s wall, {:6.0} MiB peak{}",
        "cargo doc --no-deps --workspace",
        m.wall_s,
        m.peak_mib,
        if m.ok { "" } else { "  FAILED" }
    );
}

/// The largest file of `files` (name -> size), or `("", 0)`.
fn largest_file(files: &BTreeMap<String, u64>) -> (&str, u64) {
    files
        .iter()
        .max_by_key(|(_, len)| **len)
        .map_or(("", 0), |(name, len)| (name.as_str(), *len))
}
