//! serde's messages about a count log's entries in plain words.
//!
//! serde_json describes a mismatch in Rust's terms ("invalid value: integer
//! `-5`, expected u64", "invalid type: map, expected a string", "unknown
//! variant `bundle_countd`, expected one of" and forty-seven names). A count
//! clerk reading the problem needs the same fact in the log's own terms: a
//! count is a whole number of 0 or more, text is written in quotes, an
//! object is `{…}`, and a misspelt name is answered with the nearest one.
//! Only the shapes below are rewritten; any other message is kept as serde
//! wrote it (it still names the field and column).

/// `message` (serde's, without its location) in plain words where its
/// shape is known, else unchanged.
pub(crate) fn plain(message: &str) -> String {
    // The column the log's reader adds after serde's words is kept.
    if let Some(i) = message.rfind(" (column ") {
        if message.ends_with(')') {
            let (words, column) = message.split_at(i);
            return format!("{}{column}", plain_words(words));
        }
    }
    plain_words(message)
}

fn plain_words(message: &str) -> String {
    if message.starts_with("EOF while parsing") {
        return "the line is cut short: it ends before this value is complete".to_owned();
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            // A negative number for a count, as the CSV readers say it.
            if let (Some(n), Some("a whole number of 0 or more")) = (
                found
                    .strip_prefix("integer `")
                    .and_then(|r| r.strip_suffix('`')),
                expected_words(expected),
            ) {
                return format!("{n} is not a whole number of 0 or more");
            }
            if let Some(want) = expected_words(expected) {
                return format!("{} where the format has {want}", found_words(found));
            }
        }
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            if let Some(want) = expected_words(expected) {
                return format!("{} where the format has {want}", found_words(found));
            }
        }
    }
    for (prefix, what) in [("unknown variant `", "value"), ("unknown field `", "field")] {
        if let Some(rest) = message.strip_prefix(prefix) {
            if let Some((name, options)) = rest.split_once("`, expected one of ") {
                return unknown(what, name, options);
            }
        }
    }
    message.to_owned()
}

/// The found value of a serde message, as the log's reader sees it.
fn found_words(found: &str) -> String {
    let quoted = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .and_then(|r| r.strip_prefix('`'))
            .and_then(|r| r.strip_suffix('`'))
            .map(str::to_owned)
    };
    if let Some(n) = quoted("integer ").or_else(|| quoted("floating point ")) {
        return format!("the number {n}");
    }
    if let Some(b) = quoted("boolean ") {
        return b;
    }
    if let Some(s) = found.strip_prefix("string ") {
        return format!("the text {s}");
    }
    match found {
        "map" => "an object".to_owned(),
        "sequence" => "an array".to_owned(),
        "null" | "unit" => "null".to_owned(),
        other => other.to_owned(),
    }
}

/// What the format has at that place, or `None` for a description not
/// rewritten.
fn expected_words(expected: &str) -> Option<&'static str> {
    Some(match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number of 0 or more",
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number",
        "a string" | "a borrowed string" => "text in quotes",
        "a boolean" => "true or false",
        "a sequence" => "an array",
        e if e.starts_with("struct ") || e == "a map" => "an object",
        _ => return None,
    })
}

/// An unknown name, with the nearest known one when one is near, and the
/// names themselves when they are few.
fn unknown(what: &str, name: &str, options: &str) -> String {
    let names: Vec<&str> = options
        .split(", ")
        .map(|o| o.trim_matches('`'))
        .filter(|o| !o.is_empty())
        .collect();
    // Names are short; a long one (a line written to be slow to read) is
    // not compared, so the cost stays linear in the input.
    let nearest = names
        .iter()
        .filter(|_| name.len() <= 64)
        .map(|n| (distance(name, n), *n))
        .filter(|(d, n)| *d <= (n.len() / 3).max(2))
        .min();
    let mut out = format!("unknown {what} `{name}`");
    if let Some((_, n)) = nearest {
        out.push_str(&format!("; did you mean `{n}`?"));
    }
    if names.len() <= 8 {
        out.push_str(&format!(" (expected one of: {})", names.join(", ")));
    } else {
        out.push_str(&format!(
            " (one of {} names: docs/count-log.md lists them)",
            names.len()
        ));
    }
    out
}

/// Levenshtein distance over chars (names are short).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row.first().copied().unwrap_or_default();
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or_default();
            let left = row.get(j).copied().unwrap_or_default();
            let cost = usize::from(ca != *cb);
            let best = (above + 1).min(left + 1).min(diagonal + cost);
            diagonal = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = best;
            }
        }
    }
    row.last().copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The auditor's cases (finding 13), each in the log's own words.
    #[test]
    fn serde_shapes_in_plain_words() {
        assert_eq!(
            plain("invalid value: integer `-5`, expected u64"),
            "-5 is not a whole number of 0 or more"
        );
        assert_eq!(
            plain("invalid type: string \"5\", expected u64"),
            "the text \"5\" where the format has a whole number of 0 or more"
        );
        assert_eq!(
            plain("invalid type: map, expected a string"),
            "an object where the format has text in quotes"
        );
        assert_eq!(
            plain("invalid type: integer `2`, expected a string"),
            "the number 2 where the format has text in quotes"
        );
        assert_eq!(
            plain("invalid type: floating point `1.5`, expected u32"),
            "the number 1.5 where the format has a whole number of 0 or more"
        );
        assert_eq!(
            plain("invalid type: sequence, expected struct Header"),
            "an array where the format has an object"
        );
        assert_eq!(
            plain("unknown field `colour`, expected one of `contest`, `run`, `counting_area`"),
            "unknown field `colour` (expected one of: contest, run, counting_area)"
        );
        assert_eq!(
            plain("unknown field `conest`, expected one of `contest`, `run`, `counting_area`"),
            "unknown field `conest`; did you mean `contest`? (expected one of: contest, run, counting_area)"
        );
        let many: Vec<String> = (0..40).map(|i| format!("`event_{i}`")).collect();
        let msg = format!(
            "unknown variant `bundle_countd`, expected one of `bundle_counted`, {}",
            many.join(", ")
        );
        assert_eq!(
            plain(&msg),
            "unknown value `bundle_countd`; did you mean `bundle_counted`? (one of 41 names: docs/count-log.md lists them)"
        );
        // The column the reader adds is kept.
        assert_eq!(
            plain("invalid type: string \"ten\", expected u64 (column 113)"),
            "the text \"ten\" where the format has a whole number of 0 or more (column 113)"
        );
        // A very long name is not compared with the names (no suggestion).
        let long = "x".repeat(100_000);
        assert_eq!(
            plain(&format!(
                "unknown field `{long}`, expected one of `contest`, `run`"
            )),
            format!("unknown field `{long}` (expected one of: contest, run)")
        );
        // A line cut short inside a field.
        assert_eq!(
            plain("EOF while parsing a string (column 80)"),
            "the line is cut short: it ends before this value is complete (column 80)"
        );
        // A shape not known is kept as serde wrote it.
        assert_eq!(plain("missing field `contest`"), "missing field `contest`");
        assert_eq!(
            plain("invalid type: map, expected enum Event"),
            "invalid type: map, expected enum Event"
        );
    }

    #[test]
    fn edit_distance() {
        assert_eq!(distance("bundle_countd", "bundle_counted"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("same", "same"), 0);
    }
}
