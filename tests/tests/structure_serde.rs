//! The structures' `Serialize` and `Deserialize` are written out on shared helpers rather than
//! derived; these pin the behaviour serde's derive has and users rely on, beyond the JSON
//! round trips of `amplifybackend_json.rs`.

use amplifybackend_shapes::{CreateBackendAuthForgotPasswordConfig, DeliveryMethod, EmailSettings};
use serde::de::value::{Error as ValueError, MapDeserializer};
use serde::Deserialize;
use std::collections::BTreeMap;

type Config = CreateBackendAuthForgotPasswordConfig;

fn read(json: &str) -> Result<Config, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

#[test]
fn keys_in_any_order_and_unknown_keys_of_any_shape_are_read_past() {
    let config = read(
        r#"{"Extra": {"Deep": [1, {"x": null}]}, "EmailSettings": {"EmailSubject": "Hi",
            "Unknown": 1}, "DeliveryMethod": "EMAIL", "More": "x"}"#,
    )
    .unwrap();
    assert_eq!(config.delivery_method, DeliveryMethod::Email);
    let email = config.email_settings.unwrap();
    assert_eq!(email.email_subject.as_deref(), Some("Hi"));
    assert_eq!(email.email_message, None);
    assert_eq!(config.sms_settings, None);
}

#[test]
fn a_key_given_twice_is_refused_by_name_even_if_the_first_was_null() {
    let twice = read(r#"{"DeliveryMethod": "EMAIL", "DeliveryMethod": "SMS"}"#).unwrap_err();
    assert!(
        twice.starts_with("duplicate field `DeliveryMethod`"),
        "{twice}"
    );
    let after_null =
        read(r#"{"DeliveryMethod": "SMS", "SmsSettings": null, "SmsSettings": {}}"#).unwrap_err();
    assert!(
        after_null.starts_with("duplicate field `SmsSettings`"),
        "{after_null}"
    );
}

#[test]
fn a_missing_required_key_is_named_and_null_optional_keys_are_absent() {
    let missing = read(r#"{"EmailSettings": {}}"#).unwrap_err();
    assert!(
        missing.starts_with("missing field `DeliveryMethod`"),
        "{missing}"
    );
    let config = read(r#"{"DeliveryMethod": "SMS", "EmailSettings": null}"#).unwrap();
    assert_eq!(config.email_settings, None);
}

#[test]
fn a_value_that_is_not_a_map_names_the_structure() {
    let error = read(r#""EMAIL""#).unwrap_err();
    assert!(
        error.starts_with(
            "invalid type: string \"EMAIL\", expected struct CreateBackendAuthForgotPasswordConfig"
        ),
        "{error}"
    );
    // Unlike a derived `Deserialize`, a JSON array is not read as the fields in order.
    assert!(read(r#"["EMAIL"]"#).is_err());
}

#[test]
fn absent_fields_are_left_out_and_counted_out_of_the_length() {
    let config = Config::builder()
        .delivery_method(DeliveryMethod::Sms)
        .email_settings(EmailSettings::builder().email_subject("Hi").build())
        .build();
    assert_eq!(
        serde_json::to_string(&config).unwrap(),
        r#"{"DeliveryMethod":"SMS","EmailSettings":{"EmailSubject":"Hi"}}"#
    );
    // serde_json ignores the length a structure announces; a format that writes it first
    // would write what `serialize_struct` received, which this serializer captures.
    assert_eq!(announced_length(&config), 2);
    assert_eq!(
        announced_length(&Config::builder().delivery_method("EMAIL").build()),
        1
    );
}

#[test]
fn keys_may_also_be_field_positions_or_bytes() {
    // Formats that name fields by position send the index; unknown positions are skipped.
    let by_position =
        MapDeserializer::<_, ValueError>::new([(0u64, "EMAIL"), (7u64, "ignored")].into_iter());
    let config = Config::deserialize(by_position).unwrap();
    assert_eq!(config.delivery_method, DeliveryMethod::Email);

    let by_bytes = MapDeserializer::<_, ValueError>::new(
        [(&b"DeliveryMethod"[..], "SMS"), (&b"Other"[..], "x")].into_iter(),
    );
    let config = Config::deserialize(by_bytes).unwrap();
    assert_eq!(config.delivery_method, DeliveryMethod::Sms);

    let map: BTreeMap<&str, &str> = [("DeliveryMethod", "SMS")].into();
    let from_map = MapDeserializer::<_, ValueError>::new(map.into_iter());
    assert!(Config::deserialize(from_map).is_ok());
}

/// The length `serialize_struct` was called with.
fn announced_length(value: &impl serde::Serialize) -> usize {
    use serde::ser::{Impossible, Serializer};

    struct Announced;
    #[derive(Debug)]
    struct Stop(usize);
    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "length {}", self.0)
        }
    }
    impl std::error::Error for Stop {}
    impl serde::ser::Error for Stop {
        fn custom<T: std::fmt::Display>(_: T) -> Self {
            Stop(usize::MAX)
        }
    }
    macro_rules! refuse {
        ($($name:ident($($arg:ty),*) -> $ret:ty;)*) => {
            $(fn $name(self, $(_: $arg),*) -> Result<$ret, Stop> { Err(Stop(usize::MAX)) })*
        };
    }
    impl Serializer for Announced {
        type Ok = ();
        type Error = Stop;
        type SerializeSeq = Impossible<(), Stop>;
        type SerializeTuple = Impossible<(), Stop>;
        type SerializeTupleStruct = Impossible<(), Stop>;
        type SerializeTupleVariant = Impossible<(), Stop>;
        type SerializeMap = Impossible<(), Stop>;
        type SerializeStruct = Impossible<(), Stop>;
        type SerializeStructVariant = Impossible<(), Stop>;
        fn serialize_struct(
            self,
            _: &'static str,
            len: usize,
        ) -> Result<Self::SerializeStruct, Stop> {
            Err(Stop(len))
        }
        refuse! {
            serialize_bool(bool) -> (); serialize_i8(i8) -> (); serialize_i16(i16) -> ();
            serialize_i32(i32) -> (); serialize_i64(i64) -> (); serialize_u8(u8) -> ();
            serialize_u16(u16) -> (); serialize_u32(u32) -> (); serialize_u64(u64) -> ();
            serialize_f32(f32) -> (); serialize_f64(f64) -> (); serialize_char(char) -> ();
            serialize_str(&str) -> (); serialize_bytes(&[u8]) -> (); serialize_none() -> ();
            serialize_unit() -> (); serialize_unit_struct(&'static str) -> ();
            serialize_unit_variant(&'static str, u32, &'static str) -> ();
            serialize_seq(Option<usize>) -> Self::SerializeSeq;
            serialize_tuple(usize) -> Self::SerializeTuple;
            serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
            serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
            serialize_map(Option<usize>) -> Self::SerializeMap;
            serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
        }
        fn serialize_some<T: ?Sized + serde::Serialize>(self, _: &T) -> Result<(), Stop> {
            Err(Stop(usize::MAX))
        }
        fn serialize_newtype_struct<T: ?Sized + serde::Serialize>(
            self,
            _: &'static str,
            _: &T,
        ) -> Result<(), Stop> {
            Err(Stop(usize::MAX))
        }
        fn serialize_newtype_variant<T: ?Sized + serde::Serialize>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<(), Stop> {
            Err(Stop(usize::MAX))
        }
    }
    match value.serialize(Announced) {
        Err(Stop(len)) => len,
        Ok(()) => unreachable!("the serializer refuses everything"),
    }
}
