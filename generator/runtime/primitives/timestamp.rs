// RFC 3339 can only write years 0000-9999; keeping every parsed value inside that range
// means everything read from the wire can be written back and read again.
const MIN_NANOS: i128 = -62_167_219_200 * 1_000_000_000; // 0000-01-01T00:00:00Z
const MAX_NANOS: i128 = 253_402_300_799 * 1_000_000_000 + 999_999_999; // 9999-12-31T23:59:59.999999999Z
const EXPECTED_TIMESTAMP: &str =
    "an ISO 8601 / RFC 3339 timestamp, an HTTP date or epoch seconds (a number or a string)";

/// A point in time, wrapping [`time::OffsetDateTime`], that is written back in the form it was
/// read.
///
/// **Reads** every form AWS services and botocore use:
/// - ISO 8601 / RFC 3339, extended or basic: `"2021-03-04T05:06:07Z"`, `"2021-03-04T05:06:07.123Z"`
///   (up to 9 fraction digits; more are truncated), offsets `+01:00`, `+0100` or `+01`, no seconds
///   (`"2016-09-27T14:55Z"`), basic (`"20170228T1215Z"`), `t`/`z`/a space for `T`/`Z`; no offset
///   means UTC, and a date alone (`"2021-03-04"`) is its midnight in UTC;
/// - an HTTP date (`"Thu, 15 Dec 2016 01:19:41 GMT"`, as S3 sends `LastModified`; `GMT`, `UTC`,
///   `Z` or an offset such as `+0000`);
/// - epoch seconds as a JSON number, integer or not, negative allowed (`1614834367`,
///   `1479832474.764`, what the JSON protocols send), or in a string (`"1472660939.152"`).
///
/// A leap second `:60` reads as `:59.999999999`. Anything outside
/// `0000-01-01T00:00:00Z..=9999-12-31T23:59:59.999999999Z` is rejected.
///
/// **Writes** a value read from a document exactly as it was read: a number stays the same
/// number, a string the same string, its fraction digits and offset as given. A value built in
/// code (`from_epoch_seconds`, `From<OffsetDateTime>`, `FromStr` aside, which keeps its text)
/// writes `YYYY-MM-DDTHH:MM:SS[.F]Z` in UTC, where `.F` is the nanoseconds with trailing zeros
/// removed and is omitted when they are zero; `Display` always writes that form. Values outside
/// years 0000-9999 can only come from `From<OffsetDateTime>`; they are written with an ISO 8601
/// expanded year (`-0001-...`, `+10000-...`), which is not RFC 3339.
///
/// Equality, ordering and hashing compare instants, whatever the form or offset.
#[derive(Clone)]
pub struct Timestamp {
    instant: ::time::OffsetDateTime,
    form: WireForm,
}

/// How a [`Timestamp`] was written where it was read.
#[derive(Clone)]
enum WireForm {
    /// Built in code: RFC 3339 in UTC, as [`Display`](::core::fmt::Display) writes it.
    Canonical,
    /// Read from a string: written back as that string.
    Text(::std::boxed::Box<str>),
    /// Epoch seconds read as a JSON integer.
    Integer(i64),
    /// Epoch seconds read as a JSON number with a fraction or exponent.
    Float(f64),
}

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
        // `{}` never uses exponent notation, so this is `[-]digits[.digits]`.
        Self::from_epoch_nanos(epoch_decimal_nanos(&::std::format!("{seconds}"))?)
    }

    fn from_epoch_nanos(nanos: i128) -> ::core::option::Option<Self> {
        if !(MIN_NANOS..=MAX_NANOS).contains(&nanos) {
            return None;
        }
        ::time::OffsetDateTime::from_unix_timestamp_nanos(nanos)
            .ok()
            .map(Self::from)
    }

    /// A string in any of the forms described on [`Timestamp`], kept to be written back as it is.
    fn parse_text(text: &str) -> ::core::option::Option<Self> {
        let nanos = epoch_decimal_nanos(text)
            .or_else(|| parse_iso8601(text))
            .or_else(|| parse_http_date(text))?;
        let mut timestamp = Self::from_epoch_nanos(nanos)?;
        timestamp.form = WireForm::Text(text.into());
        ::core::option::Option::Some(timestamp)
    }

    /// Whole seconds since 1970-01-01T00:00:00Z, rounded down (so negative before it).
    pub fn epoch_seconds(&self) -> i64 {
        self.instant.unix_timestamp()
    }

    /// Seconds since 1970-01-01T00:00:00Z with the fraction; `f64` keeps only about
    /// microsecond precision for present-day values.
    pub fn epoch_seconds_f64(&self) -> f64 {
        self.instant.unix_timestamp() as f64 + f64::from(self.instant.nanosecond()) / 1e9
    }

    /// The wrapped value: in UTC, except a value built with `From<OffsetDateTime>` keeps
    /// the offset it was given.
    pub fn as_offset_date_time(&self) -> ::time::OffsetDateTime {
        self.instant
    }
}

/// Nanoseconds since the epoch of `[-]digits[.digits]` seconds, the fraction truncated to
/// nanoseconds; exact, with no binary floating point on the way.
fn epoch_decimal_nanos(text: &str) -> ::core::option::Option<i128> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) if !fraction.is_empty() => (whole, fraction),
        Some(_) => return None,
        None => (unsigned, ""),
    };
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    // Bounded so that the arithmetic cannot overflow; the range check rejects what is too late.
    if whole.is_empty() || whole.len() > 18 || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let fraction = fraction
        .bytes()
        .chain(::core::iter::repeat(b'0'))
        .take(9)
        .fold(0, |nanos, digit| nanos * 10 + i128::from(digit - b'0'));
    let nanos = whole.parse::<i128>().ok()? * 1_000_000_000 + fraction;
    ::core::option::Option::Some(if negative { -nanos } else { nanos })
}

/// Reads fixed-width fields of a timestamp string.
struct Fields<'a> {
    rest: &'a [u8],
}

impl Fields<'_> {
    fn eat(&mut self, expected: &[u8]) -> bool {
        let found = self.rest.starts_with(expected);
        if found {
            self.rest = &self.rest[expected.len()..];
        }
        found
    }

    fn eat_any(&mut self, choices: &[u8]) -> bool {
        match self.rest.first() {
            Some(b) if choices.contains(b) => {
                self.rest = &self.rest[1..];
                true
            }
            _ => false,
        }
    }

    fn next_is_digit(&self) -> bool {
        self.rest.first().is_some_and(u8::is_ascii_digit)
    }

    /// Exactly `width` ASCII digits.
    fn number(&mut self, width: usize) -> ::core::option::Option<u32> {
        let digits = self.rest.get(..width)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.rest = &self.rest[width..];
        ::core::option::Option::Some(
            digits
                .iter()
                .fold(0, |value, digit| value * 10 + u32::from(digit - b'0')),
        )
    }

    /// One or more fraction digits, as nanoseconds; digits past the ninth are dropped.
    fn fraction(&mut self) -> ::core::option::Option<u32> {
        let count = self.rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 {
            return None;
        }
        let nanos = self.rest[..count]
            .iter()
            .chain(::core::iter::repeat(&b'0'))
            .take(9)
            .fold(0, |nanos, digit| nanos * 10 + u32::from(digit - b'0'));
        self.rest = &self.rest[count..];
        ::core::option::Option::Some(nanos)
    }

    /// `+HH:MM`, `+HHMM` or `+HH` (or `-`), as seconds east of UTC.
    fn offset(&mut self) -> ::core::option::Option<i32> {
        let sign = match self.rest.first()? {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        self.rest = &self.rest[1..];
        let hours = self.number(2)?;
        let colon = self.eat(b":");
        let minutes = if colon || self.next_is_digit() {
            self.number(2)?
        } else {
            0
        };
        if hours > 23 || minutes > 59 {
            return None;
        }
        ::core::option::Option::Some(sign * (hours * 3_600 + minutes * 60) as i32)
    }
}

/// The civil date and time fields of a timestamp and its offset in seconds east of UTC.
struct Civil {
    year: u32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    nanos: u32,
    offset: i32,
}

impl Civil {
    fn midnight_utc(year: u32, month: u32, day: u32) -> Self {
        Civil {
            year,
            month,
            day,
            hour: 0,
            minute: 0,
            second: 0,
            nanos: 0,
            offset: 0,
        }
    }

    /// Nanoseconds since the epoch; a leap second (`:60`) only where one can be, at 23:59 UTC on
    /// the last day of a month, read as `:59.999999999`.
    fn epoch_nanos(&self) -> ::core::option::Option<i128> {
        let month = ::time::Month::try_from(u8::try_from(self.month).ok()?).ok()?;
        let date = ::time::Date::from_calendar_date(
            i32::try_from(self.year).ok()?,
            month,
            u8::try_from(self.day).ok()?,
        )
        .ok()?;
        let leap = self.second == 60;
        let (second, nanos) = if leap {
            (59, 999_999_999)
        } else {
            (self.second, self.nanos)
        };
        let time = ::time::Time::from_hms_nano(
            u8::try_from(self.hour).ok()?,
            u8::try_from(self.minute).ok()?,
            u8::try_from(second).ok()?,
            nanos,
        )
        .ok()?;
        let offset = ::time::UtcOffset::from_whole_seconds(self.offset).ok()?;
        let instant = ::time::PrimitiveDateTime::new(date, time).assume_offset(offset);
        if leap {
            let utc = instant.to_offset(::time::UtcOffset::UTC);
            let last_of_month = utc.date().next_day().is_some_and(|next| next.day() == 1);
            if (utc.hour(), utc.minute()) != (23, 59) || !last_of_month {
                return None;
            }
        }
        ::core::option::Option::Some(instant.unix_timestamp_nanos())
    }
}

/// ISO 8601, extended or basic: `YYYY-MM-DD[THH:MM[:SS[.F]][zone]]` or
/// `YYYYMMDDTHHMM[SS[.F]][zone]`, the zone `Z`, `+HH:MM`, `+HHMM` or `+HH`, UTC when absent.
fn parse_iso8601(text: &str) -> ::core::option::Option<i128> {
    let mut fields = Fields {
        rest: text.as_bytes(),
    };
    let year = fields.number(4)?;
    let extended = fields.eat(b"-");
    let month = fields.number(2)?;
    if extended && !fields.eat(b"-") {
        return None;
    }
    let mut civil = Civil::midnight_utc(year, month, fields.number(2)?);
    if fields.rest.is_empty() && extended {
        return civil.epoch_nanos();
    }
    if !fields.eat_any(b"Tt ") {
        return None;
    }
    civil.hour = fields.number(2)?;
    let colons = fields.eat(b":");
    civil.minute = fields.number(2)?;
    let has_seconds = if colons {
        fields.eat(b":")
    } else {
        fields.next_is_digit()
    };
    if has_seconds {
        civil.second = fields.number(2)?;
        if fields.eat_any(b".,") {
            civil.nanos = fields.fraction()?;
        }
    }
    if !fields.eat_any(b"Zz") && !fields.rest.is_empty() {
        civil.offset = fields.offset()?;
    }
    if !fields.rest.is_empty() {
        return None;
    }
    civil.epoch_nanos()
}

/// An HTTP date, `[Thu, ]15 Dec 2016 01:19:41 GMT` (RFC 7231's IMF-fixdate; RFC 2822's numeric
/// zones `+0000` and `UTC` or `Z` too).
fn parse_http_date(text: &str) -> ::core::option::Option<i128> {
    const DAYS: [&[u8]; 7] = [b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"];
    const MONTHS: [&[u8]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov",
        b"Dec",
    ];
    let mut fields = Fields {
        rest: text.as_bytes(),
    };
    if DAYS.iter().any(|day| fields.eat(day)) && !fields.eat(b", ") {
        return None;
    }
    let day = if fields.rest.get(1).is_some_and(u8::is_ascii_digit) {
        fields.number(2)?
    } else {
        fields.number(1)?
    };
    if !fields.eat(b" ") {
        return None;
    }
    let month = MONTHS.iter().position(|month| fields.eat(month))? as u32 + 1;
    if !fields.eat(b" ") {
        return None;
    }
    let mut civil = Civil::midnight_utc(fields.number(4)?, month, day);
    if !fields.eat(b" ") {
        return None;
    }
    civil.hour = fields.number(2)?;
    if !fields.eat(b":") {
        return None;
    }
    civil.minute = fields.number(2)?;
    if !fields.eat(b":") {
        return None;
    }
    civil.second = fields.number(2)?;
    if !fields.eat(b" ") {
        return None;
    }
    if !(fields.eat(b"GMT") || fields.eat(b"UTC") || fields.eat(b"Z")) {
        civil.offset = fields.offset()?;
    }
    if !fields.rest.is_empty() {
        return None;
    }
    civil.epoch_nanos()
}

impl ::core::cmp::PartialEq for Timestamp {
    fn eq(&self, other: &Self) -> bool {
        self.instant == other.instant
    }
}

impl ::core::cmp::Eq for Timestamp {}

impl ::core::cmp::PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> ::core::option::Option<::core::cmp::Ordering> {
        ::core::option::Option::Some(::core::cmp::Ord::cmp(self, other))
    }
}

impl ::core::cmp::Ord for Timestamp {
    fn cmp(&self, other: &Self) -> ::core::cmp::Ordering {
        self.instant.cmp(&other.instant)
    }
}

impl ::core::hash::Hash for Timestamp {
    fn hash<H: ::core::hash::Hasher>(&self, state: &mut H) {
        self.instant.hash(state);
    }
}

/// `Timestamp(2021-03-04T05:06:07Z)`: the instant, whatever form it was read in.
impl ::core::fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        ::core::write!(f, "Timestamp({self})")
    }
}

impl ::core::convert::From<::time::OffsetDateTime> for Timestamp {
    fn from(instant: ::time::OffsetDateTime) -> Self {
        Self {
            instant,
            form: WireForm::Canonical,
        }
    }
}

impl ::core::convert::From<Timestamp> for ::time::OffsetDateTime {
    fn from(value: Timestamp) -> Self {
        value.instant
    }
}

/// RFC 3339 in UTC, whatever form the value was read in (see [`Timestamp`]).
impl ::core::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        // Civil date from days since 1970-01-01 (Howard Hinnant's `civil_from_days`):
        // works for every instant and offset, unlike converting to UTC with `time`, which
        // fails at the edge of its range.
        let seconds = self.instant.unix_timestamp();
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
        let mut nanos = self.instant.nanosecond();
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

/// Parses any string form described on [`Timestamp`], kept to be written back as it is.
impl ::core::str::FromStr for Timestamp {
    type Err = ::serde::de::value::Error;

    fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
        Self::parse_text(text).ok_or_else(|| {
            ::serde::de::Error::invalid_value(::serde::de::Unexpected::Str(text), &EXPECTED_TIMESTAMP)
        })
    }
}

impl ::serde::Serialize for Timestamp {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        match &self.form {
            WireForm::Canonical => serializer.collect_str(self),
            WireForm::Text(text) => serializer.serialize_str(text),
            WireForm::Integer(seconds) => serializer.serialize_i64(*seconds),
            WireForm::Float(seconds) => serializer.serialize_f64(*seconds),
        }
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
        Timestamp::parse_text(v).ok_or_else(|| E::invalid_value(::serde::de::Unexpected::Str(v), &self))
    }

    fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::core::result::Result<Timestamp, E> {
        let mut timestamp = Timestamp::from_epoch_seconds(v)
            .ok_or_else(|| E::invalid_value(::serde::de::Unexpected::Signed(v), &self))?;
        timestamp.form = WireForm::Integer(v);
        ::core::result::Result::Ok(timestamp)
    }

    fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::core::result::Result<Timestamp, E> {
        match i64::try_from(v) {
            ::core::result::Result::Ok(seconds) => self.visit_i64(seconds),
            ::core::result::Result::Err(_) => ::core::result::Result::Err(E::invalid_value(
                ::serde::de::Unexpected::Unsigned(v),
                &self,
            )),
        }
    }

    fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> ::core::result::Result<Timestamp, E> {
        let mut timestamp = Timestamp::from_epoch_seconds_f64(v)
            .ok_or_else(|| E::invalid_value(::serde::de::Unexpected::Float(v), &self))?;
        timestamp.form = WireForm::Float(v);
        ::core::result::Result::Ok(timestamp)
    }
}

/// Nothing to check; map keys must be [`Validate`].
impl Validate for Timestamp {}
