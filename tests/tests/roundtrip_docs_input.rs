//! Every JSON example in docs-input/ goes through the checked-in generated
//! types and back, and must come back equal (the rule: codegen/src/check/equality.rs).

use graph_docgen::check::roundtrip::{self, Outcome};
use graph_docgen::pipeline::{load, Progress};
use graph_docgen_tests::docs_input;

#[test]
fn every_docs_input_example_round_trips() {
    let model = load(&[docs_input()], Progress::Never);
    let report = roundtrip::run(&model.schema, &model.examples, &|ty, json| {
        graph_generated::registry::roundtrip(ty, json).map(|r| r.map_err(|e| e.to_string()))
    });
    print!("{}", report.render());
    let typed = report
        .results
        .iter()
        .filter(|r| r.outcome != Outcome::Skipped)
        .count();
    assert!(
        typed >= 10,
        "the five seed pages hold 10 request/response bodies; only {typed} were typed"
    );
    assert_eq!(
        report.count(Outcome::GeneratorDefect),
        0,
        "generator defects"
    );
    assert_eq!(
        report.count(Outcome::DocDefect),
        0,
        "the seed examples agree with their tables"
    );
}

/// A polymorphic base read as its `AnyX` enum: the variant follows `@odata.type`,
/// and the base's properties are reached whatever the variant.
#[test]
fn any_enums_give_their_base_whatever_the_variant() {
    use graph_generated::AnyDeviceConfiguration;
    let json = r##"{"@odata.type": "#microsoft.graph.iosScepCertificateProfile", "displayName": "scep", "keySize": "size2048"}"##;
    let mut any: AnyDeviceConfiguration = serde_json::from_str(json).unwrap();
    assert!(matches!(
        any,
        AnyDeviceConfiguration::IosScepCertificateProfile(_)
    ));
    assert_eq!(any.base().display_name.as_deref(), Some("scep"));
    assert_eq!(any.display_name.as_deref(), Some("scep"), "through Deref");
    any.base_mut().display_name = Some("renamed".into());
    let back = serde_json::to_value(&any).unwrap();
    assert_eq!(back["displayName"], "renamed");
    assert_eq!(back["keySize"], "size2048", "the derived part is kept");
}

/// A flags set keeps the spacing it was sent with (.NET writes `"a, b"`, the docs both ways).
#[test]
fn flags_keep_their_spacing() {
    for text in [
        "keyEncipherment,digitalSignature",
        "keyEncipherment, digitalSignature",
    ] {
        let json = format!(r#"{{"keyUsage": "{text}"}}"#);
        let profile: graph_generated::IosScepCertificateProfile =
            serde_json::from_str(&json).unwrap();
        let usage = profile.key_usage.clone().expect("read");
        assert_eq!(usage.members.len(), 2);
        assert_eq!(serde_json::to_value(&profile).unwrap()["keyUsage"], text);
    }
}
