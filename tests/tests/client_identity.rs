//! `AzureIdentityToken` (feature `azure-identity`): a real azure_identity
//! credential gets its token from a loopback OAuth2 token endpoint, and the
//! Graph calls carry it.
//!
//! azure_identity accepts only `https` authority hosts, so the credential is
//! given a transport (azure_core's own reqwest client, through `ClientOptions`)
//! that sends its `https://127.0.0.1:PORT/...` requests as plain HTTP to that
//! same loopback address: the token request is real HTTP, built and read by
//! azure_identity, with only the scheme changed; the alternative, a TLS server
//! with a self-signed root, would test rustls rather than the bridge.

use graph_docgen_tests::loopback::{serve, Request, Response};
use graph_generated::client::core::{Answer, Call, GraphError, Read};
use graph_generated::client::executor::GraphClient;
use graph_generated::client::identity::azure_core::cloud::{
    CloudConfiguration, CustomConfiguration,
};
use graph_generated::client::identity::azure_core::http::{
    AsyncRawResponse, ClientOptions, HttpClient, Request as TokenRequest, Transport,
};
use graph_generated::client::identity::azure_identity::{
    ClientSecretCredential, ClientSecretCredentialOptions,
};
use graph_generated::client::identity::{AzureIdentityToken, GRAPH_DEFAULT_SCOPE};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

const TENANT: &str = "7b795fb9-09d3-42f4-a494-38864f99ba3c";
const CLIENT_ID: &str = "0f2c6b5e-client";
const CLIENT_SECRET: &str = "loopback-client-secret";

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// Sends the credential's `https` requests to 127.0.0.1 as `http`, with the
/// reqwest client azure_core would use itself.
#[derive(Debug)]
struct PlainHttpToLoopback(Arc<dyn HttpClient>);

#[async_trait::async_trait]
impl HttpClient for PlainHttpToLoopback {
    async fn execute_request(
        &self,
        request: &TokenRequest,
    ) -> graph_generated::client::identity::azure_core::Result<AsyncRawResponse> {
        let mut request = request.clone();
        assert_eq!(request.url().host_str(), Some("127.0.0.1"));
        request.url_mut().set_scheme("http").unwrap();
        self.0.execute_request(&request).await
    }
}

/// The form fields of a `application/x-www-form-urlencoded` body.
fn form(body: &[u8]) -> BTreeMap<String, String> {
    let text = String::from_utf8_lossy(body);
    text.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| {
            let decode =
                |s: &str| graph_docgen_tests::loopback::percent_decode(&s.replace('+', " "));
            (decode(k), decode(v))
        })
        .collect()
}

/// A token endpoint that records each request and answers with `answer`.
async fn token_endpoint(answer: Response) -> (SocketAddr, Arc<Mutex<Vec<Request>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let addr = serve(Arc::new(move |req: &Request| {
        record.lock().unwrap().push(req.clone());
        answer.clone()
    }))
    .await;
    (addr, seen)
}

/// A Graph server that records the `Authorization` header of every call.
async fn graph() -> (SocketAddr, Arc<Mutex<Vec<Option<String>>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let addr = serve(Arc::new(move |req: &Request| {
        record
            .lock()
            .unwrap()
            .push(req.headers.get("authorization").cloned());
        Response::json(200, &json!({"id": "me"}))
    }))
    .await;
    (addr, seen)
}

fn credential(token_addr: SocketAddr) -> Arc<ClientSecretCredential> {
    let mut custom = CustomConfiguration::default();
    custom.authority_host = format!("https://{token_addr}");
    let cloud = CloudConfiguration::Custom(custom);
    let options = ClientSecretCredentialOptions {
        client_options: ClientOptions {
            cloud: Some(Arc::new(cloud)),
            transport: Some(Transport::new(Arc::new(PlainHttpToLoopback(
                graph_generated::client::identity::azure_core::http::new_http_client(None),
            )))),
            ..Default::default()
        },
    };
    ClientSecretCredential::new(
        TENANT,
        CLIENT_ID.to_string(),
        CLIENT_SECRET.into(),
        Some(options),
    )
    .expect("a valid credential")
}

fn get_me(client: &GraphClient<AzureIdentityToken>) -> Call<Value, Read> {
    let url = format!("{}/me", client.base_url());
    Call::new(
        graph_generated::client::http::Method::GET,
        &url,
        None,
        Answer::Single,
    )
}

#[test]
fn a_client_secret_credential_authorizes_graph_calls() {
    runtime().block_on(async {
        let issued = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.loopback-issued";
        let (token_addr, token_requests) = token_endpoint(Response::json(
            200,
            &json!({"token_type": "Bearer", "expires_in": 3600, "access_token": issued}),
        ))
        .await;
        let (graph_addr, authorizations) = graph().await;
        let provider = AzureIdentityToken::new(credential(token_addr));
        assert_eq!(provider.scopes(), [GRAPH_DEFAULT_SCOPE]);
        let client = GraphClient::new(&format!("http://{graph_addr}/v1.0"), provider);
        for _ in 0..2 {
            let me = client.send(&get_me(&client)).await.unwrap();
            assert_eq!(me["id"], "me");
        }
        let expected = format!("Bearer {issued}");
        assert_eq!(
            *authorizations.lock().unwrap(),
            [Some(expected.clone()), Some(expected)]
        );
        // One token request for both calls: the credential caches the token.
        let token_requests = token_requests.lock().unwrap();
        assert_eq!(token_requests.len(), 1, "{token_requests:?}");
        let request = &token_requests[0];
        assert_eq!(request.method, "POST");
        assert_eq!(request.target, format!("/{TENANT}/oauth2/v2.0/token"));
        assert_eq!(
            request.headers["content-type"],
            "application/x-www-form-urlencoded"
        );
        let fields = form(&request.body);
        assert_eq!(fields["grant_type"], "client_credentials");
        assert_eq!(fields["client_id"], CLIENT_ID);
        assert_eq!(fields["client_secret"], CLIENT_SECRET);
        assert_eq!(fields["scope"], "https://graph.microsoft.com/.default");
    });
}

#[test]
fn scopes_follow_the_cloud_and_a_refused_token_is_a_token_error() {
    runtime().block_on(async {
        let (token_addr, token_requests) = token_endpoint(Response::json(
            401,
            &json!({
                "error": "invalid_client",
                "error_description": "AADSTS7000215: Invalid client secret provided.",
                "error_codes": [7000215]
            }),
        ))
        .await;
        let (graph_addr, authorizations) = graph().await;
        let provider = AzureIdentityToken::for_base_url(
            credential(token_addr),
            "https://graph.microsoft.us/v1.0",
        )
        .unwrap();
        assert_eq!(provider.scopes(), ["https://graph.microsoft.us/.default"]);
        let client = GraphClient::new(&format!("http://{graph_addr}/v1.0"), provider);
        match client.send(&get_me(&client)).await {
            Err(GraphError::Token { message }) => {
                assert!(message.contains("AADSTS7000215"), "{message}")
            }
            other => panic!("expected a token error, got {other:?}"),
        }
        // No call went out without a token.
        assert!(authorizations.lock().unwrap().is_empty());
        let token_requests = token_requests.lock().unwrap();
        assert_eq!(token_requests.len(), 1);
        assert_eq!(
            form(&token_requests[0].body)["scope"],
            "https://graph.microsoft.us/.default"
        );
        // A scope is named by an https URL only.
        for url in ["http://graph.microsoft.com/v1.0", "not a url", ""] {
            assert!(
                AzureIdentityToken::for_base_url(credential(token_addr), url).is_err(),
                "{url}"
            );
        }
        let custom =
            AzureIdentityToken::new(credential(token_addr)).with_scopes(["api://x/.default"]);
        assert_eq!(custom.scopes(), ["api://x/.default"]);
    });
}
