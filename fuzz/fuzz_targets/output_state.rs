#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| shapegen_fuzz::output_state(data));
