//! Enums: members from enum pages, `Possible values` lists, synthesized enums
//! and example values; and the flags rule.
//!
//! Members: an enum page's Members table is the truth (newest page first;
//! members only other pages list are appended). `Possible values` lists add the
//! values the page lacks (`possible-value-not-member`, warning) and note lists
//! that miss members (`possible-values-incomplete`, note). Without a page the
//! members are the union of the lists, in first-seen order; without lists,
//! the string values seen in examples (the enum is then inferred).
//!
//! Flags rule: an enum is a flags enum (sent as `"a,b"`) when its values are
//! known, it has at least three members, every non-zero value is a distinct
//! power of two, the largest is at least 4, and either a zero member is named
//! `none`/`notConfigured`/`unknown` or the type name is plural (ends in `s`,
//! not `ss`/`us`/`is`). Without values: the plural name alone.

use super::acc::Acc;
use super::model::Member;
use super::names::bare;
use crate::diag::{Diagnostic, Location};
use std::collections::BTreeMap;

pub struct EnumMembers {
    pub members: Vec<Member>,
    pub flags: bool,
    pub inferred_from_examples: bool,
}

pub fn members_of(
    name: &str,
    acc: &Acc,
    synthesized: Option<&[String]>,
    diags: &mut Vec<Diagnostic>,
) -> EnumMembers {
    let mut members: Vec<Member> = Vec::new();
    let mut member_at: BTreeMap<String, Location> = BTreeMap::new();
    let from_page = acc
        .members
        .get(name)
        .map(|m| !m.is_empty())
        .unwrap_or(false);
    if let Some(page_members) = acc.members.get(name) {
        let mut sorted = page_members.clone();
        sorted.sort_by(|a, b| a.0.cmp(&b.0).then(std::cmp::Ordering::Equal));
        // Keep page order: sort is by (precedence); members of one page keep their line order.
        // name -> index in `members`: a lookup per member, not a scan (an enum may have 70,000).
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        for (_, m) in &sorted {
            match index.get(&m.name).map(|&i| &members[i]) {
                Some(existing) if existing.value != m.value => diags.push(
                    Diagnostic::warning(
                        "member-conflict",
                        &m.at,
                        format!(
                            "member `{}` of `{}` has value {:?} here but {:?} elsewhere",
                            m.name,
                            bare(name),
                            m.value,
                            existing.value
                        ),
                    )
                    .with_help("give the member the same value on every page")
                    .with_related(&member_at[&m.name], "kept value"),
                ),
                Some(_) => {}
                None => {
                    member_at.insert(m.name.clone(), m.at.clone());
                    index.insert(m.name.clone(), members.len());
                    members.push(Member {
                        name: m.name.clone(),
                        value: m.value,
                        description: m.description.clone().unwrap_or_default(),
                    });
                }
            }
        }
    }
    let mut lists: Vec<(Location, Vec<String>)> =
        acc.possible_values.get(name).cloned().unwrap_or_default();
    lists.sort();
    for (at, values) in &lists {
        let mut added = false;
        for v in values {
            if !members.iter().any(|m| &m.name == v) {
                if from_page {
                    diags.push(
                        Diagnostic::warning(
                            "possible-value-not-member",
                            at,
                            format!(
                                "`{v}` is listed as a possible value but is not a member of `{}`",
                                bare(name)
                            ),
                        )
                        .with_help("add the member to the enum page or fix the list"),
                    );
                }
                members.push(Member {
                    name: v.clone(),
                    value: None,
                    description: String::new(),
                });
                added = true;
            }
        }
        if from_page && !added && values.len() < members.len() {
            let missing: Vec<&str> = members
                .iter()
                .filter(|m| !values.contains(&m.name))
                .map(|m| m.name.as_str())
                .collect();
            diags.push(Diagnostic::note(
                "possible-values-incomplete",
                at,
                format!(
                    "the possible values of `{}` miss {}",
                    bare(name),
                    missing
                        .iter()
                        .map(|m| format!("`{m}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
.with_help("list every member of the enum in the possible values (or link the enum type instead)"));
        }
    }
    for v in synthesized.unwrap_or_default() {
        if !members.iter().any(|m| &m.name == v) {
            members.push(Member {
                name: v.clone(),
                value: None,
                description: String::new(),
            });
        }
    }
    let mut inferred_from_examples = false;
    if members.is_empty() {
        if let Some(t) = acc.types.get(name) {
            inferred_from_examples = !t.seen_strings.is_empty();
            members.extend(t.seen_strings.iter().map(|s| Member {
                name: s.clone(),
                value: None,
                description: String::new(),
            }));
        }
    }
    let flags = is_flags(bare(name), &members);
    EnumMembers {
        members,
        flags,
        inferred_from_examples,
    }
}

/// The flags rule (see the module docs).
pub fn is_flags(type_name: &str, members: &[Member]) -> bool {
    let plural =
        type_name.ends_with('s') && !["ss", "us", "is"].iter().any(|s| type_name.ends_with(s));
    if members.iter().all(|m| m.value.is_none()) {
        return plural && !members.is_empty();
    }
    let Some(values) = members
        .iter()
        .map(|m| m.value)
        .collect::<Option<Vec<i64>>>()
    else {
        return false;
    };
    let nonzero: Vec<i64> = values.iter().copied().filter(|v| *v != 0).collect();
    let distinct = {
        let mut v = nonzero.clone();
        v.sort();
        v.dedup();
        v.len() == nonzero.len()
    };
    let powers = nonzero.iter().all(|v| *v > 0 && (v & (v - 1)) == 0);
    let zero_members: Vec<&Member> = members.iter().filter(|m| m.value == Some(0)).collect();
    let zero_is_none = zero_members.len() == 1
        && ["none", "notconfigured", "unknown"]
            .contains(&zero_members[0].name.to_ascii_lowercase().as_str());
    members.len() >= 3
        && distinct
        && powers
        && zero_members.len() <= 1
        && nonzero.iter().max().is_some_and(|m| *m >= 4)
        && (zero_is_none || plural)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(pairs: &[(&str, Option<i64>)]) -> Vec<Member> {
        pairs
            .iter()
            .map(|(n, v)| Member {
                name: n.to_string(),
                value: *v,
                description: String::new(),
            })
            .collect()
    }

    #[test]
    fn flags_rule() {
        let arch = members(&[
            ("none", Some(0)),
            ("x86", Some(1)),
            ("x64", Some(2)),
            ("arm", Some(4)),
            ("neutral", Some(8)),
        ]);
        assert!(is_flags("windowsArchitecture", &arch));
        let wifi = members(&[
            ("open", Some(0)),
            ("wep", Some(1)),
            ("wpaPersonal", Some(2)),
            ("wpaEnterprise", Some(4)),
        ]);
        assert!(
            !is_flags("androidDeviceOwnerWiFiSecurityType", &wifi),
            "zero member is not `none` and name is singular"
        );
        let seq = members(&[
            ("a", Some(0)),
            ("b", Some(1)),
            ("c", Some(2)),
            ("d", Some(3)),
        ]);
        assert!(!is_flags("things", &seq));
        assert!(is_flags(
            "keyUsages",
            &members(&[("keyEncipherment", None), ("digitalSignature", None)])
        ));
        assert!(!is_flags("keySize", &members(&[("size1024", None)])));
        assert!(!is_flags("deviceStatus", &members(&[("a", None)])));
    }
}
