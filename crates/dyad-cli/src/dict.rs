//! `dyad dict …`: checking, querying and importing dictionaries.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand};
use dyad_core::Date;
use dyad_dict::dyad_format::{self, MatchKind};

/// `dyad dict …`
#[derive(Debug, Subcommand)]
pub enum DictCommand {
    /// Check dictionaries in dyad's format: syntax, codes, dates, duplicate
    /// and conflicting entries, overlapping date ranges. Prints one
    /// `file:line: problem` per finding; exit status 1 if there is any.
    Check(DictCheckArgs),
    /// Show which actor and agent entries match a phrase, with their codes
    /// and dates.
    Lookup(DictLookupArgs),
    /// Convert PETRARCH2 actor and agent dictionaries to dyad's format.
    ImportPetrarch(DictImportArgs),
}

/// `dyad dict check`
#[derive(Debug, Args)]
pub struct DictCheckArgs {
    /// Folder of dictionaries (default: the dictionaries built into dyad).
    pub dir: Option<PathBuf>,
}

/// `dyad dict lookup`
#[derive(Debug, Args)]
pub struct DictLookupArgs {
    /// The text to look up, e.g. "the Iraqi prime minister".
    pub text: String,
    /// Resolve dated entries on this day (YYYY-MM-DD; default: none, which
    /// lists every dated code).
    #[arg(long)]
    pub date: Option<String>,
    /// Folder of dictionaries (default: the dictionaries built into dyad).
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

/// `dyad dict import-petrarch`
#[derive(Debug, Args)]
pub struct DictImportArgs {
    /// Folder of PETRARCH2 dictionaries (`*actors*`, `*agents*` files).
    pub dir: PathBuf,
    /// Folder to write dyad-format files to (created if needed).
    #[arg(long)]
    pub out: PathBuf,
}

/// Runs a `dyad dict` subcommand.
pub fn run(command: &DictCommand) -> anyhow::Result<ExitCode> {
    match command {
        DictCommand::Check(args) => check(args),
        DictCommand::Lookup(args) => lookup(args),
        DictCommand::ImportPetrarch(args) => import(args),
    }
}

fn check(args: &DictCheckArgs) -> anyhow::Result<ExitCode> {
    let (what, diagnostics) = match &args.dir {
        None => (
            "the built-in dictionaries".to_string(),
            dyad_format::check_builtin(),
        ),
        Some(dir) => (
            dir.display().to_string(),
            dyad_format::check(dir).with_context(|| format!("cannot read {}", dir.display()))?,
        ),
    };
    for diagnostic in &diagnostics {
        out_line!("{diagnostic}")?;
    }
    out_line!("{what}: {} problems", diagnostics.len())?;
    Ok(if diagnostics.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn lookup(args: &DictLookupArgs) -> anyhow::Result<ExitCode> {
    let date = match &args.date {
        None => None,
        Some(text) => Some(Date::parse(text).with_context(|| format!("not a date: {text:?}"))?),
    };
    let loaded;
    let dicts = match &args.dir {
        None => dyad_format::builtin(),
        Some(dir) => {
            let (dicts, diagnostics) = dyad_format::DyadDicts::load_dir(dir)
                .with_context(|| format!("cannot read {}", dir.display()))?;
            for diagnostic in &diagnostics {
                err_line!("dyad: warning: {diagnostic}");
            }
            loaded = dicts;
            &loaded
        }
    };
    let words = dyad_format::tokenize(&args.text);
    let matches = dyad_format::lookup(dicts, &args.text, date);
    if matches.is_empty() {
        out_line!("no entry matches {:?}", args.text)?;
    }
    for m in &matches {
        let kind = match m.kind {
            MatchKind::Actor => "actor",
            MatchKind::Agent => "agent",
        };
        let span = words
            .get(m.start..m.start + m.len)
            .map(|w| w.join(" "))
            .unwrap_or_default();
        out_line!(
            "{kind} {:?} = {} ({}), code {} {}",
            span,
            m.entity,
            m.phrase_provenance,
            m.code.as_deref().unwrap_or("none"),
            m.code_provenance
                .as_ref()
                .map(|p| format!("({p})"))
                .unwrap_or_default()
        )?;
        if let Some(holder) = &m.holder {
            out_line!("    held by {holder}")?;
        }
        for (code, range, provenance) in &m.codes {
            out_line!("    {code:<12} {range:<24} {provenance}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn import(args: &DictImportArgs) -> anyhow::Result<ExitCode> {
    let (written, diagnostics) = dyad_format::import_petrarch(&args.dir, &args.out)
        .with_context(|| format!("cannot import {}", args.dir.display()))?;
    for diagnostic in &diagnostics {
        err_line!("dyad: warning: {diagnostic}");
    }
    for path in &written {
        out_line!("wrote {}", path.display())?;
    }
    Ok(ExitCode::SUCCESS)
}
