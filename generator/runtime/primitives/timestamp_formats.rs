
/// How a member's service writes a timestamp built in code, where that is not RFC 3339; a value
/// read from a document is written back as it was read, whatever the member.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub enum TimestampFormat {
    /// Seconds since 1970 as a JSON number: an integer when whole, else with the fraction.
    EpochSeconds,
    /// `Wed, 28 Apr 2021 12:00:00 GMT`.
    HttpDate,
}

/// What a structure's `Serialize` writes for a member whose service writes timestamps in
/// `1`: the value, with its timestamps built in code written in that format.
#[doc(hidden)]
pub struct InFormat<'a, T: ?::core::marker::Sized>(pub &'a T, pub TimestampFormat);

/// A timestamp, or a list, set or map of them, written with [`InFormat`].
#[doc(hidden)]
pub trait FormatTimestamps {
    fn serialize_in<S: ::serde::Serializer>(
        &self,
        format: TimestampFormat,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error>;
}

impl<T: FormatTimestamps + ?::core::marker::Sized> ::serde::Serialize for InFormat<'_, T> {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        self.0.serialize_in(self.1, serializer)
    }
}

impl FormatTimestamps for Timestamp {
    fn serialize_in<S: ::serde::Serializer>(
        &self,
        format: TimestampFormat,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        match (&self.form, format) {
            (WireForm::Canonical, TimestampFormat::EpochSeconds) => {
                let nanos = self.instant.unix_timestamp_nanos();
                let (seconds, fraction) = (nanos.div_euclid(1_000_000_000), nanos.rem_euclid(1_000_000_000));
                match i64::try_from(seconds) {
                    ::core::result::Result::Ok(seconds) if fraction == 0 => serializer.serialize_i64(seconds),
                    _ => {
                        // The decimal digits, read as the nearest `f64`, which JSON writers
                        // write back as the shortest digits that read as it: `.123`, not
                        // `.12299990654`.
                        let magnitude = nanos.unsigned_abs();
                        let sign = if nanos < 0 { "-" } else { "" };
                        let text = ::std::format!(
                            "{sign}{}.{:09}",
                            magnitude / 1_000_000_000,
                            magnitude % 1_000_000_000
                        );
                        let seconds: f64 = text.parse().map_err(::serde::ser::Error::custom)?;
                        serializer.serialize_f64(seconds)
                    }
                }
            }
            (WireForm::Canonical, TimestampFormat::HttpDate) => {
                match ::time::OffsetDateTime::from_unix_timestamp(self.instant.unix_timestamp()) {
                    ::core::result::Result::Ok(utc) => serializer.collect_str(&HttpDate(utc)),
                    // Past the years `time` reaches in UTC, which no HTTP date can say either.
                    ::core::result::Result::Err(_) => serializer.collect_str(self),
                }
            }
            _ => ::serde::Serialize::serialize(self, serializer),
        }
    }
}

/// An instant in UTC as an HTTP date (RFC 7231's IMF-fixdate), whole seconds.
struct HttpDate(::time::OffsetDateTime);

impl ::core::fmt::Display for HttpDate {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let at = self.0;
        ::core::write!(
            f,
            "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
            DAYS[usize::from(at.weekday().number_days_from_monday())],
            at.day(),
            MONTHS[usize::from(u8::from(at.month())) - 1],
            at.year(),
            at.hour(),
            at.minute(),
            at.second()
        )
    }
}

impl<T: FormatTimestamps> FormatTimestamps for ::std::vec::Vec<T> {
    fn serialize_in<S: ::serde::Serializer>(
        &self,
        format: TimestampFormat,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(|item| InFormat(item, format)))
    }
}

impl<T: FormatTimestamps> FormatTimestamps for ::std::collections::BTreeSet<T> {
    fn serialize_in<S: ::serde::Serializer>(
        &self,
        format: TimestampFormat,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(|item| InFormat(item, format)))
    }
}
