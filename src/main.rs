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
    // Memory the program frees goes back to the system at once instead of after 10 ms
    // (and 100 ms for arenas): the regex engines and the merge free large blocks while
    // extraction keeps allocating, and the delay let the peak grow: 200 MB of wire copy at
    // -j2 peaked at 424-429 MB with the delay and 363-369 MB without, in the same time
    // (37-43 s). Rule compilation keeps the delay (see `cli::load_rules`). Read each time
    // memory is purged, so setting it here is early enough.
    // SAFETY: no other thread exists yet.
    unsafe { newsfacts::cli::set_purge_delay(0) };
    newsfacts::cli::main()
}
