//! Qualified type names: the docs write bare names (`keySize`); the schema
//! speaks `microsoft.graph.keySize`.

use super::model::DEFAULT_NAMESPACE;

/// Qualifies a docs type name: a bare name (`keySize`) and a name relative to
/// `microsoft.graph` (`callRecords.session`, what is left when the docs'
/// `microsoft.graph.callRecords.session` loses its default prefix) get the
/// default namespace; primitives (`Edm.*`) and names already under
/// `microsoft.` are returned unchanged.
pub fn qualify(name: &str) -> String {
    let under_microsoft = name
        .get(..10)
        .is_some_and(|p| p.eq_ignore_ascii_case("microsoft."));
    if name.starts_with("Edm.") || under_microsoft {
        name.to_string()
    } else {
        format!("{DEFAULT_NAMESPACE}.{name}")
    }
}

/// The `@odata.type` of a JSON object as a qualified name: strips a leading `#`.
pub fn qualify_odata_type(value: &str) -> String {
    qualify(value.trim_start_matches('#'))
}

/// The bare name of a qualified one (`microsoft.graph.keySize` -> `keySize`).
pub fn bare(name: &str) -> &str {
    name.strip_prefix(DEFAULT_NAMESPACE)
        .and_then(|n| n.strip_prefix('.'))
        .unwrap_or(name)
}

/// Uppercases the first letter (`keySize` -> `KeySize`) for names built from parts.
pub fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `base`, or `base{sep}2`, `base{sep}3`... when taken; the result is taken from then on.
pub fn unique(base: &str, sep: &str, taken: &mut std::collections::BTreeSet<String>) -> String {
    let mut candidate = base.to_string();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}{sep}{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualification_rules() {
        assert_eq!(qualify("keySize"), "microsoft.graph.keySize");
        assert_eq!(qualify("Edm.String"), "Edm.String");
        assert_eq!(qualify("microsoft.management.x"), "microsoft.management.x");
        assert_eq!(
            qualify("callRecords.session"),
            "microsoft.graph.callRecords.session"
        );
        assert_eq!(
            qualify_odata_type("#microsoft.graph.a"),
            "microsoft.graph.a"
        );
        assert_eq!(qualify_odata_type("a"), "microsoft.graph.a");
        assert_eq!(bare("microsoft.graph.keySize"), "keySize");
        assert_eq!(upper_first("keySize"), "KeySize");
    }
}
