//! Which dictionaries a pipeline codes with, and loading them.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use dyad_code::Event;
use dyad_dict::{Diagnostic, DictFiles, Dictionaries, DyadDicts};

use crate::PipelineError;

/// Where a pipeline's dictionaries come from.
#[derive(Debug, Clone, Default)]
pub enum DictSource {
    /// dyad's built-in dictionaries (`dicts/`, embedded; no file is read).
    #[default]
    Builtin,
    /// A folder in dyad's own format (`*.txt` as in `dicts/`).
    Dyad(PathBuf),
    /// A folder holding the PETRARCH2 Phoenix set (`CAMEO.2.0.txt`,
    /// `Phoenix.*.actors.txt`, `Phoenix.agents.txt`, …).
    Petrarch(PathBuf),
    /// PETRARCH2 dictionary files named one by one.
    PetrarchFiles(DictFiles),
}

/// Loaded dictionaries: the coder's set, the dyad-format set when there is
/// one (it names the holders of role phrases), and the problems found
/// while loading.
pub struct Loaded {
    /// What the coder reads.
    pub dictionaries: Dictionaries,
    /// The dyad-format set (built-in or `--dicts` in dyad's format).
    pub dyad: Option<Cow<'static, DyadDicts>>,
    /// Malformed entries, each with `file:line`; loading went on.
    pub diagnostics: Vec<Diagnostic>,
    /// Warnings about the set as a whole.
    pub warnings: Vec<String>,
}

impl std::fmt::Display for DictSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DictSource::Builtin => f.write_str("dyad's built-in dictionaries"),
            DictSource::Dyad(dir) | DictSource::Petrarch(dir) => write!(f, "{}", dir.display()),
            DictSource::PetrarchFiles(_) => f.write_str("the PETRARCH dictionary files given"),
        }
    }
}

impl DictSource {
    /// Loads the dictionaries. A folder or file that does not exist is an
    /// error; malformed entries are [`Loaded::diagnostics`].
    pub fn load(&self) -> Result<Loaded, PipelineError> {
        match self {
            DictSource::Builtin => {
                let builtin = dyad_dict::builtin();
                Ok(Loaded {
                    dictionaries: builtin.to_dictionaries(),
                    dyad: Some(Cow::Borrowed(builtin)),
                    diagnostics: Vec::new(),
                    warnings: Vec::new(),
                })
            }
            DictSource::Dyad(dir) => {
                ensure_dir(dir)?;
                let (dyad, diagnostics) =
                    DyadDicts::load_dir(dir).map_err(|source| PipelineError::Dictionaries {
                        what: dir.display().to_string(),
                        source,
                    })?;
                Ok(Loaded {
                    dictionaries: dyad.to_dictionaries(),
                    dyad: Some(Cow::Owned(dyad)),
                    diagnostics,
                    warnings: Vec::new(),
                })
            }
            DictSource::Petrarch(dir) => {
                ensure_dir(dir)?;
                let files = DictFiles::phoenix(dir);
                for path in files.verbs.iter().chain(&files.actors) {
                    if !path.is_file() {
                        return Err(PipelineError::MissingDictionary {
                            path: path.clone(),
                            hint: format!(
                                "expected the PETRARCH2 Phoenix set in {}; \
                                 use --dict-format dyad for a folder in dyad's format",
                                dir.display()
                            ),
                        });
                    }
                }
                load_files(&files)
            }
            DictSource::PetrarchFiles(files) => load_files(files),
        }
    }
}

fn ensure_dir(dir: &Path) -> Result<(), PipelineError> {
    if dir.is_dir() {
        Ok(())
    } else {
        Err(PipelineError::NoDictionaryFolder(dir.to_path_buf()))
    }
}

fn load_files(files: &DictFiles) -> Result<Loaded, PipelineError> {
    for path in files
        .verbs
        .iter()
        .chain(&files.actors)
        .chain(&files.agents)
        .chain(&files.discards)
    {
        if !path.is_file() {
            return Err(PipelineError::MissingDictionary {
                path: path.clone(),
                hint: String::new(),
            });
        }
    }
    let (dictionaries, diagnostics) =
        Dictionaries::load(files).map_err(|source| PipelineError::Dictionaries {
            what: "PETRARCH dictionaries".to_string(),
            source,
        })?;
    Ok(Loaded {
        dictionaries,
        dyad: None,
        diagnostics,
        warnings: Vec::new(),
    })
}

/// Names the office holder as the `entity` of actors coded through a role
/// phrase ("the Iraqi prime minister" → Adel Abdul Mahdi on 2019-10-31).
pub fn name_holders(dyad: Option<&DyadDicts>, events: &mut [Event]) {
    let Some(dyad) = dyad else { return };
    for actor in events
        .iter_mut()
        .flat_map(|e| [&mut e.source, &mut e.target])
    {
        if let Some(holder) = actor.dictionary.as_ref().and_then(|p| dyad.holder(p)) {
            actor.entity = Some(holder.to_string());
        }
    }
}
