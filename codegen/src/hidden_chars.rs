//! Characters a reader cannot see: which they are, and how text from the docs
//! is made to show exactly what it holds before it reaches Rust source.
//!
//! The docs are edited by many hands; a description or a name can carry a
//! Unicode bidirectional control (the Trojan Source attack, CVE-2021-42574:
//! source that reads differently from what it does), a zero-width character
//! or a terminal control. The parser reports every such character with its
//! page and line ([`crate::parse`], codes `bidi-control` and
//! `invisible-character`); emit passes every doc comment through [`visible`],
//! and string literals are escaped by proc-macro2 (`char::escape_debug`), so
//! the generated source holds none of them.
//!
//! Classes come from the Unicode General Category (unicode-properties), not
//! from a hand-kept list, plus the few letters that render as blank space.

use std::borrow::Cow;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// Why a character is hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Hidden {
    /// Reorders the text around it (embeddings, overrides, isolates): U+202A-U+202E,
    /// U+2066-U+2069, the ones rustc denies in source.
    Bidi,
    /// A C0 or C1 control character (tab excepted), or a line or paragraph
    /// separator: can end a line for an editor but not for rustc, or drive a terminal.
    Control,
    /// Invisible with no effect on order: zero-width spaces and joiners, marks
    /// (U+200E/U+200F, U+061C), soft hyphen, word joiner, BOM, tag characters,
    /// and letters that render as blank (Hangul fillers).
    Invisible,
}

/// The class of `c`, or `None` for an ordinary visible character (or a plain
/// space, tab or line break).
pub fn classify(c: char) -> Option<Hidden> {
    if c.is_ascii() {
        // The common case, without a table lookup.
        return (c.is_ascii_control() && c != '\t' && c != '\n').then_some(Hidden::Control);
    }
    match c {
        '\t' | '\n' | ' ' => None,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Some(Hidden::Bidi),
        // Letters (category Lo) that render as nothing.
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' => Some(Hidden::Invisible),
        _ => match c.general_category() {
            GeneralCategory::Control
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator => Some(Hidden::Control),
            GeneralCategory::Format => Some(Hidden::Invisible),
            _ => None,
        },
    }
}

/// Whether `text` is printable ASCII and spaces only (no `\t`, no `\n`): a byte
/// loop for the common case, before any character is classified.
pub fn plain_ascii(text: &str) -> bool {
    text.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// Whether [`visible`] leaves `text` as it is.
fn plain(text: &str) -> bool {
    plain_ascii(text)
        || !text
            .chars()
            .any(|c| c == '\n' || c == '\t' || classify(c).is_some())
}

/// A short name for a diagnostic: `U+202E RIGHT-TO-LEFT OVERRIDE`.
pub fn describe(c: char) -> String {
    let name = match c {
        '\u{202A}' => " LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => " RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => " POP DIRECTIONAL FORMATTING",
        '\u{202D}' => " LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => " RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => " LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => " RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => " FIRST STRONG ISOLATE",
        '\u{2069}' => " POP DIRECTIONAL ISOLATE",
        '\u{200B}' => " ZERO WIDTH SPACE",
        '\u{200C}' => " ZERO WIDTH NON-JOINER",
        '\u{200D}' => " ZERO WIDTH JOINER",
        '\u{200E}' => " LEFT-TO-RIGHT MARK",
        '\u{200F}' => " RIGHT-TO-LEFT MARK",
        '\u{FEFF}' => " ZERO WIDTH NO-BREAK SPACE",
        '\u{00AD}' => " SOFT HYPHEN",
        '\u{2028}' => " LINE SEPARATOR",
        '\u{2029}' => " PARAGRAPH SEPARATOR",
        '\u{0000}' => " NULL",
        '\u{001B}' => " ESCAPE",
        '\r' => " CARRIAGE RETURN",
        _ => "",
    };
    format!("U+{:04X}{name}", c as u32)
}

/// Text as it may stand in a generated doc comment: every line break, control
/// and bidi character written as a visible `\u{..}` escape, zero-width and other
/// invisible characters dropped (they carry nothing a reader could see), so a
/// doc line is one line that shows all it holds. Borrowed when nothing changes.
pub fn visible(text: &str) -> Cow<'_, str> {
    if plain(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match classify(c) {
            // A doc line must stay one line: a break shows as its escape, a tab as a space.
            None if c == '\n' => out.push_str("\\u{a}"),
            None if c == '\t' => out.push(' '),
            None => out.push(c),
            Some(Hidden::Invisible) => {}
            Some(Hidden::Bidi | Hidden::Control) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
        }
    }
    Cow::Owned(out)
}

/// Pretty JSON whose strings write every hidden character as a `\uXXXX`
/// escape: the same JSON value (readers get the same strings), and a file that
/// shows what it holds (serde_json escapes only C0 controls by itself).
pub fn to_json_pretty<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut out,
        VisibleJson(serde_json::ser::PrettyFormatter::new()),
    );
    value.serialize(&mut ser).expect("the value serializes");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

struct VisibleJson<'a>(serde_json::ser::PrettyFormatter<'a>);

macro_rules! delegate {
    ($($name:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {
        $(fn $name<W: ?Sized + std::io::Write>(&mut self, writer: &mut W $(, $arg: $ty)*) -> std::io::Result<()> {
            self.0.$name(writer $(, $arg)*)
        })*
    };
}

impl serde_json::ser::Formatter for VisibleJson<'_> {
    delegate!(
        begin_array(),
        end_array(),
        begin_array_value(first: bool),
        end_array_value(),
        begin_object(),
        end_object(),
        begin_object_key(first: bool),
        begin_object_value(),
        end_object_value(),
    );

    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if classify(c).is_some() {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{:04x}", unit)?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(classify('\u{202E}'), Some(Hidden::Bidi));
        assert_eq!(classify('\u{2067}'), Some(Hidden::Bidi));
        assert_eq!(classify('\u{200B}'), Some(Hidden::Invisible));
        assert_eq!(classify('\u{200F}'), Some(Hidden::Invisible));
        assert_eq!(
            classify('\u{E0041}'),
            Some(Hidden::Invisible),
            "a tag character"
        );
        assert_eq!(classify('\u{3164}'), Some(Hidden::Invisible));
        assert_eq!(classify('\u{1B}'), Some(Hidden::Control));
        assert_eq!(classify('\r'), Some(Hidden::Control));
        assert_eq!(classify('\u{2028}'), Some(Hidden::Control));
        assert_eq!(classify('\u{85}'), Some(Hidden::Control));
        for c in ['a', 'é', '’', ' ', '\t', '\n', 'ß', '中', 'د', '\u{a0}'] {
            assert_eq!(classify(c), None, "{c:?}");
        }
    }

    #[test]
    fn visible_text_shows_what_it_holds() {
        assert!(matches!(visible("plain text, café"), Cow::Borrowed(_)));
        assert_eq!(
            visible("admin\u{202E} \u{2066}x\u{2069}"),
            "admin\\u{202e} \\u{2066}x\\u{2069}"
        );
        assert_eq!(visible("smart locker\u{200B}."), "smart locker.");
        assert_eq!(visible("a\r\nb\u{1b}[31m"), "a\\u{d}\\u{a}b\\u{1b}[31m");
        assert_eq!(describe('\u{202E}'), "U+202E RIGHT-TO-LEFT OVERRIDE");
        assert_eq!(describe('\u{E0041}'), "U+E0041");
    }

    #[test]
    fn json_shows_hidden_characters_as_escapes() {
        let value = serde_json::json!({"d": "a\u{202E}b\u{E0041}c\u{1b}", "n": [1, {"x": "é"}]});
        let text = to_json_pretty(&value);
        assert!(text.contains(r"a\u202eb\udb40\udc41c\u001b"), "{text}");
        assert!(text.chars().all(|c| classify(c).is_none()), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
        assert_eq!(
            to_json_pretty(&serde_json::json!({"a": [1, 2]})),
            serde_json::to_string_pretty(&serde_json::json!({"a": [1, 2]})).unwrap(),
            "the same layout as serde_json's pretty printer"
        );
    }
}
