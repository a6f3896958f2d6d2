//! Runs typify over the components.schemas of the golden OpenAPI document of
//! docs-input's `intune-deviceconfig` area (codegen/tests/openapi/, kept equal to
//! what `graph-docgen openapi` writes by codegen/tests/openapi_golden.rs) and
//! writes the Rust types it gives to `$OUT_DIR/intune_deviceconfig.rs`.

use std::path::Path;

const DOCUMENT: &str = "../codegen/tests/openapi/intune-deviceconfig.json";

fn main() {
    println!("cargo:rerun-if-changed={DOCUMENT}");
    let text = std::fs::read_to_string(DOCUMENT).expect("the golden OpenAPI document");
    let document: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let schemas = document["components"]["schemas"]
        .as_object()
        .expect("components.schemas");
    let definitions = schemas.iter().map(|(key, schema)| {
        let schema: schemars::schema::Schema =
            serde_json::from_value(schema.clone()).expect("a JSON Schema object");
        (key.clone(), schema)
    });
    let mut types =
        typify::TypeSpace::new(typify::TypeSpaceSettings::default().with_struct_builder(false));
    types
        .add_ref_types(definitions)
        .expect("typify accepts the document's schemas");
    let file: syn::File = syn::parse2(types.to_stream()).expect("typify writes Rust");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("intune_deviceconfig.rs");
    std::fs::write(out, prettyplease::unparse(&file)).expect("OUT_DIR is writable");
}
