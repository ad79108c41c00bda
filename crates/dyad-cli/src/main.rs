//! The `dyad` command: glue between the pipeline crates and the user.
//!
//! `main` parses arguments, runs one subcommand and maps the outcome to an
//! exit status: 0 on success, 1 when `--strict` saw document errors, 2 on a
//! fatal setup error. A closed pipe on stdout counts as success.

/// `eprintln!` that never panics: a failed write to stderr (a full device,
/// a closed pipe) is ignored, so messages can never abort a run.
macro_rules! err_line {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// `println!` that returns the write's error instead of panicking (use it
/// with `?`); `main` treats a closed stdout pipe as success.
macro_rules! out_line {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($arg)*)
    }};
}

mod args;
mod bench;
mod bench_serve;
mod code;
mod db;
mod dict;
mod eval;
mod eval_events;
mod eval_geo;
mod eval_petrarch;
mod eval_plover;
mod nlp;
mod output;
mod parse;
mod progress;
mod query;
mod serve;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{BenchCommand, Cli, Command, EvalCommand, TrainCommand};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            err_line!("dyad: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Some(threads) = cli.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(usize::try_from(threads)?)
            .build_global()?;
    }
    match cli.command {
        Command::Parse(args) => parse::run(&args),
        Command::Eval(EvalCommand::Segment(args)) => eval::segment(&args),
        Command::Bench(BenchCommand::Segment(args)) => bench::segment(&args),
        Command::Eval(EvalCommand::Parse(args)) => nlp::eval(&args),
        Command::Bench(BenchCommand::Parse(args)) => nlp::bench(&args),
        Command::Train(TrainCommand::Nlp(args)) => nlp::train(&args),
        Command::Dict(command) => dict::run(&command),
        Command::Eval(EvalCommand::Geo(args)) => eval_geo::run(&args),
        Command::Eval(EvalCommand::Plover(args)) => eval_plover::run(&args),
        Command::Eval(EvalCommand::Events(args)) => eval_events::run(&args),
        Command::Code(args) => code::run(&args),
        Command::Eval(EvalCommand::Petrarch(args)) => eval_petrarch::run(&args),
        Command::Bench(BenchCommand::Code(args)) => code::bench(&args),
        Command::Bench(BenchCommand::Serve(args)) => bench_serve::run(&args),
        Command::Db(command) => db::run(&command),
        Command::Query(args) => query::run(&args),
        Command::Serve(args) => serve::run(&args),
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
