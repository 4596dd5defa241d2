//! Mappings that check their keys while serde_yaml still knows where each entry is, so that a
//! duplicate or unknown name is reported at its own line rather than at the start of the mapping.

use crate::ir::Bounds;
use indexmap::IndexMap;
use serde::de::{DeserializeSeed, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;
use std::marker::PhantomData;

/// A mapping that refuses duplicate keys (a plain map would silently keep the last one).
pub struct UniqueMap<V>(pub IndexMap<String, V>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for UniqueMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let entries = CheckedMap(|_: &str| Ok(PhantomData::<V>)).deserialize(deserializer)?;
        Ok(UniqueMap(entries))
    }
}

/// A mapping whose every key must pass `check`, which returns the seed that reads that key's value
/// or the message to fail with. Duplicate keys fail too.
pub struct CheckedMap<F>(pub F);

impl<'de, F, S> DeserializeSeed<'de> for CheckedMap<F>
where
    F: FnMut(&str) -> Result<S, String>,
    S: DeserializeSeed<'de>,
{
    type Value = IndexMap<String, S::Value>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, F, S> Visitor<'de> for CheckedMap<F>
where
    F: FnMut(&str) -> Result<S, String>,
    S: DeserializeSeed<'de>,
{
    type Value = IndexMap<String, S::Value>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping")
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = IndexMap::new();
        while let Some(key) = map.next_key::<String>()? {
            let seed = if entries.contains_key(&key) {
                Err(format!("duplicate key `{key}`"))
            } else {
                (self.0)(&key)
            };
            match seed {
                Ok(seed) => {
                    let value = map.next_value_seed(seed)?;
                    entries.insert(key, value);
                }
                Err(message) => {
                    map.next_value_seed(Reject(message))?;
                }
            }
        }
        Ok(entries)
    }
}

/// Fails on a value, whatever its kind, with a message about its key.
pub struct Reject(pub String);

macro_rules! reject_value {
    ($($method:ident($($arg:ty)?)),*) => {$(
        fn $method<E: serde::de::Error>(self $(, _: $arg)?) -> Result<(), E> {
            Err(E::custom(self.0))
        }
    )*};
}

impl<'de> DeserializeSeed<'de> for Reject {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Reject {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
    reject_value!(
        visit_bool(bool),
        visit_i64(i64),
        visit_u64(u64),
        visit_f64(f64),
        visit_str(&str),
        visit_unit()
    );
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        self.visit_unit()
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        self.visit_unit()
    }
}

/// `{min, max}` as read from a model or overlay.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoundsIo<T> {
    #[serde(default)]
    pub min: Option<T>,
    #[serde(default)]
    pub max: Option<T>,
}

impl<T> From<BoundsIo<T>> for Bounds<T> {
    fn from(b: BoundsIo<T>) -> Self {
        Bounds {
            min: b.min,
            max: b.max,
        }
    }
}
