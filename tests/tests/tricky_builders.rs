//! Builders and validation of `tests/tricky`: keyword fields, boxed recursive fields, sensitive
//! fields, map keys and every kind of constraint (the regex one included).

use std::collections::BTreeMap;

use serde_json::json;
use tricky_shapes::primitives::{BuildError, Validate};
use tricky_shapes::{
    Error, ManyRequired, Option as Shape, Ping, Result as ResultShape, TreeNode, Type,
};

fn error(message: &str, password: &str) -> Error {
    Error::builder().message(message).password(password).build()
}

#[test]
fn keyword_fields_have_raw_and_suffixed_setters() {
    let value = Shape::builder()
        .r#type("t")
        .r#match(
            ResultShape::builder()
                .error(error("m", "p"))
                .ok("yes")
                .build(),
        )
        .self_(3)
        .push_fn(tricky_shapes::Value::builder().build())
        .self_2(true)
        .crate_(1.5)
        .insert_async(Type::AB, "x")
        .foo_bar("a")
        .foo_bar_2("b")
        .build();
    assert_eq!(
        serde_json::to_value(&value).unwrap(),
        json!({
            "type": "t",
            "match": {"Error": {"Message": "m", "Password": "p"}, "Ok": "yes"},
            "Self": 3,
            "fn": [{}],
            "self": true,
            "crate": 1.5,
            "async": {"a-b": "x"},
            "FooBar": "a",
            "foo_bar": "b"
        })
    );
}

#[test]
fn recursive_fields_take_the_value_and_box_it() {
    let leaf = || TreeNode::builder().children(Vec::new()).build();
    let node = TreeNode::builder()
        .parent(leaf())
        .push_children(leaf())
        .sibling(Ping::builder().pong(leaf()).build())
        .push_tags("b")
        .push_tags("a")
        .push_tags("b")
        .build();
    assert_eq!(node.parent.as_deref(), Some(&leaf()));
    assert_eq!(node.sibling.as_ref().unwrap().pong.as_ref(), &leaf());
    assert_eq!(
        serde_json::to_value(&node).unwrap(),
        json!({
            "Parent": {"Children": []},
            "Children": [{"Children": []}],
            "Sibling": {"Pong": {"Children": []}},
            "Tags": ["a", "b"]
        })
    );
}

#[test]
fn sensitive_fields_are_redacted_in_the_builder_too() {
    let builder = Error::builder().message("m").password("hunter2hunter2");
    assert_eq!(
        format!("{builder:?}"),
        "ErrorBuilder { message: \"m\", password: \"*** Sensitive Data Redacted ***\" }"
    );
}

#[test]
fn every_constraint_kind_is_checked_with_its_path() {
    let mut keys = BTreeMap::new();
    keys.insert(Type::from("weird"), "1".to_string());
    keys.insert(Type::AB, "2".to_string());
    keys.insert(Type::SelfValue, "3".to_string());
    let value = Shape::builder()
        .r#type("t")
        .r#match(
            ResultShape::builder()
                .error(error("", "no spaces allowed"))
                .build(),
        )
        .self_(11)
        .r#async(keys)
        .build();
    assert_eq!(
        value.validate().unwrap_err().to_string(),
        "match.Error.Message: length 0, expected 1 to 64\n\
         match.Error.Password: does not match the pattern ^[\\w+=,.@-]{8,}$\n\
         Self: out of range, expected 0 to 10\n\
         async: length 3, expected at most 2\n\
         async[\"weird\"]: unknown value \"weird\", expected one of \"UNKNOWN\", \"Unknown\", \"self\", \"1.0\", \"\", \"*\", \"a-b\", \"A_B\", \"Self\""
    );
    // Unicode characters count once; the pattern accepts what it should.
    assert_eq!(error("é", "secret-password").validate(), Ok(()));
    let too_many = TreeNode::builder()
        .children(vec![TreeNode::builder().children(Vec::new()).build(); 4])
        .build();
    assert_eq!(
        too_many.validate().unwrap_err().to_string(),
        "Children: length 4, expected at most 3"
    );
}

#[test]
fn a_required_map_named_like_the_setter_parameters_still_inserts() {
    let value = tricky_shapes::Vec::builder()
        .r#box(tricky_shapes::String::String)
        .insert_key("k", "v")
        .insert_key("k2", "v2")
        .build();
    assert_eq!(
        serde_json::to_value(&value).unwrap(),
        json!({"Box": "String", "key": {"k": "v", "k2": "v2"}})
    );
}

#[test]
fn maps_keyed_by_an_enum_are_validated_whatever_their_values() {
    let node = TreeNode::builder()
        .children(Vec::new())
        .insert_scores("self", vec![0.5, 1.5])
        .insert_scores("later", vec![])
        .insert_extras(Type::V1_0, json!({"any": ["json"]}))
        .build();
    assert_eq!(
        node.validate().unwrap_err().to_string(),
        "Scores[\"later\"]: unknown value \"later\", expected one of \"UNKNOWN\", \"Unknown\", \"self\", \"1.0\", \"\", \"*\", \"a-b\", \"A_B\", \"Self\""
    );
}

/// Sets every `F<n>` field of `ManyRequired` to its number.
macro_rules! numbered {
    ($builder:expr) => {
        numbered!($builder; 0;
        f0 f1 f2 f3 f4 f5 f6 f7 f8 f9 f10 f11 f12 f13 f14 f15 f16 f17 f18 f19 f20 f21 f22 f23
        f24 f25 f26 f27 f28 f29 f30 f31 f32 f33 f34 f35 f36 f37 f38 f39 f40 f41 f42 f43 f44 f45
        f46 f47 f48 f49 f50 f51 f52 f53 f54 f55 f56 f57 f58 f59 f60 f61 f62)
    };
    ($builder:expr; $n:expr; $field:ident $($rest:ident)*) => {
        numbered!($builder.$field($n); $n + 1; $($rest)*)
    };
    ($builder:expr; $n:expr;) => {
        $builder
    };
}

#[test]
fn past_64_required_fields_build_checks_them_when_it_runs() {
    let value = numbered!(ManyRequired::builder().token("t").push_modes(Type::AB))
        .build()
        .unwrap();
    assert_eq!(
        (value.token.as_str(), value.modes.as_slice()),
        ("t", &[Type::AB][..])
    );
    assert_eq!((value.f0, value.f62, value.note), (0, 62, None));

    let missing = numbered!(ManyRequired::builder().token("t").note("n"));
    let error: BuildError = missing.clone().build().unwrap_err();
    assert_eq!(error, missing.try_build().unwrap_err());
    assert_eq!(
        (error.structure(), error.missing_fields()),
        ("ManyRequired", &["Modes"][..])
    );
    assert_eq!(
        error.to_string(),
        "`ManyRequired` is missing the required field `Modes`"
    );
    // Every field missing is named, in field order.
    let without_numbers = ManyRequired::builder()
        .set_modes(Some(vec![]))
        .set_token(None);
    let error = without_numbers.build().unwrap_err();
    assert_eq!(error.missing_fields().len(), 64);
    assert_eq!(error.missing_fields()[..2], ["Token", "F0"]);
    assert!(error
        .to_string()
        .starts_with("`ManyRequired` is missing the required fields `Token`, `F0`, `F1`, "));
}

#[test]
fn a_checked_builder_reads_back_required_fields_as_set() {
    let builder = ManyRequired::builder().push_modes(Type::AB);
    assert_eq!(builder.get_modes(), Some(&vec![Type::AB]));
    assert_eq!(builder.get_token(), None);
    assert_eq!(builder.get_note(), &None);
}

#[test]
fn a_checked_builder_redacts_sensitive_fields_too() {
    let builder = ManyRequired::builder().token("hunter2").note("visible");
    let debug = format!("{builder:?}");
    assert!(!debug.contains("hunter2"), "{debug}");
    assert!(debug.contains("visible"), "{debug}");
}
