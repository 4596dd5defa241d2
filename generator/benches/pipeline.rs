//! Median time of each pipeline stage over a whole corpus folder, on one thread.
//!
//! `cargo bench -p shapegen --bench pipeline [-- CORPUS_FOLDER]` (default: the gen-1 folder).
//! Prints one line per stage: the median of 7 runs, and the folder's service and shape counts.
//! Emitting and formatting are one pass (each item is formatted as soon as it is built, so
//! that only one item's syntax tree is alive); the bench times prettyplease alone on the same
//! syntax, parsed from the output beforehand, and emitting is the difference. Writing goes to
//! `SHAPEGEN_BENCH_DIR` if set (a tmpfs such as `/dev/shm` leaves out the disk).

use shapegen::emit::{emit_crate, CrateOptions};
use shapegen::write::{write_files, Others};
use shapegen::{docs, ir::Model, yaml, LoadOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const RUNS: usize = 7;

/// The allocator of the `shapegen` binary, so that stages cost here what they cost there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(mut stage: impl FnMut() -> T) -> (Duration, T) {
    let mut samples = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let started = Instant::now();
        last = Some(stage());
        samples.push(started.elapsed());
    }
    (median(samples), last.expect("at least one run"))
}

fn main() {
    // `cargo bench` passes `--bench`; the first other argument, if any, is the folder.
    let folder = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/corpus/gen1-1.17.62")
        });
    let mut services: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("type_defs.md").exists())
        .collect();
    services.sort();

    let (read, models) = time(|| {
        services
            .iter()
            .map(|s| docs::read_dir(s, &LoadOptions::default()).unwrap().model)
            .collect::<Vec<Model>>()
    });
    let (export, texts) = time(|| models.iter().map(yaml::to_string).collect::<Vec<_>>());
    let (import, _) = time(|| {
        texts
            .iter()
            .map(|t| yaml::from_str(Path::new("m.yaml"), t).unwrap())
            .collect::<Vec<_>>()
    });
    let (emit, files) = time(|| {
        models
            .iter()
            .map(|m| emit_crate(m, &CrateOptions::for_model(m)).unwrap())
            .collect::<Vec<_>>()
    });
    // The floor: prettyplease alone on the same Rust, parsed beforehand.
    let parsed: Vec<syn::File> = files
        .iter()
        .flatten()
        .filter(|f| f.path.extension().is_some_and(|e| e == "rs"))
        .map(|f| syn::parse_file(&f.contents).unwrap())
        .collect();
    let (format, _) = time(|| parsed.iter().map(prettyplease::unparse).collect::<Vec<_>>());
    // Where the write stages write: SHAPEGEN_BENCH_DIR, else the system's temporary folder.
    let scratch_parent = std::env::var_os("SHAPEGEN_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let scratch = tempfile::tempdir_in(scratch_parent).unwrap();
    let folders: Vec<PathBuf> = (0..RUNS)
        .map(|run| scratch.path().join(run.to_string()))
        .collect();
    let mut fresh = folders.iter();
    let write_all = |folder: &Path| {
        for (model, files) in models.iter().zip(&files) {
            write_files(&folder.join(&model.service), files, Others::RemoveStale).unwrap();
        }
    };
    let (write, _) = time(|| write_all(fresh.next().expect("a folder per run")));
    let (rewrite, _) = time(|| write_all(&folders[0]));
    let shapes: usize = models.iter().map(|m| m.shapes.len()).sum();
    let bytes: usize = files.iter().flatten().map(|f| f.contents.len()).sum();
    println!(
        "{}: {} services, {shapes} shapes, {:.1} MB of Rust",
        folder.display(),
        services.len(),
        bytes as f64 / 1e6
    );
    println!("read docs        {read:>10.1?}");
    println!("export YAML      {export:>10.1?}");
    println!("read YAML        {import:>10.1?}");
    println!("emit + format    {emit:>10.1?}");
    println!("  format alone   {format:>10.1?}");
    println!("  emit alone     {:>10.1?}", emit.saturating_sub(format));
    println!("write, new       {write:>10.1?}");
    println!("write, unchanged {rewrite:>10.1?}");
}
