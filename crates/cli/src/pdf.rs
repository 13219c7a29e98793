//! `--format html` and `--format pdf`: the HTML documents of
//! `countroom-html`, printed through headless Chromium for PDF.

use countroom_count::{ContestReport, Evidence};

use crate::Failure;

/// Prints `html` to PDF (A4, `header` on every page, "page N of M" at the
/// foot, in Welsh and English when `bilingual`). No Chromium is a failure
/// saying how to install it (exit 3).
pub(crate) fn print(html: &str, header: &str, bilingual: bool) -> Result<Vec<u8>, Failure> {
    let (page, of) = if bilingual {
        ("tudalen / page", "o / of")
    } else {
        ("page", "of")
    };
    countroom_chromium::print_pdf(html, header, page, of)
        .map_err(|e| Failure::Io(format!("--format pdf: {e}")))
}

/// The running header of a PDF: the poll, the contest and the chain head.
pub(crate) fn header_of(contest: Option<&ContestReport>, evidence: Option<&Evidence>) -> String {
    let mut parts = Vec::new();
    if let Some(c) = contest {
        parts.push(format!("{} — {}", c.contest.title, c.contest.area));
        parts.push(c.contest.poll_day.clone());
    }
    if let Some(e) = evidence.or_else(|| contest.and_then(|c| c.evidence.as_ref())) {
        parts.push(format!(
            "chain head {}",
            countroom_io::render::digest_groups(&e.chain_head)
        ));
    }
    parts.join(" · ")
}

/// The running header of a list contest's PDF: the poll, the contest and
/// the chain head.
pub(crate) fn list_header_of(contest: &countroom_count::ListContestReport) -> String {
    let mut parts = vec![
        format!("{} — {}", contest.title, contest.area),
        contest.poll_date.to_string(),
    ];
    if let Some(e) = &contest.evidence {
        parts.push(format!(
            "chain head {}",
            countroom_io::render::digest_groups(&e.chain_head)
        ));
    }
    parts.join(" · ")
}

/// Whether any of the contests is a Welsh poll (bilingual documents).
pub(crate) fn bilingual(contests: &[ContestReport]) -> bool {
    contests.iter().any(|c| {
        countroom_html::Lang::for_country(c.contest.country) == countroom_html::Lang::Bilingual
    })
}

/// An STV stage sheet as HTML or PDF.
pub(crate) fn stage_sheet(
    sheet: &countroom_stv::StageSheet,
    pdf: bool,
) -> Result<Vec<u8>, Failure> {
    let html = countroom_html::stage_sheet_page(sheet);
    if pdf {
        print(&html, &String::from_utf8_lossy(&sheet.title), false)
    } else {
        Ok(html.into_bytes())
    }
}
