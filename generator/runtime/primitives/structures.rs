// Structures are read and written by the helpers below, which a few lines per structure
// call: one shared, generic body instead of a `#[derive(Serialize, Deserialize)]` expansion
// per structure keeps the crate quick to compile.

/// Writes a structure: `required` of its fields are always there, and `optional` says which
/// of the others are; generated `Serialize` impls call this, then a method per field.
#[doc(hidden)]
pub fn serialize_struct<S: ::serde::Serializer>(
    serializer: S,
    name: &'static str,
    required: usize,
    optional: &[bool],
) -> ::core::result::Result<StructFields<S::SerializeStruct>, S::Error> {
    let present = required + optional.iter().filter(|present| **present).count();
    serializer.serialize_struct(name, present).map(StructFields)
}

/// The fields of a structure being written: see [`serialize_struct`].
#[doc(hidden)]
pub struct StructFields<S>(S);

impl<S: ::serde::ser::SerializeStruct> StructFields<S> {
    pub fn required<T: ::serde::Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> ::core::result::Result<(), S::Error> {
        self.0.serialize_field(key, value)
    }

    /// An absent optional field is skipped, not written as `null`.
    pub fn optional<T: ::serde::Serialize>(
        &mut self,
        key: &'static str,
        value: &::core::option::Option<T>,
    ) -> ::core::result::Result<(), S::Error> {
        match value {
            ::core::option::Option::Some(value) => self.0.serialize_field(key, value),
            ::core::option::Option::None => self.0.skip_field(key),
        }
    }

    pub fn end(self) -> ::core::result::Result<S::Ok, S::Error> {
        self.0.end()
    }
}

/// Reads a key of a structure's map as the index of the field of that wire name in `0`, or
/// `0.len()` for a key the structure does not know.
struct FieldKey(pub &'static [&'static str]);

impl<'de> ::serde::de::DeserializeSeed<'de> for FieldKey {
    type Value = usize;

    fn deserialize<D: ::serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> ::core::result::Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl ::serde::de::Visitor<'_> for FieldKey {
    type Value = usize;

    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: ::serde::de::Error>(self, key: &str) -> ::core::result::Result<usize, E> {
        self.visit_bytes(key.as_bytes())
    }

    fn visit_bytes<E: ::serde::de::Error>(self, key: &[u8]) -> ::core::result::Result<usize, E> {
        let index = self.0.iter().position(|name| name.as_bytes() == key);
        ::core::result::Result::Ok(index.unwrap_or(self.0.len()))
    }

    /// Formats that write fields by position.
    fn visit_u64<E: ::serde::de::Error>(self, index: u64) -> ::core::result::Result<usize, E> {
        let known = usize::try_from(index).ok().filter(|i| *i < self.0.len());
        ::core::result::Result::Ok(known.unwrap_or(self.0.len()))
    }
}

/// A generated structure read from a map: generated code implements this, and its
/// `Deserialize` calls [`deserialize_struct`].
#[doc(hidden)]
pub trait ReadStruct: ::core::marker::Sized {
    /// The Rust name, for errors (`expected struct Foo`).
    const NAME: &'static str;
    /// The fields' wire names, in declaration order.
    const FIELDS: &'static [&'static str];

    /// Reads the fields: a loop over [`StructMap::next_key`] that [reads](StructMap::read)
    /// each known key into its slot, then the structure from the slots.
    fn read<'de, A: ::serde::de::MapAccess<'de>>(
        map: StructMap<A>,
    ) -> ::core::result::Result<Self, A::Error>;
}

/// `Deserialize` of a [`ReadStruct`]: one generic visitor for every structure.
#[doc(hidden)]
pub fn deserialize_struct<'de, D, T>(deserializer: D) -> ::core::result::Result<T, D::Error>
where
    D: ::serde::Deserializer<'de>,
    T: ReadStruct,
{
    struct StructVisitor<T>(::core::marker::PhantomData<fn() -> T>);

    impl<'de, T: ReadStruct> ::serde::de::Visitor<'de> for StructVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            ::core::write!(f, "struct {}", T::NAME)
        }

        fn visit_map<A: ::serde::de::MapAccess<'de>>(
            self,
            map: A,
        ) -> ::core::result::Result<T, A::Error> {
            T::read(StructMap {
                map,
                fields: T::FIELDS,
                key: 0,
            })
        }
    }

    deserializer.deserialize_struct(T::NAME, T::FIELDS, StructVisitor(::core::marker::PhantomData))
}

/// The map a structure is read from, and the index of the key read last.
#[doc(hidden)]
pub struct StructMap<A> {
    map: A,
    fields: &'static [&'static str],
    key: usize,
}

impl<'de, A: ::serde::de::MapAccess<'de>> StructMap<A> {
    /// The next key as the index of its field, `FIELDS.len()` for a key the structure does not
    /// know (its value is skipped, as serde does).
    pub fn next_key(&mut self) -> ::core::result::Result<::core::option::Option<usize>, A::Error> {
        let key = self.map.next_key_seed(FieldKey(self.fields))?;
        if let ::core::option::Option::Some(key) = key {
            self.key = key;
        }
        ::core::result::Result::Ok(key)
    }

    /// Reads the value of the key just read into `slot`, refusing a field given twice.
    pub fn read<T: ::serde::Deserialize<'de>>(
        &mut self,
        slot: &mut ::core::option::Option<T>,
    ) -> ::core::result::Result<(), A::Error> {
        if slot.is_some() {
            let key = self.fields.get(self.key).copied().unwrap_or_default();
            return ::core::result::Result::Err(<A::Error as ::serde::de::Error>::duplicate_field(key));
        }
        *slot = ::core::option::Option::Some(self.map.next_value()?);
        ::core::result::Result::Ok(())
    }

    /// Skips the value of a key the structure does not know.
    pub fn skip(&mut self) -> ::core::result::Result<(), A::Error> {
        self.map.next_value::<::serde::de::IgnoredAny>().map(|_| ())
    }

    /// The value of required field `index`, or the error that it is missing.
    pub fn required<T>(
        &self,
        slot: ::core::option::Option<T>,
        index: usize,
    ) -> ::core::result::Result<T, A::Error> {
        slot.ok_or_else(|| {
            let key = self.fields.get(index).copied().unwrap_or_default();
            <A::Error as ::serde::de::Error>::missing_field(key)
        })
    }
}
