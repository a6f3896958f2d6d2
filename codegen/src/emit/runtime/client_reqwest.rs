//! The default executor (cargo feature `reqwest`): sends [`Call`]s with reqwest
//! (rustls, no OpenSSL), with a bearer token from a [`TokenProvider`], retrying
//! throttled calls (429, 503, 504; idempotent methods unless asked) a bounded
//! number of times, with jitter, and timing requests out after 100 s.
//!
//! Credentials are pinned to hosts: a request carries the token only when its
//! scheme, host and port are the client's base URL's (or a host added with
//! [`GraphClient::allow_host`]), over `https` (plain `http` only to this
//! machine, for tests). A next page, delta link or redirect anywhere else is
//! refused with [`GraphError::UntrustedHost`] and never sent.

use super::core::{Call, GraphError, Page, Read};
use super::paths::Graph;
use std::fmt;
use std::future::Future;
use std::time::Duration;

/// An access token. Never shown by `Debug` or `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a token.
    pub fn new(token: impl Into<String>) -> Self {
        Secret(token.into())
    }
    /// The token itself, for the `Authorization` header.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Where access tokens come from (MSAL, a managed identity, a fixed string...).
pub trait TokenProvider: Send + Sync {
    /// A token valid for the next request. Implement it as `async fn token(&self) -> ...`.
    fn token(&self) -> impl Future<Output = Result<Secret, GraphError>> + Send;
}

/// A future of a token, boxed so that providers can be used as trait objects.
pub type TokenFuture<'a> =
    std::pin::Pin<Box<dyn Future<Output = Result<Secret, GraphError>> + Send + 'a>>;

/// The object-safe form of [`TokenProvider`], implemented for every provider:
/// `Arc<dyn DynTokenProvider>` is a provider too, so one client type can hold
/// any of them (`GraphClient<Arc<dyn DynTokenProvider>>`).
pub trait DynTokenProvider: Send + Sync {
    /// [`TokenProvider::token`], boxed.
    fn token_boxed(&self) -> TokenFuture<'_>;
}

impl<T: TokenProvider> DynTokenProvider for T {
    fn token_boxed(&self) -> TokenFuture<'_> {
        Box::pin(self.token())
    }
}

impl TokenProvider for std::sync::Arc<dyn DynTokenProvider> {
    fn token(&self) -> impl Future<Output = Result<Secret, GraphError>> + Send {
        self.as_ref().token_boxed()
    }
}

/// A token fixed at construction.
#[derive(Debug, Clone)]
pub struct StaticToken(pub Secret);

impl StaticToken {
    /// A provider that always answers `token`.
    pub fn new(token: impl Into<String>) -> Self {
        StaticToken(Secret::new(token))
    }
}

impl TokenProvider for StaticToken {
    async fn token(&self) -> Result<Secret, GraphError> {
        Ok(self.0.clone())
    }
}

/// When to retry a throttled or unavailable call (429 Too Many Requests, 503
/// Service Unavailable, 504 Gateway Timeout).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 3).
    pub max_retries: u32,
    /// The wait before the first retry when the response has no `Retry-After`;
    /// doubled for each further retry, less a random part of up to half (jitter,
    /// so that clients throttled together do not come back together) (default 1 s).
    pub base_delay: Duration,
    /// No wait is longer than this, `Retry-After` included (default 60 s).
    pub max_delay: Duration,
    /// Retry `POST` and `PATCH` too (default false: only the idempotent methods
    /// `GET`, `HEAD`, `PUT`, `DELETE` and `OPTIONS` are retried, since a throttled
    /// POST may still have been carried out).
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(60),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// Whether a response with `status` to a `method` request is retried after `attempt` retries.
    fn retries(&self, method: &http::Method, status: u16, attempt: u32) -> bool {
        let idempotent = matches!(
            *method,
            http::Method::GET
                | http::Method::HEAD
                | http::Method::PUT
                | http::Method::DELETE
                | http::Method::OPTIONS
        );
        matches!(status, 429 | 503 | 504)
            && attempt < self.max_retries
            && (idempotent || self.retry_non_idempotent)
    }

    /// The wait before retry `attempt` (0-based) without `Retry-After`: the
    /// exponential delay less a random part of up to half of it.
    fn backoff(&self, attempt: u32) -> Duration {
        use std::hash::{BuildHasher, Hasher};
        let full = self.base_delay.saturating_mul(1 << attempt.min(16));
        // std's per-instance random hash keys: randomness without a dependency.
        let random = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish();
        let fraction = (random % 1000) as u32;
        full.saturating_sub(full / 2 * fraction / 1000)
    }
}

/// The request timeout of [`GraphClient::new`]'s HTTP client (as Microsoft's SDKs).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(100);

/// `scheme://host:port`: what credentials are pinned to.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    fn of(uri: &http::Uri) -> Option<Origin> {
        let scheme = uri.scheme_str()?.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "https" => 443,
            "http" => 80,
            _ => return None,
        };
        Some(Origin {
            host: uri.host()?.to_ascii_lowercase(),
            port: uri.port_u16().unwrap_or(default_port),
            scheme,
        })
    }

    /// `https`, or plain `http` to this machine (a test server on 127.0.0.1).
    fn is_secure(&self) -> bool {
        let loopback = self.host == "localhost"
            || self
                .host
                .trim_matches(['[', ']'])
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback());
        self.scheme == "https" || (self.scheme == "http" && loopback)
    }
}

/// The origin of `url` when credentials may be sent there.
fn secure_origin(url: &str) -> Option<Origin> {
    Origin::of(&url.parse().ok()?).filter(Origin::is_secure)
}

/// A Graph client over reqwest. Derefs to the path root: `client.device_management()...`.
pub struct GraphClient<P: TokenProvider> {
    graph: Graph,
    http: reqwest::Client,
    tokens: P,
    retry: RetryPolicy,
    /// Where the token may go: the base URL's origin, and those added by `allow_host`.
    trusted: Vec<Origin>,
}

impl<P: TokenProvider> fmt::Debug for GraphClient<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GraphClient")
            .field("base_url", &self.graph.base_url())
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl<P: TokenProvider> std::ops::Deref for GraphClient<P> {
    type Target = Graph;
    fn deref(&self) -> &Graph {
        &self.graph
    }
}

impl<P: TokenProvider> GraphClient<P> {
    /// A client for `base_url` (one of [`super::base_url`]) with tokens from `tokens`.
    ///
    /// Its reqwest client times a request out after [`DEFAULT_TIMEOUT`] and
    /// follows no redirect itself: this client follows those that stay on a
    /// trusted host, and refuses the others.
    pub fn new(base_url: &str, tokens: P) -> Self {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(DEFAULT_TIMEOUT)
            .build()
            .unwrap_or_default();
        Self::with_http_client(base_url, tokens, http)
    }

    /// The same with a configured reqwest client (timeouts, proxy). Build it with
    /// `redirect(reqwest::redirect::Policy::none())` so that redirects are checked here.
    pub fn with_http_client(base_url: &str, tokens: P, http: reqwest::Client) -> Self {
        GraphClient {
            graph: Graph::new(base_url),
            http,
            tokens,
            retry: RetryPolicy::default(),
            trusted: secure_origin(base_url).into_iter().collect(),
        }
    }

    /// Lets requests to `url`'s scheme, host and port carry the token too (a
    /// national cloud's file host, say). Only `https` URLs (or `http` to this
    /// machine) can be added: the token never travels in clear text.
    pub fn allow_host(mut self, url: &str) -> Result<Self, GraphError> {
        let origin = secure_origin(url).ok_or_else(|| GraphError::Request {
            message: format!("`{url}` is not an https URL; the token is not sent there"),
        })?;
        if !self.trusted.contains(&origin) {
            self.trusted.push(origin);
        }
        Ok(self)
    }

    /// Whether a request to `uri` may carry the token.
    fn trusts(&self, uri: &http::Uri) -> bool {
        Origin::of(uri).is_some_and(|o| self.trusted.contains(&o))
    }

    /// Replaces the retry policy.
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The path root (also reached through `Deref`).
    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// Sends `call` and reads its answer, retrying 429, 503 and 504 per the retry policy.
    pub async fn send<T: serde::de::DeserializeOwned, K>(
        &self,
        call: &Call<T, K>,
    ) -> Result<T, GraphError> {
        let response = self.send_raw(call).await?;
        call.parse(&response)
    }

    /// Sends `call` (following trusted redirects, retrying per the policy) and
    /// returns the last response as it came, unread.
    pub async fn send_raw<T, K>(
        &self,
        call: &Call<T, K>,
    ) -> Result<http::Response<Vec<u8>>, GraphError> {
        if let Some(e) = call.build_error() {
            return Err(e);
        }
        let mut attempt = 0;
        let mut request = call.request().clone();
        let mut redirects = 0;
        loop {
            let response = self.send_once(&request).await?;
            let status = response.status().as_u16();
            if response.status().is_redirection() && redirects < MAX_REDIRECTS {
                if let Some(next) = redirected(&request, &response) {
                    request = next;
                    redirects += 1;
                    continue;
                }
            }
            if self.retry.retries(request.method(), status, attempt) {
                let wait = match GraphError::from_response(&response) {
                    GraphError::Service {
                        retry_after: Some(d),
                        ..
                    } => d,
                    _ => self.retry.backoff(attempt),
                };
                tokio::time::sleep(wait.min(self.retry.max_delay)).await;
                attempt += 1;
                continue;
            }
            return Ok(response);
        }
    }

    async fn send_once(
        &self,
        request: &http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, GraphError> {
        if !self.trusts(request.uri()) {
            return Err(GraphError::UntrustedHost {
                url: request.uri().to_string(),
            });
        }
        let token = self.tokens.token().await?;
        let mut request = request.clone();
        let bearer = format!("Bearer {}", token.expose());
        let mut value = http::HeaderValue::from_str(&bearer).map_err(|_| GraphError::Token {
            message: "the token is not a valid header value".into(),
        })?;
        value.set_sensitive(true);
        request
            .headers_mut()
            .insert(http::header::AUTHORIZATION, value);
        let request = reqwest::Request::try_from(request).map_err(transport)?;
        let response = self.http.execute(request).await.map_err(transport)?;
        into_http(response).await
    }

    /// Fetches a pre-authenticated download URL with no `Authorization` header: the
    /// `Location` of the `302 Found` a file-content call answers (the call refuses to
    /// follow it with [`GraphError::UntrustedHost`], whose `url` is this one) or a
    /// driveItem's `@microsoft.graph.downloadUrl`. The token never goes there; the URL
    /// itself is the credential. Only `https` URLs (and plain `http` to this machine,
    /// for tests); a 3xx from there is answered as it is, not followed.
    pub async fn download(&self, url: &str) -> Result<super::core::Content, GraphError> {
        if secure_origin(url).is_none() {
            return Err(GraphError::UntrustedHost {
                url: url.to_string(),
            });
        }
        let response = self.http.get(url).send().await.map_err(transport)?;
        let response = into_http(response).await?;
        if !response.status().is_success() {
            return Err(GraphError::from_response(&response));
        }
        let content_type = response
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        Ok(super::core::Content {
            content_type,
            bytes: response.into_body(),
        })
    }

    /// Sends a [`Batch`](super::batch::Batch) as one `POST /$batch` (retried like
    /// any call); read each step's answer from the result.
    pub async fn send_batch(
        &self,
        batch: &super::batch::Batch,
    ) -> Result<super::batch::BatchAnswers, GraphError> {
        let request = batch.request(self.graph.base_url());
        let call: Call<serde_json::Value> = Call::new(
            request.method().clone(),
            &request.uri().to_string(),
            Some(Ok(request.body().clone())),
            super::core::Answer::Single,
        );
        let response = self.send_raw(&call).await?;
        batch.parse(&response)
    }

    /// Pages through a list: `let mut pages = client.pages(call); while let Some(page) = pages.next().await { ... }`.
    pub fn pages<U>(&self, call: Call<Page<U>, Read>) -> Pages<'_, P, U> {
        Pages {
            client: self,
            next: Some(call),
        }
    }
}

/// Redirects followed for one call.
const MAX_REDIRECTS: u32 = 10;

/// The request a 3xx `response` to `request` points at (its `Location`, resolved
/// against the request's URL; a 303 becomes a GET without body), or `None`.
/// Whether it may be sent is [`GraphClient::send_once`]'s check, as for any request.
fn redirected(
    request: &http::Request<Vec<u8>>,
    response: &http::Response<Vec<u8>>,
) -> Option<http::Request<Vec<u8>>> {
    let location = response.headers().get(http::header::LOCATION)?.to_str().ok()?;
    let uri: http::Uri = match location.parse::<http::Uri>() {
        Ok(uri) if uri.scheme().is_some() => uri,
        _ if location.starts_with('/') && !location.starts_with("//") => {
            let mut parts = request.uri().clone().into_parts();
            parts.path_and_query = Some(location.parse().ok()?);
            http::Uri::from_parts(parts).ok()?
        }
        _ => return None,
    };
    let mut next = request.clone();
    *next.uri_mut() = uri;
    if response.status() == http::StatusCode::SEE_OTHER {
        *next.method_mut() = http::Method::GET;
        next.body_mut().clear();
    }
    Some(next)
}

/// A reqwest response read whole into an `http::Response` (status, headers, body).
async fn into_http(response: reqwest::Response) -> Result<http::Response<Vec<u8>>, GraphError> {
    let mut builder = http::Response::builder().status(response.status());
    for (name, value) in response.headers() {
        builder = builder.header(name, value);
    }
    let body = response.bytes().await.map_err(transport)?;
    builder.body(body.to_vec()).map_err(transport)
}

fn transport(e: impl std::error::Error + Send + Sync + 'static) -> GraphError {
    GraphError::Transport {
        message: e.to_string(),
        source: Some(super::core::ErrorSource::new(e)),
    }
}

/// The pages of a list, fetched one at a time by following `@odata.nextLink`.
pub struct Pages<'a, P: TokenProvider, U> {
    client: &'a GraphClient<P>,
    next: Option<Call<Page<U>, Read>>,
}

impl<'a, P: TokenProvider, U: serde::de::DeserializeOwned> Pages<'a, P, U> {
    /// The next page; `None` after the last one (or after an error).
    pub async fn next(&mut self) -> Option<Result<Page<U>, GraphError>> {
        let call = self.next.take()?;
        match self.client.send(&call).await {
            Ok(page) => {
                self.next = call.next_page(&page);
                Some(Ok(page))
            }
            Err(e) => Some(Err(e)),
        }
    }

    /// The pages as a `Stream` (each parsed once, as it arrives).
    pub fn into_stream(self) -> impl futures_util::Stream<Item = Result<Page<U>, GraphError>> + 'a
    where
        U: 'a,
    {
        futures_util::stream::unfold(self, |mut pages| async move {
            pages.next().await.map(|page| (page, pages))
        })
    }

    /// The items of every page as a `Stream`; an error ends it after being yielded.
    pub fn items(self) -> impl futures_util::Stream<Item = Result<U, GraphError>> + 'a
    where
        U: 'a,
    {
        use futures_util::StreamExt;
        self.into_stream().flat_map(|page| {
            let items: Vec<Result<U, GraphError>> = match page {
                Ok(page) => page.value.into_iter().map(Ok).collect(),
                Err(e) => vec![Err(e)],
            };
            futures_util::stream::iter(items)
        })
    }

    /// Every item of every page.
    pub async fn collect_all(mut self) -> Result<Vec<U>, GraphError> {
        let mut items = Vec::new();
        while let Some(page) = self.next().await {
            items.extend(page?.value);
        }
        Ok(items)
    }
}

impl<T: serde::de::DeserializeOwned, K> Call<T, K> {
    /// Sends this call with `client`.
    pub async fn send<P: TokenProvider>(&self, client: &GraphClient<P>) -> Result<T, GraphError> {
        client.send(self).await
    }
}
