//! The client over real HTTP: the loopback server, the cases built from the pages
//! and the verdicts are `graph_docgen::loopback` (which `graph-docgen verify --client`
//! runs on std threads); this module serves the same handlers on tokio, for tests
//! whose handlers run beside an async client (tests/tests/client_loopback.rs).

pub use graph_docgen::loopback::{
    cases, examples_handler, judge, normalize_path, percent_decode, read_request, response_bytes,
    Case, ClientResult, Handler, Received, Report, Request, Response, Skipped, Verdict,
};
use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Starts the server on 127.0.0.1 with an ephemeral port on the current tokio runtime.
pub async fn serve(handler: Handler) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let handler = handler.clone();
            tokio::spawn(async move {
                let _ = connection(stream, handler).await;
            });
        }
    });
    addr
}

/// Serves requests on one keep-alive connection until the client closes it.
async fn connection(mut stream: tokio::net::TcpStream, handler: Handler) -> std::io::Result<()> {
    let mut buf: Vec<u8> = Vec::new();
    loop {
        // The shared reader, given no more bytes than are buffered, parses a whole
        // request or leaves `buf` as it was.
        if let Some(request) = read_request(&mut buf, &mut |_| Ok(0))? {
            stream
                .write_all(&response_bytes(&handler(&request)))
                .await?;
            continue;
        }
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}
