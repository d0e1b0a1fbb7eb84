//! The `warta` binary: argument parsing, logging setup, and turning errors into exit codes.
//! Everything else lives in the library.

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use warta::config::Config;

#[derive(Parser)]
#[command(
    name = "warta",
    version,
    about = "Streaming news-feed processor: clean, tag and classify articles dropped into an inbox",
    long_about = "warta watches an inbox folder. Every article file that lands there (plain text, HTML, \
JSON, JSON Lines, RSS/Atom) is cleaned of page junk, tagged with people, places, organisations, \
cited outlets and dates, classified into topics, and written as one JSON document per article \
to the outbox. Inputs move to inbox/.processed/ once their output is durable, or to \
inbox/.failed/ with NAME.error.json saying why.\n\nQuick start: `warta run` watches ./inbox and \
writes ./outbox; `warta process FILE...` prints the enriched articles as JSON Lines."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the daemon: process what is in the inbox, then every file that arrives, until
    /// SIGINT/SIGTERM (a second signal exits at once; nothing is lost either way).
    Run(RunArgs),
    /// Print the enriched articles of FILEs as JSON Lines on stdout; moves nothing.
    /// Exit 0 when every file was processed, 1 when any was rejected.
    Process(ProcessArgs),
    /// Measure topic classification on a labelled JSON Lines set: precision, recall, F1 per
    /// topic and the confusions.
    Eval(EvalArgs),
    /// How the inbox is doing: files waiting, in flight, processed, failed (with the latest
    /// reasons), and whether a daemon holds it.
    Status(StatusArgs),
    /// Move failed inputs back into the inbox (after fixing the cause); their error files go.
    Retry(RequeueArgs),
    /// Move processed inputs back into the inbox to run them again with changed rules.
    /// Output ids are content hashes: outputs are replaced, never duplicated.
    Reprocess(RequeueArgs),
    /// Ask the daemon holding the inbox to reload its config and rules (sends SIGHUP).
    Reload(InboxArg),
    /// The message broker (NATS JetStream) for many workers: streams, publishing, forwarding.
    #[command(subcommand)]
    Nats(NatsCommand),
    /// Print the JSON Schema of the output (warta.article.v1).
    Schema,
    /// Print shell completions.
    Completions {
        #[arg(value_parser = ["bash", "zsh", "fish", "elvish", "powershell"])]
        shell: String,
    },
    /// Print the man page (roff).
    Man,
}

#[derive(Subcommand)]
enum NatsCommand {
    /// Create or update the streams WARTA_IN, WARTA_OUT and WARTA_FAILED and the workers'
    /// durable consumer. Safe to run again.
    Init(NatsArgs),
    /// Publish files (and the files in folders) to WARTA_IN and wait for every broker ack.
    /// Exit 0 when the broker took them all, 1 naming each file it did not take.
    Publish {
        #[command(flatten)]
        nats: NatsArgs,
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Forward a drop folder to WARTA_IN as a daemon: files are claimed as by `warta run`
    /// and move to .processed/ only after the broker's ack.
    Forward {
        #[command(flatten)]
        nats: NatsArgs,
        /// The drop folder.
        #[arg(long, default_value = "inbox")]
        inbox: PathBuf,
        /// Forward what is in the folder at start, then exit.
        #[arg(long)]
        once: bool,
        #[command(flatten)]
        log: LogArgs,
    },
}

#[derive(Args)]
struct NatsArgs {
    /// Broker URL [default: nats.url from the config, or WARTA_NATS_URL, or nats://127.0.0.1:4222].
    #[arg(long, value_name = "URL")]
    nats: Option<String>,
    /// TOML config file ([nats] settings, credentials and TLS).
    #[arg(long)]
    config: Option<PathBuf>,
}

#[derive(Args)]
struct InboxArg {
    /// The inbox folder.
    #[arg(long, default_value = "inbox")]
    inbox: PathBuf,
}

#[derive(Args)]
struct StatusArgs {
    #[command(flatten)]
    inbox: InboxArg,
    /// One JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// The broker's counts instead of the inbox's: pending, in flight, redelivered,
    /// dead-lettered (URL as for `warta nats`).
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "")]
    nats: Option<String>,
    /// TOML config file (for --nats: [nats] settings).
    #[arg(long)]
    config: Option<PathBuf>,
}

#[derive(Args)]
struct RequeueArgs {
    #[command(flatten)]
    inbox: InboxArg,
    /// Every file.
    #[arg(long, conflicts_with = "names")]
    all: bool,
    /// File names (as they appear in .failed/ or .processed/).
    #[arg(required_unless_present = "all")]
    names: Vec<std::ffi::OsString>,
}

#[derive(Args)]
struct RunArgs {
    /// Folder to watch [default: inbox, or inbox.path from the config].
    #[arg(long)]
    inbox: Option<PathBuf>,
    /// Folder for enriched JSON [default: outbox, or outbox.path from the config].
    #[arg(long)]
    outbox: Option<PathBuf>,
    /// TOML config file (see warta.example.toml); flags override it.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Process what is in the inbox at start, then exit 0.
    #[arg(long)]
    once: bool,
    /// Do not sync outputs to disk (faster; a crash may lose the last outputs, never duplicate).
    #[arg(long)]
    no_sync: bool,
    /// Serve Prometheus metrics, /healthz and /readyz at this address (e.g. 127.0.0.1:9464).
    #[arg(long, value_name = "ADDR")]
    metrics: Option<String>,
    /// Where articles come from: the inbox folder, or the broker's WARTA_IN stream as one of
    /// many workers [default: source.kind from the config, else folder].
    #[arg(long, value_parser = ["folder", "nats"])]
    source: Option<String>,
    /// Where enriched articles go [default: the source's kind].
    #[arg(long, value_parser = ["folder", "nats"])]
    sink: Option<String>,
    /// Broker URL for --source nats.
    #[arg(long, value_name = "URL")]
    nats: Option<String>,
    #[command(flatten)]
    log: LogArgs,
}

#[derive(Args)]
struct LogArgs {
    /// Log format: auto (JSON when stderr is not a terminal), json or text.
    #[arg(long, value_parser = ["auto", "json", "text"])]
    log_format: Option<String>,
    /// Log level or filter (error, warn, info, debug, trace, or "warta=debug"); RUST_LOG wins.
    #[arg(long)]
    log_level: Option<String>,
    /// Also append JSON log lines to this file, rotated daily (for tail -f).
    #[arg(long)]
    log_file: Option<PathBuf>,
}

#[derive(Args)]
struct ProcessArgs {
    /// Pretty-print each article (one JSON object per article, still one per file item).
    #[arg(long)]
    pretty: bool,
    /// List every line cleaning removed, with its rule, under cleaning.removed.
    #[arg(long)]
    debug_clean: bool,
    /// Print only the cleaned text of each article (title first), not JSON: for extraction
    /// scorers and a quick look.
    #[arg(long, conflicts_with = "pretty")]
    text: bool,
    /// TOML config file (rules and limits are taken from it).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Input files.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

#[derive(Args)]
struct EvalArgs {
    /// Labelled set: a folder with manifest.tsv (and lines.tsv, entities.tsv, articles/),
    /// or a JSON Lines file of {"text" or "path", "title", "labels": {"topic": "yes"|"no"|"either"}}.
    set: PathBuf,
    /// TOML config file (extra topics are evaluated too).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Print the result as one JSON object.
    #[arg(long)]
    json: bool,
    /// List every line, title and entity the rules got wrong (topic errors are always listed).
    #[arg(long)]
    errors: bool,
    /// List the errors of these splits too; by default a test split is scored, not listed.
    #[arg(long, value_name = "SPLIT")]
    show_errors_of: Vec<String>,
}

fn load_config(path: Option<&PathBuf>) -> anyhow::Result<Config> {
    match path {
        None => Ok(Config::default()),
        Some(p) => {
            let mut cfg = Config::load(p)?;
            if let Some(dir) = p.parent() {
                cfg.resolve_relative(dir);
            }
            Ok(cfg)
        }
    }
}

/// glibc raises its mmap threshold each time a large block is freed; from then on large
/// buffers come from the per-thread heaps, which fragment, and a daemon's memory creeps up
/// with uptime (measured: peak RSS 36% higher after a 200 000-file backlog than after
/// 20 000; 20% with the fix, see the README). Fixing the threshold at glibc's own starting
/// value keeps large buffers in maps of their own, returned on free.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn fix_malloc_threshold() {
    // SAFETY: mallopt only sets allocator parameters; it runs before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn fix_malloc_threshold() {}

fn main() -> ExitCode {
    fix_malloc_threshold();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Run(a) => run(a),
        Command::Process(a) => process(a),
        Command::Eval(a) => eval(a),
        Command::Status(a) => status(a),
        Command::Retry(a) => requeue(a, true),
        Command::Reprocess(a) => requeue(a, false),
        Command::Reload(a) => reload(a),
        Command::Nats(c) => nats(c),
        Command::Schema => emit(warta::article::JSON_SCHEMA),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let Ok(shell) = shell.parse::<clap_complete::Shell>() else {
                return ExitCode::from(2);
            };
            clap_complete::generate(shell, &mut Cli::command(), "warta", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Man => {
            use clap::CommandFactory;
            match clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(_) => ExitCode::from(1),
            }
        }
    }
}

fn status(a: StatusArgs) -> ExitCode {
    if let Some(url) = a.nats {
        let url = Some(url).filter(|u| !u.is_empty());
        let cfg = match nats_config(a.config.as_ref(), url) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("warta: {e:#}");
                return ExitCode::from(2);
            }
        };
        return match block_on(warta::nats::status(&cfg.nats)) {
            Ok(Ok(s)) => emit(&if a.json {
                serde_json::to_string(&s).unwrap_or_default() + "\n"
            } else {
                s.text()
            }),
            Ok(Err(e)) => {
                eprintln!("warta: {e}");
                ExitCode::from(1)
            }
            Err(code) => code,
        };
    }
    match warta::service::status(&a.inbox.inbox) {
        Ok(s) => emit(&if a.json {
            serde_json::to_string(&s).unwrap_or_default() + "\n"
        } else {
            s.text()
        }),
        Err(e) => {
            eprintln!("warta: {e}");
            ExitCode::from(1)
        }
    }
}

fn requeue(a: RequeueArgs, from_failed: bool) -> ExitCode {
    let names = if a.all { Vec::new() } else { a.names };
    match warta::service::requeue(&a.inbox.inbox, from_failed, &names) {
        Ok(moved) => {
            for m in &moved {
                println!("{m}");
            }
            eprintln!(
                "warta: {} file(s) moved back into {}",
                moved.len(),
                a.inbox.inbox.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("warta: {e}");
            ExitCode::from(1)
        }
    }
}

fn reload(a: InboxArg) -> ExitCode {
    match warta::service::holder(&a.inbox) {
        Some(pid) => {
            // SAFETY: kill with a pid read from the lock file and a valid signal.
            if unsafe { libc::kill(pid as i32, libc::SIGHUP) } == 0 {
                eprintln!("warta: asked pid {pid} to reload");
                ExitCode::SUCCESS
            } else {
                eprintln!(
                    "warta: cannot signal pid {pid}: {}",
                    std::io::Error::last_os_error()
                );
                ExitCode::from(1)
            }
        }
        None => {
            eprintln!("warta: no daemon holds {}", a.inbox.display());
            ExitCode::from(1)
        }
    }
}

/// The config with the broker's environment and `--nats URL` on top.
fn nats_config(path: Option<&PathBuf>, url: Option<String>) -> anyhow::Result<Config> {
    let mut cfg = load_config(path)?;
    warta::nats::apply_env(&mut cfg.nats);
    if let Some(u) = url {
        cfg.nats.url = u;
    }
    cfg.validate(
        path.map(|p| p.as_path())
            .unwrap_or(std::path::Path::new("command line")),
    )?;
    Ok(cfg)
}

fn runtime() -> Result<tokio::runtime::Runtime, ExitCode> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            eprintln!("warta: cannot start runtime: {e}");
            ExitCode::from(1)
        })
}

fn block_on<F: std::future::Future>(f: F) -> Result<F::Output, ExitCode> {
    Ok(runtime()?.block_on(f))
}

fn nats(c: NatsCommand) -> ExitCode {
    let args = match &c {
        NatsCommand::Init(n)
        | NatsCommand::Publish { nats: n, .. }
        | NatsCommand::Forward { nats: n, .. } => n,
    };
    let mut cfg = match nats_config(args.config.as_ref(), args.nats.clone()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("warta: {e:#}");
            return ExitCode::from(2);
        }
    };
    let broker_failed = |e: warta::error::Error| {
        eprintln!("warta: {e}");
        ExitCode::from(1)
    };
    match c {
        NatsCommand::Init(_) => match block_on(warta::nats::init(&cfg.nats)) {
            Ok(Ok(done)) => {
                for d in done {
                    println!("{d}");
                }
                ExitCode::SUCCESS
            }
            Ok(Err(e)) => broker_failed(e),
            Err(code) => code,
        },
        NatsCommand::Publish { paths, .. } => {
            let max = cfg.limits.max_file_bytes;
            match block_on(warta::nats::publish_paths(&cfg.nats, &paths, max)) {
                Ok(Ok(r)) => {
                    for (p, why) in &r.failed {
                        eprintln!("warta: not taken: {}: {why}", p.display());
                    }
                    eprintln!(
                        "warta: {} stored, {} already there, {} not taken",
                        r.stored,
                        r.duplicates,
                        r.failed.len()
                    );
                    if r.failed.is_empty() {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::from(1)
                    }
                }
                Ok(Err(e)) => broker_failed(e),
                Err(code) => code,
            }
        }
        NatsCommand::Forward {
            inbox, once, log, ..
        } => {
            cfg.inbox.path = inbox;
            let _guard = match init_logging(&mut cfg, log) {
                Ok(g) => g,
                Err(code) => return code,
            };
            // Signal handlers need the runtime: they are made inside it.
            let forward = async move {
                let shutdown = warta::daemon::signals();
                warta::nats::forward(cfg, once, shutdown).await
            };
            match block_on(forward) {
                Ok(Ok(_)) => ExitCode::SUCCESS,
                Ok(Err(e)) => {
                    tracing::error!(error = %e, error_type = %e.kind(), "forward stopped");
                    broker_failed(e)
                }
                Err(code) => code,
            }
        }
    }
}

fn init_logging(cfg: &mut Config, log: LogArgs) -> Result<warta::logging::Guard, ExitCode> {
    if let Some(f) = log.log_format {
        cfg.log.format = f;
    }
    if let Some(l) = log.log_level {
        cfg.log.level = l;
    }
    if let Some(f) = log.log_file {
        cfg.log.file = Some(f);
    }
    warta::logging::init(&cfg.log).map_err(|e| {
        eprintln!("warta: {e}");
        ExitCode::from(2)
    })
}

fn run(a: RunArgs) -> ExitCode {
    let mut cfg = match load_config(a.config.as_ref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("warta: {e:#}");
            return ExitCode::from(2);
        }
    };
    warta::nats::apply_env(&mut cfg.nats);
    if let Some(s) = a.source {
        cfg.source.kind = s;
    }
    if let Some(s) = a.sink {
        cfg.sink.kind = Some(s);
    }
    if let Some(u) = a.nats {
        cfg.nats.url = u;
    }
    if a.once && cfg.source.kind == "nats" {
        eprintln!("warta: --once is for the folder source; a broker worker runs until SIGTERM");
        return ExitCode::from(2);
    }
    if let Some(p) = a.inbox {
        cfg.inbox.path = p;
    }
    if let Some(p) = a.outbox {
        cfg.outbox.path = p;
    }
    if a.no_sync {
        cfg.outbox.sync = false;
    }
    if let Some(m) = a.metrics {
        cfg.metrics.addr = Some(m);
    }
    if let Err(e) = cfg.validate(
        a.config
            .as_deref()
            .unwrap_or(std::path::Path::new("command line")),
    ) {
        eprintln!("warta: {e}");
        return ExitCode::from(2);
    }
    let _guard = match init_logging(&mut cfg, a.log) {
        Ok(g) => g,
        Err(code) => return code,
    };
    let rules = match warta::rules::Rules::load(&cfg.rules) {
        Ok(r) => Arc::new(r),
        Err(e) => {
            tracing::error!(error = %e, error_type = "config", "cannot load rules");
            eprintln!("warta: {e}");
            return ExitCode::from(2);
        }
    };
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(code) => return code,
    };
    let opts = warta::daemon::RunOptions {
        once: a.once,
        config_path: a.config.clone(),
    };
    let result = rt.block_on(async move {
        let shutdown = warta::daemon::signals();
        if cfg.source.kind == "nats" {
            warta::nats::run_worker(cfg, rules, opts, shutdown).await
        } else {
            warta::daemon::run(cfg, rules, opts, shutdown).await
        }
    });
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, error_type = %e.kind(), "daemon stopped");
            eprintln!("warta: {e}");
            let config_error = matches!(e, warta::error::Error::Config { .. });
            ExitCode::from(if config_error { 2 } else { 1 })
        }
    }
}

fn process(a: ProcessArgs) -> ExitCode {
    let cfg = match load_config(a.config.as_ref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("warta: {e:#}");
            return ExitCode::from(2);
        }
    };
    let rules = match warta::rules::Rules::load(&cfg.rules) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("warta: {e}");
            return ExitCode::from(2);
        }
    };
    let learner = warta::clean::Learner::new(3, 100_000);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for path in &a.files {
        match warta::daemon::process_file(
            path,
            &cfg,
            &rules,
            Some(&learner),
            a.debug_clean || cfg.clean.debug,
        ) {
            Ok(articles) => {
                for art in articles {
                    if a.text {
                        let title = art
                            .title
                            .as_deref()
                            .map(|t| format!("{t}\n\n"))
                            .unwrap_or_default();
                        if writeln!(out, "{title}{}", art.text).is_err() {
                            return ExitCode::from(1);
                        }
                        continue;
                    }
                    let line = if a.pretty {
                        serde_json::to_string_pretty(&art)
                    } else {
                        serde_json::to_string(&art)
                    };
                    match line {
                        Ok(l) => {
                            if writeln!(out, "{l}").is_err() {
                                return ExitCode::from(1);
                            }
                        }
                        Err(e) => {
                            eprintln!("warta: {}: cannot serialise: {e}", path.display());
                            failed = true;
                        }
                    }
                }
            }
            Err(e) => {
                eprintln!("warta: {e}");
                failed = true;
            }
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(1);
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes `text` to stdout and flushes it.
fn write_stdout(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Prints a command's whole output. A reader that closed the pipe early (`| head`) is not
/// an error; any other write failure is (exit 1).
fn emit(text: &str) -> ExitCode {
    match write_stdout(text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("warta: cannot write to stdout: {e}");
            ExitCode::from(1)
        }
    }
}

fn eval(a: EvalArgs) -> ExitCode {
    let run = || -> anyhow::Result<()> {
        let cfg = load_config(a.config.as_ref())?;
        let rules = warta::rules::Rules::load(&cfg.rules)?;
        if a.set.is_dir() {
            let hide: Vec<&str> = ["test"]
                .into_iter()
                .filter(|s| !a.show_errors_of.iter().any(|x| x == s))
                .collect();
            let report = warta::eval::evaluate_set(&rules, &cfg, &a.set, &hide)?;
            let text = if a.json {
                serde_json::to_string_pretty(&report)? + "\n"
            } else {
                report.table(a.errors)
            };
            return write_stdout(&text).map_err(Into::into);
        }
        let text =
            std::fs::read_to_string(&a.set).with_context(|| format!("{}", a.set.display()))?;
        let base = a.set.parent().map(PathBuf::from).unwrap_or_default();
        let report = warta::eval::evaluate(&rules, &text, &base)?;
        let text = if a.json {
            serde_json::to_string_pretty(&report)? + "\n"
        } else {
            report.table()
        };
        write_stdout(&text).map_err(Into::into)
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        // The reader closed the pipe (`| head`): it has what it wanted.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("warta: {e:#}");
            ExitCode::from(2)
        }
    }
}
