//! The `shapegen` command line: `generate`, `check`, `model export`.

use clap::{Args, Parser, Subcommand};
use shapegen::batch::{self, Applied, Generated};
use shapegen::output::GeneratedFile;
use shapegen::pipeline::{self, CrateJob, Generation};
use shapegen::write::{self, Difference, Others};
use shapegen::{Error, LoadOptions, Loaded, Warning};
use std::fmt::Write as _;
use std::io::{IsTerminal, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

/// glibc's malloc and free were a third of generation's time (perf, gen-1 folder); mimalloc
/// serves the many small syntax-tree nodes faster. Only the binary: a library leaves the
/// allocator to its user.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The model this repository ships; `generate` and `check` use it when given no `--model`.
const DEFAULT_MODEL: &str = "model/amplifybackend";
const DEFAULT_OUT: &str = "generated";

#[derive(Parser)]
#[command(
    name = "shapegen",
    version,
    about = "Rust types from mypy-boto3 structure docs or a YAML model"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a crate from a model (by default: `generated/` from `model/amplifybackend`), or with
    /// several `--model`s, one crate per model under `--out` and a workspace `Cargo.toml` there.
    Generate(CrateArgs),
    /// Exit 0 when the output folder is exactly what `generate` would write, 1 otherwise.
    Check(CrateArgs),
    /// Work with the derived YAML model.
    #[command(subcommand)]
    Model(ModelCommand),
    /// List the API changes from OLD to NEW (docs folders or YAML models, any format generation),
    /// each classified by its effect on the generated crate, and the version bump they call for.
    Diff {
        old: PathBuf,
        new: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Treat warnings (such as undocumented literal types) as errors.
        #[arg(long)]
        strict: bool,
        /// Exit 1 when the changes call for at least this bump (`major`: a breaking change), so
        /// that CI can stop on it without reading the output.
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
    },
    /// Regenerate `--out` from a new model, bump its version by what changed since the model it
    /// was generated from, record the version in the model's overlay and prepend the changelog entry
    /// to `<out>/CHANGELOG.md`.
    Update {
        #[arg(long, default_value = DEFAULT_MODEL)]
        model: PathBuf,
        #[arg(long, default_value = DEFAULT_OUT)]
        out: PathBuf,
        /// Only report what would change.
        #[arg(long)]
        dry_run: bool,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[arg(long)]
        strict: bool,
        /// The boto3 release the new model documents, recorded in the overlay as
        /// `boto3_version` and named in the changelog and the crate's description.
        #[arg(long, value_name = "VERSION")]
        boto3_version: Option<String>,
        /// The changelog entry's date, YYYY-MM-DD; by default the day of `SOURCE_DATE_EPOCH`
        /// if set, else today (UTC).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[command(flatten)]
        botocore: BotocoreArg,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FailOn {
    Major,
    Minor,
    Patch,
}

impl FailOn {
    fn bump(self) -> shapegen::diff::Bump {
        match self {
            FailOn::Major => shapegen::diff::Bump::Major,
            FailOn::Minor => shapegen::diff::Bump::Minor,
            FailOn::Patch => shapegen::diff::Bump::Patch,
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// For people.
    Text,
    /// For tools: `{"bump": ..., "changes": [{"kind", "effect", "shape", "field", "detail",
    /// "rust", "rust_detail", "renamed_from"}]}`.
    Json,
    /// A changelog entry (`diff`: headed `[Unreleased]`).
    Markdown,
}

#[derive(Subcommand)]
enum ModelCommand {
    /// Write a model (docs folder or YAML) as a YAML model.
    Export {
        /// A docs folder (`type_defs.md`, `literals.md`) or a `.yaml` model.
        #[arg(long, default_value = DEFAULT_MODEL)]
        model: PathBuf,
        /// Treat warnings (such as undocumented literal types) as errors.
        #[arg(long)]
        strict: bool,
        /// The file to write; `-` for standard output.
        #[arg(short, long)]
        output: PathBuf,
        /// `yaml`: the derived YAML model; `json-schema`: a JSON Schema with one definition per shape.
        #[arg(long, value_enum, default_value_t = ExportFormat::Yaml)]
        format: ExportFormat,
        #[command(flatten)]
        botocore: BotocoreArg,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    Yaml,
    JsonSchema,
}

#[derive(Args)]
struct CrateArgs {
    /// A docs folder (`type_defs.md`, `literals.md`) or a `.yaml` model; repeat for several.
    #[arg(long, default_value = DEFAULT_MODEL)]
    model: Vec<PathBuf>,
    /// Treat warnings (such as undocumented literal types) as errors.
    #[arg(long)]
    strict: bool,
    /// The folder of the generated crate (of the workspace, with several models).
    #[arg(long, default_value = DEFAULT_OUT)]
    out: PathBuf,
    /// The package name; by default `<service>-shapes`. Only with a single model.
    #[arg(long)]
    crate_name: Option<String>,
    /// How many models to process at once; by default one per core.
    #[arg(long, value_parser = parse_jobs)]
    jobs: Option<usize>,
    #[command(flatten)]
    botocore: BotocoreArg,
}

#[derive(Args)]
struct BotocoreArg {
    /// A botocore `service-2.json` to enrich the model from (docs, sensitivity, constraints), in
    /// place of the one its overlay names with `botocore:`.
    #[arg(long, value_name = "PATH")]
    botocore: Option<PathBuf>,
}

impl BotocoreArg {
    fn options(&self, strict: bool) -> LoadOptions {
        LoadOptions {
            strict,
            botocore: self.botocore.clone(),
        }
    }
}

fn parse_jobs(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err(
            "at least 1 model must be processed at a time; leave --jobs out for one per core"
                .into(),
        ),
        Ok(jobs) => Ok(jobs),
        Err(_) => Err(format!(
            "expected a whole number of models to process at once, found `{text}`"
        )),
    }
}

fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{}", error.render(color()));
            ExitCode::FAILURE
        }
    }
}

/// Whether to colour what goes to stderr: on a terminal, unless `NO_COLOR` says otherwise.
fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").map_or(true, |v| v.is_empty())
}

fn print_warnings(warnings: &[Warning]) {
    for warning in warnings {
        eprintln!("{}", warning.render(color()));
    }
}

/// `count noun`, the noun in the plural unless `count` is 1.
fn counted(count: usize, noun: &str) -> String {
    format!("{count} {noun}{}", if count == 1 { "" } else { "s" })
}

/// Every model given on the command line exists. Run with no `--model` outside the repository, the
/// default model is missing: say what to pass rather than only "not found".
fn check_models(models: &[PathBuf]) -> Result<(), Error> {
    for model in models {
        if model.exists() {
            continue;
        }
        let error = Error::new(format!("no model at `{}`", model.display()));
        return Err(if model.as_os_str() == DEFAULT_MODEL {
            error.with_hint(format!(
                "with no --model, shapegen regenerates the repository's own `{DEFAULT_OUT}/` from `{DEFAULT_MODEL}`, so it must run from the shapegen repository root; elsewhere pass --model DOCS_FOLDER_OR_MODEL.yaml and --out DIR"
            ))
        } else {
            error.with_hint("pass a docs folder (holding `type_defs.md` and `literals.md`) or a `.yaml` model written by `shapegen model export`")
        });
    }
    Ok(())
}

fn run(command: Command) -> Result<ExitCode, Error> {
    match &command {
        Command::Generate(args) | Command::Check(args) => check_models(&args.model)?,
        Command::Update { model, .. } | Command::Model(ModelCommand::Export { model, .. }) => {
            check_models(std::slice::from_ref(model))?
        }
        Command::Diff { old, new, .. } => check_models(&[old.clone(), new.clone()])?,
    }
    match command {
        Command::Generate(args) if args.model.len() == 1 => {
            let out = &args.out;
            match pipeline::generate(&single_job(&args, &options(&args)), &|| waiting(out))? {
                Generation::Skipped { unchanged } => eprintln!(
                    "{}: 0 written, {unchanged} unchanged, 0 removed (model and crate as last generated)",
                    out.display(),
                ),
                Generation::Written { warnings, report } => {
                    print_warnings(&warnings);
                    eprintln!(
                        "{}: {} written, {} unchanged, {} removed",
                        out.display(),
                        report.written.len(),
                        report.unchanged.len(),
                        report.removed.len()
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(args) if args.model.len() == 1 => {
            let (warnings, differences) = pipeline::check(&single_job(&args, &options(&args)))?;
            print_warnings(&warnings);
            Ok(report_differences(&args.out, &differences))
        }
        Command::Generate(args) => {
            let summary = run_many(&args, true, |out, files, others| {
                let report = write::write_files(out, files, others)?;
                Ok(Applied {
                    changed: report.written.len() + report.removed.len(),
                    report: String::new(),
                })
            })?;
            Ok(exit_code(summary.failed))
        }
        Command::Check(args) => {
            let summary = run_many(&args, false, |out, files, others| {
                let differences = write::differences(out, files, others)?;
                Ok(Applied {
                    changed: differences.len(),
                    report: differences_text(out, &differences),
                })
            })?;
            Ok(exit_code(summary.failed || summary.changed > 0))
        }
        Command::Diff {
            old,
            new,
            format,
            strict,
            fail_on,
        } => {
            let options = LoadOptions {
                strict,
                ..LoadOptions::default()
            };
            let diff =
                shapegen::diff::diff(&load(&old, &options)?.model, &load(&new, &options)?.model);
            print!("{}", render(&diff, format));
            match fail_on.map(FailOn::bump) {
                Some(level) if diff.bump >= level => {
                    eprintln!(
                        "the changes call for a {} bump, at least the {} that --fail-on stops on",
                        diff.bump.as_str(),
                        level.as_str()
                    );
                    Ok(ExitCode::FAILURE)
                }
                _ => Ok(ExitCode::SUCCESS),
            }
        }
        Command::Update {
            model,
            out,
            dry_run,
            format,
            strict,
            boto3_version,
            date,
            botocore,
        } => {
            let release = shapegen::update::Release {
                date: shapegen::update::release_date(date.as_deref())?,
                boto3_version,
            };
            // The crate's model snapshot, read by the plan, must be the one the write replaces.
            let _lock = if dry_run {
                None
            } else {
                Some(write::lock_output(&out, Others::RemoveStale, &|| {
                    waiting(&out)
                })?)
            };
            let update = shapegen::update::plan(&model, &out, &botocore.options(strict), &release)?;
            print_warnings(&update.loaded.warnings);
            match format {
                Format::Markdown if !update.changelog_entry.is_empty() => {
                    print!("{}", update.changelog_entry)
                }
                _ => print!("{}", render(&update.diff, format)),
            }
            if release.boto3_version.is_some() && update.boto3_version.is_none() {
                eprintln!("no API change, nothing to release: --boto3-version is not recorded");
            }
            if dry_run {
                eprintln!(
                    "dry run: {} would go from {} to {}",
                    out.display(),
                    update.old_version,
                    update.new_version
                );
            } else {
                let report = shapegen::update::apply(&update, &out)?;
                eprintln!(
                    "{}: {} → {}, {} files written",
                    out.display(),
                    update.old_version,
                    update.new_version,
                    report.written.len()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Model(ModelCommand::Export {
            model,
            strict,
            output,
            format,
            botocore,
        }) => {
            let loaded = load(&model, &botocore.options(strict))?;
            let text = match format {
                ExportFormat::Yaml => shapegen::yaml::to_string(&loaded.model),
                ExportFormat::JsonSchema => {
                    let schema = shapegen::json_schema::to_value(&loaded.model);
                    serde_json::to_string_pretty(&schema).expect("a schema always serializes")
                        + "\n"
                }
            };
            let shapes = counted(loaded.model.shapes.len(), "shape");
            if output.as_os_str() == "-" {
                let mut stdout = std::io::stdout().lock();
                stdout
                    .write_all(text.as_bytes())
                    .and_then(|()| stdout.flush())
                    .map_err(|e| Error::new(format!("cannot write to standard output: {e}")))?;
                eprintln!("standard output: {shapes}");
            } else {
                write::write_if_changed(&output, text.as_bytes())?;
                eprintln!("{}: {shapes}", output.display());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn render(diff: &shapegen::diff::Diff, format: Format) -> String {
    match format {
        Format::Text => diff.to_text(),
        Format::Json => {
            serde_json::to_string_pretty(diff).expect("a diff always serializes") + "\n"
        }
        Format::Markdown => diff.to_markdown("[Unreleased]", ""),
    }
}

fn load(model: &Path, options: &LoadOptions) -> Result<Loaded, Error> {
    let loaded = shapegen::load_model(model, options)?;
    print_warnings(&loaded.warnings);
    Ok(loaded)
}

fn options(args: &CrateArgs) -> LoadOptions {
    args.botocore.options(args.strict)
}

/// The job of a single `--model`.
fn single_job<'a>(args: &'a CrateArgs, options: &'a LoadOptions) -> CrateJob<'a> {
    CrateJob {
        model: &args.model[0],
        out: &args.out,
        options,
        crate_name: args.crate_name.as_deref(),
    }
}

struct Summary {
    /// Files written or removed (`generate`), or found out of date (`check`).
    changed: usize,
    /// Whether any model failed.
    failed: bool,
}

fn exit_code(failure: bool) -> ExitCode {
    if failure {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Runs every model ([`batch::run`]), then prints their warnings, reports and errors together,
/// in model order. `record`: `generate` (cached, written); without, `check`.
fn run_many(
    args: &CrateArgs,
    record: bool,
    apply: impl Fn(&Path, &[GeneratedFile], Others) -> Result<Applied, Error> + Sync,
) -> Result<Summary, Error> {
    if args.crate_name.is_some() {
        return Err(Error::new(
            "--crate-name names one crate; with several models each is named `<service>-shapes`",
        ));
    }
    if args.botocore.botocore.is_some() {
        return Err(Error::new(
            "--botocore names one service's model; with several models, name each one's in its overlay (`botocore: PATH`)",
        ));
    }
    let threads = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let progress = Progress::new(args.model.len());
    let run = batch::run(
        &args.model,
        &options(args),
        threads,
        &args.out,
        record,
        &|model| progress.advance(model),
        &|| waiting(&args.out),
        &apply,
    )?;
    progress.finish();

    let mut errors = Vec::new();
    let mut generated: Vec<Generated> = Vec::new();
    for result in run.crates {
        match result {
            Ok(krate) => {
                print_warnings(&krate.warnings);
                eprint!("{}", krate.applied.report);
                generated.push(krate);
            }
            Err(error) => errors.push(error.render(color())),
        }
    }
    let mut changed: usize = generated.iter().map(|k| k.applied.changed).sum();
    match run.manifest {
        Ok(applied) => {
            eprint!("{}", applied.report);
            changed += applied.changed;
        }
        Err(error) => errors.push(error.render(color())),
    }
    let skipped = generated.iter().filter(|k| k.skipped).count();
    eprintln!(
        "{}: {}, {} changed, {} failed, {skipped} skipped as unchanged",
        args.out.display(),
        counted(generated.len(), "crate"),
        counted(changed, "file"),
        counted(errors.len(), "model"),
    );
    for error in &errors {
        eprintln!("{error}");
    }
    Ok(Summary {
        changed,
        failed: !errors.is_empty(),
    })
}

/// Said while another run has the output folder and this one waits for it.
fn waiting(out: &Path) {
    eprintln!(
        "{}: waiting for another shapegen run on this folder to finish",
        out.display()
    );
}

fn report_differences(out: &Path, differences: &[Difference]) -> ExitCode {
    if differences.is_empty() {
        eprintln!("{}: up to date", out.display());
        return ExitCode::SUCCESS;
    }
    print_differences(out, differences);
    eprintln!(
        "{} out of date: run `shapegen generate`",
        counted(differences.len(), "file")
    );
    ExitCode::from(1)
}

fn print_differences(out: &Path, differences: &[Difference]) {
    eprint!("{}", differences_text(out, differences));
}

/// A line for each difference, and for a changed file its first differing line.
fn differences_text(out: &Path, differences: &[Difference]) -> String {
    let mut text = String::new();
    for difference in differences {
        let _ = match difference {
            Difference::Missing(path) => writeln!(text, "{}: missing", out.join(path).display()),
            Difference::Stale(path) => {
                writeln!(text, "{}: no longer generated", out.join(path).display())
            }
            Difference::Changed {
                path,
                line,
                found,
                expected,
            } => {
                let show =
                    |text: &Option<String>| text.clone().unwrap_or_else(|| "(end of file)".into());
                writeln!(
                    text,
                    "{}:{line}: differs\n  - {}\n  + {}",
                    out.join(path).display(),
                    show(found),
                    show(expected)
                )
            }
        };
    }
    text
}

/// A one-line progress bar on a terminal; nothing when stderr is a file or a pipe.
struct Progress {
    total: usize,
    done: AtomicUsize,
    terminal: bool,
}

impl Progress {
    fn new(total: usize) -> Self {
        Progress {
            total,
            done: AtomicUsize::new(0),
            terminal: std::io::stderr().is_terminal(),
        }
    }

    fn advance(&self, model: &Path) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if self.terminal {
            let width = 30;
            let filled = done * width / self.total.max(1);
            let name = model.file_name().unwrap_or_default().to_string_lossy();
            let mut stderr = std::io::stderr().lock();
            let _ = write!(
                stderr,
                "\r\x1b[2K[{}{}] {done}/{} {name}",
                "=".repeat(filled),
                " ".repeat(width - filled),
                self.total
            );
            let _ = stderr.flush();
        }
    }

    fn finish(&self) {
        if self.terminal {
            eprint!("\r\x1b[2K");
        }
    }
}
