//! The runtime support module (`primitives.rs` template) through the public API of a
//! generated crate.

use amplifybackend_shapes::Mode;
use serde_json::json;
use tricky_shapes::primitives::{Blob, Timestamp};

fn ts(value: serde_json::Value) -> Timestamp {
    serde_json::from_value(value).unwrap()
}

/// What a timestamp read from `value` writes back.
fn write(value: serde_json::Value) -> serde_json::Value {
    serde_json::to_value(ts(value)).unwrap()
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
        assert_eq!(write(json!(text)), json!(text));
        let parsed: Timestamp = text.parse().unwrap();
        assert_eq!(parsed.to_string(), text);
        assert_eq!(parsed, ts(json!(text)));
    }
}

/// Every form is written back as it was read; `Display` gives the instant in RFC 3339, UTC.
#[test]
fn other_forms_are_written_back_as_read() {
    for (input, instant) in [
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
        // What AWS services and botocore's examples write, besides RFC 3339.
        ("Thu, 15 Dec 2016 01:19:41 GMT", "2016-12-15T01:19:41Z"),
        ("15 Dec 2016 01:19:41 GMT", "2016-12-15T01:19:41Z"),
        ("Mon, 5 Sep 2016 01:19:41 +0200", "2016-09-04T23:19:41Z"),
        ("1472660939.152", "2016-08-31T16:28:59.152Z"),
        ("1472660939", "2016-08-31T16:28:59Z"),
        ("20170228T1215Z", "2017-02-28T12:15:00Z"),
        ("20170228T121530.5+0100", "2017-02-28T11:15:30.5Z"),
        ("2016-09-27T14:55Z", "2016-09-27T14:55:00Z"),
        ("2016-11-21T19:49:20.006+0000", "2016-11-21T19:49:20.006Z"),
        ("2016-11-21T19:49:20.006-07", "2016-11-22T02:49:20.006Z"),
        ("2016-11-21T19:49:20", "2016-11-21T19:49:20Z"),
        ("2016-11-21", "2016-11-21T00:00:00Z"),
    ] {
        let read = ts(json!(input));
        assert_eq!(write(json!(input)), json!(input), "{input}");
        assert_eq!(read.to_string(), instant, "{input}");
        assert_eq!(read, ts(json!(instant)), "{input}");
        let parsed: Timestamp = input.parse().unwrap();
        assert_eq!(serde_json::to_value(&parsed).unwrap(), json!(input));
    }
    // Equality is by instant.
    assert_eq!(
        ts(json!("2021-03-04T06:06:07+01:00")),
        ts(json!("2021-03-04T05:06:07Z"))
    );
    assert_eq!(ts(json!(1614834367)), ts(json!("2021-03-04T05:06:07Z")));
    assert!(ts(json!("2021-03-04T05:06:07Z")) < ts(json!("2021-03-04T05:06:07.1Z")));
}

#[test]
fn epoch_seconds() {
    for (input, instant) in [
        (json!(1614834367), "2021-03-04T05:06:07Z"),
        (json!(1614834367.5), "2021-03-04T05:06:07.5Z"),
        (json!(1614834367.123), "2021-03-04T05:06:07.123Z"),
        (json!(1479832474.764), "2016-11-22T16:34:34.764Z"),
        (json!(0), "1970-01-01T00:00:00Z"),
        (json!(0.0), "1970-01-01T00:00:00Z"),
        (json!(-1), "1969-12-31T23:59:59Z"),
        (json!(-1.5), "1969-12-31T23:59:58.5Z"),
        (json!(-86400), "1969-12-31T00:00:00Z"),
        (json!(1e9), "2001-09-09T01:46:40Z"),
        (json!(-62167219200_i64), "0000-01-01T00:00:00Z"),
        (json!(253402300799_i64), "9999-12-31T23:59:59Z"),
    ] {
        // A number stays the same number.
        assert_eq!(write(input.clone()), input, "{input}");
        assert_eq!(ts(input.clone()).to_string(), instant, "{input}");
    }
    assert_eq!(
        serde_json::to_string(&ts(json!(1479832474.764))).unwrap(),
        "1479832474.764"
    );
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

/// Values built in code are written in the default form, RFC 3339 in UTC.
#[test]
fn values_built_in_code_write_rfc3339_utc() {
    let built = Timestamp::from_epoch_seconds_f64(1479832474.764).unwrap();
    assert_eq!(
        serde_json::to_value(&built).unwrap(),
        json!("2016-11-22T16:34:34.764Z")
    );
    let offset = time::OffsetDateTime::from_unix_timestamp(1479832474)
        .unwrap()
        .to_offset(time::UtcOffset::from_hms(-7, 0, 0).unwrap());
    assert_eq!(
        serde_json::to_value(Timestamp::from(offset)).unwrap(),
        json!("2016-11-22T16:34:34Z")
    );
    assert_eq!(
        format!("{:?}", ts(json!(1479832474))),
        "Timestamp(2016-11-22T16:34:34Z)"
    );
}

#[test]
fn bad_timestamps_say_what_was_expected() {
    const EXPECTED: &str =
        "expected an ISO 8601 / RFC 3339 timestamp, an HTTP date or epoch seconds (a number or a string)";
    for (input, message) in [
        (json!("yesterday"), r#"invalid value: string "yesterday""#),
        (json!(""), r#"invalid value: string """#),
        (json!("2021-03"), "invalid value: string"),
        (json!("2021-03-04T05"), "invalid value: string"),
        (json!("2021-13-04T05:06:07Z"), "invalid value: string"),
        (json!("2021-02-30T05:06:07Z"), "invalid value: string"),
        (json!("2021-03-04X05:06:07Z"), "invalid value: string"),
        (json!("2021-03-04T05:06:07Z "), "invalid value: string"),
        (json!("2021-03-04T05:06:07+24:00"), "invalid value: string"),
        (json!("2021-03-04T05:06:07.Z"), "invalid value: string"),
        (json!("2021-03-04T23:59:60Z"), "invalid value: string"),
        (json!("2021-0304T05:06:07Z"), "invalid value: string"),
        (
            json!("Thu, 15 Foo 2016 01:19:41 GMT"),
            "invalid value: string",
        ),
        (json!("Thu, 15 Dec 2016 01:19:41"), "invalid value: string"),
        (
            json!("Thursday, 15 Dec 2016 01:19:41 GMT"),
            "invalid value: string",
        ),
        (json!("1472660939."), "invalid value: string"),
        (json!("-"), "invalid value: string"),
        (json!("253402300800"), "invalid value: string"),
        (json!("99999999999999999999999"), "invalid value: string"),
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
    assert_eq!(
        "soon".parse::<Timestamp>().unwrap_err().to_string(),
        format!(r#"invalid value: string "soon", {EXPECTED}"#)
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
        r#"["2021-03-04T05:06:07Z",0,null]"#
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
