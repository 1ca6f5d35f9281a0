//! What a package installs: the desktop entry (checked by desktop-file-validate), the file
//! types it opens, the icons, the manual page (rendered by man) and the shell completions made
//! from the command line's own definition, and every file the .deb lists being there.

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs a tool if it is installed (required in CI with `READINGROOM_REQUIRE_PACKAGE_TOOLS=1`).
fn tool(program: &str, args: &[&str]) -> Option<std::process::Output> {
    match std::process::Command::new(program).args(args).output() {
        Ok(out) => Some(out),
        Err(_) if std::env::var_os("READINGROOM_REQUIRE_PACKAGE_TOOLS").is_none() => {
            eprintln!("{program} is not installed: its check is skipped here (CI runs it)");
            None
        }
        Err(e) => panic!("{program}: {e}"),
    }
}

#[test]
fn the_desktop_entry_is_valid_and_opens_the_files_it_names() {
    let entry = root().join("assets/linux/readingroom.desktop");
    if let Some(out) = tool("desktop-file-validate", &[entry.to_str().unwrap()]) {
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success() && !said.contains("error:"), "{said}");
    }
    let text = std::fs::read_to_string(&entry).unwrap();
    assert!(text.contains("Exec=readingroom %f"));
    assert!(text.contains("Categories=Education;Science;"));
    // Every type it says it opens is a standard one or one the package defines.
    let mime = std::fs::read_to_string(root().join("assets/linux/readingroom-mime.xml")).unwrap();
    let types = text
        .lines()
        .find_map(|l| l.strip_prefix("MimeType="))
        .unwrap();
    for t in types.split(';').filter(|t| !t.is_empty()) {
        assert!(
            t == "application/ld+json" || mime.contains(&format!("type=\"{t}\"")),
            "{t} is neither standard nor defined"
        );
    }
    if let Some(out) = tool(
        "xmllint",
        &[
            "--noout",
            root()
                .join("assets/linux/readingroom-mime.xml")
                .to_str()
                .unwrap(),
        ],
    ) {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn the_manual_page_and_completions_are_made_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = crate::readingroom(&["generate-package-files", dir.path().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |f: &str| std::fs::read_to_string(dir.path().join(f)).unwrap();
    let page = read("readingroom.1");
    assert!(page.contains(".TH readingroom 1"), "{page}");
    // Every subcommand a user types is completed.
    for sub in ["docs", "add-doc", "export", "notes", "query"] {
        assert!(read("readingroom.bash").contains(sub), "bash: {sub}");
        assert!(read("readingroom.fish").contains(sub), "fish: {sub}");
        assert!(read("_readingroom").contains(sub), "zsh: {sub}");
    }
    if let Some(out) = tool(
        "man",
        &["-l", dir.path().join("readingroom.1").to_str().unwrap()],
    ) {
        let shown = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && shown.contains("NAME") && shown.contains("SYNOPSIS"),
            "{shown}"
        );
    }
}

#[test]
fn every_file_the_package_lists_is_in_the_checkout_or_made_by_the_build() {
    let cargo = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let section = cargo
        .split("[package.metadata.deb]")
        .nth(1)
        .unwrap()
        .split("\n[")
        .next()
        .unwrap();
    let mut listed = 0;
    for line in section.lines() {
        let Some(rest) = line.trim().strip_prefix("[\"") else {
            continue;
        };
        let source = rest.split('"').next().unwrap();
        listed += 1;
        if let Some(made) = source.strip_prefix("target/package-files/") {
            assert!(
                readingroom_core_files().contains(&made),
                "{source}: not made by generate-package-files"
            );
        } else if source != "target/release/readingroom" {
            assert!(root().join(source).is_file(), "{source} is missing");
        }
    }
    assert!(listed >= 14, "{listed} files listed");
    // The icon in every hicolor size, at that size.
    for size in [16, 32, 48, 64, 128, 256] {
        let png = root().join(format!("assets/linux/icons/{size}x{size}/readingroom.png"));
        let bytes = std::fs::read(&png).unwrap();
        let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
        let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
        assert_eq!((w, h), (size, size), "{}", png.display());
    }
}

fn readingroom_core_files() -> [&'static str; 4] {
    readingroom::cli::package_files::FILES
}

#[test]
fn a_file_opened_from_the_file_manager_opens_a_notebook_or_asks_before_importing() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let mut h = crate::ui::harness_on(&dir.path().join("n.ron"));
    // Notes from a colleague (W3C annotations): offered in Import notes, nothing merged yet.
    let notes = dir.path().join("colleague.jsonld");
    std::fs::write(
        &notes,
        r#"{"type": "AnnotationCollection", "first": {"items": []}}"#,
    )
    .unwrap();
    let before = h.state().session.notebook.clone();
    h.state_mut().open_given_file(&notes);
    h.run();
    let field = h.get_by_role_and_label(egui::Role::TextInput, "Notes file to import");
    assert_eq!(field.value().as_deref(), notes.to_str());
    assert_eq!(
        h.state().session.notebook,
        before,
        "nothing merged before asking"
    );
    // A notebook is opened.
    let other = dir.path().join("other.ron");
    let mut file = readingroom::notes::NotebookFile::new_unsaved(&other);
    file.notebook.authors.push("Ana".into());
    file.save().unwrap();
    h.state_mut().prompt = None;
    h.state_mut().open_given_file(&other);
    h.run();
    assert_eq!(h.state().session.path.as_deref(), Some(other.as_path()));
    assert_eq!(h.state().session.notebook.authors, vec!["Ana".to_string()]);
}

#[test]
fn a_file_on_the_command_line_is_not_taken_for_a_subcommand() {
    use clap::Parser;
    let cli =
        readingroom::cli::Cli::try_parse_from(["readingroom", "/tmp/x/notebook.ron"]).unwrap();
    assert_eq!(cli.open.as_deref(), Some(Path::new("/tmp/x/notebook.ron")));
    assert!(cli.command.is_none());
    let cli = readingroom::cli::Cli::try_parse_from(["readingroom", "docs"]).unwrap();
    assert!(cli.open.is_none() && cli.command.is_some());
    // Global options before a subcommand, or before a file.
    let cli = readingroom::cli::Cli::try_parse_from([
        "readingroom",
        "--data-dir",
        "/tmp/d",
        "docs",
        "--json",
    ])
    .unwrap();
    assert!(cli.open.is_none() && cli.command.is_some());
    let cli =
        readingroom::cli::Cli::try_parse_from(["readingroom", "--data-dir", "/tmp/d", "n.ron"])
            .unwrap();
    assert_eq!(cli.open.as_deref(), Some(Path::new("n.ron")));
}
