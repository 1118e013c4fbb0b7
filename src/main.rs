fn main() -> std::process::ExitCode {
    wuye::cli::run()
}
