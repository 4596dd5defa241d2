impl ValidationErrors {
    /// Checks the string at `path`, if present, against a regular expression of the model.
    #[doc(hidden)]
    pub fn pattern(&mut self, path: &FieldPath<'_>, value: &impl Constrained, pattern: &'static str) {
        if let ::core::option::Option::Some(text) = value.text() {
            if !compiled(pattern).is_match(text) {
                self.push(path, Reason::Pattern { pattern });
            }
        }
    }
}

/// Each pattern is compiled once, on first use; a clone of a `Regex` shares its compiled form.
fn compiled(pattern: &'static str) -> ::regex::Regex {
    static CACHE: ::std::sync::OnceLock<
        ::std::sync::Mutex<::std::collections::HashMap<&'static str, ::regex::Regex>>,
    > = ::std::sync::OnceLock::new();
    let mut cache = CACHE
        .get_or_init(::core::default::Default::default)
        .lock()
        .unwrap_or_else(::std::sync::PoisonError::into_inner);
    cache
        .entry(pattern)
        .or_insert_with(|| {
            ::regex::Regex::new(pattern).expect("shapegen checked the pattern when generating")
        })
        .clone()
}
