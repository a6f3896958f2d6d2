//! The `crates` layout: the generated output as a workspace of crates, one per
//! group of doc areas, so that cargo compiles them in parallel and a user
//! compiles only the areas he depends on.
//!
//! Crates cannot depend on each other in a cycle, not even optionally, while the
//! areas' feature dependencies ([`super::features::area_deps`]) can: a base type in
//! one area, derived types in another, and the reverse elsewhere (`entity`'s page is
//! in `applications`, `directoryObject`, derived from it, in `directory-management`,
//! and `application` derives from `directoryObject`). And an area that needs one
//! type of another (a base, a property's type) should not compile all of it. So
//! each area is cut in two [`Part`]s: its *shared part*, the types that other
//! areas need with every type of the area they reach (ancestors and fields), and
//! the rest. The crates are the strongly connected components of the graph of
//! parts: parts that depend on each other share a crate, and the crates form a DAG.
//! A crate depends on every crate it reaches (so that each names the types it uses
//! through its own dependencies).
//!
//! What a crate cannot see is not compiled into it: a field typed with a type of
//! no crate it depends on, and an `AnyX` variant of such a type, are left out (as
//! with the area's feature off in the `single` layout: the member lands in
//! `additional_properties` and serializes back unchanged).

use super::features;
use super::RustModel;
use crate::schema::TypeDef;
use std::collections::{BTreeMap, BTreeSet};

/// The directory (under `crates/`) and package suffix of the runtime crate.
pub const CORE: &str = "core";

/// How the generated output is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// One crate, one cargo feature per area (the default).
    #[default]
    Single,
    /// A workspace: a core crate (`edm`, `support`), one crate per group of
    /// areas, and the facade crate (the client, the registry, every area re-exported).
    Crates,
}

impl Layout {
    /// The CLI's name of the layout.
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Single => "single",
            Layout::Crates => "crates",
        }
    }
}

/// The types of one area that share a crate: its shared part (the types other
/// areas need, and what they reach in the area) or the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Part<'a> {
    /// `TypeDef::area`.
    pub area: &'a str,
    /// The shared part.
    pub shared: bool,
}

/// One crate of area types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit<'a> {
    /// The parts it holds, sorted; both parts of an area when they share a crate.
    pub parts: Vec<Part<'a>>,
    /// Its directory under `crates/`, and the suffix of its package name: the
    /// feature of its first area in the feature order (the one most mentioned),
    /// `-shared` after it when it holds only shared parts; never [`CORE`], unique.
    pub slug: String,
    /// Every unit it reaches (indices into [`Units::units`]), itself excluded.
    pub deps: BTreeSet<usize>,
}

impl<'a> Unit<'a> {
    /// The facade's cargo feature that compiles this crate and every crate it depends
    /// on (`_unit-<slug>`; an area's feature turns on the crates of its parts).
    pub fn feature(&self) -> String {
        format!("_unit-{}", self.slug)
    }

    /// The areas it holds types of, sorted, each once.
    pub fn areas(&self) -> Vec<&'a str> {
        let mut areas: Vec<&str> = self.parts.iter().map(|p| p.area).collect();
        areas.dedup();
        areas
    }
}

/// The crates of the `crates` layout, in dependency order (a unit's deps come before it).
#[derive(Debug, Clone, Default)]
pub struct Units<'a> {
    pub units: Vec<Unit<'a>>,
    /// Part -> its unit.
    pub of_part: BTreeMap<Part<'a>, usize>,
    /// The types of the shared parts (qualified names).
    pub shared_types: BTreeSet<&'a str>,
}

impl<'a> Units<'a> {
    /// Groups the parts of the areas of `model` into crates (see the module docs).
    pub fn build(model: &RustModel<'a>) -> Self {
        let shared_types = shared_types(model);
        let part_of = |t: &'a str| Part {
            area: model.type_def(t).area.as_str(),
            shared: shared_types.contains(t),
        };
        let mut graph: BTreeMap<Part<'a>, BTreeSet<Part<'a>>> = BTreeMap::new();
        for t in &model.schema.types {
            graph.entry(part_of(t.name.as_str())).or_default();
        }
        for &t in model.fields.keys() {
            let from = part_of(t);
            for to in needs(model, t).map(part_of) {
                if to != from {
                    graph.entry(from).or_default().insert(to);
                }
            }
        }
        let components = strongly_connected(&graph);
        let mut of_part = BTreeMap::new();
        for (i, c) in components.iter().enumerate() {
            for &p in c {
                of_part.insert(p, i);
            }
        }
        let direct: Vec<BTreeSet<usize>> = components
            .iter()
            .enumerate()
            .map(|(i, c)| {
                c.iter()
                    .flat_map(|p| graph[p].iter().map(|d| of_part[d]))
                    .filter(|&u| u != i)
                    .collect()
            })
            .collect();
        let mut taken: BTreeSet<String> = BTreeSet::new();
        let units = components
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let first = c
                    .iter()
                    .min_by_key(|p| (model.area_order[p.area], p.area))
                    .expect("a component has a part");
                let mut slug = model.areas[first.area].feature.clone();
                if c.iter().all(|p| p.shared) {
                    slug.push_str("-shared");
                }
                // The core crate's name is taken: an area called `core` gets a suffix.
                if slug == CORE {
                    slug = format!("{CORE}-area");
                }
                let mut unique = slug.clone();
                let mut n = 2;
                while !taken.insert(unique.clone()) {
                    unique = format!("{slug}-{n}");
                    n += 1;
                }
                Unit {
                    parts: c.clone(),
                    slug: unique,
                    deps: closure(&direct, i),
                }
            })
            .collect();
        Units {
            units,
            of_part,
            shared_types,
        }
    }

    /// The part that holds type `t`.
    pub fn part_of(&self, t: &'a TypeDef) -> Part<'a> {
        Part {
            area: t.area.as_str(),
            shared: self.shared_types.contains(t.name.as_str()),
        }
    }

    /// The unit of the type `name` (qualified), if the model has it.
    pub fn unit_of(&self, model: &RustModel<'a>, name: &str) -> Option<usize> {
        let t = model.schema.type_def(name)?;
        self.of_part.get(&self.part_of(t)).copied()
    }

    /// Whether code of type `home` can name type `other`: the same crate, or one
    /// it depends on.
    pub fn sees(&self, model: &RustModel<'a>, home: &str, other: &str) -> bool {
        match (self.unit_of(model, home), self.unit_of(model, other)) {
            (Some(h), Some(o)) => h == o || self.units[h].deps.contains(&o),
            _ => false,
        }
    }

    /// The units that hold types of `area`, in order (one, or two when its parts are apart).
    pub fn of_area(&self, area: &str) -> Vec<usize> {
        let mut units: Vec<usize> = [true, false]
            .into_iter()
            .filter_map(|shared| self.of_part.get(&Part { area, shared }).copied())
            .collect();
        units.dedup();
        units
    }
}

/// The types struct `t` cannot be compiled without: its base, and the types of
/// its fields that are compiled whatever the features ([`features::field_gate`]:
/// those of its own area, and the structural ones of earlier areas).
fn needs<'m, 'a>(model: &'m RustModel<'a>, t: &'a str) -> impl Iterator<Item = &'a str> + 'm {
    let home = model.type_def(t).area.as_str();
    let base = model.ancestors.get(t).and_then(|a| a.first()).copied();
    let fields = model.fields.get(t).into_iter().flatten();
    base.into_iter().chain(
        fields
            .filter(move |f| features::field_gate(model, home, f).is_none())
            .filter_map(|f| features::target_type(model, f)),
    )
}

/// The types of the shared parts: every type that a struct of another area
/// [`needs`], with every type of its own area it reaches through its ancestors
/// and its fields (navigation ones too: within an area no field is gated).
fn shared_types<'a>(model: &RustModel<'a>) -> BTreeSet<&'a str> {
    let area = |t: &str| model.type_def(t).area.as_str();
    let mut stack: Vec<&'a str> = Vec::new();
    for &t in model.fields.keys() {
        stack.extend(needs(model, t).filter(|&r| area(r) != area(t)));
    }
    let mut out = BTreeSet::new();
    while let Some(t) = stack.pop() {
        if !out.insert(t) {
            continue;
        }
        let home = area(t);
        let ancestors = model.ancestors.get(t).into_iter().flatten().copied();
        let targets = model
            .fields
            .get(t)
            .into_iter()
            .flatten()
            .filter_map(|f| features::target_type(model, f));
        stack.extend(ancestors.chain(targets).filter(|&r| area(r) == home));
    }
    out
}

/// Every unit reachable from `start` through `direct`, `start` excluded.
fn closure(direct: &[BTreeSet<usize>], start: usize) -> BTreeSet<usize> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<usize> = direct[start].iter().copied().collect();
    while let Some(u) = stack.pop() {
        if u != start && seen.insert(u) {
            stack.extend(direct[u].iter().copied());
        }
    }
    seen
}

/// The strongly connected components of `graph` (node -> the nodes it depends on),
/// dependencies first, each sorted; deterministic (Tarjan's algorithm over sorted
/// nodes, written with an explicit stack so that no input depth can overflow ours).
pub fn strongly_connected<T: Ord + Copy>(graph: &BTreeMap<T, BTreeSet<T>>) -> Vec<Vec<T>> {
    let nodes: Vec<T> = graph.keys().copied().collect();
    let index_of: BTreeMap<T, usize> = nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let edges: Vec<Vec<usize>> = nodes
        .iter()
        .map(|n| {
            graph[n]
                .iter()
                .filter_map(|d| index_of.get(d).copied())
                .collect()
        })
        .collect();
    let n = nodes.len();
    let (mut index, mut low) = (vec![usize::MAX; n], vec![0; n]);
    let mut on_stack = vec![false; n];
    let (mut stack, mut out, mut next) = (Vec::new(), Vec::new(), 0);
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        // (node, position in its edge list)
        let mut work = vec![(root, 0)];
        while let Some(&mut (v, ref mut pos)) = work.last_mut() {
            if *pos == 0 {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*pos) {
                *pos += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                loop {
                    let w = stack.pop().expect("v is on the stack");
                    on_stack[w] = false;
                    component.push(nodes[w]);
                    if w == v {
                        break;
                    }
                }
                component.sort_unstable();
                out.push(component);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::test_schema::{prop, ty, NS};
    use crate::schema::{Schema, TypeKind, TypeName};

    /// The shape of the beta reference's first cycle: `entity` in `apps`,
    /// `directoryObject` (derived from it) in `directory`, `application` (derived
    /// from that) in `apps`; `user` in `users` derives from `directoryObject` and
    /// holds a `directory` complex type.
    fn cyclic_areas() -> Schema {
        let name = |n: &str| TypeName::new(NS, n);
        let derived = |n: &str, base: &str, area: &str| {
            let mut t = ty(n, TypeKind::Entity, area);
            t.base = Some(name(base));
            t
        };
        let mut entity = ty("entity", TypeKind::Entity, "apps");
        entity.properties = vec![prop("id", "Edm.String")];
        let mut application = derived("application", "directoryObject", "apps");
        application.properties = vec![prop("detail", &format!("{NS}.appDetail"))];
        let mut user = derived("user", "directoryObject", "users");
        user.properties = vec![prop("license", &format!("{NS}.assignedLicense"))];
        let mut domain = derived("domain", "entity", "directory");
        domain.properties = vec![prop("state", &format!("{NS}.domainState"))];
        let mut types = vec![
            entity,
            application,
            ty("appDetail", TypeKind::Complex, "apps"),
            derived("directoryObject", "entity", "directory"),
            ty("assignedLicense", TypeKind::Complex, "directory"),
            domain,
            ty("domainState", TypeKind::Enum, "directory"),
            user,
        ];
        types.sort_by(|a, b| a.name.cmp(&b.name));
        let mut schema = Schema {
            schema_version: crate::schema::model::SCHEMA_VERSION,
            types,
            operations: Vec::new(),
        };
        crate::schema::validate::validate(&mut schema);
        schema
    }

    #[test]
    fn areas_on_an_inheritance_cycle_part_so_that_an_area_needs_only_what_it_uses() {
        let schema = cyclic_areas();
        let model = RustModel::with_layout(&schema, Layout::Crates);
        let units = &model.units;
        let q = |n: &str| format!("{NS}.{n}");
        let shared: Vec<&str> = units.shared_types.iter().copied().collect();
        assert_eq!(
            shared,
            [q("assignedLicense"), q("directoryObject"), q("entity")],
            "what another area needs, nothing else"
        );
        let unit_of = |n: &str| units.unit_of(&model, &q(n)).expect("a unit");
        // The areas' parts are apart: no crate holds both `apps` and `directory` types.
        for u in &units.units {
            assert!(u.areas().len() == 1, "{:?}", u.parts);
        }
        assert_ne!(unit_of("entity"), unit_of("application"));
        assert_eq!(unit_of("directoryObject"), unit_of("assignedLicense"));
        let users = &units.units[unit_of("user")];
        assert_eq!(
            users.deps,
            [unit_of("entity"), unit_of("directoryObject")].into(),
            "`users` needs two shared parts, not the rest of `apps` and `directory`"
        );
        assert_eq!(units.units[unit_of("entity")].slug, "apps-shared");
        assert_eq!(units.of_area("apps").len(), 2);
        assert_eq!(units.of_area("users"), vec![unit_of("user")]);
        // A crate sees its dependencies, not the crates above it.
        assert!(units.sees(&model, &q("user"), &q("entity")));
        assert!(!units.sees(&model, &q("entity"), &q("user")));
        assert!(!model.has_variant(&q("entity"), &q("user")));
        assert!(model.has_variant(&q("directoryObject"), &q("directoryObject")));
    }

    fn graph<'a>(edges: &[(&'a str, &[&'a str])]) -> BTreeMap<&'a str, BTreeSet<&'a str>> {
        edges
            .iter()
            .map(|(n, ds)| (*n, ds.iter().copied().collect()))
            .collect()
    }

    #[test]
    fn components_come_dependencies_first_and_merge_cycles() {
        // a <-> b form one component that c needs; d needs c; e stands alone.
        let g = graph(&[
            ("a", &["b"]),
            ("b", &["a"]),
            ("c", &["a"]),
            ("d", &["c", "b"]),
            ("e", &[]),
        ]);
        let c = strongly_connected(&g);
        assert_eq!(c, vec![vec!["a", "b"], vec!["c"], vec!["d"], vec!["e"]]);
    }

    #[test]
    fn a_self_loop_and_an_unknown_node_are_harmless() {
        let g = graph(&[("a", &["a", "zz"]), ("b", &["a"])]);
        assert_eq!(strongly_connected(&g), vec![vec!["a"], vec!["b"]]);
    }

    #[test]
    fn a_long_chain_does_not_overflow() {
        let names: Vec<String> = (0..20_000).map(|i| format!("n{i:05}")).collect();
        let g: BTreeMap<&str, BTreeSet<&str>> = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let next: BTreeSet<&str> =
                    names.get(i + 1).map(|s| s.as_str()).into_iter().collect();
                (n.as_str(), next)
            })
            .collect();
        let c = strongly_connected(&g);
        assert_eq!(c.len(), 20_000);
        assert_eq!(
            c[0],
            vec!["n19999"],
            "the end of the chain has no dependency: first"
        );
    }

    #[test]
    fn closure_follows_every_path() {
        let direct = vec![
            BTreeSet::new(),
            [0].into_iter().collect(),
            [1].into_iter().collect(),
        ];
        assert_eq!(closure(&direct, 2), [0, 1].into_iter().collect());
        assert!(closure(&direct, 0).is_empty());
    }
}
