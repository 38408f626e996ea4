//! LMS package contents: the `imsmanifest.xml` for SCORM 1.2 and SCORM 2004
//! 4th edition, the `cmi5.xml` course structure of a cmi5 course package
//! (quick-xml writes and escapes both), and the assignment written into the
//! app's `index.html`. Shared by both builders: `counterpart-package` (native,
//! from a build folder) and the hand-out screen (in the browser, see
//! `lms::handout`), so both write the same manifests.

use super::mapping::{Assignment, ScormVersion};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io;

/// What the package is called and assigns.
pub struct PackageInfo<'a> {
    pub title: &'a str,
    pub assignment: &'a Assignment,
    /// Every file of the build, relative, with `/` separators.
    pub files: &'a [String],
    /// The cmi5 course id (an absolute IRI); `None`: derived from the title,
    /// see [`cmi5_course_id`]. The SCORM manifests do not use it.
    pub course_id: Option<&'a str>,
}

/// The packages for an LMS, each a zip with its descriptor at the root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackageKind {
    Scorm12,
    Scorm2004,
    Cmi5,
}

impl PackageKind {
    pub const ALL: [PackageKind; 3] = [
        PackageKind::Scorm12,
        PackageKind::Scorm2004,
        PackageKind::Cmi5,
    ];

    /// The zip's name without `.zip`, e.g. `counterpart-scorm12`.
    pub fn stem(self) -> &'static str {
        match self {
            PackageKind::Scorm12 => "counterpart-scorm12",
            PackageKind::Scorm2004 => "counterpart-scorm2004",
            PackageKind::Cmi5 => "counterpart-cmi5",
        }
    }

    /// The descriptor at the zip's root: its name and text.
    pub fn descriptor(self, info: &PackageInfo) -> (&'static str, String) {
        match self {
            PackageKind::Scorm12 => ("imsmanifest.xml", manifest(ScormVersion::Scorm12, info)),
            PackageKind::Scorm2004 => ("imsmanifest.xml", manifest(ScormVersion::Scorm2004, info)),
            PackageKind::Cmi5 => ("cmi5.xml", cmi5_course_structure(info)),
        }
    }
}

/// Whether a file of the build goes into a package: all but those in
/// `handout/`, which only the hand-out screen reads (the single-file
/// template and the list of the app's files, see `lms::handout`).
pub fn is_packaged(file: &str) -> bool {
    file.strip_prefix(super::handout::DIR)
        .is_none_or(|rest| !rest.starts_with('/'))
}

/// The assignment as the app reads it: `required=a,b&mastery=70`.
pub fn assignment_query(assignment: &Assignment) -> String {
    let required: Vec<&str> = assignment.required.iter().map(|id| id.as_str()).collect();
    format!(
        "required={}&mastery={}",
        required.join(","),
        assignment.mastery_score
    )
}

/// `index.html` with the packaged assignment as a `<meta>` the app reads.
pub fn with_assignment(index_html: &str, assignment: &Assignment) -> String {
    let meta = format!(
        "<meta name=\"counterpart-assignment\" content=\"{}\" />",
        quick_xml::escape::escape(assignment_query(assignment))
    );
    index_html.replacen("<head>", &format!("<head>\n    {meta}"), 1)
}

/// `index.html` with a plain xAPI LRS the app reports to (`<meta
/// name="counterpart-xapi" content="endpoint=…&auth=…">`, read by
/// `ui/xapi_session.rs`; the launch address may override it).
pub fn with_xapi_settings(index_html: &str, endpoint: &str, auth: &str) -> String {
    use super::xapi::percent_encode;
    let settings = format!(
        "endpoint={}&auth={}",
        percent_encode(endpoint),
        percent_encode(auth)
    );
    let meta = format!(
        "<meta name=\"counterpart-xapi\" content=\"{}\" />",
        quick_xml::escape::escape(settings)
    );
    index_html.replacen("<head>", &format!("<head>\n    {meta}"), 1)
}

pub fn manifest(version: ScormVersion, info: &PackageInfo) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing into a Vec cannot fail.
    let _ = write_manifest(&mut writer, version, info);
    String::from_utf8(writer.into_inner()).unwrap_or_default()
}

fn write_manifest(
    w: &mut Writer<Vec<u8>>,
    version: ScormVersion,
    info: &PackageInfo,
) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let root: Vec<(&str, &str)> = match version {
        ScormVersion::Scorm12 => vec![
            ("identifier", "counterpart"),
            ("version", "1.0"),
            ("xmlns", "http://www.imsproject.org/xsd/imscp_rootv1p1p2"),
            ("xmlns:adlcp", "http://www.adlnet.org/xsd/adlcp_rootv1p2"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd",
            ),
        ],
        ScormVersion::Scorm2004 => vec![
            ("identifier", "counterpart"),
            ("version", "1"),
            ("xmlns", "http://www.imsglobal.org/xsd/imscp_v1p1"),
            ("xmlns:adlcp", "http://www.adlnet.org/xsd/adlcp_v1p3"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd",
            ),
        ],
    };
    w.create_element("manifest")
        .with_attributes(root)
        .write_inner_content(|w| {
            w.create_element("metadata").write_inner_content(|w| {
                w.create_element("schema")
                    .write_text_content(BytesText::new("ADL SCORM"))?;
                let schema_version = match version {
                    ScormVersion::Scorm12 => "1.2",
                    ScormVersion::Scorm2004 => "2004 4th Edition",
                };
                w.create_element("schemaversion")
                    .write_text_content(BytesText::new(schema_version))?;
                Ok(())
            })?;
            w.create_element("organizations")
                .with_attribute(("default", "counterpart-org"))
                .write_inner_content(|w| {
                    w.create_element("organization")
                        .with_attribute(("identifier", "counterpart-org"))
                        .write_inner_content(|w| {
                            w.create_element("title")
                                .write_text_content(BytesText::new(info.title))?;
                            w.create_element("item")
                                .with_attributes([
                                    ("identifier", "counterpart-item"),
                                    ("identifierref", "counterpart-sco"),
                                ])
                                .write_inner_content(|w| {
                                    // No `adlcp:masteryscore` in SCORM 1.2: Moodle's
                                    // "mastery score overrides status" (on by default)
                                    // would rewrite the app's status from the one raw
                                    // score when the SCO finishes — an unfinished
                                    // assignment became "failed" and the next launch
                                    // opened in review mode. The app decides the status
                                    // itself, from the mastery in the assignment (the
                                    // `counterpart-assignment` meta).
                                    w.create_element("title")
                                        .write_text_content(BytesText::new(info.title))?;
                                    Ok(())
                                })?;
                            Ok(())
                        })?;
                    Ok(())
                })?;
            let sco_type = match version {
                ScormVersion::Scorm12 => "adlcp:scormtype",
                ScormVersion::Scorm2004 => "adlcp:scormType",
            };
            w.create_element("resources").write_inner_content(|w| {
                w.create_element("resource")
                    .with_attributes([
                        ("identifier", "counterpart-sco"),
                        ("type", "webcontent"),
                        (sco_type, "sco"),
                        ("href", "index.html"),
                    ])
                    .write_inner_content(|w| {
                        for file in info.files {
                            w.create_element("file")
                                .with_attribute(("href", file.as_str()))
                                .write_empty()?;
                        }
                        Ok(())
                    })?;
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(())
}

/// The namespace of the cmi5 course structure (`cmi5.xml`).
pub const CMI5_NAMESPACE: &str = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd";

/// Where default course ids live: the `.invalid` top-level domain is reserved
/// (RFC 2606) and never resolves, which is honest for an identifier nobody
/// hosts: a cmi5 id only has to be a globally unique IRI, not a web address.
pub const CMI5_DEFAULT_ID_BASE: &str = "https://counterpart.invalid/course/";

/// What the course and its one AU say about themselves (German, English).
const CMI5_DESCRIPTION_DE: &str = "Counterpart ist ein Gesprächstrainer für schwierige Kundengespräche: Sie führen verzweigte Gespräche mit unzufriedenen Kundinnen und Kunden, sehen, wie die Stimmung auf jede Ihrer Antworten reagiert, und erhalten Rückmeldung zu den Deeskalationstechniken, die Sie anwenden.";
const CMI5_DESCRIPTION_EN: &str = "Counterpart is a conversation trainer for difficult customer conversations: you play branching conversations with dissatisfied customers, see how their mood reacts to each of your replies and get feedback on the de-escalation techniques you use.";

/// The cmi5 course id: `info.course_id` (`--id`) if given, otherwise
/// `https://counterpart.invalid/course/<slug of the title>`, e.g.
/// `…/course/kundengespraeche-uebungen` for "Kundengespräche & Übungen".
///
/// The id is how an LMS recognises a course (and its learners' registrations)
/// when a package is uploaded again, so the default stays the same for the
/// same title; give `--id` to keep it across a change of title, or to use an
/// IRI under a domain you own.
pub fn cmi5_course_id(info: &PackageInfo) -> String {
    match info.course_id {
        Some(id) => id.to_string(),
        None => format!("{CMI5_DEFAULT_ID_BASE}{}", slug(info.title)),
    }
}

/// The id of the course's one AU: the course id with `/au` appended (unique
/// within the course structure, as cmi5 requires, and just as stable).
pub fn cmi5_au_id(course_id: &str) -> String {
    format!("{}/au", course_id.trim_end_matches('/'))
}

/// Lower-case ASCII letters and digits joined by `-`; German umlauts and ß
/// are transliterated (ä → ae, ß → ss), anything else separates words.
/// "counterpart" if nothing is left.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let letters = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => {
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
                continue;
            }
        };
        out.push_str(letters);
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "counterpart".into()
    } else {
        out
    }
}

/// Whether `text` looks like an absolute IRI, as a cmi5 id must be: a scheme
/// (`https:`, `urn:`, …) followed by something, and no spaces, control
/// characters or characters an IRI never contains (`<>"{}|\^` and backtick).
pub fn is_absolute_iri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut scheme_chars = scheme.chars();
    scheme_chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme_chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !rest.is_empty()
        && !text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c))
}

/// A mastery score 0–100 as cmi5's `masteryScore`, a decimal from 0 to 1:
/// 70 → `0.7`, 85 → `0.85`, 100 → `1` (integer arithmetic, no float noise).
pub fn cmi5_mastery_score(mastery: u8) -> String {
    let mastery = mastery.min(100);
    match (mastery / 100, mastery % 100) {
        (whole, 0) => whole.to_string(),
        (_, hundredths) if hundredths % 10 == 0 => format!("0.{}", hundredths / 10),
        (_, hundredths) => format!("0.{hundredths:02}"),
    }
}

/// The `cmi5.xml` of a cmi5 course package: one course with one AU, the app
/// (`index.html`, relative, so the LMS serves it from the package, launched
/// in any window). `moveOn="CompletedAndPassed"` with the assignment's
/// mastery as `masteryScore` (the LMS hands it to the app in
/// `LMS.LaunchData`); for mastery 0 there is nothing to pass, so no
/// `masteryScore` and `moveOn="Completed"`. The assignment query
/// (`required=a,b&mastery=70`) is the AU's `launchParameters`, which the LMS
/// passes through `LMS.LaunchData` too. Title in German and English (the
/// same text), a fixed description in both.
pub fn cmi5_course_structure(info: &PackageInfo) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing into a Vec cannot fail.
    let _ = write_course_structure(&mut writer, info);
    String::from_utf8(writer.into_inner()).unwrap_or_default()
}

fn write_course_structure(w: &mut Writer<Vec<u8>>, info: &PackageInfo) -> io::Result<()> {
    let course_id = cmi5_course_id(info);
    let au_id = cmi5_au_id(&course_id);
    let mastery = info.assignment.mastery_score.min(100);
    let mastery_score = cmi5_mastery_score(mastery);
    let mut au_attributes = vec![("id", au_id.as_str())];
    if mastery == 0 {
        au_attributes.push(("moveOn", "Completed"));
    } else {
        au_attributes.push(("moveOn", "CompletedAndPassed"));
        au_attributes.push(("masteryScore", mastery_score.as_str()));
    }
    au_attributes.push(("launchMethod", "AnyWindow"));
    let langstrings = |w: &mut Writer<Vec<u8>>, name: &str, de: &str, en: &str| {
        w.create_element(name).write_inner_content(|w| {
            for (lang, text) in [("de-DE", de), ("en-US", en)] {
                w.create_element("langstring")
                    .with_attribute(("lang", lang))
                    .write_text_content(BytesText::new(text))?;
            }
            Ok(())
        })?;
        io::Result::Ok(())
    };

    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("courseStructure")
        .with_attribute(("xmlns", CMI5_NAMESPACE))
        .write_inner_content(|w| {
            w.create_element("course")
                .with_attribute(("id", course_id.as_str()))
                .write_inner_content(|w| {
                    langstrings(w, "title", info.title, info.title)?;
                    langstrings(w, "description", CMI5_DESCRIPTION_DE, CMI5_DESCRIPTION_EN)
                })?;
            w.create_element("au")
                .with_attributes(au_attributes)
                .write_inner_content(|w| {
                    langstrings(w, "title", info.title, info.title)?;
                    langstrings(w, "description", CMI5_DESCRIPTION_DE, CMI5_DESCRIPTION_EN)?;
                    w.create_element("url")
                        .write_text_content(BytesText::new("index.html"))?;
                    w.create_element("launchParameters")
                        .write_text_content(BytesText::new(&assignment_query(info.assignment)))?;
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ScenarioId;

    #[test]
    fn manifests_list_every_file_and_escape_the_title() {
        let assignment = Assignment {
            required: vec![ScenarioId::new("a"), ScenarioId::new("b")],
            mastery_score: 75,
        };
        let files = vec!["index.html".to_string(), "icons/icon-192.png".to_string()];
        let info = PackageInfo {
            title: "Kunden & Co <Training>",
            assignment: &assignment,
            files: &files,
            course_id: None,
        };
        let m12 = manifest(ScormVersion::Scorm12, &info);
        assert!(m12.contains("<schemaversion>1.2</schemaversion>"));
        assert!(m12.contains("adlcp:scormtype=\"sco\""));
        assert!(
            !m12.contains("masteryscore"),
            "no mastery score for an LMS to override the app's status with"
        );
        assert!(m12.contains("<file href=\"icons/icon-192.png\"/>"));
        assert!(m12.contains("Kunden &amp; Co &lt;Training&gt;"));
        let m04 = manifest(ScormVersion::Scorm2004, &info);
        assert!(m04.contains("<schemaversion>2004 4th Edition</schemaversion>"));
        assert!(m04.contains("adlcp:scormType=\"sco\""));
        let xapi = with_xapi_settings("<head>", "https://lrs.example/xapi/", "Basic a+b=");
        assert_eq!(
            xapi,
            "<head>\n    <meta name=\"counterpart-xapi\" content=\"endpoint=https%3A%2F%2Flrs.example%2Fxapi%2F&amp;auth=Basic%20a%2Bb%3D\" />"
        );
        let html = with_assignment("<html><head><title>x</title></head></html>", &assignment);
        assert!(html.contains(
            "<meta name=\"counterpart-assignment\" content=\"required=a,b&amp;mastery=75\" />"
        ));
    }

    #[test]
    fn the_hand_out_files_stay_out_of_packages() {
        for kept in [
            "index.html",
            "scenarios/index.json",
            "handout.txt",
            "icons/handout/x",
        ] {
            assert!(is_packaged(kept), "{kept}");
        }
        for left_out in ["handout/counterpart.html", "handout/app-files.json"] {
            assert!(!is_packaged(left_out), "{left_out}");
        }
    }

    #[test]
    fn each_package_kind_has_its_name_and_descriptor() {
        let assignment = Assignment::default();
        let files = vec!["index.html".to_string()];
        let info = PackageInfo {
            title: "T",
            assignment: &assignment,
            files: &files,
            course_id: None,
        };
        let named: Vec<(&str, &str)> = PackageKind::ALL
            .iter()
            .map(|k| (k.stem(), k.descriptor(&info).0))
            .collect();
        assert_eq!(
            named,
            [
                ("counterpart-scorm12", "imsmanifest.xml"),
                ("counterpart-scorm2004", "imsmanifest.xml"),
                ("counterpart-cmi5", "cmi5.xml"),
            ]
        );
        assert_eq!(
            PackageKind::Scorm2004.descriptor(&info).1,
            manifest(ScormVersion::Scorm2004, &info)
        );
        assert_eq!(
            PackageKind::Cmi5.descriptor(&info).1,
            cmi5_course_structure(&info)
        );
    }

    fn cmi5_for(title: &str, mastery: u8, course_id: Option<&str>) -> String {
        let assignment = Assignment {
            required: vec![ScenarioId::new("a"), ScenarioId::new("b")],
            mastery_score: mastery,
        };
        let files = vec!["index.html".to_string()];
        cmi5_course_structure(&PackageInfo {
            title,
            assignment: &assignment,
            files: &files,
            course_id,
        })
    }

    /// The text of every element of `xml` that has some, unescaped, with the
    /// element's name.
    fn texts(xml: &str) -> Vec<(String, String)> {
        let mut reader = quick_xml::Reader::from_str(xml);
        let (mut text, mut found) = (String::new(), Vec::new());
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(_) => text.clear(),
                Event::Text(t) => text += &t.decode().unwrap(),
                Event::GeneralRef(r) => {
                    text += match r.decode().unwrap().as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other => panic!("unexpected entity {other}"),
                    }
                }
                Event::End(e) => {
                    if !text.trim().is_empty() {
                        let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                        found.push((name, std::mem::take(&mut text)));
                    }
                    text.clear();
                }
                Event::Eof => return found,
                _ => {}
            }
        }
    }

    #[test]
    fn cmi5_course_structure_has_one_course_and_one_au_with_escaped_titles() {
        let xml = cmi5_for("Kunden & Co <Training>", 70, None);
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assert!(xml.contains(
            "<courseStructure xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd\">"
        ));
        assert_eq!(xml.matches("<course ").count(), 1);
        assert_eq!(xml.matches("<au ").count(), 1);
        assert!(
            xml.contains("<course id=\"https://counterpart.invalid/course/kunden-co-training\">")
        );
        assert!(xml.contains(
            "<au id=\"https://counterpart.invalid/course/kunden-co-training/au\" moveOn=\"CompletedAndPassed\" masteryScore=\"0.7\" launchMethod=\"AnyWindow\">"
        ));
        assert!(
            xml.contains(
                "<langstring lang=\"de-DE\">Kunden &amp; Co &lt;Training&gt;</langstring>"
            )
        );
        assert!(
            xml.contains(
                "<langstring lang=\"en-US\">Kunden &amp; Co &lt;Training&gt;</langstring>"
            )
        );
        assert!(xml.contains("<url>index.html</url>"));
        assert!(xml.contains("<launchParameters>required=a,b&amp;mastery=70</launchParameters>"));
        // Read back: the title comes out as given, twice each for course and AU.
        let texts = texts(&xml);
        let titles = texts
            .iter()
            .filter(|(_, t)| t == "Kunden & Co <Training>")
            .count();
        assert_eq!(titles, 4, "{texts:?}");
        assert!(texts.contains(&("launchParameters".into(), "required=a,b&mastery=70".into())));
        assert!(texts.iter().any(
            |(e, t)| e == "langstring" && t.starts_with("Counterpart ist ein Gesprächstrainer")
        ));
        assert!(
            texts.iter().any(|(e, t)| e == "langstring"
                && t.starts_with("Counterpart is a conversation trainer"))
        );
    }

    #[test]
    fn cmi5_mastery_score_is_a_decimal_from_0_to_1_and_absent_for_mastery_0() {
        for (mastery, written) in [
            (70, "0.7"),
            (85, "0.85"),
            (100, "1"),
            (5, "0.05"),
            (1, "0.01"),
            (99, "0.99"),
            (0, "0"),
        ] {
            assert_eq!(cmi5_mastery_score(mastery), written, "{mastery}");
        }
        assert!(
            cmi5_for("T", 85, None)
                .contains(" moveOn=\"CompletedAndPassed\" masteryScore=\"0.85\" ")
        );
        assert!(
            cmi5_for("T", 100, None).contains(" moveOn=\"CompletedAndPassed\" masteryScore=\"1\" ")
        );
        let none = cmi5_for("T", 0, None);
        assert!(!none.contains("masteryScore"), "{none}");
        assert!(
            none.contains(" moveOn=\"Completed\" launchMethod=\"AnyWindow\">"),
            "{none}"
        );
        assert!(none.contains("<launchParameters>required=a,b&amp;mastery=0</launchParameters>"));
    }

    #[test]
    fn cmi5_ids_come_from_the_title_or_the_given_iri() {
        let assignment = Assignment::default();
        let info = |title, course_id| PackageInfo {
            title,
            assignment: &assignment,
            files: &[],
            course_id,
        };
        assert_eq!(
            cmi5_course_id(&info("Kundengespräche & Übungen", None)),
            "https://counterpart.invalid/course/kundengespraeche-uebungen"
        );
        assert_eq!(
            cmi5_course_id(&info("Counterpart – Kundengespräche üben", None)),
            "https://counterpart.invalid/course/counterpart-kundengespraeche-ueben"
        );
        assert_eq!(
            cmi5_course_id(&info(" – ", None)),
            "https://counterpart.invalid/course/counterpart"
        );
        let given = "https://lms.example.org/courses/42?a=1&b=2";
        assert_eq!(cmi5_course_id(&info("T", Some(given))), given);
        assert_eq!(cmi5_au_id("urn:example:course/"), "urn:example:course/au");
        let xml = cmi5_for("T", 70, Some(given));
        assert!(xml.contains("<course id=\"https://lms.example.org/courses/42?a=1&amp;b=2\">"));
        assert!(xml.contains("<au id=\"https://lms.example.org/courses/42?a=1&amp;b=2/au\""));

        for good in [
            "https://counterpart.invalid/course/x",
            "urn:uuid:0b7f6e1c-1d0f-4a53-9c55-1e0f3c7d2a10",
            "https://ex.org/kurs/gespräch",
        ] {
            assert!(is_absolute_iri(good), "{good}");
        }
        for bad in [
            "",
            "course-1",
            ":x",
            "https:",
            "1http://x",
            "https://x/a b",
            "https://x/\"y\"",
            "https://x/<y>",
        ] {
            assert!(!is_absolute_iri(bad), "{bad}");
        }
    }
}
