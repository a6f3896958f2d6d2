//! Primitive value formats: what a JSON value of each `Edm.*` type must look like.
//!
//! Strings are checked for shape only (enough to tell a real value from the
//! docs' placeholders such as `"String (timestamp)"`, `"Guid"`, `"binary"`),
//! never normalised: the generated types keep the text as it is.

use super::validate::DefectClass;
use serde_json::Value;

/// Ok, or (defect class, message).
pub fn valid_primitive(ty: &str, value: &Value) -> Result<(), (DefectClass, String)> {
    let kind_ok = match ty {
        "Edm.String" => value.is_string(),
        "Edm.Boolean" => value.is_boolean(),
        "Edm.Int16" | "Edm.Int32" | "Edm.Int64" | "Edm.Byte" | "Edm.SByte" => {
            value.is_i64() || value.is_u64()
        }
        "Edm.Double" | "Edm.Single" | "Edm.Decimal" => value.is_number(),
        "Edm.Untyped" => true,
        _ => value.is_string(),
    };
    if !kind_ok {
        let found = match value {
            Value::String(s) => format!("the string {s:?}"),
            other => other.to_string(),
        };
        return Err((
            DefectClass::WrongType,
            format!("expected `{ty}`, found {found}"),
        ));
    }
    if let Some(range) = integer_range(ty) {
        if !value.as_i64().is_some_and(|v| range.contains(&v)) {
            return Err((
                DefectClass::WrongType,
                format!("{value} is out of the range of `{ty}`"),
            ));
        }
    }
    let Value::String(s) = value else {
        return Ok(());
    };
    let shape_ok = match ty {
        "Edm.DateTimeOffset" => is_date(s) && s.as_bytes().get(10) == Some(&b'T'),
        "Edm.Date" => s.len() == 10 && is_date(s),
        "Edm.TimeOfDay" => s.len() >= 8 && s.as_bytes()[2] == b':' && s.as_bytes()[5] == b':',
        "Edm.Duration" => s.trim_start_matches('-').starts_with('P'),
        "Edm.Guid" => is_guid(s),
        "Edm.Binary" => is_base64(s),
        "Edm.Stream" => !s.starts_with("<Unknown"),
        _ => true,
    };
    if shape_ok {
        Ok(())
    } else {
        Err((
            DefectClass::Placeholder,
            format!("{s:?} is not a `{ty}` value"),
        ))
    }
}

fn integer_range(ty: &str) -> Option<std::ops::RangeInclusive<i64>> {
    match ty {
        "Edm.Byte" => Some(0..=255),
        "Edm.SByte" => Some(-128..=127),
        "Edm.Int16" => Some(i16::MIN.into()..=i16::MAX.into()),
        "Edm.Int32" => Some(i32::MIN.into()..=i32::MAX.into()),
        _ => None,
    }
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[7] == b'-'
}

fn is_guid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| {
            if [8, 13, 18, 23].contains(&i) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

fn is_base64(s: &str) -> bool {
    s.len().is_multiple_of(4)
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn placeholders_are_told_from_values() {
        assert!(valid_primitive(
            "Edm.DateTimeOffset",
            &json!("2017-01-01T00:00:35.1329464-08:00")
        )
        .is_ok());
        assert_eq!(
            valid_primitive("Edm.DateTimeOffset", &json!("String (timestamp)"))
                .unwrap_err()
                .0,
            DefectClass::Placeholder
        );
        assert!(
            valid_primitive("Edm.Guid", &json!("f9882bcd-2bcd-f988-cd2b-88f9cd2b88f9")).is_ok()
        );
        assert_eq!(
            valid_primitive("Edm.Guid", &json!("Guid")).unwrap_err().0,
            DefectClass::Placeholder
        );
        assert!(valid_primitive("Edm.Binary", &json!("Y2VydERhdGE=")).is_ok());
        assert_eq!(
            valid_primitive("Edm.Binary", &json!("binary"))
                .unwrap_err()
                .0,
            DefectClass::Placeholder
        );
        assert_eq!(
            valid_primitive("Edm.Double", &json!("4.2")).unwrap_err().0,
            DefectClass::WrongType
        );
        assert!(valid_primitive("Edm.Double", &json!(7)).is_ok());
        assert_eq!(
            valid_primitive("Edm.Int32", &json!(1.5)).unwrap_err().0,
            DefectClass::WrongType
        );
        assert!(valid_primitive("Edm.Duration", &json!("-PT17.1357909S")).is_ok());
        assert!(valid_primitive("Edm.TimeOfDay", &json!("11:58:49.3840000")).is_ok());
        assert!(valid_primitive("Edm.Date", &json!("2016-12-31")).is_ok());
    }
}
