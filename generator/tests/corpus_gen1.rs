//! Every gen-1 corpus service: docs → IR equals docs → YAML → IR, and the crate for it is emitted.

mod common;

use shapegen::emit::{emit_crate, CrateOptions};
use shapegen::{docs, yaml, LoadOptions};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn gen1_services() -> Vec<PathBuf> {
    let folder = common::corpus("gen1-1.17.62");
    let mut services: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    services.sort();
    services
}

#[test]
fn every_gen1_service_round_trips_through_yaml_and_emits() {
    let services = gen1_services();
    assert_eq!(
        services.len(),
        199,
        "the gen-1 corpus folder lost or gained services"
    );
    let (mut shapes, mut files) = (0, 0);
    let started = Instant::now();
    for service in &services {
        let model = docs::read_dir(service, &LoadOptions::default())
            .unwrap_or_else(|e| panic!("{e}"))
            .model;
        let text = yaml::to_string(&model);
        let again =
            yaml::from_str(Path::new("exported.yaml"), &text).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            again == model,
            "{}: the YAML round trip changed the model",
            service.display()
        );
        assert_eq!(
            yaml::to_string(&again),
            text,
            "{}: export is not stable",
            service.display()
        );

        let emitted =
            emit_crate(&model, &CrateOptions::for_model(&model)).unwrap_or_else(|e| panic!("{e}"));
        shapes += model.shapes.len();
        files += emitted.len();
    }
    println!(
        "gen1: {} services, {shapes} shapes, {files} files: read + YAML round trip + emit in {:?}",
        services.len(),
        started.elapsed()
    );
}

#[test]
fn emitting_is_deterministic() {
    let service = common::corpus("gen1-1.17.62/dynamodb");
    let model = docs::read_dir(&service, &LoadOptions::default())
        .unwrap()
        .model;
    let options = CrateOptions::for_model(&model);
    assert_eq!(
        emit_crate(&model, &options).unwrap(),
        emit_crate(&model, &options).unwrap()
    );
}
