/// The error of `build()` on the builder of a structure with too many required fields to track
/// in the builder's type: the wire name of the first required field not set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MissingField(pub &'static str);

impl ::core::fmt::Display for MissingField {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        write!(f, "the required field `{}` is not set", self.0)
    }
}

impl ::std::error::Error for MissingField {}
