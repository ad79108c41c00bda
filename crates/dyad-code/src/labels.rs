//! Dependency labels, normalised once from UD v1 or v2 to one enum.

/// A dependency relation, with UD v1 and v2 spellings folded together.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Rel {
    /// `root`.
    Root,
    /// `nsubj`.
    Nsubj,
    /// `nsubj:pass` (v2), `nsubjpass` (v1).
    NsubjPass,
    /// `csubj`, `csubj:pass`, `csubjpass`.
    Csubj,
    /// `obj` (v2), `dobj` (v1).
    Obj,
    /// `iobj`.
    Iobj,
    /// `obl` (v2), or a v1 `nmod` attached to a verb or adjective.
    Obl,
    /// `obl:agent` (v2), `nmod:agent` (v1): the by-phrase of a passive.
    Agent,
    /// Temporal or other adverbial nominals: `obl:tmod`, `nmod:tmod`,
    /// `obl:npmod`, `nmod:npmod`.
    Tmod,
    /// `nmod` attached to a nominal.
    Nmod,
    /// `nmod:poss`.
    Poss,
    /// `compound`.
    Compound,
    /// `compound:prt`: a verb particle.
    Prt,
    /// `amod`.
    Amod,
    /// `flat`, `flat:name` (v2), `name` (v1).
    Flat,
    /// `fixed` (v2), `mwe` (v1).
    Fixed,
    /// `appos`.
    Appos,
    /// `conj`.
    Conj,
    /// `list`: items of a list without coordination (also a misparse of
    /// "Bree Prime Minister Romendacil").
    List,
    /// `cc`.
    Cc,
    /// `case`.
    Case,
    /// `mark`.
    Mark,
    /// `det`.
    Det,
    /// `aux`.
    Aux,
    /// `aux:pass` (v2), `auxpass` (v1).
    AuxPass,
    /// `cop`.
    Cop,
    /// `advmod`.
    Advmod,
    /// `neg` (v1 only; v2 uses `advmod` with a negative word).
    Neg,
    /// `xcomp`.
    Xcomp,
    /// `ccomp`.
    Ccomp,
    /// `advcl`.
    Advcl,
    /// `acl`, `acl:relcl`.
    Acl,
    /// `parataxis`.
    Parataxis,
    /// `punct`.
    Punct,
    /// `nummod`.
    Nummod,
    /// Anything else (`dep`, `discourse`, `vocative` …).
    #[default]
    Other,
}

impl Rel {
    /// Reads a UD v1 or v2 label. `head_upos` is the part of speech of the
    /// head, needed to tell a v1 `nmod` on a verb (v2 `obl`) from one on a
    /// noun.
    pub fn parse(label: &str, head_upos: &str) -> Rel {
        let (base, sub) = match label.split_once(':') {
            Some((b, s)) => (b, s),
            None => (label, ""),
        };
        match (base, sub) {
            ("root", _) => Rel::Root,
            ("nsubj", "pass") | ("nsubjpass", _) => Rel::NsubjPass,
            ("nsubj", _) => Rel::Nsubj,
            ("csubj", _) | ("csubjpass", _) => Rel::Csubj,
            ("obj", _) | ("dobj", _) => Rel::Obj,
            ("iobj", _) => Rel::Iobj,
            ("obl" | "nmod", "agent") => Rel::Agent,
            // UD 2.15+ writes bare-noun adverbials ("on Sunday" without
            // "on") as `obl:unmarked`, and titles before a name ("Prime
            // Minister Adel Abdul Mahdi") as `nmod:desc`
            ("obl" | "nmod", "tmod" | "npmod" | "unmarked") => Rel::Tmod,
            ("nmod", "desc") => Rel::Compound,
            ("nmod", "poss") => Rel::Poss,
            ("obl", _) => Rel::Obl,
            ("nmod", _) => {
                if matches!(head_upos, "VERB" | "ADJ" | "AUX" | "ADV") {
                    Rel::Obl
                } else {
                    Rel::Nmod
                }
            }
            ("compound", "prt") => Rel::Prt,
            ("compound", _) => Rel::Compound,
            ("amod", _) => Rel::Amod,
            ("flat" | "name", _) => Rel::Flat,
            ("fixed" | "mwe", _) => Rel::Fixed,
            ("appos", _) => Rel::Appos,
            ("conj", _) => Rel::Conj,
            ("list", _) => Rel::List,
            ("cc", _) => Rel::Cc,
            ("case", _) => Rel::Case,
            ("mark", _) => Rel::Mark,
            ("det", _) => Rel::Det,
            ("aux", "pass") | ("auxpass", _) => Rel::AuxPass,
            ("aux", _) => Rel::Aux,
            ("cop", _) => Rel::Cop,
            ("advmod", _) => Rel::Advmod,
            ("neg", _) => Rel::Neg,
            ("xcomp", _) => Rel::Xcomp,
            ("ccomp", _) => Rel::Ccomp,
            ("advcl", _) => Rel::Advcl,
            ("acl", _) => Rel::Acl,
            ("parataxis", _) => Rel::Parataxis,
            ("punct", _) => Rel::Punct,
            ("nummod", _) => Rel::Nummod,
            _ => Rel::Other,
        }
    }

    /// Whether the relation attaches a subject.
    pub fn is_subject(self) -> bool {
        matches!(self, Rel::Nsubj | Rel::NsubjPass | Rel::Csubj)
    }

    /// Whether a dependent with this relation starts a clause of its own
    /// (its words are not part of the head verb's pattern context).
    pub fn is_clausal(self) -> bool {
        matches!(
            self,
            Rel::Ccomp | Rel::Advcl | Rel::Parataxis | Rel::Csubj | Rel::Acl
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_and_v2_fold_together() {
        assert_eq!(Rel::parse("dobj", "VERB"), Rel::Obj);
        assert_eq!(Rel::parse("obj", "VERB"), Rel::Obj);
        assert_eq!(Rel::parse("nmod:desc", "PROPN"), Rel::Compound);
        assert_eq!(Rel::parse("obl:unmarked", "VERB"), Rel::Tmod);
        assert_eq!(Rel::parse("nsubjpass", "VERB"), Rel::NsubjPass);
        assert_eq!(Rel::parse("nsubj:pass", "VERB"), Rel::NsubjPass);
        assert_eq!(Rel::parse("auxpass", "VERB"), Rel::AuxPass);
        assert_eq!(Rel::parse("aux:pass", "VERB"), Rel::AuxPass);
        assert_eq!(Rel::parse("nmod", "VERB"), Rel::Obl);
        assert_eq!(Rel::parse("nmod", "NOUN"), Rel::Nmod);
        assert_eq!(Rel::parse("obl", "VERB"), Rel::Obl);
        assert_eq!(Rel::parse("nmod:agent", "VERB"), Rel::Agent);
        assert_eq!(Rel::parse("obl:agent", "VERB"), Rel::Agent);
        assert_eq!(Rel::parse("nmod:poss", "NOUN"), Rel::Poss);
        assert_eq!(Rel::parse("name", "PROPN"), Rel::Flat);
        assert_eq!(Rel::parse("flat:name", "PROPN"), Rel::Flat);
        assert_eq!(Rel::parse("nmod:tmod", "VERB"), Rel::Tmod);
        assert_eq!(Rel::parse("", ""), Rel::Other);
    }
}
