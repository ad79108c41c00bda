//! Converting PETRARCH actor and agent dictionaries to dyad's format
//! (`dyad dict import-petrarch`), keeping what the coder uses: every phrase,
//! every code with its date range and order, agent codes and placement.
//! PETRARCH's `_`/blank joins and phrase case are not kept (the coder
//! matches consecutive words, case-insensitively).

use super::syntax::format_range;
use crate::{
    ActorDict, ActorEntry, AgentDict, AgentEntry, AgentPlacement, DateRange, Diagnostic, DictError,
    regular_plural,
};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn alias_ok(text: &str) -> bool {
    !text.contains(['|', '@', '/']) && !text.starts_with('#') && !text.contains(" #")
}

fn write_actor(out: &mut String, e: &ActorEntry) {
    let mut restrictions: Vec<_> = e.restrictions.iter().collect();
    let mut default = e.default_code.as_ref();
    // `[CODE]` as the only unrestricted code, written last, is the default
    if default.is_none()
        && restrictions
            .last()
            .is_some_and(|r| r.range == DateRange::Always)
        && restrictions
            .iter()
            .filter(|r| r.range == DateRange::Always)
            .count()
            == 1
    {
        default = restrictions.pop();
    }
    let aliases: Vec<&str> = e
        .phrases
        .iter()
        .map(|p| p.text())
        .filter(|t| alias_ok(t))
        .collect();
    if aliases.is_empty() {
        let _ = writeln!(
            out,
            "# {}: no phrase dyad's format can hold; skipped",
            e.provenance
        );
        return;
    }
    let _ = writeln!(out, "# {}", e.provenance);
    let code = default.map(|d| &*d.code).unwrap_or("-");
    let _ = writeln!(out, "{code}  {}", aliases.join(" | "));
    for r in restrictions {
        let _ = writeln!(out, "    {}  {}", r.code, format_range(r.range));
    }
}

/// Converts one PETRARCH actor file's text to dyad's format; returns the
/// text and the PETRARCH reader's diagnostics.
pub fn import_petrarch_actors(file: &str, text: &str) -> (String, Vec<Diagnostic>) {
    let mut dict = ActorDict::new();
    let diags = dict.add_text(file, text);
    let mut out = format!("# Imported from PETRARCH actor dictionary {file}\n\n");
    for e in dict.entries() {
        write_actor(&mut out, e);
    }
    (out, diags)
}

fn agent_code(e: &AgentEntry) -> String {
    match e.placement {
        AgentPlacement::After => e.code.to_string(),
        AgentPlacement::Before => format!("{}~", e.code),
    }
}

/// Converts one PETRARCH agent file's text to dyad's format; returns the
/// text and the PETRARCH reader's diagnostics.
pub fn import_petrarch_agents(file: &str, text: &str) -> (String, Vec<Diagnostic>) {
    let mut dict = AgentDict::new();
    let diags = dict.add_text(file, text);
    let mut out = format!("# Imported from PETRARCH agent dictionary {file}\n\n");
    let entries = dict.entries();
    let mut i = 0;
    while let Some(first) = entries.get(i) {
        let group: Vec<&AgentEntry> = entries
            .get(i..)
            .unwrap_or(&[])
            .iter()
            .take_while(|e| e.provenance == first.provenance && e.code == first.code)
            .collect();
        i += group.len().max(1);
        let items: Vec<String> = match group.as_slice() {
            [s] if !s.plural => vec![format!("{} / -", s.phrase.text())],
            [s, p] if !s.plural && p.plural => {
                let regular = s
                    .phrase
                    .words()
                    .next_back()
                    .map(|w| s.phrase.with_last_word(&regular_plural(w)));
                if regular
                    .as_ref()
                    .is_some_and(|r| r.text() == p.phrase.text())
                {
                    vec![s.phrase.text().to_string()]
                } else {
                    vec![format!("{} / {}", s.phrase.text(), p.phrase.text())]
                }
            }
            many => many
                .iter()
                .map(|e| format!("{} / -", e.phrase.text()))
                .collect(),
        };
        let items: Vec<String> = items
            .into_iter()
            .filter(|t| alias_ok(t.split(" / ").next().unwrap_or("")))
            .collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "{}  {}  # {}",
            agent_code(first),
            items.join(" | "),
            first.provenance
        );
    }
    (out, diags)
}

/// Converts every PETRARCH actor (`*actors*`) and agent (`*agents*`) file
/// in `dir` into `out_dir` (created if needed): `Phoenix.Countries.actors.txt`
/// becomes `phoenix-countries.txt`, `Phoenix.agents.txt` becomes
/// `agents-phoenix.txt`. Returns the files written and the diagnostics.
pub fn import_petrarch(
    dir: &Path,
    out_dir: &Path,
) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), DictError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| DictError::Io { path, source }
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    std::fs::create_dir_all(out_dir).map_err(io(out_dir))?;
    let mut written = Vec::new();
    let mut diags = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let lower = name.to_lowercase();
        let stem: Vec<&str> = lower
            .trim_end_matches(".txt")
            .split('.')
            .filter(|p| *p != "actors" && *p != "agents")
            .collect();
        let stem = stem.join("-");
        let is_agents = lower.contains("agents");
        if !is_agents && !lower.contains("actors") {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(io(&path))?;
        let text = String::from_utf8_lossy(&bytes);
        let (out, d, out_name) = if is_agents {
            let (o, d) = import_petrarch_agents(&name, &text);
            (o, d, format!("agents-{stem}.txt"))
        } else {
            let (o, d) = import_petrarch_actors(&name, &text);
            (o, d, format!("{stem}.txt"))
        };
        diags.extend(d);
        let out_path = out_dir.join(out_name);
        std::fs::write(&out_path, out).map_err(io(&out_path))?;
        written.push(out_path);
    }
    Ok((written, diags))
}
