//! A bounded fuzzing run per target, as CI's share of the fuzzing: a few
//! hundred mutated inputs each, none of which may panic, break a span or
//! hang. Long runs: `cargo run --release -p dyad-fuzz -- --seconds 600`.

use std::time::Duration;

use dyad_fuzz::{Options, Target, fuzz};

#[test]
fn every_target_survives_a_bounded_run() {
    let scratch = std::env::temp_dir().join(format!("dyad-fuzz-test-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap_or_default();
    for target in Target::ALL {
        let report = fuzz(
            target,
            &Options {
                duration: Duration::from_secs(20),
                max_executions: 300,
                seed: 7,
                slow: Duration::from_secs(10),
                scratch: scratch.clone(),
            },
        );
        assert!(report.executions > 0, "{target:?}");
        let found: Vec<&str> = report.findings.iter().map(|f| f.what.as_str()).collect();
        assert!(found.is_empty(), "{target:?}: {found:?}");
    }
    let _ = std::fs::remove_dir_all(&scratch);
}

#[test]
fn mutations_are_deterministic() {
    let mut a = dyad_fuzz::Rng::new(3);
    let mut b = dyad_fuzz::Rng::new(3);
    let tokens: &[&[u8]] = &[b"<", b">"];
    for _ in 0..100 {
        let x = dyad_fuzz::mutate(&mut a, b"<p>hello</p>", b"world", tokens);
        let y = dyad_fuzz::mutate(&mut b, b"<p>hello</p>", b"world", tokens);
        assert_eq!(x, y);
    }
}
