/// Binary data, written on the wire as standard base64 with padding.
///
/// Reads only that form: the standard alphabet (`+`, `/`) with canonical `=` padding, as
/// AWS sends it. Missing padding, whitespace or the URL-safe alphabet is an error.
///
/// There is deliberately no `From<&str>`: it would be unclear whether the text is the
/// bytes or their base64. Use `Blob::from(text.as_bytes())` for the bytes.
///
/// `Debug` prints the length and at most the first 32 bytes in hex, e.g.
/// `Blob(3 bytes: 666f6f)`, so large payloads do not flood logs.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Blob(::std::vec::Vec<u8>);

impl Blob {
    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, without copying.
    pub fn into_inner(self) -> ::std::vec::Vec<u8> {
        self.0
    }
}

impl ::core::convert::From<::std::vec::Vec<u8>> for Blob {
    fn from(bytes: ::std::vec::Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl ::core::convert::From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Self(bytes.to_vec())
    }
}

impl ::core::convert::From<Blob> for ::std::vec::Vec<u8> {
    fn from(blob: Blob) -> Self {
        blob.0
    }
}

impl ::core::convert::AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl ::core::fmt::Debug for Blob {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        ::core::write!(f, "Blob({} bytes", self.0.len())?;
        if !self.0.is_empty() {
            f.write_str(": ")?;
            for byte in self.0.iter().take(32) {
                ::core::write!(f, "{byte:02x}")?;
            }
            if self.0.len() > 32 {
                f.write_str("..")?;
            }
        }
        f.write_str(")")
    }
}

impl ::serde::Serialize for Blob {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> ::serde::Deserialize<'de> for Blob {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::core::result::Result<Self, D::Error> {
        deserializer.deserialize_str(BlobVisitor)
    }
}

struct BlobVisitor;

impl ::serde::de::Visitor<'_> for BlobVisitor {
    type Value = Blob;

    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str("a standard base64 string")
    }

    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::core::result::Result<Blob, E> {
        // Not `invalid_value`: that would echo the whole, possibly huge, string.
        ::base64::Engine::decode(&::base64::engine::general_purpose::STANDARD, v)
            .map(Blob)
            .map_err(|error| {
                E::custom(::core::format_args!(
                    "expected a standard base64 string: {error}"
                ))
            })
    }
}

/// The standard base64 form, as on the wire; it names a map key in a [`Violation`] path.
impl ::core::fmt::Display for Blob {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        ::core::fmt::Display::fmt(
            &::base64::display::Base64Display::new(
                &self.0,
                &::base64::engine::general_purpose::STANDARD,
            ),
            f,
        )
    }
}

/// Nothing to check; map keys must be [`Validate`].
impl Validate for Blob {}
