/// A value that can check itself against what the model says: enums hold values the model
/// lists, and strings, lists, maps and numbers stay within the model's constraints.
///
/// Every generated type implements it; so do `Option`, `Box`, `Vec`, `BTreeSet` and
/// `BTreeMap` of such types.
pub trait Validate {
    /// Walks the whole value and returns every violation found, or `Ok` if there is none.
    fn validate(&self) -> ::core::result::Result<(), ValidationErrors> {
        let mut errors = ValidationErrors(::std::vec::Vec::new());
        self.validate_at(&FieldPath::ROOT, &mut errors);
        if errors.0.is_empty() {
            ::core::result::Result::Ok(())
        } else {
            ::core::result::Result::Err(errors)
        }
    }

    /// Adds the violations in this value, found at `path`, to `errors`; called by
    /// [`validate`](Self::validate) and by the values that contain this one.
    #[doc(hidden)]
    fn validate_at(&self, _path: &FieldPath<'_>, _errors: &mut ValidationErrors) {}
}

/// Where a value sits inside the one being validated; written out only for a violation.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct FieldPath<'a> {
    parent: ::core::option::Option<&'a FieldPath<'a>>,
    segment: Segment<'a>,
}

#[derive(Clone, Copy)]
enum Segment<'a> {
    Root,
    Field(&'static str),
    Index(usize),
    Key(&'a dyn ::core::fmt::Display),
}

impl<'a> FieldPath<'a> {
    const ROOT: FieldPath<'static> = FieldPath {
        parent: ::core::option::Option::None,
        segment: Segment::Root,
    };

    /// The field with wire name `name` of the structure at this path.
    pub fn field(&'a self, name: &'static str) -> Self {
        self.child(Segment::Field(name))
    }

    fn child(&'a self, segment: Segment<'a>) -> Self {
        FieldPath {
            parent: ::core::option::Option::Some(self),
            segment,
        }
    }
}

/// `UserPoolConfigs.Mfa.Settings.MfaTypes[1]`, `Tags["Name"]`: wire names, list positions
/// and map keys (quoted and escaped like a Rust string).
impl ::core::fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        let Some(parent) = self.parent else {
            return ::core::result::Result::Ok(());
        };
        parent.fmt(f)?;
        match self.segment {
            Segment::Root => ::core::result::Result::Ok(()),
            Segment::Field(name) if parent.parent.is_none() => f.write_str(name),
            Segment::Field(name) => ::core::write!(f, ".{name}"),
            Segment::Index(index) => ::core::write!(f, "[{index}]"),
            Segment::Key(key) => ::core::write!(f, "[{:?}]", ::std::string::ToString::to_string(key)),
        }
    }
}

/// Every way a value breaks the model; what [`Validate::validate`] returns.
///
/// `Display` writes one violation per line.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidationErrors(::std::vec::Vec<Violation>);

impl ValidationErrors {
    /// The violations, in the order of the value's fields and elements.
    pub fn violations(&self) -> &[Violation] {
        &self.0
    }

    /// The violations, owned.
    pub fn into_violations(self) -> ::std::vec::Vec<Violation> {
        self.0
    }

    fn push(&mut self, path: &FieldPath<'_>, reason: Reason) {
        self.0.push(Violation {
            path: ::std::string::ToString::to_string(path),
            reason,
        });
    }

    /// An enum at `path` holds `value`, which the model does not list.
    #[doc(hidden)]
    pub fn unknown(&mut self, path: &FieldPath<'_>, value: &str, expected: &'static [&'static str]) {
        let value = ::std::string::ToString::to_string(value);
        self.push(path, Reason::UnknownValue { value, expected });
    }

    /// Checks the length of the string, list or map at `path`, if present.
    #[doc(hidden)]
    pub fn length(
        &mut self,
        path: &FieldPath<'_>,
        value: &impl Constrained,
        bounds: impl ::core::ops::RangeBounds<u64>,
    ) {
        if let ::core::option::Option::Some(length) = value.length() {
            if !bounds.contains(&(length as u64)) {
                let (min, max) = (included(bounds.start_bound()), included(bounds.end_bound()));
                self.push(path, Reason::Length { length, min, max });
            }
        }
    }

    /// Checks the number at `path`, if present.
    #[doc(hidden)]
    pub fn range(
        &mut self,
        path: &FieldPath<'_>,
        value: &impl Constrained,
        bounds: impl ::core::ops::RangeBounds<f64>,
    ) {
        if let ::core::option::Option::Some(number) = value.number() {
            if !bounds.contains(&number) {
                let (min, max) = (included(bounds.start_bound()), included(bounds.end_bound()));
                self.push(path, Reason::Range { min, max });
            }
        }
    }
}

fn included<T: Copy>(bound: ::core::ops::Bound<&T>) -> ::core::option::Option<T> {
    match bound {
        ::core::ops::Bound::Included(value) | ::core::ops::Bound::Excluded(value) => {
            ::core::option::Option::Some(*value)
        }
        ::core::ops::Bound::Unbounded => ::core::option::Option::None,
    }
}

impl ::core::fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        for (i, violation) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            ::core::fmt::Display::fmt(violation, f)?;
        }
        ::core::result::Result::Ok(())
    }
}

impl ::std::error::Error for ValidationErrors {}

/// One way a value breaks the model: where, and why.
///
/// `Display` writes `path: reason`.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    path: ::std::string::String,
    reason: Reason,
}

impl Violation {
    /// Where, in wire names: `UserPoolConfigs.Mfa.Settings.MfaTypes[1]`, `Tags["Name"]`;
    /// empty for the validated value itself.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Why.
    pub fn reason(&self) -> &Reason {
        &self.reason
    }
}

impl ::core::fmt::Display for Violation {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        if self.path.is_empty() {
            ::core::fmt::Display::fmt(&self.reason, f)
        } else {
            ::core::write!(f, "{}: {}", self.path, self.reason)
        }
    }
}

/// Why a value breaks the model. Only enum values are repeated: any other value may be secret.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Reason {
    /// An enum holds a value the model does not list: fine to receive, wrong to send.
    UnknownValue {
        value: ::std::string::String,
        /// The values the model lists.
        expected: &'static [&'static str],
    },
    /// A string (in characters), list or map is shorter or longer than the model allows.
    Length {
        length: usize,
        min: ::core::option::Option<u64>,
        max: ::core::option::Option<u64>,
    },
    /// A number is outside the model's range.
    Range {
        min: ::core::option::Option<f64>,
        max: ::core::option::Option<f64>,
    },
    /// A string does not match the model's regular expression.
    Pattern { pattern: &'static str },
}

impl ::core::fmt::Display for Reason {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        match self {
            Reason::UnknownValue { value, expected } => {
                ::core::write!(f, "unknown value {value:?}, expected ")?;
                if expected.len() > 1 {
                    f.write_str("one of ")?;
                }
                for (i, known) in expected.iter().enumerate() {
                    let separator = if i > 0 { ", " } else { "" };
                    ::core::write!(f, "{separator}{known:?}")?;
                }
                ::core::result::Result::Ok(())
            }
            Reason::Length { length, min, max } => {
                ::core::write!(f, "length {length}, expected ")?;
                write_bounds(f, *min, *max)
            }
            Reason::Range { min, max } => {
                f.write_str("out of range, expected ")?;
                write_bounds(f, *min, *max)
            }
            Reason::Pattern { pattern } => ::core::write!(f, "does not match the pattern {pattern}"),
        }
    }
}

fn write_bounds<T: ::core::fmt::Display>(
    f: &mut ::core::fmt::Formatter<'_>,
    min: ::core::option::Option<T>,
    max: ::core::option::Option<T>,
) -> ::core::fmt::Result {
    match (min, max) {
        (::core::option::Option::Some(min), ::core::option::Option::Some(max)) => {
            ::core::write!(f, "{min} to {max}")
        }
        (::core::option::Option::Some(min), ::core::option::Option::None) => {
            ::core::write!(f, "at least {min}")
        }
        (::core::option::Option::None, ::core::option::Option::Some(max)) => {
            ::core::write!(f, "at most {max}")
        }
        (::core::option::Option::None, ::core::option::Option::None) => f.write_str("any"),
    }
}

/// What the model's constraints measure in a field's value; `None` when the value has no
/// such measure or an optional field is absent.
#[doc(hidden)]
pub trait Constrained {
    /// Characters of a string, elements of a list, set or map.
    fn length(&self) -> ::core::option::Option<usize> {
        ::core::option::Option::None
    }
    fn number(&self) -> ::core::option::Option<f64> {
        ::core::option::Option::None
    }
    fn text(&self) -> ::core::option::Option<&str> {
        ::core::option::Option::None
    }
}

impl Constrained for ::std::string::String {
    fn length(&self) -> ::core::option::Option<usize> {
        ::core::option::Option::Some(self.chars().count())
    }
    fn text(&self) -> ::core::option::Option<&str> {
        ::core::option::Option::Some(self)
    }
}

impl Constrained for i64 {
    fn number(&self) -> ::core::option::Option<f64> {
        ::core::option::Option::Some(*self as f64)
    }
}

impl Constrained for f64 {
    fn number(&self) -> ::core::option::Option<f64> {
        ::core::option::Option::Some(*self)
    }
}

impl<T> Constrained for ::std::vec::Vec<T> {
    fn length(&self) -> ::core::option::Option<usize> {
        ::core::option::Option::Some(self.len())
    }
}

impl<T> Constrained for ::std::collections::BTreeSet<T> {
    fn length(&self) -> ::core::option::Option<usize> {
        ::core::option::Option::Some(self.len())
    }
}

impl<K, V> Constrained for ::std::collections::BTreeMap<K, V> {
    fn length(&self) -> ::core::option::Option<usize> {
        ::core::option::Option::Some(self.len())
    }
}

impl<T: Constrained> Constrained for ::core::option::Option<T> {
    fn length(&self) -> ::core::option::Option<usize> {
        self.as_ref()?.length()
    }
    fn number(&self) -> ::core::option::Option<f64> {
        self.as_ref()?.number()
    }
    fn text(&self) -> ::core::option::Option<&str> {
        self.as_ref()?.text()
    }
}

// Containers pass validation on to what they hold, extending the path.

impl<T: Validate> Validate for ::core::option::Option<T> {
    fn validate_at(&self, path: &FieldPath<'_>, errors: &mut ValidationErrors) {
        if let ::core::option::Option::Some(value) = self {
            value.validate_at(path, errors);
        }
    }
}

impl<T: Validate> Validate for ::std::boxed::Box<T> {
    fn validate_at(&self, path: &FieldPath<'_>, errors: &mut ValidationErrors) {
        (**self).validate_at(path, errors);
    }
}

impl<T: Validate> Validate for ::std::vec::Vec<T> {
    fn validate_at(&self, path: &FieldPath<'_>, errors: &mut ValidationErrors) {
        for (index, item) in self.iter().enumerate() {
            item.validate_at(&path.child(Segment::Index(index)), errors);
        }
    }
}

impl<T: Validate> Validate for ::std::collections::BTreeSet<T> {
    fn validate_at(&self, path: &FieldPath<'_>, errors: &mut ValidationErrors) {
        for (index, item) in self.iter().enumerate() {
            item.validate_at(&path.child(Segment::Index(index)), errors);
        }
    }
}

/// A key and its value are both reported at `Map["key"]`.
impl<K, V> Validate for ::std::collections::BTreeMap<K, V>
where
    K: Validate + ::core::fmt::Display,
    V: Validate,
{
    fn validate_at(&self, path: &FieldPath<'_>, errors: &mut ValidationErrors) {
        for (key, value) in self {
            let entry = path.child(Segment::Key(key));
            key.validate_at(&entry, errors);
            value.validate_at(&entry, errors);
        }
    }
}

// Scalars: nothing to check, but a collection's `Validate` needs its keys and values to be (a map
// keyed by an enum is validated for its keys, whatever its values).
impl Validate for ::std::string::String {}
impl Validate for i64 {}
impl Validate for f64 {}
impl Validate for bool {}
