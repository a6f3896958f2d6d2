//! Diagnostics as one SARIF 2.1.0 log (`--format sarif`), the format GitHub code
//! scanning (`github/codeql-action/upload-sarif`) and other review tools read.
//!
//! One run; the tool's rules are every listed code ([`super::codes`]) with its
//! description and fix; each result carries its rule, level (`error`, `warning`,
//! `note`), message (with the help), and the page and line, the page relative to
//! the checkout (see [`super::paths`]) under the base id `%SRCROOT%`. The related
//! places of a finding are its `relatedLocations`.
//!
//! Written with serde derives over the few SARIF objects used rather than the
//! `serde-sarif` crate: see the note in `Cargo.toml`.

use super::codes::{rules, Rule};
use super::{Diagnostic, Severity};
use serde::Serialize;

pub const SARIF_VERSION: &str = "2.1.0";
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The base id every result's page is relative to: the checkout (or `--paths-from`).
pub const SRCROOT: &str = "%SRCROOT%";

#[derive(Debug, Serialize)]
pub struct Log {
    #[serde(rename = "$schema")]
    pub schema: &'static str,
    pub version: &'static str,
    pub runs: Vec<Run>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    pub tool: Tool,
    pub results: Vec<SarifResult>,
}

#[derive(Debug, Serialize)]
pub struct Tool {
    pub driver: Driver,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Driver {
    pub name: &'static str,
    pub version: &'static str,
    pub information_uri: &'static str,
    pub rules: Vec<ReportingDescriptor>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportingDescriptor {
    pub id: String,
    pub short_description: Text,
    pub full_description: Text,
    pub help: Text,
    pub default_configuration: Configuration,
}

#[derive(Debug, Serialize)]
pub struct Configuration {
    pub level: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Text {
    pub text: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifResult {
    pub rule_id: String,
    pub rule_index: usize,
    pub level: &'static str,
    pub message: Text,
    pub locations: Vec<SarifLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_locations: Vec<SarifLocation>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifLocation {
    pub physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Text>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhysicalLocation {
    pub artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactLocation {
    pub uri: String,
    pub uri_base_id: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    pub start_line: u32,
}

pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn descriptor(rule: &Rule) -> ReportingDescriptor {
    let level = match rule.severities.first().copied() {
        Some("error") => "error",
        Some("note") => "note",
        _ => "warning",
    };
    ReportingDescriptor {
        id: rule.code.to_string(),
        short_description: Text {
            text: rule.description.to_string(),
        },
        full_description: Text {
            text: format!("{} ({})", rule.description, rule.severities.join(", ")),
        },
        help: Text {
            text: format!("Fix: {}", rule.fix),
        },
        default_configuration: Configuration { level },
    }
}

/// A relative path as a URI reference: `/` kept, anything but unreserved characters percent-encoded.
pub fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn location(file: &str, line: u32, message: Option<String>) -> SarifLocation {
    SarifLocation {
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: uri(file),
                uri_base_id: SRCROOT,
            },
            region: (line > 0).then_some(Region { start_line: line }),
        },
        message: message.map(|text| Text { text }),
    }
}

/// The log of `diags`; `map` turns a diagnostic's file into the checkout-relative path.
pub fn log(diags: &[Diagnostic], map: &dyn Fn(&str) -> String) -> Log {
    let mut descriptors: Vec<ReportingDescriptor> = rules().iter().map(descriptor).collect();
    let mut results = Vec::with_capacity(diags.len());
    for d in diags {
        let rule_index = match descriptors.iter().position(|r| r.id == d.code) {
            Some(i) => i,
            None => {
                // Not listed (a test forbids it): still a rule of its own.
                descriptors.push(ReportingDescriptor {
                    id: d.code.to_string(),
                    short_description: Text {
                        text: d.code.to_string(),
                    },
                    full_description: Text {
                        text: d.code.to_string(),
                    },
                    help: Text {
                        text: String::new(),
                    },
                    default_configuration: Configuration {
                        level: level(d.severity),
                    },
                });
                descriptors.len() - 1
            }
        };
        let mut text = d.message.clone();
        if let Some(help) = &d.help {
            text.push_str(&format!("\nhelp: {help}"));
        }
        results.push(SarifResult {
            rule_id: d.code.to_string(),
            rule_index,
            level: level(d.severity),
            message: Text { text },
            locations: vec![location(&map(&d.file), d.line, None)],
            related_locations: d
                .related
                .iter()
                .map(|r| location(&map(&r.file), r.line, Some(r.message.clone())))
                .collect(),
        });
    }
    Log {
        schema: SARIF_SCHEMA,
        version: SARIF_VERSION,
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "graph-docgen",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: "https://github.com/microsoftgraph/microsoft-graph-docs",
                    rules: descriptors,
                },
            },
            results,
        }],
    }
}

/// The log as pretty JSON with a trailing newline.
pub fn to_json(diags: &[Diagnostic], map: &dyn Fn(&str) -> String) -> String {
    let mut s = serde_json::to_string_pretty(&log(diags, map)).expect("the log serializes");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Code, Location};

    #[test]
    fn results_carry_rule_level_and_place() {
        let d = Diagnostic::warning(Code::TypeCell, &Location::new("beta/a b.md", 12), "bad")
            .with_help("fix it")
            .with_related(&Location::new("beta/c.md", 3), "also here");
        let v: serde_json::Value =
            serde_json::from_str(&to_json(&[d], &|f| format!("docs/{f}"))).unwrap();
        assert_eq!(v["version"], "2.1.0");
        let run = &v["runs"][0];
        let r = &run["results"][0];
        assert_eq!(r["ruleId"], "type-cell");
        assert_eq!(r["level"], "warning");
        assert_eq!(r["message"]["text"], "bad\nhelp: fix it");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "docs/beta/a%20b.md");
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert_eq!(loc["region"]["startLine"], 12);
        assert_eq!(
            r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "docs/beta/c.md"
        );
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        let rule = &run["tool"]["driver"]["rules"][i];
        assert_eq!(rule["id"], "type-cell");
        assert!(rule["help"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Fix: write the type"));
        assert_eq!(rule["defaultConfiguration"]["level"], "warning");
    }
}
