/// The state of a builder's required field that has not been given a value yet.
///
/// A builder has one type parameter per required field; it starts as `Unset` and becomes
/// [`Set`] when the field's setter is called. `build()` compiles only when every one is `Set`.
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

/// A required field's state that holds a `T`: only [`Set<T>`]. Every required field has a
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

/// The elements a required list or map field has so far: none while [`Unset`]; what the
/// `push_`/`insert_` setters add to.
pub trait SoFar<C> {
    /// The collection, empty if the field is unset.
    fn so_far(self) -> C;
}

impl<C: ::core::default::Default> SoFar<C> for Unset {
    fn so_far(self) -> C {
        C::default()
    }
}

impl<C> SoFar<C> for Set<C> {
    fn so_far(self) -> C {
        self.0
    }
}
