//! The `crates` layout: the generated output as a workspace of crates, one per
//! group of doc areas, so that cargo compiles them in parallel and a user
//! compiles only the areas he depends on.
//!
//! Crates cannot depend on each other in a cycle, not even optionally, while the
//! areas' feature dependencies ([`super::features::area_deps`]) can (a base type in
//! one area, derived types in another, and the reverse elsewhere). So the crates are
//! the strongly connected components of that graph: areas that depend on each
//! other share a crate, and the crates form a DAG. A crate depends on every crate it
//! reaches (so that each names the types it uses through its own dependencies).
//!
//! What a crate cannot see is not compiled into it: a field typed with an area of
//! no crate it depends on, and an `AnyX` variant of such an area, are left out (as
//! with the area's feature off in the `single` layout: the member lands in
//! `additional_properties` and serializes back unchanged).

use super::features;
use super::RustModel;
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

/// One crate of area types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit<'a> {
    /// The areas it holds (`TypeDef::area`), sorted.
    pub areas: Vec<&'a str>,
    /// Its directory under `crates/`, and the suffix of its package name: the
    /// feature of its first area in the feature order (the one most mentioned), never [`CORE`].
    pub slug: String,
    /// Every unit it reaches (indices into [`Units::units`]), itself excluded.
    pub deps: BTreeSet<usize>,
}

/// The crates of the `crates` layout, in dependency order (a unit's deps come before it).
#[derive(Debug, Clone, Default)]
pub struct Units<'a> {
    pub units: Vec<Unit<'a>>,
    /// Area -> its unit.
    pub of_area: BTreeMap<&'a str, usize>,
}

impl<'a> Units<'a> {
    /// Groups the areas of `model` into crates (see the module docs).
    pub fn build(model: &RustModel<'a>) -> Self {
        let deps = features::area_deps(model);
        let components = strongly_connected(&deps);
        let mut of_area = BTreeMap::new();
        for (i, c) in components.iter().enumerate() {
            for &a in c {
                of_area.insert(a, i);
            }
        }
        let direct: Vec<BTreeSet<usize>> = components
            .iter()
            .enumerate()
            .map(|(i, c)| {
                c.iter()
                    .flat_map(|a| deps[a].iter().map(|d| of_area[d]))
                    .filter(|&u| u != i)
                    .collect()
            })
            .collect();
        let units = components
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let first = c
                    .iter()
                    .min_by_key(|a| (model.area_order[*a], **a))
                    .expect("a component has an area");
                let feature = &model.areas[first].feature;
                Unit {
                    areas: c.clone(),
                    // The core crate's name is taken: an area called `core` gets a suffix.
                    slug: if feature == CORE {
                        format!("{CORE}-area")
                    } else {
                        feature.clone()
                    },
                    deps: closure(&direct, i),
                }
            })
            .collect();
        Units { units, of_area }
    }

    /// Whether code of area `home` can name the types of area `other`: the same
    /// crate, or one it depends on.
    pub fn sees(&self, home: &str, other: &str) -> bool {
        match (self.of_area.get(home), self.of_area.get(other)) {
            (Some(&h), Some(&o)) => h == o || self.units[h].deps.contains(&o),
            _ => false,
        }
    }
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
pub fn strongly_connected<'a>(graph: &BTreeMap<&'a str, BTreeSet<&'a str>>) -> Vec<Vec<&'a str>> {
    let nodes: Vec<&str> = graph.keys().copied().collect();
    let index_of: BTreeMap<&str, usize> = nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
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
