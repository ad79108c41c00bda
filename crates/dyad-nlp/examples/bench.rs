//! Single-thread tag+parse throughput: `bench MODEL FILE.conllu [ROUNDS]`;
//! prints the best round's tokens per second.

use std::io::BufReader;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: bench MODEL FILE.conllu [ROUNDS]");
        std::process::exit(2);
    }
    let bytes = std::fs::read(&args[1]).unwrap_or_else(|e| panic!("{}: {e}", args[1]));
    let t0 = std::time::Instant::now();
    let model = dyad_nlp::Model::load(&bytes).unwrap_or_else(|e| panic!("{}: {e}", args[1]));
    let load = t0.elapsed().as_secs_f64();
    let file = std::fs::File::open(&args[2]).unwrap_or_else(|e| panic!("{}: {e}", args[2]));
    let sentences: Vec<Vec<String>> = dyad_conllu::Reader::new(BufReader::new(file))
        .filter_map(Result::ok)
        .map(|s| s.words.into_iter().map(|w| w.form).collect())
        .collect();
    let words: usize = sentences.iter().map(Vec::len).sum();
    let rounds: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut best = 0.0f64;
    for _ in 0..rounds {
        let t = std::time::Instant::now();
        for s in &sentences {
            let forms: Vec<&str> = s.iter().map(String::as_str).collect();
            std::hint::black_box(model.annotate(&forms));
        }
        best = best.max(words as f64 / t.elapsed().as_secs_f64());
    }
    println!("{{\"load_s\":{load:.3},\"words\":{words},\"tokens_per_s\":{best:.0}}}");
}
