//! todo
use std::process::ExitCode;
pub fn segment(_args: &crate::args::BenchSegmentArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not yet")
}
