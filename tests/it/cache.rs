//! The analysis cache as a user meets it: the CLI writes it on the first run, reuses it after,
//! and a damaged or foreign cache file never stops it (it is rebuilt).

use crate::readingroom_in;

fn cache_files(data: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(data.join("cache"))
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.extension().is_some_and(|x| x == "bin")
                        && !p.to_string_lossy().ends_with(".catalog.bin")
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_cli_writes_the_cache_once_and_survives_a_damaged_one() {
    let data = tempfile::tempdir().unwrap();
    let archive = data.path().join("archive");
    readingroom_core::corpus::synthetic::write_corpus_dir(&archive, 60, 2000).unwrap();
    let dir = archive.to_str().unwrap();
    let args = [
        "--corpus",
        dir,
        "docs",
        "--person",
        "Fidel Castro",
        "--json",
    ];
    let first = readingroom_in(data.path(), &args);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let files = cache_files(data.path());
    assert_eq!(files.len(), 1, "one cache file for the archive: {files:?}");
    let written = std::fs::metadata(&files[0]).unwrap().modified().unwrap();

    let second = readingroom_in(data.path(), &args);
    assert_eq!(second.stdout, first.stdout);
    assert_eq!(
        std::fs::metadata(&files[0]).unwrap().modified().unwrap(),
        written,
        "a warm start does not rewrite the cache"
    );

    for junk in [&b"garbage"[..], &[0u8; 4096][..]] {
        std::fs::write(&files[0], junk).unwrap();
        let again = readingroom_in(data.path(), &args);
        assert!(again.status.success());
        assert_eq!(
            again.stdout, first.stdout,
            "a damaged cache is rebuilt, not trusted"
        );
    }
    assert!(
        std::fs::metadata(&files[0]).unwrap().len() > 4096,
        "and written again"
    );
}

#[test]
fn an_unwritable_cache_is_a_warning_not_a_failure() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("cache"),
        "a file where the cache folder goes",
    )
    .unwrap();
    let out = readingroom_in(data.path(), &["docs", "--json"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("analysis cache could not be saved"), "{err}");
}

/// The window opens on the library before anything is analysed, analyses in the background
/// (the status bar says so), and then the people filters and the search engine are there.
#[test]
fn the_window_opens_at_once_and_analyses_the_library_in_the_background() {
    use egui_kittest::kittest::Queryable;
    let (data, archive) = crate::scale::archive(600, 1500);
    let ws = readingroom::Workspace::load_unanalysed(Some(&archive), data.path()).unwrap();
    assert!(!ws.analysed && ws.people.roles.is_empty());
    let mut h = crate::scale::window_on(ws, data.path());
    h.step();
    assert!(
        h.query_by_label_contains("600 of 600 documents").is_some(),
        "the library is there"
    );
    assert_eq!(
        h.state().jobs.len(),
        1,
        "the analysis runs in the background"
    );
    crate::ui_safety::step_until_jobs_end(&mut h);
    let ws = &h.state().workspace;
    assert!(ws.analysed);
    assert!(
        ws.people
            .roles
            .values()
            .any(|r| r.contains_key("fidel-castro"))
    );
    assert!(
        ws.search.has_engine(),
        "600 documents get the search engine"
    );
    let r = ws
        .find("Escambray spoke:Castro", &Default::default())
        .unwrap();
    assert!(r.documents > 0);
    // The next start finds everything in the cache and the index.
    let again = readingroom::Workspace::load_unanalysed(Some(&archive), data.path())
        .unwrap()
        .analysed(None);
    assert_eq!(again.cache_report.reused, 600);
    assert_eq!(
        again.search.engine_status,
        Some(Ok(readingroom::search::engine::EngineReport::default()))
    );
}

/// A window on a generated archive, not analysed, with its background analysis stopped (the
/// test brings the analysis in itself), and the analysed workspace.
fn window_before_its_analysis(
    n: usize,
    bytes: usize,
) -> (
    tempfile::TempDir,
    readingroom::Workspace,
    egui_kittest::Harness<'static, readingroom::ui::app::ReadingRoomApp>,
) {
    let (data, archive) = crate::scale::archive(n, bytes);
    let ws = readingroom::Workspace::load_unanalysed(Some(&archive), data.path()).unwrap();
    let full = ws.analysed(None);
    let mut h = crate::scale::window_on(ws.clone(), data.path());
    for job in h.state_mut().jobs.drain(..) {
        job.cancel();
    }
    h.state_mut().workspace = std::sync::Arc::new(ws);
    (data, full, h)
}

/// What the background analysis hands over while it goes on is shown at once: the people of
/// the documents done so far, before the analysis ends.
#[test]
fn the_window_shows_the_analysis_as_it_arrives() {
    let (_data, full, mut h) = window_before_its_analysis(60, 800);
    // In place of the real analysis: one that hands over a part and waits to be let go.
    let mut so_far = full.clone();
    so_far.analysed = false;
    let (go, wait) = std::sync::mpsc::channel::<()>();
    h.state_mut().jobs.push(readingroom::jobs::spawn(
        "Analysing the library",
        move |ctx| {
            ctx.hand_over(so_far);
            let _ = wait.recv();
            readingroom::ui::app::JobOutput::Analysis(Box::new(full))
        },
    ));
    for _ in 0..200 {
        h.step();
        if !h.state().workspace.people.roles.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let ws = &h.state().workspace;
    assert!(!ws.analysed, "still analysing");
    assert!(
        ws.people
            .roles
            .values()
            .any(|r| r.contains_key("fidel-castro")),
        "the part handed over is shown"
    );
    go.send(()).unwrap();
    crate::ui_safety::step_until_jobs_end(&mut h);
    assert!(h.state().workspace.analysed);
}

/// `search` on an archive answers from the index once it is up to date, with the very output
/// of a full open.
#[test]
fn a_warm_cli_search_answers_from_the_index_with_the_same_output() {
    let (data, archive) = crate::scale::archive(510, 800);
    let dir = archive.to_str().unwrap();
    for q in [
        "Escambray",
        "\"cosmonaut of peace\" OR Gagarin",
        "Castro NOT Kennedy",
    ] {
        let args = ["--corpus", dir, "search", q, "--json", "--limit", "50"];
        let first = readingroom_in(data.path(), &args); // opens the workspace, builds the index
        let second = readingroom_in(data.path(), &args); // from the index
        assert!(first.status.success() && second.status.success());
        assert_eq!(
            String::from_utf8_lossy(&first.stdout),
            String::from_utf8_lossy(&second.stdout),
            "{q}"
        );
    }
}

/// "Who said what", opened while the library is still being analysed, lists the passages once
/// the analysis arrives (it kept the empty list of the unanalysed library before).
#[test]
fn who_said_what_follows_the_analysis_when_it_arrives() {
    use egui_kittest::kittest::Queryable;
    let (_data, full, mut h) = window_before_its_analysis(40, 1500);
    h.state_mut().view = readingroom::ui::app::CentralView::Speakers;
    h.state_mut().concordance.person = Some("fidel-castro".into());
    h.run();
    assert!(
        h.query_by_label_contains("0 passages in 0 documents")
            .is_some()
    );
    let expected = full
        .speakers
        .concordance(&full.corpus, "fidel-castro")
        .len();
    assert!(expected > 0);
    h.state_mut().workspace = std::sync::Arc::new(full);
    h.run();
    assert!(
        h.query_by_label_contains(&format!("{expected} passages in"))
            .is_some(),
        "the list follows the analysed library"
    );
}
