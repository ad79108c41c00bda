//! Scores a model file on gold CoNLL-U: `eval MODEL GOLD.conllu`.

use std::io::BufReader;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: eval MODEL GOLD.conllu");
        std::process::exit(2);
    }
    let bytes = std::fs::read(&args[1]).unwrap_or_else(|e| panic!("{}: {e}", args[1]));
    let t0 = std::time::Instant::now();
    let mut model = dyad_nlp::Model::load(&bytes).unwrap_or_else(|e| panic!("{}: {e}", args[1]));
    eprintln!(
        "loaded {} bytes in {:.3}s",
        bytes.len(),
        t0.elapsed().as_secs_f64()
    );
    if let Some(fraction) = std::env::var("PRUNE").ok().and_then(|v| v.parse().ok()) {
        model.prune(fraction);
        let mut out = Vec::new();
        if model.save(&mut out).is_ok() {
            eprintln!("pruned to {} bytes", out.len());
            if let Ok(path) = std::env::var("PRUNED_OUT") {
                let _ = std::fs::write(path, &out);
            }
        }
    }
    if let Ok(path) = std::env::var("SAVE_OUT") {
        // Re-save in the current file format.
        let mut out = Vec::new();
        model
            .save(&mut out)
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        std::fs::write(&path, &out).unwrap_or_else(|e| panic!("{path}: {e}"));
        eprintln!("saved {path} ({} bytes)", out.len());
    }
    eprintln!("{}", model.summary());
    let file = std::fs::File::open(&args[2]).unwrap_or_else(|e| panic!("{}: {e}", args[2]));
    let gold: Vec<_> = dyad_conllu::Reader::new(BufReader::new(file))
        .filter_map(Result::ok)
        .collect();
    let s = dyad_nlp::evaluate(&model, &gold);
    println!(
        "{{\"upos\":{:.2},\"xpos\":{:.2},\"feats\":{:.2},\"lemma\":{:.2},\"uas\":{:.2},\"las\":{:.2},\"las_full\":{:.2},\"words\":{},\"tokens_per_s\":{:.0}}}",
        s.upos, s.xpos, s.feats, s.lemma, s.uas, s.las, s.las_full, s.words, s.tokens_per_s
    );
}
