//! Description cells: the text, `Possible values are:` lists, read-only hints,
//! and the `Inherited from [X](...)` declarer.

use super::inline::{plain_text, Inline};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Description {
    pub text: String,
    pub possible_values: Vec<String>,
    pub read_only_hint: bool,
    pub inherited_from: Option<String>,
}

pub fn read(inlines: &[Inline]) -> Description {
    let text = plain_text(inlines);
    let lower = text.to_ascii_lowercase();
    Description {
        read_only_hint: lower.contains("read-only")
            || lower.contains("read only")
            || lower.contains("readonly"),
        possible_values: possible_values(inlines),
        inherited_from: inherited_from(inlines),
        text,
    }
}

/// The code spans after the first `Possible values are:` up to the end of that
/// sentence (a text run with a period). The numbered form
/// ``0 - `Not Ready`, 1 - `Ready` `` is a pseudo-enum on `Int32` rows, not an
/// enum: it yields nothing.
fn possible_values(inlines: &[Inline]) -> Vec<String> {
    const PHRASE: &str = "possible values are";
    let Some(start) = inlines
        .iter()
        .position(|i| matches!(i, Inline::Text(t) if t.to_ascii_lowercase().contains(PHRASE)))
    else {
        return Vec::new();
    };
    let mut values = Vec::new();
    // Text after the phrase in the same run (before the first code span).
    if let Inline::Text(t) = &inlines[start] {
        let lower = t.to_ascii_lowercase();
        let tail = &t[lower.find(PHRASE).unwrap_or(0) + PHRASE.len()..];
        if tail.chars().any(|c| c.is_ascii_digit()) {
            return Vec::new();
        }
    }
    for inline in &inlines[start + 1..] {
        match inline {
            Inline::Code(c) => values.push(c.trim().to_string()),
            Inline::Text(t) => {
                if t.chars().any(|c| c.is_ascii_digit()) && values.len() <= 1 {
                    // `0 - `a`, 1 - `b``: numbered pseudo-enum.
                    return Vec::new();
                }
                if t.contains('.') {
                    break;
                }
            }
            _ => break,
        }
    }
    values
}

/// The label of a link right after text ending in `Inherited from`.
fn inherited_from(inlines: &[Inline]) -> Option<String> {
    inlines.windows(2).find_map(|w| match w {
        [Inline::Text(t), Inline::Link { label, .. }]
            if t.trim_end()
                .to_ascii_lowercase()
                .ends_with("inherited from") =>
        {
            Some(label.trim().to_string())
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::inline::parse_fragment;

    fn d(s: &str) -> Description {
        read(&parse_fragment(s))
    }

    #[test]
    fn possible_values_and_inheritance() {
        let x = d("Name Format. Inherited from [iosCertificateProfileBase](../resources/x.md). Possible values are: `commonName`, `custom`.");
        assert_eq!(x.possible_values, ["commonName", "custom"]);
        assert_eq!(
            x.inherited_from.as_deref(),
            Some("iosCertificateProfileBase")
        );
        assert_eq!(x.text, "Name Format. Inherited from iosCertificateProfileBase. Possible values are: commonName, custom.");
        // 2017 form: no period after the link.
        let y = d("Fmt. Inherited from [b](x.md) Possible values are: `a`, `b`.");
        assert_eq!(y.possible_values, ["a", "b"]);
        // Twice in one cell: the first list.
        let z = d(
            "Possible values are: `business`, `education`. Possible values are: `business`, `x`.",
        );
        assert_eq!(z.possible_values, ["business", "education"]);
        let n = d(
            "Upload state. Possible values are: 0 - `Not Ready`, 1 - `Ready`, 2 - `Processing`.",
        );
        assert!(n.possible_values.is_empty());
        assert!(d("This property is read-only.").read_only_hint);
        assert!(d("Read Only.").read_only_hint);
        assert!(!d("Readable").read_only_hint);
        assert_eq!(
            d("Key. Inherited from [deviceConfiguration](a.md)")
                .inherited_from
                .as_deref(),
            Some("deviceConfiguration")
        );
        assert_eq!(d("See [x](a.md)").inherited_from, None);
    }
}
