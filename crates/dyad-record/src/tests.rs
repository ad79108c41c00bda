//! Tests of the record against its schema.
