//! Type identity: which documented type a name on a page means.
//!
//! Links and type cells name types by their label (`[Event](event.md)`), and
//! the labels' case is not reliable; a second type `Event` beside the page's
//! `event` would be an empty phantom. So, before anything is merged, every
//! type name in the facts is resolved against the documented types (those
//! with a resource or enum page):
//! * a bare name on a page of a sub-namespace (`Namespace:
//!   microsoft.graph.callRecords`) is first the type of that namespace, when
//!   one is documented: api pages write `Get session`, meaning
//!   `callRecords.session`. A page without a `Namespace:` line whose file
//!   name starts with a namespace that other pages declare (`enums-<ns>.md`,
//!   `<ns>-x.md`, case ignored) is of that namespace;
//! * a name that is not documented but equals exactly one documented name of
//!   the same namespace when case is ignored is rewritten to it, with a
//!   `link-case` note per page and name. Two documented types that differ
//!   only in case keep their names (neither wins).
//!
//! * a name that is still not documented but is the label of a link on the
//!   page to the page of one type (`[tabs](../resources/teamstab.md)`) is that
//!   type (`link-label` note).
//!
//! An operation is bound only to a documented type: an action or function
//! whose title word names no page is left unbound (it is then bound by its
//! file name, or named after it), and a CRUD title's words that name no page
//! (`Create addresses`, `Update chart`) give way to the documented type the
//! page links as its response, else to the one type of the documented property
//! its paths end in ([`super::nav_target`]: `Delete registeredOwner` on
//! `/devices/{id}/registeredOwners/{id}/$ref` is about a `directoryObject`).

use super::names::{bare, qualify};
use super::nav_target::NavigationIndex;
use crate::diag::{Code, Diagnostic, Location};
use crate::facts::{OperationKind, PageFacts, PropertySource, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

/// Rewrites the type names in `pages` to the documented types they mean.
pub fn unify_case(pages: &mut [PageFacts]) -> Vec<Diagnostic> {
    let declared: BTreeSet<String> = pages.iter().filter_map(|p| p.namespace.clone()).collect();
    for page in pages.iter_mut() {
        if page.namespace.is_none() {
            if let Some(ns) = namespace_from_file(&page.path, &declared) {
                rehome(page, &ns);
                page.namespace = Some(ns);
            }
        }
    }
    let documented: BTreeSet<String> = pages
        .iter()
        .flat_map(|p| p.types.iter().filter(|t| t.defined_here))
        .map(|t| qualify(&t.name))
        .collect();
    let mut by_lower: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for name in &documented {
        by_lower.entry(name.to_lowercase()).or_default().push(name);
    }
    let canonical: BTreeMap<String, String> = by_lower
        .into_iter()
        .filter_map(|(lower, names)| match names.as_slice() {
            [only] => Some((lower, (*only).clone())),
            _ => None,
        })
        .collect();
    let navigation = NavigationIndex::new(pages, &canonical);
    // The type each page documents, when it documents exactly one, by the page's
    // path in lowercase: links written `../resources/identityApiConnector.md` reach
    // `identityapiconnector.md` on the docs site (the `link-case` note says so).
    let mut of_page: BTreeMap<String, Option<String>> = BTreeMap::new();
    for page in pages.iter() {
        for t in page.types.iter().filter(|t| t.defined_here) {
            of_page
                .entry(page.path.to_lowercase())
                .and_modify(|found| *found = None)
                .or_insert_with(|| Some(t.name.clone()));
        }
    }
    let mut diags = Vec::new();
    for page in pages.iter_mut() {
        // Link label -> the types of the pages it links to on this page.
        let mut linked: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for link in &page.links {
            let Some(Some(ty)) = link
                .target
                .as_ref()
                .and_then(|t| of_page.get(&t.to_lowercase()))
            else {
                continue;
            };
            let label = link.label.trim().trim_start_matches('#');
            let label = label.strip_prefix("microsoft.graph.").unwrap_or(label);
            linked
                .entry(label.to_string())
                .or_default()
                .insert(ty.clone());
        }
        let mut fixer = Fixer {
            documented: &documented,
            canonical: &canonical,
            linked,
            namespace: page.namespace.clone(),
            reported: BTreeSet::new(),
            diags: &mut diags,
        };
        for t in &mut page.types {
            fixer.fix(&mut t.name, &t.at);
            if let Some(base) = &mut t.base {
                fixer.fix(base, t.base_at.as_ref().unwrap_or(&t.at));
            }
            for derived in &mut t.derived {
                fixer.fix(derived, &t.at);
            }
        }
        for p in &mut page.properties {
            fixer.fix(&mut p.listed_on, &p.at);
            fixer.fix(&mut p.declared_by, &p.at);
            fixer.fix(&mut p.ty.name, &p.at);
        }
        for m in &mut page.members {
            fixer.fix(&mut m.enum_name, &m.at);
        }
        let mut rebound: Vec<(String, Option<String>)> = Vec::new();
        for op in &mut page.operations {
            let at = op.at.clone();
            if let Some(t) = &mut op.target_type {
                fixer.fix(t, &at);
            }
            if let Some(t) = &mut op.request_type {
                fixer.fix(&mut t.name, &at);
            }
            if let Some(t) = &mut op.response_type {
                fixer.fix(&mut t.name, &at);
            }
            for p in &mut op.parameters {
                fixer.fix(&mut p.ty.name, &p.at);
            }
            let is_documented = |t: &String| documented.contains(&qualify(t));
            // A response or request type that no page documents and no link backs
            // (`returns a Range object`) is a word of the prose, not a type.
            for t in [&mut op.request_type, &mut op.response_type] {
                if t.as_ref()
                    .is_some_and(|t| !t.linked && !t.is_primitive() && !is_documented(&t.name))
                {
                    *t = None;
                }
            }
            if let Some(old) = op.target_type.clone().filter(|t| !is_documented(t)) {
                let call = matches!(op.kind, OperationKind::Action | OperationKind::Function);
                let reads_or_writes_it = matches!(
                    op.kind,
                    OperationKind::Get
                        | OperationKind::List
                        | OperationKind::Create
                        | OperationKind::Update
                );
                let linked_response = op
                    .response_type
                    .as_ref()
                    .filter(|r| !call && reads_or_writes_it && r.linked && is_documented(&r.name))
                    .map(|r| r.name.clone());
                let by_path = || {
                    (!call)
                        .then(|| navigation.target(&op.paths))
                        .flatten()
                        .map(|t| bare(&t).to_string())
                };
                let new = linked_response.or_else(by_path);
                // A CRUD title with nothing better keeps its type, page or not
                // (pages of operations alone document their types that way).
                if !call && new.is_none() {
                    continue;
                }
                op.request_type = match (op.request_type.take(), &new) {
                    (Some(r), Some(n)) if r.name == old => Some(TypeRef {
                        name: n.clone(),
                        ..r
                    }),
                    (Some(r), None) if r.name == old => None,
                    (r, _) => r,
                };
                op.target_type = new.clone();
                rebound.push((old, new));
            }
        }
        // The request body rows were listed on the title's type: they follow the operation.
        for (old, new) in rebound {
            page.properties.retain_mut(|p| {
                if p.source != PropertySource::RequestBody || p.listed_on != old {
                    return true;
                }
                let Some(new) = &new else { return false };
                if p.declared_by == p.listed_on {
                    p.declared_by = new.clone();
                }
                p.listed_on = new.clone();
                true
            });
        }
        for e in &mut page.examples {
            let at = e.at.clone();
            if let Some(t) = &mut e.annotated_type {
                fixer.fix(t, &at);
            }
        }
    }
    diags
}

/// The declared namespace a file name starts with (`enums-callrecords.md`,
/// `callrecords-session.md` -> `callRecords`), case ignored.
fn namespace_from_file(path: &str, declared: &BTreeSet<String>) -> Option<String> {
    let stem = path.rsplit('/').next()?.strip_suffix(".md")?;
    let mut words = stem.split('-');
    let first = words.next()?;
    let word = if first.eq_ignore_ascii_case("enums") {
        words.next()?
    } else {
        first
    };
    declared
        .iter()
        .find(|ns| ns.eq_ignore_ascii_case(word))
        .cloned()
}

/// Moves the bare names a page defines (its types and enum sections) into `ns`.
fn rehome(page: &mut PageFacts, ns: &str) {
    let own: BTreeSet<String> = page
        .types
        .iter()
        .filter(|t| t.defined_here && !t.name.contains('.'))
        .map(|t| t.name.clone())
        .chain(page.members.iter().map(|m| m.enum_name.clone()))
        .filter(|n| !n.contains('.'))
        .collect();
    let move_in = |name: &mut String| {
        if own.contains(name.as_str()) {
            *name = format!("{ns}.{name}");
        }
    };
    for t in &mut page.types {
        move_in(&mut t.name);
    }
    for m in &mut page.members {
        move_in(&mut m.enum_name);
    }
    for p in &mut page.properties {
        move_in(&mut p.listed_on);
        move_in(&mut p.declared_by);
        move_in(&mut p.ty.name);
    }
}

struct Fixer<'a> {
    documented: &'a BTreeSet<String>,
    canonical: &'a BTreeMap<String, String>,
    /// The page's link labels -> the documented types of the pages they link to.
    linked: BTreeMap<String, BTreeSet<String>>,
    /// The page's sub-namespace: its bare names are read there first.
    namespace: Option<String>,
    reported: BTreeSet<String>,
    diags: &'a mut Vec<Diagnostic>,
}

impl Fixer<'_> {
    fn fix(&mut self, name: &mut String, at: &Location) {
        if name.starts_with("Edm.") || name.is_empty() {
            return;
        }
        let odata_hash = name.starts_with('#');
        let written = name.trim_start_matches('#').to_string();
        let hash = if odata_hash { "#" } else { "" };
        // The page's namespace first, then the default one; exact before case-folded.
        let local = self
            .namespace
            .as_deref()
            .filter(|_| !written.contains('.'))
            .map(|ns| format!("{ns}.{written}"));
        let candidates: Vec<&str> = local
            .iter()
            .map(String::as_str)
            .chain([written.as_str()])
            .collect();
        if let Some(exact) = candidates
            .iter()
            .find(|c| self.documented.contains(&qualify(c)))
        {
            *name = format!("{hash}{exact}");
            return;
        }
        let Some((spelled, c)) = candidates.iter().find_map(|c| {
            let found = self.canonical.get(&qualify(c).to_lowercase())?;
            Some((*c, found.clone()))
        }) else {
            // A label that names no type but links to the page of one (`[tabs](teamstab.md)`).
            let only = self.linked.get(&written).filter(|t| t.len() == 1);
            if let Some(only) = only.and_then(|t| t.first()).cloned() {
                self.note_label(&written, &only, at);
                *name = format!("{hash}{only}");
            }
            return;
        };
        self.note_case(&written, &c, at);
        let replacement = if spelled.contains('.') && written.contains('.') {
            c.clone()
        } else {
            bare(&c).to_string()
        };
        *name = format!("{hash}{replacement}");
    }

    fn note_label(&mut self, written: &str, ty: &str, at: &Location) {
        if self.reported.insert(written.to_string()) {
            self.diags.push(
                Diagnostic::note(
                    Code::LinkLabel,
                    at,
                    format!("`{written}` names no documented type, but its link goes to the page of `{}`; read as that type", bare(&qualify(ty))),
                )
                .with_help(format!("write the link's label as `{}`", bare(&qualify(ty)))),
            );
        }
    }

    fn note_case(&mut self, written: &str, canonical: &str, at: &Location) {
        if self.reported.insert(written.to_string()) {
            self.diags.push(
                Diagnostic::note(
                    Code::LinkCase,
                    at,
                    format!("`{written}` is the type `{}` (as its page spells it) only if case is ignored; read as that type", bare(canonical)),
                )
                .with_help(format!("write the type name as `{}`", bare(canonical))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{
        LinkFact, MemberFact, OperationFact, PropertyFact, PropertySource, TypeFact, TypeKindHint,
        TypeRef,
    };

    fn type_fact(name: &str) -> TypeFact {
        TypeFact {
            name: name.into(),
            defined_here: true,
            kind: Some(TypeKindHint::Resource),
            base: None,
            base_at: None,
            description: None,
            key_property: None,
            abstract_hint: false,
            has_methods: false,
            derived: Vec::new(),
            at: Location::new("resources/event.md", 1),
        }
    }

    #[test]
    fn case_variants_become_the_documented_type() {
        let at = Location::new("resources/calendar.md", 20);
        let prop = |ty: &str| PropertyFact {
            listed_on: "calendar".into(),
            declared_by: "calendar".into(),
            name: "events".into(),
            ty: TypeRef {
                name: ty.into(),
                collection: true,
                linked: true,
            },
            description: String::new(),
            possible_values: Vec::new(),
            read_only_hint: false,
            source: PropertySource::ResourceRelationships,
            at: at.clone(),
        };
        let mut pages = vec![
            PageFacts {
                types: vec![type_fact("event"), type_fact("group"), type_fact("Group")],
                ..Default::default()
            },
            PageFacts {
                types: vec![type_fact("calendar")],
                properties: vec![prop("Event"), prop("Event"), prop("GROUP"), prop("Other")],
                ..Default::default()
            },
        ];
        let diags = unify_case(&mut pages);
        let tys: Vec<_> = pages[1]
            .properties
            .iter()
            .map(|p| p.ty.name.as_str())
            .collect();
        assert_eq!(tys, ["event", "event", "GROUP", "Other"]);
        assert_eq!(diags.len(), 1, "one note per page and name");
        assert_eq!(diags[0].code, "link-case");
        assert_eq!(diags[0].line, 20);
    }

    fn page(path: &str, namespace: Option<&str>, types: &[&str]) -> PageFacts {
        PageFacts {
            path: path.into(),
            namespace: namespace.map(str::to_string),
            types: types
                .iter()
                .map(|t| TypeFact {
                    at: Location::new(path, 1),
                    ..type_fact(t)
                })
                .collect(),
            ..Default::default()
        }
    }

    fn operation(
        kind: OperationKind,
        target: &str,
        response: Option<(&str, bool)>,
    ) -> OperationFact {
        OperationFact {
            kind,
            name: kind.as_str().into(),
            target_type: Some(target.into()),
            description: None,
            paths: Vec::new(),
            permissions: Default::default(),
            request_headers: Vec::new(),
            request_body: Default::default(),
            response_body: Default::default(),
            request_type: None,
            parameters: Vec::new(),
            no_request_body: false,
            response_type: response.map(|(name, linked)| TypeRef {
                name: name.into(),
                collection: false,
                linked,
            }),
            status: None,
            at: Location::new("api/x.md", 10),
        }
    }

    #[test]
    fn bare_names_on_a_namespaced_page_are_read_in_its_namespace_first() {
        let mut pages = vec![
            page(
                "resources/callrecords-session.md",
                Some("callRecords"),
                &["callRecords.session"],
            ),
            page("resources/enums-callrecords.md", None, &[]),
            page("resources/identityset.md", None, &["identitySet"]),
            page("api/callrecords-session-get.md", Some("callRecords"), &[]),
        ];
        pages[1].members.push(MemberFact {
            enum_name: "callType".into(),
            name: "groupCall".into(),
            value: None,
            description: None,
            at: Location::new("resources/enums-callrecords.md", 12),
        });
        pages[3]
            .operations
            .push(operation(OperationKind::Get, "session", None));
        pages[3]
            .operations
            .push(operation(OperationKind::Get, "identitySet", None));
        unify_case(&mut pages);
        // The enums page has no `Namespace:` line; its file name names a declared namespace.
        assert_eq!(pages[1].members[0].enum_name, "callRecords.callType");
        let targets: Vec<_> = pages[3]
            .operations
            .iter()
            .map(|o| o.target_type.as_deref())
            .collect();
        assert_eq!(targets, [Some("callRecords.session"), Some("identitySet")]);
    }

    #[test]
    fn a_crud_title_naming_no_type_gives_way_to_the_linked_documented_response() {
        let mut pages = vec![
            page("resources/workbookchart.md", None, &["workbookChart"]),
            page("api/chart-update.md", None, &[]),
        ];
        pages[1].operations.push(operation(
            OperationKind::Update,
            "chart",
            Some(("workbookChart", true)),
        ));
        pages[1].operations.push(operation(
            OperationKind::Get,
            "chart",
            Some(("Chart", false)),
        ));
        pages[1].properties.push(PropertyFact {
            listed_on: "chart".into(),
            declared_by: "chart".into(),
            name: "height".into(),
            ty: TypeRef {
                name: "Edm.Double".into(),
                collection: false,
                linked: false,
            },
            description: String::new(),
            possible_values: Vec::new(),
            read_only_hint: false,
            source: PropertySource::RequestBody,
            at: Location::new("api/chart-update.md", 40),
        });
        unify_case(&mut pages);
        let ops = &pages[1].operations;
        assert_eq!(ops[0].target_type.as_deref(), Some("workbookChart"));
        // An unlinked prose word is no response type; with nothing better the title's type stays.
        assert_eq!(ops[1].target_type.as_deref(), Some("chart"));
        assert_eq!(ops[1].response_type, None);
        assert_eq!(pages[1].properties[0].listed_on, "workbookChart");
    }

    fn row(listed_on: &str, name: &str, ty: &str, source: PropertySource) -> PropertyFact {
        PropertyFact {
            listed_on: listed_on.into(),
            declared_by: listed_on.into(),
            name: name.into(),
            ty: TypeRef {
                name: ty.into(),
                collection: true,
                linked: true,
            },
            description: String::new(),
            possible_values: Vec::new(),
            read_only_hint: false,
            source,
            at: Location::new("resources/x.md", 30),
        }
    }

    fn with_path(mut op: OperationFact, template: &str) -> OperationFact {
        op.paths.push(crate::facts::PathFact {
            method: "DELETE".into(),
            template: template.into(),
            at: Location::new("api/x.md", 20),
        });
        op
    }

    #[test]
    fn a_crud_title_naming_no_type_gives_way_to_the_type_of_the_property_its_path_ends_in() {
        use PropertySource::{ResourceProperties, ResourceRelationships};
        let mut pages = vec![
            page("resources/device.md", None, &["device"]),
            page("resources/directoryobject.md", None, &["directoryObject"]),
            page("resources/onenotepage.md", None, &["onenotePage"]),
            page("resources/sitepage.md", None, &["sitePage"]),
            page("resources/site.md", None, &["site"]),
            page("api/x.md", None, &[]),
        ];
        // The row's link label differs in case from the page: still that type.
        pages[0].properties.push(row(
            "device",
            "registeredOwners",
            "DirectoryObject",
            ResourceRelationships,
        ));
        // A Properties row of the same name does not outvote a Relationships row.
        pages[0].properties.push(row(
            "device",
            "registeredOwners",
            "site",
            ResourceProperties,
        ));
        pages[0]
            .properties
            .push(row("device", "pages", "onenotePage", ResourceRelationships));
        pages[4]
            .properties
            .push(row("site", "pages", "sitePage", ResourceRelationships));
        pages[5].operations.push(with_path(
            operation(OperationKind::Delete, "registeredOwner", None),
            "/devices/{id}/registeredOwners/{id}/$ref",
        ));
        // Two documented types for `pages`: the title's word stays.
        pages[5].operations.push(with_path(
            operation(OperationKind::Delete, "page", None),
            "/me/onenote/pages/{id}",
        ));
        // An action's title word is not rebound by its path.
        pages[5].operations.push(with_path(
            operation(OperationKind::Action, "registeredOwner", None),
            "/devices/{id}/registeredOwners",
        ));
        unify_case(&mut pages);
        let targets: Vec<_> = pages[5]
            .operations
            .iter()
            .map(|o| o.target_type.as_deref())
            .collect();
        assert_eq!(targets, [Some("directoryObject"), Some("page"), None]);
    }

    #[test]
    fn a_label_naming_no_type_is_the_type_of_the_page_it_links_to() {
        let mut pages = vec![
            page("resources/teamstab.md", None, &["teamsTab"]),
            page("api/channel-list-tabs.md", None, &[]),
        ];
        pages[1].links.push(LinkFact {
            label: "tabs".into(),
            href: "../resources/teamstab.md".into(),
            target: Some("resources/teamstab.md".into()),
            at: Location::new("api/channel-list-tabs.md", 50),
        });
        pages[1].operations.push(operation(
            OperationKind::List,
            "teamsTab",
            Some(("tabs", true)),
        ));
        // The href's case differs from the page's file name: the docs site serves it anyway.
        pages[1].links.push(LinkFact {
            label: "tabApp".into(),
            href: "../resources/teamsTab.md".into(),
            target: Some("resources/teamsTab.md".into()),
            at: Location::new("api/channel-list-tabs.md", 60),
        });
        pages[1].operations.push(operation(
            OperationKind::Get,
            "teamsTab",
            Some(("tabApp", true)),
        ));
        let diags = unify_case(&mut pages);
        let responses: Vec<_> = pages[1]
            .operations
            .iter()
            .map(|o| o.response_type.as_ref().unwrap().name.as_str())
            .collect();
        assert_eq!(responses, ["teamsTab", "teamsTab"]);
        assert!(diags.iter().any(|d| d.code == "link-label" && d.line == 10));
    }
}
