// mimalloc instead of the system allocator: rule compilation and extraction allocate many
// small short-lived objects (syntax trees, automaton states, mention records) from
// several threads at once, and glibc's malloc and free took about a third of the
// compile time and a sixth of extraction. Measured at -j2: 100 MB of wire copy 24.5 ->
// 19.8 s, 1 GB 265 -> 197 s; the price is a higher peak (1 GB: 402 -> 482 MB), since
// mimalloc keeps freed pages for reuse.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    newsfacts::cli::main()
}
