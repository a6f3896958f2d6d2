//! Round trip: every example through the compiled types and back.
//!
//! The generated crate's `registry::roundtrip` is passed in as a function, so
//! this code runs for any generated crate (the checked-in one, or the corpus
//! crate built in a test).
//!
//! Classification of an example:
//! * passed: no doc defect, and every instance came back equal (see [`super::equality`]);
//! * doc defect: [`super::validate`] found a defect in it, and no instance that
//!   deserialized came back different;
//! * generator defect: an instance deserialized but came back different, failed to
//!   deserialize with no doc defect to explain it, or has a type the crate lacks.
//!
//! Examples with nothing typed in them (bodies of untyped operations) are counted as skipped.
//! Instances of `Edm.*` types (action results) are checked by [`super::validate`] alone.

use super::equality::first_difference;
use super::validate::Validator;
use crate::schema::examples::PlannedExample;
use crate::schema::Schema;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// The generated `registry::roundtrip`: type name, JSON in; JSON back, or an error; None for an unknown type.
pub type RoundtripFn<'a> = dyn Fn(&str, Value) -> Option<Result<Value, String>> + 'a;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    Passed,
    DocDefect,
    GeneratorDefect,
    Skipped,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExampleResult {
    pub source: String,
    pub type_name: Option<String>,
    pub outcome: Outcome,
    /// Doc defect classes found (sorted, unique).
    pub classes: Vec<&'static str>,
    /// What went wrong, one line each.
    pub messages: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoundtripReport {
    pub results: Vec<ExampleResult>,
}

impl RoundtripReport {
    pub fn count(&self, outcome: Outcome) -> usize {
        self.results.iter().filter(|r| r.outcome == outcome).count()
    }
    /// Examples with a doc defect, per class.
    pub fn doc_defects_by_class(&self) -> BTreeMap<&'static str, usize> {
        let mut out = BTreeMap::new();
        for r in self
            .results
            .iter()
            .filter(|r| r.outcome == Outcome::DocDefect)
        {
            for c in &r.classes {
                *out.entry(*c).or_insert(0) += 1;
            }
        }
        out
    }
    /// The report's last line: `roundtrip: N passed, N failed, N skipped`.
    pub fn summary_line(&self) -> String {
        let failed = self.count(Outcome::DocDefect) + self.count(Outcome::GeneratorDefect);
        format!(
            "roundtrip: {} passed, {} failed, {} skipped",
            self.count(Outcome::Passed),
            failed,
            self.count(Outcome::Skipped)
        )
    }
    /// Human report: every failure by file:line, the counts per class, then the summary line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for r in self
            .results
            .iter()
            .filter(|r| matches!(r.outcome, Outcome::DocDefect | Outcome::GeneratorDefect))
        {
            let what = if r.outcome == Outcome::DocDefect {
                "doc defect"
            } else {
                "GENERATOR DEFECT"
            };
            out += &format!(
                "{}: {what} [{}] {}\n",
                r.source,
                r.classes.join(","),
                r.type_name.as_deref().unwrap_or("-")
            );
            for m in r.messages.iter().take(5) {
                out += &format!("    {m}\n");
            }
        }
        out += &format!(
            "generator defects: {}\n",
            self.count(Outcome::GeneratorDefect)
        );
        for (class, n) in self.doc_defects_by_class() {
            out += &format!("doc defects [{class}]: {n}\n");
        }
        out += &self.summary_line();
        out.push('\n');
        out
    }
}

pub fn run(
    schema: &Schema,
    planned: &[PlannedExample],
    roundtrip: &RoundtripFn,
) -> RoundtripReport {
    let validator = Validator::new(schema);
    let results = planned
        .iter()
        .map(|example| one(&validator, example, roundtrip))
        .collect();
    RoundtripReport { results }
}

fn one(validator: &Validator, example: &PlannedExample, roundtrip: &RoundtripFn) -> ExampleResult {
    let defects = validator.defects(example);
    let mut classes: Vec<&'static str> = defects.iter().map(|d| d.class.as_str()).collect();
    classes.sort();
    classes.dedup();
    let mut messages: Vec<String> = defects
        .iter()
        .map(|d| format!("{}: {}", d.path, d.message))
        .collect();
    let result = |outcome, messages| ExampleResult {
        source: example.source.clone(),
        type_name: example.type_name.clone(),
        outcome,
        classes: classes.clone(),
        messages,
    };
    if example.instances.is_empty() {
        return result(Outcome::Skipped, messages);
    }
    let mut generator_defect = false;
    let mut failed_to_read = false;
    for instance in &example.instances {
        let ty = &instance.type_name;
        let items: Vec<(String, &Value)> = match (instance.collection, &instance.value) {
            (true, Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{}[{i}]", instance.path), v))
                .collect(),
            (_, value) => vec![(instance.path.clone(), value)],
        };
        for (path, item) in items {
            if ty.starts_with("Edm.") {
                continue;
            }
            match roundtrip(ty, item.clone()) {
                None => {
                    generator_defect = true;
                    messages.push(format!("{path}: the generated crate has no type `{ty}`"));
                }
                Some(Err(e)) => {
                    failed_to_read = true;
                    messages.push(format!("{path}: does not deserialize into `{ty}`: {e}"));
                }
                Some(Ok(back)) => {
                    if let Some(diff) = first_difference(item, &back) {
                        generator_defect = true;
                        messages.push(format!(
                            "{path}: round trip changed the value: {}",
                            diff.replacen('$', &path, 1)
                        ));
                    }
                }
            }
        }
    }
    let outcome = if generator_defect || (failed_to_read && classes.is_empty()) {
        Outcome::GeneratorDefect
    } else if !classes.is_empty() {
        Outcome::DocDefect
    } else {
        Outcome::Passed
    };
    result(outcome, messages)
}
