//! The intermediate representation: what a model says, independent of where it was read from
//! (structure docs or a YAML model) and of the Rust that is generated from it.
//!
//! Names here are *source* names (`BackendAPIAuthTypeTypeDef`, `Mode`) and *wire* names (`ApiName`);
//! turning them into Rust identifiers is the emitter's job.

use std::collections::BTreeMap;

mod check;

pub(crate) use check::pattern_problem;
pub use check::{check, is_ordered, Attribute, Problem, Subject};

/// How deeply a type may nest for the emitter, whose walks recurse: far more than any model read
/// from a file can have (both readers stop at 64 brackets), far less than overflows a stack.
pub(crate) const MAX_TYPE_DEPTH: usize = 256;

/// How many shapes one model may have for the emitter, which holds a crate's code in memory
/// (about 260 KB a shape at the peak): the largest AWS service, ec2, has about 2,500.
pub const MAX_SHAPES: usize = 10_000;

/// How many members (structure fields, literal values, union members) one model may have for
/// the emitter: about 22 KB each at the peak, 1 KB of Rust written. The largest AWS service, ec2,
/// has about 8,300 fields and 1,600 literal values.
pub(crate) const MAX_MEMBERS: usize = 100_000;

/// A whole API model: every shape of one service.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// The service's module name as the docs spell it (`amplifybackend`, `acm_pca`).
    pub service: String,
    /// The version of the generated package, as its maintainer sets it (semver).
    pub version: Option<String>,
    /// The boto3 release whose documentation the model was read from.
    pub boto3_version: Option<String>,
    /// How the service's own HTTP API encodes its messages (botocore's `metadata.protocol`), when
    /// an enrichment layer knows it.
    pub protocol: Option<Protocol>,
    /// Every shape keyed by its source name. A sorted map, so that everything derived from a model is
    /// independent of the order in which its source listed the shapes.
    pub shapes: BTreeMap<String, Shape>,
}

/// One named shape: a structure or a literal (enum) type.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    /// Documentation (Markdown) from an enrichment layer or a maintainer; the docs pages carry none.
    pub docs: Option<String>,
    pub kind: ShapeKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ShapeKind {
    Structure(Structure),
    Literal(Literal),
}

/// A structure (a `TypedDict` in the docs): its fields in source order, required ones first as the
/// docs list them.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Structure {
    pub fields: Vec<Field>,
}

impl Structure {
    pub fn field(&self, wire_name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == wire_name)
    }
}

/// A named literal type: the closed set of strings the service documents (servers may add more).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Literal {
    pub values: Vec<String>,
}

/// One member of a structure.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The wire name, exactly as the service spells it (`OpenIDAuthTTL`).
    pub name: String,
    pub ty: Type,
    pub required: bool,
    /// Documentation (Markdown) from an enrichment layer or a maintainer.
    pub docs: Option<String>,
    /// Secret values (passwords, client secrets) that must never be printed.
    pub sensitive: bool,
    pub constraints: Constraints,
    /// How the service's own HTTP messages carry the field, where boto3's dicts use `name`.
    pub service_wire: ServiceWire,
}

impl Field {
    /// A field with only what the docs pages can say: name, type and whether it is required.
    pub fn new(name: impl Into<String>, ty: Type, required: bool) -> Self {
        Field {
            name: name.into(),
            ty,
            required,
            docs: None,
            sensitive: false,
            constraints: Constraints::default(),
            service_wire: ServiceWire::default(),
        }
    }
}

/// How a service's own HTTP API carries one member (botocore's view of it). The docs pages know
/// only boto3's dict keys; an enrichment layer adds this.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ServiceWire {
    /// The member's key in the service's JSON body when it is not the field's `name`
    /// (botocore's `locationName` or `jsonName`).
    pub key: Option<String>,
    /// Where in the HTTP message the member travels.
    pub location: MemberLocation,
    /// How the service writes this member's timestamps; `None`: its protocol's default.
    pub timestamp_format: Option<TimestampFormat>,
}

impl ServiceWire {
    /// The member's key in the service's JSON body: its own `key`, else `name` (boto3's);
    /// `None` if it travels outside the body.
    pub fn body_key<'a>(&'a self, name: &'a str) -> Option<&'a str> {
        (self.location == MemberLocation::Body).then(|| self.key.as_deref().unwrap_or(name))
    }
}

/// Where in an HTTP request or response a member travels (botocore's `location`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum MemberLocation {
    /// In the body (JSON or XML, by the protocol).
    #[default]
    Body,
    /// In the HTTP header of this name.
    Header(String),
    /// In every HTTP header starting with this prefix (a map member).
    Headers(String),
    /// In the request URI, as the label of this name.
    Uri(String),
    /// In the query string, as the parameter of this name.
    QueryString(String),
    /// The response's HTTP status code.
    StatusCode,
}

/// How a service writes a timestamp (botocore's `timestampFormat`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    /// `2021-04-28T12:00:00Z` (botocore `iso8601`).
    Iso8601,
    /// Seconds since 1970 as a JSON number, fractions allowed (botocore `unixTimestamp`).
    EpochSeconds,
    /// `Wed, 28 Apr 2021 12:00:00 GMT` (botocore `rfc822`).
    HttpDate,
}

/// A service's wire protocol (botocore's `metadata.protocol`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// `json`: AWS JSON 1.0/1.1, every member in a JSON body.
    Json,
    /// `rest-json`: JSON bodies, members also in headers, the URI and the query string.
    RestJson,
    /// `query`: form-encoded requests, XML responses.
    Query,
    /// `rest-xml`: XML bodies, members also in headers, the URI and the query string.
    RestXml,
    /// `ec2`: EC2's variant of `query`.
    Ec2,
}

/// Limits on a field's value that the docs pages cannot express; a YAML model or overlay adds them.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Constraints {
    /// Length of a string (in characters), a list or a map.
    pub length: Option<Bounds<u64>>,
    /// Numeric range of an integer or float.
    pub range: Option<Bounds<f64>>,
    /// A regular expression a string must match.
    pub pattern: Option<String>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

/// Inclusive bounds; either side may be open.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Bounds<T> {
    pub min: Option<T>,
    pub max: Option<T>,
}

/// A field's type, normalised: the spellings of one concept in the docs (`bytes`, `IO[bytes]`,
/// `StreamingBody`, `Union[bytes, IO[bytes]]`; `List`, `Sequence`) all become one variant.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Type {
    String,
    Integer,
    Float,
    Boolean,
    /// A point in time (`datetime`).
    Timestamp,
    /// Raw bytes (`bytes`, `bytearray`, `IO[bytes]`, `StreamingBody`).
    Blob,
    /// An exact decimal number (`Decimal`).
    Decimal,
    /// Any JSON value (`Any`).
    Any,
    /// The absence of a value (`None`); only meaningful as a union member.
    Null,
    List(Box<Type>),
    Set(Box<Type>),
    Map(Box<Type>, Box<Type>),
    /// One of several types; normalised to at least two distinct members (see [`Type::union`]).
    Union(Vec<Type>),
    /// An inline literal type (`Literal['COGNITO']`): its values.
    Enum(Vec<String>),
    /// A reference to another shape of the model by source name.
    Ref(String),
}

impl Type {
    /// The normalised union of `members`: nested unions are flattened, duplicates dropped (first
    /// occurrence wins), and a union of one type is that type. `Union[bytes, IO[bytes]]` is `Blob`.
    pub fn union(members: impl IntoIterator<Item = Type>) -> Type {
        let mut flat: Vec<Type> = Vec::new();
        // A set beside the list: a `Union[...]` in a page may name 100,000 members.
        let mut seen = std::collections::HashSet::new();
        for member in members {
            let parts = match member {
                Type::Union(inner) => inner,
                other => vec![other],
            };
            for part in parts {
                if seen.insert(part.clone()) {
                    flat.push(part);
                }
            }
        }
        if flat.len() == 1 {
            flat.pop().expect("one member")
        } else {
            Type::Union(flat)
        }
    }

    /// How deeply this type nests (`string` is 1, `list[string]` 2), found without recursion so that
    /// no model, however built, can overflow the stack here.
    pub fn depth(&self) -> usize {
        let mut deepest = 0;
        let mut pending = vec![(self, 1)];
        while let Some((ty, depth)) = pending.pop() {
            deepest = deepest.max(depth);
            match ty {
                Type::List(item) | Type::Set(item) => pending.push((item, depth + 1)),
                Type::Map(key, value) => {
                    pending.extend([(&**key, depth + 1), (&**value, depth + 1)])
                }
                Type::Union(members) => pending.extend(members.iter().map(|m| (m, depth + 1))),
                _ => {}
            }
        }
        deepest
    }

    /// Calls `visit` on this type and every type nested in it, outermost first.
    pub fn walk<'a>(&'a self, visit: &mut impl FnMut(&'a Type)) {
        visit(self);
        match self {
            Type::List(item) | Type::Set(item) => item.walk(visit),
            Type::Map(key, value) => {
                key.walk(visit);
                value.walk(visit);
            }
            Type::Union(members) => members.iter().for_each(|m| m.walk(visit)),
            _ => {}
        }
    }
}

impl Model {
    pub fn new(service: impl Into<String>) -> Self {
        Model {
            service: service.into(),
            version: None,
            boto3_version: None,
            protocol: None,
            shapes: BTreeMap::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_flattens_dedups_and_collapses() {
        assert_eq!(Type::union([Type::Blob, Type::Blob]), Type::Blob);
        assert_eq!(
            Type::union([
                Type::Blob,
                Type::Union(vec![Type::String, Type::Blob]),
                Type::Null
            ]),
            Type::Union(vec![Type::Blob, Type::String, Type::Null])
        );
    }

    #[test]
    fn depth_counts_levels_without_recursing() {
        let mut deep = Type::String;
        for _ in 0..100_000 {
            deep = Type::List(Box::new(deep));
        }
        assert_eq!(deep.depth(), 100_001);
        assert_eq!(
            Type::Map(
                Box::new(Type::String),
                Box::new(Type::List(Box::new(Type::Any)))
            )
            .depth(),
            3
        );
        // Dropping it recursively would overflow the test thread's stack; leak it instead.
        std::mem::forget(deep);
    }
}
