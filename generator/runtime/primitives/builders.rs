/// The state of a builder's required field that has not been given a value yet.
///
/// A builder has one type parameter per required field; it starts as `Unset`, becomes [`Set`]
/// when the field's setter (`x(..)`, `push_x(..)`) is called and [`Maybe`] when `set_x(option)`
/// is. `build()` compiles only when every one is `Set`; `try_build()` takes any state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Unset;

/// The state of a builder's required field that has been given a value.
#[derive(Clone, PartialEq)]
pub struct Set<T>(pub(crate) T);

impl<T: ::core::fmt::Debug> ::core::fmt::Debug for Set<T> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        self.0.fmt(f)
    }
}

/// The state of a builder's required field set from an `Option` by `set_x(..)`: whether it holds
/// a value is known only when the program runs, so only `try_build()` accepts it. Both branches
/// of `if c { b.set_x(Some(v)) } else { b.set_x(None) }` have this one type.
#[derive(Clone, PartialEq)]
pub struct Maybe<T>(pub(crate) ::core::option::Option<T>);

impl<T: ::core::fmt::Debug> ::core::fmt::Debug for Maybe<T> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        self.0.fmt(f)
    }
}

/// A required field's state that surely holds a `T`: only [`Set<T>`]. Every required field has a
/// trait of its own extending this one, named after it, whose error message says which
/// field is missing and which setter gives it.
pub trait IsSet<T> {
    /// The field's value.
    fn into_value(self) -> T;
}

impl<T> IsSet<T> for Set<T> {
    fn into_value(self) -> T {
        self.0
    }
}

/// Any state of a required field of type `T`: what `get_x()`, `push_x(..)` and `try_build()`
/// read.
pub trait FieldState<T> {
    /// The value, if the field has one.
    fn get(&self) -> ::core::option::Option<&T>;
    /// The value, if the field has one.
    fn into_option(self) -> ::core::option::Option<T>;
}

impl<T> FieldState<T> for Unset {
    fn get(&self) -> ::core::option::Option<&T> {
        ::core::option::Option::None
    }

    fn into_option(self) -> ::core::option::Option<T> {
        ::core::option::Option::None
    }
}

impl<T> FieldState<T> for Set<T> {
    fn get(&self) -> ::core::option::Option<&T> {
        ::core::option::Option::Some(&self.0)
    }

    fn into_option(self) -> ::core::option::Option<T> {
        ::core::option::Option::Some(self.0)
    }
}

impl<T> FieldState<T> for Maybe<T> {
    fn get(&self) -> ::core::option::Option<&T> {
        self.0.as_ref()
    }

    fn into_option(self) -> ::core::option::Option<T> {
        self.0
    }
}

/// The error of `try_build()`, and of `build()` on the builder of a structure with more
/// required fields than a builder's type tracks: the structure, and every required field not set.
///
/// `Display` names them by their wire names: ``"`Foo` is missing the required fields `A`, `B`"``.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    structure: &'static str,
    missing: ::std::vec::Vec<&'static str>,
}

impl BuildError {
    /// The Rust name of the structure that was being built.
    pub fn structure(&self) -> &'static str {
        self.structure
    }

    /// The wire names of the required fields not set, in the structure's field order; never empty.
    pub fn missing_fields(&self) -> &[&'static str] {
        &self.missing
    }
}

impl ::core::fmt::Display for BuildError {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        let plural = if self.missing.len() == 1 { "" } else { "s" };
        write!(f, "`{}` is missing the required field{plural} ", self.structure)?;
        for (index, field) in self.missing.iter().enumerate() {
            let separator = if index == 0 { "" } else { ", " };
            write!(f, "{separator}`{field}`")?;
        }
        ::core::result::Result::Ok(())
    }
}

impl ::std::error::Error for BuildError {}
