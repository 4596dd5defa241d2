//! The exported YAML model reads the same in YAML 1.1 readers (PyYAML, Ruby, many CI tools) as in
//! YAML 1.2 ones: over every service of every corpus folder, each literal value, written plain or
//! quoted, comes back as the same string under YAML 1.1's implicit resolvers, not as a boolean
//! (`OFF`, `no`), a null, a number (`1:20`, `0x1F`) or a date.

mod common;

use regex::Regex;
use shapegen::ir::ShapeKind;
use shapegen::{yaml, LoadOptions};

/// YAML 1.1's implicit types (the spec's and PyYAML's patterns) and YAML 1.2 core's: a plain
/// scalar matching any is not read as a string by some reader.
const NOT_STRINGS: &[&str] = &[
    // bool
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$",
    // null
    r"^(?:~|null|Null|NULL|)$",
    // int
    r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+|0o[0-7]+)$",
    // float
    r"^(?:[-+]?(?:[0-9][0-9_]*)?\.[0-9.]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$",
    // timestamp
    r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$",
    // merge, value
    r"^(?:<<|=)$",
];

/// What a YAML 1.1 reader makes of the item `raw` of a block sequence: `Some(string)` if a string.
fn read_as_yaml_1_1(raw: &str, not_strings: &[Regex]) -> Option<String> {
    if raw.starts_with(['"', '\'']) {
        // Quoted scalars mean the same in 1.1 and 1.2.
        return Some(serde_yaml::from_str(raw).unwrap());
    }
    if not_strings.iter().any(|pattern| pattern.is_match(raw)) {
        return None;
    }
    Some(raw.to_string())
}

#[test]
fn every_literal_value_reads_back_unchanged_in_yaml_1_1() {
    let not_strings: Vec<Regex> = NOT_STRINGS.iter().map(|p| Regex::new(p).unwrap()).collect();
    let mut services = 0;
    let mut values = 0;
    let mut quoted = 0;
    for generation in [
        "gen1-1.17.62",
        "gen2-1.17.64",
        "gen3-1.17.79",
        "gen3b-1.20.50",
        "gen4-1.24.36",
    ] {
        let mut folders: Vec<_> = std::fs::read_dir(common::corpus(generation))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.is_dir())
            .collect();
        folders.sort();
        for folder in folders {
            let model = shapegen::load_model(&folder, &LoadOptions::default())
                .unwrap()
                .model;
            let text = yaml::to_string(&model);
            // The items of every `values:` list, in model order, as written.
            let written: Vec<&str> = text
                .lines()
                .filter_map(|line| line.strip_prefix("    - "))
                .collect();
            let expected: Vec<&String> = model
                .shapes
                .values()
                .filter_map(|shape| match &shape.kind {
                    ShapeKind::Literal(literal) => Some(&literal.values),
                    ShapeKind::Structure(_) => None,
                })
                .flatten()
                .collect();
            assert_eq!(written.len(), expected.len(), "{}", folder.display());
            for (raw, value) in written.iter().zip(expected) {
                assert_eq!(
                    read_as_yaml_1_1(raw, &not_strings).as_ref(),
                    Some(value),
                    "{}: `{raw}`",
                    folder.display()
                );
                quoted += usize::from(raw.starts_with(['"', '\'']));
            }
            services += 1;
            values += written.len();
        }
    }
    println!("{services} services, {values} literal values, {quoted} quoted");
    assert!(
        services > 550 && values > 45_000,
        "{services} services, {values} values"
    );
    // `OFF`, `ON`, `NO`, `no` and others of the corpus need the quotes.
    assert!(quoted > 500, "{quoted}");
}

#[test]
fn the_values_once_exported_plain_are_quoted() {
    let model = shapegen::load_model(
        &common::corpus("gen1-1.17.62/amplifybackend"),
        &LoadOptions::default(),
    )
    .unwrap()
    .model;
    let text = yaml::to_string(&model);
    assert!(text.contains("\n    - 'OFF'\n"), "{text}");
    assert!(!text.contains("\n    - OFF\n"));
    assert_eq!(
        yaml::from_str(std::path::Path::new("amplifybackend.yaml"), &text).unwrap(),
        model
    );
}
