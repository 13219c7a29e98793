//! The `countroom` command-line tool. See `countroom --help`.

fn main() -> std::process::ExitCode {
    countroom_cli::main()
}
