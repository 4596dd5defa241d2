/// Reads a JSON document as a `T`, then [validates](Validate::validate) it; generated
/// structures call this from their `from_json_str`.
#[cfg(feature = "json")]
pub fn from_json_str<T>(text: &str) -> ::core::result::Result<T, JsonError>
where
    T: ::serde::de::DeserializeOwned + Validate,
{
    let mut deserializer = ::serde_json::Deserializer::from_str(text);
    let value: T = ::serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = match error.path().iter().next() {
            ::core::option::Option::Some(_) => ::std::string::ToString::to_string(error.path()),
            ::core::option::Option::None => ::std::string::String::new(),
        };
        JsonError::Read {
            path,
            error: error.into_inner(),
        }
    })?;
    deserializer.end().map_err(|error| JsonError::Read {
        path: ::std::string::String::new(),
        error,
    })?;
    value.validate().map_err(JsonError::Invalid)?;
    ::core::result::Result::Ok(value)
}

/// Why [`from_json_str`] failed.
#[cfg(feature = "json")]
#[derive(Debug)]
#[non_exhaustive]
pub enum JsonError {
    /// The text is not a JSON document of the type. `path` is where reading stopped:
    /// `UserPoolConfigs.Mfa.Settings.MfaTypes[1]`, with map keys written like fields
    /// (`Tags.Name`, as JSON cannot tell them apart); empty for the document itself.
    Read {
        path: ::std::string::String,
        error: ::serde_json::Error,
    },
    /// The document was read, and breaks these rules of the model.
    Invalid(ValidationErrors),
}

/// `path: what serde_json says`, or the violations, one per line.
#[cfg(feature = "json")]
impl ::core::fmt::Display for JsonError {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        match self {
            JsonError::Read { path, error } if path.is_empty() => ::core::fmt::Display::fmt(error, f),
            JsonError::Read { path, error } => ::core::write!(f, "{path}: {error}"),
            JsonError::Invalid(errors) => ::core::fmt::Display::fmt(errors, f),
        }
    }
}

/// No `source`: `Display` already says everything the inner error would.
#[cfg(feature = "json")]
impl ::std::error::Error for JsonError {}
