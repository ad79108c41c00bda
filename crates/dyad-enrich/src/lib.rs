//! Enrichment: when and where an event happened.
//!
//! (Overview written below once the API settles.)

mod date;

pub use date::{DateInput, DatePrecision, EventDate, resolve_date};

use dyad_core::Token;

/// A token's word form, or `""` when its span does not fit `text` (never
/// panics on mismatched input).
pub(crate) fn form<'t>(token: &'t Token, text: &'t str) -> &'t str {
    match &token.form {
        Some(form) => form,
        None => text.get(token.span.bytes()).unwrap_or(""),
    }
}
