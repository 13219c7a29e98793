//! The one way text reaches a page: an escaping writer.
//!
//! Tags and attribute names are `&'static str` (written by countroom, never
//! taken from input); every text and attribute value goes through
//! [`escape_into`]. There is no method that writes a runtime string
//! unescaped, so no name, party, reason or title from a log can become
//! markup.

/// Appends `text` to `out`, escaped for HTML text and attribute values
/// (double- or single-quoted): `&`, `<`, `>`, `"` and `'` become character
/// references. Control characters, which HTML does not allow in text, are
/// shown as their visible Unicode control pictures (U+2400–U+2421; C1
/// controls as U+FFFD), so a name that holds one is shown, not hidden.
/// Everything else — right-to-left letters, combining marks — is written as
/// it is.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(ch),
            c if u32::from(c) < 0x20 => {
                out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{FFFD}'));
            }
            '\u{7f}' => out.push('\u{2421}'),
            c if ('\u{80}'..='\u{9f}').contains(&c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// `text` escaped for HTML text and attribute values: `&`, `<`, `>`, `"`
/// and `'` as character references, control characters as their visible
/// Unicode control pictures (U+2400–U+2421; C1 controls as U+FFFD), and
/// everything else (right-to-left letters, combining marks) as it is.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// A page being written.
#[derive(Debug, Default)]
pub(crate) struct Html {
    out: String,
}

impl Html {
    pub(crate) fn new() -> Self {
        Html {
            out: String::with_capacity(16 * 1024),
        }
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }

    /// Markup written by countroom itself (the style sheet, the doctype).
    pub(crate) fn fixed(&mut self, markup: &'static str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    fn attrs(&mut self, attrs: &[(&'static str, &str)]) {
        for (name, value) in attrs {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value);
            self.out.push('"');
        }
    }

    /// `<tag attrs…>`.
    pub(crate) fn open(&mut self, tag: &'static str, attrs: &[(&'static str, &str)]) -> &mut Self {
        self.out.push('<');
        self.out.push_str(tag);
        self.attrs(attrs);
        self.out.push('>');
        self
    }

    /// `<tag attrs…/>` (SVG elements with no content).
    pub(crate) fn empty(&mut self, tag: &'static str, attrs: &[(&'static str, &str)]) -> &mut Self {
        self.out.push('<');
        self.out.push_str(tag);
        self.attrs(attrs);
        self.out.push_str("/>");
        self
    }

    /// `</tag>`.
    pub(crate) fn close(&mut self, tag: &'static str) -> &mut Self {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// Escaped text.
    pub(crate) fn text(&mut self, text: &str) -> &mut Self {
        escape_into(&mut self.out, text);
        self
    }

    /// `<tag attrs…>text</tag>`, the text escaped.
    pub(crate) fn el(
        &mut self,
        tag: &'static str,
        attrs: &[(&'static str, &str)],
        text: &str,
    ) -> &mut Self {
        self.open(tag, attrs).text(text).close(tag)
    }

    /// A name or other text from the input, isolated for bidirectional
    /// text (`<bdi>`): a right-to-left name is shown as written and does
    /// not reorder the figures beside it.
    pub(crate) fn name(&mut self, text: &str) -> &mut Self {
        self.el("bdi", &[], text)
    }

    pub(crate) fn newline(&mut self) -> &mut Self {
        self.out.push('\n');
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn control_characters_are_shown_as_control_pictures() {
        assert_eq!(
            escape("a\u{0}b\u{1b}c\u{7f}\u{85}"),
            "a\u{2400}b\u{241b}c\u{2421}\u{FFFD}"
        );
    }

    #[test]
    fn right_to_left_and_combining_characters_are_kept() {
        let s = "\u{5d3}\u{5d5}\u{5d3} e\u{301}";
        assert_eq!(escape(s), s);
    }

    proptest::proptest! {
        #[test]
        fn escaped_text_holds_no_markup(s in ".*") {
            let e = escape(&s);
            proptest::prop_assert!(!e.contains('<') && !e.contains('>') && !e.contains('"') && !e.contains('\''));
            let control = |c: char| c != '\t' && c != '\n' && (c < ' ' || ('\u{7f}'..='\u{9f}').contains(&c));
            proptest::prop_assert!(!e.chars().any(control), "control character left in {:?}", e);
        }
    }
}
