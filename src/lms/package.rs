//! SCORM package contents: the `imsmanifest.xml` for SCORM 1.2 and SCORM 2004
//! 4th edition (quick-xml writes and escapes it), and the assignment written
//! into the app's `index.html`. Native only; `counterpart-package` zips it.

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
        let html = with_assignment("<html><head><title>x</title></head></html>", &assignment);
        assert!(html.contains(
            "<meta name=\"counterpart-assignment\" content=\"required=a,b&amp;mastery=75\" />"
        ));
    }
}
