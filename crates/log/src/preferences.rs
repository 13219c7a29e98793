//! The preferences of an STV batch (`paper_batch_counted.preferences`),
//! held compactly and read in one pass.
//!
//! A batch of an STV contest is one line of the log holding every distinct
//! sequence of preferences of its papers: hundreds of thousands of ids.
//! [`Preferences`] holds the batch's distinct ids once, in a small table,
//! and each line as the indices of its ids in that table, so reading,
//! replaying and dropping a batch allocate a few vectors, not one string
//! (or one vector) a line.
//!
//! # The canonical form
//!
//! The JSON of `preferences` is small and fixed: countroom writes it as
//! serde_json's compact form of an array of `{"weight":W,"order":[ids]}`
//! objects, keys in that order, no spaces, `W` an integer without sign,
//! leading zero, fraction or exponent, each id a string escaped as
//! serde_json escapes (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, and
//! `\u00xx` in lower-case hex for the other characters below U+0020;
//! everything else, `/` and non-ASCII included, written as itself).
//! [`parse_canonical`] accepts exactly that form and refuses anything else
//! with the byte at which it departs from it. Reading an entry takes the
//! value's bytes as they are (a `serde_json` raw value) and parses them
//! with it; bytes in any other form are read by serde as before, so a
//! version 1 log (which need not be canonical) still reads, and the
//! reader's canonical-form check refuses them in a version 2 log. The
//! bytes accepted are kept until the reader's check, which writes them back
//! as they were read: being canonical, they are exactly what writing the
//! lines would give (a property test checks it).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::PreferenceLine;

/// The preference lines of a batch: each distinct sequence of candidate
/// ids with its papers (`weight`), in the order given.
///
/// Read and written as the JSON array of lines
/// (`[{"weight":3,"order":["C2","C1"]}]`); equal when the lines are equal
/// (the bytes a line was read from are not compared).
#[derive(Clone, Default)]
pub struct Preferences {
    /// The distinct ids, in the order of their first use.
    ids: Vec<String>,
    /// Each line's papers.
    weights: Vec<u64>,
    /// Where each line's ids end in `refs`.
    ends: Vec<usize>,
    /// Every line's ids, as indices into `ids`, one line after another.
    refs: Vec<usize>,
    /// The bytes the lines were read from, when they are in the canonical
    /// form; written back as they are.
    raw: Option<Box<RawValue>>,
    /// Where each id is in `ids`, while lines are added.
    index: Interner,
}

impl Preferences {
    /// No lines.
    #[must_use]
    pub fn new() -> Preferences {
        Preferences::default()
    }

    /// How many lines.
    #[must_use]
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The distinct ids the lines name, in the order of their first use:
    /// the table [`OrderRef::refs`] index.
    #[must_use]
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// Adds a line of `weight` papers marked `order` (first preference
    /// first).
    pub fn push<S: AsRef<str>>(&mut self, weight: u64, order: impl IntoIterator<Item = S>) {
        self.raw = None;
        for id in order {
            let i = self.index.intern(&mut self.ids, id.as_ref());
            self.refs.push(i);
        }
        self.weights.push(weight);
        self.ends.push(self.refs.len());
    }

    /// The lines, in order.
    pub fn iter(&self) -> impl Iterator<Item = PreferenceLineRef<'_>> + '_ {
        let mut start = 0;
        self.weights
            .iter()
            .zip(&self.ends)
            .map(move |(&weight, &end)| {
                let refs = self.refs.get(start..end).unwrap_or_default();
                start = end;
                PreferenceLineRef {
                    weight,
                    order: OrderRef {
                        refs,
                        ids: &self.ids,
                    },
                }
            })
    }

    /// Forgets the bytes the lines were read from (the lines stay): the
    /// reader keeps them only for its canonical-form check.
    pub fn forget_raw(&mut self) {
        self.raw = None;
    }

    /// Whether the lines were read from bytes in the canonical form, which
    /// are kept and written back as they are.
    #[must_use]
    pub fn read_canonical(&self) -> bool {
        self.raw.is_some()
    }
}

/// One line of [`Preferences`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct PreferenceLineRef<'a> {
    /// Papers.
    pub weight: u64,
    /// The candidates in order of preference.
    pub order: OrderRef<'a>,
}

/// The ids of one line of [`Preferences`], first preference first.
#[derive(Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct OrderRef<'a> {
    refs: &'a [usize],
    ids: &'a [String],
}

impl<'a> OrderRef<'a> {
    /// The ids as indices into [`Preferences::ids`].
    #[must_use]
    pub fn refs(&self) -> &'a [usize] {
        self.refs
    }

    /// How many preferences.
    #[must_use]
    pub fn len(&self) -> usize {
        self.refs.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.refs.is_empty()
    }

    /// The ids, first preference first.
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let ids = self.ids;
        self.refs
            .iter()
            .map(move |&r| ids.get(r).map_or("", String::as_str))
    }
}

impl std::fmt::Debug for OrderRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for &'a Preferences {
    type Item = PreferenceLineRef<'a>;
    type IntoIter = Box<dyn Iterator<Item = PreferenceLineRef<'a>> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl PartialEq for Preferences {
    fn eq(&self, other: &Preferences) -> bool {
        // The table is in order of first use, so equal lines give equal
        // tables and indices.
        self.weights == other.weights
            && self.ends == other.ends
            && self.refs == other.refs
            && self.ids == other.ids
    }
}

impl Eq for Preferences {}

impl std::fmt::Debug for Preferences {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl FromIterator<PreferenceLine> for Preferences {
    fn from_iter<I: IntoIterator<Item = PreferenceLine>>(iter: I) -> Preferences {
        let mut p = Preferences::new();
        for line in iter {
            p.push(line.weight, line.order.iter());
        }
        p
    }
}

impl From<Vec<PreferenceLine>> for Preferences {
    fn from(lines: Vec<PreferenceLine>) -> Preferences {
        lines.into_iter().collect()
    }
}

impl Serialize for PreferenceLineRef<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // As `PreferenceLine`'s derived form: the same struct, the same
        // fields in the same order.
        let mut s = serializer.serialize_struct("PreferenceLine", 2)?;
        s.serialize_field("weight", &self.weight)?;
        s.serialize_field("order", &OrderSer(self.order))?;
        s.end()
    }
}

struct OrderSer<'a>(OrderRef<'a>);

impl Serialize for OrderSer<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter())
    }
}

impl Serialize for Preferences {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.raw {
            // Canonical bytes, as read: what the lines write.
            Some(raw) => raw.serialize(serializer),
            None => serializer.collect_seq(self.iter()),
        }
    }
}

impl<'de> Deserialize<'de> for Preferences {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw: Box<RawValue> = Deserialize::deserialize(deserializer)?;
        match parse_canonical(raw.get()) {
            Ok(mut p) => {
                p.raw = Some(raw);
                Ok(p)
            }
            // Not the canonical form: read as any JSON (a version 1 log;
            // a version 2 log's check refuses the line).
            Err(_) => lenient(raw.get()).map_err(serde::de::Error::custom),
        }
    }
}

/// The lines read by serde from JSON in any form, with the field and
/// column of the first problem.
fn lenient(text: &str) -> Result<Preferences, String> {
    crate::jsonl::parse::<Vec<PreferenceLine>>(text)
        .map(Preferences::from)
        .map_err(|(path, message)| {
            // Inside the field `preferences`: always in plain words.
            let message = crate::plain::plain(&crate::jsonl::number_message(text, &message));
            if crate::jsonl::whole_line(&path) {
                message
            } else {
                format!("at `{path}`: {message}")
            }
        })
}

/// Where and why bytes are not the canonical form of `preferences`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("byte {offset} of `preferences` is not the form countroom writes: expected {expected}")]
#[non_exhaustive]
pub struct CanonicalError {
    /// The 0-based byte offset in the value's text.
    pub offset: usize,
    /// What the canonical form has there.
    pub expected: &'static str,
}

/// Parses `text` as the canonical JSON of `preferences` (see the module
/// docs), or says at which byte it departs from it. The lines come back
/// without the bytes; a weight past `u64::MAX` is refused, a weight of 0
/// is read (the replay refuses it, naming the line).
pub fn parse_canonical(text: &str) -> Result<Preferences, CanonicalError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let mut out = Preferences::new();
    // A guess from the length (a line of a few short ids is 30–40 bytes),
    // so that a large batch's vectors are seldom copied as they grow.
    out.weights.reserve(text.len() / 32);
    out.ends.reserve(text.len() / 32);
    out.refs.reserve(text.len() / 8);
    let mut escaped = String::new();
    p.expect(b"[", "`[`")?;
    if p.peek() == Some(b']') {
        p.at += 1;
        return p.end(out);
    }
    loop {
        p.expect(b"{\"weight\":", "`{\"weight\":`")?;
        let weight = p.integer()?;
        p.expect(b",\"order\":[", "`,\"order\":[`")?;
        if p.peek() == Some(b']') {
            p.at += 1;
        } else {
            loop {
                let i = match p.short_id() {
                    // Most ids: looked up by the key read with the id.
                    Some((key, id)) => out.index.intern_packed(&mut out.ids, key, id),
                    None => match p.string(&mut escaped)? {
                        Some(id) => out.index.intern(&mut out.ids, id),
                        None => out.index.intern(&mut out.ids, &escaped),
                    },
                };
                out.refs.push(i);
                match p.peek() {
                    Some(b',') => p.at += 1,
                    Some(b']') => {
                        p.at += 1;
                        break;
                    }
                    _ => return Err(p.error("`,` or `]`")),
                }
            }
        }
        p.expect(b"}", "`}`")?;
        out.weights.push(weight);
        out.ends.push(out.refs.len());
        match p.peek() {
            Some(b',') => p.at += 1,
            Some(b']') => {
                p.at += 1;
                return p.end(out);
            }
            _ => return Err(p.error("`,` or `]`")),
        }
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, expected: &'static str) -> CanonicalError {
        CanonicalError {
            offset: self.at,
            expected,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn expect(&mut self, literal: &[u8], what: &'static str) -> Result<(), CanonicalError> {
        match self.bytes.get(self.at..) {
            Some(rest) if rest.starts_with(literal) => {
                self.at += literal.len();
                Ok(())
            }
            _ => Err(self.error(what)),
        }
    }

    fn end(&self, out: Preferences) -> Result<Preferences, CanonicalError> {
        if self.at == self.bytes.len() {
            Ok(out)
        } else {
            Err(self.error("the end of the value"))
        }
    }

    /// `0`, or a digit 1–9 and more digits, at most `u64::MAX`.
    fn integer(&mut self) -> Result<u64, CanonicalError> {
        let start = self.at;
        let mut value: u64 = 0;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            if self.at > start && value == 0 {
                return Err(self.error("no digit after a leading 0"));
            }
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(d - b'0')))
                .ok_or(CanonicalError {
                    offset: start,
                    expected: "a weight of at most 18446744073709551615",
                })?;
            self.at += 1;
        }
        if self.at == start {
            return Err(self.error("a weight (digits)"));
        }
        Ok(value)
    }

    /// A string of at most 7 bytes, none of them a quote, a backslash or a
    /// control character, with its [`packed_id`] worked out as it is read
    /// (one pass over the id, not two); `None`, reading nothing, for any
    /// other string (read by [`Parser::string`]).
    fn short_id(&mut self) -> Option<(u64, &'a str)> {
        let rest = self.bytes.get(self.at..)?;
        if rest.first() != Some(&b'"') {
            return None;
        }
        let mut key: u64 = 0;
        for (n, &b) in rest.iter().skip(1).take(8).enumerate() {
            if b == b'"' {
                let id = self.text.get(self.at + 1..self.at + 1 + n)?;
                self.at += n + 2;
                // `n` is at most 7 here.
                return Some((key | ((n as u64) << 56), id));
            }
            if b < 0x20 || b == b'\\' || n == 7 {
                return None;
            }
            key |= u64::from(b) << (8 * n);
        }
        None
    }

    /// A string in serde_json's escaping: the text itself when it has no
    /// escape (`Some`), else written unescaped into `escaped` (`None`).
    fn string(&mut self, escaped: &mut String) -> Result<Option<&'a str>, CanonicalError> {
        self.expect(b"\"", "`\"` (an id)")?;
        let start = self.at;
        loop {
            match self.peek() {
                Some(b'"') => {
                    let id = self.text.get(start..self.at).ok_or(self.error("an id"))?;
                    self.at += 1;
                    return Ok(Some(id));
                }
                Some(b'\\') => break,
                Some(b) if b >= 0x20 => self.at += 1,
                _ => return Err(self.error("`\"` or a character at or above U+0020")),
            }
        }
        escaped.clear();
        escaped.push_str(self.text.get(start..self.at).ok_or(self.error("an id"))?);
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(None);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let short = match self.peek() {
                        Some(b'"') => Some('"'),
                        Some(b'\\') => Some('\\'),
                        Some(b'b') => Some('\u{8}'),
                        Some(b'f') => Some('\u{c}'),
                        Some(b'n') => Some('\n'),
                        Some(b'r') => Some('\r'),
                        Some(b't') => Some('\t'),
                        Some(b'u') => None,
                        _ => return Err(self.error("one of `\"\\bfnrtu` after `\\`")),
                    };
                    self.at += 1;
                    let c = match short {
                        Some(c) => c,
                        None => self.control_escape()?,
                    };
                    escaped.push(c);
                }
                Some(b) if b >= 0x20 => {
                    let from = self.at;
                    while matches!(self.peek(), Some(b) if b >= 0x20 && b != b'"' && b != b'\\') {
                        self.at += 1;
                    }
                    escaped.push_str(self.text.get(from..self.at).ok_or(self.error("an id"))?);
                }
                _ => return Err(self.error("`\"` or a character at or above U+0020")),
            }
        }
    }

    /// After `\u`: `00` and two lower-case hex digits naming a character
    /// below U+0020 that has no short escape.
    fn control_escape(&mut self) -> Result<char, CanonicalError> {
        let digits = self
            .bytes
            .get(self.at..self.at + 4)
            .ok_or(self.error("four lower-case hex digits"))?;
        let hex = |b: u8| match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            _ => None,
        };
        let code = match digits {
            [b'0', b'0', hi, lo] => hex(*hi).zip(hex(*lo)).map(|(h, l)| (h << 4) | l),
            _ => None,
        };
        match code {
            Some(c @ 0..=0x1f) if !matches!(c, 0x08 | 0x09 | 0x0a | 0x0c | 0x0d) => {
                self.at += 4;
                Ok(char::from(c))
            }
            _ => Err(self.error(
                "`\\u00` and two lower-case hex digits of a control character without a short escape",
            )),
        }
    }
}

/// The ids of a [`Preferences`] by text: an id of at most 7 bytes (most
/// are) as one integer in a small open-addressing table (one
/// multiplication and, mostly, one probe; a batch names a handful of
/// distinct ids), a longer one by its text.
#[derive(Clone, Default)]
struct Interner {
    /// `(packed id, index + 1)`; 0 marks an empty slot. Its size is a
    /// power of two at least twice the keys held, so a probe always ends.
    slots: Vec<(u64, usize)>,
    /// How many keys `slots` holds.
    held: usize,
    long: HashMap<String, usize>,
}

impl Interner {
    /// The index of `id` in `ids`, added if new.
    fn intern(&mut self, ids: &mut Vec<String>, id: &str) -> usize {
        let Some(key) = packed_id(id) else {
            if let Some(&i) = self.long.get(id) {
                return i;
            }
            let i = ids.len();
            ids.push(id.to_owned());
            self.long.insert(id.to_owned(), i);
            return i;
        };
        self.intern_packed(ids, key, id)
    }

    /// [`Interner::intern`] of an id of at most 7 bytes whose
    /// [`packed_id`] is `key`. The look-up of an id already held (nearly
    /// every call) is inlined into the parser's loop; adding one is not.
    #[inline]
    fn intern_packed(&mut self, ids: &mut Vec<String>, key: u64, id: &str) -> usize {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = home(key, mask);
        loop {
            match self.slots.get(at) {
                Some(&(k, i)) if i != 0 && k == key => return i - 1,
                Some(&(_, 0)) => break,
                Some(_) => at = (at + 1) & mask,
                // The table is empty (no slot at all).
                None => break,
            }
        }
        self.add_packed(ids, key, id, at)
    }

    /// Adds a new id whose [`packed_id`] is `key`, in the empty slot `at`
    /// (looked for again if the table is grown first, which it is when it
    /// would be more than half full, or has no slot).
    #[cold]
    #[inline(never)]
    fn add_packed(&mut self, ids: &mut Vec<String>, key: u64, id: &str, mut at: usize) -> usize {
        if 2 * (self.held + 1) > self.slots.len() {
            self.grow();
            let mask = self.slots.len().wrapping_sub(1);
            at = home(key, mask);
            while self.slots.get(at).is_some_and(|&(_, j)| j != 0) {
                at = (at + 1) & mask;
            }
        }
        let i = ids.len();
        ids.push(id.to_owned());
        if let Some(slot) = self.slots.get_mut(at) {
            *slot = (key, i + 1);
        }
        self.held += 1;
        i
    }

    /// Doubles the table (16 slots at first) and places the keys again.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(16);
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); size]);
        let mask = size - 1;
        for (key, i) in old.into_iter().filter(|&(_, i)| i != 0) {
            let mut at = home(key, mask);
            while self.slots.get(at).is_some_and(|&(_, j)| j != 0) {
                at = (at + 1) & mask;
            }
            if let Some(slot) = self.slots.get_mut(at) {
                *slot = (key, i);
            }
        }
    }
}

/// An id of at most 7 bytes as one integer (its bytes, then its length in
/// the top byte), distinct for distinct ids; `None` for a longer id.
fn packed_id(id: &str) -> Option<u64> {
    let bytes = id.as_bytes();
    if bytes.len() > 7 {
        return None;
    }
    // Shifted in byte by byte, not copied into a buffer read back as one
    // integer (which stalls the processor on every id).
    let mut key = u64::try_from(bytes.len()).ok()? << 56;
    for (i, &b) in bytes.iter().enumerate() {
        key |= u64::from(b) << (8 * i);
    }
    Some(key)
}

/// The slot a key is looked for from (Fibonacci hashing: the top bits of
/// the key times an odd constant).
fn home(key: u64, mask: usize) -> usize {
    let hashed = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    // The top 32 bits fit in a `usize`; masked to the table's size.
    usize::try_from(hashed >> 32).unwrap_or(0) & mask
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lines(p: &Preferences) -> Vec<(u64, Vec<String>)> {
        p.iter()
            .map(|l| (l.weight, l.order.iter().map(str::to_owned).collect()))
            .collect()
    }

    /// What serde reads from `text` (the reader before the one-pass
    /// parser): the oracle.
    fn by_serde(text: &str) -> Option<Vec<PreferenceLine>> {
        let mut de = serde_json::Deserializer::from_str(text);
        let v = Vec::<PreferenceLine>::deserialize(&mut de).ok()?;
        de.end().ok()?;
        Some(v)
    }

    #[test]
    fn the_canonical_form_is_read_with_its_escapes() {
        // Hand-written as serde_json writes them: `\"`, `\\`, the short
        // escapes, `\u001f` (lower-case hex), `/` and DEL unescaped.
        let text = r#"[{"weight":3,"order":["C2","C1"]},{"weight":0,"order":[]},{"weight":18446744073709551615,"order":["a\"b","c\\d","\b\f\n\r\t","\u0000\u001f","/é\u{7f}","C2"]}]"#
            .replace("\\u{7f}", "\u{7f}");
        let p = parse_canonical(&text).unwrap();
        assert_eq!(
            lines(&p),
            vec![
                (3, vec!["C2".to_owned(), "C1".to_owned()]),
                (0, vec![]),
                (
                    u64::MAX,
                    vec![
                        "a\"b".to_owned(),
                        "c\\d".to_owned(),
                        "\u{8}\u{c}\n\r\t".to_owned(),
                        "\u{0}\u{1f}".to_owned(),
                        "/é\u{7f}".to_owned(),
                        "C2".to_owned()
                    ]
                ),
            ]
        );
        // One table of distinct ids: C2 once.
        assert_eq!(p.ids().len(), 7);
        assert_eq!(serde_json::to_string(&p).unwrap(), text);
        assert_eq!(p, Preferences::from(by_serde(&text).unwrap()));
        assert_eq!(parse_canonical("[]").unwrap(), Preferences::new());
    }

    #[test]
    fn a_line_of_the_wrong_types_is_reported_inside_the_field() {
        let e = serde_json::from_str::<Preferences>(
            r#"[{"weight":1,"order":["C1"]},{"weight":"2","order":[]}]"#,
        )
        .unwrap_err();
        assert!(
            e.to_string().starts_with(
                "at `[1].weight`: the text \"2\" where the format has a whole number of 0 or more"
            ),
            "{e}"
        );
        let e =
            serde_json::from_str::<Preferences>(r#"[{"weight":18446744073709551616,"order":[]}]"#)
                .unwrap_err();
        assert!(
            e.to_string().starts_with(
                "at `[0].weight`: 18446744073709551616 is more than the largest count"
            ),
            "{e}"
        );
        // Not canonical but JSON of the right types: read (a version 1
        // log), without the bytes.
        let spaced: Preferences =
            serde_json::from_str(r#"[ {"order":["C1"],"weight":1} ]"#).unwrap();
        assert!(!spaced.read_canonical());
        assert_eq!(lines(&spaced), vec![(1, vec!["C1".to_owned()])]);
    }

    #[test]
    fn many_distinct_ids_short_and_long_each_get_one_index() {
        let ids: Vec<String> = (0..300)
            .map(|i| {
                if i % 3 == 0 {
                    format!("candidate-{i}")
                } else {
                    format!("C{i}")
                }
            })
            .collect();
        let mut p = Preferences::new();
        p.push(1, &ids);
        p.push(2, ids.iter().rev());
        assert_eq!(p.ids(), ids.as_slice());
        let lines = lines(&p);
        assert_eq!(lines[0].1, ids);
        assert_eq!(lines[1].1, ids.iter().rev().cloned().collect::<Vec<_>>());
        let refs: Vec<usize> = p.iter().next().unwrap().order.refs().to_vec();
        assert_eq!(refs, (0..300).collect::<Vec<_>>());
    }

    #[test]
    fn every_other_form_is_refused_at_its_byte() {
        let refused = [
            ("", 0),
            (" []", 0),
            ("[] ", 2),
            (r#"[{"order":["C1"],"weight":1}]"#, 1),
            (r#"[{"weight":01,"order":["C1"]}]"#, 12),
            (r#"[{"weight":1.0,"order":["C1"]}]"#, 12),
            (r#"[{"weight":1e0,"order":["C1"]}]"#, 12),
            (r#"[{"weight":-1,"order":["C1"]}]"#, 11),
            (r#"[{"weight":18446744073709551616,"order":["C1"]}]"#, 11),
            (r#"[{"weight":1,"order":["C\/1"]}]"#, 25),
            (r#"[{"weight":1,"order":["\u0041"]}]"#, 25),
            (r#"[{"weight":1,"order":["\u000a"]}]"#, 25),
            (r#"[{"weight":1,"order":["\u001F"]}]"#, 25),
            (r#"[{"weight":1,"order":[ "C1"]}]"#, 22),
            (r#"[{"weight":1,"order":["C1"]},]"#, 29),
            (r#"[{"weight":1,"order":["C1"],"x":1}]"#, 27),
        ];
        for (text, offset) in refused {
            assert_eq!(
                parse_canonical(text).map_err(|e| e.offset),
                Err(offset),
                "{text}"
            );
        }
        let e = parse_canonical(r#"[{"weight":18446744073709551616,"order":[]}]"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "byte 11 of `preferences` is not the form countroom writes: expected a weight of at most 18446744073709551615"
        );
    }

    /// Ids with every character serde_json escapes, may escape, or writes
    /// as it is.
    fn id() -> impl Strategy<Value = String> {
        prop_oneof![
            "C[0-9]{1,2}",
            "[a-zA-Z0-9\"\\\\é/\u{0}\u{1}\u{8}\u{9}\u{a}\u{c}\u{d}\u{1f}\u{7f}\u{2028}]{0,9}",
        ]
    }

    fn weight() -> impl Strategy<Value = u64> {
        prop_oneof![Just(0u64), Just(u64::MAX), 1u64..100, any::<u64>()]
    }

    /// One alteration of the written value.
    fn alter(text: &str, kind: u8, at: usize) -> String {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let p = chars
            .get(at % chars.len().max(1))
            .map_or(text.len(), |c| c.0);
        let (head, tail) = text.split_at(p);
        match kind % 12 {
            0 => format!("{head} {tail}"),
            1 => format!("{head}\\/{tail}"),
            2 => match tail.chars().next() {
                Some(c) if c.is_ascii() => {
                    format!("{head}\\u{:04x}{}", u32::from(c), &tail[1..])
                }
                _ => text.to_owned(),
            },
            3 => text.replacen("\"weight\":", "\"weight\":0", 1),
            4 => text.replacen("\"weight\":", "\"weight\":-", 1),
            5 => text.replacen(",\"order\":", ".0,\"order\":", 1),
            6 => text.replacen("\"weight\":", "\"weight\":1", 1),
            7 => text.replacen("\"weight\":", "\"weight\":99999999999999999999", 1),
            // Key order inside a line.
            8 => match serde_json::from_str::<serde_json::Value>(text) {
                Ok(v) => serde_json::to_string(&v).unwrap(),
                Err(_) => text.to_owned(),
            },
            9 => text.replacen("\\u001f", "\\u001F", 1),
            10 => {
                let mut b = text.as_bytes().to_vec();
                if !b.is_empty() {
                    b.remove(at % b.len());
                }
                String::from_utf8(b).unwrap_or_else(|_| text.to_owned())
            }
            _ => format!("{head}\t{tail}"),
        }
    }

    /// The key read with a short id is its `packed_id`, so an id read by
    /// the parser and the same id added by `push` are one entry of the
    /// table; any other string is left to the general reader.
    #[test]
    fn a_short_id_is_read_with_its_packed_key() {
        for id in ["", "C", "C1", "C12", "MACLEOD", "é", "a/b", "\u{7f}x"] {
            let text = format!("\"{id}\"]");
            let mut p = Parser {
                text: &text,
                bytes: text.as_bytes(),
                at: 0,
            };
            assert_eq!(p.short_id(), Some((packed_id(id).unwrap(), id)), "{id:?}");
            assert_eq!(&text[p.at..], "]");
        }
        for text in [
            "\"ABCDEFGH\"",
            "\"C1",
            "\"C\\\"1\"",
            "\"C\\n\"",
            "C1\"",
            "\"\u{1}\"",
        ] {
            let mut p = Parser {
                text,
                bytes: text.as_bytes(),
                at: 0,
            };
            assert_eq!(p.short_id(), None, "{text:?}");
            assert_eq!(p.at, 0);
        }
        let mut lines = Preferences::new();
        lines.push(2, ["C1", "LONGER-ID-9", "C2"]);
        lines.push(1, ["C2", "C1"]);
        let text = serde_json::to_string(&lines).unwrap();
        assert_eq!(parse_canonical(&text), Ok(lines));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// The one-pass parser accepts exactly the bytes serde reads and
        /// writes back unchanged (what the reader accepted before), and
        /// reads the same lines from them.
        #[test]
        fn the_parser_accepts_exactly_the_canonical_form(
            written in proptest::collection::vec((weight(), proptest::collection::vec(id(), 0..5)), 0..5),
            alterations in proptest::collection::vec((any::<u8>(), any::<usize>()), 0..3),
        ) {
            let lines: Vec<PreferenceLine> = written
                .iter()
                .map(|(w, o)| PreferenceLine { weight: *w, order: o.clone().into() })
                .collect();
            let mut text = serde_json::to_string(&lines).unwrap();
            let expected = Preferences::from(lines);
            prop_assert_eq!(parse_canonical(&text), Ok(expected.clone()));
            for (kind, at) in alterations {
                text = alter(&text, kind, at);
            }
            let oracle = by_serde(&text)
                .filter(|v| serde_json::to_string(v).unwrap() == text);
            let parsed = parse_canonical(&text);
            prop_assert_eq!(parsed.is_ok(), oracle.is_some(), "{}", text);
            if let (Ok(p), Some(v)) = (parsed, oracle) {
                prop_assert_eq!(p, Preferences::from(v));
            }
            // Through `Deserialize`: the same lines as serde reads (the
            // bytes kept only when canonical), and written back as the
            // lines write.
            if let Some(v) = by_serde(&text) {
                let read: Preferences = serde_json::from_str(&text).unwrap();
                let plain = Preferences::from(v);
                prop_assert_eq!(&read, &plain);
                prop_assert_eq!(serde_json::to_string(&read).unwrap(), serde_json::to_string(&plain).unwrap());
            }
        }
    }
}
