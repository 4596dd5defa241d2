
impl<K: ::serde::Serialize, V: FormatTimestamps> FormatTimestamps for ::std::collections::BTreeMap<K, V> {
    fn serialize_in<S: ::serde::Serializer>(
        &self,
        format: TimestampFormat,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(key, value)| (key, InFormat(value, format))))
    }
}
