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
