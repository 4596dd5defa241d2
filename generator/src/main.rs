//! The `shapegen` command line: `generate`, `check`, `model export`.

use clap::{Args, Parser, Subcommand};
use shapegen::emit::{self, CrateOptions, GeneratedFile};
use shapegen::write::{self, Difference};
use shapegen::{Error, LoadOptions, Loaded};
use std::path::PathBuf;
use std::process::ExitCode;

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
    /// Generate a crate from a model (by default: `generated/` from `model/amplifybackend`).
    Generate(CrateArgs),
    /// Exit 0 when the output folder is exactly what `generate` would write, 1 otherwise.
    Check(CrateArgs),
    /// Work with the derived YAML model.
    #[command(subcommand)]
    Model(ModelCommand),
}

#[derive(Subcommand)]
enum ModelCommand {
    /// Write a model (docs folder or YAML) as a YAML model.
    Export {
        #[command(flatten)]
        input: InputArgs,
        /// The YAML file to write.
        #[arg(short, long)]
        output: PathBuf,
    },
}

#[derive(Args)]
struct InputArgs {
    /// A docs folder (`type_defs.md`, `literals.md`) or a `.yaml` model.
    #[arg(long, default_value = DEFAULT_MODEL)]
    model: PathBuf,
    /// Treat warnings (such as undocumented literal types) as errors.
    #[arg(long)]
    strict: bool,
}

#[derive(Args)]
struct CrateArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The folder of the generated crate.
    #[arg(long, default_value = DEFAULT_OUT)]
    out: PathBuf,
    /// The package name; by default `<service>-shapes`.
    #[arg(long)]
    crate_name: Option<String>,
}

fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Generate(args) => {
            let (out, files) = emit_files(&args)?;
            let report = write::write_files(&out, &files)?;
            eprintln!(
                "{}: {} written, {} unchanged, {} removed",
                out.display(),
                report.written.len(),
                report.unchanged.len(),
                report.removed.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(args) => {
            let (out, files) = emit_files(&args)?;
            let differences = write::differences(&out, &files)?;
            if differences.is_empty() {
                eprintln!("{}: up to date", out.display());
                return Ok(ExitCode::SUCCESS);
            }
            for difference in &differences {
                match difference {
                    Difference::Missing(path) => eprintln!("{}: missing", out.join(path).display()),
                    Difference::Stale(path) => {
                        eprintln!("{}: no longer generated", out.join(path).display())
                    }
                    Difference::Changed {
                        path,
                        line,
                        found,
                        expected,
                    } => {
                        eprintln!("{}:{line}: differs", out.join(path).display());
                        let show = |text: &Option<String>| {
                            text.clone().unwrap_or_else(|| "(end of file)".into())
                        };
                        eprintln!("  - {}\n  + {}", show(found), show(expected));
                    }
                }
            }
            eprintln!(
                "{} file(s) out of date: run `shapegen generate`",
                differences.len()
            );
            Ok(ExitCode::from(1))
        }
        Command::Model(ModelCommand::Export { input, output }) => {
            let loaded = load(&input)?;
            write::write_if_changed(&output, shapegen::yaml::to_string(&loaded.model).as_bytes())?;
            eprintln!("{}: {} shapes", output.display(), loaded.model.shapes.len());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn load(input: &InputArgs) -> Result<Loaded, Error> {
    let options = LoadOptions {
        strict: input.strict,
    };
    let loaded = shapegen::load_model(&input.model, &options)?;
    for warning in &loaded.warnings {
        eprintln!("{warning}");
    }
    Ok(loaded)
}

fn emit_files(args: &CrateArgs) -> Result<(PathBuf, Vec<GeneratedFile>), Error> {
    let loaded = load(&args.input)?;
    let mut options = CrateOptions::for_model(&loaded.model);
    if let Some(name) = &args.crate_name {
        options.name = name.clone();
    }
    Ok((args.out.clone(), emit::emit_crate(&loaded.model, &options)?))
}
