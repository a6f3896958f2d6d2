//! Accumulators: facts from all pages gathered per type, property and enum,
//! before any decision is made. Decisions live in the files that own them
//! (bases, properties, kinds, enums, operations, infer).

use crate::diag::Location;
use crate::facts::{FormatEra, MemberFact, PropertyFact, TypeFact};
use std::collections::{BTreeMap, BTreeSet};

/// Orders facts for "who wins": newer format first, then path and line. Deterministic.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Precedence {
    pub era_rank: std::cmp::Reverse<FormatEra>,
    pub at: Location,
}

impl Precedence {
    pub fn new(era: Option<FormatEra>, at: &Location) -> Self {
        Precedence {
            era_rank: std::cmp::Reverse(era.unwrap_or(FormatEra::Legacy)),
            at: at.clone(),
        }
    }
}

/// Everything said about one type (keyed by qualified name).
#[derive(Debug, Default)]
pub struct TypeAcc {
    /// Facts from the type's own resource or enum pages.
    pub defined: Vec<(Precedence, TypeFact)>,
    pub enum_page: bool,
    /// Documented by an `x values` section of another page.
    pub enum_section: bool,
    pub resource_page: bool,
    /// `Inherits from` lines (qualified base).
    pub explicit_bases: Vec<(Precedence, String)>,
    /// The types this type's page names as derived from it (qualified).
    pub lists_derived: Vec<(Precedence, String)>,
    /// Chains read from the order of `Inherited from` rows in one table (root first, qualified).
    pub inferred_chains: Vec<(Precedence, Vec<String>)>,
    /// The properties its resource annotations name as `keyProperty`.
    pub key_properties: BTreeSet<String>,
    pub has_methods: bool,
    pub abstract_hint: bool,
    /// Some operation is about this type.
    pub operation_target: bool,
    /// The area the type belongs to: the least (priority, path, area) it was noted with,
    /// where priority 0 = its own page named after it, 1 = another page defining it, 2 = a page
    /// listing its properties or operations, 3 = a mention.
    pub area: Option<(u8, String, String)>,
    pub sources: BTreeSet<Location>,
    /// Example JSON showed this type as an object / as these strings.
    pub seen_as_object: bool,
    pub seen_strings: Vec<String>,
}

impl TypeAcc {
    pub fn note_area(&mut self, priority: u8, path: &str, area: Option<&str>) {
        let Some(area) = area else { return };
        // Only the least note counts; most notes lose, so compare before allocating.
        let wins = match &self.area {
            None => true,
            Some((p, f, a)) => (priority, path, area) < (*p, f.as_str(), a.as_str()),
        };
        if wins {
            self.area = Some((priority, path.to_string(), area.to_string()));
        }
    }

    /// Records that `at` mentions the type (cloning only a new location).
    pub fn note_source(&mut self, at: &Location) {
        if !self.sources.contains(at) {
            self.sources.insert(at.clone());
        }
    }
}

/// One property row, with the precedence of its page.
#[derive(Debug, Clone)]
pub struct PropCandidate {
    pub precedence: Precedence,
    pub fact: PropertyFact,
}

/// All accumulated facts.
#[derive(Debug, Default)]
pub struct Acc {
    pub types: BTreeMap<String, TypeAcc>,
    /// (qualified declarer, wire name) -> rows.
    pub properties: BTreeMap<(String, String), Vec<PropCandidate>>,
    /// Members from enum pages, per qualified enum.
    pub members: BTreeMap<String, Vec<(Precedence, MemberFact)>>,
    /// `Possible values` lists seen on rows typed with the (qualified) enum.
    pub possible_values: BTreeMap<String, Vec<(Location, Vec<String>)>>,
    /// Every page path in the input (for link checks).
    pub page_paths: BTreeSet<String>,
}

impl Acc {
    pub fn type_mut(&mut self, qualified: &str) -> &mut TypeAcc {
        // Most lookups hit: allocate the key only for a new type.
        if !self.types.contains_key(qualified) {
            self.types.insert(qualified.to_string(), TypeAcc::default());
        }
        self.types.get_mut(qualified).expect("just inserted")
    }
}
