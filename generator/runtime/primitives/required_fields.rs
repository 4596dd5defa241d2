impl BuildError {
    /// No field missing yet, in `try_build()` of `structure`.
    pub(crate) fn new(structure: &'static str) -> Self {
        Self {
            structure,
            missing: ::std::vec::Vec::new(),
        }
    }

    /// `value` of required field `wire`, noted as missing if it is `None`.
    pub(crate) fn require<T>(
        &mut self,
        value: ::core::option::Option<T>,
        wire: &'static str,
    ) -> ::core::option::Option<T> {
        if value.is_none() {
            self.missing.push(wire);
        }
        value
    }
}
