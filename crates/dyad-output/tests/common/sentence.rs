//! The one parsed sentence that both the record unit tests and the writer
//! tests code, so that they build their coded record the same way.

use dyad_code::{Coder, Config, Event, read_records};
use dyad_core::Document;
use dyad_dict::{Dictionaries, VerbDict};

/// "Iraq attacked Iran." (dated 2019-10-31, with its parse) and the events
/// the coder finds in it with one verb and two countries in its dictionaries.
pub fn iraq_attacked_iran() -> (Document, Vec<Event>) {
    let mut dicts = Dictionaries {
        verbs: VerbDict::parse("t.verbs", "--- ATTACK [190] ---\nATTACK\n").0,
        ..Dictionaries::default()
    };
    dicts
        .actors
        .add_text("t.actors", "IRAQ [IRQ]\n+IRAQI\nIRAN [IRN]\n");
    let mut file = read_records(
        "<Sentence id=\"e\" date=\"20191031\"><Text>Iraq attacked Iran.</Text><Parse>
1\tIraq\tIraq\tPROPN\t_\t_\t2\tnsubj\t_\t_
2\tattacked\tattack\tVERB\t_\t_\t0\troot\t_\t_
3\tIran\tIran\tPROPN\t_\t_\t2\tobj\t_\t_
4\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_
</Parse></Sentence>",
    );
    let doc = file.records.swap_remove(0).document;
    let coded = Coder::new(dicts).code(&doc, &Config::default());
    (doc, coded.events)
}
