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
//! Flags rule: an enum is a flags enum (sent as `"a,b"`) when an example sends
//! it as a set (a string of comma-separated members), or its values are known,
//! at most one is zero, the others are distinct and positive, and either at
//! least three are distinct powers of two, the largest at least 4 (one member
//! may be all of them at once, `everyWeek` = 15 over 1, 2, 4, 8), or the type
//! name is plural (ends in `s`, not `ss`/`us`/`is`/`as`) and it has two or more
//! powers of two and no zero member (`keyUsages`: 1, 2). Without values: the
//! plural name alone.

use super::acc::Acc;
use super::model::Member;
use super::names::bare;
use crate::diag::{Code, Diagnostic, Location};
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
                        Code::MemberConflict,
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
                            Code::PossibleValueNotMember,
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
                Code::PossibleValuesIncomplete,
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
    let seen = acc
        .types
        .get(name)
        .map(|t| t.seen_strings.as_slice())
        .unwrap_or_default();
    let flags = is_flags(bare(name), &members) || sent_as_set(&members, seen);
    EnumMembers {
        members,
        flags,
        inferred_from_examples,
    }
}

/// The flags rule (see the module docs).
pub fn is_flags(type_name: &str, members: &[Member]) -> bool {
    let plural = type_name.ends_with('s')
        && !["ss", "us", "is", "as"]
            .iter()
            .any(|s| type_name.ends_with(s));
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
    let zeros = values.len() - nonzero.len();
    if !distinct || zeros > 1 || nonzero.iter().any(|v| *v < 0) {
        return false;
    }
    let (powers, combos): (Vec<i64>, Vec<i64>) = nonzero.iter().partition(|v| (*v & (*v - 1)) == 0);
    let all: i64 = powers.iter().sum();
    // One member may be every other bit at once (`everyWeek` = 15 over 1, 2, 4, 8).
    if !combos.is_empty() && (combos.len() > 1 || combos[0] != all || powers.len() < 3) {
        return false;
    }
    let max = powers.iter().copied().max().unwrap_or(0);
    (powers.len() >= 3 && max >= 4)
        || (plural && powers.len() >= 2 && zeros == 0 && combos.is_empty())
}

/// Whether example values send the enum as a set: a string of two or more
/// comma-separated members (`"apps,tabs,settings"`).
pub fn sent_as_set(members: &[Member], seen: &[String]) -> bool {
    seen.iter().any(|s| {
        let parts: Vec<&str> = s.split(',').map(str::trim).collect();
        parts.len() >= 2
            && parts
                .iter()
                .all(|p| members.iter().any(|m| m.name.eq_ignore_ascii_case(p)))
    })
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
            is_flags("androidDeviceOwnerWiFiSecurityType", &wifi),
            "0, 1, 2, 4 reads as bits whatever the zero member's name"
        );
        let weeks = members(&[
            ("userDefined", Some(0)),
            ("firstWeek", Some(1)),
            ("secondWeek", Some(2)),
            ("thirdWeek", Some(4)),
            ("fourthWeek", Some(8)),
            ("everyWeek", Some(15)),
        ]);
        assert!(is_flags("windowsUpdateForBusinessUpdateWeeks", &weeks));
        let usages = members(&[("keyEncipherment", Some(1)), ("digitalSignature", Some(2))]);
        assert!(is_flags("keyUsages", &usages));
        assert!(
            !is_flags("keyUsage", &usages),
            "two bits and a singular name"
        );
        let seq3 = members(&[
            ("a", Some(0)),
            ("b", Some(1)),
            ("c", Some(2)),
            ("d", Some(3)),
        ]);
        assert!(
            !is_flags("levels", &seq3),
            "3 is not a combination of every bit"
        );
        let parts = members(&[("apps", None), ("tabs", None), ("settings", None)]);
        assert!(sent_as_set(&parts, &["apps,tabs".to_string()]));
        assert!(!sent_as_set(
            &parts,
            &["apps".to_string(), "a,b".to_string()]
        ));
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
