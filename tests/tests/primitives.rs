//! The runtime support module (`primitives.rs` template) through the public API of a
//! generated crate.

use amplifybackend_shapes::Mode;
use serde_json::json;
use tricky_shapes::primitives::{Blob, Timestamp};

fn ts(value: serde_json::Value) -> Timestamp {
    serde_json::from_value(value).unwrap()
}

fn write(value: serde_json::Value) -> String {
    serde_json::to_value(ts(value))
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

fn ts_error(value: serde_json::Value) -> String {
    serde_json::from_value::<Timestamp>(value)
        .unwrap_err()
        .to_string()
}

#[test]
fn rfc3339_utc_round_trips_unchanged() {
    for text in [
        "2021-03-04T05:06:07Z",
        "2021-03-04T05:06:07.5Z",
        "2021-03-04T05:06:07.123Z",
        "2021-03-04T05:06:07.000000001Z",
        "2021-03-04T05:06:07.123456789Z",
        "1969-12-31T23:59:59.9Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z",
    ] {
        assert_eq!(write(json!(text)), text);
        let parsed: Timestamp = text.parse().unwrap();
        assert_eq!(parsed.to_string(), text);
        assert_eq!(parsed, ts(json!(text)));
    }
}

#[test]
fn rfc3339_is_normalised_to_utc() {
    for (input, output) in [
        ("2021-03-04T06:06:07+01:00", "2021-03-04T05:06:07Z"),
        ("2021-03-04T00:36:07-04:30", "2021-03-04T05:06:07Z"),
        ("2021-03-04T05:06:07+00:00", "2021-03-04T05:06:07Z"),
        ("2021-03-04T05:06:07-00:00", "2021-03-04T05:06:07Z"),
        ("2021-01-01T00:30:00+01:00", "2020-12-31T23:30:00Z"),
        ("2021-03-04t05:06:07z", "2021-03-04T05:06:07Z"),
        ("2021-03-04 05:06:07Z", "2021-03-04T05:06:07Z"),
        ("2021-03-04T05:06:07.500Z", "2021-03-04T05:06:07.5Z"),
        ("2021-03-04T05:06:07.000Z", "2021-03-04T05:06:07Z"),
        (
            "2021-03-04T05:06:07.1234567891Z",
            "2021-03-04T05:06:07.123456789Z",
        ),
        ("2021-03-04T06:06:07.25+01:00", "2021-03-04T05:06:07.25Z"),
        ("2016-12-31T23:59:60Z", "2016-12-31T23:59:59.999999999Z"),
    ] {
        assert_eq!(write(json!(input)), output, "{input}");
    }
    // Equality is by instant.
    assert_eq!(
        ts(json!("2021-03-04T06:06:07+01:00")),
        ts(json!("2021-03-04T05:06:07Z"))
    );
    assert!(ts(json!("2021-03-04T05:06:07Z")) < ts(json!("2021-03-04T05:06:07.1Z")));
}

#[test]
fn epoch_seconds() {
    for (input, output) in [
        (json!(1614834367), "2021-03-04T05:06:07Z"),
        (json!(1614834367.5), "2021-03-04T05:06:07.5Z"),
        (json!(1614834367.123), "2021-03-04T05:06:07.123Z"),
        (json!(0), "1970-01-01T00:00:00Z"),
        (json!(0.0), "1970-01-01T00:00:00Z"),
        (json!(-1), "1969-12-31T23:59:59Z"),
        (json!(-1.5), "1969-12-31T23:59:58.5Z"),
        (json!(-86400), "1969-12-31T00:00:00Z"),
        (json!(1e9), "2001-09-09T01:46:40Z"),
        (json!(-62167219200_i64), "0000-01-01T00:00:00Z"),
        (json!(253402300799_i64), "9999-12-31T23:59:59Z"),
    ] {
        assert_eq!(write(input.clone()), output, "{input}");
    }
    let t = ts(json!(1614834367.5));
    assert_eq!(t.epoch_seconds(), 1614834367);
    assert_eq!(t.epoch_seconds_f64(), 1614834367.5);
    assert_eq!(ts(json!(-1.5)).epoch_seconds(), -2);
    assert_eq!(
        Timestamp::from_epoch_seconds(1614834367),
        Some(ts(json!("2021-03-04T05:06:07Z")))
    );
    assert_eq!(Timestamp::from_epoch_seconds(253402300800), None);
    assert_eq!(Timestamp::from_epoch_seconds(i64::MIN), None);
    assert_eq!(Timestamp::from_epoch_seconds_f64(f64::NAN), None);
    assert_eq!(Timestamp::from_epoch_seconds_f64(f64::INFINITY), None);
    assert_eq!(Timestamp::from_epoch_seconds_f64(1e300), None);
    assert_eq!(
        Timestamp::from_epoch_seconds_f64(-1.5).unwrap().to_string(),
        "1969-12-31T23:59:58.5Z"
    );
}

#[test]
fn bad_timestamps_say_what_was_expected() {
    const EXPECTED: &str = "expected an RFC 3339 timestamp string or epoch seconds";
    for (input, message) in [
        (json!("yesterday"), r#"invalid value: string "yesterday""#),
        (json!(""), r#"invalid value: string """#),
        (json!("2021-03-04"), r#"invalid value: string "2021-03-04""#),
        (json!("2021-03-04T05:06:07"), "invalid value: string"),
        (json!("2021-13-04T05:06:07Z"), "invalid value: string"),
        (json!("2021-02-30T05:06:07Z"), "invalid value: string"),
        (json!("2021-03-04X05:06:07Z"), "invalid value: string"),
        (json!("2021-03-04T05:06:07Z "), "invalid value: string"),
        (json!("2021-03-04T05:06:07+24:00"), "invalid value: string"),
        (json!("2021-03-04T23:59:60Z"), "invalid value: string"),
        // RFC 3339 itself, but outside years 0000-9999 in UTC.
        (json!("0000-01-01T00:00:00+01:00"), "invalid value: string"),
        (json!("9999-12-31T23:00:00-02:00"), "invalid value: string"),
        (
            json!(253402300800_i64),
            "invalid value: integer `253402300800`",
        ),
        (
            json!(-62167219201_i64),
            "invalid value: integer `-62167219201`",
        ),
        (
            json!(u64::MAX),
            "invalid value: integer `18446744073709551615`",
        ),
        (json!(1e300), "invalid value: floating point"),
        (json!(true), "invalid type: boolean `true`"),
        (json!(null), "invalid type: null"),
        (json!([1]), "invalid type: sequence"),
    ] {
        let error = ts_error(input.clone());
        assert!(error.starts_with(message), "{input}: {error}");
        assert!(error.ends_with(EXPECTED), "{input}: {error}");
    }
    // `FromStr` takes only the string form and says so.
    assert_eq!(
        "1614834367".parse::<Timestamp>().unwrap_err().to_string(),
        r#"invalid value: string "1614834367", expected an RFC 3339 timestamp string"#
    );
}

#[test]
fn blob_base64_round_trip() {
    for (bytes, text) in [
        (&b""[..], ""),
        (b"f", "Zg=="),
        (b"fo", "Zm8="),
        (b"foo", "Zm9v"),
        (b"\xfb\xff\xbf", "+/+/"),
        (b"hello world", "aGVsbG8gd29ybGQ="),
    ] {
        let blob = Blob::from(bytes);
        assert_eq!(serde_json::to_value(&blob).unwrap(), json!(text));
        let back: Blob = serde_json::from_value(json!(text)).unwrap();
        assert_eq!(back, blob);
        assert_eq!(back.as_bytes(), bytes);
        assert_eq!(back.as_ref(), bytes);
        assert_eq!(back.into_inner(), bytes.to_vec());
    }
    assert_eq!(Blob::default(), Blob::from(Vec::new()));
    assert_eq!(Vec::from(Blob::from(vec![1, 2])), vec![1, 2]);
}

#[test]
fn bad_base64_is_rejected() {
    for input in [
        "Zg", "Zg=", "Zm8", "Z", "Zm9v!", "Zm 9v", "-_-_", "Zh==", "Zg==Zg==",
    ] {
        let error = serde_json::from_value::<Blob>(json!(input))
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("expected a standard base64 string: "),
            "{input}: {error}"
        );
    }
    let error = serde_json::from_value::<Blob>(json!([1, 2]))
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "invalid type: sequence, expected a standard base64 string"
    );
    let error = serde_json::from_str::<Vec<Blob>>(r#"["Zg==", "!!!!"]"#)
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("expected a standard base64 string: "),
        "{error}"
    );
    assert!(error.ends_with("line 1 column 15"), "{error}");
}

#[test]
fn blob_in_containers() {
    let blobs = vec![Blob::from(&b"foo"[..]), Blob::from(Vec::new())];
    let text = serde_json::to_string(&blobs).unwrap();
    assert_eq!(text, r#"["Zm9v",""]"#);
    assert_eq!(serde_json::from_str::<Vec<Blob>>(&text).unwrap(), blobs);

    let some = Some(Blob::from(&b"\x00\x01"[..]));
    assert_eq!(serde_json::to_string(&some).unwrap(), r#""AAE=""#);
    assert_eq!(
        serde_json::from_str::<Option<Blob>>(r#""AAE=""#).unwrap(),
        some
    );
    assert_eq!(serde_json::from_str::<Option<Blob>>("null").unwrap(), None);
    assert_eq!(serde_json::to_string(&None::<Blob>).unwrap(), "null");

    let times: Vec<Option<Timestamp>> =
        serde_json::from_str(r#"["2021-03-04T05:06:07Z", 0, null]"#).unwrap();
    assert_eq!(
        serde_json::to_string(&times).unwrap(),
        r#"["2021-03-04T05:06:07Z","1970-01-01T00:00:00Z",null]"#
    );
}

#[test]
fn blob_debug_is_compact() {
    assert_eq!(format!("{:?}", Blob::default()), "Blob(0 bytes)");
    assert_eq!(
        format!("{:?}", Blob::from(&b"foo"[..])),
        "Blob(3 bytes: 666f6f)"
    );
    let long = Blob::from((0..40).collect::<Vec<u8>>());
    assert_eq!(
        format!("{long:?}"),
        "Blob(40 bytes: 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f..)"
    );
}

#[test]
fn unknown_enum_values_are_kept() {
    let modes: Vec<Mode> = serde_json::from_str(r#"["API_KEY", "AWS_IAM", "OIDC"]"#).unwrap();
    assert_eq!(modes[0], Mode::ApiKey);
    assert_eq!(modes[1], Mode::AwsIam);
    let Mode::Unknown(unknown) = &modes[2] else {
        panic!("{:?}", modes[2]);
    };
    assert_eq!(unknown.as_str(), "OIDC");
    assert_eq!(unknown.to_string(), "OIDC");
    assert_eq!(
        serde_json::to_string(&modes).unwrap(),
        r#"["API_KEY","AWS_IAM","OIDC"]"#
    );
    let error = serde_json::from_str::<Mode>("3").unwrap_err().to_string();
    assert_eq!(
        error,
        "invalid type: integer `3`, expected a string at line 1 column 1"
    );
}
