/// A string value that an enum of this crate did not know when it was generated: the
/// payload of its `Unknown` variant.
///
/// Read it with [`as_str`](Self::as_str) or `Display`. It cannot be built outside this
/// crate, and matching on its contents is discouraged: if a later version adds a variant
/// for that value, the value moves out of `Unknown` and such a match silently stops
/// applying. Compare the enum's string form instead.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(::std::string::String);

impl UnknownValue {
    /// Wraps a value no variant matched; called by generated enum code.
    pub(crate) fn new(value: impl ::core::convert::Into<::std::string::String>) -> Self {
        Self(value.into())
    }

    /// The value exactly as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl ::core::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Deserializes a generated string enum through its `From<&str>`, which maps unknown
/// values to `Unknown(UnknownValue)`; generated `Deserialize` impls call this.
pub(crate) fn deserialize_enum<'de, D, E>(deserializer: D) -> ::core::result::Result<E, D::Error>
where
    D: ::serde::Deserializer<'de>,
    E: for<'a> ::core::convert::From<&'a str>,
{
    struct EnumVisitor<E>(::core::marker::PhantomData<fn() -> E>);

    impl<E: for<'a> ::core::convert::From<&'a str>> ::serde::de::Visitor<'_> for EnumVisitor<E> {
        type Value = E;

        fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<Er: ::serde::de::Error>(self, v: &str) -> ::core::result::Result<E, Er> {
            ::core::result::Result::Ok(E::from(v))
        }
    }

    deserializer.deserialize_str(EnumVisitor(::core::marker::PhantomData))
}
