//! A small hand-made schema covering the awkward cases, and the builders of
//! its types and properties, for the schema and emit tests.

use crate::schema::{Location, Member, Property, Schema, TypeDef, TypeKind, TypeName};

pub const NS: &str = "microsoft.graph";

pub fn prop(name: &str, ty: &str) -> Property {
    Property {
        name: name.into(),
        ty: ty.into(),
        collection: false,
        nullable: true,
        read_only: false,
        navigation: false,
        inferred: false,
        description: String::new(),
        sources: vec![Location::new("api/x.md", 10)],
    }
}

pub fn ty(name: &str, kind: TypeKind, area: &str) -> TypeDef {
    TypeDef {
        name: TypeName::new(NS, name),
        kind,
        base: None,
        is_abstract: false,
        inferred: false,
        description: String::new(),
        properties: Vec::new(),
        members: Vec::new(),
        flags: false,
        area: area.into(),
        sources: vec![Location::new(format!("resources/{name}.md"), 1)],
    }
}

fn member(name: &str, value: i64, description: &str) -> Member {
    Member {
        name: name.into(),
        value: Some(value),
        description: description.into(),
    }
}

/// `deviceConfiguration` (abstract entity) <- `iosScepCertificateProfile`, enums,
/// flags, clashing names, a recursive type, and two areas.
/// [`raw_small_schema`] as the schema stage hands it to emit: validated.
pub fn small_schema() -> Schema {
    let mut schema = raw_small_schema();
    crate::schema::validate::validate(&mut schema);
    schema
}

/// The hand-made schema with its defects (a reserved property, an unresolved type).
pub fn raw_small_schema() -> Schema {
    const DC: &str = "intune-deviceconfig";
    const SH: &str = "intune-shared";
    let g = |n: &str| format!("{NS}.{n}");
    let name = |n: &str| TypeName::new(NS, n);

    let mut base = ty("deviceConfiguration", TypeKind::Entity, DC);
    base.is_abstract = true;
    base.description =
        "Device Configuration. See [the overview](https://learn.microsoft.com/x) for <details>."
            .into();
    let mut id = prop("id", "Edm.String");
    id.read_only = true;
    id.description = "Key of the entity.".into();
    let mut modified = prop("lastModifiedDateTime", "Edm.DateTimeOffset");
    modified.description = "DateTime the object was last modified.".into();
    base.properties = vec![
        prop("displayName", "Edm.String"),
        id,
        modified,
        prop("version", "Edm.Int32"),
    ];

    let mut ios = ty("iosScepCertificateProfile", TypeKind::Entity, DC);
    ios.base = Some(name("deviceConfiguration"));
    ios.description = "iOS SCEP certificate profile".into();
    let mut eku = prop("extendedKeyUsages", &g("extendedKeyUsage"));
    eku.collection = true;
    let mut root = prop("rootCertificate", &g("deviceConfiguration"));
    root.navigation = true;
    ios.properties = vec![
        eku,
        prop("keySize", &g("keySize")),
        prop("keyUsage", &g("keyUsages")),
        prop("minOSVersion", "Edm.String"),
        prop("@odata.type", "Edm.String"),
        root,
        prop("scepServerUrls", "Edm.String"),
        prop("self", "Edm.Boolean"),
        prop("type", "Edm.String"),
        prop("validityPeriod", "Edm.Duration"),
        prop("odataType", "Edm.String"),
        prop("untyped", "Edm.Untyped"),
        prop("mystery", &g("notInTheSchema")),
    ];

    let mut key_size = ty("keySize", TypeKind::Enum, SH);
    key_size.description = "Key size.".into();
    key_size.members = vec![
        member("size1024", 0, "1024 bits."),
        member("size2048", 1, ""),
    ];

    let mut key_usages = ty("keyUsages", TypeKind::Enum, SH);
    key_usages.flags = true;
    key_usages.members = vec![
        member("keyEncipherment", 1, "Key encipherment."),
        member("digitalSignature", 2, "Digital signature."),
    ];

    let mut ext = ty("extendedKeyUsage", TypeKind::Complex, SH);
    ext.properties = vec![
        prop("name", "Edm.String"),
        prop("objectIdentifier", "Edm.String"),
    ];

    let mut lower = ty("keyUsage", TypeKind::Complex, SH);
    // `owner` makes the areas refer to each other both ways (cyclic features).
    lower.properties = vec![
        prop("keyUsage", "Edm.String"),
        prop("key_usage", "Edm.String"),
        prop("owner", &g("deviceConfiguration")),
    ];
    let upper = ty("KeyUsage", TypeKind::Complex, SH);

    let mut option = ty("Option", TypeKind::Enum, SH);
    option.members = vec![
        member("undocumented", 0, ""),
        member("md5_96", 1, ""),
        member("self", 2, ""),
        member("3des", 3, ""),
    ];

    let mut node = ty("node", TypeKind::Complex, SH);
    node.properties = vec![prop("child", &g("node")), prop("value", "Edm.Int64")];

    // Derived in a third area: its `AnyDeviceConfiguration` variant is gated by that area's feature.
    let mut windows = ty("windowsConfiguration", TypeKind::Entity, "intune-extra");
    windows.base = Some(name("deviceConfiguration"));
    windows.properties = vec![prop("edition", "Edm.String")];

    let mut types = vec![
        windows, base, ios, key_size, key_usages, ext, lower, upper, option, node,
    ];
    types.sort_by(|a, b| a.name.cmp(&b.name));
    Schema {
        schema_version: crate::schema::model::SCHEMA_VERSION,
        types,
        operations: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn validation_repairs_the_two_defects_before_emit_sees_them() {
        let mut schema = super::raw_small_schema();
        let diags = crate::schema::validate::validate(&mut schema);
        let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["reserved-property", "unresolved-type"]);
    }
}
