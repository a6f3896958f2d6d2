//! The round-trip equality rule.
//!
//! Two JSON values are equal when:
//! * objects have the same members, in any order; an explicit `null` and an
//!   absent member differ (the generated types keep them apart, so that a PATCH
//!   can clear a property);
//! * arrays have the same length and equal elements in the same order;
//! * numbers denote the same value: two integers are compared exactly, any
//!   other pair as `f64` (so `4`, `4.0` and `4e0` are equal);
//! * strings are equal byte for byte (no normalisation of dates, GUIDs or case);
//! * `true`, `false` and `null` equal only themselves.

use serde_json::Value;

/// The first difference between `expected` and `actual`, as `path: what`, or None when equal.
pub fn first_difference(expected: &Value, actual: &Value) -> Option<String> {
    diff_at("$", expected, actual)
}

pub fn json_equal(expected: &Value, actual: &Value) -> bool {
    first_difference(expected, actual).is_none()
}

fn diff_at(path: &str, expected: &Value, actual: &Value) -> Option<String> {
    match (expected, actual) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                match b.get(key) {
                    Some(v) => {
                        if let Some(d) = diff_at(&format!("{path}.{key}"), value, v) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{path}.{key}: missing after the round trip")),
                }
            }
            b.keys()
                .find(|k| !a.contains_key(*k))
                .map(|k| format!("{path}.{k}: added by the round trip"))
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return Some(format!("{path}: {} elements became {}", a.len(), b.len()));
            }
            a.iter()
                .zip(b)
                .enumerate()
                .find_map(|(i, (x, y))| diff_at(&format!("{path}[{i}]"), x, y))
        }
        (Value::Number(a), Value::Number(b)) => {
            let same = match (a.as_i64(), b.as_i64(), a.as_u64(), b.as_u64()) {
                (Some(x), Some(y), _, _) => x == y,
                (_, _, Some(x), Some(y)) => x == y,
                _ => a.as_f64() == b.as_f64(),
            };
            (!same).then(|| format!("{path}: {a} became {b}"))
        }
        (a, b) if a == b => None,
        (a, b) => Some(format!("{path}: {} became {}", short(a), short(b))),
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 60 {
        format!(
            "{}…",
            &s[..s.char_indices().nth(60).map(|(i, _)| i).unwrap_or(s.len())]
        )
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn member_order_does_not_matter_but_array_order_does() {
        assert!(json_equal(
            &json!({"a": 1, "b": [1, 2]}),
            &json!({"b": [1, 2], "a": 1})
        ));
        assert!(!json_equal(&json!({"b": [1, 2]}), &json!({"b": [2, 1]})));
    }

    #[test]
    fn null_and_absent_differ() {
        assert!(!json_equal(&json!({"a": null, "b": 1}), &json!({"b": 1})));
        assert!(!json_equal(&json!({"b": 1}), &json!({"a": null, "b": 1})));
        assert!(json_equal(&json!({"a": null}), &json!({"a": null})));
        assert!(!json_equal(&json!({"a": 0}), &json!({})));
    }

    #[test]
    fn numbers_compare_by_value() {
        assert!(json_equal(&json!(4), &json!(4.0)));
        assert!(json_equal(
            &json!(7.333333333333333),
            &json!(7.333333333333333)
        ));
        assert!(!json_equal(&json!(1), &json!(2)));
        assert!(!json_equal(&json!(u64::MAX), &json!(u64::MAX - 1)));
    }

    #[test]
    fn strings_are_exact_and_differences_are_located() {
        assert!(json_equal(
            &json!("2017-01-01T00:00:35.1329464-08:00"),
            &json!("2017-01-01T00:00:35.1329464-08:00")
        ));
        assert_eq!(
            first_difference(&json!({"a": [{"b": "X"}]}), &json!({"a": [{"b": "x"}]})).as_deref(),
            Some("$.a[0].b: \"X\" became \"x\"")
        );
        assert_eq!(
            first_difference(&json!({"a": 1}), &json!({})).as_deref(),
            Some("$.a: missing after the round trip")
        );
        assert_eq!(
            first_difference(&json!("1"), &json!(1)).as_deref(),
            Some("$: \"1\" became 1")
        );
    }
}
