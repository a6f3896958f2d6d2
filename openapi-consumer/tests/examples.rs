//! Every JSON example of docs-input whose type lives in the intune-deviceconfig
//! area goes through the types typify generated from that area's OpenAPI
//! document and back, and comes back equal by the README's rule, with one
//! allowance: typify reads `date-time` as `chrono::DateTime<Utc>`, which writes
//! the same instant in UTC, so timestamps are compared as instants.

use graph_docgen::check::equality::{first_difference, json_equal};
use graph_docgen::pipeline::{load, Progress};
use openapi_consumer::intune_deviceconfig::*;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;
use std::path::Path;

fn through<T: DeserializeOwned + Serialize>(value: &Value) -> Result<Value, String> {
    let typed: T = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

/// The example through the generated type of `type_name`, None for a type of another area.
fn round_trip(type_name: &str, value: &Value) -> Option<Result<Value, String>> {
    Some(match type_name {
        "microsoft.graph.iosScepCertificateProfile" => {
            through::<MicrosoftGraphIosScepCertificateProfile>(value)
        }
        "microsoft.graph.iosImportedPFXCertificateProfile" => {
            through::<MicrosoftGraphIosImportedPfxCertificateProfile>(value)
        }
        "microsoft.graph.managedDeviceCertificateState" => {
            through::<MicrosoftGraphManagedDeviceCertificateState>(value)
        }
        _ => return None,
    })
}

/// Every RFC 3339 timestamp as the UTC instant it names.
fn instants(value: &Value) -> Value {
    match value {
        Value::String(s) => match chrono::DateTime::parse_from_rfc3339(s) {
            Ok(t) => Value::String(format!(
                "{}.{:09}Z",
                t.timestamp(),
                t.timestamp_subsec_nanos()
            )),
            Err(_) => value.clone(),
        },
        Value::Array(items) => Value::Array(items.iter().map(instants).collect()),
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), instants(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[test]
fn docs_input_examples_round_trip_through_the_typify_types() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
    let model = load(&[docs], Progress::Never);
    let mut passed = 0;
    for example in &model.examples {
        for instance in &example.instances {
            let area = model
                .schema
                .type_def(&instance.type_name)
                .map(|t| t.area.as_str());
            let back = match round_trip(&instance.type_name, &instance.value) {
                Some(back) => back,
                None => {
                    assert_ne!(
                        area,
                        Some("intune-deviceconfig"),
                        "{}: {} is in the area: map it to its generated type",
                        example.source,
                        instance.type_name
                    );
                    continue;
                }
            };
            let back = back.unwrap_or_else(|e| panic!("{}: {e}", example.source));
            let (expected, actual) = (instants(&instance.value), instants(&back));
            assert!(
                json_equal(&expected, &actual),
                "{}: {:?}",
                example.source,
                first_difference(&expected, &actual)
            );
            passed += 1;
        }
    }
    println!("typify round trip: {passed} examples equal");
    assert!(passed > 0, "docs-input has examples of the area");
}
