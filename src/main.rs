// mimalloc instead of the system allocator: rule compilation and extraction allocate many
// small short-lived objects (syntax trees, automaton states, mention records) from
// several threads at once, and glibc's malloc and free took about a third of the
// compile time and a sixth of extraction. Built without transparent huge pages
// (`no_thp`): with them every fresh 2 MB page was zeroed on first touch (a third of
// `newsfacts check`) and the peak resident set grew by a third. Measured at -j2 on 100 MB
// of wire copy: glibc 24.5 s and 381 MB peak, mimalloc with huge pages 19.8 s and 468 MB,
// without 18.1 s and 361 MB.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    newsfacts::cli::main()
}
