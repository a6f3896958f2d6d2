//! Tokens from [azure_identity](https://docs.rs/azure_identity)'s credentials
//! (cargo feature `azure-identity`): a client secret or assertion, a managed
//! identity, workload identity, the Azure CLI... any
//! [`TokenCredential`](azure_core::credentials::TokenCredential).
//!
//! ```no_run
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! use graph_generated::client::base_url;
//! use graph_generated::client::executor::GraphClient;
//! use graph_generated::client::identity::{azure_identity::ClientSecretCredential, AzureIdentityToken};
//!
//! let credential = ClientSecretCredential::new("tenant-id", "client-id".into(), "secret".into(), None)?;
//! let client = GraphClient::new(base_url::BETA, AzureIdentityToken::new(credential));
//! # Ok(())
//! # }
//! ```
//!
//! The crates are re-exported ([`azure_identity`], [`azure_core`]) so that the
//! credential is built with the very versions this crate implements the bridge for.

use super::core::GraphError;
use super::executor::{Secret, TokenProvider};
use azure_core::credentials::TokenCredential;
use std::sync::Arc;

/// The azure_core crate of [`azure_identity`] (its `TokenCredential` trait, client options).
pub use azure_core;
/// The azure_identity crate this bridge is built against (its credentials).
pub use azure_identity;

/// The scope of an app-only or delegated token for Microsoft Graph's global
/// service: every permission granted to the app (`.default`).
pub const GRAPH_DEFAULT_SCOPE: &str = "https://graph.microsoft.com/.default";

/// A [`TokenProvider`] that asks an azure_identity credential for a token on
/// every request.
///
/// It caches nothing itself: azure_identity's service credentials
/// (`ClientSecretCredential`, `ClientAssertionCredential`,
/// `WorkloadIdentityCredential`, `ManagedIdentityCredential`; also
/// `ClientCertificateCredential`, which needs azure_identity's OpenSSL-based
/// `client_certificate` feature, left out here) keep each token in their own cache, per scope
/// set, and fetch a new one only within 5 minutes of its expiry, so asking on
/// every request costs a lookup, not a round trip to Entra ID. The developer
/// credentials (`AzureCliCredential`, `AzureDeveloperCliCredential`,
/// `DeveloperToolsCredential`) cache nothing and run their tool for every token,
/// hence for every request: they are for trying things out, not for loops.
#[derive(Debug, Clone)]
pub struct AzureIdentityToken {
    credential: Arc<dyn TokenCredential>,
    scopes: Vec<String>,
}

impl AzureIdentityToken {
    /// Tokens from `credential` for [`GRAPH_DEFAULT_SCOPE`] (the global service,
    /// as [`super::base_url::BETA`] and `V1`).
    pub fn new(credential: Arc<dyn TokenCredential>) -> Self {
        AzureIdentityToken {
            credential,
            scopes: vec![GRAPH_DEFAULT_SCOPE.to_string()],
        }
    }

    /// Tokens for the Graph service at `base_url`: the scope is
    /// `https://<its host>/.default` (`https://graph.microsoft.us/.default` for
    /// `https://graph.microsoft.us/v1.0`, a national cloud). An URL that is not
    /// `https` with a host is refused, since the scope would name no service.
    pub fn for_base_url(
        credential: Arc<dyn TokenCredential>,
        base_url: &str,
    ) -> Result<Self, GraphError> {
        let scope = base_url
            .parse::<http::Uri>()
            .ok()
            .filter(|uri| uri.scheme_str() == Some("https"))
            .and_then(|uri| {
                let host = uri.host()?;
                Some(match uri.port_u16() {
                    Some(port) => format!("https://{host}:{port}/.default"),
                    None => format!("https://{host}/.default"),
                })
            })
            .ok_or_else(|| GraphError::Request {
                message: format!("`{base_url}` is not an https URL; it names no token scope"),
            })?;
        Ok(AzureIdentityToken {
            credential,
            scopes: vec![scope],
        })
    }

    /// The same credential with other scopes (`["User.Read", "Mail.Send"]` as
    /// full URIs for a delegated token, say).
    pub fn with_scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// The scopes every token is asked for.
    pub fn scopes(&self) -> &[String] {
        &self.scopes
    }
}

impl TokenProvider for AzureIdentityToken {
    async fn token(&self) -> Result<Secret, GraphError> {
        let scopes: Vec<&str> = self.scopes.iter().map(String::as_str).collect();
        let token = self
            .credential
            .get_token(&scopes, None)
            .await
            .map_err(|e| GraphError::Token {
                message: e.to_string(),
            })?;
        Ok(Secret::new(token.token.secret()))
    }
}
