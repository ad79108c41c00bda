//! An event's `confidence`: how likely it is to be right, from what its
//! coding rests on.
//!
//! The value is the share of events like it that were right on real news:
//! the type-level precision of events of its PLOVER type whose source the
//! text names, or of those whose source it does not (each smoothed toward
//! the type's precision, four events' weight; the type's own toward the
//! mean over all types, eight events' weight), times a factor for a soft
//! modality. The figures were measured on the hand-coded Guardian events
//! (`shared/gold-events.md`) with `dyad eval events --gold …` in its
//! default configuration; `dyad eval events` prints the calibration table
//! (events binned by confidence, share right per bin) so it can be checked
//! on any gold file.

use crate::EventRecord;

/// Type-level precision per PLOVER type, smoothed, of events whose source
/// actor is known and of those whose source is the null actor `---`; types
/// in the order of `dyad_cameo::PloverType::ALL` names.
const TYPE_PRIOR: &[(&str, f64, f64)] = &[
    ("ACCUSE", 0.85, 0.52),
    ("AGREE", 0.5, 0.41),
    ("AID", 0.47, 0.45),
    ("ASSAULT", 0.74, 0.72),
    ("COERCE", 0.38, 0.3),
    ("CONCEDE", 0.51, 0.41),
    ("CONSULT", 0.63, 0.47),
    ("COOPERATE", 0.54, 0.42),
    ("MOBILIZE", 0.67, 0.47),
    ("PROTEST", 0.52, 0.42),
    ("REJECT", 0.8, 0.53),
    ("REQUEST", 0.88, 0.8),
    ("RETREAT", 0.55, 0.35),
    ("SANCTION", 0.37, 0.37),
    ("SUPPORT", 0.31, 0.18),
    ("THREATEN", 0.65, 0.24),
];

/// The mean type-level precision, for a type the table lacks.
const MEAN: f64 = 0.58;

/// A statement without PLOVER content: not scored on gold files, which do
/// not count statements as events; hand coders rarely agree with them.
const STATEMENT: f64 = 0.2;

/// Planned, hypothetical, threatened or denied acts are right less often
/// than asserted or reported ones (0.33 against 0.61 on the gold set).
const SOFT_MODALITY: f64 = 0.55;

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
    let missing = source == "---";
    let prior =
        TYPE_PRIOR
            .iter()
            .find(|(t, _, _)| *t == plover)
            .map_or(
                MEAN,
                |(_, known, unknown)| if missing { *unknown } else { *known },
            );
    let modality = match modality {
        "asserted" | "reported" => 1.0,
        _ => SOFT_MODALITY,
    };
    ((prior * modality).clamp(0.0, 1.0) * 100.0).round() / 100.0
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
        let named = confidence_of(Some("REQUEST"), "SYRMIL", "asserted");
        let missing = confidence_of(Some("REQUEST"), "---", "asserted");
        let planned = confidence_of(Some("REQUEST"), "SYRMIL", "planned");
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
