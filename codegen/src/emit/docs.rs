//! Doc comments from the descriptions in the docs.
//!
//! Descriptions are plain text from Markdown tables; rustdoc would read some of
//! it as Markdown or HTML. Escaped: `[` `]` (intra-doc links), `<` `>` (HTML),
//! code fences and leading indentation (doctests); bare URLs are wrapped in
//! `<...>` so rustdoc links them. Each paragraph is one line.

use proc_macro2::TokenStream;
use quote::quote;

/// Escapes one paragraph of description text for rustdoc.
pub fn escape(text: &str) -> String {
    let text = unlink(text);
    let words: Vec<String> = text.split_whitespace().map(escape_word).collect();
    words.join(" ").replace("```", "'''")
}

/// Markdown links `[text](target)` -> `text (target)` for absolute URLs, `text`
/// for relative ones (links between doc pages mean nothing in rustdoc).
fn unlink(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let link = after.find("](").and_then(|mid| {
            let label = &after[..mid];
            let target_len = after[mid + 2..].find(')')?;
            let target = &after[mid + 2..mid + 2 + target_len];
            (!label.contains(['[', ']']) && !target.contains(char::is_whitespace)).then_some((
                label,
                target,
                mid + 2 + target_len + 1,
            ))
        });
        match link {
            Some((label, target, len)) => {
                out.push_str(&rest[..open]);
                out.push_str(label);
                if target.starts_with("http://") || target.starts_with("https://") {
                    out.push_str(" (");
                    out.push_str(target);
                    out.push(')');
                }
                rest = &after[len..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn escape_word(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    if let Some(start) = ["https://", "http://"]
        .iter()
        .filter_map(|p| lower.find(p))
        .min()
    {
        // Keep punctuation that ends a sentence outside the link.
        let rest = &word[start..];
        let end = rest
            .trim_end_matches(['.', ',', ';', ':', ')', '"', '\''])
            .len();
        let url = &rest[..end];
        if !url.contains(['<', '>', '[', ']', '`']) {
            return format!(
                "{}<{}>{}",
                escape_plain(&word[..start]),
                url,
                escape_plain(&rest[end..])
            );
        }
    }
    escape_plain(word)
}

fn escape_plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The paragraphs of a description (split on blank lines), escaped, empty ones dropped.
pub fn paragraphs(description: &str) -> Vec<String> {
    description
        .replace("\r\n", "\n")
        .split("\n\n")
        .map(escape)
        .filter(|p| !p.is_empty())
        .collect()
}

/// `#[doc]` attributes for the paragraphs, separated by empty doc lines.
pub fn attrs(paragraphs: &[String]) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        lines.push(format!(" {p}"));
    }
    quote! { #( #[doc = #lines] )* }
}

/// Doc attributes for a description, or for `fallback` when it is empty.
pub fn doc_or(description: &str, fallback: impl FnOnce() -> String) -> TokenStream {
    let mut ps = paragraphs(description);
    if ps.is_empty() {
        ps.push(fallback());
    }
    attrs(&ps)
}

/// Inner doc attributes (`//!`) for a module or crate.
pub fn inner_attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote! { #( #![doc = #lines] )* }
}

/// Rewrites every `#[doc = "..."]` (outer and inner) so that its text shows
/// exactly what it holds ([`crate::hidden_chars::visible`]): prettyplease prints a
/// one-line doc as a `///` comment, raw; a doc with a line break would become a
/// `/** */` block that a `*/` in the docs could end.
pub struct VisibleDocs;

impl syn::visit_mut::VisitMut for VisibleDocs {
    fn visit_attribute_mut(&mut self, attr: &mut syn::Attribute) {
        if let syn::Meta::NameValue(nv) = &mut attr.meta {
            if nv.path.is_ident("doc") {
                if let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) = &mut nv.value
                {
                    let text = s.value();
                    if let std::borrow::Cow::Owned(clean) = crate::hidden_chars::visible(&text) {
                        *s = syn::LitStr::new(&clean, s.span());
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_rustdoc_misreads() {
        assert_eq!(escape("Use [x] and <b>"), "Use \\[x\\] and &lt;b&gt;");
        assert_eq!(escape("See https://aka.ms/x."), "See <https://aka.ms/x>.");
        assert_eq!(escape("(https://a.b/c)"), "(<https://a.b/c>)");
        assert_eq!(escape("  indented\n   code  "), "indented code");
        assert_eq!(escape("```json"), "'''json");
        assert_eq!(
            escape("See [the docs](https://a.b/c)."),
            "See the docs (<https://a.b/c>)."
        );
        assert_eq!(
            escape("A [keySize](../resources/keysize.md) value"),
            "A keySize value"
        );
        assert_eq!(escape("a [b] [c](d e)"), "a \\[b\\] \\[c\\](d e)");
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        assert_eq!(paragraphs("a\nb\n\nc"), vec!["a b", "c"]);
        assert!(paragraphs("  ").is_empty());
    }
}
