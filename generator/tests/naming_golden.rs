//! [`shapegen::naming::snake_case`] against smithy-rs's own test output: 62,988 AWS shape and
//! member names with the snake_case names the official AWS SDK for Rust gives them.

mod common;

use heck::ToSnakeCase;
use shapegen::naming::snake_case;
use std::collections::BTreeSet;

/// AWS names whose snake_case deliberately differs from smithy-rs's: `(name, reason)`.
const EXCEPTIONS: &[(&str, &str)] = &[];

fn percent(part: usize, total: usize) -> f64 {
    100.0 * part as f64 / total as f64
}

#[test]
fn snake_case_agrees_with_smithy_rs() {
    let golden = common::naming_golden();
    let golden = golden.display();
    let text = std::fs::read_to_string(common::naming_golden())
        .unwrap_or_else(|e| panic!("{golden}: {e}"));
    let mut total = 0;
    let mut heck_agree = 0;
    let mut disagreements = BTreeSet::new();
    for (number, line) in text.lines().enumerate() {
        let (name, expected) = line
            .split_once(',')
            .unwrap_or_else(|| panic!("{golden}:{}: no comma in {line:?}", number + 1));
        total += 1;
        if name.to_snake_case() == expected {
            heck_agree += 1;
        }
        let actual = snake_case(name);
        if actual != expected {
            disagreements.insert(name);
            if !EXCEPTIONS.iter().any(|&(exception, _)| exception == name) {
                println!("disagreement: {name}: smithy-rs {expected}, shapegen {actual}");
            }
        }
    }
    assert!(total > 60_000, "{golden} has only {total} lines");
    let agree = total - disagreements.len();
    println!(
        "naming agreement: {agree}/{total} ({:.3}%)",
        percent(agree, total)
    );
    println!(
        "plain heck::ToSnakeCase, for the record: {heck_agree}/{total} ({:.3}%)",
        percent(heck_agree, total)
    );

    let exceptions: BTreeSet<&str> = EXCEPTIONS.iter().map(|&(name, _)| name).collect();
    assert_eq!(exceptions.len(), EXCEPTIONS.len(), "duplicate exceptions");
    let unexplained: Vec<_> = disagreements.difference(&exceptions).collect();
    assert!(
        unexplained.is_empty(),
        "disagreements not listed as exceptions: {unexplained:?}"
    );
    let stale: Vec<_> = exceptions.difference(&disagreements).collect();
    assert!(
        stale.is_empty(),
        "exceptions that now agree with smithy-rs: {stale:?}"
    );
}
