//! Trains a model: `train TRAIN.conllu DEV.conllu OUT [PARSER_EPOCHS]`.

use std::io::BufReader;

fn read(path: &str) -> Vec<dyad_conllu::Sentence> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    dyad_conllu::Reader::new(BufReader::new(file))
        .filter_map(|s| match s {
            Ok(s) => Some(s),
            Err(e) => {
                eprintln!("{path}: {e}");
                None
            }
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: train TRAIN.conllu DEV.conllu OUT [PARSER_EPOCHS]");
        std::process::exit(2);
    }
    let mut config = dyad_nlp::TrainConfig::default();
    if let Some(e) = args.get(4) {
        config.parser_epochs = e.parse().unwrap_or(config.parser_epochs);
    }
    if let Ok(v) = std::env::var("TAGGER_EPOCHS") {
        config.tagger_epochs = v.parse().unwrap_or(config.tagger_epochs);
    }
    if let Ok(v) = std::env::var("MIN_UPDATES") {
        config.min_updates = v.parse().unwrap_or(config.min_updates);
    }
    if let Ok(v) = std::env::var("FOLDS") {
        config.jackknife_folds = v.parse().unwrap_or(config.jackknife_folds);
    }
    let (train, dev) = (read(&args[1]), read(&args[2]));
    let t0 = std::time::Instant::now();
    let model = dyad_nlp::Model::train(&train, &dev, &config, |line| eprintln!("{line}"));
    eprintln!("trained in {:.1}s", t0.elapsed().as_secs_f64());
    eprintln!("{}", model.summary());
    let mut out = Vec::new();
    if let Err(e) = model.save(&mut out) {
        eprintln!("{e}");
        std::process::exit(1);
    }
    if let Err(e) = std::fs::write(&args[3], &out) {
        eprintln!("{}: {e}", args[3]);
        std::process::exit(1);
    }
    eprintln!("wrote {} ({} bytes)", args[3], out.len());
    let scores = dyad_nlp::evaluate(&model, &dev);
    println!("dev {scores:?}");
}
