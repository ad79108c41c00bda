//! Annotates whitespace-separated sentences given as arguments with the
//! shipped model, printing CoNLL-U-like lines.

fn main() {
    let model = match dyad_nlp::Model::english() {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    for sentence in std::env::args().skip(1) {
        let words: Vec<&str> = sentence.split_whitespace().collect();
        for (i, (w, a)) in words.iter().zip(model.annotate(&words)).enumerate() {
            println!(
                "{}\t{w}\t{}\t{}\t{}\t{}\t{}\t{}",
                i + 1,
                a.lemma,
                a.upos,
                a.xpos,
                a.feats,
                a.head,
                a.deprel
            );
        }
        println!();
    }
}
