fn main() -> Result<(), shapegen::Error> {
    shapegen::Config::new()
        .model("../../model/amplifybackend")
        .generate_to_out_dir()?;
    Ok(())
}
