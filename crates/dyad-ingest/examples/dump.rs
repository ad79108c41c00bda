//! Prints what the readers make of the given inputs (a debugging aid).

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let inputs: Vec<PathBuf> = args
        .iter()
        .filter(|a| *a != "-v")
        .map(PathBuf::from)
        .collect();
    let (mut docs, mut errors, mut fffd, mut warned) = (0, 0, 0, 0);
    for item in dyad_ingest::read_inputs(inputs, dyad_ingest::Config::default()) {
        match item {
            Ok(doc) => {
                docs += 1;
                if doc.text.contains('\u{fffd}') {
                    fffd += 1;
                }
                if !doc.warnings.is_empty() {
                    warned += 1;
                }
                if verbose {
                    println!(
                        "== {} {:?} {:?} {:?} {:?}",
                        doc.meta.id,
                        doc.meta.title,
                        doc.meta.date_text,
                        doc.meta.date,
                        doc.warnings
                    );
                    for block in &doc.blocks {
                        println!("[{}] {}", block.kind.as_str(), doc.slice(block.span));
                    }
                }
            }
            Err(err) => {
                errors += 1;
                println!("ERROR {err} ({:?})", err.doc_id);
            }
        }
    }
    println!("documents {docs} errors {errors} with U+FFFD {fffd} with warnings {warned}");
}
