//! Nodes of the client's path trie that walk and call alike share one struct.
//!
//! `/me/events` and `/users/{id | userPrincipalName}/events` lead to the same calls, and
//! so do their children all the way down. The generated struct of a node reads nothing
//! but the URL it carries, so two nodes whose edges take the same steps (by the same
//! method names) to children that are themselves alike, and whose operations are the same
//! calls, would be two copies of one struct: on the beta reference a third of the
//! client's structs and methods, which rustc checks one by one (BENCHMARKS.md, "One
//! struct for the paths that call alike"). They become one node: the struct of the
//! shortest of their templates (then the first in order), and each other keeps its name
//! as a type alias of it ([`Node::aliases`]), so the client's names and signatures are
//! those of the unmerged trie.

use super::client_trie::{Alias, Node, Segment};
use crate::schema::operation_parts::carries_bytes_on;
use std::collections::BTreeMap;

/// What the generated code of a node is made of, without its docs: equal shapes print
/// the same struct body.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Shape<'n> {
    /// (method, step, class of the child).
    edges: Vec<(&'n str, Segment, usize)>,
    ops: Vec<OpShape<'n>>,
}

#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct OpShape<'n> {
    method: &'n str,
    /// The operation and the others its method serves.
    operations: Vec<&'n str>,
    last: Option<&'n str>,
    shared_type: Option<&'n str>,
    /// Whether the operation carries its byte bodies on this node's path (a `$value` path).
    bytes_here: bool,
}

/// The step as code sees it: a parameter's name only reaches the docs.
fn step(segment: &Segment) -> Segment {
    match segment {
        Segment::Param(_) => Segment::Param(String::new()),
        Segment::ItemPath(_) => Segment::ItemPath(String::new()),
        other => other.clone(),
    }
}

fn shape<'n>(node: &'n Node, class: &[usize]) -> Shape<'n> {
    Shape {
        edges: node
            .edges
            .iter()
            .map(|e| (e.method.as_str(), step(&e.segment), class[e.child]))
            .collect(),
        ops: node
            .ops
            .iter()
            .map(|at| {
                let all = || std::iter::once(at.op).chain(at.also.iter().copied());
                OpShape {
                    method: &at.method,
                    operations: all().map(|o| o.name.as_str()).collect(),
                    last: at.last.as_deref(),
                    shared_type: at.shared_type.as_deref(),
                    bytes_here: carries_bytes_on(
                        all().flat_map(|o| o.paths.iter().map(|p| p.as_str())),
                        &at.template,
                    ),
                }
            })
            .collect(),
    }
}

/// How many steps from the root each node is.
fn depths(nodes: &[Node]) -> Vec<usize> {
    let mut depth = vec![0; nodes.len()];
    for (i, node) in nodes.iter().enumerate() {
        for e in &node.edges {
            depth[e.child] = depth[i] + 1;
        }
    }
    depth
}

/// The trie with alike nodes merged: the root first, the kept nodes in their order, the
/// edges into a merged node leading to the one kept. `nodes` is a trie as
/// [`Trie::build`](super::client_trie::Trie::build) makes it: every child after its parent.
pub fn share_alike(nodes: Vec<Node<'_>>) -> Vec<Node<'_>> {
    let n = nodes.len();
    // A canonical member per class (the first one met, walking from the leaves up, so a
    // node's children have theirs when its shape is taken), and the members of each.
    let mut class: Vec<usize> = (0..n).collect();
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    {
        let mut seen: BTreeMap<Shape, usize> = BTreeMap::new();
        for i in (1..n).rev() {
            let canonical = *seen.entry(shape(&nodes[i], &class)).or_insert(i);
            class[i] = canonical;
            members.entry(canonical).or_default().push(i);
        }
    }
    let depth = depths(&nodes);
    let order = |&i: &usize| (depth[i], nodes[i].template.clone());
    // Each node -> the member that stands for its class.
    let mut kept_for: Vec<usize> = (0..n).collect();
    let mut aliases: BTreeMap<usize, Vec<Alias>> = BTreeMap::new();
    for group in members.values_mut() {
        group.sort_by_key(order);
        let kept = group[0];
        for &m in group.iter() {
            kept_for[m] = kept;
        }
        aliases.insert(
            kept,
            group[1..]
                .iter()
                .map(|&m| Alias {
                    name: nodes[m].name.clone(),
                    template: nodes[m].template.clone(),
                })
                .collect(),
        );
    }
    let mut new_index = vec![usize::MAX; n];
    let mut next = 0;
    for i in 0..n {
        if kept_for[i] == i {
            new_index[i] = next;
            next += 1;
        }
    }
    nodes
        .into_iter()
        .enumerate()
        .filter(|(i, _)| kept_for[*i] == *i)
        .map(|(i, mut node)| {
            for e in &mut node.edges {
                e.child = new_index[kept_for[e.child]];
            }
            node.aliases = aliases.remove(&i).unwrap_or_default();
            node
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rust_model::client_trie::{Edge, OpAt};
    use crate::schema::Operation;

    fn operation(name: &str) -> Operation {
        serde_json::from_value(serde_json::json!({
            "name": name, "kind": "get", "targetType": null,
            "method": "GET", "paths": [], "pathParameters": [], "requestType": null,
            "requestCollection": false, "parameters": [], "responseType": null,
            "responseCollection": false, "status": null,
            "permissions": {"delegatedWork": [], "delegatedPersonal": [], "application": [], "unclassified": []},
            "description": "", "sources": []
        }))
        .expect("an operation")
    }

    fn node<'a>(
        template: &str,
        edges: &[(&str, Segment, usize)],
        ops: &[&'a Operation],
    ) -> Node<'a> {
        Node {
            name: template.replace(['/', '{', '}'], ""),
            template: template.to_string(),
            aliases: Vec::new(),
            edges: edges
                .iter()
                .map(|(method, segment, child)| Edge {
                    segment: segment.clone(),
                    method: method.to_string(),
                    child: *child,
                    child_name: format!("Node{child}"),
                })
                .collect(),
            ops: ops
                .iter()
                .map(|op| OpAt {
                    op,
                    template: template.to_string(),
                    last: None,
                    method: "get".to_string(),
                    also: Vec::new(),
                    shared_type: None,
                })
                .collect(),
        }
    }

    fn literal(s: &str) -> Segment {
        Segment::Literal(s.to_string())
    }

    /// `/me` and `/users/{id}` both have `events` with the same get: one node, named after
    /// `/me`; `/users/{id}/manager` has a get of its own and stays.
    #[test]
    fn nodes_that_walk_and_call_alike_are_one() {
        let event_get = operation("event.get");
        let user_get = operation("user.get");
        let manager_get = operation("user.manager");
        let param = Segment::Param("user-id".to_string());
        let nodes = vec![
            node(
                "",
                &[("me", literal("me"), 1), ("users", literal("users"), 2)],
                &[],
            ),
            node("/me", &[("events", literal("events"), 3)], &[&user_get]),
            node("/users", &[("by_id", param, 4)], &[]),
            node("/me/events", &[], &[&event_get]),
            node(
                "/users/{user-id}",
                &[
                    ("events", literal("events"), 5),
                    ("manager", literal("manager"), 6),
                ],
                &[&user_get],
            ),
            node("/users/{user-id}/events", &[], &[&event_get]),
            node("/users/{user-id}/manager", &[], &[&manager_get]),
        ];
        let merged = share_alike(nodes.clone());
        let templates: Vec<&str> = merged.iter().map(|n| n.template.as_str()).collect();
        // `/users/{user-id}` has `manager` too: it is not `/me`, but its `events` is.
        assert_eq!(
            templates,
            [
                "",
                "/me",
                "/users",
                "/me/events",
                "/users/{user-id}",
                "/users/{user-id}/manager"
            ]
        );
        let alias = |name: &str, template: &str| Alias {
            name: name.to_string(),
            template: template.to_string(),
        };
        assert_eq!(
            merged[3].aliases,
            [alias("usersuser-idevents", "/users/{user-id}/events")]
        );
        assert_eq!(
            merged[4].edges[0].child, 3,
            "the events of a user are the node of /me/events"
        );
        assert_eq!(merged[4].edges[1].child, 5);

        // Without `manager`, `/users/{user-id}` calls as `/me` does.
        let mut without_manager = nodes;
        without_manager.pop();
        without_manager[4].edges.pop();
        let merged = share_alike(without_manager);
        let templates: Vec<&str> = merged.iter().map(|n| n.template.as_str()).collect();
        assert_eq!(templates, ["", "/me", "/users", "/me/events"]);
        assert_eq!(
            merged[1].aliases,
            [alias("usersuser-id", "/users/{user-id}")]
        );
        assert_eq!(
            merged[2].edges[0].child, 1,
            "users().by_id() is the node of /me"
        );
        assert_eq!(
            merged[2].edges[0].child_name, "Node4",
            "under the name it had"
        );
        assert_eq!(
            merged[2].edges[0].segment,
            Segment::Param("user-id".to_string())
        );
    }

    /// The same steps to children that differ, or another call: not alike.
    #[test]
    fn other_calls_or_other_children_are_other_nodes() {
        let a = operation("a.get");
        let b = operation("b.get");
        let nodes = vec![
            node("", &[("x", literal("x"), 1), ("y", literal("y"), 2)], &[]),
            node("/x", &[], &[&a]),
            node("/y", &[], &[&b]),
        ];
        assert_eq!(share_alike(nodes).len(), 3);
    }
}
