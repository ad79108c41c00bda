//! An event's `confidence`: how likely it is to be right, from what its
//! coding rests on.
//!
//! The value is the share of events like it that were right on real news:
//! the type-level precision of its PLOVER type (smoothed toward the mean
//! over all types, eight events' weight), times a factor for a missing
//! source and one for a soft modality. The figures were measured on the
//! hand-coded Guardian events (`shared/gold-events.md`) with `dyad eval
//! events --gold …` in its default configuration; `dyad eval events`
//! prints the calibration table (events binned by confidence, share right
//! per bin) so it can be checked on any gold file.

use crate::EventRecord;

/// Type-level precision per PLOVER type, smoothed; types in the order of
/// `dyad_cameo::PloverType::ALL` names.
const TYPE_PRIOR: &[(&str, f64)] = &[
    ("ACCUSE", 0.72),
    ("AGREE", 0.50),
    ("AID", 0.44),
    ("ASSAULT", 0.72),
    ("COERCE", 0.35),
    ("CONCEDE", 0.50),
    ("CONSULT", 0.56),
    ("COOPERATE", 0.52),
    ("MOBILIZE", 0.58),
    ("PROTEST", 0.50),
    ("REJECT", 0.67),
    ("REQUEST", 0.77),
    ("RETREAT", 0.46),
    ("SANCTION", 0.45),
    ("SUPPORT", 0.30),
    ("THREATEN", 0.46),
];

/// The mean type-level precision, for a type the table lacks.
const MEAN: f64 = 0.56;

/// A statement without PLOVER content: not scored on gold files, which do
/// not count statements as events; hand coders rarely agree with them.
const STATEMENT: f64 = 0.2;

/// The text names the doer (a known source actor) or does not (the null
/// actor `---` stands in).
const SOURCE_KNOWN: f64 = 1.08;
const SOURCE_MISSING: f64 = 0.80;

/// Planned, hypothetical, threatened or denied acts are right less often
/// than asserted or reported ones.
const SOFT_MODALITY: f64 = 0.65;
const FIRM_MODALITY: f64 = 1.03;

/// The confidence of `record`, in [0, 1], rounded to two decimals.
pub fn confidence(record: &EventRecord) -> f64 {
    confidence_of(
        record.plover.as_ref().map(|p| p.event_type.as_str()),
        &record.source.code,
        record.modality,
    )
}

/// The confidence of an event of PLOVER type `plover` (`None`: a
/// statement) whose source actor is `source` (`---` when missing), with
/// modality `modality`.
fn confidence_of(plover: Option<&str>, source: &str, modality: &str) -> f64 {
    let Some(plover) = plover else {
        return STATEMENT;
    };
    let prior = TYPE_PRIOR
        .iter()
        .find(|(t, _)| *t == plover)
        .map_or(MEAN, |(_, p)| *p);
    let source = if source == "---" {
        SOURCE_MISSING
    } else {
        SOURCE_KNOWN
    };
    let modality = match modality {
        "asserted" | "reported" => FIRM_MODALITY,
        _ => SOFT_MODALITY,
    };
    ((prior * source * modality).clamp(0.0, 1.0) * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::confidence_of;

    #[test]
    fn a_statement_is_low() {
        assert_eq!(confidence_of(None, "IRQGOV", "asserted"), 0.2);
    }

    #[test]
    fn a_reliable_type_with_its_doer_named_is_high() {
        let named = confidence_of(Some("ASSAULT"), "SYRMIL", "asserted");
        let missing = confidence_of(Some("ASSAULT"), "---", "asserted");
        let planned = confidence_of(Some("ASSAULT"), "SYRMIL", "planned");
        assert!(named >= 0.8, "{named}");
        assert!(missing < named && planned < named);
        let unreliable = confidence_of(Some("SUPPORT"), "SYRMIL", "asserted");
        assert!(unreliable < 0.4, "{unreliable}");
    }

    #[test]
    fn every_value_is_a_probability() {
        for ty in [None, Some("ASSAULT"), Some("NOT-A-TYPE")] {
            for source in ["---", "USA"] {
                for modality in ["asserted", "hypothetical"] {
                    let c = confidence_of(ty, source, modality);
                    assert!((0.0..=1.0).contains(&c), "{c}");
                }
            }
        }
    }
}
