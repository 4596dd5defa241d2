//! How AWS names become Rust names.
//!
//! Words are split the way smithy-rs (the code generator of the official AWS SDK for Rust) splits
//! them, so generated field and type names are spelt like the SDK's. `tests/naming_golden.rs`
//! checks [`snake_case`] against smithy-rs's own test output for 62,988 AWS names.
//!
//! # Non-ASCII input
//!
//! No function here panics on any input, and every output is ASCII. Latin letters with
//! diacritics (Latin-1 Supplement and Latin Extended-A: `é`, `Ł`, `ß`, `Æ`) are transliterated
//! to their ASCII base letters, keeping their case (`CaféBar` → `cafe_bar`, `ÆON` → `AEON`); any
//! other non-ASCII character (`日`, `€`, non-ASCII digits) is treated like punctuation: it ends
//! the current word and is dropped.

use std::collections::{HashMap, HashSet};

/// Rust keywords: the strict and reserved keywords of the 2021 edition, plus `gen` (reserved
/// from the 2024 edition on, so that generated code compiles in either edition).
///
/// Weak keywords (`union`, `macro_rules`, `raw`, `safe`) are ordinary identifiers and not listed.
#[rustfmt::skip]
pub const KEYWORDS: &[&str] = &[
    // Strict, every edition.
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use",
    "where", "while",
    // Strict from the 2018 edition.
    "async", "await", "dyn",
    // Reserved, every edition.
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof",
    "unsized", "virtual", "yield",
    // Reserved from the 2018 edition.
    "try",
    // Reserved from the 2024 edition.
    "gen",
];

/// Names that cannot be raw identifiers (`r#self` is an error); they get a trailing `_` instead.
const NOT_RAW: &[&str] = &["_", "crate", "self", "Self", "super"];

/// Words that are never split inside while being spelt, whatever their casing: `IPv4`, `SigV4`,
/// `MiB`, `TTL` (without this, `IPv4` would become `i_pv4` and `MiB` `mi_b`).
const COMPLETE_WORDS: &[&str] = &["ipv4", "ipv6", "sigv4", "mib", "gib", "kib", "ttl"];

/// Identifier used by [`field_ident`] when nothing usable is left of its input.
const FIELD_FALLBACK: &str = "field";
/// Identifier used by [`type_ident`] when nothing usable is left of its input.
const TYPE_FALLBACK: &str = "Shape";

/// smithy-rs–compatible word split, lowercased words.
///
/// `words("DBProxyARNs")` → `["db", "proxy", "arns"]`
///
/// A word is a run of ASCII letters and digits (after the transliteration described in the
/// [module documentation](self)); every other character separates words and is dropped. Inside
/// a run a new word starts:
/// - at an uppercase letter after a lowercase letter or a digit (`fooBar`, `s3Key`);
/// - at a lowercase letter after a digit, if the whole name has no uppercase letter (`s3key`);
/// - at the last capital of an acronym followed by a lowercase letter (`DB|Proxy`, `IAM|User`),
///   except before a plural `s` (`ARNs`, `ACLs`) and before `v` + digit (`DynamoDBv2`);
///
/// but the first two rules never split `ipv4`, `ipv6`, `sigv4`, `mib`, `gib`, `kib` or `ttl`,
/// whatever their casing, while one of them is being spelt (`IPv4Address` → `ipv4`, `address`).
/// Never returns an empty word.
pub fn words(name: &str) -> Vec<String> {
    let chars = ascii_fold(name);
    let all_lowercase = !chars.iter().any(u8::is_ascii_uppercase);
    let lowercase_word = |word: &[u8]| -> String {
        word.iter()
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect()
    };
    let mut words = Vec::new();
    // Start of the current word in `chars`; the word runs up to the character being looked at.
    let mut start: Option<usize> = None;
    for (i, &next) in chars.iter().enumerate() {
        let Some(word_start) = start else {
            if next.is_ascii_alphanumeric() {
                start = Some(i);
            }
            continue;
        };
        if !next.is_ascii_alphanumeric() {
            words.push(lowercase_word(&chars[word_start..i]));
            start = None;
        } else if starts_new_word(&chars, word_start, i, all_lowercase) {
            words.push(lowercase_word(&chars[word_start..i]));
            start = Some(i);
        }
    }
    if let Some(word_start) = start {
        words.push(lowercase_word(&chars[word_start..]));
    }
    words
}

/// Whether the alphanumeric `chars[i]` starts a new word after the word `chars[start..i]`.
fn starts_new_word(chars: &[u8], start: usize, i: usize, all_lowercase: bool) -> bool {
    let (last, next) = (chars[i - 1], chars[i]);
    let spelling_complete_word = || {
        let (rest, len) = (&chars[start..], i - start);
        COMPLETE_WORDS.iter().any(|word| {
            len < word.len()
                && rest.len() >= word.len()
                && rest[..word.len()].eq_ignore_ascii_case(word.as_bytes())
        })
    };
    let lower_then_upper =
        (last.is_ascii_lowercase() || last.is_ascii_digit()) && next.is_ascii_uppercase();
    let digit_then_lower = all_lowercase && last.is_ascii_digit() && next.is_ascii_lowercase();
    ((lower_then_upper || digit_then_lower) && !spelling_complete_word())
        || end_of_acronym(
            last,
            next,
            chars.get(i + 1).copied(),
            chars.get(i + 2).copied(),
        )
}

/// `DB[P]roxy`, `IAM[U]ser`: `next` is the first letter of a capitalised word after an acronym;
/// but not `AR[N]s` (a plural acronym) nor `DynamoD[B]v2`.
fn end_of_acronym(last: u8, next: u8, peek: Option<u8>, double_peek: Option<u8>) -> bool {
    if !(last.is_ascii_uppercase() && next.is_ascii_uppercase()) {
        return false;
    }
    match peek {
        Some(b's') => double_peek.is_some_and(|c| c.is_ascii_lowercase()),
        Some(b'v') => !double_peek.is_some_and(|c| c.is_ascii_digit()),
        Some(c) => c.is_ascii_lowercase(),
        None => false,
    }
}

/// `OpenIDAuthTTL` → `open_id_auth_ttl`
///
/// The [`words`] joined by `_`; agrees with smithy-rs's `toSnakeCase`. Not necessarily a valid
/// identifier (`type`, `3d`, or empty): pass it through [`field_ident`].
pub fn snake_case(name: &str) -> String {
    words(name).join("_")
}

/// `BackendAPIAuthType` → `BackendApiAuthType`; `CreateBackendAuthMFAConfig` →
/// `CreateBackendAuthMfaConfig`
///
/// Each of the [`words`] with its first letter uppercased (a word starting with a digit stays as
/// it is: `Ec2` but `3d`), concatenated. Not necessarily a valid identifier (`Self`, `3dModel`, or
/// empty): pass it through [`type_ident`].
pub fn pascal_case(name: &str) -> String {
    words(name).iter().map(|word| capitalise(word)).collect()
}

/// Enum variant name for a wire value: `API_KEY` → `ApiKey`, `1.0` → `V1_0`.
///
/// The rule, on the [`words`] of `value`:
/// 1. no words (no ASCII letter or digit, such as `""` or `*`) → `None`, and the caller picks a
///    positional name;
/// 2. each word with its first letter uppercased, concatenated as in [`pascal_case`]
///    (`API_KEY` → `ApiKey`, `en-US` → `EnUs`, `application/pdf` → `ApplicationPdf`,
///    `m5.large` → `M5Large`);
/// 3. except that `_` goes between two words when the first ends and the second starts with a
///    digit, so numbers that were apart stay apart (`1.0` → `1_0`, `m5.2xlarge` → `M5_2Xlarge`);
/// 4. a name that would start with a digit gets a `V` in front (`1.0` → `V1_0`,
///    `2019-01-01` → `V2019_01_01`, `10GB` → `V10Gb`);
/// 5. finally [`type_ident`], which only ever changes `Self` (to `SelfValue`).
///
/// The result is a valid identifier and passes rustc's `non_camel_case_types` lint. Different
/// values may give the same name (`en-US`, `EN_US`): use [`dedupe`].
pub fn variant_name(value: &str) -> Option<String> {
    let words = words(value);
    let starts_with_digit = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
    let mut name = String::new();
    if starts_with_digit(words.first()?) {
        name.push('V');
    }
    for word in &words {
        if name.ends_with(|c: char| c.is_ascii_digit()) && starts_with_digit(word) {
            name.push('_');
        }
        name.push_str(&capitalise(word));
    }
    Some(type_ident(&name))
}

/// A snake_case candidate (such as [`snake_case`]'s output) as a valid field identifier:
/// `type` → `r#type`.
///
/// 1. A leading `r#` is dropped (so that this is idempotent), non-ASCII letters are
///    transliterated as described in the [module documentation](self), and every character
///    other than an ASCII letter, digit or `_` is dropped; the name is not otherwise re-cased or
///    re-split.
/// 2. Nothing left → `field`.
/// 3. A leading digit gets a `_` in front: `3d` → `_3d`.
/// 4. `self`, `Self`, `super`, `crate` and `_`, which cannot be raw identifiers, get a trailing
///    `_` (`self` → `self_`, `_` → `__`); any other of the [`KEYWORDS`] becomes a raw identifier:
///    `type` → `r#type`, `match` → `r#match`.
///
/// The result is never empty and is Rust source spelling: when it starts with `r#`, build it with
/// `proc_macro2::Ident::new_raw` on the rest, otherwise with `proc_macro2::Ident::new`;
/// `quote::format_ident!("{}", ident)` makes that choice by itself.
pub fn field_ident(snake: &str) -> String {
    identifier(snake, FIELD_FALLBACK)
}

/// A PascalCase candidate (such as [`pascal_case`]'s output) as a valid type identifier:
/// `Self` → `SelfValue`.
///
/// The same rules as [`field_ident`], except that nothing left gives `Shape` and that `Self`, the
/// one PascalCase keyword, becomes `SelfValue` as in the AWS SDK for Rust: `Self_` would be valid
/// but not UpperCamelCase, and names built on it (`Self_Builder`) trip rustc's
/// `non_camel_case_types` lint. A leading digit also gets a `_`: `3dModel` → `_3dModel`.
pub fn type_ident(pascal: &str) -> String {
    match identifier(pascal, TYPE_FALLBACK) {
        name if name == "Self_" => "SelfValue".to_owned(),
        name => name,
    }
}

fn identifier(candidate: &str, fallback: &str) -> String {
    let candidate = candidate.strip_prefix("r#").unwrap_or(candidate);
    let mut name: String = ascii_fold(candidate)
        .into_iter()
        .filter(|&b| b.is_ascii_alphanumeric() || b == b'_')
        .map(char::from)
        .collect();
    if name.is_empty() {
        return fallback.to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if NOT_RAW.contains(&name.as_str()) {
        name.push('_');
    } else if KEYWORDS.contains(&name.as_str()) {
        name.insert_str(0, "r#");
    }
    name
}

/// Makes `candidates` unique, keeping their order: the first of equal names stays as it is and
/// each later one gets `separator` and the lowest number from 2 up that makes a name no other
/// candidate has and no earlier one was given.
///
/// `dedupe(vec!["a".into(), "a".into(), "a_2".into()], "_")` → `["a", "a_3", "a_2"]`
///
/// Use `"_"` for snake_case names and `""` for PascalCase ones, and apply it to identifiers
/// that went through [`field_ident`] / [`type_ident`] (so `self` and `self_` are compared as the
/// `self_` both become): a raw identifier loses its `r#` when numbered (`r#type` → `type_2`), and
/// a numbered name is never a keyword. Deterministic: depends only on the input.
pub fn dedupe(candidates: Vec<String>, separator: &str) -> Vec<String> {
    let mut taken: HashSet<String> = candidates.iter().cloned().collect();
    let mut seen = HashSet::new();
    // The number each base tried last: smaller ones stay taken, and restarting at 2 for each
    // duplicate made `n` duplicates of one name cost n² (a `Literal` of `a`, `A`, `a!`, ...).
    let mut next_number: HashMap<String, u64> = HashMap::new();
    candidates
        .into_iter()
        .map(|name| {
            if seen.insert(name.clone()) {
                return name;
            }
            let base = name.strip_prefix("r#").unwrap_or(&name);
            // `Self_` numbered is `Self2` (`Self_2` is not UpperCamelCase), `self_` is `self_2`.
            let trimmed = base.trim_end_matches('_');
            let base = if trimmed.is_empty() { base } else { trimmed };
            let number = next_number.entry(base.to_string()).or_insert(2);
            loop {
                let numbered = format!("{base}{separator}{number}");
                *number += 1;
                if taken.insert(numbered.clone()) {
                    return numbered;
                }
            }
        })
        .collect()
}

/// `word` with its first letter uppercased.
fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// `name` as ASCII bytes: ASCII as it is, Latin letters with diacritics transliterated keeping
/// their case (an uppercase digraph such as `Æ` is `AE` before another uppercase letter, `Ae`
/// otherwise), and any other character as a space (a word separator).
fn ascii_fold(name: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(name.len());
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii() {
            out.push(c as u8);
        } else if let Some(&(_, _, ascii)) =
            LATIN.iter().find(|&&(lo, hi, _)| (lo..=hi).contains(&c))
        {
            let start = out.len();
            out.extend(ascii.bytes());
            if c.is_uppercase() {
                // `Æon` → `Aeon` but `ÆON` → `AEON`, so that both stay one word.
                let all_caps = chars.peek().is_some_and(|next| next.is_uppercase());
                let end = if all_caps { out.len() } else { start + 1 };
                out[start..end].make_ascii_uppercase();
            }
        } else {
            out.push(b' ');
        }
    }
    out
}

/// Latin letters with diacritics (Latin-1 Supplement and Latin Extended-A) and the lowercase
/// ASCII they are transliterated to: `(first, last, ascii)`, uppercased for uppercase letters.
const LATIN: &[(char, char, &str)] = &[
    ('À', 'Å', "a"),
    ('Æ', 'Æ', "ae"),
    ('Ç', 'Ç', "c"),
    ('È', 'Ë', "e"),
    ('Ì', 'Ï', "i"),
    ('Ð', 'Ð', "d"),
    ('Ñ', 'Ñ', "n"),
    ('Ò', 'Ö', "o"),
    ('Ø', 'Ø', "o"),
    ('Ù', 'Ü', "u"),
    ('Ý', 'Ý', "y"),
    ('Þ', 'Þ', "th"),
    ('ß', 'ß', "ss"),
    ('à', 'å', "a"),
    ('æ', 'æ', "ae"),
    ('ç', 'ç', "c"),
    ('è', 'ë', "e"),
    ('ì', 'ï', "i"),
    ('ð', 'ð', "d"),
    ('ñ', 'ñ', "n"),
    ('ò', 'ö', "o"),
    ('ø', 'ø', "o"),
    ('ù', 'ü', "u"),
    ('ý', 'ý', "y"),
    ('þ', 'þ', "th"),
    ('ÿ', 'ÿ', "y"),
    ('Ā', 'ą', "a"),
    ('Ć', 'č', "c"),
    ('Ď', 'đ', "d"),
    ('Ē', 'ě', "e"),
    ('Ĝ', 'ģ', "g"),
    ('Ĥ', 'ħ', "h"),
    ('Ĩ', 'ı', "i"),
    ('Ĳ', 'ĳ', "ij"),
    ('Ĵ', 'ĵ', "j"),
    ('Ķ', 'ĸ', "k"),
    ('Ĺ', 'ł', "l"),
    ('Ń', 'ŋ', "n"),
    ('Ō', 'ő', "o"),
    ('Œ', 'œ', "oe"),
    ('Ŕ', 'ř', "r"),
    ('Ś', 'š', "s"),
    ('Ţ', 'ŧ', "t"),
    ('Ũ', 'ų', "u"),
    ('Ŵ', 'ŵ', "w"),
    ('Ŷ', 'Ÿ', "y"),
    ('Ź', 'ž', "z"),
    ('ſ', 'ſ', "s"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    /// Builds `ident` as `proc_macro2` would from a generator, which panics if it is invalid.
    fn parse_ident(ident: &str) -> proc_macro2::Ident {
        let span = proc_macro2::Span::call_site();
        match ident.strip_prefix("r#") {
            Some(raw) => proc_macro2::Ident::new_raw(raw, span),
            None => proc_macro2::Ident::new(ident, span),
        }
    }

    #[test]
    fn words_split_like_smithy_rs() {
        let cases: &[(&str, &[&str])] = &[
            ("DBProxyARNs", &["db", "proxy", "arns"]),
            ("IAMUser", &["iam", "user"]),
            ("ACLs", &["acls"]),
            ("ARNsList", &["arns", "list"]),
            ("DynamoDBv2", &["dynamo", "dbv2"]),
            ("s3key", &["s3", "key"]),
            ("S3Key", &["s3", "key"]),
            ("s3Key", &["s3", "key"]),
            ("Ec2instance", &["ec2instance"]),
            ("md5sum", &["md5", "sum"]),
            ("IPv4Address", &["ipv4", "address"]),
            ("NetworkSourceIpV6", &["network", "source", "ipv6"]),
            ("ManagedKeysIPV6", &["managed", "keys", "ipv6"]),
            ("SigV4Auth", &["sigv4", "auth"]),
            (
                "TotalMemoryMiBRequest",
                &["total", "memory", "mib", "request"],
            ),
            ("SizeInGiB", &["size", "in", "gib"]),
            ("TTLInSeconds", &["ttl", "in", "seconds"]),
            ("throttlingRate", &["throttling", "rate"]),
            ("AbpV1_0_x", &["abp", "v1", "0", "x"]),
            ("en-US", &["en", "us"]),
            (
                "application/x-amz-json-1.1",
                &["application", "x", "amz", "json", "1", "1"],
            ),
            (
                "  leading--and__trailing  ",
                &["leading", "and", "trailing"],
            ),
        ];
        for &(name, expected) in cases {
            assert_eq!(words(name), strings(expected), "words({name:?})");
        }
    }

    #[test]
    fn words_of_nothing() {
        assert!(words("").is_empty());
        assert!(words("*").is_empty());
        assert!(words("-_ /.").is_empty());
        assert!(words("日本").is_empty());
    }

    #[test]
    fn snake_case_examples() {
        assert_eq!(snake_case("OpenIDAuthTTL"), "open_id_auth_ttl");
        assert_eq!(
            snake_case("CreateBackendAuthMFAConfig"),
            "create_backend_auth_mfa_config"
        );
        assert_eq!(snake_case("ipv6CidrBlock"), "ipv6_cidr_block");
        assert_eq!(snake_case("already_snake"), "already_snake");
        assert_eq!(snake_case("Type"), "type");
        assert_eq!(snake_case(""), "");
    }

    #[test]
    fn pascal_case_examples() {
        assert_eq!(pascal_case("BackendAPIAuthType"), "BackendApiAuthType");
        assert_eq!(
            pascal_case("CreateBackendAuthMFAConfig"),
            "CreateBackendAuthMfaConfig"
        );
        assert_eq!(pascal_case("ipv4_address"), "Ipv4Address");
        assert_eq!(pascal_case("s3key"), "S3Key");
        assert_eq!(pascal_case("3dModel"), "3dModel");
        assert_eq!(pascal_case("3DModel"), "3DModel");
        assert_eq!(pascal_case("self"), "Self");
        assert_eq!(pascal_case(""), "");
    }

    #[test]
    fn variant_name_examples() {
        let cases = [
            ("API_KEY", "ApiKey"),
            ("en-US", "EnUs"),
            ("application/pdf", "ApplicationPdf"),
            ("m5.large", "M5Large"),
            ("m5.2xlarge", "M5_2Xlarge"),
            ("ml.t3.medium", "MlT3Medium"),
            ("1.0", "V1_0"),
            ("2019-01-01", "V2019_01_01"),
            ("10GB", "V10Gb"),
            ("TLSv1.2", "Tlsv1_2"),
            ("x-amz-json-1.0", "XAmzJson1_0"),
            ("AWS::EC2::Instance", "AwsEc2Instance"),
            ("us-east-1", "UsEast1"),
            ("LATEST", "Latest"),
            ("self", "SelfValue"),
            ("type", "Type"),
        ];
        for (value, expected) in cases {
            assert_eq!(variant_name(value).as_deref(), Some(expected), "{value:?}");
            parse_ident(expected);
        }
    }

    #[test]
    fn variant_name_without_letters_or_digits_is_none() {
        for value in ["", "*", "-", " / ", "€"] {
            assert_eq!(variant_name(value), None, "{value:?}");
        }
    }

    #[test]
    fn field_ident_escapes_keywords() {
        assert_eq!(field_ident("type"), "r#type");
        assert_eq!(field_ident("match"), "r#match");
        assert_eq!(field_ident("async"), "r#async");
        assert_eq!(field_ident("gen"), "r#gen");
        assert_eq!(field_ident("self"), "self_");
        assert_eq!(field_ident("super"), "super_");
        assert_eq!(field_ident("crate"), "crate_");
        assert_eq!(field_ident("_"), "__");
        assert_eq!(field_ident("union"), "union");
        assert_eq!(field_ident("type_name"), "type_name");
        assert_eq!(field_ident("3d_model"), "_3d_model");
        assert_eq!(field_ident("_private"), "_private");
    }

    #[test]
    fn idents_are_idempotent() {
        let others = ["", "_", "3d", "Type", "self_", "__", "r#", "日本", "café"];
        for name in KEYWORDS.iter().chain(NOT_RAW).chain(&others) {
            let field = field_ident(name);
            assert_eq!(field_ident(&field), field, "{name:?}");
            let ty = type_ident(name);
            assert_eq!(type_ident(&ty), ty, "{name:?}");
        }
    }

    #[test]
    fn type_ident_escapes_keywords() {
        assert_eq!(type_ident("Self"), "SelfValue");
        assert_eq!(type_ident("Type"), "Type");
        assert_eq!(type_ident("3dModel"), "_3dModel");
        assert_eq!(type_ident("Bucket"), "Bucket");
    }

    #[test]
    fn every_keyword_gives_a_valid_identifier() {
        for keyword in KEYWORDS.iter().chain(NOT_RAW) {
            for ident in [field_ident(keyword), type_ident(keyword)] {
                assert_ne!(ident, *keyword);
                parse_ident(&ident);
                assert_eq!(quote::format_ident!("{}", ident).to_string(), ident);
            }
        }
    }

    #[test]
    fn keywords_list() {
        assert_eq!(KEYWORDS.len(), 52);
        let unique: HashSet<_> = KEYWORDS.iter().collect();
        assert_eq!(unique.len(), KEYWORDS.len());
        for keyword in [
            "type", "Self", "async", "await", "dyn", "try", "abstract", "yield",
        ] {
            assert!(KEYWORDS.contains(&keyword), "{keyword}");
        }
        assert!(!KEYWORDS.contains(&"union"));
    }

    #[test]
    fn empty_candidates_get_a_fallback() {
        assert_eq!(field_ident(""), "field");
        assert_eq!(type_ident(""), "Shape");
        assert_eq!(field_ident("日本"), "field");
        assert_eq!(type_ident("-"), "Shape");
    }

    #[test]
    fn non_ascii_is_transliterated_or_dropped() {
        assert_eq!(snake_case("CaféBar"), "cafe_bar");
        assert_eq!(snake_case("naïveÉtat"), "naive_etat");
        assert_eq!(snake_case("ŁódźCity"), "lodz_city");
        assert_eq!(snake_case("Straße"), "strasse");
        assert_eq!(snake_case("Price€Total"), "price_total");
        assert_eq!(snake_case("日本Region"), "region");
        assert_eq!(pascal_case("ÆonFlux"), "AeonFlux");
        assert_eq!(pascal_case("ÆON_FLUX"), "AeonFlux");
        assert_eq!(snake_case("ÞórÆ"), "thor_ae");
        assert_eq!(variant_name("fr-CÉ").as_deref(), Some("FrCe"));
        assert_eq!(field_ident("café"), "cafe");
        assert_eq!(field_ident("a日b"), "ab");
        assert_eq!(type_ident("Ünïcode"), "Unicode");
        let inputs = [
            "😀",
            "\u{0}",
            "\u{10FFFF}x",
            "ǅ",
            "İ",
            "ﬁ",
            "a\u{301}",
            "١٢٣",
            "𝔘",
        ];
        for input in inputs {
            for output in [
                snake_case(input),
                pascal_case(input),
                field_ident(input),
                type_ident(input),
            ] {
                assert!(output.is_ascii(), "{input:?} → {output:?}");
            }
            if let Some(name) = variant_name(input) {
                assert!(name.is_ascii(), "{input:?} → {name:?}");
            }
            parse_ident(&field_ident(input));
            parse_ident(&type_ident(input));
        }
    }

    #[test]
    fn any_character_gives_ascii_and_valid_identifiers() {
        for c in (0..=0xFFFF).step_by(7).filter_map(char::from_u32) {
            let input = format!("a{c}B{c}");
            for output in [
                snake_case(&input),
                pascal_case(&input),
                variant_name(&input).unwrap(),
            ] {
                assert!(output.is_ascii(), "{input:?} → {output:?}");
            }
            parse_ident(&field_ident(&snake_case(&input)));
            parse_ident(&type_ident(&pascal_case(&input)));
            parse_ident(&field_ident(&c.to_string()));
            parse_ident(&type_ident(&c.to_string()));
        }
    }

    #[test]
    fn dedupe_numbers_later_duplicates() {
        let names = strings(&["a", "b", "a", "a"]);
        assert_eq!(dedupe(names, "_"), strings(&["a", "b", "a_2", "a_3"]));
        let names = strings(&["Foo", "Foo"]);
        assert_eq!(dedupe(names, ""), strings(&["Foo", "Foo2"]));
    }

    #[test]
    fn dedupe_never_collides_with_another_candidate() {
        let names = strings(&["a", "a", "a_2", "a_2"]);
        assert_eq!(dedupe(names, "_"), strings(&["a", "a_3", "a_2", "a_2_2"]));
        let names = strings(&["a_2", "a", "a", "a_3"]);
        assert_eq!(dedupe(names, "_"), strings(&["a_2", "a", "a_4", "a_3"]));
        let names = strings(&["Foo1", "Foo1", "Foo12"]);
        assert_eq!(dedupe(names, ""), strings(&["Foo1", "Foo13", "Foo12"]));
    }

    #[test]
    fn dedupe_numbered_raw_identifier_is_plain() {
        let names = strings(&["r#type", "r#type", "self_", "self_"]);
        assert_eq!(
            dedupe(names, "_"),
            strings(&["r#type", "type_2", "self_", "self_2"])
        );
        // Numbering keeps PascalCase names UpperCamelCase.
        assert_eq!(
            dedupe(strings(&["Self_", "Self_"]), ""),
            strings(&["Self_", "Self2"])
        );
    }

    #[test]
    fn dedupe_keeps_unique_names_and_order() {
        let names = strings(&["z", "y", "x"]);
        assert_eq!(dedupe(names.clone(), "_"), names);
        assert!(dedupe(Vec::new(), "_").is_empty());
    }

    #[test]
    fn dedupe_after_field_ident() {
        let names = ["type", "Type", "self", "self_", "3d", "_3d"]
            .iter()
            .map(|name| field_ident(&snake_case(name)))
            .collect();
        let unique = dedupe(names, "_");
        assert_eq!(
            unique,
            strings(&["r#type", "type_2", "self_", "self_2", "_3_d", "_3_d_2"])
        );
    }
}
