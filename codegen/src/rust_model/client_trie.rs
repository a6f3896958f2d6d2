//! The path trie of the client: every documented path template split into
//! segments, one node per distinct prefix, with the Rust names of the node
//! structs and of the methods that walk from node to node.
//!
//! * `{param}` -> `by_id(id)`, or `by_<param>(id)` when several parameters branch at one node;
//! * `microsoft.graph.X` (a cast) -> `as_x()`;
//! * any other segment -> its snake_case name (`deviceConfigurations` -> `device_configurations()`).
//!
//! An action or function sits on the node of its path without the last segment
//! (that segment is its name); every other operation sits on the node of its whole path.

use super::names::{self, Allocator};
use crate::schema::OperationKind;
use crate::schema::{self, Operation, PathTemplate, Schema, TypeRef};
use heck::{ToSnakeCase as _, ToUpperCamelCase as _};
use std::collections::{BTreeMap, BTreeSet};

/// What a path segment is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Segment {
    Literal(String),
    /// `{name}`.
    Param(String),
    /// `{name}:`, an item path (`root:/{item-path}:`): a value that may hold `/`,
    /// written as it is and closed by `:`.
    ItemPath(String),
    /// `microsoft.graph.x`: a type cast.
    Cast(String),
    /// A function composed in the middle of a path (`range(address='<address>')`): its name
    /// and its arguments' names (a positional one named by its placeholder, `<address>`).
    Call {
        name: String,
        arguments: Vec<CallArgument>,
    },
}

/// An argument of a [`Segment::Call`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CallArgument {
    pub name: String,
    /// Whether the template writes its value quoted (`'<address>'`).
    pub quoted: bool,
}

impl Segment {
    /// The walk a schema segment is: a call in the middle of a path with arguments
    /// (`range(address='A1')`) is a step that takes them; one without is a named step.
    pub fn of(segment: &schema::Segment) -> Segment {
        match segment {
            schema::Segment::Parameter { name, suffix: None } => Segment::Param(name.clone()),
            schema::Segment::Parameter { name, .. } => Segment::ItemPath(name.clone()),
            schema::Segment::Cast { type_name } => Segment::Cast(type_name.to_string()),
            schema::Segment::Literal { text } => Segment::Literal(text.clone()),
            schema::Segment::Call {
                name,
                arguments: Some(arguments),
            } if !arguments.is_empty() && is_name(name) => Segment::Call {
                name: name.clone(),
                arguments: arguments
                    .iter()
                    .map(|a| CallArgument {
                        name: a.name.clone().unwrap_or_else(|| {
                            a.value
                                .trim_matches(|c: char| !c.is_alphanumeric() && c != '_')
                                .to_string()
                        }),
                        quoted: a.value.starts_with('\''),
                    })
                    .collect(),
            },
            call @ schema::Segment::Call { .. } => Segment::Literal(call.raw()),
        }
    }

    /// The segment as the URL template writes it.
    pub fn raw(&self) -> String {
        match self {
            Segment::Param(p) => format!("{{{p}}}"),
            Segment::ItemPath(p) => format!("{{{p}}}:"),
            Segment::Literal(s) | Segment::Cast(s) => s.clone(),
            Segment::Call { name, arguments } => {
                let args: Vec<String> = arguments
                    .iter()
                    .map(|a| match a.quoted {
                        true => format!("{0}='{{{0}}}'", a.name),
                        false => format!("{0}={{{0}}}", a.name),
                    })
                    .collect();
                format!("{name}({})", args.join(","))
            }
        }
    }

    /// The key of the child in its parent: every `{param}` is one child, and a call is
    /// one child whatever quotes its template writes (`range(address={address})` and
    /// `range(address='<address>')` are the same step).
    fn key(&self) -> Segment {
        match self {
            Segment::Param(_) => Segment::Param(String::new()),
            Segment::ItemPath(_) => Segment::ItemPath(String::new()),
            Segment::Call { name, arguments } => Segment::Call {
                name: name.clone(),
                arguments: arguments
                    .iter()
                    .map(|a| CallArgument {
                        name: a.name.to_ascii_lowercase(),
                        quoted: false,
                    })
                    .collect(),
            },
            s => s.clone(),
        }
    }

    /// How `match_path` in the generated dispatcher reads the segment: a literal as
    /// written, a call as `name(arg,...)` (its arguments' names), an item path as `{}:`,
    /// a parameter as `None`.
    pub fn pattern(&self) -> Option<String> {
        match self {
            Segment::Param(_) => None,
            Segment::ItemPath(_) => Some("{}:".to_string()),
            Segment::Literal(s) | Segment::Cast(s) => Some(s.clone()),
            Segment::Call { name, arguments } => {
                let names: Vec<&str> = arguments.iter().map(|a| a.name.as_str()).collect();
                Some(format!("{name}({})", names.join(",")))
            }
        }
    }

    /// How many values the step takes: one for a parameter, one per argument for a call.
    pub fn values(&self) -> usize {
        match self {
            Segment::Param(_) | Segment::ItemPath(_) => 1,
            Segment::Call { arguments, .. } => arguments.len(),
            Segment::Literal(_) | Segment::Cast(_) => 0,
        }
    }
}

/// `root` of `root:`, the literal that opens an item path (`root:/{item-path}:`).
fn opens_item_path(literal: &str) -> Option<&str> {
    literal.strip_suffix(':').filter(|name| !name.is_empty())
}

fn is_name(name: &str) -> bool {
    name.chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
}

/// The walk of a path template (`/a/{b}/c`), segment by segment.
pub fn segments(template: &PathTemplate) -> Vec<Segment> {
    template.segments().iter().map(Segment::of).collect()
}

/// The walk to the node an operation sits on, and for an action or function its own
/// call: the name the last segment gives it (`getEmailActivityCounts` of
/// `getEmailActivityCounts(period='{period_value}')`: the arguments the template shows are
/// the call's parameters, which the client writes from the values it is given), or the
/// operation's name when the path does not end in it.
pub fn walk_and_call(op: &Operation, template: &PathTemplate) -> (Vec<Segment>, Option<String>) {
    let all = template.segments();
    if !is_call(op) {
        return (segments(template), None);
    }
    match all.split_last() {
        Some((schema::Segment::Call { name, .. }, rest)) => {
            (rest.iter().map(Segment::of).collect(), Some(name.clone()))
        }
        _ => (
            segments(template),
            Some(op.name.rsplit('.').next().unwrap_or(&op.name).to_string()),
        ),
    }
}

/// One walk from a node to a child.
#[derive(Debug, Clone)]
pub struct Edge {
    pub segment: Segment,
    /// The Rust method name.
    pub method: String,
    pub child: usize,
    /// The Rust name of the type the method returns: the child's, or an alias of it when
    /// the child was merged into a node that calls alike ([`Node::aliases`]).
    pub child_name: String,
}

/// One operation on a node, reached through `template`.
#[derive(Debug, Clone)]
pub struct OpAt<'a> {
    pub op: &'a Operation,
    pub template: String,
    /// The name of an action or function as its path's last segment writes it, without
    /// arguments (qualified where the docs qualify it).
    pub last: Option<String>,
    /// The Rust method name.
    pub method: String,
    /// The other operations this method serves: where every derived type's page documents
    /// the same get, list, create, update or delete of one path, one method serves them all.
    pub also: Vec<&'a Operation>,
    /// The type the operations of a shared method have in common (see [`shared_base`]).
    pub shared_type: Option<String>,
}

impl OpAt<'_> {
    /// Whether this method is the call of the operation named `name`.
    pub fn serves(&self, name: &str) -> bool {
        self.op.name == name || self.also.iter().any(|o| o.name == name)
    }
}

/// Struct type -> its ancestors, nearest first (as `RustModel::ancestors`).
pub type Ancestors<'s> = BTreeMap<&'s str, Vec<&'s str>>;

#[derive(Debug, Clone)]
pub struct Node<'a> {
    /// The Rust struct name (`Graph` for the root).
    pub name: String,
    /// The template of the prefix, `{param}` names of the first path that reached it.
    pub template: String,
    /// The nodes merged into this one because they walk and call alike
    /// ([`share_alike`](super::shared_nodes::share_alike)), shortest first: each keeps its
    /// name as a type alias of this node's struct.
    pub aliases: Vec<Alias>,
    pub edges: Vec<Edge>,
    pub ops: Vec<OpAt<'a>>,
}

/// A node merged into another: its name and template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub name: String,
    pub template: String,
}

#[derive(Debug, Clone)]
pub struct Trie<'a> {
    /// Node 0 is the root.
    pub nodes: Vec<Node<'a>>,
}

fn is_call(op: &Operation) -> bool {
    matches!(op.kind, OperationKind::Action | OperationKind::Function)
}

/// The short name of an action or function (`compare`; `updatePriorities` of a qualified one).
pub fn call_name(raw_last: &str) -> &str {
    raw_last.rsplit('.').next().unwrap_or(raw_last)
}

impl<'a> Trie<'a> {
    pub fn build(schema: &'a Schema, ancestors: &Ancestors) -> Trie<'a> {
        // child key -> (segments as first seen, child index), per node.
        let mut children: Vec<BTreeMap<Segment, (Segment, usize)>> = vec![BTreeMap::new()];
        let mut templates: Vec<String> = vec![String::new()];
        let mut prefixes: Vec<Vec<Segment>> = vec![Vec::new()];
        let mut ops: Vec<Vec<(&'a Operation, String, Option<String>)>> = vec![Vec::new()];
        for op in &schema.operations {
            let mut seen_templates: Vec<&str> = Vec::new();
            for template in &op.paths {
                if seen_templates.contains(&template.as_str()) {
                    continue;
                }
                seen_templates.push(template.as_str());
                let (segs, last) = walk_and_call(op, template);
                let mut at = 0;
                let mut prefix = String::new();
                let mut prefix_segs = Vec::new();
                for seg in segs {
                    prefix = format!("{prefix}/{}", seg.raw());
                    prefix_segs.push(seg.clone());
                    let next = children.len();
                    let child = children[at].entry(seg.key()).or_insert((seg, next)).1;
                    if child == next {
                        children.push(BTreeMap::new());
                        templates.push(prefix.clone());
                        prefixes.push(prefix_segs.clone());
                        ops.push(Vec::new());
                    }
                    at = child;
                }
                ops[at].push((op, template.as_str().to_string(), last));
            }
        }
        let string_arguments = string_arguments(schema);
        // Struct names from the prefix, in template order for determinism.
        let mut alloc = Allocator::with_reserved(&["Graph"]);
        let mut order: Vec<usize> = (1..templates.len()).collect();
        order.sort_by(|&a, &b| templates[a].cmp(&templates[b]));
        let mut struct_names = vec!["Graph".to_string(); templates.len()];
        for i in order {
            struct_names[i] = alloc.take(struct_name(&prefixes[i]));
        }
        let nodes = (0..templates.len())
            .map(|i| {
                let mut methods = Allocator::with_reserved(&["new", "base_url", "url"]);
                let params = children[i]
                    .values()
                    .filter(|(s, _)| matches!(s, Segment::Param(_)))
                    .count();
                let mut edges: Vec<Edge> = children[i]
                    .values()
                    .map(|(seg, child)| {
                        let seg = &quote_string_arguments(seg, &string_arguments);
                        let wanted = match seg {
                            Segment::Param(_) if params <= 1 => "by_id".to_string(),
                            Segment::Param(p) => format!("by_{}", names::field_name(p)),
                            Segment::ItemPath(p) => format!("by_{}", names::field_name(p)),
                            Segment::Cast(c) => format!("as_{}", names::field_name(call_name(c))),
                            // `root:` opens an item path (`root:/{item-path}:`): `root_path()`,
                            // beside the `root()` of `/root`.
                            Segment::Literal(l) => match opens_item_path(l) {
                                Some(name) => format!("{}_path", names::field_name(name)),
                                None => names::field_name(l),
                            },
                            Segment::Call { name, .. } => names::field_name(call_name(name)),
                        };
                        Edge {
                            segment: seg.clone(),
                            method: methods.take(not_std(wanted)),
                            child: *child,
                            child_name: struct_names[*child].clone(),
                        }
                    })
                    .collect();
                edges.sort_by(|a, b| a.method.cmp(&b.method));
                let node_ops = op_methods(&ops[i], &mut methods, ancestors);
                Node {
                    name: struct_names[i].clone(),
                    template: templates[i].clone(),
                    aliases: Vec::new(),
                    edges,
                    ops: node_ops,
                }
            })
            .collect();
        Trie {
            nodes: super::shared_nodes::share_alike(nodes),
        }
    }

    /// The edges from the root to the node of `template` (without the call segment),
    /// with the node reached; None when the template is not in the trie.
    pub fn walk(&self, segs: &[Segment]) -> Option<(Vec<&Edge>, usize)> {
        let mut at = 0;
        let mut path = Vec::new();
        for seg in segs {
            let edge = self.nodes[at]
                .edges
                .iter()
                .find(|e| e.segment.key() == seg.key())?;
            path.push(edge);
            at = edge.child;
        }
        Some((path, at))
    }
}

/// (function name, parameter name), lower-cased, of every function parameter documented as
/// a string; the function named as its paths' last segments call it (`range` of
/// `.../range(address='A1')`), which a page's title need not say.
fn string_arguments(schema: &Schema) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for op in schema
        .operations
        .iter()
        .filter(|op| op.kind == OperationKind::Function)
    {
        let called: BTreeSet<String> = op
            .paths
            .iter()
            .filter_map(|p| match p.segments().last() {
                Some(schema::Segment::Call { name, .. }) => {
                    Some(call_name(name).to_ascii_lowercase())
                }
                _ => None,
            })
            .collect();
        for p in &op.parameters {
            if !p.collection && p.ty.as_primitive() == Some("String") {
                for function in &called {
                    out.insert((function.clone(), p.name.to_ascii_lowercase()));
                }
            }
        }
    }
    out
}

/// A call's arguments are quoted where a template of it quotes them, or where the function
/// of that name documents the parameter as a string (`range(address={address})` is
/// `range(address='A1')` on the wire).
fn quote_string_arguments(seg: &Segment, strings: &BTreeSet<(String, String)>) -> Segment {
    match seg {
        Segment::Call { name, arguments } => {
            let function = call_name(name).to_ascii_lowercase();
            Segment::Call {
                name: name.clone(),
                arguments: arguments
                    .iter()
                    .map(|a| CallArgument {
                        name: a.name.clone(),
                        quoted: a.quoted
                            || strings.contains(&(function.clone(), a.name.to_ascii_lowercase())),
                    })
                    .collect(),
            }
        }
        other => other.clone(),
    }
}

/// `/deviceManagement/deviceConfigurations/{id}/microsoft.graph.x` ->
/// `DeviceManagementDeviceConfigurationsItemAsX`.
fn struct_name(segments: &[Segment]) -> String {
    let mut s = String::new();
    for seg in segments {
        match seg {
            Segment::Param(_) => s.push_str("Item"),
            Segment::ItemPath(_) => s.push_str("ByPath"),
            Segment::Cast(c) => {
                s.push_str("As");
                s.push_str(&call_name(c).to_upper_camel_case());
            }
            Segment::Literal(l) => match opens_item_path(l) {
                Some(name) => {
                    s.push_str(&names::pascal(name, "Segment"));
                    s.push_str("Path");
                }
                None => s.push_str(&names::pascal(l, "Segment")),
            },
            Segment::Call { name, .. } => s.push_str(&names::pascal(call_name(name), "Call")),
        }
    }
    names::pascal(&s, "Node")
}

/// Method names of std traits the node structs implement or users call on any value
/// (`clone`, `eq`...): a path or call of that name gets a trailing `_` (`clone_()`),
/// so that `node.clone()` still clones.
const STD_METHODS: &[&str] = &[
    "clone",
    "clone_from",
    "eq",
    "ne",
    "fmt",
    "hash",
    "cmp",
    "partial_cmp",
    "to_owned",
    "to_string",
    "into",
    "from",
    "try_into",
    "try_from",
    "default",
    "borrow",
    "deref",
    "as_ref",
    "type_id",
];

fn not_std(name: String) -> String {
    if STD_METHODS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// The method names of the operations on one node: `get`, `list`, `create`, `update`,
/// `replace` (a PUT update beside a PATCH one), `delete`, or the snake_case call name.
/// Operations of one kind that every derived type's
/// page documents on the same path share one method typed with their common base
/// ([`shared_base`]); when two other operations would share a name (two unrelated types, or
/// two actions of one name), each gets `_<target type>`.
fn op_methods<'a>(
    ops: &[Placed<'a>],
    methods: &mut Allocator,
    ancestors: &Ancestors,
) -> Vec<OpAt<'a>> {
    // An update documented as PATCH and as PUT on one path: the PUT replaces.
    let patched = ops
        .iter()
        .any(|(op, _, _)| op.kind == OperationKind::Update && op.method != "PUT");
    let base = |op: &Operation, last: &Option<String>| match last {
        Some(l) => names::field_name(&call_name(l).to_snake_case()),
        None if patched && op.kind == OperationKind::Update && op.method == "PUT" => {
            "replace".to_string()
        }
        None => op.kind.as_str().to_string(),
    };
    // One entry per (operation, node): the first template that reached the node, by name.
    let mut sorted: Vec<&Placed<'a>> = ops.iter().collect();
    sorted.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    let mut distinct: Vec<&Placed<'a>> = Vec::new();
    for entry in sorted {
        if !distinct.iter().any(|d| d.0.name == entry.0.name) {
            distinct.push(entry);
        }
    }
    let mut groups: BTreeMap<String, Vec<&Placed<'a>>> = BTreeMap::new();
    for entry in &distinct {
        groups
            .entry(base(entry.0, &entry.2))
            .or_default()
            .push(entry);
    }
    let mut out: Vec<OpAt<'a>> = Vec::new();
    for entry in distinct {
        let (op, _, last) = entry;
        let b = base(op, last);
        let group = &groups[&b];
        if group.len() == 1 {
            out.push(op_at(entry, methods.take(not_std(b)), Vec::new(), None));
            continue;
        }
        let members: Vec<&Operation> = group.iter().map(|e| e.0).collect();
        if let Some(shared) = last
            .is_none()
            .then(|| shared_base(&members, ancestors))
            .flatten()
        {
            if group[0].0.name == op.name {
                let also = members[1..].to_vec();
                out.push(op_at(entry, methods.take(not_std(b)), also, Some(shared)));
            }
            continue;
        }
        let target = op
            .target_type
            .as_deref()
            .map(|t| t.rsplit('.').next().unwrap_or(t).to_snake_case())
            .unwrap_or_else(|| op.name.replace('.', "_").to_snake_case());
        let wanted = format!(
            "{}_{}",
            b.trim_end_matches('_'),
            names::field_name(&target).trim_end_matches('_')
        );
        out.push(op_at(
            entry,
            methods.take(not_std(wanted)),
            Vec::new(),
            None,
        ));
    }
    out
}

/// An operation placed on a node: the template that reached it, and the raw call segment.
type Placed<'a> = (&'a Operation, String, Option<String>);

fn op_at<'a>(
    (op, template, last): &Placed<'a>,
    method: String,
    also: Vec<&'a Operation>,
    shared_type: Option<String>,
) -> OpAt<'a> {
    OpAt {
        op,
        template: template.clone(),
        last: last.clone(),
        method,
        also,
        shared_type,
    }
}

/// The nearest type that every operation's target type is or derives from, when the
/// operations are about one value each (a get, list, create, update or delete of their own
/// target type, as the pages of derived types document the path of their base's collection).
/// None when a target is unknown, a request or response names another type, or the targets
/// share no ancestor.
pub fn shared_base(ops: &[&Operation], ancestors: &Ancestors) -> Option<String> {
    let mut chains = Vec::new();
    for op in ops {
        if matches!(op.kind, OperationKind::Action | OperationKind::Function) {
            return None;
        }
        let target = op.target_type.as_deref()?;
        let own = |t: &Option<TypeRef>| {
            t.as_ref()
                .is_none_or(|t| t.as_named().is_some_and(|n| n.as_str() == target))
        };
        if !own(&op.request_type) || !own(&op.response_type) {
            return None;
        }
        let mut chain = vec![target];
        chain.extend(ancestors.get(target)?.iter().copied());
        chains.push(chain);
    }
    let (first, rest) = chains.split_first()?;
    first
        .iter()
        .find(|t| rest.iter().all(|c| c.contains(t)))
        .map(|t| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_kinds() {
        assert_eq!(
            segments(&"/a/{b}/microsoft.graph.c".into()),
            [
                Segment::Literal("a".into()),
                Segment::Param("b".into()),
                Segment::Cast("microsoft.graph.c".into())
            ]
        );
        assert_eq!(
            struct_name(&segments(&"/deviceManagement/deviceConfigurations/{id}/microsoft.graph.iosScepCertificateProfile".into())),
            "DeviceManagementDeviceConfigurationsItemAsIosScepCertificateProfile"
        );
    }

    #[test]
    fn a_call_in_the_middle_is_one_step_however_its_argument_is_written() {
        let steps: Vec<Segment> = [
            "/s/{id}/range(address='<address>')/format",
            "/s/{id}/range(address={address})/format",
            "/s/{id}/range(<address>)/format",
        ]
        .iter()
        .map(|t| segments(&(*t).into())[2].clone())
        .collect();
        assert_eq!(
            steps[0],
            Segment::Call {
                name: "range".into(),
                arguments: vec![CallArgument {
                    name: "address".into(),
                    quoted: true
                }]
            }
        );
        assert!(steps.iter().all(|s| s.key() == steps[0].key()), "{steps:?}");
        assert_eq!(steps[1].pattern().as_deref(), Some("range(address)"));
        assert_eq!(steps[1].values(), 1);
        // Without arguments it stays a named step, as written.
        assert_eq!(
            segments(&"/a/range()/b".into())[1],
            Segment::Literal("range()".into())
        );
    }

    #[test]
    fn an_item_path_is_one_step_after_the_segment_that_opens_it() {
        let segs = segments(&"/drive/root:/{item-path}:/workbook".into());
        assert_eq!(
            segs,
            [
                Segment::Literal("drive".into()),
                Segment::Literal("root:".into()),
                Segment::ItemPath("item-path".into()),
                Segment::Literal("workbook".into())
            ]
        );
        assert_eq!(segs[2].pattern().as_deref(), Some("{}:"));
        assert_eq!(struct_name(&segs), "DriveRootPathByPathWorkbook");
    }

    #[test]
    fn a_function_is_called_by_the_name_before_its_arguments() {
        let op: Operation = serde_json::from_value(serde_json::json!({
            "name": "reportRoot.getEmailActivityCounts", "kind": "function", "targetType": null,
            "method": "GET", "paths": [], "pathParameters": [], "requestType": null,
            "requestCollection": false, "parameters": [], "responseType": null,
            "responseCollection": false, "status": null,
            "permissions": {"delegatedWork": [], "delegatedPersonal": [], "application": [], "unclassified": []},
            "description": "", "sources": []
        }))
        .expect("an operation");
        let template = PathTemplate::parse(
            "/reports/getEmailActivityCounts(period='{period_value}')",
            true,
        );
        let (walk, call) = walk_and_call(&op, &template);
        assert_eq!(walk, [Segment::Literal("reports".into())]);
        assert_eq!(call.as_deref(), Some("getEmailActivityCounts"));
    }
}
