//! `counterpart-package`: turns a release build into SCORM 1.2 and SCORM 2004
//! (4th edition) zips and a cmi5 course package (`counterpart-cmi5.zip`:
//! `cmi5.xml` at the root, then the build). `scripts/package-scorm` builds the
//! app and runs this.
//!
//!   counterpart-package [--dist dist] [--out target/scorm] [--title "…"]
//!                       [--required id,id] [--mastery 70] [--id IRI]
//!
//! `--id` is the cmi5 course id (an absolute IRI; the AU's id is it plus
//! `/au`); without it, `https://counterpart.invalid/course/<slug of the
//! title>` (see `cmi5_course_id`). The SCORM packages do not use it.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use counterpart::engine::ScenarioId;
    use counterpart::lms::mapping::Assignment;
    use counterpart::lms::package::{
        PackageInfo, PackageKind, cmi5_course_id, is_absolute_iri, is_packaged, with_assignment,
        with_xapi_settings,
    };
    use std::io::Write;
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    struct Options {
        dist: PathBuf,
        out: PathBuf,
        title: String,
        assignment: Assignment,
        /// The cmi5 course id (`--id`); `None`: derived from the title.
        course_id: Option<String>,
        /// Plain xAPI: the LRS's endpoint and `Authorization` header.
        xapi: (Option<String>, Option<String>),
    }

    /// Reads the arguments (with lexopt); `Ok(None)` for `--help`.
    fn parse(
        args: impl IntoIterator<Item = std::ffi::OsString>,
    ) -> Result<Option<Options>, String> {
        use lexopt::prelude::*;
        let mut options = Options {
            dist: PathBuf::from("dist"),
            out: PathBuf::from("target/scorm"),
            title: "Counterpart – Kundengespräche üben".into(),
            assignment: Assignment::default(),
            course_id: None,
            xapi: (None, None),
        };
        let mut parser = lexopt::Parser::from_args(args);
        let text = |parser: &mut lexopt::Parser| -> Result<String, lexopt::Error> {
            parser.value()?.string()
        };
        let mut read = || -> Result<bool, lexopt::Error> {
            while let Some(arg) = parser.next()? {
                match arg {
                    Long("dist") => options.dist = parser.value()?.into(),
                    Long("out") => options.out = parser.value()?.into(),
                    Long("title") => options.title = text(&mut parser)?,
                    Long("required") => {
                        options.assignment.required = text(&mut parser)?
                            .split(',')
                            .filter(|s| !s.is_empty())
                            .map(ScenarioId::new)
                            .collect();
                    }
                    Long("mastery") => {
                        options.assignment.mastery_score = text(&mut parser)?
                            .parse::<u8>()
                            .ok()
                            .filter(|m| *m <= 100)
                            .ok_or("--mastery takes 0–100")?;
                    }
                    Long("id") => {
                        let id = text(&mut parser)?;
                        if !is_absolute_iri(&id) {
                            return Err(
                                "--id takes an absolute IRI, e.g. https://example.org/courses/counterpart"
                                    .into(),
                            );
                        }
                        options.course_id = Some(id);
                    }
                    Long("xapi-endpoint") => options.xapi.0 = Some(text(&mut parser)?),
                    Long("xapi-auth") => options.xapi.1 = Some(text(&mut parser)?),
                    Short('h') | Long("help") => return Ok(false),
                    _ => return Err(arg.unexpected()),
                }
            }
            Ok(true)
        };
        match read() {
            Ok(true) => Ok(Some(options)),
            Ok(false) => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Every file under `dir` that goes into a package (not the hand-out
    /// screen's own files, see `is_packaged`), relative, `/`-separated, sorted.
    fn files_in(dir: &Path) -> std::io::Result<Vec<String>> {
        let mut found = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(current) = stack.pop() {
            for entry in std::fs::read_dir(&current)? {
                let path = entry?.path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(relative) = path.strip_prefix(dir) {
                    found.push(
                        relative
                            .components()
                            .map(|c| c.as_os_str().to_string_lossy())
                            .collect::<Vec<_>>()
                            .join("/"),
                    );
                }
            }
        }
        found.retain(|f| is_packaged(f));
        found.sort();
        Ok(found)
    }

    /// The zip at `path`: `descriptor` (name, text; `imsmanifest.xml` or
    /// `cmi5.xml`) at the root, then every file of the build, `index.html`
    /// replaced by `index_html`.
    fn write_zip(
        path: &Path,
        dist: &Path,
        files: &[String],
        index_html: &str,
        descriptor: Option<(&str, &str)>,
    ) -> Result<(), String> {
        let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut zip = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut add = |name: &str, bytes: &[u8]| -> Result<(), String> {
            zip.start_file(name, options).map_err(|e| e.to_string())?;
            zip.write_all(bytes).map_err(|e| e.to_string())
        };
        if let Some((name, text)) = descriptor {
            add(name, text.as_bytes())?;
        }
        for name in files {
            if name == "index.html" {
                add(name, index_html.as_bytes())?;
            } else {
                let bytes = std::fs::read(dist.join(name)).map_err(|e| format!("{name}: {e}"))?;
                add(name, &bytes)?;
            }
        }
        zip.finish().map_err(|e| e.to_string())?;
        Ok(())
    }

    /// Writes `<out>/<name>.zip` (the descriptor at its root, then the build)
    /// and the descriptor alone into `<out>/<name>/`, for a look without
    /// unzipping; returns the zip, the folder and the zip's size.
    fn write_package(
        options: &Options,
        files: &[String],
        index: &str,
        name: &str,
        descriptor: (&str, &str),
    ) -> Result<(PathBuf, PathBuf, u64), String> {
        let path = options.out.join(format!("{name}.zip"));
        write_zip(&path, &options.dist, files, index, Some(descriptor))?;
        let folder = options.out.join(name);
        std::fs::create_dir_all(&folder).map_err(|e| e.to_string())?;
        std::fs::write(folder.join(descriptor.0), descriptor.1).map_err(|e| e.to_string())?;
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        Ok((path, folder, size))
    }

    fn run(options: &Options) -> Result<(), String> {
        let files = files_in(&options.dist).map_err(|e| {
            format!(
                "{}: {e} (build the app first: scripts/package-scorm)",
                options.dist.display()
            )
        })?;
        if !files.iter().any(|f| f == "index.html") {
            return Err(format!(
                "{} has no index.html: build the app first",
                options.dist.display()
            ));
        }
        let index =
            std::fs::read_to_string(options.dist.join("index.html")).map_err(|e| e.to_string())?;
        let index = with_assignment(&index, &options.assignment);
        std::fs::create_dir_all(&options.out).map_err(|e| e.to_string())?;
        let info = PackageInfo {
            title: &options.title,
            assignment: &options.assignment,
            files: &files,
            course_id: options.course_id.as_deref(),
        };
        // SCORM 1.2, SCORM 2004 and cmi5: the same build and index.html, each
        // with its descriptor at the root.
        for kind in PackageKind::ALL {
            let (descriptor, xml) = kind.descriptor(&info);
            let (path, folder, size) =
                write_package(options, &files, &index, kind.stem(), (descriptor, &xml))?;
            let course = match kind {
                PackageKind::Cmi5 => format!("; course id {}", cmi5_course_id(&info)),
                _ => String::new(),
            };
            println!(
                "{}: {} files, {size} bytes ({descriptor} also in {}{course})",
                path.display(),
                files.len() + 1,
                folder.display()
            );
        }
        // Plain xAPI: the app with the LRS written into its index.html.
        match &options.xapi {
            (Some(endpoint), Some(auth)) => {
                let path = options.out.join("counterpart-xapi.zip");
                let index = with_xapi_settings(&index, endpoint, auth);
                write_zip(&path, &options.dist, &files, &index, None)?;
                println!(
                    "{}: {} files (sends xAPI statements to {endpoint})",
                    path.display(),
                    files.len()
                );
            }
            (None, None) => {}
            _ => return Err("--xapi-endpoint and --xapi-auth go together".into()),
        }
        Ok(())
    }

    pub fn main() -> ExitCode {
        let options = match parse(std::env::args_os().skip(1)) {
            Ok(Some(options)) => Ok(options),
            Ok(None) => {
                eprintln!(
                    "usage: counterpart-package [--dist dist] [--out target/scorm] [--title T] [--required id,id] [--mastery 70] [--id IRI]\n\
                     \x20                          [--xapi-endpoint URL --xapi-auth 'Basic …']\n\n\
                     Writes counterpart-scorm12.zip, counterpart-scorm2004.zip and the cmi5 course package\n\
                     counterpart-cmi5.zip (cmi5.xml at the root) to --out. --id is the cmi5 course id, an\n\
                     absolute IRI (default: https://counterpart.invalid/course/<slug of the title>).\n\
                     With --xapi-endpoint and --xapi-auth it also writes counterpart-xapi.zip, the app sending\n\
                     plain xAPI statements to that LRS (for an LMS without cmi5; use credentials that may only\n\
                     write statements, since anyone with the package can read them)."
                );
                return ExitCode::SUCCESS;
            }
            Err(e) => Err(e),
        };
        match options.and_then(|o| run(&o)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        }
    }
}
