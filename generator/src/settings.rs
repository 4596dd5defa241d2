//! Settings: the choices that shape a generated crate beyond its model, in one value carried from
//! where they are read (the overlay's `package:` key, the command line) to where each is used, as
//! typify's `TypeSpaceSettings` does. The cache key is made from this value too, so a new setting
//! cannot be forgotten there.
//!
//! ```yaml
//! # model/amplifybackend.overlay.yaml
//! package:            # Cargo.toml metadata of the generated crate
//!   name: acme-amplifybackend
//!   description: Types of the AWS Amplify Backend API.
//!   license: Apache-2.0
//!   repository: https://example.com/acme/amplifybackend
//!   homepage: https://example.com/acme
//!   authors: ["Acme <dev@example.com>"]
//!   keywords: [aws, amplify]
//!   categories: [api-bindings]
//! ```
//!
//! Each string is checked where it stands (an error names its line and column) and written into
//! `Cargo.toml` as a TOML string with everything that could end it escaped.

use crate::error::{Error, Result};
use crate::yaml::{CheckedStr, Reject};
use crate::{overlay, Loaded};
use serde::de::{Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// Every choice that shapes a generated crate beyond its model. The default is what shapegen
/// generates with no settings at all.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Settings {
    pub package: Package,
}

/// The generated crate's `Cargo.toml` metadata; what is `None` (or empty) keeps shapegen's default.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Package {
    /// The package name; by default `<service>-shapes`.
    pub name: Option<String>,
    /// By default a sentence naming the service and the boto3 release.
    pub description: Option<String>,
    /// An SPDX expression; by default `MIT OR Apache-2.0`. The crate carries the licence texts
    /// shapegen knows (MIT, Apache-2.0) for the identifiers it names.
    pub license: Option<String>,
    pub repository: Option<String>,
    pub homepage: Option<String>,
    pub authors: Vec<String>,
    /// By default `aws`, the service, `serde` and `types`.
    pub keywords: Option<Vec<String>>,
    /// By default `api-bindings` and `encoding`.
    pub categories: Option<Vec<String>>,
}

impl Settings {
    /// Checks every string, for settings made in code rather than read (the reader checks each
    /// where it stands).
    pub fn check(&self) -> Result<()> {
        self.package.check().map_err(Error::new)
    }
}

impl Package {
    fn check(&self) -> Result<(), String> {
        let single = [
            (&self.name, check_name as Check),
            (&self.description, check_description),
            (&self.license, check_license),
            (&self.repository, check_url),
            (&self.homepage, check_url),
        ];
        for (value, check) in single {
            value.as_deref().map_or(Ok(()), check)?;
        }
        check_list(&self.authors, check_author, usize::MAX)?;
        if let Some(keywords) = &self.keywords {
            check_list(keywords, check_keyword, MAX_KEYWORDS)?;
        }
        if let Some(categories) = &self.categories {
            check_list(categories, check_category, MAX_KEYWORDS)?;
        }
        Ok(())
    }
}

type Check = fn(&str) -> Result<(), String>;

/// crates.io takes at most five keywords and five categories.
const MAX_KEYWORDS: usize = 5;

fn check_list(items: &[String], check: Check, max: usize) -> Result<(), String> {
    if items.len() > max {
        return Err(format!(
            "{} entries, but crates.io takes at most {max}",
            items.len()
        ));
    }
    items.iter().try_for_each(|item| check(item))
}

fn check_name(name: &str) -> Result<(), String> {
    crate::emit::package::check_package_name(name).map_err(|e| match e.hint {
        Some(hint) => format!("{}: {hint}", e.message),
        None => e.message,
    })
}

fn check_description(text: &str) -> Result<(), String> {
    if text.trim().is_empty() || text.chars().any(char::is_control) {
        return Err("a description is one line of text, not empty".into());
    }
    Ok(())
}

/// An SPDX expression's characters: identifiers (`Apache-2.0`, `GPL-2.0+`), `AND`/`OR`/`WITH`
/// and parentheses. Cargo and crates.io check the identifiers themselves.
pub(crate) fn check_license(text: &str) -> Result<(), String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || " .-+()".contains(c);
    if text.trim().is_empty() || !text.chars().all(allowed) {
        return Err(format!(
            "`{}` is not an SPDX licence expression: write identifiers such as `MIT OR Apache-2.0`",
            text.escape_debug()
        ));
    }
    Ok(())
}

fn check_url(text: &str) -> Result<(), String> {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    match rest {
        Some(rest)
            if !rest.is_empty()
                && !rest.contains(|c: char| c.is_whitespace() || c.is_control()) =>
        {
            Ok(())
        }
        _ => Err(format!(
            "`{}` is not a web address: write `https://` followed by no spaces",
            text.escape_debug()
        )),
    }
}

fn check_author(text: &str) -> Result<(), String> {
    if text.trim().is_empty() || text.chars().any(char::is_control) {
        return Err("an author is one line of text, such as `Name <mail@example.com>`".into());
    }
    Ok(())
}

fn check_keyword(word: &str) -> Result<(), String> {
    if crate::emit::package::is_keyword(word) {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not a crates.io keyword: ASCII letters, digits, `-` and `_`, starting with a letter, at most 20",
            word.escape_debug()
        ))
    }
}

/// A crates.io category slug, such as `api-bindings` or `encoding` (crates.io lists them).
fn check_category(slug: &str) -> Result<(), String> {
    let valid = slug.starts_with(|c: char| c.is_ascii_lowercase())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == ':');
    if valid {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not a crates.io category slug such as `api-bindings`",
            slug.escape_debug()
        ))
    }
}

/// Reads the overlay's `package:` mapping, checking each value where it stands.
pub(crate) struct PackageSeed;

impl<'de> serde::de::DeserializeSeed<'de> for PackageSeed {
    type Value = Package;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Package, D::Error> {
        deserializer.deserialize_map(self)
    }
}

const PACKAGE_KEYS: &str =
    "`name`, `description`, `license`, `repository`, `homepage`, `authors`, `keywords` or `categories`";

impl<'de> Visitor<'de> for PackageSeed {
    type Value = Package;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a mapping with {PACKAGE_KEYS}")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Package, A::Error> {
        let mut package = Package::default();
        let mut seen: Vec<String> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if seen.contains(&key) {
                map.next_value_seed(Reject(format!("duplicate key `{key}`")))?;
                continue;
            }
            seen.push(key.clone());
            let string = |check: Check| CheckedStr(check);
            match key.as_str() {
                "name" => package.name = Some(map.next_value_seed(string(check_name))?),
                "description" => {
                    package.description = Some(map.next_value_seed(string(check_description))?)
                }
                "license" => package.license = Some(map.next_value_seed(string(check_license))?),
                "repository" => package.repository = Some(map.next_value_seed(string(check_url))?),
                "homepage" => package.homepage = Some(map.next_value_seed(string(check_url))?),
                "authors" => {
                    package.authors = map.next_value_seed(CheckedList(check_author, usize::MAX))?
                }
                "keywords" => {
                    package.keywords =
                        Some(map.next_value_seed(CheckedList(check_keyword, MAX_KEYWORDS))?)
                }
                "categories" => {
                    package.categories =
                        Some(map.next_value_seed(CheckedList(check_category, MAX_KEYWORDS))?)
                }
                other => {
                    return Err(A::Error::custom(format!(
                        "unknown key `{other}`, expected {PACKAGE_KEYS}"
                    )))
                }
            }
        }
        Ok(package)
    }
}

/// A list of strings, each passing its check, at most so many.
struct CheckedList(Check, usize);

impl<'de> serde::de::DeserializeSeed<'de> for CheckedList {
    type Value = Vec<String>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<String>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for CheckedList {
    type Value = Vec<String>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of strings")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(CheckedStr(self.0))? {
            items.push(item);
            if items.len() > self.1 {
                return Err(A::Error::custom(format!(
                    "more than {} entries: crates.io takes at most {}",
                    self.1, self.1
                )));
            }
        }
        Ok(items)
    }
}

/// `generate --crate-name NAME` records the name in the overlay, as `package.name`, so that
/// `check` and `update` reproduce the crate without the flag. The overlay's text with that one
/// change, everything else (comments, order) kept: a `name:` line in the top-level `package:`
/// block gets the new value, or one is added to that block, or a `package:` block is added at the
/// end. `None` when the text is not laid out that way (a flow mapping, say).
pub fn with_package_name(overlay: &str, name: &str) -> Option<String> {
    let ending = if overlay.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut lines: Vec<String> = overlay.split_inclusive('\n').map(str::to_owned).collect();
    if let Some(last) = lines.last_mut().filter(|l| !l.ends_with('\n')) {
        last.push_str(ending);
    }
    let value = crate::yaml::scalar(name);
    let is_key = |line: &str, key: &str| {
        line.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start_matches(' ').starts_with(':'))
    };
    let Some(start) = lines.iter().position(|l| is_key(l, "package")) else {
        if !overlay.trim().is_empty() && overlay.trim_start().starts_with('{') {
            return None;
        }
        lines.push(format!("package:{ending}  name: {value}{ending}"));
        return Some(lines.concat());
    };
    // A block mapping: `package:` alone on its line (a comment allowed).
    let rest = lines[start]["package".len()..].trim_start_matches(' ')[1..].trim();
    if !(rest.is_empty() || rest.starts_with('#')) {
        return None;
    }
    let block_end = lines[start + 1..]
        .iter()
        .position(|l| !(l.starts_with([' ', '#']) || l.trim().is_empty()))
        .map_or(lines.len(), |at| start + 1 + at);
    let indent = lines[start + 1..block_end]
        .iter()
        .find(|l| l.starts_with(' ') && !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .map_or("  ".to_string(), |l| {
            l[..l.len() - l.trim_start().len()].to_string()
        });
    let own = |line: &str| {
        line.strip_prefix(indent.as_str())
            .filter(|rest| !rest.starts_with(' '))
            .is_some_and(|rest| {
                is_key(rest, "name") || is_key(rest, "\"name\"") || is_key(rest, "'name'")
            })
    };
    match lines[start + 1..block_end].iter().position(|l| own(l)) {
        Some(at) => {
            let line = &mut lines[start + 1 + at];
            let comment = line
                .find(" #")
                .map_or("", |at| line[at..].trim_end_matches(['\r', '\n']));
            *line = format!("{indent}name: {value}{comment}{ending}");
        }
        None => lines.insert(start + 1, format!("{indent}name: {value}{ending}")),
    }
    Some(lines.concat())
}

/// An overlay rewritten to record a setting given on the command line: written before the crate,
/// and put back if writing the crate fails.
#[derive(Debug)]
pub struct OverlayEdit {
    path: PathBuf,
    before: Option<String>,
    after: String,
}

impl OverlayEdit {
    pub fn write(&self) -> Result<()> {
        crate::write::write_if_changed(&self.path, self.after.as_bytes()).map(drop)
    }

    /// Puts the overlay back as it was, after `error` (which it returns, with any failure to do so).
    pub fn undo(&self, error: Error) -> Error {
        let step = (self.path.as_path(), self.before.clone(), self.after.clone());
        crate::update::put_back(&[step], error)
    }
}

/// What `generate --crate-name NAME` does to the overlay of the model at `model` (read as
/// `loaded`): records `package.name: NAME` ([`with_package_name`]), checked by reading the result
/// back, which must say exactly what the overlay said but for the name. `None` if the overlay
/// says that name already.
pub fn record_package_name(
    model: &Path,
    loaded: &Loaded,
    name: &str,
) -> Result<Option<OverlayEdit>> {
    check_name(name).map_err(|e| Error::new(format!("--crate-name: {e}")))?;
    let path = overlay::path_for(model);
    let before = crate::update::existing_text(&path)?;
    let text = before.as_deref().unwrap_or_default();
    let read = |text: &str| {
        let mut model = loaded.model.clone();
        overlay::apply_str(&mut model, &path, text).map(|settings| (model, settings))
    };
    let (model, mut settings) = read(text)?;
    if settings.package.name.as_deref() == Some(name) {
        return Ok(None);
    }
    settings.package.name = Some(name.to_string());
    let expected = (model, settings);
    match with_package_name(text, name) {
        Some(after) if read(&after).is_ok_and(|read| read == expected) => Ok(Some(OverlayEdit {
            path,
            before,
            after,
        })),
        _ => Err(Error::in_file(
            &path,
            format!("cannot record `package.name: {name}` in this overlay without changing what else it says"),
        )
        .with_hint("write the overlay as a block mapping with `package:` on a line of its own and `name: NAME` below it, or leave out --crate-name; nothing was written")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_is_set_in_the_package_block_or_a_new_one() {
        let set = |text: &str| with_package_name(text, "my-custom");
        assert_eq!(set("").unwrap(), "package:\n  name: my-custom\n");
        assert_eq!(
            set("# c\nversion: 0.1.0").unwrap(),
            "# c\nversion: 0.1.0\npackage:\n  name: my-custom\n"
        );
        assert_eq!(
            set("package:\n    license: MIT\n    name: old # why\nshapes: {}\n").unwrap(),
            "package:\n    license: MIT\n    name: my-custom # why\nshapes: {}\n"
        );
        assert_eq!(
            set("package: # meta\r\n  license: MIT\r\nversion: 0.1.0\r\n").unwrap(),
            "package: # meta\r\n  name: my-custom\r\n  license: MIT\r\nversion: 0.1.0\r\n"
        );
        assert_eq!(set("{version: 0.1.0}\n"), None);
        assert_eq!(set("package: {license: MIT}\n"), None);
        assert_eq!(
            with_package_name("", "yes").unwrap(),
            "package:\n  name: 'yes'\n"
        );
    }

    #[test]
    fn metadata_made_in_code_is_checked() {
        let mut settings = Settings::default();
        assert!(settings.check().is_ok());
        settings.package.repository = Some("https://x.test/\"\n[dependencies]".into());
        assert!(settings
            .check()
            .unwrap_err()
            .message
            .contains("is not a web address"));
        settings.package.repository = None;
        settings.package.keywords = Some(vec!["a".into(); 6]);
        assert!(settings.check().unwrap_err().message.contains("at most 5"));
    }
}
