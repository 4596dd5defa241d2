// RFC 3339 can only write years 0000-9999; keeping every parsed value inside that range
// means everything read from the wire can be written back and read again.
const MIN_NANOS: i128 = -62_167_219_200 * 1_000_000_000; // 0000-01-01T00:00:00Z
const MAX_NANOS: i128 = 253_402_300_799 * 1_000_000_000 + 999_999_999; // 9999-12-31T23:59:59.999999999Z
const EXPECTED_TIMESTAMP: &str = "an RFC 3339 timestamp string or epoch seconds";

/// A point in time, wrapping [`time::OffsetDateTime`].
///
/// **Reads** either an RFC 3339 string (`"2021-03-04T05:06:07Z"`, any offset such as
/// `+01:00`, up to 9 fractional digits; more are truncated) or epoch seconds as a JSON
/// number, integer or float, negative allowed (`1614834367`, `1614834367.5`, the AWS CLI
/// form). Float digits beyond nanoseconds are truncated. Anything outside
/// `0000-01-01T00:00:00Z..=9999-12-31T23:59:59.999999999Z` is rejected.
///
/// **Writes** `YYYY-MM-DDTHH:MM:SS[.F]Z` in UTC, where `.F` is the nanoseconds with
/// trailing zeros removed (1 to 9 digits) and is omitted when they are zero. A string
/// already in exactly that form (uppercase `T` and `Z`, no trailing zeros in the
/// fraction) is written back unchanged; any other input is normalised: offsets are
/// converted to UTC, `t`/`z`/space become `T`/`Z`, `.500` becomes `.5`, `.000` is dropped
/// and a leap second `:60` becomes `:59.999999999`. Values outside years 0000-9999 can only
/// come from `From<OffsetDateTime>`; they are written with an ISO 8601 expanded year
/// (`-0001-...`, `+10000-...`), which is not RFC 3339.
///
/// Equality, ordering and hashing compare instants, whatever the offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(::time::OffsetDateTime);

impl Timestamp {
    /// The instant `seconds` after 1970-01-01T00:00:00Z, or `None` outside years 0000-9999.
    pub fn from_epoch_seconds(seconds: i64) -> ::core::option::Option<Self> {
        Self::from_epoch_nanos(i128::from(seconds) * 1_000_000_000)
    }

    /// Like [`from_epoch_seconds`](Self::from_epoch_seconds) with a fraction, truncated to
    /// nanoseconds; `None` if not finite or outside years 0000-9999.
    ///
    /// Uses the shortest decimal that reads back as `seconds` (the digits the sender
    /// wrote), so `1614834367.123` is exactly `.123`, not the nearest binary value
    /// `.122999906...`.
    pub fn from_epoch_seconds_f64(seconds: f64) -> ::core::option::Option<Self> {
        if !seconds.is_finite() {
            return None;
        }
        // `{}` never uses exponent notation, so this is `digits[.digits]`.
        let text = ::std::format!("{}", seconds.abs());
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let fraction = fraction
            .bytes()
            .chain(::core::iter::repeat(b'0'))
            .take(9)
            .fold(0, |nanos, digit| nanos * 10 + i128::from(digit - b'0'));
        let nanos = whole.parse::<i128>().ok()?.checked_mul(1_000_000_000)? + fraction;
        Self::from_epoch_nanos(if seconds < 0.0 { -nanos } else { nanos })
    }

    fn from_epoch_nanos(nanos: i128) -> ::core::option::Option<Self> {
        if !(MIN_NANOS..=MAX_NANOS).contains(&nanos) {
            return None;
        }
        ::time::OffsetDateTime::from_unix_timestamp_nanos(nanos)
            .ok()
            .map(Self)
    }

    fn parse_rfc3339(text: &str) -> ::core::option::Option<Self> {
        // `time` accepts any separator byte; RFC 3339 allows `T`, `t` or a space.
        if !matches!(text.as_bytes().get(10), Some(b'T' | b't' | b' ')) {
            return None;
        }
        let parsed =
            ::time::OffsetDateTime::parse(text, &::time::format_description::well_known::Rfc3339);
        Self::from_epoch_nanos(parsed.ok()?.unix_timestamp_nanos())
    }

    /// Whole seconds since 1970-01-01T00:00:00Z, rounded down (so negative before it).
    pub fn epoch_seconds(&self) -> i64 {
        self.0.unix_timestamp()
    }

    /// Seconds since 1970-01-01T00:00:00Z with the fraction; `f64` keeps only about
    /// microsecond precision for present-day values.
    pub fn epoch_seconds_f64(&self) -> f64 {
        self.0.unix_timestamp() as f64 + f64::from(self.0.nanosecond()) / 1e9
    }

    /// The wrapped value: in UTC, except a value built with `From<OffsetDateTime>` keeps
    /// the offset it was given.
    pub fn as_offset_date_time(&self) -> ::time::OffsetDateTime {
        self.0
    }
}

impl ::core::convert::From<::time::OffsetDateTime> for Timestamp {
    fn from(value: ::time::OffsetDateTime) -> Self {
        Self(value)
    }
}

impl ::core::convert::From<Timestamp> for ::time::OffsetDateTime {
    fn from(value: Timestamp) -> Self {
        value.0
    }
}

/// Writes the wire form described on [`Timestamp`].
impl ::core::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        // Civil date from days since 1970-01-01 (Howard Hinnant's `civil_from_days`):
        // works for every instant and offset, unlike converting to UTC with `time`, which
        // fails at the edge of its range.
        let seconds = self.0.unix_timestamp();
        let (days, second_of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
        let z = days + 719_468;
        let (era, day_of_era) = (z.div_euclid(146_097), z.rem_euclid(146_097));
        let year_of_era =
            (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153; // March = 0
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        };
        let year = era * 400 + year_of_era + i64::from(month <= 2);
        if (0..=9999).contains(&year) {
            ::core::write!(f, "{year:04}")?;
        } else {
            ::core::write!(f, "{year:+05}")?;
        }
        let (hour, minute, second) = (
            second_of_day / 3_600,
            second_of_day / 60 % 60,
            second_of_day % 60,
        );
        ::core::write!(f, "-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}")?;
        let mut nanos = self.0.nanosecond();
        if nanos != 0 {
            let mut width = 9;
            // `rem_euclid`, not `%`: clippy wants `is_multiple_of`, which needs Rust 1.87.
            while nanos.rem_euclid(10) == 0 {
                nanos /= 10;
                width -= 1;
            }
            ::core::write!(f, ".{nanos:0width$}")?;
        }
        f.write_str("Z")
    }
}

/// Parses an RFC 3339 string as described on [`Timestamp`] (not epoch seconds).
impl ::core::str::FromStr for Timestamp {
    type Err = ::serde::de::value::Error;

    fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
        Self::parse_rfc3339(text).ok_or_else(|| {
            ::serde::de::Error::invalid_value(::serde::de::Unexpected::Str(text), &"an RFC 3339 timestamp string")
        })
    }
}

impl ::serde::Serialize for Timestamp {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> ::serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::core::result::Result<Self, D::Error> {
        deserializer.deserialize_any(TimestampVisitor)
    }
}

struct TimestampVisitor;

impl ::serde::de::Visitor<'_> for TimestampVisitor {
    type Value = Timestamp;

    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(EXPECTED_TIMESTAMP)
    }

    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::core::result::Result<Timestamp, E> {
        Timestamp::parse_rfc3339(v).ok_or_else(|| E::invalid_value(::serde::de::Unexpected::Str(v), &self))
    }

    fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::core::result::Result<Timestamp, E> {
        Timestamp::from_epoch_seconds(v)
            .ok_or_else(|| E::invalid_value(::serde::de::Unexpected::Signed(v), &self))
    }

    fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::core::result::Result<Timestamp, E> {
        i64::try_from(v)
            .ok()
            .and_then(Timestamp::from_epoch_seconds)
            .ok_or_else(|| E::invalid_value(::serde::de::Unexpected::Unsigned(v), &self))
    }

    fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> ::core::result::Result<Timestamp, E> {
        Timestamp::from_epoch_seconds_f64(v)
            .ok_or_else(|| E::invalid_value(::serde::de::Unexpected::Float(v), &self))
    }
}

/// Nothing to check; map keys must be [`Validate`].
impl Validate for Timestamp {}
