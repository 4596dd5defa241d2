//! The Python type expressions the docs write for field types (`List["FooTypeDef"]`,
//! `Dict[str, Union[bytes, IO[bytes]]]`, `Literal['a', 'b']`, gen 4's `NotRequired[Sequence[str]]`),
//! parsed into [`Type`].
//!
//! The parser knows nothing about pages: errors carry a byte offset into the expression, which the
//! reader maps back to the file. It is iterative in the lexer and bounded in recursion depth, so hostile
//! input (megabytes of `[`) ends in an error rather than a stack overflow.

use crate::ir::Type;

/// How deeply brackets may nest. The deepest real type (dynamodb) nests 5 levels.
pub const MAX_DEPTH: usize = 64;

/// A parsed type expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// The type; every shape name, quoted or not, is a [`Type::Ref`].
    pub ty: Type,
    /// Every shape name in the expression, in order, for the caller to resolve.
    pub names: Vec<NameRef>,
}

/// A shape name used in a type expression.
#[derive(Clone, Debug, PartialEq)]
pub struct NameRef {
    pub name: String,
    /// `"FooTypeDef"` (a forward reference: a structure) rather than `Mode` (a named literal type).
    pub quoted: bool,
    /// Byte offset of the name (of its opening quote, if quoted) in the expression.
    pub offset: usize,
}

/// Why an expression does not parse, and where: a byte offset into the expression.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeError {
    pub offset: usize,
    pub message: String,
}

/// Parses one type expression; surrounding whitespace (line breaks included) is allowed.
pub fn parse(expr: &str) -> Result<Parsed, TypeError> {
    let mut parser = Parser::new(expr);
    let ty = parser.parse_type(0)?;
    parser.finish(ty)
}

/// Parses a field annotation of a class definition (gen 4): a type, or `NotRequired[type]` for a
/// field that may be absent. Returns the type and whether the field is required.
pub fn parse_field(expr: &str) -> Result<(Parsed, bool), TypeError> {
    let mut parser = Parser::new(expr);
    let token = parser.peek()?.clone();
    if token.kind == Kind::Name(NOT_REQUIRED) {
        parser.next()?;
        let open = parser.next()?;
        if open.kind != Kind::Open {
            return Err(error(
                token.offset,
                format!("`{NOT_REQUIRED}` needs a type: `{NOT_REQUIRED}[...]`"),
            ));
        }
        let form = "one type parameter";
        let [ty] = parser.parse_params(NOT_REQUIRED, token.offset, open.offset, 1, form)?;
        return Ok((parser.finish(ty)?, false));
    }
    let ty = parser.parse_type(0)?;
    Ok((parser.finish(ty)?, true))
}

/// Marks an optional field; a qualifier of the whole field, not a type.
const NOT_REQUIRED: &str = "NotRequired";
/// Generic type constructors, by every name the docs use for them. Later docs generations spell some
/// differently (`Sequence`, `Mapping`); a new spelling is a new row.
const GENERICS: &[(&str, Generic)] = &[
    ("List", Generic::List),
    ("Sequence", Generic::List),
    ("Set", Generic::Set),
    ("Dict", Generic::Dict),
    ("Mapping", Generic::Dict),
    ("Union", Generic::Union),
    ("Literal", Generic::Literal),
    ("IO", Generic::Io),
    ("Callable", Generic::Callable),
    ("Optional", Generic::Optional),
];

#[derive(Clone, Copy, Debug)]
enum Generic {
    List,
    Set,
    Dict,
    Union,
    Literal,
    Io,
    Callable,
    Optional,
}

fn generic(name: &str) -> Option<Generic> {
    GENERICS.iter().find(|(n, _)| *n == name).map(|&(_, g)| g)
}

fn scalar(name: &str) -> Option<Type> {
    Some(match name {
        "str" => Type::String,
        "int" => Type::Integer,
        "float" => Type::Float,
        "bool" => Type::Boolean,
        "bytes" | "bytearray" | "StreamingBody" => Type::Blob,
        "datetime" => Type::Timestamp,
        "Decimal" => Type::Decimal,
        "Any" => Type::Any,
        "None" => Type::Null,
        _ => return None,
    })
}

fn error(offset: usize, message: impl Into<String>) -> TypeError {
    TypeError {
        offset,
        message: message.into(),
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Kind<'a> {
    Name(&'a str),
    Str(String),
    Open,
    Close,
    Comma,
    /// `...`, only in `Callable[..., T]`.
    Ellipsis,
    End,
}

impl Kind<'_> {
    fn describe(&self) -> String {
        match self {
            Kind::Name(name) => format!("`{name}`"),
            Kind::Str(value) => format!("the string {value:?}"),
            Kind::Open => "`[`".into(),
            Kind::Close => "`]`".into(),
            Kind::Comma => "`,`".into(),
            Kind::Ellipsis => "`...`".into(),
            Kind::End => "the end of the expression".into(),
        }
    }
}

#[derive(Clone, Debug)]
struct Token<'a> {
    kind: Kind<'a>,
    offset: usize,
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn next(&mut self) -> Result<Token<'a>, TypeError> {
        let rest = &self.src[self.pos..];
        let trimmed = rest.trim_start();
        let offset = self.pos + (rest.len() - trimmed.len());
        let Some(c) = trimmed.chars().next() else {
            self.pos = self.src.len();
            return Ok(Token {
                kind: Kind::End,
                offset,
            });
        };
        let (kind, len) = match c {
            '[' => (Kind::Open, 1),
            ']' => (Kind::Close, 1),
            ',' => (Kind::Comma, 1),
            '.' if trimmed.starts_with("...") => (Kind::Ellipsis, 3),
            '\'' | '"' => {
                let (value, len) = quoted(trimmed, c)
                    .ok_or_else(|| error(offset, format!("unterminated string: no closing {c}")))?;
                (Kind::Str(value), len)
            }
            c if c == '_' || c.is_ascii_alphabetic() => {
                let len = trimmed
                    .find(|c: char| c != '_' && !c.is_ascii_alphanumeric())
                    .unwrap_or(trimmed.len());
                (Kind::Name(&trimmed[..len]), len)
            }
            c => {
                return Err(error(
                    offset,
                    format!(
                        "unexpected character `{}`; expected a type",
                        c.escape_debug()
                    ),
                ))
            }
        };
        self.pos = offset + len;
        Ok(Token { kind, offset })
    }
}

/// The value of the string literal at the start of `s` (opened by `quote`) and its length in bytes,
/// or `None` if it is not closed. A backslash escapes the next character, as in Python.
fn quoted(s: &str, quote: char) -> Option<(String, usize)> {
    let mut value = String::new();
    let mut chars = s.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => value.push(chars.next()?.1),
            c if c == quote => return Some((value, i + c.len_utf8())),
            c => value.push(c),
        }
    }
    None
}

struct Parser<'a> {
    lexer: Lexer<'a>,
    peeked: Option<Token<'a>>,
    names: Vec<NameRef>,
}

impl<'a> Parser<'a> {
    fn new(expr: &'a str) -> Self {
        Parser {
            lexer: Lexer { src: expr, pos: 0 },
            peeked: None,
            names: Vec::new(),
        }
    }

    /// `ty` as the whole expression, if nothing follows it.
    fn finish(mut self, ty: Type) -> Result<Parsed, TypeError> {
        let rest = self.next()?;
        match rest.kind {
            Kind::End => Ok(Parsed {
                ty,
                names: self.names,
            }),
            Kind::Close => Err(error(
                rest.offset,
                "unbalanced brackets: `]` without a matching `[`",
            )),
            other => Err(error(
                rest.offset,
                format!("unexpected {} after a complete type", other.describe()),
            )),
        }
    }

    fn next(&mut self) -> Result<Token<'a>, TypeError> {
        match self.peeked.take() {
            Some(token) => Ok(token),
            None => self.lexer.next(),
        }
    }

    fn peek(&mut self) -> Result<&Token<'a>, TypeError> {
        if self.peeked.is_none() {
            self.peeked = Some(self.lexer.next()?);
        }
        Ok(self.peeked.as_ref().expect("just peeked"))
    }

    /// One type; `depth` is the number of brackets it is nested in.
    fn parse_type(&mut self, depth: usize) -> Result<Type, TypeError> {
        let token = self.next()?;
        match token.kind {
            Kind::Str(name) => {
                if !is_identifier(&name) {
                    return Err(error(
                        token.offset,
                        format!("a quoted type must name a shape, found {:?}", name),
                    ));
                }
                self.names.push(NameRef {
                    name: name.clone(),
                    quoted: true,
                    offset: token.offset,
                });
                Ok(Type::Ref(name))
            }
            Kind::Name(name) => {
                if self.peek()?.kind == Kind::Open {
                    let open = self.next()?.offset;
                    self.parse_generic(name, token.offset, open, depth + 1)
                } else if let Some(ty) = scalar(name) {
                    Ok(ty)
                } else if generic(name).is_some() {
                    Err(error(
                        token.offset,
                        format!("`{name}` needs type parameters: `{name}[...]`"),
                    ))
                } else {
                    self.names.push(NameRef {
                        name: name.to_owned(),
                        quoted: false,
                        offset: token.offset,
                    });
                    Ok(Type::Ref(name.to_owned()))
                }
            }
            other => Err(error(
                token.offset,
                format!("expected a type, found {}", other.describe()),
            )),
        }
    }

    /// `name[...]`, the `[` at `open` already consumed.
    fn parse_generic(
        &mut self,
        name: &str,
        at: usize,
        open: usize,
        depth: usize,
    ) -> Result<Type, TypeError> {
        if depth > MAX_DEPTH {
            return Err(error(
                open,
                format!("type nested more than {MAX_DEPTH} brackets deep"),
            ));
        }
        let Some(generic) = generic(name) else {
            let known: Vec<&str> = GENERICS.iter().map(|(n, _)| *n).collect();
            let message = if scalar(name).is_some() {
                format!("`{name}` takes no type parameters")
            } else if name == NOT_REQUIRED {
                format!("`{NOT_REQUIRED}[...]` may only wrap a field's whole type")
            } else {
                format!(
                    "unknown generic `{name}`; expected one of {}",
                    known.join(", ")
                )
            };
            return Err(error(at, message));
        };
        let one = "one type parameter";
        Ok(match generic {
            Generic::Literal => Type::Enum(self.parse_literal(at, open)?),
            Generic::List => {
                let [item] = self.parse_params(name, at, open, depth, one)?;
                Type::List(Box::new(item))
            }
            Generic::Set => {
                let [item] = self.parse_params(name, at, open, depth, one)?;
                Type::Set(Box::new(item))
            }
            Generic::Dict => {
                let form = "two type parameters, `Dict[K, V]`";
                let [key, value] = self.parse_params(name, at, open, depth, form)?;
                Type::Map(Box::new(key), Box::new(value))
            }
            // A file object: gen 4 writes `IO[Any]` where earlier generations wrote `IO[bytes]`.
            Generic::Io => match self.parse_params(name, at, open, depth, one)? {
                [Type::Blob | Type::Any] => Type::Blob,
                _ => return Err(error(at, "expected `IO[bytes]` or `IO[Any]`")),
            },
            // A Python callback (boto3's transfer helpers take one): it never crosses the wire, so
            // only its form is checked and its value is opaque.
            Generic::Callable => {
                let form = "`Callable[..., ReturnType]`";
                for expected in [Kind::Ellipsis, Kind::Comma] {
                    let token = self.next()?;
                    if token.kind != expected {
                        return Err(error(
                            token.offset,
                            format!("expected {form}, found {}", token.kind.describe()),
                        ));
                    }
                }
                let returns = "one return type after `...`";
                let [_returns] = self.parse_params(name, at, open, depth, returns)?;
                Type::Any
            }
            Generic::Union => {
                let members = self.parse_list(open, |p| p.parse_type(depth))?;
                if members.is_empty() {
                    return Err(error(at, "`Union` takes at least one type, found none"));
                }
                Type::union(members.into_iter().map(|(ty, _)| ty))
            }
            Generic::Optional => {
                let [ty] = self.parse_params(name, at, open, depth, one)?;
                Type::union([ty, Type::Null])
            }
        })
    }

    /// Exactly `N` type parameters of generic `name` (at `at`), the `[` at `open` already consumed;
    /// `form` says how many for the error.
    fn parse_params<const N: usize>(
        &mut self,
        name: &str,
        at: usize,
        open: usize,
        depth: usize,
        form: &str,
    ) -> Result<[Type; N], TypeError> {
        let params: Vec<Type> = self
            .parse_list(open, |p| p.parse_type(depth))?
            .into_iter()
            .map(|(ty, _)| ty)
            .collect();
        let found = params.len();
        params
            .try_into()
            .map_err(|_| error(at, format!("`{name}` takes {form}, found {found}")))
    }

    /// The quoted values of `Literal[...]`, the `[` at `open` already consumed.
    fn parse_literal(&mut self, at: usize, open: usize) -> Result<Vec<String>, TypeError> {
        let values = self.parse_list(open, |p| {
            let token = p.next()?;
            match token.kind {
                Kind::Str(value) => Ok(value),
                other => Err(error(
                    token.offset,
                    format!(
                        "`Literal` values must be quoted strings, found {}",
                        other.describe()
                    ),
                )),
            }
        })?;
        if values.is_empty() {
            return Err(error(at, "empty `Literal[]`: expected at least one value"));
        }
        // A set, not a scan of the values so far: a `Literal` may list 300,000 values.
        let mut seen = std::collections::HashSet::with_capacity(values.len());
        if let Some((value, offset)) = values.iter().find(|(value, _)| !seen.insert(value)) {
            return Err(error(
                *offset,
                format!("duplicate value {value:?} in `Literal[...]`"),
            ));
        }
        Ok(values.into_iter().map(|(value, _)| value).collect())
    }

    /// Comma-separated items up to the `]` matching the `[` at `open`, each with its offset; a comma may
    /// end the list, as in Python (gen 4's multi-line `Literal[...]` blocks have one).
    fn parse_list<T>(
        &mut self,
        open: usize,
        mut item: impl FnMut(&mut Self) -> Result<T, TypeError>,
    ) -> Result<Vec<(T, usize)>, TypeError> {
        let mut items = Vec::new();
        if self.peek()?.kind == Kind::Close {
            self.next()?;
            return Ok(items);
        }
        loop {
            let offset = self.peek()?.offset;
            items.push((item(self)?, offset));
            let token = self.next()?;
            match token.kind {
                Kind::Comma if self.peek()?.kind == Kind::Close => {
                    self.next()?;
                    return Ok(items);
                }
                Kind::Comma => {}
                Kind::Close => return Ok(items),
                Kind::End => {
                    return Err(error(open, "unbalanced brackets: this `[` is never closed"))
                }
                other => {
                    return Err(error(
                        token.offset,
                        format!("expected `,` or `]`, found {}", other.describe()),
                    ))
                }
            }
        }
    }
}

/// A Python identifier in ASCII, as the docs' shape names are.
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(expr: &str) -> Type {
        match parse(expr) {
            Ok(parsed) => parsed.ty,
            Err(e) => panic!("{expr}: {e:?}"),
        }
    }

    fn err(expr: &str) -> (usize, String) {
        match parse(expr) {
            Ok(parsed) => panic!("{expr} parsed as {parsed:?}"),
            Err(e) => (e.offset, e.message),
        }
    }

    fn list(t: Type) -> Type {
        Type::List(Box::new(t))
    }

    fn r(name: &str) -> Type {
        Type::Ref(name.into())
    }

    #[test]
    fn scalars() {
        for (expr, expected) in [
            ("str", Type::String),
            ("int", Type::Integer),
            ("float", Type::Float),
            ("bool", Type::Boolean),
            ("bytes", Type::Blob),
            ("bytearray", Type::Blob),
            ("datetime", Type::Timestamp),
            ("Decimal", Type::Decimal),
            ("Any", Type::Any),
            ("None", Type::Null),
            ("StreamingBody", Type::Blob),
            ("IO[bytes]", Type::Blob),
            ("  str ", Type::String),
        ] {
            assert_eq!(ty(expr), expected, "{expr}");
        }
    }

    #[test]
    fn containers() {
        assert_eq!(ty("List[str]"), list(Type::String));
        assert_eq!(ty("Sequence[str]"), list(Type::String));
        assert_eq!(ty("Set[int]"), Type::Set(Box::new(Type::Integer)));
        let map = Type::Map(Box::new(Type::String), Box::new(list(Type::Any)));
        assert_eq!(ty("Dict[str, List[Any]]"), map);
        assert_eq!(ty("Mapping[str,List[Any]]"), map);
    }

    #[test]
    fn unions_normalise() {
        assert_eq!(ty("Union[bytes, IO[bytes]]"), Type::Blob);
        assert_eq!(ty("Union[str]"), Type::String);
        assert_eq!(
            ty("Union[str, Union[int, str], None]"),
            Type::Union(vec![Type::String, Type::Integer, Type::Null])
        );
    }

    #[test]
    fn literals_keep_order_and_both_quotes() {
        assert_eq!(
            ty(r#"Literal['b', "a", 'it\'s']"#),
            Type::Enum(vec!["b".into(), "a".into(), "it's".into()])
        );
        assert_eq!(
            ty("Literal['One-Way: Incoming']"),
            Type::Enum(vec!["One-Way: Incoming".into()])
        );
    }

    #[test]
    fn names_are_refs_and_report_quoting() {
        let parsed = parse(r#"Dict[Mode, List["FooTypeDef"]]"#).unwrap();
        assert_eq!(
            parsed.ty,
            Type::Map(Box::new(r("Mode")), Box::new(list(r("FooTypeDef"))))
        );
        assert_eq!(
            parsed.names,
            vec![
                NameRef {
                    name: "Mode".into(),
                    quoted: false,
                    offset: 5
                },
                NameRef {
                    name: "FooTypeDef".into(),
                    quoted: true,
                    offset: 16
                },
            ]
        );
        assert_eq!(ty("\"ResponseMetadata\""), r("ResponseMetadata"));
        assert_eq!(ty("__AdTriggersElement"), r("__AdTriggersElement"));
        assert_eq!(ty("eventTypeCategory"), r("eventTypeCategory"));
    }

    #[test]
    fn errors_point_at_the_offending_character() {
        assert_eq!(
            err("List[str"),
            (4, "unbalanced brackets: this `[` is never closed".into())
        );
        assert_eq!(
            err("List[str]]"),
            (9, "unbalanced brackets: `]` without a matching `[`".into())
        );
        assert_eq!(
            err("Dict[str, Foo[int]]"),
            (
                10,
                "unknown generic `Foo`; expected one of List, Sequence, Set, Dict, Mapping, Union, \
                 Literal, IO, Callable, Optional"
                    .into()
            )
        );
        assert_eq!(
            err("Dict[str]"),
            (
                0,
                "`Dict` takes two type parameters, `Dict[K, V]`, found 1".into()
            )
        );
        assert_eq!(
            err("List[str, int]").1,
            "`List` takes one type parameter, found 2"
        );
        assert_eq!(
            err("Union[]").1,
            "`Union` takes at least one type, found none"
        );
        assert_eq!(
            err("Literal[]"),
            (0, "empty `Literal[]`: expected at least one value".into())
        );
        assert_eq!(
            err("Literal['a', 'b"),
            (13, "unterminated string: no closing '".into())
        );
        assert_eq!(
            err("Literal['a', 'a']"),
            (13, "duplicate value \"a\" in `Literal[...]`".into())
        );
        assert_eq!(
            err("Literal[str]").1,
            "`Literal` values must be quoted strings, found `str`"
        );
        assert_eq!(
            err("str int"),
            (4, "unexpected `int` after a complete type".into())
        );
        assert_eq!(
            err("str[int]"),
            (0, "`str` takes no type parameters".into())
        );
        assert_eq!(
            err("List"),
            (0, "`List` needs type parameters: `List[...]`".into())
        );
        assert_eq!(
            err("IO[str]"),
            (0, "expected `IO[bytes]` or `IO[Any]`".into())
        );
        assert_eq!(err("List[str int]").1, "expected `,` or `]`, found `int`");
        assert_eq!(
            err(""),
            (0, "expected a type, found the end of the expression".into())
        );
        assert_eq!(err("List[, str]").1, "expected a type, found `,`");
        assert_eq!(
            err("\"Foo Bar\"").1,
            "a quoted type must name a shape, found \"Foo Bar\""
        );
        assert_eq!(
            err("List[str\u{0}]"),
            (8, "unexpected character `\\0`; expected a type".into())
        );
    }

    #[test]
    fn gen4_spellings() {
        assert_eq!(ty("IO[Any]"), Type::Blob);
        assert_eq!(
            ty("Optional[str]"),
            Type::Union(vec![Type::String, Type::Null])
        );
        // A Python callback is opaque; its parameters are still checked.
        assert_eq!(ty("Callable[..., Any]"), Type::Any);
        assert_eq!(
            err("Callable[str, Any]"),
            (
                9,
                "expected `Callable[..., ReturnType]`, found `str`".into()
            )
        );
        assert_eq!(
            err("Callable[...]").1,
            "expected `Callable[..., ReturnType]`, found `]`"
        );
        // Multi-line literal definitions end their values with a comma.
        assert_eq!(
            ty("Literal[\n    \"A\",\n    \"B\",\n]"),
            Type::Enum(vec!["A".into(), "B".into()])
        );
        assert_eq!(ty("List[str,]"), list(Type::String));
        assert_eq!(err("List[str,,]").1, "expected a type, found `,`");
        assert_eq!(err("List[...]").1, "expected a type, found `...`");
    }

    #[test]
    fn field_annotations_mark_optional_fields() {
        let field = |expr: &str| match parse_field(expr) {
            Ok((parsed, required)) => (parsed.ty, required),
            Err(e) => panic!("{expr}: {e:?}"),
        };
        assert_eq!(field("str"), (Type::String, true));
        assert_eq!(
            field(" NotRequired[Sequence[FooTypeDef]]"),
            (list(r("FooTypeDef")), false)
        );
        let names = parse_field("NotRequired[Mode]").unwrap().0.names;
        assert_eq!(names[0].offset, 12);
        for (expr, at, message) in [
            (
                "NotRequired",
                0,
                "`NotRequired` needs a type: `NotRequired[...]`",
            ),
            (
                "NotRequired[str",
                11,
                "unbalanced brackets: this `[` is never closed",
            ),
            (
                "NotRequired[str, int]",
                0,
                "`NotRequired` takes one type parameter, found 2",
            ),
            (
                "NotRequired[str] x",
                17,
                "unexpected `x` after a complete type",
            ),
            (
                "List[NotRequired[str]]",
                5,
                "`NotRequired[...]` may only wrap a field's whole type",
            ),
        ] {
            let e = parse_field(expr).unwrap_err();
            assert_eq!((e.offset, e.message.as_str()), (at, message), "{expr}");
        }
        // Outside a class definition it is no type at all.
        assert_eq!(
            err("NotRequired[str]").1,
            "`NotRequired[...]` may only wrap a field's whole type"
        );
    }

    #[test]
    fn depth_is_limited() {
        let ok = format!("{}str{}", "List[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}str{}", "List[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(
            err(&deep),
            (
                MAX_DEPTH * 5 + 4,
                format!("type nested more than {MAX_DEPTH} brackets deep")
            )
        );
        // Garbage made only of brackets fails at once rather than recursing.
        assert_eq!(err(&"[".repeat(1_000_000)).0, 0);
    }
}
