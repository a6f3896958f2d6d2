//! YAML front matter (`---` ... `---` at the top of 2018+ pages).
//!
//! The docs use flat `key: value` lines only, so a line reader is enough; a
//! YAML dependency would buy nothing. The block is blanked out (not removed)
//! before Markdown parsing so that line numbers stay right and the closing
//! `---` is not read as a setext heading underline.

#[derive(Debug, Default, Clone)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub doc_type: Option<String>,
    /// `ms.prod`: the product the page belongs to (`identity-and-sign-in`, `intune`).
    pub product: Option<String>,
}

/// Splits `text` into its front matter (if the page has one) and the Markdown
/// with the front-matter lines replaced by empty lines.
pub fn split(text: &str) -> (Option<FrontMatter>, String) {
    let mut lines = text.split('\n');
    if lines.next().map(str::trim_end) != Some("---") {
        return (None, text.to_string());
    }
    let mut fm = FrontMatter::default();
    let mut count = 1;
    let mut closed = false;
    for line in lines {
        count += 1;
        if line.trim_end() == "---" {
            closed = true;
            break;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = unquote(value.trim());
        match key.trim() {
            "title" => fm.title = Some(value),
            "doc_type" => fm.doc_type = Some(value),
            "ms.prod" => fm.product = Some(value),
            _ => {}
        }
    }
    if !closed {
        // A leading `---` without a closing one is a thematic break, not front matter.
        return (None, text.to_string());
    }
    let rest: String = text.split('\n').skip(count).collect::<Vec<_>>().join("\n");
    (Some(fm), format!("{}{}", "\n".repeat(count), rest))
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return v[1..v.len() - 1].to_string();
        }
    }
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_blanks() {
        let (fm, md) = split("---\ntitle: \"keySize enum type\"\ndoc_type: enumPageType\n---\n\n# keySize enum type\n");
        let fm = fm.unwrap();
        assert_eq!(fm.title.as_deref(), Some("keySize enum type"));
        assert_eq!(fm.doc_type.as_deref(), Some("enumPageType"));
        assert_eq!(md.split('\n').position(|l| l.starts_with("# ")), Some(5));
    }

    #[test]
    fn unclosed_is_not_front_matter() {
        let (fm, md) = split("---\ntitle: x\n");
        assert!(fm.is_none());
        assert_eq!(md, "---\ntitle: x\n");
    }
}
