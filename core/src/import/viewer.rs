//! Opening a document's kept original with the system's viewer, at the page where the reader
//! is when the original is a PDF and the viewer can be told a page (Evince, Okular, Zathura,
//! qpdfview, Atril, Xreader, MuPDF, Firefox, Chromium). Any other viewer, or any other file, is
//! opened with `xdg-open` at its start, and the caller says on which page the passage is.

use std::ffi::OsString;
use std::path::Path;

/// A command that opens an original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opener {
    /// The program.
    pub program: String,
    /// Its arguments.
    pub args: Vec<OsString>,
    /// Whether it opens at the page asked for.
    pub at_page: bool,
}

/// The desktop entry of the default PDF viewer (`xdg-mime query default application/pdf`),
/// if the system says.
pub fn default_pdf_viewer() -> Option<String> {
    let out = std::process::Command::new("xdg-mime")
        .args(["query", "default", "application/pdf"])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let name = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (out.status.success() && !name.is_empty()).then_some(name)
}

/// Whether a program is on `PATH`.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| {
            let f = dir.join(program);
            f.is_file()
        })
    })
}

/// How to open `file` at `page` (its position in the PDF, from 1) with the viewer whose
/// desktop entry is `viewer`; `installed` says whether a program is there to run.
pub fn opener(
    viewer: Option<&str>,
    file: &Path,
    page: Option<u32>,
    installed: &dyn Fn(&str) -> bool,
) -> Opener {
    let plain = || Opener {
        program: "xdg-open".into(),
        args: vec![file.as_os_str().to_owned()],
        at_page: false,
    };
    let is_pdf = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let (Some(viewer), Some(page), true) = (viewer, page, is_pdf) else {
        return plain();
    };
    let viewer = viewer.to_lowercase();
    let path = file.as_os_str().to_owned();
    let url = || {
        let mut u = OsString::from("file://");
        u.push(file.as_os_str());
        u.push(format!("#page={page}"));
        u
    };
    // (what the desktop entry's name holds, program, arguments)
    let known: [(&str, &str, Vec<OsString>); 10] = [
        (
            "evince",
            "evince",
            vec![format!("--page-index={page}").into(), path.clone()],
        ),
        (
            "okular",
            "okular",
            vec!["--page".into(), page.to_string().into(), path.clone()],
        ),
        (
            "zathura",
            "zathura",
            vec![format!("--page={page}").into(), path.clone()],
        ),
        (
            "qpdfview",
            "qpdfview",
            vec![{
                let mut p = path.clone();
                p.push(format!("#{page}"));
                p
            }],
        ),
        (
            "atril",
            "atril",
            vec![format!("--page-index={page}").into(), path.clone()],
        ),
        (
            "xreader",
            "xreader",
            vec![format!("--page-index={page}").into(), path.clone()],
        ),
        (
            "mupdf",
            "mupdf",
            vec![path.clone(), page.to_string().into()],
        ),
        ("firefox", "firefox", vec![url()]),
        ("chromium", "chromium", vec![url()]),
        ("google-chrome", "google-chrome", vec![url()]),
    ];
    for (name, program, args) in known {
        if viewer.contains(name) && installed(program) {
            return Opener {
                program: program.into(),
                args,
                at_page: true,
            };
        }
    }
    plain()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_opens_at_its_page_in_viewers_that_can_be_told_one() {
        let file = Path::new("/data/documents/originals/abc.pdf");
        let all = |_: &str| true;
        let o = opener(Some("org.gnome.Evince.desktop"), file, Some(3), &all);
        assert_eq!(o.program, "evince");
        assert_eq!(o.args, [OsString::from("--page-index=3"), file.into()]);
        assert!(o.at_page);
        let o = opener(Some("org.kde.okular.desktop"), file, Some(3), &all);
        assert_eq!(o.args, [OsString::from("--page"), "3".into(), file.into()]);
        let o = opener(Some("firefox-esr.desktop"), file, Some(3), &all);
        assert_eq!(
            o.args,
            [OsString::from(
                "file:///data/documents/originals/abc.pdf#page=3"
            )]
        );
        // An unknown viewer, a viewer not installed, or not a PDF: xdg-open, at the start.
        for (viewer, installed, name) in [
            ("com.example.Viewer.desktop", true, "abc.pdf"),
            ("org.gnome.Evince.desktop", false, "abc.pdf"),
            ("org.gnome.Evince.desktop", true, "abc.docx"),
        ] {
            let file = Path::new("/data").join(name);
            let o = opener(Some(viewer), &file, Some(3), &|_| installed);
            assert_eq!((o.program.as_str(), o.at_page), ("xdg-open", false));
            assert_eq!(o.args, [file.as_os_str().to_owned()]);
        }
    }
}
