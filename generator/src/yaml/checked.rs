//! Strings of a model or overlay that reach the package (its version, the README, file names),
//! checked while serde_yaml still knows where each one is, so that an error names its line.

use crate::emit::package;
use serde::de::{Deserialize, DeserializeSeed, Deserializer, Error, Visitor};
use std::fmt;

/// Checks a string inside serde_yaml's call, where its errors get the value's position.
pub struct CheckedStr(pub fn(&str) -> Result<(), String>);

impl<'de> DeserializeSeed<'de> for CheckedStr {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for CheckedStr {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: Error>(self, text: &str) -> Result<String, E> {
        (self.0)(text).map_err(E::custom)?;
        Ok(text.to_owned())
    }
}

macro_rules! checked_string {
    ($($(#[$doc:meta])* $name:ident: $check:path;)*) => {$(
        $(#[$doc])*
        pub struct $name(pub String);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(CheckedStr($check)).map($name)
            }
        }
    )*};
}

checked_string! {
    /// A semantic version, as Cargo reads it.
    Version: package::check_version;
    /// A boto3 release, which becomes build metadata.
    Boto3Version: package::check_boto3_version;
    /// A service name.
    ServiceName: package::check_service_name;
}
