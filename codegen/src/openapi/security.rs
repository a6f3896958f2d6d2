//! Permissions as OAuth2 scopes: one security scheme (`microsoftGraph`, the
//! Microsoft identity platform) whose authorization-code flow lists the
//! delegated scopes and whose client-credentials flow lists the application
//! ones, as the document's operations document them; each operation requires any
//! one of its scopes (one security requirement per scope).

use super::doc::{OAuthFlow, OAuthFlows, SecurityScheme};
use crate::schema::Operation;
use std::collections::{BTreeMap, BTreeSet};

pub const SCHEME: &str = "microsoftGraph";
const AUTHORIZE: &str = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize";
const TOKEN: &str = "https://login.microsoftonline.com/common/oauth2/v2.0/token";

const WORK: &str = "delegated (work or school account)";
const PERSONAL: &str = "delegated (personal Microsoft account)";
const APPLICATION: &str = "application";
/// The 2017 pages' italic scope line does not say the permission type: such a
/// scope is listed in both flows.
const UNCLASSIFIED: &str = "permission type not documented";

/// The scopes a document's operations use, and how the docs classify each.
#[derive(Debug, Default)]
pub struct Scopes {
    delegated: BTreeMap<String, BTreeSet<&'static str>>,
    application: BTreeMap<String, BTreeSet<&'static str>>,
}

impl Scopes {
    /// The scopes `op` accepts, in documented order (each is recorded for the scheme).
    /// Cells that are not a scope name (`n/a`, `teams:`) are left out.
    pub fn of(&mut self, op: &Operation) -> Vec<String> {
        let p = &op.permissions;
        let classes: [(&Vec<String>, &'static str, bool, bool); 4] = [
            (&p.delegated_work, WORK, true, false),
            (&p.delegated_personal, PERSONAL, true, false),
            (&p.application, APPLICATION, false, true),
            (&p.unclassified, UNCLASSIFIED, true, true),
        ];
        let mut scopes: Vec<String> = Vec::new();
        for (names, class, delegated, application) in classes {
            for name in names.iter().map(|n| n.trim()).filter(|n| is_scope(n)) {
                if delegated {
                    self.delegated
                        .entry(name.to_string())
                        .or_default()
                        .insert(class);
                }
                if application {
                    self.application
                        .entry(name.to_string())
                        .or_default()
                        .insert(class);
                }
                if !scopes.iter().any(|s| s == name) {
                    scopes.push(name.to_string());
                }
            }
        }
        scopes
    }

    /// The security scheme, when any operation documents a scope.
    pub fn scheme(&self) -> Option<SecurityScheme> {
        let flow = |scopes: &BTreeMap<String, BTreeSet<&str>>, authorization_url| {
            (!scopes.is_empty()).then(|| OAuthFlow {
                authorization_url,
                token_url: TOKEN,
                scopes: scopes
                    .iter()
                    .map(|(name, classes)| {
                        let classes: Vec<&str> = classes.iter().copied().collect();
                        (name.clone(), classes.join("; "))
                    })
                    .collect(),
            })
        };
        let flows = OAuthFlows {
            authorization_code: flow(&self.delegated, Some(AUTHORIZE)),
            client_credentials: flow(&self.application, None),
        };
        (flows.authorization_code.is_some() || flows.client_credentials.is_some()).then(|| {
            SecurityScheme {
                ty: "oauth2",
                description: "Microsoft identity platform: delegated permissions with the authorization code flow, application permissions with client credentials. An operation needs any one of the scopes it lists.".to_string(),
                flows,
            }
        })
    }
}

/// A permission name as the docs write them (`User.Read.All`, `TeamsTab.Create.Group*`).
fn is_scope(name: &str) -> bool {
    name.contains('.')
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '*'))
}
