//! JSON batching: up to 20 calls in one `POST /$batch`, each answered as its own
//! call would be (<https://learn.microsoft.com/graph/json-batching>).
//!
//! ```text
//! let mut batch = Batch::new();
//! let me = batch.add(&get_me)?;                       // a Step<User>
//! let photo = batch.add_after(&get_photo, &[me.id()])?; // sent after `me` (dependsOn)
//! let answers = client.send_batch(&batch).await?;
//! let user = answers.get(&me)?;                        // Result<User, GraphError>
//! ```
//!
//! Transport-agnostic like [`Call`]: [`Batch::request`] is the `http::Request`
//! to send, [`Batch::parse`] reads its response.

use super::core::{Answer, Call, GraphError};
use std::collections::BTreeMap;
use std::marker::PhantomData;

/// The most requests one batch may hold (Graph's limit).
pub const MAX_REQUESTS: usize = 20;

/// Calls to send together.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    requests: Vec<serde_json::Value>,
}

/// One call of a batch: where its answer is, and how to read it as a `T`.
#[derive(Debug)]
pub struct Step<T> {
    id: String,
    answer: Answer,
    _t: PhantomData<fn() -> T>,
}

impl<T> Step<T> {
    /// The step's id in the batch (`"1"`, `"2"`...), for `dependsOn`.
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Self {
        Batch::default()
    }

    /// Adds `call`; its answer is read with [`BatchAnswers::get`].
    pub fn add<T, K>(&mut self, call: &Call<T, K>) -> Result<Step<T>, GraphError> {
        self.add_after(call, &[])
    }

    /// Adds `call`, to run after the steps `depends_on` (their ids) have run.
    pub fn add_after<T, K>(
        &mut self,
        call: &Call<T, K>,
        depends_on: &[&str],
    ) -> Result<Step<T>, GraphError> {
        if let Some(e) = call.build_error() {
            return Err(e);
        }
        if self.requests.len() >= MAX_REQUESTS {
            return Err(GraphError::Request {
                message: format!("a batch holds at most {MAX_REQUESTS} requests"),
            });
        }
        let known = |id: &&str| self.requests.iter().any(|r| r["id"] == **id);
        if let Some(unknown) = depends_on.iter().find(|id| !known(id)) {
            return Err(GraphError::Request {
                message: format!("`dependsOn` names `{unknown}`, which is not an earlier step"),
            });
        }
        let request = call.request();
        let id = (self.requests.len() + 1).to_string();
        let mut entry = serde_json::json!({
            "id": id,
            "method": request.method().as_str(),
            "url": request.uri().to_string(),
        });
        let headers: serde_json::Map<String, serde_json::Value> = request
            .headers()
            .iter()
            .filter(|(name, _)| *name != http::header::AUTHORIZATION)
            .filter_map(|(name, value)| Some((name.to_string(), value.to_str().ok()?.into())))
            .collect();
        if !request.body().is_empty() {
            let body: serde_json::Value =
                serde_json::from_slice(request.body()).map_err(|e| GraphError::Request {
                    message: format!("a batched body must be JSON: {e}"),
                })?;
            entry["body"] = body;
        }
        if !headers.is_empty() {
            entry["headers"] = headers.into();
        }
        if !depends_on.is_empty() {
            entry["dependsOn"] = depends_on.iter().map(|d| d.to_string()).collect();
        }
        self.requests.push(entry);
        Ok(Step {
            id,
            answer: call.answer(),
            _t: PhantomData,
        })
    }

    /// How many calls the batch holds.
    pub fn len(&self) -> usize {
        self.requests.len()
    }

    /// Whether the batch holds no call.
    pub fn is_empty(&self) -> bool {
        self.requests.is_empty()
    }

    /// The `POST {base_url}/$batch` request that carries every call (their URLs
    /// made relative to `base_url`, as the batch format wants).
    pub fn request(&self, base_url: &str) -> http::Request<Vec<u8>> {
        let base = base_url.trim_end_matches('/');
        let requests: Vec<serde_json::Value> = self
            .requests
            .iter()
            .map(|r| {
                let mut r = r.clone();
                let url = r["url"].as_str().unwrap_or_default();
                let relative = url.strip_prefix(base).unwrap_or(url).to_string();
                r["url"] = relative.into();
                r
            })
            .collect();
        let body = serde_json::json!({ "requests": requests });
        let mut request = http::Request::new(body.to_string().into_bytes());
        *request.method_mut() = http::Method::POST;
        let url = format!("{}/$batch", base_url.trim_end_matches('/'));
        match url.parse() {
            Ok(uri) => *request.uri_mut() = uri,
            Err(_) => *request.uri_mut() = http::Uri::from_static("/$batch"),
        }
        request.headers_mut().insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/json"),
        );
        request
    }

    /// Reads the batch's response: a non-2xx status is the batch's error; each
    /// step's answer is then read with [`BatchAnswers::get`].
    pub fn parse(&self, response: &http::Response<Vec<u8>>) -> Result<BatchAnswers, GraphError> {
        if !response.status().is_success() {
            return Err(GraphError::from_response(response));
        }
        let decode = |message: String| GraphError::Decode {
            status: response.status().as_u16(),
            message,
            body: String::from_utf8_lossy(response.body()).into_owned(),
        };
        let json: serde_json::Value =
            serde_json::from_slice(response.body()).map_err(|e| decode(e.to_string()))?;
        let list = json["responses"]
            .as_array()
            .ok_or_else(|| decode("no `responses` array".into()))?;
        let mut answers = BTreeMap::new();
        for r in list {
            let id = r["id"].as_str().unwrap_or_default().to_string();
            answers.insert(id, step_response(r));
        }
        Ok(BatchAnswers { answers })
    }
}

/// One entry of `responses` as the `http::Response` its call would have had.
fn step_response(r: &serde_json::Value) -> http::Response<Vec<u8>> {
    let status = r["status"]
        .as_u64()
        .and_then(|s| u16::try_from(s).ok())
        .and_then(|s| http::StatusCode::from_u16(s).ok())
        .unwrap_or(http::StatusCode::BAD_GATEWAY);
    let body = match &r["body"] {
        serde_json::Value::Null => Vec::new(),
        body => body.to_string().into_bytes(),
    };
    let mut response = http::Response::new(body);
    *response.status_mut() = status;
    if let Some(headers) = r["headers"].as_object() {
        for (name, value) in headers {
            let (Ok(name), Some(Ok(value))) = (
                http::HeaderName::try_from(name.as_str()),
                value.as_str().map(http::HeaderValue::from_str),
            ) else {
                continue;
            };
            response.headers_mut().insert(name, value);
        }
    }
    response
}

/// The answers of a sent batch, by step.
#[derive(Debug, Clone)]
pub struct BatchAnswers {
    answers: BTreeMap<String, http::Response<Vec<u8>>>,
}

impl BatchAnswers {
    /// The answer to `step`, read as its call's would be: a failed step is that
    /// step's error (the others are unaffected).
    pub fn get<T: serde::de::DeserializeOwned>(&self, step: &Step<T>) -> Result<T, GraphError> {
        let response = self.answers.get(&step.id).ok_or_else(|| GraphError::Decode {
            status: 200,
            message: format!("the batch's response has no answer for step {}", step.id),
            body: String::new(),
        })?;
        if !response.status().is_success() {
            return Err(GraphError::from_response(response));
        }
        step.answer
            .read(response.body())
            .map_err(|e| GraphError::Decode {
                status: response.status().as_u16(),
                message: e.to_string(),
                body: String::from_utf8_lossy(response.body()).into_owned(),
            })
    }

    /// The HTTP status of `step`'s answer, if the batch holds one.
    pub fn status<T>(&self, step: &Step<T>) -> Option<u16> {
        Some(self.answers.get(&step.id)?.status().as_u16())
    }
}
