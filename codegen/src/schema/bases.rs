//! Bases: who inherits from whom.
//!
//! Rule: an `Inherits from [B](...)` line on the type's own resource page wins
//! (newest page first if several disagree: `base-conflict`); without one, a
//! base's page naming the type among its derived types (`This is a base type
//! for [a](a.md), [b](b.md)`) gives it. A type without such
//! a line and without a resource page of its own gets a base inferred from the
//! `Inherited from [D](...)` annotations of the tables that list its properties:
//! the docs list inherited rows root-first, so the distinct declarers in row
//! order form the chain `D1 <- D2 <- ... <- T`. Among several inferred
//! candidates the one from the longest chain wins (it is the most specific).
//! Cycles (including a type inheriting from itself) are reported as
//! `inheritance-cycle` and broken by dropping the base of the cycle's first type
//! in name order.

use super::acc::{Acc, Precedence};
use crate::diag::{Code, Diagnostic, Location};
use std::collections::{BTreeMap, BTreeSet};

/// A resolved base.
#[derive(Debug, Clone)]
pub struct BaseLink {
    pub base: String,
    /// Read from `Inherited from` row order, not from an `Inherits from` line.
    pub inferred: bool,
    pub at: Location,
}

pub type Bases = BTreeMap<String, BaseLink>;

pub fn resolve(acc: &Acc, diags: &mut Vec<Diagnostic>) -> Bases {
    let mut bases = Bases::new();
    // (type) -> candidates (depth in chain, precedence, base)
    let mut inferred: BTreeMap<String, Vec<(usize, Precedence, String)>> = BTreeMap::new();
    let mut listed_by_bases: BTreeMap<&str, Vec<(Precedence, String)>> = BTreeMap::new();
    for (base, t) in &acc.types {
        for (precedence, derived) in &t.lists_derived {
            listed_by_bases
                .entry(derived.as_str())
                .or_default()
                .push((precedence.clone(), base.clone()));
        }
    }
    for (name, t) in &acc.types {
        let mut explicit = t.explicit_bases.clone();
        explicit.sort();
        // The type's own page first; else a base's page naming it as derived.
        if explicit.is_empty() && t.resource_page {
            explicit = listed_by_bases
                .get(name.as_str())
                .cloned()
                .unwrap_or_default();
            explicit.sort();
            explicit.truncate(1);
        }
        if let Some((winner_at, winner)) = explicit.first() {
            for (at, other) in &explicit[1..] {
                if other != winner {
                    diags.push(
                        Diagnostic::warning(
                            Code::BaseConflict,
                            &at.at,
                            format!("`{name}` is said to inherit from `{other}` here, but from `{winner}` elsewhere"),
                        )
.with_help("make the pages agree on the base: fix the `Inherits from` line that is wrong")
                        .with_related(&winner_at.at, format!("inherits from `{winner}` here (kept: newer page)")),
                    );
                }
            }
            bases.insert(
                name.clone(),
                BaseLink {
                    base: winner.clone(),
                    inferred: false,
                    at: winner_at.at.clone(),
                },
            );
        }
        for (precedence, chain) in &t.inferred_chains {
            let mut full = chain.clone();
            full.push(name.clone());
            for (depth, pair) in full.windows(2).enumerate() {
                inferred.entry(pair[1].clone()).or_default().push((
                    depth + 1,
                    precedence.clone(),
                    pair[0].clone(),
                ));
            }
        }
    }
    for (name, mut candidates) in inferred {
        if bases.contains_key(&name) || acc.types.get(&name).is_some_and(|t| t.resource_page) {
            continue;
        }
        // Deepest first, then precedence.
        candidates.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let (_, at, base) = candidates[0].clone();
        if base != name {
            bases.insert(
                name,
                BaseLink {
                    base,
                    inferred: true,
                    at: at.at,
                },
            );
        }
    }
    break_cycles(&mut bases, diags);
    limit_depth(&mut bases, diags);
    bases
}

/// The most levels of bases a type may have. A derived struct holds its base and
/// reaches it through `Deref`, and each level is one more call when a property is
/// read: rustc stops auto-deref at 128 levels, so a deeper chain would not even
/// compile. The deepest chain of the Graph beta reference (2021-07) has 3 levels.
pub const MAX_INHERITANCE_DEPTH: usize = 32;

/// Cuts every chain deeper than [`MAX_INHERITANCE_DEPTH`] (`inheritance-too-deep`):
/// the type one level too deep loses its base and starts a chain of its own.
/// Runs after cycles are broken, so every walk ends.
fn limit_depth(bases: &mut Bases, diags: &mut Vec<Diagnostic>) {
    loop {
        let depths = depths(bases);
        let too_deep: Vec<String> = depths
            .iter()
            .filter(|(_, d)| **d == MAX_INHERITANCE_DEPTH + 1)
            .map(|(name, _)| name.to_string())
            .collect();
        if too_deep.is_empty() {
            return;
        }
        for name in too_deep {
            let link = bases
                .remove(&name)
                .expect("a type with ancestors has a base");
            diags.push(
                Diagnostic::warning(
                    Code::InheritanceTooDeep,
                    &link.at,
                    format!(
                        "`{name}` would have {} levels of bases, more than the {MAX_INHERITANCE_DEPTH} that generated Rust supports; its base `{}` was dropped",
                        MAX_INHERITANCE_DEPTH + 1,
                        link.base
                    ),
                )
                .with_help("flatten the hierarchy: the deepest chain of the Graph reference has 3 levels of bases"),
            );
        }
    }
}

/// How many ancestors each type has (types without a base are left out), in one
/// pass: every walk up a chain stops at the first type whose depth is known.
fn depths(bases: &Bases) -> BTreeMap<&str, usize> {
    let mut known: BTreeMap<&str, usize> = BTreeMap::new();
    for start in bases.keys() {
        let mut path: Vec<&str> = Vec::new();
        let mut current = start.as_str();
        let mut depth = loop {
            if let Some(d) = known.get(current) {
                break *d;
            }
            match bases.get(current) {
                Some(link) if !path.contains(&current) => {
                    path.push(current);
                    current = &link.base;
                }
                _ => break 0,
            }
        };
        for name in path.into_iter().rev() {
            depth += 1;
            known.insert(name, depth);
        }
    }
    known
}

fn break_cycles(bases: &mut Bases, diags: &mut Vec<Diagnostic>) {
    loop {
        let Some(cycle) = find_cycle(bases) else {
            return;
        };
        let victim = cycle.iter().min().cloned().expect("a cycle has members");
        let link = bases.remove(&victim).expect("cycle members have bases");
        let path = cycle.join(" -> ");
        diags.push(
            Diagnostic::error(
                Code::InheritanceCycle,
                &link.at,
                format!("inheritance cycle: {path} -> {}", cycle[0]),
            )
            .with_help(format!(
                "fix the `Inherits from` line; the base of `{victim}` was dropped to go on"
            )),
        );
    }
}

/// The first cycle found walking types in name order, as its members in base order.
fn find_cycle(bases: &Bases) -> Option<Vec<String>> {
    let mut done = BTreeSet::new();
    for start in bases.keys() {
        let mut path: Vec<String> = Vec::new();
        let mut current = start.clone();
        loop {
            if done.contains(&current) {
                break;
            }
            if let Some(pos) = path.iter().position(|p| *p == current) {
                return Some(path[pos..].to_vec());
            }
            path.push(current.clone());
            match bases.get(&current) {
                Some(link) => current = link.base.clone(),
                None => break,
            }
        }
        done.extend(path);
    }
    None
}

/// The ancestors of `name`, nearest first.
pub fn ancestors<'a>(bases: &'a Bases, name: &str) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    let mut current = bases.get(name);
    while let Some(link) = current {
        if out.contains(&link.base.as_str()) || link.base == name {
            break;
        }
        out.push(&link.base);
        current = bases.get(&link.base);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::FormatEra;

    fn prec(line: u32) -> Precedence {
        Precedence::new(Some(FormatEra::Typed), &Location::new("p.md", line))
    }

    #[test]
    fn chain_is_inferred_from_inherited_rows_root_first() {
        let mut acc = Acc::default();
        acc.type_mut("g.leaf")
            .inferred_chains
            .push((prec(1), vec!["g.root".into(), "g.mid".into()]));
        let bases = resolve(&acc, &mut Vec::new());
        assert_eq!(bases["g.leaf"].base, "g.mid");
        assert_eq!(bases["g.mid"].base, "g.root");
        assert!(bases["g.leaf"].inferred);
        assert_eq!(ancestors(&bases, "g.leaf"), ["g.mid", "g.root"]);
    }

    #[test]
    fn explicit_base_beats_inferred_and_longer_chain_wins() {
        let mut acc = Acc::default();
        acc.type_mut("g.a")
            .explicit_bases
            .push((prec(3), "g.b".into()));
        acc.type_mut("g.a")
            .inferred_chains
            .push((prec(1), vec!["g.c".into()]));
        acc.type_mut("g.x")
            .inferred_chains
            .push((prec(1), vec!["g.root".into()]));
        acc.type_mut("g.x")
            .inferred_chains
            .push((prec(2), vec!["g.root".into(), "g.mid".into()]));
        let bases = resolve(&acc, &mut Vec::new());
        assert_eq!(bases["g.a"].base, "g.b");
        assert!(!bases["g.a"].inferred);
        assert_eq!(bases["g.x"].base, "g.mid");
    }

    #[test]
    fn cycles_and_self_inheritance_are_reported_and_broken() {
        let mut acc = Acc::default();
        acc.type_mut("g.a")
            .explicit_bases
            .push((prec(1), "g.b".into()));
        acc.type_mut("g.b")
            .explicit_bases
            .push((prec(2), "g.a".into()));
        acc.type_mut("g.self")
            .explicit_bases
            .push((prec(3), "g.self".into()));
        let mut diags = Vec::new();
        let bases = resolve(&acc, &mut diags);
        let cycles: Vec<_> = diags
            .iter()
            .filter(|d| d.code == "inheritance-cycle")
            .map(|d| d.line)
            .collect();
        assert_eq!(cycles, [1, 3]);
        assert!(!bases.contains_key("g.a"));
        assert_eq!(bases["g.b"].base, "g.a");
        assert!(!bases.contains_key("g.self"));
    }

    #[test]
    fn chains_deeper_than_the_limit_are_cut() {
        let mut acc = Acc::default();
        let n = 2 * MAX_INHERITANCE_DEPTH + 10;
        for i in 1..=n {
            acc.type_mut(&format!("g.t{i:03}"))
                .explicit_bases
                .push((prec(i as u32), format!("g.t{:03}", i - 1)));
        }
        let mut diags = Vec::new();
        let bases = resolve(&acc, &mut diags);
        let cut: Vec<_> = diags
            .iter()
            .filter(|d| d.code == "inheritance-too-deep")
            .map(|d| d.line as usize)
            .collect();
        // t000 is the root: t033 is the first type one level too deep; t066 is the
        // 33rd level under the new root t033.
        let first = MAX_INHERITANCE_DEPTH + 1;
        assert_eq!(cut, [first, 2 * first]);
        assert!(depths(&bases).values().all(|d| *d <= MAX_INHERITANCE_DEPTH));
        assert_eq!(
            ancestors(&bases, &format!("g.t{n:03}")).len(),
            n - 2 * first
        );
    }

    #[test]
    fn conflicting_explicit_bases_keep_the_newer_page() {
        let mut acc = Acc::default();
        let old = Precedence::new(Some(FormatEra::Legacy), &Location::new("old.md", 4));
        acc.type_mut("g.a")
            .explicit_bases
            .push((old, "g.old".into()));
        acc.type_mut("g.a")
            .explicit_bases
            .push((prec(9), "g.new".into()));
        let mut diags = Vec::new();
        let bases = resolve(&acc, &mut diags);
        assert_eq!(bases["g.a"].base, "g.new");
        assert_eq!(
            (diags[0].code, diags[0].file.as_str(), diags[0].line),
            ("base-conflict", "old.md", 4)
        );
        assert_eq!(diags[0].related[0].line, 9);
    }
}
