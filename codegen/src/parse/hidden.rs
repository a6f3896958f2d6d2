//! Characters a reader of the page cannot see (see [`crate::hidden_chars`]):
//! one diagnostic per line that holds any, naming them.

use super::Ctx;
use crate::diag::{Code, Diagnostic};
use crate::hidden_chars::{classify, describe, plain_ascii, Hidden};
use std::collections::BTreeMap;

/// Reports every line of `text` (line breaks already normalized to `\n`) that
/// holds a bidi control (`bidi-control`, warning), a control character
/// (`invisible-character`, warning) or another invisible character
/// (`invisible-character`, note).
pub(super) fn report(ctx: &mut Ctx, text: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if plain_ascii(line) || !line.chars().any(|c| classify(c).is_some()) {
            continue;
        }
        let mut found: BTreeMap<char, (Hidden, usize)> = BTreeMap::new();
        for c in line.chars() {
            if let Some(h) = classify(c) {
                found.entry(c).or_insert((h, 0)).1 += 1;
            }
        }
        let Some(worst) = found.values().map(|(h, _)| *h).min() else {
            continue;
        };
        let list: Vec<String> = found
            .iter()
            .map(|(c, (_, n))| match n {
                1 => describe(*c),
                n => format!("{} ({n} times)", describe(*c)),
            })
            .collect();
        let at = ctx.at(u32::try_from(i + 1).unwrap_or(u32::MAX));
        let message = format!(
            "the line holds characters a reader cannot see: {}",
            list.join(", ")
        );
        let d = match worst {
            Hidden::Bidi => Diagnostic::warning(Code::BidiControl, &at, message).with_help(
                "delete the bidirectional control: it makes text read differently from what it is (Trojan Source); the generated Rust shows it as a `\\u{..}` escape",
            ),
            Hidden::Control => Diagnostic::warning(Code::InvisibleCharacter, &at, message)
                .with_help("delete the control character; the generated Rust shows it as a `\\u{..}` escape"),
            Hidden::Invisible => Diagnostic::note(Code::InvisibleCharacter, &at, message)
                .with_help("delete the invisible character; the generated Rust drops it from doc comments"),
        };
        ctx.push(d);
    }
}
