fn main() -> std::process::ExitCode {
    newsfacts::cli::main()
}
