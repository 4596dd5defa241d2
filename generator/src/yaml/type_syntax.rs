//! The type language of the YAML model.
//!
//! ```text
//! string  integer  float  boolean  timestamp  blob  decimal  any  null
//! list[T]  set[T]  map[K, V]  union[A, B, ...]  enum['a', 'b', ...]
//! ShapeName        a reference to a shape of the model
//! "Shape name"     the same, quoted: for names that are not plain identifiers or that are builtin words
//! ```
//! Inside `'...'` and `"..."`, a backslash escapes the next character.

use crate::ir::Type;
use std::fmt;

/// Deeper nesting than this is refused rather than risking the stack.
pub const MAX_DEPTH: usize = 64;

const SCALARS: &[(&str, Type)] = &[
    ("string", Type::String),
    ("integer", Type::Integer),
    ("float", Type::Float),
    ("boolean", Type::Boolean),
    ("timestamp", Type::Timestamp),
    ("blob", Type::Blob),
    ("decimal", Type::Decimal),
    ("any", Type::Any),
    ("null", Type::Null),
];
const GENERICS: &[&str] = &["list", "set", "map", "union", "enum"];

/// A type expression that does not parse: where (in characters from its start) and why.
#[derive(Debug, PartialEq)]
pub struct SyntaxError {
    pub column: usize,
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "in the type at column {}: {}", self.column, self.message)
    }
}

pub fn parse(text: &str) -> Result<Type, SyntaxError> {
    let mut parser = Parser {
        chars: text.chars().collect(),
        pos: 0,
    };
    let ty = parser.ty(0)?;
    parser.skip_space();
    if parser.pos < parser.chars.len() {
        return Err(parser.error("expected the end of the type"));
    }
    Ok(ty)
}

pub fn to_string(ty: &Type) -> String {
    let mut out = String::new();
    write_type(&mut out, ty);
    out
}

fn write_type(out: &mut String, ty: &Type) {
    let generic = |out: &mut String, name: &str, args: &[&Type]| {
        out.push_str(name);
        out.push('[');
        for (i, arg) in args.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            write_type(out, arg);
        }
        out.push(']');
    };
    match ty {
        Type::List(item) => generic(out, "list", &[item]),
        Type::Set(item) => generic(out, "set", &[item]),
        Type::Map(key, value) => generic(out, "map", &[key, value]),
        Type::Union(members) => generic(out, "union", &members.iter().collect::<Vec<_>>()),
        Type::Enum(values) => {
            out.push_str("enum[");
            for (i, value) in values.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_quoted(out, value, '\'');
            }
            out.push(']');
        }
        Type::Ref(name) if is_plain_name(name) => out.push_str(name),
        Type::Ref(name) => write_quoted(out, name, '"'),
        scalar => {
            let (word, _) = SCALARS
                .iter()
                .find(|(_, t)| t == scalar)
                .expect("every other type is a scalar");
            out.push_str(word);
        }
    }
}

/// A name that can be written bare: an identifier that is not a word of the language.
fn is_plain_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !SCALARS.iter().any(|(word, _)| *word == name)
        && !GENERICS.contains(&name)
}

fn write_quoted(out: &mut String, text: &str, quote: char) {
    out.push(quote);
    for c in text.chars() {
        if c == quote || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push(quote);
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn error(&self, message: impl Into<String>) -> SyntaxError {
        let found = match self.chars.get(self.pos) {
            Some(c) => format!(", found `{c}`"),
            None => ", found the end of the type".to_string(),
        };
        SyntaxError {
            column: self.pos + 1,
            message: message.into() + &found,
        }
    }

    fn skip_space(&mut self) {
        while self.chars.get(self.pos).is_some_and(|c| c.is_whitespace()) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_space();
        let found = self.chars.get(self.pos) == Some(&c);
        if found {
            self.pos += 1;
        }
        found
    }

    fn expect(&mut self, c: char) -> Result<(), SyntaxError> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(self.error(format!("expected `{c}`")))
        }
    }

    fn ty(&mut self, depth: usize) -> Result<Type, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error(format!("types nest deeper than {MAX_DEPTH} levels")));
        }
        self.skip_space();
        if self.chars.get(self.pos) == Some(&'"') {
            return Ok(Type::Ref(self.quoted('"')?));
        }
        let start = self.pos;
        while self
            .chars
            .get(self.pos)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_')
        {
            self.pos += 1;
        }
        if start == self.pos {
            return Err(self.error("expected a type"));
        }
        let word: String = self.chars[start..self.pos].iter().collect();
        if let Some((_, scalar)) = SCALARS.iter().find(|(w, _)| *w == word) {
            return Ok(scalar.clone());
        }
        if !GENERICS.contains(&word.as_str()) {
            return Ok(Type::Ref(word));
        }
        self.expect('[')?;
        let ty = if word == "enum" {
            let mut values = vec![self.enum_value()?];
            while self.eat(',') {
                values.push(self.enum_value()?);
            }
            Type::Enum(values)
        } else {
            let arity_start = self.pos;
            let mut args = vec![self.ty(depth + 1)?];
            while self.eat(',') {
                args.push(self.ty(depth + 1)?);
            }
            let wanted = match word.as_str() {
                "map" => 2,
                "union" => args.len().max(2),
                _ => 1,
            };
            if args.len() != wanted {
                return Err(SyntaxError {
                    column: arity_start + 1,
                    message: format!(
                        "`{word}` takes {wanted} type argument{}, not {}",
                        if wanted == 1 { "" } else { "s" },
                        args.len()
                    ),
                });
            }
            let mut args = args.into_iter();
            let mut next = || Box::new(args.next().expect("arity checked"));
            match word.as_str() {
                "list" => Type::List(next()),
                "set" => Type::Set(next()),
                "map" => Type::Map(next(), next()),
                _ => Type::union(std::iter::from_fn(|| args.next())),
            }
        };
        self.expect(']')?;
        Ok(ty)
    }

    fn enum_value(&mut self) -> Result<String, SyntaxError> {
        self.skip_space();
        if self.chars.get(self.pos) != Some(&'\'') {
            return Err(self.error("expected a quoted value like 'VALUE'"));
        }
        self.quoted('\'')
    }

    fn quoted(&mut self, quote: char) -> Result<String, SyntaxError> {
        let open = self.pos;
        self.pos += 1;
        let mut text = String::new();
        loop {
            match self.chars.get(self.pos) {
                None => {
                    self.pos = open;
                    return Err(self.error(format!("this {quote} is never closed")));
                }
                Some(&c) if c == quote => break,
                Some('\\') if self.pos + 1 < self.chars.len() => {
                    text.push(self.chars[self.pos + 1]);
                    self.pos += 2;
                    continue;
                }
                Some(&c) => text.push(c),
            }
            self.pos += 1;
        }
        self.pos += 1;
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> Type {
        let ty = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(to_string(&ty), text);
        ty
    }

    #[test]
    fn every_form_round_trips() {
        for scalar in [
            "string",
            "integer",
            "float",
            "boolean",
            "timestamp",
            "blob",
            "decimal",
            "any",
            "null",
        ] {
            round_trip(scalar);
        }
        assert_eq!(
            round_trip("map[Risk, list[FooTypeDef]]"),
            Type::Map(
                Box::new(Type::Ref("Risk".into())),
                Box::new(Type::List(Box::new(Type::Ref("FooTypeDef".into()))))
            )
        );
        round_trip("set[integer]");
        round_trip("union[blob, string, null]");
        assert_eq!(
            round_trip(r"enum['COGNITO', 'it\'s', 'back\\slash']"),
            Type::Enum(vec!["COGNITO".into(), "it's".into(), r"back\slash".into()])
        );
        assert_eq!(round_trip(r#""list""#), Type::Ref("list".into()));
        assert_eq!(
            round_trip(r#""Foo Bar \"x\"""#),
            Type::Ref(r#"Foo Bar "x""#.into())
        );
    }

    #[test]
    fn spaces_are_allowed_and_unions_normalise() {
        assert_eq!(
            parse(" list [ string ] ").unwrap(),
            Type::List(Box::new(Type::String))
        );
        assert_eq!(parse("union[blob, blob]").unwrap(), Type::Blob);
    }

    #[test]
    fn errors_say_where_and_what() {
        let err = |text: &str| parse(text).unwrap_err().to_string();
        assert_eq!(
            err("list[string"),
            "in the type at column 12: expected `]`, found the end of the type"
        );
        assert_eq!(
            err("map[string]"),
            "in the type at column 5: `map` takes 2 type arguments, not 1"
        );
        assert_eq!(
            err("list[string, integer]"),
            "in the type at column 6: `list` takes 1 type argument, not 2"
        );
        assert_eq!(
            err("union[string]"),
            "in the type at column 7: `union` takes 2 type arguments, not 1"
        );
        assert_eq!(
            err("enum[A]"),
            "in the type at column 6: expected a quoted value like 'VALUE', found `A`"
        );
        assert_eq!(
            err("enum['A"),
            "in the type at column 6: this ' is never closed, found `'`"
        );
        assert_eq!(
            err("string]"),
            "in the type at column 7: expected the end of the type, found `]`"
        );
        assert_eq!(
            err(""),
            "in the type at column 1: expected a type, found the end of the type"
        );
        let deep = "list[".repeat(10_000) + "string" + &"]".repeat(10_000);
        assert!(err(&deep).contains("deeper than 64"));
    }
}
