//! A builder whose required fields are not all set does not compile, and the error says which
//! field is missing and which setter gives it. The expected errors are the `.stderr` files
//! beside the sources in `compile-fail/`; after a change to the generated builders, rewrite them
//! with `TRYBUILD=overwrite cargo test -p shapegen-tests --test compile_fail` and read the diff.

#[test]
fn builds_missing_a_required_field_do_not_compile() {
    trybuild::TestCases::new().compile_fail("compile-fail/*.rs");
}
