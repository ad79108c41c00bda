//! todo
use std::process::ExitCode;
pub fn run(_args: &crate::args::ParseArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not yet")
}
