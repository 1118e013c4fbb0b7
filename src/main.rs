fn main() -> std::process::ExitCode {
    allocator::settle();
    wuye::cli::run()
}

/// glibc's allocator moves its "large block" threshold up each time a
/// large block is freed (up to 32 MB), after which the big, short-lived
/// buffers of reading logs in parts come from the heap and their memory
/// stays with the process: on 1,000,000 repair orders that was 35 MB more
/// peak memory and twice the system time. A fixed threshold (glibc's own
/// default, 128 kB) keeps every large block in its own mapping, returned
/// when freed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod allocator {
    const M_MMAP_THRESHOLD: i32 = -3;

    unsafe extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }

    pub fn settle() {
        // SAFETY: called once at start, before any other thread exists;
        // mallopt only changes a tuning parameter of the allocator.
        unsafe {
            mallopt(M_MMAP_THRESHOLD, 128 * 1024);
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
mod allocator {
    pub fn settle() {}
}
