//! `countroom stv`: count a BLT ballot file by the single transferable vote
//! and print the stage sheet.

use countroom_stv::blt::{self, BltLimits};
use countroom_stv::render;
use countroom_stv::{LotSource, StvRules};

use crate::args::{StvArgs, StvFormat, StvRulesArg};
use crate::input::{display, read_file};
use crate::output::print;
use crate::Failure;

pub(crate) fn stv(a: &StvArgs) -> Result<(), Failure> {
    let file = display(&a.ballots);
    let limits = BltLimits::default();
    let meta = std::fs::metadata(&a.ballots).map_err(|e| Failure::Io(format!("{file}: {e}")))?;
    if let Err(e) = blt::check_size(meta.len(), &limits) {
        return Err(Failure::Input(
            e.0.iter()
                .map(|p| format!("{file}: {}", p.problem))
                .collect(),
        ));
    }
    let bytes = read_file(&a.ballots)?;
    let election = blt::read_with(&bytes, &limits)
        .map_err(|e| Failure::Input(e.0.iter().map(|p| format!("{file}:{p}")).collect()))?;
    let mut lots = match &a.lots {
        Some(path) => {
            let lots_file = display(path);
            let bytes = read_file(path)?;
            let recorded =
                LotSource::parse_recorded(&bytes, election.candidates().len()).map_err(|e| {
                    Failure::Input(
                        e.iter()
                            .map(|p| format!("{lots_file}:{}: {}", p.line, p.message))
                            .collect(),
                    )
                })?;
            LotSource::recorded(recorded)
        }
        None => LotSource::none(),
    };
    if let Some(seed) = &a.seed {
        // The context of every seeded draw starts with the contest title.
        lots = lots.with_seed(seed.clone(), String::from_utf8_lossy(election.title()));
    }
    let rules = match a.rules {
        StvRulesArg::Scotland => StvRules::Scotland,
        StvRulesArg::Ni => StvRules::NorthernIreland,
    };
    let sheet = countroom_stv::count(rules, &election, &mut lots)
        .map_err(|e| Failure::Input(vec![format!("{file}: {e}")]))?;
    let out = match a.format {
        StvFormat::Text => render::sheet_text(&sheet),
        StvFormat::Json => render::sheet_json(&sheet),
        StvFormat::Csv => render::sheet_csv(&sheet),
    };
    print(&out)
}
