//! The generated client over real HTTP (127.0.0.1, ephemeral port): every example
//! pair of docs-input/ is sent by the checked-in crate's typed client to a server
//! that answers with the documented status and body, which checks the body sent
//! against the documented request; the typed response must equal the documented one.
//! Plus paging, throttling, Graph errors and token redaction against the same server.

use graph_docgen::check::roundtrip::{self, Outcome};
use graph_docgen::pipeline::{load, Progress};
use graph_docgen_tests::docs_input;
use graph_docgen_tests::loopback::{
    cases, examples_handler, judge, serve, ClientResult, Report, Request, Response,
};
use graph_generated::client::core::{Answer, Call, Content, GraphError, Page, Read};
use graph_generated::client::executor::{GraphClient, RetryPolicy, Secret, StaticToken};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn client(addr: std::net::SocketAddr) -> GraphClient<StaticToken> {
    GraphClient::new(
        &format!("http://{addr}/v"),
        StaticToken::new("s3cr3t-t0ken"),
    )
    .with_retry(RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_secs(2),
        ..RetryPolicy::default()
    })
}

#[test]
fn docs_input_examples_over_http() {
    let model = load(&[docs_input()], Progress::Never);
    let rt = roundtrip::run(&model.schema, &model.examples, &|ty, json| {
        graph_generated::registry::roundtrip(ty, json).map(|r| r.map_err(|e| e.to_string()))
    });
    let outcomes: BTreeMap<String, Outcome> = rt
        .results
        .iter()
        .map(|r| (r.source.clone(), r.outcome))
        .collect();
    let (cases, skipped) = cases(&model);
    println!("skipped pairs: {skipped:?}");
    let cases = Arc::new(cases);
    let received = Arc::new(Mutex::new(BTreeMap::new()));
    let mut report = Report::default();
    runtime().block_on(async {
        let addr = serve(examples_handler(cases.clone(), received.clone())).await;
        let client = client(addr);
        for (i, case) in cases.iter().enumerate() {
            let result = match graph_generated::client::dispatch::call(
                client.graph(),
                &case.operation,
                &case.path,
                case.request_body.clone(),
            ) {
                None => ClientResult::NotBuilt(format!("no operation {}", case.operation)),
                Some(Err(e)) => ClientResult::NotBuilt(e),
                Some(Ok(mut call)) => {
                    call.request_mut()
                        .headers_mut()
                        .insert("x-case", i.to_string().parse().unwrap());
                    ClientResult::Sent(client.send(&call).await.map_err(|e| e.to_string()))
                }
            };
            let sent = received.lock().unwrap().get(&i).cloned();
            let verdict = judge(case, &result, sent.as_ref(), &outcomes);
            report.add(case, verdict);
        }
    });
    report.print("docs-input");
    assert!(
        report.passed >= 5,
        "the five seed pages hold five example pairs"
    );
    assert!(report.generator_defects.is_empty(), "generator defects");
    assert_eq!(report.failed(), 0, "the seed examples are clean");
    println!(
        "client: {} passed, {} failed",
        report.passed,
        report.failed()
    );
}

#[test]
fn paging_follows_next_link_across_three_pages() {
    runtime().block_on(async {
        let base = Arc::new(Mutex::new(String::new()));
        let b = base.clone();
        let addr = serve(Arc::new(move |req: &Request| {
            let page: usize = req.target.rsplit("page=").next().and_then(|p| p.parse().ok()).unwrap_or(1);
            let mut body = json!({"@odata.context": "ctx", "value": [{"id": format!("item{page}a")}, {"id": format!("item{page}b")}]});
            if page < 3 {
                body["@odata.nextLink"] = json!(format!("{}/v/deviceManagement/deviceConfigurations?page={}", b.lock().unwrap(), page + 1));
            }
            Response::json(200, &body)
        }))
        .await;
        *base.lock().unwrap() = format!("http://{addr}");
        let client = client(addr);
        let url = format!("{}/deviceManagement/deviceConfigurations", client.base_url());
        let list: Call<Page<Value>, Read> = Call::new(http_get(), &url, None, Answer::Page).top(2);
        assert!(list.request().uri().to_string().ends_with("?$top=2"), "{:?}", list.request().uri());
        let mut pages = client.pages(list);
        let mut ids = Vec::new();
        let mut count = 0;
        while let Some(page) = pages.next().await {
            let page = page.expect("page");
            count += 1;
            assert_eq!(page.additional_properties["@odata.context"], "ctx");
            ids.extend(page.value.into_iter().map(|v| v["id"].as_str().unwrap().to_string()));
        }
        assert_eq!(count, 3);
        assert_eq!(ids, ["item1a", "item1b", "item2a", "item2b", "item3a", "item3b"]);
    });
}

fn http_get() -> graph_generated::client::http::Method {
    graph_generated::client::http::Method::GET
}

#[test]
fn throttled_call_is_retried_after_retry_after() {
    runtime().block_on(async {
        let hits = Arc::new(AtomicUsize::new(0));
        let h = hits.clone();
        let addr = serve(Arc::new(move |req: &Request| {
            assert_eq!(req.headers["authorization"], "Bearer s3cr3t-t0ken");
            if h.fetch_add(1, Ordering::SeqCst) == 0 {
                let mut r = Response::graph_error(429, "TooManyRequests", "slow down");
                r.headers.push(("Retry-After".into(), "1".into()));
                return r;
            }
            Response::json(200, &json!({"@odata.type": "#microsoft.graph.enterpriseCertificate", "id": "e1", "fileName": "cert.pfx"}))
        }))
        .await;
        // A PATCH is not idempotent: retried only when the policy says so.
        let client = client(addr).with_retry(RetryPolicy {
            base_delay: Duration::from_millis(10),
            retry_non_idempotent: true,
            ..RetryPolicy::default()
        });
        let cert: graph_generated::EnterpriseCertificate =
            serde_json::from_value(json!({"fileName": "cert.pfx"})).unwrap();
        let started = Instant::now();
        let updated = client.device_app_management().enterprise_certs().by_id("e1").update(&cert).send(&client).await.expect("retried");
        assert!(started.elapsed() >= Duration::from_millis(900), "waited for Retry-After");
        assert_eq!(hits.load(Ordering::SeqCst), 2);
        assert_eq!(updated.id.as_deref(), Some("e1"));
    });
}

#[test]
fn graph_error_body_is_a_typed_error_and_not_retried() {
    runtime().block_on(async {
        let hits = Arc::new(AtomicUsize::new(0));
        let h = hits.clone();
        let addr = serve(Arc::new(move |_req: &Request| {
            h.fetch_add(1, Ordering::SeqCst);
            Response::graph_error(404, "ResourceNotFound", "no such configuration")
        }))
        .await;
        let client = client(addr);
        let profile = graph_generated::IosScepCertificateProfile::default();
        let err = client
            .device_management()
            .device_configurations()
            .by_id("a/b c")
            .update(profile)
            .send(&client)
            .await
            .expect_err("404");
        match err {
            GraphError::Service {
                status,
                code,
                message,
                inner_error,
                retry_after,
                ids,
            } => {
                assert_eq!(
                    ids.request_id.as_deref(),
                    Some("loopback"),
                    "from innerError"
                );
                assert_eq!(ids.client_request_id, None);
                assert_eq!(ids.date, None, "the loopback server sends no Date");
                assert_eq!(
                    (status, code.as_str(), message.as_str()),
                    (404, "ResourceNotFound", "no such configuration")
                );
                assert_eq!(inner_error, Some(json!({"request-id": "loopback"})));
                assert_eq!(retry_after, None);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(hits.load(Ordering::SeqCst), 1, "a 404 is not retried");
    });
}

#[test]
fn path_parameters_are_percent_encoded() {
    let graph = graph_generated::client::Graph::new("https://graph.microsoft.com/beta/");
    let item = graph
        .device_management()
        .device_configurations()
        .by_id("a/b c'ü");
    assert_eq!(
        item.url(),
        "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/a%2Fb%20c%27%C3%BC"
    );
}

#[test]
fn token_never_shows_in_debug_output() {
    let secret = Secret::new("s3cr3t-t0ken");
    let client = GraphClient::new(
        "https://graph.microsoft.com/beta",
        StaticToken(secret.clone()),
    );
    for text in [
        format!("{secret:?}"),
        format!("{secret}"),
        format!("{client:?}"),
        format!("{:?}", StaticToken(secret.clone())),
    ] {
        assert!(!text.contains("s3cr3t"), "{text}");
    }
    assert_eq!(secret.expose(), "s3cr3t-t0ken");
}

/// A server that counts the requests it gets and records their `Authorization` headers.
async fn elsewhere() -> (std::net::SocketAddr, Arc<Mutex<Vec<Option<String>>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s = seen.clone();
    let addr = serve(Arc::new(move |req: &Request| {
        s.lock()
            .unwrap()
            .push(req.headers.get("authorization").cloned());
        Response::json(200, &json!({"value": []}))
    }))
    .await;
    (addr, seen)
}

#[test]
fn credentials_never_follow_a_next_link_to_another_host() {
    runtime().block_on(async {
        let (other, seen) = elsewhere().await;
        let addr = serve(Arc::new(move |_req: &Request| {
            Response::json(
                200,
                &json!({"value": [{"id": "a"}], "@odata.nextLink": format!("http://{other}/v/stolen?page=2")}),
            )
        }))
        .await;
        let list = |client: &GraphClient<StaticToken>| {
            let url = format!("{}/deviceManagement/deviceConfigurations", client.base_url());
            Call::<Page<Value>, Read>::new(http_get(), &url, None, Answer::Page)
        };
        let pinned = client(addr);
        let mut pages = pinned.pages(list(&pinned));
        assert_eq!(pages.next().await.unwrap().expect("first page").value.len(), 1);
        match pages.next().await.unwrap() {
            Err(GraphError::UntrustedHost { url }) => assert!(url.contains(&other.to_string()), "{url}"),
            other => panic!("the next link was followed: {other:?}"),
        }
        assert!(seen.lock().unwrap().is_empty(), "the other host got a request");

        // Once the user allows that host, the link is followed with the token.
        let allowed = client(addr).allow_host(&format!("http://{other}")).unwrap();
        let mut pages = allowed.pages(list(&allowed));
        pages.next().await.unwrap().expect("first page");
        pages.next().await.unwrap().expect("second page, allowed");
        assert_eq!(
            seen.lock().unwrap().as_slice(),
            [Some("Bearer s3cr3t-t0ken".to_string())]
        );
    });
}

#[test]
fn redirects_are_followed_only_on_the_trusted_host() {
    runtime().block_on(async {
        let (other, seen) = elsewhere().await;
        let addr = serve(Arc::new(move |req: &Request| {
            let mut r = Response::json(302, &json!({}));
            let to = if req.target.contains("away") {
                format!("http://{other}/v/stolen")
            } else if req.target.contains("moved") {
                "/v/deviceManagement/deviceConfigurations/landed".to_string()
            } else {
                assert_eq!(req.headers["authorization"], "Bearer s3cr3t-t0ken");
                return Response::json(200, &json!({"id": "landed"}));
            };
            r.headers.push(("Location".into(), to));
            r
        }))
        .await;
        let client = client(addr);
        let get = |id: &str| {
            let url = format!(
                "{}/deviceManagement/deviceConfigurations/{id}",
                client.base_url()
            );
            Call::<Value, Read>::new(http_get(), &url, None, Answer::Single)
        };
        let landed = client
            .send(&get("moved"))
            .await
            .expect("same-host redirect followed");
        assert_eq!(landed["id"], "landed");
        match client.send(&get("away")).await {
            Err(GraphError::UntrustedHost { .. }) => {}
            other => panic!("the redirect was followed: {other:?}"),
        }
        assert!(
            seen.lock().unwrap().is_empty(),
            "the other host got a request"
        );
    });
}

/// A file download: Graph answers `302 Found` to a pre-authenticated URL on another
/// host. The call refuses to follow it (the token stays home) and names it;
/// `download` fetches it with no `Authorization` header at all.
#[test]
fn a_download_redirect_is_fetched_without_the_token() {
    runtime().block_on(async {
        let seen: Arc<Mutex<Vec<Option<String>>>> = Arc::default();
        let s = seen.clone();
        let files = serve(Arc::new(move |req: &Request| {
            s.lock()
                .unwrap()
                .push(req.headers.get("authorization").cloned());
            Response {
                status: 200,
                headers: vec![("Content-Type".into(), "text/plain".into())],
                body: b"file bytes".to_vec(),
            }
        }))
        .await;
        let graph = serve(Arc::new(move |_req: &Request| {
            let mut r = Response::json(302, &json!({}));
            r.headers.push((
                "Location".into(),
                format!("http://{files}/download?sig=abc"),
            ));
            r
        }))
        .await;
        let client = client(graph);
        let url = format!("{}/me/drive/items/1/content", client.base_url());
        let call: Call<Content, Read> = Call::new(http_get(), &url, None, Answer::Bytes);
        let location = match client.send(&call).await {
            Err(GraphError::UntrustedHost { url }) => url,
            other => panic!("the download redirect was followed: {other:?}"),
        };
        assert!(
            seen.lock().unwrap().is_empty(),
            "the file host got the call"
        );
        let file = client.download(&location).await.expect("downloaded");
        assert_eq!(file.bytes, b"file bytes");
        assert_eq!(file.content_type.as_deref(), Some("text/plain"));
        assert_eq!(
            seen.lock().unwrap().as_slice(),
            [None],
            "the file host saw no Authorization header"
        );
        // Never in clear text to another machine.
        assert!(matches!(
            client.download("http://files.example.com/x").await,
            Err(GraphError::UntrustedHost { .. })
        ));
    });
}

#[test]
fn the_token_is_not_sent_in_clear_text() {
    runtime().block_on(async {
        let client = GraphClient::new(
            "http://graph.example.com/beta",
            StaticToken::new("s3cr3t-t0ken"),
        );
        let url = format!("{}/me", client.base_url());
        let call = Call::<Value, Read>::new(http_get(), &url, None, Answer::Single);
        assert!(matches!(
            client.send(&call).await,
            Err(GraphError::UntrustedHost { .. })
        ));
        assert!(client.allow_host("http://files.example.com").is_err());
    });
}

#[test]
fn retries_follow_the_method_and_retry_after_dates() {
    runtime().block_on(async {
        let hits = Arc::new(AtomicUsize::new(0));
        let h = hits.clone();
        let addr = serve(Arc::new(move |req: &Request| {
            let n = h.fetch_add(1, Ordering::SeqCst);
            let mut r = Response::graph_error(503, "serviceUnavailable", "later");
            r.headers.push(("request-id".into(), format!("req-{n}")));
            r.headers.push(("client-request-id".into(), "mine".into()));
            if req.method == "GET" && n == 0 {
                // An HTTP date one second after the response's own `Date`.
                r.headers
                    .push(("Date".into(), "Sun, 06 Nov 1994 08:49:37 GMT".into()));
                r.headers
                    .push(("Retry-After".into(), "Sun, 06 Nov 1994 08:49:38 GMT".into()));
                return r;
            }
            if req.method == "GET" {
                return Response::json(200, &json!({"id": "x"}));
            }
            r
        }))
        .await;
        let client = client(addr);
        let url = format!(
            "{}/deviceManagement/deviceConfigurations/x",
            client.base_url()
        );
        let get = Call::<Value, Read>::new(http_get(), &url, None, Answer::Single);
        let started = Instant::now();
        assert_eq!(client.send(&get).await.expect("retried")["id"], "x");
        assert!(
            started.elapsed() >= Duration::from_millis(900),
            "waited for the HTTP date"
        );
        assert_eq!(hits.swap(0, Ordering::SeqCst), 2);

        // A POST is not retried by default; its error carries the ids.
        let post: Call<Value> = Call::new(
            graph_generated::client::http::Method::POST,
            &url,
            Some(Ok(b"{}".to_vec())),
            Answer::Single,
        );
        match client.send(&post).await {
            Err(GraphError::Service {
                status: 503, ids, ..
            }) => {
                assert_eq!(ids.request_id.as_deref(), Some("req-0"));
                assert_eq!(ids.client_request_id.as_deref(), Some("mine"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(hits.load(Ordering::SeqCst), 1, "a POST is not retried");
    });
}

#[test]
fn query_options_set_twice_keep_the_last_value() {
    let url = "https://graph.microsoft.com/beta/users";
    let call: Call<Page<Value>, Read> = Call::new(http_get(), url, None, Answer::Page)
        .top(2)
        .filter("a eq 'b'")
        .top(5)
        .select(&["id"])
        .select(&["id", "displayName"])
        .eventual_consistency();
    assert_eq!(
        call.request().uri().to_string(),
        "https://graph.microsoft.com/beta/users?$filter=a%20eq%20'b'&$top=5&$select=id,displayName"
    );
    assert_eq!(call.request().headers()["consistencylevel"], "eventual");
}

/// `count()` and `search()` send `ConsistencyLevel: eventual` on the calls whose
/// pages document that header (generated calls mark them), and only on those.
#[test]
fn count_and_search_send_consistency_level_where_the_docs_say_so() {
    let url = "https://graph.microsoft.com/beta/users";
    let documented: Call<Page<Value>, Read> =
        Call::new(http_get(), url, None, Answer::Page).documents_consistency_level();
    let plain: Call<Page<Value>, Read> = Call::new(http_get(), url, None, Answer::Page);
    for call in [
        documented.clone().count(),
        documented.search("\"displayName:a\""),
    ] {
        assert_eq!(call.request().headers()["consistencylevel"], "eventual");
    }
    for call in [
        plain.clone().count(),
        plain.search("a"),
        Call::new(http_get(), url, None, Answer::Page)
            .documents_consistency_level()
            .top(1),
    ] {
        assert!(call.request().headers().get("consistencylevel").is_none());
    }
}

/// Parameters of a function with a date and a string, as generated params types are.
struct Range(Value);

impl serde::Serialize for Range {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl graph_generated::client::core::FunctionParameters for Range {
    const UNQUOTED: &'static [&'static str] = &["fromDateTime"];
}

/// A function's arguments go in its URL as OData literals: strings quoted (`'` doubled),
/// the dates and GUIDs its params type names unquoted, numbers as they are.
#[test]
fn function_arguments_are_odata_literals() {
    let params = Range(json!({"fromDateTime": "2019-11-01", "on": "o'k", "top": 3}));
    let call: Call<Page<Value>, Read> = Call::function(
        "https://graph.microsoft.com/beta/communications/callRecords",
        "getPstnCalls",
        &params,
        Answer::Page,
    );
    assert_eq!(
        call.request().uri().to_string(),
        "https://graph.microsoft.com/beta/communications/callRecords/getPstnCalls(fromDateTime=2019-11-01,on='o''k',top=3)"
    );
}

/// A provider that counts its calls, used through `Arc<dyn DynTokenProvider>`.
struct Counting(AtomicUsize);

impl graph_generated::client::executor::TokenProvider for Counting {
    async fn token(&self) -> Result<Secret, GraphError> {
        let n = self.0.fetch_add(1, Ordering::SeqCst);
        Ok(Secret::new(format!("token-{n}")))
    }
}

#[test]
fn token_providers_work_as_trait_objects() {
    use graph_generated::client::executor::DynTokenProvider;
    runtime().block_on(async {
        let addr = serve(Arc::new(|req: &Request| {
            Response::json(200, &json!({"auth": req.headers["authorization"]}))
        }))
        .await;
        let provider: Arc<dyn DynTokenProvider> = Arc::new(Counting(AtomicUsize::new(0)));
        let clients: Vec<GraphClient<Arc<dyn DynTokenProvider>>> = vec![
            GraphClient::new(&format!("http://{addr}/v"), provider.clone()),
            GraphClient::new(
                &format!("http://{addr}/v"),
                Arc::new(StaticToken::new("fixed")),
            ),
        ];
        let mut seen = Vec::new();
        for client in &clients {
            let url = format!("{}/me", client.base_url());
            let call = Call::<Value, Read>::new(http_get(), &url, None, Answer::Single);
            seen.push(client.send(&call).await.unwrap()["auth"].clone());
        }
        assert_eq!(seen, [json!("Bearer token-0"), json!("Bearer fixed")]);
    });
}

#[test]
fn pages_and_items_stream_and_a_saved_link_resumes() {
    use futures_util::StreamExt;
    runtime().block_on(async {
        let base = Arc::new(Mutex::new(String::new()));
        let b = base.clone();
        let addr = serve(Arc::new(move |req: &Request| {
            let page: usize = req
                .target
                .rsplit("page=")
                .next()
                .and_then(|p| p.parse().ok())
                .unwrap_or(1);
            let mut body = json!({"value": [{"id": format!("i{page}")}]});
            if page == 1 {
                body["@odata.count"] = json!(3);
            }
            if page < 3 {
                body["@odata.nextLink"] = json!(format!(
                    "{}/v/users/delta?page={}",
                    b.lock().unwrap(),
                    page + 1
                ));
            } else {
                body["@odata.deltaLink"] =
                    json!(format!("{}/v/users/delta?token=t1", b.lock().unwrap()));
            }
            Response::json(200, &body)
        }))
        .await;
        *base.lock().unwrap() = format!("http://{addr}");
        let client = client(addr);
        let url = format!("{}/users/delta", client.base_url());
        let delta: Call<Page<Value>, Read> = Call::new(http_get(), &url, None, Answer::Page);

        let pages: Vec<_> = client.pages(delta.clone()).into_stream().collect().await;
        let pages: Vec<Page<Value>> = pages.into_iter().map(|p| p.unwrap()).collect();
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[0].count(), Some(3));
        let delta_link = pages[2]
            .delta_link()
            .expect("the last page holds the delta link")
            .to_string();
        assert!(delta_link.ends_with("token=t1"));

        let items: Vec<_> = client.pages(delta.clone()).items().collect().await;
        let ids: Vec<String> = items
            .into_iter()
            .map(|i| i.unwrap()["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids, ["i1", "i2", "i3"]);

        // Resumed from a saved next link: only the pages after it.
        let saved = pages[0].next_link.clone().unwrap();
        let rest: Vec<_> = client
            .pages(delta.resume(&saved))
            .into_stream()
            .collect()
            .await;
        assert_eq!(rest.len(), 2);
        // Resumed from the delta link: the server sees its token.
        let again = client.send(&delta.resume(&delta_link)).await.unwrap();
        assert_eq!(again.value.len(), 1);
    });
}

#[test]
fn a_transport_error_keeps_its_source() {
    runtime().block_on(async {
        // A port nothing listens on any more: the connection is refused.
        let addr = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        let client = client(addr);
        let url = format!("{}/me", client.base_url());
        let call = Call::<Value, Read>::new(http_get(), &url, None, Answer::Single);
        let err = client.send(&call).await.expect_err("nothing listens");
        assert!(matches!(err, GraphError::Transport { .. }), "{err:?}");
        let source = std::error::Error::source(&err).expect("the transport's error");
        assert!(!source.to_string().is_empty());
        assert_eq!(err.clone(), err, "still Clone and PartialEq");
    });
}

#[test]
fn one_call_per_path_and_verb_takes_any_derived_type() {
    runtime().block_on(async {
        // Echoes the body it is sent, as Graph answers a PATCH with the object.
        let addr = serve(Arc::new(|req: &Request| {
            let body: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
            Response::json(200, &body)
        }))
        .await;
        let client = client(addr);
        let item = client
            .device_management()
            .device_configurations()
            .by_id("c1");
        // Two pages (two derived types) document a PATCH of this one URL: one `update`
        // takes either, and fills in the `@odata.type` that tells Graph which it is.
        let scep = graph_generated::IosScepCertificateProfile {
            subject_alternative_name_format_string: Some("{{UserPrincipalName}}".into()),
            ..Default::default()
        };
        let updated = item.update(scep.clone()).send(&client).await.unwrap();
        let graph_generated::AnyDeviceConfiguration::IosScepCertificateProfile(got) = &updated
        else {
            panic!("not read as the derived type: {updated:?}");
        };
        assert_eq!(
            got.odata_type.as_deref(),
            Some("#microsoft.graph.iosScepCertificateProfile"),
            "filled in when unset"
        );
        assert_eq!(
            got.subject_alternative_name_format_string,
            scep.subject_alternative_name_format_string
        );
        // The other derived type through the same method; a set `@odata.type` is kept.
        let pfx = graph_generated::IosImportedPfxCertificateProfile {
            base: graph_generated::DeviceConfiguration {
                odata_type: Some("#microsoft.graph.iosImportedPFXCertificateProfile".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        let updated = item.update(pfx).send(&client).await.unwrap();
        assert!(matches!(
            updated,
            graph_generated::AnyDeviceConfiguration::IosImportedPfxCertificateProfile(_)
        ));
        assert_eq!(
            updated.odata_type.as_deref(),
            Some("#microsoft.graph.iosImportedPFXCertificateProfile")
        );
    });
}

#[test]
fn a_cleared_field_is_sent_as_null_and_null_stays_apart_from_absent() {
    use graph_generated::support::Object as _;
    use graph_generated::EnterpriseCertificate;
    runtime().block_on(async {
        let received = Arc::new(Mutex::new(Vec::new()));
        let r = received.clone();
        let addr = serve(Arc::new(move |req: &Request| {
            r.lock().unwrap().push(req.body.clone());
            Response::json(200, &json!({"id": "e1", "issuedTo": null}))
        }))
        .await;
        let client = client(addr);
        let mut cert = EnterpriseCertificate {
            issued_to: Some("old".into()),
            ..Default::default()
        };
        cert.clear(EnterpriseCertificate::ISSUED_TO);
        assert_eq!(cert.issued_to, None);
        let updated = client
            .device_app_management()
            .enterprise_certs()
            .by_id("e1")
            .update(&cert)
            .send(&client)
            .await
            .unwrap();
        let sent: Value = serde_json::from_slice(&received.lock().unwrap()[0]).unwrap();
        assert_eq!(
            sent,
            json!({"issuedTo": null}),
            "a PATCH that clears the field"
        );
        // The null the server answered comes back as null; an absent member stays absent.
        assert_eq!(
            serde_json::to_value(&updated).unwrap(),
            json!({"id": "e1", "issuedTo": null})
        );
        let absent: EnterpriseCertificate = serde_json::from_value(json!({"id": "e1"})).unwrap();
        assert_eq!(serde_json::to_value(&absent).unwrap(), json!({"id": "e1"}));
        assert_ne!(absent, updated);
        // A value set after a null is sent as the value.
        let mut again = updated.clone();
        again.issued_to = Some("new".into());
        assert_eq!(
            serde_json::to_value(&again).unwrap(),
            json!({"id": "e1", "issuedTo": "new"})
        );
    });
}

#[test]
fn a_success_without_a_body_never_fails() {
    runtime().block_on(async {
        let addr = serve(Arc::new(|_req: &Request| Response {
            status: 204,
            headers: Vec::new(),
            body: Vec::new(),
        }))
        .await;
        let client = client(addr);
        // Typed with a body (the docs show one), answered with 204 No Content.
        let cert: graph_generated::EnterpriseCertificate = Default::default();
        let updated = client
            .device_app_management()
            .enterprise_certs()
            .by_id("e1")
            .update(&cert)
            .send(&client)
            .await
            .expect("an empty success is no decode error");
        assert_eq!(updated, graph_generated::EnterpriseCertificate::default());
        let url = format!(
            "{}/deviceManagement/deviceConfigurations",
            client.base_url()
        );
        let list: Call<Page<Value>, Read> = Call::new(http_get(), &url, None, Answer::Page);
        assert!(client.send(&list).await.unwrap().value.is_empty());
    });
}

#[test]
fn a_batch_sends_calls_together_and_answers_each_typed() {
    use graph_generated::client::batch::{Batch, MAX_REQUESTS};
    runtime().block_on(async {
        let sent = Arc::new(Mutex::new(Value::Null));
        let s = sent.clone();
        let addr = serve(Arc::new(move |req: &Request| {
            assert_eq!((req.method.as_str(), req.target.as_str()), ("POST", "/v/$batch"));
            assert_eq!(req.headers["authorization"], "Bearer s3cr3t-t0ken");
            let body: Value = serde_json::from_slice(&req.body).unwrap();
            *s.lock().unwrap() = body;
            Response::json(
                200,
                &json!({"responses": [
                    {"id": "2", "status": 404, "headers": {"Content-Type": "application/json"},
                     "body": {"error": {"code": "ResourceNotFound", "message": "gone"}}},
                    {"id": "1", "status": 200, "body": {"@odata.type": "#microsoft.graph.enterpriseCertificate", "id": "e1", "issuedBy": "CA"}},
                    {"id": "3", "status": 204}
                ]}),
            )
        }))
        .await;
        let client = client(addr);
        let certs = client.device_app_management().enterprise_certs();
        let cert = graph_generated::EnterpriseCertificate {
            issued_by: Some("CA".into()),
            ..Default::default()
        };
        let mut batch = Batch::new();
        let updated = batch.add(&certs.by_id("e1").update(&cert)).unwrap();
        let url = format!("{}/deviceManagement/deviceConfigurations/x", client.base_url());
        let missing = batch
            .add_after(&Call::<Value, Read>::new(http_get(), &url, None, Answer::Single), &[updated.id()])
            .unwrap();
        let nothing = batch.add(&Call::<(), Read>::new(http_get(), &url, None, Answer::Nothing)).unwrap();
        assert!(batch.add_after(&Call::<Value, Read>::new(http_get(), &url, None, Answer::Single), &["9"]).is_err());

        let answers = client.send_batch(&batch).await.expect("the batch is answered");
        let typed: graph_generated::EnterpriseCertificate = answers.get(&updated).expect("step 1");
        assert_eq!(typed.issued_by.as_deref(), Some("CA"));
        match answers.get(&missing) {
            Err(GraphError::Service { status: 404, code, .. }) => assert_eq!(code, "ResourceNotFound"),
            other => panic!("{other:?}"),
        }
        answers.get(&nothing).expect("a 204 step");

        let sent = sent.lock().unwrap().clone();
        let requests = sent["requests"].as_array().unwrap();
        assert_eq!(requests.len(), 3);
        assert_eq!(requests[0]["method"], "PATCH");
        assert_eq!(requests[0]["url"], "/deviceAppManagement/enterpriseCerts/e1");
        assert_eq!(requests[0]["body"]["issuedBy"], "CA");
        assert_eq!(requests[1]["dependsOn"], json!(["1"]));
        assert!(requests.iter().all(|r| r.get("headers").and_then(|h| h.get("authorization")).is_none()));

        let mut full = Batch::new();
        for _ in 0..MAX_REQUESTS {
            full.add(&Call::<Value, Read>::new(http_get(), &url, None, Answer::Single)).unwrap();
        }
        assert!(full.add(&Call::<Value, Read>::new(http_get(), &url, None, Answer::Single)).is_err());
    });
}

/// A byte-stream GET (a `$value` or file content) answers the body's bytes as they
/// came, with the response's `Content-Type`, and asks for the documented type; an
/// upload sends its bytes as they are, with their type (or the documented one); an
/// empty byte answer is no failure; JSON calls still ask for JSON.
#[test]
fn byte_bodies_travel_as_they_are_with_their_content_type() {
    // Not UTF-8, not JSON: the PNG signature and a NUL.
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\xff";
    runtime().block_on(async {
        let seen: Arc<Mutex<Vec<Request>>> = Arc::default();
        let s = seen.clone();
        let addr = serve(Arc::new(move |req: &Request| {
            s.lock().unwrap().push(req.clone());
            match (req.method.as_str(), req.target.as_str()) {
                ("GET", "/v/widgets/1/photo/$value") => Response {
                    status: 200,
                    headers: vec![("Content-Type".into(), "image/png".into())],
                    body: PNG.to_vec(),
                },
                ("GET", "/v/widgets/2/photo/$value") => Response {
                    status: 200,
                    headers: Vec::new(),
                    body: Vec::new(),
                },
                ("PUT", _) => Response {
                    status: 204,
                    headers: Vec::new(),
                    body: Vec::new(),
                },
                _ => Response::json(200, &json!({"id": "1"})),
            }
        }))
        .await;
        let client = client(addr);
        let base = client.base_url().to_string();
        // What a generated `$value` get is: `Answer::Bytes`, asking for its documented type.
        let photo: Call<Content, Read> = Call::new(
            http_get(),
            &format!("{base}/widgets/1/photo/$value"),
            None,
            Answer::Bytes,
        )
        .accept("image/png");
        let got = client
            .send(&photo)
            .await
            .expect("bytes are no decode error");
        assert_eq!(got.bytes, PNG, "byte for byte");
        assert_eq!(got.content_type.as_deref(), Some("image/png"));
        let empty: Call<Content, Read> = Call::new(
            http_get(),
            &format!("{base}/widgets/2/photo/$value"),
            None,
            Answer::Bytes,
        );
        assert_eq!(client.send(&empty).await.unwrap(), Content::default());
        // An upload: the bytes and their type; without a type, the documented one.
        let put = |content: Content| -> Call<()> {
            Call::with_content(
                graph_generated::client::http::Method::PUT,
                &format!("{base}/widgets/1/photo/$value"),
                content,
                Some("image/jpeg"),
                Answer::Nothing,
            )
        };
        client
            .send(&put(Content::new(PNG).with_type("image/png")))
            .await
            .unwrap();
        client.send(&put(Content::new(PNG))).await.unwrap();
        let json: Call<Value, Read> = Call::new(
            http_get(),
            &format!("{base}/widgets/1"),
            None,
            Answer::Single,
        );
        assert_eq!(client.send(&json).await.unwrap(), json!({"id": "1"}));
        let seen = seen.lock().unwrap();
        let header = |i: usize, name: &str| seen[i].headers.get(name).cloned();
        assert_eq!(header(0, "accept").as_deref(), Some("image/png"));
        assert_eq!(
            header(1, "accept").as_deref(),
            Some("*/*"),
            "no documented type: any"
        );
        assert_eq!(seen[2].body, PNG);
        assert_eq!(header(2, "content-type").as_deref(), Some("image/png"));
        assert_eq!(seen[3].body, PNG);
        assert_eq!(header(3, "content-type").as_deref(), Some("image/jpeg"));
        assert_eq!(header(4, "accept").as_deref(), Some("application/json"));
        assert_eq!(header(4, "content-type"), None, "a GET sends no body");
    });
}
