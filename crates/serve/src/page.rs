//! The live pages: `countroom-html`'s documents, each inside a live
//! wrapper (a status banner and the count by table), with the one inline
//! script that refreshes the wrapper when the event stream says the log
//! has moved on. The documents themselves are the same bytes as
//! `countroom count --format html` writes; only the wrapper and the page's
//! Content-Security-Policy (to let the script run and connect back to this
//! server, and nothing else) differ.

use std::fmt::Write as _;

use base64::Engine as _;
use countroom_count::{ContestReport, Report};
use countroom_html::escape;
use sha2::{Digest, Sha256};

use crate::follow::Snapshot;

/// The script of every live page: on an `update` event naming a later
/// version than the page shows, fetch the page again and swap in its live
/// part; when the event stream is lost, say the figures may not be current.
/// The root element's `data-live` says whether the stream is `open` or
/// `lost`.
pub const SCRIPT: &str = r"(function () {
  var live = document.getElementById('live');
  var shown = Number(live.getAttribute('data-version'));
  var wanted = shown;
  var busy = false;
  var conn = document.getElementById('live-connection');
  function load() {
    busy = true;
    fetch(location.href, { cache: 'no-store' }).then(function (r) { return r.text(); }).then(function (t) {
      var next = new DOMParser().parseFromString(t, 'text/html').getElementById('live');
      if (next) {
        document.getElementById('live').replaceWith(next);
        shown = Number(next.getAttribute('data-version'));
      }
      busy = false;
      if (wanted > shown) { load(); }
    }, function () { busy = false; });
  }
  var events = new EventSource('/events');
  events.addEventListener('update', function (e) {
    conn.textContent = '';
    conn.hidden = true;
    wanted = Number(JSON.parse(e.data).version);
    if (wanted > shown && !busy) { load(); }
  });
  events.onopen = function () {
    document.documentElement.setAttribute('data-live', 'open');
  };
  events.onerror = function () {
    document.documentElement.setAttribute('data-live', 'lost');
    conn.hidden = false;
    conn.textContent = 'The connection to countroom serve was lost: the figures below may not be current.';
  };
})();";

/// The policy the documents carry (nothing may run or be fetched).
const STATIC_POLICY: &str = "content=\"default-src 'none'; style-src 'unsafe-inline'\"";

/// The styles of the live wrapper.
const LIVE_STYLE: &str = "<style>.live-banner{border:2px solid #1b5e20;background:#e8f5e9;padding:.4em .8em;margin:0 0 1em}\
.live-banner.live-problem{border-color:#b71c1c;background:#ffebee}\
.live-banner p{margin:.2em 0}\
#live-connection{border:2px solid #b71c1c;background:#ffebee;padding:.4em .8em}\
@media print{.live-banner,#live-connection{display:none}}</style>";

/// Why a page could not be made live.
#[derive(Debug, thiserror::Error)]
#[error("the page from countroom-html has no {0} to make it live at")]
pub struct PageError(&'static str);

/// The policy of a live page: the documents' policy, this script (by its
/// SHA-256) and connections back to the server.
fn live_policy() -> String {
    let digest = Sha256::digest(SCRIPT.as_bytes());
    let hash = base64::engine::general_purpose::STANDARD.encode(digest);
    format!(
        "content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{hash}'; connect-src 'self'\""
    )
}

/// `page` (a whole page from `countroom-html`) made live: its body inside
/// the wrapper with the snapshot's banner first and `extra` (more sections)
/// last, then the script.
///
/// # Errors
///
/// When the page is not shaped as `countroom-html` makes them.
pub fn live_page(page: &str, snap: &Snapshot, extra: &str) -> Result<String, PageError> {
    if !page.contains(STATIC_POLICY) {
        return Err(PageError("Content-Security-Policy"));
    }
    let page = page.replacen(STATIC_POLICY, &live_policy(), 1);
    let head_end = page.find("</head>").ok_or(PageError("</head>"))?;
    let body = page.find("<body>\n").ok_or(PageError("<body>"))?;
    let body_end = page.rfind("</body>").ok_or(PageError("</body>"))?;
    if !(head_end < body && body < body_end) {
        return Err(PageError("head and body in order"));
    }
    let body_start = body + "<body>\n".len();
    let mut out = String::with_capacity(page.len() + extra.len() + 2048);
    out.push_str(&page[..head_end]);
    out.push_str(LIVE_STYLE);
    out.push_str(&page[head_end..body_start]);
    out.push_str("<p id=\"live-connection\" role=\"alert\" hidden></p>\n");
    let _ = writeln!(out, "<div id=\"live\" data-version=\"{}\">", snap.version);
    banner(&mut out, snap);
    out.push_str(&page[body_start..body_end]);
    out.push_str(extra);
    out.push_str("</div>\n<script>");
    out.push_str(SCRIPT);
    out.push_str("</script>\n");
    out.push_str(&page[body_end..]);
    Ok(out)
}

/// The first 16 hex digits of the chain head, in groups of four.
fn short_head(head: &str) -> String {
    let short: String = head.chars().take(16).collect();
    countroom_io::render::digest_groups(&short)
}

/// The status banner: live as of entry N, or the log's problems and what
/// the figures are as of.
fn banner(out: &mut String, snap: &Snapshot) {
    if snap.problems.is_empty() {
        out.push_str(
            "<div class=\"live-banner\" id=\"live-status\" role=\"status\" data-state=\"live\">",
        );
        let _ = write!(
            out,
            "<p>Live: as of entry {} of the count log (chain head {}…); this page updates itself as entries are appended. <a href=\"/\">All contests</a></p>",
            snap.entries,
            escape(&short_head(&snap.head))
        );
        out.push_str("</div>\n");
        return;
    }
    out.push_str(
        "<div class=\"live-banner live-problem\" id=\"live-status\" role=\"alert\" data-state=\"problem\">",
    );
    if snap.report.is_some() {
        let _ = write!(
            out,
            "<p><strong>As of entry {} — later entries have a problem.</strong> The figures below are not current: they stand as the count log did before the problem.</p>",
            snap.entries
        );
    } else {
        out.push_str(
            "<p><strong>The count log could not be read: there is nothing to show.</strong></p>",
        );
    }
    out.push_str("<ul class=\"live-problems\">");
    for p in &snap.problems {
        let _ = write!(
            out,
            "<li data-code=\"{}\">{}</li>",
            escape(&p.code),
            escape(&p.to_string())
        );
    }
    out.push_str("</ul><p><a href=\"/\">All contests</a></p></div>\n");
}

/// The count by table of a contest's current run, as a section.
#[must_use]
pub fn tables_section(snap: &Snapshot, contest: &ContestReport) -> String {
    let Some(run) = contest.run else {
        return String::new();
    };
    let id = &contest.contest.id;
    let rows: Vec<_> = snap
        .tables
        .range((id.clone(), run, String::new())..)
        .take_while(|((c, r, _), _)| c == id && *r == run)
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    out.push_str("<section class=\"doc\" data-doc=\"tables\" id=\"tables\">");
    let _ = write!(out, "<h1>Count by table (run {run})</h1>");
    out.push_str("<p>The bundles counted at each table in this run, as logged (each bundle checked on replay).</p>");
    out.push_str("<table class=\"tables\"><thead><tr><th>Table</th><th>Bundles</th>");
    for c in &contest.candidates {
        let _ = write!(out, "<th><bdi>{}</bdi></th>", escape(&c.name));
    }
    out.push_str("</tr></thead><tbody>");
    for ((_, _, table), t) in rows {
        let name = if table.is_empty() {
            "(no table)"
        } else {
            table.as_str()
        };
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td>",
            escape(name),
            countroom_arith::thousands(t.bundles)
        );
        for c in &contest.candidates {
            let v = t.votes.get(&c.id).copied().unwrap_or(0);
            let _ = write!(
                out,
                "<td class=\"n\" data-value=\"{v}\">{}</td>",
                countroom_arith::thousands(v)
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></section>\n");
    out
}

/// The index: each contest with its status, and the ballot boxes'
/// progress.
#[must_use]
pub fn index_links(report: Option<&Report>) -> Vec<(String, String)> {
    let mut links = Vec::new();
    if let Some(report) = report {
        for c in &report.contests {
            links.push((
                format!("/contest/{}", c.contest.id),
                format!("{} — {}: {}", c.contest.title, c.contest.area, c.status),
            ));
        }
        for c in &report.list_contests {
            links.push((
                format!("/contest/{}", c.contest),
                format!("{} — {}: {}", c.title, c.area, c.status_text),
            ));
        }
        links.push((
            "/verification".to_owned(),
            "Verification: ballot boxes, box by box".to_owned(),
        ));
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_from_countroom_html_is_made_live_and_keeps_its_documents() {
        let page = countroom_html::index_page("Poll <x>", &[]);
        let snap = Snapshot {
            version: 7,
            entries: 3,
            head: "ab".repeat(32),
            ..Snapshot::default()
        };
        let live = live_page(&page, &snap, "<section>extra</section>").unwrap();
        assert!(live.contains("<div id=\"live\" data-version=\"7\">"));
        assert!(live.contains("as of entry 3 of the count log"));
        assert!(live.contains("<section>extra</section></div>"));
        assert!(live.contains("script-src 'sha256-"));
        assert!(!live.contains(STATIC_POLICY));
        // The document between the wrapper's parts is untouched.
        let doc_start = page.find("<body>\n").unwrap() + 7;
        let doc_end = page.rfind("</body>").unwrap();
        assert!(live.contains(&page[doc_start..doc_end]));
    }

    #[test]
    fn a_problem_is_a_banner_with_each_problem_escaped() {
        let page = countroom_html::index_page("Poll", &[]);
        let snap = Snapshot {
            version: 2,
            report: Some(countroom_count::report(
                &countroom_count::CountState::default(),
            )),
            entries: 5,
            problems: vec![
                countroom_io::Problem::new("log.jsonl", "json", "bad <line>").at_line(7),
            ],
            ..Snapshot::default()
        };
        let live = live_page(&page, &snap, "").unwrap();
        assert!(live.contains("As of entry 5 — later entries have a problem."));
        assert!(live.contains("log.jsonl:7: bad &lt;line&gt;"));
        assert!(live.contains("role=\"alert\" data-state=\"problem\""));
    }

    #[test]
    fn a_page_of_another_shape_is_refused() {
        assert!(live_page("<html>", &Snapshot::default(), "").is_err());
    }
}
