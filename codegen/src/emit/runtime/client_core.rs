//! The transport-agnostic core of the client: a [`Call`] is an `http::Request`
//! ready to send plus the knowledge of how to read the `http::Response` it gets.
//!
//! Any HTTP stack can carry a call: take [`Call::request`], send it, and hand the
//! response to [`Call::parse`]. The `reqwest` feature adds one (`client::executor`).

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

/// Base URLs of the Graph service, per national cloud and API version.
pub mod base_url {
    /// The global service, beta API (what this crate's docs describe).
    pub const BETA: &str = "https://graph.microsoft.com/beta";
    /// The global service, v1.0 API.
    pub const V1: &str = "https://graph.microsoft.com/v1.0";
    /// US Government L4, beta API.
    pub const US_GOV_BETA: &str = "https://graph.microsoft.us/beta";
    /// US Government L4, v1.0 API.
    pub const US_GOV_V1: &str = "https://graph.microsoft.us/v1.0";
    /// US Government L5 (DOD), beta API.
    pub const US_GOV_DOD_BETA: &str = "https://dod-graph.microsoft.us/beta";
    /// US Government L5 (DOD), v1.0 API.
    pub const US_GOV_DOD_V1: &str = "https://dod-graph.microsoft.us/v1.0";
    /// China (operated by 21Vianet), beta API.
    pub const CHINA_BETA: &str = "https://microsoftgraph.chinacloudapi.cn/beta";
    /// China (operated by 21Vianet), v1.0 API.
    pub const CHINA_V1: &str = "https://microsoftgraph.chinacloudapi.cn/v1.0";
}

/// What can go wrong with a call.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum GraphError {
    /// The service answered with a non-2xx status.
    Service {
        /// The HTTP status.
        status: u16,
        /// `error.code` of the Graph error body (empty when the body was not one).
        code: String,
        /// `error.message`, or the raw body when it was not a Graph error body.
        message: String,
        /// `error.innerError`, when present.
        inner_error: Option<serde_json::Value>,
        /// How long to wait before trying again: the `Retry-After` header, as
        /// seconds or as an HTTP date (counted from the response's `Date`).
        retry_after: Option<Duration>,
        /// The request's ids and date, what Microsoft support asks for (boxed:
        /// errors stay small to return).
        ids: Box<RequestIds>,
    },
    /// A 2xx response whose body is not what the operation returns.
    Decode {
        /// The HTTP status.
        status: u16,
        /// What serde said.
        message: String,
        /// The body as received (lossy UTF-8).
        body: String,
    },
    /// The request could not be built (a body or parameter that does not serialize).
    Request {
        /// Why.
        message: String,
    },
    /// The transport failed (connection, TLS, timeout).
    Transport {
        /// Why.
        message: String,
        /// The transport's own error (reqwest's, say), for `Error::source`.
        source: Option<ErrorSource>,
    },
    /// The token provider failed.
    Token {
        /// Why.
        message: String,
    },
    /// A request (a next page, a delta link, a redirect) goes to a host the
    /// client's credentials are not pinned to; it was not sent.
    UntrustedHost {
        /// The URL that was refused.
        url: String,
    },
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GraphError::Service {
                status,
                code,
                message,
                ..
            } => write!(f, "Graph returned {status} {code}: {message}"),
            GraphError::Decode {
                status, message, ..
            } => write!(f, "the {status} response body does not decode: {message}"),
            GraphError::Request { message } => write!(f, "the request cannot be built: {message}"),
            GraphError::Transport { message, .. } => write!(f, "transport error: {message}"),
            GraphError::Token { message } => write!(f, "no access token: {message}"),
            GraphError::UntrustedHost { url } => write!(
                f,
                "refused to send the access token to {url}: not the client's Graph host (allow it with `allow_host`)"
            ),
        }
    }
}

impl std::error::Error for GraphError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            GraphError::Transport {
                source: Some(source),
                ..
            } => Some(source.0.as_ref()),
            _ => None,
        }
    }
}

/// An underlying error, shared so that [`GraphError`] stays `Clone`; two are
/// equal when they say the same.
#[derive(Clone)]
pub struct ErrorSource(pub Arc<dyn std::error::Error + Send + Sync>);

impl ErrorSource {
    /// Wraps an error.
    pub fn new(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        ErrorSource(Arc::new(error))
    }
}

impl fmt::Debug for ErrorSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl PartialEq for ErrorSource {
    fn eq(&self, other: &Self) -> bool {
        self.0.to_string() == other.0.to_string()
    }
}

/// Where a failed request can be found in the service's logs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RequestIds {
    /// The `request-id` header (or `innerError.request-id`).
    pub request_id: Option<String>,
    /// The `client-request-id` header (or `innerError.client-request-id`).
    pub client_request_id: Option<String>,
    /// The `Date` header (or `innerError.date`), as sent.
    pub date: Option<String>,
}

impl GraphError {
    /// The error of a non-2xx response: Graph's `{"error": {"code", "message", "innerError"}}`,
    /// or the raw body.
    pub fn from_response(response: &http::Response<Vec<u8>>) -> GraphError {
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().to_string())
        };
        let retry_after = retry_after(header("retry-after"), header("date"));
        let body = response.body();
        let error = serde_json::from_slice::<serde_json::Value>(body)
            .ok()
            .and_then(|mut v| v.get_mut("error").map(serde_json::Value::take))
            .filter(serde_json::Value::is_object);
        match error {
            Some(mut e) => {
                let text = |v: Option<&serde_json::Value>| {
                    v.and_then(serde_json::Value::as_str)
                        .unwrap_or_default()
                        .to_string()
                };
                let key = if e.get("innerError").is_some() {
                    "innerError"
                } else {
                    "innererror"
                };
                let inner_error = e.get_mut(key).map(serde_json::Value::take);
                let inner = |name: &str| {
                    header(name).or_else(|| {
                        inner_error
                            .as_ref()?
                            .get(name)?
                            .as_str()
                            .map(str::to_string)
                    })
                };
                GraphError::Service {
                    status,
                    code: text(e.get("code")),
                    message: text(e.get("message")),
                    retry_after,
                    ids: Box::new(RequestIds {
                        request_id: inner("request-id"),
                        client_request_id: inner("client-request-id"),
                        date: inner("date"),
                    }),
                    inner_error,
                }
            }
            None => GraphError::Service {
                status,
                code: String::new(),
                message: String::from_utf8_lossy(body).into_owned(),
                inner_error: None,
                retry_after,
                ids: Box::new(RequestIds {
                    request_id: header("request-id"),
                    client_request_id: header("client-request-id"),
                    date: header("date"),
                }),
            },
        }
    }

    /// The HTTP status of a service error.
    pub fn status(&self) -> Option<u16> {
        match self {
            GraphError::Service { status, .. } | GraphError::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// `Retry-After` as a wait: delay-seconds, or an HTTP date counted from the
/// response's `Date` (else from now); a date in the past is no wait.
fn retry_after(value: Option<String>, date: Option<String>) -> Option<Duration> {
    let value = value?;
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(&value).ok()?;
    let now = date
        .and_then(|d| httpdate::parse_http_date(&d).ok())
        .unwrap_or_else(std::time::SystemTime::now);
    Some(at.duration_since(now).unwrap_or_default())
}

/// A page of a collection: `{"value": [...], "@odata.nextLink": "..."}`.
///
/// Members other than `value` and `@odata.nextLink` (`@odata.context`, `@odata.count`...)
/// are kept in `additional_properties` and serialized back.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items of this page.
    pub value: Vec<T>,
    /// `@odata.nextLink`: the absolute URL of the next page.
    pub next_link: Option<String>,
    /// Every other member of the page object (a `BTreeMap` by `Deref`).
    pub additional_properties: crate::support::AdditionalProperties,
}

impl<T> Page<T> {
    /// `@odata.count`: the number of items of the whole collection, when asked
    /// for with `count()` (and, on directory objects, `eventual_consistency()`).
    pub fn count(&self) -> Option<u64> {
        self.additional_properties.get("@odata.count")?.as_u64()
    }

    /// `@odata.deltaLink`: on the last page of a delta query, the URL that
    /// returns what changed since (save it, and resume with `Call::resume`).
    pub fn delta_link(&self) -> Option<&str> {
        self.additional_properties.get("@odata.deltaLink")?.as_str()
    }
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            value: Vec::new(),
            next_link: None,
            additional_properties: crate::support::AdditionalProperties::new(),
        }
    }
}

const NEXT_LINK: &str = "@odata.nextLink";

impl<'de, T: serde::de::DeserializeOwned> serde::Deserialize<'de> for Page<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let mut map = serde_json::Map::deserialize(d)?;
        let value = match map.remove("value") {
            Some(v) => serde_json::from_value(v).map_err(D::Error::custom)?,
            None => return Err(D::Error::missing_field("value")),
        };
        let next_link = match map.remove(NEXT_LINK) {
            Some(serde_json::Value::String(s)) => Some(s),
            Some(serde_json::Value::Null) | None => None,
            Some(other) => {
                return Err(D::Error::custom(format!(
                    "{NEXT_LINK} is not a string: {other}"
                )))
            }
        };
        Ok(Page {
            value,
            next_link,
            additional_properties: map.into_iter().collect(),
        })
    }
}

impl<T: serde::Serialize> serde::Serialize for Page<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = s.serialize_map(None)?;
        for (k, v) in &self.additional_properties {
            map.serialize_entry(k, v)?;
        }
        map.serialize_entry("value", &self.value)?;
        if let Some(next) = &self.next_link {
            map.serialize_entry(NEXT_LINK, next)?;
        }
        map.end()
    }
}

/// Marks a call that reads (get, list, function): OData query options apply.
#[derive(Debug, Clone, Copy)]
pub struct Read;
/// Marks a call that writes (create, update, delete, action).
#[derive(Debug, Clone, Copy)]
pub struct Write;

type ParseFn<T> =
    Arc<dyn Fn(&http::Response<Vec<u8>>) -> Result<T, serde_json::Error> + Send + Sync>;

/// How the body of a 2xx answer becomes the call's `T`.
///
/// Data, not a parsing function: the generic parsing code is instantiated where a
/// call is parsed (in the user's crate, for the types it uses), not for every
/// operation of this crate, which keeps this crate's build small.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Nothing is read (204 No Content, or a body the operation does not document): `T` is `()`.
    Nothing,
    /// One value; `{"value": X}` (OData's wrapper of action and function results, and
    /// the docs' way of showing single entities) is unwrapped when `value` and `@`
    /// annotations are its only members.
    Single,
    /// A page of a collection: `T` is [`Page`].
    Page,
    /// The body's bytes as they are (a file, a photo): `T` is [`Content`], with the
    /// response's `Content-Type`.
    Bytes,
}

impl Answer {
    /// Reads a 2xx `body` as `T`. An empty body (a `204 No Content` where the
    /// docs show a body, say) is no failure: an object reads as an empty one
    /// (every property `None`), a page as a page of no items.
    pub fn read<T: serde::de::DeserializeOwned>(self, body: &[u8]) -> Result<T, serde_json::Error> {
        let empty = body.iter().all(u8::is_ascii_whitespace);
        match self {
            Answer::Nothing => T::deserialize(serde_json::Value::Null),
            Answer::Single if empty => T::deserialize(serde_json::json!({})),
            Answer::Page if empty => T::deserialize(serde_json::json!({"value": []})),
            Answer::Single => parse_single(body),
            Answer::Page => serde_json::from_slice(body),
            Answer::Bytes => Self::read_bytes(body, None),
        }
    }

    /// Reads a 2xx response as `T`: its body as [`Answer::read`] does, and for
    /// [`Answer::Bytes`] its `Content-Type` too.
    pub fn read_response<T: serde::de::DeserializeOwned>(
        self,
        response: &http::Response<Vec<u8>>,
    ) -> Result<T, serde_json::Error> {
        match self {
            Answer::Bytes => {
                let content_type = response
                    .headers()
                    .get(http::header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok());
                Self::read_bytes(response.body(), content_type)
            }
            other => other.read(response.body()),
        }
    }

    fn read_bytes<T: serde::de::DeserializeOwned>(
        body: &[u8],
        content_type: Option<&str>,
    ) -> Result<T, serde_json::Error> {
        T::deserialize(serde::de::value::MapAccessDeserializer::new(ContentParts {
            content_type,
            bytes: body,
            next: 0,
        }))
    }
}

/// A body of bytes as they are (a file's content, a photo, a MIME message) and its
/// media type: what byte-stream calls (`$value`, file contents) take and return.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Content {
    /// The `Content-Type` (`image/jpeg`), when known.
    pub content_type: Option<String>,
    /// The bytes.
    pub bytes: Vec<u8>,
}

impl Content {
    /// `bytes` of no stated type (a call sends its documented type, else
    /// `application/octet-stream`).
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Content {
            content_type: None,
            bytes: bytes.into(),
        }
    }

    /// The same bytes, of media type `content_type`.
    pub fn with_type(mut self, content_type: &str) -> Self {
        self.content_type = Some(content_type.to_string());
        self
    }
}

/// Serialized as its bytes (a JSON array of numbers), for generic tooling
/// (`Call::into_json`); the media type is not part of the value.
impl serde::Serialize for Content {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.bytes)
    }
}

/// Read from bytes, a string or a sequence of numbers (no media type), or from the
/// map an answer gives (`contentType` and `bytes`).
impl<'de> serde::Deserialize<'de> for Content {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Parts;
        impl<'de> serde::de::Visitor<'de> for Parts {
            type Value = Content;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("bytes")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Content, A::Error> {
                let mut content = Content::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "contentType" => content.content_type = map.next_value::<Text>()?.0,
                        "bytes" => content.bytes = map.next_value::<Content>()?.bytes,
                        _ => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(content)
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Content, E> {
                Ok(Content::new(v))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Content, E> {
                Ok(Content::new(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Content, E> {
                Ok(Content::new(v.as_bytes()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Content, A::Error> {
                let mut bytes = Vec::new();
                while let Some(b) = seq.next_element::<u8>()? {
                    bytes.push(b);
                }
                Ok(Content::new(bytes))
            }
        }
        d.deserialize_any(Parts)
    }
}

/// An optional text: a string, or unit for none.
struct Text(Option<String>);

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or nothing")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Text, E> {
                Ok(Text(None))
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Text, E> {
                Ok(Text(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// A byte answer as the map [`Content`] reads (`contentType`, `bytes`), without
/// copying the body into any intermediate value.
struct ContentParts<'a> {
    content_type: Option<&'a str>,
    bytes: &'a [u8],
    next: u8,
}

impl<'de> serde::de::MapAccess<'de> for ContentParts<'_> {
    type Error = serde_json::Error;
    fn next_key_seed<K: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        use serde::de::value::StrDeserializer;
        let key = match self.next {
            0 => "contentType",
            1 => "bytes",
            _ => return Ok(None),
        };
        seed.deserialize(StrDeserializer::<serde_json::Error>::new(key))
            .map(Some)
    }
    fn next_value_seed<V: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        use serde::de::value::{BytesDeserializer, StrDeserializer, UnitDeserializer};
        self.next += 1;
        match (self.next, self.content_type) {
            (1, Some(t)) => seed.deserialize(StrDeserializer::<serde_json::Error>::new(t)),
            (1, None) => seed.deserialize(UnitDeserializer::<serde_json::Error>::new()),
            _ => seed.deserialize(BytesDeserializer::<serde_json::Error>::new(self.bytes)),
        }
    }
}

/// One request to Graph and how to read its answer as a `T`.
pub struct Call<T, K = Write> {
    request: http::Request<Vec<u8>>,
    /// A body or parameter that did not serialize: reported when the call is parsed or sent.
    error: Option<String>,
    answer: Answer,
    /// Set by [`Call::into_json`]: the answer goes through another type first.
    via: Option<ParseFn<T>>,
    /// The operation's page documents the `ConsistencyLevel` header: `count()` and
    /// `search()` send `ConsistencyLevel: eventual`, which they need there.
    consistency_level: bool,
    kind: PhantomData<K>,
}

impl<T, K> fmt::Debug for Call<T, K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("method", self.request.method())
            .field("uri", self.request.uri())
            .field("body_len", &self.request.body().len())
            .field("error", &self.error)
            .field("answer", &self.answer)
            .finish()
    }
}

impl<T, K> Clone for Call<T, K> {
    fn clone(&self) -> Self {
        Call {
            request: self.request.clone(),
            error: self.error.clone(),
            answer: self.answer,
            via: self.via.clone(),
            consistency_level: self.consistency_level,
            kind: PhantomData,
        }
    }
}

impl<T, K> Call<T, K> {
    /// A call of `method` on `url` with a JSON `body`, whose 2xx answer is read as `answer` says.
    pub fn new(
        method: http::Method,
        url: &str,
        body: Option<Result<Vec<u8>, serde_json::Error>>,
        answer: Answer,
    ) -> Self {
        let mut error = None;
        let body = match body {
            None => None,
            Some(Ok(bytes)) => Some(bytes),
            Some(Err(e)) => {
                error = Some(e.to_string());
                Some(Vec::new())
            }
        };
        // A byte answer takes any type unless the call names one (`accept`).
        let accept = match answer {
            Answer::Bytes => "*/*",
            _ => "application/json",
        };
        let mut builder = http::Request::builder()
            .method(method)
            .header(http::header::ACCEPT, accept);
        if body.is_some() {
            builder = builder.header(http::header::CONTENT_TYPE, "application/json");
        }
        let request = match builder.uri(url).body(body.unwrap_or_default()) {
            Ok(r) => r,
            Err(e) => {
                error = Some(format!("invalid URL {url:?}: {e}"));
                http::Request::new(Vec::new())
            }
        };
        Call {
            request,
            error,
            answer,
            via: None,
            consistency_level: false,
            kind: PhantomData,
        }
    }

    /// A call of `method` on `url` sending `content`'s bytes as they are, with its
    /// `Content-Type` (else `default_type`, the operation's documented one, else
    /// `application/octet-stream`).
    pub fn with_content(
        method: http::Method,
        url: &str,
        content: Content,
        default_type: Option<&str>,
        answer: Answer,
    ) -> Self {
        let content_type = content
            .content_type
            .as_deref()
            .or(default_type)
            .unwrap_or("application/octet-stream")
            .to_string();
        let call = Call::new(method, url, Some(Ok(content.bytes)), answer);
        call.header(http::header::CONTENT_TYPE, &content_type)
    }

    /// `Accept: media_type`: the type of answer asked for (byte calls ask for their
    /// documented type, JSON calls for `application/json`).
    pub fn accept(self, media_type: &str) -> Self {
        self.header(http::header::ACCEPT, media_type)
    }

    fn header(mut self, name: http::header::HeaderName, value: &str) -> Self {
        match http::HeaderValue::from_str(value) {
            Ok(v) => {
                self.request.headers_mut().insert(name, v);
            }
            Err(e) => self.error = Some(format!("invalid {name} header {value:?}: {e}")),
        }
        self
    }

    /// The request to send.
    pub fn request(&self) -> &http::Request<Vec<u8>> {
        &self.request
    }

    /// The request to send, to add headers (`ConsistencyLevel`, `Prefer`...).
    pub fn request_mut(&mut self) -> &mut http::Request<Vec<u8>> {
        &mut self.request
    }

    /// Why the request could not be built, if it could not.
    pub fn build_error(&self) -> Option<GraphError> {
        self.error.as_ref().map(|message| GraphError::Request {
            message: message.clone(),
        })
    }

    /// How a 2xx answer is read.
    pub fn answer(&self) -> Answer {
        self.answer
    }

    /// Reads the response to this call: 2xx -> `T`, anything else -> [`GraphError::Service`].
    pub fn parse(&self, response: &http::Response<Vec<u8>>) -> Result<T, GraphError>
    where
        T: serde::de::DeserializeOwned,
    {
        if let Some(e) = self.build_error() {
            return Err(e);
        }
        let status = response.status();
        if !status.is_success() {
            return Err(GraphError::from_response(response));
        }
        let read = match &self.via {
            Some(via) => via(response),
            None => self.answer.read_response(response),
        };
        read.map_err(|e| GraphError::Decode {
            status: status.as_u16(),
            message: e.to_string(),
            body: String::from_utf8_lossy(response.body()).into_owned(),
        })
    }

    /// The same call, answering with the typed value serialized back to JSON
    /// (for generic tooling: the response still goes through `T`). Set query
    /// options before: the result is no longer a [`Read`] call.
    pub fn into_json(self) -> Call<serde_json::Value>
    where
        T: serde::Serialize + serde::de::DeserializeOwned + 'static,
    {
        let (answer, via) = (self.answer, self.via);
        Call {
            request: self.request,
            error: self.error,
            answer,
            via: Some(Arc::new(move |response| {
                let typed: T = match &via {
                    Some(via) => via(response)?,
                    None => answer.read_response(response)?,
                };
                serde_json::to_value(typed)
            })),
            consistency_level: self.consistency_level,
            kind: PhantomData,
        }
    }

    /// Sets query option `name` to `value`, replacing a value set before.
    fn push_query(mut self, name: &str, value: &str) -> Self {
        let uri = self.request.uri().to_string();
        let (path, query) = uri.split_once('?').unwrap_or((&uri, ""));
        let mut pairs: Vec<&str> = query
            .split('&')
            .filter(|p| !p.is_empty() && p.split('=').next() != Some(name))
            .collect();
        let pair = format!("{name}={}", encode_component(value, b"$,'()"));
        pairs.push(&pair);
        let new = format!("{path}?{}", pairs.join("&"));
        match new.parse() {
            Ok(u) => *self.request.uri_mut() = u,
            Err(e) => self.error = Some(format!("invalid query option: {e}")),
        }
        self
    }
}

/// OData query options, on calls that read.
impl<T> Call<T, Read> {
    /// `$select`: only these properties.
    pub fn select(self, properties: &[&str]) -> Self {
        self.push_query("$select", &properties.join(","))
    }
    /// `$expand`: also these navigation properties.
    pub fn expand(self, properties: &[&str]) -> Self {
        self.push_query("$expand", &properties.join(","))
    }
    /// `$filter`: an OData filter expression (`displayName eq 'x'`).
    pub fn filter(self, expression: &str) -> Self {
        self.push_query("$filter", expression)
    }
    /// `$orderby`: `displayName desc`.
    pub fn order_by(self, expression: &str) -> Self {
        self.push_query("$orderby", expression)
    }
    /// `$top`: at most `n` items (per page).
    pub fn top(self, n: u32) -> Self {
        self.push_query("$top", &n.to_string())
    }
    /// `$skip`: skip `n` items.
    pub fn skip(self, n: u32) -> Self {
        self.push_query("$skip", &n.to_string())
    }
    /// `$count=true`: ask for `@odata.count` (with `ConsistencyLevel: eventual`
    /// where the operation's page documents that header).
    pub fn count(self) -> Self {
        self.push_query("$count", "true").documented_consistency()
    }
    /// `$search`: a search expression (with `ConsistencyLevel: eventual` where the
    /// operation's page documents that header).
    pub fn search(self, expression: &str) -> Self {
        self.push_query("$search", expression).documented_consistency()
    }
    /// Marks the call as one whose page documents `ConsistencyLevel` (generated calls do it).
    #[doc(hidden)]
    pub fn documents_consistency_level(mut self) -> Self {
        self.consistency_level = true;
        self
    }
    fn documented_consistency(self) -> Self {
        if self.consistency_level {
            self.eventual_consistency()
        } else {
            self
        }
    }
    /// `ConsistencyLevel: eventual`, which directory objects (users, groups...)
    /// need for `$count`, `$search` and advanced `$filter` queries.
    pub fn eventual_consistency(mut self) -> Self {
        self.request.headers_mut().insert(
            "consistencylevel",
            http::HeaderValue::from_static("eventual"),
        );
        self
    }
}

impl<U> Call<Page<U>, Read> {
    /// The call for the page after `page` (`@odata.nextLink`), with this call's headers.
    pub fn next_page(&self, page: &Page<U>) -> Option<Self> {
        Some(self.resume(page.next_link.as_deref()?))
    }

    /// This call (its headers and how it reads its pages) sent to a saved
    /// `@odata.nextLink` or `@odata.deltaLink` instead: paging or a delta query
    /// resumed where it stopped. The executor still sends it only to a trusted host.
    pub fn resume(&self, link: &str) -> Self {
        let mut call = self.clone();
        match link.parse() {
            Ok(u) => *call.request.uri_mut() = u,
            Err(e) => call.error = Some(format!("invalid link {link:?}: {e}")),
        }
        *call.request.method_mut() = http::Method::GET;
        call.request.body_mut().clear();
        call
    }
}

/// A JSON request body.
pub fn json_body<B: serde::Serialize + ?Sized>(body: &B) -> Option<Result<Vec<u8>, serde_json::Error>> {
    Some(serde_json::to_vec(body))
}

/// Reads one value (see [`Answer::Single`]).
pub fn parse_single<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, serde_json::Error> {
    let mut json: serde_json::Value = serde_json::from_slice(body)?;
    if let Some(map) = json.as_object_mut() {
        if map.contains_key("value") && map.keys().all(|k| k == "value" || k.starts_with('@')) {
            let inner = map.remove("value").unwrap_or_default();
            return serde_json::from_value(inner);
        }
    }
    serde_json::from_value(json)
}

/// Percent-encodes `s`: RFC 3986 unreserved characters and `keep` pass, every other
/// byte of the UTF-8 becomes `%XX`. (A dozen lines; not worth a dependency.)
pub fn encode_component(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `url/segment` for a literal segment of a documented path.
pub fn push_literal(url: &str, segment: &str) -> String {
    format!("{url}/{}", encode_component(segment, b"$"))
}

/// `url/value` for a `{parameter}` segment: the value is percent-encoded (a `/` in a key
/// stays inside its segment).
pub fn push_param(url: &str, value: &str) -> String {
    format!("{url}/{}", encode_component(value, b""))
}

/// `url/folder/file.xlsx:` for an item path (`root:/{item-path}:`): each `/`-separated
/// part percent-encoded, the `/` kept, then the `:` that closes it.
pub fn push_item_path(url: &str, path: &str) -> String {
    let parts: Vec<String> = path
        .split('/')
        .filter(|p| !p.is_empty())
        .map(|p| encode_component(p, b""))
        .collect();
    format!("{url}/{}:", parts.join("/"))
}

/// `url/name(a='x',n=3)` for a function composed in the middle of a path
/// (`range(address='A1:B2')`): each argument `(name, value, quoted)`, a quoted value's `'`
/// doubled.
pub fn push_call(url: &str, name: &str, arguments: &[(&str, &str, bool)]) -> String {
    let args: Vec<String> = arguments
        .iter()
        .map(|(name, value, quoted)| {
            let text = match quoted {
                true => format!("'{}'", value.replace('\'', "''")),
                false => value.to_string(),
            };
            format!("{}={}", encode_component(name, b""), encode_component(&text, b"'"))
        })
        .collect();
    format!("{url}/{}({})", encode_component(name, b""), args.join(","))
}

/// The parameters of a function, sent in its URL.
pub trait FunctionParameters: serde::Serialize {
    /// Wire names whose values are OData literals written without quotes
    /// (`DateTimeOffset`, `Date`, `TimeOfDay`, `Guid`: `fromDateTime=2019-11-01`).
    const UNQUOTED: &'static [&'static str] = &[];
}

impl FunctionParameters for NoParameters {}

/// `url/name(a='x',n=3)`: a function call with its parameters in the URL. Strings are
/// quoted (`'` doubled) unless `P::UNQUOTED` names them, numbers, booleans and null are
/// literals, anything else is JSON.
pub fn push_function<P: FunctionParameters>(url: &str, name: &str, params: &P) -> (String, Option<String>) {
    let json = match serde_json::to_value(params) {
        Ok(v) => v,
        Err(e) => return (format!("{url}/{name}()"), Some(e.to_string())),
    };
    let mut args = Vec::new();
    if let serde_json::Value::Object(map) = json {
        for (k, v) in map {
            let text = match &v {
                serde_json::Value::Null => continue,
                serde_json::Value::String(s) if P::UNQUOTED.contains(&k.as_str()) => s.clone(),
                serde_json::Value::String(s) => format!("'{}'", s.replace('\'', "''")),
                serde_json::Value::Number(_) | serde_json::Value::Bool(_) => v.to_string(),
                other => other.to_string(),
            };
            args.push(format!("{}={}", encode_component(&k, b""), encode_component(&text, b"'")));
        }
    }
    (format!("{url}/{}({})", encode_component(name, b""), args.join(",")), None)
}

impl<T> Call<T, Read> {
    /// A function call (GET `url/name(params)`).
    pub fn function<P: FunctionParameters>(url: &str, name: &str, params: &P, answer: Answer) -> Self {
        let (url, error) = push_function(url, name, params);
        let mut call = Call::new(http::Method::GET, &url, None, answer);
        if error.is_some() {
            call.error = error;
        }
        call
    }
}

/// No parameters (a function without any).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NoParameters;

impl serde::Serialize for NoParameters {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        s.serialize_map(Some(0))?.end()
    }
}

/// Takes member `name` out of a parameters object (`null` and absent are `None`).
pub fn take_member<T: serde::de::DeserializeOwned, E: serde::de::Error>(
    map: &mut serde_json::Map<String, serde_json::Value>,
    name: &str,
) -> Result<Option<T>, E> {
    match map.remove(name) {
        None => Ok(None),
        // An explicit `null` stays among the members kept as they are, so it is sent back.
        Some(serde_json::Value::Null) => {
            map.insert(name.to_string(), serde_json::Value::Null);
            Ok(None)
        }
        Some(v) => serde_json::from_value(v)
            .map(Some)
            .map_err(|e| E::custom(format!("{name}: {e}"))),
    }
}
