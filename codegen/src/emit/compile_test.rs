//! The emitted crate for the small test schema, built and tested by cargo.
//!
//! Writes the crate into a temp dir (standalone: `[workspace]` appended to its
//! Cargo.toml, the workspace's Cargo.lock copied so it resolves offline to the
//! versions already built), adds `tests/roundtrip.rs`, then runs `cargo test`,
//! `cargo clippy -D warnings` and feature-subset checks. Builds share
//! `target/emit-test`.
//!
//! Measured: about 13 s with an empty `target/emit-test` (serde and serde_json
//! built once), about 5 s warm, so it is not `#[ignore]`d. Run it alone with
//! `cargo test -p graph-docgen --lib emit::compile_test -- --nocapture` (prints each cargo step's time).

use super::{emit_crate, EmitOptions};
use crate::rust_model::RustModel;
use crate::schema::test_schema::small_schema;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const ROUNDTRIP_RS: &str = r##"
use emit_test_crate::*;
use serde_json::json;

#[test]
fn derived_type_round_trips_with_unknown_properties() {
    let input = json!({
        "@odata.type": "#microsoft.graph.iosScepCertificateProfile",
        "id": "abc",
        "keySize": "size2048",
        "keyUsage": "keyEncipherment,digitalSignature",
        "unknownProp": {"a": 1},
        "newEnumValue": "x",
        "lastModifiedDateTime": "2017-01-01T00:00:35.1329464-08:00",
        "type": "t",
        "self": true,
        "odataType": "not the annotation",
        "extendedKeyUsages": [{"name": "Client", "objectIdentifier": "1.3.6.1.5.5.7.3.2", "extra": null}],
        "rootCertificate": {"@odata.type": "#microsoft.graph.iosScepCertificateProfile", "id": "root"}
    });
    let any: AnyDeviceConfiguration = serde_json::from_value(input.clone()).unwrap();
    let AnyDeviceConfiguration::IosScepCertificateProfile(p) = &any else {
        panic!("expected the derived variant, got {any:?}");
    };
    assert_eq!(p.odata_type.as_deref(), Some("#microsoft.graph.iosScepCertificateProfile"));
    assert_eq!(p.id.as_deref(), Some("abc"));
    assert_eq!(p.key_size, Some(KeySize::Size2048));
    let usage = p.key_usage.as_ref().unwrap();
    assert!(usage.contains(&KeyUsages::KeyEncipherment) && usage.contains(&KeyUsages::DigitalSignature));
    assert_eq!(p.type_.as_deref(), Some("t"));
    assert_eq!(p.self_, Some(true));
    assert_eq!(p.odata_type2.as_deref(), Some("not the annotation"));
    assert_eq!(p.last_modified_date_time.as_ref().unwrap().as_str(), "2017-01-01T00:00:35.1329464-08:00");
    assert_eq!(p.additional_properties["unknownProp"], json!({"a": 1}));
    assert_eq!(p.additional_properties["newEnumValue"], json!("x"));
    assert!(matches!(p.root_certificate.as_ref().unwrap(), AnyDeviceConfiguration::IosScepCertificateProfile(_)));
    assert_eq!(any.type_odata_type(), IosScepCertificateProfile::ODATA_TYPE);
    assert_eq!(serde_json::to_value(&any).unwrap(), input);
}

#[test]
fn text_reads_through_the_wire_adapters() {
    // `from_str` (serde_json's own deserializer, not `Value`): nested objects in an array,
    // unknown members inside them, and an `@odata.type` after another member (buffered).
    let text = concat!(
        "{\"@odata.type\":\"#microsoft.graph.iosScepCertificateProfile\",\"id\":\"p\",",
        "\"extendedKeyUsages\":[{\"name\":\"a\"},{\"name\":\"b\",\"extra\":[1,{\"x\":null}]}],",
        "\"rootCertificate\":{\"id\":\"r\",\"@odata.type\":\"#microsoft.graph.iosScepCertificateProfile\",\"keySize\":null}}",
    );
    let any: AnyDeviceConfiguration = serde_json::from_str(text).unwrap();
    let AnyDeviceConfiguration::IosScepCertificateProfile(p) = &any else { panic!("{any:?}") };
    let usages = p.extended_key_usages.as_ref().unwrap();
    assert_eq!(usages.len(), 2);
    assert_eq!(usages[1].additional_properties["extra"], json!([1, {"x": null}]));
    let AnyDeviceConfiguration::IosScepCertificateProfile(root) = p.root_certificate.as_ref().unwrap() else { panic!("{p:?}") };
    assert_eq!((root.id.as_deref(), root.key_size.as_ref()), (Some("r"), None));
    let back: serde_json::Value = serde_json::from_str(&serde_json::to_string(&any).unwrap()).unwrap();
    assert_eq!(back, serde_json::from_str::<serde_json::Value>(text).unwrap());
}

#[test]
fn wrong_values_are_serde_errors_with_their_position() {
    let e = serde_json::from_str::<IosScepCertificateProfile>(r#"{"id": 5}"#).unwrap_err();
    assert!(e.to_string().starts_with("invalid type: integer `5`, expected a string at line 1"), "{e}");
    // A `null` element of an array of objects is refused, not dropped.
    let e = serde_json::from_str::<IosScepCertificateProfile>(r#"{"extendedKeyUsages": [{"name": "a"}, null]}"#).unwrap_err();
    assert!(e.to_string().contains("null") && e.to_string().contains("line 1"), "{e}");
    assert!(serde_json::from_str::<IosScepCertificateProfile>(r#"{"extendedKeyUsages": {"name": "a"}}"#).is_err());
}

#[test]
fn unknown_enum_value_is_kept() {
    let input = json!({"@odata.type": "#microsoft.graph.iosScepCertificateProfile", "keySize": "size4096", "keyUsage": "keyEncipherment, newUsage"});
    let any: AnyDeviceConfiguration = serde_json::from_value(input).unwrap();
    let AnyDeviceConfiguration::IosScepCertificateProfile(p) = &any else { panic!("{any:?}") };
    assert_eq!(p.key_size, Some(KeySize::Undocumented("size4096".into())));
    assert!(p.key_usage.as_ref().unwrap().contains(&KeyUsages::Undocumented("newUsage".into())));
    let back = serde_json::to_value(&any).unwrap();
    assert_eq!(back["keySize"], json!("size4096"));
    // Written back as sent, a space after the comma included.
    assert_eq!(back["keyUsage"], json!("keyEncipherment, newUsage"));
    assert_eq!("size1024".parse::<KeySize>().unwrap(), KeySize::Size1024);
    assert_eq!(KeySize::from("size2048").to_string(), "size2048");
}

#[test]
fn absent_or_unknown_odata_type_gives_the_base() {
    for input in [json!({"id": "1", "displayName": "d"}), json!({"@odata.type": "#microsoft.graph.somethingNew", "id": "1", "x": [1]})] {
        let any: AnyDeviceConfiguration = serde_json::from_value(input.clone()).unwrap();
        assert!(matches!(any, AnyDeviceConfiguration::DeviceConfiguration(_)), "{any:?}");
        assert_eq!(serde_json::to_value(&any).unwrap(), input);
    }
    let from: AnyDeviceConfiguration = IosScepCertificateProfile::default().into();
    assert!(matches!(from, AnyDeviceConfiguration::IosScepCertificateProfile(_)));
}

#[test]
fn derived_type_of_another_area() {
    let input = json!({"@odata.type": "#microsoft.graph.windowsConfiguration", "edition": "pro", "id": "w"});
    let any: AnyDeviceConfiguration = serde_json::from_value(input.clone()).unwrap();
    assert!(matches!(any, AnyDeviceConfiguration::WindowsConfiguration(_)), "{any:?}");
    assert_eq!(serde_json::to_value(&any).unwrap(), input);
}

#[test]
fn nulls_stay_apart_from_absent_and_fields_clear() {
    use crate::support::Object as _;
    let input = json!({"id": null, "displayName": "d"});
    let mut p: DeviceConfiguration = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(p.id, None);
    assert_eq!(serde_json::to_value(&p).unwrap(), input);
    p.clear(DeviceConfiguration::DISPLAY_NAME);
    assert_eq!(p.display_name, None);
    assert_eq!(serde_json::to_value(&p).unwrap(), json!({"id": null, "displayName": null}));
    p.display_name = Some("e".into());
    assert_eq!(serde_json::to_value(&p).unwrap(), json!({"id": null, "displayName": "e"}));
    // A derived type clears its base's properties, and so does `AnyX`.
    let mut derived = IosScepCertificateProfile::default();
    derived.clear(DeviceConfiguration::DISPLAY_NAME);
    let mut any = AnyDeviceConfiguration::from(derived);
    any.clear(DeviceConfiguration::ID);
    assert_eq!(serde_json::to_value(&any).unwrap(), json!({"displayName": null, "id": null}));
}

#[test]
fn additional_properties_are_a_map_to_their_users() {
    // Built, changed, read and taken apart as the `BTreeMap` it derefs to.
    let mut p = DeviceConfiguration {
        additional_properties: [("b".to_string(), json!(2))].into_iter().collect(),
        ..Default::default()
    };
    p.additional_properties.insert("a".into(), json!({"x": [1]}));
    p.additional_properties.extend([("c".to_string(), json!(null))]);
    let keys: Vec<&String> = (&p.additional_properties).into_iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["a", "b", "c"]);
    assert_eq!(format!("{:?}", p.additional_properties), format!("{:?}", *p.additional_properties));
    assert_eq!(serde_json::to_value(&p).unwrap(), json!({"a": {"x": [1]}, "b": 2, "c": null}));
    let copy = p.clone();
    let map: std::collections::BTreeMap<String, serde_json::Value> = p.additional_properties.into();
    assert_eq!(map.len(), 3);
    assert_eq!(copy.additional_properties.into_inner(), map);
}

#[test]
fn recursive_type_is_boxed() {
    let input = json!({"value": 1, "child": {"value": 2, "child": {"value": 3}}});
    let n: Node = serde_json::from_value(input.clone()).unwrap();
    // `as_deref` only compiles because the field is `Option<Box<Node>>`.
    let child: &Node = n.child.as_deref().unwrap();
    assert_eq!(child.value, Some(2));
    assert_eq!(serde_json::to_value(&n).unwrap(), input);
}

#[test]
fn clashing_names() {
    let _: KeyUsage = KeyUsage::default();
    let k: KeyUsage2 = serde_json::from_value(json!({"keyUsage": "a", "key_usage": "b"})).unwrap();
    assert_eq!((k.key_usage.as_deref(), k.key_usage2.as_deref()), (Some("a"), Some("b")));
    let all = [Option_::Undocumented2, Option_::Md596, Option_::Self_, Option_::N3des, Option_::Undocumented("z".into())];
    let wire: Vec<String> = all.iter().map(|o| o.to_string()).collect();
    assert_eq!(wire, ["undocumented", "md5_96", "self", "3des", "z"]);
    assert_eq!(Option_::from("undocumented"), Option_::Undocumented2);
}

#[test]
fn edm_text_is_exact() {
    let d: edm::DateTimeOffset = serde_json::from_str("\"2017-01-01T00:00:35.1329464-08:00\"").unwrap();
    assert_eq!(serde_json::to_string(&d).unwrap(), "\"2017-01-01T00:00:35.1329464-08:00\"");
}

#[cfg(feature = "registry")]
#[test]
fn registry_round_trips_by_name() {
    let input = json!({"@odata.type": "#microsoft.graph.iosScepCertificateProfile", "keySize": "size1024", "zzz": 1});
    let out = registry::roundtrip("microsoft.graph.deviceConfiguration", input.clone()).unwrap().unwrap();
    assert_eq!(out, input);
    assert_eq!(registry::roundtrip("microsoft.graph.keySize", json!("size2048")).unwrap().unwrap(), json!("size2048"));
    assert_eq!(registry::roundtrip("microsoft.graph.keyUsages", json!("keyEncipherment")).unwrap().unwrap(), json!("keyEncipherment"));
    assert!(registry::roundtrip("microsoft.graph.nope", json!({})).is_none());
    assert!(registry::roundtrip("microsoft.graph.keySize", json!(1)).unwrap().is_err());
    assert!(registry::type_names().contains(&"microsoft.graph.node"));
}
"##;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// Writes the emitted crate (plus `tests/roundtrip.rs`) into `dir`.
pub fn write_crate(dir: &Path) {
    let opts = EmitOptions {
        crate_name: "emit-test-crate".into(),
        crate_version: "0.0.0".into(),
        layout: Default::default(),
    };
    let out = emit_crate(&RustModel::new(&small_schema()), &opts);
    let _ = std::fs::remove_dir_all(dir);
    for (path, text) in &out.files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let text = if path.ends_with("Cargo.toml") {
            format!("{text}\n[workspace]\n")
        } else {
            text.clone()
        };
        std::fs::write(path, text).unwrap();
    }
    std::fs::create_dir_all(dir.join("tests")).unwrap();
    std::fs::write(dir.join("tests/roundtrip.rs"), ROUNDTRIP_RS).unwrap();
    let lock = workspace_root().join("Cargo.lock");
    if lock.exists() {
        std::fs::copy(lock, dir.join("Cargo.lock")).unwrap();
    }
}

fn cargo(dir: &Path, args: &[&str]) {
    let started = Instant::now();
    let output = Command::new(env!("CARGO"))
        .arg(args[0])
        .arg("--offline")
        .args(&args[1..])
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            workspace_root().join("target/emit-test"),
        )
        .env_remove("RUSTFLAGS")
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    eprintln!(
        "cargo {} took {:.1}s",
        args.join(" "),
        started.elapsed().as_secs_f64()
    );
    assert!(
        output.status.success(),
        "cargo {} failed in {}:\n{}\n{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn emitted_crate_builds_tests_and_lints_clean() {
    let dir = std::env::temp_dir().join(format!("graph-docgen-emit-test-{}", std::process::id()));
    write_crate(&dir);
    cargo(&dir, &["test", "--features", "registry"]);
    cargo(
        &dir,
        &[
            "clippy",
            "--all-targets",
            "--features",
            "registry",
            "--",
            "-D",
            "warnings",
        ],
    );
    // Feature subsets: one area alone (its dependencies come along), none at all.
    cargo(
        &dir,
        &[
            "clippy",
            "--no-default-features",
            "--features",
            "intune-shared,registry",
            "--",
            "-D",
            "warnings",
        ],
    );
    // Without `intune-extra`: the gated `AnyDeviceConfiguration::WindowsConfiguration` is off.
    cargo(
        &dir,
        &[
            "clippy",
            "--no-default-features",
            "--features",
            "intune-deviceconfig",
            "--",
            "-D",
            "warnings",
        ],
    );
    cargo(
        &dir,
        &[
            "clippy",
            "--no-default-features",
            "--features",
            "registry",
            "--",
            "-D",
            "warnings",
        ],
    );
    cargo(&dir, &["doc", "--no-deps", "--features", "registry"]);
    if std::env::var_os("EMIT_TEST_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
